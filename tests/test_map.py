"""The map figure on the shipped geodata: what each panel shows, everything on its geometry, every
port labelled in the detail, a selection as an overlay, what a hover says, and a legend that matches
the drawing and keeps its order."""

from __future__ import annotations

import math

import pytest
from conftest import GEODATA
from plotly.io.json import to_json_plotly

from dashboard.chart_frame import ChartMeta, short_label
from dashboard.features import short_name
from dashboard.gazetteer import load_gazetteer
from dashboard.geomap import (
    LEGEND_NAME_CHARS,
    MAP_CLICK_TRACE,
    SELECTION_TRACE,
    app_views,
    map_figure,
    port_sizes,
    selection_traces,
)
from dashboard.mapview import features_at
from dashboard.style import HALO


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer(GEODATA)


def figure(gazetteer, stats=None, **kwargs):
    return map_figure(gazetteer.features, gazetteer.basemap, stats or {}, ChartMeta("map"), framed=False, **kwargs)


def test_the_overview_holds_every_route_and_port_and_the_detail_the_caucasus(gazetteer):
    layout = figure(gazetteer).layout
    west, east = layout.geo.lonaxis.range
    south, north = layout.geo.lataxis.range
    assert west < 28.66 and east > 119.45  # Constanța to Lianyungang
    for feature in gazetteer.features:
        for lon, lat in (p for line in feature.lines for p in line):
            assert west < lon < east and south < lat < north, feature.id
    d_west, d_east = layout.geo2.lonaxis.range
    d_south, d_north = layout.geo2.lataxis.range
    for fid in ("poti", "batumi", "anaklia", "supsa", "alat", "sangachal", "aktau", "kuryk", "turkmenbashi"):
        lon, lat = gazetteer.by_id[fid].point
        assert d_west < lon < d_east and d_south < lat < d_north, fid
    assert (d_east - d_west) * 3 < east - west  # the detail is a close-up


def test_every_line_and_marker_is_drawn_on_its_geometry(gazetteer):
    """No lanes and no pushed markers: what is drawn is the file's geometry, so it stays true at any
    zoom (Poti on the coast, BTC through Georgia where the file has it)."""
    fig = figure(gazetteer, {f.id: (10, 10) for f in gazetteer.features}, selected="btc")
    for geo in ("geo", "geo2"):
        drawn_lines = {t.legendgroup: t for t in fig.data if t.mode == "lines" and t.legendgroup and t.geo == geo}
        for route in (f for f in gazetteer.features if f.is_route):
            trace = drawn_lines[route.id]
            points = {(lon, lat) for lon, lat in zip(trace.lon, trace.lat, strict=True) if lon == lon}
            same_dash = [
                line
                for line, leg in zip(route.lines, route.legs, strict=True)
                if (leg.get("mode") == "sea") == (trace.line.dash == "dash")
            ]
            assert points == {tuple(p) for line in same_dash for p in line}, (route.id, geo)
        markers = [t for t in fig.data if t.geo == geo and t.name in ("port", "terminal", "dry port")]
        at = {(lon, lat) for t in markers for lon, lat in zip(t.lon, t.lat, strict=True)}
        inside = [f for f in gazetteer.ports if geo == "geo" or f.id in ("poti", "batumi", "alat")]
        assert {f.point for f in inside} <= at, geo
    assert not [t for t in fig.data if t.name in ("leader lines", "true points")]


def test_every_port_in_the_detail_is_labelled(gazetteer):
    fig = figure(gazetteer, {f.id: (10, 10) for f in gazetteer.features}, marked=frozenset({"poti", "btc"}))
    labels = {
        text for t in fig.data if t.geo == "geo2" and t.name in ("port", "terminal", "dry port") for text in t.text
    }
    for fid in ("poti", "batumi", "anaklia", "supsa", "alat", "sangachal", "aktau", "kuryk", "turkmenbashi"):
        assert short_name(gazetteer.by_id[fid]) in labels, fid


def test_a_selection_is_an_overlay_over_the_same_map(gazetteer):
    stats = {"btc": (3, 3), "poti": (2, 2)}
    plain = figure(gazetteer, stats, marked=frozenset({"btc"}))
    chosen = figure(gazetteer, stats, selected="btc", marked=frozenset({"btc"}))
    extra = [t for t in chosen.data if t.name == SELECTION_TRACE]
    rest = [t for t in chosen.data if t.name != SELECTION_TRACE]
    assert to_json_plotly(rest) == to_json_plotly(plain.data)
    assert {t.geo for t in extra} == {"geo", "geo2"}
    halo = [t for t in extra if t.line.color == HALO]
    core = [t for t in extra if t.line.color and t.line.color != HALO]
    widths = {t.line.width for t in plain.data if t.legendgroup == "btc" and t.mode == "lines"}
    assert halo and core and min(t.line.width for t in core) > max(widths)
    names = [t.name for t in chosen.data]
    last_overlay = max(n for n, name in enumerate(names) if name == SELECTION_TRACE)
    assert names.index("disruption") > last_overlay and names.index("port") > last_overlay  # nothing hidden
    port = [t for t in figure(gazetteer, stats, selected="poti").data if t.name == SELECTION_TRACE]
    assert port and all(t.marker.line.color == HALO for t in port)
    assert selection_traces(gazetteer.features, stats, "no-such-id") == []


def test_a_click_fades_nothing(gazetteer):
    """plotly styles unselected points after a click: labels, marks and markers keep their look."""
    fig = figure(gazetteer, marked=frozenset({"btc"}))
    for trace in fig.data:
        if trace.name in ("port", "terminal", "dry port", "disruption") and trace.lon[0] is not None:
            assert trace.unselected.marker.opacity == 1 and trace.unselected.textfont.color, trace.name
        if trace.name == "sea names":
            assert trace.unselected.textfont.color


def test_every_route_hover_names_it_with_kind_status_capacity_and_articles(gazetteer):
    stats = {"btc": (3, 6)}
    fig = figure(gazetteer, stats)
    hovers = {t.customdata[0]: t.hovertemplate for t in fig.data if t.name == MAP_CLICK_TRACE and t.hovertemplate}
    routes = [f for f in gazetteer.features if f.is_route]
    for route in routes:
        assert route.name.split(" (")[0] in hovers[route.id], route.id
        assert f"{route.kind} · {route.status}" in hovers[route.id]
        assert "Capacity: " in hovers[route.id]
    assert "3 articles, 6 mentions" in hovers["btc"]
    assert "Capacity: 1.2 million bbl/d" in hovers["btc"]
    ports = next(t for t in fig.data if t.name == MAP_CLICK_TRACE and t.hovertext)
    assert len(ports.hovertext) == len(gazetteer.ports) and all("Capacity: " in h for h in ports.hovertext)


def legend(fig):
    return [(t.name, t.line.dash if t.mode == "lines" else None) for t in fig.data if t.showlegend is not False]


def test_legend_names_each_route_once_in_a_fixed_order_with_the_drawn_dash(gazetteer):
    plain = figure(gazetteer)
    busy = figure(gazetteer, {"btc": (9, 9), "aktau": (5, 5)}, selected="btc", marked=frozenset({"cpc"}))
    entries = legend(plain)
    routes = [f for f in gazetteer.features if f.is_route]
    assert [name for name, _ in entries[: len(routes)]] == [
        short_label(short_name(f), LEGEND_NAME_CHARS) for f in routes
    ]
    assert [e for e in legend(busy) if e[0] != "disruption"] == entries
    ranks = [t.legendrank for t in plain.data if t.showlegend is not False]
    assert ranks == sorted(ranks)
    drawn_dash = {t.legendgroup: t.line.dash for t in plain.data if t.mode == "lines" and t.legendgroup}
    sgc = dict(entries)["Southern Gas Corridor"]
    assert sgc == drawn_dash["southern-gas-corridor"] == "solid"  # the gas line is drawn solid
    colours = {t.line.color for t in plain.data if t.mode == "lines" and t.showlegend}
    assert len(colours) == len(routes), "every route has its own colour"


def test_marked_features_get_a_red_mark_in_both_panels_and_one_legend_entry(gazetteer):
    fig = figure(gazetteer, marked=frozenset({"btc", "poti", "no-such-id"}))
    marks = [t for t in fig.data if t.name == "disruption"]
    assert len(marks) == 2 and all(list(m.text) == ["!", "!"] for m in marks)
    assert sum(m.showlegend is not False for m in marks) == 1
    assert gazetteer.by_id["poti"].point in set(zip(marks[0].lon, marks[0].lat, strict=True))
    assert figure(gazetteer, marked=frozenset({"no-such-id"})).data[-1].name != "disruption"


def test_a_click_offers_what_else_is_drawn_under_it_at_its_panel_scale(gazetteer):
    views = app_views(gazetteer.features)
    sizes = port_sizes(gazetteer.features, {})
    overview, detail = views["geo"], views["geo2"]
    sangachal = gazetteer.by_id["sangachal"].point
    crowded = features_at(gazetteer.features, sizes, overview, *sangachal)
    close_up = features_at(gazetteer.features, sizes, detail, *sangachal)
    assert crowded[0] == close_up[0] == "sangachal"
    assert len(close_up) < len(crowded)  # four times the scale: fewer features under the pointer
    assert features_at(gazetteer.features, sizes, overview, 100.0, 55.0) == []  # Siberia
    cpc = gazetteer.by_id["cpc"].lines[0]
    lon, lat = cpc[len(cpc) // 2]
    assert features_at(gazetteer.features, sizes, overview, lon, lat) == ["cpc"]
    assert math.isfinite(lon)


def test_the_detail_draws_the_files_own_coast_so_a_close_up_stays_true(gazetteer):
    """The overview's land is simplified to its scale; the detail's is every vertex of the base map
    inside it (zoomed in on Baku, the Absheron peninsula keeps its shape)."""
    fig = figure(gazetteer)
    land = {t.geo: t for t in fig.data if t.name == "base map"}
    view = fig.layout.geo2
    (west, east), (south, north) = view.lonaxis.range, view.lataxis.range

    def drawn(trace) -> set[tuple[float, float]]:
        return {(round(float(x), 3), round(float(y), 3)) for x, y in zip(trace.lon, trace.lat, strict=True) if x == x}

    inside = {
        (round(x, 3), round(y, 3))
        for country in gazetteer.basemap.countries
        for ring in country.rings
        for x, y in ring
        if west < x < east and south < y < north
    }
    assert len(inside) > 1000
    assert inside <= drawn(land["geo2"])
    assert len(inside - drawn(land["geo"])) > len(inside) / 2  # the overview is simplified
