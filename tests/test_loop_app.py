"""The analyst's daily loop in the app (issue 26), with AppTest: "What's new" shows every feature that
moved with "show all", the sentence under each badge and every new article; the card cites the
article (its URL, its date and what kind of date) rather than a page file; the header shows one kind
of date; "Picked up N new pages" only for the session that loaded them."""

from __future__ import annotations

import os
import re
import shutil
from datetime import UTC, datetime
from html import unescape

import pytest
from conftest import PAGES, REPO, make_geodata
from streamlit.testing.v1 import AppTest

APP = str(REPO / "app.py")
ALAT_URL = "https://caspiancourier.example.com/business/2025/04/alat-free-zone-first-tenant/"

# Ten features in the news, 1..9 March 2026; the CPC twice, its newest piece with no tag.
CACI = "".join(
    f"Ann Author\nMarch {day}, 2026\n{text}\n"
    for day, text in [
        (1, "A drone attack on the Caspian Pipeline Consortium halted loadings at its Novorossiysk terminal."),
        (2, "The Baku–Tbilisi–Ceyhan pipeline resumed full pumping after repairs were finished."),
        (3, "The port of Aktau signed an agreement with a Chinese operator to expand its container terminal."),
        (4, "The port of Kuryk opened a new ferry berth for rail cargo."),
        (5, "The port of Poti began dredging its outer harbour for larger container ships."),
        (6, "The port of Batumi reported record oil product volumes for February."),
        (7, "The Anaklia deep sea port project signed a dredging contract with a Belgian company."),
        (8, "The Supsa terminal loaded its first tanker since the restart of the Western Route Export Pipeline."),
        (9, "The Caspian Pipeline Consortium published its annual sustainability report."),
    ]
)
EDM = """Categories
Energy Kazakhstan

Kazakhstan Weighs Its Oil Routes

The port of Turkmenbashi handled more ferries from Baku this winter, officials said.
"""


@pytest.fixture
def loop_env(tmp_path, monkeypatch):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "caci.txt").write_text(CACI, encoding="utf-8")
    (seeds / "edm.txt").write_text(EDM, encoding="utf-8")
    saved = datetime(2026, 3, 6, 10, tzinfo=UTC).timestamp()
    os.utime(seeds / "edm.txt", (saved, saved))  # an EDM listing has no date: its file's time is used
    alat = (PAGES / "articles" / "caspian_courier_alat.html").read_text(encoding="utf-8")
    alat = alat.replace("2025-04-14", "2026-03-04").replace("14 April 2025", "4 March 2026")
    (seeds / "037_saved_article.html").write_text(alat, encoding="utf-8")
    geodata = make_geodata(tmp_path / "geodata", REPO / "geodata")
    shutil.copy(REPO / "geodata" / "events.json", geodata / "events.json")
    monkeypatch.setenv("DASHBOARD_SEEDS", str(seeds))
    monkeypatch.setenv("DASHBOARD_GEODATA", str(geodata))
    monkeypatch.setenv("DASHBOARD_DATA", str(tmp_path / "data"))
    return seeds


def run_app(query: dict | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def rows(at: AppTest) -> dict[str, str]:
    found = {}
    for element in at.html:
        match = re.search(r'data-testid="whats-new-row" data-feature="([^"]+)"', element.proto.body)
        if match:
            found[match[1]] = element.proto.body
    return found


def html(at: AppTest) -> str:
    return " ".join(h.proto.body for h in at.html)


def test_whats_new_shows_every_feature_that_moved(loop_env):
    at = run_app()
    assert len(rows(at)) == 6
    assert [c.value for c in at.caption if "moved" in c.value] == [
        "6 of 13 routes and ports that moved, largest rise first."
    ]
    at.button(key="whats-new-all").click().run()
    assert len(rows(at)) == 13
    assert {"supsa", "anaklia", "poti", "turkmenbashi"} <= rows(at).keys()
    assert at.button(key="whats-new-all").label == "Show fewer"
    at.button(key="whats-new-all").click().run()
    assert len(rows(at)) == 6


def test_a_badge_shows_the_sentence_that_earned_it_and_a_row_opens_to_every_article(loop_env):
    at = run_app()
    at.button(key="whats-new-all").click().run()
    cpc = rows(at)["cpc"]
    earned = re.search(r'data-testid="whats-new-excerpt" data-tag="disruption">(.*?)</div></div>', cpc)
    assert earned and "A drone attack on the Caspian Pipeline Consortium" in earned[1]
    assert "sustainability report" not in earned[1]  # the newest piece, tagged nothing
    fold = cpc[cpc.index('data-testid="whats-new-articles"') :]
    assert "2 new articles" in fold
    assert fold.count('data-testid="whats-new-article"') == 2
    assert "sustainability report" in fold and 'data-tag="disruption"' in fold


def window_caption(at: AppTest) -> str:
    return next(c.value for c in at.caption if " against " in c.value)


def warnings(at: AppTest) -> list[str]:
    return [unescape(h.proto.body) for h in at.html if 'data-kind="warning"' in h.proto.body]


def test_the_since_date_is_typed_and_a_bad_one_is_said_not_raised(loop_env):
    at = run_app()
    since = at.text_input(key="whats_new_since")
    assert since.placeholder == "2026-02-08" and window_caption(at).startswith("2026-02-08 to 2026-03-09")
    since.input("2026-03-05").run()  # what Enter or leaving the box sends
    assert not at.exception and window_caption(at).startswith("2026-03-05 to 2026-03-09 against 2026-02-28")
    assert "cpc" in rows(at) and "btc" not in rows(at)  # 9 March in the window, 2 March before it
    for typed, said in [
        ("5 March", "'5 March' is not a date (YYYY-MM-DD): showing the 30 days to 2026-03-09."),
        ("2026-02-30", "'2026-02-30' is not a date (YYYY-MM-DD)"),
        ("2027-01-01", "2027-01-01 is after the newest date: showing 2026-03-09 alone."),
    ]:
        at.text_input(key="whats_new_since").input(typed).run()
        assert not at.exception, typed
        assert any(said in w for w in warnings(at)), (typed, warnings(at))
    assert window_caption(at).startswith("2026-03-09 to 2026-03-09")
    at.text_input(key="whats_new_since").input("").run()
    assert window_caption(at).startswith("2026-02-08 to 2026-03-09") and not warnings(at)


def test_excerpts_cite_the_article_and_its_kind_of_date(loop_env):
    at = run_app({"feature": "alat"})
    excerpts = "".join(h.proto.body for h in at.html if 'data-testid="excerpt"' in h.proto.body)
    assert f'href="{ALAT_URL}" target="_blank" rel="noopener noreferrer"' in excerpts
    assert "2026-03-04 (published)" in excerpts
    assert ">037_saved_article.html" not in excerpts  # the page file is no citation
    at.button(key="whats-new-all").click().run()
    alat_row = rows(at)["alat"]
    assert f'href="{ALAT_URL}"' in alat_row


def test_an_entry_no_page_dates_is_in_the_window_dated_seen(loop_env):
    at = run_app()
    at.button(key="whats-new-all").click().run()
    turkmenbashi = rows(at)["turkmenbashi"]
    assert "2026-03-06 (seen)" in turkmenbashi
    assert "Kazakhstan Weighs Its Oil Routes" in turkmenbashi


def test_header_shows_one_kind_of_date_and_no_file_name(loop_env):
    at = run_app()
    header = next(h.proto.body for h in at.html if 'data-kind="caption"' in h.proto.body)
    assert "articles dated 2026-03-01 to 2026-03-09" in header
    assert ".txt" not in header and ".html" not in header and "newest page" not in header


def test_picked_up_is_said_to_the_session_that_loaded_the_pages_only(loop_env):
    run_app()
    (loop_env / "more.txt").write_text(CACI.replace("2026", "2025"), encoding="utf-8")
    loading = run_app()  # a reload in the browser is a new session: it loads the new page
    assert "Picked up 1 new page." in html(loading)
    later = run_app()  # another visitor, after the load
    assert "Picked up" not in html(later)


def test_select_in_whats_new_brings_the_card_into_view(loop_env):
    at = run_app()
    at.button(key="whats-new-cpc").click().run()
    assert at.session_state.selected == "cpc"
    scripts = [h for h in at.html if "scrollIntoView" in h.proto.body]
    assert scripts and '"cpc"' in scripts[0].proto.body
    at.run()
    assert not [h for h in at.html if "scrollIntoView" in h.proto.body], "only right after the click"
