"""The listing families: Times of Central Asia (ticker, date, title + teaser), Jamestown Eurasia
Daily Monitor (`Categories` blocks) and CACI Analyst (author, date, summary) listings; anything else
readable becomes one article through a generic fallback, with a note. Parsing never raises on bad
text: what cannot be used is reported as a `Problem` naming the file and line.
"""

from __future__ import annotations

import math
import re
from datetime import date

from .captions import CAPTION_PREFIX, with_captions
from .dates import DAY_MONTH_YEAR, MONTH_DAY_YEAR, find_date, page_date
from .errors import Problem
from .records import (
    SOURCE_CACI,
    SOURCE_EDM,
    SOURCE_OTHER,
    SOURCE_TCA,
    CurrencyRate,
    Page,
    PageArticle,
    Sighting,
)
from .sentences import first_sentence

TICKER = re.compile(
    r"^\s*(?:[\u2022\u00b7*\-]\s*)?(?P<base>[A-Z]{3})/(?P<quote>[A-Z]{3})\s*=\s*(?P<rate>\S+)"
    r"(?:\s+(?P<change>\S+))?\s*$"
)
PAGINATION = re.compile(r"^Viewing results \d+\s*[-\u2013]\s*\d+ of \d+$", re.IGNORECASE)
CATEGORIES_HEADER = "Categories"
PUBLICATION = re.compile(r"^Publication:\s*(?P<rest>.*)$")
EXECUTIVE_SUMMARY = re.compile(r"^Executive Summary:?\s*$", re.IGNORECASE)
BULLET = re.compile(r"^[\u2022\u25cf\u25aa\u2023\u2043]\s*")
BYLINE = re.compile(r"^By\s+(?P<names>.+)$")
# Site furniture: lines that start like this, or the CACI Analyst's "about" blurb anywhere in a line.
BOILERPLATE_START = re.compile(
    r"(Sign up for upcoming events"
    r"|Subscribe to (our|the) newsletter"
    r"|(Load more|Read more|More articles|Next page|Previous page)$"
    r"|(\u00a9|Copyright \u00a9?)\s*\d{4}"
    r"|All rights reserved)",
    re.IGNORECASE,
)
CACI_BLURB = "is a biweekly publication of the central asia-caucasus institute"


def is_boilerplate(text: str) -> bool:
    """Site furniture, not article text. The blurb test runs only on text that has "biweekly" in it:
    searching every article body for it cost more than parsing the page."""
    return bool(BOILERPLATE_START.match(text)) or ("iweekly" in text and CACI_BLURB in text.lower())


MAX_TITLE_CHARS = 220
TERMINAL_PUNCTUATION = tuple(".!?\u2026\"'\u201d\u2019)]")
DASH_ENDINGS = ("-", "\u2010", "\u2011", "\u2013", "\u2014")

# Jamestown category names as they appear on the site; the listing runs them together with spaces.
EDM_CATEGORIES = (
    "Africa",
    "Arctic",
    "Armenia",
    "Azerbaijan",
    "Azerbaijani Politics",
    "Baltic States",
    "Belarus",
    "Caucasus",
    "Central Asia",
    "Central Asia I China I Russia",
    "China",
    "Cybersecurity",
    "Domestic Politics",
    "Economics",
    "Economy",
    "Energy",
    "Europe",
    "Foreign Policy",
    "Georgia",
    "Human Rights",
    "Iran in Caucasus and Beyond",
    "Karabakh in the Post-War Period",
    "Kazakhstan",
    "Kyrgyzstan",
    "MENA in Turbulence",
    "Middle East",
    "Military/Security",
    "Military Affairs",
    "Moldova",
    "North Caucasus",
    "Oil / Natural Gas",
    "Oil / Natural Gas / Green Energy",
    "Russia",
    "Russia in Caucasus",
    "South Caucasus",
    "South Caucasus Region",
    "Tajikistan",
    "Terrorism",
    "Turkey",
    "Türkiye",
    "Turkmenistan",
    "Ukraine",
    "Uzbekistan",
)


def parse_number(text: str) -> float | None:
    try:
        value = float(text.replace(",", ""))
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def is_terminal(line: str) -> bool:
    return line.rstrip().endswith(TERMINAL_PUNCTUATION)


def looks_like_title(line: str) -> bool:
    """A listing title: one short line that does not read like the end of a sentence."""
    stripped = line.strip()
    if not stripped or len(stripped) > MAX_TITLE_CHARS or len(stripped.split()) > 30:
        return False
    return not stripped.endswith((".", "\u2026", ";", ",")) or stripped.endswith("..")


def looks_like_long_title(line: str) -> bool:
    """A line too long for `looks_like_title` that still stands alone like one (no closing punctuation)."""
    stripped = line.strip()
    return (
        MAX_TITLE_CHARS < len(stripped) <= 600 and not is_terminal(stripped) and not stripped.endswith((";", ",", ":"))
    )


def derive_title(text: str, limit: int = 110) -> str:
    """A title for an entry that has none: its first sentence, shortened on a word boundary."""
    first = first_sentence(text)
    if len(first) <= limit:
        return first
    cut = first[:limit].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "\u2026"


def split_names(names: str) -> tuple[str, ...]:
    parts = re.split(r",\s*(?:and\s+)?|\s+and\s+|\s*&\s*", names.strip())
    return tuple(p.strip() for p in parts if p.strip())


def split_categories(line: str) -> tuple[tuple[str, ...], str | None]:
    """Split a run-together category line on the known names, longest first.

    Returns the categories and, if some words matched no known name, those words (kept as one
    category so nothing is lost).
    """
    words = line.split()
    known = {tuple(name.split()): name for name in EDM_CATEGORIES}
    longest = max(len(k) for k in known)
    categories: list[str] = []
    unknown: list[str] = []
    i = 0
    while i < len(words):
        for size in range(min(longest, len(words) - i), 0, -1):
            name = known.get(tuple(words[i : i + size]))
            if name:
                if unknown:
                    categories.append(" ".join(unknown))
                    unknown = []
                categories.append(name)
                i += size
                break
        else:
            unknown.append(words[i])
            i += 1
    leftover = None
    if unknown:
        categories.append(" ".join(unknown))
    unmatched = [c for c in categories if c not in EDM_CATEGORIES]
    if unmatched:
        leftover = ", ".join(repr(c) for c in unmatched)
    return tuple(dict.fromkeys(categories)), leftover


def detect_family(lines: list[str]) -> str:
    head = lines[:400]
    if any(TICKER.match(line) for line in head) or any(PAGINATION.match(line.strip()) for line in head):
        return "tca"
    if any(line.strip() == CATEGORIES_HEADER for line in lines):
        return "edm"
    dated = [i for i, line in enumerate(lines) if MONTH_DAY_YEAR.match(line.strip()) and i > 0]
    if any(_looks_like_author(lines[i - 1]) for i in dated):
        return "caci"
    return "generic"


def _looks_like_author(line: str) -> bool:
    stripped = line.strip()
    if BYLINE.match(stripped):
        return True
    words = stripped.split()
    return 1 < len(words) <= 6 and not is_terminal(stripped) and all(w[:1].isupper() for w in words if w.isalpha())


def _blocks(lines: list[str], start: int, stop: int) -> list[tuple[int, int, list[str]]]:
    """Consecutive non-blank lines as (first line number, last line number, lines), 1-based."""
    blocks: list[tuple[int, int, list[str]]] = []
    current: list[str] = []
    first = 0
    for index in range(start, stop):
        line = lines[index].strip()
        if line:
            if not current:
                first = index + 1
            current.append(line)
        elif current:
            blocks.append((first, index, current))
            current = []
    if current:
        blocks.append((first, stop, current))
    return blocks


def _real_date(written: str, page: Page, index: int, otherwise: str) -> str | None:
    """The ISO date of a date line, or None with a warning when no such day exists ("31 February
    2025") or its year cannot be a page's ("15 January 0001")."""
    parsed, why_not = page_date(written)
    if parsed is None:
        message = f"{written.strip()!r} {why_not}; {otherwise}"
        page.problems.append(Problem(page.file, message, line=index + 1, severity="warning"))
    return parsed


def _report_skipped(page: Page, line_numbers: list[int], before_what: str) -> None:
    """Say so when text ahead of the articles is left out: nothing readable is dropped silently."""
    if line_numbers:
        message = f"{len(line_numbers)} line(s) before {before_what} are not articles and were skipped"
        page.problems.append(Problem(page.file, message, line=line_numbers[0], severity="warning"))


def _finish(article: PageArticle, paragraphs: list[str], last_line: int, page: Page, is_last: bool) -> None:
    text = "\n\n".join(paragraphs)
    article.text = text
    article.sighting = Sighting(article.sighting.file, article.sighting.first_line, last_line, article.sighting.seen)
    ending = text.rstrip()
    if ending.endswith(("...", "\u2026")):
        article.truncated = True
    elif not text:  # a fact about the listing (an entry with its heading only), nothing to act on
        page.problems.append(
            Problem(
                page.file,
                f"article {article.title[:80]!r} has no text (kept, by its heading)",
                line=article.sighting.first_line,
                severity="note",
            )
        )
    elif is_last and not is_terminal(ending):
        article.truncated = True
        page.problems.append(
            Problem(
                page.file,
                f"page ends mid-article ({article.title[:80]!r}); its text is incomplete",
                line=last_line,
                severity="warning",
            )
        )
    page.articles.append(article)


def _read_ticker(lines: list[str], page: Page, as_of: str | None) -> set[int]:
    """Collect one rate per pair from the (repeated) ticker; return the ticker's line indexes."""
    used: set[int] = set()
    by_pair: dict[str, CurrencyRate] = {}
    reported: set[str] = set()
    for index, line in enumerate(lines):
        match = TICKER.match(line)
        if not match:
            continue
        used.add(index)
        pair = f"{match['base']}/{match['quote']}"
        rate = parse_number(match["rate"])
        if rate is None or rate <= 0:
            if pair not in by_pair and (pair, match["rate"]) not in reported:
                reported.add((pair, match["rate"]))
                page.problems.append(
                    Problem(
                        page.file,
                        f"{pair} value {match['rate']!r} is not a {'positive ' if rate is not None else ''}number; "
                        "pair skipped",
                        line=index + 1,
                        severity="warning",
                    )
                )
            continue
        change_text = (match["change"] or "").rstrip("%")
        change = parse_number(change_text) if change_text else None
        if change_text and change is None:
            page.problems.append(
                Problem(
                    page.file,
                    f"{pair} change {match['change']!r} is not a percentage; change left empty",
                    line=index + 1,
                    severity="warning",
                )
            )
        change = 0.0 if change == 0 else change  # "-0%" is no change
        rate_row = CurrencyRate(pair, rate, match["rate"], change, as_of, page.file, index + 1)
        known = by_pair.get(pair)
        if known is None:
            by_pair[pair] = rate_row
        elif (known.rate, known.change_pct) != (rate, change) and pair not in reported:
            reported.add(pair)
            page.problems.append(
                Problem(
                    page.file,
                    f"{pair} ticker repeats with a different value ({match['rate']} vs {known.rate_text}); first kept",
                    line=index + 1,
                    severity="warning",
                )
            )
    page.rates = list(by_pair.values())
    return used


def parse_tca(lines: list[str], page: Page) -> None:
    page_date_index = next((i for i, line in enumerate(lines[:400]) if DAY_MONTH_YEAR.match(line.strip())), None)
    if page_date_index is not None:
        page.page_date = _real_date(
            lines[page_date_index], page, page_date_index, "its articles are dated by the file's time"
        )
    else:
        page.problems.append(
            Problem(page.file, "no listing date found; its articles are dated by the file's time", severity="warning")
        )
    ticker_lines = _read_ticker(lines, page, page.page_date)
    header_end = max([page_date_index or 0, *(i for i in ticker_lines if i < 400)], default=-1)
    for index in range(header_end + 1, min(len(lines), header_end + 6)):
        if PAGINATION.match(lines[index].strip()):
            header_end = index
    content = [("" if i in ticker_lines or i <= header_end else line) for i, line in enumerate(lines)]
    stray = [
        i + 1
        for i in range(header_end + 1)
        if lines[i].strip()
        and i not in ticker_lines
        and i != page_date_index
        and not PAGINATION.match(lines[i].strip())
    ]
    _report_skipped(page, stray, "the listing")
    _parse_titled_blocks(content, page, SOURCE_TCA)


def _parse_titled_blocks(lines: list[str], page: Page, source: str) -> None:
    """Title line, blank line, body paragraph(s); a title-like block starts the next article."""
    blocks = [b for b in _blocks(lines, 0, len(lines)) if not is_boilerplate(" ".join(b[2]))]
    article: PageArticle | None = None
    paragraphs: list[str] = []
    last_line = 0
    for first, last, block in blocks:
        if PAGINATION.match(block[0]):
            continue
        long_title = len(block) == 1 and paragraphs and looks_like_long_title(block[0])
        if len(block) == 1 and (looks_like_title(block[0]) or long_title) and (article is None or paragraphs):
            if article is not None:
                _finish(article, paragraphs, last_line, page, is_last=False)
            if long_title:
                message = f"title is {len(block[0])} characters long; read as the next article's title"
                page.problems.append(Problem(page.file, message, line=first, severity="warning"))
            article = PageArticle(block[0], "", source, Sighting(page.file, first, last, page.page_date))
            paragraphs = []
        elif article is None:
            text = " ".join(block)
            article = PageArticle(
                derive_title(text), "", source, Sighting(page.file, first, last, page.page_date), title_derived=True
            )
            paragraphs = [text]
            page.problems.append(
                Problem(
                    page.file,
                    "text without a title line; title taken from its first sentence",
                    line=first,
                    severity="warning",
                )
            )
        else:
            paragraphs.append(" ".join(block))
        last_line = last
    if article is not None:
        _finish(article, paragraphs, last_line, page, is_last=True)


def parse_edm(lines: list[str], page: Page) -> None:
    starts = [i for i, line in enumerate(lines) if line.strip() == CATEGORIES_HEADER]
    preamble = [i + 1 for i in range(starts[0]) if lines[i].strip()]
    _report_skipped(page, preamble, "the first 'Categories' block")
    for number, start in enumerate(starts):
        stop = starts[number + 1] if number + 1 < len(starts) else len(lines)
        _parse_edm_block(lines, start, stop, page, is_last=number == len(starts) - 1)


def _is_structural(line: str) -> bool:
    return bool(
        BULLET.match(line) or PUBLICATION.match(line) or EXECUTIVE_SUMMARY.match(line) or CAPTION_PREFIX.match(line)
    )


WRAP_WIDTH = 60  # a line at least this long that stops mid-sentence was wrapped, not ended


def unwrap(lines: list[str], start: int, stop: int) -> list[tuple[int, str]]:
    """Non-blank lines as (last line number, text), with hard-wrapped lines joined back together.

    A line continues the one before when that one stops mid-sentence and either is long (wrapped at
    the page width), ends with a comma, or is followed by a lower-case word; a line ending with a
    dash (`Baku–Tbilisi–` / `Ceyhan`) joins without a space. Bullets, captions and labels never join.
    """
    joined: list[tuple[int, str]] = []
    physical_before = ""
    for index in range(start, stop):
        line = lines[index].strip()
        if line and joined and physical_before and not _is_structural(line) and not _is_structural(joined[-1][1]):
            before = joined[-1][1]
            if before.endswith(DASH_ENDINGS):
                joined[-1] = (index + 1, before + line)
                physical_before = line
                continue
            wrapped = len(physical_before) >= WRAP_WIDTH or before.endswith((",", ";")) or line[:1].islower()
            if wrapped and not is_terminal(before):
                joined[-1] = (index + 1, f"{before} {line}")
                physical_before = line
                continue
        if line:
            joined.append((index + 1, line))
        physical_before = line
    return joined


def _parse_edm_block(lines: list[str], start: int, stop: int, page: Page, is_last: bool) -> None:
    heading = [(i + 1, lines[i].strip()) for i in range(start + 1, stop) if lines[i].strip()][:2]
    rest = unwrap(lines, heading[-1][0], stop) if len(heading) == 2 else []
    body = [(n, line) for n, line in heading + rest if not is_boilerplate(line)]
    if len(body) < 2:
        page.problems.append(Problem(page.file, "'Categories' block without a title; skipped", line=start + 1))
        return
    (_, category_line), (title_line, title) = body[0], body[1]
    categories, unknown = split_categories(category_line)
    if unknown:
        page.problems.append(
            Problem(
                page.file,
                f"category text {unknown} is not a known category name; kept as written",
                line=body[0][0],
                severity="warning",
            )
        )
    article = PageArticle(
        title, "", SOURCE_EDM, Sighting(page.file, start + 1, title_line, page.page_date), categories=categories
    )
    paragraphs: list[str] = []
    maybe_captions: list[tuple[int, str]] = []  # captions only if a body follows them
    captions: list[str] = []  # "Photo: …" lines, kept after the body
    in_body = False
    last_line = title_line
    for number, line in body[2:]:
        publication = PUBLICATION.match(line)
        if publication:
            article.published = article.published or find_date(publication["rest"])
            continue
        if EXECUTIVE_SUMMARY.match(line):
            in_body = True
            continue
        byline = BYLINE.match(line)
        if not in_body and byline and len(line) < 100:
            article.authors = split_names(byline["names"])
            continue
        if BULLET.match(line):
            in_body = True
            paragraphs.append(BULLET.sub("\u2022 ", line))
        elif not in_body and CAPTION_PREFIX.match(line):
            captions.append(line)
            continue
        elif not in_body and len(line) < 200 and not is_terminal(line):
            maybe_captions.append((number, line))  # alt text, unless nothing else follows
            continue
        else:
            in_body = True
            paragraphs.append(line)
        last_line = number
    if not paragraphs and maybe_captions:
        paragraphs = [line for _, line in maybe_captions]
        last_line = maybe_captions[-1][0]
    _finish(article, with_captions(paragraphs, captions), last_line, page, is_last)


def parse_caci(lines: list[str], page: Page) -> None:
    dates = [
        i
        for i, line in enumerate(lines)
        if i > 0 and MONTH_DAY_YEAR.match(line.strip()) and _looks_like_author(lines[i - 1])
    ]
    boiler = next((i for i, line in enumerate(lines) if is_boilerplate(line)), len(lines))
    first_author = dates[0] - 1
    preamble = [i for i in range(first_author) if lines[i].strip()]
    title_before: str | None = None
    if preamble and looks_like_title(lines[preamble[-1]]):
        title_before = lines[preamble[-1]].strip()
        preamble = preamble[:-1]
    _report_skipped(page, [i + 1 for i in preamble], "the first entry")
    for number, date_index in enumerate(dates):
        author_index = date_index - 1
        next_author = dates[number + 1] - 1 if number + 1 < len(dates) else min(boiler, len(lines))
        content = [text for _, text in unwrap(lines, date_index + 1, min(next_author, boiler))]
        next_title = None
        if number + 1 < len(dates) and len(content) > 1 and looks_like_title(content[-1]):
            next_title = content.pop()
        byline = BYLINE.match(lines[author_index].strip())
        authors = split_names(byline["names"] if byline else lines[author_index])
        written = MONTH_DAY_YEAR.match(lines[date_index].strip()).group(0).split(", the")[0]
        published = _real_date(written, page, date_index, "the entry is undated")
        last_line = max(
            [date_index + 1, *(i + 1 for i in range(date_index + 1, min(next_author, boiler)) if lines[i].strip())]
        )
        if title_before:
            title, derived = title_before, False
        else:
            title, derived = caci_title(published, authors), True
        first_line = author_index + (0 if title_before and number == 0 else 1)
        article = PageArticle(
            title,
            "",
            SOURCE_CACI,
            Sighting(page.file, first_line, last_line, page.page_date),
            authors=authors,
            published=published,
            title_derived=derived,
        )
        _finish(article, content, last_line, page, is_last=number == len(dates) - 1 and boiler >= len(lines))
        title_before = next_title


def caci_title(published: str | None, authors: tuple[str, ...]) -> str:
    """CACI lists give no titles: "CACI Analyst, 21 February 2024, Bayram Balcı" reads as a citation,
    where a cut first sentence of the summary read as a truncated quote."""
    when = f"{date.fromisoformat(published):%d %B %Y}".lstrip("0") if published else None
    return ", ".join([SOURCE_CACI, *([when] if when else []), *([", ".join(authors)] if authors else [])])


def parse_generic(lines: list[str], page: Page) -> None:
    blocks = _blocks(lines, 0, len(lines))
    page.problems.append(
        Problem(
            page.file,
            "format not recognised (not a Times of Central Asia, Eurasia Daily Monitor or CACI Analyst listing); read as one article titled by its first line",
            severity="note",
        )
    )
    first, _, block = blocks[0]
    title = block[0][:200]
    paragraphs = [" ".join(block[1:])] if len(block) > 1 else []
    paragraphs += [" ".join(b[2]) for b in blocks[1:]]
    article = PageArticle(title, "", SOURCE_OTHER, Sighting(page.file, first, first, page.page_date))
    _finish(article, paragraphs, blocks[-1][1], page, is_last=False)


LISTING_FAMILIES = ("tca", "edm", "caci")
PARSERS = {"tca": parse_tca, "edm": parse_edm, "caci": parse_caci, "generic": parse_generic}


def parse_page(name: str, text: str, family: str | None = None) -> Page:
    """Parse the text of one page. Never raises: an unexpected failure becomes a Problem."""
    lines = text.split("\n")
    if not any(line.strip() for line in lines):
        return Page(name, "empty", problems=[Problem(name, "file has no text")])
    family = family or detect_family(lines)
    page = Page(name, family)
    try:
        PARSERS[family](lines, page)
    except Exception as exc:  # noqa: BLE001 - a parser bug must not lose the page
        page = Page(
            name,
            "generic",
            problems=[
                Problem(
                    name,
                    f"could not be read as a {family} page ({type(exc).__name__}: {exc}); read as plain text",
                    severity="warning",
                )
            ],
        )
        parse_generic(lines, page)
    return page
