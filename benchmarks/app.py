"""The app under a real browser: time to the first map, server time of a click's rerun, memory.

    .venv/bin/python benchmarks/app.py [--articles 1000,10000,100000] [--rounds 2] [--keep DIR] [--no-profile]

For the seed pages and each synthetic corpus: `streamlit run` on a small wrapper around
`dashboard.ui.page.main()` (imported from this repo) that logs each run's server time, driven by
Debian's Chromium through Playwright (never `playwright install`). Each corpus is opened twice:
cold (no index yet: the app ingests on first load) and warm (index built). "First map" is the time
from starting `streamlit run` to the map drawn and the app settled in the browser. Then the warm
server gets `--rounds` clicks on every route and port at the default view (each where it is farthest
from other features); the server time of each click's rerun is read from the wrapper's log, and the
time from the click to the feature's card on screen is measured in the browser. First-map times are
also given as a ratio to the floor (a one-chart Streamlit page) of the same run. Memory is VmRSS/VmHWM of the streamlit process, from /proc.
"""

from __future__ import annotations

import argparse
import io
import json
import pstats
import shutil
import time
from pathlib import Path

from common import (
    REPO,
    SEEDS,
    corpus_dir,
    header,
    load_line,
    median,
    percentile,
    proc_status,
    table,
    verdict,
)

from tests.harness import MAP, SETTLED, AppServer, launch_chromium
from tests.mapclicks import CLICK_TARGET_JS, CLICKABLE_IDS_JS

GOAL_FIRST_MAP_S = 5.0
GOAL_RERUN_P95_MS = 150.0
GOAL_RSS_MB = 1000.0
GOAL_CARD_P95_MS = 300.0  # click -> card on screen, in Chromium, at 10k articles
CLICK_VIEWPORTS = ((1280, 720), (1600, 1000))
GOAL_FLOOR_RATIO = {"seeds": 1.25, "10k": 1.25, "100k": 1.5}  # first map / the floor's first map

WRAPPER = '''"""Benchmark wrapper: runs the app's page and logs each run's server time."""
import json, os, sys, time

_started = time.perf_counter()
REPO = {repo!r}
if REPO not in sys.path:
    sys.path.insert(0, REPO)
import dashboard
from dashboard.ui.page import main
import streamlit as st

import dashboard.ui.page as _page


def _timed(run, started, import_ms):
    """Run (profiled while the flag file exists) and log its server time."""
    flag = os.environ["CW_BENCH_PROFILE_FLAG"]
    profiler = None
    if os.path.exists(flag):
        import cProfile
        profiler = cProfile.Profile()
        profiler.enable()
    outcome = "ok"
    try:
        return run()
    except BaseException as exc:
        outcome = type(exc).__name__
        raise
    finally:
        done = time.perf_counter()
        if profiler is not None:
            profiler.disable()
            profiler.dump_stats(f"{{flag}}.{{time.time_ns()}}.prof")
        with open(os.environ["CW_BENCH_LOG"], "a") as log:
            log.write(json.dumps({{
                "at": time.time(), "ms": (done - started) * 1000, "import_ms": import_ms,
                "outcome": outcome, "selected": st.session_state.get("selected"), "package": dashboard.__file__,
            }}) + "\\n")


# A click reruns only the map-and-detail fragment, not this script: time those reruns too.
if not hasattr(_page.map_and_detail, "bench_timed"):
    import functools
    _body = _page.map_and_detail.__wrapped__

    @functools.wraps(_body)
    def _fragment_body(*args, **kwargs):
        if getattr(_page, "bench_full_run", False):
            return _body(*args, **kwargs)
        return _timed(lambda: _body(*args, **kwargs), time.perf_counter(), 0.0)

    _page.map_and_detail = st.fragment(_fragment_body)
    _page.map_and_detail.bench_timed = True

_imported = time.perf_counter()
_page.bench_full_run = True
try:
    _timed(main, _imported, (_imported - _started) * 1000)
finally:
    _page.bench_full_run = False
'''

# The floor: the same wrapper and logging around a page with one tiny geo chart keyed "map".
FLOOR_PAGE = """
def main():
    import plotly.graph_objects as go
    import streamlit as st

    st.title("Corridor Watch")
    st.plotly_chart(go.Figure(go.Scattergeo(lon=[50.0], lat=[40.0])), key="map")
"""

STAGES = (
    ("page.py", "main", "main() total (a full run)"),
    ("page.py", "map_and_detail", "map_and_detail (the fragment a click reruns)"),
    ("page.py", "header", "header"),
    ("page.py", "sidebar", "sidebar (filters)"),
    ("analysis.py", "compute_view", "compute_view (filter + counts)"),
    ("charts.py", "build_charts", "build_charts (5 plotly figures)"),
    ("page.py", "map_panel", "map_panel (plotly_chart + downloads)"),
    ("gis.py", "geojson_text", "  geojson_text (download data)"),
    ("page.py", "detail_panel", "detail_panel (card + excerpts)"),
    ("analysis.py", "excerpts", "  excerpts (SQL + grouping)"),
    ("page.py", "count_panels", "count_panels (3 charts + CSV)"),
    ("page.py", "currency_panel", "currency_panel (table + chart)"),
)


class Server(AppServer):
    """`streamlit run` on the timing wrapper, with this corpus and a given index folder."""

    def __init__(self, root: Path, seeds: Path, data: Path, label: str, floor: bool = False) -> None:
        folder = root / f"app-{label}"
        folder.mkdir(parents=True, exist_ok=True)
        script = WRAPPER.format(repo=str(REPO))
        if floor:
            script = script.replace("from dashboard.ui.page import main\n", FLOOR_PAGE)
            # No page module (and its imports) in the floor: a stand-in whose fragment counts as timed.
            script = script.replace(
                "import dashboard.ui.page as _page\n",
                "import types\n_page = types.SimpleNamespace(map_and_detail=types.SimpleNamespace(bench_timed=True))\n",
            )
        (folder / "bench_app.py").write_text(script, encoding="utf-8")
        self.log = folder / "runs.jsonl"
        self.flag = folder / "profile-on"
        env = {
            "DASHBOARD_SEEDS": str(seeds),
            "DASHBOARD_GEODATA": str(REPO / "geodata"),
            "DASHBOARD_DATA": str(data),
            "CW_BENCH_LOG": str(self.log),
            "CW_BENCH_PROFILE_FLAG": str(self.flag),
        }
        super().__init__(folder, env, folder / "bench_app.py")

    def start(self, timeout_s: float = 120) -> float:
        """Start with an empty run log and no profiling; return the time it was started at."""
        self.log.write_text("")
        self.flag.unlink(missing_ok=True)
        for old in self.folder.glob("profile-on.*.prof"):
            old.unlink()
        return super().start(timeout_s)

    def runs(self) -> list[dict]:
        return [json.loads(line) for line in self.log.read_text().splitlines() if line.strip()]

    def memory(self) -> dict[str, float]:
        return proc_status(self.process.pid) if self.process else {}


def first_map(browser, server: Server, viewport: tuple[int, int] = (1600, 1100)) -> dict:
    """Start the server, open the page in a window of `viewport` px, wait for the map and the settled app."""
    wall_start = time.time()
    started = server.start()
    healthy = time.perf_counter() - started
    context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
    page = context.new_page()
    page.goto(server.url)
    loaded = time.perf_counter() - started
    page.wait_for_selector(f"{SETTLED} {MAP}", state="attached", timeout=900_000)
    drawn = time.perf_counter() - started
    runs = server.runs()
    return {
        "page": page,
        "context": context,
        "health": healthy,
        "loaded": loaded,
        "server_done": runs[0]["at"] - wall_start if runs else float("nan"),
        "map": drawn,
        "server_ms": runs[0]["ms"] if runs else float("nan"),
        "import_ms": runs[0]["import_ms"] if runs else float("nan"),
        "package": runs[0]["package"] if runs else "?",
        "memory": server.memory(),
    }


def click_features(page, server: Server, rounds: int) -> dict:
    """Click every route and port `rounds` times in turn; per click: the server time of its rerun(s)
    and the time from the click to the feature's card on screen (app settled), by feature."""
    ids = page.evaluate(CLICKABLE_IDS_JS)
    server_ms, client_ms, reruns = [], [], []
    by_feature: dict[str, dict[str, list]] = {fid: {"client": [], "server": []} for fid in ids}
    missed_ids: list[str] = []
    sequence = [fid for _ in range(rounds) for fid in ids]
    for fid in sequence:
        target = page.evaluate(CLICK_TARGET_JS, fid)
        if not target:
            missed_ids.append(fid)
            continue
        before = len(server.runs())
        page.mouse.move(target["x"], target["y"])
        started = time.perf_counter()
        page.mouse.click(target["x"], target["y"])
        try:
            page.wait_for_selector(f"{SETTLED} [data-testid='feature-card'][data-feature='{fid}']", timeout=10_000)
            elapsed = (time.perf_counter() - started) * 1000
            client_ms.append(elapsed)
            by_feature[fid]["client"].append(elapsed)
        except Exception:  # noqa: BLE001 - a click that selected nothing or another feature is counted
            missed_ids.append(fid)
        time.sleep(0.3)  # a second rerun, if the click caused one
        new = server.runs()[before:]
        if new:
            server_ms.append(sum(r["ms"] for r in new))
            reruns.append(len(new))
            by_feature[fid]["server"].append(sum(r["ms"] for r in new))
    return {
        "server_ms": server_ms,
        "client_ms": client_ms,
        "reruns": reruns,
        "missed": len(missed_ids),
        "missed_ids": missed_ids,
        "ids": sequence,
        "by_feature": by_feature,
    }


def feature_table(label: str, clicks: dict) -> str:
    """Click figures for every feature: how many clicks opened its card, click->card and server ms."""
    rows = []
    for fid, figures in clicks["by_feature"].items():
        tried = clicks["ids"].count(fid)
        client, server = figures["client"], figures["server"]
        rows.append(
            [
                fid,
                f"{len(client)}/{tried}",
                f"{median(client):.0f}" if client else "-",
                f"{max(client):.0f}" if client else "-",
                f"{median(server):.0f}" if server else "-",
            ]
        )
    return f"clicks by feature, {label}\n" + table(
        ["feature", "card shown", "click->card med ms", "max ms", "server med ms"], rows
    )


def profile_clicks(page, server: Server, count: int, top: int) -> str:
    """Repeat clicks with cProfile switched on inside the wrapper; stage times and a top list."""
    server.flag.write_text("on")
    try:
        click_features(page, server, count)
    finally:
        server.flag.unlink(missing_ok=True)
    files = sorted(server.folder.glob("profile-on.*.prof"))
    if not files:
        return "no profile was written"
    stats = pstats.Stats(*map(str, files))
    runs = len(files)
    rows = []
    for filename, name, label in STAGES:
        for (path, _line, func), (_cc, _nc, _tt, cumulative, _callers) in stats.stats.items():
            if (func == name and path.endswith(f"dashboard/{filename}")) or (
                func == name and path.endswith(f"dashboard/ui/{filename}")
            ):
                rows.append([label, f"{cumulative / runs * 1000:.0f}"])
                break
    out = io.StringIO()
    stats.stream = out
    stats.strip_dirs().sort_stats("tottime").print_stats(top)
    listing = out.getvalue()
    start = listing.find("   ncalls")
    text = f"server time per click rerun under cProfile ({runs} reruns; profiling slows everything down)\n"
    text += table(["stage", "ms per rerun"], rows) + "\n\n"
    text += f"top {top} by own time, all {runs} reruns together\n" + listing[start:].rstrip()
    for path in files:
        path.unlink()
    return text


def bench_floor(browser, root: Path) -> list[str]:
    """Streamlit, the plotly bundle and one tiny geo chart: what no change to the app can beat."""
    server = Server(root, SEEDS, root / "app-data-floor", "floor", floor=True)
    try:
        first_map(browser, server)["context"].close()  # warm the OS file cache like the other rows
    finally:
        server.stop()
    try:
        warm = first_map(browser, server)
        warm["context"].close()
    finally:
        server.stop()
    print(f"  floor: first map {warm['map']:.1f} s", flush=True)
    row = ["floor: 1 tiny chart", "-", "-", f"{warm['map']:.1f}", "1.00", f"{warm['health']:.1f}"]
    row += [f"{warm['loaded']:.1f}", f"{warm['server_ms'] / 1000:.2f}", f"{warm['server_done']:.1f}"]
    return row + ["-"] * 6 + [f"{warm['memory'].get('VmRSS', float('nan')):.0f}", "-", "-"], warm["map"]


def bench_corpus(
    browser, root: Path, label: str, seeds: Path, articles: int, args, profile: bool, floor_s: float
) -> tuple:
    data = root / f"app-data-{label}"
    shutil.rmtree(data, ignore_errors=True)
    server = Server(root, seeds, data, label)
    try:
        cold = first_map(browser, server)
        cold["context"].close()
    finally:
        server.stop()
    print(f"  {label}: cold first map {cold['map']:.1f} s (server first run {cold['server_ms'] / 1000:.1f} s)")
    profile_text = ""
    try:
        warm = first_map(browser, server)
        loaded = warm["memory"]
        clicks = click_features(warm["page"], server, args.rounds)
        after = server.memory()
        if profile:
            profile_text = profile_clicks(warm["page"], server, 1, args.top)
        warm["context"].close()
    finally:
        server.stop()
    for size in CLICK_VIEWPORTS:  # the click bar where a user sees the map: a laptop and a desktop window
        try:
            shown = first_map(browser, server, size)
            bar = click_features(shown["page"], server, 1)
            shown["context"].close()
        finally:
            server.stop()
        print(
            f"  {label}: click bar at {size[0]}x{size[1]}: {len(bar['client_ms'])} cards, click->card p95 "
            f"{percentile(bar['client_ms'], 0.95):.0f} ms (goal <= {GOAL_CARD_P95_MS:.0f}); "
            f"missed {bar['missed_ids'] or 'none'}",
            flush=True,
        )
    ms, card = clicks["server_ms"], clicks["client_ms"]
    ratio = warm["map"] / floor_s
    print(
        f"  {label}: warm first map {warm['map']:.1f} s ({ratio:.2f}x the floor); {len(ms)} click reruns, median "
        f"{median(ms):.0f} ms, p95 {percentile(ms, 0.95):.0f} ms; click->card median {median(card):.0f} ms, p95 "
        f"{percentile(card, 0.95):.0f} ms; missed {clicks['missed_ids'] or 'none'}; package {warm['package']}",
        flush=True,
    )
    row = [
        label,
        f"{articles:,}",
        f"{cold['map']:.1f}",
        f"{warm['map']:.1f}",
        f"{ratio:.2f}",
        f"{warm['health']:.1f}",
        f"{warm['loaded']:.1f}",
        f"{warm['server_ms'] / 1000:.2f}",
        f"{warm['server_done']:.1f}",
        f"{median(ms):.0f}",
        f"{percentile(ms, 0.95):.0f}",
        f"{max(ms) if ms else float('nan'):.0f}",
        f"{median(card):.0f}",
        f"{percentile(card, 0.95):.0f}",
        f"{len(clicks['ids']) - clicks['missed']}/{len(clicks['ids'])}",
        f"{loaded.get('VmRSS', float('nan')):.0f}",
        f"{after.get('VmRSS', float('nan')):.0f}",
        f"{after.get('VmHWM', float('nan')):.0f}",
    ]
    result = {
        "map": warm["map"],
        "ratio": ratio,
        "p95": percentile(ms, 0.95),
        "card_p95": percentile(card, 0.95),
        "rss": after.get("VmRSS", float("nan")),
        "features": feature_table(label, clicks),
    }
    return row, result, profile_text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", default="1000,10000,100000", help="comma-separated synthetic corpus sizes")
    parser.add_argument("--no-seeds", action="store_true", help="skip the run on the shipped seed pages")
    parser.add_argument("--rounds", type=int, default=2, help="clicks on every route and port per corpus (default 2)")
    parser.add_argument("--keep", metavar="DIR", help="keep corpora and indexes here (reused next time)")
    parser.add_argument("--no-profile", action="store_true", help="skip the profiled clicks on the largest corpus")
    parser.add_argument("--top", type=int, default=15, help="profile lines to print")
    args = parser.parse_args()
    sizes = sorted(int(s.replace("_", "")) for s in args.articles.split(",") if s.strip())

    from common import workdir
    from playwright.sync_api import sync_playwright

    header("App benchmark: streamlit run + Chromium (headless), one session")
    rows, results, profile_text = [], {}, ""
    with workdir(args.keep, "cw-bench-app-") as root, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            corpora = [] if args.no_seeds else [("seeds", SEEDS, 0)]
            corpora += [(f"{n // 1000}k" if n % 1000 == 0 else str(n), None, n) for n in sizes]
            largest = corpora[-1][0] if corpora else None
            floor_row, floor_s = bench_floor(browser, root)
            rows.append(floor_row)
            for label, seeds, articles in corpora:
                seeds = seeds or corpus_dir(root, articles)
                if label == "seeds":
                    articles = _seed_articles()
                profile = not args.no_profile and label == largest
                row, result, text = bench_corpus(browser, root, label, seeds, articles, args, profile, floor_s)
                rows.append(row)
                results[label] = result
                profile_text = text or profile_text
        finally:
            browser.close()
    print()
    print(
        table(
            [
                "corpus",
                "articles",
                "cold map s",
                "warm map s",
                "x floor",
                "health s",
                "page s",
                "1st run s",
                "run done s",
                "click med ms",
                "p95 ms",
                "max ms",
                "card med ms",
                "card p95 ms",
                "clicks ok",
                "RSS load",
                "RSS clicks",
                "RSS peak",
            ],
            rows,
        )
    )
    print(
        "  map s: from `streamlit run` to the map drawn and the app settled in Chromium (cold: no index yet);\n"
        "  x floor: warm map s over the floor's (same run, same machine load);\n"
        "  health s: until /_stcore/health answered; page s: until the page's load event; 1st run s: server\n"
        "  time of the first run (warm); run done s: from `streamlit run` to the end of that run on the server;\n"
        "  click ms: server time of the rerun(s) after a click on the map (the fragment, or main() if whole);\n"
        "  card ms: from the click to the feature's card shown and the app settled, in the browser;\n"
        "  RSS in MB (10^6 bytes) of the streamlit process: after the first map, after the clicks, and VmHWM."
    )
    goals = []
    for name, result in results.items():
        print()
        print(result["features"])
        if name in GOAL_FLOOR_RATIO:
            goal = GOAL_FLOOR_RATIO[name]
            goals.append(
                [f"first map / floor, {name}", f"{result['ratio']:.2f}", f"<= {goal}", verdict(result["ratio"] <= goal)]
            )
        if name == "10k":
            goals.append(
                [
                    "click -> card p95, 10k",
                    f"{result['card_p95']:.0f} ms",
                    f"<= {GOAL_CARD_P95_MS:.0f} ms",
                    verdict(result["card_p95"] <= GOAL_CARD_P95_MS),
                ]
            )
    if goals:
        print()
        print(table(["map goal (issue 14)", "figure", "target", ""], goals, "lrrl"))
    label = "100k" if "100k" in results else (rows[-1][0] if rows else None)
    if label:
        result = results[label]
        print()
        print(
            table(
                ["goal", "figure", "target", ""],
                [
                    [
                        f"first map, {label}, index built",
                        f"{result['map']:.1f} s",
                        f"< {GOAL_FIRST_MAP_S:.0f} s",
                        verdict(result["map"] < GOAL_FIRST_MAP_S),
                    ],
                    [
                        f"click rerun p95, {label}",
                        f"{result['p95']:.0f} ms",
                        f"< {GOAL_RERUN_P95_MS:.0f} ms",
                        verdict(result["p95"] < GOAL_RERUN_P95_MS),
                    ],
                    [
                        f"RSS after clicks, {label}",
                        f"{result['rss']:.0f} MB",
                        f"< {GOAL_RSS_MB:.0f} MB",
                        verdict(result["rss"] < GOAL_RSS_MB),
                    ],
                ],
                "lrrl",
            )
        )
        if label != "100k":
            print("  (the goals are for the 100k corpus)")
    if profile_text:
        print()
        print(profile_text)
    print()
    print(load_line())


def _seed_articles() -> int:
    from dashboard.corpus import load_corpus

    return len(load_corpus(SEEDS).articles)


if __name__ == "__main__":
    main()
