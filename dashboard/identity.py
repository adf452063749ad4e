"""Which page articles are the same article, and the merged article they make.

Two copies are one article when their texts open with the same words: the same listing entry on two
pages, a teaser and its full article, the same body under a new title, or one story syndicated by two
sites (counted once, every title and sighting kept). Titles never merge texts on their own: two pages
titled "Home" with different texts stay two articles. A text too short to tell apart by its opening
is identified by source, title and its whole text.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections.abc import Iterable

from .records import Article, PageArticle
from .textnorm import fold

OPENING_WORDS = 30  # TCA teasers run ~500 words, EDM and CACI summaries 75-240: 30 words tell articles apart
_WORD = re.compile(r"\w+")
OPENING_CHARS = 600  # ~90 words of English or Russian: the opening words are almost always inside


def article_key(source: str, title: str) -> str:
    return f"{source}\n{fold(title).rstrip('.')}"


def identity_key(item: PageArticle) -> str:
    words = _opening_words(item.text)
    if len(words) >= OPENING_WORDS:
        return "text\n" + " ".join(words[:OPENING_WORDS])
    return f"{article_key(item.source, item.title)}\n{' '.join(words)}"


def _opening_words(text: str) -> list[str]:
    """The words of the folded text, or at least its first OPENING_WORDS: folding only the opening
    (folding is per character; a word cut at its end is not among the first OPENING_WORDS when more
    words follow it) spares folding every article's whole text, three times an ingest."""
    words = _WORD.findall(fold(text[:OPENING_CHARS]))
    return words if len(words) > OPENING_WORDS else _WORD.findall(fold(text))


def article_id(key: str) -> str:
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def merge_articles(page_articles: Iterable[PageArticle]) -> list[Article]:
    """One article per identity: the same article on several pages is one article."""
    groups: dict[str, list[PageArticle]] = {}
    for item in page_articles:
        groups.setdefault(identity_key(item), []).append(item)
    return [merge_group(key, items) for key, items in groups.items()]


def merge_group(key: str, items: list[PageArticle]) -> Article:
    """The fullest copy gives title and text; every copy's sighting (with its title and link) is kept."""
    best = max(items, key=lambda a: (not a.truncated, len(a.text), not a.title_derived))
    sightings = sorted(
        {dataclasses.replace(a.sighting, title=a.title, url=a.url) for a in items},
        key=lambda s: (s.seen or "", s.file, s.first_line),
    )
    return Article(
        id=article_id(key),
        title=best.title,
        text=best.text,
        source=best.source,
        authors=tuple(dict.fromkeys(name for a in items for name in a.authors)),
        categories=tuple(dict.fromkeys(c for a in items for c in a.categories)),
        published=next((a.published for a in items if a.published), None),
        seen=tuple(sorted({s.seen for s in sightings if s.seen})),
        source_files=tuple(sightings),
        truncated=best.truncated,
        title_derived=best.title_derived,
        url=best.url or next((a.url for a in items if a.url), None),
        filed=min((s.filed for s in sightings if s.filed), default=None),
    )


def first_appearance(article: Article) -> tuple[str, int]:
    """Articles are listed in the order they first appear in the (sorted) page files."""
    first = min(article.source_files, key=lambda s: (s.file, s.first_line))
    return first.file, first.first_line
