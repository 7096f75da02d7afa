"""Response models of the HTTP API: they are the OpenAPI schema the dashboard relies on."""

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field, create_model

from lambdas.core.measurements import NUMERIC_COLUMNS
from lambdas.core.time_range import Window


class ErrorBody(BaseModel):
    """Every 4xx answer: a code and what to fix."""

    error: str = Field(examples=["invalid_range"])
    message: str = Field(
        examples=["range 'fortnight' is unknown; use one of day, week, month, year"]
    )


# Built from the core row model's value columns, so a new column reaches the schema by itself.
_MEASURED: dict[str, Any] = dict.fromkeys(NUMERIC_COLUMNS, (float | None, None))
Measurement = create_model(
    "Measurement",
    __doc__="One hour (`datetime` is its start, UTC). MW, gCO2eq/kWh, percent; null = unknown.",
    datetime=(datetime, ...),
    **_MEASURED,
    is_estimated=(bool | None, Field(None, description="upstream estimated this hour")),
    estimation_method=(str | None, Field(None, examples=["ESTIMATED_TIME_SLICER_AVERAGE"])),
)


class MeasurementsPage(BaseModel):
    zone: str
    window: Window
    hours_expected: int = Field(description="whole hours in the window")
    count: int
    available: list[str] = Field(description="columns with at least one known value")
    measurements: list[Measurement]


class SourceMix(BaseModel):
    source: str = Field(examples=["solar"])
    mw: float
    share_percent: float | None = Field(description="of total production, when it is known")
    share_of_load_percent: float | None = Field(description="of the load, when it is known")


class RunBrief(BaseModel):
    run_id: str
    trigger: str
    status: str
    started_at: datetime
    finished_at: datetime | None


class LatestStatus(BaseModel):
    """The newest stored hour and how fresh it is."""

    zone: str
    datetime: datetime
    data_age_hours: float
    stale: bool = Field(description="true when the newest hour is older than 3 hours")
    load_mw: float | None
    carbon_intensity: float | None = Field(
        description="gCO2eq/kWh of the electricity consumed (imports included), with the"
        " emission factor `carbon_intensity_factor_type`"
    )
    carbon_intensity_factor_type: Literal["lifecycle"] = Field(
        "lifecycle", description="life-cycle emission factors (direct: `carbon_intensity_direct`)"
    )
    carbon_intensity_direct: float | None = Field(
        description="gCO2eq/kWh with direct (combustion only) emission factors"
    )
    carbon_intensity_source: Literal["Electricity Maps"] | None = Field(
        description="who computed the intensity; null when it is unknown"
    )
    renewable_percentage: float | None
    fossil_free_percentage: float | None
    import_mw: float | None
    export_mw: float | None
    net_import_mw: float | None = Field(
        description="imports minus exports, MW (negative: a net export); null unless both known"
    )
    is_estimated: bool | None = Field(description="upstream estimated this hour")
    generation_mix: list[SourceMix] = Field(description="known sources only, largest first")
    unknown_fields: list[str] = Field(description="fields the source does not report (null)")
    current_cluster: dict[str, Any] | None = Field(
        description="today's load-profile cluster, from the newest clustering result"
    )
    last_run: RunBrief | None


class Prediction(BaseModel):
    target_datetime: datetime
    horizon_hours: int
    predicted_mw: float
    lower_mw: float | None
    upper_mw: float | None
    actual_mw: float | None = Field(description="the measured value, once it is stored")


class ActualHour(BaseModel):
    datetime: datetime
    solar_mw: float | None


class TrackRecord(BaseModel):
    """The stored forecasts of the last days, scored once their hours were measured."""

    start: datetime = Field(description="first target hour scored")
    end: datetime = Field(description="end of the last target hour scored (exclusive)")
    n_forecasts: int = Field(description="(issue, target hour) pairs scored, every horizon")
    n_hours: int = Field(description="distinct target hours among them")
    mae_mw: float | None = Field(description="mean absolute error of the forecasts")
    persistence_mae_mw: float | None = Field(
        description="the same for persistence (the measured hour a day before) on the same pairs"
    )
    skill_vs_persistence: float | None = Field(description="1 - mae_mw / persistence_mae_mw")
    coverage: float | None = Field(description="share of the pairs inside their interval")
    interval_level: float | None = Field(description="the level the intervals promised")


class Forecast(BaseModel):
    """Hourly solar generation for the 24 hours after the newest stored hour."""

    zone: str
    issued_at: datetime
    model_version: str
    interval_level: float | None
    run_id: str
    predictions: list[Prediction]
    history: list[ActualHour] = Field(description="measured solar before the forecast")
    evaluation: dict[str, Any] | None = Field(description="the model version's backtest metrics")
    track_record: TrackRecord


class AnalysisResult(BaseModel):
    """One stored result; `result`'s shape per kind is in docs/analysis-results.md."""

    kind: str
    zone: str
    run_id: str
    range: Literal["week", "month", "year"]
    window: Window
    parameters: dict[str, Any]
    result: dict[str, Any]
    created_at: datetime


class CorrelationPair(BaseModel):
    variable_a: str
    variable_b: str
    method: Literal["pearson", "spearman"]
    coefficient: float
    p_value: float | None
    n: int


class Correlations(BaseModel):
    zone: str
    run_id: str
    range: Literal["week", "month", "year"]
    window: Window
    pairs: list[CorrelationPair]


class Run(BaseModel):
    run_id: str
    trigger: str
    status: str
    input: dict[str, Any]
    started_at: datetime
    finished_at: datetime | None
    summary: dict[str, Any] | None


class Runs(BaseModel):
    runs: list[Run]


class Started(BaseModel):
    run_id: str
    status: Literal["started"] = "started"
    input: dict[str, Any]
