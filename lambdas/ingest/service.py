"""The ingest step: choose the window, fetch it chunk by chunk, validate, merge, upsert, report."""

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import psycopg

from lambdas.core import measurements
from lambdas.core.errors import InvalidInput
from lambdas.core.measurements import latest_measurement_at
from lambdas.core.observability import logger, tracer
from lambdas.core.pipeline_input import PipelineInput
from lambdas.core.step_event import StepEvent
from lambdas.core.time_range import Window, ceil_hour, floor_hour
from lambdas.ingest.client import ElectricityMapsClient, split_window
from lambdas.ingest.records import FEEDS, Feed, validate_records

# Upstream revises recent hours for a while: an incremental run refetches this much.
REVISION_OVERLAP = timedelta(hours=48)


@dataclass(frozen=True)
class ChunkDone:
    """Progress after one chunk: for a progress bar."""

    chunk: Window
    index: int
    total: int
    rows_fetched: int
    rows_written: int
    rows_rejected: int


ProgressCallback = Callable[[ChunkDone], None]


def choose_window(
    conn: psycopg.Connection[Any],
    event: PipelineInput,
    *,
    zone: str,
    now: datetime,
    history_days: int,
) -> Window:
    """The hours to fetch, ending with the current hour (docs/architecture.md, "Events").

    backfill: the asked window widened to whole hours and cut at the current hour;
    incremental: from the newest stored hour minus the overlap, or `history_days` back.
    """
    current_end = floor_hour(now) + timedelta(hours=1)
    asked = event.window()
    if asked is not None:
        start = floor_hour(asked.start)
        end = min(ceil_hour(asked.end), current_end)
        if start >= end:
            raise InvalidInput(f"the backfill window starts at {start.isoformat()}, in the future")
        return Window(start, end)
    latest = latest_measurement_at(conn, zone)
    if latest is None:
        start = floor_hour(now) - timedelta(days=history_days)
    else:
        start = min(latest - REVISION_OVERLAP, floor_hour(now))
    return Window(start, current_end)


def _fetch(
    pool: ThreadPoolExecutor, client: ElectricityMapsClient, zone: str, chunk: Window
) -> dict[Feed, Future[list[Any]]]:
    return {
        feed: pool.submit(client.past_range, endpoint, zone, chunk, factor)
        for feed, (endpoint, factor) in FEEDS.items()
    }


@tracer.capture_method
def ingest_window(
    conn: psycopg.Connection[Any],
    client: ElectricityMapsClient,
    zone: str,
    window: Window,
    on_chunk: ProgressCallback | None = None,
) -> tuple[int, int, int]:
    """Fetch, validate and store `window` in chunks of at most 10 days.

    The three feeds of the next chunk (power breakdown, life-cycle and direct carbon intensity:
    the API gives one factor type a call) are fetched in three threads while this one is
    validated and stored, so the API's latency overlaps the database's work. Each chunk is
    stored in its own transaction: an upstream failure keeps what came before it, and a rerun
    resumes cheaply. Returns (fetched, written, rejected).
    """
    chunks = split_window(window)
    fetched = written = rejected = 0
    with ThreadPoolExecutor(max_workers=len(FEEDS), thread_name_prefix="fetch") as pool:
        pending = _fetch(pool, client, zone, chunks[0])
        for index, chunk in enumerate(chunks, start=1):
            try:
                items = {endpoint: future.result() for endpoint, future in pending.items()}
            except BaseException:
                pool.shutdown(cancel_futures=True)
                raise
            if index < len(chunks):
                pending = _fetch(pool, client, zone, chunks[index])
            rows, refused = validate_records(items, zone)
            stored = measurements.upsert_measurements(conn, rows)
            conn.commit()  # ends the implicit transaction of a non-autocommit connection
            fetched, written = fetched + len(rows), written + stored
            rejected += len(refused)
            logger.info(
                "chunk stored",
                chunk_start=chunk.start.isoformat(),
                chunk_end=chunk.end.isoformat(),
                rows_fetched=len(rows),
                rows_written=stored,
                rows_rejected=len(refused),
            )
            if on_chunk is not None:
                on_chunk(ChunkDone(chunk, index, len(chunks), fetched, written, rejected))
    return fetched, written, rejected


def run(
    event: PipelineInput,
    *,
    conn: psycopg.Connection[Any],
    client: ElectricityMapsClient,
    default_zone: str,
    history_days: int,
    now: datetime,
    run_id: str,
    on_chunk: ProgressCallback | None = None,
) -> StepEvent:
    """One ingest step: the window the event asks for, stored, gaps reported."""
    zone = event.zone or default_zone
    window = choose_window(conn, event, zone=zone, now=now, history_days=history_days)
    logger.info(
        "ingest window",
        action=event.action,
        zone=zone,
        start=window.start.isoformat(),
        end=window.end.isoformat(),
    )
    fetched, written, rejected = ingest_window(conn, client, zone, window, on_chunk)
    gaps = measurements.find_gaps(conn, zone, window)
    latest = latest_measurement_at(conn, zone)
    conn.commit()  # leave no transaction open on a connection reused by the next invocation
    if gaps:
        logger.warning("gaps in stored hours", zone=zone, gaps=len(gaps), first=str(gaps[0]))
    return StepEvent(
        run_id=run_id,
        zone=zone,
        action=event.action,
        window=window,
        rows_fetched=fetched,
        rows_written=written,
        rows_rejected=rejected,
        gaps=gaps,
        latest_datetime=latest,
        steps=event.steps,
    )
