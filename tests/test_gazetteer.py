"""Geodata: the shipped files are clean and true to their published lengths; each class of bad
geodata (structure, schema, geometry, countries crossed, ports inland or in the wrong country) is
caught with a message naming file, feature and what was expected and found, and the rest still
loads."""

from __future__ import annotations

import copy
import itertools
import json

import geopandas as gpd
import jsonschema
import pytest
from conftest import FIXTURES, GEODATA, REPO, make_geodata, run_cli

from dashboard.features import SCHEMA_PATH
from dashboard.gazetteer import LENGTH_TOLERANCE, load_gazetteer
from dashboard.geodesy import densify, line_length_km

ROUTE_IDS = {
    "middle-corridor",
    "cpc",
    "btc",
    "zangezur",
    "btk",
    "southern-gas-corridor",
    "central-asia-center",
    "trans-caspian-fiber",
    "black-sea-cable",
    "trans-caspian-gas-pipeline",
}
PORT_IDS = {
    "aktau",
    "kuryk",
    "alat",
    "turkmenbashi",
    "poti",
    "batumi",
    "anaklia",
    "supsa",
    "novorossiysk",
    "ceyhan",
    "lianyungang",
    "khorgos",
}


@pytest.fixture(scope="module")
def shipped():
    return load_gazetteer(GEODATA)


def test_shipped_geodata_is_clean_and_complete(shipped):
    assert shipped.problems == []
    assert {f.id for f in shipped.routes} >= ROUTE_IDS
    assert {f.id for f in shipped.ports} >= PORT_IDS
    for feature in shipped.features:
        for key in ("status", "countries", "aliases", "description", "sources", "last_reviewed"):
            assert feature.get(key), (feature.id, key)


@pytest.mark.parametrize("route_id", sorted(ROUTE_IDS))
def test_route_geodesic_length_matches_its_published_length(shipped, route_id):
    route = shipped.by_id[route_id]
    published = route.get("length_km")
    if published is None:
        pytest.skip(f"{route_id} has no single published length")
    drawn = sum(line_length_km(line) for line in route.lines)  # geodesic, over every line of a MultiLineString
    assert abs(drawn - published) <= LENGTH_TOLERANCE * published, (drawn, published)


def test_middle_corridor_legs_record_their_mode_and_include_sea_crossings(shipped):
    corridor = shipped.by_id["middle-corridor"]
    modes = {leg["mode"] for leg in corridor.legs}
    assert corridor.geometry_type == "MultiLineString" and {"rail", "sea"} <= modes


def test_lengths_are_geodesic_on_the_ellipsoid_not_degrees_or_a_sphere():
    # One degree of latitude at the equator: 110.57 km on WGS 84 (111.19 km on a sphere).
    assert line_length_km([(0.0, 0.0), (0.0, 1.0)]) == pytest.approx(110.574, abs=0.01)
    # One degree of longitude at Baku's latitude is 85 km, not 111.
    assert line_length_km([(49.0, 40.4), (50.0, 40.4)]) == pytest.approx(84.9, abs=0.2)


def test_densify_puts_points_on_the_geodesic_at_most_a_step_apart():
    line = [(41.655, 42.155), (28.66, 44.16)]  # Poti to Constanta, 1,077 km across the Black Sea
    points = densify(line, 50)
    assert points[0] == line[0] and points[-1] == line[1]
    steps = [line_length_km(pair) for pair in itertools.pairwise(points)]
    assert max(steps) <= 50 and len(points) == 23
    assert sum(steps) == pytest.approx(line_length_km(line), rel=1e-4)  # on the geodesic, no detour


SMALL = FIXTURES / "geodata_small"


def _read(name: str) -> dict:
    return json.loads((SMALL / name).read_text(encoding="utf-8"))


def _by_id(collection: dict, fid: str) -> dict:
    return next(f for f in collection["features"] if f["id"] == fid)


def _write(folder, routes=None, ports=None, routes_text=None):
    """A geodata folder: the small fixture's routes and ports (or the given ones) plus the base map."""
    make_geodata(folder)
    if routes is not None or routes_text is not None:
        text = routes_text if routes_text is not None else json.dumps(routes, ensure_ascii=False)
        (folder / "routes.geojson").write_text(text, encoding="utf-8")
    if ports is not None:
        (folder / "ports.geojson").write_text(json.dumps(ports, ensure_ascii=False), encoding="utf-8")
    return folder


def _broken(change, file="routes"):
    """A case: a change applied to a copy of the small fixture's routes (or ports)."""

    def make(folder):
        collection = copy.deepcopy(_read(f"{file}.geojson"))
        change(collection)
        return _write(folder, **{file: collection})

    return make


def _set(fid, *path, value=None, delete=False):
    def change(collection):
        target = _by_id(collection, fid)
        for key in path[:-1]:
            target = target[key]
        if delete:
            del target[path[-1]]
        else:
            target[path[-1]] = value

    return change


def _both(*changes):
    def change(collection):
        for one in changes:
            one(collection)

    return change


def _duplicate_btc(collection):
    twin = copy.deepcopy(_by_id(collection, "btc"))
    twin["properties"]["aliases"] = ["BTC copy"]
    collection["features"].append(twin)


def _swap_btc(collection):
    geometry = _by_id(collection, "btc")["geometry"]
    geometry["coordinates"] = [[lat, lon] for lon, lat in geometry["coordinates"]]


BAD_GEODATA = {
    "not_json": (
        lambda folder: _write(
            folder, routes_text='{"type": "FeatureCollection", "features": [\n  {"type": "Feature",, }\n'
        ),
        "routes.geojson:2: is not valid JSON: Expecting property name",
        {"aktau", "alat", "ceyhan"},
    ),
    "not_a_feature_collection": (
        _broken(lambda c: c.update(type="GeometryCollection")),
        "routes.geojson: should be a GeoJSON FeatureCollection, got 'GeometryCollection'",
        {"aktau"},
    ),
    "not_a_feature": (
        _broken(lambda c: c["features"].append(["btc"])),
        "routes.geojson: feature #4: should be a GeoJSON Feature, got 'list'",
        {"btc", "cpc"},
    ),
    "wrong_geometry_type": (
        _broken(
            _set(
                "btc",
                "geometry",
                value={"type": "Polygon", "coordinates": [[[49.4, 40], [45, 41.3], [35.9, 36.9], [49.4, 40]]]},
            )
        ),
        "routes.geojson: feature 'btc': should be LineString or MultiLineString (kind 'oil pipeline'), got Polygon",
        {"cpc", "aktau"},
    ),
    "bad_position": (
        _broken(_set("btc", "geometry", "coordinates", value=[[49.4, 40.0], [45.0, "41.3"]])),
        "routes.geojson: feature 'btc': bad coordinates: a position should hold two finite numbers, got [45.0, '41.3']",
        {"cpc"},
    ),
    "swapped_coordinates": (
        _broken(_swap_btc),
        "routes.geojson: feature 'btc': coordinates look swapped (lat ",
        {"cpc", "aktau"},
    ),
    "outside_region": (
        _broken(_set("aktau", "geometry", "coordinates", value=[12.5, 41.9]), file="ports"),
        "ports.geojson: feature 'aktau': the point lies in IT, which is not in countries",
        {"btc", "alat"},
    ),
    "invalid_geometry": (
        _broken(_set("btc", "geometry", "coordinates", value=[[49.45, 40.02], [49.45, 40.02]])),
        "routes.geojson: feature 'btc': a line needs at least two distinct positions",
        {"cpc"},
    ),
    "duplicate_id": (_broken(_duplicate_btc), "routes.geojson: feature 'btc': id is used twice", {"btc", "cpc"}),
    "missing_property": (
        _broken(_set("btc", "properties", "kind", delete=True)),
        "routes.geojson: feature 'btc': missing required property 'kind'",
        {"cpc"},
    ),
    "mistyped_property": (
        _broken(_set("btc", "properties", "countries", value="AZ")),
        "feature 'btc': 'countries' should be a non-empty list of ISO 3166 alpha-2 codes, got 'AZ'",
        {"cpc"},
    ),
    "mistyped_optional_property": (
        _broken(_set("btc", "properties", "opened", value="2006")),
        "feature 'btc': 'opened' should be an integer year or null, got '2006'",
        {"btc", "cpc"},
    ),
    "bad_date": (
        _broken(_set("btc", "properties", "last_reviewed", value="23/11/2026")),
        "feature 'btc': 'last_reviewed' should be an ISO date (YYYY-MM-DD), got '23/11/2026'",
        {"cpc"},
    ),
    "bad_source": (
        _broken(_set("btc", "properties", "sources", value=[{"title": "BP"}])),
        "feature 'btc': 'sources' should be a non-empty list of {title, url} citations, got [{'title': 'BP'}]",
        {"btc"},
    ),
    "alias_on_two_features": (
        _broken(lambda c: _by_id(c, "btc")["properties"]["aliases"].append("Ceyhan")),
        "ports.geojson: feature 'ceyhan': alias 'Ceyhan' already belongs to 'btc'",
        {"btc", "ceyhan"},
    ),
    "alias_with_a_bad_unless": (
        _broken(lambda c: _by_id(c, "btc")["properties"]["aliases"].append({"name": "BTC line", "unless": "(oil"})),
        "routes.geojson: feature 'btc': alias 'BTC line': 'unless' should be a valid regular expression",
        {"btc", "cpc"},
    ),
    "length_mismatch": (
        _broken(_set("btc", "properties", "length_km", value=5000)),
        "routes.geojson: feature 'btc': drawn length 1,610 km is not within 15% of length_km 5,000",
        {"btc"},
    ),
    "bad_legs": (
        _broken(_set("middle-corridor", "properties", "legs", 1, "mode", value="hovercraft")),
        "feature 'middle-corridor': leg 2: 'mode' should be one of rail, sea, road, pipeline, cable, got 'hovercraft'",
        {"middle-corridor"},
    ),
    "route_crosses_an_undeclared_country": (
        _broken(_set("btc", "properties", "countries", value=["AZ", "GE"])),
        "routes.geojson: feature 'btc': the line crosses TR, which is not in countries",
        {"cpc"},
    ),
    "route_misses_a_declared_country": (
        _broken(_set("cpc", "properties", "countries", value=["KZ", "RU", "AM"])),
        "routes.geojson: feature 'cpc': countries lists AM, but the line never comes within 3 km of it",
        {"cpc"},
    ),
    "port_inland": (
        _broken(_set("aktau", "geometry", "coordinates", value=[52.3, 43.9]), file="ports"),
        "ports.geojson: feature 'aktau': a port should be on the coast, but the point lies ",
        {"aktau"},
    ),
    "port_in_another_country": (
        _broken(_set("ceyhan", "properties", "countries", value=["SY"]), file="ports"),
        "ports.geojson: feature 'ceyhan': the point lies in TR, which is not in countries",
        {"btc"},
    ),
    "port_at_sea": (
        _broken(_set("alat", "geometry", "coordinates", value=[50.6, 40.0]), file="ports"),
        "ports.geojson: feature 'alat': the point lies ",
        {"btc"},
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_GEODATA))
def test_bad_geodata_is_caught_with_its_message(tmp_path, case):
    make, message, still_loaded = BAD_GEODATA[case]
    gazetteer = load_gazetteer(make(tmp_path / "geodata"))
    texts = [str(p) for p in gazetteer.problems]
    assert any(message in t for t in texts), texts
    assert all(t.startswith(("geodata/routes.geojson", "geodata/ports.geojson")) for t in texts)
    assert still_loaded <= set(gazetteer.by_id)


def test_swapped_message_names_the_latitude(tmp_path):
    gazetteer = load_gazetteer(_broken(_swap_btc)(tmp_path / "geodata"))
    assert "is outside the region of AZ, GE, TR); GeoJSON wants [lon, lat]" in str(gazetteer.problems[0])


def test_unknown_properties_pass_through_to_features_and_frames(tmp_path):
    extra = {"gem_id": "P0123", "sense": {"reject": ["bitcoin*"], "new_cue_kind": ["x"]}}
    gazetteer = load_gazetteer(_broken(_set("btc", "properties", "extra", value=extra))(tmp_path / "geodata"))
    assert gazetteer.problems == []
    assert gazetteer.by_id["btc"].get("extra") == extra
    assert gazetteer.routes_frame.loc["btc", "extra"] == extra


def test_features_are_views_of_the_frames(shipped):
    routes, ports = shipped.routes_frame, shipped.ports_frame
    assert isinstance(routes, gpd.GeoDataFrame) and routes.crs == "EPSG:4326"
    assert set(routes.geom_type) == {"LineString", "MultiLineString"} and set(ports.geom_type) == {"Point"}
    assert list(routes.index) == [f.id for f in shipped.routes]
    assert list(ports.index) == [f.id for f in shipped.ports]
    btc = shipped.by_id["btc"]
    assert routes.loc["btc", "capacity"] == btc.get("capacity") == "1.2 million bbl/d"
    assert list(routes.loc["btc"].geometry.coords) == list(btc.lines[0])
    assert shipped.basemap.frame.crs == "EPSG:4326" and "TR" in set(shipped.basemap.frame["iso_a2"])


def test_schema_file_is_a_valid_json_schema_and_schema_md_points_at_it():
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.validators.validator_for(schema).check_schema(schema)
    assert "dashboard/schema.json" in (REPO / "geodata" / "SCHEMA.md").read_text(encoding="utf-8")


def test_check_geodata_command(tmp_path, data_dir):
    clean = run_cli("check-geodata", data_dir=data_dir)
    assert clean.returncode == 0 and "geodata OK" in clean.stdout
    broken = _broken(_set("btc", "geometry", value={"type": "Point", "coordinates": [49.4, 40.0]}))(
        tmp_path / "geodata"
    )
    result = run_cli("check-geodata", "--geodata", str(broken), data_dir=data_dir)
    assert result.returncode == 1
    assert (
        "feature 'btc': should be LineString or MultiLineString" in result.stderr and "Traceback" not in result.stderr
    )


def test_check_geodata_fails_when_btc_omits_turkiye(tmp_path, data_dir):
    """A copy of the shipped geodata, BTC's countries without TR: the spatial join finds the gap."""
    folder = make_geodata(tmp_path / "geodata", GEODATA)
    routes = json.loads((folder / "routes.geojson").read_text(encoding="utf-8"))
    _by_id(routes, "btc")["properties"]["countries"] = ["AZ", "GE"]
    (folder / "routes.geojson").write_text(json.dumps(routes, ensure_ascii=False), encoding="utf-8")
    result = run_cli("check-geodata", "--geodata", str(folder), data_dir=data_dir)
    assert result.returncode == 1, result.stdout
    assert "feature 'btc': the line crosses TR, which is not in countries" in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_geodata_folder_is_reported_not_raised(tmp_path):
    gazetteer = load_gazetteer(tmp_path / "nowhere")
    assert gazetteer.features == []
    assert {str(p) for p in gazetteer.problems} >= {
        "nowhere/routes.geojson: file not found",
        "nowhere/ports.geojson: file not found",
    }


def _without_property(collection: dict, name: str) -> dict:
    for feature in collection["features"]:
        del feature["properties"][name]
    return collection


BAD_BASEMAP = {
    "empty_file": ("", "is empty; expected a GeoJSON FeatureCollection of Polygon or MultiPolygon features"),
    "not_geojson": ("[1, 2", "cannot be read as GeoJSON ("),
    "no_features": (
        {"type": "FeatureCollection", "features": []},
        "has no Polygon or MultiPolygon features; expected a GeoJSON FeatureCollection",
    ),
    "only_points": (
        {
            "type": "FeatureCollection",
            "features": [
                {
                    "type": "Feature",
                    "properties": {"iso_a2": "GE", "name": "G"},
                    "geometry": {"type": "Point", "coordinates": [40, 41]},
                }
            ],
        },
        "has no Polygon or MultiPolygon features",
    ),
    "no_name": (
        lambda shipped: _without_property(shipped, "name"),
        "no feature has the property 'name'; expected a GeoJSON FeatureCollection of Polygon or MultiPolygon features with iso_a2, name",
    ),
    "no_iso_a2": (lambda shipped: _without_property(shipped, "iso_a2"), "no feature has the property 'iso_a2'"),
}


@pytest.mark.parametrize("case", sorted(BAD_BASEMAP))
def test_a_bad_base_map_is_a_problem_naming_it_and_the_map_draws_without_it(tmp_path, shipped, case):
    from plotly.io.json import to_json_plotly

    from dashboard.chart_frame import ChartMeta
    from dashboard.geomap import map_figure

    content, message = BAD_BASEMAP[case]
    folder = make_geodata(tmp_path / "geodata", GEODATA)
    countries = folder / "basemap" / "countries.geojson"
    if callable(content):
        content = content(json.loads(countries.read_text(encoding="utf-8")))
    countries.write_text(content if isinstance(content, str) else json.dumps(content), encoding="utf-8")
    gazetteer = load_gazetteer(folder)
    about_it = [str(p) for p in gazetteer.problems if p.file == "geodata/basemap/countries.geojson"]
    assert any(message in t for t in about_it), about_it
    assert set(gazetteer.by_id) == set(shipped.by_id)
    assert not [p for p in gazetteer.problems if "unknown country code" in p.message]
    figure = map_figure(gazetteer.features, gazetteer.basemap, {}, ChartMeta("map"), framed=False)
    assert '"btc"' in to_json_plotly(figure)


def test_the_base_map_is_read_again_when_it_changes_and_its_problems_are_said_on_every_load(tmp_path, shipped):
    """The base map is parsed once per content (it is the costliest file to read): a second load of a
    broken one still reports it, and an edit or a repair is seen at once."""
    folder = make_geodata(tmp_path / "geodata", GEODATA)
    countries = folder / "basemap" / "countries.geojson"
    good = countries.read_text(encoding="utf-8")
    countries.write_text("[1, 2", encoding="utf-8")
    for _ in range(2):
        assert any("cannot be read as GeoJSON" in p.message for p in load_gazetteer(folder).problems)
    countries.write_text(good, encoding="utf-8")
    repaired = load_gazetteer(folder)
    assert not [p for p in repaired.problems if p.file.startswith("geodata/basemap")]
    assert len(repaired.basemap.countries) == len(shipped.basemap.countries)
    edited = json.loads(good)
    edited["features"] = edited["features"][:3]
    countries.write_text(json.dumps(edited), encoding="utf-8")
    assert len(load_gazetteer(folder).basemap.countries) == 3
