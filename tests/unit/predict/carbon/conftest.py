"""Fixtures of the carbon-forecast unit tests: a cut of the real 2022 LA intensity."""

import pandas as pd
import pytest

from lambdas.predict.carbon.series import CarbonSeries, build_series, read_csvs
from tests.constants import DATA_DIR
from tests.unit.predict.carbon.builders import LA

CARBON_CSV = DATA_DIR / "ldwp_demand_carbon_2022_2023.csv.gz"
# 2022-02-01 to 2022-04-30 in Los Angeles (88 days, the spring DST change inside).
CARBON_CUT = slice("2022-02-01T08:00Z", "2022-05-01T06:00Z")


@pytest.fixture(scope="session")
def carbon_frame() -> pd.DataFrame:
    """The cut as the CSV reader returns it: intensity, carbon_free_pct, demand_mw."""
    return read_csvs([CARBON_CSV]).loc[CARBON_CUT]


@pytest.fixture(scope="session")
def carbon_series(carbon_frame) -> CarbonSeries:
    """The cut as a series, with 25 future hours appended."""
    return build_series(carbon_frame, LA, extra_hours=25)
