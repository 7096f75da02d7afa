"""Load the real LA data into electricity_measurements, moved to end at the last hour if asked.

Independent of the ingest code on purpose: the analysis tests must not break with it.
Only consumption, solar and wind are known; every other column stays NULL (unknown).
"""

from datetime import datetime

import pandas as pd
import psycopg

from tests.constants import ZONE

COLUMNS = ("power_consumption_total", "solar_mw", "wind_mw")


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
    """COPY the rows of `frame` (UTC index, COLUMNS) into electricity_measurements."""
    columns = [name for name in COLUMNS if name in frame.columns]
    statement = f"COPY electricity_measurements (zone, datetime, {', '.join(columns)}) FROM STDIN"
    with conn.cursor() as cursor, cursor.copy(statement.encode()) as copy:
        for moment, values in zip(frame.index, frame[columns].to_numpy(), strict=True):
            row = [None if pd.isna(value) else float(value) for value in values]
            copy.write_row([zone, moment.to_pydatetime(), *row])
    return len(frame)
