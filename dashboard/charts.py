"""Figure builders: pure functions from data to `go.Figure`, shared by the app and the exports.

Every figure carries its own title, a subtitle with the data's date span and filters, and a source
line, so an exported PNG can go on a slide as it is (`chart_frame`). The map is built in `geomap`.
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from .chart_frame import LEGEND_CHARS, ChartMeta, legend_band, short_label
from .chart_frame import SOURCE_ANNOTATION as SOURCE_ANNOTATION  # export.sizing imports it from here
from .chart_frame import empty as _empty
from .chart_frame import frame as _frame
from .dates import UNDATED
from .features import short_name
from .gazetteer import Feature
from .geomap import APP_MAP_ASPECT, map_figure
from .geomap import map_aspect as map_aspect  # the export frames its slide map with it
from .style import GRID, NO_COLOUR, OTHERS, TYPE, feature_colours, source_colours, source_groups

FEATURES_SHOWN = 8  # bars of "mentions by feature" and rows of "co-mentions" that read on a slide
AXIS_LABEL_CHARS = 26  # a feature's name as a category label
AXIS_ROOM = 58  # layout px for an axis's tick labels and its title
TIMELINE_SHOWN = 9  # features stacked in "over time": three legend rows
CURRENCY_MIN_SPAN = 0.02  # a currency panel spans at least 2% of its level: a 0.1% move is no cliff
CURRENCY_LINE = "#1f5fa8"


# --- counts -------------------------------------------------------------------------------------


def _names(features: list[Feature]) -> dict[str, str]:
    return {f.id: f.name for f in features}


def _label_names(features: list[Feature], limit: int = 32) -> dict[str, str]:
    """Names for legends and axis labels: each feature's short name, at most `limit` characters."""
    return {f.id: short_label(short_name(f), limit) for f in features}


def _shown_note(shown: int, total: int, what: str) -> str:
    """ "top 10 of 24 routes and ports, all in the CSV" where not everything is drawn."""
    return f"top {shown} of {total}, all in the CSV" if shown < total else ""


def _count_ticks(most: float) -> dict:
    """Whole-number ticks, at most about five of them."""
    return dict(dtick=max(1, math.ceil(most / 4)), tick0=0, rangemode="tozero")


def _titled(title: str, note: str) -> str:
    """An axis title with its note ("top 10 of 24 ...") after it."""
    return f"{title} · {note}" if note else title


def feature_counts_figure(
    by_source: pd.DataFrame,
    features: list[Feature],
    all_sources: list[str],
    meta: ChartMeta,
    top: int = FEATURES_SHOWN,
) -> go.Figure:
    """Distinct articles per feature, stacked by source, the `top` most discussed (the most at the top);
    up to twelve sources by name, the rest as "others"."""
    fig = go.Figure()
    if by_source.empty:
        return _frame(_empty(fig, "No mentions match the filters."), meta)
    names, labels = _names(features), _label_names(features, AXIS_LABEL_CHARS)
    totals = by_source.groupby("feature_id", observed=True)["articles"].sum().sort_values(ascending=False)
    order = [str(f) for f in totals.index[:top]][::-1]
    ranked = by_source.groupby("source", observed=True)["articles"].sum().sort_values(ascending=False)
    groups = source_groups([str(s) for s in ranked.index])
    drawn = by_source.assign(source=by_source["source"].astype(str).map(groups))
    drawn = drawn.groupby(["feature_id", "source"], observed=True)["articles"].sum().reset_index()
    colours = source_colours(list(dict.fromkeys(groups.values())))
    for source in colours:
        part = drawn[drawn["source"] == source].set_index("feature_id")["articles"]
        shown = OTHERS_SHOWN.format(len([s for s, g in groups.items() if g == OTHERS])) if source == OTHERS else source
        fig.add_trace(
            go.Bar(
                y=[html.escape(labels.get(fid, fid)) for fid in order],
                x=[int(part.get(fid, 0)) for fid in order],
                orientation="h",
                name=html.escape(short_label(str(shown))),
                marker_color=colours[source],
                customdata=[html.escape(names.get(fid, fid)) for fid in order],
                hovertemplate="%{customdata}<br>%{x} articles<extra>" + html.escape(str(shown)) + "</extra>",
            )
        )
    legend, band = legend_band(len(colours))
    fig.update_layout(barmode="stack", height=max(380, 200 + band + 26 * len(order)), legend=legend, bargap=0.25)
    note = _shown_note(len(order), len(totals), "routes and ports")
    fig.update_xaxes(
        title=_titled("distinct articles", note),
        ticklabelstandoff=4,
        gridcolor=GRID,
        automargin=False,
        **_count_ticks(totals.max()),
    )
    fig.update_yaxes(automargin=True, tickfont=dict(size=TYPE.axis))
    return _frame(fig, meta, bottom=AXIS_ROOM, top=band)


def timeline_figure(
    by_month: pd.DataFrame, features: list[Feature], meta: ChartMeta, leaders: list[str], undated: int
) -> go.Figure:
    """Articles per month for the `leaders` (the most discussed features), stacked, each in its map
    colour, on a real time axis (a year with no article shows as a gap); the `undated` articles naming
    them are counted in a note, as they have no place on it (both from `analysis.View`)."""
    fig = go.Figure()
    if by_month.empty:
        return _frame(_empty(fig, "No mentions match the filters."), meta)
    names, labels = _names(features), _label_names(features, LEGEND_CHARS)
    colour_of = feature_colours(features)
    shown_of = by_month["feature_id"].nunique()
    months = sorted(m for m in by_month["month"].unique() if m != UNDATED)
    starts = pd.to_datetime([f"{m}-01" for m in months])
    for fid in leaders:
        part = by_month[by_month["feature_id"] == fid].set_index("month")["articles"]
        fig.add_trace(
            go.Bar(
                x=starts,
                y=[int(part.get(m, 0)) for m in months],
                xperiod="M1",
                xperiodalignment="middle",
                name=html.escape(labels.get(fid, fid)),
                marker_color=colour_of.get(fid, NO_COLOUR),
                customdata=months,
                hovertemplate="%{customdata}: %{y} articles<extra>" + html.escape(names.get(fid, fid)) + "</extra>",
            )
        )
    dated = by_month[(by_month["month"] != UNDATED) & by_month["feature_id"].astype(str).isin(leaders)]
    stacked = dated.groupby("month")["articles"].sum().max() if len(dated) else 1
    notes = [_shown_note(len(leaders), shown_of, "routes and ports")]
    if undated:
        notes.append(f"{undated} undated article{'s' * (undated != 1)} not shown")
    legend, band = legend_band(len(leaders))
    fig.update_layout(barmode="stack", height=440 + band, legend=legend, bargap=0.15)
    note = " · ".join(n for n in notes if n)
    if months:
        fig.update_xaxes(
            type="date",
            range=[starts.min() - pd.Timedelta(days=45), starts.max() + pd.Timedelta(days=76)],
            title=_titled("month (published, else first seen)", note),
            nticks=8,
            automargin=False,
        )
    fig.update_yaxes(title="articles", gridcolor=GRID, automargin=True, **_count_ticks(stacked))
    return _frame(fig, meta, bottom=AXIS_ROOM, top=band)


def co_mention_figure(
    pairs: pd.DataFrame, features: list[Feature], meta: ChartMeta, top: int = FEATURES_SHOWN
) -> go.Figure:
    """Which routes and ports are discussed together: articles mentioning both. Rows carry the names
    with a number, columns the same numbers, so no label is turned or cut."""
    fig = go.Figure()
    if pairs.empty:
        return _frame(_empty(fig, "No article mentions two features together."), meta)
    names, short = _names(features), _label_names(features, AXIS_LABEL_CHARS)
    weight = (
        pd.concat([pairs.groupby("a")["articles"].sum(), pairs.groupby("b")["articles"].sum()]).groupby(level=0).sum()
    )
    ids = weight.nlargest(top).index.tolist()
    rows = [f"{html.escape(short.get(i, i))}  {n}" for n, i in enumerate(ids, 1)]
    columns = [str(n) for n in range(1, len(ids) + 1)]
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
            x=columns,
            y=rows,
            colorscale=[[0, "#f7f7f7"], [0.0001, "#d6e4f0"], [1, "#1f5fa8"]],
            customdata=[[f"{a} + {b}" for b in full] for a in full],
            hovertemplate="%{customdata}: %{z} articles<extra></extra>",
            showscale=False,
            xgap=2,
            ygap=2,
            text=[[str(v) if v else "" for v in row] for row in matrix],
            texttemplate="%{text}",
        )
    )
    fig.update_layout(height=max(380, 160 + 30 * len(ids)))
    note = _shown_note(len(ids), len(weight), "routes and ports discussed together")
    fig.update_xaxes(side="top", title=_titled("articles mentioning both", note))
    fig.update_yaxes(autorange="reversed", automargin=True)
    return _frame(fig, meta, bottom=20, top=AXIS_ROOM)


CURRENCY_LABELS_MAX = 40
OTHERS_SHOWN = "{} other sources"


def currency_figure(history: pd.DataFrame, meta: ChartMeta) -> go.Figure:
    """Local currency per US dollar, one small panel per pair, on a real time axis: a 7-week gap and a
    9-month gap between snapshots look as different as they are. Each panel spans at least 2% of its
    level, so a 0.1% move is not drawn as a cliff; values are in the hover and the CSV, not printed
    on the points (they overprint each other). `history` is `rates.rate_history`."""
    dated = history[history["as_of"].notna()] if len(history) else history
    if dated.empty:
        return _frame(_empty(go.Figure(), "No dated currency ticker in the pages."), meta)
    pairs = sorted(dated["pair"].unique())
    fig = make_subplots(
        rows=1, cols=len(pairs), subplot_titles=[f"{p.split('/')[0]} per USD" for p in pairs], horizontal_spacing=0.08
    )
    when = pd.to_datetime(dated["as_of"], errors="coerce")
    first, last = when.min(), when.max()
    margin = max((last - first) * 0.08, pd.Timedelta(days=20))
    long_span = last - first > pd.Timedelta(days=2 * 365)
    for column, pair in enumerate(pairs, 1):
        part = dated[dated["pair"] == pair]
        currency = html.escape(pair.split("/")[0])
        fig.add_trace(
            go.Scatter(
                x=when[part.index],
                y=part["per_usd"],
                mode="lines+markers" if len(part) <= CURRENCY_LABELS_MAX else "lines",
                line=dict(color=CURRENCY_LINE, width=2),
                marker=dict(size=6),
                # an array, not a list of tuples: plotly checks a list item by item (1 s at 12,000 snapshots)
                customdata=part[["as_of", "per_usd_text", "rate_text"]].to_numpy(dtype=object),
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
        low, high = float(part["per_usd"].min()), float(part["per_usd"].max())
        middle, span = (low + high) / 2, max(high - low, abs(low + high) / 2 * CURRENCY_MIN_SPAN)
        fig.update_yaxes(range=[middle - span * 0.6, middle + span * 0.6], nticks=5, row=1, col=column, gridcolor=GRID)
        fig.update_xaxes(
            type="date",
            range=[first - margin, last + margin],
            tickformat="%Y" if long_span else "%b<br>%Y",
            nticks=3,
            row=1,
            col=column,
        )
    fig.update_layout(height=400)
    fig.update_annotations(yshift=8, font=dict(size=TYPE.axis + 1))  # the pair titles, clear of the axes
    return _frame(fig, meta, bottom=50, top=34)


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

    leaders = view.leading_features(TIMELINE_SHOWN)
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
            timeline_figure(view.by_month, view.features, meta(over_time), leaders, view.undated_articles(leaders)),
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
