"""The predict step: the solar forecast (here) and the carbon-intensity forecast
(predict/carbon/service.py), each loading its history, getting a forecaster (stored, or
trained), forecasting the 24 hours after the newest stored hour and storing them.

A stored model younger than MODEL_MAX_AGE is used as is: prediction alone never retrains. A
new model is fit on the data before the last HOLDOUT_DAYS, scored on those days against both
baselines (model_evaluations), then used and stored.
"""

from datetime import datetime, timedelta
from typing import Any, Literal

import numpy as np
import psycopg
from pydantic import Field

from lambdas.core.errors import InvalidInput
from lambdas.core.measurements import read_measurements
from lambdas.core.observability import logger
from lambdas.core.predictions import PredictedHour, PredictionIssue, insert_evaluation
from lambdas.core.predictions import upsert_predictions as store_predictions
from lambdas.core.step_event import StepEvent, StepOutcome
from lambdas.core.steps import latest_hour
from lambdas.frames.json_values import to_json
from lambdas.predict.backtest import evaluate, local_midnights
from lambdas.predict.carbon.model import TrainingPlan as CarbonTrainingPlan
from lambdas.predict.carbon.service import CarbonOutcome, forecast_carbon
from lambdas.predict.clearsky import site_of
from lambdas.predict.features import pairs_for
from lambdas.predict.forecaster import (
    Forecast,
    Forecaster,
    InsufficientHistory,
    TrainingPlan,
    forecast,
    train,
)
from lambdas.predict.intervals import LEVEL
from lambdas.predict.series import HOURS_PER_DAY, SolarSeries, series_from_rows
from lambdas.predict.store import CorruptModel, ModelStore, pack, unpack

HORIZON_HOURS = 24
MODEL_MAX_AGE = timedelta(days=7)
HOLDOUT_DAYS = 7
READ_DAYS = 400
RECENT_DAYS = 8
MIN_RECENT_HOURS = 72
EVALUATION_SUMMARY = ("skill_vs_persistence", "skill_vs_smart_persistence", "coverage_80")


class PredictOutcome(StepOutcome):
    step: Literal["predict"] = "predict"
    issued_at: datetime | None = None
    model_version: str | None = None
    trained: bool = False
    hours_predicted: int = 0
    peak_mw: float | None = None
    evaluation: dict[str, float | None] = Field(default_factory=dict)
    carbon: CarbonOutcome = Field(default_factory=CarbonOutcome)

    def counts(self) -> dict[str, int]:
        return {
            "PredictionsWritten": self.hours_predicted,
            "ModelsTrained": int(self.trained),
            "CarbonForecastsWritten": self.carbon.hours_forecast,
            "CarbonModelsTrained": int(self.carbon.trained),
        }


def run(
    conn: psycopg.Connection[Any],
    event: StepEvent,
    store: ModelStore,
    *,
    now: datetime,
    plan: TrainingPlan | None = None,
    carbon_store: ModelStore | None = None,
    carbon_plan: CarbonTrainingPlan | None = None,
) -> PredictOutcome:
    """Forecast solar and carbon intensity for the 24 hours after the newest stored hour of
    the event's zone, and store them.

    `ok` when either forecast was stored; the top-level fields are the solar forecast's, and
    `carbon` says what the carbon forecast did (without `carbon_store` it is not made).
    """
    if not event.wants("predict"):
        return PredictOutcome(status="skipped", reason="the execution did not ask for predict")
    with conn.transaction():
        latest = latest_hour(conn, event)
    if latest is None:
        return PredictOutcome(status="skipped", reason=f"no measurements stored for {event.zone}")
    outcome = _solar(conn, event, store, latest, now, plan)
    if carbon_store is None:
        outcome.carbon.reason = "no carbon model store given"
        return outcome
    outcome.carbon = forecast_carbon(
        conn,
        run_id=event.run_id,
        zone=event.zone,
        latest=latest,
        store=carbon_store,
        now=now,
        plan=carbon_plan,
    )
    if outcome.carbon.status == "ok":
        outcome.status = "ok"
    return outcome


def _solar(
    conn: psycopg.Connection[Any],
    event: StepEvent,
    store: ModelStore,
    latest: datetime,
    now: datetime,
    plan: TrainingPlan | None,
) -> PredictOutcome:
    """The solar forecast of the 24 hours after `latest`, stored; its outcome."""
    outcome = PredictOutcome(status="skipped", latest_datetime=latest)
    try:
        series, issue = _load(conn, event.zone, latest)
        model, outcome.trained = _forecaster(conn, store, series, issue, event.zone, now, plan)
    except (InsufficientHistory, InvalidInput) as exc:
        outcome.reason = str(exc)
        return outcome
    hours = _hours(series, forecast(model, series, pairs_for(np.array([issue]), HORIZON_HOURS)))
    if not hours:
        outcome.reason = "no hour of the next day has the history its features need"
        return outcome
    issued_at = series.index[issue].to_pydatetime()
    store_predictions(
        conn, PredictionIssue(event.run_id, event.zone, issued_at, model.version, LEVEL), hours
    )
    outcome.status, outcome.issued_at, outcome.model_version = "ok", issued_at, model.version
    outcome.hours_predicted = len(hours)
    outcome.peak_mw = max(hour.predicted_mw for hour in hours)
    outcome.evaluation = {key: model.metadata.get(key) for key in EVALUATION_SUMMARY}
    return outcome


def _load(conn: psycopg.Connection[Any], zone: str, latest: datetime) -> tuple[SolarSeries, int]:
    """The stored solar history up to `latest`, extended over the forecast day; issue position."""
    site = site_of(zone)
    issue_at = latest + timedelta(hours=1)
    with conn.transaction():
        rows = read_measurements(
            conn, zone, issue_at - timedelta(days=READ_DAYS), issue_at, ("solar_mw",)
        )
    known = [row for row in rows if row["solar_mw"] is not None]
    if not known:
        raise InsufficientHistory(f"no solar generation stored for {zone}")
    series = series_from_rows(rows, site, extra_hours=HORIZON_HOURS + 1)
    issue = series.position(issue_at)
    recent = series.solar_mw[max(0, issue - RECENT_DAYS * HOURS_PER_DAY) : issue]
    if np.isfinite(recent).sum() < MIN_RECENT_HOURS:
        raise InsufficientHistory(
            f"only {int(np.isfinite(recent).sum())} known solar hours in the {RECENT_DAYS} days"
            f" before {issue_at.isoformat()} (need {MIN_RECENT_HOURS})"
        )
    return series, issue


def _forecaster(
    conn: psycopg.Connection[Any],
    store: ModelStore,
    series: SolarSeries,
    issue: int,
    zone: str,
    now: datetime,
    plan: TrainingPlan | None,
) -> tuple[Forecaster, bool]:
    """The stored model when young enough; else a new one (trained, evaluated, stored)."""
    try:
        bundle = store.latest(zone)
        if bundle is not None and now - bundle.trained_at < MODEL_MAX_AGE:
            logger.info("using stored model", version=bundle.version)
            return unpack(bundle.data), False
    except CorruptModel as exc:
        logger.warning("stored model unusable, retraining", error=str(exc))
    model, metrics = _train_with_holdout(series, issue, zone, now, plan or TrainingPlan())
    store.save(pack(model))
    if metrics is not None:
        window = metrics["window"]
        insert_evaluation(
            conn,
            model_version=model.version,
            zone=zone,
            window_start=datetime.fromisoformat(window["start"]),
            window_end=datetime.fromisoformat(window["end"]),
            metrics=to_json(metrics, decimals=None),
        )
    logger.info("model trained", version=model.version, evaluated=metrics is not None)
    return model, True


def _train_with_holdout(
    series: SolarSeries, issue: int, zone: str, now: datetime, plan: TrainingPlan
) -> tuple[Forecaster, dict[str, Any] | None]:
    """Fit before the local midnight HOLDOUT_DAYS back and score the hours since; with too
    little data for that, fit on everything and score nothing."""
    issue_at = series.index[issue].to_pydatetime()
    midnights = local_midnights(series, issue_at - timedelta(days=HOLDOUT_DAYS), issue_at)
    if len(midnights):
        holdout = series.index[midnights[0]].to_pydatetime()
        try:
            model = train(series, int(midnights[0]), plan, zone=zone, trained_at=now)
        except InsufficientHistory:
            logger.info("too little history to hold days out; training on all of it")
        else:
            metrics = evaluate(series, model, holdout, issue_at)
            summary = to_json({key: metrics.get(key) for key in EVALUATION_SUMMARY}, decimals=None)
            metadata = {**model.metadata, **summary}
            return Forecaster(model.network, model.calibration, model.version, metadata), metrics
    return train(series, issue, plan, zone=zone, trained_at=now), None


def _hours(series: SolarSeries, result: Forecast) -> list[PredictedHour]:
    """The forecast hours that could be computed (an hour without its history is left out)."""
    hours = []
    for target, issue, point, lower, upper in zip(
        result.pairs.target,
        result.pairs.issue,
        result.point,
        result.lower,
        result.upper,
        strict=True,
    ):
        if np.isfinite(point) and np.isfinite(lower) and np.isfinite(upper):
            hours.append(
                PredictedHour(
                    target_datetime=series.index[target].to_pydatetime(),
                    horizon_hours=int(target - issue + 1),
                    predicted_mw=float(point),
                    lower_mw=float(lower),
                    upper_mw=float(upper),
                )
            )
    return hours
