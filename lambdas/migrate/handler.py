"""Apply the database migrations; CDK runs this function as a Trigger on every deploy."""

from typing import Any

from aws_lambda_powertools.utilities.typing import LambdaContext

from lambdas.core.database import connect
from lambdas.core.observability import logger
from lambdas.core.schema import migrate


@logger.inject_lambda_context(log_event=False)
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    with connect() as conn:
        applied = migrate(conn)
    return {"applied": applied}
