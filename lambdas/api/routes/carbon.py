"""GET /forecast/carbon-intensity and GET /advice/cleanest-window: the newest stored carbon
forecast with its interval, its scores, and the cleanest hours it points to."""

from datetime import UTC, datetime
from typing import Annotated, Any

import psycopg
from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.params import Query
from aws_lambda_powertools.event_handler.router import APIGatewayRouter

from lambdas.api.carbon_models import (
    CarbonForecastHour,
    CarbonIntensityForecast,
    CarbonTrackRecord,
    CleanestWindowAdvice,
    MeasuredIntensity,
)
from lambdas.api.forecast_reads import HistoryHours, TrackDays, read_surroundings
from lambdas.api.responses import answers
from lambdas.core.advice import DEFAULT_WINDOW_HOURS, ForecastHour, cleanest_window
from lambdas.core.carbon_forecasts import carbon_track_record, latest_carbon_forecast
from lambdas.core.database import get_connection
from lambdas.core.errors import NotFound
from lambdas.core.settings import get_settings

router = APIGatewayRouter()
NO_FORECAST = "no carbon-intensity forecast stored yet: run the pipeline (POST /trigger-prediction)"


def _newest(conn: psycopg.Connection[Any], zone: str) -> list[dict[str, Any]]:
    rows = latest_carbon_forecast(conn, zone)
    if not rows:
        raise NotFound(NO_FORECAST)
    return rows


def _answer(body: Any) -> Response[Any]:
    return Response(
        status_code=200,
        content_type="application/json",
        body=body,
        headers={"Cache-Control": "public, max-age=300"},
    )


@router.get(
    "/forecast/carbon-intensity",
    summary="The newest carbon-intensity forecast (gCO2eq/kWh, 80% interval) and its record",
    responses=answers(CarbonIntensityForecast, 404),
)
def get_carbon_forecast(
    history_hours: HistoryHours = 48, track_days: TrackDays = 28
) -> Response[CarbonIntensityForecast]:
    conn = get_connection()
    zone = get_settings().zone
    rows = _newest(conn, zone)
    around = read_surroundings(conn, zone, rows, "carbon_intensity", history_hours, track_days)
    track = carbon_track_record(conn, zone, around.track_start, around.first)
    return _answer(
        CarbonIntensityForecast(
            zone=zone,
            issued_at=rows[0]["issued_at"],
            model_version=rows[0]["model_version"],
            interval_level=rows[0]["interval_level"],
            run_id=rows[0]["run_id"],
            emission_factor_type="lifecycle",
            forecasts=[
                CarbonForecastHour.model_validate(
                    {**row, "actual_g_per_kwh": around.actual.get(row["target_datetime"])}
                )
                for row in rows
            ],
            history=[
                MeasuredIntensity(datetime=at, carbon_intensity=value)
                for at, value in around.history
            ],
            evaluation=around.evaluation,
            track_record=CarbonTrackRecord(start=around.track_start, end=around.first, **track),
        )
    )


@router.get(
    "/advice/cleanest-window",
    summary="When, in the hours the newest carbon forecast has left, N consecutive hours are"
    " cleanest",
    description="Only forecast hours that have not begun (at or after now) are searched and"
    " averaged: 404 when fewer than `hours` consecutive ones are left (or no forecast is"
    " stored), 400 for `hours` outside 1 to 12 or longer than the whole forecast.",
    responses=answers(CleanestWindowAdvice, 400, 404),
)
def get_cleanest_window(
    hours: Annotated[
        int,
        # Declared, not validated by the resolver: a bad N answers 400 (the contract)
        # from cleanest_window, not the resolver's 422.
        Query(
            description="length of the window in hours, 1 to 12 (else 400)",
            json_schema_extra={"minimum": 1, "maximum": 12},
        ),
    ] = DEFAULT_WINDOW_HOURS,
) -> Response[CleanestWindowAdvice]:
    conn = get_connection()
    zone = get_settings().zone
    rows = _newest(conn, zone)
    window = cleanest_window(
        [
            ForecastHour(
                row["target_datetime"],
                row["predicted_g_per_kwh"],
                row["lower_g_per_kwh"],
                row["upper_g_per_kwh"],
            )
            for row in rows
        ],
        hours,
        not_before=datetime.now(UTC),
    )
    low, high = window.saving_pct_range
    return _answer(
        CleanestWindowAdvice(
            zone=zone,
            issued_at=rows[0]["issued_at"],
            model_version=rows[0]["model_version"],
            hours=window.hours,
            start_at=window.start_at,
            end_at=window.end_at,
            mean_g_per_kwh=window.mean_intensity,
            mean_lower_g_per_kwh=window.mean_lower,
            mean_upper_g_per_kwh=window.mean_upper,
            horizon_start_at=window.horizon_start_at,
            horizon_end_at=window.horizon_end_at,
            horizon_hours=window.horizon_hours,
            horizon_mean_g_per_kwh=window.horizon_mean_intensity,
            saving_pct=window.saving_pct,
            saving_pct_low=low,
            saving_pct_high=high,
            interval_level=rows[0]["interval_level"],
        )
    )
