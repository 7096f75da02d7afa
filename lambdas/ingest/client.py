"""The Electricity Maps API v3 client: timeouts, bounded retries, errors mapped at the boundary.

Retries (tenacity) cover 429, 5xx, timeouts and broken connections, with full-jitter
exponential backoff, honouring `Retry-After`, bounded both in attempts and in total time.
401/403 stop at once (UpstreamRefused); 400 surfaces the API's message (InvalidInput);
404 means "no data for this window" and answers an empty list.
"""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from types import TracebackType
from typing import Any

import httpx
import tenacity

from lambdas.core.errors import InvalidInput, UpstreamRefused, UpstreamUnavailable
from lambdas.core.observability import logger
from lambdas.core.settings import Settings
from lambdas.core.time_range import Window
from lambdas.ingest.records import EmissionFactorType, Endpoint

# The API answers at most 10 days of hourly data per past-range call (a longer window is a 400).
MAX_PAST_RANGE = timedelta(days=10)
_SECRET_MAX_AGE_SECONDS = 300


@dataclass(frozen=True)
class RetryPolicy:
    """How hard to try: attempts, total seconds, and the backoff's first and largest wait."""

    max_attempts: int = 6
    max_total_seconds: float = 120.0
    initial_wait_seconds: float = 0.5
    max_wait_seconds: float = 30.0
    timeout_seconds: float = 30.0


class _Retryable(Exception):
    """An answer worth asking again; carries the server's Retry-After in seconds, if any."""

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


def retry_after_seconds(value: str | None, *, now: datetime) -> float | None:
    """Seconds asked by a Retry-After header: delta-seconds or an HTTP date (RFC 9110)."""
    if not value:
        return None
    try:
        return max(float(value), 0.0)
    except ValueError:
        pass
    try:
        from email.utils import parsedate_to_datetime

        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return max((moment - now).total_seconds(), 0.0)


class _Wait(tenacity.wait.wait_base):
    """Retry-After when the server sent one (capped), else full-jitter exponential backoff."""

    def __init__(self, policy: RetryPolicy) -> None:
        self._policy = policy
        self._backoff = tenacity.wait_random_exponential(
            multiplier=policy.initial_wait_seconds, max=policy.max_wait_seconds
        )

    def __call__(self, retry_state: tenacity.RetryCallState) -> float:
        outcome = retry_state.outcome
        exc = outcome.exception() if outcome is not None else None
        if isinstance(exc, _Retryable) and exc.retry_after is not None:
            return min(exc.retry_after, self._policy.max_wait_seconds)
        return float(self._backoff(retry_state))


def split_window(window: Window, span: timedelta = MAX_PAST_RANGE) -> list[Window]:
    """Consecutive windows of at most `span`, edge to edge, covering `window` exactly."""
    chunks = []
    start = window.start
    while start < window.end:
        end = min(start + span, window.end)
        chunks.append(Window(start, end))
        start = end
    return chunks


def _error_message(response: httpx.Response) -> str:
    try:
        body = response.json()
    except ValueError:
        return response.text[:200] or response.reason_phrase
    if isinstance(body, dict):
        return str(body.get("error") or body.get("message") or body)
    return str(body)[:200]


def _instant(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class ElectricityMapsClient:
    """Calls to the v3 endpoints; use as a context manager (it holds a connection pool)."""

    def __init__(
        self,
        base_url: str,
        token: str | None,
        *,
        retry: RetryPolicy | None = None,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.retry = retry or RetryPolicy()
        headers = {"auth-token": token} if token else {}
        self._http = httpx.Client(
            base_url=base_url.rstrip("/") + "/",
            headers=headers,
            timeout=httpx.Timeout(self.retry.timeout_seconds, connect=5.0),
            transport=transport,
        )
        self.requests_made = 0

    def __enter__(self) -> "ElectricityMapsClient":
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self._http.close()

    def latest(self, endpoint: Endpoint, zone: str) -> dict[str, Any] | None:
        """The newest record of `zone`, or None when the API has none."""
        body = self._get(f"{endpoint}/latest", {"zone": zone})
        return body if isinstance(body, dict) else None

    def history(self, endpoint: Endpoint, zone: str) -> list[Any]:
        """The last 24 hourly records of `zone` (raw JSON, not yet validated)."""
        body = self._get(f"{endpoint}/history", {"zone": zone})
        return _records(body, "history")

    def past_range(
        self,
        endpoint: Endpoint,
        zone: str,
        window: Window,
        emission_factor_type: EmissionFactorType | None = None,
    ) -> list[Any]:
        """Hourly records of `zone` in `window` (at most 10 days); [] when there are none.

        `emission_factor_type` picks the carbon intensity's factor (the API takes one a call).
        """
        if window.duration > MAX_PAST_RANGE:
            raise InvalidInput(f"past-range takes at most {MAX_PAST_RANGE.days} days per call")
        params = {"zone": zone, "start": _instant(window.start), "end": _instant(window.end)}
        if emission_factor_type is not None:
            params["emissionFactorType"] = emission_factor_type
        return _records(self._get(f"{endpoint}/past-range", params), "data")

    def _get(self, path: str, params: dict[str, str]) -> Any:
        retrying = tenacity.Retrying(
            retry=tenacity.retry_if_exception_type(_Retryable),
            wait=_Wait(self.retry),
            stop=(
                tenacity.stop_after_attempt(self.retry.max_attempts)
                | tenacity.stop_before_delay(self.retry.max_total_seconds)
            ),
            before_sleep=lambda state: logger.warning(
                "retrying Electricity Maps",
                path=path,
                attempt=state.attempt_number,
                reason=str(state.outcome.exception()) if state.outcome else None,
                wait_seconds=round(state.upcoming_sleep, 3),
            ),
            reraise=True,
        )
        try:
            return retrying(self._get_once, path, params)
        except _Retryable as exc:
            attempts = retrying.statistics.get("attempt_number", self.retry.max_attempts)
            raise UpstreamUnavailable(
                f"Electricity Maps {path} still failing after {attempts} attempts: {exc} "
                f"(API {self._http.base_url})"
            ) from exc

    def _get_once(self, path: str, params: dict[str, str]) -> Any:
        self.requests_made += 1
        try:
            response = self._http.get(path, params=params)
        except httpx.TimeoutException as exc:
            raise _Retryable(f"timed out ({type(exc).__name__})") from exc
        except httpx.TransportError as exc:
            raise _Retryable(f"cannot connect: {exc}") from exc
        status = response.status_code
        if status == 200:
            try:
                return response.json()
            except ValueError as exc:
                raise _Retryable("answered 200 with a body that is not JSON") from exc
        message = _error_message(response)
        if status in (401, 403):
            sent = "" if "auth-token" in self._http.headers else ", and none was configured"
            raise UpstreamRefused(
                f"Electricity Maps refused the token (HTTP {status}: {message}{sent}); set a "
                "valid ELECTRICITYMAPS_TOKEN or the secret ELECTRICITYMAPS_TOKEN_SECRET_ARN names"
            )
        if status == 404:
            logger.info("no data upstream", path=path, params=params, answer=message)
            return None
        if status == 429 or status >= 500:
            after = retry_after_seconds(response.headers.get("Retry-After"), now=datetime.now(UTC))
            raise _Retryable(f"HTTP {status}: {message}", retry_after=after)
        raise InvalidInput(f"Electricity Maps rejected the request (HTTP {status}): {message}")


def _records(body: Any, key: str) -> list[Any]:
    if body is None:
        return []
    if not isinstance(body, dict) or not isinstance(body.get(key), list):
        raise UpstreamUnavailable(f"Electricity Maps answered without a {key!r} list")
    records: list[Any] = body[key]
    return records


def resolve_token(settings: Settings) -> str | None:
    """The API token: ELECTRICITYMAPS_TOKEN, else the secret (cached 5 min), else none.

    The secret may hold the bare token or a JSON object with a `token` field.
    """
    if settings.electricitymaps_token is not None:
        return settings.electricitymaps_token.get_secret_value()
    if settings.electricitymaps_token_secret_arn is None:
        return None
    import json

    from aws_lambda_powertools.utilities import parameters

    value = parameters.get_secret(
        settings.electricitymaps_token_secret_arn, max_age=_SECRET_MAX_AGE_SECONDS
    )
    text = value.decode() if isinstance(value, bytes) else str(value)
    try:
        parsed = json.loads(text)
    except ValueError:
        return text.strip() or None
    if isinstance(parsed, dict):
        token = parsed.get("token") or parsed.get("ELECTRICITYMAPS_TOKEN")
        return str(token) if token else None
    return text.strip() or None


def client_from_settings(
    settings: Settings, retry: RetryPolicy | None = None
) -> ElectricityMapsClient:
    """A client for the configured API URL and token."""
    return ElectricityMapsClient(
        settings.electricitymaps_api_url, resolve_token(settings), retry=retry
    )
