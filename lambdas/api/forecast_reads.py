"""What the solar and the carbon-intensity forecast answers both read around a stored forecast:
the measured hours before and during it, the model's evaluation, where the track record starts.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Annotated, Any

import psycopg
from aws_lambda_powertools.event_handler.openapi.params import Query

from lambdas.core.measurements import read_measurements
from lambdas.core.predictions import latest_evaluation

HistoryHours = Annotated[
    int, Query(ge=0, le=168, description="hours of measured values before the forecast")
]
TrackDays = Annotated[
    int, Query(ge=1, le=90, description="days of past forecasts to score against actuals")
]


@dataclass(frozen=True)
class ForecastSurroundings:
    """The forecast's first target hour, the measured `column` around it, its evaluation."""

    first: datetime  # the first target hour: the history ends and the track record stops here
    track_start: datetime  # `track_days` before `first`
    history: list[tuple[datetime, float | None]]  # the measured hours before `first`
    actual: dict[datetime, float | None]  # the measured value of each target hour stored yet
    evaluation: dict[str, Any] | None  # the model version's backtest metrics, if stored


def read_surroundings(
    conn: psycopg.Connection[Any],
    zone: str,
    forecast: list[dict[str, Any]],
    column: str,
    history_hours: int,
    track_days: int,
) -> ForecastSurroundings:
    """Around `forecast` (the newest issue's rows, oldest target first): measured `column`
    from `history_hours` before its first target hour to the end of its last."""
    first, last = forecast[0]["target_datetime"], forecast[-1]["target_datetime"]
    measured = read_measurements(
        conn, zone, first - timedelta(hours=history_hours), last + timedelta(hours=1), (column,)
    )
    evaluation = latest_evaluation(conn, zone, forecast[0]["model_version"])
    return ForecastSurroundings(
        first=first,
        track_start=first - timedelta(days=track_days),
        history=[(row["datetime"], row[column]) for row in measured if row["datetime"] < first],
        actual={row["datetime"]: row[column] for row in measured},
        evaluation=None if evaluation is None else evaluation["metrics"],
    )
