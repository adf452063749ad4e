"""Which page articles are the same article, and the merged article they make."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from .records import Article, PageArticle
from .textnorm import fold


def article_key(source: str, title: str) -> str:
    return f"{source}\n{fold(title).rstrip('.')}"


def identity_key(item: PageArticle) -> str:
    return article_key(item.source, item.title)


def article_id(key: str) -> str:
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def merge_articles(page_articles: Iterable[PageArticle]) -> list[Article]:
    """One article per (source, title): the same article on several listing pages is one article."""
    groups: dict[str, list[PageArticle]] = {}
    for item in page_articles:
        groups.setdefault(identity_key(item), []).append(item)
    return [merge_group(key, items) for key, items in groups.items()]


def merge_group(key: str, items: list[PageArticle]) -> Article:
    best = max(items, key=lambda a: (not a.truncated, len(a.text)))
    sightings = sorted({a.sighting for a in items}, key=lambda s: (s.seen or "", s.file, s.first_line))
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
    )


def first_appearance(article: Article) -> tuple[str, int]:
    """Articles are listed in the order they first appear in the (sorted) page files."""
    first = min(article.source_files, key=lambda s: (s.file, s.first_line))
    return first.file, first.first_line
