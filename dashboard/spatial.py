"""Checks only a GIS can do: which countries each route crosses and each port lies in, by spatial
join with the base map's country polygons, compared with the features' declared `countries`.

The base map is Natural Earth 1:10m simplified to about 1 km, so small misses are tolerated and
measured on the ellipsoid: a route may clip a neighbour for up to `ROUTE_TOLERANCE_KM` (border
crossings, rivers on the border), a subsea line may land up to `NEAR_KM` short of a declared
country, and a port may stand up to `NEAR_KM` off the drawn coast or outside its country's polygon.
"""

from __future__ import annotations

import geopandas as gpd
import shapely

from .errors import Problem
from .geodesy import distance_km, line_length_km

ROUTE_TOLERANCE_KM = 3.0
NEAR_KM = 3.0
INLAND_KINDS = ("dry port",)  # the only kind of port that need not be on the coast
COAST_SEARCH_DEG = 1.0  # coast is looked for among the countries this close to a port


def spatial_problems(
    routes: gpd.GeoDataFrame, ports: gpd.GeoDataFrame, countries: gpd.GeoDataFrame | None, files: dict[str, str]
) -> list[Problem]:
    """`files` maps each feature id to the file it came from (for the message)."""
    if countries is None or countries.empty:
        return []
    countries = countries[countries["iso_a2"].notna() & (countries["iso_a2"] != "")]
    problems = []
    for fid, message in [*_route_countries(routes, countries), *_port_places(ports, countries)]:
        problems.append(Problem(files[fid], f"feature '{fid}': {message}"))
    return problems


def _km_inside(geometry, country) -> float:
    part = geometry.intersection(country)
    return sum(line_length_km(line.coords) for line in getattr(part, "geoms", [part]) if line.geom_type == "LineString")


def _gap_km(geometry, country) -> float:
    """Geodesic distance between the nearest points of the two shapes (0 when they touch)."""
    if geometry.intersects(country):
        return 0.0
    a, b = shapely.ops.nearest_points(geometry, country)
    return distance_km((a.x, a.y), (b.x, b.y))


def _route_countries(routes: gpd.GeoDataFrame, countries: gpd.GeoDataFrame):
    if routes.empty:
        return
    shapes = dict(zip(countries["iso_a2"], countries.geometry, strict=True))
    crossed = gpd.sjoin(routes[["geometry"]], countries[["iso_a2", "geometry"]], predicate="intersects")
    for fid, route in routes.iterrows():
        declared = list(route["countries"])
        for code in crossed.loc[crossed.index == fid, "iso_a2"]:
            km = _km_inside(route.geometry, shapes[code]) if code not in declared else 0.0
            if km > ROUTE_TOLERANCE_KM:
                yield fid, f"the line crosses {code}, which is not in countries ({km:,.0f} km of the line)"
        for code in declared:
            if code in shapes and _gap_km(route.geometry, shapes[code]) > NEAR_KM:
                gap = _gap_km(route.geometry, shapes[code])
                yield (
                    fid,
                    f"countries lists {code}, but the line never comes within {NEAR_KM:g} km of it ({gap:,.0f} km)",
                )


def _port_places(ports: gpd.GeoDataFrame, countries: gpd.GeoDataFrame):
    if ports.empty:
        return
    inside = gpd.sjoin(ports[["geometry"]], countries[["iso_a2", "geometry"]], predicate="within")
    inside = inside[~inside.index.duplicated()]["iso_a2"]
    for fid, port in ports.iterrows():
        point, declared = port.geometry, list(port["countries"])
        code, gap = (inside[fid], 0.0) if fid in inside.index else _nearest_country(point, countries)
        if gap > NEAR_KM:
            yield fid, f"the point lies {gap:,.0f} km off the coast, at sea"
        elif code not in declared:
            yield fid, f"the point lies in {code}, which is not in countries"
        elif port["kind"] not in INLAND_KINDS and (inland := _inland_km(point, countries)) > NEAR_KM:
            yield fid, f"a {port['kind']} should be on the coast, but the point lies {inland:,.0f} km inland"


def _nearest_country(point, countries: gpd.GeoDataFrame) -> tuple[str | None, float]:
    """For a point at sea: the nearest country and how far its coast is (geodesic)."""
    near = countries[countries.intersects(point.buffer(COAST_SEARCH_DEG))]
    gaps = {code: _gap_km(point, shape) for code, shape in zip(near["iso_a2"], near.geometry, strict=True)}
    if not gaps:
        return None, float("inf")
    code = min(gaps, key=gaps.get)
    return code, gaps[code]


def _inland_km(point, countries: gpd.GeoDataFrame) -> float:
    """Distance to the nearest coast (the edge of the land, not a border between two countries)."""
    around = point.buffer(COAST_SEARCH_DEG)
    land = shapely.union_all(countries.geometry[countries.intersects(around)].intersection(around))
    if not land.contains(point):
        return 0.0
    coast = land.boundary.difference(around.exterior.buffer(1e-9))
    if coast.is_empty:
        return float("inf")
    a, b = shapely.ops.nearest_points(coast, point)
    return distance_km((a.x, a.y), (b.x, b.y))
