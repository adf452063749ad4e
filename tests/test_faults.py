"""Faults a shared seeds folder and its index meet (issue 18): each case asserts the message the user
gets, the exit code, and that every readable page still loads. The table at the top is shared:
other areas add their cases to it."""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import REPO, SEEDS, run_cli
from streamlit.testing.v1 import AppTest

from dashboard.errors import DashboardError
from dashboard.store import index_path

APP = str(REPO / "app.py")
SEED_ARTICLES = 32  # every article the seed pages hold


# --- index faults: the table ---------------------------------------------------------------------


def _scribble(path: Path) -> None:
    """Random bytes over the middle of the file (what a bad disk or a stray write leaves)."""
    size = path.stat().st_size
    with open(path, "r+b") as handle:
        handle.seek(size // 2)
        handle.write(os.urandom(min(20_000, size // 3)))


def _sql(statement: str) -> Callable[[Path], None]:
    def damage(path: Path) -> None:
        with sqlite3.connect(path) as db:
            db.execute(statement)

    return damage


def _mount_tmpfs(target: Path, options: str) -> None:
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root")
    target.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(target)], capture_output=True)
    if result.returncode:
        pytest.skip(f"cannot mount a tmpfs here: {result.stderr.decode(errors='replace').strip()}")


@dataclass(frozen=True)
class IndexCase:
    name: str
    damage: Callable[[Path], None] | None = None  # applied to a good index file
    data_dir: Callable[[Path], Path] | None = None  # a data folder of its own (tmp_path -> folder)
    message: str = ""  # a regex the one warning line must match
    mounts: str = ""  # tmpfs options for the data folder (test skips without root)


INDEX_CASES = [
    IndexCase(
        "random bytes in the middle",
        damage=_scribble,
        message=r"the index was damaged \(.*\); moved aside to index-\w+\.sqlite\.damaged-\d+-\d+ and rebuilt from the pages",
    ),
    IndexCase(
        "not a database at all",
        damage=lambda p: p.write_bytes(b"not a database " * 500),
        message=r"the index was damaged \(file is not a database\)",
    ),
    IndexCase(
        "undecodable row",
        damage=_sql("UPDATE articles SET text = CAST(x'ff41' AS TEXT) WHERE rowid = 3"),
        message=r"the index was damaged \(Could not decode to UTF-8",
    ),
    IndexCase(
        "wrong schema", damage=_sql("DROP TABLE rates"), message=r"the index was damaged \(no such table: rates\)"
    ),
    IndexCase(  # 27.6: every run exited 3 (the rebuild a damaged row promises never happened)
        "invalid JSON in a row",
        damage=_sql("UPDATE articles SET authors = '[\"cut' WHERE rowid = 2"),
        message=r"the index was damaged \(a stored row is damaged: invalid JSON .*\); moved aside .* and rebuilt",
    ),
    IndexCase(  # 27.11: mkdir's "(File exists)" named no cause
        "data path is a file",
        data_dir=lambda tmp: _file_in(tmp),
        message=r"cannot write the index \(\S+/a-file is a file, not a folder\); answering from the pages in memory",
    ),
    IndexCase(
        "data path is a symbolic link loop",
        data_dir=lambda tmp: _link_loop_in(tmp),
        message=r"cannot write the index \(\S+/loop is a symbolic link loop or points nowhere\)",
    ),
    IndexCase(
        "data folder under a file",
        data_dir=lambda tmp: _file_in(tmp) / "data",
        message=r"cannot write the index \(.*\); answering from the pages in memory",
    ),
    IndexCase(
        "read-only data folder",
        mounts="ro,size=1m",
        message=r"cannot write the index \(Read-only file system\); answering from the pages in memory",
    ),
    IndexCase(
        "full data folder",
        mounts="size=40k",
        message=r"cannot write the index \(No space left on device\); answering from the pages in memory",
    ),
]


def _file_in(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "a-file").write_text("x")
    return folder / "a-file"


def _link_loop_in(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "loop").symlink_to(folder / "loop")
    return folder / "loop"


@pytest.mark.parametrize("case", INDEX_CASES, ids=lambda c: c.name)
def test_index_faults_are_one_warning_and_every_page_still_loads(case, tmp_path, small_geodata):
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    data = tmp_path / "data"
    if case.damage:
        assert run_cli("ingest", "--seeds", str(seeds), data_dir=data).returncode == 0
        case.damage(index_path(seeds, data))
    if case.data_dir:
        data = case.data_dir(tmp_path)
    if case.mounts:
        _mount_tmpfs(data, case.mounts)
    try:
        for command in ("articles", "search"):
            args = [command, "Caspian"] if command == "search" else [command]
            result = run_cli(*args, "--seeds", str(seeds), data_dir=data)
            assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
            warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
            if command == "articles" or case.data_dir or case.mounts:  # a damaged index warns once, then is fine
                assert len(warnings) == 1 and re.search(case.message, warnings[0]), result.stderr
            else:
                assert warnings == [], result.stderr
            rows = json.loads(result.stdout)
            assert len(rows) == (SEED_ARTICLES if command == "articles" else len(rows)) and rows
    finally:
        if case.mounts:
            subprocess.run(["umount", str(data)], check=False)


def test_after_a_full_disk_is_freed_the_index_is_used_again(tmp_path):
    """Issue 27.11: the files a full disk leaves beside the index (a stub -shm, an empty -wal) must not
    make the good index report "disk I/O error" once there is room again."""
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    data = tmp_path / "data"
    _mount_tmpfs(data, "size=3m")
    try:
        assert run_cli("ingest", "--seeds", str(seeds), data_dir=data).returncode == 0
        with open(data / "filler", "wb", buffering=0) as filler, contextlib.suppress(OSError):
            while True:  # until the disk is full
                filler.write(bytes(65536))
        shutil.copy(REPO / "tests" / "pages" / "articles" / "steppe_herald_cpc.html", seeds / "cpc.html")
        full = run_cli("articles", "--seeds", str(seeds), data_dir=data)
        assert full.returncode == 0 and "(No space left on device); answering from the pages" in full.stderr
        (data / "filler").unlink()
        for _ in range(2):  # the run that writes the new page, then one that only reads
            freed = run_cli("articles", "--seeds", str(seeds), data_dir=data)
            assert freed.returncode == 0 and "warning:" not in freed.stderr, freed.stderr
            assert len(json.loads(freed.stdout)) == SEED_ARTICLES + 1
    finally:
        subprocess.run(["umount", str(data)], check=False)


def test_a_second_ingest_waits_for_the_first_then_finds_nothing_changed(tmp_path):
    """The lock an ingest holds is taken here by the test: the ingest says it waits, then runs."""
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    data = tmp_path / "data"
    assert run_cli("ingest", "--seeds", str(seeds), data_dir=data).returncode == 0
    index_file = index_path(seeds, data)
    lock_path = index_file.with_name(index_file.name + ".lock")
    with open(lock_path, "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        waiting = subprocess.Popen(
            [sys.executable, "-m", "dashboard", "ingest", "--seeds", str(seeds)],
            cwd=REPO,
            env={**os.environ, "DASHBOARD_DATA": str(data), "PYTHONPATH": str(REPO)},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        first_line = waiting.stderr.readline()  # blocks until the ingest says it waits: a condition, not a sleep
        assert re.search(r"another ingest is running; waiting for it \(up to \d+ s\)", first_line), first_line
        assert waiting.poll() is None
    out, err = waiting.communicate(timeout=120)
    assert waiting.returncode == 0, err
    assert "0 new, 0 changed, 5 unchanged" in out and "locked" not in err and "damaged" not in err


def test_search_cost_is_bounded(tmp_path):
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    data = tmp_path / "data"
    started = time.monotonic()
    many = run_cli("search", "a* " * 2000, "--seeds", str(seeds), data_dir=data)
    assert many.returncode == 0 and time.monotonic() - started < 60, many.stderr  # was over 10 minutes
    assert "search: only the first" in many.stderr  # the query was cut, and it says so
    one = run_cli("search", "a*", "--seeds", str(seeds), data_dir=data)
    assert [h["id"] for h in json.loads(many.stdout)] == [h["id"] for h in json.loads(one.stdout)]


def test_an_edit_that_keeps_size_and_modification_time_is_picked_up(tmp_path, small_geodata):
    """Issue 27.10: `cp -p` or `rsync -t` of an edited page keeps its size and mtime; its ctime moves."""
    from dashboard.gazetteer import load_gazetteer
    from dashboard.ingest import ingest
    from dashboard.store import Index

    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    gazetteer = load_gazetteer(small_geodata)
    page = seeds / "004_4074f700427a889e.txt"
    old, new = "Kazakhstan as an Emerging Middle Power", "Kazakhstan as an Emerging Middle Force"
    with Index(None) as index:
        ingest(index, seeds, gazetteer)
        before = page.stat()
        time.sleep(0.05)  # past the clock tick of the copy: the edit gets a ctime of its own
        page.write_text(page.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
        os.utime(page, ns=(before.st_atime_ns, before.st_mtime_ns))
        assert (page.stat().st_size, page.stat().st_mtime_ns) == (before.st_size, before.st_mtime_ns)
        summary = ingest(index, seeds, gazetteer)
        titles = {a.title for a in index.articles()}
    assert summary.changed == 1
    assert new in titles and old not in titles


@pytest.fixture
def app_env(tmp_path, monkeypatch, small_geodata):
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    monkeypatch.setenv("DASHBOARD_SEEDS", str(seeds))
    monkeypatch.setenv("DASHBOARD_GEODATA", str(small_geodata))
    monkeypatch.setenv("DASHBOARD_DATA", str(tmp_path / "data"))
    return seeds


def test_waiting_for_a_command_line_ingest_is_not_kept_as_a_warning(app_env, tmp_path):
    """Issue 27.10: the app waits for an ingest another process runs; that wait ends, so it is never a
    warning the cached data would show every later visitor."""
    lock = index_path(app_env, tmp_path / "data")
    lock = lock.with_name(lock.name + ".lock")
    lock.parent.mkdir(parents=True, exist_ok=True)
    with open(lock, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)  # the other ingest
        threading.Timer(2.0, fcntl.flock, (handle, fcntl.LOCK_UN)).start()
        started = time.monotonic()
        at = AppTest.from_file(APP, default_timeout=120)
        at.run()
        waited = time.monotonic() - started
    assert waited >= 2.0  # it did wait
    assert not at.exception, [e.value for e in at.exception]
    warnings = [h.proto.body for h in at.html if 'data-kind="warning"' in h.proto.body]
    assert not [w for w in warnings if "another ingest" in w], warnings
    assert at.title[0].value == "Corridor Watch"


def test_a_dashboard_error_anywhere_in_the_page_is_a_message(app_env, monkeypatch):
    """The UI's error boundary: an index failing under the detail panel (a fragment) is a message."""

    def failing(*_args, **_kwargs):
        raise DashboardError("index.sqlite: the index went away (test)")

    monkeypatch.setattr("dashboard.ui.detail.excerpts", failing)
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["feature"] = "cpc"
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    errors = [h.proto.body for h in at.html if 'data-kind="error"' in h.proto.body]  # plain HTML, never markdown
    assert len(errors) == 1 and "index.sqlite: the index went away (test)" in errors[0]
    assert at.title[0].value == "Corridor Watch"  # the page above the failure still stands


def _card(at: AppTest) -> str:
    return next((h.proto.body for h in at.html if 'data-testid="feature-card"' in h.proto.body), "")


def test_the_app_reloads_when_another_process_reindexed(app_env, tmp_path):
    """Issue 18.3: a page edited in place and ingested from the command line while the app is open
    on ?feature=cpc: the app notices the index changed and reloads (it used to raise KeyError)."""
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["feature"] = "cpc"
    at.run()
    assert not at.exception
    before = _card(at)
    page = next(p for p in sorted(app_env.glob("*.txt")) if "CPC" in p.read_text(encoding="utf-8"))
    page.write_text(page.read_text(encoding="utf-8").replace("CPC", "the consortium"), encoding="utf-8")
    result = run_cli("ingest", "--seeds", str(app_env), data_dir=tmp_path / "data")
    assert result.returncode == 0 and "1 changed" in result.stdout, result.stderr
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert _card(at) and _card(at) != before  # the card counts what the index holds now


def _reindexed_after_the_staleness_check(app_env: Path, monkeypatch) -> None:
    """Issue 27.2: another process re-indexes between the page's checks (folder stamps, generation)
    and a click's read of the index."""
    monkeypatch.setattr("dashboard.ui.page.is_stale", lambda _data: False)
    monkeypatch.setattr("dashboard.ui.page.change_signature", lambda _seeds, _geodata: ("as first loaded",))
    page = next(p for p in sorted(app_env.glob("*.txt")) if "CPC" in p.read_text(encoding="utf-8"))
    page.write_text(page.read_text(encoding="utf-8").replace("CPC", "the consortium"), encoding="utf-8")
    result = run_cli("ingest", "--seeds", str(app_env), data_dir=app_env.parent / "data")
    assert result.returncode == 0 and "1 changed" in result.stdout, result.stderr


def _a_bug_under_the_map(_app_env: Path, monkeypatch) -> None:
    def failing(*_args, **_kwargs):
        raise KeyError((22, 2500))

    monkeypatch.setattr("dashboard.ui.detail.excerpts", failing)


# (case id, what happens after the page first loaded, the one error box expected or "" for none)
UI_CASES = [
    ("re-indexed under a click", _reindexed_after_the_staleness_check, ""),
    ("a bug under the map", _a_bug_under_the_map, "Something went wrong on our side (KeyError)"),
]


@pytest.mark.parametrize(("fault", "error"), [c[1:] for c in UI_CASES], ids=[c[0] for c in UI_CASES])
def test_no_traceback_reaches_the_page(app_env, monkeypatch, fault, error):
    monkeypatch.delenv("DASHBOARD_DEBUG")
    monkeypatch.setattr("dashboard.ui.page.change_signature", lambda _seeds, _geodata: ("as first loaded",))
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["feature"] = "cpc"
    at.run()
    before = _card(at)
    fault(app_env, monkeypatch)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    errors = [h.proto.body for h in at.html if 'data-kind="error"' in h.proto.body]
    if error:
        assert len(errors) == 1 and error in errors[0] and "server log" in errors[0], errors
        assert "Traceback" not in errors[0] and "2500" not in errors[0]
        assert [b.label for b in at.button if b.key == "boundary-reload"] == ["Reload the page"]
    else:
        assert errors == [] and _card(at) and _card(at) != before  # reloaded: the card counts the new index


# --- the corrections file: what could not be read is never dropped (issue 27.3) ----------------

GOOD_ENTRY = {"action": "reject", "article_id": "a" * 16, "feature_id": "btc"}
# (case id, the entry that fails the schema, what the one line says is wrong)
CORRECTION_CASES = [
    ("extra key", {**GOOD_ENTRY, "feature_id": "cpc", "reviewer": "ana"}, "Additional properties are not allowed"),
    ("capitalised action", {**GOOD_ENTRY, "action": "Reject", "feature_id": "cpc"}, "action: 'Reject' is not one of"),
    ("number as a title", {**GOOD_ENTRY, "feature_id": "cpc", "title": 7}, "title: 7 is not of type 'string'"),
]


@pytest.mark.parametrize(("entry", "wrong"), [c[1:] for c in CORRECTION_CASES], ids=[c[0] for c in CORRECTION_CASES])
def test_a_correction_entry_that_fails_the_schema_is_never_dropped_by_a_write(tmp_path, entry, wrong):
    from dashboard import corrections

    other = {**GOOD_ENTRY, "article_id": "b" * 16}
    path = tmp_path / corrections.FILE_NAME
    path.write_text("[\n  " + ",\n  ".join(json.dumps(e) for e in (GOOD_ENTRY, entry, other)) + "\n]\n")
    before = path.read_bytes()
    refused = corrections.why_not_writable(tmp_path)
    assert refused and refused.startswith(f"{tmp_path.name}/corrections.json:3: ") and wrong in refused, refused
    assert "nothing written" in refused and "\n" not in refused
    writes = (
        lambda: corrections.record(tmp_path, corrections.Correction("add", "c" * 16, "poti")),
        lambda: corrections.undo(tmp_path, GOOD_ENTRY["article_id"], GOOD_ENTRY["feature_id"]),
    )
    for write in writes:
        with pytest.raises(DashboardError) as raised:
            write()
        assert str(raised.value) == refused
        assert path.read_bytes() == before  # every entry still there, byte for byte


# --- a bug is not damage (issue 23.1) -----------------------------------------------------------


def test_a_query_naming_a_missing_column_is_a_bug_not_a_damaged_index(tmp_path, monkeypatch, capsys):
    """The index stays, no `.damaged-*` file appears, and the command says what went wrong in one
    line with exit 3, every time."""
    from dashboard import cli
    from dashboard.store import Index

    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    monkeypatch.setenv("DASHBOARD_DATA", str(tmp_path / "data"))
    monkeypatch.delenv("DASHBOARD_DEBUG")
    assert cli.main(["ingest", "--seeds", str(seeds)]) == 0
    index_file = index_path(seeds, tmp_path / "data")
    before = index_file.stat().st_ino
    capsys.readouterr()
    monkeypatch.setattr(Index, "article_ids", lambda self: self.db.execute("SELECT no_such_column FROM articles"))
    monkeypatch.setattr(Index, "articles", lambda self, _id=None: self.article_ids())
    for _ in range(2):
        assert cli.main(["articles", "--seeds", str(seeds)]) == 3
        err = capsys.readouterr().err
        assert err.splitlines() == [
            "error: unexpected OperationalError: no such column: no_such_column (set DASHBOARD_DEBUG=1 for details)"
        ], err
    assert index_file.stat().st_ino == before and not list(index_file.parent.glob("*.damaged-*"))


def test_damage_is_what_sqlite_finds_in_the_file(tmp_path):
    from dashboard.ingest import file_damage
    from dashboard.store import Index

    path = tmp_path / "index.sqlite"
    Index(path).close()
    assert file_damage(path) is None
    with sqlite3.connect(path) as db:
        db.execute("DROP TABLE rates")
    assert file_damage(path) == "its tables are not this version's"
    path.write_bytes(b"not a database " * 500)
    assert file_damage(path) in {"file is not a database", "database disk image is malformed"}


@pytest.mark.parametrize(
    ("raised", "reported"),
    [
        (KeyError("legend"), KeyError),  # a bug in a figure: raised as it is
        (RuntimeError("the browser stopped before the images were written"), DashboardError),
    ],
)
def test_image_export_blames_chromium_only_for_the_browsers_own_failures(monkeypatch, raised, reported):
    import kaleido
    import plotly.graph_objects as go

    from dashboard.browser import find_chromium
    from dashboard.export import images

    if find_chromium() is None:
        pytest.skip("no Chromium: require_chromium answers first")

    def failing(*_args, **_kwargs):
        raise raised

    monkeypatch.setattr(kaleido, "calc_fig_sync", failing)
    with pytest.raises(reported) as caught:
        images.figure_image(go.Figure(), "png")
    assert ("is Chromium working?" in str(caught.value)) == (reported is DashboardError)
