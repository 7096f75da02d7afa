"""Which cluster the current (possibly partial) day belongs to, from its hours so far."""

from typing import Any

import numpy as np
import pandas as pd

MIN_HOURS = 3


def assign_day(hours_mw: pd.Series, centroids: pd.DataFrame) -> dict[str, Any]:
    """Nearest centroid over the hours seen (`hours_mw`: local hour -> MW).

    Each centroid is scaled to the day by least squares over those hours (the day's mean is
    unknown until it ends); the distance is the scaled fit's RMS error relative to the mean of
    the hours seen.
    """
    known = hours_mw.dropna()
    if len(known) < MIN_HOURS:
        return {
            "status": "skipped",
            "reason": f"{len(known)} of the day's hours known so far, at least {MIN_HOURS} needed",
        }
    observed = known.to_numpy(dtype=float)
    level = float(observed.mean())
    if level <= 0:
        return {"status": "skipped", "reason": "no positive load yet today"}
    hours = [int(hour) for hour in known.index]
    errors = []
    for _, centroid in centroids.iterrows():
        shape = centroid.loc[hours].to_numpy(dtype=float)
        scale = float(observed @ shape / (shape @ shape))
        errors.append(float(np.sqrt(np.mean((observed - scale * shape) ** 2))) / level)
    best = int(np.argmin(errors))
    return {
        "status": "ok",
        "hours_seen": hours,
        "cluster": best,
        "relative_rms_error": errors[best],
        "relative_rms_error_by_cluster": errors,
    }
