"""Figure builders for a route's record: its event signals over time (the status strip) and the
figures the press states about it (by the numbers). Pure functions to `go.Figure`, shared by the
card and the deck; page text reaches a figure only escaped (plotly renders tags in hovers).

Every clickable point carries its row number in `customdata`, so the card can show the sentence
behind the point the reader clicked.
"""

from __future__ import annotations

import html
from datetime import date, timedelta

import pandas as pd
import plotly.graph_objects as go

from .bynumbers import scale, unit_words
from .chart_frame import ChartMeta
from .chart_frame import empty as _empty
from .chart_frame import frame as _frame
from .dates import UNDATED
from .events import TAGS
from .newsstatus import Signal
from .style import TAG_COLOURS, source_colours

STRIP_SYMBOLS = {
    "disruption": "x",
    "restoration": "circle",
    "expansion": "triangle-up",
    "agreement": "diamond",
    "security": "square",
}


def _hover_text(value: str, limit: int = 90) -> str:
    """Page text for a hover: one line, cut to `limit` characters, escaped."""
    flat = " ".join(str(value).split())
    return html.escape(flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "\u2026")


def status_strip_figure(signals: list[Signal], meta: ChartMeta, height: int = 260) -> go.Figure:
    """One row per event tag, a mark per article that carries it, on a date axis; hover: the words
    that triggered it, the title, source and date; `customdata`: the signal's position in `signals`."""
    fig = go.Figure()
    if not signals:
        return _frame(_empty(fig, "No event signal in the dated articles."), meta, bottom=40)
    rows = list(reversed(TAGS))  # disruption on top
    for tag in TAGS:
        picked = [(n, s) for n, s in enumerate(signals) if s.tag == tag]
        if not picked:
            continue
        fig.add_trace(
            go.Scatter(
                x=[s.date[:10] for _, s in picked],
                y=[tag] * len(picked),
                mode="markers",
                name=tag,
                marker=dict(
                    color=TAG_COLOURS[tag], symbol=STRIP_SYMBOLS[tag], size=13, line=dict(width=1, color="white")
                ),
                customdata=[[n] for n, _ in picked],
                hovertext=[
                    f"<b>{_hover_text(s.trigger, 40)}</b><br>{_hover_text(s.title)}<br>"
                    f"{_hover_text(s.source, 40)} · {html.escape(s.date[:10])}"
                    for _, s in picked
                ],
                hovertemplate="%{hovertext}<extra></extra>",
                showlegend=False,
            )
        )
    fig.update_yaxes(
        categoryorder="array",
        categoryarray=rows,
        tickmode="array",
        tickvals=rows,  # every row labelled, however short the strip
        range=[-0.6, len(rows) - 0.4],
        fixedrange=True,
    )
    fig.update_xaxes(type="date", showgrid=True, gridcolor="#eef0f3", range=_padded([s.date for s in signals]))
    fig.update_layout(height=height, hovermode="closest", clickmode="event+select")
    return _framed(fig, meta)


def _framed(fig: go.Figure, meta: ChartMeta) -> go.Figure:
    """The shared frame; without a title (the card's figures: the card says what they show) the
    plot starts at the top."""
    _frame(fig, meta, bottom=40)
    if not (meta.title or meta.subtitle):
        fig.update_layout(margin_t=8)
    return fig


def _padded(days: list[str]) -> list[str]:
    """A date axis range with room for the marks at both ends (a twentieth of the span, at least 3 days)."""
    first, last = date.fromisoformat(min(days)[:10]), date.fromisoformat(max(days)[:10])
    pad = timedelta(days=max(3, (last - first).days // 20))
    return [(first - pad).isoformat(), (last + pad).isoformat()]


BOUND_SYMBOLS = {
    "exact": "circle",
    "about": "circle-open",
    "range": "line-ns-open",
    "at_least": "triangle-up",
    "at_most": "triangle-down",
}
DISAGREEING = "#d62828"


def figures_figure(table: pd.DataFrame, meta: ChartMeta, height: int = 240) -> go.Figure:
    """The dated statements of one measure (one unit and per: `bynumbers.figures_table` rows), a
    point per statement over time, coloured by source; a range is a bar from low to high, a bound a
    triangle pointing the way it leaves open, a statement that disagrees with another ringed red.
    Hover: the words as stated, the source, the date and the period; `customdata`: the table's index."""
    fig = go.Figure()
    dated = table[table["date"] != UNDATED]
    if dated.empty:
        return _frame(_empty(fig, "No dated statement of this measure."), meta, bottom=40)
    divisor, word = scale(float(dated["value"].abs().max()))
    colours = source_colours(sorted(dated["source"].astype(str).unique()))
    for source, rows in dated.groupby("source", sort=True):
        high = rows["value_high"].where(rows["bound"] == "range")
        fig.add_trace(
            go.Scatter(
                x=rows["date"].str[:10],
                y=rows["value"] / divisor,
                mode="markers",
                name=html.escape(str(source)),
                marker=dict(
                    color=colours[str(source)],
                    size=12,
                    symbol=[BOUND_SYMBOLS.get(b, "circle") for b in rows["bound"]],
                    line=dict(
                        width=[3 if d else 1 for d in rows["disagrees"]],
                        color=[DISAGREEING if d else "white" for d in rows["disagrees"]],
                    ),
                ),
                error_y=dict(
                    type="data",
                    symmetric=False,
                    array=((high - rows["value"]) / divisor).fillna(0).tolist(),
                    arrayminus=[0] * len(rows),
                    thickness=2,
                    width=4,
                    color=colours[str(source)],
                ),
                customdata=[[n] for n in rows.index],
                hovertext=[
                    f"<b>{_hover_text(r.stated, 60)}</b>{' · disagrees' * bool(r.disagrees)}<br>"
                    f"{_hover_text(r.source, 40)} · {html.escape(str(r.date)[:10])}"
                    + (f" · period {html.escape(str(r.period))}" if r.period else "")
                    for r in rows.itertuples()
                ],
                hovertemplate="%{hovertext}<extra></extra>",
            )
        )
    first = dated.iloc[0]
    fig.update_yaxes(title=dict(text=html.escape(unit_words(first["unit"], first["per"], word)), font=dict(size=13)))
    fig.update_yaxes(rangemode="tozero", gridcolor="#eef0f3")
    fig.update_xaxes(type="date", showgrid=False, range=_padded(dated["date"].tolist()))
    fig.update_layout(height=height, hovermode="closest", clickmode="event+select", legend=dict(font=dict(size=12)))
    return _framed(fig, meta)
