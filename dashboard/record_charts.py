"""Figure builders for a route's record: its event signals over time (the status strip) and the
figures the press states about it (by the numbers). Pure functions to `go.Figure`, shared by the
card and the deck; page text reaches a figure only escaped (plotly renders tags in hovers).

Every clickable point carries its row number in `customdata`, so the card can show the sentence
behind the point the reader clicked.
"""

from __future__ import annotations

import html

import plotly.graph_objects as go

from .chart_frame import TAG_COLOURS, ChartMeta
from .chart_frame import empty as _empty
from .chart_frame import frame as _frame
from .events import TAGS
from .newsstatus import Signal

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
    fig.update_yaxes(categoryorder="array", categoryarray=rows, range=[-0.6, len(rows) - 0.4], fixedrange=True)
    fig.update_xaxes(type="date", showgrid=True, gridcolor="#eef0f3")
    fig.update_layout(height=height, hovermode="closest", clickmode="event+select")
    return _frame(fig, meta, bottom=40 if not meta.source else 60, top=60)
