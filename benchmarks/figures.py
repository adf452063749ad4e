"""What the figure extractor (issue 22) costs an ingest: a full ingest with figures and one without.

    .venv/bin/python benchmarks/figures.py [--articles 10000,100000] [--runs 3] [--keep DIR] [--sample 2000] [--top 15]

For each size, `python -m dashboard ingest` runs on the same synthetic corpus, each time into a fresh
data folder, `--runs` times each way in turn: as shipped, and with `FigureExtractor.extract` returning
no figures (patched before the command runs; the workers are forked, so they inherit it). CPU is user +
system time of the command and its workers, the figure that other load on the machine disturbs least;
the table gives the median of the runs (one run varies by ±0.5 s at 10,000 articles). Then the
extractor alone, in process on `--sample` articles (already parsed and linked): CPU per 1,000
articles beside the linker's, and a cProfile of `extract`.
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
import time
from pathlib import Path

from common import PYTHON, REPO, corpus_dir, header, load_line, median, table, trim_pstats, workdir

GOAL_RATIO = 1.15  # issue 22: figures add no more than 15% to a full ingest

LAUNCHER = """
import resource, runpy, sys
if sys.argv[1] == "--no-figures":
    import dashboard.figures
    dashboard.figures.FigureExtractor.extract = lambda self, *args, **kwargs: []
del sys.argv[1]
sys.argv = ["dashboard", *sys.argv[1:]]
try:
    runpy.run_module("dashboard", run_name="__main__", alter_sys=True)
finally:
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime
    print(f"BENCH-CPU {cpu:.3f}", file=sys.stderr)
"""


def run_ingest(corpus: Path, data: Path, figures: bool) -> tuple[float, float, str]:
    """Wall and CPU seconds of `python -m dashboard ingest` into a fresh data folder, and its summary line."""
    shutil.rmtree(data, ignore_errors=True)
    env = {**os.environ, "DASHBOARD_DATA": str(data), "PYTHONPATH": str(REPO)}
    env.pop("DASHBOARD_DEBUG", None)
    flag = "--figures" if figures else "--no-figures"
    started = time.perf_counter()
    done = subprocess.run(
        [PYTHON, "-c", LAUNCHER, flag, "ingest", "--seeds", str(corpus)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    wall = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"ingest failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    cpu = re.search(r"BENCH-CPU ([\d.]+)", done.stderr)
    shutil.rmtree(data, ignore_errors=True)
    return wall, float(cpu.group(1)) if cpu else float("nan"), done.stdout.strip().splitlines()[-1]


def extractor_alone(corpus: Path, sample: int, top: int) -> tuple[list[list[str]], str, int]:
    """CPU of linking and of extracting figures, in process, on the first `sample` articles."""
    from dashboard import ingest
    from dashboard.corpus import parse_file
    from dashboard.gazetteer import load_gazetteer
    from dashboard.identity import identity_key, merge_group
    from dashboard.linking import headline_of
    from dashboard.pagefiles import page_files

    gazetteer = load_gazetteer(REPO / "geodata")
    ingest._use_linker(gazetteer.features)
    linker, extractor = ingest._WORKER_LINKER, ingest._WORKER_EXTRACTOR
    items = []
    for page in page_files(corpus):
        for item in parse_file(Path(page.path), page.name).articles:
            items.append((item.text, headline_of(item), merge_group(identity_key(item), [item]).date))
        if len(items) >= sample:
            break
    items = items[:sample]
    started = time.process_time()
    linked = [linker.link("", text, headline) for text, headline, _date in items]
    t_link = time.process_time() - started
    started = time.process_time()
    found = sum(
        len(extractor.extract("a", text, headline, mentions, day))
        for (text, headline, day), mentions in zip(items, linked, strict=True)
    )
    t_extract = time.process_time() - started
    per = 1000 / len(items)
    rows = [
        ["Linker.link", f"{t_link:.2f}", f"{t_link * per:.2f}"],
        ["FigureExtractor.extract", f"{t_extract:.2f}", f"{t_extract * per:.2f}"],
        ["extract / link", f"{t_extract / t_link:.2f}", ""],
    ]
    profiler = cProfile.Profile()
    profiler.enable()
    for (text, headline, day), mentions in zip(items, linked, strict=True):
        extractor.extract("a", text, headline, mentions, day)
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).strip_dirs().sort_stats("tottime").print_stats(top)
    return rows, trim_pstats(out.getvalue()), found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", default="10000,100000", help="comma-separated corpus sizes")
    parser.add_argument("--runs", type=int, default=3, help="ingests each way per size (the median is shown)")
    parser.add_argument("--keep", metavar="DIR", help="keep corpora here (reused next time)")
    parser.add_argument("--sample", type=int, default=2000, help="articles for the in-process extractor timing")
    parser.add_argument("--top", type=int, default=15, help="profile lines to print")
    args = parser.parse_args()
    sizes = sorted(int(s.replace("_", "")) for s in args.articles.split(",") if s.strip())

    header("Figures benchmark: python -m dashboard ingest with and without the figure extractor")
    with workdir(args.keep, "cw-bench-figures-") as root:
        rows = []
        for articles in sizes:
            corpus = corpus_dir(root, articles)
            runs: dict[bool, list[tuple[float, float, str]]] = {False: [], True: []}
            for _ in range(args.runs):
                for figures in (False, True):
                    done = run_ingest(corpus, root / f"data-{articles}", figures=figures)
                    runs[figures].append(done)
                    way = "with" if figures else "without"
                    print(
                        f"  {articles:,} {way} figures: CPU {done[1]:.2f} s, wall {done[0]:.2f} s; {done[2]}",
                        flush=True,
                    )
            without, with_ = (
                (median([r[0] for r in runs[way]]), median([r[1] for r in runs[way]])) for way in (False, True)
            )
            ratio = with_[1] / without[1]
            rows.append(
                [
                    f"{articles:,}",
                    f"{without[1]:.2f}",
                    f"{with_[1]:.2f}",
                    f"{ratio:.3f}",
                    f"{without[0]:.1f}",
                    f"{with_[0]:.1f}",
                    "met" if ratio <= GOAL_RATIO else "MISSED",
                ]
            )
        print()
        print(
            table(
                ["articles", "CPU s without", "CPU s with", "CPU ratio", "wall s without", "wall s with", "<= +15%"],
                rows,
            )
        )
        print(
            f"  medians of {args.runs} run(s) each way. CPU: user + system of the command and its workers;\n"
            "  wall: as a person waits, on a shared machine."
        )
        print()
        alone, profile, found = extractor_alone(corpus_dir(root, sizes[0]), args.sample, args.top)
        print(f"the extractor alone, in process, {args.sample:,} articles ({found:,} figures)")
        print(table(["step", "CPU s", "CPU s per 1,000 articles"], alone))
        print()
        print(f"cProfile of FigureExtractor.extract on those articles, top {args.top} by own time")
        print(profile)
    print()
    print(load_line())


if __name__ == "__main__":
    main()
