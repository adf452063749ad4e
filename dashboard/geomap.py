"""The map: routes, ports and the base map in one plotly figure of two geo panels, for the app and
the exports: the whole corridor on top, the dense Caucasus–Caspian area in detail under it with every
port labelled, the legend beside the detail (`mapview` says where each panel looks).

Every line and marker is drawn on its geometry, so the map stays true however far either panel is
zoomed. The app builds the figure once per set of filters and shows a selection with a stylesheet
(`emphasis`); a framed map draws it with a few overlay traces (`selection_traces`). Clicks land on
invisible markers every couple of pixels along each line (a plotly line takes no clicks), carrying
the feature id. The base map is drawn from `geodata/basemap` as filled Scattergeo traces with the
geo layer hidden, so no topojson, tile or font is ever fetched.
"""

from __future__ import annotations

import html
import math

import numpy as np
import plotly.graph_objects as go

from .basemapdraw import basemap_traces, sea_labels
from .chart_frame import TEMPLATE, ChartMeta, frame_layout, short_label
from .declutter import from_mercator, place_labels, resample, to_mercator
from .features import short_name
from .gazetteer import Basemap, Feature
from .mapview import DETAIL, DETAIL_BOX, DETAIL_SHARE, GAP, OVERVIEW, MapView, domains, panel_views
from .style import FONT, HALO, INK, MARK, PORT_SYMBOLS, SLIDE_MIN_PT, TYPE, feature_colours

SEA = "#dce8f1"
SEA_TEXT = "#6f8aa3"
PORT_SAMPLE = "#5c5c5c"  # the legend's port symbols: each port has its own colour on the map
APP_MAP_SIZE = (860, 520)  # px: the app map's nominal plotting area (its width grows with the window)
SLIDE_MAP_WIDTH = 636  # px: a framed map's plotting area on a slide, at its own font sizes
# Left, right, top, bottom of a framed map at its own font sizes: with title and source line, and
# as a slide's picture (the slide's title bar and footer say them).
MAP_MARGINS = (10, 20, 72, 44)  # the source line's room included
SLIDE_MAP_MARGINS = (10, 20, 15, 15)
MAP_GAP = 15  # px between the map and its source line
APP_MAP_ASPECT = APP_MAP_SIZE[0] / APP_MAP_SIZE[1]
# px between a route's click targets: a pointer on the line is within 2.5 px of one. Every target is
# a marker plotly styles again on each click and redraw: 2 px (2,800 targets) made a click ~25% slower.
CLICK_STEP_PX = 5.0
# px. In a geo plot plotly scores a pointer inside a marker of radius r as 1 - 3/r, not by distance,
# so big targets tie and the first trace wins; small ones let the nearest target win, up to
# HOVER_DISTANCE px away from the pointer.
CLICK_TARGET_SIZE = 4
HOVER_DISTANCE = 10
MAP_CLICK_TRACE = "click targets"
SELECTION_TRACE = "selected"
MARK_NAME = "disruption"  # in the digest's window
KEY_LEGEND = "legend2"  # the symbols' legend column; the routes' is "legend"
LABEL_FONT_PX = TYPE.label
LEGEND_FONT_PX = 10.5
MARK_SIZE = 16
LEGEND_NAME_CHARS = 22  # the routes' legend column beside the detail panel
KEY_LEGEND_X = 0.84  # the symbols' column ("sea leg", "port", "disruption")
KEEP_STYLE = dict(marker=dict(opacity=1))  # a click selects points: nothing else may fade


def map_aspect(width: float, height: float, titled: bool = True) -> float:
    """Width / height of a framed map's plotting area once laid out in a box of that size (points):
    its fonts, and so its margins, grow until the smallest prints at `SLIDE_MIN_PT` (`export.sizing`);
    `titled`: with its title and source line (a download), else a slide's picture."""
    grow = SLIDE_MIN_PT / LEGEND_FONT_PX
    left, right, top, bottom = MAP_MARGINS if titled else SLIDE_MAP_MARGINS
    return (width - (left + right) * grow) / (height - (top + bottom) * grow)


def plot_size(aspect: float, framed: bool) -> tuple[float, float]:
    """The plotting area in px at the figure's own font sizes: what labels and click targets are
    spaced for."""
    width = SLIDE_MAP_WIDTH if framed else APP_MAP_SIZE[0]
    return width, width / aspect


def port_size(articles: int, most: int) -> float:
    """Marker diameter in px: sized by distinct articles."""
    return 7 + 7 * math.sqrt(articles / most) if most else 7.0


def line_width(articles: int, most: int) -> float:
    return 1.8 + 2.2 * math.sqrt(articles / most) if most else 1.8


def _views(features: list[Feature], aspect: float, framed: bool) -> dict[str, MapView]:
    return panel_views(features, plot_size(aspect, framed))


def port_sizes(features: list[Feature], stats: dict[str, tuple[int, int]]) -> dict[str, float]:
    most = max([stats.get(f.id, (0, 0))[0] for f in features] + [1])
    return {f.id: port_size(stats.get(f.id, (0, 0))[0], most) for f in features if not f.is_route}


def app_views(features: list[Feature]) -> dict[str, MapView]:
    """The app map's panel views (for what lies under a click)."""
    return _views(features, APP_MAP_ASPECT, framed=False)


# --- traces ---------------------------------------------------------------------------------------


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


def _line_trace(lines, line: dict, geo: str, **extra) -> dict:
    lon, lat = _joined(lines)
    return dict(type="scattergeo", geo=geo, lon=lon, lat=lat, mode="lines", line=line, hoverinfo="skip", **extra)


def _click_trace(lon, lat, ids, size: float, geo: str, **hover) -> dict:
    """Invisible markers that carry feature ids in `customdata`: what a click on the map reports."""
    return dict(
        type="scattergeo",
        geo=geo,
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


def _mercator_lines(feature: Feature) -> list[np.ndarray]:
    return [np.column_stack(to_mercator(*np.array(line).T)) for line in feature.lines]


def _route_click_points(
    feature: Feature, ports: list[Feature], sizes: dict[str, float], view: MapView
) -> tuple[np.ndarray, np.ndarray]:
    """A route's click targets in a panel: every CLICK_STEP_PX along it inside the panel, clear of every
    port marker (its radius plus theirs), so that a click on a marker picks the port: plotly scores a
    click inside a marker by its radius, and the smaller wins."""
    points = np.concatenate([resample(line, CLICK_STEP_PX * view.px) for line in _mercator_lines(feature)])
    lon, lat = from_mercator(points[:, 0], points[:, 1])
    south, north = view.lat_range
    keep = (lon >= view.west) & (lon <= view.east) & (lat >= south) & (lat <= north)
    for port in ports:
        px, py = to_mercator(*port.point)
        clearance = (sizes[port.id] / 2 + CLICK_TARGET_SIZE / 2 + 1) * view.px
        keep &= (points[:, 0] - px) ** 2 + (points[:, 1] - py) ** 2 > clearance**2
    return lon[keep].astype(np.float32), lat[keep].astype(np.float32)


def _legend_sample(
    name: str, rank: int, line: dict | None = None, marker: dict | None = None, group: str | None = None
) -> dict:
    return dict(
        type="scattergeo",
        legend=KEY_LEGEND,
        legendgroup=group,
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
    every port sized by articles and in its colour, in both panels; the legend in file order.

    `stats`: feature id -> (distinct articles, mentions). `selected`: a feature drawn emphasised (the
    same overlay the app adds to its map). `marked`: ids to mark with a red "!" and a legend entry (a
    disruption in the digest's window). `framed`: title, subtitle and source line on the figure, for
    slides; the app's map has none and grows with the window.
    """
    views = _views(features, aspect, framed)
    routes = [f for f in features if f.is_route]
    ports = [f for f in features if not f.is_route]
    most = max([stats.get(f.id, (0, 0))[0] for f in features] + [1])
    sizes = port_sizes(features, stats)
    colours = feature_colours(features)
    traces: list = basemap_traces(basemap, views)
    traces.append(_detail_outline())
    for rank, feature in enumerate(routes, 1):
        articles = stats.get(feature.id, (0, 0))[0]
        land_dash = "dot" if feature.status == "proposed" else "solid"
        by_dash: dict[str, list] = {}
        for line, leg in zip(feature.lines, feature.legs, strict=True):
            by_dash.setdefault("dash" if leg.get("mode") == "sea" else land_dash, []).append(np.array(line))
        # The legend's sample is the route's land line (its sea legs only when it has nothing else).
        legend_dash = land_dash if land_dash in by_dash else next(iter(by_dash))
        for geo in views:
            for dash, part in by_dash.items():
                traces.append(
                    _line_trace(
                        part,
                        dict(color=colours[feature.id], width=line_width(articles, most), dash=dash),
                        geo,
                        opacity=1.0 if articles else 0.6,
                        meta=feature.id,  # the app's emphasis finds the route's lines by it
                        name=html.escape(short_label(short_name(feature), LEGEND_NAME_CHARS)),
                        legendgroup=feature.id,
                        legendrank=rank,
                        showlegend=geo == OVERVIEW and dash == legend_dash,
                    )
                )
    sample = dict(color="#555", width=2)
    traces.append(_legend_sample("sea leg", 100, line=dict(sample, dash="6px,4px")))
    if any(f.status == "proposed" for f in routes):
        traces.append(_legend_sample("proposed", 101, line=dict(sample, dash="dot")))
    # Two legend columns beside the detail: the routes, then what the symbols mean.
    for geo, view in views.items():
        # Ports are clicked through one invisible trace ahead of the routes' (trace order breaks ties),
        # its markers as small as the smallest drawn one (inside a marker plotly prefers the smaller).
        if ports:
            traces.append(
                _click_trace(
                    [f.point[0] for f in ports],
                    [f.point[1] for f in ports],
                    [f.id for f in ports],
                    port_size(0, most),
                    geo,
                    hovertext=[hover_text(f, *stats.get(f.id, (0, 0))) for f in ports],
                    hovertemplate="%{hovertext}<extra></extra>",
                )
            )
        for feature in routes:
            lon, lat = _route_click_points(feature, ports, sizes, view)
            hover = _template(hover_text(feature, *stats.get(feature.id, (0, 0))))
            traces.append(_click_trace(lon, lat, [feature.id] * len(lon), CLICK_TARGET_SIZE, geo, hovertemplate=hover))
    marks = [f for f in features if f.id in marked]
    for geo, view in views.items():
        seas = sea_labels(basemap, view)
        if geo == OVERVIEW:  # the detail panel names the seas in its box
            seas = [sea for sea in seas if not _in_detail(sea[1:])]
        seas = _clear_of(seas, [_anchor(f) for f in marks], view)
        traces.extend(_port_traces(ports, sizes, stats, colours, view, geo, marks, seas))
        if seas:
            traces.append(_sea_trace(seas, geo))
        shown = [f for f in marks if view.contains(*_anchor(f))]
        if shown:
            traces.append(_marked_trace(shown, geo, showlegend=geo == OVERVIEW))
    if selected:
        traces = _with_overlay(traces, selection_traces(features, stats, selected))
    return go.Figure(data=traces, layout=_layout(meta, views, framed))


def _detail_outline() -> dict:
    """The detail panel's area outlined on the overview."""
    west, east, south, north = DETAIL_BOX
    return dict(
        type="scattergeo",
        geo=OVERVIEW,
        lon=[west, east, east, west, west],
        lat=[south, south, north, north, south],
        mode="lines",
        line=dict(color="#8a94a3", width=1, dash="3px,2px"),
        hoverinfo="skip",
        showlegend=False,
        name="detail area",
    )


def _sea_trace(seas: list[tuple[str, float, float]], geo: str) -> dict:
    names, xs, ys = zip(*seas, strict=True)
    return dict(
        type="scattergeo",
        geo=geo,
        lon=xs,
        lat=ys,
        text=[f"<i>{html.escape(n)}</i>" for n in names],
        mode="text",
        textfont=dict(size=LABEL_FONT_PX, color=SEA_TEXT),
        unselected=dict(textfont=dict(color=SEA_TEXT)),
        hoverinfo="skip",
        showlegend=False,
        name="sea names",
    )


def _anchor(feature: Feature) -> tuple[float, float]:
    """Where a mark sits: on a port, mid-way along a route's longest line."""
    if not feature.is_route:
        return feature.point
    line = max(feature.lines, key=len)
    return tuple(line[len(line) // 2])


def _marked_trace(features: list[Feature], geo: str, showlegend: bool) -> dict:
    """A red disc with "!" on each feature with a disruption in the window; it takes no clicks, so a
    click still picks the route or port under it."""
    anchors = [_anchor(f) for f in features]
    return dict(
        type="scattergeo",
        geo=geo,
        lon=[a[0] for a in anchors],
        lat=[a[1] for a in anchors],
        mode="markers+text",
        text=["!"] * len(features),
        textposition="middle center",
        textfont=dict(size=11, color="white", family=FONT["family"], weight="bold"),
        marker=dict(size=MARK_SIZE, color=MARK, line=dict(color="white", width=1.5)),
        selected=KEEP_STYLE,
        unselected=dict(KEEP_STYLE, textfont=dict(color="white")),
        hoverinfo="skip",
        name=MARK_NAME,
        legend=KEY_LEGEND,
        legendgroup="disruption",
        showlegend=showlegend,
        legendrank=102,
    )


def _port_traces(ports, sizes, stats, colours, view: MapView, geo: str, marks, seas) -> list[dict]:
    """The drawn markers of one panel, one trace per kind (they take no clicks), each port in its
    colour, labelled where a label fits (in the detail panel every port in it); the legend shows each
    kind's symbol in grey."""
    inside = list(ports)  # plotly clips what lies outside the panel
    centres = np.array([to_mercator(*f.point) for f in inside]).reshape(-1, 2) / view.px
    radii = np.array([sizes[f.id] / 2 for f in inside])
    names = [short_name(f) for f in inside]
    boxes = [(0.6 * LABEL_FONT_PX * len(n) + 2, LABEL_FONT_PX + 3) for n in names]
    labelled = [view.contains(*f.point) and (geo == DETAIL or not _in_detail(f.point)) for f in inside]
    order = sorted(
        (i for i in range(len(inside)) if labelled[i]),
        key=lambda i: (-stats.get(inside[i].id, (0, 0))[0], names[i]),
    )
    obstacles = [(*(np.array(to_mercator(*_anchor(f))) / view.px), MARK_SIZE / 2) for f in marks]
    preferred = [f.get("label_position", "middle right") for f in inside]
    positions = place_labels(
        centres, radii, boxes, order, preferred, obstacles, _sea_boxes(seas, view), _panel_box(view)
    )
    traces = []
    for kind, symbol in PORT_SYMBOLS.items():
        group = [i for i, f in enumerate(inside) if f.kind == kind]
        if group:
            traces.append(
                dict(
                    type="scattergeo",
                    geo=geo,
                    lon=[inside[i].point[0] for i in group],
                    lat=[inside[i].point[1] for i in group],
                    mode="markers+text",
                    text=[html.escape(names[i]) if positions[i] else "" for i in group],
                    textposition=[positions[i] or "middle right" for i in group],
                    textfont=dict(size=LABEL_FONT_PX, color=INK),
                    marker=dict(
                        size=[sizes[inside[i].id] for i in group],
                        color=[colours[inside[i].id] for i in group],
                        line=dict(color="white", width=1),
                        symbol=symbol,
                    ),
                    selected=KEEP_STYLE,
                    unselected=dict(KEEP_STYLE, textfont=dict(color=INK)),
                    hoverinfo="skip",
                    meta=[inside[i].id for i in group],  # the app's emphasis finds a port's marker by it
                    name=kind,
                    legendgroup=kind,
                    showlegend=False,
                )
            )
        if geo == OVERVIEW and any(f.kind == kind for f in ports):
            marker = dict(symbol=symbol, color=PORT_SAMPLE, size=9)
            traces.append(_legend_sample(kind, 110 + list(PORT_SYMBOLS).index(kind), marker=marker, group=kind))
    return traces


def _in_detail(point: tuple[float, float]) -> bool:
    west, east, south, north = DETAIL_BOX
    return west <= point[0] <= east and south <= point[1] <= north


def _sea_boxes(seas, view: MapView) -> list[tuple[float, float, float, float]]:
    """Where the sea names are printed (px, y up), for labels to keep clear of."""
    boxes = []
    for name, lon, lat in seas:
        x, y = np.array(to_mercator(lon, lat)) / view.px
        half_w, half_h = 0.3 * LABEL_FONT_PX * len(name) + 2, LABEL_FONT_PX * 0.7
        boxes.append((x - half_w, y - half_h, x + half_w, y + half_h))
    return boxes


def _clear_of(seas, points: list[tuple[float, float]], view: MapView) -> list:
    """The sea names whose text keeps clear of the "!" marks at these points and of each other."""
    reach = MARK_SIZE / 2 + 2
    spots = [np.array(to_mercator(*p)) / view.px for p in points]
    kept, boxes = [], []
    for sea, (x0, y0, x1, y1) in zip(seas, _sea_boxes(seas, view), strict=True):
        if any(x0 - reach < x < x1 + reach and y0 - reach < y < y1 + reach for x, y in spots):
            continue
        if any(x0 < b[2] and b[0] < x1 and y0 < b[3] and b[1] < y1 for b in boxes):
            continue  # two sea names on one spot at this scale: the first (the file's order) stays
        kept.append(sea)
        boxes.append((x0, y0, x1, y1))
    return kept


def _panel_box(view: MapView) -> tuple[float, float, float, float]:
    """The panel's requested box in px (y up): labels stay inside it."""
    low, high = to_mercator(0, np.array([view.south, view.north]))[1]
    return view.west / view.px, low / view.px, view.east / view.px, high / view.px


def _with_overlay(traces: list[dict], overlay: list[dict]) -> list[dict]:
    """The map's traces with a selection's overlay under the port markers and "!" marks (over the
    routes), so that it hides no marker, label or mark."""
    names = set(PORT_SYMBOLS) | {MARK_NAME}
    at = next((n for n, t in enumerate(traces) if t.get("name") in names and _has_points(t)), len(traces))
    return [*traces[:at], *overlay, *traces[at:]]


def _has_points(trace: dict) -> bool:
    lon = trace.get("lon")
    return lon is not None and len(lon) > 0 and lon[0] is not None


def selection_traces(features: list[Feature], stats: dict[str, tuple[int, int]], selected: str) -> list[dict]:
    """The selected route or port emphasised in both panels of a framed map: a route under a wide halo
    and redrawn thicker, a port ringed (the app's map shows the same with `emphasis.emphasis_css`)."""
    by_id = {f.id: f for f in features}
    feature = by_id.get(selected)
    if feature is None:
        return []
    colours = feature_colours(features)
    most = max([stats.get(f.id, (0, 0))[0] for f in features] + [1])
    articles = stats.get(selected, (0, 0))[0]
    traces = []
    for geo in (OVERVIEW, DETAIL):
        if feature.is_route:
            lines = [np.array(line) for line in feature.lines]
            width = line_width(articles, most)
            halo = dict(color=HALO, width=width + 8)
            traces.append(_line_trace(lines, halo, geo, name=SELECTION_TRACE, showlegend=False, opacity=0.9))
            core = dict(color=colours[selected], width=width + 1.5)
            traces.append(_line_trace(lines, core, geo, name=SELECTION_TRACE, showlegend=False))
        else:
            size = port_size(articles, most)
            traces.append(
                dict(
                    type="scattergeo",
                    geo=geo,
                    lon=[feature.point[0]],
                    lat=[feature.point[1]],
                    mode="markers",
                    marker=dict(
                        size=size + 6,
                        color=colours[selected],
                        symbol=PORT_SYMBOLS.get(feature.kind, "circle"),
                        line=dict(color=HALO, width=4),
                    ),
                    selected=KEEP_STYLE,
                    unselected=KEEP_STYLE,
                    hoverinfo="skip",
                    showlegend=False,
                    name=SELECTION_TRACE,
                )
            )
    return traces


def _layout(meta: ChartMeta, views: dict[str, MapView], framed: bool) -> dict:
    places = domains()
    geos = {}
    for geo, view in views.items():
        geos[geo] = dict(
            visible=False,
            bgcolor=SEA,
            projection=dict(type="mercator"),
            lonaxis=dict(range=[view.west, view.east]),
            lataxis=dict(range=list(view.lat_range)),
            domain=places[geo],
        )
    top = places[DETAIL]["y"][1]
    column = dict(
        orientation="v",
        yanchor="top",
        y=top,
        xanchor="left",
        bgcolor="rgba(255,255,255,0)",
        font=dict(size=LEGEND_FONT_PX),
        traceorder="normal",
        itemsizing="constant",
        itemwidth=30,
        itemclick=False,  # a key, not a filter: and the app's emphasis counts the drawn traces
        itemdoubleclick=False,
        tracegroupgap=0,
    )
    legends = dict(legend=dict(column, x=DETAIL_SHARE + GAP), legend2=dict(column, x=KEY_LEGEND_X))
    common = dict(
        **geos,
        uirevision="map",
        clickmode="event+select",
        dragmode="pan",
        hovermode="closest",
        hoverdistance=HOVER_DISTANCE,
        hoverlabel=dict(bgcolor="white", font=dict(size=13)),
        **legends,
    )
    if framed:
        return dict(frame_layout(meta, bottom=MAP_GAP, top=0), height=640, **common)
    return dict(
        common,
        template=TEMPLATE,
        font=FONT,
        height=APP_MAP_SIZE[1],
        margin=dict(l=0, r=0, t=0, b=0),
        paper_bgcolor="white",
        autosize=True,
    )
