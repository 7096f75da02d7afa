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
from lambdas.core.predictions import PredictedHour, PredictionIssue
from lambdas.core.predictions import upsert_predictions as store_predictions
from lambdas.core.step_event import StepEvent, StepOutcome
from lambdas.core.steps import latest_hour
from lambdas.frames.json_values import to_json
from lambdas.predict.backtest import evaluate
from lambdas.predict.carbon.model import TrainingPlan as CarbonTrainingPlan
from lambdas.predict.carbon.service import CarbonOutcome, forecast_carbon
from lambdas.predict.clearsky import site_of
from lambdas.predict.errors import InsufficientHistory
from lambdas.predict.features import is_night, pairs_for
from lambdas.predict.forecaster import (
    Forecast,
    Forecaster,
    TrainingPlan,
    forecast,
    train,
)
from lambdas.predict.holdout import fit_with_holdout, stored_or_trained
from lambdas.predict.intervals import LEVEL
from lambdas.predict.series import HOURS_PER_DAY, SolarSeries, series_from_rows
from lambdas.predict.store import ModelStore, pack, unpack

HORIZON_HOURS = 24
MODEL_MAX_AGE = timedelta(days=7)
# Days held out of a new model's fit and scored (model_evaluations): four weeks, so the figure
# the dashboard shows beside the forecast covers enough hours to mean something.
HOLDOUT_DAYS = 28
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
    hours = predicted_hours(
        series, forecast(model, series, pairs_for(np.array([issue]), HORIZON_HOURS))
    )
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
    training = plan or TrainingPlan()

    def fit(end: int) -> Forecaster:
        return train(series, end, training, zone=zone, trained_at=now)

    def score(
        model: Forecaster, start: datetime, end: datetime
    ) -> tuple[Forecaster, dict[str, Any]]:
        metrics = evaluate(series, model, start, end)
        summary = to_json({key: metrics.get(key) for key in EVALUATION_SUMMARY}, decimals=None)
        metadata = {**model.metadata, **summary}
        return Forecaster(model.network, model.calibration, model.version, metadata), metrics

    return stored_or_trained(
        conn,
        store,
        zone,
        now,
        kind="solar",
        max_age=MODEL_MAX_AGE,
        unpack=unpack,
        pack=pack,
        trained=lambda: fit_with_holdout(
            series, issue, holdout_days=HOLDOUT_DAYS, min_issue=0, fit=fit, score=score
        ),
    )


def predicted_hours(series: SolarSeries, result: Forecast) -> list[PredictedHour]:
    """The forecast hours that could be computed (an hour without its history is left out),
    each marked night when no sunlight reaches it."""
    hours = []
    for target, issue, point, lower, upper, night in zip(
        result.pairs.target,
        result.pairs.issue,
        result.point,
        result.lower,
        result.upper,
        is_night(series, result.pairs.target),
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
                    night=bool(night),
                )
            )
    return hours
