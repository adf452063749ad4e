"""The currency slide: the newest rate of each pair as a native table, the history chart under it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from ..rates import change_text, since_previous_text
from ..style import DOWN, UP
from .deck import (
    CONTENT_BOTTOM,
    CONTENT_TOP,
    DECK_WIDTH_IN,
    INK,
    MARGIN,
    MUTED,
    NAVY,
    PANEL,
    DeckBuilder,
    Para,
    boxes_height,
    describe,
    para,
)
from .slides import chart_headline
from .textfit import FONT_NAME, LINE_HEIGHT, and_list, clean, fit_text, text_width, unbroken, wrap_lines

if TYPE_CHECKING:
    from .content import BriefingContent


CURRENCY_SOURCE = "Source: Times of Central Asia currency ticker, as of each listing page's date."
TABLE_SIZE = 12.0
NOTE_SIZE = 11.0
GAP = 0.15


@dataclass(frozen=True)
class CurrencyLayout:
    """Where the table, its note and the chart go: worked out from the rates alone, so the chart is
    rendered for exactly the box it will fill."""

    rows: list
    widths: list[float]
    heights: list[float]
    note: list[Para]
    note_top: float
    chart_box: tuple[float, float, float, float]  # left, top, width, height in inches


def currency_layout(latest: pd.DataFrame) -> CurrencyLayout:
    """The table across the top (text at TABLE_SIZE), the note under it, the history chart below."""
    width = DECK_WIDTH_IN - 2 * MARGIN
    rows = [_rate_cells(rate) for rate in latest.itertuples()]
    sizes = (TABLE_SIZE,) * len(RATE_HEADERS)
    padding = 2 * TABLE_PAD_X + 0.06
    widths = []
    for column, header in enumerate(RATE_HEADERS):
        texts = [text_width(r[column][0], TABLE_SIZE, r[column][2]) for r in rows]
        widths.append(max([text_width(header, TABLE_SIZE, True) * 0.55, *texts]) + padding)  # headers may wrap
    widths = [w * width / sum(widths) for w in widths]
    heights = _rate_row_heights(RATE_HEADERS, sizes, rows, widths) if rows else []
    files = sorted(set(latest["file"].map(clean))) if len(latest) else []
    note = [
        para(
            "Per USD: local currency per US dollar, 1 / the ticker's USD rate; in brackets the range the ticker's "
            "rounding allows, where it is wide. Both changes are of local currency per US dollar (▲ the dollar "
            "buys more): the ticker's own, and since the previous listing page's ticker. "
            + (f"Newest rates read from {and_list(files)}." if files else "No currency ticker in the pages."),
            NOTE_SIZE,
            width,
            max_lines=3,
            color=MUTED,
        )
    ]
    note_top = CONTENT_TOP + sum(heights) + (GAP if heights else 0)
    chart_top = note_top + boxes_height(note, width) + GAP
    return CurrencyLayout(rows, widths, heights, note, note_top, (MARGIN, chart_top, width, CONTENT_BOTTOM - chart_top))


def currency_slide(deck: DeckBuilder, content: BriefingContent) -> None:
    """The newest rate of each pair as a native table, the history chart under it."""
    from ..analysis import latest_rates

    heading, takeaway = chart_headline("currencies", content)
    slide = deck.content_slide(heading, takeaway, CURRENCY_SOURCE)
    layout = currency_layout(latest_rates(content.frames.rates))
    left, top, width, height = layout.chart_box
    shape = deck.picture(slide, content.image("currencies"), left, top, width, height, name="chart: currencies")
    describe(shape, "Local currency per US dollar, every ticker snapshot")
    if layout.rows:
        sizes = (TABLE_SIZE,) * len(RATE_HEADERS)
        _rates_table(slide, RATE_HEADERS, sizes, layout.rows, layout.widths, layout.heights, CONTENT_TOP)
    note_height = boxes_height(layout.note, width)
    deck.text(slide, MARGIN, layout.note_top, width, note_height, layout.note, name="rates note")


TABLE_PAD_X, TABLE_PAD_Y = 0.07, 0.04
RATE_HEADERS = ("Pair", "Per USD", "Per USD change (ticker)", "Per USD since previous", "As of")


def _arrow_colour(text: str) -> str:
    return UP if text.startswith("▲") else DOWN if text.startswith("▼") else MUTED


def _rate_cells(rate) -> list[tuple[str, str, bool]]:
    """(text, colour, bold) per column for one pair's newest snapshot (see `RATE_HEADERS`)."""
    ticker = change_text(rate.ticker_change_pct)
    since = since_previous_text(rate.change_since_previous_pct, rate.previous_as_of)
    return [
        (clean(rate.pair), INK, True),
        (f"{rate.per_usd_text} {clean(rate.currency)}", INK, False),
        (ticker, _arrow_colour(ticker), False),
        (unbroken(since), _arrow_colour(since), False),
        (unbroken(clean(rate.as_of)) or "undated", INK, False),
    ]


def _rate_cells_fitted(headers, sizes, rows, widths) -> list[list[tuple[str, str, bool, float]]]:
    """Every cell's (text, colour, bold, size), the text fitted to two lines of its column."""
    header_size = TABLE_SIZE
    cells = [[(h, "#ffffff", True) for h in headers], *rows]
    fitted = []
    for number, row in enumerate(cells):
        line = []
        for column, (text, colour, bold) in enumerate(row):
            size = header_size if number == 0 else sizes[column]
            line.append((fit_text(text, size, widths[column] - 2 * TABLE_PAD_X, 2, bold), colour, bold, size))
        fitted.append(line)
    return fitted


def _rate_row_heights(headers, sizes, rows, widths) -> list[float]:
    heights = []
    for row in _rate_cells_fitted(headers, sizes, rows, widths):
        lines = max(
            len(wrap_lines(text, size, widths[column] - 2 * TABLE_PAD_X, bold))
            for column, (text, _, bold, size) in enumerate(row)
        )
        tallest = max(size for *_, size in row)
        heights.append(max(0.3, lines * tallest * LINE_HEIGHT / 72 + 2 * TABLE_PAD_Y + 0.08))
    return heights


def _rates_table(slide, headers, sizes, rows, widths, heights, top: float):
    """The newest rates as a native table: navy header, banded rows."""
    from pptx.dml.color import RGBColor
    from pptx.enum.text import MSO_ANCHOR
    from pptx.util import Inches, Pt

    fitted = _rate_cells_fitted(headers, sizes, rows, widths)
    frame = slide.shapes.add_table(
        len(fitted), len(headers), Inches(MARGIN), Inches(top), Inches(sum(widths)), Inches(sum(heights))
    )
    frame.name = "latest rates"
    table = frame.table
    table.first_row = True
    table.horz_banding = False
    for column, width in enumerate(widths):
        table.columns[column].width = Inches(width)
    for number, (row, height) in enumerate(zip(fitted, heights, strict=True)):
        table.rows[number].height = Inches(height)
        background = NAVY if number == 0 else "#ffffff" if number % 2 else PANEL
        for column, (text, colour, bold, size) in enumerate(row):
            cell = table.cell(number, column)
            cell.margin_left = cell.margin_right = Inches(TABLE_PAD_X)
            cell.margin_top = cell.margin_bottom = Inches(TABLE_PAD_Y)
            cell.vertical_anchor = MSO_ANCHOR.MIDDLE
            cell.fill.solid()
            cell.fill.fore_color.rgb = RGBColor.from_string(background[1:])
            cell.text_frame.word_wrap = True
            paragraph = cell.text_frame.paragraphs[0]
            paragraph.line_spacing = 1.0
            paragraph.space_before = paragraph.space_after = Pt(0)
            run = paragraph.add_run()
            run.text = text
            run.font.name = FONT_NAME
            run.font.size = Pt(size)
            run.font.bold = bold
            run.font.color.rgb = RGBColor.from_string(colour[1:])
    return frame
