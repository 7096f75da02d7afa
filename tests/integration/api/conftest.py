"""A served API over a database holding the real LA data, moved to end at the last hour."""

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import boto3
import pandas as pd
import psycopg
import pytest
from moto import mock_aws

from lambdas.api import executions
from lambdas.core.settings import get_settings
from lambdas.local.server import serving
from tests.integration.analysis_data import load_measurements, recent_history

DAYS = 45


@pytest.fixture
def stored(db: psycopg.Connection, la_measurements: pd.DataFrame) -> pd.DataFrame:
    """The hours stored for this test."""
    frame = recent_history(la_measurements, DAYS, datetime.now(UTC))
    load_measurements(db, frame)
    return frame


@pytest.fixture
def api_url(database_url: str) -> Iterator[str]:
    """The API served on a free port (triggers go to Step Functions unless a test says)."""
    with serving(port=0, local_runs=False) as server:
        yield f"http://127.0.0.1:{server.server_address[1]}"


@pytest.fixture
def state_machine(monkeypatch: pytest.MonkeyPatch, database_url: str) -> Iterator[Any]:
    """A state machine in moto's Step Functions, named by STATE_MACHINE_ARN."""
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-west-2")
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    with mock_aws():
        client = boto3.client("stepfunctions")
        machine = client.create_state_machine(
            name="gridla-pipeline",
            definition=json.dumps({"StartAt": "Done", "States": {"Done": {"Type": "Succeed"}}}),
            roleArn="arn:aws:iam::123456789012:role/gridla",
        )
        monkeypatch.setenv("STATE_MACHINE_ARN", machine["stateMachineArn"])
        get_settings.cache_clear()
        executions._stepfunctions.cache_clear()
        yield client
    executions._stepfunctions.cache_clear()
    get_settings.cache_clear()
