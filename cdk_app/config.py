"""Typed per-environment configuration, read from cdk.json's context (`environments`, `env`)."""

from pathlib import Path
from typing import Annotated, Any, Literal

from aws_cdk import RemovalPolicy
from aws_cdk import aws_logs as logs
from pydantic import BaseModel, ConfigDict, Field, ValidationError

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DASHBOARD_DIST = PROJECT_ROOT / "dashboard" / "dist"

# Context keys: `-c env=dev` picks one environment; `-c dashboard_dist=DIR` overrides the build.
ENV_CONTEXT_KEY = "env"
ENVIRONMENTS_CONTEXT_KEY = "environments"
DASHBOARD_DIST_CONTEXT_KEY = "dashboard_dist"

# Allowed CORS origin meaning "this environment's own CloudFront dashboard".
DASHBOARD_ORIGIN = "dashboard"

_RETENTION = {
    1: logs.RetentionDays.ONE_DAY,
    3: logs.RetentionDays.THREE_DAYS,
    5: logs.RetentionDays.FIVE_DAYS,
    7: logs.RetentionDays.ONE_WEEK,
    14: logs.RetentionDays.TWO_WEEKS,
    30: logs.RetentionDays.ONE_MONTH,
    60: logs.RetentionDays.TWO_MONTHS,
    90: logs.RetentionDays.THREE_MONTHS,
    180: logs.RetentionDays.SIX_MONTHS,
    365: logs.RetentionDays.ONE_YEAR,
    731: logs.RetentionDays.TWO_YEARS,
}


class ConfigError(ValueError):
    """cdk.json or `-c` context names something that cannot be deployed; the message says what."""


class EnvironmentConfig(BaseModel):
    """What differs between environments; everything else is the same code."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = Field(pattern=r"^[a-z][a-z0-9-]{0,15}$")
    # Database: RDS PostgreSQL 16.
    db_instance_type: str = Field(pattern=r"^[a-z0-9]+\.[a-z0-9]+$", examples=["t4g.micro"])
    db_allocated_storage_gib: Annotated[int, Field(ge=20, le=1000)] = 20
    multi_az: bool
    backup_retention_days: Annotated[int, Field(ge=1, le=35)]
    deletion_protection: bool
    # "destroy" deletes data with the stack; "retain" keeps buckets and snapshots the database.
    removal_policy: Literal["destroy", "retain"]
    # Network: NAT gateways for ingest's internet egress (1 = cheaper, one per AZ = resilient).
    nat_gateways: Annotated[int, Field(ge=1, le=2)]
    log_retention_days: Literal[1, 3, 5, 7, 14, 30, 60, 90, 180, 365, 731]
    # Workflow: an EventBridge schedule expression for the pipeline.
    schedule: str = Field(pattern=r"^(rate|cron)\(.+\)$", examples=["rate(1 hour)"])
    schedule_enabled: bool = True
    # Alarms: e-mail subscribed to the alarm topic (None: subscribe by hand later).
    alarm_email: str | None = Field(default=None, pattern=r"^[^@\s]+@[^@\s]+$")
    freshness_threshold_hours: Annotated[int, Field(ge=1, le=72)] = 3
    # API: an origin (https://...), "*", or "dashboard" for this environment's CloudFront URL.
    cors_allow_origin: str = Field(pattern=r"^(\*|dashboard|https?://[^/\s]+)$")
    api_rate_limit: Annotated[int, Field(ge=1)]
    api_burst_limit: Annotated[int, Field(ge=1)]
    # Application settings passed to the functions (lambdas/core/settings.py).
    zone: str = "US-CAL-LDWP"
    history_days: Annotated[int, Field(ge=1)] = 30
    electricitymaps_api_url: str = Field(
        default="https://api.electricitymaps.com/v3", pattern=r"^https://\S+$"
    )
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    # The built dashboard (vite output) to publish; relative paths are from the project root.
    dashboard_dist: Path = DEFAULT_DASHBOARD_DIST

    @property
    def log_retention(self) -> logs.RetentionDays:
        """`log_retention_days` as the CDK enum (whose Python values are names, not days)."""
        return _RETENTION[self.log_retention_days]

    @property
    def removal_policy_for_data(self) -> RemovalPolicy:
        """DESTROY where the environment is disposable, else RETAIN."""
        return RemovalPolicy.DESTROY if self.is_destroyable else RemovalPolicy.RETAIN

    @property
    def is_destroyable(self) -> bool:
        """True when removing the stack may delete data (dev-like environments)."""
        return self.removal_policy == "destroy"


def _environments(context: Any) -> dict[str, Any]:
    if not isinstance(context, dict) or not context:
        raise ConfigError(
            f"cdk.json context has no '{ENVIRONMENTS_CONTEXT_KEY}' object: "
            "add one entry per environment (dev, prod)"
        )
    return context


def load_environment(
    name: str, context: Any, dashboard_dist: str | None = None
) -> EnvironmentConfig:
    """One environment's config from the `environments` context object.

    `dashboard_dist` (the `-c dashboard_dist=DIR` context) overrides the configured build folder.
    """
    environments = _environments(context)
    if name not in environments:
        known = ", ".join(sorted(environments))
        raise ConfigError(
            f"unknown environment {name!r}: cdk.json defines {known}; "
            f"pass one of them, e.g. `cdk synth -c {ENV_CONTEXT_KEY}={sorted(environments)[0]}`"
        )
    values = {"name": name, **environments[name]}
    if dashboard_dist is not None:
        values["dashboard_dist"] = dashboard_dist
    try:
        config = EnvironmentConfig.model_validate(values)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(part) for part in first["loc"])
        raise ConfigError(
            f"cdk.json environments.{name}.{field}: {first['msg']} (got {first.get('input')!r})"
        ) from None
    if not config.dashboard_dist.is_absolute():
        config = config.model_copy(update={"dashboard_dist": PROJECT_ROOT / config.dashboard_dist})
    return config


def load_environments(
    selected: str | None, context: Any, dashboard_dist: str | None = None
) -> list[EnvironmentConfig]:
    """The environment `-c env=NAME` selects, or every environment when none is selected."""
    names = [selected] if selected is not None else sorted(_environments(context))
    return [load_environment(name, context, dashboard_dist) for name in names]
