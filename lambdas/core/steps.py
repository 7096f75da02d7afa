"""What the analyze, cluster and predict steps share: their Lambda handler, and the rows they read.

A step is a function from the step event to its outcome; `step_handler` wraps it with the
Powertools decorators, the parse, the run_id/zone log keys, the outcome's metrics and one log
line. `latest_hour` and `load_step_rows` are how a step opens (plain rows; no pandas here).
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

import psycopg
from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.utilities.typing import LambdaContext

from lambdas.core.measurements import NUMERIC_COLUMNS, latest_measurement_at, read_measurements
from lambdas.core.observability import logger, metrics, tracer
from lambdas.core.step_event import StepEvent, StepOutcome, parse_step_event
from lambdas.core.time_range import RangeName, Window

Outcome = TypeVar("Outcome", bound=StepOutcome)
LambdaHandler = Callable[[dict[str, Any], LambdaContext], dict[str, Any]]


def step_handler(step: Callable[[StepEvent], Outcome]) -> LambdaHandler:
    """The Lambda entry of `step`: the step event in, the outcome (as JSON) out.

    Publishes every count of `outcome.counts()` as a Count metric.
    """

    @logger.inject_lambda_context(log_event=True)
    @tracer.capture_lambda_handler
    @metrics.log_metrics
    def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
        step_event = parse_step_event(event)
        logger.append_keys(run_id=step_event.run_id, zone=step_event.zone)
        outcome = step(step_event)
        for name, value in outcome.counts().items():
            metrics.add_metric(name=name, unit=MetricUnit.Count, value=value)
        logger.info("step done", step=outcome.step, status=outcome.status, reason=outcome.reason)
        return outcome.model_dump(mode="json")

    return handler


def latest_hour(conn: psycopg.Connection[Any], event: StepEvent) -> datetime | None:
    """The newest hour the step works up to: the event's, else the newest stored one."""
    return event.latest_datetime or latest_measurement_at(conn, event.zone)


@dataclass(frozen=True)
class StepRows:
    """The rows of a step's analysis ranges, read at once over `span` (oldest first)."""

    latest: datetime
    ranges: list[tuple[RangeName, Window]]
    span: Window
    rows: list[dict[str, Any]]


def load_step_rows(
    conn: psycopg.Connection[Any],
    event: StepEvent,
    columns: tuple[str, ...] = NUMERIC_COLUMNS,
) -> StepRows | None:
    """The event's ranges ending after its latest hour and their rows of `columns` (MW,
    gCO2eq/kWh, percent; None unknown), in one transaction; None when nothing is stored."""
    with conn.transaction():
        latest = latest_hour(conn, event)
        if latest is None:
            return None
        ranges = event.ranges(latest)
        span = Window(min(window.start for _, window in ranges), ranges[0][1].end)
        rows = read_measurements(conn, event.zone, span.start, span.end, columns)
    return StepRows(latest, ranges, span, rows)
