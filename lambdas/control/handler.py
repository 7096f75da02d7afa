"""Last state of the pipeline: record the run and tell the state machine how it ended."""

from typing import Any

from aws_lambda_powertools.utilities.typing import LambdaContext

from lambdas.core.observability import logger, tracer
from lambdas.summarize.service import RunReport, run


@logger.inject_lambda_context(log_event=False)
@tracer.capture_lambda_handler
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    report = RunReport.model_validate(event)
    logger.append_keys(run_id=report.run_id)
    outcome = run(report)
    logger.info("run recorded", status=outcome.status)
    return outcome.model_dump(mode="json")
