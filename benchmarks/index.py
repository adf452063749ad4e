"""Index build: full ingest, re-ingest with one new page, re-ingest with nothing changed, size, memory.

    .venv/bin/python benchmarks/index.py [--articles 1000,10000,100000] [--keep DIR] [--no-profile]

Each size is a synthetic corpus of listing pages (5 articles a page, `benchmarks/synthetic.py`)
ingested with the real command, `python -m dashboard ingest --seeds DIR`, into a fresh DASHBOARD_DATA
folder. Wall times include starting Python and loading the geodata; the ingest's own time (its summary
line) is shown beside them. Then, for the largest size, the full ingest is run again in-process with
timers around each stage, and once more under cProfile (main process; parsing and linking run in
worker processes, so a sequential profile of those follows).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import re
import shutil
import subprocess
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

from common import (
    MB,
    PYTHON,
    REPO,
    SEEDS,
    corpus_dir,
    dir_size,
    header,
    load_line,
    table,
    tree_rss,
    trim_pstats,
    verdict,
)

GOAL_FULL_S = 60.0  # at 100k articles
GOAL_ONE_PAGE_S = 1.0

LAUNCHER = """
import resource, runpy, sys
sys.argv = ["dashboard", *sys.argv[1:]]
try:
    runpy.run_module("dashboard", run_name="__main__", alter_sys=True)
finally:
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime
    print(f"BENCH-MAXRSS-KB {me.ru_maxrss} {kids.ru_maxrss} {cpu:.3f}", file=sys.stderr)
"""


def run_ingest(corpus: Path, data: Path) -> dict:
    """`python -m dashboard ingest` with peak memory: own and largest worker (getrusage), tree (sampled)."""
    env = {**os.environ, "DASHBOARD_DATA": str(data), "PYTHONPATH": str(REPO)}
    env.pop("DASHBOARD_DEBUG", None)
    started = time.perf_counter()
    process = subprocess.Popen(
        [PYTHON, "-c", LAUNCHER, "ingest", "--seeds", str(corpus)],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    peak_tree = 0.0
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak_tree
        while not stop.is_set():
            peak_tree = max(peak_tree, tree_rss(process.pid))
            stop.wait(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = process.communicate()
    wall = time.perf_counter() - started
    stop.set()
    sampler.join()
    if process.returncode != 0:
        raise SystemExit(f"ingest failed ({process.returncode}):\n{out}\n{err}")
    own = workers = cpu = float("nan")
    found = re.search(r"BENCH-MAXRSS-KB (\d+) (\d+) ([\d.]+)", err)
    if found:
        own, workers = (int(v) * 1024 / MB for v in found.groups()[:2])
        cpu = float(found.group(3))
    summary = re.search(r"\(([\d.]+) s\)\s*$", out.strip())
    return {
        "wall": wall,
        "own": float(summary.group(1)) if summary else float("nan"),
        "line": out.strip().splitlines()[-1] if out.strip() else "",
        "cpu": cpu,
        "rss_main": own,
        "rss_worker": workers,
        "rss_tree": peak_tree,
    }


def new_page(corpus: Path) -> Path:
    """One more listing page of 5 articles, with titles no other page has."""
    from synthetic import write_corpus

    with tempfile.TemporaryDirectory() as scratch:
        (made,) = write_corpus(Path(scratch), 5, SEEDS, seed=424242)
        text = made.read_text(encoding="utf-8")
    text = re.sub(r"\((\d+)\)$", r"(benchmark page \1)", text, flags=re.MULTILINE)
    path = corpus / "zz_benchmark_new_page.txt"
    path.write_text(text, encoding="utf-8")
    return path


def measure_size(root: Path, articles: int) -> list[str]:
    corpus = corpus_dir(root, articles)
    pages = sum(1 for p in corpus.iterdir() if p.is_file())
    data = root / f"data-{articles}"
    shutil.rmtree(data, ignore_errors=True)
    stale = corpus / "zz_benchmark_new_page.txt"
    stale.unlink(missing_ok=True)
    full = run_ingest(corpus, data)
    print(f"  {articles:,} full ingest: {full['line']}", flush=True)
    index_bytes = dir_size(data)
    unchanged = run_ingest(corpus, data)
    added = new_page(corpus)
    try:
        one = run_ingest(corpus, data)
        print(f"  {articles:,} one new page: {one['line']}", flush=True)
    finally:
        added.unlink()
    return [
        f"{articles:,}",
        f"{pages:,}",
        f"{dir_size(corpus) / MB:,.0f}",
        f"{full['wall']:.1f} ({full['own']:.1f})",
        f"{full['cpu']:.1f}",
        f"{one['wall']:.2f} ({one['own']:.2f})",
        f"{unchanged['wall']:.2f} ({unchanged['own']:.2f})",
        f"{index_bytes / MB:,.0f}",
        f"{full['rss_main']:,.0f}",
        f"{full['rss_worker']:,.0f}",
        f"{full['rss_tree']:,.0f}",
    ]


# --- where the time goes -----------------------------------------------------------------------


class StageTimers:
    """Wraps the index's stages in place (module attributes and Index methods) and sums the time spent
    in each, exclusive of the other wrapped stages it calls, so the rows add up whatever calls what."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self._stack: list[float] = []  # time spent in wrapped children of each open stage
        self._undo: list[tuple[object, str, object]] = []

    def _timed(self, label: str, call):
        self._stack.append(0.0)
        started = time.perf_counter()
        try:
            return call()
        finally:
            elapsed = time.perf_counter() - started
            children = self._stack.pop()
            self.seconds[label] += elapsed - children
            if self._stack:
                self._stack[-1] += elapsed

    def wrap(self, owner, name: str, label: str) -> None:
        original = getattr(owner, name)

        def timed(*args, **kwargs):
            return self._timed(label, lambda: original(*args, **kwargs))

        self._undo.append((owner, name, original))
        setattr(owner, name, timed)

    def wrap_generator(self, owner, name: str, label: str) -> None:
        """Time spent waiting in next() of a generator method (the main process waiting for workers)."""
        original = getattr(owner, name)
        done = object()

        def timed(*args, **kwargs):
            iterator = iter(original(*args, **kwargs))
            while True:
                item = self._timed(label, lambda: next(iterator, done))
                if item is done:
                    return
                yield item

        self._undo.append((owner, name, original))
        setattr(owner, name, timed)

    def undo(self) -> None:
        for owner, name, original in reversed(self._undo):
            setattr(owner, name, original)


STAGES = (
    ("ingest", "page_files", "list files (page_files)"),
    ("ingest", "file_digest", "hash files (sha256)"),
    ("ingest", "_parse_all", "wait for parse + link (2 worker processes)"),
    ("Index", "store_page", "SQLite: pages, sightings, rates, problems"),
    ("ingest", "merge_group", "merge sightings into articles (merge_group)"),
    ("Index", "insert_article", "SQLite: articles (+ FTS when not empty) + categories"),
    ("Index", "insert_mentions", "SQLite: mentions"),
    ("Index", "_delete_article", "SQLite: delete old articles"),
    ("Index", "finish_full_text", "SQLite: full-text index, built in one pass"),
    ("Index", "rebuild_articles", "rebuild articles: SELECT sightings, JSON, re-link (rest)"),
    ("ingest", "_ingest", "stat, digests, bookkeeping (rest of _ingest)"),
)


def stage_breakdown(corpus: Path, data: Path) -> tuple[list[list[str]], float]:
    from dashboard import ingest, store
    from dashboard.gazetteer import load_gazetteer

    gazetteer = load_gazetteer(REPO / "geodata")
    timers = StageTimers()
    for owner, name, label in STAGES:
        target = ingest if owner == "ingest" else store.Index
        if not hasattr(target, name):
            continue
        if name == "_parse_all":
            timers.wrap_generator(target, name, label)
        else:
            timers.wrap(target, name, label)
    shutil.rmtree(data, ignore_errors=True)
    try:
        started = time.perf_counter()
        with store.open_index(corpus, data) as index:
            ingest.ingest(index, corpus, gazetteer)
        total = time.perf_counter() - started
    finally:
        timers.undo()
    rows = [[label, *_cells(timers.seconds[label], total)] for _owner, _name, label in STAGES]
    rows.append(["COMMIT, counts, open/close (rest of ingest)", *_cells(total - sum(timers.seconds.values()), total)])
    rows.append(["full ingest, in-process", *_cells(total, total)])
    return rows, total


def _cells(seconds: float, total: float) -> list[str]:
    return [f"{seconds:.1f}", f"{100 * seconds / total:.0f}%"]


def profile_main(corpus: Path, data: Path, top: int) -> str:
    from dashboard import ingest, store
    from dashboard.gazetteer import load_gazetteer

    gazetteer = load_gazetteer(REPO / "geodata")
    shutil.rmtree(data, ignore_errors=True)
    profiler = cProfile.Profile()
    with store.open_index(corpus, data) as index:
        profiler.enable()
        ingest.ingest(index, corpus, gazetteer)
        profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).strip_dirs().sort_stats("tottime").print_stats(top)
    return trim_pstats(out.getvalue())


def profile_workers(corpus: Path, pages: int, top: int) -> tuple[str, list[list[str]]]:
    """What each worker does, sequentially on `pages` pages: parse_file, then link each new text."""
    from dashboard import ingest
    from dashboard.corpus import parse_file
    from dashboard.gazetteer import load_gazetteer
    from dashboard.pagefiles import page_files

    gazetteer = load_gazetteer(REPO / "geodata")
    ingest._init_worker(gazetteer.features)
    jobs = [(page.path, page.name) for page in page_files(corpus)[:pages]]
    size = sum(Path(path).stat().st_size for path, _ in jobs)
    started = time.perf_counter()
    parsed = [parse_file(Path(path), name) for path, name in jobs]
    t_parse = time.perf_counter() - started
    texts = [a.text for page in parsed for a in page.articles]
    started = time.perf_counter()
    for text in texts:
        ingest.text_digest(text)
        ingest._WORKER_LINKER.link("", text)
    t_link = time.perf_counter() - started
    rows = [
        ["parse_file (read, decode, split articles)", f"{t_parse:.2f}", f"{size / MB / t_parse:.1f}"],
        ["digest + Linker.link", f"{t_link:.2f}", f"{size / MB / t_link:.1f}"],
        ["one worker, both", f"{t_parse + t_link:.2f}", f"{size / MB / (t_parse + t_link):.1f}"],
    ]
    profiler = cProfile.Profile()
    profiler.enable()
    for job in jobs:
        ingest._parse_and_link(job)
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).strip_dirs().sort_stats("tottime").print_stats(top)
    return trim_pstats(out.getvalue()), rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", default="1000,10000,100000", help="comma-separated corpus sizes")
    parser.add_argument("--keep", metavar="DIR", help="keep corpora and indexes here (reused next time)")
    parser.add_argument("--no-profile", action="store_true", help="skip the breakdown and profiles")
    parser.add_argument("--top", type=int, default=15, help="profile lines to print")
    args = parser.parse_args()
    sizes = sorted(int(s.replace("_", "")) for s in args.articles.split(",") if s.strip())

    from common import workdir

    header("Index benchmark: python -m dashboard ingest on synthetic corpora")
    with workdir(args.keep, "cw-bench-index-") as root:
        rows = [measure_size(root, n) for n in sizes]
        print()
        print(
            table(
                [
                    "articles",
                    "pages",
                    "MB",
                    "full s",
                    "full CPU s",
                    "+1 page s",
                    "no change s",
                    "index MB",
                    "RSS main",
                    "RSS worker",
                    "RSS all",
                ],
                rows,
            )
        )
        print(
            "  seconds: wall time of the command (the ingest's own time in brackets); CPU s: user + system time of\n"
            "  the command and its workers; RSS in MB: peak of the ingest process and of its largest worker\n"
            "  (getrusage), and the sampled peak sum of all of them."
        )
        largest = max(sizes)
        full = float(rows[-1][3].split()[0])
        one = float(rows[-1][5].split()[0])
        print()
        print(
            table(
                ["goal", "figure", "target", ""],
                [
                    [
                        f"full ingest at {largest:,} articles",
                        f"{full:.1f} s",
                        f"< {GOAL_FULL_S:.0f} s",
                        verdict(full < GOAL_FULL_S) if largest >= 100_000 else "(goal is for 100,000)",
                    ],
                    [
                        f"re-ingest, one new page, at {largest:,}",
                        f"{one:.2f} s",
                        f"< {GOAL_ONE_PAGE_S:.0f} s",
                        verdict(one < GOAL_ONE_PAGE_S),
                    ],
                ],
                "lrrl",
            )
        )
        print("  (wall times of the command, as a person runs it)")
        if not args.no_profile:
            corpus = corpus_dir(root, largest)
            print()
            print(f"where the time goes: full ingest of {largest:,} articles, in-process, stage timers")
            stage_rows, _ = stage_breakdown(corpus, root / f"data-{largest}-stages")
            print(table(["stage (main process)", "seconds", "share"], stage_rows))
            print(
                "  Parsing and linking run in 2 worker processes while the main process writes pages; 'wait' is\n"
                "  the main process blocked on them."
            )
            print()
            pages = min(2000, sum(1 for _ in corpus.iterdir()))
            text, rows = profile_workers(corpus, pages, args.top)
            print(f"worker side, sequential on {pages:,} pages (one core)")
            print(table(["step", "seconds", "MB/s of page text"], rows))
            print()
            print(f"cProfile of a worker's job (_parse_and_link), {pages:,} pages, top {args.top} by own time")
            print(text)
            print()
            print(f"cProfile of the main process, full ingest of {largest:,} articles, top {args.top} by own time")
            print(profile_main(corpus, root / f"data-{largest}-profile", args.top))
            for name in (f"data-{largest}-stages", f"data-{largest}-profile"):
                shutil.rmtree(root / name, ignore_errors=True)
    print()
    print(load_line())


if __name__ == "__main__":
    main()
