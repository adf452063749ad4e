"""Figure builders: pure functions from data to `go.Figure`, shared by the app and the exports.

Every figure carries its own title, a subtitle with the data's date span and filters, and a source
line, so an exported PNG can go on a slide as it is (`chart_frame`). The map is built in `geomap`.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from .chart_frame import KIND_COLOURS, ChartMeta
from .chart_frame import SOURCE_ANNOTATION as SOURCE_ANNOTATION  # export.sizing imports it from here
from .chart_frame import empty as _empty
from .chart_frame import frame as _frame
from .gazetteer import Feature
from .geomap import APP_MAP_ASPECT, map_figure
from .geomap import map_aspect as map_aspect  # the export frames its slide map with it

SOURCE_COLOURS = ["#264653", "#e76f51", "#2a9d8f", "#e9c46a", "#8d99ae", "#6d597a", "#b5838d"]
SIDE_LEGEND = dict(orientation="v", yanchor="top", y=1, xanchor="left", x=1.01, font=dict(size=12))
TOP_LEGEND = dict(orientation="h", yanchor="bottom", y=1.01, xanchor="left", x=0, font=dict(size=12))


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
    view,
    gazetteer,
    selected: str | None = None,
    aspect: float = APP_MAP_ASPECT,
    marked: frozenset[str] = frozenset(),
    framed: bool = True,
) -> Chart:
    """The map for one view, with its data (features and their counts). `selected` and `marked`: see
    `geomap.map_figure`; `framed=False`: the app's map (no title, fixed size)."""
    names = _names(view.features)
    chosen = f"; selected: {names[selected]}" if selected in names else ""
    meta = ChartMeta(MAP_TITLE, view.subtitle() + chosen, view.source_line(base_map=True))
    totals = view.totals.reset_index().rename(columns={"index": "feature_id"})
    totals.insert(1, "name", [names.get(str(f), str(f)) for f in totals["feature_id"]])
    figure = map_figure(
        view.features, gazetteer.basemap, view.stats(), meta, selected, aspect=aspect, marked=marked, framed=framed
    )
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
