"""The on-disk index: SQLite (WAL) holding pages, articles with their sightings, mentions, rates,
per-file problems and a full-text index. `ingest` brings it up to date incrementally in one
transaction; everything else reads from it.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import sqlite3
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from .corpus import parse_file
from .errors import DashboardError, Problem
from .gazetteer import Gazetteer
from .identity import merge_group
from .linking import Linker, Mention
from .pagefiles import page_files
from .records import Article, CurrencyRate, Page, PageArticle, Sighting

SCHEMA_VERSION = "5"
REPO_DIR = Path(__file__).resolve().parent.parent
BUSY_TIMEOUT_S = 120
INGEST_CACHE_KIB = -262144  # negative: KiB, so 256 MB
READ_CACHE_KIB = -2000  # SQLite's default

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS pages (
    file TEXT PRIMARY KEY, sha256 TEXT NOT NULL, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL,
    family TEXT NOT NULL, page_date TEXT, articles INTEGER NOT NULL, ingested_at REAL NOT NULL);
CREATE TABLE IF NOT EXISTS problems (
    file TEXT NOT NULL, line INTEGER, message TEXT NOT NULL, severity TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS problems_file ON problems(file);
CREATE TABLE IF NOT EXISTS sightings (
    file TEXT NOT NULL, first_line INTEGER NOT NULL, last_line INTEGER NOT NULL, seen TEXT,
    key TEXT NOT NULL, title TEXT NOT NULL, text TEXT, source TEXT NOT NULL,
    authors TEXT NOT NULL, categories TEXT NOT NULL, published TEXT, truncated INTEGER NOT NULL,
    title_derived INTEGER NOT NULL, PRIMARY KEY (file, first_line));
CREATE INDEX IF NOT EXISTS sightings_key ON sightings(key);
CREATE TABLE IF NOT EXISTS articles (
    rowid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, key TEXT NOT NULL UNIQUE, title TEXT NOT NULL,
    text TEXT NOT NULL, source TEXT NOT NULL, authors TEXT NOT NULL, categories TEXT NOT NULL,
    published TEXT, seen TEXT NOT NULL, date TEXT, truncated INTEGER NOT NULL,
    title_derived INTEGER NOT NULL, source_files TEXT NOT NULL, first_file TEXT NOT NULL,
    first_line INTEGER NOT NULL, files TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS articles_order ON articles(first_file, first_line);
CREATE TABLE IF NOT EXISTS article_categories (article INTEGER NOT NULL, category TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS article_categories_article ON article_categories(article);
CREATE TABLE IF NOT EXISTS mentions (
    article INTEGER NOT NULL, feature_id TEXT NOT NULL, alias TEXT NOT NULL,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL, alias_start INTEGER NOT NULL, alias_end INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS mentions_article ON mentions(article);
CREATE INDEX IF NOT EXISTS mentions_feature ON mentions(feature_id);
CREATE TABLE IF NOT EXISTS rates (
    file TEXT NOT NULL, line INTEGER NOT NULL, pair TEXT NOT NULL, rate REAL NOT NULL,
    rate_text TEXT NOT NULL, change_pct REAL, as_of TEXT);
CREATE INDEX IF NOT EXISTS rates_file ON rates(file);
CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5(
    title, text, content='articles', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2');
"""


@dataclass
class IngestSummary:
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    deleted: int = 0
    failed: int = 0
    relinked: bool = False
    articles: int = 0
    mentions: int = 0
    seconds: float = 0.0
    problems: list[Problem] = field(default_factory=list)

    def line(self) -> str:
        relink = "; aliases changed, all articles re-linked" if self.relinked else ""
        return (
            f"files: {self.new} new, {self.changed} changed, {self.unchanged} unchanged, {self.deleted} deleted, "
            f"{self.failed} failed; {self.articles} articles, {self.mentions} mentions{relink} ({self.seconds:.1f} s)"
        )


def default_data_dir() -> Path:
    return Path(os.environ.get("DASHBOARD_DATA") or REPO_DIR / "data")


def index_path(seeds_dir: Path, data_dir: Path | None = None) -> Path:
    """One index per seeds folder, so pointing a command at another folder never mixes corpora."""
    data_dir = data_dir or default_data_dir()
    resolved = seeds_dir.resolve()
    if resolved == (REPO_DIR / "seeds").resolve():
        return data_dir / "index.sqlite"
    return data_dir / f"index-{hashlib.sha1(str(resolved).encode()).hexdigest()[:12]}.sqlite"


def _file_digest(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


# Worker state for parallel parsing: the linker is built once per process.
_WORKER_LINKER: Linker | None = None


def _use_linker(features) -> None:
    global _WORKER_LINKER
    _WORKER_LINKER = Linker(features)


def _init_worker(features) -> None:
    _die_with_parent()
    _use_linker(features)


def _die_with_parent() -> None:
    """Linux: a worker gets SIGKILL when the ingest that started it dies (even by SIGKILL)."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass  # not Linux: a killed ingest may leave idle workers behind


def _parse_and_link(job: tuple[str, str]) -> tuple[Page, dict[str, list[Mention]]]:
    path, name = job
    page = parse_file(Path(path), name)
    linked = {}
    for item in page.articles:
        digest = _text_digest(item.text)
        if digest not in linked:
            linked[digest] = _WORKER_LINKER.link("", item.text) if _WORKER_LINKER else []
    return page, linked


def _text_digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


class Index:
    """A connection to one index file. Use as a context manager."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fts_deferred = False
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.execute("PRAGMA foreign_keys=OFF")
            self.db.execute("PRAGMA temp_store=MEMORY")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise DashboardError(
                f"{path}: the index cannot be opened ({exc}); delete it and run `python -m dashboard ingest`"
            ) from exc

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

    # --- ingest ---------------------------------------------------------------------------------

    def ingest(
        self,
        seeds_dir: Path,
        gazetteer: Gazetteer,
        progress: Callable[[int, int], None] | None = None,
        workers: int | None = None,
    ) -> IngestSummary:
        """Bring the index up to date with `seeds_dir` and the gazetteer's aliases, atomically."""
        started = time.perf_counter()
        if not seeds_dir.is_dir():
            raise DashboardError(f"{seeds_dir}: seeds folder not found")
        summary = IngestSummary()
        # A big page cache while writing keeps the index's B-trees in memory. Readers get SQLite's
        # default back: the app reads every table once, and a full 256 MB cache would stay in its RSS.
        self.db.execute(f"PRAGMA cache_size={INGEST_CACHE_KIB}")
        try:
            self._transaction(seeds_dir, gazetteer, summary, progress, workers)
        finally:
            self.db.execute(f"PRAGMA cache_size={READ_CACHE_KIB}")
        summary.articles = self.db.execute("SELECT count(*) FROM articles").fetchone()[0]
        summary.mentions = self.db.execute("SELECT count(*) FROM mentions").fetchone()[0]
        summary.seconds = time.perf_counter() - started
        return summary

    def _transaction(self, seeds_dir, gazetteer, summary, progress, workers) -> None:
        try:
            self.db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise DashboardError(
                f"{self.path}: another ingest has held the index for {BUSY_TIMEOUT_S} s ({exc}); try again when it finishes"
            ) from exc
        try:
            self._ingest(seeds_dir, gazetteer, summary, progress, workers)
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise

    def _ingest(self, seeds_dir, gazetteer, summary, progress, workers) -> None:
        known = {row[0]: row[1:] for row in self.db.execute("SELECT file, sha256, size, mtime_ns FROM pages")}
        to_parse: list[tuple[str, str, str, int, int]] = []
        present: set[str] = set()
        for page in page_files(seeds_dir):
            name = page.name
            present.add(name)
            previous = known.get(name)
            if previous and previous[1] == page.size and previous[2] == page.mtime_ns:
                summary.unchanged += 1
                continue
            try:
                digest = _file_digest(page.path)
            except OSError:
                continue  # gone since it was listed
            if previous and previous[0] == digest:
                summary.unchanged += 1
                self.db.execute("UPDATE pages SET mtime_ns=? WHERE file=?", (page.mtime_ns, name))
                continue
            to_parse.append((page.path, name, digest, page.size, page.mtime_ns))
            if previous:
                summary.changed += 1
            else:
                summary.new += 1
        deleted = [name for name in known if name not in present]
        summary.deleted = len(deleted)

        affected: set[str] = set()
        for name in deleted + [job[1] for job in to_parse]:
            affected.update(r[0] for r in self.db.execute("SELECT key FROM sightings WHERE file=?", (name,)))
            for table in ("sightings", "problems", "rates", "pages"):
                self.db.execute(f"DELETE FROM {table} WHERE file=?", (name,))

        # An article seen for the first time is written as soon as its page is parsed, from the parsed
        # page itself; only keys seen again (in this run or an earlier one) are merged from their
        # sightings at the end. So a full ingest never reads its texts back from SQLite, and holds
        # the mentions of the pending keys only.
        existing = {row[0] for row in self.db.execute("SELECT key FROM articles")} if known else set()
        # Into an empty index the full-text index is built in one pass at the end: several times
        # faster than growing it article by article.
        self._fts_deferred = not existing
        streamed: set[str] = set()
        linked_texts: dict[str, list[Mention]] = {}
        for done, (job, (page, linked)) in enumerate(
            zip(to_parse, self._parse_all(to_parse, gazetteer, workers), strict=True), 1
        ):
            if page.family in ("unreadable", "empty"):
                summary.failed += 1
            first_seen = []
            for item in page.articles:
                key = item.key
                digest = _text_digest(item.text)
                if key in affected or key in existing or key in streamed:
                    affected.add(key)
                    linked_texts[digest] = linked[digest]
                else:
                    streamed.add(key)
                    first_seen.append((item, digest))
            self._store_page(job, page, text_in_article={id(item) for item, _ in first_seen})
            for item, digest in first_seen:
                rowid = self._insert_article(item.key, merge_group(item.key, [item]), None)
                self._insert_mentions(rowid, linked[digest])
            if progress:
                progress(done, len(to_parse))

        signature = gazetteer.alias_signature()
        # A first ingest has just linked every article: re-linking them all again would read every text
        # back from SQLite (~600 MB of str at 100k articles) and write every mention twice.
        relink_all = bool(known) and self.meta("alias_signature") != signature
        summary.relinked = relink_all
        self._rebuild_articles(affected, gazetteer, linked_texts, relink_all)
        if self._fts_deferred:
            self._build_full_text_index()
        self.db.execute("INSERT OR REPLACE INTO meta VALUES ('alias_signature', ?)", (signature,))
        self.db.execute("INSERT OR REPLACE INTO meta VALUES ('seeds_dir', ?)", (str(seeds_dir.resolve()),))
        self.db.execute("INSERT OR REPLACE INTO meta VALUES ('ingested_at', ?)", (str(time.time()),))

    def _build_full_text_index(self) -> None:
        self.db.execute("INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')")
        self._fts_deferred = False

    def _parse_all(self, jobs, gazetteer: Gazetteer, workers: int | None) -> Iterable[tuple[Page, dict]]:
        """Parse (and pre-link) pages, in worker processes when there are many."""
        work = [(str(path), name) for path, name, *_ in jobs]
        workers = workers if workers is not None else min(os.cpu_count() or 1, 4)
        if len(work) < 64 or workers < 2:
            _use_linker(gazetteer.features)
            yield from map(_parse_and_link, work)
            return
        with ProcessPoolExecutor(workers, initializer=_init_worker, initargs=(gazetteer.features,)) as pool:
            yield from pool.map(_parse_and_link, work, chunksize=16)

    def _store_page(self, job, page: Page, text_in_article: set[int]) -> None:
        """Write what a page yielded. A sighting whose text is its article's (the article's first
        sighting) stores NULL instead of a second copy of the text."""
        _path, name, digest, size, mtime_ns = job
        self.db.execute(
            "INSERT INTO pages VALUES (?,?,?,?,?,?,?,?)",
            (name, digest, size, mtime_ns, page.family, page.page_date, len(page.articles), time.time()),
        )
        self.db.executemany(
            "INSERT INTO problems VALUES (?,?,?,?)", [(p.file, p.line, p.message, p.severity) for p in page.problems]
        )
        self.db.executemany(
            "INSERT INTO rates VALUES (?,?,?,?,?,?,?)",
            [(r.source_file, r.line, r.pair, r.rate, r.rate_text, r.change_pct, r.as_of) for r in page.rates],
        )
        self.db.executemany(
            "INSERT OR REPLACE INTO sightings VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [
                (
                    a.sighting.file,
                    a.sighting.first_line,
                    a.sighting.last_line,
                    a.sighting.seen,
                    a.key,
                    a.title,
                    None if id(a) in text_in_article else a.text,
                    a.source,
                    json.dumps(a.authors, ensure_ascii=False),
                    json.dumps(a.categories, ensure_ascii=False),
                    a.published,
                    int(a.truncated),
                    int(a.title_derived),
                )
                for a in page.articles
            ],
        )

    def _rebuild_articles(self, keys: set[str], gazetteer: Gazetteer, linked_texts: dict, relink_all: bool) -> None:
        linker: Linker | None = None

        def mentions_for(article: Article) -> list[Mention]:
            nonlocal linker
            cached = linked_texts.get(_text_digest(article.text))
            if cached is not None:
                return cached
            if linker is None:
                linker = Linker(gazetteer.features)
            return linker.link("", article.text)

        for key in sorted(keys):
            old = self.db.execute("SELECT rowid, title, text FROM articles WHERE key=?", (key,)).fetchone()
            if old:  # sightings sharing the article's text get their own copy before it may change
                self.db.execute("UPDATE sightings SET text=? WHERE key=? AND text IS NULL", (old[2], key))
                self._delete_article(old)
            rows = self.db.execute("SELECT * FROM sightings WHERE key=?", (key,)).fetchall()
            if not rows:
                continue
            article = merge_group(key, [_sighting_article(row) for row in rows])
            rowid = self._insert_article(key, article, old[0] if old else None)
            self._insert_mentions(rowid, mentions_for(article))
        if relink_all:
            self.db.execute("DELETE FROM mentions")
            for rowid, text in self.db.execute("SELECT rowid, text FROM articles"):  # streamed, not all in memory
                self._insert_mentions(rowid, mentions_for(_TextOnly(text)))

    def _delete_article(self, old) -> None:
        rowid, title, text = old
        if not self._fts_deferred:
            self.db.execute(
                "INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', ?, ?, ?)",
                (rowid, title, text),
            )
        for table, column in (("articles", "rowid"), ("mentions", "article"), ("article_categories", "article")):
            self.db.execute(f"DELETE FROM {table} WHERE {column}=?", (rowid,))

    def _insert_article(self, key: str, a: Article, rowid: int | None) -> int:
        first = min(a.source_files, key=lambda s: (s.file, s.first_line))
        cursor = self.db.execute(
            "INSERT INTO articles VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
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
                json.dumps([[s.file, s.first_line, s.last_line, s.seen] for s in a.source_files], ensure_ascii=False),
                first.file,
                first.first_line,
                ", ".join(dict.fromkeys(s.file for s in a.source_files)),
            ),
        )
        rowid = cursor.lastrowid
        if not self._fts_deferred:
            self.db.execute("INSERT INTO articles_fts(rowid, title, text) VALUES (?,?,?)", (rowid, a.title, a.text))
        self.db.executemany("INSERT INTO article_categories VALUES (?,?)", [(rowid, c) for c in a.categories])
        return rowid

    def _insert_mentions(self, rowid: int, mentions: list[Mention]) -> None:
        self.db.executemany(
            "INSERT INTO mentions VALUES (?,?,?,?,?,?,?)",
            [(rowid, m.feature_id, m.alias, m.start, m.end, m.alias_start, m.alias_end) for m in mentions],
        )

    # --- reading --------------------------------------------------------------------------------

    def articles(self) -> list[Article]:
        rows = self.db.execute(
            "SELECT id, title, text, source, authors, categories, published, seen, source_files, truncated, title_derived "
            "FROM articles ORDER BY first_file, first_line"
        )
        return [
            Article(
                id=r[0],
                title=r[1],
                text=r[2],
                source=r[3],
                authors=tuple(json.loads(r[4])),
                categories=tuple(json.loads(r[5])),
                published=r[6],
                seen=tuple(json.loads(r[7])),
                source_files=tuple(Sighting(*s) for s in json.loads(r[8])),
                truncated=bool(r[9]),
                title_derived=bool(r[10]),
            )
            for r in rows
        ]

    def mentions(self) -> list[Mention]:
        rows = self.db.execute(
            'SELECT a.id, m.feature_id, m.alias, m.start, m."end", m.alias_start, m.alias_end, '
            'substr(a.text, m.start + 1, m."end" - m.start) '
            "FROM mentions m JOIN articles a ON a.rowid = m.article "
            "ORDER BY a.first_file, a.first_line, m.start + m.alias_start"
        )
        return [Mention(r[0], r[1], r[2], r[3], r[4], r[7], r[5], r[6]) for r in rows]

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

    def search(self, query: str, limit: int = 50) -> list[dict]:
        """Full-text search over titles and texts; a query FTS5 cannot parse is searched as words."""
        sql = (
            "SELECT a.id, a.title, a.source, a.date, snippet(articles_fts, 1, '[', ']', ' … ', 12), bm25(articles_fts) "
            "FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid "
            "WHERE articles_fts MATCH ? ORDER BY bm25(articles_fts) LIMIT ?"
        )
        try:
            rows = self.db.execute(sql, (query, limit)).fetchall()
        except sqlite3.OperationalError:
            words = [w.replace('"', '""') for w in query.split() if w.strip()]
            if not words:
                return []
            rows = self.db.execute(sql, (" ".join(f'"{w}"' for w in words), limit)).fetchall()
        keys = ("id", "title", "source", "date", "snippet", "score")
        return [dict(zip(keys, r, strict=True)) for r in rows]

    def search_rowids(self, query: str) -> set[int]:
        """Row ids of every article matching `query` (for filtering the app's panels)."""
        sql = "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?"
        try:
            return {r[0] for r in self.db.execute(sql, (query,))}
        except sqlite3.OperationalError:
            words = [w.replace('"', '""') for w in query.split() if w.strip()]
            return {r[0] for r in self.db.execute(sql, (" ".join(f'"{w}"' for w in words),))} if words else set()


class _TextOnly:
    def __init__(self, text: str) -> None:
        self.text = text


def _sighting_article(row) -> PageArticle:
    (
        file,
        first_line,
        last_line,
        seen,
        _key,
        title,
        text,
        source,
        authors,
        categories,
        published,
        truncated,
        title_derived,
    ) = row
    return PageArticle(
        title=title,
        text=text,
        source=source,
        sighting=Sighting(file, first_line, last_line, seen),
        authors=tuple(json.loads(authors)),
        categories=tuple(json.loads(categories)),
        published=published,
        truncated=bool(truncated),
        title_derived=bool(title_derived),
    )


def open_index(seeds_dir: Path, data_dir: Path | None = None) -> Index:
    return Index(index_path(seeds_dir, data_dir))
