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


def read_layer(path: Path, label: str, problems: list[Problem], geometry_types: tuple[str, ...]) -> gpd.GeoDataFrame:
    """A base-map file read by GDAL; rows of another geometry type are reported and left out."""
    empty = gpd.GeoDataFrame({"name": []}, geometry=gpd.GeoSeries([], crs=CRS), crs=CRS)
    if not path.exists():
        problems.append(Problem(label, "file not found"))
        return empty
    try:
        frame = pyogrio.read_dataframe(path)
    except DataSourceError as exc:
        problems.append(Problem(label, f"cannot be read as GeoJSON: {exc}"))
        return empty
    frame = frame.set_crs(CRS, allow_override=True)
    wrong = ~frame.geom_type.isin(geometry_types)
    for position in frame.index[wrong]:
        problems.append(
            Problem(
                label, f"feature #{position + 1}: should be {' or '.join(geometry_types)}; skipped", severity="warning"
            )
        )
    return frame[~wrong].reset_index(drop=True)
