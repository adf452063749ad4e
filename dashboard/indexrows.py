"""The rows the index hands to other modules, by name: a query's columns are matched to a row's
fields by their names (`AS field` in the SQL), so a new column can never shift another module's
fields, and a query that no longer gives a row's fields fails on its first use, naming both.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from typing import NamedTuple, TypeVar

T = TypeVar("T")


def named_rows(cursor: sqlite3.Cursor, row_type: type[T]) -> Iterator[T]:
    """The cursor's rows as `row_type` (a NamedTuple or a dataclass), each column to the field of its name."""
    names = [d[0] for d in cursor.description]
    _check_fields(row_type, names)
    return (row_type(**dict(zip(names, row, strict=True))) for row in cursor)


EXCERPT_COLUMNS = ("text_of", "excerpt_start", "excerpt_end")


def excerpted_rows(db: sqlite3.Connection, cursor: sqlite3.Cursor, row_type: type[T]) -> Iterator[T]:
    """`named_rows` whose `excerpt` (the sentence, or the title for a headline row) is cut here from
    the text of the article whose rowid is the column `text_of`, between the columns `excerpt_start`
    and `excerpt_end`. Each article's text is read once for all its rows (the query orders rows by
    article): SQLite's substr reads the whole text again for every row, quadratic in a page's size."""
    names = [d[0] for d in cursor.description]
    _check_fields(row_type, [n for n in names if n not in EXCERPT_COLUMNS] + ["excerpt"])
    current, title, text = None, "", ""
    for row in cursor:
        values = dict(zip(names, row, strict=True))
        article, start, end = (values.pop(column) for column in EXCERPT_COLUMNS)
        if article != current:
            title, text = db.execute("SELECT title, text FROM articles WHERE rowid = ?", (article,)).fetchone()
            current = article
        values["excerpt"] = title if values["kind"] == "headline" else text[start:end]
        yield row_type(**values)


def _check_fields(row_type: type, names: list[str]) -> None:
    fields = getattr(row_type, "_fields", None) or tuple(getattr(row_type, "__dataclass_fields__", ()))
    if set(names) - set(fields):
        raise TypeError(f"{row_type.__name__}: the query gives {names}, the row has only {list(fields)}")


class KnownPage(NamedTuple):
    """What identifies the version of a page the index holds."""

    sha256: str
    size: int
    changed_ns: int


class ExcerptRow(NamedTuple):
    """One mention of a feature with its sentence and its article (see `Index.excerpt_rows`)."""

    article: int  # the article's rowid
    start: int  # sentence start/end in the text (-1 for a headline)
    end: int
    alias_start: int  # the name, within the excerpt
    alias_end: int
    alias: str
    excerpt: str  # the sentence, or the title for a headline mention
    title: str
    source: str
    date: str | None
    date_kind: str | None  # published, listed or seen (see `records.Article.date`)
    article_id: str
    truncated: int
    kind: str
    url: str | None


class ArticleText(NamedTuple):
    """An article's text and what the digest shows of it (see `Index.linked_articles`)."""

    article: int  # the article's rowid
    title: str
    text: str
    source: str
    date: str | None
    date_kind: str | None
    article_id: str
    url: str | None


class DatedLink(NamedTuple):
    """An article–feature link and the article's date (None: undated)."""

    article: int
    feature_id: str
    date: str | None
