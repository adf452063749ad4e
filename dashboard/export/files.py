"""Each chart's data beside its image: the map as GeoJSON, the other charts as CSV."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from ..csvsafe import frame_csv
from .gis import geojson_text, map_frame

if TYPE_CHECKING:
    from .content import BriefingContent

CHART_ORDER = ("map", "mentions-by-feature", "mentions-over-time", "co-mentions", "currencies")


def write_chart_data(content: BriefingContent) -> list[Path]:
    """What each chart shows: the map as GeoJSON, the others as CSV."""
    written = []
    for name in CHART_ORDER:
        if name == "map":
            path = content.out_dir / "map.geojson"
            frame = map_frame(content.gazetteer, content.view.features, content.view.stats())
            path.write_text(geojson_text(frame), encoding="utf-8")
        elif content.charts[name].data is not None:
            path = content.out_dir / f"{name}.csv"
            path.write_text(frame_csv(content.charts[name].data), encoding="utf-8")
        else:
            continue
        written.append(path)
    return written


def download_name(chart: str, extension: str, newest: str | None, selection: str | None = None) -> str:
    """A file name that says what the file shows: `corridor-watch_map_btc_2026-02-23.png` (chart,
    selection if any, the date of the newest data shown), so repeated downloads do not overwrite
    each other. Only [a-z0-9-] from the parts: ids and dates come from untrusted files."""
    parts = ["corridor-watch", chart, selection, newest or "undated"]
    return "_".join(_slug(part) for part in parts if part) + "." + _slug(extension)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"
