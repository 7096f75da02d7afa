"""The carbon part of the predict step: load the stored intensity, get a forecaster (stored,
or trained), recalibrate its band, forecast the next 24 hours, store them.

A stored model younger than MODEL_MAX_AGE is used as is: prediction alone never retrains (the
band's recalibration on the latest residuals only re-reads the past). A new model is fit on
the data before the local midnight HOLDOUT_DAYS back, scored on those days against both
baselines (model_evaluations), then used and stored.
"""

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
from lambdas.core.observability import logger
from lambdas.core.predictions import insert_evaluation
from lambdas.frames.json_values import to_json
from lambdas.predict.carbon.backtest import evaluate, local_midnights
from lambdas.predict.carbon.bundle import pack, unpack
from lambdas.predict.carbon.features import LOOKBACK_HOURS
from lambdas.predict.carbon.intervals import LEVEL
from lambdas.predict.carbon.model import (
    CarbonForecast,
    CarbonForecaster,
    InsufficientHistory,
    TrainingPlan,
    forecast,
    recalibrated,
    train,
)
from lambdas.predict.carbon.series import CarbonSeries, series_from_rows
from lambdas.predict.clearsky import site_of
from lambdas.predict.features import pairs_for
from lambdas.predict.store import CorruptModel, ModelStore

HORIZON_HOURS = 24
MODEL_MAX_AGE = timedelta(days=7)
HOLDOUT_DAYS = 7
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
        series, issue = _load(conn, zone, latest)
        model, outcome.trained = _forecaster(conn, store, series, issue, zone, now, plan)
    except (InsufficientHistory, InvalidInput) as exc:
        outcome.reason = str(exc)
        return outcome
    model = recalibrated(model, series, issue, RECALIBRATION_DAYS)
    hours = _hours(series, forecast(model, series, pairs_for(np.array([issue]), HORIZON_HOURS)))
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


def _load(conn: psycopg.Connection[Any], zone: str, latest: datetime) -> tuple[CarbonSeries, int]:
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
    try:
        bundle = store.latest(zone)
        if bundle is not None and now - bundle.trained_at < MODEL_MAX_AGE:
            logger.info("using stored carbon model", version=bundle.version)
            return unpack(bundle.data), False
    except CorruptModel as exc:
        logger.warning("stored carbon model unusable, retraining", error=str(exc))
    model, metrics = _train_with_holdout(series, issue, zone, now, plan or TrainingPlan())
    store.save(pack(model))
    if metrics is not None:
        insert_evaluation(
            conn,
            model_version=model.version,
            zone=zone,
            window_start=datetime.fromisoformat(metrics["window"]["start"]),
            window_end=datetime.fromisoformat(metrics["window"]["end"]),
            metrics=to_json(metrics, decimals=None),
        )
    logger.info("carbon model trained", version=model.version, evaluated=metrics is not None)
    return model, True


def _train_with_holdout(
    series: CarbonSeries, issue: int, zone: str, now: datetime, plan: TrainingPlan
) -> tuple[CarbonForecaster, dict[str, Any] | None]:
    """Fit before the local midnight HOLDOUT_DAYS back and score the days since; with too
    little data for that, fit on everything and score nothing."""
    issue_at = series.index[issue].to_pydatetime()
    midnights = local_midnights(series, issue_at - timedelta(days=HOLDOUT_DAYS), issue_at)
    if len(midnights) and midnights[0] >= LOOKBACK_HOURS:
        try:
            model = train(series, int(midnights[0]), plan, zone=zone, trained_at=now)
        except InsufficientHistory:
            logger.info("too little carbon history to hold days out; training on all of it")
        else:
            holdout = series.index[midnights[0]].to_pydatetime()
            metrics = evaluate(series, model, holdout, issue_at, RECALIBRATION_DAYS)
            summary = {
                "skill_vs_persistence": metrics["skill_vs_persistence"],
                "coverage_80": metrics["coverage_80"],
                "mape_pct": metrics["methods"]["model"]["mape_pct"],
            }
            metadata = {**model.metadata, **to_json(summary, decimals=None)}
            return CarbonForecaster(
                model.model, model.calibration, model.version, metadata
            ), metrics
    return train(series, issue, plan, zone=zone, trained_at=now), None


def _hours(series: CarbonSeries, result: CarbonForecast) -> list[CarbonForecastHour]:
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
