"""schemathesis against /openapi.json of the served API: no 5xx, every answer as documented."""

import subprocess
import sys
from pathlib import Path
from typing import Any

import pandas as pd


def test_the_api_survives_fuzzing(
    state_machine: Any, api_url: str, stored: pd.DataFrame, tmp_path: Path
) -> None:
    schemathesis = Path(sys.executable).parent / "st"
    report = subprocess.run(
        [
            str(schemathesis),
            "run",
            f"{api_url}/openapi.json",
            "--checks",
            "not_a_server_error,response_schema_conformance,status_code_conformance,"
            "content_type_conformance",
            "--max-examples",
            "25",
            "--workers",
            "1",
            "--seed",
            "7",
            "--no-color",
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        cwd=tmp_path,
    )
    assert report.returncode == 0, report.stdout[-6000:] + report.stderr[-2000:]
