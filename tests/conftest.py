"""Fixtures shared by every tier."""

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.constants import DATA_DIR, REPO_ROOT

if TYPE_CHECKING:
    import pandas as pd


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO_ROOT


@pytest.fixture(scope="session")
def la_csv_path() -> Path:
    """The bundled real LA hourly data (EIA-930 and Electricity Maps, 2019-2021)."""
    path = DATA_DIR / "ldwp_hourly_2019_2021.csv.gz"
    assert path.exists(), f"missing bundled data: {path}"
    return path


@pytest.fixture(scope="session")
def la_measurements(la_csv_path: Path) -> "pd.DataFrame":
    """The LA data as measurement columns: power_consumption_total, solar_mw, wind_mw (MW),
    on a UTC hourly index named `datetime` (2019-01-01T07:00Z to 2022-01-01T06:00Z)."""
    import pandas as pd

    raw = pd.read_csv(la_csv_path)
    frame = pd.DataFrame(
        {
            "power_consumption_total": raw["demand_mw"].astype("float64").to_numpy(),
            "solar_mw": raw["solar_mw"].astype("float64").to_numpy(),
            "wind_mw": raw["wind_mw"].astype("float64").to_numpy(),
        },
        index=pd.DatetimeIndex(pd.to_datetime(raw["period_start_utc"], utc=True), name="datetime"),
    )
    return frame
