"""GIS exports of the map: the GeoPackage reads back with GDAL (pyogrio) with every feature and its
attributes and counts; the KML is KML 2.2 with one styled, described placemark per feature; geodata
text reaches Google Earth's HTML description escaped."""

from __future__ import annotations

import json

import pyogrio
import pytest
from conftest import GEODATA
from lxml import etree

from dashboard.export.gis import KML_NS, geojson_text, kml_text, map_frame, write_geopackage
from dashboard.gazetteer import load_gazetteer
from dashboard.style import feature_colours

KML = {"k": KML_NS}


@pytest.fixture(scope="module")
def shipped():
    gazetteer = load_gazetteer(GEODATA)
    stats = {f.id: (number, 2 * number + 1) for number, f in enumerate(gazetteer.features, 1)}
    return gazetteer, stats, map_frame(gazetteer, gazetteer.features, stats)


def test_geopackage_reads_back_with_every_feature_attribute_and_count(shipped, tmp_path):
    gazetteer, stats, frame = shipped
    path = write_geopackage(frame, tmp_path / "corridors.gpkg")
    assert sorted(pyogrio.list_layers(path)[:, 0]) == ["ports", "routes"]
    routes = pyogrio.read_dataframe(path, layer="routes")
    ports = pyogrio.read_dataframe(path, layer="ports")
    assert len(routes) + len(ports) == len(gazetteer.features) == 25
    assert routes.crs == ports.crs == "EPSG:4326"
    for layer, features in ((routes, gazetteer.routes), (ports, gazetteer.ports)):
        rows = layer.set_index("id")
        assert list(rows.index) == [f.id for f in features]
        for feature in features:
            row = rows.loc[feature.id]
            for key, value in feature.properties.items():
                if key in ("id", "sense", "descriptions", "aliases", "label_position") or value is None:
                    continue
                stored = json.loads(row[key]) if isinstance(value, (list, dict)) else row[key]
                assert stored == value, (feature.id, key)
            assert (row["articles"], row["mentions"]) == stats[feature.id]
    btc = routes.set_index("id").loc["btc"]
    assert btc.geometry.length == pytest.approx(gazetteer.routes_frame.loc["btc"].geometry.length)
    assert pyogrio.read_info(path, layer="routes")["dtypes"][list(routes.columns).index("opened")] == "int64"
    assert pyogrio.read_info(path, layer="ports")["dtypes"][list(ports.columns).index("opened")] == "int64"


def test_geopackage_has_no_display_fields_and_says_what_the_counts_cover(shipped, tmp_path):
    _, _, frame = shipped
    about = "32 articles, 2022-01-26 to 2026-02-23; sources: Eurasianet"
    path = write_geopackage(frame, tmp_path / "corridors.gpkg", about)
    for layer in ("routes", "ports"):
        info = pyogrio.read_info(path, layer=layer)
        assert not {"aliases", "label_position", "index", "level_0"} & set(info["fields"])
        assert list(info["fields"]).count("id") == 1
        assert about in info["layer_metadata"]["DESCRIPTION"]


def test_kml_is_kml_2_2_with_a_styled_described_placemark_per_feature(shipped):
    gazetteer, stats, frame = shipped
    document = etree.fromstring(kml_text(frame).encode("utf-8"))
    assert document.tag == f"{{{KML_NS}}}kml"
    placemarks = document.findall(".//k:Placemark", KML)
    assert len(placemarks) == 25
    styles = {s.get("id"): s for s in document.findall(".//k:Style", KML)}
    for placemark, feature in zip(placemarks, gazetteer.features, strict=True):
        assert placemark.findtext("k:name", namespaces=KML) == feature.name
        style = styles[placemark.findtext("k:styleUrl", namespaces=KML).removeprefix("#")]
        assert style.find("k:LineStyle" if feature.is_route else "k:IconStyle", KML) is not None
        description = placemark.findtext("k:description", namespaces=KML)
        assert feature.status in description
        articles, mentions = stats[feature.id]
        assert f"Articles: {articles:,} · mentions: {mentions:,}" in description
    colours = feature_colours(gazetteer.features)
    assert styles["feature-btc"].findtext("k:LineStyle/k:color", namespaces=KML) == "ff" + "".join(
        colours["btc"][i : i + 2] for i in (5, 3, 1)
    )
    assert len({s.findtext("k:LineStyle/k:color", namespaces=KML) for s in styles.values()} - {None}) == len(
        gazetteer.routes
    )  # each route in its own map colour

    corridor = placemarks[[f.id for f in gazetteer.features].index("middle-corridor")]
    assert len(corridor.findall("k:MultiGeometry/k:LineString", KML)) == 16


def test_kml_has_a_folder_of_routes_and_one_of_ports(shipped):
    gazetteer, _, frame = shipped
    document = etree.fromstring(kml_text(frame).encode("utf-8"))
    folders = {f.findtext("k:name", namespaces=KML): f for f in document.findall(".//k:Folder", KML)}
    assert set(folders) == {"Routes", "Ports"}
    for name, features in (("Routes", gazetteer.routes), ("Ports", gazetteer.ports)):
        names = [p.findtext("k:name", namespaces=KML) for p in folders[name].findall("k:Placemark", KML)]
        assert names == [f.name for f in features]


def test_kml_reads_back_with_gdal(shipped, tmp_path):
    path = tmp_path / "corridors.kml"
    path.write_text(kml_text(shipped[2]), encoding="utf-8")
    read = [pyogrio.read_dataframe(path, layer=layer) for layer in ("Routes", "Ports")]
    assert sum(map(len, read)) == 25
    assert {n for layer in read for n in layer["Name"]} == {f.name for f in shipped[0].features}


def test_geodata_text_is_escaped_in_the_kml_description(shipped):
    frame = shipped[2]
    evil = frame.loc[["btc"]].copy()
    evil.loc["btc", "capacity"] = "<script>alert(1)</script> & more"
    description = etree.fromstring(kml_text(evil).encode("utf-8")).findtext(".//k:description", namespaces=KML)
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in description and "<script" not in description
    evil.loc["btc", "capacity"] = "1.2 mln b/d (BP's figure)"
    text = kml_text(evil)
    assert "BP's figure" in etree.fromstring(text.encode()).findtext(".//k:description", namespaces=KML)
    assert "&amp;#x27;" not in text and "&amp;#39;" not in text  # escaped once, for HTML; lxml does XML


def test_geojson_keeps_the_files_values_and_adds_counts(shipped):
    gazetteer, stats, frame = shipped
    collection = json.loads(geojson_text(frame))
    assert [f["id"] for f in collection["features"]] == [f.id for f in gazetteer.features]
    cpc = next(f for f in collection["features"] if f["id"] == "cpc")
    assert cpc["properties"]["opened"] == 2001 and cpc["properties"]["countries"] == ["KZ", "RU"]
    assert (cpc["properties"]["articles"], cpc["properties"]["mentions"]) == stats["cpc"]
    assert "sense" not in cpc["properties"] and cpc["geometry"]["type"] == "LineString"


def test_only_the_shown_features_are_exported(shipped, tmp_path):
    gazetteer, stats, _ = shipped
    shown = [gazetteer.by_id["btc"], gazetteer.by_id["poti"]]
    path = write_geopackage(map_frame(gazetteer, shown, stats), tmp_path / "some.gpkg")
    assert list(pyogrio.read_dataframe(path, layer="routes")["id"]) == ["btc"]
    assert list(pyogrio.read_dataframe(path, layer="ports")["id"]) == ["poti"]
    placemarks = etree.fromstring(kml_text(map_frame(gazetteer, shown, stats)).encode()).findall(".//k:Placemark", KML)
    assert len(placemarks) == 2
