"""The API: each function's handler cold import, the resolver's own cost against the bare SQL
it runs (one client, in process), and latency under concurrent HTTP load."""

import json
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
from typing import Any

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
IN_PROCESS_REQUESTS = 30
STORED_DAYS = 370
FUNCTIONS = ("api", "ingest", "analyze", "cluster", "predict", "control", "migrate")
NAME = "api"


def import_seconds(
    module: str, runs: int = 5, env: dict[str, str] | None = None
) -> tuple[float, float]:
    """Median wall and CPU (user + system) seconds of a fresh interpreter importing `module`
    (with `env` added to the environment).

    CPU time is the steadier figure on a shared machine: waiting for a core is not in it.
    """
    walls, cpus = [], []
    for _ in range(runs):
        began = time.perf_counter()
        child = subprocess.Popen(
            [sys.executable, "-c", f"import {module}"], env={**os.environ, **(env or {})}
        )
        _, status, usage = os.wait4(child.pid, 0)
        walls.append(time.perf_counter() - began)
        cpus.append(usage.ru_utime + usage.ru_stime)
        if status != 0:
            raise RuntimeError(f"importing {module} failed")
    return statistics.median(walls), statistics.median(cpus)


def import_figures() -> list[Figure]:
    """The bare start, then each handler's import over it (interleaved, so load hits all alike)."""
    bare_wall, bare_cpu = import_seconds("sys")
    figures = [
        Figure(
            benchmark=NAME,
            figure="bare interpreter start",
            value=bare_wall,
            unit="s",
            note=f"baseline; CPU {bare_cpu:.3f} s",
        )
    ]
    for function in FUNCTIONS:
        wall, cpu = import_seconds(f"lambdas.{function}.handler")
        figures.append(
            Figure(
                benchmark=NAME,
                figure=f"cold import of lambdas.{function}.handler",
                value=wall - bare_wall,
                unit="s",
                note=f"median wall minus the bare start; CPU {cpu - bare_cpu:.3f} s",
            )
        )
    # What the X-Ray SDK would add in Lambda (Powertools traces where LAMBDA_TASK_ROOT is set):
    # why cdk_app/api.py sets POWERTOOLS_TRACE_DISABLED for the api function.
    _, traced_cpu = import_seconds("lambdas.api.handler", env={"LAMBDA_TASK_ROOT": "/var/task"})
    _, untraced_cpu = import_seconds("lambdas.api.handler")
    figures.append(
        Figure(
            benchmark=NAME,
            figure="X-Ray SDK tracing on the api's cold import",
            value=traced_cpu - untraced_cpu,
            unit="s CPU",
            note=f"as in Lambda with tracing on: CPU {traced_cpu - bare_cpu:.3f} s over bare",
        )
    )
    return figures


# A cold start as a user waits for it: the import, then the first request in the same process.
# Work moved from the import to the first request shows here, not as a saving.
COLD_START_PROBE = """
import json, resource, sys
def cpu():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime
event = json.loads(sys.argv[1])
began = cpu()
import lambdas.api.handler
from lambdas.api.app import resolve
answer = resolve(event, None)
assert answer["statusCode"] == 200, answer
print(cpu() - began)
"""


def cold_start_figure(url: str, target: str, runs: int = 5) -> Figure:
    """Median CPU seconds of a fresh process importing the handler and answering `target`."""
    from lambdas.local.server import proxy_event

    env = {**os.environ, "DATABASE_URL": url}
    event = json.dumps(proxy_event("GET", target, {}, b""))
    cpus = [
        float(
            subprocess.run(
                [sys.executable, "-c", COLD_START_PROBE, event],
                env=env,
                capture_output=True,
                text=True,
                check=True,
            ).stdout.split()[-1]
        )
        for _ in range(runs)
    ]
    return Figure(
        benchmark=NAME,
        figure=f"cold start: api handler import + first GET {target}",
        value=statistics.median(cpus),
        unit="s CPU",
        note="in one fresh process, interpreter start excluded",
    )


def load(url: str) -> None:
    raw = pd.read_csv(DATA).tail(STORED_DAYS * 24)
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


def p50_seconds(call: Any, runs: int = IN_PROCESS_REQUESTS) -> float:
    """Median seconds of `call()` after one warm-up call."""
    call()
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        call()
        times.append(time.perf_counter() - began)
    return statistics.median(times)


def resolver_figures(url: str) -> list[Figure]:
    """The resolver's own time (one client, in process) against the SQL it runs."""
    from lambdas.api.app import resolve
    from lambdas.core.measurements import latest_measurement_at
    from lambdas.core.results import latest_result
    from lambdas.core.runs import list_runs
    from lambdas.local.server import proxy_event

    def request(target: str) -> Any:
        def call() -> None:
            answer = resolve(proxy_event("GET", target, {}, b""), None)
            if answer["statusCode"] != 200:
                raise RuntimeError(f"{target} answered {answer['statusCode']}")

        return call

    figures: list[Figure] = []
    with psycopg.connect(url) as conn:
        for range_name, days in (("month", 30), ("year", 365)):
            path = f"/measurements?range={range_name}"
            api = p50_seconds(request(path))
            end = datetime.now(UTC)
            start = end - timedelta(days=days)
            sql = p50_seconds(lambda s=start, e=end: read_measurements(conn, "US-CAL-LDWP", s, e))
            figures.append(
                Figure(
                    benchmark=NAME,
                    figure=f"GET {path} in process / bare SQL",
                    value=api / sql,
                    unit="ratio",
                    note=f"one client, p50: {api * 1000:.2f} ms against {sql * 1000:.2f} ms",
                )
            )

        def status_queries() -> None:
            latest = latest_measurement_at(conn, "US-CAL-LDWP")
            assert latest is not None
            read_measurements(conn, "US-CAL-LDWP", latest, latest + timedelta(hours=1))
            latest_result(conn, "US-CAL-LDWP", "clustering")
            list_runs(conn, limit=1)

        api = p50_seconds(request("/status/latest"))
        sql = p50_seconds(status_queries)
        figures.append(
            Figure(
                benchmark=NAME,
                figure="GET /status/latest in process over its queries",
                value=(api - sql) * 1000,
                unit="ms",
                note=f"one client, p50: {api * 1000:.2f} ms against {sql * 1000:.2f} ms",
            )
        )
    return figures


@contextmanager
def served_la_data(prefix: str) -> Iterator[tuple[str, str]]:
    """A temporary embedded database with STORED_DAYS of LA data, served by `gridla serve`'s
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
    figures = import_figures()
    with served_la_data("gridla-bench-api-") as (url, base):
        figures.append(cold_start_figure(url, "/measurements?range=day"))
        figures += resolver_figures(url)
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
