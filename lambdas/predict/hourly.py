"""What every forecast series shares: a complete UTC hourly index, read by position.

Position `p` is the hour starting at `index[p]`; the solar and carbon series add their own
columns on the same index.
"""

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TypeVar

import pandas as pd

from lambdas.core.errors import InvalidInput


@dataclass(frozen=True)
class HourlySeries:
    """A complete UTC hourly index (no missing hour between its first and last)."""

    index: pd.DatetimeIndex

    def position(self, moment: datetime | pd.Timestamp) -> int:
        """Position of the hour starting at `moment` (which must be on the index)."""
        found = self.index.get_indexer(pd.DatetimeIndex([moment]))[0]
        if found < 0:
            raise InvalidInput(f"{moment} is not an hour of the series")
        return int(found)


Hours = TypeVar("Hours", pd.Series, pd.DataFrame)


def on_whole_hours(values: Hours, path: Path) -> Hours:
    """A CSV's values by hour: rows without a readable time dropped, a repeated hour's last row
    kept, sorted; InvalidInput (naming `path`) when none is left or a time is not a whole UTC
    hour."""
    values = values[values.index.notna()]
    values = values[~values.index.duplicated(keep="last")].sort_index()
    index = pd.DatetimeIndex(values.index)
    if values.empty or not (index == index.floor("h")).all():
        raise InvalidInput(f"{path}: period_start_utc must hold whole UTC hours")
    return values
