from datetime import UTC, datetime

import numpy as np

from lambdas.frames.hourly import coverage, known_columns, measurements_frame

START = datetime(2024, 1, 1, tzinfo=UTC)
END = datetime(2024, 1, 1, 6, tzinfo=UTC)


def test_gaps_become_nan_rows_and_unknown_stays_nan():
    rows = [
        {"datetime": datetime(2024, 1, 1, hour, tzinfo=UTC), "solar_mw": 1.0, "gas_mw": None}
        for hour in (0, 1, 4)
    ]
    frame = measurements_frame(rows, START, END, ("solar_mw", "gas_mw"))
    assert len(frame) == 6
    assert frame["solar_mw"].isna().tolist() == [False, False, True, True, False, True]
    assert frame["gas_mw"].isna().all()
    assert known_columns(frame) == ["solar_mw"]


def test_coverage_lists_gaps_with_their_length():
    frame = measurements_frame(
        [{"datetime": datetime(2024, 1, 1, 1, tzinfo=UTC), "solar_mw": 0.0}],
        START,
        END,
        ("solar_mw",),
    )
    seen = coverage(frame)
    assert seen["hours_in_range"] == 6
    assert seen["n"] == 1  # a known 0 is data, not a gap
    assert seen["gap_hours"] == 5
    assert [gap["hours"] for gap in seen["gaps"]] == [1, 4]
    assert seen["first"] == seen["last"] == "2024-01-01T01:00:00+00:00"


def test_empty_input_gives_an_all_unknown_frame():
    frame = measurements_frame([], START, END, ("solar_mw",))
    assert len(frame) == 6
    assert np.isnan(frame.to_numpy()).all()
    assert coverage(frame)["n"] == 0
