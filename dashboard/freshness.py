"""Whether the index already answers for the pages and the geodata, learnt from file stats alone.

Most commands find nothing changed. Learning that must not cost loading the geodata (geopandas,
shapely, pyproj), the page reader (trafilatura) or building the linker: a stat of every page and of
every input the links depend on (the geodata folder and this package's own files, code and word
lists), compared with what the last complete ingest recorded, is enough. Anything else (a change, a
missing, busy or damaged index) goes the full way, `ingest.with_index`, which handles it.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from .errors import Problem
from .indexfile import IndexFault, index_path
from .indexrows import KnownPage
from .pagefiles import PageFile, PageListing
from .settings import PACKAGE_DIR
from .store import Index

T = TypeVar("T")
# quick_check reads every page of the file: at startup only while that stays cheap (~0.1 s a 50 MB).
QUICK_CHECK_MAX_BYTES = 64 * 1024 * 1024
# A page whose digest says it could not be read is read again (after a chmod, say).
UNREAD_DIGESTS = ("unreadable", "not a page file")


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
    read: list[str] = field(default_factory=list)  # the pages this ingest (re)read: their notes are news

    def line(self) -> str:
        relink = "; aliases changed, all articles re-linked" if self.relinked else ""
        return (
            f"files: {self.new} new, {self.changed} changed, {self.unchanged} unchanged, {self.deleted} deleted, "
            f"{self.failed} failed; {self.articles} articles, {self.mentions} mentions{relink} ({self.seconds:.1f} s)"
        )


def inputs_stamp(geodata_dir: Path) -> str:
    """Changes when any file of the geodata folder or of this package (its code and word lists) is
    added, removed or edited: stats only, taken before the geodata is read."""
    stamps = []
    for root in (geodata_dir, PACKAGE_DIR):
        for folder, folders, files in os.walk(root):
            folders[:] = sorted(f for f in folders if f != "__pycache__" and not f.startswith("."))
            for name in sorted(files):
                path = os.path.join(folder, name)
                try:
                    info = os.stat(path)
                    stamps.append(f"{path}\0{info.st_size}\0{info.st_mtime_ns}\0{info.st_ctime_ns}")
                except OSError:
                    stamps.append(f"{path}\0gone")
    return hashlib.sha256("\n".join(stamps).encode("utf-8", "surrogateescape")).hexdigest()


def same_by_stat(previous: KnownPage | None, page: PageFile) -> bool:
    """The index holds this version of the page: read before, same size and change time (the inode's
    ctime moves on every edit, even one that keeps the modification time: `cp -p`, `rsync -t`)."""
    return (
        previous is not None
        and not previous.sha256.startswith(UNREAD_DIGESTS)
        and previous.size == page.size
        and previous.changed_ns == page.changed_ns
    )


def needs_quick_check(path: Path) -> bool:
    return path.stat().st_size <= QUICK_CHECK_MAX_BYTES


def record_inputs(index: Index, stamp: str, geodata_problems: list[Problem], pages: str | None) -> None:
    """What `run_if_unchanged` compares against, written last by a complete ingest: the inputs' stamp,
    the geodata's problems and the pages' stamp (`PageListing.stamp` of what it ingested; None when a page
    could not be read, which every ingest tries again). Bound to the index's generation: an ingest by
    another version of this code (another checkout sharing the data folder) changes the generation when
    it changes anything, and so voids the record."""
    index.set_meta("inputs", _inputs_record(stamp, index))
    index.set_meta("geodata_problems", json.dumps([[p.file, p.message, p.line, p.severity] for p in geodata_problems]))
    index.set_meta("pages_stamp", pages or "")


def run_if_unchanged(
    seeds_dir: Path,
    geodata_dir: Path,
    work: Callable[[Index], T],
    data_dir: Path | None = None,
    listing: PageListing | None = None,
) -> tuple[T, IngestSummary, list[Problem]] | None:
    """`work(index)`, the summary of an ingest that found nothing to do, and the geodata's problems
    as the last ingest recorded them; None when anything changed or the index is missing, busy or
    damaged (the caller then takes the full way, handing it the same `listing` so the folder is walked
    once)."""
    started = time.perf_counter()
    path = index_path(seeds_dir, data_dir)
    if not path.is_file() or _ingest_running(path):
        return None
    try:
        with Index(path) as index, index.snapshot():
            if index.meta("inputs") != _inputs_record(inputs_stamp(geodata_dir), index):
                return None
            recorded = index.meta("pages_stamp")
            listing = listing or PageListing(seeds_dir)
            if not recorded or listing.stamp() != recorded:
                return None
            if needs_quick_check(path) and index.quick_check() != "ok":
                return None
            stored = json.loads(index.meta("geodata_problems") or "[]")
            summary = IngestSummary(unchanged=len(listing.pages()))
            summary.articles, summary.mentions = index.sizes()
            summary.seconds = time.perf_counter() - started
            return work(index), summary, [Problem(*p) for p in stored]
    except (sqlite3.DatabaseError, OSError, IndexFault, ValueError):  # boundary: the full way reports it
        return None


def _inputs_record(stamp: str, index: Index) -> str:
    return f"{stamp} {index.meta('generation')}"


def _ingest_running(path: Path) -> bool:
    """Another process holds the ingest lock (see `ingest._ingest_lock`): what it writes is not
    known yet, so the full way waits for it."""
    try:
        with open(path.with_name(path.name + ".lock"), "a") as handle:
            fcntl.flock(handle, fcntl.LOCK_SH | fcntl.LOCK_NB)
            return False
    except BlockingIOError:
        return True
    except OSError:
        return False
