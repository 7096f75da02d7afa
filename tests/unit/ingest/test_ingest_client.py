"""The client's chunking, retry policy and error mapping (HTTP answered by httpx.MockTransport)."""

import itertools
from datetime import UTC, datetime, timedelta

import httpx
import pytest
import tenacity
from hypothesis import given
from hypothesis import strategies as st

from lambdas.core.errors import InvalidInput, UpstreamRefused, UpstreamUnavailable
from lambdas.core.time_range import Window
from lambdas.ingest.client import (
    MAX_PAST_RANGE,
    ElectricityMapsClient,
    RetryPolicy,
    _Retryable,
    _Wait,
    retry_after_seconds,
    split_window,
)

START = datetime(2020, 2, 3, 5, tzinfo=UTC)
FAST = RetryPolicy(max_attempts=4, initial_wait_seconds=0.001, max_wait_seconds=0.01)


def test_split_window_cuts_exactly_at_ten_days():
    window = Window(START, START + timedelta(days=25))
    chunks = split_window(window)
    assert [(c.start, c.end) for c in chunks] == [
        (START, START + timedelta(days=10)),
        (START + timedelta(days=10), START + timedelta(days=20)),
        (START + timedelta(days=20), START + timedelta(days=25)),
    ]
    assert split_window(Window(START, START + MAX_PAST_RANGE)) == [
        Window(START, START + MAX_PAST_RANGE)
    ]


@given(hours=st.integers(min_value=1, max_value=24 * 400))
def test_split_window_covers_edge_to_edge(hours):
    window = Window(START, START + timedelta(hours=hours))
    chunks = split_window(window)
    assert chunks[0].start == window.start
    assert chunks[-1].end == window.end
    assert all(a.end == b.start for a, b in itertools.pairwise(chunks))
    assert all(c.duration <= MAX_PAST_RANGE for c in chunks)
    assert all(c.duration == MAX_PAST_RANGE for c in chunks[:-1])


def test_retry_after_parses_seconds_and_http_dates():
    now = datetime(2024, 1, 1, 12, tzinfo=UTC)
    assert retry_after_seconds("7", now=now) == 7
    assert retry_after_seconds("Mon, 01 Jan 2024 12:00:30 GMT", now=now) == 30
    assert retry_after_seconds("soon", now=now) is None
    assert retry_after_seconds(None, now=now) is None


def _state_after(exc: BaseException) -> tenacity.RetryCallState:
    state = tenacity.RetryCallState(retry_object=tenacity.Retrying(), fn=None, args=(), kwargs={})
    state.set_exception((type(exc), exc, None))
    return state


def test_wait_honours_retry_after_up_to_the_cap():
    wait = _Wait(RetryPolicy(max_wait_seconds=30))
    assert wait(_state_after(_Retryable("429", retry_after=7))) == 7
    assert wait(_state_after(_Retryable("429", retry_after=600))) == 30
    backoff = wait(_state_after(_Retryable("503")))
    assert 0 <= backoff <= 30


def _client(handler, retry: RetryPolicy = FAST) -> ElectricityMapsClient:
    return ElectricityMapsClient(
        "http://api.test/v3", "tok", retry=retry, transport=httpx.MockTransport(handler)
    )


def _window(days: int = 1) -> Window:
    return Window(START, START + timedelta(days=days))


def test_request_carries_token_and_exclusive_window():
    seen = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"zone": "Z", "data": [{"x": 1}]})

    with _client(handler) as client:
        assert client.past_range("power-breakdown", "Z", _window()) == [{"x": 1}]
    (request,) = seen
    assert request.headers["auth-token"] == "tok"
    assert request.url.path == "/v3/power-breakdown/past-range"
    assert dict(request.url.params) == {
        "zone": "Z",
        "start": "2020-02-03T05:00:00Z",
        "end": "2020-02-04T05:00:00Z",
    }


def test_the_emission_factor_type_is_asked_for_by_name():
    seen = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"zone": "Z", "data": []})

    with _client(handler) as client:
        client.past_range("carbon-intensity", "Z", _window(), "direct")
    (request,) = seen
    assert request.url.params["emissionFactorType"] == "direct"


def test_transient_failures_are_retried_until_success():
    answers = iter(
        [
            httpx.Response(503, json={"error": "busy"}),
            httpx.Response(429, headers={"Retry-After": "0"}, json={"error": "slow down"}),
            httpx.Response(200, text="<html>proxy</html>"),
            httpx.Response(200, json={"zone": "Z", "data": []}),
        ]
    )
    with _client(lambda request: next(answers)) as client:
        assert client.past_range("carbon-intensity", "Z", _window()) == []
        assert client.requests_made == 4


def test_timeouts_are_retried():
    calls = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        if len(calls) == 1:
            raise httpx.ReadTimeout("slow", request=request)
        return httpx.Response(200, json={"zone": "Z", "history": [{}]})

    with _client(handler) as client:
        assert client.history("power-breakdown", "Z") == [{}]
    assert len(calls) == 2


def test_retries_are_bounded():
    with (
        _client(lambda request: httpx.Response(500, json={"error": "down"})) as client,
        pytest.raises(UpstreamUnavailable, match=r"after 4 attempts: HTTP 500: down"),
    ):
        client.latest("power-breakdown", "Z")
    assert client.requests_made == 4


def test_total_time_bounds_retries():
    policy = RetryPolicy(max_attempts=100, max_total_seconds=0.05, max_wait_seconds=1.0)
    answer = httpx.Response(429, headers={"Retry-After": "1"}, json={"error": "limited"})
    with _client(lambda request: answer, policy) as client, pytest.raises(UpstreamUnavailable):
        client.latest("power-breakdown", "Z")
    assert client.requests_made == 1  # the next wait would pass the budget: give up now


@pytest.mark.parametrize("status", [401, 403])
def test_refused_token_stops_at_once(status):
    answer = httpx.Response(status, json={"error": "Token is invalid"})
    with _client(lambda request: answer) as client:
        with pytest.raises(UpstreamRefused, match=r"refused the token .*Token is invalid"):
            client.past_range("power-breakdown", "Z", _window())
        assert client.requests_made == 1


def test_bad_request_surfaces_the_api_message():
    answer = httpx.Response(400, json={"message": "start must be before end"})
    with (
        _client(lambda request: answer) as client,
        pytest.raises(InvalidInput, match="start must be before end"),
    ):
        client.past_range("power-breakdown", "Z", _window())


def test_not_found_is_no_data():
    answer = httpx.Response(404, json={"error": "No data"})
    with _client(lambda request: answer) as client:
        assert client.past_range("power-breakdown", "Z", _window()) == []
        assert client.history("power-breakdown", "Z") == []
        assert client.latest("power-breakdown", "Z") is None


def test_window_over_ten_days_is_refused_before_asking():
    with (
        _client(lambda request: httpx.Response(500)) as client,
        pytest.raises(InvalidInput, match="at most 10 days"),
    ):
        client.past_range("power-breakdown", "Z", _window(days=11))
    assert client.requests_made == 0
