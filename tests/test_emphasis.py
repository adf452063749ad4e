"""The app map's selection as a stylesheet (`emphasis`): each rule aims at the SVG element plotly
draws for the selected feature, found by the trace's place among its panel's drawn traces."""

from __future__ import annotations

import re

import pytest
from conftest import GEODATA

from dashboard.chart_frame import ChartMeta
from dashboard.emphasis import DIMMED_OPACITY, emphasis_css
from dashboard.gazetteer import load_gazetteer
from dashboard.geomap import map_figure
from dashboard.style import HALO

RULE = re.compile(
    r"g\.geo\.(geo\d?)\S* \.scatterlayer > g\.trace:nth-child\((\d+)\) (path\.js-line|path\.point:nth-child\((\d+)\)) \{([^}]*)\}"
)


@pytest.fixture(scope="module")
def traces():
    gazetteer = load_gazetteer(GEODATA)
    figure = map_figure(gazetteer.features, gazetteer.basemap, {}, ChartMeta("map"), framed=False)
    return figure.to_dict()["data"]


def drawn(traces, geo):
    return [t for t in traces if (t.get("geo") or "geo") == geo]


def test_a_route_is_widened_and_haloed_in_both_panels_and_the_other_routes_dimmed(traces):
    rules = RULE.findall(emphasis_css(traces, "btc", ".st-key-map"))
    widened = [(geo, int(n)) for geo, n, _, _, style in rules if "stroke-width" in style]
    assert {geo for geo, _ in widened} == {"geo", "geo2"}
    for geo, n in widened:
        trace = drawn(traces, geo)[n - 1]
        assert trace["meta"] == "btc" and trace["mode"] == "lines"
    styles = [style for *_, style in rules if "stroke-width" in style]
    assert all(HALO in style for style in styles)
    dimmed = [drawn(traces, geo)[int(n) - 1] for geo, n, _, _, style in rules if f"opacity: {DIMMED_OPACITY}" in style]
    assert dimmed and all(t["meta"] not in ("btc", None) and t["mode"] == "lines" for t in dimmed)
    assert not any(t.get("name") == "base map" for t in dimmed)


def test_a_port_is_ringed_at_its_own_marker(traces):
    rules = RULE.findall(emphasis_css(traces, "poti", ".st-key-map"))
    ringed = [(geo, int(n), int(point)) for geo, n, _, point, style in rules if point]
    assert {geo for geo, *_ in ringed} == {"geo", "geo2"}
    for geo, n, point in ringed:
        assert drawn(traces, geo)[n - 1]["meta"][point - 1] == "poti"
    assert not [rule for rule in rules if "js-line" in rule[2] and "stroke-width" in rule[4]]


def test_the_overview_panel_is_told_apart_from_the_detail(traces):
    css = emphasis_css(traces, "btc", ".st-key-map")
    assert "g.geo.geo:not(.geo2) " in css and "g.geo.geo2 " in css and ":not(.geo)" not in css


def test_nothing_selected_or_unknown_gives_no_rule(traces):
    assert emphasis_css(traces, None, ".st-key-map") == ""
    assert emphasis_css(traces, "no-such-id", ".st-key-map") == ""
