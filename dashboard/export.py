"""Slide-ready exports: PNG/SVG through kaleido and Debian's Chromium, chart data as CSV/GeoJSON,
and the briefing deck (python-pptx).

The figures come from the same builders as the app (`charts.build_charts`), so what is exported
is what is on screen for the same filters. No network: the base map is local data, plotly.js is the
copy inside the plotly package, and MathJax is switched off in kaleido's page.

Text on the slides is budgeted, not auto-shrunk: every text box is filled with text measured with
Liberation Sans metrics (the fonts LibreOffice uses for Arial; Arial has the same metrics), wrapped
to the box width and cut with "…" where it would need more lines than the box holds.
`text_overflow` measures any text shape of the deck the same way, so tests can check every box.
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import json
import logging
import os
import queue
import re
import shutil
import threading
import time
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from .analysis import Filters, compute_view
from .errors import DashboardError
from .gazetteer import Feature

if TYPE_CHECKING:
    from .analysis import Frames, View
    from .charts import Chart
    from .gazetteer import Gazetteer
    from .store import Index

SLIDE_WIDTH, SLIDE_HEIGHT = 1920, 1080
# Images are laid out at 1280x720 and rendered at 1.5x: 1920x1080 pixels whose text stays readable
# once the picture sits on a slide (11 px chart labels print at about 6.5 pt instead of 4.5 pt).
EXPORT_SCALE = 1.5
LAYOUT_WIDTH, LAYOUT_HEIGHT = SLIDE_WIDTH / EXPORT_SCALE, SLIDE_HEIGHT / EXPORT_SCALE
CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")
INSTALL_HINT = "install it with `apt-get update && apt-get install -y chromium` (or run `make setup`)"
# `pio.defaults.mathjax = False` alone does not reach kaleido (plotly only forwards a truthy value), and
# kaleido then loads MathJax from a CDN: kaleido is called directly with MathJax off.
KALEIDO_OPTIONS = {"mathjax": False}

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


def _image_options(fmt: str, width: int = SLIDE_WIDTH, height: int = SLIDE_HEIGHT) -> dict:
    return {"format": fmt, "width": width / EXPORT_SCALE, "height": height / EXPORT_SCALE, "scale": EXPORT_SCALE}


def figure_image(fig: go.Figure, fmt: str, width: int = SLIDE_WIDTH, height: int = SLIDE_HEIGHT) -> bytes:
    """One figure as PNG or SVG bytes at slide size (16:9), the same image as the briefing's."""
    import kaleido

    _require_chromium()
    options = _image_options(fmt, width, height)
    return _quiet(lambda: kaleido.calc_fig_sync(fig.to_dict(), opts=options, kopts=dict(KALEIDO_OPTIONS)))


def write_images(
    figures: dict[str, go.Figure], out_dir: Path, formats=("png", "svg"), session: BrowserSession | None = None
) -> list[Path]:
    """Many figures in one browser session (much faster than one at a time); `session`: one already started."""
    import kaleido

    _require_chromium()
    out_dir.mkdir(parents=True, exist_ok=True)
    specs, paths = [], []
    for name, fig in figures.items():
        fig_dict = fig.to_dict()
        for fmt in formats:
            path = out_dir / f"{name}.{fmt}"
            specs.append({"fig": fig_dict, "path": path, "opts": _image_options(fmt)})
            paths.append(path)
    if session is not None:
        _quiet(lambda: session.render(specs))
    else:
        _quiet(lambda: kaleido.write_fig_from_object_sync(specs, kopts=dict(KALEIDO_OPTIONS)))
    missing = [p for p in paths if not p.is_file() or p.stat().st_size == 0]
    if missing:
        raise DashboardError(f"image export wrote no {missing[0].name}; is Chromium working? {INSTALL_HINT}")
    return paths


class BrowserSession:
    """kaleido's Chromium, started in a thread of its own so that it boots (3-6 s) while the caller
    builds its figures. Use as a context manager; `render` writes a batch of kaleido specs."""

    def __init__(self) -> None:
        self._jobs: queue.Queue = queue.Queue()
        self._results: queue.Queue = queue.Queue()
        self._thread = threading.Thread(target=asyncio.run, args=(self._serve(),), name="kaleido", daemon=True)

    def __enter__(self) -> BrowserSession:
        _require_chromium()
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._jobs.put(None)
        self._thread.join(timeout=30)

    async def _serve(self) -> None:
        import kaleido

        try:
            async with kaleido.Kaleido(**KALEIDO_OPTIONS) as browser:
                while (specs := self._jobs.get()) is not None:  # kaleido's own sync server waits like this
                    try:
                        await browser.write_fig_from_object(specs)
                        self._results.put(None)
                    except Exception as exc:  # noqa: BLE001 (handed to the caller, who reports it)
                        self._results.put(exc)
        except Exception as exc:  # noqa: BLE001 (the browser did not start: the caller reports it)
            self._results.put(exc)

    def render(self, specs: list[dict]) -> None:
        self._jobs.put(specs)
        while True:
            try:
                outcome = self._results.get(timeout=0.5)
                break
            except queue.Empty:
                if not self._thread.is_alive() and self._results.empty():
                    outcome = RuntimeError("the browser stopped before the images were written")
                    break
        if isinstance(outcome, BaseException):
            raise outcome


def _quiet(action):
    """Run a kaleido call with choreographer's harmless exit noise kept off the user's screen."""
    stderr = io.StringIO()
    try:
        with contextlib.redirect_stderr(stderr):
            return action()
    except DashboardError:
        raise
    except Exception as exc:
        # choreographer's errors are tuples of advice (one suggests downloading Chrome): keep the first.
        reason = exc.args[0] if exc.args and isinstance(exc.args[0], str) else str(exc)
        raise DashboardError(
            f"image export failed ({type(exc).__name__}: {reason}); is Chromium working? {INSTALL_HINT}"
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


# --- the briefing: charts, files, deck ----------------------------------------------------------

DECK_NAME = "briefing.pptx"
CHART_ORDER = ("map", "mentions-by-feature", "mentions-over-time", "co-mentions", "currencies")
DEFAULT_FEATURE_SLIDES = 4  # the most discussed routes get a slide each, unless --feature says otherwise
EXCERPTS_PER_FEATURE = 4
EXCERPT_MAX_CHARS = 320  # before measuring: no excerpt on a slide is longer than this
FAMILY_NAMES = {
    "tca": "Times of Central Asia listing",
    "edm": "Eurasia Daily Monitor page",
    "caci": "CACI Analyst page",
    "generic": "page of another kind",
}


def export_briefing(
    frames: Frames,
    gazetteer: Gazetteer,
    index: Index,
    out_dir: Path,
    feature_ids: list[str] | None = None,
    filters: Filters = Filters(),  # noqa: B008 (frozen, so a shared default is safe)
    timings: dict[str, float] | None = None,
) -> list[Path]:
    """Every chart as PNG + SVG (1920x1080) with its data, and `briefing.pptx`; returns what was written.

    `feature_ids` picks the feature slides (default: the most discussed routes of the view); unknown ids
    and a missing Chromium are `DashboardError`s raised before anything is written. `timings`, when
    given, receives the seconds spent per stage (for the benchmark).
    """
    clock = _Clock(timings)
    chosen = _check_feature_ids(gazetteer, feature_ids)
    _require_chromium()
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DashboardError(f"{out_dir}: cannot write there ({exc.strerror or exc})") from exc
    # The browser starts while the figures are built; its exit noise stays off the user's screen.
    with contextlib.redirect_stderr(io.StringIO()), BrowserSession() as browser:
        view = compute_view(frames, gazetteer, filters)
        charts = export_charts(view, gazetteer, frames)
        clock.lap("view and charts")
        written = write_images({name: charts[name].figure for name in CHART_ORDER}, out_dir, session=browser)
    clock.lap("images")
    features = chosen if chosen is not None else default_features(view)
    try:
        written += write_chart_data(charts, view, out_dir)
        written.append(build_deck(frames, gazetteer, index, view, charts, features, out_dir))
    except OSError as exc:
        raise DashboardError(f"{exc.filename or out_dir}: cannot write it ({exc.strerror or exc})") from exc
    clock.lap("deck")
    return written


class _Clock:
    def __init__(self, timings: dict[str, float] | None) -> None:
        self.timings = timings
        self.last = time.perf_counter()

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        if self.timings is not None:
            self.timings[stage] = self.timings.get(stage, 0.0) + now - self.last
        self.last = now


def _check_feature_ids(gazetteer: Gazetteer, feature_ids: list[str] | None) -> list[Feature] | None:
    if not feature_ids:
        return None
    unknown = [fid for fid in feature_ids if fid not in gazetteer.by_id]
    if unknown:
        valid = ", ".join(sorted(gazetteer.by_id)) or "none (the geodata has no features)"
        raise DashboardError(f"unknown feature id {', '.join(map(repr, unknown))}; valid ids: {valid}")
    return [gazetteer.by_id[fid] for fid in dict.fromkeys(feature_ids)]


def default_features(view: View, count: int = DEFAULT_FEATURE_SLIDES) -> list[Feature]:
    """The routes most discussed in the view (distinct articles, then mentions), at least one article each."""
    stats = view.stats()
    routes = [f for f in view.features if f.is_route and stats.get(f.id, (0, 0))[0] > 0]
    routes.sort(key=lambda f: (-stats[f.id][0], -stats[f.id][1], f.name))
    return routes[:count]


def export_charts(view: View, gazetteer: Gazetteer, frames: Frames) -> dict[str, Chart]:
    """The app's charts for the view, with the map framed to fill a 16:9 image."""
    from .analysis import rate_history
    from .charts import build_charts, map_aspect

    return build_charts(
        view, gazetteer, rate_history(frames.rates), selected=None, aspect=map_aspect(LAYOUT_WIDTH, LAYOUT_HEIGHT)
    )


def write_chart_data(charts: dict[str, Chart], view: View, out_dir: Path) -> list[Path]:
    """What each chart shows: the map as GeoJSON, the others as CSV."""
    written = []
    for name in CHART_ORDER:
        if name == "map":
            path = out_dir / "map.geojson"
            path.write_text(map_geojson(view.features, view.stats()), encoding="utf-8")
        elif charts[name].data is not None:
            path = out_dir / f"{name}.csv"
            charts[name].data.to_csv(path, index=False)
        else:
            continue
        written.append(path)
    return written


# --- measuring text -----------------------------------------------------------------------------

FONT_NAME = "Arial"  # Liberation Sans has the same metrics, and LibreOffice uses it for Arial
FONT_DIRS = (
    "/usr/share/fonts/truetype/liberation",
    "/usr/share/fonts/truetype/liberation2",
    "/usr/share/fonts/liberation-sans",
    "/usr/share/fonts/liberation",
)
NON_BREAKING_HYPHEN = "\u2011"
LINE_HEIGHT = 1.17  # line pitch in ems at single spacing (Liberation Sans and Arial need 1.12-1.15)
WRAP_SLACK = 0.985  # wrap a little before the edge: renderers differ in kerning and spacing
PAD_X, PAD_Y = 0.06, 0.04  # text box insets, inches
_INVISIBLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufffe\uffff\ud800-\udfff]"
)


@lru_cache(maxsize=2)
def _font(bold: bool):
    from PIL import ImageFont

    name = "LiberationSans-Bold.ttf" if bold else "LiberationSans-Regular.ttf"
    for folder in FONT_DIRS:
        path = Path(folder) / name
        if path.is_file():
            with contextlib.suppress(OSError):
                return ImageFont.truetype(str(path), 1000)
    return None


@lru_cache(maxsize=1 << 16)
def text_width(text: str, size_pt: float, bold: bool = False) -> float:
    """Width of one line of text in inches (a generous estimate when Liberation Sans is missing)."""
    font = _font(bold)
    ems = font.getlength(text) / 1000 if font is not None else len(text) * (0.62 if bold else 0.58)
    return ems * size_pt / 72


def wrap_lines(text: str, size_pt: float, width_in: float, bold: bool = False) -> list[str]:
    """Greedy word wrap as a slide renderer does it; a word wider than the box is broken."""
    return wrap_runs([(text, bold)], size_pt, width_in)


def wrap_runs(pieces: list[tuple[str, bool]], size_pt: float, width_in: float) -> list[str]:
    """Word wrap of a paragraph made of (text, bold) runs, each piece measured in its own weight."""
    width = width_in * WRAP_SLACK
    words: list[list[tuple[str, bool]]] = [[]]
    for text, bold in pieces:
        for number, part in enumerate(text.split(" ")):
            if number:
                words.append([])
            if part:
                words[-1].append((part, bold))
    space = text_width(" ", size_pt)
    lines: list[str] = []
    line, used = "", 0.0
    for word in words:
        plain = "".join(part for part, _ in word)
        wide = sum(text_width(part, size_pt, bold) for part, bold in word)
        if line:
            if used + space + wide <= width:
                line, used = f"{line} {plain}", used + space + wide
                continue
            lines.append(line)
        line, used = plain, wide
        bold = any(b for _, b in word)
        while len(line) > 1 and used > width:  # a word wider than the box: broken anywhere
            cut = max(1, _longest_prefix(line, size_pt, width, bold))
            lines.append(line[:cut])
            line = line[cut:]
            used = text_width(line, size_pt, bold)
    lines.append(line)
    return lines


def _longest_prefix(word: str, size_pt: float, width: float, bold: bool) -> int:
    low, high = 0, len(word)
    while low < high:
        middle = (low + high + 1) // 2
        if text_width(word[:middle], size_pt, bold) <= width:
            low = middle
        else:
            high = middle - 1
    return low


def fit_text(text: str, size_pt: float, width_in: float, max_lines: int, bold: bool = False) -> str:
    """The text, cut at a word with "…" if it needs more than `max_lines` lines in the box."""
    if max_lines < 1:
        return ""
    if len(wrap_lines(text, size_pt, width_in, bold)) <= max_lines:
        return text
    words = text.split(" ")

    def fits(candidate: str) -> bool:
        return len(wrap_lines(candidate, size_pt, width_in, bold)) <= max_lines

    low, high = 0, len(words)
    while low < high:
        middle = (low + high + 1) // 2
        if fits(_ellipsis(" ".join(words[:middle]))):
            low = middle
        else:
            high = middle - 1
    if low:
        return _ellipsis(" ".join(words[:low]))
    first = words[0]
    low, high = 0, len(first)
    while low < high:
        middle = (low + high + 1) // 2
        if fits(first[:middle] + "…"):
            low = middle
        else:
            high = middle - 1
    return first[:low] + "…"


def _ellipsis(text: str) -> str:
    return text.rstrip(" ,;:.–—-(/") + "…"


def clean(text) -> str:
    """Page or geodata text made safe for a slide: one line, no control or direction characters."""
    if text is None or (isinstance(text, float) and pd.isna(text)):
        return ""
    return " ".join(_INVISIBLE.sub("", str(text)).split())


def unbroken(text: str) -> str:
    """Hyphens a renderer may not break a line at (dates: 2026‑02‑23 stays on one line)."""
    return text.replace("-", NON_BREAKING_HYPHEN)


def short_name(name: str) -> str:
    """A feature name without its parenthesised aliases: "Port of Aktau (Aktau Sea Trade Port)" -> "Port of Aktau"."""
    shorter = re.sub(r"\s*\([^)]*\)", "", name).strip()
    return shorter or name


def plural(count: int, word: str, many: str | None = None) -> str:
    return f"{count:,} {word if count == 1 else many or word + 's'}"


def text_overflow(shape) -> float:
    """Inches by which a shape's text needs more height than its box has (<= 0: it fits).

    Text boxes and every cell of a table are measured with the deck's own rules: each paragraph's
    runs at their size, bold if any run is, wrapped to the box width less its insets.
    """
    from pptx.util import Emu

    def inches(value) -> float:
        return Emu(value or 0).inches

    if getattr(shape, "has_table", False) and shape.has_table:
        table = shape.table
        worst = float("-inf")
        for row in table.rows:
            for column, cell in zip(table.columns, row.cells, strict=True):
                width = inches(column.width) - inches(cell.margin_left) - inches(cell.margin_right)
                needed = _paragraphs_height(cell.text_frame.paragraphs, width)
                needed += inches(cell.margin_top) + inches(cell.margin_bottom)
                worst = max(worst, needed - inches(row.height))
        return worst
    if not getattr(shape, "has_text_frame", False) or not shape.has_text_frame or not shape.text_frame.text:
        return float("-inf")
    frame = shape.text_frame
    width = inches(shape.width) - inches(frame.margin_left) - inches(frame.margin_right)
    needed = _paragraphs_height(frame.paragraphs, width) + inches(frame.margin_top) + inches(frame.margin_bottom)
    return needed - inches(shape.height)


def _paragraphs_height(paragraphs, width: float) -> float:
    total = 0.0
    for paragraph in paragraphs:
        runs = paragraph.runs
        size = max((run.font.size.pt for run in runs if run.font.size), default=18.0)
        lines = len(wrap_runs([(run.text, bool(run.font.bold)) for run in runs], size, width))
        before = paragraph.space_before.pt if paragraph.space_before is not None else 0.0
        after = paragraph.space_after.pt if paragraph.space_after is not None else 0.0
        total += (lines * size * LINE_HEIGHT + before + after) / 72
    return total


# --- deck layout --------------------------------------------------------------------------------

DECK_WIDTH_IN, DECK_HEIGHT_IN = 13.333, 7.5
MARGIN = 0.5
BAR_HEIGHT = 0.9  # the navy title bar
CONTENT_TOP, CONTENT_BOTTOM = 1.1, 6.98
FOOTER_TOP = 7.1
NAVY, BLUE, INK, MUTED, RULE, PANEL, PALE = (
    "#14213d",
    "#1f5fa8",
    "#1d2733",
    "#5b6470",
    "#d9dee4",
    "#f4f6f9",
    "#c9d5e8",
)
UP, DOWN = "#2a7a3b", "#a3341c"


@dataclass
class Run:
    text: str
    bold: bool = False
    color: str = INK
    italic: bool = False


@dataclass
class Para:
    runs: list[Run]
    size: float
    space_before: float = 0.0
    space_after: float = 0.0
    align: str = "left"

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)

    def lines(self, width_in: float) -> int:
        return len(wrap_runs([(run.text, run.bold) for run in self.runs], self.size, width_in))

    def height(self, width_in: float) -> float:
        return (self.lines(width_in) * self.size * LINE_HEIGHT + self.space_before + self.space_after) / 72


def para(text: str, size: float, width_in: float, max_lines: int = 1, **style) -> Para:
    """One single-run paragraph, fitted to `max_lines` lines of a box `width_in` wide (insets included)."""
    bold = style.get("bold", False)
    fitted = fit_text(clean(text), size, width_in - 2 * PAD_X, max_lines, bold)
    options = {k: style.pop(k) for k in ("space_before", "space_after", "align") if k in style}
    return Para([Run(fitted, **style)], size, **options)


def line_height(size: float, lines: int = 1) -> float:
    return lines * size * LINE_HEIGHT / 72


def boxes_height(paragraphs: list[Para], width_in: float) -> float:
    return sum(p.height(width_in - 2 * PAD_X) for p in paragraphs) + 2 * PAD_Y


@dataclass
class DeckFacts:
    """What the title, footer and closing slides say about the corpus and the view."""

    articles: int
    corpus_articles: int
    sources: list[str]
    span: tuple[str | None, str | None]
    undated: int
    pages: pd.DataFrame
    filters: str
    generated: str
    source_line: str
    features: list[str] = field(default_factory=list)


class DeckBuilder:
    """A 16:9 deck with a navy title bar, a footer with the source line, and slide numbers."""

    def __init__(self, total_slides: int, footer: str) -> None:
        from pptx import Presentation
        from pptx.util import Inches

        self.prs = Presentation()
        self.prs.slide_width = Inches(DECK_WIDTH_IN)
        self.prs.slide_height = Inches(DECK_HEIGHT_IN)
        self.blank = self.prs.slide_layouts[6]
        self.total = total_slides
        self.footer = footer

    # -- primitives --

    def slide(self):
        return self.prs.slides.add_slide(self.blank)

    def rect(self, slide, x, y, w, h, fill: str, line: str | None = None, name: str = ""):
        from pptx.dml.color import RGBColor
        from pptx.enum.shapes import MSO_SHAPE
        from pptx.oxml.ns import qn
        from pptx.util import Inches, Pt

        shape = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, Inches(x), Inches(y), Inches(w), Inches(h))
        shape.fill.solid()
        shape.fill.fore_color.rgb = RGBColor.from_string(fill[1:])
        if line:
            shape.line.color.rgb = RGBColor.from_string(line[1:])
            shape.line.width = Pt(0.75)
        else:
            shape.line.fill.background()
        style = shape._element.find(qn("p:style"))
        if style is not None:  # the theme style adds a shadow (LibreOffice draws it despite <a:effectLst/>)
            shape._element.remove(style)
        if name:
            shape.name = name
        return shape

    def text(self, slide, x, y, w, h, paragraphs: list[Para], anchor: str = "top", name: str = ""):
        from pptx.dml.color import RGBColor
        from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
        from pptx.util import Inches, Pt

        shape = slide.shapes.add_textbox(Inches(x), Inches(y), Inches(w), Inches(h))
        if name:
            shape.name = name
        frame = shape.text_frame
        frame.word_wrap = True
        frame.auto_size = MSO_AUTO_SIZE.NONE
        frame.margin_left = frame.margin_right = Inches(PAD_X)
        frame.margin_top = frame.margin_bottom = Inches(PAD_Y)
        frame.vertical_anchor = {"top": MSO_ANCHOR.TOP, "middle": MSO_ANCHOR.MIDDLE, "bottom": MSO_ANCHOR.BOTTOM}[
            anchor
        ]
        for number, paragraph in enumerate(paragraphs):
            p = frame.paragraphs[0] if number == 0 else frame.add_paragraph()
            p.alignment = {"left": PP_ALIGN.LEFT, "right": PP_ALIGN.RIGHT, "center": PP_ALIGN.CENTER}[paragraph.align]
            p.line_spacing = 1.0
            p.space_before = Pt(paragraph.space_before)
            p.space_after = Pt(paragraph.space_after)
            for run in paragraph.runs:
                r = p.add_run()
                r.text = run.text
                font = r.font
                font.name = FONT_NAME
                font.size = Pt(paragraph.size)
                font.bold = run.bold
                font.italic = run.italic
                font.color.rgb = RGBColor.from_string(run.color[1:])
        return shape

    def picture(self, slide, path: Path, x, y, w, h, name: str = ""):
        from pptx.dml.color import RGBColor
        from pptx.util import Inches, Pt

        shape = slide.shapes.add_picture(str(path), Inches(x), Inches(y), Inches(w), Inches(h))
        shape.line.color.rgb = RGBColor.from_string(RULE[1:])
        shape.line.width = Pt(0.75)
        if name:
            shape.name = name
        return shape

    # -- the frame every content slide shares --

    def content_slide(self, title: str, subline: str, number: int):
        slide = self.slide()
        width = DECK_WIDTH_IN - 2 * MARGIN
        self.rect(slide, 0, 0, DECK_WIDTH_IN, BAR_HEIGHT, NAVY, name="title bar")
        self.rect(slide, 0, BAR_HEIGHT, DECK_WIDTH_IN, 0.05, BLUE, name="title rule")
        size = _title_size(clean(title), width - 2 * PAD_X, (28, 26, 24, 22))
        self.text(
            slide, MARGIN, 0.05, width, 0.55, [para(title, size, width, bold=True, color="#ffffff")], name="title"
        )
        self.text(slide, MARGIN, 0.55, width, 0.32, [para(subline, 13, width, color=PALE)], name="subtitle")
        self.rect(slide, MARGIN, FOOTER_TOP - 0.04, DECK_WIDTH_IN - 2 * MARGIN, 0.012, RULE, name="footer rule")
        footer_width = DECK_WIDTH_IN - 2 * MARGIN - 1.2
        self.text(slide, MARGIN, FOOTER_TOP, footer_width, 0.3, [para(self.footer, 9, footer_width, color=MUTED)])
        self.text(
            slide,
            DECK_WIDTH_IN - MARGIN - 1.1,
            FOOTER_TOP,
            1.1,
            0.3,
            [para(f"{number} / {self.total}", 9, 1.1, color=MUTED, align="right")],
            name="slide number",
        )
        return slide

    def save(self, path: Path) -> Path:
        """Write the deck next to its final name, then rename: a reader never sees half a file."""
        temporary = path.with_name(f".{path.name}.{os.getpid()}.part")
        try:
            self.prs.save(str(temporary))
            os.replace(temporary, path)
        finally:
            with contextlib.suppress(FileNotFoundError):
                temporary.unlink()
        return path


def _title_size(text: str, width_in: float, sizes: tuple[float, ...]) -> float:
    for size in sizes:
        if len(wrap_lines(text, size, width_in, bold=True)) <= 1:
            return size
    return sizes[-1]


# --- the deck's slides --------------------------------------------------------------------------


def build_deck(
    frames: Frames,
    gazetteer: Gazetteer,
    index: Index,
    view: View,
    charts: dict[str, Chart],
    features: list[Feature],
    out_dir: Path,
) -> Path:
    """briefing.pptx: title, the five chart slides, one slide per feature, sources & method."""
    facts = deck_facts(frames, view, features)
    deck = DeckBuilder(total_slides=1 + len(CHART_ORDER) + len(features) + 1, footer=facts.source_line)
    title_slide(deck, facts)
    number = 2
    for name in CHART_ORDER:
        heading, takeaway = chart_headline(name, view, frames)
        if name == "currencies":
            currency_slide(deck, heading, takeaway, out_dir / f"{name}.png", frames, number)
        else:
            chart_slide(deck, heading, takeaway, out_dir / f"{name}.png", charts[name].title, number)
        number += 1
    countries = {c.iso_a2: c.name for c in gazetteer.basemap.countries}
    for feature in features:
        feature_slide(deck, feature, view, frames, index, countries, number)
        number += 1
    closing_slide(deck, facts, frames, gazetteer, number)
    return deck.save(out_dir / DECK_NAME)


def deck_facts(frames: Frames, view: View, features: list[Feature]) -> DeckFacts:
    articles = frames.articles.loc[view.article_ids]
    return DeckFacts(
        articles=len(view.article_ids),
        corpus_articles=len(frames.articles),
        sources=list(view.sources),
        span=view.span,
        undated=int(articles["date"].isna().sum()),
        pages=frames.pages,
        filters=view.filters.describe(),
        generated=date.today().isoformat(),
        source_line=view.source_line(),
        features=[short_name(f.name) for f in features],
    )


def _and(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def title_slide(deck: DeckBuilder, facts: DeckFacts) -> None:
    slide = deck.slide()
    deck.rect(slide, 0, 0, DECK_WIDTH_IN, DECK_HEIGHT_IN, NAVY, name="background")
    deck.rect(slide, 0.8, 3.02, 1.6, 0.07, BLUE, name="accent")
    width = DECK_WIDTH_IN - 1.6
    deck.text(slide, 0.8, 1.55, width, 0.9, [para("Corridor Watch briefing", 44, width, bold=True, color="#ffffff")])
    deck.text(
        slide,
        0.8,
        2.4,
        width,
        0.5,
        [para("Eurasian corridors, pipelines and ports in the news", 20, width, color=PALE)],
        name="tagline",
    )
    start, end = facts.span
    dates = f"Articles dated {start} to {end}" if start else "No dated articles"
    if facts.undated:
        dates += f"; {facts.undated} undated"
    corpus = f"{plural(facts.articles, 'article')} from {_and(facts.sources) or 'no source'}"
    if facts.articles != facts.corpus_articles:
        corpus += f" ({facts.corpus_articles:,} in the corpus)"
    families = facts.pages["family"].value_counts() if len(facts.pages) else pd.Series(dtype=int)
    pages = f"{plural(len(facts.pages), 'page')} read" + (
        ": " + ", ".join(f"{n} {FAMILY_NAMES.get(str(k), str(k))}{'s' * (n != 1)}" for k, n in families.items())
        if len(families)
        else ""
    )
    filters = f"Filters: {facts.filters}" if facts.filters else "Filters: none, every article in the corpus"
    lines = [
        para(corpus, 18, width, max_lines=2, color="#ffffff", space_after=6),
        para(dates, 16, width, color=PALE, space_after=4),
        para(pages, 16, width, max_lines=2, color=PALE, space_after=4),
        para(filters, 16, width, max_lines=2, color="#ffd166" if facts.filters else PALE, space_after=4),
    ]
    if facts.features:
        lines.append(para("In focus: " + ", ".join(facts.features), 16, width, max_lines=2, color=PALE))
    deck.text(slide, 0.8, 3.3, width, 3.0, lines, name="corpus")
    deck.text(
        slide,
        0.8,
        6.6,
        width,
        0.4,
        [para(f"Generated {facts.generated} by Corridor Watch from the pages it has read", 12, width, color=PALE)],
        name="generated",
    )


def chart_headline(name: str, view: View, frames: Frames) -> tuple[str, str]:
    """A slide title and a one-line takeaway for each chart, from the view's numbers."""
    names = {f.id: short_name(f.name) for f in view.features}
    totals = view.totals
    if name == "map":
        if totals.empty:
            return "Where the corridors are", "No route or port is mentioned in these articles."
        top = str(totals.index[0])
        return "Where the corridors are", (
            f"{len(totals)} of the {len(view.features)} routes and ports are in the news; most discussed: "
            f"{names.get(top, top)}, in {plural(int(totals.iloc[0]['articles']), 'article')} "
            f"of {len(view.article_ids)}. Line width grows with articles."
        )
    if name == "mentions-by-feature":
        if totals.empty:
            return "Mentions by route and port", "No route or port is mentioned in these articles."
        leaders = [f"{names.get(str(i), str(i))} ({int(r.articles)})" for i, r in totals.head(3).iterrows()]
        return "Mentions by route and port", "Most discussed (distinct articles): " + ", ".join(leaders)
    if name == "mentions-over-time":
        by_month = view.by_month[view.by_month["month"] != "undated"]
        if by_month.empty:
            return "Mentions over time", "No dated article mentions a route or port."
        months = frames.articles.loc[view.mentions["article"].unique(), "month"]
        counts = months[months != "undated"].value_counts()
        heights = by_month.groupby("month", observed=True)["articles"].sum()
        ranked = sorted(counts.index, key=lambda m: (-counts[m], -heights.get(m, 0), m))
        busiest = str(ranked[0])
        return "Mentions over time", (
            f"Busiest month: {busiest}, with {plural(int(counts[busiest]), 'article')} "
            "naming routes or ports; each bar stacks the routes and ports its articles name"
        )
    if name == "co-mentions":
        if view.pairs.empty:
            return "Discussed together", "No article mentions two routes or ports together."
        top = view.pairs.iloc[0]
        return "Discussed together", (
            f"Most often together: {names.get(top['a'], top['a'])} and {names.get(top['b'], top['b'])} "
            f"({plural(int(top['articles']), 'article')})"
        )
    from .analysis import latest_rates

    latest = latest_rates(frames.rates)
    if latest.empty:
        return "Currency snapshot", "No currency ticker in the pages."
    newest = latest["as_of"].dropna().max() if latest["as_of"].notna().any() else "an undated page"
    return "Currency snapshot", (
        f"Newest ticker rates (as of {newest}), local currency per US dollar; Times of Central Asia ticker"
    )


def _content_box() -> tuple[float, float, float, float]:
    return MARGIN, CONTENT_TOP, DECK_WIDTH_IN - 2 * MARGIN, CONTENT_BOTTOM - CONTENT_TOP


def chart_slide(deck: DeckBuilder, heading: str, takeaway: str, image: Path, alt: str, number: int) -> None:
    slide = deck.content_slide(heading, takeaway, number)
    _, top, width, height = _content_box()
    picture_height = min(height, width * 9 / 16)
    picture_width = picture_height * 16 / 9
    left = (DECK_WIDTH_IN - picture_width) / 2
    shape = deck.picture(slide, image, left, top, picture_width, picture_height, name=f"chart: {clean(alt)}")
    _describe(shape, alt)


def _describe(picture, text: str) -> None:
    """Alt text for a picture (read by screen readers and shown by PowerPoint's accessibility check)."""
    picture._element.nvPicPr.cNvPr.set("descr", clean(text))


def currency_slide(deck: DeckBuilder, heading: str, takeaway: str, image: Path, frames: Frames, number: int) -> None:
    """The newest rate of each pair as a native table (left), the history chart beside it."""
    from .analysis import latest_rates

    slide = deck.content_slide(heading, takeaway, number)
    latest = latest_rates(frames.rates)
    headers = ("Pair", "Per USD", "Change", "As of", "Source page")
    sizes = (11.0, 11.0, 11.0, 11.0, 9.0)
    rows = [_rate_cells(rate) for rate in latest.itertuples()]
    padding = 2 * TABLE_PAD_X + 0.06
    widths = []
    for column, header in enumerate(headers):
        texts = [text_width(header, 11, True)] + [text_width(r[column][0], sizes[column], r[column][2]) for r in rows]
        widths.append(max(texts) + padding)
    most = DECK_WIDTH_IN - 2 * MARGIN - 0.35 - 6.2  # leave the chart at least 6.2 in
    if sum(widths) > most:
        widths = [w * most / sum(widths) for w in widths]
    table_width = sum(widths)
    room = CONTENT_BOTTOM - CONTENT_TOP
    picture_width = DECK_WIDTH_IN - 2 * MARGIN - table_width - 0.35
    picture_height = min(picture_width * 9 / 16, room)
    picture_width = picture_height * 16 / 9
    shape = deck.picture(
        slide,
        image,
        DECK_WIDTH_IN - MARGIN - picture_width,
        CONTENT_TOP + (room - picture_height) / 2,
        picture_width,
        picture_height,
        name="chart: currencies",
    )
    _describe(shape, "Local currency per US dollar, every ticker snapshot")
    if not rows:
        message = [para("No currency ticker in the pages.", 14, table_width, color=MUTED)]
        deck.text(slide, MARGIN, CONTENT_TOP, table_width, boxes_height(message, table_width), message, name="no rates")
        return
    note = [
        para(
            "Per USD: units of local currency per US dollar (1 / the ticker's USD rate), with no more precision "
            "than the ticker gives. Change: the ticker's own change of the pair's rate, ▲ up, ▼ down. "
            "Source page: the listing page the newest snapshot was read from.",
            10.5,
            table_width,
            max_lines=6,
            color=MUTED,
        )
    ]
    note_height = boxes_height(note, table_width)
    heights = _rate_row_heights(headers, sizes, rows, widths)
    top = CONTENT_TOP + max(0.0, (room - sum(heights) - 0.2 - note_height) / 2)  # centred beside the chart
    _rates_table(slide, headers, sizes, rows, widths, heights, top)
    deck.text(slide, MARGIN, top + sum(heights) + 0.2, table_width, note_height, note, name="rates note")


TABLE_PAD_X, TABLE_PAD_Y = 0.07, 0.04


def _rate_cells(rate) -> list[tuple[str, str, bool]]:
    """(text, colour, bold) per column for one pair's newest snapshot."""
    local = clean(str(rate.pair).split("/")[0])
    change = rate.change_pct
    if change is None or pd.isna(change):
        arrow, colour = "n/a", MUTED
    elif change > 0:
        arrow, colour = f"▲ {change:g}%", UP
    elif change < 0:
        arrow, colour = f"▼ {abs(change):g}%", DOWN
    else:
        arrow, colour = "— 0%", MUTED
    per_usd = f"{rate.inverse_rate:,.6g} {local}" if not pd.isna(rate.inverse_rate) else "n/a"
    return [
        (clean(rate.pair), INK, True),
        (per_usd, INK, False),
        (arrow, colour, False),
        (unbroken(clean(rate.as_of)) or "undated", INK, False),
        (clean(rate.file), MUTED, False),
    ]


def _rate_cells_fitted(headers, sizes, rows, widths) -> list[list[tuple[str, str, bool, float]]]:
    """Every cell's (text, colour, bold, size), the text fitted to two lines of its column."""
    header_size = 11.0
    cells = [[(h, "#ffffff", True) for h in headers], *rows]
    fitted = []
    for number, row in enumerate(cells):
        line = []
        for column, (text, colour, bold) in enumerate(row):
            size = header_size if number == 0 else sizes[column]
            line.append((fit_text(text, size, widths[column] - 2 * TABLE_PAD_X, 2, bold), colour, bold, size))
        fitted.append(line)
    return fitted


def _rate_row_heights(headers, sizes, rows, widths) -> list[float]:
    heights = []
    for row in _rate_cells_fitted(headers, sizes, rows, widths):
        lines = max(
            len(wrap_lines(text, size, widths[column] - 2 * TABLE_PAD_X, bold))
            for column, (text, _, bold, size) in enumerate(row)
        )
        tallest = max(size for *_, size in row)
        heights.append(max(0.38, lines * tallest * LINE_HEIGHT / 72 + 2 * TABLE_PAD_Y + 0.08))
    return heights


def _rates_table(slide, headers, sizes, rows, widths, heights, top: float):
    """The newest rates as a native table: navy header, banded rows."""
    from pptx.dml.color import RGBColor
    from pptx.enum.text import MSO_ANCHOR
    from pptx.util import Inches, Pt

    fitted = _rate_cells_fitted(headers, sizes, rows, widths)
    frame = slide.shapes.add_table(
        len(fitted), len(headers), Inches(MARGIN), Inches(top), Inches(sum(widths)), Inches(sum(heights))
    )
    frame.name = "latest rates"
    table = frame.table
    table.first_row = True
    table.horz_banding = False
    for column, width in enumerate(widths):
        table.columns[column].width = Inches(width)
    for number, (row, height) in enumerate(zip(fitted, heights, strict=True)):
        table.rows[number].height = Inches(height)
        background = NAVY if number == 0 else "#ffffff" if number % 2 else PANEL
        for column, (text, colour, bold, size) in enumerate(row):
            cell = table.cell(number, column)
            cell.margin_left = cell.margin_right = Inches(TABLE_PAD_X)
            cell.margin_top = cell.margin_bottom = Inches(TABLE_PAD_Y)
            cell.vertical_anchor = MSO_ANCHOR.MIDDLE
            cell.fill.solid()
            cell.fill.fore_color.rgb = RGBColor.from_string(background[1:])
            cell.text_frame.word_wrap = True
            paragraph = cell.text_frame.paragraphs[0]
            paragraph.line_spacing = 1.0
            paragraph.space_before = paragraph.space_after = Pt(0)
            run = paragraph.add_run()
            run.text = text
            run.font.name = FONT_NAME
            run.font.size = Pt(size)
            run.font.bold = bold
            run.font.color.rgb = RGBColor.from_string(colour[1:])
    return frame


def pick_excerpts(rows: list[dict], count: int = EXCERPTS_PER_FEATURE) -> list[dict]:
    """Newest first, one sentence per article where possible, never the same sentence twice."""
    unique, seen = [], set()
    for row in rows:
        key = (row["article"], clean(row["excerpt"]))
        if key not in seen:
            seen.add(key)
            unique.append(row)
    chosen, articles = [], set()
    for position, row in enumerate(unique):
        if row["article"] not in articles and len(chosen) < count:
            chosen.append(position)
            articles.add(row["article"])
    for position in range(len(unique)):
        if len(chosen) >= count:
            break
        if position not in chosen:
            chosen.append(position)
    return [unique[p] for p in sorted(chosen)]


def excerpt_segments(row: dict, budget: int = EXCERPT_MAX_CHARS) -> list[tuple[str, bool]]:
    """An excerpt as (text, highlighted) pieces, whitespace collapsed and cut to at most `budget`
    characters around its first highlighted alias, with "…" where it was cut."""
    text = row.get("excerpt") or ""
    marked = [False] * len(text)
    spans = list(row.get("highlights") or [])
    if not spans and row.get("alias_start") is not None:
        spans = [(row["alias_start"], row["alias_end"])]
    for start, end in spans:
        if isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text):
            marked[start:end] = [True] * (end - start)
    chars: list[str] = []
    mask: list[bool] = []
    for char, flag in zip(text, marked, strict=True):
        if _INVISIBLE.match(char):
            continue
        if char.isspace():
            if not chars or chars[-1] == " ":
                continue
            char = " "
        chars.append(char)
        mask.append(flag)
    while chars and chars[-1] == " ":
        chars.pop()
        mask.pop()
    if len(chars) > budget:
        length = len(chars)
        anchor = mask.index(True) if True in mask else 0
        low = max(0, min(anchor - budget // 3, length - budget))
        high = low + budget - 2
        if low > 0:
            space = "".join(chars[low:anchor]).find(" ")
            low = low + space + 1 if space >= 0 else low
        if high < length:
            space = "".join(chars[max(low, anchor) : high]).rfind(" ")
            high = max(low, anchor) + space if space > 0 else high
        chars, mask = chars[low:high], mask[low:high]
        if low > 0:
            chars, mask = ["…", *chars], [False, *mask]
        if high < length:
            while chars and chars[-1] in " ,;:.–—-(/":
                chars.pop()
                mask.pop()
            chars, mask = [*chars, "…"], [*mask, False]
    segments: list[tuple[str, bool]] = []
    for char, flag in zip(chars, mask, strict=True):
        if segments and segments[-1][1] == flag:
            segments[-1] = (segments[-1][0] + char, flag)
        else:
            segments.append((char, flag))
    return segments


def feature_slide(
    deck: DeckBuilder,
    feature: Feature,
    view: View,
    frames: Frames,
    index: Index,
    countries: dict[str, str],
    number: int,
) -> None:
    from .analysis import excerpts

    articles, mentions = view.stats().get(feature.id, (0, 0))
    subline = (
        f"In the news: {plural(articles, 'article')} and {plural(mentions, 'mention')} "
        f"in this briefing's {plural(len(view.article_ids), 'article')}"
    )
    slide = deck.content_slide(feature.name, subline, number)
    _feature_card(deck, slide, feature, countries)
    rows, total = excerpts(index, frames, feature.id, view.article_ids, limit=60)
    _excerpt_column(deck, slide, pick_excerpts(rows), total)


def _feature_card(deck: DeckBuilder, slide, feature: Feature, countries: dict[str, str]) -> None:
    left, top, width = MARGIN, CONTENT_TOP, 4.35
    height = CONTENT_BOTTOM - CONTENT_TOP
    inner = width - 0.3
    p = feature.properties
    length = p.get("length_km")
    opened = p.get("opened")
    fields = [
        ("Capacity", p.get("capacity") or "—"),
        ("Length", f"{length:,} km" if isinstance(length, (int, float)) and not isinstance(length, bool) else "—"),
        ("Operator", p.get("operator") or "—"),
        ("Countries", ", ".join(countries.get(code, code) for code in feature.countries) or "—"),
        ("Opened", str(opened) if opened else "—"),
    ]
    kind = f"{clean(feature.kind).capitalize()} · {clean(feature.status)}"
    paragraphs = [para(kind, 15, inner, max_lines=2, bold=True, color=NAVY, space_after=2)]
    for label, value in fields:
        paragraphs.append(para(label.upper(), 9, inner, bold=True, color=MUTED, space_before=5))
        paragraphs.append(para(str(value), 12, inner, max_lines=2))
    available = height - 0.3
    used = boxes_height(paragraphs, inner)
    sources = [clean(s.get("title", "")) for s in p.get("sources") or [] if isinstance(s, dict)]
    source_para = para("Attribute sources: " + "; ".join(sources), 9, inner, max_lines=2, color=MUTED, space_before=6)
    tail = source_para.height(inner - 2 * PAD_X) if sources else 0.0
    label = para("ABOUT", 9, inner, bold=True, color=MUTED, space_before=5)
    room = available - used - tail - label.height(inner - 2 * PAD_X)
    about_lines = int(room / line_height(11.5))
    if p.get("description") and about_lines >= 2:
        paragraphs += [label, para(p["description"], 11.5, inner, max_lines=about_lines)]
    if sources:
        paragraphs.append(source_para)
    used = boxes_height(paragraphs, inner)
    deck.rect(slide, left, top, width, used + 0.3, PANEL, line=RULE, name="card panel")  # as tall as its text
    deck.text(slide, left + 0.15, top + 0.15, inner, used, paragraphs, name="feature card")


def _excerpt_column(deck: DeckBuilder, slide, rows: list[dict], total: int) -> None:
    left = MARGIN + 4.35 + 0.35
    width = DECK_WIDTH_IN - MARGIN - left
    header = [
        para("What the articles say", 16, width, bold=True, color=NAVY),
        para(
            f"{len(rows)} of the {plural(total, 'sentence')} naming it, newest first, one per article where possible"
            if rows
            else "No article in this briefing mentions it.",
            10.5,
            width,
            color=MUTED,
        ),
    ]
    header_height = boxes_height(header, width)
    deck.text(slide, left, CONTENT_TOP, width, header_height, header, name="excerpts header")
    if not rows:
        return
    gap = 0.16
    top = CONTENT_TOP + header_height + 0.12
    room = CONTENT_BOTTOM - top
    block_max = (room - gap * (len(rows) - 1)) / len(rows)
    text_left, text_width = left + 0.16, width - 0.16
    inner = text_width - 2 * PAD_X
    for row in rows:
        citation = _citation(row, text_width)
        quote_room = block_max - 2 * PAD_Y - citation.height(inner)
        quote = _quote(row, text_width, max(1, int(quote_room / line_height(12.5))))
        height = boxes_height([quote, citation], text_width)
        deck.rect(slide, left, top + 0.03, 0.05, height - 0.06, BLUE, name="excerpt rule")
        deck.text(slide, text_left, top, text_width, height, [quote, citation], name="excerpt")
        top += height + gap


def _quote(row: dict, width: float, max_lines: int) -> Para:
    """The sentence in quotes, its aliases bold blue, cut (around the first alias) to fit the lines."""
    budget = EXCERPT_MAX_CHARS
    while True:
        segments = excerpt_segments(row, budget) or [("", False)]
        runs = [Run(piece, bold=True, color=BLUE) if flag else Run(piece) for piece, flag in segments]
        runs = [Run("“"), *runs, Run("”")]
        quote = Para(runs, 12.5, space_after=3)
        if quote.lines(width - 2 * PAD_X) <= max_lines or budget <= 40:
            break
        budget -= 15
    if quote.lines(width - 2 * PAD_X) > max_lines:  # a pathological sentence: cut it plainly
        quote = Para([Run(fit_text(quote.text, 12.5, width - 2 * PAD_X, max_lines, bold=True))], 12.5, space_after=3)
    return quote


def _citation(row: dict, width: float) -> Para:
    """Title (bold), then source and date: always fully shown, the title cut to fit two lines."""
    inner = width - 2 * PAD_X
    tail = f" — {clean(row['source'])}, {unbroken(clean(row.get('date'))) or 'undated'}"
    title = clean(row["title"]) or "untitled"
    budget = len(title)
    while True:
        shown = title if budget >= len(title) else _ellipsis(title[:budget])
        citation = Para([Run(shown, bold=True), Run(tail, color=MUTED)], 10.5)
        if citation.lines(inner) <= 2 or budget <= 10:
            return citation
        budget -= 8


def closing_slide(deck: DeckBuilder, facts: DeckFacts, frames: Frames, gazetteer: Gazetteer, number: int) -> None:
    slide = deck.content_slide(
        "Sources & method", "Where every number in this briefing comes from, and how it was counted", number
    )
    left_width, gap = 6.0, 0.4
    right_left = MARGIN + left_width + gap
    right_width = DECK_WIDTH_IN - MARGIN - right_left
    height = CONTENT_BOTTOM - CONTENT_TOP
    heading = para("Pages read", 16, left_width, bold=True, color=NAVY, space_after=4)
    pages = []
    article_counts = frames.articles.groupby("first_file").size() if len(frames.articles) else pd.Series(dtype=int)
    for page in facts.pages.itertuples():
        family = FAMILY_NAMES.get(str(page.family), clean(page.family))
        dated = clean(page.page_date) or "undated"
        count = int(page.articles) if not pd.isna(page.articles) else int(article_counts.get(page.file, 0))
        pages.append(
            Para(
                [
                    Run(clean(page.file), bold=True),
                    Run(f" — {family}, {dated}, {plural(count, 'article')}", color=MUTED),
                ],
                11,
                space_after=3,
            )
        )
    shown: list[Para] = [heading]
    for number_, line in enumerate(pages):
        remaining = len(pages) - number_ - 1
        more = para(f"… and {remaining} more pages", 11, left_width, color=MUTED)
        trial = [*shown, line] + ([more] if remaining else [])
        if boxes_height(trial, left_width) > height:
            shown.append(para(f"… and {len(pages) - number_} more pages", 11, left_width, color=MUTED))
            break
        shown.append(line)
    if not pages:
        shown.append(para("No pages.", 11, left_width, color=MUTED))
    deck.text(slide, MARGIN, CONTENT_TOP, left_width, height, shown, name="pages read")

    features = gazetteer.features
    reviewed = sorted({str(f.get("last_reviewed")) for f in features if f.get("last_reviewed")})
    cited = sum(len(f.get("sources") or []) for f in features)
    files = sorted({f.file for f in features if f.file})
    problems = len(frames.problems)
    notes = [
        (
            "Articles",
            f"{plural(facts.articles, 'article')} from {_and(facts.sources) or 'no source'}"
            + (f", filtered ({facts.filters})" if facts.filters else "")
            + ". Counts are distinct articles that mention a route or port by one of its names; "
            "ambiguous names count only where their sentence is about the route or port.",
        ),
        (
            "Routes and ports",
            f"{plural(len(gazetteer.routes), 'route')} and {plural(len(gazetteer.ports), 'port')} from "
            f"{_and(files) or 'the geodata'}; attributes cite {plural(cited, 'source')}"
            + (f", last reviewed {reviewed[-1]}" if reviewed else "")
            + ".",
        ),
        (
            "Base map",
            "Natural Earth 1:10m admin-0 countries (public domain), drawn from local files: "
            "no tiles, fonts or scripts are fetched.",
        ),
        ("Currencies", "Times of Central Asia currency ticker, as of each listing page's date."),
        (
            "Reading problems",
            f"{plural(problems, 'problem')} reported while reading the pages"
            + ("; run `python -m dashboard ingest` to list them." if problems else "."),
        ),
    ]
    paragraphs = [para("Geodata and method", 16, right_width, bold=True, color=NAVY, space_after=4)]
    for label, text in notes:
        paragraphs.append(para(label.upper(), 9, right_width, bold=True, color=MUTED, space_before=6))
        paragraphs.append(para(text, 11.5, right_width, max_lines=4))
    paragraphs.append(
        para(
            f"Generated {facts.generated} with `python -m dashboard export`.",
            10,
            right_width,
            color=MUTED,
            space_before=10,
        )
    )
    deck.text(slide, right_left, CONTENT_TOP, right_width, height, paragraphs, name="method")
