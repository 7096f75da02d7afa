"""One typed settings object, read from the environment once per process.

A plain pydantic model over `os.environ`, not pydantic-settings' BaseSettings: every value is
a scalar read as it is written, and that package's sources (dotenv, CLI, secrets, cloud
providers) cost a cold start as much as the rest of the core.
"""

import os
from functools import cache
from pathlib import Path
from typing import Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PositiveInt,
    SecretStr,
    ValidationError,
    model_validator,
)

from lambdas.core.errors import SettingsError

PROJECT_ROOT = Path(__file__).resolve().parents[2]


class Settings(BaseModel):
    """Every variable of the README's configuration table; names match the variables."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    database_url: str | None = None
    db_secret_arn: str | None = None
    electricitymaps_api_url: str = Field(
        default="https://api.electricitymaps.com/v3", pattern=r"^https?://\S+$"
    )
    electricitymaps_token: SecretStr | None = None
    electricitymaps_token_secret_arn: str | None = None
    zone: str = Field(default="US-CAL-LDWP", min_length=1)
    history_days: PositiveInt = 30
    state_machine_arn: str | None = None
    model_bucket: str | None = None
    # The dashboard's origin, allowed by CORS on the API.
    cors_allow_origin: str = "*"
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"] = "INFO"
    # Where local state lives (the embedded database); never used in AWS.
    gridla_home: Path = PROJECT_ROOT / ".gridla"
    # Retention of derived data, in days (lambdas/core/retention.py): every run's analysis
    # results, then the last run of each day, then nothing; forecasts for the track record.
    retention_every_run_days: PositiveInt = 7
    retention_daily_run_days: PositiveInt = 180
    retention_forecast_days: PositiveInt = 365

    @model_validator(mode="after")
    def _daily_outlasts_every_run(self) -> "Settings":
        if self.retention_daily_run_days < self.retention_every_run_days:
            raise ValueError(
                "RETENTION_DAILY_RUN_DAYS must be at least RETENTION_EVERY_RUN_DAYS"
                f" ({self.retention_daily_run_days} < {self.retention_every_run_days})"
            )
        return self

    def require(self, field: str) -> str:
        """Return a setting that this code path cannot run without, or fail naming its variable."""
        value = getattr(self, field)
        if value is None:
            raise SettingsError(f"{field.upper()} is not set: this step needs it")
        return str(value.get_secret_value() if isinstance(value, SecretStr) else value)


def load_settings() -> Settings:
    """Read the environment now; a bad value fails with one line naming the variable.

    Names match case-insensitively (`zone` sets ZONE); variables that are not settings are left.
    """
    fields = Settings.model_fields
    values = {name.lower(): value for name, value in os.environ.items() if name.lower() in fields}
    try:
        return Settings.model_validate(values)
    except ValidationError as exc:
        first = exc.errors()[0]
        if not first["loc"]:  # a rule across variables: its message names them
            raise SettingsError(first["msg"].removeprefix("Value error, ")) from None
        variable = str(first["loc"][0]).upper()
        raise SettingsError(f"{variable}: {first['msg']} (got {first.get('input')!r})") from None


@cache
def get_settings() -> Settings:
    """The settings of this process (cached across warm Lambda invocations)."""
    return load_settings()
