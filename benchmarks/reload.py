"""Issue 24 goal 1: the first map on a reload in a warm browser, against Streamlit's floor.

    .venv/bin/python benchmarks/reload.py [--articles 10000,100000] [--loads 5] [--keep DIR]

Two servers run side by side: a one-chart Streamlit page (one small offline geo chart: the floor)
and the app on an index built beforehand (`python -m dashboard ingest`, not timed). One headless
Chromium opens each page once to warm it, then loads them `--loads` times in turn, each time in the
same page, timed from navigation to the geo chart drawn and the script idle. The table gives the
median of each, their ratio, and the browser's long tasks per load (the main thread busy > 50 ms),
on the seeds and on each synthetic corpus.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import time
from pathlib import Path

from common import PYTHON, REPO, SEEDS, corpus_dir, header, load_line, median, table, workdir

from tests.harness import MAP, SETTLED, AppServer, launch_chromium

GOAL_RATIO = 1.5

FLOOR = '''"""The floor: Streamlit, the plotly bundle and one small offline geo chart."""
import plotly.graph_objects as go
import streamlit as st

st.title("Corridor Watch")
st.plotly_chart(go.Figure(go.Scattergeo(lon=[50.0], lat=[40.0])), key="map")
'''

LONG_TASKS_JS = """() => {
  window.__busy = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__busy += entry.duration;
  }).observe({type: "longtask", buffered: true});
}"""


def build_index(seeds: Path, data: Path) -> None:
    """The app's index, built by the command line before any timing."""
    env = {**os.environ, "DASHBOARD_DATA": str(data), "PYTHONPATH": str(REPO)}
    subprocess.run([PYTHON, "-m", "dashboard", "ingest", "--seeds", str(seeds)], cwd=REPO, env=env, check=True)


def timed_load(page, url: str) -> tuple[float, float]:
    """Seconds from navigation to the geo chart drawn with the script idle, and the long tasks' ms."""
    started = time.perf_counter()
    page.goto(url)
    page.evaluate(LONG_TASKS_JS)
    page.wait_for_selector(f"{SETTLED} {MAP}", state="attached", timeout=600_000)
    drawn = time.perf_counter() - started
    return drawn, page.evaluate("() => window.__busy")


def compare(browser, floor: AppServer, app: AppServer, loads: int) -> dict[str, list[tuple[float, float]]]:
    """Each page opened once to warm it, then loaded `loads` times in turn."""
    context = browser.new_context(viewport={"width": 1600, "height": 1100})
    pages = {"floor": (context.new_page(), floor.url), "app": (context.new_page(), app.url)}
    for page, url in pages.values():
        timed_load(page, url)
    times: dict[str, list[tuple[float, float]]] = {"floor": [], "app": []}
    for _ in range(loads):
        for name, (page, url) in pages.items():
            page.bring_to_front()
            times[name].append(timed_load(page, url))
    context.close()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", default="10000,100000", help="comma-separated synthetic corpus sizes")
    parser.add_argument("--loads", type=int, default=5, help="loads of each page, in turn")
    parser.add_argument("--keep", metavar="DIR", help="keep corpora and indexes here (reused next time)")
    parser.add_argument("--no-seeds", action="store_true", help="skip the seeds row")
    args = parser.parse_args()
    sizes = sorted(int(s.replace("_", "")) for s in args.articles.split(",") if s.strip())

    from playwright.sync_api import sync_playwright

    header("Reload benchmark: the app's first map against a one-chart Streamlit page, warm browser")
    with workdir(args.keep, "cw-bench-reload-") as root:
        corpora = ([] if args.no_seeds else [("seeds", SEEDS)]) + [
            (f"{n // 1000}k", corpus_dir(root, n)) for n in sizes
        ]
        floor_script = root / "reload-floor" / "floor_app.py"
        floor_script.parent.mkdir(parents=True, exist_ok=True)
        floor_script.write_text(FLOOR, encoding="utf-8")
        rows = []
        with sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            for label, seeds in corpora:
                data = root / f"reload-data-{label}"
                build_index(seeds, data)
                env = {"DASHBOARD_SEEDS": str(seeds), "DASHBOARD_GEODATA": str(REPO / "geodata")}
                floor = AppServer(floor_script.parent, {}, floor_script)
                app = AppServer(root / f"reload-{label}", {**env, "DASHBOARD_DATA": str(data)})
                floor.start()
                app.start()
                try:
                    times = compare(browser, floor, app, args.loads)
                finally:
                    app.stop()
                    floor.stop()
                floor_s, app_s = (median([t for t, _busy in times[name]]) for name in ("floor", "app"))
                floor_busy, app_busy = (median([b for _t, b in times[name]]) for name in ("floor", "app"))
                ratio = app_s / floor_s
                print(
                    f"  {label}: app {', '.join(f'{t:.2f}' for t, _ in times['app'])} s; "
                    f"floor {', '.join(f'{t:.2f}' for t, _ in times['floor'])} s",
                    flush=True,
                )
                rows.append(
                    [
                        label,
                        f"{floor_s:.2f}",
                        f"{app_s:.2f}",
                        f"{ratio:.2f}",
                        f"{floor_busy:.0f}",
                        f"{app_busy:.0f}",
                        "met" if ratio <= GOAL_RATIO else "MISSED",
                    ]
                )
            browser.close()
        print()
        print(
            table(
                ["corpus", "floor s", "app s", "x floor", "floor long tasks ms", "app long tasks ms", "<= 1.5x"],
                rows,
            )
        )
        print(f"  medians of {args.loads} loads each, in turn, in one warm Chromium; navigation to map drawn + idle.")
    print()
    print(load_line())


if __name__ == "__main__":
    main()
