"""One visual language for the app, the downloads and the deck: a route or port has one colour
everywhere (the map's), sources one palette, ▲/▼ and event badges one style, and one type scale.

Every figure builder and slide takes its colours and sizes from here, so a route drawn red on the map
is red in "Over time" and on the slide, and ▲ means the same colour in the app and in the deck.
"""

from __future__ import annotations

from dataclasses import dataclass

# --- ink and paper --------------------------------------------------------------------------------

FONT_FAMILY = "Liberation Sans, DejaVu Sans, Arial, sans-serif"
INK = "#1d2733"
MUTED = "#5b6470"
GRID = "#e5e5e5"
NO_COLOUR = "#777777"  # a kind this module does not know


@dataclass(frozen=True)
class TypeScale:
    """Font sizes in layout px. A slide image scales them so that the smallest prints at 14 pt
    (`export.sizing`), so the ratios matter more than the numbers."""

    title: float = 20
    subtitle: float = 13
    axis: float = 12
    legend: float = 12
    label: float = 11  # map labels, data labels
    note: float = 11  # source line, notes


TYPE = TypeScale()
SLIDE_MIN_PT = 14.0  # the smallest text on a slide
FONT = dict(family=FONT_FAMILY, color=INK)

# --- features: the map's colours ------------------------------------------------------------------

# Each route its own colour, from its kind's family, in file order, so all can be named on a slide.
ROUTE_PALETTES = {
    "corridor": ("#1f5fa8", "#9467bd", "#5aa0e0"),
    "railway": ("#17becf", "#0e6e7a"),
    "oil pipeline": ("#d62728", "#7f1d1d", "#f06a4d"),
    "gas pipeline": ("#ff7f0e", "#9c9a1d", "#d4a017"),
    "cable": ("#2ca02c", "#7fc97f"),
}
# Ports: dark, unsaturated tones none of the routes use, so a port never passes for a route.
PORT_PALETTE = (
    "#14213d",
    "#8c564b",
    "#6b6ecf",
    "#843c39",
    "#393b79",
    "#7b4173",
    "#637939",
    "#ad494a",
    "#5c5c5c",
    "#8c6d31",
    "#3b6e8f",
    "#a55194",
)
PORT_KINDS = ("port", "terminal", "dry port")
PORT_SYMBOLS = {"port": "circle", "terminal": "diamond", "dry port": "square"}


def feature_colours(features) -> dict[str, str]:
    """Each feature's colour: a route the next of its kind's family, a port the next port tone, in file
    order (the same for every view when given the gazetteer's features)."""
    return colours_for((f.id, f.kind, f.is_route) for f in features)


def colours_for(items) -> dict[str, str]:
    """`feature_colours` from (id, kind, is_route) triples, for tables of features (GIS files)."""
    used: dict[str, int] = {}
    colours = {}
    for fid, kind, is_route in items:
        palette = ROUTE_PALETTES.get(kind, (NO_COLOUR,)) if is_route else PORT_PALETTE
        family = kind if is_route else "port"
        colours[fid] = palette[used.get(family, 0) % len(palette)]
        used[family] = used.get(family, 0) + 1
    return colours


# --- sources --------------------------------------------------------------------------------------

# Twelve colours told apart on a slide and in print; sources past the twelfth share "others".
SOURCE_PALETTE = (
    "#4e79a7",
    "#f28e2b",
    "#59a14f",
    "#e15759",
    "#76b7b2",
    "#edc948",
    "#b07aa1",
    "#ff9da7",
    "#9c755f",
    "#1b3a5c",
    "#8cd17d",
    "#7a5c00",
)
OTHERS = "others"
OTHERS_COLOUR = "#bab0ac"


def source_groups(ranked: list[str]) -> dict[str, str]:
    """Source -> the name it is drawn under: the first eleven of `ranked` (most articles first) by
    their own name and the rest as "others" when there are more than twelve; all by name otherwise."""
    if len(ranked) <= len(SOURCE_PALETTE):
        return {s: s for s in ranked}
    keep = len(SOURCE_PALETTE) - 1
    return {s: (s if n < keep else OTHERS) for n, s in enumerate(ranked)}


def source_colours(names: list[str]) -> dict[str, str]:
    """Colours of the drawn source names (after `source_groups`), by name order, "others" grey."""
    own = sorted(n for n in names if n != OTHERS)
    colours = {s: SOURCE_PALETTE[i % len(SOURCE_PALETTE)] for i, s in enumerate(own)}
    return colours | ({OTHERS: OTHERS_COLOUR} if OTHERS in names else {})


# --- changes and events ---------------------------------------------------------------------------

UP, DOWN, FLAT = "#b3261e", "#2a7d4f", MUTED  # ▲ more (articles, or local currency per dollar), ▼ fewer


def change_colour(change: float) -> str:
    return UP if change > 0 else DOWN if change < 0 else FLAT


TAG_COLOURS = {
    "disruption": "#b3261e",
    "restoration": "#1f7a6d",
    "expansion": "#1f5fa8",
    "agreement": "#6d597a",
    "security": "#c4551f",
}
MARK = "#d62828"  # the map's "!" for a disruption in the "What's new" window
HALO = "#ffd166"  # the selected feature
