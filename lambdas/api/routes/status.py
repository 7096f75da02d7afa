"""GET /status/latest: the newest hour of the grid, its freshness, and the last run."""

from datetime import UTC, datetime, timedelta
from typing import Any

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.router import APIGatewayRouter

from lambdas.api.models import LatestStatus, RunBrief, SourceMix
from lambdas.api.responses import answers
from lambdas.core.database import get_connection
from lambdas.core.errors import NotFound
from lambdas.core.measurements import (
    ESTIMATION_COLUMNS,
    NUMERIC_COLUMNS,
    latest_measurement_at,
    read_measurements,
)
from lambdas.core.results import latest_result
from lambdas.core.runs import list_runs
from lambdas.core.settings import get_settings

router = APIGatewayRouter()
STALE_AFTER = timedelta(hours=3)
# Every stored intensity comes from Electricity Maps' API (life-cycle factors in
# `carbon_intensity`).
CARBON_SOURCE = "Electricity Maps"
SOURCES = {
    column: column.removesuffix("_mw").replace("_", " ")
    for column in NUMERIC_COLUMNS
    if column.endswith("_mw")
}


def percent(part: float, whole: float | None) -> float | None:
    return None if not whole or whole <= 0 else round(100 * part / whole, 2)


def net_import(row: dict[str, Any]) -> float | None:
    """Imports minus exports (MW), only when both are known."""
    imported, exported = row["power_import_total"], row["power_export_total"]
    return None if imported is None or exported is None else imported - exported


def generation_mix(row: dict[str, Any]) -> list[SourceMix]:
    """Known sources, largest first.

    Shares are of the zone's total production and of its load, each only when that total is
    known: with most sources unknown, a share of the known ones alone would mislead.
    """
    known = {
        name: float(row[column]) for column, name in SOURCES.items() if row[column] is not None
    }
    return [
        SourceMix(
            source=name,
            mw=mw,
            share_percent=percent(mw, row["power_production_total"]),
            share_of_load_percent=percent(mw, row["power_consumption_total"]),
        )
        for name, mw in sorted(known.items(), key=lambda item: -item[1])
    ]


@router.get(
    "/status/latest",
    summary="The newest stored hour: mix, load, carbon, freshness, today's cluster, last run",
    responses=answers(LatestStatus, 404),
)
def get_latest_status() -> Response[LatestStatus]:
    conn = get_connection()
    zone = get_settings().zone
    latest = latest_measurement_at(conn, zone)
    if latest is None:
        raise NotFound(f"no measurement of {zone} stored yet: run the ingest step")
    columns = (*NUMERIC_COLUMNS, *ESTIMATION_COLUMNS)
    row = read_measurements(conn, zone, latest, latest + timedelta(hours=1), columns)[0]
    age = datetime.now(UTC) - (latest + timedelta(hours=1))
    clustering = latest_result(conn, zone, "clustering")
    runs = list_runs(conn, limit=1)
    status = LatestStatus(
        zone=zone,
        datetime=latest,
        data_age_hours=round(max(age.total_seconds(), 0) / 3600, 2),
        stale=age > STALE_AFTER,
        load_mw=row["power_consumption_total"],
        carbon_intensity=row["carbon_intensity"],
        carbon_intensity_direct=row["carbon_intensity_direct"],
        carbon_intensity_source=CARBON_SOURCE if row["carbon_intensity"] is not None else None,
        renewable_percentage=row["renewable_percentage"],
        fossil_free_percentage=row["fossil_free_percentage"],
        import_mw=row["power_import_total"],
        export_mw=row["power_export_total"],
        net_import_mw=net_import(row),
        is_estimated=row["is_estimated"],
        generation_mix=generation_mix(row),
        unknown_fields=[column for column in NUMERIC_COLUMNS if row[column] is None],
        current_cluster=(clustering or {}).get("result", {}).get("current_day"),
        last_run=RunBrief.model_validate(runs[0]) if runs else None,
    )
    return Response(
        status_code=200,
        content_type="application/json",
        body=status,
        headers={"Cache-Control": "public, max-age=60"},
    )
