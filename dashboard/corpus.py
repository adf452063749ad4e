"""Seed pages -> articles and currency snapshots: read every page file, parse it by its family,
merge the same article seen on several pages.
"""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime
from pathlib import Path

from .decoding import read_page
from .errors import Problem
from .htmlpage import looks_like_html, parse_html
from .identity import first_appearance, merge_articles
from .listings import parse_page
from .pagefiles import page_files
from .records import Corpus, Page


def parse_file(path: Path, name: str) -> Page:
    """One page file read, decoded and parsed; never raises on what the file holds."""
    text, problems = read_page(path, name)
    if text is None:
        return Page(name, "unreadable", problems=problems)
    try:
        page = parse_html(name, text) if looks_like_html(text) else parse_page(name, text)
    except Exception as exc:  # noqa: BLE001 - the reader's boundary: a bug on one page costs that page only
        reason = f"could not be read, a bug in the reader ({type(exc).__name__}: {' '.join(str(exc).split())[:200]})"
        return Page(name, "unreadable", problems=[*problems, Problem(name, reason)])
    page.problems[:0] = problems
    filed = file_day(path)
    for article in page.articles:
        article.sighting = dataclasses.replace(article.sighting, filed=filed)
    return page


def file_day(path: Path) -> str | None:
    """The file's modification day (UTC): the date of an article no page dates ("seen")."""
    try:
        return datetime.fromtimestamp(path.stat(follow_symlinks=False).st_mtime, UTC).date().isoformat()
    except OSError:
        return None


def load_corpus(seeds_dir: Path) -> Corpus:
    """Parse every page in a folder (no index): the reference the index is checked against."""
    pages = [parse_file(Path(page.path), page.name) for page in page_files(seeds_dir)]
    articles = merge_articles(a for page in pages for a in page.articles)
    articles.sort(key=first_appearance)
    return Corpus(
        articles=articles,
        rates=[rate for page in pages for rate in page.rates],
        problems=[problem for page in pages for problem in page.problems],
        pages=pages,
    )
