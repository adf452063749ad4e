"""Where the map looks: two geo panels in one figure, the whole corridor on top and the dense
Caucasus–Caspian area in detail under it, and what lies under a click in either.

Nothing is drawn away from its geometry (no lanes, no pushed markers): an offset in degrees is only
right at the scale it was made for, and both panels zoom. Where the overview is too crowded to read,
the detail panel shows the same features at about four times the scale, every port labelled.

Panel views are in web-Mercator "degrees" (`declutter.to_mercator`), in which a screen pixel is
the same distance both ways, so a panel's scale is one number: degrees per pixel.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .declutter import from_mercator, resample, to_mercator
from .gazetteer import Feature

OVERVIEW, DETAIL = "geo", "geo2"
# Novorossiysk to Turkmenbashi, Anaklia to Alat: the ports, terminals and the four routes that share
# Georgia, too close together on the overview to tell apart.
DETAIL_BOX = (36.8, 55.6, 38.4, 46.4)  # west, east, south, north (degrees)
OVERVIEW_SHARE = 0.34  # of the plotting area's height: the overview strip on top
DETAIL_SHARE = 0.55  # of its width: the detail panel, left; the legend fills the rest
GAP = 0.02  # between the panels, as a share of the plotting area
VIEW_PAD = 0.03  # of the span, on each side of the features


@dataclass(frozen=True)
class MapView:
    """A panel's view: the box it shows (of the panel's shape) and the panel's size in pixels."""

    west: float
    east: float
    south: float
    north: float
    width_px: float
    height_px: float

    @property
    def lat_range(self) -> tuple[float, float]:
        return self.south, self.north

    @property
    def px(self) -> float:
        """Mercator degrees per pixel of the panel: the box fitted into it (in a panel of another shape,
        the smaller scale of the two)."""
        low, high = to_mercator(0, np.array([self.south, self.north]))[1]
        return max((self.east - self.west) / self.width_px, (high - low) / self.height_px)

    def contains(self, lon: float, lat: float) -> bool:
        return self.west <= lon <= self.east and self.south <= lat <= self.north


def domains() -> dict[str, dict]:
    """Each panel's place in the plotting area (plotly `domain`, fractions)."""
    top = 1 - OVERVIEW_SHARE
    return {
        OVERVIEW: dict(x=[0, 1], y=[top + GAP / 2, 1]),
        DETAIL: dict(x=[0, DETAIL_SHARE - GAP / 2], y=[0, top - GAP / 2]),
    }


def fitted(points: np.ndarray, width_px: float, height_px: float) -> MapView:
    """The box around `points` (lon, lat) with a margin, widened or heightened to the panel's shape:
    plotly fits the box into the panel and leaves the rest of the panel empty."""
    x, y = to_mercator(points[:, 0], points[:, 1])
    aspect = width_px / height_px
    width = max(x.max() - x.min(), (y.max() - y.min()) * aspect) * (1 + 2 * VIEW_PAD)
    centre_x, centre_y = (x.max() + x.min()) / 2, (y.max() + y.min()) / 2
    _, lats = from_mercator(0, np.array([centre_y - width / aspect / 2, centre_y + width / aspect / 2]))
    return MapView(centre_x - width / 2, centre_x + width / 2, float(lats[0]), float(lats[1]), width_px, height_px)


def panel_views(features: list[Feature], plot_px: tuple[float, float]) -> dict[str, MapView]:
    """Both panels' views for a plotting area of `plot_px` (width, height): the overview holds every
    route and port, the detail the Caucasus–Caspian box."""
    width, height = plot_px
    points = np.array([p for f in features for line in f.lines for p in line] or [(50.0, 42.0)])
    west, east, south, north = DETAIL_BOX
    box = np.array([(west, south), (east, north)])
    sizes = {name: (width * (d["x"][1] - d["x"][0]), height * (d["y"][1] - d["y"][0])) for name, d in domains().items()}
    return {
        OVERVIEW: fitted(points, *sizes[OVERVIEW]),
        DETAIL: fitted(box, *sizes[DETAIL]),
    }


def features_at(
    features: list[Feature],
    sizes: dict[str, float],
    view: MapView,
    lon: float,
    lat: float,
    radius_px: float = 3.5,
) -> list[str]:
    """Ids of the features drawn within `radius_px` of a point in a panel of that `view`, nearest
    first: what else a click there may have meant. `sizes`: port marker diameters in px."""
    x, y = to_mercator(lon, lat)
    reach, centre = {}, {}
    for f in features:
        lines = [np.column_stack(to_mercator(*np.array(line).T)) for line in f.lines]
        points = np.concatenate([resample(line, view.px) for line in lines])
        distance = float(np.hypot(points[:, 0] - x, points[:, 1] - y).min()) / view.px
        reach[f.id] = distance if f.is_route else max(0.0, distance - sizes.get(f.id, 0) / 2)
        centre[f.id] = distance
    routes = {f.id for f in features if f.is_route}
    # Ties (inside two markers, or a port on a route: Sangachal at BTC's start) go to the port whose
    # centre is nearest: its marker is what the pointer is on.
    near = (fid for fid, d in reach.items() if d <= radius_px)
    return sorted(near, key=lambda fid: (reach[fid], fid in routes, centre[fid]))
