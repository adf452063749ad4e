"""Reading `geodata/`: the route and port files as parsed GeoJSON, the base map as GeoDataFrames.

The base map is read by GDAL (pyogrio). Routes and ports are parsed with `json` first, because their
problems must be reported exactly: GDAL skips members that are not Features without a word, turns
`"opened": "2006"` into 2006.0 and dates into timestamps, and reports bad JSON without naming the
feature; the checked features become GeoDataFrames in `gazetteer.load_gazetteer`.
"""

from __future__ import annotations

import json
from pathlib import Path

import geopandas as gpd
import pyogrio
from pyogrio.errors import DataSourceError

from .errors import Problem

CRS = "EPSG:4326"
FEATURE_FILES = ("routes.geojson", "ports.geojson")


def read_json(path: Path, label: str, problems: list[Problem]):
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        problems.append(Problem(label, "file not found"))
        return None
    except OSError as exc:
        problems.append(Problem(label, f"cannot be read: {exc.strerror or exc}"))
        return None
    try:
        return json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        problems.append(Problem(label, f"is not UTF-8 text ({exc.reason} at byte {exc.start})"))
    except json.JSONDecodeError as exc:
        problems.append(Problem(label, f"is not valid JSON: {exc.msg} (column {exc.colno})", line=exc.lineno))
    return None


def read_feature_list(path: Path, label: str, problems: list[Problem]) -> list | None:
    """The `features` of a GeoJSON FeatureCollection, each still as parsed JSON."""
    data = read_json(path, label, problems)
    if data is None:
        return None
    if (
        not isinstance(data, dict)
        or data.get("type") != "FeatureCollection"
        or not isinstance(data.get("features"), list)
    ):
        found = data.get("type") if isinstance(data, dict) else type(data).__name__
        problems.append(Problem(label, f"should be a GeoJSON FeatureCollection, got {found!r}"))
        return None
    return data["features"]


def read_layer(
    path: Path, label: str, problems: list[Problem], geometry_types: tuple[str, ...], columns: tuple[str, ...]
) -> gpd.GeoDataFrame:
    """A base-map file read by GDAL, with `columns` (a property missing from the file is reported and
    left empty); rows of another geometry type are reported and left out, and a file left with no
    rows says so: the map is then drawn without it."""
    expected = f"a GeoJSON FeatureCollection of {' or '.join(geometry_types)} features with {', '.join(columns)}"
    empty = gpd.GeoDataFrame({c: [] for c in columns}, geometry=gpd.GeoSeries([], crs=CRS), crs=CRS)
    if not path.exists():
        problems.append(Problem(label, "file not found"))
        return empty
    try:
        frame = pyogrio.read_dataframe(path) if path.stat().st_size else None
    except (DataSourceError, OSError) as exc:
        problems.append(Problem(label, f"cannot be read as GeoJSON ({_first_clause(exc, path)}); expected {expected}"))
        return empty
    if frame is None:
        problems.append(Problem(label, f"is empty; expected {expected}"))
        return empty
    frame = frame.set_crs(CRS, allow_override=True)
    wrong = ~frame.geom_type.isin(geometry_types)
    for position, found in frame.geom_type[wrong].items():
        problems.append(
            Problem(
                label,
                f"feature #{position + 1}: should be {' or '.join(geometry_types)}, got {found or 'no geometry'}; skipped",
                severity="warning",
            )
        )
    frame = frame[~wrong].reset_index(drop=True)
    if frame.empty:
        problems.append(Problem(label, f"has no {' or '.join(geometry_types)} features; expected {expected}"))
        return empty
    for column in columns:
        if column not in frame:
            problems.append(Problem(label, f"no feature has the property {column!r}; expected {expected}"))
            frame[column] = None
    return frame


def _first_clause(exc: Exception, path: Path) -> str:
    """GDAL's reason without the path (the label names the file) or its advice on drivers."""
    return str(exc).replace(f"'{path}' ", "").replace(str(path), "").split(";")[0].strip().rstrip(".")
