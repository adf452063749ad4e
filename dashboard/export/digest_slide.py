"""The "What changed since DATE" slide, right after the title: features ranked by change against the
window before, their event badges, and the top new excerpts, each cited by title, source and date.
Numbers and tags come from `digest.build_digest` (gathered in `briefing.changes`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..features import short_name
from ..newsstatus import DISRUPTED, RESTORED
from ..style import TAG_COLOURS, change_colour
from .deck import (
    BLUE,
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
    line_height,
    para,
)
from .feature_slides import _citation
from .textfit import PAD_X, clean, fit_text, plural, quoted

if TYPE_CHECKING:
    from ..digest import Digest, FeatureChange, NewArticle
    from .content import BriefingContent

_STATUS_COLOURS = {DISRUPTED: TAG_COLOURS["disruption"], RESTORED: TAG_COLOURS["restoration"]}
FEATURES_SHOWN = 8
EXCERPTS_SHOWN = 4
EXCERPTS_PER_FEATURE = 2
LEFT_WIDTH = 5.6


def top_excerpts(digest: Digest) -> list[tuple[FeatureChange, NewArticle]]:
    """The excerpts to quote: tagged links before untagged ones, then features in rank order (newest
    article first within a feature), at most two per feature, never the same sentence twice; shown
    in rank order."""
    candidates = [
        (not article.tags, rank, position, change, article)
        for rank, change in enumerate(digest.features)
        for position, article in enumerate(change.articles_new)
    ]
    chosen, sentences, per_feature = [], set(), {}
    for _, rank, position, change, article in sorted(candidates, key=lambda c: c[:3]):
        if len(chosen) >= EXCERPTS_SHOWN:
            break
        if article.excerpt in sentences or per_feature.get(change.feature_id, 0) >= EXCERPTS_PER_FEATURE:
            continue
        sentences.add(article.excerpt)
        per_feature[change.feature_id] = per_feature.get(change.feature_id, 0) + 1
        chosen.append((rank, position, change, article))
    return [(change, article) for _, _, change, article in sorted(chosen, key=lambda c: c[:2])]


def _tag_runs(counts: dict[str, int], with_numbers: bool = True) -> list[Run]:
    runs: list[Run] = []
    for tag, n in counts.items():
        if n:
            runs += [Run(f"{tag} {n}" if with_numbers else tag, bold=True, color=TAG_COLOURS[tag]), Run("   ")]
    return runs[:-1]


def digest_slide(deck: DeckBuilder, content: BriefingContent) -> None:
    digest = content.digest
    if digest is None:
        return
    window = digest.window
    first, last = window.baseline
    subline = (
        f"Articles dated {window.since} to {window.until} against the {window.days} days before "
        f"({first} to {last})" + (f"; {plural(digest.undated, 'undated article')} in neither" if digest.undated else "")
    )
    slide = deck.content_slide(f"What changed since {window.since}", subline)
    moving = [f for f in digest.features if f.articles or f.change]
    if not moving:
        width = DECK_WIDTH_IN - 2 * MARGIN
        deck.text(
            slide,
            MARGIN,
            CONTENT_TOP,
            width,
            0.5,
            [para("No route or port was in the news in this window.", 16, width)],
        )
        return
    names = {f.id: clean(short_name(f)) for f in content.gazetteer.features}
    _ranking(deck, slide, moving[:FEATURES_SHOWN], len(moving), names)
    _excerpts(deck, slide, top_excerpts(digest), names)


def _ranking(deck: DeckBuilder, slide, shown: list[FeatureChange], total: int, names: dict[str, str]) -> None:
    width, inner = LEFT_WIDTH, LEFT_WIDTH - 0.3
    paragraphs = [
        para("Routes and ports by change", 16, inner, bold=True, color=NAVY),
        para(
            f"{len(shown)} of {total}, most new articles first" if total > len(shown) else "Most new articles first",
            10.5,
            inner,
            color=MUTED,
            space_after=4,
        ),
    ]
    for change in shown:
        arrow = f"▲{change.change}" if change.change > 0 else f"▼{-change.change}" if change.change < 0 else "±0"
        name = fit_text(names.get(change.feature_id, clean(change.name)), 13, inner - 2 * PAD_X - 0.9, 1, bold=True)
        paragraphs.append(
            Para([Run(f"{arrow}  ", bold=True, color=change_colour(change.change)), Run(name, bold=True)], 13, 6)
        )
        detail = [Run(f"{plural(change.articles, 'article')} ({change.baseline_articles} before)", color=MUTED)]
        badges = _tag_runs(change.events)
        paragraphs.append(Para(detail + ([Run("   "), *badges] if badges else []), 11))
        if change.status:  # its status in the news changed in the window
            now = fit_text("in the news: " + change.status.after.short(), 11, inner - 2 * PAD_X, 1, bold=True)
            paragraphs.append(Para([Run(now, bold=True, color=_STATUS_COLOURS[change.status.after.state])], 11))
    height = min(boxes_height(paragraphs, inner), CONTENT_BOTTOM - CONTENT_TOP - 0.3)
    deck.rect(slide, MARGIN, CONTENT_TOP, width, height + 0.3, PANEL, line=RULE, name="ranking panel")
    deck.text(slide, MARGIN + 0.15, CONTENT_TOP + 0.15, inner, height, paragraphs, name="ranking")


def _excerpts(deck: DeckBuilder, slide, chosen: list[tuple[FeatureChange, NewArticle]], names: dict[str, str]) -> None:
    left = MARGIN + LEFT_WIDTH + 0.35
    width = DECK_WIDTH_IN - MARGIN - left
    header = [
        para("New in the window", 16, width, bold=True, color=NAVY),
        para("Sentences naming the route, with the events they report", 10.5, width, color=MUTED),
    ]
    header_height = boxes_height(header, width)
    deck.text(slide, left, CONTENT_TOP, width, header_height, header, name="excerpts header")
    if not chosen:
        return
    gap = 0.14
    top = CONTENT_TOP + header_height + 0.1
    block = (CONTENT_BOTTOM - top - gap * (len(chosen) - 1)) / len(chosen)
    text_left, text_width = left + 0.16, width - 0.16
    for change, article in chosen:
        label = Para(
            [
                Run(names.get(change.feature_id, clean(change.name)) + "  ", bold=True, color=NAVY),
                *_tag_runs(dict.fromkeys(article.tags, 1), False),
            ],
            10.5,
            space_after=1,
        )
        cited = {"title": article.title, "source": article.source, "date": article.date, "url": article.url}
        citation = _citation(cited, text_width)
        room = block - label.height(text_width - 2 * PAD_X) - citation.height(text_width - 2 * PAD_X) - 0.1
        lines = max(1, int(room / line_height(12)))
        quote = para(quoted(clean(article.excerpt)), 12, text_width, max_lines=min(lines, 4), space_after=2)
        height = boxes_height([label, quote, citation], text_width)
        deck.rect(slide, left, top + 0.03, 0.05, height - 0.06, BLUE, name="excerpt rule")
        deck.text(slide, text_left, top, text_width, height, [label, quote, citation], name="excerpt")
        top += height + gap
