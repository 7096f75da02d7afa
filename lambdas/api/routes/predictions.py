"""GET /predictions: the newest 24-hour solar forecast with its interval, beside the actuals,
and how the forecasts of the last days did once their hours were measured."""

from datetime import timedelta
from typing import Annotated

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.params import Query
from aws_lambda_powertools.event_handler.router import APIGatewayRouter

from lambdas.api.models import ActualHour, Forecast, Prediction, TrackRecord
from lambdas.api.responses import answers
from lambdas.core.database import get_connection
from lambdas.core.errors import NotFound
from lambdas.core.measurements import read_measurements
from lambdas.core.predictions import latest_evaluation, latest_predictions, track_record
from lambdas.core.settings import get_settings

router = APIGatewayRouter()


@router.get(
    "/predictions",
    summary="The newest solar forecast (MW, 80% interval) and the actuals around it",
    responses=answers(Forecast, 404),
)
def get_predictions(
    history_hours: Annotated[
        int, Query(ge=0, le=168, description="hours of actuals before the forecast")
    ] = 48,
    track_days: Annotated[
        int, Query(ge=1, le=90, description="days of past forecasts to score against actuals")
    ] = 28,
) -> Response[Forecast]:
    conn = get_connection()
    zone = get_settings().zone
    rows = latest_predictions(conn, zone)
    if not rows:
        raise NotFound("no forecast stored yet: run the pipeline (POST /trigger-prediction)")
    first, last = rows[0]["target_datetime"], rows[-1]["target_datetime"]
    measured = read_measurements(
        conn, zone, first - timedelta(hours=history_hours), last + timedelta(hours=1), ("solar_mw",)
    )
    actual = {row["datetime"]: row["solar_mw"] for row in measured}
    evaluation = latest_evaluation(conn, zone, rows[0]["model_version"])
    track_start = first - timedelta(days=track_days)
    track = track_record(conn, zone, track_start, first)
    forecast = Forecast(
        zone=zone,
        issued_at=rows[0]["issued_at"],
        model_version=rows[0]["model_version"],
        interval_level=rows[0]["interval_level"],
        run_id=rows[0]["run_id"],
        predictions=[
            Prediction.model_validate({**row, "actual_mw": actual.get(row["target_datetime"])})
            for row in rows
        ],
        history=[
            ActualHour(datetime=row["datetime"], solar_mw=row["solar_mw"])
            for row in measured
            if row["datetime"] < first
        ],
        evaluation=None if evaluation is None else evaluation["metrics"],
        track_record=TrackRecord(start=track_start, end=first, **track),
    )
    return Response(
        status_code=200,
        content_type="application/json",
        body=forecast,
        headers={"Cache-Control": "public, max-age=300"},
    )
