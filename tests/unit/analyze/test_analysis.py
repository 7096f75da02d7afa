import json

from lambdas.analyze.analysis import analyse_range
from lambdas.core.measurements import NUMERIC_COLUMNS


def la_frame(la_measurements, hours):
    frame = la_measurements.iloc[:hours].reindex(columns=list(NUMERIC_COLUMNS))
    return frame.astype("float64")


def test_every_kind_over_a_la_month_is_storable_json(la_measurements):
    analysis = analyse_range(la_frame(la_measurements, 24 * 30), "month")
    assert set(analysis.results) == {
        "trend",
        "seasonal",
        "daily_profile",
        "distribution",
        "correlations",
    }
    for parameters, result in analysis.results.values():
        json.dumps(parameters, allow_nan=False)
        json.dumps(result, allow_nan=False)
        assert parameters["range"] == "month"
        assert result["data"]["n"] == 720
    trend = analysis.results["trend"][1]["variables"]
    assert trend["power_consumption_total"]["status"] == "ok"
    # No carbon intensity in the LA data: unknown, never a 0.
    assert trend["carbon_intensity"]["status"] == "unknown"
    assert "mean" not in trend["carbon_intensity"]
    carbon = analysis.results["distribution"][1]["carbon_intensity"]
    assert carbon["status"] == "unknown"
    assert len(analysis.correlations) == 6  # 3 known variables, 3 pairs, 2 methods
