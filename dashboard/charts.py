"""Figure builders: pure functions from data to `go.Figure`, shared by the app and the exports.

Every figure carries its own title, a subtitle with the data's date span and filters, and a source
line, so an exported PNG can go on a slide as it is. The map's base map is drawn from
`geodata/basemap` as filled Scattergeo traces with the geo layer hidden, so no topojson, tile or
font is ever fetched (in the browser or in kaleido).
"""

from __future__ import annotations

import functools
import html
import math
import re
import textwrap
from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from .gazetteer import Basemap, Feature
from .geodesy import densify

KIND_COLOURS = {
    "corridor": "#1f5fa8",
    "railway": "#7b3f9e",
    "oil pipeline": "#a3341c",
    "gas pipeline": "#e08a00",
    "cable": "#16877a",
    "port": "#14213d",
    "terminal": "#9b2226",
    "dry port": "#5a6b2f",
}
SOURCE_COLOURS = ["#264653", "#e76f51", "#2a9d8f", "#e9c46a", "#8d99ae", "#6d597a", "#b5838d"]
LAND = "#efece6"
BORDER = "#b9b4aa"
SEA = "#dce8f1"
DISRUPTION_COLOUR = "#d62828"
FONT = dict(family="Liberation Sans, DejaVu Sans, Arial, sans-serif", color="#1d2733")
DEFAULT_VIEW = (27.0, 73.0, 42.0)  # west, east, centre latitude: the Black Sea to the Aral Sea
APP_MAP_ASPECT = 1.45  # width / height of the plotting area in the app's map column
CLICK_STEP_KM = 12.0
DRAWN_TOLERANCE_DEG = 0.02
MIN_ISLAND_DEG2 = 0.001
CLICK_TARGET_SIZE = 14  # px: a click this close to a route's line selects it
# Plotly scores a click on a marker as max(distance - radius, 1 - 3/radius) and picks the lowest, so
# a big port marker loses to any route click target whose radius covers the click. Route targets
# therefore keep clear of each port by its radius plus theirs, in pixels at the default view of a
# map about this wide (the app's map column in a 1600-px window).
REFERENCE_MAP_WIDTH_PX = 675
MAP_CLICK_TRACE = "click targets"
MAP_MARGINS = (10, 10, 80, 40)  # left, right, top, bottom: the plotting area's aspect depends on them
SIDE_LEGEND = dict(orientation="v", yanchor="top", y=1, xanchor="left", x=1.01, font=dict(size=12))
TOP_LEGEND = dict(orientation="h", yanchor="bottom", y=1.01, xanchor="left", x=0, font=dict(size=12))


SOURCE_ANNOTATION = "source"  # the name of a figure's source-line annotation (a slide has its own footer)


@dataclass(frozen=True)
class ChartMeta:
    """Title, subtitle and source line printed on a figure."""

    title: str
    subtitle: str = ""
    source: str = ""


def _frame_layout(meta: ChartMeta, bottom: int = 70, top: int = 80) -> dict:
    """Title, subtitle, source line and margins: what makes an exported chart stand on a slide."""
    layout = dict(
        title=dict(
            text=html.escape(meta.title),
            subtitle=dict(text=html.escape(meta.subtitle), font=dict(size=13, color="#5b6470")),
            x=0.01,
            xanchor="left",
            font=dict(size=20),
        ),
        font=FONT,
        paper_bgcolor="white",
        plot_bgcolor="white",
        margin=dict(l=10, r=10, t=top, b=bottom),
        annotations=[],
    )
    if meta.source:
        layout["annotations"].append(
            dict(
                text="<br>".join(html.escape(line) for line in textwrap.wrap(meta.source, 130)),
                xref="paper",
                yref="paper",
                x=0,
                y=0,
                yshift=-bottom + 12,
                xanchor="left",
                yanchor="bottom",
                showarrow=False,
                align="left",
                font=dict(size=11, color="#5b6470"),
                name=SOURCE_ANNOTATION,
            )
        )
    return layout


def _frame(fig: go.Figure, meta: ChartMeta, bottom: int = 70, top: int = 80) -> go.Figure:
    layout = _frame_layout(meta, bottom, top)
    for annotation in layout.pop("annotations"):
        fig.add_annotation(annotation)
    return fig.update_layout(layout)


def _empty(fig: go.Figure, message: str) -> go.Figure:
    fig.add_annotation(
        text=message, x=0.5, y=0.5, xref="paper", yref="paper", showarrow=False, font=dict(size=15, color="#5b6470")
    )
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return fig


# --- the map ------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=4)
def _land_arrays(basemap: Basemap) -> tuple[np.ndarray, np.ndarray]:
    """Every country ring, NaN-separated, as float32 arrays (sent to the browser as binary).

    Drawn a little simpler than stored (about 2 km; islets under ~10 km² left out): the browser
    fills these polygons on every redraw, and the stored detail only matters for checking ports."""
    import shapely

    lons: list[float] = []
    lats: list[float] = []
    for country in basemap.countries:
        for ring in country.rings:
            outline = shapely.Polygon(ring)
            if len(ring) > 3 and outline.area < MIN_ISLAND_DEG2:
                continue
            drawn = outline.exterior.simplify(DRAWN_TOLERANCE_DEG, preserve_topology=False).coords
            lons.extend([*(x for x, _ in drawn), math.nan])
            lats.extend([*(y for _, y in drawn), math.nan])
    return np.array(lons, dtype=np.float32), np.array(lats, dtype=np.float32)


@functools.lru_cache(maxsize=512)
def _line_arrays(feature: Feature) -> tuple[tuple[np.ndarray, np.ndarray], ...]:
    return tuple((np.array([p[0] for p in line]), np.array([p[1] for p in line])) for line in feature.lines)


@functools.lru_cache(maxsize=512)
def _click_arrays(feature: Feature, ports: tuple[tuple[float, float, float], ...]) -> tuple[np.ndarray, np.ndarray]:
    """A route's click targets, leaving a gap around each port (lon, lat, marker size in px) so that a
    click on the port's marker picks the port."""
    points = np.array([point for line in feature.lines for point in densify(line, CLICK_STEP_KM)], dtype=np.float32)
    km_per_px_at_equator = (DEFAULT_VIEW[1] - DEFAULT_VIEW[0]) * 111.32 / REFERENCE_MAP_WIDTH_PX
    keep = np.ones(len(points), dtype=bool)
    for lon, lat, size in ports:
        shrink = math.cos(math.radians(lat))
        clearance_km = (size / 2 + CLICK_TARGET_SIZE / 2 + 1) * km_per_px_at_equator * shrink
        east_km = (points[:, 0] - lon) * 111.32 * shrink
        north_km = (points[:, 1] - lat) * 111.32
        keep &= east_km**2 + north_km**2 > clearance_km**2
    return points[keep, 0], points[keep, 1]


def _click_trace(lon, lat, ids: list[str], hover, size: float = CLICK_TARGET_SIZE) -> dict:
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
        hovertext=hover,
        hovertemplate="%{hovertext}<extra></extra>",
        showlegend=False,
        name=MAP_CLICK_TRACE,
    )


def _port_size(articles: int, most: int) -> float:
    """Marker diameter in px: sized by distinct articles."""
    return 9 + 16 * math.sqrt(articles / most)


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
                textfont=dict(size=12, color="#6f8aa3"),
                hoverinfo="skip",
                showlegend=False,
                name="sea names",
            )
        )
    return traces


def _hover(feature: Feature, articles: int, mentions: int) -> str:
    lines = [f"<b>{html.escape(feature.name)}</b>", html.escape(f"{feature.kind} · {feature.status}")]
    if feature.get("capacity"):
        lines.append("Capacity: " + html.escape(str(feature.get("capacity"))))
    if feature.get("length_km"):
        lines.append(f"Length: {feature.get('length_km'):,} km")
    lines.append(f"{articles} article{'s' * (articles != 1)}, {mentions} mention{'s' * (mentions != 1)}")
    return "<br>".join(lines)


def _short_name(feature: Feature) -> str:
    """A map label: the feature's `label`, else its first alias (`Aktau`, not the port's full name)."""
    return feature.get("label") or (feature.aliases[0].name if feature.aliases else feature.name)


def _line_width(articles: int, most: int) -> float:
    return 2.0 + 6.0 * math.sqrt(articles / most) if most else 2.0


def map_aspect(width: float, height: float) -> float:
    """Width / height of the map's plotting area in a figure of that size (to fill it exactly)."""
    left, right, top, bottom = MAP_MARGINS
    return (width - left - right) / (height - top - bottom)


def mercator_lat_range(lon_span: float, centre_lat: float, aspect: float) -> tuple[float, float]:
    """Latitudes that make a Mercator view of `lon_span` degrees fill a frame of `aspect` (w/h)."""
    height = math.radians(lon_span) / aspect
    centre = math.log(math.tan(math.pi / 4 + math.radians(centre_lat) / 2))

    def lat(y: float) -> float:
        return math.degrees(2 * math.atan(math.exp(y)) - math.pi / 2)

    return lat(centre - height / 2), lat(centre + height / 2)


def _joined(arrays) -> tuple[np.ndarray, np.ndarray]:
    """Several lines as one NaN-separated line: one trace instead of many keeps reruns fast."""
    lons = [a for lon, _ in arrays for a in (lon, np.array([np.nan]))]
    lats = [a for _, lat in arrays for a in (lat, np.array([np.nan]))]
    return np.concatenate(lons), np.concatenate(lats)


def _line_trace(coordinates: tuple[np.ndarray, np.ndarray], line: dict, **extra) -> dict:
    lon, lat = coordinates
    return dict(type="scattergeo", lon=lon, lat=lat, mode="lines", line=line, hoverinfo="skip", **extra)


def _anchor(feature: Feature) -> tuple[float, float]:
    """Where a mark sits: a port's point, or the middle vertex of a route's longest line."""
    if not feature.is_route:
        return feature.point
    line = max(feature.lines, key=len)
    return tuple(line[len(line) // 2][:2])


def _marked_trace(features: list[Feature]) -> dict:
    """A red disc with "!" on each feature with a disruption in the window; it takes no clicks, so a
    click still picks the route or port under it."""
    anchors = [_anchor(f) for f in features]
    return dict(
        type="scattergeo",
        lon=[a[0] for a in anchors],
        lat=[a[1] for a in anchors],
        mode="markers+text",
        text=["!"] * len(features),
        textposition="middle center",
        textfont=dict(size=12, color="white", family=FONT["family"], weight="bold"),
        marker=dict(size=19, color=DISRUPTION_COLOUR, line=dict(color="white", width=2)),
        hoverinfo="skip",
        name="disruption in window",
        legendgroup="disruption",
    )


def map_figure(
    features: list[Feature],
    basemap: Basemap,
    stats: dict[str, tuple[int, int]],
    meta: ChartMeta,
    selected: str | None = None,
    aspect: float = APP_MAP_ASPECT,
    view: tuple[float, float, float] = DEFAULT_VIEW,
    marked: frozenset[str] = frozenset(),
) -> go.Figure:
    """Routes coloured by kind, width by articles; ports sized by articles; sea legs dashed; a red
    "!" on each feature in `marked` (a disruption in the digest's window).

    `stats` maps feature id -> (distinct articles, mentions). Each route also gets invisible points
    every ~12 km carrying its id in `customdata`, so a click anywhere on a line selects it.
    """
    traces: list = _basemap_traces(basemap)
    routes = [f for f in features if f.is_route]
    ports = [f for f in features if not f.is_route]
    most = max([stats.get(f.id, (0, 0))[0] for f in features] + [1])
    legend_done: set[str] = set()
    for feature in sorted(routes, key=lambda f: (f.id == selected, stats.get(f.id, (0, 0))[0])):
        articles, _ = stats.get(feature.id, (0, 0))
        width = _line_width(articles, most)
        arrays = _line_arrays(feature)
        if feature.id == selected:  # a halo under the selected route
            traces.append(_line_trace(_joined(arrays), dict(color="#ffd166", width=width + 7), showlegend=False))
        by_dash: dict[str, list] = {}
        for line, leg in zip(arrays, feature.legs, strict=True):
            dash = "dash" if leg.get("mode") == "sea" else "dot" if feature.status == "proposed" else "solid"
            by_dash.setdefault(dash, []).append(line)
        for dash, lines in by_dash.items():
            traces.append(
                _line_trace(
                    _joined(lines),
                    dict(color=KIND_COLOURS.get(feature.kind, "#555"), width=width, dash=dash),
                    opacity=1.0 if articles or feature.id == selected else 0.55,
                    name=feature.kind,
                    legendgroup=feature.kind,
                    showlegend=feature.kind not in legend_done,
                )
            )
            legend_done.add(feature.kind)
    for label, dash in (("sea leg", "dash"), ("proposed", "dot")):
        traces.append(
            dict(
                type="scattergeo",
                lon=[None],
                lat=[None],
                mode="lines",
                line=dict(color="#555", width=2, dash=dash),
                name=label,
                legendgroup=label,
            )
        )
    # Ports are clicked through one invisible trace ahead of the routes' and the drawn markers (which
    # take no clicks), its markers as small as the smallest drawn one: plotly scores a click inside
    # a marker by its radius (smaller wins), then breaks ties by trace order (so a port beats a route)
    # and within a trace for the last point (so of two overlapping ports, the one with more news).
    by_news = sorted(ports, key=lambda f: stats.get(f.id, (0, 0))[0])
    if by_news:
        traces.append(
            _click_trace(
                [f.point[0] for f in by_news],
                [f.point[1] for f in by_news],
                [f.id for f in by_news],
                [_hover(f, *stats.get(f.id, (0, 0))) for f in by_news],
                size=_port_size(0, most),
            )
        )
    port_sizes = tuple((*f.point, _port_size(stats.get(f.id, (0, 0))[0], most)) for f in ports)
    for feature in routes:  # one invisible, clickable trace per route, its id on every point
        lon, lat = _click_arrays(feature, port_sizes)
        traces.append(_click_trace(lon, lat, [feature.id] * len(lon), _hover(feature, *stats.get(feature.id, (0, 0)))))
    for kind in ("port", "terminal", "dry port"):
        group = [f for f in ports if f.kind == kind]
        if not group:
            continue
        counts = [stats.get(f.id, (0, 0))[0] for f in group]
        traces.append(
            dict(
                type="scattergeo",
                lon=[f.point[0] for f in group],
                lat=[f.point[1] for f in group],
                mode="markers+text",
                # Name only what is in the news (or selected): a coast of labels is unreadable.
                text=[
                    html.escape(_short_name(f)) if n or f.id == selected else ""
                    for f, n in zip(group, counts, strict=True)
                ],
                textposition=[f.get("label_position", "middle right") for f in group],
                textfont=dict(size=11, color="#1d2733"),
                marker=dict(
                    size=[_port_size(n, most) for n in counts],
                    color=KIND_COLOURS[kind],
                    line=dict(
                        color=["#ffd166" if f.id == selected else "white" for f in group],
                        width=[4 if f.id == selected else 1 for f in group],
                    ),
                    symbol="square" if kind == "dry port" else "diamond" if kind == "terminal" else "circle",
                ),
                selected=dict(marker=dict(opacity=1)),
                unselected=dict(marker=dict(opacity=1)),
                hoverinfo="skip",
                name=kind,
                legendgroup=kind,
            )
        )
    if marked:
        traces.append(_marked_trace([f for f in features if f.id in marked]))
    west, east, centre_lat = view
    geo = dict(
        visible=False,
        bgcolor=SEA,
        projection=dict(type="mercator"),
        lonaxis=dict(range=[west, east]),
        lataxis=dict(range=list(mercator_lat_range(east - west, centre_lat, aspect))),
    )
    layout = dict(
        _frame_layout(meta, bottom=MAP_MARGINS[3], top=MAP_MARGINS[2]),
        geo=geo,
        height=640,
        uirevision="map",
        clickmode="event+select",
        dragmode="pan",
        legend=dict(
            orientation="h", yanchor="bottom", y=0.0, x=0.01, bgcolor="rgba(255,255,255,0.85)", font=dict(size=12)
        ),
        hoverlabel=dict(bgcolor="white", font=dict(size=13)),
    )
    return go.Figure(data=traces, layout=layout)


# --- counts -------------------------------------------------------------------------------------


def _names(features: list[Feature]) -> dict[str, str]:
    return {f.id: f.name for f in features}


def _label_names(features: list[Feature], limit: int = 32) -> dict[str, str]:
    """Names for legends and axis labels: without their parenthesised aliases, at most `limit` characters."""
    labels = {}
    for f in features:
        name = re.sub(r"\s*\([^)]*\)", "", f.name).strip() or f.name
        labels[f.id] = name if len(name) <= limit else name[: limit - 1].rstrip() + "\u2026"
    return labels


def source_colours(sources: list[str]) -> dict[str, str]:
    return {s: SOURCE_COLOURS[i % len(SOURCE_COLOURS)] for i, s in enumerate(sorted(sources))}


def feature_counts_figure(
    by_source: pd.DataFrame, features: list[Feature], all_sources: list[str], meta: ChartMeta
) -> go.Figure:
    """Distinct articles per feature, stacked by source; most discussed at the top."""
    fig = go.Figure()
    if by_source.empty:
        return _frame(_empty(fig, "No mentions match the filters."), meta)
    names = _names(features)
    totals = by_source.groupby("feature_id", observed=True)["articles"].sum().sort_values()
    order = [str(f) for f in totals.index]
    colours = source_colours(all_sources)
    for source in sorted(by_source["source"].unique()):
        part = by_source[by_source["source"] == source].set_index("feature_id")["articles"]
        fig.add_trace(
            go.Bar(
                y=[html.escape(names.get(fid, fid)) for fid in order],
                x=[int(part.get(fid, 0)) for fid in order],
                orientation="h",
                name=html.escape(str(source)),
                marker_color=colours.get(source, "#888"),
                hovertemplate="%{y}<br>%{x} articles<extra>" + html.escape(str(source)) + "</extra>",
            )
        )
    fig.update_layout(barmode="stack", height=max(340, 150 + 30 * len(order)), legend=TOP_LEGEND)
    fig.update_xaxes(title="distinct articles", dtick=1 if totals.max() <= 10 else None, gridcolor="#e5e5e5")
    return _frame(fig, meta, bottom=100, top=120)


def timeline_figure(by_month: pd.DataFrame, features: list[Feature], meta: ChartMeta, top: int = 8) -> go.Figure:
    """Articles per month for the most discussed features, stacked, on a real time axis (a year with no
    article shows as a gap); undated articles are counted in a note, as they have no place on it."""
    fig = go.Figure()
    if by_month.empty:
        return _frame(_empty(fig, "No mentions match the filters."), meta)
    names, labels = _names(features), _label_names(features)
    colour_of = {f.id: KIND_COLOURS.get(f.kind, "#777") for f in features}
    leaders = by_month.groupby("feature_id", observed=True)["articles"].sum().nlargest(top).index.astype(str).tolist()
    months = sorted(m for m in by_month["month"].unique() if m != "undated")
    starts = pd.to_datetime([f"{m}-01" for m in months])
    palette = ["#1f5fa8", "#a3341c", "#e08a00", "#7b3f9e", "#16877a", "#14213d", "#9b2226", "#5a6b2f"]
    for number, fid in enumerate(leaders):
        part = by_month[by_month["feature_id"] == fid].set_index("month")["articles"]
        fig.add_trace(
            go.Bar(
                x=starts,
                y=[int(part.get(m, 0)) for m in months],
                xperiod="M1",
                xperiodalignment="middle",
                name=html.escape(labels.get(fid, fid)),
                marker_color=palette[number % len(palette)] if len(leaders) > 1 else colour_of.get(fid),
                customdata=months,
                hovertemplate="%{customdata}: %{y} articles<extra>" + html.escape(names.get(fid, fid)) + "</extra>",
            )
        )
    undated = by_month[(by_month["month"] == "undated") & by_month["feature_id"].astype(str).isin(leaders)]
    if len(undated):
        fig.add_annotation(
            text=f"Not on the time axis: {int(undated['articles'].sum())} undated article mentions",
            xref="paper",
            yref="paper",
            x=1,
            y=1,
            xanchor="right",
            yanchor="bottom",
            showarrow=False,
            font=dict(size=12, color="#5b6470"),
        )
    fig.update_layout(barmode="stack", height=460, legend=SIDE_LEGEND, bargap=0.15)
    if months:
        fig.update_xaxes(
            type="date",
            range=[starts.min() - pd.Timedelta(days=45), starts.max() + pd.Timedelta(days=76)],
            title="month (published, else first seen)",
        )
    fig.update_yaxes(
        title="articles per route or port, stacked",
        gridcolor="#e5e5e5",
        dtick=1 if by_month["articles"].max() <= 10 else None,
    )
    return _frame(fig, meta, bottom=100, top=90)  # a side legend: long names never grow into the title


def co_mention_figure(pairs: pd.DataFrame, features: list[Feature], meta: ChartMeta, top: int = 12) -> go.Figure:
    """Which routes and ports are discussed together: articles mentioning both."""
    fig = go.Figure()
    if pairs.empty:
        return _frame(_empty(fig, "No article mentions two features together."), meta)
    names, short = _names(features), _label_names(features)
    weight = (
        pd.concat([pairs.groupby("a")["articles"].sum(), pairs.groupby("b")["articles"].sum()]).groupby(level=0).sum()
    )
    ids = weight.nlargest(top).index.tolist()
    labels = [html.escape(short.get(i, i)) for i in ids]
    full = [html.escape(names.get(i, i)) for i in ids]
    matrix = [[0] * len(ids) for _ in ids]
    position = {fid: n for n, fid in enumerate(ids)}
    for row in pairs.itertuples():
        if row.a in position and row.b in position:
            matrix[position[row.a]][position[row.b]] = row.articles
            matrix[position[row.b]][position[row.a]] = row.articles
    fig.add_trace(
        go.Heatmap(
            z=matrix,
            x=labels,
            y=labels,
            colorscale=[[0, "#f7f7f7"], [0.0001, "#d6e4f0"], [1, "#1f5fa8"]],
            customdata=[[f"{a} + {b}" for b in full] for a in full],
            hovertemplate="%{customdata}: %{z} articles<extra></extra>",
            colorbar=dict(title="articles", dtick=1 if max(map(max, matrix)) <= 10 else None),
            xgap=2,
            ygap=2,
            text=[[str(v) if v else "" for v in row] for row in matrix],
            texttemplate="%{text}",
        )
    )
    fig.update_layout(height=max(380, 140 + 38 * len(ids)))
    fig.update_xaxes(tickangle=-35)
    fig.update_yaxes(autorange="reversed")
    return _frame(fig, meta, bottom=175)  # room for the rotated labels above the source line


CURRENCY_LABELS_MAX = 40


def currency_figure(history: pd.DataFrame, meta: ChartMeta) -> go.Figure:
    """Local currency per US dollar, one small panel per pair, on a real time axis: a 7-week gap and a
    9-month gap between snapshots look as different as they are. `history` is `rates.rate_history`."""
    dated = history[history["as_of"].notna()] if len(history) else history
    if dated.empty:
        return _frame(_empty(go.Figure(), "No dated currency ticker in the pages."), meta)
    pairs = sorted(dated["pair"].unique())
    fig = make_subplots(
        rows=1, cols=len(pairs), subplot_titles=[f"{p.split('/')[0]} per USD" for p in pairs], horizontal_spacing=0.06
    )
    when = pd.to_datetime(dated["as_of"], errors="coerce")
    first, last = when.min(), when.max()
    margin = max((last - first) * 0.12, pd.Timedelta(days=20))
    for column, pair in enumerate(pairs, 1):
        part = dated[dated["pair"] == pair]
        # A value label on each point only while they fit: 20,000 pages made 100,000 labelled points.
        labelled = len(part) <= CURRENCY_LABELS_MAX
        currency = html.escape(pair.split("/")[0])
        fig.add_trace(
            go.Scatter(
                x=when[part.index],
                y=part["per_usd"],
                mode="lines+markers+text" if labelled else "lines",
                text=[t.split(" (")[0] for t in part["per_usd_text"]] if labelled else None,
                textposition="top center",
                cliponaxis=False,
                line=dict(color="#1f5fa8", width=2),
                marker=dict(size=7),
                customdata=list(zip(part["as_of"], part["per_usd_text"], part["rate_text"], strict=True)),
                hovertemplate=(
                    "%{customdata[0]}: %{customdata[1]} "
                    + currency
                    + " per USD<br>(ticker: %{customdata[2]} USD per "
                    + currency
                    + ")<extra></extra>"
                ),
                showlegend=False,
            ),
            row=1,
            col=column,
        )
        values = part["per_usd"]
        pad = (values.max() - values.min()) * 0.25 or values.max() * 0.05 or 1
        fig.update_yaxes(range=[values.min() - pad, values.max() + pad * 2], row=1, col=column, gridcolor="#e5e5e5")
        fig.update_xaxes(
            type="date", range=[first - margin, last + margin], tickformat="%b %Y", nticks=4, row=1, col=column
        )
    fig.update_layout(height=400)
    fig.update_annotations(yshift=8, font=dict(size=13))  # the pair titles, clear of the axes
    return _frame(fig, meta, bottom=80, top=130)


# --- every chart of one view ----------------------------------------------------------------------


@dataclass(frozen=True)
class Chart:
    name: str  # file-name stem, e.g. "mentions-by-feature"
    title: str
    figure: go.Figure
    data: pd.DataFrame | None  # what the chart shows, for CSV; None for the map (GeoJSON instead)


MAP_TITLE = "Corridors, pipelines and ports in the news"


def map_chart(
    view, gazetteer, selected: str | None = None, aspect: float = APP_MAP_ASPECT, marked: frozenset[str] = frozenset()
) -> Chart:
    """The map for one view and selection, with its data (features and their counts); `marked`
    features get a disruption mark."""
    names = _names(view.features)
    chosen = f"; selected: {names[selected]}" if selected in names else ""
    meta = ChartMeta(MAP_TITLE, view.subtitle() + chosen, view.source_line(base_map=True))
    totals = view.totals.reset_index().rename(columns={"index": "feature_id"})
    totals.insert(1, "name", [names.get(str(f), str(f)) for f in totals["feature_id"]])
    figure = map_figure(view.features, gazetteer.basemap, view.stats(), meta, selected, aspect=aspect, marked=marked)
    return Chart("map", MAP_TITLE, figure, totals)


def count_charts(view, rate_history: pd.DataFrame) -> dict[str, Chart]:
    """The charts that do not depend on the selection: counts, time, co-mentions, currencies."""
    names = _names(view.features)

    def meta(title: str) -> ChartMeta:
        return ChartMeta(title, view.subtitle(), view.source_line())

    by_feature = "Articles mentioning each route or port, by source"
    over_time = "Articles per month for the most discussed routes and ports"
    together = "Routes and ports discussed together"
    rates = "Local currency per US dollar (Times of Central Asia ticker)"
    charts = [
        Chart(
            "mentions-by-feature",
            by_feature,
            feature_counts_figure(view.by_source, view.features, view.sources, meta(by_feature)),
            view.by_source.assign(name=[names.get(str(f), str(f)) for f in view.by_source["feature_id"]]),
        ),
        Chart(
            "mentions-over-time",
            over_time,
            timeline_figure(view.by_month, view.features, meta(over_time)),
            view.by_month,
        ),
        Chart("co-mentions", together, co_mention_figure(view.pairs, view.features, meta(together)), view.pairs),
        Chart(
            "currencies",
            rates,
            currency_figure(
                rate_history,
                ChartMeta(
                    rates,
                    _rate_subtitle(rate_history),
                    "Source: Times of Central Asia currency ticker, as of each listing page's date.",
                ),
            ),
            rate_history,
        ),
    ]
    return {chart.name: chart for chart in charts}


def build_charts(
    view,
    gazetteer,
    rate_history: pd.DataFrame,
    selected: str | None = None,
    aspect: float = APP_MAP_ASPECT,
    marked: frozenset[str] = frozenset(),
) -> dict[str, Chart]:
    """All charts for one view (filters + selection): the app shows them, the exports write them."""
    return {"map": map_chart(view, gazetteer, selected, aspect, marked), **count_charts(view, rate_history)}


def _rate_subtitle(history: pd.DataFrame) -> str:
    if history.empty:
        return "no snapshots"
    dates = sorted(history["as_of"].dropna().unique())
    return (
        f"{len(dates)} ticker dates, {dates[0]} to {dates[-1]}; 1 / the ticker's USD rate (hover: the range its "
        "rounding allows)"
        if dates
        else "undated snapshots"
    )
