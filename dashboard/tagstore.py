"""The index's record of each feature: `dated_links` (feature, date, article: its dated articles in
date order, so its newest are an index read at any size) and `link_tags`, the event tags of the links
that make its record (its newest dated articles, see `digest.store_record_tags`), tagged at ingest so
that a click on a feature reads its status in the news instead of tagging ~400 articles (0.5-1 s at
100,000 articles). Part of `store.Index`, like `figurestore`.

The rows hold for one tagging signature (`digest.tag_signature`: the event vocabulary, the tagger's
code and the features' kinds); another signature finds none and tags as before. An article's rows go
with it whenever it is deleted or re-linked.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Collection, Iterable, Iterator
from typing import NamedTuple

from .events import Tag

TAGS_SCHEMA = """
CREATE TABLE IF NOT EXISTS link_tags (
    article INTEGER NOT NULL, feature_id TEXT NOT NULL, tags TEXT NOT NULL, excerpt TEXT NOT NULL,
    PRIMARY KEY (article, feature_id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS dated_links (
    feature_id TEXT NOT NULL, date TEXT NOT NULL, article INTEGER NOT NULL,
    PRIMARY KEY (feature_id, date, article)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS dated_links_article ON dated_links(article);
"""


class ArticleHead(NamedTuple):
    article_id: str
    title: str
    source: str
    date: str
    date_kind: str | None
    url: str | None


StoredTags = tuple[dict[str, Tag], str]  # a link's tags (name -> Tag) and the excerpt shown with them


class TagTables:
    """The `link_tags` table's writes and reads (mixed into `store.Index`)."""

    db: sqlite3.Connection

    def insert_dated_links(self, article: int, day: str, feature_ids: Iterable[str]) -> None:
        self.db.executemany("INSERT INTO dated_links VALUES (?,?,?)", ((f, day, article) for f in feature_ids))

    def newest_dated_links(self, feature_id: str, before: str | None = None, since: str | None = None) -> Iterator[int]:
        """The feature's dated articles (dated since..before `before`, when given), newest first (by
        date, then row), read along `dated_links`' key as far as the caller needs: a feature's newest
        400 cost the same at 1,000 articles and at 1,000,000 (sorting every link of a feature named
        in 30,000 of 100,000 articles took 0.17 s)."""
        rows = self.db.execute(
            "SELECT article FROM dated_links WHERE feature_id = ? AND date < ? AND date >= ? "
            "ORDER BY date DESC, article DESC",
            (feature_id, before or "\uffff", since or ""),
        )
        return (article for (article,) in rows)

    def stored_tags(self, signature: str, articles: Collection[int]) -> dict[tuple[int, str], StoredTags]:
        """(article, feature id) -> the stored tags of every link of these articles, when they were
        tagged under `signature`."""
        if not articles or self.meta("tag_signature") != signature:
            return {}
        found: dict[tuple[int, str], StoredTags] = {}
        ordered = sorted(articles)
        for chunk in range(0, len(ordered), 500):  # SQLite's bound-parameter limit
            part = ordered[chunk : chunk + 500]
            rows = self.db.execute(
                f"SELECT article, feature_id, tags, excerpt FROM link_tags WHERE article IN ({','.join('?' * len(part))})",
                part,
            )
            for article, feature_id, tags, excerpt in rows:
                found[article, feature_id] = ({said[0]: Tag(*said) for said in json.loads(tags)}, excerpt)
        return found

    def store_tags(self, signature: str, rows: Iterable[tuple[int, str, dict[str, Tag], str]]) -> None:
        """Keep (article, feature id, tags, excerpt) rows, tagged under `signature`; the rows of any
        other signature go first."""
        if self.meta("tag_signature") != signature:
            self.db.execute("DELETE FROM link_tags")
            self.set_meta("tag_signature", signature)
        self.db.executemany(
            "INSERT OR REPLACE INTO link_tags VALUES (?,?,?,?)",
            (
                (
                    article,
                    feature_id,
                    json.dumps([[t.name, t.sentence, t.trigger] for t in tags.values()], ensure_ascii=False),
                    excerpt,
                )
                for article, feature_id, tags, excerpt in rows
            ),
        )

    def article_heads(self, articles: Collection[int]) -> dict[int, ArticleHead]:
        """Row -> what a tagged link shows of its article besides the tags."""
        found = {}
        ordered = sorted(articles)
        for chunk in range(0, len(ordered), 500):
            part = ordered[chunk : chunk + 500]
            rows = self.db.execute(
                "SELECT rowid, id, title, source, date, date_kind, url FROM articles "
                f"WHERE rowid IN ({','.join('?' * len(part))})",
                part,
            )
            found.update((row[0], ArticleHead(*row[1:])) for row in rows)
        return found

    def tagged_articles(self) -> set[int]:
        """The articles whose links are tagged (under the stored signature)."""
        return {row[0] for row in self.db.execute("SELECT DISTINCT article FROM link_tags")}

    def drop_tags(self, articles: Iterable[int]) -> None:
        """Forget the tags of articles no longer in any feature's record."""
        self.db.executemany("DELETE FROM link_tags WHERE article=?", ((a,) for a in articles))
