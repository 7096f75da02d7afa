"""Carbon series built by hand for the carbon-forecast unit tests."""

import numpy as np
import pandas as pd

from lambdas.predict.carbon.series import CarbonSeries, build_series
from lambdas.predict.clearsky import SITES

LA = SITES["US-CAL-LDWP"]


def hand_series(intensity, start="2022-06-01T07:00Z") -> CarbonSeries:
    """A series whose intensity is given outright (no companion columns)."""
    values = np.asarray(intensity, dtype="float64")
    index = pd.date_range(start, periods=len(values), freq="h", name="datetime")
    return build_series(pd.DataFrame({"intensity": values}, index=index), LA)
