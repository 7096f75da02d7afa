"""Typed per-environment configuration, read from cdk.json's context (`environments`, `env`)."""

from pathlib import Path
from typing import Annotated, Any, Literal

from aws_cdk import RemovalPolicy
from aws_cdk import aws_logs as logs
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

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


# max_connections of RDS PostgreSQL's default parameter group, LEAST(DBInstanceClassMemory /
# 9531392, 5000), by instance class. DBInstanceClassMemory is below the nominal memory (RDS keeps
# part for the OS and its agents), so these are rounded down from the values running instances
# report (2 GiB classes show ~198), not the formula on the nominal GiB.
MAX_CONNECTIONS = {
    "t3.micro": 80,
    "t4g.micro": 80,
    "t3.small": 190,
    "t4g.small": 190,
    "t3.medium": 400,
    "t4g.medium": 400,
    "t3.large": 850,
    "t4g.large": 850,
    "m6g.large": 850,
    "m7g.large": 850,
    "r6g.large": 1700,
    "r7g.large": 1700,
}
# Connections one function instance holds: lambdas/core/database.py keeps one per thread, and a
# Lambda instance runs one invocation at a time on one thread. validate opens none.
CONNECTIONS_PER_INSTANCE = {
    "api": 1,
    "ingest": 1,
    "analyze": 1,
    "predict": 1,
    "cluster": 1,
    "summarize": 1,
    "migrate": 1,
    "validate": 0,
}
# Kept free of the functions' reserved concurrency: a share for instances Lambda has replaced
# but not yet frozen for good (their connection stays open until they go), plus a fixed number
# for RDS's reserved superuser slots (3 + 2), the rotation function and an operator's psql.
CONNECTION_HEADROOM_FRACTION = 0.25
CONNECTION_HEADROOM_FIXED = 10


class ConfigError(ValueError):
    """cdk.json or `-c` context names something that cannot be deployed; the message says what."""


class Retention(BaseModel):
    """How long derived data is kept (issue 17), passed to the summarize step, which applies it
    (lambdas/core/settings.py reads RETENTION_*). Measurements are never deleted."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    # Every run's analysis results, then only the last run of each day...
    every_run_days: Annotated[int, Field(ge=1)] = 7
    # ... which is kept this long, then deleted.
    daily_run_days: Annotated[int, Field(ge=1)] = 180
    # Forecasts, for the track record of forecasts against what was measured.
    forecast_days: Annotated[int, Field(ge=1)] = 365

    @model_validator(mode="after")
    def _daily_outlasts_every_run(self) -> "Retention":
        if self.daily_run_days < self.every_run_days:
            raise ValueError("daily_run_days must be at least every_run_days")
        return self

    def environment(self) -> dict[str, str]:
        """The settings as the functions read them."""
        return {
            "RETENTION_EVERY_RUN_DAYS": str(self.every_run_days),
            "RETENTION_DAILY_RUN_DAYS": str(self.daily_run_days),
            "RETENTION_FORECAST_DAYS": str(self.forecast_days),
        }


def connection_budget(db_instance_type: str) -> int:
    """Connections the functions may hold at once on `db_instance_type`: its max_connections
    less the headroom."""
    if db_instance_type not in MAX_CONNECTIONS:
        raise ValueError(
            f"max_connections of {db_instance_type!r} is not known: add it to MAX_CONNECTIONS "
            f"in cdk_app/config.py (known: {', '.join(MAX_CONNECTIONS)})"
        )
    limit = MAX_CONNECTIONS[db_instance_type]
    return int(limit * (1 - CONNECTION_HEADROOM_FRACTION)) - CONNECTION_HEADROOM_FIXED


class EnvironmentConfig(BaseModel):
    """What differs between environments; everything else is the same code."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = Field(pattern=r"^[a-z][a-z0-9-]{0,15}$")
    # Database: RDS PostgreSQL 16.
    db_instance_type: str = Field(pattern=r"^[a-z0-9]+\.[a-z0-9]+$", examples=["t4g.micro"])
    db_allocated_storage_gib: Annotated[int, Field(ge=20, le=1000)] = 20
    # Enhanced monitoring (OS metrics every N seconds; 0 = off), Performance Insights and IAM
    # database authentication (password authentication stays for the functions).
    db_monitoring_interval_seconds: Literal[0, 1, 5, 10, 15, 30, 60] = 0
    db_performance_insights: bool = False
    db_iam_authentication: bool = False
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
    # A WAF web ACL on the CloudFront distribution (AWS managed common rules and a per-IP rate
    # limit). CloudFront web ACLs live in us-east-1: deploy this stack there (README, Deploy).
    waf: bool = False
    waf_requests_per_5_minutes_per_ip: Annotated[int, Field(ge=100)] = 1000
    # Concurrent instances each function may run (Lambda reserved concurrency), by service; the
    # connections they hold must fit the database's budget (`connection_budget`).
    reserved_concurrency: dict[str, Annotated[int, Field(ge=1)]]
    retention: Retention = Retention()
    # Application settings passed to the functions (lambdas/core/settings.py).
    zone: str = "US-CAL-LDWP"
    history_days: Annotated[int, Field(ge=1)] = 30
    electricitymaps_api_url: str = Field(
        default="https://api.electricitymaps.com/v3", pattern=r"^https://\S+$"
    )
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    # The built dashboard (vite output) to publish; relative paths are from the project root.
    dashboard_dist: Path = DEFAULT_DASHBOARD_DIST

    @model_validator(mode="after")
    def _connections_fit_the_database(self) -> "EnvironmentConfig":
        unknown = set(self.reserved_concurrency) ^ set(CONNECTIONS_PER_INSTANCE)
        if unknown:
            raise ValueError(
                f"reserved_concurrency must name exactly {sorted(CONNECTIONS_PER_INSTANCE)}; "
                f"check {sorted(unknown)}"
            )
        held = self.database_connections
        budget = connection_budget(self.db_instance_type)
        if held > budget:
            raise ValueError(
                f"reserved_concurrency lets the functions hold {held} connections, over the "
                f"{budget} that {self.db_instance_type} allows with headroom: lower it or pick "
                "a larger db_instance_type"
            )
        return self

    @property
    def database_connections(self) -> int:
        """Connections the functions hold at most: reserved concurrency x connections each."""
        return sum(
            count * CONNECTIONS_PER_INSTANCE[service]
            for service, count in self.reserved_concurrency.items()
        )

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
        where = ".".join([f"environments.{name}", *(str(part) for part in first["loc"])])
        got = f" (got {first['input']!r})" if first["loc"] else ""
        raise ConfigError(f"cdk.json {where}: {first['msg']}{got}") from None
    if not config.dashboard_dist.is_absolute():
        config = config.model_copy(update={"dashboard_dist": PROJECT_ROOT / config.dashboard_dist})
    return config


def load_environments(
    selected: str | None, context: Any, dashboard_dist: str | None = None
) -> list[EnvironmentConfig]:
    """The environment `-c env=NAME` selects, or every environment when none is selected."""
    names = [selected] if selected is not None else sorted(_environments(context))
    return [load_environment(name, context, dashboard_dist) for name in names]
