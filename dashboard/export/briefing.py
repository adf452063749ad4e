"""`python -m dashboard export`: the charts as PNG + SVG, their data, and the briefing deck.

The figures come from the same builders as the app (`charts.build_charts`), so what is exported is
what is on screen for the same filters. Everything the deck shows is gathered first (the only index
queries and the date are here); the slides are then laid out from that alone.

Two lists say what a briefing is, so a new slide or a new file is one entry: `DECK_PLAN` (the slide
builders, in order) and `FILE_WRITERS` (what is written after the images).
"""

from __future__ import annotations

import contextlib
import io
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from ..analysis import Filters, compute_view, disagreements, figure_frame, latest_figures, linked_articles
from ..browser import IMAGE_TIMEOUT_S, BrowserSession, require_chromium
from ..digest import RECORD_LINKS, feature_kinds, feature_record, record_status
from ..errors import DashboardError
from .content import BriefingContent, FeatureContent
from .currency_slide import currency_layout, currency_slide
from .deck import DeckBuilder
from .digest_slide import digest_slide
from .feature_slides import feature_slides, pick_excerpts
from .files import CHART_ORDER, write_chart_data
from .gis import write_gis_files
from .images import write_images
from .numbers_slide import STRIP_BOX, strip_figures
from .sizing import CHART_BOX, LAYOUT_HEIGHT, LAYOUT_WIDTH
from .slides import chart_slide, closing_slide, title_slide

if TYPE_CHECKING:
    from ..analysis import Frames, View
    from ..charts import Chart
    from ..digest import Digest
    from ..events import Vocabulary
    from ..gazetteer import Feature, Gazetteer
    from ..store import Index

DECK_NAME = "briefing.pptx"
DEFAULT_FEATURE_SLIDES = 4  # the most discussed routes get a slide each, unless --feature says otherwise
EXCERPTS_READ = 60  # sentences read per feature slide, to pick the shown ones from

SlideBuilder = Callable[[DeckBuilder, BriefingContent], None]
# The deck, in order: each builder adds its slide(s); numbering is done once the deck is complete.
DECK_PLAN: tuple[SlideBuilder, ...] = (
    title_slide,
    digest_slide,
    chart_slide("map"),
    chart_slide("mentions-by-feature"),
    chart_slide("mentions-over-time"),
    chart_slide("co-mentions"),
    currency_slide,
    feature_slides,
    closing_slide,
)


def write_deck(content: BriefingContent) -> list[Path]:
    """briefing.pptx, built from `DECK_PLAN`."""
    deck = DeckBuilder(footer=content.view.source_line())
    for build in DECK_PLAN:
        build(deck, content)
    return [deck.save(content.out_dir / DECK_NAME)]


# What is written after the chart images, in order; each returns the paths it wrote.
FILE_WRITERS: tuple[Callable[[BriefingContent], list[Path]], ...] = (
    write_chart_data,
    write_gis_files,
    write_deck,
)


def export_briefing(
    frames: Frames,
    gazetteer: Gazetteer,
    index: Index,
    out_dir: Path,
    feature_ids: list[str] | None = None,
    filters: Filters = Filters(),  # noqa: B008 (frozen, so a shared default is safe)
    timings: dict[str, float] | None = None,
    generated: date | None = None,
    vocabulary: Vocabulary | None = None,
    since: date | None = None,
    say: Callable[[str], None] = lambda _line: None,
    browser: BrowserSession | None = None,
) -> list[Path]:
    """Every chart as PNG + SVG made for its slide box (1920 px wide on a chart slide) with its data, and `briefing.pptx`; returns what was written.

    `feature_ids` picks the feature slides (default: the most discussed routes of the view); unknown ids
    and a missing Chromium are `DashboardError`s raised before anything is written. `generated`: the
    date the deck says it was made (default today). `timings`, when given, receives the seconds spent
    per stage (for the benchmark). With a `vocabulary`, the deck opens with what changed since `since`
    (default: the 30 days to the newest page), and the map marks the features with a disruption then.
    `say` is told each stage as it starts (the command line prints them: an export takes a while).
    `browser`: one the caller started earlier, so that it boots while the caller reads the index.
    """
    clock = _Clock(timings)
    chosen = _check_feature_ids(gazetteer, feature_ids)
    require_chromium()
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DashboardError(f"{out_dir}: cannot write there ({exc.strerror or exc})") from exc
    # The browser starts while the figures are built; its exit noise stays off the user's screen.
    say("starting Chromium; building the charts and the feature slides' content")
    with contextlib.ExitStack() as session:
        if browser is None:
            session.enter_context(contextlib.redirect_stderr(io.StringIO()))
            browser = session.enter_context(BrowserSession())
        view = compute_view(frames, gazetteer, filters)
        digest = changes(index, frames, gazetteer, view, vocabulary, since) if vocabulary else None
        charts = export_charts(view, gazetteer, frames, digest.flagged("disruption") if digest else frozenset())
        kinds = feature_kinds(gazetteer)
        features = [
            feature_content(index, frames, view, feature, vocabulary, kinds)
            for feature in (chosen if chosen is not None else default_features(view))
        ]
        clock.lap("view and charts")
        figures = {name: charts[name].figure for name in CHART_ORDER}
        strips = strip_figures(features)
        boxes = chart_boxes(frames) | dict.fromkeys(strips, STRIP_BOX)
        say(f"drawing {len(figures) + len(strips)} charts as PNG and SVG in Chromium (at most {IMAGE_TIMEOUT_S} s)")
        written = write_images(figures | strips, out_dir, session=browser, boxes=boxes, slide=True)
    clock.lap("images")
    content = BriefingContent(
        frames=frames,
        gazetteer=gazetteer,
        view=view,
        charts=charts,
        features=features,
        generated=generated or date.today(),
        out_dir=out_dir,
        digest=digest,
    )
    try:
        for writer in FILE_WRITERS:
            stage = writer.__name__.removeprefix("write_").replace("_", " ")
            say(f"writing the {stage}")
            written += writer(content)
            clock.lap(stage)
    except OSError as exc:
        raise DashboardError(f"{exc.filename or out_dir}: cannot write it ({exc.strerror or exc})") from exc
    return written


def chart_boxes(frames: Frames) -> dict[str, tuple[float, float]]:
    """Width and height (inches) of the box each chart fills on its slide: the images are made for them."""
    from ..analysis import latest_rates

    _, _, width, height = currency_layout(latest_rates(frames.rates)).chart_box
    return {name: CHART_BOX for name in CHART_ORDER} | {"currencies": (width, height)}


def changes(
    index: Index, frames: Frames, gazetteer: Gazetteer, view: View, vocabulary: Vocabulary, since: date | None
) -> Digest | None:
    """The digest the deck opens with, for the briefing's filters; None (no slide) when no page or
    article is dated: there is no window to compare."""
    from ..digest import build_digest, make_window

    newest = index.newest_date()
    if newest is None:
        return None
    window = make_window(since, None, newest)
    ids = [f.id for f in view.features]
    return build_digest(index, frames, gazetteer, vocabulary, window, article_ids=view.article_ids, feature_ids=ids)


def feature_content(
    index: Index,
    frames: Frames,
    view: View,
    feature: Feature,
    vocabulary: Vocabulary | None = None,
    kinds: dict[str, str] | None = None,
) -> FeatureContent:
    """A feature's counts in the view, the sentences its slide quotes (read from the index), and for
    its "By the numbers" slide its figures and (with the vocabulary) its status in the news."""
    from ..excerpts import excerpts

    articles, mentions = view.stats().get(feature.id, (0, 0))
    rows, total = excerpts(index, frames, feature.id, view.article_ids, limit=EXCERPTS_READ)
    figures = figure_frame(index.figure_rows(feature.id, linked_articles(frames, feature.id, view.article_ids)))
    status, signals = "", []
    if vocabulary:
        found = feature_record(
            index, vocabulary, kinds or {}, [feature.id], article_ids=view.article_ids, newest=RECORD_LINKS
        )
        record = found.get(feature.id, [])
        signals, news = record_status(record, feature.id)
        status = news.line()
    return FeatureContent(
        feature,
        articles,
        mentions,
        pick_excerpts(rows),
        total,
        latest=latest_figures(figures),
        disagreements=disagreements(figures),
        figures=len(figures),
        status=status,
        signals=signals,
    )


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


def export_charts(
    view: View, gazetteer: Gazetteer, frames: Frames, marked: frozenset[str] = frozenset()
) -> dict[str, Chart]:
    """The app's charts for the view, with the map framed to fill a 16:9 image (and its disruption marks)."""
    from ..analysis import rate_history
    from ..charts import build_charts, map_aspect

    return build_charts(
        view,
        gazetteer,
        rate_history(frames.rates),
        selected=None,
        aspect=map_aspect(LAYOUT_WIDTH, LAYOUT_HEIGHT, titled=False),
        marked=marked,
    )
