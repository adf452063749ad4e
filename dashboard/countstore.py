"""The index's count tables: per feature its articles and mentions in all, by source and by month, and
the articles each pair of features shares, kept up to date at ingest (an article's links add to
them, and take away again when it is deleted or linked anew). The `counts` command reads them (at
1,000,000 articles a `GROUP BY` over every mention takes seconds; these are a few hundred rows);
`stored_count_report` turns them into the same report `analysis.count_report` makes from the frames
(both through `count_report_of`), and a test holds the two equal; no pandas is needed to read them. Part of `store.Index`, like `figurestore`.
"""

from __future__ import annotations

import itertools
import sqlite3
from collections import Counter
from collections.abc import Iterable

from .dates import UNDATED

COUNTS_SCHEMA = """
CREATE TABLE IF NOT EXISTS feature_counts (
    feature_id TEXT NOT NULL, dimension TEXT NOT NULL, key TEXT NOT NULL,
    articles INTEGER NOT NULL, mentions INTEGER NOT NULL,
    PRIMARY KEY (feature_id, dimension, key)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS pair_counts (
    a TEXT NOT NULL, b TEXT NOT NULL, articles INTEGER NOT NULL, PRIMARY KEY (a, b)) WITHOUT ROWID;
"""

TOTAL = "total"  # the dimension of a feature's totals (key "")


class CountTables:
    """The count tables' upkeep and reads (mixed into `store.Index`)."""

    db: sqlite3.Connection

    def count_links(self, source: str, day: str | None, feature_ids: Iterable[str], sign: int = 1) -> None:
        """Add (`sign` 1) or take away (-1) one article's links (`feature_ids`, one per mention), in
        memory until `flush_counts`: one upsert per cell an ingest touched, not one per article
        (1.3 s of a 10,000-article ingest)."""
        mentions = Counter(feature_ids)
        if not mentions:
            return
        cells, pairs = self._pending_counts()
        month = day[:7] if day else UNDATED
        for feature_id, count in mentions.items():
            for cell in ((feature_id, TOTAL, ""), (feature_id, "source", source), (feature_id, "month", month)):
                totals = cells.setdefault(cell, [0, 0])
                totals[0] += sign
                totals[1] += sign * count
        for pair in itertools.combinations(sorted(mentions), 2):
            pairs[pair] += sign

    def _pending_counts(self) -> tuple[dict[tuple[str, str, str], list[int]], Counter]:
        if not hasattr(self, "_counts_pending"):
            self._counts_pending: tuple[dict, Counter] = ({}, Counter())
        return self._counts_pending

    def flush_counts(self) -> None:
        """Write the counts added since the last flush, and drop the cells no article is counted in."""
        cells, pairs = self._pending_counts()
        self.db.executemany(
            "INSERT INTO feature_counts VALUES (?,?,?,?,?) ON CONFLICT (feature_id, dimension, key) DO UPDATE "
            "SET articles = articles + excluded.articles, mentions = mentions + excluded.mentions",
            ((*cell, articles, mentions) for cell, (articles, mentions) in cells.items() if articles or mentions),
        )
        self.db.executemany(
            "INSERT INTO pair_counts VALUES (?,?,?) ON CONFLICT (a, b) DO UPDATE SET articles = articles + excluded.articles",
            ((a, b, articles) for (a, b), articles in pairs.items() if articles),
        )
        cells.clear()
        pairs.clear()
        self.db.execute("DELETE FROM feature_counts WHERE articles <= 0")
        self.db.execute("DELETE FROM pair_counts WHERE articles <= 0")

    def uncount_article(self, rowid: int) -> None:
        """Take an article's links away from the counts (before they are deleted)."""
        row = self.db.execute("SELECT source, date FROM articles WHERE rowid=?", (rowid,)).fetchone()
        if row is not None:
            features = [r[0] for r in self.db.execute("SELECT feature_id FROM mentions WHERE article=?", (rowid,))]
            self.count_links(row[0], row[1], features, sign=-1)

    def clear_counts(self) -> None:
        cells, pairs = self._pending_counts()
        cells.clear()
        pairs.clear()
        self.db.execute("DELETE FROM feature_counts")
        self.db.execute("DELETE FROM pair_counts")

    def feature_count_rows(self) -> list[tuple[str, str, str, int, int]]:
        """(feature id, dimension, key, articles, mentions) of every cell."""
        return self.db.execute("SELECT feature_id, dimension, key, articles, mentions FROM feature_counts").fetchall()

    def pair_count_rows(self) -> list[tuple[str, str, int]]:
        """(a, b, articles): the articles each pair of features shares (a < b)."""
        return self.db.execute("SELECT a, b, articles FROM pair_counts").fetchall()


def stored_count_report(index: CountTables) -> dict:
    """`count_report` of every article, read from the index's count tables (kept at ingest): a few
    hundred rows at any size, where the frames hold every mention."""
    totals: dict[str, tuple[int, int]] = {}
    cells: dict[tuple[str, str], dict] = {}
    for fid, dimension, key, articles, mentions in index.feature_count_rows():
        if dimension == TOTAL:
            totals[fid] = (articles, mentions)
        else:
            cells.setdefault((fid, dimension), {})[key] = {"articles": articles, "mentions": mentions}
    return count_report_of(totals, cells, index.pair_count_rows())


def count_report_of(totals: dict[str, tuple[int, int]], cells: dict, pairs: list[tuple[str, str, int]]) -> dict:
    """The report from per feature (articles, mentions), its cells by (feature, "source"/"month") and
    the co-mentioned pairs: features most discussed first, pairs most shared first."""
    order = sorted(totals, key=lambda fid: (-totals[fid][0], -totals[fid][1], fid))
    features = [
        {
            "feature_id": fid,
            "articles": totals[fid][0],
            "mentions": totals[fid][1],
            "by_source": _plain(cells.get((fid, "source"), {})),
            "by_month": _plain(cells.get((fid, "month"), {})),
        }
        for fid in order
    ]
    ranked = sorted(pairs, key=lambda pair: (-pair[2], pair[0], pair[1]))
    return {"features": features, "co_mentions": [{"a": a, "b": b, "articles": int(n)} for a, b, n in ranked]}


def _plain(cells: dict) -> dict:
    return {key: {k: int(v) for k, v in cell.items()} for key, cell in sorted(cells.items())}


# --- dates: the one "in the date range" rule and the one "undated" ------------------------------
