"""POST /trigger-*: start a pipeline execution and answer 202 with its run id."""

from typing import Annotated, Any

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.params import Body
from aws_lambda_powertools.event_handler.router import APIGatewayRouter

from lambdas.api.executions import start_execution
from lambdas.api.models import Started
from lambdas.api.responses import answers
from lambdas.core.pipeline_input import PipelineInput

router = APIGatewayRouter()
ACCEPTED = answers(
    Started, 400, 415, status=202, description="the execution started; follow it at /runs/{run_id}"
)


def started(run_input: dict[str, Any]) -> Response[Started]:
    run_input = {**run_input, "trigger": "api"}
    run_id = start_execution(run_input)
    return Response(
        status_code=202,
        content_type="application/json",
        body=Started(run_id=run_id, input=run_input),
        headers={"Location": f"/runs/{run_id}", "Cache-Control": "no-store"},
    )


@router.post(
    "/trigger-ingestion",
    summary="Run the pipeline with this input (e.g. a backfill window)",
    status_code=202,
    responses=ACCEPTED,
)
def trigger_ingestion(
    body: Annotated[PipelineInput, Body(description="an execution input; {} is a normal run")],
) -> Response[Started]:
    body.window()  # a malformed or reversed window answers 400 now, not in the workflow
    return started(body.model_dump(mode="json", exclude_none=True))


def _trigger_step(step: str) -> Response[Started]:
    return started({"steps": [step]})


@router.post(
    "/trigger-analysis", summary="Ingest, then analyze only", status_code=202, responses=ACCEPTED
)
def trigger_analysis() -> Response[Started]:
    return _trigger_step("analyze")


@router.post(
    "/trigger-prediction", summary="Ingest, then predict only", status_code=202, responses=ACCEPTED
)
def trigger_prediction() -> Response[Started]:
    return _trigger_step("predict")


@router.post(
    "/trigger-clustering", summary="Ingest, then cluster only", status_code=202, responses=ACCEPTED
)
def trigger_clustering() -> Response[Started]:
    return _trigger_step("cluster")
