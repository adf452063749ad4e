"""Page logic in-process with Streamlit's AppTest: selection from the URL and the map, filters,
empty corpus, broken geodata, hostile page text."""

from __future__ import annotations

import json
import re
import shutil

import pytest
from conftest import PAGES, REPO, SEEDS, make_geodata
from streamlit.testing.v1 import AppTest

from dashboard.ui.counts import COUNT_TABS

APP = str(REPO / "app.py")


@pytest.fixture
def env(tmp_path, monkeypatch, small_geodata):
    """Point the app at private copies of the seeds and geodata, and a private index."""
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    monkeypatch.setenv("DASHBOARD_SEEDS", str(seeds))
    monkeypatch.setenv("DASHBOARD_GEODATA", str(small_geodata))
    monkeypatch.setenv("DASHBOARD_DATA", str(tmp_path / "data"))
    return {"seeds": seeds, "geodata": small_geodata}


def run_app(query: dict | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def card(at: AppTest) -> str:
    return next((h.proto.body for h in at.html if 'data-testid="feature-card"' in h.proto.body), "")


def notices(at: AppTest, kind: str) -> list[str]:
    """Text of the plain-HTML notices (`ui.html.notice`) of one kind: caption, info, warning, error."""
    return [h.proto.body for h in at.html if f'data-kind="{kind}"' in h.proto.body]


def excerpts_html(at: AppTest) -> str:
    return "".join(h.proto.body for h in at.html if 'data-testid="excerpt"' in h.proto.body)


def test_page_loads_with_header_and_nothing_selected(env):
    at = run_app()
    assert at.title[0].value == "Corridor Watch"
    assert "32 articles from 3 sources" in notices(at, "caption")[0]
    assert "articles dated 2022-01-26 to 2026-02-23 · 5 pages" in notices(at, "caption")[0]
    assert at.selectbox(key="feature_box").value == ""
    assert card(at) == ""
    assert "feature" not in at.query_params


def test_feature_from_the_url_is_selected(env):
    at = run_app({"feature": "cpc"})
    assert 'data-feature="cpc"' in card(at)
    assert "Caspian Pipeline Consortium" in card(at)
    assert at.selectbox(key="feature_box").value == "cpc"
    # seven mentions in five sentences and one headline: one sentence names it twice, and shows once
    # with both marked; the headline shows as the headline
    assert excerpts_html(at).count('data-testid="excerpt"') == 6
    assert excerpts_html(at).count('data-kind="headline"') == 1
    assert "<b>Headline:</b> Opinion: Why Russia May Stop Oil Supplies via the <mark>CPC</mark>" in excerpts_html(at)
    assert "<mark>Caspian Pipeline Consortium</mark> (<mark>CPC</mark>)" in excerpts_html(at)


def test_bad_id_in_the_url_gives_a_short_notice(env):
    at = run_app({"feature": "no-such-route"})
    assert any("No route or port has the id &#x27;no-such-route&#x27;" in n for n in notices(at, "info"))
    assert card(at) == "" and not at.error


def test_map_click_selects_and_goes_into_the_url(env):
    at = run_app()
    at.session_state["map"] = {"selection": {"points": [{"curve_number": 9, "point_index": 3, "customdata": "btc"}]}}
    at.run()
    assert 'data-feature="btc"' in card(at)
    assert at.query_params["feature"] == "btc"
    assert at.selectbox(key="feature_box").value == "btc"


def test_select_box_overrides_an_earlier_map_click(env):
    at = run_app()
    at.session_state["map"] = {"selection": {"points": [{"customdata": ["btc"]}]}}
    at.run()
    at.selectbox(key="feature_box").select("aktau").run()
    assert 'data-feature="aktau"' in card(at)
    assert at.query_params["feature"] == "aktau"


def test_filters_change_every_panel(env):
    at = run_app({"feature": "middle-corridor"})
    all_sources = excerpts_html(at).count('data-testid="excerpt"')
    at.sidebar.multiselect(key="sources").select("Jamestown Eurasia Daily Monitor").run()
    only_edm = excerpts_html(at)
    assert 0 < only_edm.count('data-testid="excerpt"') < all_sources
    assert "Times of Central Asia" not in only_edm
    assert "1 article" in card(at)


def test_search_box_filters_by_full_text(env):
    at = run_app({"feature": "btc"})
    at.sidebar.text_input(key="search").input("barges").run()
    assert any("1 article(s) match" in c.value for c in at.sidebar.caption)
    assert "Opinion: Why Russia May Stop Oil Supplies via the CPC" in excerpts_html(at)
    assert "Rewiring the Middle Corridor" not in excerpts_html(at)


def test_excerpt_text_filter(env):
    at = run_app({"feature": "cpc"})
    at.text_input(key="excerpt_filter").input("Chevron").run()
    assert excerpts_html(at).count('data-testid="excerpt"') == 1


def test_the_newest_excerpts_show_first_and_more_on_request(env, monkeypatch):
    from dashboard.ui import detail

    monkeypatch.setattr(detail, "EXCERPTS_FIRST", 2)
    monkeypatch.setattr(detail, "EXCERPTS_MORE", 3)
    at = run_app({"feature": "cpc"})
    total = int(re.search(r"\*\*(\d+) sentences\*\* mention it", at.markdown[-1].value).group(1))
    assert total > 5
    assert excerpts_html(at).count('data-testid="excerpt"') == 2
    assert "(the newest 2)" in at.markdown[-1].value
    at.button(key="more-cpc").click().run()
    assert excerpts_html(at).count('data-testid="excerpt"') == 5


def test_empty_corpus(env, tmp_path, monkeypatch):
    empty = tmp_path / "empty"
    empty.mkdir()
    monkeypatch.setenv("DASHBOARD_SEEDS", str(empty))
    at = run_app()
    assert "0 articles" in notices(at, "caption")[0]
    assert any("No articles yet" in n for n in notices(at, "info"))


def test_missing_seeds_folder_is_a_message_not_a_traceback(env, tmp_path, monkeypatch):
    monkeypatch.setenv("DASHBOARD_SEEDS", str(tmp_path / "missing"))
    at = run_app()
    assert "seeds folder not found" in notices(at, "error")[0]


def test_broken_geodata_shows_problems_and_keeps_the_rest(env):
    routes = env["geodata"] / "routes.geojson"
    routes.write_text(routes.read_text(encoding="utf-8")[:-200], encoding="utf-8")  # cut: not JSON any more
    ports = json.loads((env["geodata"] / "ports.geojson").read_text(encoding="utf-8"))
    ports["features"][0]["geometry"] = {"type": "Polygon", "coordinates": [[[51, 43], [52, 43], [52, 44], [51, 43]]]}
    (env["geodata"] / "ports.geojson").write_text(json.dumps(ports), encoding="utf-8")
    at = run_app({"feature": "alat"})
    assert "problem(s)" in at.expander[0].label
    problems = " ".join(t.value for t in at.text)
    assert re.search(r"geodata/routes\.geojson:\d+: is not valid JSON", problems)
    assert "feature 'aktau': should be Point (kind 'port'), got Polygon" in problems
    assert 'data-feature="alat"' in card(at)


def test_hostile_page_text_is_escaped(env):
    shutil.copy(PAGES / "hostile" / "hostile_tca.txt", env["seeds"] / "zz_hostile.txt")
    at = run_app({"feature": "aktau"})
    body = excerpts_html(at)
    assert "&lt;script&gt;alert(&#x27;title&#x27;)&lt;/script&gt;" in body
    assert "&lt;img src=x onerror=alert(&#x27;excerpt&#x27;)&gt;" in body
    assert "<script" not in body and "<img" not in body and "<a " not in body
    assert "[this](http://evil.example)" in body  # markdown is not interpreted either


def drawn(at: AppTest) -> tuple[list[str], list[str]]:
    """The charts drawn (by name) and what their CSV buttons are named after."""
    charts = [c.proto.id.rsplit("-chart-", 1)[1] for c in at.get("plotly_chart") if "-chart-" in c.proto.id]
    csv = [b.proto.id.rsplit("-", 2)[-2] for b in at.download_button if b.proto.label == "CSV"]
    return charts, csv


def rates_tables(at: AppTest) -> int:
    return sum("pair" in d.value.columns for d in at.dataframe)


def test_downloads_offer_data_for_every_chart(env):
    """Each tab's chart and its downloads are drawn while it is open, and only then (issue 24): one
    count chart at a time, and the currency history once its tab is opened."""
    at = run_app({"feature": "btc"})
    assert rates_tables(at) == 1  # the newest rates open first
    for tab, name in COUNT_TABS.items():
        at.session_state["count-tabs"] = tab
        at.run()
        assert drawn(at) == ([name], [name.rsplit("-", 1)[-1]])
    at.session_state["rates-tabs"] = "History"
    at.run()
    assert drawn(at) == (["co-mentions", "currencies"], ["mentions", "currencies"])
    assert rates_tables(at) == 0
    labels = [b.proto.label for b in at.download_button]
    assert labels.count("GeoJSON") == labels.count("GeoPackage") == labels.count("KML") == 1
    assert len({b.proto.id for b in at.download_button}) == len(labels)


def test_broken_seeds_still_render(env):
    shutil.copytree(PAGES / "bad", env["seeds"] / "bad")
    at = run_app()
    problems = " ".join(t.value for t in at.text)
    assert "seeds/bad/empty.txt: empty file" in problems and "seeds/bad/binary.bin: binary file" in problems


def test_real_geodata_loads_in_the_app(env, tmp_path, monkeypatch):
    monkeypatch.setenv("DASHBOARD_GEODATA", str(make_geodata(tmp_path / "real", REPO / "geodata")))
    at = run_app({"feature": "btc"})
    assert 'data-feature="btc"' in card(at)


def test_a_click_where_routes_meet_offers_the_others_under_the_pointer(env, tmp_path, monkeypatch):
    """BTC and BTK both end at Sangachal, beside the Alat port: a click there picks one and lists the
    others drawn under the pointer, and picking one from that list opens its card."""
    monkeypatch.setenv("DASHBOARD_GEODATA", str(make_geodata(tmp_path / "geodata-full", REPO / "geodata")))
    at = run_app()
    at.session_state["map"] = {"selection": {"points": [{"customdata": "btc", "lon": 49.48, "lat": 40.172}]}}
    at.run()
    assert 'data-feature="btc"' in card(at)
    others = at.selectbox(key="also_box")
    assert "Baku–Tbilisi–Kars railway (railway)" in others.options
    assert not [o for o in others.options if o.startswith("Baku–Tbilisi–Ceyhan")]
    others.select("btk").run()
    assert 'data-feature="btk"' in card(at)
    assert at.query_params["feature"] == "btk"
    assert not [s for s in at.selectbox if s.key == "also_box"]  # the list goes once a choice is made
