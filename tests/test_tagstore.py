"""Event tags stored at ingest (`digest.store_record_tags`, the index's `link_tags`): a feature's
record read from them is the record tagging gives, and they follow the vocabulary, the code and the
pages (an edited events.json tags again; a deleted page takes its article's tags with it)."""

from __future__ import annotations

import json
import shutil

import pytest
from conftest import GEODATA, PAGES, make_geodata

from dashboard import digest
from dashboard.digest import RECORD_LINKS, feature_kinds, feature_record
from dashboard.events import load_vocabulary
from dashboard.gazetteer import load_gazetteer
from dashboard.ingest import with_index


@pytest.fixture
def folders(tmp_path):
    seeds = tmp_path / "seeds"
    shutil.copytree(PAGES / "record", seeds)
    geodata = make_geodata(tmp_path / "geodata", GEODATA)
    shutil.copy(GEODATA / "events.json", geodata / "events.json")
    return seeds, geodata


def record(seeds, geodata, data_dir, *, stored: bool = True) -> dict:
    """Every feature's record after an ingest: read from the stored tags, or (`stored=False`) tagged
    afresh; as (feature, article, tags, excerpt) rows."""
    gazetteer = load_gazetteer(geodata)
    vocabulary, kinds = load_vocabulary(geodata), feature_kinds(gazetteer)

    def read(index):
        if not stored:
            index.db.execute("UPDATE meta SET value='another' WHERE key='tag_signature'")
        found = feature_record(index, vocabulary, kinds, [f.id for f in gazetteer.features], newest=RECORD_LINKS)
        return {
            (fid, a.article_id): (sorted((t.name, t.sentence, t.trigger) for t in a.tags.values()), a.excerpt)
            for fid, listed in found.items()
            for a in listed
        }

    return with_index(seeds, gazetteer, read, data_dir=data_dir)[0]


def test_a_record_is_read_from_the_tags_stored_at_ingest_and_is_the_record_tagging_gives(
    folders, tmp_path, monkeypatch
):
    seeds, geodata = folders
    tagged = record(seeds, geodata, tmp_path / "a", stored=False)
    assert {"disruption", "restoration"} <= {name for tags, _ in tagged.values() for name, *_ in tags}
    record(seeds, geodata, tmp_path / "b")  # the first ingest stores the tags

    def no_tagging(*_args, **_kwargs):
        raise AssertionError("tagged again: the record should have been read from the index")

    monkeypatch.setattr(digest, "link_tags", no_tagging)
    assert record(seeds, geodata, tmp_path / "b") == tagged


def test_worker_processes_store_the_tags_one_process_gives(folders, tmp_path, monkeypatch):
    seeds, geodata = folders
    tagged = record(seeds, geodata, tmp_path / "a", stored=False)
    monkeypatch.setattr(digest, "PARALLEL_TAGS", 1)  # so few articles are tagged in workers only when told
    calls = []
    monkeypatch.setattr(
        digest, "_tag_articles", lambda _index, _words, articles, _kinds: calls.extend(articles) or iter(())
    )
    record(seeds, geodata, tmp_path / "b")  # the ingest tags in worker processes, and reads every record
    assert calls == []
    monkeypatch.undo()
    monkeypatch.setattr(digest, "link_tags", lambda *_a, **_k: pytest.fail("tagged again"))
    assert record(seeds, geodata, tmp_path / "b") == tagged


def test_an_edited_vocabulary_tags_the_records_again(folders, tmp_path):
    seeds, geodata = folders
    before = record(seeds, geodata, tmp_path / "data")
    assert any(name == "restoration" for tags, _ in before.values() for name, *_ in tags)
    vocabulary = json.loads((geodata / "events.json").read_text(encoding="utf-8"))
    del vocabulary["tags"]["restoration"]
    (geodata / "events.json").write_text(json.dumps(vocabulary), encoding="utf-8")
    after = record(seeds, geodata, tmp_path / "data")
    assert not any(name == "restoration" for tags, _ in after.values() for name, *_ in tags)
    assert after == record(seeds, geodata, tmp_path / "data", stored=False)


def test_an_article_read_again_is_tagged_again(tmp_path):
    """A fuller copy of an article on a new page rebuilds it in its row: its stored tags go with the
    old text, and the record shows what the fuller text reports."""
    seeds, data = tmp_path / "seeds", tmp_path / "data"
    seeds.mkdir()
    opening = (
        "The Caspian Pipeline Consortium said on Monday that its terminal near Novorossiysk had loaded "
        "three tankers over the weekend, and that exports of Kazakh crude were running to the schedule "
        "agreed with shippers for the month."
    )
    listing = "  • KZT/USD = 0.00202 0%\n\n{day} February 2026\n\nCPC terminal update\n\n{text}\n"
    (seeds / "tca-1.txt").write_text(listing.format(day="02", text=opening), encoding="utf-8")
    record(seeds, GEODATA, data)
    fuller = opening + " On Tuesday a drone struck a mooring at the terminal and loadings were suspended."
    (seeds / "tca-2.txt").write_text(listing.format(day="03", text=fuller), encoding="utf-8")
    after = record(seeds, GEODATA, data)
    assert any(name == "disruption" for tags, _ in after.values() for name, *_ in tags)
    assert after == record(seeds, GEODATA, data, stored=False)


def test_a_deleted_page_takes_its_articles_tags_with_it(folders, tmp_path):
    seeds, geodata = folders
    data = tmp_path / "data"
    gazetteer = load_gazetteer(geodata)
    record(seeds, geodata, data)
    first = with_index(seeds, gazetteer, lambda index: index.tagged_articles(), data_dir=data)[0]
    (seeds / "steppe_courier_2026-10-27.html").unlink()
    record(seeds, geodata, data)
    left = with_index(
        seeds,
        gazetteer,
        lambda index: (index.tagged_articles(), {r[0] for r in index.db.execute("SELECT rowid FROM articles")}),
        data_dir=data,
    )[0]
    tagged, articles = left
    assert tagged and tagged < first
    assert tagged <= articles
