"""Fixtures shared by every tier."""

from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = REPO_ROOT / "data"


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO_ROOT


@pytest.fixture(scope="session")
def la_csv_path() -> Path:
    """The bundled real LA hourly data (EIA-930, 2019-2020)."""
    path = DATA_DIR / "ldwp_hourly_2019_2020.csv.gz"
    assert path.exists(), f"missing bundled data: {path}"
    return path
