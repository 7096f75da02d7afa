"""The documented answers of each route: its success model and its ErrorBody answers."""

from typing import Any

from aws_lambda_powertools.event_handler.openapi.types import OpenAPIResponse

from lambdas.api.models import ErrorBody

_MEANING = {
    400: "the request is well-formed but cannot be served (e.g. start after end)",
    404: "nothing stored yet for this request, or no such resource",
    415: "the body is not JSON",
    422: "a parameter or the body does not match this schema",
}


def answers(
    model: Any,
    *error_codes: int,
    status: int = 200,
    description: str = "OK",
    csv: bool = False,
) -> dict[int, OpenAPIResponse]:
    """`status` with `model` (JSON, and CSV text when `csv`), plus ErrorBody for each code."""
    content: dict[str, Any] = {"application/json": {"model": model}}
    if csv:
        content["text/csv"] = {"schema": {"type": "string"}}
    documented: dict[int, OpenAPIResponse] = {
        status: {"description": description, "content": content}
    }
    for code in sorted({*error_codes, 422}):
        documented[code] = {
            "description": _MEANING[code],
            "content": {"application/json": {"model": ErrorBody}},
        }
    return documented
