"""Where the index file lives and what can go wrong with it: the one place that tells a busy index
(wait), an unwritable folder (answer from memory) and a damaged file (rebuild: it is only a cache)
apart, so no fault is ever reported as another.
"""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

from . import settings
from .errors import DashboardError

BUSY_TIMEOUT_S = 120


def index_path(seeds_dir: Path, data_dir: Path | None = None) -> Path:
    """One index per seeds folder, so pointing a command at another folder never mixes corpora."""
    folder = settings.data_dir(data_dir)
    if settings.is_default_seeds(seeds_dir):
        return folder / "index.sqlite"
    return folder / f"index-{hashlib.sha1(str(seeds_dir.resolve()).encode()).hexdigest()[:12]}.sqlite"


class IndexFault(DashboardError):
    """The index file could not be used. `kind` says what to do about it: "busy" (another ingest
    holds it: wait), "unwritable" (read-only or full folder: answer from the pages in memory) or
    "damaged" (move it aside and rebuild: it is only a cache)."""

    def __init__(self, path: Path | None, cause: BaseException, kind: str | None = None) -> None:
        self.kind = kind or fault_kind(cause)
        self.cause = cause
        reason = " ".join(str(getattr(cause, "strerror", None) or cause).split())
        message = {
            "busy": f"{path}: the index is busy (another ingest has held it for {BUSY_TIMEOUT_S} s); try again when it finishes",
            "unwritable": f"{path}: cannot write the index ({reason})",
            "damaged": f"{path}: the index is damaged ({reason}); the next ingest rebuilds it from the pages",
            "unknown": f"{path}: the index could not be used ({reason})",
        }[self.kind]
        super().__init__(message)


class IndexChanged(DashboardError):
    """Another process re-indexed since the frames were read: their row ids no longer match the
    index, so the data must be loaded again (the app reloads)."""

    def __init__(self, path: Path | None) -> None:
        super().__init__(f"{path}: the index changed since this page was loaded (another process re-indexed)")


def read_generation(path: Path) -> str | None:
    """The index's generation (changes whenever an ingest changed something), read without
    writing or waiting; None when there is no readable index."""
    try:
        with sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=0.5) as db:
            row = db.execute("SELECT value FROM meta WHERE key='generation'").fetchone()
            return row[0] if row else None
    except (sqlite3.DatabaseError, OSError):
        return None


# What SQLite (and the sqlite3 module reading stored text) says about a damaged file: only these are
# damage on their own; any other error is checked against the file itself (`ingest.file_damage`).
DAMAGE_ERRORS = ("SQLITE_CORRUPT", "SQLITE_NOTADB")
DAMAGED_ROW = "a stored row is damaged"  # said by `store` of a JSON column it cannot read
DAMAGE_WORDS = (
    DAMAGED_ROW,
    "file is not a database",
    "database disk image is malformed",
    "could not decode to utf-8",
    "quick_check:",
)


def fault_kind(exc: BaseException) -> str:
    """ "busy", "unwritable", "damaged" or "unknown" (the file decides: see `ingest.file_damage`)
    for an error raised while using the index."""
    if isinstance(exc, IndexFault):
        return exc.kind
    if isinstance(exc, OSError):
        return "unwritable"
    name = getattr(exc, "sqlite_errorname", "") or ""
    text = str(exc).lower()
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in text:
        return "busy"
    unwritable = ("SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_FULL", "SQLITE_IOERR", "SQLITE_PERM")
    if name.startswith(unwritable) or any(w in text for w in ("readonly", "unable to open", "disk is full")):
        return "unwritable"
    if name.startswith(DAMAGE_ERRORS) or any(w in text for w in DAMAGE_WORDS):
        return "damaged"
    return "unknown"
