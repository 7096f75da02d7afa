"""Make computed values storable as JSON: NaN becomes null, numpy scalars Python numbers."""

import math
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any

import numpy as np
import pandas as pd

DECIMALS = 4


def to_json(value: Any, decimals: int | None = DECIMALS) -> Any:
    """A JSON-ready copy of `value` (dicts, lists, numbers, strings, None); NaN and inf None.

    Floats are rounded to `decimals` (None: kept whole). Rounding to DECIMALS keeps analysis
    results small and reruns byte-identical across platforms; forecast scores keep every digit.
    """
    if value is None or isinstance(value, bool | str):
        return value
    if isinstance(value, np.bool_):
        return bool(value)
    if isinstance(value, int | np.integer):
        return int(value)
    if isinstance(value, float | np.floating):
        number = float(value)
        if not math.isfinite(number):
            return None
        return number if decimals is None else round(number, decimals)
    if isinstance(value, pd.Timestamp | datetime | date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(key): to_json(item, decimals) for key, item in value.items()}
    if isinstance(value, np.ndarray | pd.Series | pd.Index):
        return [to_json(item, decimals) for item in value.tolist()]
    if isinstance(value, Sequence):
        return [to_json(item, decimals) for item in value]
    raise TypeError(f"cannot store {type(value).__name__} as JSON")
