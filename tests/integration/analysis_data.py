"""Load the real LA data (or a frame built on it) into electricity_measurements, moved to end
at the last hour if asked.

Independent of the ingest code on purpose: the analysis tests must not break with it.
Only the frame's measurement columns are written; every other column stays NULL (unknown).
"""

from datetime import datetime

import pandas as pd
import psycopg

from lambdas.core.measurements import NUMERIC_COLUMNS
from tests.constants import ZONE


def recent_history(measurements: pd.DataFrame, days: int, now: datetime) -> pd.DataFrame:
    """The last `days` of the LA data, moved by whole weeks (weekdays stay weekdays) so that
    the newest row is the last complete hour before `now`."""
    newest = pd.Timestamp(now).floor("h") - pd.Timedelta(hours=1)
    weeks = (newest - measurements.index[-1]) // pd.Timedelta(days=7) + 1
    moved = measurements.copy()
    moved.index = moved.index + weeks * pd.Timedelta(days=7)
    moved = moved[moved.index <= newest]
    return moved.iloc[-days * 24 :]


def load_measurements(conn: psycopg.Connection, frame: pd.DataFrame, zone: str = ZONE) -> int:
    """COPY the rows of `frame` (UTC index, measurement columns; NaN = NULL) into
    electricity_measurements."""
    columns = [name for name in NUMERIC_COLUMNS if name in frame.columns]
    statement = f"COPY electricity_measurements (zone, datetime, {', '.join(columns)}) FROM STDIN"
    with conn.cursor() as cursor, cursor.copy(statement.encode()) as copy:
        for moment, values in zip(frame.index, frame[columns].to_numpy(), strict=True):
            row = [None if pd.isna(value) else float(value) for value in values]
            copy.write_row([zone, moment.to_pydatetime(), *row])
    return len(frame)


def with_built_carbon(frame: pd.DataFrame, unknown_before: str | None = None) -> pd.DataFrame:
    """`frame` (load and solar in MW) plus built gas, hydro, carbon intensity and shares.

    Built, not real: gas covers what solar and a steady 300 MW of hydro leave of the load;
    intensity is 650 g/kWh on the fossil share, plus 60; the shares follow from the same mix.
    Before `unknown_before` (UTC) carbon and the shares stay unknown, as 2019-2020 are.
    """
    built = frame.copy()
    load, solar = built["power_consumption_total"], built["solar_mw"]
    built["hydro_mw"] = 300.0
    built["gas_mw"] = (load - solar - 300.0).clip(lower=0)
    clean_share = (solar + 300.0) / load
    built["carbon_intensity"] = 650 * (1 - clean_share) + 60
    built["fossil_free_percentage"] = 100 * clean_share
    built["renewable_percentage"] = 100 * solar / load
    if unknown_before is not None:
        early = built.index < pd.Timestamp(unknown_before)
        shares = ["carbon_intensity", "fossil_free_percentage", "renewable_percentage"]
        built.loc[early, shares] = float("nan")
    return built
