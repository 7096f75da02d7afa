"""The workflow definition as JSON: placeholders, retries, catches, and a real validator."""

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from lambdas.local.workflow import DEFINITION_PATH, FUNCTIONS


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
