"""Backfill and incremental ingest: exact hours, idempotent reruns, revisions, chunks, DST, gaps."""

import dataclasses
import itertools
from collections import Counter
from datetime import UTC, datetime, timedelta

from lambdas.core.time_range import LOCAL_TZ
from lambdas.local.replay_data import shift_to_now

START = datetime(2020, 6, 1, 7, tzinfo=UTC)


def _backfill(start: datetime | str, end: datetime | str) -> dict:
    as_text = lambda t: t if isinstance(t, str) else t.isoformat()  # noqa: E731
    return {"action": "backfill", "start_date": as_text(start), "end_date": as_text(end)}


def _values(row: dict) -> tuple:
    return (row["solar_mw"], row["wind_mw"], row["power_consumption_total"])


def _source(hours, start: datetime, end: datetime) -> dict[datetime, tuple]:
    return {
        h.datetime: (h.solar_mw, h.wind_mw, h.demand_mw) for h in hours if start <= h.datetime < end
    }


def test_30_day_backfill_stores_exactly_the_source_and_a_rerun_changes_nothing(
    replay, run_ingest, stored, la_hours
):
    end = START + timedelta(days=30)
    server = replay()
    first = run_ingest(server, _backfill(START, end))
    assert (first.rows_fetched, first.rows_written, first.rows_rejected) == (720, 720, 0)
    assert first.gaps == []
    assert first.latest_datetime == end - timedelta(hours=1)
    rows = stored()
    assert {hour: _values(row) for hour, row in rows.items()} == _source(la_hours, START, end)
    row = rows[START + timedelta(hours=13)]  # 1 pm in Los Angeles: the sun is up
    assert row["solar_mw"] > 100
    assert row["carbon_intensity"] is None  # 2020: the fuel mix is known, carbon not yet
    assert row["gas_mw"] > 0
    assert row["raw"]["power-breakdown"]["powerConsumptionTotal"] == row["power_consumption_total"]

    again = run_ingest(server, _backfill(START, end))
    assert (again.rows_fetched, again.rows_written) == (720, 0)
    assert stored() == rows  # not one row touched (ingested_at included)


def test_a_newer_revision_replaces_the_row_and_an_older_one_does_not(
    replay, run_ingest, stored, la_hours
):
    end = START + timedelta(days=2)
    run_ingest(replay(), _backfill(START, end))
    hour = START + timedelta(hours=20)
    original = next(h for h in la_hours if h.datetime == hour)
    published = stored()[hour]["source_updated_at"]

    def revised(solar_mw: float, updated_at: datetime):
        return [
            dataclasses.replace(h, solar_mw=solar_mw, updated_at=updated_at)
            if h.datetime == hour
            else h
            for h in la_hours
        ]

    newer = run_ingest(
        replay(hours=revised(999.0, published + timedelta(days=3))), _backfill(START, end)
    )
    assert newer.rows_written == 1
    row = stored()[hour]
    assert (row["solar_mw"], row["source_updated_at"]) == (999.0, published + timedelta(days=3))
    assert row["wind_mw"] == original.wind_mw

    older = run_ingest(
        replay(hours=revised(1.0, published + timedelta(days=1))), _backfill(START, end)
    )
    assert older.rows_written == 0
    assert stored()[hour]["solar_mw"] == 999.0


def test_windows_over_ten_days_are_chunked_exactly_at_the_edges(replay, run_ingest, stored):
    start = datetime(2020, 2, 3, 5, tzinfo=UTC)
    end = start + timedelta(days=25)
    server = replay()
    output = run_ingest(server, _backfill(start, end))
    asked = [
        (q["start"], q["end"])
        for path, q, status in server.api.stats.requests
        if path == "/v3/power-breakdown/past-range"
    ]
    edges = [start, start + timedelta(days=10), start + timedelta(days=20), end]
    assert asked == [
        (a.strftime("%Y-%m-%dT%H:%M:%SZ"), b.strftime("%Y-%m-%dT%H:%M:%SZ"))
        for a, b in itertools.pairwise(edges)
    ]
    assert output.rows_written == 600 == len(stored())


def test_dst_days_in_los_angeles_have_no_missing_or_doubled_hour(replay, run_ingest, stored):
    server = replay()
    for start, end in [("2019-03-09", "2019-03-12"), ("2020-10-31", "2020-11-03")]:
        output = run_ingest(server, _backfill(start, end))
        window = [h for h in stored() if output.window.start <= h < output.window.end]
        hours_asked = (output.window.end - output.window.start) // timedelta(hours=1)
        assert len(window) == hours_asked == output.rows_written
        assert all(b - a == timedelta(hours=1) for a, b in itertools.pairwise(sorted(window)))
    hours = stored()
    per_local_day = Counter(h.astimezone(LOCAL_TZ).date().isoformat() for h in hours)
    assert per_local_day == {
        "2019-03-09": 24,
        "2019-03-10": 23,  # spring forward
        "2019-03-11": 24,
        "2020-10-31": 24,
        "2020-11-01": 25,  # fall back
        "2020-11-02": 24,
    }


def test_gaps_are_reported_and_a_backfill_of_the_gap_fills_it(replay, run_ingest, stored):
    end = START + timedelta(days=3)
    missing = [START + timedelta(hours=h) for h in (10, 11, 12, 40)]
    with_gaps = run_ingest(replay(missing=missing), _backfill(START, end))
    assert with_gaps.rows_written == 72 - 4
    assert [(g.start, g.end) for g in with_gaps.gaps] == [
        (START + timedelta(hours=10), START + timedelta(hours=13)),
        (START + timedelta(hours=40), START + timedelta(hours=41)),
    ]
    gap = with_gaps.gaps[0]
    filled = run_ingest(replay(), _backfill(gap.start, gap.end))
    assert (filled.rows_written, filled.gaps) == (3, [])
    assert len(stored()) == 71


def test_a_window_with_no_data_is_a_gap_not_a_failure(replay, run_ingest, stored):
    output = run_ingest(replay(), _backfill("2018-06-01", "2018-06-02"))
    assert (output.rows_fetched, output.rows_written) == (0, 0)
    assert [(g.start, g.end) for g in output.gaps] == [(output.window.start, output.window.end)]
    assert output.latest_datetime is None
    assert stored() == {}


def test_incremental_starts_from_history_days_then_from_the_newest_hour(
    replay, run_ingest, la_hours
):
    now = datetime(2026, 11, 29, 10, 41, tzinfo=UTC)
    clock = [now]
    server = replay(clock=lambda: clock[0], shift=shift_to_now(la_hours[-1].datetime, now))
    first = run_ingest(server, {}, now=now, history_days=30)
    current = datetime(2026, 11, 29, 10, tzinfo=UTC)
    assert first.window.start == current - timedelta(days=30)
    assert first.window.end == current + timedelta(hours=1)
    assert first.rows_written == 30 * 24 + 1
    assert first.gaps == []
    assert first.latest_datetime == current

    clock[0] = later = now + timedelta(hours=2)  # two more hours have been published
    second = run_ingest(server, {}, now=later)
    assert second.window.start == current - timedelta(hours=48)
    assert (second.rows_fetched, second.rows_written) == (48 + 3, 2)
