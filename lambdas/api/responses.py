"""The documented answers of each route: its success model and its ErrorBody answers."""

from typing import Any

from aws_lambda_powertools.event_handler.openapi.types import (
    OpenAPIResponse,
    OpenAPIResponseHeader,
)

from lambdas.api.models import ErrorBody

_MEANING = {
    400: "the request is well-formed but cannot be served (e.g. start after end)",
    404: "nothing stored yet for this request, or no such resource",
    415: "the body is not JSON",
    422: "a parameter or the body does not match this schema",
    503: "the database cannot be reached (a restart or failover): retry after Retry-After seconds",
}
_RETRY_AFTER: dict[str, OpenAPIResponseHeader] = {
    "Retry-After": {"description": "seconds to wait before retrying", "schema": {"type": "integer"}}
}


def answers(
    model: Any,
    *error_codes: int,
    status: int = 200,
    description: str = "OK",
    csv: bool = False,
) -> dict[int, OpenAPIResponse]:
    """`status` with `model` (JSON, and CSV text when `csv`), plus ErrorBody for each code.

    Every route may answer 422 (validation) and 503 (database down, with Retry-After).
    """
    content: dict[str, Any] = {"application/json": {"model": model}}
    if csv:
        content["text/csv"] = {"schema": {"type": "string"}}
    documented: dict[int, OpenAPIResponse] = {
        status: {"description": description, "content": content}
    }
    for code in sorted({*error_codes, 422, 503}):
        documented[code] = {
            "description": _MEANING[code],
            "content": {"application/json": {"model": ErrorBody}},
        }
        if code == 503:
            documented[code]["headers"] = _RETRY_AFTER
    return documented
