"""Days and hours far from what their cluster expects, each with a score and the reason.

Thresholds are learned from the data: a robust z-score (median and 1.4826 x MAD, Iglewicz &
Hoaglin 1993) of the distances, flagged above 3.5 for days. Three checks:
- shape: a day's normalised profile far from its cluster's centroid;
- level: a day's mean load far from comparable days around it (the shape hides size);
- hour: an hour far from its expected value, the centroid scaled by the day's mean.
"""

from typing import Any

import pandas as pd

DAY_Z = 3.5
HOUR_Z = 5.0
LEVEL_WINDOW_DAYS = 14
LEVEL_MIN_DAYS = 7
MAX_HOURS_LISTED = 50
MAD_TO_SIGMA = 1.4826


def robust_scores(values: pd.Series) -> tuple[pd.Series, float, float]:
    """(robust z of each value, median, scale); scale 0 (all alike) gives scores of 0."""
    median = float(values.median())
    scale = MAD_TO_SIGMA * float((values - median).abs().median())
    if scale == 0:
        return pd.Series(0.0, index=values.index), median, 0.0
    return (values - median) / scale, median, scale


def shape_anomalies(
    shapes: pd.DataFrame, labels: pd.Series, centroids: pd.DataFrame, distances: pd.Series
) -> tuple[dict[str, float], list[dict[str, Any]]]:
    """(threshold, flagged days): days whose distance to their centroid is unusually large."""
    scores, median, scale = robust_scores(distances)
    flagged = []
    for day in scores.index[scores > DAY_Z]:
        deviation = shapes.loc[day] - centroids.iloc[int(labels[day])]
        hour = int(deviation.abs().to_numpy().argmax())
        flagged.append(
            {
                "date": day,
                "check": "shape",
                "cluster": int(labels[day]),
                "distance": float(distances[day]),
                "score": float(scores[day]),
                "reason": (
                    f"daily shape far from its cluster (distance {distances[day]:.3f}, "
                    f"threshold {median + DAY_Z * scale:.3f}); largest deviation at "
                    f"{hour:02d}:00: {shapes.loc[day, hour]:.2f} x the day's mean where the "
                    f"cluster has {centroids.iloc[int(labels[day])][hour]:.2f}"
                ),
            }
        )
    threshold = {"median": median, "scale": scale, "z": DAY_Z, "distance": median + DAY_Z * scale}
    return threshold, flagged


def level_anomalies(daily_mean_mw: pd.Series, labels: pd.Series) -> list[dict[str, Any]]:
    """Days whose mean load is far from that of comparable days around them.

    Comparable: same cluster and same day type (Monday-Friday or weekend) within
    LEVEL_WINDOW_DAYS either side; a holiday then stands out against the weekdays it falls among.
    """
    typical = _typical_levels(daily_mean_mw, labels)
    usable = typical.notna()
    if usable.sum() < LEVEL_MIN_DAYS:
        return []
    scores, _, _ = robust_scores((daily_mean_mw - typical)[usable])
    return [
        {
            "date": day,
            "check": "level",
            "cluster": int(labels[day]),
            "score": float(scores[day]),
            "reason": (
                f"daily mean {daily_mean_mw[day]:.0f} MW where comparable days around it "
                f"have {typical[day]:.0f} MW"
            ),
        }
        for day in scores.index[scores.abs() > DAY_Z]
    ]


def _typical_levels(daily_mean_mw: pd.Series, labels: pd.Series) -> pd.Series:
    """Median daily mean of the comparable days around each day (NaN with fewer than 3)."""
    stamps = pd.DatetimeIndex(pd.to_datetime(list(daily_mean_mw.index)))
    frame = pd.DataFrame(
        {
            "mean": daily_mean_mw.to_numpy(),
            "cluster": labels.to_numpy(),
            "weekend": stamps.day_of_week >= 5,
        },
        index=stamps,
    )
    window = f"{2 * LEVEL_WINDOW_DAYS + 1}D"
    typical = pd.Series(float("nan"), index=stamps)
    for _, group in frame.groupby(["cluster", "weekend"]):
        rolled = group["mean"].rolling(window, center=True, min_periods=3).median()
        typical.loc[rolled.index] = rolled
    return pd.Series(typical.to_numpy(), index=daily_mean_mw.index)


def hour_anomalies(
    profiles_mw: pd.DataFrame, labels: pd.Series, centroids: pd.DataFrame
) -> tuple[int, list[dict[str, Any]]]:
    """(how many hours were flagged, the MAX_HOURS_LISTED with the largest scores)."""
    expected = (
        centroids.iloc[labels.to_numpy()].to_numpy() * profiles_mw.mean(axis=1).to_numpy()[:, None]
    )
    residual = pd.DataFrame(
        profiles_mw.to_numpy() - expected, index=profiles_mw.index, columns=profiles_mw.columns
    )
    long = pd.Series(residual.stack(), dtype="float64")
    scores, _, _ = robust_scores(long)
    flagged = scores[scores.abs() > HOUR_Z]
    top = flagged.reindex(flagged.abs().sort_values(ascending=False, kind="stable").index)
    listed = []
    head = top.head(MAX_HOURS_LISTED)
    levels = zip(head.index.get_level_values(0), head.index.get_level_values(1), strict=True)
    for (day, hour), score in zip(levels, head.to_numpy(), strict=True):
        actual = float(profiles_mw.loc[day, hour])
        listed.append(
            {
                "date": day,
                "hour": int(hour),
                "score": float(score),
                "actual_mw": actual,
                "expected_mw": actual - float(residual.loc[day, hour]),
                "reason": (
                    f"{actual:.0f} MW at {int(hour):02d}:00 where its cluster's profile "
                    f"expects {actual - float(residual.loc[day, hour]):.0f} MW"
                ),
            }
        )
    return len(flagged), listed
