"""Distances on the WGS 84 ellipsoid (pyproj `Geod`): route lengths, tolerances and points along a
route are geodesic, never planar degrees (a degree of longitude is 111 km at the equator, 79 km at
Baku's latitude)."""

from __future__ import annotations

import itertools
import math

from pyproj import Geod

WGS84 = Geod(ellps="WGS84")


def line_length_km(line) -> float:
    """Geodesic length of a sequence of (lon, lat) positions."""
    lons, lats = zip(*line, strict=True)
    return WGS84.line_length(lons, lats) / 1000


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    return WGS84.inv(a[0], a[1], b[0], b[1])[2] / 1000


def densify(line, step_km: float) -> list[tuple[float, float]]:
    """Points at most `step_km` apart along a line, following the geodesic between vertices (as the
    map draws it), vertices included."""
    points = [(line[0][0], line[0][1])]
    for a, b in itertools.pairwise(line):
        parts = max(1, math.ceil(distance_km(a, b) / step_km))
        if parts > 1:
            inner = WGS84.npts(a[0], a[1], b[0], b[1], parts - 1)
            points.extend((round(lon, 5), round(lat, 5)) for lon, lat in inner)
        points.append((b[0], b[1]))
    return points
