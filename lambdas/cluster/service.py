"""The cluster step: load each range's hourly load (and carbon intensity and fossil-free share,
which describe the clusters), cluster its days, store the results."""

from datetime import datetime
from typing import Any, Literal

import psycopg
from pydantic import BaseModel, Field

from lambdas.cluster import carbon
from lambdas.cluster.clustering import cluster_range
from lambdas.core.observability import logger
from lambdas.core.results import ResultScope, replace_analysis_result
from lambdas.core.step_event import StepEvent, StepOutcome
from lambdas.core.steps import load_step_rows
from lambdas.frames.hourly import measurements_frame, within

LOAD = "power_consumption_total"
COLUMNS = (LOAD, *carbon.COLUMNS)


class RangeClusters(BaseModel):
    """What one range produced: k and silhouette, or why it was skipped."""

    range: str
    start: datetime
    end: datetime
    status: Literal["ok", "skipped"]
    reason: str | None = None
    k: int | None = None
    silhouette: float | None = None


class ClusterOutcome(StepOutcome):
    step: Literal["cluster"] = "cluster"
    ranges: list[RangeClusters] = Field(default_factory=list)
    results_written: int = 0

    def counts(self) -> dict[str, int]:
        return {"ClusterResultsWritten": self.results_written}


def run(conn: psycopg.Connection[Any], event: StepEvent) -> ClusterOutcome:
    """Cluster every range of the event that holds enough complete days of load."""
    if not event.wants("cluster"):
        return ClusterOutcome(status="skipped", reason="the execution did not ask for cluster")
    loaded = load_step_rows(conn, event, COLUMNS)
    if loaded is None:
        return ClusterOutcome(
            status="skipped", reason=f"no measurements stored for zone {event.zone}"
        )
    grid = measurements_frame(loaded.rows, loaded.span.start, loaded.span.end, COLUMNS)
    outcome = ClusterOutcome(status="skipped", latest_datetime=loaded.latest)
    for name, window in loaded.ranges:
        part = within(grid, window)
        analysis = cluster_range(part[LOAD], name, loaded.latest, part)
        outcome.ranges.append(
            RangeClusters(
                range=name,
                start=window.start,
                end=window.end,
                status="ok" if analysis.status == "ok" else "skipped",
                reason=analysis.reason,
                k=analysis.k,
                silhouette=analysis.silhouette,
            )
        )
        scope = ResultScope(event.run_id, event.zone, window.start, window.end)
        for kind, (parameters, result) in analysis.results.items():
            replace_analysis_result(conn, scope, kind, parameters, result)
            outcome.results_written += 1
        logger.info("range clustered", range=name, status=analysis.status, k=analysis.k)
    if outcome.results_written:
        outcome.status = "ok"
    else:
        outcome.reason = "; ".join(f"{item.range}: {item.reason}" for item in outcome.ranges)
    return outcome
