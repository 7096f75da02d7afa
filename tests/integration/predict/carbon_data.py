"""Real 2022 LA carbon intensity, carbon-free share and demand loaded into the database.

Independent of the ingest code on purpose (the replay of this file is another branch's work):
the rows are COPYed as the ingest would store them.
"""

import pandas as pd
import psycopg

from lambdas.predict.carbon.series import read_csvs
from tests.constants import DATA_DIR, ZONE
from tests.integration.analysis_data import load_measurements

CARBON_CSV = DATA_DIR / "ldwp_demand_carbon_2022_2023.csv.gz"
# CSV reader field -> electricity_measurements column.
STORED = {
    "intensity": "carbon_intensity",
    "carbon_free_pct": "fossil_free_percentage",
    "demand_mw": "power_consumption_total",
}


def carbon_rows(first: str, last: str) -> pd.DataFrame:
    """The CSV's hours in [first, last] as measurement columns (NaN unknown)."""
    return read_csvs([CARBON_CSV]).loc[first:last].rename(columns=STORED)


def load_carbon(conn: psycopg.Connection, frame: pd.DataFrame, zone: str = ZONE) -> int:
    """COPY the rows of `frame` (UTC index, columns of STORED's values) into the table."""
    return load_measurements(conn, frame[list(STORED.values())], zone)
