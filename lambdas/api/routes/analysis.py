"""GET /analysis/{trend,seasonal,correlations} and /clustering: the newest stored results."""

from typing import Annotated, Any, Literal

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.params import Query
from aws_lambda_powertools.event_handler.router import APIGatewayRouter

from lambdas.api.models import AnalysisResult, CorrelationPair, Correlations
from lambdas.api.responses import answers
from lambdas.core.database import get_connection
from lambdas.core.errors import NotFound
from lambdas.core.results import latest_correlations, latest_result
from lambdas.core.settings import get_settings
from lambdas.core.time_range import Window

router = APIGatewayRouter()
AnalysisRange = Literal["week", "month", "year"]
RangeQuery = Annotated[AnalysisRange, Query(description="week, month or year")]
CACHE = {"Cache-Control": "public, max-age=300"}


def stored(kind: str, range_name: AnalysisRange) -> AnalysisResult:
    row = latest_result(get_connection(), get_settings().zone, kind, range_name)
    if row is None:
        raise NotFound(
            f"no {kind} result for range {range_name} yet: run the pipeline"
            " (POST /trigger-analysis) once enough data is stored"
        )
    return to_model(row, range_name)


def to_model(row: dict[str, Any], range_name: AnalysisRange) -> AnalysisResult:
    return AnalysisResult(
        kind=row["kind"],
        zone=row["zone"],
        run_id=row["run_id"],
        range=range_name,
        window=Window(start=row["range_start"], end=row["range_end"]),
        parameters=row["parameters"],
        result=row["result"],
        created_at=row["created_at"],
    )


def answer(body: Any) -> Response[Any]:
    return Response(status_code=200, content_type="application/json", body=body, headers=CACHE)


@router.get(
    "/analysis/trend",
    summary="Trend of load, solar, wind and carbon",
    responses=answers(AnalysisResult, 404),
)
def get_trend(range: RangeQuery = "month") -> Response[AnalysisResult]:
    return answer(stored("trend", range))


@router.get(
    "/analysis/seasonal",
    summary="Seasonal decomposition and the daily profile by local hour",
    responses=answers(list[AnalysisResult], 404),
)
def get_seasonal(range: RangeQuery = "month") -> Response[list[AnalysisResult]]:
    results = [
        to_model(row, range)
        for kind in ("seasonal", "daily_profile", "distribution")
        if (row := latest_result(get_connection(), get_settings().zone, kind, range))
    ]
    if not results:
        raise NotFound(f"no seasonal result for range {range} yet: run the pipeline")
    return answer(results)


@router.get(
    "/analysis/correlations",
    summary="Pearson and Spearman correlations between the known series",
    responses=answers(Correlations, 404),
)
def get_correlations(range: RangeQuery = "month") -> Response[Correlations]:
    rows = latest_correlations(get_connection(), get_settings().zone, range)
    if not rows:
        raise NotFound(f"no correlations for range {range} yet: run the pipeline")
    first = rows[0]
    return answer(
        Correlations(
            zone=get_settings().zone,
            run_id=first["run_id"],
            range=range,
            window=Window(start=first["range_start"], end=first["range_end"]),
            pairs=[CorrelationPair.model_validate(row) for row in rows],
        )
    )


@router.get(
    "/clustering",
    summary="Daily load-profile clusters and anomalies",
    description="Clustering needs 14 complete days, so `range=week` answers the month's"
    " clustering (its `range` says so), which covers that week.",
    compress=True,
    responses=answers(list[AnalysisResult], 404),
)
def get_clustering(range: RangeQuery = "month") -> Response[list[AnalysisResult]]:
    served: AnalysisRange = "month" if range == "week" else range
    results = [
        to_model(row, served)
        for kind in ("clustering", "anomalies")
        if (row := latest_result(get_connection(), get_settings().zone, kind, served))
    ]
    if not results:
        raise NotFound(f"no clustering for range {served} yet: run the pipeline")
    return answer(results)
