"""Lambda entry of the ingest step: parse the execution input, run the service, publish metrics."""

import uuid
from datetime import UTC, datetime
from typing import Any

from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.utilities.typing import LambdaContext

from lambdas.core.database import get_connection
from lambdas.core.observability import logger, metrics, tracer
from lambdas.core.pipeline_input import parse_pipeline_input
from lambdas.core.settings import get_settings
from lambdas.core.step_event import StepEvent
from lambdas.ingest import service
from lambdas.ingest.client import client_from_settings


def publish_metrics(output: StepEvent, now: datetime) -> None:
    """One metric per outcome, and the data age the freshness alarm watches."""
    metrics.add_dimension(name="zone", value=output.zone)
    metrics.add_metric(name="RowsWritten", unit=MetricUnit.Count, value=output.rows_written)
    metrics.add_metric(name="RowsRejected", unit=MetricUnit.Count, value=output.rows_rejected)
    metrics.add_metric(name="GapCount", unit=MetricUnit.Count, value=len(output.gaps))
    if output.latest_datetime is not None:
        age = (now - output.latest_datetime).total_seconds()
        metrics.add_metric(name="DataAgeSeconds", unit=MetricUnit.Seconds, value=max(age, 0.0))


@metrics.log_metrics
@tracer.capture_lambda_handler
@logger.inject_lambda_context(clear_state=True)
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    """Ingest; returns the step event (docs/architecture.md), `steps` only when the input had it."""
    request = parse_pipeline_input(event)
    run_id = request.run_id or f"ingest-{uuid.uuid4()}"
    logger.append_keys(run_id=run_id)
    settings = get_settings()
    conn = get_connection()
    now = datetime.now(UTC)
    with client_from_settings(settings) as client:
        output = service.run(
            request,
            conn=conn,
            client=client,
            default_zone=settings.zone,
            history_days=settings.history_days,
            now=now,
            run_id=run_id,
        )
    publish_metrics(output, now)
    logger.info(
        "ingest done",
        rows_written=output.rows_written,
        rows_rejected=output.rows_rejected,
        gaps=len(output.gaps),
    )
    return output.to_event()
