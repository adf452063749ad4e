"""Loading for the app, done once per change of the pages or geodata, never on a click."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import streamlit as st

from .. import settings
from ..analysis import Frames, latest_rates, load_frames, rate_history
from ..corrections import FILE_NAME
from ..gazetteer import Gazetteer, load_gazetteer
from ..ingest import IngestSummary, ingest
from ..pagefiles import folder_signature
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


def folders() -> tuple[Path, Path]:
    return settings.seeds_dir(), settings.geodata_dir()


def change_signature(seeds: Path, geodata: Path) -> tuple:
    """Computed on every rerun, so a browser reload picks up any page added, edited or deleted under
    the seeds folder (subfolders too) and any geodata or correction edit: stats only, no reads."""
    stamps: list = [folder_signature(seeds) if seeds.is_dir() else None]
    for path in (geodata / "routes.geojson", geodata / "ports.geojson", geodata / FILE_NAME):
        try:
            stamps.append(path.stat().st_mtime_ns)
        except OSError:
            stamps.append(None)
    return tuple(stamps)


@st.cache_resource(show_spinner="Reading pages and geodata…", max_entries=2)
def load_app_data(seeds: str, geodata: str, signature: tuple) -> AppData:
    """Ingest (fast when nothing changed) and load the index into memory-light frames."""
    gazetteer = load_gazetteer(settings.require_geodata(Path(geodata)))
    settings.require_seeds(Path(seeds))
    with open_index(Path(seeds)) as index:
        summary = ingest(index, Path(seeds), gazetteer)
        frames = load_frames(index)
    rates = frames.rates
    return AppData(
        gazetteer, frames, summary, latest_rates(rates), rate_history(rates), Path(seeds), Path(geodata), time.time()
    )


def read_index(data: AppData) -> Index:
    """A short-lived connection per rerun: SQLite connections are not shared between sessions."""
    return open_index(data.seeds)
