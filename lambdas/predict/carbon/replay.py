"""A track record from the start for the carbon forecast: the hourly forecasts of the days the
newest model's evaluation held out, issued from the stored data before each issue hour, as the
hourly pipeline would have.

The model used is the one that evaluation scored: the same training, fit on the hours before
the held-out days (`holdout_start` of the stored model's training end). Every hour from that
midnight to the newest stored hour is an issue of the next 24 hours, its band recalibrated on
the residuals measured before the issue (only hours the model never fit), so nothing measured
after an issue moves its forecast. The pipeline would have used a model at most a week old;
this one is older, never newer. The forecasts are stored marked replayed.
"""

from datetime import datetime, timedelta
from typing import Any

import numpy as np
import psycopg

from lambdas.core.carbon_forecasts import CarbonForecastIssue, upsert_carbon_forecast
from lambdas.core.measurements import latest_measurement_at
from lambdas.predict.carbon.backtest import CachedLogForecasts
from lambdas.predict.carbon.intervals import LEVEL
from lambdas.predict.carbon.model import TrainingPlan, forecast, recalibrated, train
from lambdas.predict.carbon.service import (
    HOLDOUT_DAYS,
    HORIZON_HOURS,
    RECALIBRATION_DAYS,
    forecast_hours,
    load_series,
)
from lambdas.predict.features import pairs_for
from lambdas.predict.holdout import holdout_start
from lambdas.predict.store import ModelStore


def replay_carbon_forecasts(
    conn: psycopg.Connection[Any],
    zone: str,
    store: ModelStore,
    plan: TrainingPlan | None = None,
) -> int:
    """Store the replayed hourly carbon forecasts of `zone` (see the module); returns the
    issues stored (0 without a stored model that held days out, or measured hours)."""
    bundle = store.latest(zone)
    with conn.transaction():
        latest = latest_measurement_at(conn, zone)
    if bundle is None or latest is None:
        return 0
    if "evaluated_version" not in bundle.metadata:
        return 0  # trained on all the history there was: no days were held out
    series, live_issue = load_series(conn, zone, latest)
    training_end = datetime.fromisoformat(bundle.metadata["data_end"]) + timedelta(hours=1)
    first_issue = holdout_start(series, series.position(training_end), HOLDOUT_DAYS)
    if first_issue is None:
        return 0
    model = train(
        series, first_issue, plan or TrainingPlan(), zone=zone, trained_at=bundle.trained_at
    )
    cache = CachedLogForecasts(model, series)
    run_id = f"replay-{model.version}"
    issues = 0
    for issue in range(first_issue, live_issue):  # the live issue is the pipeline's own
        current = recalibrated(model, series, issue, RECALIBRATION_DAYS, log_forecasts=cache)
        hours = forecast_hours(
            series, forecast(current, series, pairs_for(np.array([issue]), HORIZON_HOURS))
        )
        if hours:
            issued_at = series.index[issue].to_pydatetime()
            issue_row = CarbonForecastIssue(
                run_id, zone, issued_at, model.version, LEVEL, replayed=True
            )
            upsert_carbon_forecast(conn, issue_row, hours)
            issues += 1
    return issues
