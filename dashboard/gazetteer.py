"""Routes and ports from `geodata/`: load, validate at the boundary, and expose their aliases.

One loader serves the linker, the app and the exports. It never raises on bad geodata: each problem
names the file, the feature and what was expected and found, and every feature that is usable still
loads.
"""

from __future__ import annotations

import itertools
import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

from .errors import Problem
from .textnorm import fold

ROUTE_KINDS = ("corridor", "oil pipeline", "gas pipeline", "railway", "cable")
PORT_KINDS = ("port", "terminal", "dry port")
STATUSES = ("operating", "under construction", "proposed", "partly operating", "shelved", "idle")
LEG_MODES = ("rail", "sea", "road", "pipeline", "cable")
FEATURE_FILES = ("routes.geojson", "ports.geojson")
LENGTH_TOLERANCE = 0.15
EARTH_RADIUS_KM = 6371.0088
# Used only when the base map is missing: the whole area the dashboard covers.
FALLBACK_REGION = (5.0, 20.0, 130.0, 60.0)
REGION_MARGIN_DEG = 1.5
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Alias:
    name: str
    feature_id: str
    case_sensitive: bool = False
    ambiguous: bool = False
    stem: bool = False


@dataclass(frozen=True)
class Description:
    """A way of naming a feature without an alias: an anchor word plus a pattern over its sentence."""

    feature_id: str
    anchor: str
    pattern: str
    label: str
    exclude: str | None = None  # a match containing this is about something else


@dataclass(frozen=True)
class SenseRule:
    """How to tell an ambiguous alias's feature sense from its other senses (see SCHEMA.md)."""

    reject: tuple[str, ...] = ()  # in the sentence, and no `confirm` cue: another sense
    confirm: tuple[str, ...] = ()
    before: tuple[str, ...] = ()  # right before the alias ("signed in Aktau"): another sense
    after: tuple[str, ...] = ()  # right after the alias ("the Aktau crash"): another sense

    @property
    def empty(self) -> bool:
        return not (self.reject or self.before or self.after)


@dataclass(frozen=True, eq=False)  # identity: features are cached per object, never compared
class Feature:
    id: str
    name: str
    kind: str
    status: str
    countries: tuple[str, ...]
    geometry_type: str
    lines: tuple[tuple[tuple[float, float], ...], ...]  # for a Point: one line of one vertex
    properties: dict = field(hash=False, compare=False)
    aliases: tuple[Alias, ...] = ()
    sense: SenseRule = SenseRule()
    descriptions: tuple[Description, ...] = ()
    file: str = ""

    @property
    def is_route(self) -> bool:
        return self.kind in ROUTE_KINDS

    @property
    def point(self) -> tuple[float, float]:
        return self.lines[0][0]

    @property
    def legs(self) -> tuple[dict, ...]:
        legs = self.properties.get("legs") or ()
        if len(legs) == len(self.lines):
            return tuple(legs)
        mode = "pipeline" if "pipeline" in self.kind else "rail" if self.kind == "railway" else self.kind
        return tuple({"name": self.name, "mode": mode} for _ in self.lines)

    @property
    def drawn_length_km(self) -> float:
        return sum(line_length_km(line) for line in self.lines)

    def get(self, key: str, default=None):
        return self.properties.get(key, default)


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

    def bbox_of(self, codes) -> tuple[float, float, float, float] | None:
        boxes = [c.bbox for c in self.countries if c.iso_a2 in codes]
        if not boxes:
            return None
        return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


@dataclass
class Gazetteer:
    features: list[Feature]
    problems: list[Problem]
    basemap: Basemap

    def __post_init__(self) -> None:
        self.by_id = {f.id: f for f in self.features}

    @property
    def aliases(self) -> list[Alias]:
        return [alias for feature in self.features for alias in feature.aliases]

    @property
    def routes(self) -> list[Feature]:
        return [f for f in self.features if f.is_route]

    @property
    def ports(self) -> list[Feature]:
        return [f for f in self.features if not f.is_route]

    def alias_signature(self) -> str:
        """Changes whenever anything the linker uses changes (aliases, senses, descriptions)."""
        payload = [
            (f.id, [a.__dict__ for a in f.aliases], f.sense.__dict__, [d.__dict__ for d in f.descriptions])
            for f in sorted(self.features, key=lambda f: f.id)
        ]
        return json.dumps(payload, sort_keys=True, ensure_ascii=False)


# --- geometry helpers ---------------------------------------------------------------------------


def haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lon1, lat1, lon2, lat2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def line_length_km(line) -> float:
    return sum(haversine_km(line[i], line[i + 1]) for i in range(len(line) - 1))


def densify(line, step_km: float) -> list[tuple[float, float]]:
    """Points every `step_km` along a line (great-circle interpolation), vertices included."""
    points = [tuple(line[0])]
    for a, b in itertools.pairwise(line):
        distance = haversine_km(a, b)
        parts = max(1, math.ceil(distance / step_km))
        for k in range(1, parts + 1):
            points.append(_interpolate(a, b, k / parts))
    return points


def _interpolate(a, b, t: float) -> tuple[float, float]:
    lon1, lat1, lon2, lat2 = map(math.radians, (*a, *b))
    d = 2 * math.asin(
        min(
            1.0,
            math.sqrt(
                math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
            ),
        )
    )
    if d == 0:
        return (a[0], a[1])
    f1, f2 = math.sin((1 - t) * d) / math.sin(d), math.sin(t * d) / math.sin(d)
    x = f1 * math.cos(lat1) * math.cos(lon1) + f2 * math.cos(lat2) * math.cos(lon2)
    y = f1 * math.cos(lat1) * math.sin(lon1) + f2 * math.cos(lat2) * math.sin(lon2)
    z = f1 * math.sin(lat1) + f2 * math.sin(lat2)
    return (round(math.degrees(math.atan2(y, x)), 5), round(math.degrees(math.atan2(z, math.hypot(x, y))), 5))


# --- loading ------------------------------------------------------------------------------------


def _read_json(path: Path, label: str, problems: list[Problem]):
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


def _rings_of(geometry) -> list[list[tuple[float, float]]]:
    if geometry["type"] == "Polygon":
        polygons = [geometry["coordinates"]]
    elif geometry["type"] == "MultiPolygon":
        polygons = geometry["coordinates"]
    else:
        return []
    return [[(float(x), float(y)) for x, y, *_ in ring] for polygon in polygons for ring in polygon[:1]]


def load_basemap(geodata_dir: Path, problems: list[Problem]) -> Basemap:
    """Country outlines and sea labels for the offline base map (see geodata/README.md)."""
    label = f"{geodata_dir.name}/basemap/countries.geojson"
    data = _read_json(geodata_dir / "basemap" / "countries.geojson", label, problems)
    countries: list[Country] = []
    for index, item in enumerate((data or {}).get("features", []) if isinstance(data, dict) else []):
        try:
            rings = _rings_of(item["geometry"])
            props = item.get("properties") or {}
            xs = [x for ring in rings for x, _ in ring]
            ys = [y for ring in rings for _, y in ring]
            countries.append(
                Country(
                    str(props.get("iso_a2", "")),
                    str(props.get("name", "")),
                    tuple(tuple(r) for r in rings),
                    (min(xs), min(ys), max(xs), max(ys)),
                )
            )
        except (KeyError, TypeError, ValueError):
            problems.append(Problem(label, f"feature #{index + 1}: not a Polygon or MultiPolygon country; skipped"))
    seas_label = f"{geodata_dir.name}/basemap/seas.geojson"
    seas = (
        _read_json(geodata_dir / "basemap" / "seas.geojson", seas_label, problems)
        if (geodata_dir / "basemap" / "seas.geojson").exists()
        else None
    )
    labels = []
    for item in (seas or {}).get("features", []) if isinstance(seas, dict) else []:
        try:
            geometry, props = item["geometry"], item.get("properties") or {}
            if geometry["type"] == "Point":  # water polygons are not needed: the sea is the background
                x, y = geometry["coordinates"][:2]
                labels.append((str(props["name"]), float(x), float(y)))
        except (KeyError, TypeError, ValueError):
            problems.append(
                Problem(seas_label, "a sea feature is neither a named Point nor a Polygon; skipped", severity="warning")
            )
    return Basemap(tuple(countries), tuple(labels))


class _FeatureChecker:
    """Checks one raw GeoJSON feature; collects problems and builds a `Feature` if it is usable."""

    def __init__(self, label: str, raw, index: int, basemap: Basemap, problems: list[Problem]) -> None:
        self.label = label
        self.raw = raw
        self.basemap = basemap
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

    def check(self) -> Feature | None:
        if not isinstance(self.raw, dict) or self.raw.get("type") != "Feature":
            found = self.raw.get("type") if isinstance(self.raw, dict) else type(self.raw).__name__
            self.problem(f"should be a GeoJSON Feature, got {found!r}")
            return None
        if self.id is None:
            self.problem("has no 'id' property")
            return None
        if not ID_PATTERN.match(self.id):
            self.problem(f"id should be lower-case letters, digits and hyphens, got {self.id!r}")
        if "id" in self.raw and self.raw["id"] != self.id:
            self.problem(f"Feature id {self.raw['id']!r} differs from properties.id {self.id!r}", fatal=False)
        kind = self._required("kind", str, choices=ROUTE_KINDS + PORT_KINDS)
        name = self._required("name", str)
        status = self._required("status", str, choices=STATUSES)
        countries = self._countries()
        self._required("description", str)
        self._required("last_reviewed", str)
        self._sources()
        for key, types in (
            ("capacity", (str, type(None))),
            ("operator", (str, type(None))),
            ("opened", (int, type(None))),
        ):
            if key not in self.props:
                self.problem(f"missing property '{key}' (use null when unknown)", fatal=False)
            elif not isinstance(self.props[key], types) or isinstance(self.props[key], bool):
                self.problem(
                    f"'{key}' should be {' or '.join(t.__name__ for t in types).replace('NoneType', 'null')}, got {self.props[key]!r}",
                    fatal=False,
                )
        lines, geometry_type = self._geometry(kind)
        if self.fatal or lines is None:
            return None
        self._region(lines, countries)
        feature = Feature(
            id=self.id,
            name=name,
            kind=kind,
            status=status,
            countries=countries,
            geometry_type=geometry_type,
            lines=lines,
            properties=self.props,
            aliases=self._aliases(),
            sense=self._sense(),
            descriptions=self._descriptions(),
            file=self.label,
        )
        if feature.is_route:
            self._legs(feature)
            self._length(feature)
        return None if self.fatal else feature

    def _required(self, key: str, kind: type, choices: tuple[str, ...] | None = None):
        value = self.props.get(key)
        if value is None:
            self.problem(f"missing required property '{key}'")
        elif not isinstance(value, kind):
            self.problem(f"'{key}' should be a {kind.__name__}, got {value!r}")
        elif choices and value not in choices:
            self.problem(f"'{key}' should be one of {', '.join(choices)}; got {value!r}")
        return value

    def _countries(self) -> tuple[str, ...]:
        value = self.props.get("countries")
        if (
            not isinstance(value, list)
            or not value
            or not all(isinstance(c, str) and re.fullmatch(r"[A-Z]{2}", c) for c in value)
        ):
            self.problem(f"'countries' should be a non-empty list of ISO 3166 alpha-2 codes, got {value!r}")
            return ()
        known = {c.iso_a2 for c in self.basemap.countries}
        unknown = [c for c in value if known and c not in known]
        if unknown:
            self.problem(f"unknown country code(s) {', '.join(unknown)} (not in the base map)", fatal=False)
        return tuple(value)

    def _sources(self) -> None:
        value = self.props.get("sources")
        ok = (
            isinstance(value, list)
            and value
            and all(
                isinstance(s, dict) and isinstance(s.get("title"), str) and isinstance(s.get("url"), str) for s in value
            )
        )
        if not ok:
            self.problem(
                f"'sources' should be a non-empty list of {{title, url}} citations, got {value!r}", fatal=False
            )

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
        self._validity(gtype, lines)
        return lines, gtype

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

    def _validity(self, gtype: str, lines) -> None:
        import shapely
        from shapely.validation import explain_validity

        if gtype != "Point":
            for number, line in enumerate(lines, 1):
                if len(set(line)) < 2:
                    part = f" (line {number})" if len(lines) > 1 else ""
                    self.problem(f"a line needs at least two distinct positions{part}")
                    return
        geometry = shapely.geometry.shape(
            {
                "type": gtype,
                "coordinates": lines[0][0] if gtype == "Point" else lines[0] if gtype == "LineString" else lines,
            }
        )
        if not geometry.is_valid:
            self.problem(f"geometry is not valid: {explain_validity(geometry)}")

    def _region(self, lines, countries) -> None:
        box = self.basemap.bbox_of(countries) or FALLBACK_REGION
        region = "the region of " + ", ".join(countries) if self.basemap.bbox_of(countries) else "the region"
        west, south, east, north = (
            box[0] - REGION_MARGIN_DEG,
            box[1] - REGION_MARGIN_DEG,
            box[2] + REGION_MARGIN_DEG,
            box[3] + REGION_MARGIN_DEG,
        )

        def inside(lon, lat):
            return west <= lon <= east and south <= lat <= north

        outside = [(lon, lat) for line in lines for lon, lat in line if not inside(lon, lat)]
        if not outside:
            return
        lon, lat = outside[0]
        if inside(lat, lon):
            culprit = f"lat {lat:g}" if not south <= lat <= north else f"lon {lon:g}"
            self.problem(f"coordinates look swapped ({culprit} is outside {region}); GeoJSON wants [lon, lat]")
        else:
            self.problem(f"{len(outside)} position(s) lie outside {region}, e.g. [{lon:g}, {lat:g}]")

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
                flags = {k: item.get(k, False) for k in ("case_sensitive", "ambiguous", "stem")}
                if not all(isinstance(v, bool) for v in flags.values()):
                    self.problem(
                        f"alias {item['name']!r}: case_sensitive/ambiguous/stem should be true or false", fatal=False
                    )
                    continue
                aliases.append(Alias(item["name"].strip(), self.id, **flags))
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
            self.problem(
                "'sense' should be an object with 'reject', 'confirm', 'before' and 'after' lists", fatal=False
            )
            return SenseRule()
        lists = {}
        for key in ("reject", "confirm", "before", "after"):
            cues = value.get(key, [])
            if not isinstance(cues, list) or not all(isinstance(c, str) and c.strip() for c in cues):
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
                label = str(item.get("label", item["anchor"]))
                result.append(
                    Description(self.id, str(item["anchor"]), str(item["pattern"]), label, item.get("exclude"))
                )
            except (KeyError, TypeError, re.error) as exc:
                self.problem(
                    f"description {item!r} should have an 'anchor' and valid regexes 'pattern' (and 'exclude') ({exc})",
                    fatal=False,
                )
        return tuple(result)

    def _legs(self, feature: Feature) -> None:
        legs = self.props.get("legs")
        if feature.geometry_type == "MultiLineString" and legs is None:
            self.problem("a MultiLineString route needs 'legs' (name and mode of each line)", fatal=False)
        if legs is None:
            return
        if not isinstance(legs, list) or len(legs) != len(feature.lines):
            found = len(legs) if isinstance(legs, list) else type(legs).__name__
            self.problem(f"'legs' should have one entry per line ({len(feature.lines)}), got {found}", fatal=False)
            return
        for number, leg in enumerate(legs, 1):
            if not isinstance(leg, dict) or leg.get("mode") not in LEG_MODES:
                self.problem(f"leg {number}: 'mode' should be one of {', '.join(LEG_MODES)}, got {leg!r}", fatal=False)

    def _length(self, feature: Feature) -> None:
        published = self.props.get("length_km")
        if published is None:
            return
        if not isinstance(published, (int, float)) or isinstance(published, bool) or published <= 0:
            self.problem(f"'length_km' should be a positive number or null, got {published!r}", fatal=False)
            return
        drawn = feature.drawn_length_km
        if abs(drawn - published) > LENGTH_TOLERANCE * published:
            self.problem(
                f"drawn length {drawn:,.0f} km is not within {LENGTH_TOLERANCE:.0%} of length_km {published:,.0f}",
                fatal=False,
                severity="warning",
            )


def load_gazetteer(geodata_dir: Path) -> Gazetteer:
    """Load and validate `routes.geojson` and `ports.geojson` (plus the base map)."""
    problems: list[Problem] = []
    basemap = load_basemap(geodata_dir, problems)
    features: list[Feature] = []
    seen_ids: dict[str, str] = {}
    alias_owner: dict[str, tuple[str, str]] = {}
    for filename in FEATURE_FILES:
        label = f"{geodata_dir.name}/{filename}"
        data = _read_json(geodata_dir / filename, label, problems)
        if data is None:
            continue
        if (
            not isinstance(data, dict)
            or data.get("type") != "FeatureCollection"
            or not isinstance(data.get("features"), list)
        ):
            found = data.get("type") if isinstance(data, dict) else type(data).__name__
            problems.append(Problem(label, f"should be a GeoJSON FeatureCollection, got {found!r}"))
            continue
        for index, raw in enumerate(data["features"]):
            checker = _FeatureChecker(label, raw, index, basemap, problems)
            feature = checker.check()
            if feature is None:
                continue
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
    return Gazetteer(features, problems, basemap)
