"""Row statistics over known values: NaN is unknown, and a row with none known gives NaN."""

import numpy as np


def nan_mean(values: np.ndarray) -> np.ndarray:
    """Row means over known values (NaN for a row with none)."""
    known = np.isfinite(values)
    counts = known.sum(axis=1)
    sums = np.where(known, values, 0.0).sum(axis=1)
    result: np.ndarray = np.divide(sums, counts, out=np.full(len(values), np.nan), where=counts > 0)
    return result


def nan_median(values: np.ndarray) -> np.ndarray:
    """Row medians over known values (NaN for a row with none)."""
    ordered = np.sort(values, axis=1)  # NaN sorts last
    counts = np.isfinite(values).sum(axis=1)
    rows = np.arange(len(values))
    safe = np.maximum(counts, 1)
    middle = (ordered[rows, (safe - 1) // 2] + ordered[rows, safe // 2]) / 2
    result: np.ndarray = np.where(counts > 0, middle, np.nan)
    return result
