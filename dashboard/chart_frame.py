"""What every figure shares: fonts, colours, and the title/subtitle/source frame that lets an exported
chart stand on a slide as it is."""

from __future__ import annotations

import html
import textwrap
from dataclasses import dataclass

import plotly.graph_objects as go

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
TAG_COLOURS = {  # event signals: the card's strip, the "What's new" badges
    "disruption": "#d62828",
    "restoration": "#2a9d8f",
    "expansion": "#1f5fa8",
    "agreement": "#6d597a",
    "security": "#e76f51",
}
SOURCE_ANNOTATION = "source"  # the name of a figure's source-line annotation (a slide has its own footer)
FONT = dict(family="Liberation Sans, DejaVu Sans, Arial, sans-serif", color="#1d2733")


@dataclass(frozen=True)
class ChartMeta:
    """Title, subtitle and source line printed on a figure."""

    title: str
    subtitle: str = ""
    source: str = ""


def frame_layout(meta: ChartMeta, bottom: int = 70, top: int = 80) -> dict:
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


def frame(fig: go.Figure, meta: ChartMeta, bottom: int = 70, top: int = 80) -> go.Figure:
    layout = frame_layout(meta, bottom, top)
    for annotation in layout.pop("annotations"):
        fig.add_annotation(annotation)
    return fig.update_layout(layout)


def empty(fig: go.Figure, message: str) -> go.Figure:
    fig.add_annotation(
        text=message, x=0.5, y=0.5, xref="paper", yref="paper", showarrow=False, font=dict(size=15, color="#5b6470")
    )
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return fig
