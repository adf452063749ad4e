"""The route's record in the card (AppTest): the status in the news beside the geodata's status, the
strip of event signals with a click showing its sentence, and by the numbers (a chart per measure, a
click showing a figure's sentence, the disagreement side by side, the table), on a small folder of
article pages written for it (`tests/pages/record`: two outlets, a disruption reported by both, then a
restoration; 63.5 against 58 million tonnes for the CPC's 2025 volume)."""

from __future__ import annotations

import json
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


def run_app(query: dict, card_tab: str | None = None) -> AppTest:
    """The app with `query` in the URL; `card_tab`: the card's tab opened, as a user would."""
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=120)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    if card_tab:
        at.session_state["card-tabs"] = card_tab
        at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def html_with(at: AppTest, marker: str) -> str:
    return "".join(h.proto.body for h in at.html if marker in h.proto.body)


def test_the_card_shows_the_status_in_the_news_and_the_strip(record_env):
    at = run_app({"feature": "cpc"})
    assert not [c for c in at.get("plotly_chart") if c.proto.id and "strip-cpc" in c.proto.id]  # a closed tab
    at = run_app({"feature": "cpc"}, card_tab="Event signals")
    card = html_with(at, 'data-testid="feature-card"')
    assert "<td>Status</td><td>operating</td>" in card
    assert (
        "<td>Status in the news</td><td>restored 2026-11-20 (1 source), after a disruption reported from "
        "2026-10-27</td>" in card
    )
    strip = next(c for c in at.get("plotly_chart") if c.proto.id and "strip-cpc" in c.proto.id)
    traces = {t["name"]: t for t in json.loads(strip.proto.spec)["data"]}
    assert list(traces["disruption"]["x"]) == ["2026-10-27", "2026-10-29"]
    assert list(traces["restoration"]["x"]) == ["2026-11-20"]
    assert html_with(at, 'data-testid="strip-excerpt"') == ""
    # A click on the second disruption mark shows the words that gave it, the sentence and its source.
    at.session_state["strip-cpc"] = {"selection": {"points": [{"customdata": traces["disruption"]["customdata"][1]}]}}
    at.run()
    shown = html_with(at, 'data-testid="strip-excerpt"')
    assert "Kazakh crude stuck as CPC loadings stay halted" in shown and "(“halted”)" in shown
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


def test_by_the_numbers_shows_the_chart_the_disagreement_and_the_table(record_env):
    at = run_app({"feature": "cpc"}, card_tab="By the numbers")
    tabs = [t.label for t in at.tabs if " · " in t.label]
    assert tabs == ["volume (t) · 2", "capacity (t per year) · 1"]
    chart = next(c for c in at.get("plotly_chart") if c.proto.id and "numbers-cpc-0" in c.proto.id)
    assert "63.5 million tonnes" in chart.proto.spec and "58 million tonnes" in chart.proto.spec
    pair = html_with(at, 'data-testid="disagreement"')
    assert "Disagree: volume, 2025 — 9.5% apart" in pair
    assert pair.index("58 million t") < pair.index("63.5 million t")  # the lower first
    assert "Black Sea Wire" in pair and "Steppe Courier" in pair
    table = at.dataframe[0].value
    assert table["stated"].tolist() == ["58 million tonnes", "63.5 million tonnes", "67 million tonnes per year"]
    assert table["disagrees"].tolist() == [True, True, False]
    # A click on a point shows the sentence the figure stands in, with its source.
    at.session_state["numbers-cpc-0"] = {"selection": {"points": [{"customdata": [1]}]}}
    at.run()
    shown = html_with(at, 'data-testid="figure-excerpt"')
    assert "The Caspian Pipeline Consortium shipped 63.5 million tonnes of oil in 2025" in shown
    assert "Steppe Courier · 2026-09-15" in shown
