"""The currency slide: the newest rate of each pair as a native table, the history chart beside it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..rates import change_text, since_previous_text
from .deck import (
    CONTENT_BOTTOM,
    CONTENT_TOP,
    DECK_WIDTH_IN,
    DOWN,
    INK,
    MARGIN,
    MUTED,
    NAVY,
    PANEL,
    UP,
    DeckBuilder,
    boxes_height,
    describe,
    para,
)
from .slides import chart_headline
from .textfit import FONT_NAME, LINE_HEIGHT, and_list, clean, fit_text, text_width, unbroken, wrap_lines

if TYPE_CHECKING:
    from .content import BriefingContent


def currency_slide(deck: DeckBuilder, content: BriefingContent) -> None:
    """The newest rate of each pair as a native table (left), the history chart beside it."""
    from ..analysis import latest_rates

    heading, takeaway = chart_headline("currencies", content)
    slide = deck.content_slide(heading, takeaway)
    latest = latest_rates(content.frames.rates)
    headers = RATE_HEADERS
    sizes = (11.0,) * len(headers)
    rows = [_rate_cells(rate) for rate in latest.itertuples()]
    padding = 2 * TABLE_PAD_X + 0.06
    widths = []
    for column, header in enumerate(headers):
        texts = [text_width(header, 11, True)] + [text_width(r[column][0], sizes[column], r[column][2]) for r in rows]
        widths.append(max(texts) + padding)
    most = DECK_WIDTH_IN - 2 * MARGIN - 0.35 - 6.2  # leave the chart at least 6.2 in
    if sum(widths) > most:
        widths = [w * most / sum(widths) for w in widths]
    table_width = sum(widths)
    room = CONTENT_BOTTOM - CONTENT_TOP
    picture_width = DECK_WIDTH_IN - 2 * MARGIN - table_width - 0.35
    picture_height = min(picture_width * 9 / 16, room)
    picture_width = picture_height * 16 / 9
    shape = deck.picture(
        slide,
        content.image("currencies"),
        DECK_WIDTH_IN - MARGIN - picture_width,
        CONTENT_TOP + (room - picture_height) / 2,
        picture_width,
        picture_height,
        name="chart: currencies",
    )
    describe(shape, "Local currency per US dollar, every ticker snapshot")
    if not rows:
        message = [para("No currency ticker in the pages.", 14, table_width, color=MUTED)]
        deck.text(slide, MARGIN, CONTENT_TOP, table_width, boxes_height(message, table_width), message, name="no rates")
        return
    note = [
        para(
            "Per USD: units of local currency per US dollar, 1 / the ticker's USD rate; in brackets the range "
            "the ticker's rounding allows, where it is wide. Both changes are of local currency per US dollar "
            "(▲ the dollar buys more): the ticker's own, and since the previous listing page's ticker. "
            f"Newest rates read from {and_list(sorted(set(latest['file'].map(clean))))}.",
            10.5,
            table_width,
            max_lines=6,
            color=MUTED,
        )
    ]
    note_height = boxes_height(note, table_width)
    heights = _rate_row_heights(headers, sizes, rows, widths)
    top = CONTENT_TOP + max(0.0, (room - sum(heights) - 0.2 - note_height) / 2)  # centred beside the chart
    _rates_table(slide, headers, sizes, rows, widths, heights, top)
    deck.text(slide, MARGIN, top + sum(heights) + 0.2, table_width, note_height, note, name="rates note")


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
    header_size = 11.0
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
        heights.append(max(0.38, lines * tallest * LINE_HEIGHT / 72 + 2 * TABLE_PAD_Y + 0.08))
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
