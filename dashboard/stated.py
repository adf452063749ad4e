"""A figure as the record keeps it: the `Figure` one article states about one feature, the measures a
figure can be of, and `once`: an article states each figure once (a later sentence or a headline
repeating it is the same statement)."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from .linking import HEADLINE

MEASURES = ("volume", "capacity", "target", "transit_time", "length", "investment", "share", "count", "other")
_DIGITS = re.compile(r"\d+(?:[.,\s]\d+)*")


@dataclass(frozen=True)
class Figure:
    """One figure stated about one feature in one article: `value` is in the base `unit` (the low end
    of a range, `value_high` its high end), `stated` the words as written, `excerpt` the sentence.
    `start`/`end` locate the stated words in the article's text (in its title when `kind` is
    "headline"), `sentence_start`/`sentence_end` the sentence (-1 for the headline)."""

    feature_id: str
    article_id: str
    value: float
    value_high: float | None
    bound: str
    unit: str
    per: str
    measure: str
    period: str | None
    stated: str
    excerpt: str
    start: int
    end: int
    sentence_start: int
    sentence_end: int
    kind: str = "sentence"


def once(figures: list[Figure]) -> list[Figure]:
    """An article states a figure once: a later sentence repeating an earlier one's value for the
    same feature and measure is the same statement (the first is cited), unless both say their period
    and it differs ("1.5 Mt in 2025 … 1.5 Mt planned for 2026" are two); and so is a headline repeating a
    figure of the text or rounding it ("7.5 million" for 7,547,000: the text's sentence says more)."""
    stated: dict[tuple, list[Figure]] = {}  # the statements kept so far, per feature, measure and value
    body: list[Figure] = []
    for f in sorted((f for f in figures if f.kind != HEADLINE), key=lambda f: f.start):
        earlier = stated.setdefault((f.feature_id, f.unit, f.value, f.value_high, f.measure), [])
        if not any(
            g.sentence_start != f.sentence_start and (f.period is None or g.period in (None, f.period)) for g in earlier
        ):
            earlier.append(f)
            body.append(f)
    return [
        f
        for f in figures
        if (f.kind != HEADLINE and any(f is b for b in body))
        or (
            f.kind == HEADLINE
            and not any(
                (b.feature_id, b.unit, b.value_high is None) == (f.feature_id, f.unit, f.value_high is None)
                and _rounds_to(b.value, f)
                for b in body
            )
        )
    ]


def _rounds_to(value: float, figure: Figure) -> bool:
    """Is `value` the figure's value once rounded to as many significant digits as it states?"""
    digits = _DIGITS.search(figure.stated)
    significant = len(re.sub(r"\D", "", digits.group()).lstrip("0").rstrip("0")) if digits else 0
    if significant == 0 or value == 0:
        return value == figure.value
    rounded = round(value, significant - 1 - math.floor(math.log10(abs(value))))
    return abs(rounded - figure.value) <= 1e-9 * abs(figure.value)
