"""The analyze step: load a range's measurements, analyse it, store the results."""

from datetime import datetime
from typing import Any, Literal

import psycopg
from pydantic import BaseModel, Field

from lambdas.analyze.analysis import CARBON, LOAD, RangeAnalysis, analyse_range
from lambdas.core.measurements import NUMERIC_COLUMNS
from lambdas.core.observability import logger
from lambdas.core.results import ResultScope, replace_analysis_result, replace_correlations
from lambdas.core.step_event import StepEvent, StepOutcome
from lambdas.core.steps import load_step_rows
from lambdas.frames.hourly import measurements_frame, within


class RangeFigures(BaseModel):
    """What one range held and produced."""

    range: str
    start: datetime
    end: datetime
    n_hours: int
    kinds: list[str]
    load_trend: str | None = None
    load_slope_mw_per_day: float | None = None
    carbon_trend: str | None = None
    carbon_slope_g_per_kwh_per_day: float | None = None


class AnalyzeOutcome(StepOutcome):
    step: Literal["analyze"] = "analyze"
    ranges: list[RangeFigures] = Field(default_factory=list)
    results_written: int = 0
    correlations_written: int = 0

    def counts(self) -> dict[str, int]:
        return {"AnalysisResultsWritten": self.results_written}


def run(conn: psycopg.Connection[Any], event: StepEvent) -> AnalyzeOutcome:
    """Analyse every range of the event that holds data; store each result under its range."""
    if not event.wants("analyze"):
        return AnalyzeOutcome(status="skipped", reason="the execution did not ask for analyze")
    loaded = load_step_rows(conn, event)
    if loaded is None:
        return AnalyzeOutcome(
            status="skipped", reason=f"no measurements stored for zone {event.zone}"
        )
    everything = measurements_frame(
        loaded.rows, loaded.span.start, loaded.span.end, NUMERIC_COLUMNS
    )
    outcome = AnalyzeOutcome(status="skipped", latest_datetime=loaded.latest)
    for name, window in loaded.ranges:
        frame = within(everything, window)
        n_hours = int(frame.notna().any(axis=1).sum())
        if n_hours == 0:
            logger.info("range has no data", range=name)
            continue
        analysis = analyse_range(frame, name)
        scope = ResultScope(event.run_id, event.zone, window.start, window.end)
        outcome.results_written += store(conn, scope, analysis)
        outcome.correlations_written += len(analysis.correlations)
        trends = analysis.results["trend"][1]["variables"]
        load_trend, carbon_trend = trends[LOAD], trends[CARBON]
        outcome.ranges.append(
            RangeFigures(
                range=name,
                start=window.start,
                end=window.end,
                n_hours=n_hours,
                kinds=sorted(analysis.results),
                load_trend=load_trend.get("direction"),
                load_slope_mw_per_day=load_trend.get("slope_per_day"),
                carbon_trend=carbon_trend.get("direction"),
                carbon_slope_g_per_kwh_per_day=carbon_trend.get("slope_per_day"),
            )
        )
        logger.info("range analysed", range=name, n_hours=n_hours)
    if outcome.ranges:
        outcome.status = "ok"
    else:
        outcome.reason = "no measurements in any analysis range ending at the latest hour"
    return outcome


def store(conn: psycopg.Connection[Any], scope: ResultScope, analysis: RangeAnalysis) -> int:
    """Write a range's results and correlations; returns how many result rows."""
    for kind, (parameters, result) in analysis.results.items():
        replace_analysis_result(conn, scope, kind, parameters, result)
    replace_correlations(conn, scope, analysis.correlations)
    return len(analysis.results)
