"""A "By the numbers" slide after each feature slide: the latest figure per measure with its source,
the statements that disagree side by side, the feature's status in the news in the subline and its
event signals over time along the bottom (the card's strip, `record_charts`, as an image made for its
box). Reads only `FeatureContent` (its `latest` and `disagreements` frames come from `bynumbers`
through `analysis`) and the strip's image."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..bynumbers import also_stated
from ..chart_frame import ChartMeta
from ..features import short_name
from ..record_charts import status_strip_figure
from .deck import (
    CONTENT_BOTTOM,
    CONTENT_TOP,
    DECK_WIDTH_IN,
    MARGIN,
    MUTED,
    NAVY,
    PANEL,
    RULE,
    DeckBuilder,
    Para,
    Run,
    boxes_height,
    describe,
    para,
)
from .textfit import PAD_X, clean, ellipsis, quoted, unbroken

if TYPE_CHECKING:
    from pathlib import Path

    import plotly.graph_objects as go

    from .content import FeatureContent

LATEST_SHOWN = 6
PAIRS_SHOWN = 3
LEFT_WIDTH = 5.7
DISAGREE = "#b3261e"
MEASURE_WORDS = {"transit_time": "transit time"}
STRIP_BOX = (DECK_WIDTH_IN - 2 * MARGIN, 2.0)  # inches: the event strip along the slide's bottom
STRIP_LABEL = 0.35


def strip_image_name(feature_id: str) -> str:
    return f"record-{feature_id}"


def strip_figures(features: list[FeatureContent]) -> dict[str, go.Figure]:
    """The event strip of each feature that has signals, named for its image (the card's builder)."""
    return {
        strip_image_name(item.feature.id): status_strip_figure(item.signals, ChartMeta("Event signals over time"))
        for item in features
        if item.signals
    }


def numbers_slide(deck: DeckBuilder, item: FeatureContent, image_dir: Path) -> None:
    subline = f"Status in the news: {item.status}" if item.status else "Figures stated in this briefing's articles"
    slide = deck.content_slide(f"By the numbers: {short_name(item.feature)}", subline)
    image = image_dir / f"{strip_image_name(item.feature.id)}.png"
    bottom = CONTENT_BOTTOM
    if item.signals and image.is_file():
        bottom = _strip(deck, slide, image, len(item.signals))
    latest, pairs = item.latest, item.disagreements
    if latest is None or latest.empty:
        width = DECK_WIDTH_IN - 2 * MARGIN
        note = [para("No figure about it is stated in this briefing's articles.", 16, width, color=MUTED)]
        deck.text(slide, MARGIN, CONTENT_TOP, width, boxes_height(note, width), note, name="no figures")
        return
    _latest_column(deck, slide, latest, item.figures, bottom)
    _disagreement_column(deck, slide, pairs, bottom)


def _strip(deck: DeckBuilder, slide, image: Path, signals: int) -> float:
    """The strip's picture along the bottom, under its label; returns where the space above ends."""
    width, height = STRIP_BOX
    top = CONTENT_BOTTOM - height
    label = [
        Para(
            [
                Run("Event signals over time", bold=True, color=NAVY),
                Run(
                    f"   {signals} in its dated articles (disruption, restoration, expansion, agreement, security)",
                    color=MUTED,
                ),
            ],
            14,
        )
    ]
    deck.text(slide, MARGIN, top - STRIP_LABEL, width, STRIP_LABEL, label, anchor="bottom", name="strip label")
    picture = deck.picture(slide, image, MARGIN, top, width, height, name="record: event strip")
    describe(picture, f"Event signals over time: {signals} marks by tag and date")
    return top - STRIP_LABEL - 0.1


def _measure(name: str) -> str:
    return MEASURE_WORDS.get(name, name).upper()


def _cited(source, day) -> str:
    return f"{clean(source)}, {unbroken(clean(day)) if day else 'undated'}"


def _latest_column(deck: DeckBuilder, slide, latest, figures: int, bottom: float) -> None:
    width = LEFT_WIDTH
    paragraphs = [
        para("Latest figure per measure", 18, width, bold=True, color=NAVY),
        para(
            f"The newest statement of each, from {figures} figure{'s' * (figures != 1)} stated", 12, width, color=MUTED
        ),
    ]
    for row in latest.head(LATEST_SHOWN).itertuples():
        period = f" ({clean(row.period)})" if row.period else ""
        block = [
            para(_measure(row.measure), 11, width, bold=True, color=MUTED, space_before=8),
            Para([Run(clean(row.figure) + period, bold=True, color=NAVY)], 17),
            para(f"{quoted(clean(row.stated))} — {_cited(row.source, row.date)}", 12, width, max_lines=2),
        ]
        if CONTENT_TOP + boxes_height(paragraphs + block, width) > bottom:
            break  # the rest are in the card's table and CSV
        paragraphs += block
    height = boxes_height(paragraphs, width)
    deck.text(slide, MARGIN, CONTENT_TOP, width, height, paragraphs, name="latest figures")


def _statement(prefix: str, row, side: str, width: float) -> list[Para]:
    figure = clean(getattr(row, f"{side}_figure"))
    stated = clean(getattr(row, f"{side}_stated"))
    title = clean(getattr(row, f"{side}_title"))
    return [
        Para([Run(f"{prefix} ", color=MUTED), Run(figure, bold=True, color=NAVY)], 15, space_before=2),
        para(quoted(stated), 12, width, max_lines=2),
        para(
            _cited(getattr(row, f"{side}_source"), getattr(row, f"{side}_date"))
            + also_stated(getattr(row, f"{side}_statements")),
            12,
            width,
            max_lines=2,
            color=MUTED,
        ),
        para(ellipsis(title[:90]) if len(title) > 90 else title, 11, width, color=MUTED, italic=True),
    ]


def _disagreement_column(deck: DeckBuilder, slide, pairs, bottom: float) -> None:
    left = MARGIN + LEFT_WIDTH + 0.4
    width = DECK_WIDTH_IN - MARGIN - left
    count = 0 if pairs is None else len(pairs)
    header = [
        para("Where the sources disagree", 18, width, bold=True, color=NAVY),
        para(
            f"{count} pair{'s' * (count != 1)} of statements more than 5% apart for the same measure and period"
            + (f"; the {PAIRS_SHOWN} widest" if count > PAIRS_SHOWN else "")
            if count
            else "No two statements for the same measure and period are more than 5% apart.",
            12,
            width,
            max_lines=2,
            color=MUTED,
        ),
    ]
    top = CONTENT_TOP
    used = boxes_height(header, width)
    deck.text(slide, left, top, width, used, header, name="disagreements header")
    top += used + 0.1
    half = (width - 0.3) / 2
    for row in pairs.head(PAIRS_SHOWN).itertuples() if count else []:
        label = [
            Para(
                [
                    Run("Disagree: ", bold=True, color=DISAGREE),
                    Run(f"{_measure(row.measure).lower()}, {clean(row.period)} — {row.apart_pct:g}% apart"),
                ],
                12,
            )
        ]
        sides = [_statement("A:", row, "a", half), _statement("B:", row, "b", half)]
        label_height = boxes_height(label, width)
        body = max(boxes_height(side, half) for side in sides)
        if top + label_height + body + 0.1 > bottom:
            break
        deck.rect(slide, left, top, width, label_height + body + 0.1, PANEL, line=RULE, name="disagreement panel")
        deck.text(slide, left + 0.05, top, width - 0.1, label_height, label, name="disagreement")
        for n, side in enumerate(sides):
            x = left + 0.1 + n * (half + 0.1)
            deck.text(slide, x, top + label_height, half - PAD_X, body, side, name=f"statement {'ab'[n]}")
        top += label_height + body + 0.25
