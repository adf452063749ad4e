"""Slide-ready exports: chart images (`images`), their data (`files`; the map's also for GIS tools,
`gis`), and the briefing deck, built
from measured text (`textfit`), building blocks (`deck`) and slide builders (`slides`,
`currency_slide`, `feature_slides`), put together by `briefing`. Importing it changes no setting.
"""

from ..browser import find_chromium
from .briefing import DECK_PLAN, DEFAULT_FEATURE_SLIDES, FILE_WRITERS, export_briefing
from .files import CHART_ORDER, download_name
from .gis import geojson_text, geopackage_bytes, kml_text, map_frame
from .images import figure_image, write_images
from .sizing import DOWNLOAD_BOX, LAYOUT_HEIGHT, LAYOUT_WIDTH, box_points

__all__ = [
    "CHART_ORDER",
    "DECK_PLAN",
    "DEFAULT_FEATURE_SLIDES",
    "DOWNLOAD_BOX",
    "FILE_WRITERS",
    "LAYOUT_HEIGHT",
    "LAYOUT_WIDTH",
    "box_points",
    "download_name",
    "export_briefing",
    "figure_image",
    "find_chromium",
    "geojson_text",
    "geopackage_bytes",
    "kml_text",
    "map_frame",
    "write_images",
]
