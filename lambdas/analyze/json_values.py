"""Make computed values storable as JSON: NaN becomes null, numpy scalars Python numbers."""

import math
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any

import numpy as np
import pandas as pd

DECIMALS = 4


def to_json(value: Any) -> Any:
    """A JSON-ready copy of `value` (dicts, lists, numbers, strings, None); floats rounded.

    Rounding to DECIMALS keeps results small and reruns byte-identical across platforms.
    """
    if value is None or isinstance(value, bool | str):
        return value
    if isinstance(value, np.bool_):
        return bool(value)
    if isinstance(value, int | np.integer):
        return int(value)
    if isinstance(value, float | np.floating):
        number = float(value)
        return None if math.isnan(number) or math.isinf(number) else round(number, DECIMALS)
    if isinstance(value, pd.Timestamp | datetime | date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(key): to_json(item) for key, item in value.items()}
    if isinstance(value, np.ndarray | pd.Series | pd.Index):
        return [to_json(item) for item in value.tolist()]
    if isinstance(value, Sequence):
        return [to_json(item) for item in value]
    raise TypeError(f"cannot store {type(value).__name__} as JSON")
