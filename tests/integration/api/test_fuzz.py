"""schemathesis against /openapi.json of the served API with every check: no 5xx, every answer
as documented, every request the document allows accepted and every other refused, 405 for an
undeclared method (schemathesis.toml beside this file says where a 400 is documented)."""

import subprocess
import sys
from pathlib import Path
from typing import Any

import pandas as pd

CONFIG = Path(__file__).with_name("schemathesis.toml")


def test_the_api_survives_fuzzing(
    state_machine: Any, api_url: str, stored: pd.DataFrame, tmp_path: Path
) -> None:
    schemathesis = Path(sys.executable).parent / "st"
    report = subprocess.run(
        [
            str(schemathesis),
            "--config-file",
            str(CONFIG),
            "run",
            f"{api_url}/openapi.json",
            "--checks",
            "all",
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
