"""Routes and ports from `geodata/`: load, validate at the boundary, and expose their aliases.

One loader serves the linker, the app and the exports. The checked features are kept as
GeoDataFrames (`Gazetteer.routes_frame`, `.ports_frame`, `Basemap.frame`); `Feature`s are light views
of their rows for the code that reads one feature at a time. Loading never raises on bad geodata:
each problem names the file, the feature and what was expected and found, and every feature that is
usable still loads. The checks are in `geocheck` (one feature) and `spatial` (against the base map).
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely

from . import corrections as corrections_file
from .errors import Problem
from .features import (
    ALIAS_FLAGS,
    PORT_KINDS,
    ROUTE_KINDS,
    STATUSES,
    Alias,
    Description,
    Feature,
    SenseRule,
    link_signature,
)
from .freshness import inputs_stamp
from .geocheck import LENGTH_TOLERANCE, CheckedFeature, FeatureChecker
from .geoload import CRS, FEATURE_FILES, read_feature_list, read_layer
from .linkset import LinkSet
from .senses import alias_problem, related_problems
from .spatial import spatial_problems
from .spelling import SpellingRules, load_spelling
from .textnorm import fold

# The feature model lives in `features` (no GIS imports); it is re-exported for the loader's callers.
__all__ = [
    "LENGTH_TOLERANCE",
    "PORT_KINDS",
    "ROUTE_KINDS",
    "STATUSES",
    "Alias",
    "Description",
    "Feature",
    "SenseRule",
    "link_signature",
    "load_gazetteer",
]


@dataclass(frozen=True)
class Country:
    iso_a2: str
    name: str
    rings: tuple[tuple[tuple[float, float], ...], ...]
    bbox: tuple[float, float, float, float]


@dataclass(frozen=True, eq=False)
class Basemap:
    countries: tuple[Country, ...]
    sea_labels: tuple[tuple[str, float, float], ...]
    frame: gpd.GeoDataFrame | None = None  # iso_a2, name, geometry: what the spatial checks join against

    def bbox_of(self, codes) -> tuple[float, float, float, float] | None:
        boxes = [c.bbox for c in self.countries if c.iso_a2 in codes]
        if not boxes:
            return None
        return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


@dataclass(kw_only=True)
class Gazetteer(LinkSet):
    """The whole geodata: the linking part (`LinkSet`) with the geometries and the base map to draw."""

    basemap: Basemap
    routes_frame: gpd.GeoDataFrame | None = field(default=None, repr=False)
    ports_frame: gpd.GeoDataFrame | None = field(default=None, repr=False)


# --- loading ------------------------------------------------------------------------------------


_BASEMAPS: dict[tuple[str, bytes], tuple[Basemap, tuple[Problem, ...]]] = {}


def _file_digest(path: Path) -> bytes:
    try:
        return hashlib.blake2b(path.read_bytes(), digest_size=16).digest()
    except OSError:
        return b""  # missing or unreadable: `read_layer` says which


def load_basemap(geodata_dir: Path, problems: list[Problem]) -> Basemap:
    """Country outlines and sea labels for the offline base map (see geodata/README.md). Parsed once
    per content: every reload and every copy of the geodata reads the same half-megabyte of outlines,
    which costs more than the routes and ports together."""
    folder = geodata_dir / "basemap"
    label = f"{geodata_dir.name}/basemap"
    key = (label, b"".join(_file_digest(folder / name) for name in ("countries.geojson", "seas.geojson")))
    if key not in _BASEMAPS:
        found: list[Problem] = []
        basemap = _read_basemap(folder, label, found)
        _BASEMAPS.clear()  # one base map in use at a time; a changed one replaces it
        _BASEMAPS[key] = (basemap, tuple(found))
    basemap, found = _BASEMAPS[key]
    problems.extend(found)
    return basemap


def _read_basemap(folder: Path, label: str, problems: list[Problem]) -> Basemap:
    frame = read_layer(
        folder / "countries.geojson",
        f"{label}/countries.geojson",
        problems,
        ("Polygon", "MultiPolygon"),
        ("iso_a2", "name"),
    )[["iso_a2", "name", "geometry"]]
    countries = []
    for iso_a2, name, geometry in frame.itertuples(index=False):
        polygons = geometry.geoms if geometry.geom_type == "MultiPolygon" else [geometry]
        rings = tuple(tuple(map(tuple, shapely.get_coordinates(polygon.exterior).tolist())) for polygon in polygons)
        countries.append(Country(str(iso_a2 or ""), str(name or ""), rings, geometry.bounds))
    labels: tuple = ()
    if (folder / "seas.geojson").exists():  # optional: water polygons are not needed, the sea is the background
        seas = read_layer(
            folder / "seas.geojson", f"{label}/seas.geojson", problems, ("Point", "Polygon", "MultiPolygon"), ("name",)
        )
        points = seas[(seas.geom_type == "Point") & seas["name"].notna()]
        labels = tuple(
            (str(name), point.x, point.y) for name, point in zip(points["name"], points.geometry, strict=True)
        )
    return Basemap(tuple(countries), labels, frame)


class _NameReader:
    """Reads a checked feature's aliases, sense rules and descriptions (the linker's view of it)."""

    def __init__(self, checker: FeatureChecker, props: dict) -> None:
        self.id = checker.id
        self.props = props
        self.problem = checker.problem

    def _aliases(self) -> tuple[Alias, ...]:
        value = self.props.get("aliases")
        if not isinstance(value, list) or not value:
            self.problem("'aliases' should be a non-empty list of names", fatal=False)
            return ()
        aliases = []
        for item in value:
            if isinstance(item, str) and item.strip():
                aliases.append(Alias(item.strip(), self.id))
            elif isinstance(item, dict) and isinstance(item.get("name"), str) and item["name"].strip():
                flags = {k: item.get(k, False) for k in ALIAS_FLAGS}
                if not all(isinstance(v, bool) for v in flags.values()):
                    self.problem(
                        f"alias {item['name']!r}: {'/'.join(ALIAS_FLAGS)} should be true or false", fatal=False
                    )
                    continue
                unless = item.get("unless")
                if unless is not None and not _valid_regex(unless):
                    self.problem(f"alias {item['name']!r}: 'unless' should be a valid regular expression", fatal=False)
                    continue
                aliases.append(Alias(item["name"].strip(), self.id, **flags, unless=unless))
            else:
                self.problem(f"alias {item!r} should be a name or an object with a 'name'", fatal=False)
        if any(a.ambiguous for a in aliases) and self._sense().empty:
            self.problem(
                "has ambiguous aliases but no 'sense' reject cues to tell the senses apart",
                fatal=False,
                severity="warning",
            )
        return tuple(aliases)

    def _sense(self) -> SenseRule:
        value = self.props.get("sense") or {}
        if not isinstance(value, dict):
            keys = ", ".join(f"'{f.name}'" for f in dataclasses.fields(SenseRule))
            self.problem(f"'sense' should be an object with {keys} lists", fatal=False)
            return SenseRule()
        lists = {}
        for key in (f.name for f in dataclasses.fields(SenseRule)):
            cues = value.get(key, [])
            if not isinstance(cues, list) or not all(isinstance(c, str) and c.strip() for c in cues):
                if key != "related":  # `related` names feature ids: reported by senses.related_problems
                    self.problem(f"'sense.{key}' should be a list of cue words", fatal=False)
                cues = []
            lists[key] = tuple(c.strip() for c in cues)
        return SenseRule(**lists)

    def _descriptions(self) -> tuple[Description, ...]:
        value = self.props.get("descriptions") or []
        result = []
        for item in value if isinstance(value, list) else [value]:
            try:
                re.compile(item["pattern"])
                re.compile(item.get("exclude") or "")
                re.compile(item.get("article") or "")
                label = str(item.get("label", item["anchor"]))
                result.append(
                    Description(
                        self.id,
                        str(item["anchor"]),
                        str(item["pattern"]),
                        label,
                        item.get("exclude"),
                        item.get("article"),
                    )
                )
            except (KeyError, TypeError, re.error) as exc:
                self.problem(
                    f"description {item!r} should have an 'anchor' and valid regexes 'pattern' (and 'exclude', 'article') ({exc})",
                    fatal=False,
                )
        return tuple(result)


def _frame(features: list[CheckedFeature]) -> gpd.GeoDataFrame:
    """One row per feature, one column per property (every property any feature has), each value as
    the file gives it (object columns: a year stays an int, a missing one None, not NaN)."""
    columns = list(dict.fromkeys(key for f in features for key in f.properties))
    rows = pd.DataFrame([[f.properties.get(key) for key in columns] for f in features], columns=columns, dtype=object)
    geometry = gpd.GeoSeries([f.geometry for f in features], crs=CRS)
    frame = gpd.GeoDataFrame(rows, geometry=geometry, crs=CRS)
    return frame.set_index(frame["id"].rename(None)) if columns else frame


def _with_variants(feature: Feature, spelling: SpellingRules, owner: dict[str, tuple[str, str]]) -> Feature:
    """The feature with its aliases' generated spellings (`spelling`) added after them, each with its
    alias's flags; a spelling that is already some feature's alias is left out."""
    listed, extra = [], []
    for alias in feature.aliases:
        if alias.case_sensitive:
            listed.append(alias)
            continue  # an acronym (КТК) does not decline
        listed.append(_with_endings(alias, spelling))
        for name in spelling.variants(alias.name, feature.countries, alias.stem):
            key = fold(name)
            if key not in owner and not alias_problem(name):
                owner[key] = (feature.id, feature.file)
                extra.append(_with_endings(dataclasses.replace(alias, name=name), spelling))
    return dataclasses.replace(feature, aliases=tuple(listed) + tuple(extra))


def _with_endings(alias: Alias, spelling: SpellingRules) -> Alias:
    """The alias with the case endings it may take written onto it (a stem takes every ending already)."""
    endings = () if alias.stem else spelling.endings(alias.name)
    return dataclasses.replace(alias, endings=endings) if endings else alias


def load_gazetteer(geodata_dir: Path) -> Gazetteer:
    """Load and validate `routes.geojson` and `ports.geojson` (plus the base map and the analysts'
    corrections, which name features by id)."""
    inputs = inputs_stamp(geodata_dir)
    problems: list[Problem] = []
    basemap = load_basemap(geodata_dir, problems)
    known_codes = {c.iso_a2 for c in basemap.countries if c.iso_a2}
    features: list[Feature] = []
    checked: dict[str, CheckedFeature] = {}
    seen_ids: dict[str, str] = {}
    alias_owner: dict[str, tuple[str, str]] = {}
    for filename in FEATURE_FILES:
        label = f"{geodata_dir.name}/{filename}"
        for index, raw in enumerate(read_feature_list(geodata_dir / filename, label, problems) or []):
            checker = FeatureChecker(label, raw, index, basemap.bbox_of, problems)
            result = checker.check()
            if result is None:
                continue
            unknown = [c for c in result.properties["countries"] if known_codes and c not in known_codes]
            if unknown:
                checker.problem(f"unknown country code(s) {', '.join(unknown)} (not in the base map)", fatal=False)
            names = _NameReader(checker, result.properties)
            feature = Feature(
                id=result.id,
                name=result.properties["name"],
                kind=result.properties["kind"],
                status=result.properties["status"],
                countries=tuple(result.properties["countries"]),
                geometry_type=result.geometry.geom_type,
                lines=result.lines,
                properties=result.properties,
                aliases=names._aliases(),
                sense=names._sense(),
                descriptions=names._descriptions(),
                file=label,
            )
            if feature.id in seen_ids:
                problems.append(
                    Problem(
                        label,
                        f"feature '{feature.id}': id is used twice (first in {seen_ids[feature.id]}); second one skipped",
                    )
                )
                continue
            seen_ids[feature.id] = label
            kept = []
            for alias in feature.aliases:
                unusable = alias_problem(alias.name)
                if unusable:
                    problems.append(Problem(label, f"feature '{feature.id}': alias {alias.name!r} {unusable}; dropped"))
                    continue
                key = fold(alias.name)
                owner = alias_owner.get(key)
                if owner and owner[0] != feature.id:
                    problems.append(
                        Problem(
                            label,
                            f"feature '{feature.id}': alias {alias.name!r} already belongs to '{owner[0]}'; dropped here",
                        )
                    )
                    continue
                alias_owner[key] = (feature.id, label)
                kept.append(alias)
            if len(kept) != len(feature.aliases):
                feature = Feature(**{**feature.__dict__, "aliases": tuple(kept)})
            features.append(feature)
            checked[feature.id] = result
    spelling = load_spelling(geodata_dir)
    problems += spelling.problems
    features = [_with_variants(f, spelling, alias_owner) for f in features]
    routes = _frame([checked[f.id] for f in features if f.is_route])
    ports = _frame([checked[f.id] for f in features if not f.is_route])
    problems += spatial_problems(routes, ports, basemap.frame, {f.id: f.file for f in features})
    problems += [Problem(f.file, f"feature '{f.id}': {message}") for f, message in related_problems(features)]
    corrections = corrections_file.load(geodata_dir)
    problems += corrections.problems + corrections.unknown_features(seen_ids)
    return Gazetteer(
        features=features,
        problems=problems,
        corrections=corrections,
        inputs=inputs,
        geodata=geodata_dir,
        basemap=basemap,
        routes_frame=routes,
        ports_frame=ports,
    )


def _valid_regex(value: object) -> bool:
    if not isinstance(value, str) or not value:
        return False
    try:
        re.compile(value)
    except re.error:
        return False
    return True
