"""Start pipeline executions: Step Functions in AWS, the local runner under `gridla serve`."""

import json
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from functools import cache
from typing import Any

from lambdas.core.settings import get_settings

LocalStarter = Callable[[str, dict[str, Any]], None]
_local_starter: list[LocalStarter] = []


def use_local_starter(starter: LocalStarter | None) -> None:
    """Route every start to `starter(name, input)` instead of Step Functions (None: undo)."""
    _local_starter[:] = [starter] if starter else []


def execution_name(prefix: str) -> str:
    """Unique, sortable, within Step Functions' 80-character name rules."""
    return f"{prefix}-{datetime.now(UTC):%Y%m%dT%H%M%SZ}-{uuid.uuid4().hex[:8]}"


@cache
def _stepfunctions() -> Any:
    import boto3

    return boto3.client("stepfunctions")


def start_execution(run_input: dict[str, Any]) -> str:
    """Start one pipeline execution with `run_input`; its name is the run id."""
    name = execution_name("api")
    if _local_starter:
        _local_starter[0](name, run_input)
        return name
    _stepfunctions().start_execution(
        stateMachineArn=get_settings().require("state_machine_arn"),
        name=name,
        input=json.dumps(run_input),
    )
    return name
