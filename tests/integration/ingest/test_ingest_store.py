"""The bulk upsert's revision rules and gap detection, on a real PostgreSQL."""

from datetime import UTC, datetime, timedelta

from lambdas.core.measurements import (
    CARBON_INTENSITY,
    CARBON_INTENSITY_DIRECT,
    POWER_BREAKDOWN,
    MeasurementRow,
    copy_measurements,
    find_gaps,
    upsert_measurements,
)
from lambdas.core.time_range import Window

HOUR = datetime(2024, 3, 6, 19, tzinfo=UTC)
T1 = datetime(2024, 3, 6, 21, tzinfo=UTC)
ZONE = "DE"


def _power(solar: float, at: datetime, hour: datetime = HOUR) -> MeasurementRow:
    return MeasurementRow(
        zone=ZONE,
        datetime=hour,
        solar_mw=solar,
        power_breakdown_updated_at=at,
        source_updated_at=at,
        raw={POWER_BREAKDOWN: {"solar": solar}},
    )


def _carbon(intensity: float, at: datetime) -> MeasurementRow:
    return MeasurementRow(
        zone=ZONE,
        datetime=HOUR,
        carbon_intensity=intensity,
        carbon_intensity_updated_at=at,
        source_updated_at=at,
        raw={CARBON_INTENSITY: {"carbonIntensity": intensity}},
    )


def _direct(intensity: float, at: datetime) -> MeasurementRow:
    return MeasurementRow(
        zone=ZONE,
        datetime=HOUR,
        carbon_intensity_direct=intensity,
        carbon_intensity_direct_updated_at=at,
        source_updated_at=at,
        raw={CARBON_INTENSITY_DIRECT: {"carbonIntensity": intensity}},
    )


def _row(db) -> dict:
    return db.execute("SELECT * FROM electricity_measurements").fetchone()


def test_a_side_that_arrives_later_completes_the_hour_even_with_the_same_revision(db):
    assert upsert_measurements(db, [_power(5.0, T1)]) == 1
    assert upsert_measurements(db, [_carbon(300.0, T1)]) == 1
    row = _row(db)
    assert (row["solar_mw"], row["carbon_intensity"]) == (5.0, 300.0)
    assert set(row["raw"]) == {POWER_BREAKDOWN, CARBON_INTENSITY}
    assert upsert_measurements(db, [_power(5.0, T1)]) == 0
    assert upsert_measurements(db, [_carbon(300.0, T1)]) == 0


def test_each_side_takes_only_newer_revisions(db):
    upsert_measurements(db, [_power(5.0, T1)])
    upsert_measurements(db, [_carbon(300.0, T1)])
    assert upsert_measurements(db, [_carbon(100.0, T1 - timedelta(hours=1))]) == 0
    assert upsert_measurements(db, [_power(6.0, T1)]) == 0  # equal revision: nothing changes
    assert upsert_measurements(db, [_power(7.0, T1 + timedelta(days=1))]) == 1
    row = _row(db)
    assert (row["solar_mw"], row["carbon_intensity"]) == (7.0, 300.0)
    assert row["source_updated_at"] == T1 + timedelta(days=1)
    assert row["raw"] == {
        POWER_BREAKDOWN: {"solar": 7.0},
        CARBON_INTENSITY: {"carbonIntensity": 300.0},
    }


def test_gaps_are_hours_without_a_power_breakdown(db):
    day = Window(HOUR, HOUR + timedelta(hours=6))
    upsert_measurements(db, [_power(1.0, T1, HOUR + timedelta(hours=h)) for h in (0, 3, 4)])
    upsert_measurements(db, [_carbon(200.0, T1)])  # carbon alone does not fill a gap
    gaps = find_gaps(db, ZONE, day)
    assert [(g.start, g.end) for g in gaps] == [
        (HOUR + timedelta(hours=1), HOUR + timedelta(hours=3)),
        (HOUR + timedelta(hours=5), HOUR + timedelta(hours=6)),
    ]


def test_plain_copy_stores_the_same_rows(db):
    rows = [_power(float(h), T1, HOUR + timedelta(hours=h)) for h in range(3)]
    copy_measurements(db, rows)
    assert db.execute("SELECT count(*) AS n FROM electricity_measurements").fetchone()["n"] == 3
    assert upsert_measurements(db, rows) == 0


def test_the_direct_intensity_is_a_side_of_its_own(db):
    upsert_measurements(db, [_power(5.0, T1)])
    upsert_measurements(db, [_carbon(300.0, T1)])
    assert upsert_measurements(db, [_direct(250.0, T1)]) == 1  # completes the hour
    assert upsert_measurements(db, [_direct(100.0, T1 - timedelta(hours=1))]) == 0
    # A newer life-cycle revision leaves the direct value as it was, and the other way round.
    assert upsert_measurements(db, [_carbon(310.0, T1 + timedelta(hours=1))]) == 1
    assert upsert_measurements(db, [_direct(260.0, T1 + timedelta(hours=2))]) == 1
    row = _row(db)
    assert (row["solar_mw"], row["carbon_intensity"], row["carbon_intensity_direct"]) == (
        5.0,
        310.0,
        260.0,
    )
    assert row["carbon_intensity_updated_at"] == T1 + timedelta(hours=1)
    assert row["carbon_intensity_direct_updated_at"] == T1 + timedelta(hours=2)
    assert row["source_updated_at"] == T1 + timedelta(hours=2)
    assert row["raw"] == {
        POWER_BREAKDOWN: {"solar": 5.0},
        CARBON_INTENSITY: {"carbonIntensity": 310.0},
        CARBON_INTENSITY_DIRECT: {"carbonIntensity": 260.0},
    }
