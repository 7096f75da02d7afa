"""A track record from the start: the hourly forecasts of the days a new model was not fit on,
issued from the stored data before each issue hour, as the hourly pipeline would have.

The newest stored model of the zone was fit on data before its training end (`data_end`); every
hour from then to the newest stored hour is an issue of the next 24 hours, forecast with that
model and an interval recalibrated on the residuals known before the issue (`forecast_pairs`),
so nothing measured after an issue moves its forecast. The pipeline would have used a model
at most a week old; this one is older, never newer. The forecasts are stored marked replayed.
"""

from datetime import datetime, timedelta
from typing import Any

import numpy as np
import psycopg

from lambdas.core.measurements import latest_measurement_at, read_measurements
from lambdas.core.predictions import PredictionIssue, upsert_predictions
from lambdas.predict.backtest import forecast_pairs
from lambdas.predict.clearsky import site_of
from lambdas.predict.features import LOOKBACK_HOURS, pairs_for
from lambdas.predict.intervals import LEVEL
from lambdas.predict.series import series_from_rows
from lambdas.predict.service import predicted_hours
from lambdas.predict.store import ModelStore, unpack

HORIZON_HOURS = 24
# History read before the first replayed issue: the capacity estimate's trailing year.
READ_DAYS = 400


def replay_forecasts(conn: psycopg.Connection[Any], zone: str, store: ModelStore) -> int:
    """Store the replayed hourly forecasts of `zone` (see the module); returns the issues."""
    bundle = store.latest(zone)
    with conn.transaction():
        latest = latest_measurement_at(conn, zone)
    if bundle is None or latest is None:
        return 0
    model = unpack(bundle.data)
    first_issue = datetime.fromisoformat(model.metadata["data_end"]) + timedelta(hours=1)
    live_issue = latest + timedelta(hours=1)  # the pipeline's own issue: not replayed
    if first_issue >= live_issue:
        return 0
    with conn.transaction():
        rows = read_measurements(
            conn, zone, first_issue - timedelta(days=READ_DAYS), live_issue, ("solar_mw",)
        )
    series = series_from_rows(rows, site_of(zone), extra_hours=HORIZON_HOURS)
    first = max(series.position(first_issue), LOOKBACK_HOURS)
    issues = np.arange(first, series.position(live_issue))
    if len(issues) == 0:
        return 0
    result = forecast_pairs(
        series, pairs_for(issues, HORIZON_HOURS), issues[:1], lambda _issue: model
    )
    run_id = f"replay-{model.version}"
    stored = 0
    for issue in issues:
        hours = predicted_hours(series, result.select(result.pairs.issue == issue))
        if hours:
            issued_at = series.index[int(issue)].to_pydatetime()
            upsert_predictions(
                conn,
                PredictionIssue(run_id, zone, issued_at, model.version, LEVEL, replayed=True),
                hours,
            )
            stored += 1
    return stored
