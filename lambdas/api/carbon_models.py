"""Response models of the carbon-intensity forecast and the cleanest-window advice (the
OpenAPI schema the dashboard's panels read). Intensities are life-cycle gCO2eq/kWh."""

from datetime import datetime
from typing import Any

from pydantic import Field

from lambdas.api.models import ApiModel


class CarbonForecastHour(ApiModel):
    target_datetime: datetime = Field(description="start of the forecast hour (UTC)")
    horizon_hours: int = Field(description="hours after the issue (1 = the next hour)")
    predicted_g_per_kwh: float
    lower_g_per_kwh: float = Field(description="lower bound of the interval")
    upper_g_per_kwh: float = Field(description="upper bound of the interval")
    actual_g_per_kwh: float | None = Field(description="the measured value, once it is stored")


class MeasuredIntensity(ApiModel):
    datetime: datetime
    carbon_intensity: float | None


class CarbonTrackRecord(ApiModel):
    """The stored forecasts of the last days, scored once their hours were measured."""

    start: datetime = Field(description="first target hour scored")
    end: datetime = Field(description="end of the last target hour scored (exclusive)")
    n_forecasts: int = Field(description="(issue, target hour) pairs scored, every horizon")
    n_hours: int = Field(description="distinct target hours among them")
    n_replayed: int = Field(
        description="pairs among them issued after the fact from the data before their issue"
        " hour (the demo's track record from its start), not by a live pipeline run"
    )
    n_days: float = Field(description="days from the first to the end of the last hour scored")
    mae: float | None = Field(description="mean absolute error of the forecasts, g/kWh")
    mape_pct: float | None = Field(description="mean absolute percentage error")
    persistence_mae: float | None = Field(
        description="the same for persistence (the measured hour a day before) on the same pairs"
    )
    persistence_mape_pct: float | None
    skill_vs_persistence: float | None = Field(description="1 - mae / persistence_mae")
    coverage: float | None = Field(description="share of the pairs inside their interval")
    interval_level: float | None = Field(description="the level the intervals promised")


class CarbonIntensityForecast(ApiModel):
    """Hourly carbon intensity for the 24 hours after the newest stored hour."""

    zone: str
    issued_at: datetime
    model_version: str
    interval_level: float
    run_id: str
    emission_factor_type: str = Field(description="the intensity forecast", examples=["lifecycle"])
    forecasts: list[CarbonForecastHour]
    history: list[MeasuredIntensity] = Field(description="measured intensity before the forecast")
    evaluation: dict[str, Any] | None = Field(
        description="the model version's backtest on its held-out 28 days: methods (model,"
        " persistence, weekly_persistence with mae, rmse, mape_pct), skill, coverage_80,"
        " cleanest_3h_regret, cleanest_3h_saving_pct"
    )
    track_record: CarbonTrackRecord


class CleanestWindowAdvice(ApiModel):
    """The N consecutive forecast hours with the lowest mean intensity, against the horizon."""

    zone: str
    issued_at: datetime = Field(description="when the forecast it reads was issued")
    model_version: str
    hours: int = Field(description="length of the window, 1-12")
    start_at: datetime = Field(description="start of the window (UTC)")
    end_at: datetime = Field(description="end of the window (UTC, exclusive)")
    mean_g_per_kwh: float = Field(description="forecast mean intensity of the window")
    mean_lower_g_per_kwh: float = Field(description="mean of the window's lower bounds")
    mean_upper_g_per_kwh: float = Field(description="mean of the window's upper bounds")
    horizon_start_at: datetime
    horizon_end_at: datetime
    horizon_hours: int = Field(description="forecast hours the window was chosen among")
    horizon_mean_g_per_kwh: float = Field(description="forecast mean of the whole horizon")
    saving_pct: float = Field(description="how much lower the window is than the horizon mean")
    saving_pct_low: float = Field(description="the saving if the window's upper bounds come true")
    saving_pct_high: float = Field(description="the saving if its lower bounds come true")
    interval_level: float
