"""The briefing's "By the numbers" slide, on the small folder of article pages written for the
route's record (`tests/pages/record`): the status in the news in its subline, the latest figure per
measure with its source, and the two outlets' figures that disagree."""

from __future__ import annotations

import re
import shutil

from conftest import GEODATA, PAGES, run_cli
from pptx import Presentation

from dashboard.export import textfit


def named(slide, name: str) -> list:
    return [shape for shape in slide.shapes if shape.name == name]


def text_of(shape) -> str:
    return shape.text_frame.text.replace(textfit.NON_BREAKING_HYPHEN, "-")


def test_the_deck_has_a_by_the_numbers_slide_after_the_feature_slide(tmp_path, data_dir):
    seeds = tmp_path / "seeds"
    shutil.copytree(PAGES / "record", seeds)
    out = tmp_path / "out"
    args = ("export", "--out", str(out), "--seeds", str(seeds), "--geodata", str(GEODATA), "--feature", "cpc")
    result = run_cli(*args, data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    slides = list(Presentation(str(out / "briefing.pptx")).slides)
    titles = [named(s, "title")[0].text_frame.text if named(s, "title") else "" for s in slides]
    at = titles.index("Caspian Pipeline Consortium (CPC) pipeline")
    assert titles[at + 1] == "By the numbers: CPC pipeline"  # its short name (geodata label)
    numbers = slides[at + 1]
    assert named(numbers, "subtitle")[0].text_frame.text == (
        "Status in the news: restored 2026-11-20 (1 source), after a disruption reported from 2026-10-27"
    )
    latest = text_of(named(numbers, "latest figures")[0])
    assert "VOLUME\n58 million t (2025)\n“58 million tonnes” — Black Sea Wire, 2026-09-20" in latest
    assert "CAPACITY\n67 million t per year\n“67 million tonnes per year” — Steppe Courier, 2026-11-20" in latest
    assert latest.index("VOLUME") < latest.index("CAPACITY")
    assert named(numbers, "disagreement")[0].text_frame.text == "Disagree: volume, 2025 — 9.5% apart"
    lower, higher = (text_of(named(numbers, f"statement {side}")[0]) for side in "ab")
    assert lower.startswith("A: 58 million t\n“58 million tonnes”\nBlack Sea Wire, 2026-09-20")
    assert higher.startswith("B: 63.5 million t\n“63.5 million tonnes”\nSteppe Courier, 2026-09-15")
    strip = named(numbers, "record: event strip")
    assert strip and (out / "record-cpc.png").is_file() and (out / "record-cpc.svg").is_file()
    assert re.match(
        r"Event signals over time   \d+ in its dated articles", named(numbers, "strip label")[0].text_frame.text
    )
    assert strip[0].top > named(numbers, "disagreement panel")[0].top  # along the bottom, under the columns
    # The "What changed" slide says the status changed in its window (the 30 days to the newest page).
    ranking = text_of(named(slides[1], "ranking")[0])
    assert "in the news: restored 2026-11-20 (1 source)" in ranking
