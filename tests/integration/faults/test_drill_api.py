"""The API while the database is down: 503 with Retry-After and {error, message}; 200 after."""

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from lambdas.local.server import describe, serving
from tests.integration.faults.conftest import DrillServer

READS = ("/runs", "/measurements?range=day", "/status/latest")


@pytest.fixture
def api_url(drill_database: str) -> Iterator[str]:
    with serving("127.0.0.1", 0, local_runs=False) as server:
        yield describe(server).rstrip("/")


def assert_unavailable(answer: httpx.Response) -> None:
    assert answer.status_code == 503, answer.text
    assert int(answer.headers["Retry-After"]) > 0
    body = answer.json()
    assert body["error"] == "database_unavailable"
    assert "retry" in body["message"]


def test_requests_answer_503_while_the_database_is_down_and_200_after(
    drill_server: DrillServer, api_url: str
) -> None:
    assert httpx.get(api_url + "/runs").status_code == 200
    drill_server.stop()
    for path in READS:
        assert_unavailable(httpx.get(api_url + path))
    drill_server.start()
    assert httpx.get(api_url + "/runs").status_code == 200
    assert httpx.get(api_url + "/measurements?range=day").status_code == 200


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def gridla(home: Path, *args: str, **options: object) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["GRIDLA_HOME"] = str(home)
    command = [sys.executable, "-c", "from lambdas.local.cli import main; main()", *args]
    return subprocess.Popen(command, env=env, text=True, **options)  # type: ignore[call-overload]


def answer_when_up(url: str, deadline_s: float = 120) -> httpx.Response:
    """The first answer of a server that is starting (connection refused until it listens)."""
    give_up = time.monotonic() + deadline_s
    while True:
        try:
            return httpx.get(url)
        except httpx.ConnectError:
            if time.monotonic() > give_up:
                raise
            time.sleep(0.1)  # polling a condition (the port opens), not a fixed wait


def test_gridla_serve_answers_503_when_the_embedded_database_is_stopped(tmp_path: Path) -> None:
    home = tmp_path / "home"
    assert gridla(home, "db", "start", stdout=subprocess.DEVNULL).wait(timeout=120) == 0
    port = free_port()
    serve = gridla(home, "serve", "--port", str(port), stdout=subprocess.DEVNULL)
    try:
        assert answer_when_up(f"http://127.0.0.1:{port}/runs").status_code == 200
        assert gridla(home, "db", "stop", stdout=subprocess.DEVNULL).wait(timeout=120) == 0
        assert_unavailable(httpx.get(f"http://127.0.0.1:{port}/runs"))
        assert gridla(home, "db", "start", stdout=subprocess.DEVNULL).wait(timeout=120) == 0
        assert httpx.get(f"http://127.0.0.1:{port}/runs").status_code == 200
    finally:
        serve.terminate()
        serve.wait(timeout=30)
        gridla(home, "db", "stop", stdout=subprocess.DEVNULL).wait(timeout=120)
