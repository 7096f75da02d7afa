"""The workflow's own steps: validate the execution input first, record the run last.

One image, two functions: CMD `lambdas.control.handler.validate` or `...summarize`.
"""

from typing import Any

from aws_lambda_powertools.utilities.typing import LambdaContext

from lambdas.control.summary import RunReport, run
from lambdas.core.observability import logger, tracer
from lambdas.core.pipeline_input import parse_pipeline_input


@logger.inject_lambda_context(log_event=True)
def validate(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    """Refuse a bad execution input (InvalidInput, its message says what to fix) before any work."""
    parsed = parse_pipeline_input(event)
    return parsed.model_dump(mode="json", exclude_none=True)


@logger.inject_lambda_context(log_event=False)
@tracer.capture_lambda_handler
def summarize(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    report = RunReport.model_validate(event)
    logger.append_keys(run_id=report.run_id)
    outcome = run(report)
    logger.info("run recorded", status=outcome.status)
    return outcome.model_dump(mode="json")
