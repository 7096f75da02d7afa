"""The API: each function's handler cold import, the api's cold first answer (import and one
request in a fresh process), the resolver's own cost against the bare SQL it runs (one client,
in process), and latency under concurrent HTTP load."""

import compileall
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

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data" / "ldwp_hourly_2019_2021.csv.gz"
REQUESTS = 200
CONCURRENCY = 4
IN_PROCESS_REQUESTS = 30
STORED_DAYS = 370
FUNCTIONS = ("api", "ingest", "analyze", "cluster", "predict", "control", "migrate")
NAME = "api"
# The libraries every api request needs, by what they do for it: the driver of each read, the
# resolver, and the validation of each query against its declared parameters.
OPENAPI_PARAMS = "aws_lambda_powertools.event_handler.openapi.params"
IMPORT_PARTS = {
    "psycopg 3": "psycopg",
    "the Powertools REST resolver": "aws_lambda_powertools.event_handler",
    "pydantic": "pydantic",
    "the Powertools OpenAPI parameters (validation)": OPENAPI_PARAMS,
    "all of them and the logger": f"psycopg, {OPENAPI_PARAMS}, aws_lambda_powertools.logging",
}


def process_seconds(argv: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """Wall and CPU (user + system) seconds of one fresh interpreter running `argv` (its
    output discarded), with `env` added to the environment."""
    began = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, *argv],
        env={**os.environ, **(env or {})},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - began
    if status != 0:
        raise RuntimeError(f"{' '.join(argv)[:80]} failed: rerun it to see why")
    return wall, usage.ru_utime + usage.ru_stime


def import_seconds(
    module: str, runs: int = 5, env: dict[str, str] | None = None
) -> tuple[float, float]:
    """Median wall and CPU (user + system) seconds of a fresh interpreter importing `module`
    (with `env` added to the environment).

    CPU time is the steadier figure on a shared machine: waiting for a core is not in it.
    """
    samples = [process_seconds(["-c", f"import {module}"], env) for _ in range(runs)]
    return statistics.median(w for w, _ in samples), statistics.median(c for _, c in samples)


def compile_bytecode() -> None:
    """Compile lambdas/ as lambdas/Dockerfile does for the images, so the imports measured
    read bytecode as a Lambda cold start does (with PYTHONDONTWRITEBYTECODE set, they would
    compile every module of ours from source in every run)."""
    compileall.compile_dir(ROOT / "lambdas", quiet=1)


def import_figures() -> list[Figure]:
    """The bare start, then each handler's import over it (interleaved, so load hits all alike)."""
    compile_bytecode()
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
    # What the api's import is made of, each alone in a fresh interpreter (the parts share
    # modules such as asyncio, so they overlap): the floor under the handler's figure.
    for part, module in IMPORT_PARTS.items():
        _, cpu = import_seconds(module)
        figures.append(
            Figure(
                benchmark=NAME,
                figure=f"cold import of {part} alone",
                value=cpu - bare_cpu,
                unit="s CPU",
                note=f"import {module}; over the bare start",
            )
        )
    # What the X-Ray SDK would add in Lambda (Powertools traces where LAMBDA_TASK_ROOT is set):
    # why cdk_app/api.py sets POWERTOOLS_TRACE_DISABLED for the api function. Over the handler
    # and the resolver its first event imports: patching imports psycopg, botocore and more at
    # init, which the untraced handler leaves to the first event.
    cold = "lambdas.api.handler, lambdas.api.app"
    _, traced_cpu = import_seconds(cold, env={"LAMBDA_TASK_ROOT": "/var/task"})
    _, untraced_cpu = import_seconds(cold)
    figures.append(
        Figure(
            benchmark=NAME,
            figure="X-Ray SDK tracing on the api's cold import",
            value=traced_cpu - untraced_cpu,
            unit="s CPU",
            note=f"the handler and its resolver, as in Lambda with tracing on: CPU"
            f" {traced_cpu - bare_cpu:.3f} s over bare",
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


# The cold start a user waits for, as Lambda runs it: a fresh interpreter imports the handler
# (init), then answers one request through it (the first invocation), against the database.
FIRST_ANSWER_PROBE = """
import json, sys
from types import SimpleNamespace
import lambdas.api.handler
context = SimpleNamespace(
    function_name="api", function_version="$LATEST", memory_limit_in_mb=1024,
    invoked_function_arn="arn:aws:lambda:us-west-2:123456789012:function:api",
    aws_request_id="cold", log_group_name="/aws/lambda/api", log_stream_name="cold",
)
answer = lambdas.api.handler.handler(json.loads(sys.argv[1]), context)
assert answer["statusCode"] == 200, answer
"""
FIRST_ANSWER_TARGETS = ("/status/latest", "/measurements?range=day")


def cold_answer_figures(url: str, runs: int = 7, env: dict[str, str] | None = None) -> list[Figure]:
    """Per target, a fresh interpreter importing the api handler and answering that first
    request, over a bare interpreter's start; interleaved with the bare start and the import
    alone, so work moved from the import to the first request shows here, not as a saving."""
    from lambdas.local.server import proxy_event

    env = {**(env or {}), "DATABASE_URL": url}
    cases = {
        "bare": ["-c", "import sys"],
        "import": ["-c", "import lambdas.api.handler"],
        **{
            target: ["-c", FIRST_ANSWER_PROBE, json.dumps(proxy_event("GET", target, {}, b""))]
            for target in FIRST_ANSWER_TARGETS
        },
    }
    samples: dict[str, list[tuple[float, float]]] = {name: [] for name in cases}
    for _ in range(runs):
        for name, argv in cases.items():
            samples[name].append(process_seconds(argv, env))
    wall = {name: statistics.median(w for w, _ in each) for name, each in samples.items()}
    cpu = {name: statistics.median(c for _, c in each) for name, each in samples.items()}
    return [
        Figure(
            benchmark=NAME,
            figure=f"cold first answer: api handler import + GET {target}, over bare",
            value=wall[target] - wall["bare"],
            unit="s",
            note=f"median wall of {runs}; CPU {cpu[target] - cpu['bare']:.3f} s over bare; the"
            f" import alone {wall['import'] - wall['bare']:.3f} s in the same runs",
        )
        for target in FIRST_ANSWER_TARGETS
    ]


def secret_client_figure(runs: int = 5) -> Figure:
    """What the first connection of a cold start adds in AWS, where the DSN comes from the RDS
    secret (DB_SECRET_ARN): Powertools' Secrets Manager provider and its boto3 client, built
    offline (the call itself not counted), over the same process without them."""
    region = {"AWS_DEFAULT_REGION": "us-west-2"}
    reads = "import psycopg, pydantic, aws_lambda_powertools.event_handler"
    provider = (
        "from aws_lambda_powertools.utilities.parameters import SecretsProvider; SecretsProvider()"
    )
    without, with_client = [], []
    for _ in range(runs):
        without.append(process_seconds(["-c", reads], region)[1])
        with_client.append(process_seconds(["-c", f"{reads}; {provider}"], region)[1])
    return Figure(
        benchmark=NAME,
        figure="Secrets Manager client on an AWS cold start's first connection",
        value=statistics.median(with_client) - statistics.median(without),
        unit="s CPU",
        note="not in the cold first answer above (the bench connects with DATABASE_URL)",
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
        figures += cold_answer_figures(url)
        figures.append(secret_client_figure())
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
