"""Ingest against real HTTP (the replay server on 127.0.0.1) and a real PostgreSQL."""

from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime

import pytest

from lambdas.core.pipeline_input import parse_pipeline_input
from lambdas.core.step_event import StepEvent
from lambdas.ingest import service
from lambdas.ingest.client import ElectricityMapsClient, RetryPolicy
from lambdas.local.replay import Faults, ReplayApi, ReplayServer
from lambdas.local.replay_data import ReplayData, SourceHour, load_hours
from tests.constants import ZONE

# The replay serves the original 2019-2021 dates; "now" ends 2020 (later hours wait for it).
NOW = datetime(2021, 1, 1, tzinfo=UTC)
# Short waits so retries cost milliseconds; Retry-After is honoured up to this cap.
FAST_RETRY = RetryPolicy(
    max_attempts=12, max_total_seconds=30, initial_wait_seconds=0.005, max_wait_seconds=1.0
)


@pytest.fixture(scope="session")
def la_hours(la_csv_path) -> list[SourceHour]:
    return load_hours(la_csv_path)


@pytest.fixture
def replay(la_hours) -> Iterator[Callable[..., ReplayServer]]:
    """Start replay servers on free loopback ports: replay(faults, hours=, missing=, clock=)."""
    servers: list[ReplayServer] = []

    def start(
        faults: Faults | None = None,
        *,
        hours: Sequence[SourceHour] | None = None,
        missing: Sequence[datetime] = (),
        clock: Callable[[], datetime] = lambda: NOW,
        shift=None,
    ) -> ReplayServer:
        data = ReplayData(
            la_hours if hours is None else hours,
            zone=ZONE,
            missing=missing,
            **({"shift": shift} if shift is not None else {}),
        )
        server = ReplayServer(ReplayApi(data, faults, clock=clock)).start()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


@pytest.fixture
def run_ingest(db) -> Callable[..., StepEvent]:
    """Run one ingest step through the real client and service, as the handler does.

    run_ingest(server, event, token=None, now=NOW, history_days=30, retry=FAST_RETRY)
    """

    def run(
        server: ReplayServer,
        event: dict,
        *,
        token: str | None = None,
        now: datetime = NOW,
        history_days: int = 30,
        retry: RetryPolicy = FAST_RETRY,
    ) -> StepEvent:
        with ElectricityMapsClient(server.url, token, retry=retry) as client:
            return service.run(
                parse_pipeline_input(event),
                conn=db,
                client=client,
                default_zone=ZONE,
                history_days=history_days,
                now=now,
                run_id="test-run",
            )

    return run


@pytest.fixture
def stored(db) -> Callable[[], dict[datetime, dict]]:
    """stored(): every stored row of the zone, by hour."""

    def rows() -> dict[datetime, dict]:
        found = db.execute("SELECT * FROM electricity_measurements ORDER BY datetime").fetchall()
        return {row["datetime"]: row for row in found}

    return rows
