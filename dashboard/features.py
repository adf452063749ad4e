"""What the linker, the index and the app read of a route or port: light, frozen dataclasses.

Kept apart from `gazetteer` (which loads and checks the geodata with geopandas, shapely and pyproj) so
that reading the index, counting and linking never import the GIS stack: a command that only learns
that nothing changed, or counts, starts in a fraction of the time.
"""

from __future__ import annotations

import dataclasses
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

SCHEMA_PATH = Path(__file__).resolve().parent / "schema.json"  # package data: it ships with the code
SCHEMA = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
ROUTE_KINDS = tuple(SCHEMA["properties"]["kind"]["x-route-kinds"])
PORT_KINDS = tuple(k for k in SCHEMA["properties"]["kind"]["enum"] if k not in ROUTE_KINDS)
STATUSES = tuple(SCHEMA["properties"]["status"]["enum"])

ALIAS_FLAGS = ("case_sensitive", "ambiguous", "stem", "proper", "historical")


@dataclass(frozen=True)
class Alias:
    name: str
    feature_id: str
    case_sensitive: bool = False
    ambiguous: bool = False
    stem: bool = False
    proper: bool = False  # counts only written as a proper noun (capitalised): "Middle Corridor", not "middle corridor"
    historical: bool = False  # a former name: counts only where the article names the feature otherwise too
    endings: tuple[str, ...] = ()  # case endings written onto the name (Turkic: Batumidən, Ақтауға)
    unless: str | None = None  # a sentence matching this is about another thing of the name (regex, any case)


@dataclass(frozen=True)
class Description:
    """A way of naming a feature without an alias: an anchor word plus a pattern over its sentence."""

    feature_id: str
    anchor: str
    pattern: str
    label: str
    exclude: str | None = None  # a match containing this is about something else
    article: str | None = None  # the headline or text must match this too: what the feature belongs to, named


@dataclass(frozen=True)
class SenseRule:
    """How to tell an ambiguous alias's feature sense from its other senses (see SCHEMA.md)."""

    reject: tuple[str, ...] = ()  # in the sentence, and no `confirm` cue: another sense
    confirm: tuple[str, ...] = ()
    before: tuple[str, ...] = ()  # right before the alias ("signed in Aktau"): another sense
    after: tuple[str, ...] = ()  # right after the alias ("the Aktau crash"): another sense
    related: tuple[str, ...] = ()  # feature ids whose unambiguous mention supports this sense
    requires: tuple[str, ...] = ()  # place words without which an ambiguous alias is another country's namesake

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

    def get(self, key: str, default=None):
        return self.properties.get(key, default)


SHORT_NAME_MAX = 32  # a map label or legend entry: longer route names lose their last words


def short_name(feature: Feature) -> str:
    """The one short name of a feature (map labels, legends, axis labels, the deck): its `label`, else
    a port's first alias (`Aktau`), else its name without parenthesised aliases, cut to whole words
    within SHORT_NAME_MAX characters."""
    if feature.get("label"):
        return str(feature.get("label"))
    if not feature.is_route and feature.aliases:
        return feature.aliases[0].name
    words = (re.sub(r"\s*\([^)]*\)", "", feature.name).strip() or feature.name).split()
    while len(" ".join(words)) > SHORT_NAME_MAX and len(words) > 1:
        words.pop()
    return " ".join(words)


# Geometry and the raw file view: the linker reads only a feature's parsed fields, never its raw
# `properties`, so every other field (and any field added later) is in the change signature.
NOT_LINKED = frozenset({"lines", "geometry_type", "properties", "file"})


def link_signature(features: list[Feature]) -> str:
    """Every parsed field of every feature except NOT_LINKED, nested dataclasses whole: an index
    linked under another signature is re-linked."""
    payload = [
        {f.name: _plain(getattr(feature, f.name)) for f in dataclasses.fields(Feature) if f.name not in NOT_LINKED}
        for feature in sorted(features, key=lambda f: f.id)
    ]
    return json.dumps(payload, sort_keys=True, ensure_ascii=False)


def _plain(value):
    """A parsed value as JSON data (dataclasses as objects of all their fields)."""
    if dataclasses.is_dataclass(value):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, frozenset | set):
        return sorted(_plain(v) for v in value)
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value
