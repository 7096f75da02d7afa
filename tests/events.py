"""Event and context builders shared by the tests that call handlers in-process."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from tests.constants import ZONE


@dataclass(frozen=True)
class LambdaContext:
    """The attributes Powertools reads from a Lambda context."""

    function_name: str = "gridla-test"
    function_version: str = "$LATEST"
    invoked_function_arn: str = "arn:aws:lambda:us-west-2:123456789012:function:gridla-test"
    memory_limit_in_mb: int = 1024
    aws_request_id: str = "test-request"
    log_group_name: str = "/aws/lambda/gridla-test"
    log_stream_name: str = "test"

    def get_remaining_time_in_millis(self) -> int:
        return 60_000


def backfill_event(start: str, end: str, **extra: object) -> dict[str, object]:
    """An execution input asking for a backfill of [start, end)."""
    return {"action": "backfill", "start_date": start, "end_date": end, **extra}


def step_event(run_id: str, latest: datetime, **extra: Any) -> dict[str, Any]:
    """The step event (ingest's output) the parallel steps receive (docs/architecture.md)."""
    return {
        "run_id": run_id,
        "zone": ZONE,
        "window": {"start": "2019-01-01T00:00:00Z", "end": latest.isoformat()},
        "rows_fetched": 0,
        "rows_written": 0,
        "rows_rejected": 0,
        "gaps": [],
        "latest_datetime": latest.isoformat(),
        **extra,
    }
