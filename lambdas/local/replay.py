"""A stand-in for api.electricitymaps.com v3 on localhost, with faults injected on demand.

Paths: `/v3/{power-breakdown,carbon-intensity}/{latest,history,past-range}`, with the current
API's query parameters (lambdas/local/replay_query.py). Faults (for tests and drills): a share
of requests answered 500/503, a per-window request limit answered 429 with `Retry-After`, a
share of records corrupted, added latency, hours missing from the data, and an `auth-token`
check. Every corrupted record is logged in `stats` so tests can count them.
"""

import json
import math
import random
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from lambdas.core.time_range import floor_hour
from lambdas.local.replay_data import TEMPORAL_GRANULARITY, ReplayData, SourceHour
from lambdas.local.replay_query import QueryRefused, Request, parse_request

MAX_PAST_RANGE = timedelta(days=10)
CORRUPTIONS = ("datetime", "value", "zone", "negative")


@dataclass(frozen=True)
class Faults:
    """What to break. Rates are shares in [0, 1]; `rate_limit` is requests per window."""

    fault_rate: float = 0.0
    rate_limit: int | None = None
    rate_window_seconds: float = 60.0
    malformed_rate: float = 0.0
    latency_ms: float = 0.0
    token: str | None = None
    seed: int | None = None


@dataclass(frozen=True)
class Answer:
    status: int
    body: Any
    headers: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Corruption:
    endpoint: str
    datetime: datetime  # the served hour whose record was corrupted
    kind: str


@dataclass
class ReplayStats:
    """What the server did: every request's path, query and status; every corrupted record."""

    requests: list[tuple[str, dict[str, str], int]] = field(default_factory=list)
    corruptions: list[Corruption] = field(default_factory=list)


def _parse_instant(text: str | None, name: str) -> datetime:
    if not text:
        raise ValueError(f"Parameter {name} is required")
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(f"Parameter {name} is not an ISO 8601 datetime: {text}") from None
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(UTC)


def _corrupt(record: dict[str, Any], kind: str) -> None:
    """Break one record the way a bad upstream or a bad proxy could."""
    if kind == "datetime":
        record["datetime"] = "2019-13-45T25:00:00.000Z"
    elif kind == "zone":
        record["zone"] = "XX-CORRUPT"
    elif kind == "value":
        key = "carbonIntensity" if "carbonIntensity" in record else "powerConsumptionTotal"
        record[key] = "n/a"
    elif "carbonIntensity" in record:
        record["carbonIntensity"] = -1.0
    else:
        record["powerProductionBreakdown"] = {
            **record["powerProductionBreakdown"],
            "solar": -1.0,
        }


class ReplayApi:
    """The API's behaviour without HTTP: (path, query, headers) -> Answer. Thread-safe."""

    def __init__(
        self,
        data: ReplayData,
        faults: Faults | None = None,
        *,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.data = data
        self.faults = faults or Faults()
        self.stats = ReplayStats()
        self._clock, self._monotonic = clock, monotonic
        self._random = random.Random(self.faults.seed)
        self._lock = threading.Lock()
        self._window_started = monotonic()
        self._window_count = 0

    def handle(self, path: str, query: Mapping[str, str], headers: Mapping[str, str]) -> Answer:
        """Answer one GET, faults first (token, rate limit, server errors), then the data."""
        answer = self._fault(headers) or self._route(path, query)
        with self._lock:
            self.stats.requests.append((path, dict(query), answer.status))
        return answer

    def _fault(self, headers: Mapping[str, str]) -> Answer | None:
        token = self.faults.token
        if token is not None and headers.get("auth-token") != token:
            return Answer(401, {"error": "Token is invalid"})
        with self._lock:
            retry_after = self._rate_limited()
            failing = self._random.random() < self.faults.fault_rate
            status = self._random.choice((500, 503))
        if retry_after is not None:
            return Answer(429, {"error": "Rate limit exceeded"}, {"Retry-After": retry_after})
        if failing:
            return Answer(status, {"error": "Injected server error"})
        return None

    def _rate_limited(self) -> str | None:
        """Retry-After (whole seconds) when this request is over the window's limit."""
        limit = self.faults.rate_limit
        if limit is None:
            return None
        elapsed = self._monotonic() - self._window_started
        if elapsed >= self.faults.rate_window_seconds:
            self._window_started, self._window_count, elapsed = self._monotonic(), 0, 0.0
        if self._window_count >= limit:
            return str(max(math.ceil(self.faults.rate_window_seconds - elapsed), 1))
        self._window_count += 1
        return None

    def _route(self, path: str, query: Mapping[str, str]) -> Answer:
        parts = path.strip("/").split("/")
        if len(parts) != 3 or parts[0] != "v3":
            return Answer(404, {"error": f"Unknown path {path}"})
        _, endpoint, view = parts
        if endpoint not in ("power-breakdown", "carbon-intensity"):
            return Answer(404, {"error": f"Unknown endpoint {endpoint}"})
        if view not in ("latest", "history", "past-range"):
            return Answer(404, {"error": f"Unknown path {path}"})
        try:
            request = parse_request(query, self.data.zone)
        except QueryRefused as refused:
            return Answer(refused.status, {"error": refused.message})
        until = floor_hour(self._clock()) + timedelta(hours=1)
        if view == "latest":
            newest = self.data.served_newest(until, with_estimated=request.with_estimated)
            if newest is None:
                return Answer(404, {"error": "No recent data for zone"})
            return Answer(200, self._records(endpoint, [newest], request)[0])
        if view == "history":
            hours = self.data.served_last(24, until)
            return Answer(200, self._series("history", endpoint, hours, request))
        return self._past_range(endpoint, query, request, until)

    def _past_range(
        self, endpoint: str, query: Mapping[str, str], request: Request, until: datetime
    ) -> Answer:
        try:
            start = _parse_instant(query.get("start"), "start")
            end = _parse_instant(query.get("end"), "end")
        except ValueError as exc:
            return Answer(400, {"error": str(exc)})
        if start >= end:
            return Answer(400, {"error": "Parameter start must be before end"})
        if end - start > MAX_PAST_RANGE:
            return Answer(400, {"error": "Time range exceeds the maximum of 10 days"})
        hours = self.data.served_between(start, min(end, until))
        body = self._series("data", endpoint, hours, request)
        if not body["data"]:
            return Answer(404, {"error": "No data available for the requested range"})
        return Answer(200, body)

    def _series(
        self, key: str, endpoint: str, hours: list[SourceHour], request: Request
    ) -> dict[str, Any]:
        return {
            "zone": request.zone,
            key: self._records(endpoint, hours, request),
            "temporalGranularity": TEMPORAL_GRANULARITY,
        }

    def _records(
        self, endpoint: str, hours: list[SourceHour], request: Request
    ) -> list[dict[str, Any]]:
        if not request.with_estimated:
            hours = [hour for hour in hours if not hour.is_estimated]
        if endpoint == "power-breakdown":
            records = [self.data.power_breakdown(hour) for hour in hours]
        else:
            records = [self.data.carbon_intensity(hour, request.factor) for hour in hours]
        if self.faults.malformed_rate <= 0:
            return records
        with self._lock:
            for hour, record in zip(hours, records, strict=True):
                if self._random.random() < self.faults.malformed_rate:
                    kind = self._random.choice(CORRUPTIONS)
                    _corrupt(record, kind)
                    served = self.data.served_time(hour)
                    self.stats.corruptions.append(Corruption(endpoint, served, kind))
        return records


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive: the client reuses one connection
    disable_nagle_algorithm = True  # else headers then body meet delayed ACKs: 40 ms a request
    server: "_Server"

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        api = self.server.api
        if api.faults.latency_ms > 0:
            time.sleep(api.faults.latency_ms / 1000)
        headers = {key.lower(): value for key, value in self.headers.items()}
        answer = api.handle(url.path, dict(parse_qsl(url.query)), headers)
        payload = json.dumps(answer.body).encode()
        self.send_response(answer.status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        for name, value in answer.headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, format: str, *args: Any) -> None:  # the stdlib's signature
        """Silent: the stats record every request."""


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], api: ReplayApi) -> None:
        super().__init__(address, _Handler)
        self.api = api


class ReplayServer:
    """The replay API served on `host:port` (0: a free port) from a background thread."""

    def __init__(self, api: ReplayApi, host: str = "127.0.0.1", port: int = 0) -> None:
        self.api = api
        self._server = _Server((host, port), api)
        self.host, self.port = host, int(self._server.server_address[1])
        self._thread = threading.Thread(
            target=self._server.serve_forever, name="replay-server", daemon=True
        )

    @property
    def url(self) -> str:
        """The base URL to use as ELECTRICITYMAPS_API_URL."""
        return f"http://{self.host}:{self.port}/v3"

    def start(self) -> "ReplayServer":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> "ReplayServer":
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()
