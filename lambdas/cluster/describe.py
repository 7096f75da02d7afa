"""Clusters in words a user understands: which days (weekday share, season), peak hour, size."""

from typing import Any

import pandas as pd

from lambdas.frames.hourly import label_of_max, label_of_min

SEASONS = {
    12: "winter",
    1: "winter",
    2: "winter",
    3: "spring",
    4: "spring",
    5: "spring",
    6: "summer",
    7: "summer",
    8: "summer",
    9: "autumn",
    10: "autumn",
    11: "autumn",
}
WEEKDAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
WEEKDAY_PLURALS = (
    "Mondays",
    "Tuesdays",
    "Wednesdays",
    "Thursdays",
    "Fridays",
    "Saturdays",
    "Sundays",
)
MOSTLY = 0.8
SEASON_MOSTLY = 0.6
WEEKEND_LIKE = 0.35


def describe_cluster(
    days: pd.Index, centroid: pd.Series, profiles_mw: pd.DataFrame
) -> dict[str, Any]:
    """Figures and a one-line description of one cluster (`days`: its local dates)."""
    stamps = pd.DatetimeIndex(pd.to_datetime(list(days)))
    weekday_share = float((stamps.day_of_week < 5).mean())
    seasons = pd.Series([SEASONS[month] for month in stamps.month]).value_counts(normalize=True)
    peak_hour = label_of_max(centroid)
    daily_mean_mw = profiles_mw.loc[list(days)].mean(axis=1)
    day_counts = pd.Series(stamps.day_of_week).value_counts().reindex(range(7), fill_value=0)
    return {
        "n_days": len(stamps),
        "weekday_share": weekday_share,
        "days_by_weekday": dict(zip(WEEKDAY_NAMES, day_counts.astype(int).tolist(), strict=True)),
        "season_shares": {str(name): float(share) for name, share in seasons.items()},
        "peak_hour": peak_hour,
        "trough_hour": label_of_min(centroid),
        "peak_to_mean": float(centroid.max()),
        "mean_daily_load_mw": float(daily_mean_mw.mean()),
        "first_date": min(days),
        "last_date": max(days),
        "description": _words(weekday_share, day_counts, seasons, peak_hour),
    }


def _words(weekday_share: float, day_counts: pd.Series, seasons: pd.Series, peak_hour: int) -> str:
    top_day = int(day_counts.to_numpy().argmax())
    if day_counts.iloc[top_day] >= SEASON_MOSTLY * day_counts.sum():
        kind = f"mostly {WEEKDAY_PLURALS[top_day]}"
    elif weekday_share >= MOSTLY:
        kind = "weekdays"
    elif weekday_share <= WEEKEND_LIKE:
        kind = "weekends and holidays"
    else:
        kind = "mixed weekdays and weekends"
    when = _season_words(seasons)
    return f"{kind}, {when}, peak at {peak_hour:02d}:00"


def _season_words(shares: pd.Series) -> str:
    """E.g. "mostly winter", "mostly summer and autumn", "all seasons" (shares largest first)."""
    names = [str(name) for name in shares.index]
    if float(shares.iloc[0]) >= SEASON_MOSTLY:
        return f"mostly {names[0]}"
    if len(shares) > 1 and float(shares.iloc[:2].sum()) >= MOSTLY:
        return f"mostly {names[0]} and {names[1]}"
    return "all seasons"
