import numpy as np
import pandas as pd
import pytest
from scipy import stats

from lambdas.analyze.correlation import correlate


def test_coefficients_match_a_direct_scipy_computation(la_measurements):
    frame = la_measurements.iloc[: 24 * 60].copy()
    frame.iloc[5:30, 1] = np.nan  # solar unknown for a day: pairwise overlap shrinks
    frame["carbon_intensity"] = np.nan
    found, omitted = correlate(frame)
    by_key = {(item.variable_a, item.variable_b, item.method): item for item in found}
    load, solar = frame["power_consumption_total"], frame["solar_mw"]
    both = pd.concat([load, solar], axis=1).dropna()
    pearson = by_key[("power_consumption_total", "solar_mw", "pearson")]
    expected = stats.pearsonr(both.iloc[:, 0], both.iloc[:, 1])
    assert pearson.coefficient == pytest.approx(expected.statistic, abs=1e-12)
    assert pearson.p_value == pytest.approx(expected.pvalue, abs=1e-12)
    assert pearson.n == 24 * 60 - 25
    assert pearson.coefficient == pytest.approx(load.corr(solar), abs=1e-12)
    spearman = by_key[("power_consumption_total", "solar_mw", "spearman")]
    assert spearman.coefficient == pytest.approx(load.corr(solar, method="spearman"), abs=1e-12)
    assert len(found) == 3 * 2
    assert omitted == [{"variable": "carbon_intensity", "reason": omitted[0]["reason"]}]


def test_little_overlap_and_constant_pairs_are_left_out_not_zero():
    index = pd.date_range("2024-01-01", periods=200, freq="h", tz="UTC")
    rng = np.random.default_rng(0)
    frame = pd.DataFrame(
        {"a": rng.normal(size=200), "b": rng.normal(size=200), "c": 5.0}, index=index
    )
    frame.loc[frame.index[20:], "b"] = np.nan
    found, omitted = correlate(frame)
    assert {(item.variable_a, item.variable_b) for item in found} == set()
    reasons = {(entry["variable_a"], entry["variable_b"]): entry["reason"] for entry in omitted}
    assert "20 hours" in reasons[("a", "b")]
    assert "constant" in reasons[("a", "c")]
