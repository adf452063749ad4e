"""Slide-ready exports: PNG/SVG through kaleido and Debian's Chromium, chart data as CSV/GeoJSON,
and the briefing deck (python-pptx).

The figures come from the same builders as the app (`briefing.build_charts`), so what is exported
is what is on screen for the same filters and selection. No network: the base map is local data.
"""

from __future__ import annotations

import io
import json
import logging
import os
import shutil
from pathlib import Path

import plotly.graph_objects as go
import plotly.io as pio

from .errors import DashboardError
from .gazetteer import Feature

SLIDE_WIDTH, SLIDE_HEIGHT = 1920, 1080
CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")
INSTALL_HINT = "install it with `apt-get update && apt-get install -y chromium` (or run `make setup`)"

pio.defaults.mathjax = False  # a maths font would be fetched from a CDN for nothing
for noisy in ("kaleido", "choreographer", "logistro"):
    logging.getLogger(noisy).setLevel(logging.CRITICAL)


def find_chromium() -> str | None:
    """The browser kaleido will drive, or None. `BROWSER_PATH` wins, as kaleido itself honours it."""
    configured = os.environ.get("BROWSER_PATH")
    if configured:
        return configured if Path(configured).exists() else None
    for candidate in CHROMIUM_CANDIDATES:
        if Path(candidate).exists():
            return candidate
    return shutil.which("chromium")


def _require_chromium() -> None:
    browser = find_chromium()
    if browser is None:
        raise DashboardError(f"image export needs Chromium and none was found; {INSTALL_HINT}")
    os.environ.setdefault("BROWSER_PATH", browser)


def figure_image(fig: go.Figure, fmt: str, width: int = SLIDE_WIDTH, height: int = SLIDE_HEIGHT) -> bytes:
    """One figure as PNG or SVG bytes at slide size (16:9)."""
    _require_chromium()
    scale = 1
    return _quiet(lambda: pio.to_image(fig, format=fmt, width=width, height=height, scale=scale))


def write_images(figures: dict[str, go.Figure], out_dir: Path, formats=("png", "svg")) -> list[Path]:
    """Many figures in one browser session (much faster than one at a time)."""
    _require_chromium()
    out_dir.mkdir(parents=True, exist_ok=True)
    figs, paths, fmts = [], [], []
    for name, fig in figures.items():
        for fmt in formats:
            figs.append(fig)
            paths.append(out_dir / f"{name}.{fmt}")
            fmts.append(fmt)
    _quiet(lambda: pio.write_images(figs, paths, format=fmts, width=SLIDE_WIDTH, height=SLIDE_HEIGHT))
    return paths


def _quiet(action):
    """Run a kaleido call with choreographer's harmless exit noise kept off the user's screen."""
    import contextlib

    stderr = io.StringIO()
    try:
        with contextlib.redirect_stderr(stderr):
            return action()
    except Exception as exc:
        raise DashboardError(
            f"image export failed ({type(exc).__name__}: {exc}); is Chromium working? {INSTALL_HINT}"
        ) from exc


def map_geojson(features: list[Feature], stats: dict[str, tuple[int, int]]) -> str:
    """The map's data: every drawn feature with its attributes and mention counts."""
    collection = {"type": "FeatureCollection", "features": []}
    for feature in features:
        if feature.geometry_type == "Point":
            geometry = {"type": "Point", "coordinates": list(feature.point)}
        elif feature.geometry_type == "LineString":
            geometry = {"type": "LineString", "coordinates": [list(p) for p in feature.lines[0]]}
        else:
            geometry = {"type": "MultiLineString", "coordinates": [[list(p) for p in line] for line in feature.lines]}
        articles, mentions = stats.get(feature.id, (0, 0))
        properties = {k: v for k, v in feature.properties.items() if k not in ("sense", "descriptions")}
        collection["features"].append(
            {
                "type": "Feature",
                "id": feature.id,
                "properties": {**properties, "articles": articles, "mentions": mentions},
                "geometry": geometry,
            }
        )
    return json.dumps(collection, ensure_ascii=False, indent=1)
