"""Analysts' corrections: the file (load, salvage, atomic save), applying them, and `correct` on the
command line from a fresh checkout (seeds and geodata as shipped, no index yet)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest
from conftest import GEODATA, REPO, SEEDS, make_geodata, run_cli

from dashboard import corrections
from dashboard.errors import DashboardError
from dashboard.gazetteer import load_gazetteer
from dashboard.linking import ADDED_BY_ANALYST, Linker, apply_corrections

REWIRING = "How Kazakhstan and Azerbaijan Are Rewiring the Middle Corridor"
AKTAU_CRASH = "Kazakhstan’s High-Stakes Balancing Act in the Aktau Crash Investigation"


def entry(action="reject", article="a" * 16, feature="btc", **extra) -> corrections.Correction:
    return corrections.Correction(action, article, feature, **extra)


# --- the file -----------------------------------------------------------------------------------


def test_the_shipped_file_is_an_empty_list():
    assert (GEODATA / corrections.FILE_NAME).read_text() == "[]\n"
    loaded = corrections.load(GEODATA)
    assert loaded.entries == () and loaded.problems == [] and not loaded.broken


def test_a_missing_file_is_no_corrections(tmp_path):
    loaded = corrections.load(tmp_path)
    assert loaded.entries == () and loaded.problems == [] and not loaded.broken


def test_record_writes_one_line_per_correction_and_replaces_the_same_pair(tmp_path):
    corrections.record(tmp_path, entry(note="bitcoin, not the pipeline"))
    corrections.record(tmp_path, entry(feature="cpc"))
    saved = corrections.record(tmp_path, entry(action="add", note="it is, after all"))
    lines = (tmp_path / corrections.FILE_NAME).read_text().splitlines()
    assert lines[0] == "[" and lines[-1] == "]" and len(lines) == 4
    assert [(e.action, e.feature_id, e.note) for e in saved.entries] == [
        ("reject", "cpc", ""),
        ("add", "btc", "it is, after all"),
    ]
    assert [e.line for e in saved.entries] == [2, 3]
    assert json.loads((tmp_path / corrections.FILE_NAME).read_text())[1]["action"] == "add"


def test_undo_removes_the_pair_only(tmp_path):
    corrections.record(tmp_path, entry())
    corrections.record(tmp_path, entry(feature="cpc"))
    assert corrections.undo(tmp_path, "a" * 16, "btc") is True
    assert corrections.undo(tmp_path, "a" * 16, "btc") is False
    assert [e.feature_id for e in corrections.load(tmp_path).entries] == ["cpc"]


def test_save_is_atomic_and_leaves_no_temporary_file(tmp_path):
    (tmp_path / corrections.FILE_NAME).write_text("[]\n")
    (tmp_path / corrections.FILE_NAME).chmod(0o664)
    corrections.record(tmp_path, entry())
    assert sorted(p.name for p in tmp_path.iterdir()) == [corrections.FILE_NAME]
    assert (tmp_path / corrections.FILE_NAME).stat().st_mode & 0o777 == 0o664


BROKEN = """[
  {"action": "reject", "article_id": "aaaaaaaaaaaaaaaa", "feature_id": "btc"},
  {"action": "reject", "article_id": "bbbbbbbbbbbbbbbb" "feature_id": "cpc"},
  {"action": "add", "article_id": "cccccccccccccccc", "feature_id": "aktau",
   "note": "written over two lines by hand"}
]
"""


def test_a_broken_file_is_reported_by_line_keeps_its_other_lines_and_is_never_overwritten(tmp_path):
    path = tmp_path / corrections.FILE_NAME
    path.write_text(BROKEN)
    loaded = corrections.load(tmp_path)
    assert loaded.broken
    [problem] = loaded.problems
    assert str(problem).startswith(f"{tmp_path.name}/corrections.json:3: is not valid JSON: Expecting ','")
    assert "2 correction(s) on other lines still applied" in problem.message
    assert [(e.article_id[0], e.line) for e in loaded.entries] == [("a", 2), ("c", 4)]
    with pytest.raises(DashboardError, match=r"corrections.json:3: .*nothing written"):
        corrections.record(tmp_path, entry(article="d" * 16))
    with pytest.raises(DashboardError):
        corrections.undo(tmp_path, "a" * 16, "btc")
    assert path.read_text() == BROKEN
    assert "corrections.json:3" in corrections.why_not_writable(tmp_path)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"corrections": []}', "should be a JSON list of corrections, got an object"),
        (b"[\xff]", "is not UTF-8 text"),
        (
            '[{"action": "delete", "article_id": "a", "feature_id": "b"}]',
            ":1: correction skipped: action: 'delete' is not one of",
        ),
        ('[\n{"action": "reject", "feature_id": "b"}]', ":2: correction skipped: 'article_id' is a required property"),
        (
            '[\n\n{"action": "reject", "article_id": "a", "feature_id": "b", "notes": "x"}]',
            ":3: correction skipped: Additional properties",
        ),
        (
            '[\n{"action": "reject", "article_id": "a", "feature_id": "b"},\n{"action": "add", "article_id": "a", "feature_id": "b"}]',
            ":3: a / b: corrected again (first on line 2)",
        ),
    ],
)
def test_bad_entries_and_files_are_named_by_file_and_line(tmp_path, content, message):
    path = tmp_path / corrections.FILE_NAME
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    problems = [str(p) for p in corrections.load(tmp_path).problems]
    assert any(message in p and p.startswith(f"{tmp_path.name}/corrections.json") for p in problems), problems


def test_unknown_features_and_stale_articles_are_reported():
    loaded = corrections.Corrections((entry(feature="no-such-route", title="T"), entry(article="b" * 16)))
    assert [p.message for p in loaded.unknown_features(["btc"])] == [
        f"reject {'a' * 16}: unknown feature id 'no-such-route'"
    ]
    assert [p.message for p in loaded.stale_articles(["a" * 16])] == [
        f"reject {'b' * 16} for 'btc': no page holds this article any more"
    ]


# --- applying -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer(GEODATA)


def test_apply_drops_a_rejected_feature_and_keeps_the_others(gazetteer):
    text = "Kazakhstan ships oil via the CPC and the Baku-Tbilisi-Ceyhan (BTC) pipeline."
    found = Linker(gazetteer.features).link("x", text)
    assert {m.feature_id for m in found} == {"cpc", "btc"}
    rejected = corrections.Corrections((entry(article="x", feature="btc"),))
    assert {m.feature_id for m in apply_corrections("x", "T", text, found, rejected, gazetteer.by_id)} == {"cpc"}
    assert apply_corrections("y", "T", text, found, rejected, gazetteer.by_id) == found


def test_an_added_feature_gets_the_sentence_naming_it_even_when_its_sense_rule_said_no(gazetteer):
    text = "Investigators met in Almaty. The Aktau crash killed 38 people. Nothing else."
    assert Linker(gazetteer.features).link("x", text) == []
    added = corrections.Corrections((entry("add", article="x", feature="aktau"),))
    [mention] = apply_corrections("x", "Crash inquiry", text, [], added, gazetteer.by_id)
    assert (mention.feature_id, mention.alias) == ("aktau", ADDED_BY_ANALYST)
    assert mention.excerpt == "The Aktau crash killed 38 people." == text[mention.start : mention.end]
    assert mention.matched_text == "Aktau"


@pytest.mark.parametrize(
    ("title", "marked"),
    [("Kuryk Ferry Terminal Doubles Its Capacity", "Kuryk"), ("Ferry Traffic Doubles on the Caspian", "")],
)
def test_an_added_feature_no_sentence_names_gets_the_headline(gazetteer, title, marked):
    text = "The ferry complex on the Mangystau coast handled twice the trucks of last year."
    added = corrections.Corrections((entry("add", article="x", feature="kuryk"),))
    [mention] = apply_corrections("x", title, text, [], added, gazetteer.by_id)
    assert (mention.kind, mention.excerpt, mention.alias) == ("headline", title, ADDED_BY_ANALYST)
    assert mention.matched_text == marked


def test_an_add_for_a_feature_the_linker_found_changes_nothing(gazetteer):
    text = "Oil flows through the CPC pipeline to Novorossiysk."
    found = Linker(gazetteer.features).link("x", text)
    added = corrections.Corrections((entry("add", article="x", feature="cpc"),))
    assert apply_corrections("x", "T", text, found, added, gazetteer.by_id) == found


# --- the command line, from a fresh checkout ------------------------------------------------------


@pytest.fixture
def checkout(tmp_path):
    """Seeds and geodata as shipped (corrections.json empty), and no index yet."""
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    geodata = make_geodata(tmp_path / "geodata", GEODATA)
    shutil.copy(GEODATA / corrections.FILE_NAME, geodata / corrections.FILE_NAME)
    return {"seeds": seeds, "geodata": geodata, "data": tmp_path / "data"}


def cli(checkout, *args):
    env = {"DASHBOARD_SEEDS": str(checkout["seeds"]), "DASHBOARD_GEODATA": str(checkout["geodata"])}
    return run_cli(*args, data_dir=checkout["data"], env=env)


def data_cli(checkout, *args):
    result = cli(checkout, *args)
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    return json.loads(result.stdout)


def article_id(checkout, title: str) -> str:
    return next(a["id"] for a in data_cli(checkout, "articles") if a["title"] == title)


def linked(checkout, *extra) -> set[tuple[str, str]]:
    return {(m["article_id"], m["feature_id"]) for m in data_cli(checkout, "mentions", *extra)}


def btc_articles(checkout) -> int:
    return next(f["articles"] for f in data_cli(checkout, "counts")["features"] if f["feature_id"] == "btc")


def test_reject_holds_in_mentions_counts_and_after_the_index_is_deleted(checkout):
    rewiring = article_id(checkout, REWIRING)
    assert (rewiring, "btc") in linked(checkout)
    before = btc_articles(checkout)
    result = cli(
        checkout, "correct", "reject", rewiring, "btc", "--note", "a passing mention", "--seeds", str(checkout["seeds"])
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"geodata/corrections.json: {rewiring} ('{REWIRING}') is not about btc")
    assert (rewiring, "btc") not in linked(checkout)
    assert btc_articles(checkout) == before - 1
    assert (rewiring, "middle-corridor") in linked(checkout), "only the rejected feature goes"
    shutil.rmtree(checkout["data"])
    assert (rewiring, "btc") not in linked(checkout)
    assert (rewiring, "btc") not in linked(checkout, "--no-index")
    [row] = json.loads(cli(checkout, "correct", "list").stdout)
    assert row | {"recorded": ""} == {
        "action": "reject",
        "article_id": rewiring,
        "feature_id": "btc",
        "note": "a passing mention",
        "title": REWIRING,
        "recorded": "",
    }


def test_add_links_the_sentence_naming_it_and_list_gives_csv(checkout):
    crash = article_id(checkout, AKTAU_CRASH)
    assert (crash, "aktau") not in linked(checkout)
    result = cli(checkout, "correct", "add", crash, "aktau")
    assert result.returncode == 0, result.stderr
    [mention] = [m for m in data_cli(checkout, "mentions") if (m["article_id"], m["feature_id"]) == (crash, "aktau")]
    assert mention["alias"] == ADDED_BY_ANALYST
    assert mention["excerpt"].startswith("The Aktau crash of the Azerbaijan Airlines Embraer 190 aircraft")
    assert mention["matched"] == "Aktau"
    listed = cli(checkout, "correct", "list", "--format", "csv").stdout.splitlines()
    assert listed[0] == "action,article_id,feature_id,note,title,recorded"
    assert listed[1].startswith(f"add,{crash},aktau,,")


def test_add_for_an_article_that_never_names_it_links_its_headline(checkout):
    crash = article_id(checkout, AKTAU_CRASH)
    result = cli(checkout, "correct", "add", crash, "cpc", "--note", "the recorder went by pipeline, says the editor")
    assert result.returncode == 0, result.stderr
    shutil.rmtree(checkout["data"])  # and it holds in a rebuilt index
    [mention] = [m for m in data_cli(checkout, "mentions") if (m["article_id"], m["feature_id"]) == (crash, "cpc")]
    assert (mention["alias"], mention["excerpt"], mention["matched"]) == (ADDED_BY_ANALYST, AKTAU_CRASH, "")
    counted = next(f for f in data_cli(checkout, "counts")["features"] if f["feature_id"] == "cpc")
    fresh = next(f for f in data_cli(checkout, "counts", "--no-index")["features"] if f["feature_id"] == "cpc")
    assert counted == fresh


def test_an_empty_list_is_a_header_in_csv_and_an_empty_json_list(checkout):
    assert (
        cli(checkout, "correct", "list", "--format", "csv").stdout
        == "action,article_id,feature_id,note,title,recorded\n"
    )
    assert json.loads(cli(checkout, "correct", "list").stdout) == []


@pytest.mark.parametrize(
    ("article", "feature", "message"),
    [
        ("REWIRING", "no-such-route", "error: 'no-such-route': no route or port has this id"),
        ("0123456789abcdef", "btc", "error: '0123456789abcdef': no article in "),
    ],
)
def test_unknown_ids_exit_2_with_one_line_and_write_nothing(checkout, article, feature, message):
    article = article_id(checkout, REWIRING) if article == "REWIRING" else article
    path = checkout["geodata"] / corrections.FILE_NAME
    before = path.read_bytes()
    result = cli(checkout, "correct", "reject", article, feature)
    assert result.returncode == 2
    assert result.stderr.startswith(message) and result.stderr.count("\n") == 1, result.stderr
    assert "nothing written" in result.stderr
    assert path.read_bytes() == before


def test_a_broken_file_is_reported_the_rest_loads_and_recording_is_refused(checkout):
    rewiring = article_id(checkout, REWIRING)
    path = checkout["geodata"] / corrections.FILE_NAME
    broken = f'[\n  {{"action": "reject", "article_id": "{rewiring}", "feature_id": "btc"}},\n  {{"action": oops}}\n]\n'
    path.write_text(broken)
    result = cli(checkout, "mentions")
    assert result.returncode == 0
    assert "geodata/corrections.json:3: is not valid JSON: Expecting value (column 14)" in result.stderr
    assert (rewiring, "btc") not in {(m["article_id"], m["feature_id"]) for m in json.loads(result.stdout)}
    assert len(json.loads(result.stdout)) > 30, "every other mention still loads"
    refused = cli(checkout, "correct", "reject", rewiring, "cpc")
    assert refused.returncode == 2 and "corrections.json:3" in refused.stderr and "nothing written" in refused.stderr
    assert path.read_text() == broken


def test_check_geodata_names_unknown_features_and_articles_no_page_holds(checkout):
    rewiring = article_id(checkout, REWIRING)
    (checkout["geodata"] / corrections.FILE_NAME).write_text(
        "[\n"
        f'  {{"action": "reject", "article_id": "{rewiring}", "feature_id": "no-such-route"}},\n'
        '  {"action": "add", "article_id": "0123456789abcdef", "feature_id": "btc", "title": "Gone"}\n'
        "]\n"
    )
    result = cli(checkout, "check-geodata")
    assert result.returncode == 1
    assert f"geodata/corrections.json:2: reject {rewiring}: unknown feature id 'no-such-route'" in result.stderr
    assert (
        "geodata/corrections.json:3: add 0123456789abcdef ('Gone') for 'btc': no page holds this article any more"
        in result.stderr
    )


def test_a_read_only_geodata_folder_refuses_with_the_reason(checkout):
    """A real read-only bind mount (needs a private mount namespace: root, or skipped)."""
    if shutil.which("unshare") is None or subprocess.run(["unshare", "-m", "true"], capture_output=True).returncode:
        pytest.skip("no private mount namespace here")
    rewiring = article_id(checkout, REWIRING)
    geodata = checkout["geodata"]
    script = (
        f"mount --bind {geodata} {geodata} && mount -o remount,bind,ro {geodata} && "
        f"exec {sys.executable} -m dashboard correct reject {rewiring} btc "
        f"--geodata {geodata} --seeds {checkout['seeds']}"
    )
    result = subprocess.run(
        ["unshare", "-m", "sh", "-c", script],
        cwd=REPO,
        env={"DASHBOARD_DATA": str(checkout["data"]), "PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2, result.stderr
    assert "cannot write corrections (Read-only file system); nothing written" in result.stderr
    assert (geodata / corrections.FILE_NAME).read_text() == "[]\n"


# --- the app's "not about this" -------------------------------------------------------------------


def open_app(checkout, monkeypatch, feature: str):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("DASHBOARD_SEEDS", str(checkout["seeds"]))
    monkeypatch.setenv("DASHBOARD_GEODATA", str(checkout["geodata"]))
    monkeypatch.setenv("DASHBOARD_DATA", str(checkout["data"]))
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=120)
    at.query_params["feature"] = feature
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def page_html(at) -> str:
    return "".join(h.proto.body for h in at.html)


def test_not_about_this_in_the_app_drops_the_link_and_undo_brings_it_back(checkout, monkeypatch):
    rewiring = article_id(checkout, REWIRING)
    at = open_app(checkout, monkeypatch, "btc")
    assert REWIRING in page_html(at) and "3 articles, 6 mentions" in page_html(at)
    at.button(key=f"reject-btc-{rewiring}").click().run()
    assert not at.exception, [e.value for e in at.exception]
    [entry] = corrections.load(checkout["geodata"]).entries
    assert (entry.action, entry.article_id, entry.feature_id, entry.title) == ("reject", rewiring, "btc", REWIRING)
    assert f"Marked “{REWIRING}” as not about this." in page_html(at)
    excerpts = "".join(h.proto.body for h in at.html if 'data-testid="excerpt"' in h.proto.body)
    assert REWIRING not in excerpts and "BTC" in excerpts
    assert "2 articles, 4 mentions" in page_html(at), "the card's counts follow"
    at.button(key="undo-last").click().run()
    assert corrections.load(checkout["geodata"]).entries == ()
    assert (checkout["geodata"] / corrections.FILE_NAME).read_text() == "[]\n"
    assert "3 articles, 6 mentions" in page_html(at)


def test_the_control_is_hidden_and_the_card_says_why_when_corrections_cannot_be_written(checkout, monkeypatch):
    (checkout["geodata"] / corrections.FILE_NAME).write_text("[\n  {oops}\n]\n")
    at = open_app(checkout, monkeypatch, "btc")
    assert not [b for b in at.button if str(b.key).startswith(("reject-", "undo-"))]
    assert 'data-testid="excerpt"' in page_html(at), "the excerpts still show"
    assert "Links cannot be corrected here: geodata/corrections.json:2: is not valid JSON" in page_html(at)
