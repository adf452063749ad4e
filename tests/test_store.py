"""The on-disk index: incremental ingest, atomicity, concurrency, search, and equality with a fresh parse."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import PAGES, REPO, SEEDS

from benchmarks.synthetic import write_corpus
from dashboard.dataset import Dataset
from dashboard.gazetteer import load_gazetteer
from dashboard.ingest import ingest as run_ingest
from dashboard.store import Index, index_path

CRASH = "Kazakhstan’s High-Stakes Balancing Act in the Aktau Crash Investigation"


@pytest.fixture
def seeds(tmp_path) -> Path:
    target = tmp_path / "seeds"
    shutil.copytree(SEEDS, target)
    return target


def ingest(seeds: Path, geodata: Path, data_dir: Path, **kwargs):
    with Index(index_path(seeds, data_dir)) as index:
        summary = run_ingest(index, seeds, load_gazetteer(geodata), **kwargs)
        return summary, Dataset(index.articles(), index.mentions(), index.rates(), index.problems())


def assert_equals_fresh(data: Dataset, seeds: Path, geodata: Path) -> None:
    fresh = Dataset.fresh(seeds, load_gazetteer(geodata))
    assert [a.to_dict() for a in data.articles] == [a.to_dict() for a in fresh.articles]
    assert data.mention_rows() == fresh.mention_rows()
    assert [r.to_dict() for r in data.rates] == [r.to_dict() for r in fresh.rates]
    assert sorted(map(str, data.problems)) == sorted(map(str, fresh.problems))


def test_first_ingest_equals_a_fresh_parse_and_second_is_a_no_op(seeds, small_geodata, data_dir):
    summary, data = ingest(seeds, small_geodata, data_dir)
    assert (summary.new, summary.changed, summary.unchanged, summary.failed) == (5, 0, 0, 0)
    assert summary.articles == 32 and summary.mentions == len(data.mentions) > 0
    assert_equals_fresh(data, seeds, small_geodata)
    again, _ = ingest(seeds, small_geodata, data_dir)
    assert (again.new, again.changed, again.unchanged, again.deleted, again.relinked) == (0, 0, 5, 0, False)
    assert "5 unchanged" in again.line()


def test_index_uses_wal(seeds, small_geodata, data_dir):
    ingest(seeds, small_geodata, data_dir)
    with sqlite3.connect(index_path(seeds, data_dir)) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_add_change_delete_pages(seeds, small_geodata, data_dir):
    ingest(seeds, small_geodata, data_dir)
    shutil.copy(PAGES / "bad" / "tca_cut_midway_na_rate.txt", seeds / "005_new.txt")
    summary, data = ingest(seeds, small_geodata, data_dir)
    assert (summary.new, summary.unchanged) == (1, 5)
    titles = {a.title for a in data.articles}
    assert "Port of Aktau Expands Container Capacity" in titles
    assert any(m.feature_id == "aktau" and "container hub" in m.excerpt for m in data.mentions)
    assert_equals_fresh(data, seeds, small_geodata)

    page = seeds / "005_new.txt"
    page.write_text(
        page.read_text(encoding="utf-8").replace(
            "Port of Aktau Expands Container Capacity", "Port of Aktau Adds a Grain Terminal"
        ),
        encoding="utf-8",
    )
    summary, data = ingest(seeds, small_geodata, data_dir)
    assert (summary.changed, summary.unchanged) == (1, 5)
    titles = {a.title for a in data.articles}
    assert "Port of Aktau Adds a Grain Terminal" in titles and "Port of Aktau Expands Container Capacity" not in titles
    assert_equals_fresh(data, seeds, small_geodata)

    (seeds / "004_4074f700427a889e.txt").unlink()
    summary, data = ingest(seeds, small_geodata, data_dir)
    assert summary.deleted == 1
    crash = next(a for a in data.articles if a.title == CRASH)
    assert crash.seen == ("2025-05-16",) and [s.file for s in crash.source_files] == ["001_f241d4492d3a237c.txt"]
    assert not any(a.title == "Kazakhstan as an Emerging Middle Power" for a in data.articles)
    assert {r.as_of for r in data.rates} == {"2025-05-16", "2026-02-23", "2025-06-02"}
    assert_equals_fresh(data, seeds, small_geodata)


def test_an_article_keeps_its_text_when_the_page_it_was_first_seen_on_goes(seeds, small_geodata, data_dir):
    """The first sighting's text is stored once, in the article: a later page with the same article,
    then the first page's deletion, must still leave the text."""
    later = seeds / "004_4074f700427a889e.txt"
    held_back = later.read_bytes()
    later.unlink()
    ingest(seeds, small_geodata, data_dir)
    later.write_bytes(held_back)
    ingest(seeds, small_geodata, data_dir)
    (seeds / "001_f241d4492d3a237c.txt").unlink()
    _, data = ingest(seeds, small_geodata, data_dir)
    crash = next(a for a in data.articles if a.title == CRASH)
    assert crash.text and [s.file for s in crash.source_files] == ["004_4074f700427a889e.txt"]
    assert_equals_fresh(data, seeds, small_geodata)


def test_alias_change_relinks_without_reparsing(seeds, small_geodata, data_dir):
    ingest(seeds, small_geodata, data_dir)
    routes = json.loads((small_geodata / "routes.geojson").read_text(encoding="utf-8"))
    routes["features"][1]["properties"]["aliases"].append("Russian infrastructure")  # a silly alias, to see it take
    (small_geodata / "routes.geojson").write_text(json.dumps(routes), encoding="utf-8")
    summary, data = ingest(seeds, small_geodata, data_dir)
    assert summary.relinked and (summary.new, summary.changed, summary.unchanged) == (0, 0, 5)
    assert any(m.alias == "Russian infrastructure" and m.feature_id == "cpc" for m in data.mentions)
    assert_equals_fresh(data, seeds, small_geodata)


def test_search_finds_titles_and_text_and_survives_bad_syntax(seeds, small_geodata, data_dir):
    ingest(seeds, small_geodata, data_dir)
    with Index(index_path(seeds, data_dir)) as index:
        hits = index.search("Novorossiysk OR barges")
        assert [h["title"] for h in hits] == ["Opinion: Why Russia May Stop Oil Supplies via the CPC"]
        assert "[barges]" in hits[0]["snippet"]
        assert any(h["title"] == CRASH for h in index.search("aktau crash"))
        # queries FTS5 cannot parse are searched as plain words instead of raising
        assert [h["title"] for h in index.search('CPC"')] == ["Opinion: Why Russia May Stop Oil Supplies via the CPC"]
        assert len(index.search("AND", limit=100)) == 31  # the word "and": every article with text
        assert index.search('"barges') and index.search("(((") == []
        assert len(index.search_rowids("Caspian")) >= 3


def _ingest_process(seeds: Path, geodata: Path, data_dir: Path) -> subprocess.Popen:
    env = {**os.environ, "DASHBOARD_DATA": str(data_dir), "PYTHONPATH": str(REPO)}
    return subprocess.Popen(
        [sys.executable, "-m", "dashboard", "ingest", "--seeds", str(seeds), "--geodata", str(geodata)],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _wait_until_no_process_mentions(text: str, seconds: float = 10) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        alive = []
        for entry in Path("/proc").iterdir():
            try:
                if entry.name.isdigit() and text in (entry / "cmdline").read_bytes().decode(errors="replace"):
                    alive.append(entry.name)
            except OSError:
                continue
        if not alive:
            return True
        time.sleep(0.1)
    return False


def _wait_for(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return False


def _children_cpu_seconds(pid: int) -> float:
    """CPU time (user + system) used so far by the direct children of `pid`."""
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return 0.0
    ticks = 0
    for child in children:
        try:
            fields = Path(f"/proc/{child}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        ticks += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of stat)
    return ticks / os.sysconf("SC_CLK_TCK")


def test_killed_ingest_leaves_the_previous_index_and_the_next_run_completes(seeds, small_geodata, data_dir):
    _, before = ingest(seeds, small_geodata, data_dir)
    write_corpus(seeds / "bulk", 10_000, SEEDS, per_page=5)
    process = _ingest_process(seeds, small_geodata, data_dir)
    # Kill it once its workers have parsed for a while: pages are then being written inside the
    # ingest's one transaction (the workers start inside it).
    assert _wait_for(lambda: process.poll() is not None or _children_cpu_seconds(process.pid) >= 1.0, 120)
    assert process.poll() is None, "ingest finished before it could be killed; make the corpus bigger"
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert _wait_until_no_process_mentions(str(seeds)), "the ingest's worker processes outlived it"
    with Index(index_path(seeds, data_dir)) as index:
        assert index.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert len(index.articles()) == len(before.articles) == 32
        assert index.db.execute("SELECT count(*) FROM pages").fetchone()[0] == 5
    summary, after = ingest(seeds, small_geodata, data_dir)
    assert summary.new == 2000 and len(after.articles) == 32 + 10_000
    assert_equals_fresh(after, seeds, small_geodata)


def test_two_ingests_at_once_do_not_corrupt_the_index(seeds, small_geodata, data_dir):
    write_corpus(seeds / "bulk", 1000, SEEDS, per_page=5)
    first = _ingest_process(seeds, small_geodata, data_dir)
    second = _ingest_process(seeds, small_geodata, data_dir)
    outputs = [p.communicate(timeout=300) for p in (first, second)]
    assert [p.returncode for p in (first, second)] == [0, 0], outputs
    summaries = sorted(out for out, _ in outputs)
    assert "205 new" in summaries[0] + summaries[1] and "205 unchanged" in summaries[0] + summaries[1]
    with Index(index_path(seeds, data_dir)) as index:
        assert index.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        data = Dataset(index.articles(), index.mentions(), index.rates(), index.problems())
    assert_equals_fresh(data, seeds, small_geodata)


def test_old_schema_is_rebuilt(seeds, small_geodata, data_dir):
    ingest(seeds, small_geodata, data_dir)
    with sqlite3.connect(index_path(seeds, data_dir)) as db:
        db.execute("UPDATE meta SET value='0' WHERE key='schema_version'")
    summary, data = ingest(seeds, small_geodata, data_dir)
    assert summary.new == 5 and len(data.articles) == 32


def test_a_corrupt_index_file_is_a_clear_error(seeds, data_dir):
    path = index_path(seeds, data_dir)
    path.parent.mkdir(parents=True)
    path.write_bytes(b"this is not a database" * 100)
    from dashboard.errors import DashboardError

    with pytest.raises(DashboardError, match="the index is damaged"):
        Index(path)


def test_rows_leave_the_index_by_name_so_a_column_cannot_shift_another_modules_fields(seeds, small_geodata, data_dir):
    from dashboard.indexrows import ExcerptRow, named_rows

    _, data = ingest(seeds, small_geodata, data_dir)
    with Index(index_path(seeds, data_dir)) as index:
        feature = data.mentions[0].feature_id
        rows = list(index.excerpt_rows(feature))
        assert rows and all(isinstance(r, ExcerptRow) for r in rows)
        assert {(r.article_id, r.start, r.alias_start, r.alias_end, r.excerpt, r.alias, r.kind) for r in rows} == {
            (m.article_id, m.start, m.alias_start, m.alias_end, m.excerpt, m.alias, m.kind)
            for m in data.mentions
            if m.feature_id == feature
        }
        [(article, said)] = list(index.linked_articles([rows[0].article]))
        assert article.article_id == rows[0].article_id and article.article == rows[0].article
        assert said == [m for m in data.mentions if m.article_id == rows[0].article_id]
        assert all(r.date is None for r in index.undated_links())
        assert_equals_fresh(data, seeds, small_geodata)  # the mentions, read back by name, are the fresh parse's
        with pytest.raises(TypeError, match=r"ExcerptRow: the query gives \['article', 'novel'\]"):
            list(named_rows(index.db.execute("SELECT 1 AS article, 2 AS novel"), ExcerptRow))
