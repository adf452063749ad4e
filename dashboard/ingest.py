"""The ingest pipeline: which pages changed, parsing and linking them (in worker processes when
there are many), and handing the results to the index in one transaction. The SQL lives in
`store`; this module decides what to read and what to re-link.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import signal
import sqlite3
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import closing, contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, TypeVar

from . import figurestamp
from .corpus import parse_file
from .errors import DashboardError
from .events import load_vocabulary
from .figures import FigureExtractor
from .freshness import UNREAD_DIGESTS, IngestSummary, needs_quick_check, record_inputs, same_by_stat
from .identity import identity_key, merge_group
from .indexfile import BUSY_TIMEOUT_S, IndexFault, fault_kind, index_path
from .linking import Linker, Mention, apply_corrections, headline_of
from .pagefiles import PageListing
from .records import Page
from .search import name_table
from .settings import require_seeds
from .stated import Figure
from .store import SCHEMA, Index, PageJob

if TYPE_CHECKING:
    from .linkset import LinkSet

T = TypeVar("T")
# Below this many changed pages, starting worker processes costs more than it saves.
PARALLEL_FROM_PAGES = 64


def ingest(
    index: Index,
    seeds_dir: Path,
    gazetteer: LinkSet,
    progress: Callable[[int, int], None] | None = None,
    workers: int | None = None,
    listing: PageListing | None = None,
) -> IngestSummary:
    """Bring the index up to date with `seeds_dir` (as `listing` walked it, if given) and the gazetteer's
    aliases, atomically.

    `progress(done, total)` is called after each parsed page."""
    started = time.perf_counter()
    require_seeds(seeds_dir)
    summary = IngestSummary()
    with index.writing():
        _ingest(index, listing or PageListing(seeds_dir), gazetteer, summary, progress, workers)
    summary.articles, summary.mentions = index.sizes()
    summary.seconds = time.perf_counter() - started
    return summary


def with_index(
    seeds_dir: Path,
    gazetteer: LinkSet,
    work: Callable[[Index], T],
    progress: Callable[[int, int], None] | None = None,
    warn: Callable[[str], None] = lambda _message: None,
    data_dir: Path | None = None,
    waiting: Callable[[str], None] | None = None,
    listing: PageListing | None = None,
) -> tuple[T, IngestSummary, Index | None]:
    """Bring the seeds folder's index up to date, then run `work(index)` on it: what the app and
    every command go through, so an index fault is handled once, here, with one `warn` line.

    The index is a cache. Damaged, as SQLite sees the file (malformed, not a database, undecodable
    text, failing `quick_check`, tables that are not this version's: `file_damage`), it is moved aside
    and rebuilt from the pages. Any other error is a bug in the code using the index: it is raised as
    it is, and the index stays. A read-only
    or full data folder: the pages are indexed in memory instead, and that index is returned third
    (the caller keeps it open for later reads; None when the file was used). A second ingest waits
    for the first (up to BUSY_TIMEOUT_S) and then finds the pages unchanged; it says so through
    `waiting` (default `warn`): a state that ends, which the app must not keep as a warning."""
    path = index_path(seeds_dir, data_dir)
    try:
        for attempt in (1, 2):
            try:
                with Index(path) as index:
                    with _ingest_lock(path, waiting or warn):  # held while writing only: `work` may take long
                        if needs_quick_check(path) and (problem := index.quick_check()) != "ok":
                            raise sqlite3.DatabaseError(f"quick_check: {problem}")
                        summary = ingest(index, seeds_dir, gazetteer, progress, listing=listing)
                    return work(index), summary, None
            except (sqlite3.DatabaseError, IndexFault) as exc:
                kind = fault_kind(exc)
                if kind == "unknown":
                    if file_damage(path) is None:  # a sound file: the code that used it is wrong
                        raise _Bug(getattr(exc, "cause", exc)) from None
                    kind = "damaged"
                if kind != "damaged" or attempt == 2:
                    raise exc if isinstance(exc, IndexFault) else IndexFault(path, exc, kind) from exc
                warn(_move_aside(path, exc))
    except _Bug as bug:
        raise bug.error from None
    except (sqlite3.DatabaseError, OSError, IndexFault) as exc:
        if fault_kind(exc) != "unwritable":
            raise exc if isinstance(exc, IndexFault) else IndexFault(path, exc) from exc
        reason = _write_problem(path.parent) or getattr(exc, "cause", exc)
        reason = " ".join(str(getattr(reason, "strerror", None) or reason).split())
        warn(f"{path}: cannot write the index ({reason}); answering from the pages in memory")
    index = Index(None)
    summary = ingest(index, seeds_dir, gazetteer, progress, listing=listing)
    return work(index), summary, index


class _Bug(Exception):
    def __init__(self, error: BaseException) -> None:
        super().__init__(error)
        self.error = error


def file_damage(path: Path) -> str | None:
    """What SQLite finds wrong with the index file (its quick_check, or tables that are not this
    version's), or None when the file is sound."""
    try:
        with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_S)) as db:
            check = db.execute("PRAGMA quick_check(1)").fetchone()[0]
            if check != "ok":
                return f"quick_check: {check}"
            found = _tables(db)
    except sqlite3.DatabaseError as exc:
        return " ".join(str(exc).split())
    with closing(sqlite3.connect(":memory:")) as fresh:
        fresh.executescript(SCHEMA)
        expected = _tables(fresh)
    return None if found == expected else "its tables are not this version's"


def _tables(db: sqlite3.Connection) -> list[tuple[str, str]]:
    rows = db.execute("SELECT name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name")
    return [(name, " ".join((sql or "").split())) for name, sql in rows]


@contextmanager
def _ingest_lock(path: Path, warn: Callable[[str], None]) -> Iterator[None]:
    """One ingest at a time per index file (flock on a side file): a second one says it waits, then
    waits up to BUSY_TIMEOUT_S; "locked" is never taken for damage."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_name(path.name + ".lock"), "a") as handle:
        deadline = time.monotonic() + BUSY_TIMEOUT_S
        warned = False
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise IndexFault(path, sqlite3.OperationalError("database is locked")) from None
                if not warned:
                    warn(f"{path}: another ingest is running; waiting for it (up to {BUSY_TIMEOUT_S} s)")
                    warned = True
                time.sleep(0.1)
        yield  # closing the file releases the lock


PROBE_BYTES = 64 * 1024  # about what SQLite's shared-memory file needs to grow


def _write_problem(folder: Path) -> str | None:
    """Why nothing can be written in `folder`, naming the cause (SQLite only says "unable to open
    database file", mkdir "File exists" for a file or a link loop); None when a file can be made there."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder) as probe:
            # Some bytes too: a full disk still makes empty files (SQLite then says "disk I/O error").
            probe.write(bytes(PROBE_BYTES))
            probe.flush()
            os.fsync(probe.fileno())
            return None
    except FileExistsError:
        return _not_a_folder(folder)
    except OSError as exc:
        return exc.strerror or str(exc)


def _not_a_folder(folder: Path) -> str:
    """What stands where the data folder (or one of its parents) should be."""
    for part in (*reversed(folder.parents), folder):
        if part.is_symlink():
            try:
                part.resolve(strict=True)
            except (OSError, RuntimeError):  # RuntimeError: Python 3.11's "Symlink loop"
                return f"{part} is a symbolic link loop or points nowhere"
        if part.exists() and not part.is_dir():
            return f"{part} is a file, not a folder"
    return f"{folder} cannot be made a folder"


def _move_aside(path: Path, exc: BaseException) -> str:
    """Keep a damaged index for inspection, out of the way; the next open starts a fresh one."""
    aside = path.with_name(f"{path.name}.damaged-{datetime.now():%Y%m%d-%H%M%S}")
    path.rename(aside)
    for suffix in ("-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    cause = " ".join(str(getattr(exc, "cause", exc)).split())  # one line, whatever SQLite said
    return f"{path}: the index was damaged ({cause}); moved aside to {aside.name} and rebuilt from the pages"


def _ingest(index: Index, listing: PageListing, gazetteer: LinkSet, summary: IngestSummary, progress, workers) -> None:
    known = index.known_pages()
    to_parse: list[PageJob] = []
    unread = False  # a page that could not be read is tried again by every ingest: no pages stamp
    present: set[str] = set()
    for page in listing.pages():
        name = page.name
        present.add(name)
        previous = known.get(name)
        if same_by_stat(previous, page):
            summary.unchanged += 1
            continue
        try:
            digest = file_digest(page.path) if page.regular else f"not a page file {page.size} {page.changed_ns}"
        except OSError as exc:  # unreadable: parsed all the same, so the reader reports why
            digest = f"unreadable ({exc.strerror})"
        unread = unread or digest.startswith(UNREAD_DIGESTS)
        if previous and previous.sha256 == digest:
            summary.unchanged += 1
            index.touch_page(name, page.changed_ns)
            continue
        to_parse.append(PageJob(page.path, name, digest, page.size, page.changed_ns))
        if previous:
            summary.changed += 1
        else:
            summary.new += 1
    deleted = [name for name in known if name not in present]
    summary.deleted = len(deleted)
    summary.read = [job.name for job in to_parse]
    affected = index.forget_files(deleted + [job.name for job in to_parse])
    # Articles whose corrections changed since the last ingest are linked again (only those).
    applied, wanted = json.loads(index.meta("corrections") or "{}"), gazetteer.corrections.state()
    affected |= index.article_keys({a for a in applied.keys() | wanted.keys() if applied.get(a) != wanted.get(a)})

    # An article seen for the first time is written as soon as its page is parsed, from the parsed
    # page itself; only keys seen again (in this run or an earlier one) are merged from their
    # sightings at the end. So a full ingest never reads its texts back from SQLite, and holds
    # the mentions of the pending keys only.
    # Into an empty index the full-text index is built in one pass at the end: several times
    # faster than growing it article by article.
    empty = not index.has_articles()
    index.defer_full_text(empty)
    streamed: set[str] = set()
    linked_texts: dict[str, Found] = {}
    links_for = _links_source(gazetteer, linked_texts)
    for done, (job, (page, found)) in enumerate(
        zip(to_parse, _parse_all(to_parse, gazetteer, workers), strict=True), 1
    ):
        if page.family in ("unreadable", "empty"):
            summary.failed += 1
        first_seen = []
        for item, read in zip(page.articles, found, strict=True):
            # a key already indexed is looked up, not every key read into memory (1,000,000 at 1M articles)
            if read.key in affected or read.key in streamed or (not empty and index.has_article_key(read.key)):
                affected.add(read.key)
                linked_texts[read.digest] = read
            else:
                streamed.add(read.key)
                first_seen.append((item, read))
        index.store_page(job, page, [read.key for read in found], text_in_article={id(item) for item, _ in first_seen})
        for item, read in first_seen:
            article = merge_group(read.key, [item])
            rowid = index.insert_article(read.key, article, None)
            index.insert_links(
                rowid,
                article.date,
                article.source,
                *links_for(article.id, article.title, article.text, article.title_derived, article.date, read),
            )
        if progress:
            progress(done, len(to_parse))

    signature = f"{gazetteer.alias_signature()} figures {figurestamp.signature()}"
    # A first ingest has just linked every article: re-linking them all again would read every text
    # back from SQLite (~600 MB of str at 100k articles) and write every mention twice.
    relink_all = bool(known) and index.meta("alias_signature") != signature
    summary.relinked = relink_all
    index.rebuild_articles(affected, links_for, relink_all)
    index.finish_full_text()
    _record_tags(index, gazetteer, bool(to_parse or deleted or affected or relink_all), workers)
    index.set_feature_names(name_table(gazetteer.features))
    index.set_meta("alias_signature", signature)
    index.set_meta("corrections", json.dumps(wanted, sort_keys=True))
    index.set_meta("seeds_dir", str(listing.seeds_dir.resolve()))
    index.set_meta("ingested_at", str(time.time()))
    if to_parse or deleted or affected or relink_all or index.meta("generation") is None:
        # Readers holding frames (the app) compare this to know the index changed under them.
        index.set_meta("generation", f"{time.time_ns()}-{os.getpid()}")
    record_inputs(index, gazetteer.inputs, gazetteer.problems, None if unread else listing.stamp())


def _record_tags(index: Index, gazetteer: LinkSet, changed: bool, workers: int | None) -> None:
    """Tag each feature's record (`digest.store_record_tags`) when the links or the tagging changed.
    An unreadable events.json stores nothing: the app and the commands say what is wrong with it."""
    from .digest import feature_kinds, store_record_tags, tag_signature  # pandas: not for a quick ingest

    if gazetteer.geodata is None:
        return
    try:
        vocabulary = load_vocabulary(gazetteer.geodata)
    except DashboardError:
        return
    kinds = feature_kinds(gazetteer)
    if changed or index.meta("tag_signature") != tag_signature(vocabulary, kinds):
        workers = workers if workers is not None else min(os.cpu_count() or 1, 4)
        store_record_tags(index, vocabulary, kinds, workers, gazetteer.geodata)


def corrected(gazetteer: LinkSet, article_id: str, title: str, text: str, mentions: list[Mention]) -> list[Mention]:
    """What the linker found in one article, after the analysts' corrections."""
    return apply_corrections(article_id, title, text, mentions, gazetteer.corrections, gazetteer.by_id)


def _links_source(
    gazetteer: LinkSet, linked_texts: dict[str, Found]
) -> Callable[..., tuple[list[Mention], list[Figure]]]:
    """`links_for(id, title, text, title_derived, date[, found])`: an article's corrected mentions and
    the figures stated about what they name. `found` is what a worker read; without it, what this
    run's workers read of the same text, else the linker runs here (built once, on first need). The
    worker's figures are kept when they were extracted for this article as it is (same id and date,
    no correction changed its mentions); else they are extracted here."""
    linker: Linker | None = None
    extractor: FigureExtractor | None = None

    def links_for(
        article_id: str,
        title: str,
        text: str,
        title_derived: bool,
        day: str | None,
        found: Found | None = None,
    ) -> tuple[list[Mention], list[Figure]]:
        nonlocal linker, extractor
        headline = None if title_derived else title
        if found is None:
            found = linked_texts.get(link_digest(headline, text))
        if found is not None:
            linked = found.mentions
        else:
            if linker is None:
                linker = Linker(gazetteer.features)
            linked = linker.link("", text, headline)
        mentions = corrected(gazetteer, article_id, title, text, linked)
        # apply_corrections hands back the linker's own list when no correction touches the article
        if found is not None and mentions is linked and (found.article_id, found.day) == (article_id, day):
            return mentions, found.figures
        if extractor is None:
            extractor = FigureExtractor(gazetteer.features)
        return mentions, extractor.extract(article_id, text, headline, mentions, day)

    return links_for


def file_digest(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def text_digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def link_digest(headline: str | None, text: str) -> str:
    """What the linker reads of an article: its text and its headline (None: a title derived from the text)."""
    return text_digest(text if headline is None else f"{headline}\0{text}")


# --- parsing, in worker processes when there are many pages -------------------------------------


class Found(NamedTuple):
    """What a worker read of one article on a page: its identity key, the digest of what the linker
    reads, the linker's mentions, and the figures stated about them, extracted for the article as
    first seen (its id and date) before any correction."""

    key: str
    digest: str
    mentions: list[Mention]
    article_id: str
    day: str | None
    figures: list[Figure]


# Worker state for parallel parsing: the linker and figure extractor are built once per process.
_WORKER_LINKER: Linker | None = None
_WORKER_EXTRACTOR: FigureExtractor | None = None


def _use_linker(features) -> None:
    global _WORKER_LINKER, _WORKER_EXTRACTOR
    _WORKER_LINKER = Linker(features)
    _WORKER_EXTRACTOR = FigureExtractor(features)


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


def _parse_and_link(job: tuple[str, str]) -> tuple[Page, list[Found]]:
    """A page read, each of its articles linked and its figures extracted: the CPU-heavy part of an
    ingest, done where it runs in parallel (the main process only writes)."""
    path, name = job
    page = parse_file(Path(path), name)
    linked: dict[str, list[Mention]] = {}
    found = []
    for item in page.articles:
        headline = headline_of(item)
        digest = link_digest(headline, item.text)
        if digest not in linked:
            linked[digest] = _WORKER_LINKER.link("", item.text, headline)
        key = identity_key(item)
        article = merge_group(key, [item])
        figures = _WORKER_EXTRACTOR.extract(article.id, item.text, headline, linked[digest], article.date)
        found.append(Found(key, digest, linked[digest], article.id, article.date, figures))
    return page, found


def _parse_all(jobs: list[PageJob], gazetteer: LinkSet, workers: int | None) -> Iterable[tuple[Page, list[Found]]]:
    """Parse (and pre-link) pages, in worker processes when there are many."""
    work = [(str(job.path), job.name) for job in jobs]
    if not work:
        return  # no linker to build (~0.4 s) for nothing
    workers = workers if workers is not None else min(os.cpu_count() or 1, 4)
    if len(work) < PARALLEL_FROM_PAGES or workers < 2:
        _use_linker(gazetteer.features)
        yield from map(_parse_and_link, work)
        return
    with ProcessPoolExecutor(workers, initializer=_init_worker, initargs=(gazetteer.features,)) as pool:
        yield from pool.map(_parse_and_link, work, chunksize=16)
