"""The carbon part of the predict step: load the stored intensity, get a forecaster (stored,
or trained), recalibrate its band, forecast the next 24 hours, store them.

A stored model younger than MODEL_MAX_AGE is used as is: prediction alone never retrains (the
band's recalibration on the latest residuals only re-reads the past). A new training is
first fit on the data before the local midnight HOLDOUT_DAYS back and scored on those days
against both baselines; the same training is then fit on all the data up to the issue, and
that model is used and stored, with the scores as its evaluation (model_evaluations; its
`evaluated_version` names the model scored). Both trainings together take two fits each.
"""

import dataclasses
from datetime import datetime, timedelta
from typing import Any, Literal

import numpy as np
import psycopg
from pydantic import BaseModel, Field

from lambdas.core.carbon_forecasts import (
    CarbonForecastHour,
    CarbonForecastIssue,
    upsert_carbon_forecast,
)
from lambdas.core.errors import InvalidInput
from lambdas.core.measurements import read_measurements
from lambdas.frames.json_values import to_json
from lambdas.predict.carbon.backtest import evaluate
from lambdas.predict.carbon.bundle import pack, unpack
from lambdas.predict.carbon.features import LOOKBACK_HOURS
from lambdas.predict.carbon.intervals import LEVEL
from lambdas.predict.carbon.model import (
    CarbonForecast,
    CarbonForecaster,
    TrainingPlan,
    forecast,
    recalibrated,
    train,
)
from lambdas.predict.carbon.series import CarbonSeries, series_from_rows
from lambdas.predict.clearsky import site_of
from lambdas.predict.errors import InsufficientHistory
from lambdas.predict.features import pairs_for
from lambdas.predict.holdout import fit_with_holdout, stored_or_trained
from lambdas.predict.store import ModelStore

HORIZON_HOURS = 24
MODEL_MAX_AGE = timedelta(days=7)
# Days held out of the evaluated model's fit and scored (model_evaluations): four weeks, as for
# the solar forecast, so the figure shown beside the forecast covers enough days to mean
# something.
HOLDOUT_DAYS = 28
READ_DAYS = 400
RECALIBRATION_DAYS = 28
COLUMNS = ("carbon_intensity", "fossil_free_percentage", "power_consumption_total")
EVALUATION_SUMMARY = ("skill_vs_persistence", "coverage_80", "mape_pct")


class CarbonOutcome(BaseModel):
    """What the carbon forecast of a predict run did: `skipped` (with a reason) is no failure."""

    status: Literal["ok", "skipped"] = "skipped"
    reason: str | None = None
    issued_at: datetime | None = None
    model_version: str | None = None
    trained: bool = False
    hours_forecast: int = 0
    mean_g_per_kwh: float | None = None
    evaluation: dict[str, float | None] = Field(default_factory=dict)


def forecast_carbon(
    conn: psycopg.Connection[Any],
    *,
    run_id: str,
    zone: str,
    latest: datetime,
    store: ModelStore,
    now: datetime,
    plan: TrainingPlan | None = None,
) -> CarbonOutcome:
    """Forecast the intensity of the 24 hours after `latest` (the newest stored hour), store it."""
    outcome = CarbonOutcome()
    try:
        series, issue = load_series(conn, zone, latest)
        model, outcome.trained = _forecaster(conn, store, series, issue, zone, now, plan)
    except (InsufficientHistory, InvalidInput) as exc:
        outcome.reason = str(exc)
        return outcome
    model = recalibrated(model, series, issue, RECALIBRATION_DAYS)
    pairs = pairs_for(np.array([issue]), HORIZON_HOURS)
    hours = forecast_hours(series, forecast(model, series, pairs))
    if not hours:
        outcome.reason = "no carbon intensity known in the 24 hours before the issue"
        return outcome
    issued_at = series.index[issue].to_pydatetime()
    upsert_carbon_forecast(
        conn, CarbonForecastIssue(run_id, zone, issued_at, model.version, LEVEL), hours
    )
    outcome.status, outcome.issued_at, outcome.model_version = "ok", issued_at, model.version
    outcome.hours_forecast = len(hours)
    outcome.mean_g_per_kwh = sum(hour.predicted_g_per_kwh for hour in hours) / len(hours)
    outcome.evaluation = {key: model.metadata.get(key) for key in EVALUATION_SUMMARY}
    return outcome


def load_series(
    conn: psycopg.Connection[Any], zone: str, latest: datetime
) -> tuple[CarbonSeries, int]:
    """The stored intensity up to `latest`, extended over the forecast day; issue position."""
    issue_at = latest + timedelta(hours=1)
    with conn.transaction():
        rows = read_measurements(
            conn, zone, issue_at - timedelta(days=READ_DAYS), issue_at, COLUMNS
        )
    if not any(row["carbon_intensity"] is not None for row in rows):
        raise InsufficientHistory(f"no carbon intensity stored for {zone}")
    series = series_from_rows(rows, site_of(zone), extra_hours=HORIZON_HOURS + 1)
    issue = series.position(issue_at)
    if issue < LOOKBACK_HOURS:
        raise InsufficientHistory(
            f"carbon intensity is known only since {series.index[0].isoformat()}: a forecast"
            f" needs {LOOKBACK_HOURS} hours before {issue_at.isoformat()}"
        )
    return series, issue


def _forecaster(
    conn: psycopg.Connection[Any],
    store: ModelStore,
    series: CarbonSeries,
    issue: int,
    zone: str,
    now: datetime,
    plan: TrainingPlan | None,
) -> tuple[CarbonForecaster, bool]:
    """The stored model when young enough; else a new one (trained, evaluated, stored)."""
    training = plan or TrainingPlan()

    def fit(end: int) -> CarbonForecaster:
        return train(series, end, training, zone=zone, trained_at=now)

    def score(
        model: CarbonForecaster, start: datetime, end: datetime
    ) -> tuple[CarbonForecaster, dict[str, Any]]:
        metrics = evaluate(series, model, start, end, RECALIBRATION_DAYS)
        summary = {
            "skill_vs_persistence": metrics["skill_vs_persistence"],
            "coverage_80": metrics["coverage_80"],
            "mape_pct": metrics["methods"]["model"]["mape_pct"],
            "evaluated_version": model.version,
        }
        current = fit(issue)  # the same training on every day up to the issue
        metadata = {**current.metadata, **to_json(summary, decimals=None)}
        return dataclasses.replace(current, metadata=metadata), metrics

    return stored_or_trained(
        conn,
        store,
        zone,
        now,
        kind="carbon",
        max_age=MODEL_MAX_AGE,
        unpack=unpack,
        pack=pack,
        trained=lambda: fit_with_holdout(
            series,
            issue,
            holdout_days=HOLDOUT_DAYS,
            min_issue=LOOKBACK_HOURS,
            fit=fit,
            score=score,
        ),
    )


def forecast_hours(series: CarbonSeries, result: CarbonForecast) -> list[CarbonForecastHour]:
    """The forecast hours that could be computed."""
    return [
        CarbonForecastHour(
            target_datetime=series.index[target].to_pydatetime(),
            horizon_hours=int(target - issue + 1),
            predicted_g_per_kwh=float(point),
            lower_g_per_kwh=float(lower),
            upper_g_per_kwh=float(upper),
        )
        for target, issue, point, lower, upper in zip(
            result.pairs.target,
            result.pairs.issue,
            result.point,
            result.lower,
            result.upper,
            strict=True,
        )
        if np.isfinite(point) and np.isfinite(lower) and np.isfinite(upper)
    ]
