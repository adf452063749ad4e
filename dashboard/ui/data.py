"""Loading for the app, done once per change of the pages or geodata, never on a click."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import streamlit as st

from .. import settings
from ..analysis import Frames, latest_rates, load_frames, rate_history
from ..corrections import FILE_NAME
from ..freshness import IngestSummary, run_if_unchanged
from ..gazetteer import Gazetteer, load_gazetteer
from ..indexfile import IndexChanged, index_path, read_generation
from ..ingest import with_index
from ..pagefiles import PageListing, folder_signature
from ..spelling import SPELLING_FILE
from ..store import Index, open_index


@dataclass
class AppData:
    gazetteer: Gazetteer
    frames: Frames
    summary: IngestSummary
    latest_rates: pd.DataFrame
    rate_history: pd.DataFrame
    seeds: Path
    geodata: Path
    loaded_at: float  # tells caches built on this data apart from those built on an older load
    generation: str | None = None  # the index's generation when loaded (another ingest changes it)
    memory_index: Index | None = None  # the pages indexed in memory when the data folder is unwritable
    warnings: tuple[str, ...] = ()  # index faults handled while loading (damaged index rebuilt, …)


def folders() -> tuple[Path, Path]:
    return settings.seeds_dir(), settings.geodata_dir()


def change_signature(seeds: Path, geodata: Path) -> tuple:
    """Computed on every rerun, so a browser reload picks up any page added, edited or deleted under
    the seeds folder (subfolders too) and any geodata or correction edit: stats only, no reads."""
    stamps: list = [folder_signature(seeds) if seeds.is_dir() else None]
    for path in (geodata / "routes.geojson", geodata / "ports.geojson", geodata / FILE_NAME, geodata / SPELLING_FILE):
        try:
            info = path.stat()
            stamps.append((info.st_mtime_ns, info.st_ctime_ns))  # ctime: an edit keeping the mtime (`cp -p`)
        except OSError:
            stamps.append(None)
    return tuple(stamps)


@st.cache_resource(show_spinner="Reading pages and geodata…", max_entries=2)
def load_app_data(seeds: str, geodata: str, signature: tuple) -> AppData:
    """Ingest (fast when nothing changed) and load the index into memory-light frames."""
    gazetteer = load_gazetteer(settings.require_geodata(Path(geodata)))
    seeds_dir = settings.require_seeds(Path(seeds))
    warnings: list[str] = []
    listing = PageListing(seeds_dir)  # walked once, by the check and (when something changed) the ingest
    quick = run_if_unchanged(seeds_dir, Path(geodata), load_frames, listing=listing)  # no write when nothing changed
    if quick is not None:
        frames, summary, _geodata_problems = quick  # the app shows `gazetteer.problems`
        memory = None
    else:
        # Waiting for a command-line ingest is what the spinner shows; as a warning it would stay
        # on every session after that ingest finished.
        frames, summary, memory = with_index(
            seeds_dir, gazetteer, load_frames, warn=warnings.append, waiting=lambda _message: None, listing=listing
        )
    history = rate_history(frames.rates)
    return AppData(
        gazetteer,
        frames,
        summary,
        latest_rates(frames.rates, history),
        history,
        seeds_dir,
        Path(geodata),
        time.time(),
        generation=None if memory else frames.generation,
        memory_index=memory,
        warnings=tuple(warnings),
    )


def is_stale(data: AppData) -> bool:
    """Another process (an ingest from the command line) changed the index since this data was
    loaded: its row ids may no longer match, so the frames must be reloaded."""
    return data.memory_index is None and read_generation(index_path(data.seeds)) != data.generation


@contextmanager
def read_index(data: AppData) -> Iterator[Index]:
    """A short-lived connection per rerun (SQLite connections are not shared between sessions), or
    the in-memory index, left open, when the data folder could not be written. The connection reads
    one snapshot, the one the frames were read from: if another process re-indexed since, its row
    ids would not match the frames, and `IndexChanged` makes the app reload instead."""
    if data.memory_index is not None:
        yield data.memory_index
        return
    with open_index(data.seeds) as index, index.snapshot():
        if index.meta("generation") != data.generation:
            raise IndexChanged(index.path)
        yield index
