"""Render every route and port over the offline base map, for a person to check the geodata.

    .venv/bin/python scripts/preview_geodata.py [--geodata DIR] [--out DIR]

Writes geodata-overview.png (Lianyungang to Italy) and geodata-caucasus.png (the Black Sea to the
Caspian) at 1920x1080 through kaleido and Debian's Chromium; no network.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dashboard.charts import ChartMeta, map_figure
from dashboard.export import LAYOUT_HEIGHT, LAYOUT_WIDTH, write_images
from dashboard.gazetteer import load_gazetteer

VIEWS = {
    "geodata-overview": ((8.0, 124.0, 48.0), "All routes and ports"),
    "geodata-caucasus": ((36.0, 56.0, 41.5), "The Caucasus and the Caspian crossings"),
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--geodata", default=Path(__file__).resolve().parent.parent / "geodata", type=Path)
    parser.add_argument("--out", default=Path("artifacts"), type=Path)
    args = parser.parse_args()
    gazetteer = load_gazetteer(args.geodata)
    for problem in gazetteer.problems:
        print(problem, file=sys.stderr)
    aspect = (LAYOUT_WIDTH - 20) / (LAYOUT_HEIGHT - 80 - 40)
    figures = {
        name: map_figure(
            gazetteer.features,
            gazetteer.basemap,
            {f.id: (1, 1) for f in gazetteer.features},  # label every port
            ChartMeta(
                title,
                f"{len(gazetteer.routes)} routes, {len(gazetteer.ports)} ports",
                "Geodata: geodata/README.md. Base map: Natural Earth.",
            ),
            aspect=aspect,
            view=view,
        )
        for name, (view, title) in VIEWS.items()
    }
    for path in write_images(figures, args.out, formats=("png",)):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
