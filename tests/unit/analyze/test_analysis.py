import json

import numpy as np
import pandas as pd
import pytest

from lambdas.analyze.analysis import PROFILED, analyse_range
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


def grid_frame(days=30, carbon_from_day=10, seed=0):
    """A built month of a grid like LA's: load, solar, gas and hydro; imports where the
    production falls short; carbon intensity and the shares only from `carbon_from_day` on
    (as 2019-2020 have no carbon data), NULL before."""
    index = pd.date_range("2021-04-01T07:00Z", periods=24 * days, freq="h", name="datetime")
    local_hour = index.tz_convert("America/Los_Angeles").hour.to_numpy()
    rng = np.random.default_rng(seed)
    load = 2600 + 600 * np.sin((local_hour - 10) / 24 * 2 * np.pi) + rng.normal(0, 50, len(index))
    solar = np.clip(900 * np.sin((local_hour - 6) / 13 * np.pi), 0, None) * rng.uniform(
        0.6, 1.0, len(index)
    )
    hydro = np.full(len(index), 300.0)
    gas = np.clip(load - solar - hydro - 500 + rng.normal(0, 40, len(index)), 0, None)
    production = solar + hydro + gas
    clean_share = (solar + hydro) / load
    frame = pd.DataFrame(index=index, columns=list(NUMERIC_COLUMNS), dtype="float64")
    frame["power_consumption_total"] = load
    frame["solar_mw"], frame["gas_mw"], frame["hydro_mw"] = solar, gas, hydro
    frame["power_production_total"] = production
    frame["power_import_total"] = np.clip(load - production, 0, None)
    frame["power_export_total"] = np.clip(production - load, 0, None)
    frame["carbon_intensity"] = 650 * (1 - clean_share) + 60 + rng.normal(0, 10, len(index))
    frame["fossil_free_percentage"] = 100 * clean_share
    frame["renewable_percentage"] = 100 * solar / load
    unknown = slice(None, 24 * carbon_from_day)
    frame.iloc[unknown, frame.columns.get_indexer(CARBON_AND_SHARES)] = np.nan
    return frame


CARBON_AND_SHARES = ["carbon_intensity", "fossil_free_percentage", "renewable_percentage"]


@pytest.fixture(scope="module")
def grid_month():
    return analyse_range(grid_frame(), "month")


def test_carbon_and_the_shares_are_analysed_over_their_known_hours_only(grid_month):
    analysis = grid_month
    known_hours = 24 * 20
    for kind in ("trend", "seasonal", "daily_profile"):
        variables = analysis.results[kind][1]["variables"]
        for name in CARBON_AND_SHARES:
            assert variables[name]["status"] == "ok", (kind, name)
            assert variables[name]["n"] == known_hours, (kind, name)
        assert analysis.results[kind][0]["variables"] == list(PROFILED)
    trend = analysis.results["trend"][1]["variables"]["carbon_intensity"]
    assert trend["n_days"] == 20  # the ten unknown days are left out, not read as 0
    assert trend["daily"][0]["date"] == "2021-04-11"
    assert min(day["mean"] for day in trend["daily"]) > 100
    profile = analysis.results["daily_profile"][1]["variables"]["carbon_intensity"]
    assert all(hour["n"] == 20 for hour in profile["all"])
    # Cleanest around noon, when solar is up.
    assert 10 <= min(profile["all"], key=lambda hour: hour["mean"])["hour"] <= 14
    seasonal = analysis.results["seasonal"][1]["variables"]["fossil_free_percentage"]
    assert seasonal["method"] == "MSTL"
    assert seasonal["segment"]["hours"] == known_hours
    distribution = analysis.results["distribution"][1]["variables"]
    for name in CARBON_AND_SHARES:
        assert distribution[name]["n"] == known_hours
        assert sum(distribution[name]["histogram"]["counts"]) == known_hours
    assert distribution["carbon_intensity"]["min"]["value"] > 0
    assert distribution["wind_mw"] == {"status": "unknown", "note": distribution["wind_mw"]["note"]}


def test_carbon_intensity_is_correlated_with_the_sources_and_imports(grid_month):
    analysis = grid_month
    summary = analysis.results["correlations"][1]
    with_carbon = {entry["variable"]: entry for entry in summary["by_variable"]["carbon_intensity"]}
    assert with_carbon["solar_mw"]["pearson"] < -0.5
    assert with_carbon["gas_mw"]["pearson"] > 0.2
    assert with_carbon["fossil_free_percentage"]["pearson"] < -0.9
    assert "power_import_total" in with_carbon
    for entry in with_carbon.values():
        assert entry["n"] == 24 * 20  # only the hours where both are known
        assert 0 <= entry["pearson_p_value"] <= 1
        assert -1 <= entry["spearman"] <= 1
    strengths = [abs(entry["pearson"]) for entry in summary["by_variable"]["carbon_intensity"]]
    assert strengths == sorted(strengths, reverse=True)
    # Never paired: the sources the data has no value for.
    omitted = {entry.get("variable") for entry in summary["omitted"]}
    assert {"wind_mw", "coal_mw", "nuclear_mw"} <= omitted
    assert summary["by_variable"]["wind_mw"] == []
    stored = {(item.variable_a, item.variable_b) for item in analysis.correlations}
    assert ("carbon_intensity", "solar_mw") in stored
    assert ("carbon_intensity", "gas_mw") in stored


def test_a_range_without_carbon_data_says_unknown_for_carbon_and_the_shares():
    analysis = analyse_range(grid_frame(days=20, carbon_from_day=20), "month")
    for kind in ("trend", "seasonal", "daily_profile"):
        variables = analysis.results[kind][1]["variables"]
        for name in CARBON_AND_SHARES:
            assert variables[name]["status"] == "unknown"
            assert set(variables[name]) == {"status", "note"}
    distribution = analysis.results["distribution"][1]
    assert distribution["carbon_intensity"]["status"] == "unknown"
    assert distribution["variables"]["renewable_percentage"]["status"] == "unknown"
    assert analysis.results["correlations"][1]["by_variable"]["carbon_intensity"] == []
