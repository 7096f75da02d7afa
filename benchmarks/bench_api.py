"""The API: handler cold import time, and latency under concurrent load against the bare SQL."""

import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pandas as pd
import psycopg

from benchmarks.run import Figure
from lambdas.core.measurements import read_measurements
from lambdas.core.schema import migrate
from lambdas.local import embedded_postgres

DATA = Path(__file__).resolve().parents[1] / "data" / "ldwp_hourly_2019_2021.csv.gz"
REQUESTS = 200
CONCURRENCY = 4
NAME = "api"


def import_seconds(module: str) -> float:
    """Median wall time of a fresh interpreter importing `module` (bare start: module 'sys')."""
    runs = []
    for _ in range(5):
        began = time.perf_counter()
        subprocess.run([sys.executable, "-c", f"import {module}"], check=True)
        runs.append(time.perf_counter() - began)
    return statistics.median(runs)


def load(url: str) -> None:
    raw = pd.read_csv(DATA).tail(60 * 24)
    last = datetime.now(UTC).replace(minute=0, second=0, microsecond=0) - timedelta(hours=1)
    first = last - timedelta(hours=len(raw) - 1)
    with psycopg.connect(url) as conn:
        migrate(conn)
        with conn.cursor().copy(
            b"COPY electricity_measurements (zone, datetime, power_consumption_total,"
            b" solar_mw, wind_mw) FROM STDIN"
        ) as copy:
            for i, row in enumerate(raw.itertuples()):
                at = first + timedelta(hours=i)
                copy.write_row(("US-CAL-LDWP", at, row.demand_mw, row.solar_mw, row.wind_mw))


def latencies(url: str) -> tuple[list[float], float]:
    """Per-request seconds and requests/s for REQUESTS GETs from CONCURRENCY clients."""
    with httpx.Client() as client:
        client.get(url)  # warm

        def one(_: int) -> float:
            began = time.perf_counter()
            client.get(url).raise_for_status()
            return time.perf_counter() - began

        began = time.perf_counter()
        with ThreadPoolExecutor(CONCURRENCY) as pool:
            times = list(pool.map(one, range(REQUESTS)))
        return times, REQUESTS / (time.perf_counter() - began)


def sql_seconds(url: str, hours: int) -> float:
    """Median time of the bare SQL query behind a request (same connection reuse)."""
    with psycopg.connect(url) as conn:
        end = datetime.now(UTC)
        runs = []
        for _ in range(20):
            began = time.perf_counter()
            read_measurements(conn, "US-CAL-LDWP", end - timedelta(hours=hours), end)
            runs.append(time.perf_counter() - began)
    return statistics.median(runs)


@contextmanager
def served_la_data(prefix: str) -> Iterator[tuple[str, str]]:
    """A temporary embedded database with 60 days of LA data, served by `gridla serve`'s
    server: yields (database URL, base URL); DATABASE_URL is restored afterwards."""
    from lambdas.core.settings import get_settings
    from lambdas.local.server import serving

    saved = os.environ.get("DATABASE_URL")
    with tempfile.TemporaryDirectory(prefix=prefix) as tmp:
        pgdata = Path(tmp) / "pgdata"
        url = embedded_postgres.start(pgdata)
        os.environ["DATABASE_URL"] = url
        get_settings.cache_clear()
        try:
            load(url)
            with serving(port=0, local_runs=False) as server:
                yield url, f"http://127.0.0.1:{server.server_address[1]}"
        finally:
            if saved is None:
                os.environ.pop("DATABASE_URL", None)
            else:
                os.environ["DATABASE_URL"] = saved
            get_settings.cache_clear()
            embedded_postgres.stop(pgdata)


def run() -> list[Figure]:
    bare = import_seconds("sys")
    handler = import_seconds("lambdas.api.handler")
    figures = [
        Figure(
            benchmark=NAME, figure="bare interpreter start", value=bare, unit="s", note="baseline"
        ),
        Figure(
            benchmark=NAME,
            figure="cold import of lambdas.api.handler",
            value=handler - bare,
            unit="s",
            note="minus the bare start",
        ),
    ]
    with served_la_data("gridla-bench-api-") as (url, base):
        for path, hours in (("/status/latest", 1), ("/measurements?range=month", 24 * 30)):
            times, rate = latencies(base + path)
            p50 = statistics.median(times)
            p99 = statistics.quantiles(times, n=100)[98]
            sql = sql_seconds(url, hours)
            figures += [
                Figure(
                    benchmark=NAME,
                    figure=f"GET {path} p50",
                    value=p50 * 1000,
                    unit="ms",
                    note=f"{CONCURRENCY} concurrent clients",
                ),
                Figure(
                    benchmark=NAME,
                    figure=f"GET {path} p99",
                    value=p99 * 1000,
                    unit="ms",
                    note=f"{REQUESTS} requests",
                ),
                Figure(
                    benchmark=NAME,
                    figure=f"GET {path} throughput",
                    value=rate,
                    unit="req/s",
                    note="one resolver, like one Lambda",
                ),
                Figure(
                    benchmark=NAME,
                    figure=f"GET {path} p50 / bare SQL",
                    value=p50 / sql,
                    unit="ratio",
                    note=f"bare SQL {sql * 1000:.2f} ms",
                ),
            ]
    return figures
