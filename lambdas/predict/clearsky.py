"""Clear-sky irradiance per hour for a zone's solar fleet (pvlib Ineichen, fully offline)."""

from dataclasses import dataclass

import numpy as np
import pandas as pd

from lambdas.core.errors import InvalidInput

# Sub-hour sample offsets (minutes): an hour's value is the mean of four quarter-hour midpoints,
# so dawn and dusk hours get the part of the hour the sun is up, not a point value.
_SAMPLE_MINUTES = (7.5, 22.5, 37.5, 52.5)


@dataclass(frozen=True)
class Site:
    """Where a zone's irradiance is computed: degrees north/east, metres above sea level."""

    latitude: float
    longitude: float
    altitude_m: float


# Los Angeles (34.05 N, 118.24 W), as the issue fixes it for US-CAL-LDWP.
SITES: dict[str, Site] = {"US-CAL-LDWP": Site(34.05, -118.24, 89.0)}


def site_of(zone: str) -> Site:
    """The site of `zone`, or InvalidInput when no location is known for it."""
    try:
        return SITES[zone]
    except KeyError:
        raise InvalidInput(f"no solar site is known for zone {zone!r}") from None


def clear_sky_ghi(index: pd.DatetimeIndex, site: Site) -> np.ndarray:
    """Mean clear-sky global horizontal irradiance over each hour starting at `index` [W/m^2].

    `index` holds UTC hour starts. Ineichen model with pvlib's bundled Linke turbidity
    climatology; 0 when the sun stays below the horizon for the whole hour.
    """
    from pvlib.location import Location

    if len(index) == 0:
        return np.zeros(0)
    location = Location(site.latitude, site.longitude, tz="UTC", altitude=site.altitude_m)
    samples = [index + pd.Timedelta(minutes=m) for m in _SAMPLE_MINUTES]
    times = samples[0].append(samples[1:])
    ghi = location.get_clearsky(times, model="ineichen")["ghi"].to_numpy(dtype="float64")
    hourly: np.ndarray = np.clip(ghi, 0.0, None).reshape(len(_SAMPLE_MINUTES), len(index))
    mean: np.ndarray = hourly.mean(axis=0)
    return mean
