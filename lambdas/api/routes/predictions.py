"""GET /predictions: the newest 24-hour solar forecast with its interval, beside the actuals,
and how the forecasts of the last days did once their hours were measured."""

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.router import APIGatewayRouter

from lambdas.api.forecast_reads import HistoryHours, TrackDays, read_surroundings
from lambdas.api.models import ActualHour, Forecast, Prediction, TrackRecord
from lambdas.api.responses import answers
from lambdas.core.database import get_connection
from lambdas.core.errors import NotFound
from lambdas.core.predictions import latest_predictions, track_record
from lambdas.core.settings import get_settings

router = APIGatewayRouter()


@router.get(
    "/predictions",
    summary="The newest solar forecast (MW, 80% interval) and the actuals around it",
    responses=answers(Forecast, 404),
)
def get_predictions(
    history_hours: HistoryHours = 48, track_days: TrackDays = 28
) -> Response[Forecast]:
    conn = get_connection()
    zone = get_settings().zone
    rows = latest_predictions(conn, zone)
    if not rows:
        raise NotFound("no forecast stored yet: run the pipeline (POST /trigger-prediction)")
    around = read_surroundings(conn, zone, rows, "solar_mw", history_hours, track_days)
    track = track_record(conn, zone, around.track_start, around.first)
    forecast = Forecast(
        zone=zone,
        issued_at=rows[0]["issued_at"],
        model_version=rows[0]["model_version"],
        interval_level=rows[0]["interval_level"],
        run_id=rows[0]["run_id"],
        predictions=[
            Prediction.model_validate(
                {**row, "actual_mw": around.actual.get(row["target_datetime"])}
            )
            for row in rows
        ],
        history=[ActualHour(datetime=at, solar_mw=mw) for at, mw in around.history],
        evaluation=around.evaluation,
        track_record=TrackRecord(start=around.track_start, end=around.first, **track),
    )
    return Response(
        status_code=200,
        content_type="application/json",
        body=forecast,
        headers={"Cache-Control": "public, max-age=300"},
    )
