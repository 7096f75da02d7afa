"""Result endpoints serve what the analyze, cluster and predict steps stored."""

from datetime import timedelta
from typing import Any

import httpx
import pandas as pd
import psycopg
import pytest

from lambdas.analyze.handler import handler as analyze
from lambdas.cluster.handler import handler as cluster
from lambdas.core.predictions import PredictedHour, PredictionIssue, upsert_predictions
from tests.events import LambdaContext, step_event


@pytest.fixture
def analysed(stored: pd.DataFrame) -> dict[str, Any]:
    """The real analyze and cluster steps run over the stored hours."""
    event = step_event("run-api", stored.index[-1].to_pydatetime())
    return {
        "analyze": analyze(event, LambdaContext()),
        "cluster": cluster(event, LambdaContext()),
    }


def test_trend_is_the_stored_result(api_url: str, analysed: dict[str, Any]) -> None:
    assert analysed["analyze"]["status"] == "ok"
    answer = httpx.get(f"{api_url}/analysis/trend", params={"range": "month"})
    assert answer.status_code == 200, answer.text
    trend = answer.json()
    assert trend["kind"] == "trend"
    assert trend["run_id"] == "run-api"
    assert trend["range"] == "month"
    assert trend["result"]


def test_seasonal_serves_decomposition_profile_and_distribution(
    api_url: str, analysed: dict[str, Any]
) -> None:
    answer = httpx.get(f"{api_url}/analysis/seasonal", params={"range": "week"})
    assert answer.status_code == 200, answer.text
    kinds = [result["kind"] for result in answer.json()]
    assert kinds == ["seasonal", "daily_profile", "distribution"]


def test_correlations_are_pairs_strongest_first(api_url: str, analysed: dict[str, Any]) -> None:
    answer = httpx.get(f"{api_url}/analysis/correlations", params={"range": "month"})
    assert answer.status_code == 200, answer.text
    pairs = answer.json()["pairs"]
    assert {pair["method"] for pair in pairs} == {"pearson", "spearman"}
    strengths = [abs(pair["coefficient"]) for pair in pairs]
    assert strengths == sorted(strengths, reverse=True)
    assert all(pair["n"] > 0 for pair in pairs)


def test_clustering_serves_clusters_and_anomalies(api_url: str, analysed: dict[str, Any]) -> None:
    assert analysed["cluster"]["status"] == "ok"
    answer = httpx.get(f"{api_url}/clustering", params={"range": "month"})
    assert answer.status_code == 200, answer.text
    assert [result["kind"] for result in answer.json()] == ["clustering", "anomalies"]
    week = httpx.get(f"{api_url}/clustering", params={"range": "week"}).json()
    assert [result["range"] for result in week] == ["month", "month"]
    status = httpx.get(f"{api_url}/status/latest").json()
    assert status["current_cluster"] is not None


def test_predictions_come_with_the_actuals(
    api_url: str, stored: pd.DataFrame, db: psycopg.Connection
) -> None:
    issued = stored.index[-30].to_pydatetime()  # a forecast whose first hours have happened
    issue = PredictionIssue("run-p", "US-CAL-LDWP", issued, "v-test", 0.8)
    hours = [
        PredictedHour(issued + timedelta(hours=h), h + 1, 100.0 + h, 80.0 + h, 120.0 + h)
        for h in range(24)
    ]
    upsert_predictions(db, issue, hours)
    answer = httpx.get(f"{api_url}/predictions", params={"history_hours": 24})
    assert answer.status_code == 200, answer.text
    forecast = answer.json()
    assert forecast["model_version"] == "v-test"
    assert len(forecast["predictions"]) == 24
    first = forecast["predictions"][0]
    assert (first["predicted_mw"], first["lower_mw"], first["upper_mw"]) == (100.0, 80.0, 120.0)
    assert first["actual_mw"] == stored["solar_mw"].iloc[-30]
    assert len(forecast["history"]) == 24
    assert forecast["history"][-1]["solar_mw"] == stored["solar_mw"].iloc[-31]


def test_past_forecasts_are_scored_against_actuals_and_persistence(
    api_url: str, stored: pd.DataFrame, db: psycopg.Connection
) -> None:
    solar = stored["solar_mw"]
    past = stored.index[-72].to_pydatetime()  # a forecast whose 24 hours have all been measured
    actuals = [float(solar.iloc[-72 + h]) for h in range(24)]
    upsert_predictions(
        db,
        PredictionIssue("run-old", "US-CAL-LDWP", past, "v-old", 0.8),
        [  # 10 MW too high every hour; the actual inside the interval every other hour
            PredictedHour(past + timedelta(hours=h), h + 1, actual + 10, actual - 5, actual + 5)
            if h % 2 == 0
            else PredictedHour(
                past + timedelta(hours=h), h + 1, actual + 10, actual + 1, actual + 20
            )
            for h, actual in enumerate(actuals)
        ],
    )
    newest = stored.index[-1].to_pydatetime() + timedelta(hours=1)
    upsert_predictions(
        db,
        PredictionIssue("run-new", "US-CAL-LDWP", newest, "v-new", 0.8),
        [PredictedHour(newest + timedelta(hours=h), h + 1, 1.0, 0.0, 2.0) for h in range(24)],
    )
    persistence = [abs(float(solar.iloc[-96 + h]) - actuals[h]) for h in range(24)]

    track = httpx.get(f"{api_url}/predictions").json()["track_record"]
    assert track["start"] == (newest - timedelta(days=28)).isoformat().replace("+00:00", "Z")
    assert (track["n_forecasts"], track["n_hours"]) == (24, 24)
    assert (track["n_replayed"], track["n_days"]) == (0, 1.0)
    assert track["mae_mw"] == pytest.approx(10.0)
    assert track["persistence_mae_mw"] == pytest.approx(sum(persistence) / 24)
    assert track["skill_vs_persistence"] == pytest.approx(1 - 10.0 / (sum(persistence) / 24))
    assert (track["coverage"], track["interval_level"]) == (0.5, 0.8)
    assert track["coverage_daylight"] is None  # stored without saying which hours are night

    recent = httpx.get(f"{api_url}/predictions", params={"track_days": 2}).json()["track_record"]
    assert recent["n_forecasts"] == 0  # the old forecast's hours lie 3 days back
    assert recent["mae_mw"] is None
    assert recent["skill_vs_persistence"] is None
    assert httpx.get(f"{api_url}/predictions", params={"track_days": 0}).status_code == 422


def test_no_forecast_yet_says_why(api_url: str, db: psycopg.Connection) -> None:
    answer = httpx.get(f"{api_url}/predictions")
    assert answer.status_code == 404
    assert "trigger-prediction" in answer.json()["message"]
