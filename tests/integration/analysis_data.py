"""Load the real LA data into electricity_measurements, and build the steps' events.

Independent of the ingest code on purpose: the analysis tests must not break with it.
Only consumption, solar and wind are known; every other column stays NULL (unknown).
"""

from datetime import datetime
from typing import Any

import pandas as pd
import psycopg

ZONE = "US-CAL-LDWP"
COLUMNS = ("power_consumption_total", "solar_mw", "wind_mw")


def load_measurements(conn: psycopg.Connection, frame: pd.DataFrame, zone: str = ZONE) -> int:
    """COPY the rows of `frame` (UTC index, COLUMNS) into electricity_measurements."""
    columns = [name for name in COLUMNS if name in frame.columns]
    statement = f"COPY electricity_measurements (zone, datetime, {', '.join(columns)}) FROM STDIN"
    with conn.cursor() as cursor, cursor.copy(statement.encode()) as copy:
        for moment, values in zip(frame.index, frame[columns].to_numpy(), strict=True):
            row = [None if pd.isna(value) else float(value) for value in values]
            copy.write_row([zone, moment.to_pydatetime(), *row])
    return len(frame)


def step_event(run_id: str, latest: datetime, **extra: Any) -> dict[str, Any]:
    """The ingest output event the parallel steps receive (DESIGN.md)."""
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


class LambdaContext:
    """The attributes Powertools reads from a Lambda context."""

    function_name = "analysis-test"
    function_version = "$LATEST"
    invoked_function_arn = "arn:aws:lambda:us-west-2:123456789012:function:analysis-test"
    memory_limit_in_mb = 1024
    aws_request_id = "test-request"
    log_group_name = "/aws/lambda/analysis-test"
    log_stream_name = "test"

    def get_remaining_time_in_millis(self) -> int:
        return 60_000
