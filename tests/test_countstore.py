"""The index's count tables, kept at ingest (`countstore`), give the report the frames give
(`analysis.count_report`), after a first ingest and after every kind of change: a page deleted, an
article seen again on a new page, every article linked anew."""

from __future__ import annotations

import shutil

import pytest
from conftest import GEODATA, PAGES, SEEDS

from dashboard.analysis import count_report, load_frames
from dashboard.countstore import stored_count_report
from dashboard.gazetteer import load_gazetteer
from dashboard.ingest import with_index


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer(GEODATA)


def both(seeds, gazetteer, data) -> tuple[dict, dict]:
    return with_index(
        seeds, gazetteer, lambda index: (stored_count_report(index), count_report(load_frames(index))), data_dir=data
    )[0]


def test_the_count_tables_follow_every_change_of_the_pages(tmp_path, gazetteer):
    seeds, data = tmp_path / "seeds", tmp_path / "data"
    shutil.copytree(SEEDS, seeds)
    shutil.copytree(PAGES / "record", seeds / "record")
    stored, counted = both(seeds, gazetteer, data)
    assert stored == counted
    assert len(stored["features"]) > 5 and stored["co_mentions"]

    shutil.rmtree(seeds / "record")
    stored, counted = both(seeds, gazetteer, data)
    assert stored == counted

    # an article of the seeds seen again, with a fuller text, on a page of its own
    first = sorted(p for p in seeds.rglob("*") if p.is_file())[0]
    shutil.copy(first, seeds / "again.txt")
    with (seeds / "again.txt").open("a", encoding="utf-8") as page:
        page.write("\n")
    stored, counted = both(seeds, gazetteer, data)
    assert stored == counted

    # every article linked anew (as when the aliases change)
    with_index(seeds, gazetteer, lambda index: index.set_meta("alias_signature", "another"), data_dir=data)
    stored, counted = both(seeds, gazetteer, data)
    assert stored == counted


def test_the_count_tables_on_the_real_tuning_pages(tmp_path, gazetteer):
    stored, counted = both(PAGES / "real" / "tune", gazetteer, tmp_path / "data")
    assert stored == counted
    assert sum(f["articles"] for f in stored["features"]) > 300
