"""`gridla serve`: the api resolver and the built dashboard on one localhost port.

Requests become API Gateway proxy events handed to the same `app` the Lambda runs, so what is
served here is what is deployed. Paths that name a file of `dashboard/dist` are served as files:
Vite's content-hashed `assets/` cached for a year as immutable, everything else (index.html,
config.json) revalidated on every load. Text answers, files and API alike, go gzipped to a
client that accepts it, as CloudFront and API Gateway compress in AWS.
"""

import base64
import gzip
import mimetypes
import threading
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from functools import lru_cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from lambdas.core.observability import logger
from lambdas.core.settings import PROJECT_ROOT

DASHBOARD_DIST = PROJECT_ROOT / "dashboard" / "dist"
# Vite names every file under assets/ by a hash of its content: a new build is a new name.
IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"
COMPRESSIBLE_TYPES = ("text/", "application/json", "application/javascript", "image/svg+xml")
# Below this, gzip's header and the CPU cost more than the bytes saved.
MIN_COMPRESSED_BYTES = 1024
# The resolver keeps the current event on itself: one request at a time, as in a Lambda.
_resolve_lock = threading.Lock()


def proxy_event(method: str, target: str, headers: dict[str, str], body: bytes) -> dict[str, Any]:
    """An API Gateway REST (v1) proxy event for one HTTP request."""
    url = urlsplit(target)
    query = parse_qs(url.query, keep_blank_values=True)
    text = body.decode("utf-8", errors="replace") if body else None
    return {
        "resource": url.path,
        "path": url.path,
        "httpMethod": method,
        "headers": headers,
        "multiValueHeaders": {key: [value] for key, value in headers.items()},
        "queryStringParameters": {k: v[-1] for k, v in query.items()} or None,
        "multiValueQueryStringParameters": query or None,
        "pathParameters": None,
        "stageVariables": None,
        "requestContext": {
            "resourcePath": url.path,
            "httpMethod": method,
            "path": url.path,
            "stage": "local",
            "requestId": str(uuid.uuid4()),
            "identity": {"sourceIp": "127.0.0.1"},
        },
        "body": text,
        "isBase64Encoded": False,
    }


def accepts_gzip(accept_encoding: str | None) -> bool:
    """Whether an Accept-Encoding header allows gzip (named, or `*`, with a q above 0)."""
    for part in (accept_encoding or "").split(","):
        coding, _, params = part.strip().partition(";")
        if coding.strip().lower() in ("gzip", "*"):
            quality = params.strip().removeprefix("q=")
            try:
                return not params or float(quality) > 0
            except ValueError:
                return False
    return False


def compressible(content_type: str | None, body: bytes) -> bool:
    kind = (content_type or "").split(";")[0].strip().lower()
    return len(body) >= MIN_COMPRESSED_BYTES and kind.startswith(COMPRESSIBLE_TYPES)


@lru_cache(maxsize=256)
def gzipped_file(path: Path, modified_ns: int, size: int) -> bytes:
    """A dist file gzipped once per version (the key changes when the file does)."""
    return gzip.compress(path.read_bytes(), compresslevel=9, mtime=0)


def cache_control(name: str) -> str:
    return IMMUTABLE if name.startswith("assets/") else REVALIDATE


def call_api(event: dict[str, Any]) -> dict[str, Any]:
    from lambdas.api.app import resolve

    with _resolve_lock:
        return resolve(event, None)


class Handler(BaseHTTPRequestHandler):
    server_version = "gridla"
    dist: Path = DASHBOARD_DIST

    def log_message(self, format: str, *args: Any) -> None:  # stdlib's name
        logger.debug("http", request=format % args)

    def do_GET(self) -> None:
        if not self._static():
            self._api()

    def _static(self) -> bool:
        path = urlsplit(self.path).path
        if path == "/config.json" and not (self.dist / "config.json").exists():
            headers = {"Content-Type": "application/json", "Cache-Control": REVALIDATE}
            self._send(200, headers, b'{"apiBaseUrl": ""}')
            return True
        name = "index.html" if path == "/" else path.lstrip("/")
        file = (self.dist / name).resolve()
        if not file.is_file() or self.dist.resolve() not in file.parents:
            return False
        kind = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        headers = {"Content-Type": kind, "Cache-Control": cache_control(name)}
        stat = file.stat()
        body = self._negotiate(
            headers, file.read_bytes(), lambda _: gzipped_file(file, stat.st_mtime_ns, stat.st_size)
        )
        self._send(200, headers, body)
        return True

    def _api(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        headers = dict(self.headers.items())
        answer = call_api(proxy_event(self.command, self.path, headers, body))
        payload = answer.get("body") or ""
        raw = base64.b64decode(payload) if answer.get("isBase64Encoded") else payload.encode()
        out = dict(answer.get("headers") or {})
        for key, values in (answer.get("multiValueHeaders") or {}).items():
            out[key] = ", ".join(values)
        raw = self._negotiate(out, raw, lambda body: gzip.compress(body, 6, mtime=0))
        self._send(answer["statusCode"], out, b"" if self.command == "HEAD" else raw)

    def _negotiate(
        self, headers: dict[str, str], body: bytes, compress: Callable[[bytes], bytes]
    ) -> bytes:
        """`body`, gzipped by `compress` when it is worth it and the client accepts it; sets
        Vary (merged with the answer's own) and Content-Encoding in `headers`. An answer the
        resolver has compressed itself (its routes' `compress=True`) only gains the Vary."""
        named = {key.lower(): key for key in headers}
        kind = headers.get(named.get("content-type", ""))
        encoded = "content-encoding" in named
        if not encoded and not compressible(kind, body):
            return body
        vary = headers.pop(named["vary"]) if "vary" in named else ""
        headers["Vary"] = f"{vary}, Accept-Encoding" if vary else "Accept-Encoding"
        if encoded or not accepts_gzip(self.headers.get("Accept-Encoding")):
            return body
        headers["Content-Encoding"] = "gzip"
        return compress(body)

    def __getattr__(self, name: str) -> Any:
        """Every method but GET (do_POST, do_TRACE...) goes to the resolver, which answers it."""
        if name.startswith("do_"):
            return self._api
        raise AttributeError(name)

    def _send(self, status: int, headers: dict[str, str], body: bytes) -> None:
        self.send_response(status)
        for key, value in headers.items():
            if key.lower() != "content-length":
                self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def local_starter() -> Any:
    """Executions one at a time on a worker thread (moto's AWS mock is process-wide)."""
    from lambdas.local.workflow import execute

    worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pipeline")

    def start(name: str, run_input: dict[str, Any]) -> None:
        future = worker.submit(execute, run_input, name=name)
        future.add_done_callback(
            lambda done: logger.info("local run ended", run_id=name, error=str(done.exception()))
        )

    return start


@contextmanager
def serving(
    host: str = "127.0.0.1", port: int = 8000, *, local_runs: bool = True
) -> Iterator[ThreadingHTTPServer]:
    """Serve in a background thread for the block's duration.

    With `local_runs`, triggers run the pipeline here; without, they go to Step Functions.
    """
    from lambdas.api.executions import use_local_starter

    use_local_starter(local_starter() if local_runs else None)
    server = ThreadingHTTPServer((host, port), Handler)
    thread = threading.Thread(target=server.serve_forever, name="gridla-serve", daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def describe(server: ThreadingHTTPServer) -> str:
    """The server's URL."""
    host, port = server.server_address[:2]
    return f"http://{host!s}:{port}/"
