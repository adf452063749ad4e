"""The deck's slides that are not about one feature: title, chart slides, sources and method.

Each builder takes the deck and the gathered `BriefingContent` and adds its slide(s); the order of the
deck is the list in `briefing.DECK_PLAN`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pandas as pd

from ..analysis import UNDATED, busiest_month, cited_sources, family_counts, latest_rates, pages_read, problem_counts
from ..features import short_name
from .deck import (
    BLUE,
    CONTENT_BOTTOM,
    CONTENT_TOP,
    DECK_HEIGHT_IN,
    DECK_WIDTH_IN,
    MARGIN,
    MUTED,
    NAVY,
    PALE,
    DeckBuilder,
    Para,
    Run,
    boxes_height,
    content_box,
    describe,
    para,
)
from .textfit import and_list, clean, plural

if TYPE_CHECKING:
    from .content import BriefingContent

FAMILY_NAMES = {
    "tca": "Times of Central Asia listing",
    "edm": "Eurasia Daily Monitor page",
    "caci": "CACI Analyst page",
    "generic": "page of another kind",
}


@dataclass
class DeckFacts:
    """What the title, footer and closing slides say about the corpus and the view."""

    articles: int
    corpus_articles: int
    sources: list[str]
    span: tuple[str | None, str | None]
    undated: int
    pages: pd.DataFrame
    filters: str
    generated: str
    source_line: str
    features: list[str] = field(default_factory=list)


def deck_facts(content: BriefingContent) -> DeckFacts:
    frames, view = content.frames, content.view
    return DeckFacts(
        articles=len(view.article_ids),
        corpus_articles=len(frames.articles),
        sources=list(view.sources),
        span=view.span,
        undated=len(view.undated),
        pages=frames.pages,
        filters=view.filters.describe(),
        generated=content.generated.isoformat(),
        source_line=view.source_line(),
        features=[clean(short_name(f.feature)) for f in content.features],
    )


def title_slide(deck: DeckBuilder, content: BriefingContent) -> None:
    facts = deck_facts(content)
    slide = deck.slide()
    deck.rect(slide, 0, 0, DECK_WIDTH_IN, DECK_HEIGHT_IN, NAVY, name="background")
    deck.rect(slide, 0.8, 3.02, 1.6, 0.07, BLUE, name="accent")
    width = DECK_WIDTH_IN - 1.6
    deck.text(slide, 0.8, 1.55, width, 0.9, [para("Corridor Watch briefing", 44, width, bold=True, color="#ffffff")])
    deck.text(
        slide,
        0.8,
        2.4,
        width,
        0.5,
        [para("Eurasian corridors, pipelines and ports in the news", 20, width, color=PALE)],
        name="tagline",
    )
    start, end = facts.span
    dates = f"Articles dated {start} to {end}" if start else "No dated articles"
    if facts.undated:
        dates += f"; {facts.undated} undated"
    corpus = f"{plural(facts.articles, 'article')} from {and_list(facts.sources) or 'no source'}"
    if facts.articles != facts.corpus_articles:
        corpus += f" ({facts.corpus_articles:,} in the corpus)"
    families = family_counts(content.frames)
    pages = f"{plural(len(facts.pages), 'page')} read" + (
        ": " + ", ".join(f"{n} {FAMILY_NAMES.get(k, k)}{'s' * (n != 1)}" for k, n in families.items())
        if families
        else ""
    )
    filters = f"Filters: {facts.filters}" if facts.filters else "Filters: none, every article in the corpus"
    lines = [
        para(corpus, 18, width, max_lines=2, color="#ffffff", space_after=6),
        para(dates, 16, width, color=PALE, space_after=4),
        para(pages, 16, width, max_lines=2, color=PALE, space_after=4),
        para(filters, 16, width, max_lines=2, color="#ffd166" if facts.filters else PALE, space_after=4),
    ]
    if facts.features:
        lines.append(para("In focus: " + ", ".join(facts.features), 16, width, max_lines=2, color=PALE))
    deck.text(slide, 0.8, 3.3, width, 3.0, lines, name="corpus")
    deck.text(
        slide,
        0.8,
        6.6,
        width,
        0.4,
        [para(f"Generated {facts.generated} by Corridor Watch from the pages it has read", 12, width, color=PALE)],
        name="generated",
    )


def chart_headline(name: str, content: BriefingContent) -> tuple[str, str]:
    """A slide title and a one-line takeaway for each chart, from the view's numbers."""
    view, frames = content.view, content.frames
    names = {f.id: clean(short_name(f)) for f in view.features}
    totals = view.totals
    if name == "map":
        if totals.empty:
            return "Where the corridors are", "No route or port is mentioned in these articles."
        top = str(totals.index[0])
        return "Where the corridors are", (
            f"{len(totals)} of the {len(view.features)} routes and ports are in the news; most discussed: "
            f"{names.get(top, top)}, in {plural(int(totals.iloc[0]['articles']), 'article')} "
            f"of {len(view.article_ids)}. Line width grows with articles."
        )
    if name == "mentions-by-feature":
        if totals.empty:
            return "Mentions by route and port", "No route or port is mentioned in these articles."
        leaders = [f"{names.get(str(i), str(i))} ({int(r.articles)})" for i, r in totals.head(3).iterrows()]
        return "Mentions by route and port", "Most discussed (distinct articles): " + ", ".join(leaders)
    if name == "mentions-over-time":
        busiest = busiest_month(frames, view)
        if busiest is None:
            return "Mentions over time", "No dated article mentions a route or port."
        return "Mentions over time", (
            f"Busiest month: {busiest.month}: {plural(busiest.articles, 'article')} naming routes or ports "
            f"{plural(busiest.mentions, 'time')}; a bar stacks one block per route or port an article names"
        )
    if name == "co-mentions":
        if view.pairs.empty:
            return "Discussed together", "No article mentions two routes or ports together."
        top = view.pairs.iloc[0]
        return "Discussed together", (
            f"Most often together: {names.get(top['a'], top['a'])} and {names.get(top['b'], top['b'])} "
            f"({plural(int(top['articles']), 'article')})"
        )
    latest = latest_rates(frames.rates)
    if latest.empty:
        return "Currency snapshot", "No currency ticker in the pages."
    newest = latest["as_of"].dropna().max() if latest["as_of"].notna().any() else "an undated page"
    return "Currency snapshot", (
        f"Newest ticker rates (as of {newest}), local currency per US dollar; Times of Central Asia ticker"
    )


def chart_slide(name: str):
    """The builder of the slide that shows chart `name` across the content area."""

    def build(deck: DeckBuilder, content: BriefingContent) -> None:
        heading, takeaway = chart_headline(name, content)
        alt = content.charts[name].title
        footer = content.view.source_line(base_map=True) if name == "map" else None
        slide = deck.content_slide(heading, takeaway, footer)
        left, top, width, height = content_box()  # the image was made for this box (see `sizing`)
        shape = deck.picture(slide, content.image(name), left, top, width, height, name=f"chart: {clean(alt)}")
        describe(shape, alt)

    build.__name__ = f"chart_slide_{name}"
    return build


def _listed(heading: Para, lines: list[Para], noun: str, width: float, room: float) -> list[Para]:
    """The heading and as many lines as fit in `room` inches, then "… and N more"."""
    shown = [heading]
    for number, line in enumerate(lines):
        remaining = len(lines) - number - 1
        more = para(f"… and {remaining} more {noun}", 11, width, color=MUTED)
        if boxes_height([*shown, line] + ([more] if remaining else []), width) > room:
            shown.append(para(f"… and {len(lines) - number} more {noun}", 11, width, color=MUTED))
            break
        shown.append(line)
    return shown


def _quoted_articles(content: BriefingContent) -> list[Para]:
    """Each article the feature slides quote, with its address where the page gave one."""
    seen: dict[str, Para] = {}
    for item in content.features:
        for row in item.excerpts:
            title = clean(row.get("title")) or "untitled"
            if title in seen:
                continue
            url = clean(row.get("url"))
            short = title if len(title) <= 70 else title[:69].rstrip() + "…"
            tail = f" — {url}" if url else f" — {clean(row.get('source'))}, no address in the saved page"
            seen[title] = Para([Run(short, bold=True), Run(tail, color=MUTED)], 10, space_after=2)
    return list(seen.values())


def closing_slide(deck: DeckBuilder, content: BriefingContent) -> None:
    facts, frames, gazetteer = deck_facts(content), content.frames, content.gazetteer
    slide = deck.content_slide(
        "Sources & method", "Where every number in this briefing comes from, and how it was counted"
    )
    left_width, gap = 6.0, 0.4
    right_left = MARGIN + left_width + gap
    right_width = DECK_WIDTH_IN - MARGIN - right_left
    height = CONTENT_BOTTOM - CONTENT_TOP
    heading = para("Pages read", 16, left_width, bold=True, color=NAVY, space_after=4)
    pages = []
    for page in pages_read(frames):
        family = FAMILY_NAMES.get(str(page["family"]), clean(page["family"]))
        dated = clean(page["page_date"]) or UNDATED
        pages.append(
            Para(
                [
                    Run(clean(page["file"]), bold=True),
                    Run(f" — {family}, {dated}, {plural(page['articles'], 'article')}", color=MUTED),
                ],
                11,
                space_after=3,
            )
        )
    quoted = _quoted_articles(content)
    shown = _listed(heading, pages, "pages", left_width, height * 0.5 if quoted else height)
    if not pages:
        shown.append(para("No pages.", 11, left_width, color=MUTED))
    if quoted:
        heading = para("Articles quoted", 16, left_width, bold=True, color=NAVY, space_before=8, space_after=4)
        shown += _listed(heading, quoted, "articles", left_width, height - boxes_height(shown, left_width))
    deck.text(slide, MARGIN, CONTENT_TOP, left_width, height, shown, name="pages read")

    features = gazetteer.features
    reviewed = sorted({str(f.get("last_reviewed")) for f in features if f.get("last_reviewed")})
    cited = cited_sources(features)
    files = sorted({f.file for f in features if f.file})
    problems = len(problem_counts(frames.problems)[0])  # notes on how pages were read are not problems
    notes = [
        (
            "Articles",
            f"{plural(facts.articles, 'article')} from {and_list(facts.sources) or 'no source'}"
            + (f", filtered ({facts.filters})" if facts.filters else "")
            + ". Counts are distinct articles that mention a route or port by one of its names; "
            "ambiguous names count only where their sentence is about the route or port.",
        ),
        (
            "Routes and ports",
            f"{plural(len(gazetteer.routes), 'route')} and {plural(len(gazetteer.ports), 'port')} from "
            f"{and_list(files) or 'the geodata'}; attributes cite {plural(cited, 'source')}"
            + (f", last reviewed {reviewed[-1]}" if reviewed else "")
            + ".",
        ),
        (
            "Base map",
            "Natural Earth 1:10m admin-0 countries (public domain), drawn from local files: "
            "no tiles, fonts or scripts are fetched.",
        ),
        ("Currencies", "Times of Central Asia currency ticker, as of each listing page's date."),
        (
            "Reading problems",
            f"{plural(problems, 'problem')} reported while reading the pages"
            + ("; run `python -m dashboard ingest` to list them." if problems else "."),
        ),
    ]
    paragraphs = [para("Geodata and method", 16, right_width, bold=True, color=NAVY, space_after=4)]
    for label, text in notes:
        paragraphs.append(para(label.upper(), 9, right_width, bold=True, color=MUTED, space_before=6))
        paragraphs.append(para(text, 11.5, right_width, max_lines=4))
    paragraphs.append(
        para(
            f"Generated {facts.generated} with `python -m dashboard export`.",
            10,
            right_width,
            color=MUTED,
            space_before=10,
        )
    )
    deck.text(slide, right_left, CONTENT_TOP, right_width, height, paragraphs, name="method")
