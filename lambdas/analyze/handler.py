"""Lambda entry of the analyze step: the ingest event in, the step's outcome out."""

from typing import Any

from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.utilities.typing import LambdaContext

from lambdas.analyze.service import run
from lambdas.core.database import get_connection
from lambdas.core.observability import logger, metrics, tracer
from lambdas.core.step_event import parse_step_event


@logger.inject_lambda_context(log_event=True)
@tracer.capture_lambda_handler
@metrics.log_metrics
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    step_event = parse_step_event(event)
    logger.append_keys(run_id=step_event.run_id, zone=step_event.zone)
    outcome = run(get_connection(), step_event)
    metrics.add_metric(
        name="AnalysisResultsWritten", unit=MetricUnit.Count, value=outcome.results_written
    )
    logger.info("analyze done", status=outcome.status, reason=outcome.reason)
    return outcome.model_dump(mode="json")
