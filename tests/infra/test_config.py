"""cdk_app/config.py: environments from cdk.json, and the clear failures of a bad selection."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from aws_cdk import App

from cdk_app.config import PROJECT_ROOT, ConfigError, load_environment, load_environments
from cdk_app.stage import build_app
from tests.infra.synth import cdk_context


def environments() -> dict[str, object]:
    context = cdk_context()["environments"]
    assert isinstance(context, dict)
    return context


def test_cdk_json_defines_dev_and_prod() -> None:
    configs = load_environments(None, environments())
    assert [config.name for config in configs] == ["dev", "prod"]


def test_selecting_one_environment_loads_only_it() -> None:
    [config] = load_environments("prod", environments())
    assert config.name == "prod"
    assert config.multi_az
    assert config.deletion_protection


def test_unknown_environment_names_the_known_ones() -> None:
    with pytest.raises(ConfigError, match=r"unknown environment 'staging'.*defines dev, prod"):
        load_environment("staging", environments())


def test_missing_environments_context_says_what_to_add() -> None:
    with pytest.raises(ConfigError, match="no 'environments' object"):
        load_environments("dev", None)


def test_a_bad_value_names_its_field() -> None:
    broken = {"dev": {**environments()["dev"], "backup_retention_days": 0}}
    with pytest.raises(ConfigError, match=r"environments\.dev\.backup_retention_days"):
        load_environment("dev", broken)


def test_a_misspelt_key_is_refused() -> None:
    broken = {"dev": {**environments()["dev"], "multiaz": True}}
    with pytest.raises(ConfigError, match=r"environments\.dev\.multiaz: Extra inputs"):
        load_environment("dev", broken)


def test_relative_dashboard_dist_is_from_the_project_root() -> None:
    config = load_environment("dev", environments(), dashboard_dist="build/site")
    assert config.dashboard_dist == PROJECT_ROOT / "build" / "site"


def test_build_app_refuses_an_unknown_environment() -> None:
    app = App(context=cdk_context(env="staging"))
    with pytest.raises(ConfigError, match="unknown environment 'staging'"):
        build_app(app)


def test_missing_dashboard_build_says_how_to_make_it(tmp_path: Path) -> None:
    app = App(context=cdk_context(env="dev", dashboard_dist=str(tmp_path / "none")))
    with pytest.raises(ConfigError, match=r"dashboard build is missing.*npm --prefix dashboard"):
        build_app(app)


def test_app_py_exits_with_one_clear_line(tmp_path: Path) -> None:
    """What `cdk synth -c env=staging` shows: the CLI passes context in CDK_CONTEXT_JSON."""
    env = {
        **os.environ,
        "CDK_CONTEXT_JSON": json.dumps(cdk_context(env="staging")),
        "CDK_OUTDIR": str(tmp_path),
    }
    result = subprocess.run(
        [sys.executable, "app.py"],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 1
    assert (
        result.stderr.strip()
        .splitlines()[-1]
        .startswith("cdk_app: unknown environment 'staging': cdk.json defines dev, prod")
    )


def test_reserved_concurrency_over_the_connection_budget_is_refused() -> None:
    dev = environments()["dev"]
    assert isinstance(dev, dict)
    greedy = {**dev["reserved_concurrency"], "api": 500}
    with pytest.raises(ConfigError, match=r"hold 5\d\d connections, over the \d+ that t4g.micro"):
        load_environment("dev", {"dev": {**dev, "reserved_concurrency": greedy}})


def test_every_function_needs_a_reserved_concurrency() -> None:
    dev = environments()["dev"]
    assert isinstance(dev, dict)
    partial = {k: v for k, v in dev["reserved_concurrency"].items() if k != "cluster"}
    with pytest.raises(ConfigError, match=r"reserved_concurrency must name exactly.*'cluster'"):
        load_environment("dev", {"dev": {**dev, "reserved_concurrency": partial}})


def test_an_instance_class_without_a_known_connection_limit_is_refused() -> None:
    dev = environments()["dev"]
    assert isinstance(dev, dict)
    with pytest.raises(ConfigError, match=r"max_connections of 'x2g.huge' is not known"):
        load_environment("dev", {"dev": {**dev, "db_instance_type": "x2g.huge"}})


def test_retention_keeps_daily_runs_at_least_as_long_as_every_run() -> None:
    dev = environments()["dev"]
    assert isinstance(dev, dict)
    backwards = {"every_run_days": 30, "daily_run_days": 7, "forecast_days": 365}
    with pytest.raises(ConfigError, match=r"environments\.dev\.retention: .*daily_run_days"):
        load_environment("dev", {"dev": {**dev, "retention": backwards}})


def test_retention_settings_are_the_ones_the_functions_read() -> None:
    [config] = load_environments("prod", environments())
    assert config.retention.environment() == {
        "RETENTION_EVERY_RUN_DAYS": "7",
        "RETENTION_DAILY_RUN_DAYS": "180",
        "RETENTION_FORECAST_DAYS": "365",
    }
