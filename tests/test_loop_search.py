"""Search in the analyst's loop (issue 26): one normalisation for the query and the text (Azerbaijani
letters), every spelling of a named feature, a name's words in any order, a snippet for every hit,
hits ranked without a meaningless score, and the hits listed in the app."""

from __future__ import annotations

import shutil

import pytest
from conftest import GEODATA, REPO, SEEDS, make_geodata
from streamlit.testing.v1 import AppTest

from dashboard.gazetteer import load_gazetteer
from dashboard.ingest import ingest
from dashboard.store import Index, index_path

PAGES = {
    "alat_az.txt": "Ələt qəsəbəsində yeni terminal\n\nƏlət qəsəbəsi yaxınlığında yeni logistika mərkəzi açılıb.\n",
    "cpc_sea.txt": "Tankers wait in the Black Sea\n\nTankers waited for days at CPC's Black Sea terminal this week.\n",
    "aktau_head.txt": "Aktau sees more ferries\n\nMore ferries called this winter, officials said on Monday.\n",
}


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    """One index for the module: its tests only search it."""
    root = tmp_path_factory.mktemp("search")
    seeds = root / "seeds"
    shutil.copytree(SEEDS, seeds)
    for name, page in PAGES.items():
        (seeds / name).write_text(page, encoding="utf-8")
    with Index(index_path(seeds, root / "data")) as opened:
        ingest(opened, seeds, load_gazetteer(GEODATA))
        yield opened


def titles(hits) -> set[str]:
    return {h["title"] for h in hits}


def test_azerbaijani_words_are_found_as_typed_and_folded(index):
    for query in ("Ələt", "qəsəbəsi", "elet", "Ələt qəsəbəsi"):
        assert "Ələt qəsəbəsində yeni terminal" in titles(index.search(query)), query


def test_a_name_is_found_by_every_spelling_of_its_feature(index):
    hits = index.search("Aqtau")
    head = next(h for h in hits if h["title"] == "Aktau sees more ferries")
    assert head["found_by"] == "text" and "[Aktau]" in head["snippet"]


def test_a_name_is_its_words_in_any_order(index):
    assert "Tankers wait in the Black Sea" in titles(index.search("CPC terminal"))


def test_every_hit_has_a_snippet_a_rank_and_no_score(index):
    for query in ("Aktau", "Novorossiysk", "drone", "CPC terminal"):
        hits = index.search(query)
        assert hits, query
        assert [h["rank"] for h in hits] == list(range(1, len(hits) + 1))
        for hit in hits:
            assert "score" not in hit
            assert hit["snippet"].strip("[] ") and hit["found_by"] in ("text", "link"), hit
            assert hit["date_kind"] in ("published", "listed", "seen")


def test_the_app_lists_the_matching_articles(tmp_path, monkeypatch):
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    for name, page in PAGES.items():
        (seeds / name).write_text(page, encoding="utf-8")
    monkeypatch.setenv("DASHBOARD_SEEDS", str(seeds))
    monkeypatch.setenv("DASHBOARD_GEODATA", str(make_geodata(tmp_path / "geodata", GEODATA)))
    monkeypatch.setenv("DASHBOARD_DATA", str(tmp_path / "data"))
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=120)
    at.run()
    at.text_input(key="search").input("Ələt").run()
    assert not at.exception, [e.value for e in at.exception]
    hits = [h.proto.body for h in at.html if 'data-testid="search-hit"' in h.proto.body]
    assert hits and "Ələt qəsəbəsində yeni terminal" in hits[0]
    assert "names: Port of Baku" in hits[0] or "names: " in hits[0]
    assert "(seen)" in hits[0]
