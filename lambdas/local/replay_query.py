"""The replay's query parameters, read as the current API reads them, or the 4xx it answers.

The zone comes as `zone`, `zoneKey`, or `lat`/`lon` inside a known zone's area;
`emissionFactorType` is `lifecycle` (the default) or `direct`; `temporalGranularity` may only
be `hourly` (the replayed data is hourly); `disableEstimations=true` leaves estimated hours out.
"""

from collections.abc import Mapping
from dataclasses import dataclass

from lambdas.local.replay_data import TEMPORAL_GRANULARITY, EmissionFactorType

EMISSION_FACTOR_TYPES: tuple[EmissionFactorType, ...] = ("lifecycle", "direct")


@dataclass(frozen=True)
class Area:
    """A zone's extent for `lat`/`lon` lookups: degrees north and east (west is negative)."""

    south: float
    north: float
    west: float
    east: float

    def contains(self, lat: float, lon: float) -> bool:
        return self.south <= lat <= self.north and self.west <= lon <= self.east


# Los Angeles (LADWP's service area and its surroundings).
ZONE_AREAS = {"US-CAL-LDWP": Area(south=33.7, north=34.4, west=-118.7, east=-118.1)}


@dataclass(frozen=True)
class Request:
    """A data request's parsed query: which zone, factor type and whether estimates count."""

    zone: str
    factor: EmissionFactorType
    with_estimated: bool


class QueryRefused(Exception):
    """The answer the API gives to a query it cannot serve: an HTTP status and why."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status, self.message = status, message


def _zone_at(lat_text: str | None, lon_text: str | None) -> str:
    if lat_text is None and lon_text is None:
        raise QueryRefused(400, "Parameter zone (or lat and lon) is required")
    try:
        lat, lon = float(lat_text or ""), float(lon_text or "")
    except ValueError:
        raise QueryRefused(400, "Parameters lat and lon must both be numbers") from None
    zone = next((z for z, area in ZONE_AREAS.items() if area.contains(lat, lon)), None)
    if zone is None:
        raise QueryRefused(404, f"No zone found at lat {lat}, lon {lon}")
    return zone


def parse_request(query: Mapping[str, str], served_zone: str) -> Request:
    """The query's zone, factor and estimation choice; QueryRefused with the API's 400/404."""
    zone = query.get("zone") or query.get("zoneKey") or _zone_at(query.get("lat"), query.get("lon"))
    if zone != served_zone:
        raise QueryRefused(404, f"Zone '{zone}' does not exist or has no data")
    factor = query.get("emissionFactorType", "lifecycle")
    if factor not in EMISSION_FACTOR_TYPES:
        raise QueryRefused(400, "Parameter emissionFactorType must be lifecycle or direct")
    granularity = query.get("temporalGranularity", TEMPORAL_GRANULARITY)
    if granularity != TEMPORAL_GRANULARITY:
        raise QueryRefused(400, f"Only hourly data is replayed, not {granularity!r}")
    disable = query.get("disableEstimations", "false").lower()
    if disable not in ("true", "false"):
        raise QueryRefused(400, "Parameter disableEstimations must be true or false")
    return Request(zone, "direct" if factor == "direct" else "lifecycle", disable == "false")
