"""What every figure shares: fonts, colours, and the title/subtitle/source frame that lets an exported
chart stand on a slide as it is."""

from __future__ import annotations

import html
import math
import textwrap
from dataclasses import dataclass

import plotly.graph_objects as go

from .style import FONT, MUTED, TYPE

# Named, not plotly's default: importing streamlit makes its own template the default, and the app's
# downloads must be the same pictures as the command line's.
TEMPLATE = "plotly_white"
SOURCE_ANNOTATION = "source"  # the name of a figure's source-line annotation (a slide has its own footer)


@dataclass(frozen=True)
class ChartMeta:
    """Title, subtitle and source line printed on a figure."""

    title: str
    subtitle: str = ""
    source: str = ""


SUBTITLE_CHARS = 95  # wrap widths that fit a chart slide's width once the fonts are scaled for it
SOURCE_CHARS = 95
LEGEND_CHARS = 22  # a legend entry's text, in a column a third of the plot wide
LEGEND_COLUMNS = 3
LEGEND_ROW = 1.6  # a horizontal legend's row, in font sizes (measured)


def _line_px(size: float) -> float:
    return size * 1.3


def title_room(meta: ChartMeta) -> float:
    """Layout px above the plot (and its legend band) that hold the title and the wrapped subtitle."""
    lines = len(textwrap.wrap(meta.subtitle, SUBTITLE_CHARS)) if meta.subtitle else 0
    return 14 + _line_px(TYPE.title) + lines * _line_px(TYPE.subtitle) + 12


def source_room(meta: ChartMeta) -> float:
    """Layout px under the axes that hold the wrapped source line."""
    lines = len(textwrap.wrap(meta.source, SOURCE_CHARS)) if meta.source else 0
    return lines * _line_px(TYPE.note) + 12 if lines else 0


def legend_band(entries: int, columns: int = LEGEND_COLUMNS) -> tuple[dict, float]:
    """A horizontal legend in its own band between the title and the plot, `columns` entries a row,
    and the band's height in layout px: the legend never lies over the plot, the title or itself.
    """
    columns = LEGEND_COLUMNS
    rows = math.ceil(entries / columns) if entries else 0
    legend = dict(
        orientation="h",
        x=0,
        xanchor="left",
        y=1,
        yanchor="bottom",
        entrywidth=1 / columns - 0.01,
        entrywidthmode="fraction",
        font=dict(size=TYPE.legend),
        traceorder="normal",
        tracegroupgap=0,
        itemwidth=30,
    )
    return legend, rows * LEGEND_ROW * TYPE.legend + 8 if rows else 0


def short_label(text: str, limit: int = LEGEND_CHARS) -> str:
    """Text cut to `limit` characters with an ellipsis (legend entries, axis labels)."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


def frame_layout(meta: ChartMeta, bottom: float = 60, top: float = 0) -> dict:
    """Title, subtitle, source line and margins: what makes an exported chart stand on a slide.
    `top`: layout px between the title and the plot (a legend band); `bottom`: px under the plot for
    the x axis, above the source line. `meta` records the title's and the source line's rooms, so a
    slide image can drop them (`export.sizing`)."""
    above, below = title_room(meta), source_room(meta)
    subtitle = "<br>".join(html.escape(line) for line in textwrap.wrap(meta.subtitle, SUBTITLE_CHARS))
    layout = dict(
        title=dict(
            text=html.escape(meta.title),
            subtitle=dict(text=subtitle, font=dict(size=TYPE.subtitle, color=MUTED)),
            x=0.01,
            xanchor="left",
            y=1,
            yref="container",
            yanchor="top",
            pad=dict(t=14),
            font=dict(size=TYPE.title),
        ),
        template=TEMPLATE,
        font=FONT,
        paper_bgcolor="white",
        plot_bgcolor="white",
        margin=dict(l=10, r=20, t=above + top, b=bottom + below),
        meta=dict(title_room=above, source_room=below),
        annotations=[],
    )
    if meta.source:
        layout["annotations"].append(
            dict(
                text="<br>".join(html.escape(line) for line in textwrap.wrap(meta.source, SOURCE_CHARS)),
                xref="paper",
                yref="paper",
                x=0,
                y=0,
                yshift=-(bottom + below) + 6,
                xanchor="left",
                yanchor="bottom",
                showarrow=False,
                align="left",
                font=dict(size=TYPE.note, color=MUTED),
                name=SOURCE_ANNOTATION,
            )
        )
    return layout


def frame(fig: go.Figure, meta: ChartMeta, bottom: float = 60, top: float = 0) -> go.Figure:
    layout = frame_layout(meta, bottom, top)
    for annotation in layout.pop("annotations"):
        fig.add_annotation(annotation)
    return fig.update_layout(layout)


def empty(fig: go.Figure, message: str) -> go.Figure:
    fig.add_annotation(
        text=message, x=0.5, y=0.5, xref="paper", yref="paper", showarrow=False, font=dict(size=15, color=MUTED)
    )
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return fig
