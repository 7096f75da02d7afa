"""Ingest through injected faults: zero loss, every corrupted record counted, refusals stop."""

from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest

from lambdas.core.errors import UpstreamRefused, UpstreamUnavailable
from lambdas.ingest.client import RetryPolicy
from lambdas.local.replay import Faults

START = datetime(2020, 8, 1, 7, tzinfo=UTC)
END = START + timedelta(days=30)
# Retry-After ("1") is honoured up to half a second: the replay's window is that long.
PATIENT = RetryPolicy(
    max_attempts=20, max_total_seconds=30, initial_wait_seconds=0.005, max_wait_seconds=0.5
)
EVENT = {"action": "backfill", "start_date": START.isoformat(), "end_date": END.isoformat()}


def test_faults_and_rate_limit_lose_nothing_and_every_corrupted_record_is_counted(
    replay, run_ingest, stored, la_hours
):
    # Seed 3 draws 0.24 first: the first request fails, whatever the threads' order. Two
    # requests per half second: the prefetch of the second chunk is always limited.
    faults = Faults(
        fault_rate=0.3, rate_limit=2, rate_window_seconds=0.5, malformed_rate=0.03, seed=3
    )
    server = replay(faults)
    output = run_ingest(server, EVENT, retry=PATIENT)

    statuses = [status for _, _, status in server.api.stats.requests]
    assert 429 in statuses
    assert {500, 503} & set(statuses)  # the faults really happened
    corruptions = server.api.stats.corruptions
    assert corruptions
    assert output.rows_rejected == len(corruptions)

    source = {h.datetime: h for h in la_hours if START <= h.datetime < END}
    broken_power = {c.datetime for c in corruptions if c.endpoint == "power-breakdown"}
    rows = stored()
    for hour, expected in source.items():
        row = rows.get(hour)
        if hour in broken_power:  # known only as a gap: never a half-true row
            assert row is None or row["power_breakdown_updated_at"] is None
            continue
        values = (row["solar_mw"], row["wind_mw"], row["power_consumption_total"])
        assert values == (expected.solar_mw, expected.wind_mw, expected.demand_mw), hour
    gap_hours = {
        gap.start + timedelta(hours=i)
        for gap in output.gaps
        for i in range((gap.end - gap.start) // timedelta(hours=1))
    }
    assert gap_hours == broken_power

    # The same faults without corruption: the next backfill fills every gap.
    healed = run_ingest(replay(Faults(fault_rate=0.3, seed=6)), EVENT, retry=PATIENT)
    assert healed.gaps == []
    assert healed.rows_rejected == 0
    assert healed.rows_written == len({c.datetime for c in corruptions})
    rows = stored()
    assert len(rows) == len(source) == 720
    assert all(
        (row["solar_mw"], row["wind_mw"], row["power_consumption_total"])
        == (source[hour].solar_mw, source[hour].wind_mw, source[hour].demand_mw)
        for hour, row in rows.items()
    )


def test_a_refused_token_stops_at_once_with_its_message(replay, run_ingest, stored):
    server = replay(Faults(token="the-right-token"))
    with pytest.raises(UpstreamRefused, match=r"refused the token \(HTTP 401: Token is invalid\)"):
        run_ingest(server, EVENT, token="a-wrong-token")
    # Each feed asked once (they are fetched side by side), no retry, no later chunk.
    assert sorted(path for path, _, _ in server.api.stats.requests) == [
        "/v3/carbon-intensity/past-range",
        "/v3/carbon-intensity/past-range",
        "/v3/power-breakdown/past-range",
    ]
    assert stored() == {}
    assert run_ingest(server, EVENT, token="the-right-token").rows_written == 720


def test_an_api_that_stays_down_fails_after_bounded_retries(replay, run_ingest):
    server = replay(Faults(fault_rate=1.0, seed=1))
    policy = RetryPolicy(max_attempts=3, initial_wait_seconds=0.001, max_wait_seconds=0.01)
    with pytest.raises(UpstreamUnavailable, match="after 3 attempts"):
        run_ingest(server, EVENT, retry=policy)
    asked = Counter(path for path, _, _ in server.api.stats.requests)
    assert asked == {"/v3/power-breakdown/past-range": 3, "/v3/carbon-intensity/past-range": 6}


def test_slow_answers_are_waited_for(replay, run_ingest):
    server = replay(Faults(latency_ms=20))
    event = {**EVENT, "end_date": (START + timedelta(days=1)).isoformat()}
    assert run_ingest(server, event).rows_written == 24
