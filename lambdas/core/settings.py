"""One typed settings object, read from the environment once per process."""

from functools import cache
from pathlib import Path
from typing import Literal

from pydantic import Field, PositiveInt, SecretStr, ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict

from lambdas.core.errors import SettingsError

PROJECT_ROOT = Path(__file__).resolve().parents[2]


class Settings(BaseSettings):
    """Every variable of the README's configuration table; names match the variables."""

    model_config = SettingsConfigDict(frozen=True, case_sensitive=False, extra="ignore")

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

    def require(self, field: str) -> str:
        """Return a setting that this code path cannot run without, or fail naming its variable."""
        value = getattr(self, field)
        if value is None:
            raise SettingsError(f"{field.upper()} is not set: this step needs it")
        return str(value.get_secret_value() if isinstance(value, SecretStr) else value)


def load_settings() -> Settings:
    """Read the environment now; a bad value fails with one line naming the variable."""
    try:
        return Settings()
    except ValidationError as exc:
        first = exc.errors()[0]
        variable = str(first["loc"][0]).upper() if first["loc"] else "settings"
        raise SettingsError(f"{variable}: {first['msg']} (got {first.get('input')!r})") from None


@cache
def get_settings() -> Settings:
    """The settings of this process (cached across warm Lambda invocations)."""
    return load_settings()
