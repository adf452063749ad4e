"""The map's features for GIS tools, as on screen (the view's features and mention counts): GeoJSON,
GeoPackage (QGIS; layers `routes` and `ports`, EPSG:4326) and KML 2.2 (Google Earth).

All three are written from the gazetteer's GeoDataFrames. GeoJSON and GeoPackage go through
geopandas/GDAL. KML is built with lxml: GDAL's KML driver (3.12 here) writes no IconStyle for points,
so ports could not be styled by kind, and it copies its OGR_STYLE field into every placemark's data.
"""

from __future__ import annotations

import html
import json
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

import geopandas as gpd
import pandas as pd
from lxml import etree

from ..style import colours_for

if TYPE_CHECKING:
    from ..gazetteer import Feature, Gazetteer
    from .content import BriefingContent

GIS_NAME = "corridors"
LINKER_ONLY = ("sense", "descriptions")  # rules for reading the news, not attributes of the feature
DISPLAY_ONLY = ("aliases", "label_position")  # the linker's names and the map's label side: not for a GIS table
PORT_KINDS = ("port", "terminal", "dry port")
KML_NS = "http://www.opengis.net/kml/2.2"
KML_ROUTE_WIDTH = 3
KML_ICON = "http://maps.google.com/mapfiles/kml/shapes/placemark_circle.png"  # Google Earth's own


def map_frame(gazetteer: Gazetteer, features: list[Feature], stats: dict[str, tuple[int, int]]) -> gpd.GeoDataFrame:
    """The features in their order with every attribute, plus `articles` and `mentions` in the view."""
    frames = [f for f in (gazetteer.routes_frame, gazetteer.ports_frame) if f is not None and not f.empty]
    ids = [f.id for f in features]
    if not frames or not ids:
        return gpd.GeoDataFrame({"id": [], "articles": [], "mentions": []}, geometry=gpd.GeoSeries([]), crs="EPSG:4326")
    every = pd.concat(frames).loc[ids]
    frame = every.drop(columns=[c for c in LINKER_ONLY if c in every])
    counts = [stats.get(fid, (0, 0)) for fid in ids]
    frame["articles"] = [articles for articles, _ in counts]
    frame["mentions"] = [mentions for _, mentions in counts]
    return frame


def geojson_text(frame: gpd.GeoDataFrame) -> str:
    """RFC 7946 GeoJSON; the Feature `id` is the feature's id."""
    return frame.to_json(na="null", drop_id=False, ensure_ascii=False, indent=1)


def _flat(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Lists and objects (countries, aliases, legs, sources) as JSON text: a GIS column holds a scalar;
    the rest typed by their values (a year column with a gap is a nullable integer, not a float)."""
    flat = frame.copy()
    for column in flat.columns.drop("geometry"):
        if flat[column].map(lambda v: isinstance(v, (list, dict))).any():
            flat[column] = flat[column].map(lambda v: json.dumps(v, ensure_ascii=False) if v is not None else None)
    columns = flat.columns.drop("geometry")
    flat[columns] = flat[columns].convert_dtypes()
    return flat


def geopackage_bytes(frame: gpd.GeoDataFrame, about: str = "") -> bytes:
    """For a download button (GDAL appends a second layer only to a file on disk)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{GIS_NAME}.gpkg"
        write_geopackage(frame, path, about)
        return path.read_bytes()


def write_geopackage(frame: gpd.GeoDataFrame, path: Path, about: str = "") -> Path:
    """Layers `routes` and `ports`, EPSG:4326, each with the columns its features have (no display-only
    ones); each layer's description says what the counts cover (`about`: the
    view's articles, date window and filters)."""
    path.unlink(missing_ok=True)
    is_port = frame.geom_type == "Point"
    counts = f"articles and mentions count distinct news articles: {about}" if about else ""
    for layer, rows in (("routes", frame[~is_port]), ("ports", frame[is_port])):
        rows = _flat(rows.drop(columns=[c for c in DISPLAY_ONLY if c in rows]).dropna(axis="columns", how="all"))
        rows.reset_index(drop=True).to_file(
            path,
            layer=layer,
            driver="GPKG",
            engine="pyogrio",
            append=path.exists(),
            layer_options={"DESCRIPTION": f"Corridor Watch {layer}; {counts}" if counts else f"Corridor Watch {layer}"},
        )
    return path


def kml_text(frame: gpd.GeoDataFrame) -> str:
    """A folder of routes and one of ports, a placemark each: named, in its map colour, its status,
    capacity and counts in its description (Google Earth shows descriptions as HTML, so geodata text
    is escaped for HTML once; lxml then escapes it for XML)."""
    kml = etree.Element(f"{{{KML_NS}}}kml", nsmap={None: KML_NS})
    document = etree.SubElement(kml, "Document")
    _text(document, "name", "Corridor Watch: routes and ports")
    is_route = {row["id"]: row["kind"] not in PORT_KINDS for _, row in frame.iterrows()}
    colours = colours_for((row["id"], row["kind"], is_route[row["id"]]) for _, row in frame.iterrows())
    for fid, colour in colours.items():
        document.append(_style(fid, colour, is_route[fid]))
    folders = {}
    for name in ("Routes", "Ports"):
        folders[name] = etree.SubElement(document, "Folder")
        _text(folders[name], "name", name)
    for _, row in frame.iterrows():
        placemark = etree.SubElement(folders["Routes" if is_route[row["id"]] else "Ports"], "Placemark")
        _text(placemark, "name", row["name"])
        _text(placemark, "description", _description(row))
        _text(placemark, "styleUrl", f"#{_style_id(row['id'])}")
        data = etree.SubElement(placemark, "ExtendedData")
        for key in ("id", "kind", "status", "capacity", "articles", "mentions"):
            item = etree.SubElement(data, "Data", name=key)
            _text(item, "value", "" if pd.isna(row.get(key)) else str(row[key]))
        placemark.append(_geometry(row.geometry))
    return etree.tostring(kml, xml_declaration=True, encoding="UTF-8", pretty_print=True).decode("utf-8")


def _text(parent, tag: str, value: str):
    element = etree.SubElement(parent, tag)
    element.text = value
    return element


def _style_id(fid: str) -> str:
    return "feature-" + "".join(c if c.isalnum() or c in "-_" else "-" for c in fid)


def _kml_colour(hex_colour: str) -> str:
    """KML writes colours as aabbggrr."""
    red, green, blue = hex_colour[1:3], hex_colour[3:5], hex_colour[5:7]
    return f"ff{blue}{green}{red}"


def _style(fid: str, colour: str, is_route: bool):
    style = etree.Element("Style", id=_style_id(fid))
    if is_route:
        line = etree.SubElement(style, "LineStyle")
        _text(line, "color", _kml_colour(colour))
        _text(line, "width", str(KML_ROUTE_WIDTH))
    else:
        icon_style = etree.SubElement(style, "IconStyle")
        _text(icon_style, "color", _kml_colour(colour))
        _text(etree.SubElement(icon_style, "Icon"), "href", KML_ICON)
    return style


def _description(row) -> str:
    capacity = row.get("capacity")
    lines = [
        f"{row['kind'].capitalize()}, {row['status']}",
        f"Capacity: {capacity if isinstance(capacity, str) else 'not published'}",
        f"Articles: {row['articles']:,} · mentions: {row['mentions']:,} (under the dashboard's filters)",
    ]
    return "<br>".join(html.escape(line, quote=False) for line in lines)  # no &#x27; for lxml to escape again


def _geometry(geometry):
    if geometry.geom_type == "MultiLineString":
        multi = etree.Element("MultiGeometry")
        for line in geometry.geoms:
            multi.append(_geometry(line))
        return multi
    element = etree.Element(geometry.geom_type)  # Point or LineString
    _text(element, "coordinates", " ".join(f"{x:g},{y:g}" for x, y in geometry.coords))
    return element


def write_gis_files(content: BriefingContent) -> list[Path]:
    """corridors.gpkg and corridors.kml beside the map's GeoJSON, for the briefing's filters."""
    frame = map_frame(content.gazetteer, content.view.features, content.view.stats())
    gpkg = write_geopackage(frame, content.out_dir / f"{GIS_NAME}.gpkg", content.view.subtitle())
    kml = content.out_dir / f"{GIS_NAME}.kml"
    kml.write_text(kml_text(frame), encoding="utf-8")
    return [gpkg, kml]
