"""`python -m dashboard export`: every chart as PNG + SVG with its data, and a briefing deck that opens
with python-pptx, carries the exported pictures, cites every excerpt and keeps its text in its boxes.

These render through kaleido and Debian's Chromium (marked `export`); one export of the shipped seeds
is shared by the module, the other exports each cover one more case."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import shutil
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pyogrio
import pytest
from conftest import GEODATA, PAGES, SEEDS, run_cli
from PIL import Image
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.util import Inches

from dashboard import export
from dashboard.analysis import Filters, compute_view, load_frames, rate_history
from dashboard.charts import build_charts
from dashboard.export import deck as deck_blocks
from dashboard.export import feature_slides as feature_blocks
from dashboard.export import sizing, textfit
from dashboard.export.briefing import chart_boxes, export_charts
from dashboard.export.currency_slide import RATE_HEADERS
from dashboard.features import short_name
from dashboard.gazetteer import load_gazetteer
from dashboard.store import open_index

pytestmark = pytest.mark.export

CHARTS = export.CHART_ORDER
DATA_FILES = {
    "map": "map.geojson",
    "mentions-by-feature": "mentions-by-feature.csv",
    "mentions-over-time": "mentions-over-time.csv",
    "co-mentions": "co-mentions.csv",
    "currencies": "currencies.csv",
}


# --- one export of the shipped seeds, shared ---------------------------------------------------


@pytest.fixture(scope="module")
def briefing(tmp_path_factory) -> dict:
    root = tmp_path_factory.mktemp("export")
    data, out = root / "data", root / "briefing"
    result = run_cli("export", "--out", str(out), "--geodata", str(GEODATA), data_dir=data)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    gazetteer = load_gazetteer(GEODATA)
    with open_index(SEEDS, data) as index:
        frames = load_frames(index)
        articles = index.articles()
    view = compute_view(frames, gazetteer, Filters())
    charts = build_charts(view, gazetteer, rate_history(frames.rates))
    return {
        "out": out,
        "data": data,
        "stdout": result.stdout,
        "frames": frames,
        "articles": articles,
        "gazetteer": gazetteer,
        "view": view,
        "titles": {name: chart.title for name, chart in charts.items()},
        "deck": Presentation(str(out / "briefing.pptx")),
    }


def slide_text(slide) -> str:
    parts = []
    for shape in slide.shapes:
        if shape.has_text_frame:
            parts.append(shape.text_frame.text)
        elif getattr(shape, "has_table", False) and shape.has_table:
            parts += [cell.text for row in shape.table.rows for cell in row.cells]
    return "\n".join(parts).replace(textfit.NON_BREAKING_HYPHEN, "-")


def named(slide, name: str) -> list:
    return [shape for shape in slide.shapes if shape.name == name]


def title_of(slide) -> str:
    return named(slide, "title")[0].text_frame.text


def chart_slides(briefing: dict) -> list:
    """The slides that show the exported charts, in CHART_ORDER."""
    return [s for s in briefing["deck"].slides if any(p.name.startswith("chart: ") for p in pictures(s))]


def pictures(slide) -> list:
    return [shape for shape in slide.shapes if shape.shape_type == MSO_SHAPE_TYPE.PICTURE]


def is_numbers_slide(slide) -> bool:
    return title_of(slide).startswith("By the numbers: ")


def expected_features(briefing: dict) -> list[str]:
    """The default feature slides: the most discussed routes, by distinct articles then mentions."""
    stats = briefing["view"].stats()
    routes = [f for f in briefing["gazetteer"].routes if stats.get(f.id, (0, 0))[0] > 0]
    routes.sort(key=lambda f: (-stats[f.id][0], -stats[f.id][1], f.name))
    return [f.name for f in routes[: export.DEFAULT_FEATURE_SLIDES]]


# --- files ---------------------------------------------------------------------------------------


def test_every_chart_is_written_as_png_and_svg_for_its_slide_box(briefing):
    out, boxes = briefing["out"], chart_boxes(briefing["frames"])
    for name in CHARTS:
        width_in, height_in = boxes[name]
        with Image.open(out / f"{name}.png") as image:
            assert image.format == "PNG"
            assert abs(image.size[0] / image.size[1] - width_in / height_in) < 0.01, name
            assert len(image.getcolors(1 << 24) or []) > 50, f"{name}.png looks blank"
        assert boxes[name] == sizing.CHART_BOX or name == "currencies"
        root = ET.parse(out / f"{name}.svg").getroot()
        assert root.tag.endswith("svg")
        assert abs(float(root.get("width")) / float(root.get("height")) - width_in / height_in) < 0.01
        assert " ".join(t.strip() for t in root.itertext()).strip(), f"{name}.svg has no text"
    with Image.open(out / "map.png") as image:
        assert image.size[0] == sizing.PIXELS_WIDE


def test_every_chart_image_prints_its_smallest_text_at_14_pt_or_more(briefing):
    """The kaleido layout's font sizes, scaled by how wide the picture is on its slide."""
    frames, gazetteer, view = briefing["frames"], briefing["gazetteer"], briefing["view"]
    charts, boxes = export_charts(view, gazetteer, frames), chart_boxes(frames)
    for slide, name in zip(chart_slides(briefing), CHARTS, strict=True):
        picture = pictures(slide)[0]
        spec = sizing.sized_for_box(charts[name].figure, *boxes[name], slide=True)
        points_per_px = picture.width / Inches(1) * 72 / spec["layout"]["width"]
        assert abs(picture.height / Inches(1) * 72 / spec["layout"]["height"] - points_per_px) < 0.01, name
        smallest = sizing.smallest_font(spec) * points_per_px
        assert smallest >= 14 - 1e-6, f"{name}: smallest text {smallest:.1f} pt"
        unsized = sizing.smallest_font(charts[name].figure.to_dict()) * points_per_px
        assert unsized < 14, "the app's figure alone would not need scaling: the check proves nothing"


def test_slide_text_agrees_with_what_is_drawn(briefing):
    view = briefing["view"]
    charts = chart_slides(briefing)
    for slide in list(briefing["deck"].slides)[1:]:
        footer = named(slide, "footer")[0].text_frame.text
        assert ("Base map: Natural Earth" in footer) == (slide == charts[0]), f"{title_of(slide)}: {footer}"
    subtitle = named(charts[2], "subtitle")[0].text_frame.text
    busiest = subtitle.split("Busiest month: ")[1][:7]
    stacked = int(view.by_month.loc[view.by_month["month"] == busiest, "articles"].sum())
    assert f"naming routes or ports {stacked} times" in subtitle  # the bar's height, as drawn
    assert "Source: Times of Central Asia currency ticker" in slide_text(charts[4])


def test_the_command_lists_what_it_wrote(briefing):
    listed = [Path(line) for line in briefing["stdout"].splitlines() if line.strip()]
    names = {p.name for p in listed}
    expected = {f"{n}.{ext}" for n in CHARTS for ext in ("png", "svg")} | set(DATA_FILES.values())
    expected |= {"briefing.pptx", "corridors.gpkg", "corridors.kml"}
    strips = {n for n in names if n.startswith("record-")}  # the event strips of features with signals
    shown = [
        shape for slide in briefing["deck"].slides for shape in slide.shapes if shape.name == "record: event strip"
    ]
    assert shown and len(strips) == 2 * len(shown)
    by_name = {f.name: f.id for f in briefing["gazetteer"].features}
    ids = {by_name[name] for name in expected_features(briefing)}
    assert {n.rsplit(".", 1)[0].removeprefix("record-") for n in strips} <= ids
    assert names - strips == expected
    assert all(p.exists() for p in listed)


def test_chart_data_files_parse_and_match_the_view(briefing):
    out, view = briefing["out"], briefing["view"]
    collection = json.loads((out / "map.geojson").read_text(encoding="utf-8"))
    assert collection["type"] == "FeatureCollection"
    assert len(collection["features"]) == len(briefing["gazetteer"].features)
    counted = {f["id"]: f["properties"]["articles"] for f in collection["features"]}
    assert counted == {fid: view.stats().get(fid, (0, 0))[0] for fid in counted}
    for layer in ("routes", "ports"):  # the GIS files carry the same counts
        rows = pyogrio.read_dataframe(out / "corridors.gpkg", layer=layer)
        assert dict(zip(rows["id"], rows["articles"], strict=True)) == {fid: counted[fid] for fid in rows["id"]}
    kml = [pyogrio.read_dataframe(out / "corridors.kml", layer=folder) for folder in ("Routes", "Ports")]
    assert sum(map(len, kml)) == len(collection["features"])
    rows = list(csv.DictReader(io.StringIO((out / "mentions-by-feature.csv").read_text(encoding="utf-8"))))
    assert {"feature_id", "source", "articles", "name"} <= set(rows[0])
    assert sum(int(r["articles"]) for r in rows) == int(view.by_source["articles"].sum())
    for name in ("mentions-over-time", "co-mentions", "currencies"):
        table = list(csv.DictReader(io.StringIO((out / DATA_FILES[name]).read_text(encoding="utf-8"))))
        assert table, name
    rates = list(csv.DictReader(io.StringIO((out / "currencies.csv").read_text(encoding="utf-8"))))
    assert {"pair", "per_usd", "per_usd_low", "per_usd_high", "as_of"} <= set(rates[0])
    uzs = [row for row in rates if row["pair"] == "UZS/USD"]
    assert {(row["per_usd"], row["per_usd_low"], row["per_usd_high"]) for row in uzs} == {
        ("12500.0", "11765.0", "13333.0")
    }


# --- the deck ------------------------------------------------------------------------------------


def test_deck_is_16_9_with_the_expected_slides_in_order(briefing):
    deck = briefing["deck"]
    assert abs(deck.slide_width - Inches(13.333)) < Inches(0.01)
    assert abs(deck.slide_height - Inches(7.5)) < Inches(0.01)
    features = expected_features(briefing)
    assert features and features[0].startswith("Middle Corridor")
    slides = list(deck.slides)
    assert len(slides) == 2 + len(CHARTS) + 2 * len(features) + 1
    assert title_of(slides[1]) == "What changed since 2026-01-25"
    headings = [title_of(s) for s in slides[2:]]
    assert headings[: len(CHARTS)] == [
        "Where the corridors are",
        "Mentions by route and port",
        "Mentions over time",
        "Discussed together",
        "Currency snapshot",
    ]
    by_name = {f.name: f for f in briefing["gazetteer"].features}
    short = [short_name(by_name[name]) for name in features]
    assert headings[len(CHARTS) : -1] == [
        title for pair in zip(features, short, strict=True) for title in (pair[0], f"By the numbers: {pair[1]}")
    ]
    assert headings[-1] == "Sources & method"
    for number, slide in enumerate(slides[1:], 2):
        assert named(slide, "slide number")[0].text_frame.text == f"{number} / {len(slides)}"
        assert "Source: " in slide_text(slide)


def test_what_changed_slide_ranks_features_with_badges_and_cited_excerpts(briefing):
    slide = briefing["deck"].slides[1]
    text = slide_text(slide).replace(textfit.NON_BREAKING_HYPHEN, "-")
    assert "against the 30 days before (2025-12-26 to 2026-01-24)" in text
    assert "undated" not in text  # every seed article has a date; no "0 undated" line
    ranking = named(slide, "ranking")[0].text_frame.text
    assert ranking.index("BTC pipeline") < ranking.index("CPC pipeline")  # short names (geodata labels)
    assert "1 article (0 before)   disruption 1   security 1" in ranking
    excerpts = [shape.text_frame.text.replace(textfit.NON_BREAKING_HYPHEN, "-") for shape in named(slide, "excerpt")]
    assert len(excerpts) == 4
    # "The disruption began with … drone strikes" is the trouble's origin retold (geodata/EVENTS.md):
    # the CPC's tags and excerpt come from the sentence reporting the attacks now.
    assert any(
        "over the CPC attacks" in e
        and "Opinion: Why Russia May Stop Oil Supplies via the CPC — Times of Central Asia, 2026-02-23" in e
        for e in excerpts
    )
    for shape in slide.shapes:
        assert textfit.text_overflow(shape) <= 0.005


def test_title_slide_describes_the_corpus(briefing):
    text = slide_text(briefing["deck"].slides[0])
    frames, view = briefing["frames"], briefing["view"]
    assert "Corridor Watch briefing" in text
    assert f"{len(frames.articles)} articles from" in text
    for source in frames.sources:
        assert source in text
    start, end = view.span
    assert f"{start} to {end}" in text
    assert f"{len(frames.pages)} pages read" in text
    assert "Filters: none" in text
    assert "Generated " in text


def test_every_chart_slide_carries_the_exported_picture(briefing):
    out = briefing["out"]
    for slide, name in zip(list(briefing["deck"].slides)[2 : 2 + len(CHARTS)], CHARTS, strict=True):
        shown = pictures(slide)
        assert len(shown) == 1, name
        exported = hashlib.sha256((out / f"{name}.png").read_bytes()).hexdigest()
        assert hashlib.sha256(shown[0].image.blob).hexdigest() == exported, name
        picture = shown[0]
        assert picture.left >= 0 and picture.top >= 0
        assert picture.left + picture.width <= briefing["deck"].slide_width
        assert picture.top + picture.height <= briefing["deck"].slide_height
        smallest = Inches(12)  # the width of the slide's content
        assert picture.width >= smallest, f"{name} picture too small to read"


def test_currency_slide_has_a_native_table_of_the_newest_rates(briefing):
    slide = briefing["deck"].slides[1 + len(CHARTS)]
    tables = [s for s in slide.shapes if getattr(s, "has_table", False) and s.has_table]
    assert len(tables) == 1
    table = tables[0].table
    header = [cell.text for cell in table.rows[0].cells]
    assert header == list(RATE_HEADERS)
    body = [[cell.text.replace(textfit.NON_BREAKING_HYPHEN, "-") for cell in row.cells] for row in list(table.rows)[1:]]
    pairs = sorted(briefing["frames"].rates["pair"].unique())
    assert [row[0] for row in body] == pairs
    kzt = next(row for row in body if row[0] == "KZT/USD")
    assert kzt[1] == "498 KZT" and kzt[4] == "2026-02-23"
    assert kzt[2] == "— 0%" and kzt[3] == "▼ 2.5% since 2025-05-16"
    uzs = next(row for row in body if row[0] == "UZS/USD")
    assert uzs[1].startswith("12,500 (11,765–13,333)")
    tjs = next(row for row in body if row[0] == "TJS/USD")
    assert tjs[2] == "▲ 0.09%"  # the ticker's -0.09% of USD per TJS, as TJS per USD


def test_feature_slides_show_the_card_and_cited_excerpts(briefing):
    deck, articles = briefing["deck"], briefing["articles"]
    feature_slides = [s for s in list(deck.slides)[2 + len(CHARTS) : -1] if not is_numbers_slide(s)]
    cited = 0
    for slide in feature_slides:
        card = named(slide, "feature card")[0].text_frame.text
        for label in ("CAPACITY", "LENGTH", "OPERATOR", "COUNTRIES", "OPENED"):
            assert label in card
        blocks = named(slide, "excerpt")
        assert 1 <= len(blocks) <= feature_blocks.EXCERPTS_PER_FEATURE
        for block in blocks:
            quote, citation = block.text_frame.paragraphs
            assert textfit.carries_quotes(quote.text), "the excerpt is not in quotation marks"
            assert len(quote.text) <= feature_blocks.EXCERPT_MAX_CHARS + 2
            assert any(run.font.bold for run in quote.runs), "the alias is not highlighted"
            title_run, tail = citation.runs[0].text, citation.runs[1].text.replace(textfit.NON_BREAKING_HYPHEN, "-")
            source, _, date = tail.removeprefix(" — ").rpartition(", ")
            title = title_run.removesuffix("…")
            match = [a for a in articles if a.title.startswith(title) and a.source == source]
            assert match, f"citation {title_run!r} {tail!r} names no article"
            assert date in {a.date or "undated" for a in match}
            cited += 1
    assert cited >= len(feature_slides)
    middle = feature_slides[0]
    assert "Times of Central Asia" in slide_text(middle) and "Multimodal" in slide_text(middle)


def test_closing_slide_lists_the_quoted_articles_with_their_addresses(briefing):
    deck, articles = briefing["deck"], briefing["articles"]
    text = slide_text(list(deck.slides)[-1])
    assert "Articles quoted" in text
    slides = list(deck.slides)
    feature_slides = slides[slides.index(chart_slides(briefing)[-1]) + 1 : -1]
    quoted = {
        block.text_frame.paragraphs[1].runs[0].text.removesuffix("…")
        for slide in feature_slides
        for block in named(slide, "excerpt")
    }
    assert quoted
    for title in quoted:
        article = next(a for a in articles if a.title.startswith(title))
        expected = article.url or "no address in the saved page"
        line = next(line for line in text.splitlines() if line.startswith(title[:60]))
        assert expected in line, line


def test_closing_slide_names_every_page_and_the_base_map(briefing):
    text = slide_text(list(briefing["deck"].slides)[-1])
    for page in briefing["frames"].pages["file"]:
        assert page in text
    assert "Natural Earth" in text


def test_no_text_overflows_its_box(briefing):
    deck = briefing["deck"]
    for number, slide in enumerate(deck.slides, 1):
        for shape in slide.shapes:
            overflow = textfit.text_overflow(shape)
            assert overflow <= 0.005, f"slide {number}: {shape.name!r} overflows by {overflow:.2f} in"
            assert shape.left + shape.width <= deck.slide_width + Inches(0.01), f"slide {number}: {shape.name}"
            assert shape.top + shape.height <= deck.slide_height + Inches(0.01), f"slide {number}: {shape.name}"


def test_the_overflow_check_catches_an_overfull_box():
    deck = deck_blocks.DeckBuilder(footer="footer")
    slide = deck.slide()
    long = "word " * 200
    box = deck.text(slide, 1, 1, 3, 0.5, [deck_blocks.Para([deck_blocks.Run(long)], 12)])
    assert textfit.text_overflow(box) > 1.0
    fitted = deck.text(slide, 1, 2, 3, 0.5, [deck_blocks.para(long, 12, 3, max_lines=2)])
    assert textfit.text_overflow(fitted) <= 0
    assert fitted.text_frame.text.endswith("…")


# --- text handling, without a browser ------------------------------------------------------------


def test_excerpts_are_cut_around_the_alias_and_cleaned():
    text = "Lead words " * 40 + "the BTC pipeline\u202e carries\x00 oil " + "tail words " * 40
    start = text.index("BTC")
    segments = feature_blocks.excerpt_segments({"excerpt": text, "highlights": [(start, start + 3)]}, budget=120)
    joined = "".join(piece for piece, _ in segments)
    assert len(joined) <= 120
    assert joined.startswith("…") and joined.endswith("…")
    assert [piece for piece, marked in segments if marked] == ["BTC"]
    assert "\u202e" not in joined and "\x00" not in joined and "  " not in joined


def test_fit_text_cuts_at_a_word_with_an_ellipsis():
    text = "Baku–Tbilisi–Ceyhan pipeline carries Azerbaijani crude to the Mediterranean " * 5
    fitted = textfit.fit_text(text, 12, 4.0, 2)
    assert fitted.endswith("…") and len(textfit.wrap_lines(fitted, 12, 4.0)) <= 2
    assert text.startswith(fitted[:-1])
    assert textfit.fit_text("short", 12, 4.0, 1) == "short"


# --- other exports -------------------------------------------------------------------------------


def test_feature_option_picks_the_slides_and_hostile_text_stays_text(tmp_path):
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    shutil.copy(PAGES / "hostile" / "hostile_tca.txt", seeds / "zz_hostile.txt")
    out = tmp_path / "out"
    result = run_cli(
        "export",
        "--out",
        str(out),
        "--seeds",
        str(seeds),
        "--geodata",
        str(GEODATA),
        "--feature",
        "cpc",
        "--feature",
        "aktau",
        data_dir=tmp_path / "data",
    )
    assert result.returncode == 0, result.stderr
    deck = Presentation(str(out / "briefing.pptx"))
    slides = list(deck.slides)
    assert len(slides) == 2 + len(CHARTS) + 2 * 2 + 1
    cpc, aktau = slides[2 + len(CHARTS)], slides[4 + len(CHARTS)]
    assert title_of(cpc) == "Caspian Pipeline Consortium (CPC) pipeline"
    assert "Oil pipeline" in slide_text(cpc) and "Tengiz" in slide_text(cpc)
    assert named(cpc, "excerpt"), "CPC is mentioned in the seeds: its slide should quote them"
    assert title_of(aktau).startswith("Port of Aktau")
    text = slide_text(aktau)
    assert "<script>alert('title')</script>" in text  # shown as the characters it is, never run
    assert "<img src=x onerror=alert('excerpt')>" in text
    for slide in slides:
        for shape in slide.shapes:
            assert textfit.text_overflow(shape) <= 0.005


def test_unknown_feature_is_a_one_line_error(tmp_path):
    out = tmp_path / "out"
    result = run_cli("export", "--out", str(out), "--feature", "no-such-route", data_dir=tmp_path / "data")
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    error = [line for line in lines if line.startswith("error:")]
    assert len(error) == 1 and "Traceback" not in result.stderr
    assert "'no-such-route'" in error[0] and "valid ids:" in error[0] and "cpc" in error[0]
    assert not out.exists()


def test_missing_chromium_says_how_to_install_it(tmp_path):
    out = tmp_path / "out"
    result = run_cli("export", "--out", str(out), data_dir=tmp_path / "data", env={"BROWSER_PATH": "/nonexistent"})
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    error = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(error) == 1
    assert "Chromium" in error[0] and "apt-get install -y chromium" in error[0]
    assert not out.exists()


def test_a_browser_that_does_not_start_is_a_one_line_error(tmp_path):
    result = run_cli(
        "export", "--out", str(tmp_path / "out"), data_dir=tmp_path / "data", env={"BROWSER_PATH": "/bin/false"}
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and "choreo_get_chrome" not in result.stderr
    error = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(error) == 1 and "image export failed" in error[0] and "apt-get install -y chromium" in error[0]


def test_a_browser_that_never_finishes_is_given_up_on_with_a_message(tmp_path, data_dir, monkeypatch, capsys):
    """Issue 26: an export once sat 12 minutes in kaleido without a word. It says each stage, and a
    browser that takes the images and never answers is an error after IMAGE_TIMEOUT_S."""
    from dashboard import browser, cli

    async def takes_the_job_and_never_answers(self):
        while self._jobs.get() is not None:
            pass

    monkeypatch.setattr(browser.BrowserSession, "_serve", takes_the_job_and_never_answers)
    monkeypatch.setattr(browser, "IMAGE_TIMEOUT_S", 1)
    monkeypatch.delenv("DASHBOARD_DEBUG")
    started = time.monotonic()
    status = cli.main(["export", "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert status == 2 and time.monotonic() - started < 30, err
    stages = [line for line in err.splitlines() if line.startswith("export: ")]
    assert stages and stages[-1].startswith("export: drawing ") and "charts as PNG and SVG in Chromium" in stages[-1]
    [error] = [line for line in err.splitlines() if line.startswith("error:")]
    assert "Chromium did not finish the " in error and " images in 1 s; gave up" in error, error
    assert not (tmp_path / "out" / "briefing.pptx").exists()


def test_a_filtered_export_differs_from_the_unfiltered_one(briefing, tmp_path):
    out = tmp_path / "caci"
    with open_index(SEEDS, briefing["data"]) as index:
        frames = load_frames(index)
        written = export.export_briefing(
            frames, briefing["gazetteer"], index, out, filters=Filters(sources=("CACI Analyst",))
        )
    assert out / "briefing.pptx" in written
    filtered = list(csv.DictReader(io.StringIO((out / "mentions-by-feature.csv").read_text(encoding="utf-8"))))
    unfiltered = (briefing["out"] / "mentions-by-feature.csv").read_text(encoding="utf-8")
    assert (out / "mentions-by-feature.csv").read_text(encoding="utf-8") != unfiltered
    assert filtered and {row["source"] for row in filtered} == {"CACI Analyst"}
    assert (out / "mentions-by-feature.png").read_bytes() != (briefing["out"] / "mentions-by-feature.png").read_bytes()
    deck = Presentation(str(out / "briefing.pptx"))
    title = slide_text(deck.slides[0])
    caci = int((frames.articles["source"] == "CACI Analyst").sum())
    assert "Filters: sources: CACI Analyst" in title
    assert f"{caci} articles from CACI Analyst ({len(frames.articles)} in the corpus)" in title
    for slide in deck.slides:
        for shape in slide.shapes:
            assert textfit.text_overflow(shape) <= 0.005


def test_importing_the_package_changes_no_setting():
    """The app imports `dashboard.export` for its download buttons: no plotly or logging side effects."""
    import subprocess
    import sys

    probe = (
        "import logging, plotly.io as pio\n"
        "before = (pio.defaults.mathjax, pio.templates.default, [logging.getLogger(n).level for n in "
        "('kaleido', 'choreographer', 'logistro')])\n"
        "import dashboard.export\n"
        "after = (pio.defaults.mathjax, pio.templates.default, [logging.getLogger(n).level for n in "
        "('kaleido', 'choreographer', 'logistro')])\n"
        "print(before == after, 'pptx' in __import__('sys').modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["True", "False"]


def test_download_names_say_what_the_file_shows():
    from dashboard.export import download_name

    assert download_name("map", "png", "2026-02-23", "btc") == "corridor-watch_map_btc_2026-02-23.png"
    assert download_name("currencies", "csv", "2026-02-23") == "corridor-watch_currencies_2026-02-23.csv"
    assert download_name("map", "svg", None) == "corridor-watch_map_undated.svg"
    hostile = download_name("map", "png", "2026-02-23", "../../etc/passwd\u202e")
    assert "/" not in hostile and ".." not in hostile and "\u202e" not in hostile


@pytest.mark.parametrize(
    ("url", "linked"),
    [
        ("https://caspiancourier.example.com/business/alat/", "https://caspiancourier.example.com/business/alat/"),
        ("javascript:alert(1)", None),
        ("file:///etc/passwd", None),
        (None, None),
    ],
)
def test_a_quote_links_its_title_to_the_article_it_is_from(url, linked):
    """Issue 26: the deck's quotes carry the article's address (web addresses only), on the feature
    slides and on the "What changed" slide."""
    from dashboard.digest import FeatureChange, NewArticle
    from dashboard.export.digest_slide import _excerpts

    deck = deck_blocks.DeckBuilder("footer")
    slide = deck.content_slide("Feature", "quotes")
    row = {"title": "Alat Free Zone Signs First Tenant", "source": "Caspian Courier", "date": "2026-03-04", "url": url}
    shape = deck.text(slide, 1, 1, 5, 1, [feature_blocks._citation(row, 5.0)])
    title = shape.text_frame.paragraphs[0].runs[0]
    assert title.text == row["title"] and title.hyperlink.address == linked
    article = NewArticle("a" * 16, row["title"], row["source"], row["date"], {}, "The Port of Alat grew.", url=url)
    change = FeatureChange("alat", "Port of Alat", 1, 0, {}, [article])
    changed = deck.content_slide("What changed", "quotes")
    _excerpts(deck, changed, [(change, article)], {"alat": "Alat"})
    [block] = named(changed, "excerpt")
    cited = block.text_frame.paragraphs[-1].runs[0]
    assert cited.text == row["title"] and cited.hyperlink.address == linked


def test_a_chart_drawn_after_others_in_one_page_is_the_chart_drawn_alone(briefing, tmp_path):
    """A briefing draws its figures one after another in one kaleido page (no reload between them):
    the map, then a bar chart, give the bar chart a fresh page would give, pixel for pixel."""
    from dashboard.browser import BrowserSession

    with open_index(SEEDS, briefing["data"]) as index:
        frames = load_frames(index)
    assert len(frames.articles) > 20
    gazetteer = load_gazetteer(GEODATA)
    charts = export_charts(compute_view(frames, gazetteer, Filters()), gazetteer, frames, frozenset())
    figures = {name: charts[name].figure for name in ("map", "currencies", "mentions-by-feature")}
    with BrowserSession() as session:
        export.write_images(figures, tmp_path / "batch", formats=("png",), session=session)
    for name in ("currencies", "mentions-by-feature"):  # each drawn alone, in kaleido's own fresh page
        export.write_images({name: figures[name]}, tmp_path / name, formats=("png",))
        alone, after = (Image.open(tmp_path / folder / f"{name}.png").convert("RGB") for folder in (name, "batch"))
        assert alone.size == after.size and alone.tobytes() == after.tobytes(), name


@pytest.mark.parametrize(
    ("sentence", "shown"),
    [
        ("Aktau port is the route's main transit point.", "“Aktau port is the route's main transit point.”"),
        ("“Seen in this light, the port of Baku matters.”", "“Seen in this light, the port of Baku matters.”"),
        ("«Порт Актау — главный пункт», — сказал министр.", "«Порт Актау — главный пункт», — сказал министр."),
    ],
)
def test_a_quote_is_put_in_quotation_marks_once(sentence, shown):
    """A sentence that opens on a quotation of its own is shown as it is, not in a second pair of marks."""
    assert textfit.quoted(sentence) == shown
