"""The briefing's "By the numbers" slide, on the small folder of article pages written for the
route's record (`tests/pages/record`): the status in the news in its subline, the latest figure per
measure with its source, and the two outlets' figures that disagree."""

from __future__ import annotations

import shutil

from conftest import GEODATA, PAGES, run_cli
from pptx import Presentation


def slide_text(slide) -> str:
    return "\n".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)


def named(slide, name: str) -> list:
    return [shape for shape in slide.shapes if shape.name == name]


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
    assert titles[at + 1] == "By the numbers: Caspian Pipeline Consortium pipeline"
    numbers = slides[at + 1]
    assert named(numbers, "subtitle")[0].text_frame.text == (
        "Status in the news: restored 2026-11-20 (1 source), after a disruption reported from 2026-10-27"
    )
