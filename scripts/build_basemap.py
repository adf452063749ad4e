#!/usr/bin/env python3
"""Build the offline base map in geodata/basemap/ from Natural Earth via world-atlas.

Source: the npm package world-atlas@2.0.2 (ISC licence, (c) Michael Bostock), whose
countries-10m.json is a TopoJSON redistribution of Natural Earth 4.1.0 Admin 0 countries,
1:10m (public domain). The 1:10m set is used (rather than 1:50m) because its coastline puts the
Caspian and Black Sea harbours (Novorossiysk, Kuryk, Lianyungang, Sangachal) within a few hundred
metres of the coast; after simplification the file is still about 0.5 MB.

Steps (see geodata/README.md):
  1. `npm pack world-atlas@2.0.2` into a temporary directory (or use --tarball PATH) and read
     package/countries-10m.json from the tarball;
  2. decode the TopoJSON (quantized, delta-encoded arcs) with the small decoder below;
  3. simplify each *arc* once (Douglas-Peucker 0.012 deg, endpoints kept), so borders shared by two
     countries stay identical and no slivers or gaps open between neighbours;
  4. assemble the country polygons, map ISO 3166-1 numeric ids to alpha-2 (`iso_a2`), clip to
     the region lon 5..130, lat 22..60 and round coordinates to 3 decimals;
  5. derive the Caspian Sea (the hole the coastal countries leave in Natural Earth admin-0),
     the Black Sea and the Sea of Azov as water polygons, and write label points for seas.

Outputs (deterministic: same input, same bytes):
  geodata/basemap/countries.geojson  Polygon/MultiPolygon features, properties iso_a2, name
  geodata/basemap/seas.geojson       Point label features (kind "label") and water polygons
                                     (kind "water"), property name

Only the standard library and shapely are needed.
"""

from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from shapely.geometry import LineString, MultiPolygon, Point, Polygon, box, mapping
from shapely.ops import unary_union
from shapely.validation import make_valid

PACKAGE = "world-atlas@2.0.2"
MEMBER = "package/countries-10m.json"
SCALE = "1:10m"
REGION = (5.0, 22.0, 130.0, 60.0)  # lon_min, lat_min, lon_max, lat_max
SIMPLIFY_DEG = 0.012  # Douglas-Peucker tolerance on arcs, degrees (~1 km)
MIN_PART_DEG2 = 0.0004  # drop islets smaller than this (~4 km2) after simplification
DECIMALS = 3

ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = ROOT / "geodata" / "basemap"

# ISO 3166-1 numeric -> alpha-2 for every country in world-atlas that touches REGION.
# (Natural Earth 4.1 gives France 250 and Norway 578 here; Kosovo, N. Cyprus and Siachen
# Glacier have no numeric id and are handled in NO_ID below.)
ISO_NUM_TO_A2 = {
    "004": "AF",
    "008": "AL",
    "012": "DZ",
    "031": "AZ",
    "040": "AT",
    "048": "BH",
    "050": "BD",
    "051": "AM",
    "056": "BE",
    "064": "BT",
    "070": "BA",
    "100": "BG",
    "104": "MM",
    "112": "BY",
    "148": "TD",
    "156": "CN",
    "158": "TW",
    "191": "HR",
    "196": "CY",
    "203": "CZ",
    "208": "DK",
    "233": "EE",
    "246": "FI",
    "248": "AX",
    "250": "FR",
    "268": "GE",
    "275": "PS",
    "276": "DE",
    "300": "GR",
    "344": "HK",
    "348": "HU",
    "356": "IN",
    "364": "IR",
    "368": "IQ",
    "376": "IL",
    "380": "IT",
    "392": "JP",
    "398": "KZ",
    "400": "JO",
    "408": "KP",
    "410": "KR",
    "414": "KW",
    "417": "KG",
    "418": "LA",
    "422": "LB",
    "428": "LV",
    "434": "LY",
    "438": "LI",
    "440": "LT",
    "442": "LU",
    "446": "MO",
    "470": "MT",
    "492": "MC",
    "496": "MN",
    "498": "MD",
    "499": "ME",
    "512": "OM",
    "524": "NP",
    "528": "NL",
    "562": "NE",
    "578": "NO",
    "586": "PK",
    "616": "PL",
    "634": "QA",
    "642": "RO",
    "643": "RU",
    "674": "SM",
    "682": "SA",
    "688": "RS",
    "703": "SK",
    "705": "SI",
    "729": "SD",
    "752": "SE",
    "756": "CH",
    "760": "SY",
    "762": "TJ",
    "704": "VN",
    "784": "AE",
    "788": "TN",
    "792": "TR",
    "795": "TM",
    "804": "UA",
    "807": "MK",
    "818": "EG",
    "826": "GB",
    "860": "UZ",
    "336": "VA",
}
# Features without an ISO numeric id in world-atlas: name -> iso_a2 (None = no ISO code).
# Baikonur (leased to Russia) is Kazakh territory and is merged into KZ (10m data only).
NO_ID = {
    "Kosovo": "XK",
    "N. Cyprus": None,
    "Siachen Glacier": None,
    "Somaliland": None,
    "Indian Ocean Ter.": None,
    "Baikonur": "KZ",
    "Dhekelia": None,
    "Akrotiri": None,
    "Cyprus U.N. Buffer Zone": None,
}
# Display names where world-atlas abbreviates.
NAME_FIX = {
    "Bosnia and Herz.": "Bosnia and Herzegovina",
    "Macedonia": "North Macedonia",
    "N. Cyprus": "Northern Cyprus",
    "Czechia": "Czechia",
}

SEA_LABELS = [  # (name, lon, lat) label anchors, placed in open water clear of the routes' sea legs
    ("Caspian Sea", 51.5, 38.6),
    ("Black Sea", 34.0, 42.3),
    ("Sea of Azov", 36.6, 46.1),
    ("Mediterranean Sea", 19.5, 34.5),
    ("Aegean Sea", 24.2, 37.9),
    ("Adriatic Sea", 16.2, 42.6),
    ("Persian Gulf", 51.5, 27.0),
    ("Red Sea", 37.6, 23.5),
    ("Yellow Sea", 123.5, 35.5),
    ("Baltic Sea", 19.5, 56.5),
]


def fetch_topology(tarball: Path | None) -> dict:
    """Return the parsed countries TopoJSON (MEMBER) from the npm tarball."""
    if tarball is None:
        tmp = Path(tempfile.mkdtemp(prefix="world-atlas-"))
        out = (
            subprocess.run(["npm", "pack", PACKAGE, "--silent"], cwd=tmp, check=True, capture_output=True, text=True)
            .stdout.strip()
            .splitlines()[-1]
        )
        tarball = tmp / out
    with tarfile.open(tarball, "r:gz") as tf:
        data = tf.extractfile(MEMBER).read()
    return json.load(io.BytesIO(data))


def decode_arcs(topo: dict) -> list[list[tuple[float, float]]]:
    """Decode quantized, delta-encoded TopoJSON arcs to absolute lon/lat."""
    tr = topo.get("transform")
    arcs = []
    for arc in topo["arcs"]:
        if tr:
            (kx, ky), (dx, dy) = tr["scale"], tr["translate"]
            x = y = 0
            pts = []
            for qx, qy in arc:
                x += qx
                y += qy
                pts.append((x * kx + dx, y * ky + dy))
        else:
            pts = [tuple(p[:2]) for p in arc]
        arcs.append(pts)
    return arcs


def simplify_arcs(arcs, tol):
    out = []
    for pts in arcs:
        if len(pts) > 2 and tol > 0:
            s = list(LineString(pts).simplify(tol, preserve_topology=False).coords)
            # a closed arc (an island) must keep at least a triangle
            if len(s) < 4 and pts[0] == pts[-1]:
                s = pts
            out.append(s)
        else:
            out.append(pts)
    return out


def ring_coords(arcs, idx_list):
    coords: list[tuple[float, float]] = []
    for i in idx_list:
        pts = arcs[i] if i >= 0 else arcs[~i][::-1]
        coords.extend(pts if not coords else pts[1:])
    return coords


def geometry_of(g, arcs):
    if g["type"] == "Polygon":
        polys = [g["arcs"]]
    elif g["type"] == "MultiPolygon":
        polys = g["arcs"]
    else:
        return None
    parts = []
    for p in polys:
        shell = ring_coords(arcs, p[0])
        if len(shell) < 4:
            continue
        holes = [h for h in (ring_coords(arcs, r) for r in p[1:]) if len(h) >= 4]
        parts.append(Polygon(shell, holes))
    geom = make_valid(MultiPolygon(parts)) if parts else None
    return geom


def polygons_only(geom):
    if geom is None or geom.is_empty:
        return []
    if isinstance(geom, Polygon):
        return [geom]
    if isinstance(geom, MultiPolygon):
        return list(geom.geoms)
    out = []
    for g in getattr(geom, "geoms", []):
        out.extend(polygons_only(g))
    return out


def rounded(geom):
    """Round coordinates, drop tiny parts, return a Polygon/MultiPolygon (or None)."""
    parts = []
    for p in polygons_only(geom):
        if p.area < MIN_PART_DEG2:
            continue
        shell = _round_ring(p.exterior.coords)
        holes = [_round_ring(r.coords) for r in p.interiors if Polygon(r).area >= MIN_PART_DEG2]
        q = Polygon(shell, [h for h in holes if len(h) >= 4])
        if not q.is_valid:
            q = polygons_only(make_valid(q))
            parts.extend(x for x in q if x.area >= MIN_PART_DEG2)
        elif not q.is_empty:
            parts.append(q)
    if not parts:
        return None
    parts.sort(key=lambda p: (-p.area, p.bounds))
    return parts[0] if len(parts) == 1 else MultiPolygon(parts)


def _round_ring(coords):
    out = []
    for x, y in coords:
        pt = (round(x, DECIMALS), round(y, DECIMALS))
        if not out or out[-1] != pt:
            out.append(pt)
    if out and out[0] != out[-1]:
        out.append(out[0])
    return out


def feature(geom, props):
    gj = mapping(geom)
    return {"type": "Feature", "properties": props, "geometry": _lists(gj)}


def _lists(obj):
    if isinstance(obj, dict):
        return {k: _lists(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_lists(v) for v in obj]
    return obj


def dump(fc, path: Path):
    """One feature per line: diff-friendly and compact."""
    lines = ['{"type": "FeatureCollection",']
    for k in ("name", "license", "source"):
        if k in fc:
            lines.append(f'"{k}": {json.dumps(fc[k], ensure_ascii=False)},')
    lines.append('"features": [')
    feats = [json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in fc["features"]]
    lines.append(",\n".join(feats))
    lines.append("]}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def build(tarball: Path | None):
    topo = fetch_topology(tarball)
    arcs_full = decode_arcs(topo)
    arcs = simplify_arcs(arcs_full, SIMPLIFY_DEG)
    region = box(*REGION)

    countries = []
    parts = []
    land_parts = []
    for g in topo["objects"]["countries"]["geometries"]:
        name = g["properties"]["name"]
        full = geometry_of(g, arcs_full)
        if full is None or not full.intersects(region):
            continue
        num = g.get("id")
        if num is None or num == "-99":
            if name not in NO_ID:
                raise SystemExit(f"no ISO code known for {name!r}")
            iso = NO_ID[name]
        else:
            if num not in ISO_NUM_TO_A2:
                raise SystemExit(f"add ISO numeric {num} ({name}) to ISO_NUM_TO_A2")
            iso = ISO_NUM_TO_A2[num]
        geom = geometry_of(g, arcs)
        if geom is None:
            continue
        geom = make_valid(geom).intersection(region)
        land_parts.extend(polygons_only(geom))
        geom = rounded(geom)
        if geom is None:
            continue
        parts.append((iso, name, num is not None, geom))
    # one feature per ISO code (e.g. Baikonur joins Kazakhstan); areas without a code stay apart
    for iso, name, _, geom in parts:
        if iso is None:
            countries.append(feature(geom, {"iso_a2": None, "name": NAME_FIX.get(name, name)}))
    for iso in sorted({p[0] for p in parts if p[0]}):
        group = [p for p in parts if p[0] == iso]
        main = next((p for p in group if p[2]), group[0])
        geom = group[0][3] if len(group) == 1 else rounded(unary_union([p[3] for p in group]))
        countries.append(feature(geom, {"iso_a2": iso, "name": NAME_FIX.get(main[1], main[1])}))
    countries.sort(key=lambda f: (f["properties"]["iso_a2"] or "~", f["properties"]["name"]))

    seas = water_polygons(unary_union(land_parts))
    for name, lon, lat in SEA_LABELS:
        seas.append(
            {
                "type": "Feature",
                "properties": {"name": name, "kind": "label"},
                "geometry": {"type": "Point", "coordinates": [lon, lat]},
            }
        )

    OUT_DIR.mkdir(parents=True, exist_ok=True)
    note = (
        "Made with Natural Earth (public domain), via world-atlas 2.0.2 "
        "(ISC, (c) Michael Bostock); regenerate with scripts/build_basemap.py"
    )
    dump(
        {
            "type": "FeatureCollection",
            "name": "countries",
            "license": note,
            "source": f"world-atlas@2.0.2 {MEMBER.split('/')[-1]} (Natural Earth 4.1.0 "
            f"Admin 0 countries {SCALE}), arcs simplified {SIMPLIFY_DEG} deg, clipped to lon "
            f"{REGION[0]:g}..{REGION[2]:g} lat {REGION[1]:g}..{REGION[3]:g}",
            "features": countries,
        },
        OUT_DIR / "countries.geojson",
    )
    dump(
        {
            "type": "FeatureCollection",
            "name": "seas",
            "license": note,
            "source": f"water polygons derived as the gaps between Natural Earth {SCALE} admin-0 "
            "countries; label points placed by hand",
            "features": seas,
        },
        OUT_DIR / "seas.geojson",
    )
    return countries, seas


def water_polygons(land):
    """Caspian (enclosed by land), Black Sea and Sea of Azov (cut at Bosporus and Kerch)."""
    out = []
    # Caspian: the interior ring of the land union that contains a mid-Caspian point.
    caspian = None
    for p in polygons_only(land):
        for r in p.interiors:
            hole = Polygon(r)
            if hole.contains(Point(51.0, 41.6)):
                caspian = hole
    # Black Sea and Azov: water inside a bounding box, with the two straits plugged.
    water = box(27.2, 40.85, 42.0, 47.4).difference(land)
    plugs = unary_union(
        [
            box(28.85, 40.85, 29.3, 41.12),  # south end of the Bosporus
            box(36.35, 45.15, 36.85, 45.30),
        ]
    )  # Kerch Strait
    water = water.difference(plugs)
    black = azov = None
    for p in polygons_only(water):
        if p.contains(Point(34.0, 43.2)):
            black = p
        elif p.contains(Point(36.6, 46.1)):
            azov = p
    for name, geom in (("Caspian Sea", caspian), ("Black Sea", black), ("Sea of Azov", azov)):
        if geom is None:
            raise SystemExit(f"could not derive {name}")
        geom = rounded(geom)  # coastline vertices are the countries' own (already simplified)
        out.append(feature(geom, {"name": name, "kind": "water"}))
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--tarball", type=Path, help="use this world-atlas-2.0.2.tgz instead of npm pack")
    args = ap.parse_args(argv)
    countries, seas = build(args.tarball)
    for f in ("countries.geojson", "seas.geojson"):
        print(f"{OUT_DIR / f}: {(OUT_DIR / f).stat().st_size / 1024:.0f} KB", file=sys.stderr)
    print(f"{len(countries)} countries, {len(seas)} sea features", file=sys.stderr)


if __name__ == "__main__":
    main()
