"""Briefing export on the shipped seeds: the whole command, then each stage in-process.

    .venv/bin/python benchmarks/export.py [--runs 3] [--keep DIR]

The index is built once first (`python -m dashboard ingest`, not timed as part of the export), then
`python -m dashboard export --out DIR` runs `--runs` times into fresh folders; wall times include starting
Python, the (no-op) index refresh, the browser start and writing every file. The stages are then timed
in-process with `export_briefing(..., timings=...)`: view and charts (the app's builders, while
Chromium boots in a thread), images (the rest of the browser start, then one kaleido session for
5 charts x PNG + SVG), chart data (CSV/GeoJSON), deck (briefing.pptx): one stage per entry of
`dashboard.export.FILE_WRITERS`.
Goal (issue 24, goal 6): the whole command under 5 s on the seeds.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import time
from pathlib import Path

from common import GEODATA, PYTHON, REPO, SEEDS, header, table, verdict, workdir

GOAL_S = 5.0


def run(args: list[str], data: Path) -> tuple[float, subprocess.CompletedProcess]:
    env = {**os.environ, "DASHBOARD_DATA": str(data), "PYTHONPATH": str(REPO)}
    env.pop("DASHBOARD_DEBUG", None)
    started = time.perf_counter()
    result = subprocess.run(
        [PYTHON, "-m", "dashboard", *args], cwd=REPO, env=env, capture_output=True, text=True, check=False
    )
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"`python -m dashboard {' '.join(args)}` failed ({result.returncode}):\n{result.stderr}")
    return elapsed, result


def in_process(out: Path, data: Path) -> dict[str, float]:
    """One export with timers around loading and each stage of `export_briefing`."""
    from dashboard.analysis import load_frames
    from dashboard.export import export_briefing
    from dashboard.gazetteer import load_gazetteer
    from dashboard.store import open_index

    stages: dict[str, float] = {}
    started = time.perf_counter()
    gazetteer = load_gazetteer(GEODATA)
    with open_index(SEEDS, data) as index:
        frames = load_frames(index)
        stages["load geodata + frames"] = time.perf_counter() - started
        export_briefing(frames, gazetteer, index, out, timings=stages)
    stages["total in-process"] = time.perf_counter() - started
    return stages


def browser_start(out: Path) -> float:
    """kaleido + Chromium start and one tiny PNG: the fixed cost inside the images stage."""
    import plotly.graph_objects as go

    from dashboard.export import write_images

    started = time.perf_counter()
    write_images({"tiny": go.Figure(go.Bar(x=[1], y=[1]))}, out, formats=("png",))
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3, help="runs of the whole command (default 3)")
    parser.add_argument("--keep", metavar="DIR", help="keep the index and exports in DIR")
    args = parser.parse_args()

    header("Export benchmark: `python -m dashboard export` on the seeds (kaleido + Debian Chromium)")
    with workdir(args.keep, "cw-export-") as root:
        data = root / "data"
        ingest_s, _ = run(["ingest"], data)
        print(f"index prebuilt in {ingest_s:.1f} s (not part of the export times)\n")

        walls = []
        for number in range(1, args.runs + 1):
            out = root / f"briefing-{number}"
            elapsed, result = run(["export", "--out", str(out)], data)
            walls.append(elapsed)
            written = [line for line in result.stdout.splitlines() if line.strip()]
            print(f"run {number}: {elapsed:.1f} s, {len(written)} files")
        deck = root / "briefing-1" / "briefing.pptx"
        from pptx import Presentation

        slides = len(Presentation(str(deck)).slides)
        print(f"deck: {slides} slides, {deck.stat().st_size / 1e6:.1f} MB\n")

        stages = in_process(root / "briefing-stages", data)
        start = browser_start(root / "browser-start")
        total = stages["total in-process"]
        rows = [
            (name, f"{seconds:.2f}", f"{100 * seconds / total:.0f}%")
            for name, seconds in stages.items()
            if name != "total in-process"
        ]
        rows.append(("total in-process", f"{total:.2f}", "100%"))
        print(table(["stage (in-process)", "s", "share"], rows, align="lrr"))
        print(f"\nof which browser start + 1 tiny image (measured alone): {start:.2f} s\n")

        median = statistics.median(walls)
        print(
            table(
                ["whole command", "median s", "min s", "max s", "goal s", "verdict"],
                [
                    (
                        f"export, {args.runs} run(s)",
                        f"{median:.1f}",
                        f"{min(walls):.1f}",
                        f"{max(walls):.1f}",
                        f"< {GOAL_S:.0f}",
                        verdict(median < GOAL_S),
                    )
                ],
            )
        )


if __name__ == "__main__":
    main()
