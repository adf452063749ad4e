"""The map: routes, ports and the base map in one plotly geo figure, for the app and the exports.

The app builds it once per set of filters, never per selection: a click changes the card beside the
map, not the figure, so the browser does not re-parse and redraw a map of 10,000 land vertices on
every click. The default view holds every route and port; at that scale the Caucasus is a few dozen
pixels wide, so routes that run together are drawn side by side and overlapping markers are pushed
apart with leader lines to their true point (`declutter`). Clicks land on invisible markers every
couple of pixels along each drawn line (a plotly line takes no clicks), carrying the feature id.
The base map is drawn from `geodata/basemap` as filled Scattergeo traces with the geo layer hidden,
so no topojson, tile or font is ever fetched.
"""

from __future__ import annotations

import functools
import html
import math
from dataclasses import dataclass

import numpy as np
import plotly.graph_objects as go

from .chart_frame import TEMPLATE, ChartMeta, frame_layout
from .declutter import from_mercator, place_labels, side_by_side, spread, to_mercator
from .features import short_name
from .gazetteer import Basemap, Feature
from .style import FONT, HALO, INK, MARK, PORT_SYMBOLS, TYPE, feature_colours

LAND = "#efece6"
BORDER = "#b9b4aa"
SEA = "#dce8f1"
PORT_SAMPLE = "#5c5c5c"  # the legend's port symbols: each port has its own colour on the map
APP_MAP_SIZE = (780, 380)  # px: the app's map area; offsets between crowded features are sized for it
APP_LEGEND_PX = 66  # under the app's map
MAP_MARGINS = (10, 10, 80, 40)  # left, right, top, bottom of a framed (slide) map
APP_MAP_ASPECT = APP_MAP_SIZE[0] / APP_MAP_SIZE[1]
VIEW_PAD = 0.03  # of the span, on each side of the features
CLICK_STEP_PX = 2.0
# px. In a geo plot plotly scores a pointer inside a marker of radius r as 1 - 3/r, not by distance,
# so big targets tie and the first trace wins; small ones let the nearest target win, up to
# HOVER_DISTANCE px away from the pointer.
CLICK_TARGET_SIZE = 4
HOVER_DISTANCE = 10
LANE_PX = 4.5  # routes that run together are drawn side by side, this far apart
MARKER_GAP_PX = 2.0
DRAWN_TOLERANCE_DEG = 0.05  # base map drawn to about a third of a pixel at the default view
MIN_ISLAND_DEG2 = 0.001
MAP_CLICK_TRACE = "click targets"
LABEL_FONT_PX = TYPE.label
MARK_SIZE = 16


@dataclass(frozen=True)
class MapView:
    west: float
    east: float
    centre_lat: float

    @property
    def px(self) -> float:
        """Degrees of longitude (= Mercator degrees) per pixel of the app's map."""
        return (self.east - self.west) / APP_MAP_SIZE[0]


def default_view(features: list[Feature], aspect: float = APP_MAP_ASPECT) -> MapView:
    """Every route and port in sight, framed for a plotting area of `aspect` (width / height)."""
    points = np.array([p for f in features for line in f.lines for p in line] or [(50.0, 42.0)])
    x, y = to_mercator(points[:, 0], points[:, 1])
    width = max(x.max() - x.min(), (y.max() - y.min()) * aspect, 10.0) * (1 + 2 * VIEW_PAD)
    centre_x, centre_y = (x.max() + x.min()) / 2, (y.max() + y.min()) / 2
    return MapView(centre_x - width / 2, centre_x + width / 2, float(from_mercator(0, centre_y)[1]))


def mercator_lat_range(lon_span: float, centre_lat: float, aspect: float) -> tuple[float, float]:
    """Latitudes that make a Mercator view of `lon_span` degrees fill a frame of `aspect` (w/h)."""
    centre = to_mercator(0, centre_lat)[1]
    _, lats = from_mercator(0, np.array([centre - lon_span / aspect / 2, centre + lon_span / aspect / 2]))
    return float(lats[0]), float(lats[1])


def map_aspect(width: float, height: float) -> float:
    """Width / height of a framed map's plotting area in a figure of that size (to fill it exactly)."""
    left, right, top, bottom = MAP_MARGINS
    return (width - left - right) / (height - top - bottom)


def port_size(articles: int, most: int) -> float:
    """Marker diameter in px: sized by distinct articles."""
    return 8 + 9 * math.sqrt(articles / most) if most else 8.0


def line_width(articles: int, most: int) -> float:
    return 2.0 + 2.0 * math.sqrt(articles / most) if most else 2.0  # at most a lane wide


# --- where things are drawn -----------------------------------------------------------------------


@dataclass(frozen=True)
class Drawn:
    """Where each feature is drawn at the default view: route lines after lanes, port markers after
    spreading (lon, lat), marker sizes in px."""

    routes: dict[str, tuple[np.ndarray, ...]]
    ports: dict[str, tuple[float, float]]
    sizes: dict[str, float]
    view: MapView


@functools.lru_cache(maxsize=16)
def _drawn(features: tuple[Feature, ...], sizes: tuple[float, ...], view: MapView) -> Drawn:
    px = view.px
    routes = [f for f in features if f.is_route]
    ports = [f for f in features if not f.is_route]
    mercator_routes = [[np.column_stack(to_mercator(*np.array(line).T)) for line in f.lines] for f in routes]
    laned = side_by_side(mercator_routes, CLICK_STEP_PX * px, LANE_PX * px)
    route_lines = {
        f.id: tuple(np.column_stack(from_mercator(line[:, 0], line[:, 1])) for line in lines)
        for f, lines in zip(routes, laned, strict=True)
    }
    port_sizes = dict(zip([f.id for f in features], sizes, strict=True))
    port_xy = np.array([to_mercator(*f.point) for f in ports]).reshape(-1, 2) / px
    radii = np.array([port_sizes[f.id] / 2 for f in ports])
    moved = spread(port_xy, radii, MARKER_GAP_PX) * px
    lons, lats = from_mercator(moved[:, 0], moved[:, 1])
    port_at = {f.id: (float(lon), float(lat)) for f, lon, lat in zip(ports, lons, lats, strict=True)}
    return Drawn(route_lines, port_at, {f.id: port_sizes[f.id] for f in ports}, view)


def drawn(features: list[Feature], stats: dict[str, tuple[int, int]], view: MapView | None = None) -> Drawn:
    most = max([stats.get(f.id, (0, 0))[0] for f in features] + [1])
    sizes = tuple(port_size(stats.get(f.id, (0, 0))[0], most) for f in features)
    return _drawn(tuple(features), sizes, view or default_view(features))


def features_at(
    features: list[Feature], stats: dict[str, tuple[int, int]], lon: float, lat: float, radius_px: float = 3.5
) -> list[str]:
    """Ids of the features drawn within `radius_px` of a point at the default view, nearest first:
    what else a click there may have meant."""
    where = drawn(features, stats)
    x, y = to_mercator(lon, lat)
    reach = {}
    for fid, lines in where.routes.items():
        points = np.concatenate(lines)
        px, py = to_mercator(points[:, 0], points[:, 1])
        reach[fid] = float(np.hypot(px - x, py - y).min()) / where.view.px
    for fid, (plon, plat) in where.ports.items():
        px, py = to_mercator(plon, plat)
        reach[fid] = max(0.0, float(np.hypot(px - x, py - y)) / where.view.px - where.sizes[fid] / 2)
    return sorted((fid for fid, d in reach.items() if d <= radius_px), key=reach.get)


def _inside(view: MapView, aspect: float, bounds: tuple[float, float] | None) -> MapView:
    """The view moved north or south to stay inside the base map's latitudes (no land-less band)."""
    if bounds is None:
        return view
    low, high = to_mercator(0, np.array(bounds))[1]
    half = (view.east - view.west) / aspect / 2
    if high - low < 2 * half:
        return view
    centre = float(np.clip(to_mercator(0, view.centre_lat)[1], low + half, high - half))
    return MapView(view.west, view.east, float(from_mercator(0, centre)[1]))


@functools.lru_cache(maxsize=4)
def _land_bounds(basemap: Basemap) -> tuple[float, float] | None:
    """South and north ends of the base map's land (it is cut to the region)."""
    lats = [lat for country in basemap.countries for ring in country.rings for _, lat in ring]
    return (min(lats), max(lats)) if lats else None


# --- traces ---------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=4)
def _land_arrays(basemap: Basemap) -> tuple[np.ndarray, np.ndarray]:
    """Every country ring, NaN-separated, as float32 arrays (sent to the browser as binary), simplified
    to the map's resolution and without islets: the browser fills these polygons on every redraw."""
    import shapely

    lons: list[float] = []
    lats: list[float] = []
    for country in basemap.countries:
        for ring in country.rings:
            outline = shapely.Polygon(ring)
            if len(ring) > 3 and outline.area < MIN_ISLAND_DEG2:
                continue
            drawn_ring = outline.exterior.simplify(DRAWN_TOLERANCE_DEG, preserve_topology=False).coords
            lons.extend([*(x for x, _ in drawn_ring), math.nan])
            lats.extend([*(y for _, y in drawn_ring), math.nan])
    return np.array(lons, dtype=np.float32), np.array(lats, dtype=np.float32)


def _basemap_traces(basemap: Basemap) -> list[dict]:
    lons, lats = _land_arrays(basemap)
    traces = [
        dict(
            type="scattergeo",
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
    ]
    if basemap.sea_labels:
        names, xs, ys = zip(*basemap.sea_labels, strict=True)
        traces.append(
            dict(
                type="scattergeo",
                lon=xs,
                lat=ys,
                text=[f"<i>{html.escape(n)}</i>" for n in names],
                mode="text",
                textfont=dict(size=11, color="#6f8aa3"),
                hoverinfo="skip",
                showlegend=False,
                name="sea names",
            )
        )
    return traces


def hover_text(feature: Feature, articles: int, mentions: int) -> str:
    """Name, kind, status, capacity (and a route's length) and how much the news says about it."""
    lines = [f"<b>{html.escape(feature.name)}</b>", html.escape(f"{feature.kind} · {feature.status}")]
    lines.append("Capacity: " + html.escape(str(feature.get("capacity") or "not published")))
    if feature.get("length_km"):
        lines.append(f"Length: {feature.get('length_km'):,} km")
    lines.append(f"{articles} article{'s' * (articles != 1)}, {mentions} mention{'s' * (mentions != 1)}")
    return "<br>".join(lines)


def _template(text: str) -> str:
    """Fixed hover text as a hovertemplate (one string per trace, not one per point); braces are
    entities so that geodata text never reads as a template variable."""
    return text.replace("{", "&#123;").replace("}", "&#125;") + "<extra></extra>"


def _joined(lines) -> tuple[np.ndarray, np.ndarray]:
    """Several lines as one NaN-separated line: one trace instead of many keeps the figure small."""
    gap = np.array([[np.nan, np.nan]])
    points = np.concatenate([part for line in lines for part in (line, gap)])
    return points[:, 0], points[:, 1]


def _line_trace(lines, line: dict, **extra) -> dict:
    lon, lat = _joined(lines)
    return dict(type="scattergeo", lon=lon, lat=lat, mode="lines", line=line, hoverinfo="skip", **extra)


def _click_trace(lon, lat, ids, size: float, **hover) -> dict:
    """Invisible markers that carry feature ids in `customdata`: what a click on the map reports."""
    return dict(
        type="scattergeo",
        lon=lon,
        lat=lat,
        mode="markers",
        marker=dict(size=size, opacity=0, color="#000"),
        selected=dict(marker=dict(opacity=0)),
        unselected=dict(marker=dict(opacity=0)),
        customdata=ids,
        showlegend=False,
        name=MAP_CLICK_TRACE,
        **hover,
    )


def _route_click_points(lines, where: Drawn) -> tuple[np.ndarray, np.ndarray]:
    """A route's click targets, clear of every port marker (its radius plus theirs), so that a click on
    a marker picks the port: plotly scores a click inside a marker by its radius, and the smaller wins."""
    points = np.concatenate(lines)
    x, y = to_mercator(points[:, 0], points[:, 1])
    keep = np.ones(len(points), dtype=bool)
    for fid, (lon, lat) in where.ports.items():
        px, py = to_mercator(lon, lat)
        clearance = (where.sizes[fid] / 2 + CLICK_TARGET_SIZE / 2 + 1) * where.view.px
        keep &= (x - px) ** 2 + (y - py) ** 2 > clearance**2
    return points[keep, 0].astype(np.float32), points[keep, 1].astype(np.float32)


def _legend_sample(
    name: str, rank: int, line: dict | None = None, marker: dict | None = None, group: str | None = None
) -> dict:
    return dict(
        legendgroup=group,
        type="scattergeo",
        lon=[None],
        lat=[None],
        mode="lines" if line else "markers",
        line=line,
        marker=marker,
        name=name,
        legendrank=rank,
        hoverinfo="skip",
    )


def map_figure(
    features: list[Feature],
    basemap: Basemap,
    stats: dict[str, tuple[int, int]],
    meta: ChartMeta,
    selected: str | None = None,
    aspect: float = APP_MAP_ASPECT,
    marked: frozenset[str] = frozenset(),
    framed: bool = True,
) -> go.Figure:
    """Every route in its own colour (width by articles; sea legs dashed, proposed routes dotted),
    every port sized by articles, the legend in file order.

    `stats`: feature id -> (distinct articles, mentions). `selected`: a feature drawn with a halo
    (for images of one selection; the app's map never changes with the selection). `marked`: ids to
    mark with a red "!" and a legend entry (a disruption in the digest's window). `framed`: title, subtitle
    and source line on the figure, for slides; the app's map has none and a fixed pixel size.
    """
    view = _inside(default_view(features, aspect), aspect, _land_bounds(basemap))
    where = drawn(features, stats, default_view(features))
    routes = [f for f in features if f.is_route]
    ports = [f for f in features if not f.is_route]
    most = max([stats.get(f.id, (0, 0))[0] for f in features] + [1])
    colours = feature_colours(features)
    traces: list = _basemap_traces(basemap)
    rank = 1
    for feature in routes:
        articles = stats.get(feature.id, (0, 0))[0]
        width = line_width(articles, most)
        lines = where.routes[feature.id]
        if feature.id == selected:
            traces.append(_line_trace(lines, dict(color=HALO, width=width + 7), showlegend=False))
        land_dash = "dot" if feature.status == "proposed" else "solid"
        by_dash: dict[str, list] = {}
        for line, leg in zip(lines, feature.legs, strict=True):
            by_dash.setdefault("dash" if leg.get("mode") == "sea" else land_dash, []).append(line)
        # The legend's sample is the route's land line (its sea legs only when it has nothing else).
        legend_dash = land_dash if land_dash in by_dash else next(iter(by_dash))
        for dash, part in by_dash.items():
            traces.append(
                _line_trace(
                    part,
                    dict(color=colours[feature.id], width=width, dash=dash),
                    opacity=1.0 if articles or feature.id == selected else 0.6,
                    name=html.escape(short_name(feature)),
                    legendgroup=feature.id,
                    legendrank=rank,
                    showlegend=dash == legend_dash,
                )
            )
        rank += 1
    sample = dict(color="#555", width=2)
    traces.append(_legend_sample("sea leg", 100, line=dict(sample, dash="6px,4px")))
    if any(f.status == "proposed" for f in routes):
        traces.append(_legend_sample("proposed", 101, line=dict(sample, dash="dot")))
    traces.extend(_leader_traces(ports, where))
    # Ports are clicked through one invisible trace ahead of the routes' (trace order breaks ties),
    # its markers as small as the smallest drawn one (inside a marker plotly prefers the smaller).
    if ports:
        traces.append(
            _click_trace(
                [where.ports[f.id][0] for f in ports],
                [where.ports[f.id][1] for f in ports],
                [f.id for f in ports],
                port_size(0, most),
                hovertext=[hover_text(f, *stats.get(f.id, (0, 0))) for f in ports],
                hovertemplate="%{hovertext}<extra></extra>",
            )
        )
    for feature in routes:
        lon, lat = _route_click_points(where.routes[feature.id], where)
        hover = _template(hover_text(feature, *stats.get(feature.id, (0, 0))))
        traces.append(_click_trace(lon, lat, [feature.id] * len(lon), CLICK_TARGET_SIZE, hovertemplate=hover))
    marks = [f for f in features if f.id in marked]
    traces.extend(_port_traces(ports, where, stats, selected, [_anchor(f, where) for f in marks], colours))
    if marks:
        traces.append(_marked_trace(marks, where))
    return go.Figure(data=traces, layout=_layout(meta, view, aspect, framed))


def _leader_traces(ports: list[Feature], where: Drawn) -> list[dict]:
    """A thin line from each moved marker back to its true point, and a dot on that point."""
    moved = [f for f in ports if math.dist(f.point, where.ports[f.id]) > 0.5 * where.view.px]
    if not moved:
        return []
    lines = [np.array([f.point, where.ports[f.id]]) for f in moved]
    return [
        _line_trace(lines, dict(color="#3a3f47", width=1), showlegend=False, name="leader lines"),
        dict(
            type="scattergeo",
            lon=[f.point[0] for f in moved],
            lat=[f.point[1] for f in moved],
            mode="markers",
            marker=dict(size=4, color="#3a3f47"),
            hoverinfo="skip",
            showlegend=False,
            name="true points",
        ),
    ]


def _anchor(feature: Feature, where: Drawn) -> tuple[float, float]:
    """Where a mark sits: on a port's drawn marker, mid-way along a route's longest drawn line."""
    if not feature.is_route:
        return where.ports[feature.id]
    line = max(where.routes[feature.id], key=len)
    return tuple(line[len(line) // 2])


def _marked_trace(features: list[Feature], where: Drawn) -> dict:
    """A red disc with "!" on each feature with a disruption in the window; it takes no clicks, so a
    click still picks the route or port under it."""
    anchors = [_anchor(f, where) for f in features]
    return dict(
        type="scattergeo",
        lon=[a[0] for a in anchors],
        lat=[a[1] for a in anchors],
        mode="markers+text",
        text=["!"] * len(features),
        textposition="middle center",
        textfont=dict(size=11, color="white", family=FONT["family"], weight="bold"),
        marker=dict(size=MARK_SIZE, color=MARK, line=dict(color="white", width=1.5)),
        hoverinfo="skip",
        name="disruption in window",
        legendrank=102,
    )


def _port_traces(
    ports, where: Drawn, stats, selected, marks: list[tuple[float, float]], colours: dict[str, str]
) -> list[dict]:
    """The drawn markers, one trace per kind (they take no clicks), each port in its colour, labelled
    where a label fits; the legend shows each kind's symbol in grey."""
    px = where.view.px
    centres = np.array([to_mercator(*where.ports[f.id]) for f in ports]).reshape(-1, 2) / px
    radii = np.array([where.sizes[f.id] / 2 for f in ports])
    names = [short_name(f) for f in ports]
    boxes = [(0.6 * LABEL_FONT_PX * len(n) + 2, LABEL_FONT_PX + 3) for n in names]
    order = sorted(range(len(ports)), key=lambda i: (-stats.get(ports[i].id, (0, 0))[0], names[i]))
    mark_discs = [(*(np.array(to_mercator(*m)) / px), MARK_SIZE / 2) for m in marks]
    preferred = [f.get("label_position", "middle right") for f in ports]
    positions = place_labels(centres, radii, boxes, order, preferred, mark_discs)
    traces = []
    for kind, symbol in PORT_SYMBOLS.items():
        group = [i for i, f in enumerate(ports) if f.kind == kind]
        if not group:
            continue

        def ring(i: int, style: tuple) -> object:
            fid = ports[i].id
            return style[0] if fid == selected else style[1]

        traces.append(
            dict(
                type="scattergeo",
                lon=[where.ports[ports[i].id][0] for i in group],
                lat=[where.ports[ports[i].id][1] for i in group],
                mode="markers+text",
                text=[html.escape(names[i]) if positions[i] else "" for i in group],
                textposition=[positions[i] or "middle right" for i in group],
                textfont=dict(size=LABEL_FONT_PX, color=INK),
                marker=dict(
                    size=[where.sizes[ports[i].id] for i in group],
                    color=[colours[ports[i].id] for i in group],
                    line=dict(
                        color=[ring(i, (HALO, "white")) for i in group],
                        width=[ring(i, (4, 1)) for i in group],
                    ),
                    symbol=symbol,
                ),
                selected=dict(marker=dict(opacity=1)),
                unselected=dict(marker=dict(opacity=1)),
                hoverinfo="skip",
                name=kind,
                legendgroup=kind,
                showlegend=False,
            )
        )
        traces.append(
            _legend_sample(kind, 110 + len(traces), marker=dict(symbol=symbol, color=PORT_SAMPLE, size=9), group=kind)
        )
    return traces


def _layout(meta: ChartMeta, view: MapView, aspect: float, framed: bool) -> dict:
    geo = dict(
        visible=False,
        bgcolor=SEA,
        projection=dict(type="mercator"),
        lonaxis=dict(range=[view.west, view.east]),
        lataxis=dict(range=list(mercator_lat_range(view.east - view.west, view.centre_lat, aspect))),
    )
    legend = dict(
        orientation="h",
        yanchor="bottom",
        y=0.0,
        x=0.0,
        bgcolor="rgba(255,255,255,0.85)",
        font=dict(size=10.5),
        traceorder="normal",
        itemsizing="constant",
        itemwidth=30,
        entrywidth=0.2 if framed else 0.25,
        entrywidthmode="fraction",
        tracegroupgap=0,
    )
    common = dict(
        geo=geo,
        uirevision="map",
        clickmode="event+select",
        dragmode="pan",
        hovermode="closest",
        hoverdistance=HOVER_DISTANCE,
        hoverlabel=dict(bgcolor="white", font=dict(size=13)),
        legend=legend,
    )
    if framed:
        return dict(frame_layout(meta, bottom=MAP_MARGINS[3], top=MAP_MARGINS[2]), height=640, **common)
    width, height = APP_MAP_SIZE
    legend.update(bgcolor="white")  # in the paper's bottom strip, under the map: no margin pushed
    geo["domain"] = dict(x=[0, 1], y=[APP_LEGEND_PX / (height + APP_LEGEND_PX), 1])
    return dict(
        common,
        template=TEMPLATE,
        font=FONT,
        width=width,
        height=height + APP_LEGEND_PX,
        margin=dict(l=0, r=0, t=0, b=0),
        paper_bgcolor=SEA,
        autosize=False,
    )
