"""Series built by hand for the predict unit tests (generation and clear-sky given outright)."""

import numpy as np
import pandas as pd

from lambdas.predict.clearsky import SITES
from lambdas.predict.series import (
    SolarSeries,
    clear_day_envelope,
    filled_same_hour,
    trailing_capacity,
)

LA = SITES["US-CAL-LDWP"]
# The real LA data cut the tests use: 2019-03-01 to 2019-04-30 in Los Angeles (60 days).
LA_CUT = slice("2019-03-01T08:00Z", "2019-04-30T06:00Z")


def hand_series(solar_mw, clear_sky_ghi, start="2020-06-01T00:00Z") -> SolarSeries:
    """A series whose generation and clear-sky irradiance are given outright."""
    solar = np.asarray(solar_mw, dtype="float64")
    index = pd.date_range(start, periods=len(solar), freq="h", name="datetime")
    return SolarSeries(
        index=index,
        solar_mw=solar,
        clear_sky_ghi=np.asarray(clear_sky_ghi, dtype="float64"),
        capacity_mw=trailing_capacity(solar),
        filled_mw=filled_same_hour(solar),
        envelope_mw=clear_day_envelope(solar),
    )
