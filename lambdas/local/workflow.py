"""Execute state_machines/pipeline.asl.json on this machine with moto's ASL interpreter.

moto runs the definition for real (Choice, Parallel, Retry, Catch, intrinsics) but would
answer Lambda tasks with a stub; `dispatch_to` swaps its one invoke function for a call to our
handlers, in-process. That swap is the only coupling to moto's internals: pinned in
pyproject.toml and guarded by tests/integration/local/test_workflow_engine.py.
"""

import importlib
import json
import time
import traceback
import uuid
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from unittest import mock

from lambdas.core.errors import GridlaError
from lambdas.core.settings import PROJECT_ROOT

DEFINITION_PATH = PROJECT_ROOT / "state_machines" / "pipeline.asl.json"
REGION = "us-east-1"
ACCOUNT = "123456789012"
# moto's hook: the function its Lambda task states call to invoke a function.
MOTO_INVOKE = (
    "moto.stepfunctions.parser.asl.component.state.exec.state_task."
    "lambda_eval_utils._invoke_lambda_function"
)
# ${Placeholder} -> the handler it stands for, as deployed by cdk_app.
FUNCTIONS: dict[str, str] = {
    "IngestFunctionArn": "lambdas.ingest.handler:handler",
    "AnalyzeFunctionArn": "lambdas.analyze.handler:handler",
    "PredictFunctionArn": "lambdas.predict.handler:handler",
    "ClusterFunctionArn": "lambdas.cluster.handler:handler",
    "ValidateFunctionArn": "lambdas.control.handler:validate",
    "SummarizeFunctionArn": "lambdas.control.handler:summarize",
}

Handler = Callable[[dict[str, Any], Any], Any]


def function_arn(placeholder: str) -> str:
    name = "gridla-" + placeholder.removesuffix("FunctionArn").lower()
    return f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:{name}"


def substituted_definition(path: Path = DEFINITION_PATH) -> str:
    """The definition with every ${Placeholder} replaced, as CloudFormation would."""
    text = path.read_text(encoding="utf-8")
    for placeholder in FUNCTIONS:
        text = text.replace("${" + placeholder + "}", function_arn(placeholder))
    if "${" in text:
        raise GridlaError(f"{path.name} has a placeholder the local runner does not know")
    return text


def compressed_retries(definition: str, max_delay_s: int = 1) -> str:
    """The definition with every Retry wait capped at `max_delay_s` seconds, for fault drills.

    moto's interpreter sleeps each Retry interval in real time; the deployed waits (minutes,
    to span a failover) would make a drill as long. Attempts, error names and jitter stay as
    deployed, so a drill still exercises the same retry policy, only faster.
    """
    document = json.loads(definition)

    def compress(node: Any) -> None:
        if isinstance(node, dict):
            for retrier in node.get("Retry", []):
                retrier["IntervalSeconds"] = min(retrier.get("IntervalSeconds", 1), max_delay_s)
                retrier["MaxDelaySeconds"] = min(retrier.get("MaxDelaySeconds", 1), max_delay_s)
            for child in node.values():
                compress(child)
        elif isinstance(node, list):
            for child in node:
                compress(child)

    compress(document)
    return json.dumps(document)


def load_handler(target: str) -> Handler:
    module, _, attribute = target.partition(":")
    handler: Handler = getattr(importlib.import_module(module), attribute)
    return handler


@dataclass
class LambdaContext:
    """What our Powertools decorators read from a Lambda context."""

    function_name: str
    invoked_function_arn: str
    memory_limit_in_mb: int = 1024
    aws_request_id: str = field(default_factory=lambda: str(uuid.uuid4()))


def invoke(handlers: Mapping[str, Handler], parameters: dict[str, Any]) -> dict[str, Any]:
    """Answer one Lambda Invoke as the Lambda service would, running the handler here."""
    arn = parameters["FunctionName"]
    handler = handlers[arn]
    event = json.loads(parameters.get("Payload") or b"{}")
    context = LambdaContext(function_name=arn.rsplit(":", 1)[-1], invoked_function_arn=arn)
    try:
        payload = json.loads(json.dumps(handler(event, context), default=str))
    except Exception as exc:  # a Lambda reports every unhandled error to its caller this way
        return {
            "StatusCode": 200,
            "FunctionError": "Unhandled",
            "Payload": {
                "errorType": type(exc).__name__,
                "errorMessage": str(exc),
                "stackTrace": traceback.format_tb(exc.__traceback__),
            },
        }
    return {"StatusCode": 200, "Payload": payload}


@contextmanager
def dispatch_to(handlers: Mapping[str, Handler]) -> Iterator[None]:
    """Within the block, moto's Lambda tasks run `handlers` (by function ARN)."""

    def fake_invoke(parameters: dict[str, Any], **_: Any) -> dict[str, Any]:
        return invoke(handlers, parameters)

    with mock.patch(MOTO_INVOKE, side_effect=fake_invoke):
        yield


@dataclass
class Execution:
    """A finished execution: what went in, how it ended, and how long each state took."""

    run_id: str
    status: str
    input: dict[str, Any]
    output: dict[str, Any] | None
    error: str | None
    cause: str | None
    started_at: datetime
    stopped_at: datetime | None
    state_seconds: dict[str, float]


def state_durations(events: list[dict[str, Any]]) -> dict[str, float]:
    """Seconds spent in each state, from the execution history's Entered/Exited pairs."""
    entered: dict[str, datetime] = {}
    durations: dict[str, float] = {}
    for event in events:
        if "stateEnteredEventDetails" in event:
            entered[event["stateEnteredEventDetails"]["name"]] = event["timestamp"]
        elif "stateExitedEventDetails" in event:
            name = event["stateExitedEventDetails"]["name"]
            if name in entered:
                durations[name] = (event["timestamp"] - entered[name]).total_seconds()
    return durations


def execute(
    run_input: dict[str, Any],
    *,
    handlers: Mapping[str, Handler] | None = None,
    definition: str | None = None,
    name: str | None = None,
    timeout_s: float = 3600,
) -> Execution:
    """Run one execution of the pipeline to its end and describe it."""
    import boto3
    from moto import mock_aws
    from moto.core.config import DefaultConfig

    by_arn = {
        function_arn(placeholder): (handlers or {}).get(placeholder) or load_handler(target)
        for placeholder, target in FUNCTIONS.items()
    }
    config: DefaultConfig = {
        "stepfunctions": {"execute_state_machine": True},
        "lambda": {"use_docker": False},
    }
    with mock_aws(config=config), dispatch_to(by_arn):
        client = boto3.client(
            "stepfunctions",
            region_name=REGION,
            aws_access_key_id="local",
            aws_secret_access_key="local",  # moto's in-memory AWS takes any keys
        )
        machine = client.create_state_machine(
            name="gridla-pipeline",
            definition=definition or substituted_definition(),
            roleArn=f"arn:aws:iam::{ACCOUNT}:role/gridla-pipeline",
            type="STANDARD",
        )
        started = client.start_execution(
            stateMachineArn=machine["stateMachineArn"],
            name=name or local_run_name(),
            input=json.dumps(run_input),
        )
        described = _wait(client, started["executionArn"], timeout_s)
        history = client.get_execution_history(
            executionArn=started["executionArn"], maxResults=1000
        )["events"]
    return Execution(
        run_id=described["name"],
        status=described["status"],
        input=json.loads(described["input"]),
        output=json.loads(described["output"]) if described.get("output") else None,
        error=described.get("error"),
        cause=described.get("cause"),
        started_at=described["startDate"],
        stopped_at=described.get("stopDate"),
        state_seconds=state_durations([dict(event) for event in history]),
    )


def local_run_name() -> str:
    """An execution name that sorts by time and never repeats."""
    return f"local-{datetime.now(UTC):%Y%m%dT%H%M%SZ}-{uuid.uuid4().hex[:6]}"


def _wait(client: Any, execution_arn: str, timeout_s: float) -> dict[str, Any]:
    deadline = time.monotonic() + timeout_s
    while True:
        described: dict[str, Any] = client.describe_execution(executionArn=execution_arn)
        if described["status"] != "RUNNING":
            return described
        if time.monotonic() > deadline:
            raise GridlaError(f"execution still running after {timeout_s:.0f} s")
        time.sleep(0.05)
