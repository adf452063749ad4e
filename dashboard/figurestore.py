"""The index's `figures` table: the figures the press states about each feature (see `figures`),
written at ingest beside the mentions they come from and read back with their citation. Part of
`store.Index` (its SQL lives here, beside the rest of the index's, to keep `store` one concept a file).
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING, NamedTuple

from .indexrows import excerpted_rows

if TYPE_CHECKING:
    from .stated import Figure

FIGURES_SCHEMA = """
CREATE TABLE IF NOT EXISTS figures (
    article INTEGER NOT NULL, feature_id TEXT NOT NULL, value REAL NOT NULL, value_high REAL,
    bound TEXT NOT NULL, unit TEXT NOT NULL, per TEXT NOT NULL, measure TEXT NOT NULL, period TEXT,
    stated TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    sentence_start INTEGER NOT NULL, sentence_end INTEGER NOT NULL, kind TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS figures_article ON figures(article);
CREATE INDEX IF NOT EXISTS figures_feature ON figures(feature_id);
"""


class FigureRow(NamedTuple):
    """One stated figure with its citation: what the `figures` command prints and the card shows."""

    feature_id: str
    article_id: str
    value: float
    value_high: float | None
    bound: str
    unit: str
    per: str
    measure: str
    period: str | None
    stated: str
    excerpt: str
    source: str
    date: str | None  # the article's published date, else the day a listing first showed it
    title: str
    url: str | None
    start: int  # the stated words in the article's text (in its title when kind is "headline")
    end: int
    kind: str


def figure_row(figure: Figure, article) -> FigureRow:
    """The row of a figure extracted outside the index (a fresh parse), from its `Article`."""
    return FigureRow(
        figure.feature_id,
        figure.article_id,
        figure.value,
        figure.value_high,
        figure.bound,
        figure.unit,
        figure.per,
        figure.measure,
        figure.period,
        figure.stated,
        figure.excerpt,
        article.source,
        article.date,
        article.title,
        article.url,
        figure.start,
        figure.end,
        figure.kind,
    )


_EXCERPT = "f.article AS text_of, f.sentence_start AS excerpt_start, f.sentence_end AS excerpt_end"


class FigureTables:
    """The `figures` table's writes and reads (mixed into `store.Index`)."""

    db: sqlite3.Connection

    def insert_figures(self, rowid: int, figures: list[Figure]) -> None:
        self.db.executemany(
            "INSERT INTO figures VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [
                (
                    rowid,
                    f.feature_id,
                    f.value,
                    f.value_high,
                    f.bound,
                    f.unit,
                    f.per,
                    f.measure,
                    f.period,
                    f.stated,
                    f.start,
                    f.end,
                    f.sentence_start,
                    f.sentence_end,
                    f.kind,
                )
                for f in figures
            ],
        )

    def figure_rows(self, feature_id: str | None = None, articles: list[int] | None = None) -> list[FigureRow]:
        """Every stated figure (of one feature, when given; in the `articles` rowids only, when given:
        the app's filters), in page and text order, with the article's source, date, title and URL and
        the sentence it stands in."""
        clauses, params = (["f.feature_id = ?"], [feature_id]) if feature_id is not None else ([], [])
        if articles is None:
            return self._figure_rows(clauses, params)
        rows: list[FigureRow] = []
        for chunk in range(0, len(articles), 500):  # SQLite's bound-parameter limit
            part = articles[chunk : chunk + 500]
            rows += self._figure_rows([*clauses, f"f.article IN ({','.join('?' * len(part))})"], [*params, *part])
        return rows

    def _figure_rows(self, clauses: list[str], params: list) -> list[FigureRow]:
        where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        cursor = self.db.execute(
            "SELECT f.feature_id, a.id AS article_id, f.value, f.value_high, f.bound, f.unit, f.per, f.measure, "
            f"f.period, f.stated, {_EXCERPT}, a.source, a.date, a.title, a.url, f.start, "
            'f."end", f.kind FROM figures f JOIN articles a ON a.rowid = f.article '
            f"{where} ORDER BY a.first_file, a.first_line, f.kind != 'headline', f.start, f.feature_id",
            params,
        )
        return list(excerpted_rows(self.db, cursor, FigureRow))
