"""The Lambda handler in-process (real replay server, real PostgreSQL), the token secret (moto),
and `gridla ingest`."""

import json
from datetime import UTC, datetime, timedelta

import boto3
import pytest
from moto import mock_aws
from typer.testing import CliRunner

from lambdas.core.errors import InvalidInput
from lambdas.core.settings import Settings, get_settings
from lambdas.ingest.client import resolve_token
from lambdas.ingest.handler import handler
from lambdas.local.cli import app
from lambdas.local.replay import Faults
from tests.events import LambdaContext, backfill_event

OUTPUT_KEYS = {
    "run_id",
    "zone",
    "action",
    "window",
    "rows_fetched",
    "rows_written",
    "rows_rejected",
    "gaps",
    "latest_datetime",
}


@pytest.fixture
def api_env(monkeypatch, database_url):
    """Point the settings at a replay server; returns a function taking the server."""

    def point_at(server, **variables):
        monkeypatch.setenv("ELECTRICITYMAPS_API_URL", server.url)
        for name, value in variables.items():
            monkeypatch.setenv(name, value)
        get_settings.cache_clear()

    return point_at


def test_handler_returns_the_design_output_and_publishes_data_age(replay, api_env, capsys):
    api_env(replay())
    event = backfill_event(
        "2020-12-01T00:00:00Z", "2020-12-03T00:00:00Z", steps=["analyze"], run_id="exec-7"
    )
    output = handler(event, LambdaContext())
    assert set(output) == OUTPUT_KEYS | {"steps"}
    assert output["run_id"] == "exec-7"
    assert output["steps"] == ["analyze"]
    assert output["window"] == {"start": "2020-12-01T00:00:00Z", "end": "2020-12-03T00:00:00Z"}
    assert (output["rows_fetched"], output["rows_written"], output["rows_rejected"]) == (48, 48, 0)
    assert output["latest_datetime"] == "2020-12-02T23:00:00Z"
    emitted = [json.loads(line) for line in capsys.readouterr().out.splitlines() if "_aws" in line]
    (metrics,) = emitted
    names = {m["Name"] for m in metrics["_aws"]["CloudWatchMetrics"][0]["Metrics"]}
    assert {"DataAgeSeconds", "RowsWritten", "RowsRejected", "GapCount"} <= names
    (age,) = metrics["DataAgeSeconds"]  # EMF: one value per add_metric
    assert age > timedelta(days=365).total_seconds()  # the newest stored hour is in 2020
    assert metrics["zone"] == "US-CAL-LDWP"


@pytest.mark.filterwarnings("ignore:No application metrics to publish")
def test_handler_refuses_bad_input_before_any_work(replay, api_env):
    server = replay()
    api_env(server)
    with pytest.raises(InvalidInput, match="start_date/end_date apply only to action 'backfill'"):
        handler({"start_date": "2020-01-01", "end_date": "2020-01-02"}, LambdaContext())
    assert server.api.stats.requests == []


def test_token_comes_from_its_secret(replay, api_env, monkeypatch):
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-west-2")
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    with mock_aws():
        secrets = boto3.client("secretsmanager")
        plain = secrets.create_secret(Name="em-token-plain", SecretString="tok-1 \n")["ARN"]
        as_json = secrets.create_secret(
            Name="em-token-json", SecretString=json.dumps({"token": "tok-2"})
        )["ARN"]
        assert resolve_token(Settings(electricitymaps_token_secret_arn=plain)) == "tok-1"
        assert resolve_token(Settings(electricitymaps_token_secret_arn=as_json)) == "tok-2"
        assert resolve_token(Settings(electricitymaps_token="env-tok")) == "env-tok"
        assert resolve_token(Settings()) is None

        api_env(replay(Faults(token="tok-2")), ELECTRICITYMAPS_TOKEN_SECRET_ARN=as_json)
        event = backfill_event("2020-12-01T00:00:00Z", "2020-12-01T06:00:00Z")
        assert handler(event, LambdaContext())["rows_written"] == 6


def test_gridla_ingest_backfills_with_a_summary(replay, database_url):
    server = replay()
    runner = CliRunner()
    args = ["ingest", "--backfill", "2020-12-01", "2020-12-02", "--api-url", server.url]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "rows written" in result.output
    assert "24" in result.output  # one Los Angeles day
    again = runner.invoke(app, args)
    assert again.exit_code == 0
    assert "│ 0 " in again.output.split("rows written")[1].splitlines()[0] + " "


def test_gridla_ingest_reports_bad_dates(replay, database_url):
    args = ["ingest", "--backfill", "2020-12-02", "2020-12-01", "--api-url", replay().url]
    result = CliRunner().invoke(app, args)
    assert isinstance(result.exception, InvalidInput)
    assert "must be before end_date" in str(result.exception)


def test_settings_default_zone_is_used(replay, api_env, db):
    api_env(replay(), ZONE="US-CAL-LDWP")
    start = datetime(2020, 12, 1, tzinfo=UTC)
    event = backfill_event(start.isoformat(), (start + timedelta(hours=3)).isoformat())
    assert handler(event, LambdaContext())["zone"] == "US-CAL-LDWP"
    assert db.execute("SELECT count(*) AS n FROM electricity_measurements").fetchone()["n"] == 3
