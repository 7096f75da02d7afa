"""The two baselines the carbon forecast must beat, on the same (issue, target) pairs.

- persistence: the same hour on the most recent day known at issue (yesterday for horizons up
  to 24 hours, the day before for the 25th hour of a fall-back day);
- weekly persistence: the same hour a week before the target (always known at issue for
  horizons up to 168 hours).

NaN where that earlier hour is unknown: a baseline invents nothing either.
"""

import numpy as np

from lambdas.predict.carbon.series import CarbonSeries
from lambdas.predict.features import Pairs

WEEK_HOURS = 7 * 24


def persistence(series: CarbonSeries, pairs: Pairs) -> np.ndarray:
    """Intensity [gCO2eq/kWh] at the same hour on the most recent known day."""
    result: np.ndarray = series.intensity[pairs.target - pairs.lag_hours]
    return result


def weekly_persistence(series: CarbonSeries, pairs: Pairs) -> np.ndarray:
    """Intensity [gCO2eq/kWh] at the same hour a week before the target."""
    result: np.ndarray = series.intensity[pairs.target - WEEK_HOURS]
    return result
