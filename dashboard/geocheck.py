"""Checks of one route or port: properties against `dashboard/schema.json` (jsonschema), geometry
against its kind, coordinates against its countries' region, legs and published length.

Each problem names the file, the feature and what was expected and found. A problem with a property
the dashboard cannot do without (the schema's `x-drops-feature`) or with the geometry leaves the
feature out; anything else is reported and the feature still loads.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache

import jsonschema
import shapely

from .errors import Problem
from .features import PORT_KINDS, ROUTE_KINDS, SCHEMA
from .geodesy import line_length_km

_PROPERTIES = SCHEMA["properties"]
LEG_MODES = tuple(_PROPERTIES["legs"]["items"]["properties"]["mode"]["enum"])
LENGTH_TOLERANCE = 0.15
# Used only when the base map is missing: the whole area the dashboard covers.
FALLBACK_REGION = (5.0, 20.0, 130.0, 60.0)
REGION_MARGIN_DEG = 1.5


@dataclass(frozen=True)
class CheckedFeature:
    """A feature whose id, required properties and geometry are usable."""

    id: str
    properties: dict
    geometry: shapely.Geometry
    lines: tuple[tuple[tuple[float, float], ...], ...]  # for a Point: one line of one vertex


def _inside(box, positions) -> list[bool]:
    west, south, east, north = box
    m = REGION_MARGIN_DEG
    return [west - m <= lon <= east + m and south - m <= lat <= north + m for lon, lat in positions]


@cache
def _validator() -> jsonschema.protocols.Validator:
    cls = jsonschema.validators.validator_for(SCHEMA)
    return cls(SCHEMA, format_checker=cls.FORMAT_CHECKER)


def schema_problems(props: dict) -> list[tuple[str, bool]]:
    """(message, drops the feature) for each property that breaks the schema, one per property."""
    found: dict[tuple, tuple[str, bool]] = {}
    for error in _validator().iter_errors(props):
        if error.validator == "required" and not error.path:
            continue  # told once per property below, with the schema's advice
        path, node = _message_node(error)
        key = path[0] if path else None
        drops = key in SCHEMA["x-drops-feature"]
        value = props
        for step in path:
            value = value[step]
        found.setdefault(tuple(path), (f"{_where(path)} should be {_expected(node)}, got {value!r}", drops))
    for key in SCHEMA["required"]:
        if key not in props:
            advice = _PROPERTIES[key].get("x-missing")
            message = f"missing property '{key}' ({advice})" if advice else f"missing required property '{key}'"
            found[(key,)] = (message, key in SCHEMA["x-drops-feature"])
    return list(found.values())


def _message_node(error) -> tuple[list, dict]:
    """The deepest schema node on the error's way that says what it expects, and its place in the data."""
    node, best, path, best_path = SCHEMA, SCHEMA, [], []
    instance_path = list(error.absolute_path)
    steps = list(error.absolute_schema_path)
    while steps:
        step = steps.pop(0)
        if step == "properties" and steps:
            node = node["properties"][steps.pop(0)]
            path.append(instance_path[len(path)])
        elif step == "items":
            node = node["items"]
            path.append(instance_path[len(path)])
        else:
            break
        if "x-message" in node or "enum" in node:
            best, best_path = node, list(path)
    return best_path, best


def _expected(node: dict) -> str:
    return node.get("x-message") or "one of " + ", ".join(node["enum"])


def _where(path: list) -> str:
    """`'countries'`, `leg 2: 'mode'`, `source 1`."""
    parts, parent = [], None
    for step in path:
        if isinstance(step, int):
            parts.append(f"{str(parent).removesuffix('s')} {step + 1}")
            parts[-2:-1] = []  # "leg 2" replaces "'legs'"
        else:
            parts.append(f"'{step}'")
        parent = step
    return ": ".join(parts)


class FeatureChecker:
    """Checks one raw GeoJSON feature; collects problems and returns a `CheckedFeature` if usable."""

    def __init__(self, label: str, raw, index: int, region, problems: list[Problem]) -> None:
        self.label = label
        self.raw = raw
        self.region = region  # (codes -> bbox or None)
        self.problems = problems
        self.fatal = False
        props = raw.get("properties") if isinstance(raw, dict) else None
        self.props = props if isinstance(props, dict) else {}
        fid = self.props.get("id", raw.get("id") if isinstance(raw, dict) else None)
        self.id = fid if isinstance(fid, str) and fid else None
        self.where = f"feature '{self.id}'" if self.id else f"feature #{index + 1}"

    def problem(self, message: str, fatal: bool = True, severity: str = "error") -> None:
        self.problems.append(Problem(self.label, f"{self.where}: {message}", severity=severity))
        self.fatal = self.fatal or fatal

    def check(self) -> CheckedFeature | None:
        if not isinstance(self.raw, dict) or self.raw.get("type") != "Feature":
            found = self.raw.get("type") if isinstance(self.raw, dict) else type(self.raw).__name__
            self.problem(f"should be a GeoJSON Feature, got {found!r}")
            return None
        if self.id is None:
            self.problem("has no 'id' property")
            return None
        props = {"id": self.id, **self.props}
        if "id" in self.raw and self.raw["id"] != self.id:
            self.problem(f"Feature id {self.raw['id']!r} differs from properties.id {self.id!r}", fatal=False)
        for message, drops in schema_problems(props):
            self.problem(message, fatal=drops)
        kind = props.get("kind")
        lines, geometry = self._geometry(kind)
        if self.fatal or lines is None:
            return None
        self._region(lines, tuple(props["countries"]))
        if kind in ROUTE_KINDS:
            self._legs(geometry, lines)
            self._length(lines)
        return None if self.fatal else CheckedFeature(self.id, props, geometry, lines)

    def _geometry(self, kind):
        geometry = self.raw.get("geometry")
        if not isinstance(geometry, dict) or "type" not in geometry:
            self.problem("has no geometry")
            return None, None
        gtype = geometry["type"]
        expected = ("LineString", "MultiLineString") if kind in ROUTE_KINDS else ("Point",)
        if kind in ROUTE_KINDS + PORT_KINDS and gtype not in expected:
            self.problem(f"should be {' or '.join(expected)} (kind {kind!r}), got {gtype}")
            return None, None
        coords = geometry.get("coordinates")
        try:
            if gtype == "Point":
                lines = ((self._position(coords),),)
            elif gtype == "LineString":
                lines = (tuple(self._position(p) for p in coords),)
            elif gtype == "MultiLineString":
                lines = tuple(tuple(self._position(p) for p in line) for line in coords)
            else:
                self.problem(f"geometry type {gtype} is not supported")
                return None, None
        except (TypeError, ValueError) as exc:
            self.problem(f"bad coordinates: {exc}")
            return None, None
        if not lines or any(not line for line in lines):
            self.problem("geometry has no coordinates")
            return None, None
        if gtype != "Point":
            for number, line in enumerate(lines, 1):
                if len(set(line)) < 2:
                    part = f" (line {number})" if len(lines) > 1 else ""
                    self.problem(f"a line needs at least two distinct positions{part}")
                    return None, None
        shape = (
            shapely.Point(lines[0][0])
            if gtype == "Point"
            else shapely.LineString(lines[0])
            if gtype == "LineString"
            else shapely.MultiLineString(lines)
        )
        if not shape.is_valid:
            self.problem(f"geometry is not valid: {shapely.is_valid_reason(shape)}")
            return None, None
        return lines, shape

    @staticmethod
    def _position(value) -> tuple[float, float]:
        if not isinstance(value, (list, tuple)) or len(value) < 2:
            raise ValueError(f"a position should be [lon, lat], got {value!r}")
        lon, lat = value[0], value[1]
        if not all(isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v) for v in (lon, lat)):
            raise ValueError(f"a position should hold two finite numbers, got {value!r}")
        if not (-180 <= lon <= 180 and -90 <= lat <= 90):
            raise ValueError(f"position {value!r} is outside [-180..180, -90..90]")
        return (float(lon), float(lat))

    def _region(self, lines, countries) -> None:
        """Swapped or far-off coordinates; which countries the feature is in is `spatial`'s job."""
        box = self.region(countries)
        region = "the region of " + ", ".join(countries) if box else "the region"
        positions = [position for line in lines for position in line]
        inside = _inside(box or FALLBACK_REGION, positions)
        if box and sum(_inside(box, [(lat, lon) for lon, lat in positions])) > sum(inside):
            lon, lat = positions[inside.index(False)]
            south, north = box[1] - REGION_MARGIN_DEG, box[3] + REGION_MARGIN_DEG
            culprit = f"lat {lat:g}" if not south <= lat <= north else f"lon {lon:g}"
            self.problem(f"coordinates look swapped ({culprit} is outside {region}); GeoJSON wants [lon, lat]")
        elif not box and not all(inside):
            lon, lat = positions[inside.index(False)]
            self.problem(f"{inside.count(False)} position(s) lie outside {region}, e.g. [{lon:g}, {lat:g}]")

    def _legs(self, geometry, lines) -> None:
        legs = self.props.get("legs")
        if geometry.geom_type == "MultiLineString" and legs is None:
            self.problem("a MultiLineString route needs 'legs' (name and mode of each line)", fatal=False)
        if isinstance(legs, list) and len(legs) != len(lines):
            self.problem(f"'legs' should have one entry per line ({len(lines)}), got {len(legs)}", fatal=False)

    def _length(self, lines) -> None:
        published = self.props.get("length_km")
        if not isinstance(published, (int, float)) or isinstance(published, bool) or published <= 0:
            return  # null, or already reported by the schema
        drawn = sum(line_length_km(line) for line in lines)
        if abs(drawn - published) > LENGTH_TOLERANCE * published:
            self.problem(
                f"drawn length {drawn:,.0f} km is not within {LENGTH_TOLERANCE:.0%} of length_km {published:,.0f}",
                fatal=False,
                severity="warning",
            )
