"""The base map as the map draws it: land as filled country outlines (simplified for the overview,
the file's own coastline in a close-up, so zooming in stays true) and the sea names inside a panel."""

from __future__ import annotations

import functools
import math

import numpy as np

from .gazetteer import Basemap
from .mapview import MapView

LAND = "#efece6"
BORDER = "#b9b4aa"
DRAWN_TOLERANCE_DEG = 0.05  # the overview's land drawn to about a third of a pixel
MIN_ISLAND_DEG2 = 0.001


@functools.lru_cache(maxsize=8)
def _land_arrays(
    basemap: Basemap, box: tuple[float, float, float, float] | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Every country ring, NaN-separated, as float32 arrays (sent to the browser as binary): the browser
    fills these polygons on every redraw. The overview (no `box`) is simplified to its resolution and
    drops islets; a close-up gets the file's own coastline and borders inside `box` (west, south, east,
    north), so a user zooming in on Georgia or Baku sees the land where it is."""
    import shapely

    clip = shapely.box(*box) if box else None
    lons: list[float] = []
    lats: list[float] = []
    for country in basemap.countries:
        for ring in country.rings:
            outline = shapely.Polygon(ring)
            if clip is None:
                if len(ring) > 3 and outline.area < MIN_ISLAND_DEG2:
                    continue
                drawn = [outline.exterior.simplify(DRAWN_TOLERANCE_DEG, preserve_topology=False)]
            elif outline.intersects(clip):
                inside = shapely.make_valid(outline).intersection(clip)
                drawn = [part.exterior for part in shapely.get_parts(inside) if part.geom_type == "Polygon"]
            else:
                continue
            for line in drawn:
                lons.extend([*(x for x, _ in line.coords), math.nan])
                lats.extend([*(y for _, y in line.coords), math.nan])
    return np.array(lons, dtype=np.float32), np.array(lats, dtype=np.float32)


def _close_up_box(view: MapView) -> tuple[float, float, float, float]:
    """A close-up's view and half its size again on every side: room to pan and zoom out a little."""
    south, north = view.lat_range
    dx, dy = (view.east - view.west) / 2, (north - south) / 2
    return (view.west - dx, south - dy, view.east + dx, north + dy)


def basemap_traces(basemap: Basemap, views: dict[str, MapView]) -> list[dict]:
    traces = []
    for geo, view in views.items():
        lons, lats = _land_arrays(basemap) if geo == "geo" else _land_arrays(basemap, _close_up_box(view))
        traces.append(
            dict(
                type="scattergeo",
                geo=geo,
                lon=lons,
                lat=lats,
                mode="lines",
                fill="toself",
                fillcolor=LAND,
                line=dict(color=BORDER, width=0.6),
                hoverinfo="skip",
                showlegend=False,
                name="base map",
            )
        )
    return traces


def sea_labels(basemap: Basemap, view: MapView) -> list[tuple[str, float, float]]:
    """The sea names inside a panel (text outside it would be clipped, or printed in an SVG editor)."""
    west, east = view.west, view.east
    south, north = view.lat_range
    margin_x, margin_y = (east - west) * 0.08, (north - south) * 0.06
    return [
        (n, x, y)
        for n, x, y in basemap.sea_labels
        if west + margin_x < x < east - margin_x and south + margin_y < y < north - margin_y
    ]
