"""Geodata: the shipped files are clean and true to their published lengths; each class of bad
geodata is caught with a message naming file, feature and what was expected and found, and the rest
still loads."""

from __future__ import annotations

import pytest
from conftest import FIXTURES, GEODATA, make_geodata, run_cli

from dashboard.gazetteer import LENGTH_TOLERANCE, load_gazetteer

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
    assert abs(route.drawn_length_km - published) <= LENGTH_TOLERANCE * published, (route.drawn_length_km, published)


def test_middle_corridor_legs_record_their_mode_and_include_sea_crossings(shipped):
    corridor = shipped.by_id["middle-corridor"]
    modes = {leg["mode"] for leg in corridor.legs}
    assert corridor.geometry_type == "MultiLineString" and {"rail", "sea"} <= modes


def test_ports_sit_on_the_coast_not_inland_or_at_sea(shipped):
    import shapely

    coast = shapely.MultiPolygon(
        [shapely.Polygon(ring) for country in shipped.basemap.countries for ring in country.rings]
    ).boundary
    for port in shipped.ports:
        if port.kind == "dry port":
            continue
        distance_deg = coast.distance(shapely.Point(port.point))
        assert distance_deg < 0.05, (port.id, distance_deg)  # about 4 km


@pytest.mark.parametrize(
    ("case", "message", "still_loaded"),
    [
        ("not_json", "routes.geojson:2: is not valid JSON: Expecting property name", {"aktau", "alat", "ceyhan"}),
        (
            "not_a_feature_collection",
            "routes.geojson: should be a GeoJSON FeatureCollection, got 'GeometryCollection'",
            {"aktau"},
        ),
        (
            "wrong_geometry_type",
            "routes.geojson: feature 'btc': should be LineString or MultiLineString (kind 'oil pipeline'), got Polygon",
            {"cpc", "aktau"},
        ),
        ("swapped_coordinates", "routes.geojson: feature 'btc': coordinates look swapped (lat ", {"cpc", "aktau"}),
        (
            "outside_region",
            "ports.geojson: feature 'aktau': 1 position(s) lie outside the region of KZ, e.g. [12.5, 41.9]",
            {"btc", "alat"},
        ),
        ("invalid_geometry", "routes.geojson: feature 'btc': a line needs at least two distinct positions", {"cpc"}),
        ("duplicate_id", "routes.geojson: feature 'btc': id is used twice", {"btc", "cpc"}),
        ("missing_and_mistyped_properties", "routes.geojson: feature 'btc': missing required property 'kind'", {"cpc"}),
        (
            "missing_and_mistyped_properties",
            "'countries' should be a non-empty list of ISO 3166 alpha-2 codes, got 'AZ'",
            {"cpc"},
        ),
        (
            "alias_on_two_features",
            "ports.geojson: feature 'ceyhan': alias 'Ceyhan' already belongs to 'btc'",
            {"btc", "ceyhan"},
        ),
        (
            "length_mismatch",
            "routes.geojson: feature 'btc': drawn length 1,608 km is not within 15% of length_km 5,000",
            {"btc"},
        ),
        (
            "bad_legs",
            "feature 'middle-corridor': leg 2: 'mode' should be one of rail, sea, road, pipeline, cable",
            {"middle-corridor"},
        ),
    ],
)
def test_bad_geodata_is_caught_with_its_message(tmp_path, case, message, still_loaded):
    gazetteer = load_gazetteer(make_geodata(tmp_path / "geodata", FIXTURES / "bad_geodata" / case))
    texts = [str(p) for p in gazetteer.problems]
    assert any(message in t for t in texts), texts
    assert all(t.startswith(("geodata/routes.geojson", "geodata/ports.geojson")) for t in texts)
    assert still_loaded <= set(gazetteer.by_id)


def test_swapped_message_names_the_latitude(tmp_path):
    gazetteer = load_gazetteer(make_geodata(tmp_path / "geodata", FIXTURES / "bad_geodata" / "swapped_coordinates"))
    assert "is outside the region of AZ, GE, TR); GeoJSON wants [lon, lat]" in str(gazetteer.problems[0])


def test_check_geodata_command(tmp_path, data_dir):
    clean = run_cli("check-geodata", data_dir=data_dir)
    assert clean.returncode == 0 and "geodata OK" in clean.stdout
    broken = make_geodata(tmp_path / "geodata", FIXTURES / "bad_geodata" / "wrong_geometry_type")
    result = run_cli("check-geodata", "--geodata", str(broken), data_dir=data_dir)
    assert result.returncode == 1
    assert (
        "feature 'btc': should be LineString or MultiLineString" in result.stderr and "Traceback" not in result.stderr
    )


def test_missing_geodata_folder_is_reported_not_raised(tmp_path):
    gazetteer = load_gazetteer(tmp_path / "nowhere")
    assert gazetteer.features == []
    assert {str(p) for p in gazetteer.problems} >= {
        "nowhere/routes.geojson: file not found",
        "nowhere/ports.geojson: file not found",
    }
