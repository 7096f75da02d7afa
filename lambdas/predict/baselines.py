"""The two baselines a forecast must beat, on the same (issue, target) pairs as the model.

- persistence: the same hour on the most recent day known at issue (yesterday for horizons up
  to 24 hours, the day before for the 25th hour of a fall-back day);
- smart persistence: that value times the ratio of clear-sky GHI at the target hour to that at
  the earlier hour (ratio 1 when the earlier hour is dark, see features.DARK_GHI).

NaN where the earlier hour is unknown: a baseline invents nothing either.
"""

import numpy as np

from lambdas.predict.features import Pairs, clear_sky_ratio
from lambdas.predict.series import SolarSeries


def persistence(series: SolarSeries, pairs: Pairs) -> np.ndarray:
    """Generation [MW] at the same hour on the most recent known day."""
    result: np.ndarray = series.solar_mw[pairs.target - pairs.lag_hours]
    return result


def smart_persistence(series: SolarSeries, pairs: Pairs) -> np.ndarray:
    """Persistence scaled by the clear-sky irradiance ratio of target to earlier hour [MW]."""
    earlier = pairs.target - pairs.lag_hours
    result: np.ndarray = persistence(series, pairs) * clear_sky_ratio(series, pairs.target, earlier)
    return result
