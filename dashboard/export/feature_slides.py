"""One slide per feature: its card (attributes, about, sources) and the newest sentences naming it,
each cited by title (linked to the article), source and date; then its "By the numbers" slide
(`numbers_slide`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..records import web_url
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
from .numbers_slide import numbers_slide
from .textfit import PAD_X, PAD_Y, UNPRINTABLE, carries_quotes, clean, ellipsis, fit_text, plural, unbroken

if TYPE_CHECKING:
    from ..gazetteer import Feature
    from .content import BriefingContent, FeatureContent

EXCERPTS_PER_FEATURE = 4
EXCERPT_MAX_CHARS = 320  # before measuring: no excerpt on a slide is longer than this


def pick_excerpts(rows: list[dict], count: int = EXCERPTS_PER_FEATURE) -> list[dict]:
    """Newest first, one sentence per article where possible, never the same sentence twice."""
    unique, seen = [], set()
    for row in rows:
        key = (row["article"], clean(row["excerpt"]))
        if key not in seen:
            seen.add(key)
            unique.append(row)
    chosen, articles = [], set()
    for position, row in enumerate(unique):
        if row["article"] not in articles and len(chosen) < count:
            chosen.append(position)
            articles.add(row["article"])
    for position in range(len(unique)):
        if len(chosen) >= count:
            break
        if position not in chosen:
            chosen.append(position)
    return [unique[p] for p in sorted(chosen)]


def excerpt_segments(row: dict, budget: int = EXCERPT_MAX_CHARS) -> list[tuple[str, bool]]:
    """An excerpt as (text, highlighted) pieces, whitespace collapsed and cut to at most `budget`
    characters around its first highlighted alias, with "…" where it was cut."""
    text = row.get("excerpt") or ""
    marked = [False] * len(text)
    spans = list(row.get("highlights") or [])
    if not spans and row.get("alias_start") is not None:
        spans = [(row["alias_start"], row["alias_end"])]
    for start, end in spans:
        if isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text):
            marked[start:end] = [True] * (end - start)
    chars: list[str] = []
    mask: list[bool] = []
    for char, flag in zip(text, marked, strict=True):
        if UNPRINTABLE.match(char):
            continue
        if char.isspace():
            if not chars or chars[-1] == " ":
                continue
            char = " "
        chars.append(char)
        mask.append(flag)
    while chars and chars[-1] == " ":
        chars.pop()
        mask.pop()
    if len(chars) > budget:
        length = len(chars)
        anchor = mask.index(True) if True in mask else 0
        low = max(0, min(anchor - budget // 3, length - budget))
        high = low + budget - 2
        if low > 0:
            space = "".join(chars[low:anchor]).find(" ")
            low = low + space + 1 if space >= 0 else low
        if high < length:
            space = "".join(chars[max(low, anchor) : high]).rfind(" ")
            high = max(low, anchor) + space if space > 0 else high
        chars, mask = chars[low:high], mask[low:high]
        if low > 0:
            chars, mask = ["…", *chars], [False, *mask]
        if high < length:
            while chars and chars[-1] in " ,;:.–—-(/":
                chars.pop()
                mask.pop()
            chars, mask = [*chars, "…"], [*mask, False]
    segments: list[tuple[str, bool]] = []
    for char, flag in zip(chars, mask, strict=True):
        if segments and segments[-1][1] == flag:
            segments[-1] = (segments[-1][0] + char, flag)
        else:
            segments.append((char, flag))
    return segments


def feature_slides(deck: DeckBuilder, content: BriefingContent) -> None:
    """A slide for each feature the briefing focuses on."""
    countries = {c.iso_a2: c.name for c in content.gazetteer.basemap.countries}
    for item in content.features:
        feature_slide(deck, item, len(content.view.article_ids), countries)
        numbers_slide(deck, item, content.out_dir)


def feature_slide(deck: DeckBuilder, item: FeatureContent, view_articles: int, countries: dict[str, str]) -> None:
    subline = (
        f"In the news: {plural(item.articles, 'article')} and {plural(item.mentions, 'mention')} "
        f"in this briefing's {plural(view_articles, 'article')}"
    )
    slide = deck.content_slide(item.feature.name, subline)
    _feature_card(deck, slide, item.feature, countries)
    _excerpt_column(deck, slide, item.excerpts, item.sentences)


def _feature_card(deck: DeckBuilder, slide, feature: Feature, countries: dict[str, str]) -> None:
    left, top, width = MARGIN, CONTENT_TOP, 4.35
    height = CONTENT_BOTTOM - CONTENT_TOP
    inner = width - 0.3
    p = feature.properties
    length = p.get("length_km")
    opened = p.get("opened")
    fields = [
        ("Capacity", p.get("capacity") or "—"),
        ("Length", f"{length:,} km" if isinstance(length, (int, float)) and not isinstance(length, bool) else "—"),
        ("Operator", p.get("operator") or "—"),
        ("Countries", ", ".join(countries.get(code, code) for code in feature.countries) or "—"),
        ("Opened", str(opened) if opened else "—"),
    ]
    kind = f"{clean(feature.kind).capitalize()} · {clean(feature.status)}"
    paragraphs = [para(kind, 15, inner, max_lines=2, bold=True, color=NAVY, space_after=2)]
    for label, value in fields:
        paragraphs.append(para(label.upper(), 9, inner, bold=True, color=MUTED, space_before=5))
        paragraphs.append(para(str(value), 12, inner, max_lines=2))
    available = height - 0.3
    used = boxes_height(paragraphs, inner)
    sources = [clean(s.get("title", "")) for s in p.get("sources") or [] if isinstance(s, dict)]
    source_para = para("Attribute sources: " + "; ".join(sources), 9, inner, max_lines=2, color=MUTED, space_before=6)
    tail = source_para.height(inner - 2 * PAD_X) if sources else 0.0
    label = para("ABOUT", 9, inner, bold=True, color=MUTED, space_before=5)
    room = available - used - tail - label.height(inner - 2 * PAD_X)
    about_lines = int(room / line_height(11.5))
    if p.get("description") and about_lines >= 2:
        paragraphs += [label, para(p["description"], 11.5, inner, max_lines=about_lines)]
    if sources:
        paragraphs.append(source_para)
    used = boxes_height(paragraphs, inner)
    deck.rect(slide, left, top, width, used + 0.3, PANEL, line=RULE, name="card panel")  # as tall as its text
    deck.text(slide, left + 0.15, top + 0.15, inner, used, paragraphs, name="feature card")


def _excerpt_column(deck: DeckBuilder, slide, rows: list[dict], total: int) -> None:
    left = MARGIN + 4.35 + 0.35
    width = DECK_WIDTH_IN - MARGIN - left
    header = [
        para("What the articles say", 16, width, bold=True, color=NAVY),
        para(
            f"{len(rows)} of the {plural(total, 'sentence')} naming it, newest first, one per article where possible"
            if rows
            else "No article in this briefing mentions it.",
            10.5,
            width,
            color=MUTED,
        ),
    ]
    header_height = boxes_height(header, width)
    deck.text(slide, left, CONTENT_TOP, width, header_height, header, name="excerpts header")
    if not rows:
        return
    gap = 0.16
    top = CONTENT_TOP + header_height + 0.12
    room = CONTENT_BOTTOM - top
    block_max = (room - gap * (len(rows) - 1)) / len(rows)
    text_left, text_width = left + 0.16, width - 0.16
    inner = text_width - 2 * PAD_X
    for row in rows:
        citation = _citation(row, text_width)
        quote_room = block_max - 2 * PAD_Y - citation.height(inner)
        quote = _quote(row, text_width, max(1, int(quote_room / line_height(12.5))))
        height = boxes_height([quote, citation], text_width)
        deck.rect(slide, left, top + 0.03, 0.05, height - 0.06, BLUE, name="excerpt rule")
        deck.text(slide, text_left, top, text_width, height, [quote, citation], name="excerpt")
        top += height + gap


def _quote(row: dict, width: float, max_lines: int) -> Para:
    """The sentence in quotes, its aliases bold blue, cut (around the first alias) to fit the lines."""
    budget = EXCERPT_MAX_CHARS
    while True:
        segments = excerpt_segments(row, budget) or [("", False)]
        runs = [Run(piece, bold=True, color=BLUE) if flag else Run(piece) for piece, flag in segments]
        if not carries_quotes("".join(piece for piece, _flag in segments)):
            runs = [Run("“"), *runs, Run("”")]
        quote = Para(runs, 12.5, space_after=3)
        if quote.lines(width - 2 * PAD_X) <= max_lines or budget <= 40:
            break
        budget -= 15
    if quote.lines(width - 2 * PAD_X) > max_lines:  # a pathological sentence: cut it plainly
        quote = Para([Run(fit_text(quote.text, 12.5, width - 2 * PAD_X, max_lines, bold=True))], 12.5, space_after=3)
    return quote


def _citation(row: dict, width: float) -> Para:
    """Title (bold, linked to the article where the page gave its web address), then source and date:
    always fully shown, the title cut to fit two lines."""
    inner = width - 2 * PAD_X
    address = row.get("url") if web_url(row.get("url")) else None
    tail = f" — {clean(row['source'])}, {unbroken(clean(row.get('date'))) or 'undated'}"
    title = clean(row["title"]) or "untitled"
    budget = len(title)
    while True:
        shown = title if budget >= len(title) else ellipsis(title[:budget])
        citation = Para([Run(shown, bold=True, link=address), Run(tail, color=MUTED)], 10.5)
        if citation.lines(inner) <= 2 or budget <= 10:
            return citation
        budget -= 8
