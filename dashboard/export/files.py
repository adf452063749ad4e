"""Each chart's data beside its image: the map as GeoJSON, the other charts as CSV."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..gazetteer import Feature
    from .content import BriefingContent

CHART_ORDER = ("map", "mentions-by-feature", "mentions-over-time", "co-mentions", "currencies")


def map_geojson(features: list[Feature], stats: dict[str, tuple[int, int]]) -> str:
    """The map's data: every drawn feature with its attributes and mention counts."""
    collection = {"type": "FeatureCollection", "features": []}
    for feature in features:
        if feature.geometry_type == "Point":
            geometry = {"type": "Point", "coordinates": list(feature.point)}
        elif feature.geometry_type == "LineString":
            geometry = {"type": "LineString", "coordinates": [list(p) for p in feature.lines[0]]}
        else:
            geometry = {"type": "MultiLineString", "coordinates": [[list(p) for p in line] for line in feature.lines]}
        articles, mentions = stats.get(feature.id, (0, 0))
        properties = {k: v for k, v in feature.properties.items() if k not in ("sense", "descriptions")}
        collection["features"].append(
            {
                "type": "Feature",
                "id": feature.id,
                "properties": {**properties, "articles": articles, "mentions": mentions},
                "geometry": geometry,
            }
        )
    return json.dumps(collection, ensure_ascii=False, indent=1)


def write_chart_data(content: BriefingContent) -> list[Path]:
    """What each chart shows: the map as GeoJSON, the others as CSV."""
    written = []
    for name in CHART_ORDER:
        if name == "map":
            path = content.out_dir / "map.geojson"
            path.write_text(map_geojson(content.view.features, content.view.stats()), encoding="utf-8")
        elif content.charts[name].data is not None:
            path = content.out_dir / f"{name}.csv"
            content.charts[name].data.to_csv(path, index=False)
        else:
            continue
        written.append(path)
    return written
