"""Charts made for the box they fill: a figure is laid out at the box's size in points (one layout
pixel prints as one point once placed) and its fonts scaled so that the smallest prints at
MIN_FONT_PT or more. Then a 14 px tick label is 14 pt on the slide, whatever the box.

Works on copies (figure dicts): the app's figures are never changed.
"""

from __future__ import annotations

import copy

import plotly.graph_objects as go

from ..charts import SOURCE_ANNOTATION
from ..style import SLIDE_MIN_PT
from .deck import CONTENT_BOTTOM, CONTENT_TOP, DECK_HEIGHT_IN, DECK_WIDTH_IN, MARGIN

MIN_FONT_PT = SLIDE_MIN_PT
PLOTLY_DEFAULT_FONT = 12.0  # what plotly uses where no size is given
POINTS_PER_INCH = 72
CHART_BOX = (DECK_WIDTH_IN - 2 * MARGIN, CONTENT_BOTTOM - CONTENT_TOP)  # inches: a chart slide's picture
# A download keeps its title and source line: it is made to fill a blank slide within its margins.
DOWNLOAD_BOX = (DECK_WIDTH_IN - 2 * MARGIN, DECK_HEIGHT_IN - 2 * MARGIN)
PIXELS_WIDE = 1920  # a chart slide's PNG; other boxes get the same pixels per inch
IMAGE_SCALE = PIXELS_WIDE / (CHART_BOX[0] * POINTS_PER_INCH)
LAYOUT_WIDTH, LAYOUT_HEIGHT = CHART_BOX[0] * POINTS_PER_INCH, CHART_BOX[1] * POINTS_PER_INCH
TITLE_ROOM = 70  # layout px of a figure's top margin that hold its title and subtitle
SOURCE_ROOM = 45  # layout px of its bottom margin that hold its source line


def box_points(width_in: float, height_in: float) -> tuple[float, float]:
    """The layout size of a figure for a box: its size in points."""
    return width_in * POINTS_PER_INCH, height_in * POINTS_PER_INCH


def _fonts(node, found: list[dict]) -> None:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "template":
                continue
            if key.endswith("font") and isinstance(value, dict):
                found.append(value)
            _fonts(value, found)
    elif isinstance(node, (list, tuple)):
        for value in node:
            _fonts(value, found)


def font_sizes(fig_dict: dict) -> list[float]:
    """Every font size a figure dict asks for, plotly's default for the base font included."""
    found: list[dict] = []
    _fonts(fig_dict, found)
    base = fig_dict.get("layout", {}).get("font", {}).get("size") or PLOTLY_DEFAULT_FONT
    return [base] + [float(font["size"]) for font in found if font.get("size")]


def smallest_font(fig_dict: dict) -> float:
    return min(font_sizes(fig_dict))


def sized_for_box(fig: go.Figure, width_in: float, height_in: float, slide: bool = False) -> dict:
    """A copy of the figure laid out for a `width_in` x `height_in` box, its smallest font MIN_FONT_PT
    once placed, margins grown with the fonts. `slide`: without its title, subtitle and source line
    (the slide's title bar and footer say them)."""
    spec = copy.deepcopy(fig.to_dict())
    layout = spec.setdefault("layout", {})
    if slide:
        margin = layout.setdefault("margin", {})
        rooms = layout.get("meta") if isinstance(layout.get("meta"), dict) else {}
        if layout.get("title"):
            layout["title"] = {"text": ""}
            margin["t"] = max(15, margin.get("t", 80) - rooms.get("title_room", TITLE_ROOM) + 10)
        annotations = layout.get("annotations", [])
        kept = [a for a in annotations if a.get("name") != SOURCE_ANNOTATION]
        if len(kept) < len(annotations):
            layout["annotations"] = kept
            margin["b"] = max(15, margin.get("b", 80) - rooms.get("source_room", SOURCE_ROOM))
    factor = max(1.0, MIN_FONT_PT / smallest_font(spec))
    layout.setdefault("font", {}).setdefault("size", PLOTLY_DEFAULT_FONT)
    found: list[dict] = []
    _fonts(spec, found)  # the base font included
    for font in found:
        if font.get("size"):
            font["size"] = round(font["size"] * factor, 2)
    for side, value in list(layout.get("margin", {}).items()):
        if side in ("l", "r", "t", "b") and isinstance(value, (int, float)):
            layout["margin"][side] = value * factor
    for annotation in layout.get("annotations", []):
        if annotation.get("yshift"):
            annotation["yshift"] *= factor
    layout["width"], layout["height"] = box_points(width_in, height_in)
    return spec


def image_options(fmt: str, width_in: float, height_in: float) -> dict:
    """kaleido options for a box: laid out in points, rendered at IMAGE_SCALE pixels per point."""
    width, height = box_points(width_in, height_in)
    return {"format": fmt, "width": width, "height": height, "scale": IMAGE_SCALE}
