"""The index's full-text search: the `feature_names` table a query's route and port names are looked
up in, and the reads that find articles by words (the FTS5 table `articles_fts`, kept beside the
articles by `store.Index`) or by the features they are linked to. Part of `store.Index` (mixed in, as
`figurestore` is); what a query means is worked out in `dashboard.search`.
"""

from __future__ import annotations

import sqlite3
from dataclasses import replace

from .search import Plan, plan

SEARCH_SCHEMA = """
CREATE TABLE IF NOT EXISTS feature_names (name TEXT NOT NULL, feature_id TEXT NOT NULL);
"""

# One mention's excerpt in SQL: fine for one row an article (substr reads the whole text each time).
ONE_EXCERPT_SQL = "CASE m.kind WHEN 'headline' THEN a.title ELSE substr(a.text, m.start + 1, m.\"end\" - m.start) END"


class SearchTables:
    """Search over the index (mixed into `store.Index`)."""

    db: sqlite3.Connection
    _names: dict[str, tuple[str, ...]] | None = None  # folded name -> feature ids, read once a connection

    def set_feature_names(self, rows: list[tuple[str, str]]) -> None:
        """The (folded name, feature id) pairs a search query may name (see `search.name_table`)."""
        self.db.execute("DELETE FROM feature_names")
        self.db.executemany("INSERT INTO feature_names VALUES (?, ?)", rows)

    def search_plan(self, query: str, raw_allowed: bool = True) -> Plan:
        if self._names is None:
            names: dict[str, tuple[str, ...]] = {}
            for name, feature_id in self.db.execute("SELECT name, feature_id FROM feature_names ORDER BY 1, 2"):
                names[name] = (*names.get(name, ()), feature_id)
            self._names = names
        found = plan(query, self._names, raw_allowed)
        if found.raw is None:
            return found
        try:  # FTS5 parses the expression when it runs: a dangling "OR" would find nothing, unexplained
            self.db.execute("SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? LIMIT 1", (found.raw,))
            return found
        except sqlite3.OperationalError as exc:
            words = plan(query, self._names, raw_allowed=False)
            note = f"{query.strip()!r} is not valid search syntax ({exc}); searched for its words instead"
            return replace(words, notes=(*found.notes, note, *words.notes))

    def search_rowids(self, query: str) -> set[int]:
        """Row ids of every article matching `query` (the app filters its panels by them)."""
        return self._matching(self.search_plan(query))[1]

    def search(self, query: str, limit: int = 50, among: set[int] | None = None) -> list[dict]:
        """Articles matching `query`, best first (`rank` 1 is the best): those whose text matches,
        ranked by bm25, with a snippet (the matched words in brackets), then those found only through
        a named route or port, newest first, with their sentence naming it (`found_by`: text or link).
        No score is given: bm25's has no meaning of its own, and a link has none. `among`: only these
        articles (row ids: the app's other filters)."""
        found, hits = self._matching(self.search_plan(query))
        if among is not None:
            hits &= among
        if not hits:
            return []
        rows = []
        expression = found.ranking_expression()
        # Ranked first, snippets only for the rows shown: SQLite builds a result row's snippet before
        # sorting, so a word in most of 1,000,000 articles cost ~35 s with the snippet in this query.
        ranked = self.db.execute(
            "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? ORDER BY bm25(articles_fts)", (expression,)
        )
        for (rowid,) in ranked:
            if rowid in hits:
                hits.discard(rowid)
                snippet = self.db.execute(
                    "SELECT snippet(articles_fts, -1, '[', ']', ' … ', 12) FROM articles_fts "
                    "WHERE articles_fts MATCH ? AND rowid = ?",
                    (expression, rowid),
                ).fetchone()[0]
                rows.append((rowid, snippet, "text"))
                if len(rows) == limit:
                    break
        features = [fid for term in found.terms for fid in term.feature_ids]
        if hits and len(rows) < limit and features:
            rows += self._linked_rows(sorted(hits), features, limit - len(rows))
        return [
            {"rank": rank, **self._hit(rowid), "snippet": snippet, "found_by": how}
            for rank, (rowid, snippet, how) in enumerate(rows, 1)
        ]

    def _hit(self, rowid: int) -> dict:
        """What a search hit shows of its article: title, source, date and its kind, URL, the routes
        and ports it names."""
        cursor = self.db.execute(
            "SELECT id, title, source, date, date_kind, url FROM articles WHERE rowid = ?", (rowid,)
        )
        row = dict(zip((c[0] for c in cursor.description), cursor.fetchone(), strict=True))
        named = [r[0] for r in self.db.execute("SELECT DISTINCT feature_id FROM mentions WHERE article = ?", (rowid,))]
        return {**row, "features": sorted(named)}

    def _matching(self, found: Plan) -> tuple[Plan, set[int]]:
        """The plan and the row ids that hold every term, a named route or port counting for its linked articles."""
        if found.raw is not None:  # checked by `search_plan`
            return found, self._fts_rowids(found.raw)
        hits: set[int] | None = None
        for term in found.terms:
            matching = self._fts_rowids(term.fts) | self._linked_rowids(term.feature_ids)
            hits = matching if hits is None else hits & matching
            if not hits:
                break
        return found, hits or set()

    def _fts_rowids(self, expression: str) -> set[int]:
        return {
            r[0] for r in self.db.execute("SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?", (expression,))
        }

    def _linked_rowids(self, feature_ids: tuple[str, ...]) -> set[int]:
        if not feature_ids:
            return set()
        marks = ",".join("?" * len(feature_ids))
        return {
            r[0] for r in self.db.execute(f"SELECT article FROM mentions WHERE feature_id IN ({marks})", feature_ids)
        }

    def _linked_rows(self, rowids: list[int], feature_ids: list[str], limit: int) -> list[tuple]:
        """Hits found through a named feature only: newest first, the first sentence naming it (the
        headline for a headline mention) as the snippet, the name in brackets."""
        marks = ",".join("?" * len(feature_ids))
        rows = []
        for rowid in rowids:
            date, sentence, start, end = self.db.execute(
                f"SELECT a.date, {ONE_EXCERPT_SQL}, m.alias_start, m.alias_end FROM mentions m "
                f"JOIN articles a ON a.rowid = m.article WHERE m.article = ? AND m.feature_id IN ({marks}) "
                "ORDER BY m.kind != 'headline', m.start LIMIT 1",
                (rowid, *feature_ids),
            ).fetchone()
            marked = f"{sentence[:start]}[{sentence[start:end]}]{sentence[end:]}" if end > start else sentence
            rows.append((date or "", rowid, marked))
        rows.sort(reverse=True)
        return [(rowid, marked, "link") for _, rowid, marked in rows[:limit]]
