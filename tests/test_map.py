"""The map figure on the shipped geodata: what is in the default view, what is drawn apart, what a
hover says, and a legend that matches the drawing and keeps its order."""

from __future__ import annotations

import math

import numpy as np
import pytest
from conftest import GEODATA

from dashboard.chart_frame import ChartMeta
from dashboard.declutter import to_mercator
from dashboard.gazetteer import load_gazetteer
from dashboard.geomap import (
    LANE_PX,
    MAP_CLICK_TRACE,
    drawn,
    features_at,
    map_figure,
    short_name,
)


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer(GEODATA)


def figure(gazetteer, stats=None, **kwargs):
    return map_figure(gazetteer.features, gazetteer.basemap, stats or {}, ChartMeta("map"), framed=False, **kwargs)


def test_default_view_holds_every_route_and_port(gazetteer):
    geo = figure(gazetteer).layout.geo
    west, east = geo.lonaxis.range
    south, north = geo.lataxis.range
    assert west < 28.66 and east > 119.45  # Constanța to Lianyungang
    for feature in gazetteer.features:
        for lon, lat in (p for line in feature.lines for p in line):
            assert west < lon < east and south < lat < north, feature.id


def pixels(where, lon, lat):
    x, y = to_mercator(lon, lat)
    return np.column_stack([x, y]) / where.view.px


def test_crowded_ports_are_drawn_apart_with_their_true_point_kept(gazetteer):
    stats = {f.id: (10, 10) for f in gazetteer.features}  # big markers: the hardest case
    where = drawn(gazetteer.features, stats)
    ids = list(where.ports)
    centres = pixels(where, *np.array([where.ports[i] for i in ids]).T)
    for a in range(len(ids)):
        for b in range(a + 1, len(ids)):
            gap = np.hypot(*(centres[a] - centres[b])) - (where.sizes[ids[a]] + where.sizes[ids[b]]) / 2
            assert gap >= 1.5, (ids[a], ids[b], gap)
    fig = figure(gazetteer, stats)
    leaders = next(t for t in fig.data if t.name == "true points")
    true_points = set(zip(leaders.lon, leaders.lat, strict=True))
    for fid in ("poti", "supsa", "batumi", "alat", "sangachal"):
        assert gazetteer.by_id[fid].point in true_points, fid


def test_routes_through_georgia_are_drawn_side_by_side(gazetteer):
    """BTC, the gas corridor (SCP), BTK and the Middle Corridor share a corridor across Georgia
    (42.5-46 E): drawn, each keeps about a lane from the others along most of it."""
    where = drawn(gazetteer.features, {})
    bundle = ("btc", "southern-gas-corridor", "btk", "middle-corridor")
    lines = {fid: np.concatenate(where.routes[fid]) for fid in bundle}
    for fid, points in lines.items():
        inside = points[(points[:, 0] > 42.5) & (points[:, 0] < 46.0)]
        others = np.concatenate([p for other, p in lines.items() if other != fid])
        mine, theirs = pixels(where, *inside.T), pixels(where, *others.T)
        nearest = np.hypot(*(mine[:, None, :] - theirs[None, :, :]).transpose(2, 0, 1)).min(axis=1)
        assert len(inside) > 10 and np.median(nearest) > LANE_PX * 0.8, (fid, np.median(nearest))
        assert (nearest < LANE_PX * 0.6).mean() < 0.3, fid


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
    assert [name for name, _ in entries[: len(routes)]] == [short_name(f) for f in routes]
    assert [e for e in legend(busy) if e[0] != "disruption in window"] == entries
    ranks = [t.legendrank for t in plain.data if t.showlegend is not False]
    assert ranks == sorted(ranks)
    drawn_dash = {t.legendgroup: t.line.dash for t in plain.data if t.mode == "lines" and t.legendgroup}
    sgc = dict(entries)["Southern Gas Corridor"]
    assert sgc == drawn_dash["southern-gas-corridor"] == "solid"  # the gas line is drawn solid
    colours = {t.line.color for t in plain.data if t.mode == "lines" and t.showlegend}
    assert len(colours) == len(routes), "every route has its own colour"


def test_marked_features_get_a_red_mark_on_what_is_drawn_and_a_legend_entry(gazetteer):
    fig = figure(gazetteer, marked=frozenset({"btc", "poti", "no-such-id"}))
    marks = [t for t in fig.data if t.name == "disruption in window"]
    assert len(marks) == 1 and list(marks[0].text) == ["!", "!"]
    where = drawn(gazetteer.features, {})
    spots = set(zip(marks[0].lon, marks[0].lat, strict=True))
    assert where.ports["poti"] in spots  # on the marker as drawn (spread), not under it
    assert figure(gazetteer, marked=frozenset({"no-such-id"})).data[-1].name != "disruption in window"


def test_a_click_offers_what_else_is_drawn_under_it(gazetteer):
    where = drawn(gazetteer.features, {})
    assert features_at(gazetteer.features, {}, *where.ports["sangachal"])[0] == "sangachal"
    alat = features_at(gazetteer.features, {}, *where.ports["alat"])
    assert alat[0] == "alat" and len(alat) > 1
    far = features_at(gazetteer.features, {}, 100.0, 55.0)  # Siberia: nothing drawn
    assert far == []
    lon, lat = where.routes["cpc"][0][len(where.routes["cpc"][0]) // 2]
    assert features_at(gazetteer.features, {}, lon, lat) == ["cpc"]
    assert math.isfinite(lon)
