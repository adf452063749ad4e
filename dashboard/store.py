"""The on-disk index: SQLite (WAL) holding pages, articles with their sightings, mentions, the
figures stated about each feature (`figurestore`), rates, per-file problems and a full-text index
(searched through `searchstore`). `ingest` brings it up to date incrementally in one transaction
(driven by `dashboard.ingest`); everything else reads from it through the methods here: no other
module (but `figurestore` and `searchstore`, parts of `Index`) writes SQL.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from .countstore import COUNTS_SCHEMA, CountTables
from .errors import Problem
from .figurestore import FIGURES_SCHEMA, FigureTables
from .identity import merge_group
from .indexfile import BUSY_TIMEOUT_S, DAMAGED_ROW, IndexFault, index_path
from .indexrows import ArticleText, DatedLink, ExcerptRow, KnownPage, excerpted_rows, named_rows
from .linking import Mention
from .records import Article, CurrencyRate, Page, PageArticle, Sighting
from .searchstore import SEARCH_SCHEMA, SearchTables
from .tagstore import TAGS_SCHEMA, TagTables

if TYPE_CHECKING:
    import pandas as pd

    from .stated import Figure

SCHEMA_VERSION = "15"
INGEST_CACHE_KIB = -262144  # negative: KiB, so 256 MB
READ_CACHE_KIB = -2000  # SQLite's default

# A mention's excerpt (its sentence, or the article's title for a headline mention), cut by `excerpted_rows`.
EXCERPT_SQL = 'm.article AS text_of, m.start AS excerpt_start, m."end" AS excerpt_end'

SCHEMA = (
    """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS pages (
    file TEXT PRIMARY KEY, sha256 TEXT NOT NULL, size INTEGER NOT NULL, changed_ns INTEGER NOT NULL,
    family TEXT NOT NULL, page_date TEXT, articles INTEGER NOT NULL, ingested_at REAL NOT NULL);
CREATE TABLE IF NOT EXISTS problems (
    file TEXT NOT NULL, line INTEGER, message TEXT NOT NULL, severity TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS problems_file ON problems(file);
CREATE TABLE IF NOT EXISTS sightings (
    file TEXT NOT NULL, first_line INTEGER NOT NULL, last_line INTEGER NOT NULL, seen TEXT,
    key TEXT NOT NULL, title TEXT NOT NULL, text TEXT, source TEXT NOT NULL,
    authors TEXT NOT NULL, categories TEXT NOT NULL, published TEXT, truncated INTEGER NOT NULL,
    title_derived INTEGER NOT NULL, url TEXT, filed TEXT, PRIMARY KEY (file, first_line));
CREATE INDEX IF NOT EXISTS sightings_key ON sightings(key);
CREATE TABLE IF NOT EXISTS articles (
    rowid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, key TEXT NOT NULL UNIQUE, title TEXT NOT NULL,
    text TEXT NOT NULL, source TEXT NOT NULL, authors TEXT NOT NULL, categories TEXT NOT NULL,
    published TEXT, seen TEXT NOT NULL, date TEXT, truncated INTEGER NOT NULL,
    title_derived INTEGER NOT NULL, source_files TEXT NOT NULL, first_file TEXT NOT NULL,
    first_line INTEGER NOT NULL, files TEXT NOT NULL, url TEXT, filed TEXT,
    date_kind TEXT);
CREATE INDEX IF NOT EXISTS articles_order ON articles(first_file, first_line);
-- the date windows' reads, and the app's frame of every article read from the index alone: the columns
-- after a text are in its overflow pages (3.3 GB at 1,000,000 articles), the index is ~5% of that
CREATE INDEX IF NOT EXISTS articles_frame ON articles(date, source, date_kind, first_file, files);
CREATE TABLE IF NOT EXISTS article_categories (article INTEGER NOT NULL, category TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS article_categories_article ON article_categories(article);
CREATE TABLE IF NOT EXISTS mentions (
    article INTEGER NOT NULL, feature_id TEXT NOT NULL, alias TEXT NOT NULL,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL, alias_start INTEGER NOT NULL, alias_end INTEGER NOT NULL,
    kind TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS mentions_article ON mentions(article);
CREATE INDEX IF NOT EXISTS mentions_feature ON mentions(feature_id);
CREATE TABLE IF NOT EXISTS rates (
    file TEXT NOT NULL, line INTEGER NOT NULL, pair TEXT NOT NULL, rate REAL NOT NULL,
    rate_text TEXT NOT NULL, change_pct REAL, as_of TEXT);
CREATE INDEX IF NOT EXISTS rates_file ON rates(file);
CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5(
    title, text, content='articles', content_rowid='rowid', tokenize='porter unicode61 remove_diacritics 2');
"""
    + FIGURES_SCHEMA
    + SEARCH_SCHEMA
    + TAGS_SCHEMA
    + COUNTS_SCHEMA
)


class PageJob(NamedTuple):
    """A page to (re)read: where it is, its name in the index, and what identifies this version."""

    path: str
    name: str
    sha256: str
    size: int
    changed_ns: int  # the file's change time (st_ctime_ns)


class Index(FigureTables, SearchTables, TagTables, CountTables):
    """A connection to one index file (or, with `path=None`, to an index in memory). Use as a
    context manager. Any failure to open it is an `IndexFault`."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._fts_deferred = False
        try:
            if path is not None:
                path.parent.mkdir(parents=True, exist_ok=True)
            target = ":memory:" if path is None else path
            self.db = sqlite3.connect(target, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False)
            if self.db.execute("PRAGMA journal_mode").fetchone()[0] != "wal" and path is not None:
                self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.execute("PRAGMA foreign_keys=OFF")
            self.db.execute("PRAGMA temp_store=MEMORY")
            self._migrate()
        except (sqlite3.DatabaseError, OSError) as exc:
            raise IndexFault(path, exc) from exc

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """Reads that all see one state of the index (a read transaction), whatever another process
        commits meanwhile: the app's frames and the rows it reads later must agree."""
        if self.db.in_transaction:
            yield
            return
        self.db.execute("BEGIN")
        try:
            yield
        finally:
            if self.db.in_transaction:
                self.db.execute("ROLLBACK")

    def quick_check(self) -> str:
        """SQLite's quick_check: "ok", or the first problem it found (cheap on a small file)."""
        return self.db.execute("PRAGMA quick_check(1)").fetchone()[0]

    def __enter__(self) -> Index:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    def _migrate(self) -> None:
        """Create the tables; an index of an older schema is rebuilt from scratch (it is a cache)."""
        has_meta = self.db.execute("SELECT 1 FROM sqlite_master WHERE name='meta'").fetchone()
        version = self.meta("schema_version") if has_meta else None
        if version == SCHEMA_VERSION:
            return
        if version is not None:
            tables = self.db.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'articles_fts_%'"
            ).fetchall()
            for (table,) in tables:
                self.db.execute(f'DROP TABLE IF EXISTS "{table}"')
        self.db.executescript(SCHEMA)
        self.db.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", (SCHEMA_VERSION,))

    def meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return row[0] if row else None

    # --- writing (the ingest pipeline in `ingest` drives these) -----------------------------------

    @contextmanager
    def writing(self) -> Iterator[None]:
        """One write transaction: all of an ingest lands, or none of it does."""
        # A big page cache while writing keeps the index's B-trees in memory. Readers get SQLite's
        # default back: the app reads every table once, and a full 256 MB cache would stay in its RSS.
        self.db.execute(f"PRAGMA cache_size={INGEST_CACHE_KIB}")
        try:
            try:
                self.db.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as exc:
                raise IndexFault(self.path, exc) from exc
            try:
                yield
                self.db.execute("COMMIT")
            except BaseException:
                if self.db.in_transaction:  # SQLite rolls back by itself on some errors (disk full)
                    self.db.execute("ROLLBACK")
                raise
        finally:
            self.db.execute(f"PRAGMA cache_size={READ_CACHE_KIB}")

    def set_meta(self, key: str, value: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    def known_pages(self) -> dict[str, KnownPage]:
        """file -> what identifies the version of it the index holds, for every page."""
        rows = self.db.execute("SELECT file, sha256, size, changed_ns FROM pages")
        return {file: KnownPage(sha256, size, changed_ns) for file, sha256, size, changed_ns in rows}

    def touch_page(self, name: str, changed_ns: int) -> None:
        """A page rewritten with the same bytes: only its time changes."""
        self.db.execute("UPDATE pages SET changed_ns=? WHERE file=?", (changed_ns, name))

    def forget_files(self, names: list[str]) -> set[str]:
        """Drop what these pages yielded; returns the keys of the articles that were on them."""
        affected: set[str] = set()
        for name in names:
            affected.update(r[0] for r in self.db.execute("SELECT key FROM sightings WHERE file=?", (name,)))
            for table in ("sightings", "problems", "rates", "pages"):
                self.db.execute(f"DELETE FROM {table} WHERE file=?", (name,))
        return affected

    def article_keys(self, article_ids: set[str] | None = None) -> set[str]:
        """Keys of every article, or of those with the given ids."""
        if article_ids is None:
            return {row[0] for row in self.db.execute("SELECT key FROM articles")}
        return {row[0] for i in article_ids for row in self.db.execute("SELECT key FROM articles WHERE id=?", (i,))}

    def has_article_key(self, key: str) -> bool:
        return self.db.execute("SELECT 1 FROM articles WHERE key=?", (key,)).fetchone() is not None

    def has_articles(self) -> bool:
        return self.db.execute("SELECT 1 FROM articles LIMIT 1").fetchone() is not None

    def sizes(self) -> tuple[int, int]:
        """How many articles and mentions the index holds."""
        articles = self.db.execute("SELECT count(*) FROM articles").fetchone()[0]
        mentions = self.db.execute("SELECT count(*) FROM mentions").fetchone()[0]
        return articles, mentions

    def defer_full_text(self, deferred: bool) -> None:
        """Deferred: articles are not added to the full-text index one by one; `finish_full_text`
        builds it in one pass (several times faster into an empty index)."""
        self._fts_deferred = deferred

    def finish_full_text(self) -> None:
        if self._fts_deferred:
            self.db.execute("INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')")
            self._fts_deferred = False

    def store_page(self, job: PageJob, page: Page, keys: list[str], text_in_article: set[int]) -> None:
        """Write what a page yielded; `keys`: each article's identity key, as the worker computed it
        (computing it again here was a sixth of a full ingest's main process). A sighting whose text
        is its article's (the article's first sighting) stores NULL instead of a second copy of the text."""
        _path, name, digest, size, changed_ns = job
        self.db.execute(
            "INSERT INTO pages VALUES (?,?,?,?,?,?,?,?)",
            (name, digest, size, changed_ns, page.family, page.page_date, len(page.articles), time.time()),
        )
        self.db.executemany(
            "INSERT INTO problems VALUES (?,?,?,?)", [(p.file, p.line, p.message, p.severity) for p in page.problems]
        )
        self.db.executemany(
            "INSERT INTO rates VALUES (?,?,?,?,?,?,?)",
            [(r.source_file, r.line, r.pair, r.rate, r.rate_text, r.change_pct, r.as_of) for r in page.rates],
        )
        self.db.executemany(
            "INSERT OR REPLACE INTO sightings VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [
                (
                    a.sighting.file,
                    a.sighting.first_line,
                    a.sighting.last_line,
                    a.sighting.seen,
                    key,
                    a.title,
                    None if id(a) in text_in_article else a.text,
                    a.source,
                    json.dumps(a.authors, ensure_ascii=False),
                    json.dumps(a.categories, ensure_ascii=False),
                    a.published,
                    int(a.truncated),
                    int(a.title_derived),
                    a.url,
                    a.sighting.filed,
                )
                for a, key in zip(page.articles, keys, strict=True)
            ],
        )

    def rebuild_articles(
        self,
        keys: set[str],
        links_for: Callable[[str, str, str, bool, str | None], tuple[list[Mention], list[Figure]]],
        relink_all: bool,
    ) -> None:
        """Merge each key's sightings into its article again (and re-link it with
        `links_for(id, title, text, title_derived, date)`, which gives its mentions and figures); with
        `relink_all`, every article's mentions and figures are replaced."""
        for key in sorted(keys):
            old = self._rows("SELECT rowid, title, text FROM articles WHERE key=?", (key,)).fetchone()
            if old:  # sightings sharing the article's text get their own copy before it may change
                self.db.execute("UPDATE sightings SET text=? WHERE key=? AND text IS NULL", (old["text"], key))
                self._delete_article(old)
            rows = self._rows("SELECT * FROM sightings WHERE key=?", (key,)).fetchall()
            if not rows:
                continue
            article = merge_group(key, [_sighting_article(row) for row in rows])
            rowid = self.insert_article(key, article, old["rowid"] if old else None)
            self.insert_links(
                rowid,
                article.date,
                article.source,
                *links_for(article.id, article.title, article.text, article.title_derived, article.date),
            )
        if relink_all:
            self.db.execute("DELETE FROM mentions")
            self.db.execute("DELETE FROM figures")
            self.db.execute("DELETE FROM link_tags")
            self.db.execute("DELETE FROM dated_links")
            self.clear_counts()
            rows = self.db.execute(
                "SELECT rowid, id, title, text, title_derived, date, source FROM articles"
            )  # streamed
            for rowid, article_id, title, text, title_derived, day, source in rows:
                self.insert_links(rowid, day, source, *links_for(article_id, title, text, bool(title_derived), day))
        self.flush_counts()

    def _delete_article(self, old: sqlite3.Row) -> None:
        rowid, title, text = old["rowid"], old["title"], old["text"]
        if not self._fts_deferred:
            self.db.execute(
                "INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', ?, ?, ?)",
                (rowid, title, text),
            )
        self.uncount_article(rowid)
        for table, column in (
            ("articles", "rowid"),
            ("mentions", "article"),
            ("figures", "article"),
            ("article_categories", "article"),
            ("link_tags", "article"),
            ("dated_links", "article"),
        ):
            self.db.execute(f"DELETE FROM {table} WHERE {column}=?", (rowid,))

    def insert_article(self, key: str, a: Article, rowid: int | None) -> int:
        first = min(a.source_files, key=lambda s: (s.file, s.first_line))
        cursor = self.db.execute(
            "INSERT INTO articles VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                rowid,
                a.id,
                key,
                a.title,
                a.text,
                a.source,
                json.dumps(a.authors, ensure_ascii=False),
                json.dumps(a.categories, ensure_ascii=False),
                a.published,
                json.dumps(a.seen),
                a.date,
                int(a.truncated),
                int(a.title_derived),
                json.dumps(
                    [[s.file, s.first_line, s.last_line, s.seen, s.title, s.url] for s in a.source_files],
                    ensure_ascii=False,
                ),
                first.file,
                first.first_line,
                ", ".join(dict.fromkeys(s.file for s in a.source_files)),
                a.url,
                a.filed,
                a.date_kind,
            ),
        )
        rowid = cursor.lastrowid
        if not self._fts_deferred:
            self.db.execute("INSERT INTO articles_fts(rowid, title, text) VALUES (?,?,?)", (rowid, a.title, a.text))
        self.db.executemany("INSERT INTO article_categories VALUES (?,?)", [(rowid, c) for c in a.categories])
        return rowid

    def insert_links(
        self, rowid: int, day: str | None, source: str, mentions: list[Mention], figures: list[Figure]
    ) -> None:
        """An article's mentions (counted in the count tables), the figures stated about the features
        they name, and (when the article is dated `day`) its dated links."""
        self.insert_mentions(rowid, mentions)
        self.count_links(source, day, [m.feature_id for m in mentions])
        self.insert_figures(rowid, figures)
        if day is not None:
            self.insert_dated_links(rowid, day, {m.feature_id for m in mentions})

    def insert_mentions(self, rowid: int, mentions: list[Mention]) -> None:
        self.db.executemany(
            "INSERT INTO mentions VALUES (?,?,?,?,?,?,?,?)",
            [(rowid, m.feature_id, m.alias, m.start, m.end, m.alias_start, m.alias_end, m.kind) for m in mentions],
        )

    # --- reading --------------------------------------------------------------------------------

    def articles(self, article_id: str | None = None) -> list[Article]:
        """Every article in page order, or the one with `article_id` (none if no page holds it)."""
        where, params = ("WHERE id = ?", (article_id,)) if article_id is not None else ("", ())
        rows = self._rows(
            "SELECT id, title, text, source, authors, categories, published, seen, source_files, truncated, title_derived, "
            f"url, filed FROM articles {where} ORDER BY first_file, first_line",
            params,
        )
        return [
            Article(
                id=r["id"],
                title=r["title"],
                text=r["text"],
                source=r["source"],
                authors=tuple(_stored_json(r["authors"])),
                categories=tuple(_stored_json(r["categories"])),
                published=r["published"],
                seen=tuple(_stored_json(r["seen"])),
                source_files=tuple(Sighting(*s) for s in _stored_json(r["source_files"])),
                truncated=bool(r["truncated"]),
                title_derived=bool(r["title_derived"]),
                url=r["url"],
                filed=r["filed"],
            )
            for r in rows
        ]

    def _rows(self, sql: str, params=()) -> sqlite3.Cursor:
        """A cursor whose rows are read by column name (`sqlite3.Row`)."""
        cursor = self.db.cursor()
        cursor.row_factory = sqlite3.Row
        return cursor.execute(sql, params)

    def article_ids(self) -> set[str]:
        return {row[0] for row in self.db.execute("SELECT id FROM articles")}

    def mentions(self) -> list[Mention]:
        rows = self.db.execute(
            'SELECT a.id AS article_id, m.feature_id, m.alias, m.start, m."end", m.alias_start, m.alias_end, '
            f"{EXCERPT_SQL}, m.kind FROM mentions m JOIN articles a ON a.rowid = m.article "
            "ORDER BY a.first_file, a.first_line, m.kind != 'headline', m.start + m.alias_start"
        )
        return list(excerpted_rows(self.db, rows, Mention))

    def rates(self) -> list[CurrencyRate]:
        rows = self.db.execute(
            "SELECT pair, rate, rate_text, change_pct, as_of, file, line FROM rates ORDER BY file, line"
        )
        return [CurrencyRate(*r) for r in rows]

    def problems(self) -> list[Problem]:
        rows = self.db.execute("SELECT file, message, line, severity FROM problems ORDER BY file, line")
        return [Problem(*r) for r in rows]

    def pages(self) -> list[dict]:
        rows = self.db.execute("SELECT file, family, page_date, articles, sha256 FROM pages ORDER BY file")
        return [dict(zip(("file", "family", "page_date", "articles", "sha256"), r, strict=True)) for r in rows]

    def tables(self) -> dict[str, pd.DataFrame]:
        """The app's in-memory frames, raw: every table except the texts (they stay on disk)."""
        import pandas as pd  # only the app and the exports need it; the CLI starts faster without

        def read(sql: str, **kwargs) -> pd.DataFrame:
            return pd.read_sql_query(sql, self.db, **kwargs)

        return {
            "articles": read(  # in row order: the covering index is read in date order
                "SELECT rowid AS article, source, date, date_kind, first_file, files FROM articles", index_col="article"
            ).sort_index(),
            "categories": read("SELECT article, category FROM article_categories"),
            # what counts and orders: the rest of a mention (its words, where they stand) is read on demand
            "mentions": read("SELECT article, feature_id, start FROM mentions"),
            "rates": read("SELECT pair, rate, rate_text, change_pct, as_of, file, line FROM rates"),
            "pages": read("SELECT file, family, page_date, articles FROM pages ORDER BY file"),
        }

    def excerpt_rows(self, feature_id: str, articles: list[int] | None = None) -> Iterator[ExcerptRow]:
        """One row per mention of the feature (in `articles` only, when given), in article and text
        order, with its sentence and its article's title, source, date, id, truncated flag and URL."""
        sql = (
            'SELECT m.article, m.start, m."end", m.alias_start, m.alias_end, m.alias, '
            f"{EXCERPT_SQL}, a.title, a.source, a.date, a.date_kind, a.id AS article_id, a.truncated, m.kind, a.url "
            "FROM mentions m JOIN articles a ON a.rowid = m.article WHERE m.feature_id = ?"
        )
        order = " ORDER BY m.article, m.start, m.alias_start"
        if articles is None:
            yield from excerpted_rows(self.db, self.db.execute(sql + order, (feature_id,)), ExcerptRow)
            return
        for chunk in range(0, len(articles), 500):  # SQLite's bound-parameter limit
            part = articles[chunk : chunk + 500]
            yield from excerpted_rows(
                self.db,
                self.db.execute(sql + f" AND m.article IN ({','.join('?' * len(part))})" + order, (feature_id, *part)),
                ExcerptRow,
            )

    # --- the digest's date windows (an index on articles.date keeps them off the texts) ----------

    def newest_date(self) -> str | None:
        """The newest page or article date: where a digest window ends by default."""
        row = self.db.execute(
            "SELECT max(d) FROM (SELECT max(page_date) AS d FROM pages UNION ALL SELECT max(date) FROM articles)"
        ).fetchone()
        return row[0]

    def dated_links(self, first: str, last: str) -> list[DatedLink]:
        """Every article–feature link dated first..last inclusive."""
        rows = self.db.execute(
            "SELECT DISTINCT m.article, m.feature_id, a.date FROM articles a INDEXED BY articles_frame "
            "JOIN mentions m ON m.article = a.rowid WHERE a.date BETWEEN ? AND ?",
            (first, last),
        )
        return list(named_rows(rows, DatedLink))

    def undated_links(self) -> list[DatedLink]:
        """Every link whose article has no date."""
        rows = self.db.execute(
            "SELECT DISTINCT m.article, m.feature_id, a.date FROM articles a INDEXED BY articles_frame "
            "JOIN mentions m ON m.article = a.rowid WHERE a.date IS NULL"
        )
        return list(named_rows(rows, DatedLink))

    def linked_articles(self, articles: list[int]) -> Iterator[tuple[ArticleText, list[Mention]]]:
        """Each article with its mentions (headline first, then text order): what `eventscope` tags
        a link from, the whole article."""
        for chunk in range(0, len(articles), 500):  # SQLite's bound-parameter limit
            part = articles[chunk : chunk + 500]
            marks = ",".join("?" * len(part))
            found: dict[str, list[Mention]] = {}
            rows = self.db.execute(
                'SELECT a.id AS article_id, m.feature_id, m.alias, m.start, m."end", m.alias_start, m.alias_end, '
                f"{EXCERPT_SQL}, m.kind FROM mentions m JOIN articles a ON a.rowid = m.article "
                f"WHERE m.article IN ({marks}) ORDER BY m.article, m.kind != 'headline', m.start",
                part,
            )
            for mention in excerpted_rows(self.db, rows, Mention):
                found.setdefault(mention.article_id, []).append(mention)
            rows = self.db.execute(
                "SELECT rowid AS article, title, text, source, date, date_kind, id AS article_id, url "
                f"FROM articles WHERE rowid IN ({marks})",
                part,
            )
            for article in named_rows(rows, ArticleText):
                yield article, found.get(article.article_id, [])


def _stored_json(value: str) -> list:
    """A JSON column as written by `insert_article`; anything else is a damaged row, reported as
    SQLite reports damage so that `with_index` moves the index aside and rebuilds it."""
    try:
        decoded = json.loads(value)
    except (TypeError, ValueError) as exc:
        raise sqlite3.DatabaseError(f"{DAMAGED_ROW}: invalid JSON ({exc})") from exc
    if not isinstance(decoded, list):
        raise sqlite3.DatabaseError(f"{DAMAGED_ROW}: {type(decoded).__name__} where a list belongs")
    return decoded


def _sighting_article(row: sqlite3.Row) -> PageArticle:
    return PageArticle(
        title=row["title"],
        text=row["text"],
        source=row["source"],
        sighting=Sighting(row["file"], row["first_line"], row["last_line"], row["seen"], filed=row["filed"]),
        authors=tuple(_stored_json(row["authors"])),
        categories=tuple(_stored_json(row["categories"])),
        published=row["published"],
        truncated=bool(row["truncated"]),
        title_derived=bool(row["title_derived"]),
        url=row["url"],
    )


def open_index(seeds_dir: Path, data_dir: Path | None = None) -> Index:
    return Index(index_path(seeds_dir, data_dir))
