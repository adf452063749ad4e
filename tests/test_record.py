"""The route's record in the card (AppTest): the status in the news beside the geodata's status, the
strip of event signals with a click showing its sentence, on a small folder of article pages written
for it (`tests/pages/record`: two outlets, a disruption reported by both, then a restoration)."""

from __future__ import annotations

import shutil

import pytest
from conftest import GEODATA, PAGES, REPO, make_geodata
from streamlit.testing.v1 import AppTest

RECORD_PAGES = PAGES / "record"


@pytest.fixture
def record_env(tmp_path, monkeypatch, data_dir):
    seeds = tmp_path / "seeds"
    shutil.copytree(RECORD_PAGES, seeds)
    geodata = make_geodata(tmp_path / "geodata", GEODATA)
    shutil.copy(GEODATA / "events.json", geodata / "events.json")
    monkeypatch.setenv("DASHBOARD_SEEDS", str(seeds))
    monkeypatch.setenv("DASHBOARD_GEODATA", str(geodata))
    return seeds


def run_app(query: dict) -> AppTest:
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=120)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def html_with(at: AppTest, marker: str) -> str:
    return "".join(h.proto.body for h in at.html if marker in h.proto.body)


def test_the_card_shows_the_status_in_the_news_and_the_strip(record_env):
    at = run_app({"feature": "cpc"})
    card = html_with(at, 'data-testid="feature-card"')
    assert "<td>Status</td><td>operating</td>" in card
    assert (
        "<td>Status in the news</td><td>restored 2026-11-20 (1 source), after a disruption reported from "
        "2026-10-27</td>" in card
    )
    strip = next(c for c in at.get("plotly_chart") if c.proto.id and "strip-cpc" in c.proto.id)
    assert '"disruption"' in strip.proto.spec and '"restoration"' in strip.proto.spec
    assert html_with(at, 'data-testid="strip-excerpt"') == ""
    # A click on the second disruption mark (signals are in date order) shows its sentence.
    at.session_state["strip-cpc"] = {"selection": {"points": [{"customdata": [1]}]}}
    at.run()
    shown = html_with(at, 'data-testid="strip-excerpt"')
    assert "(“halted”) in the headline: Kazakh crude stuck as CPC loadings stay halted" in shown
    assert "Black Sea Wire · 2026-10-29" in shown and 'data-tag="disruption"' in shown
    # What's new (the 30 days to the newest page): the status changed in the window.
    assert "status in the news: restored 2026-11-20 (1 source), after a disruption reported from 2026-10-27" in (
        html_with(at, 'data-testid="whats-new-status"')
    )


def test_sidebar_filters_apply_to_the_status(record_env):
    at = run_app({"feature": "cpc"})
    at.sidebar.multiselect(key="sources").select("Black Sea Wire").run()
    card = html_with(at, 'data-testid="feature-card"')
    assert "disrupted since 2026-10-29 — no restoration reported since (1 source)" in card
