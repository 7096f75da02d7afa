"""Lambda entry of the predict step: the ingest event in, the step's outcome out."""

from datetime import UTC, datetime
from typing import Any

from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.utilities.typing import LambdaContext

from lambdas.core.database import get_connection
from lambdas.core.observability import logger, metrics, tracer
from lambdas.core.settings import get_settings
from lambdas.core.step_event import parse_step_event
from lambdas.predict.service import run
from lambdas.predict.store import model_store


@logger.inject_lambda_context(log_event=True)
@tracer.capture_lambda_handler
@metrics.log_metrics
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    step_event = parse_step_event(event)
    logger.append_keys(run_id=step_event.run_id, zone=step_event.zone)
    conn = get_connection()
    store = model_store(conn, get_settings().model_bucket)
    outcome = run(conn, step_event, store, now=datetime.now(UTC))
    metrics.add_metric(
        name="PredictionsWritten", unit=MetricUnit.Count, value=outcome.hours_predicted
    )
    metrics.add_metric(name="ModelsTrained", unit=MetricUnit.Count, value=int(outcome.trained))
    logger.info("predict done", status=outcome.status, reason=outcome.reason)
    return outcome.model_dump(mode="json")
