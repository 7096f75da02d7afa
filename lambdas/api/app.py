"""The one API resolver: routes, validation, CORS, error answers, OpenAPI and Swagger UI."""

import json
from pathlib import Path
from typing import Any

from aws_lambda_powertools.event_handler import APIGatewayRestResolver, CORSConfig, Response
from aws_lambda_powertools.event_handler.openapi.exceptions import RequestValidationError

from lambdas.api.routes import (
    analysis,
    carbon,
    measurements,
    predictions,
    runs,
    status,
    triggers,
)
from lambdas.core.errors import (
    DatabaseUnavailable,
    GridlaError,
    InvalidInput,
    NotFound,
    SettingsError,
)
from lambdas.core.observability import logger
from lambdas.core.settings import get_settings

TITLE = "ElectricityMaps LA Analysis API"
# What a client waits before retrying while the database is down: an RDS Multi-AZ failover
# takes 60-120 s, and the dashboard refreshes on its own, so a few polls span one.
RETRY_AFTER_SECONDS = 30
VERSION = "1.0.0"
DESCRIPTION = (
    "The Los Angeles grid (Electricity Maps zone US-CAL-LDWP): hourly measurements, grid status,"
    " the 24-hour solar and carbon-intensity forecasts, the cleanest hours to use electricity,"
    " analysis results and pipeline runs. Times are UTC (ISO 8601);"
    " power in MW, carbon intensity in gCO2eq/kWh; null means unknown."
)

app = APIGatewayRestResolver(
    enable_validation=True,
    cors=CORSConfig(allow_origin=get_settings().cors_allow_origin, max_age=600),
)
for module in (measurements, status, predictions, carbon, analysis, runs, triggers):
    app.include_router(module.router)


def resolve(event: dict[str, Any], context: Any) -> dict[str, Any]:
    """Answer one API Gateway proxy event (the Lambda handler and `gridla serve` both call this).

    A body that is not JSON is refused here: Powertools' validation would fail on it with an
    unhandled error (a 500) before any of our handlers ran.
    """
    headers = {key.lower(): value for key, value in (event.get("headers") or {}).items()}
    kind = headers.get("content-type", "")
    if event.get("body") and kind and "json" not in kind.split(";")[0].lower():
        message = f"send the body as application/json, not {kind}"
        return {
            "statusCode": 415,
            "headers": {"Content-Type": "application/json", "Cache-Control": "no-store"},
            "body": json.dumps({"error": "unsupported_media_type", "message": message}),
            "isBase64Encoded": False,
        }
    return app.resolve(event, context)


def error(
    status_code: int, code: str, message: str, headers: dict[str, str] | None = None
) -> Response[Any]:
    return Response(
        status_code=status_code,
        content_type="application/json",
        body={"error": code, "message": message},
        headers={"Cache-Control": "no-store", **(headers or {})},
    )


def openapi_document() -> str:
    """The OpenAPI 3.1 document of every route (docs/openapi.json is its committed copy)."""
    return app.get_openapi_json_schema(title=TITLE, version=VERSION, description=DESCRIPTION)


@app.get("/openapi.json", include_in_schema=False)
def openapi_json() -> Response[str]:
    return Response(status_code=200, content_type="application/json", body=openapi_document())


@app.get("/docs", include_in_schema=False)
def docs_page() -> Response[str]:
    """Swagger UI over the document, self-contained (no CDN).

    Not `app.enable_swagger`: it imports Powertools' OpenAPI models (a third of a cold import)
    when the module loads, for a page few requests ask for.
    """
    from aws_lambda_powertools.event_handler.openapi import swagger_ui

    assets = Path(swagger_ui.__file__).parent
    page = swagger_ui.generate_swagger_html(
        openapi_document().replace("</", "<\\/"),  # the spec sits inside a <script>
        (assets / "swagger-ui-bundle.min.js").read_text(encoding="utf-8"),
        (assets / "swagger-ui.min.css").read_text(encoding="utf-8"),
        swagger_base_url="",
        oauth2_config=None,
    )
    return Response(status_code=200, content_type="text/html", body=page)


@app.exception_handler(RequestValidationError)
def invalid_request(exc: RequestValidationError) -> Response[Any]:
    problems = "; ".join(
        f"{'.'.join(str(part) for part in problem['loc'])}: {problem['msg']}"
        for problem in exc.errors()
    )
    return error(422, "invalid_request", problems)


@app.exception_handler(InvalidInput)
def invalid_input(exc: InvalidInput) -> Response[Any]:
    return error(400, "invalid_input", str(exc))


@app.exception_handler(NotFound)
def not_found(exc: NotFound) -> Response[Any]:
    return error(404, "not_found", str(exc))


@app.not_found
def no_route(exc: Exception) -> Response[Any]:
    """404 for a path with no endpoint; 405 naming the methods a known path takes."""
    event = app.current_event
    allowed = declared_methods(event.path)
    if allowed:
        return error(
            405,
            "method_not_allowed",
            f"{event.path} takes {', '.join(allowed)}, not {event.http_method}; see /docs",
            {"Allow": ", ".join(allowed)},
        )
    return error(404, "no_such_path", f"no endpoint {event.http_method} {event.path}; see /docs")


def declared_methods(path: str) -> list[str]:
    """The methods the resolver routes for `path` (none: no such path), with OPTIONS, which
    the CORS preflight answers everywhere.

    Read from the resolver's route table (Powertools is pinned), so it cannot drift from it.
    """
    routes = app._static_routes + app._dynamic_routes
    methods = {route.method for route in routes if route.rule.match(path)}
    return sorted({*methods, "OPTIONS"}) if methods else []


@app.exception_handler(SettingsError)
def not_configured(exc: SettingsError) -> Response[Any]:
    logger.error("not configured", reason=str(exc))
    return error(503, "not_configured", str(exc))


@app.exception_handler(DatabaseUnavailable)
def database_down(exc: GridlaError) -> Response[Any]:
    logger.error("database unavailable", reason=str(exc))
    return error(
        503,
        "database_unavailable",
        f"the database cannot be reached; retry in {RETRY_AFTER_SECONDS} s",
        {"Retry-After": str(RETRY_AFTER_SECONDS)},
    )
