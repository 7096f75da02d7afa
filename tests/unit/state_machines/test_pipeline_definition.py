"""The workflow definition as JSON: placeholders, retries, catches, and a real validator."""

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from lambdas.core.errors import DatabaseUnavailable
from lambdas.local.workflow import DEFINITION_PATH, FUNCTIONS
from lambdas.predict.store import ModelStoreUnavailable

# An RDS Multi-AZ failover takes 60-120 s; the database retries must outlast it.
FAILOVER_SECONDS = 120
# The tasks that open a database connection (validate checks the input only).
DATABASE_TASKS = {"Ingest", "Analyze", "Predict", "Cluster", "Summarize"}


@pytest.fixture(scope="module")
def definition() -> dict[str, Any]:
    return json.loads(DEFINITION_PATH.read_text(encoding="utf-8"))


def all_states(states: dict[str, Any]) -> dict[str, Any]:
    found = dict(states)
    for state in states.values():
        for branch in state.get("Branches", []):
            found.update(all_states(branch["States"]))
    return found


def test_statelint_accepts_the_definition() -> None:
    statelint = Path(sys.executable).parent / "statelint"
    result = subprocess.run(
        [str(statelint), str(DEFINITION_PATH)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_placeholders_are_exactly_the_functions(definition: dict[str, Any]) -> None:
    placeholders = set(re.findall(r"\$\{(\w+)\}", json.dumps(definition)))
    assert placeholders == set(FUNCTIONS)


def test_jsonpath_mode_for_the_local_engine(definition: dict[str, Any]) -> None:
    assert definition["QueryLanguage"] == "JSONPath"


def test_every_task_retries_transient_errors_and_catches(definition: dict[str, Any]) -> None:
    tasks = {n: s for n, s in all_states(definition["States"]).items() if s["Type"] == "Task"}
    assert set(tasks) == {"ValidateInput", "Ingest", "Analyze", "Predict", "Cluster", "Summarize"}
    for name, task in tasks.items():
        retried = {error for rule in task["Retry"] for error in rule["ErrorEquals"]}
        assert {"Lambda.ServiceException", "Lambda.TooManyRequestsException"} <= retried, name
        assert "InvalidInput" not in retried, name
        assert "States.ALL" not in retried, name
        assert all(rule["JitterStrategy"] == "FULL" for rule in task["Retry"]), name
        assert task["Catch"][0]["ErrorEquals"] == ["States.ALL"], name


def test_each_branch_catches_its_own_failure(definition: dict[str, Any]) -> None:
    branches = definition["States"]["Steps"]["Branches"]
    assert len(branches) == 3
    for branch in branches:
        task = next(s for s in branch["States"].values() if s["Type"] == "Task")
        handler_state = branch["States"][task["Catch"][0]["Next"]]
        assert handler_state["Type"] == "Pass"
        assert handler_state["Parameters"]["status"] == "failed"


def tasks_of(definition: dict[str, Any]) -> dict[str, Any]:
    return {n: s for n, s in all_states(definition["States"]).items() if s["Type"] == "Task"}


def nominal_delays(rule: dict[str, Any]) -> list[float]:
    """Seconds before each retry without jitter: IntervalSeconds * BackoffRate^n, capped."""
    return [
        min(rule["IntervalSeconds"] * rule["BackoffRate"] ** attempt, rule["MaxDelaySeconds"])
        for attempt in range(rule["MaxAttempts"])
    ]


def retrier_for(task: dict[str, Any], error: str) -> dict[str, Any] | None:
    """The first retrier that matches `error`, as Step Functions picks it."""
    return next((rule for rule in task["Retry"] if error in rule["ErrorEquals"]), None)


def test_nominal_delays_follow_the_asl_backoff() -> None:
    rule = {"IntervalSeconds": 5, "BackoffRate": 2.0, "MaxDelaySeconds": 60, "MaxAttempts": 6}
    assert nominal_delays(rule) == [5, 10, 20, 40, 60, 60]


def test_database_retries_outlast_a_multi_az_failover(definition: dict[str, Any]) -> None:
    """Full jitter waits uniform(0, delay) before each retry, so the expected span of the
    retries is half the nominal one: that half must exceed a failover."""
    tasks = tasks_of(definition)
    for name in DATABASE_TASKS:
        rule = retrier_for(tasks[name], DatabaseUnavailable.__name__)
        assert rule is not None, name
        assert rule["JitterStrategy"] == "FULL", name
        assert rule["MaxDelaySeconds"] <= 60, name  # back within a minute of the database
        assert sum(nominal_delays(rule)) / 2 > FAILOVER_SECONDS, name
    assert retrier_for(tasks["ValidateInput"], DatabaseUnavailable.__name__) is None


def test_the_model_store_is_retried_by_predict(definition: dict[str, Any]) -> None:
    rule = retrier_for(tasks_of(definition)["Predict"], ModelStoreUnavailable.__name__)
    assert rule is not None
    assert rule["JitterStrategy"] == "FULL"
    assert sum(nominal_delays(rule)) / 2 > FAILOVER_SECONDS


def test_every_retrier_is_capped_and_jittered(definition: dict[str, Any]) -> None:
    for name, task in tasks_of(definition).items():
        for rule in task["Retry"]:
            assert rule["JitterStrategy"] == "FULL", name
            assert 1 <= rule["MaxDelaySeconds"] <= 60, name
            assert rule["BackoffRate"] >= 1.0, name
