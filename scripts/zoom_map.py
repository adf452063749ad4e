"""The map's detail panel zoomed in as a user zooms it (Georgia, Baku), written as PNG through kaleido,
so a person can check that every line runs on its true path: nothing on the map is moved or laned.

    .venv/bin/python scripts/zoom_map.py --out docs       # docs/map-zoom-georgia.png, docs/map-zoom-baku.png
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from dashboard.chart_frame import ChartMeta  # noqa: E402
from dashboard.export.images import figure_image  # noqa: E402
from dashboard.gazetteer import load_gazetteer  # noqa: E402
from dashboard.geomap import map_figure  # noqa: E402

# (west, east, south, north) of each close-up, in degrees
ZOOMS = {
    "georgia": (40.9, 46.9, 40.9, 43.9),
    "baku": (48.7, 50.7, 39.6, 40.9),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--geodata", type=Path, default=REPO / "geodata")
    parser.add_argument("--out", type=Path, default=REPO / "docs")
    args = parser.parse_args()
    gazetteer = load_gazetteer(args.geodata)
    stats = {f.id: (10, 10) for f in gazetteer.features}
    args.out.mkdir(parents=True, exist_ok=True)
    for name, (west, east, south, north) in ZOOMS.items():
        fig = map_figure(gazetteer.features, gazetteer.basemap, stats, ChartMeta("map"), framed=False)
        # The detail panel alone over the whole image, at the close-up a scroll-zoom gives.
        fig.data = [trace for trace in fig.data if trace.geo == "geo2"]
        fig.update_layout(
            geo2={
                "domain": {"x": [0, 1], "y": [0, 1]},
                "lonaxis": {"range": [west, east]},
                "lataxis": {"range": [south, north]},
            },
            showlegend=False,
        )
        path = args.out / f"map-zoom-{name}.png"
        path.write_bytes(figure_image(fig, "png", box=(9.0, 6.0)))
        print(path)


if __name__ == "__main__":
    main()
