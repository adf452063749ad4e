"""Where the pages, the geodata and the index live: the one place that knows the default folders.

Each folder comes from, in order: the command's option (`--seeds`/`--geodata`), the environment
(`DASHBOARD_SEEDS`, `DASHBOARD_GEODATA`, `DASHBOARD_DATA`), then the default. In a source checkout the
defaults are the checkout's `seeds/`, `geodata/` and `data/`; an installed package (no checkout around
it) uses `./seeds` and `./geodata` of the current folder and keeps its index in the user's cache, so the
`corridor-watch` script never looks inside site-packages.
"""

from __future__ import annotations

import os
from pathlib import Path

from .errors import DashboardError

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_DIR = PACKAGE_DIR.parent
IN_CHECKOUT = (REPO_DIR / "pyproject.toml").is_file() and (REPO_DIR / "geodata").is_dir()


def _base() -> Path:
    return REPO_DIR if IN_CHECKOUT else Path.cwd()


def seeds_dir(given: str | Path | None = None) -> Path:
    """The folder of pages."""
    return Path(given or os.environ.get("DASHBOARD_SEEDS") or _base() / "seeds")


def geodata_dir(given: str | Path | None = None) -> Path:
    """The folder of routes.geojson, ports.geojson and the base map."""
    return Path(given or os.environ.get("DASHBOARD_GEODATA") or _base() / "geodata")


def data_dir(given: str | Path | None = None) -> Path:
    """The folder of the on-disk index (a cache: deleting it only costs a re-ingest)."""
    if given or os.environ.get("DASHBOARD_DATA"):
        return Path(given or os.environ["DASHBOARD_DATA"])
    if IN_CHECKOUT:
        return REPO_DIR / "data"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "corridor-watch"


def is_default_seeds(folder: Path) -> bool:
    """The default seeds folder gets the plain index name (`index.sqlite`); others a hashed one."""
    return folder.resolve() == (_base() / "seeds").resolve()


def require_seeds(folder: Path) -> Path:
    """The seeds folder, or a message that says which folder was looked for and how to pick another."""
    if not folder.is_dir():
        raise DashboardError(
            f"{folder}: seeds folder not found (set DASHBOARD_SEEDS to a folder of pages, or pass --seeds DIR on the command line)"
        )
    return folder


def require_geodata(folder: Path) -> Path:
    """The geodata folder, or a message naming it: without it no route or port can be shown."""
    if not folder.is_dir():
        raise DashboardError(
            f"{folder}: geodata folder not found (set DASHBOARD_GEODATA to the folder "
            "holding routes.geojson and ports.geojson, or pass --geodata DIR on the command line)"
        )
    return folder
