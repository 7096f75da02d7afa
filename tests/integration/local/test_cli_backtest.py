"""`gridla backtest --target carbon-intensity` as a user runs it, on the bundled real data."""

import json
import os
import subprocess
import sys

from tests.constants import DATA_DIR, REPO_ROOT

CARBON_2021 = DATA_DIR / "ldwp_hourly_2019_2021.csv.gz"
CARBON_2022_2023 = DATA_DIR / "ldwp_demand_carbon_2022_2023.csv.gz"


def gridla(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT), "OMP_NUM_THREADS": "1"}
    return subprocess.run(
        [sys.executable, "-c", "from lambdas.local.cli import main; main()", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        cwd=REPO_ROOT,
    )


def test_a_short_carbon_backtest_on_two_real_files_prints_the_figures():
    done = gridla(
        "backtest",
        "--target",
        "carbon-intensity",
        "--csv",
        str(CARBON_2021),
        "--csv",
        str(CARBON_2022_2023),
        "--start",
        "2022-01-03",
        "--end",
        "2022-01-06",
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert set(result["methods"]) == {"model", "persistence", "weekly_persistence"}
    for figures in result["methods"].values():
        assert set(figures) == {"mae", "rmse", "mape_pct"}
        assert figures["mae"] > 0
    assert result["n_forecasts"] == 3
    assert result["n_hours"] == 72  # three whole days, every hour known
    assert result["n_models"] == 1  # trained once, on the two months before the first issue
    assert 0 <= result["coverage_80"] <= 1
    assert result["mean_interval_width"] > 0
    assert result["cleanest_3h_days"] == 3
    assert result["cleanest_3h_regret"] >= 0
    for key in ("skill_vs_persistence", "cleanest_3h_saving_pct"):
        assert isinstance(result[key], float)


def test_an_unknown_target_is_refused():
    done = gridla("backtest", "--target", "wind", "--csv", str(CARBON_2022_2023))
    assert done.returncode != 0
    assert "carbon-intensity" in done.stderr


def test_the_solar_backtest_reads_one_file():
    done = gridla("backtest", "--csv", str(CARBON_2021), "--csv", str(CARBON_2022_2023))
    assert done.returncode != 0
    assert "one CSV" in done.stderr
