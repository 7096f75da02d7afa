"""Fixtures of the predict unit tests: a cut of the real LA data as a series."""

import pytest

from lambdas.predict.series import SolarSeries, build_series
from tests.unit.predict.series_builders import LA, LA_CUT


@pytest.fixture(scope="session")
def la_solar(la_measurements):
    """60 days of real LA solar generation [MW] (see LA_CUT)."""
    return la_measurements["solar_mw"][LA_CUT]


@pytest.fixture(scope="session")
def la_series(la_solar) -> SolarSeries:
    """The 60 days as a series, with 24 future hours appended."""
    return build_series(la_solar, LA, extra_hours=24)
