"""GET /runs and /runs/{run_id}: every pipeline execution, its input and outcome."""

from typing import Annotated

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.params import Path, Query
from aws_lambda_powertools.event_handler.router import APIGatewayRouter

from lambdas.api.models import Run, Runs
from lambdas.api.responses import answers
from lambdas.core.database import get_connection
from lambdas.core.errors import NotFound
from lambdas.core.runs import get_run, list_runs

router = APIGatewayRouter()
NO_CACHE = {"Cache-Control": "no-cache"}


@router.get("/runs", summary="The newest pipeline runs first", responses=answers(Runs))
def get_runs(
    limit: Annotated[int, Query(ge=1, le=200, description="how many runs")] = 20,
) -> Response[Runs]:
    runs = [Run.model_validate(row) for row in list_runs(get_connection(), limit=limit)]
    return Response(
        status_code=200, content_type="application/json", body=Runs(runs=runs), headers=NO_CACHE
    )


@router.get(
    "/runs/<run_id>",
    summary="One pipeline run",
    responses=answers(Run, 404),
)
def get_one_run(
    run_id: Annotated[str, Path(min_length=1, max_length=200)],
) -> Response[Run]:
    row = get_run(get_connection(), run_id)
    if row is None:
        raise NotFound(f"no run {run_id!r}; GET /runs lists them")
    return Response(
        status_code=200,
        content_type="application/json",
        body=Run.model_validate(row),
        headers=NO_CACHE,
    )
