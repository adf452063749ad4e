"""Shared helpers for the benchmarks: paths, synthetic corpora, plain-text tables, memory readings.

Every benchmark runs offline, prints figures (no asserts) and keeps what it generates in a temporary
folder unless given `--keep DIR`, which is reused on the next run (corpora are written only once).
"""

from __future__ import annotations

import contextlib
import os
import platform
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

SEEDS = REPO / "seeds"
GEODATA = REPO / "geodata"
PYTHON = sys.executable
MB = 1_000_000  # MB means 10^6 bytes of UTF-8 text throughout


# --- work folders ------------------------------------------------------------------------------


@contextlib.contextmanager
def workdir(keep: str | None, prefix: str) -> Iterator[Path]:
    """`--keep DIR` (created if needed, left in place) or a temporary folder removed afterwards."""
    if keep:
        path = Path(keep).resolve()
        path.mkdir(parents=True, exist_ok=True)
        yield path
        return
    path = Path(tempfile.mkdtemp(prefix=prefix))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def corpus_dir(root: Path, articles: int) -> Path:
    """`root/corpus-N`: N synthetic articles as listing pages of 5 (written once, then reused)."""
    from synthetic import write_corpus

    folder = root / f"corpus-{articles}"
    done = root / f".corpus-{articles}.done"
    if not done.exists():
        shutil.rmtree(folder, ignore_errors=True)
        started = time.perf_counter()
        paths = write_corpus(folder, articles, SEEDS)
        done.write_text(str(len(paths)))
        print(
            f"  wrote {articles:,} articles as {len(paths):,} pages, {dir_size(folder) / MB:,.0f} MB, "
            f"in {time.perf_counter() - started:.1f} s: {folder}",
            flush=True,
        )
    return folder


def dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


# --- synthetic article texts in memory ----------------------------------------------------------


def synthetic_texts(articles: int, article_chars: int = 3000, seed: int = 7) -> list[str]:
    """Article bodies exactly as `synthetic.write_corpus` writes them, without the pages."""
    from synthetic import article_body, seed_sentences

    rng = random.Random(seed)
    sentences, titles = seed_sentences(SEEDS)
    texts = []
    for _ in range(articles):
        rng.choice(titles)  # keep the random sequence of write_corpus (a title per article)
        texts.append(article_body(rng, sentences, article_chars))
    return texts


def utf8_size(texts: Sequence[str]) -> int:
    return sum(len(t.encode("utf-8", "surrogatepass")) for t in texts)


# --- memory -------------------------------------------------------------------------------------


def proc_status(pid: int) -> dict[str, float]:
    """VmRSS and VmHWM (peak) of a process in MB (10^6 bytes), from /proc; {} once it is gone."""
    values = {}
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as handle:
            for line in handle:
                key, _, rest = line.partition(":")
                if key in ("VmRSS", "VmHWM"):
                    values[key] = int(rest.split()[0]) * 1024 / MB
    except OSError:
        return {}
    return values


def children(pid: int) -> list[int]:
    found = []
    with contextlib.suppress(OSError):
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children", encoding="ascii") as handle:
                found += [int(c) for c in handle.read().split()]
    return found


def tree_rss(pid: int) -> float:
    """Resident memory of a process and all its descendants, in MB."""
    total = 0.0
    stack = [pid]
    while stack:
        current = stack.pop()
        total += proc_status(current).get("VmRSS", 0.0)
        stack += children(current)
    return total


# --- numbers and tables -------------------------------------------------------------------------


def percentile(values: Sequence[float], share: float) -> float:
    """Nearest-rank percentile (share in 0..1); NaN for no values."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(share * len(ordered) + 0.5)))
    return ordered[rank - 1]


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


def table(headers: Sequence[str], rows: Sequence[Sequence[object]], align: str | None = None) -> str:
    """A plain-text table; `align` is one character per column, `l` or `r` (default: first left)."""
    cells = [[str(h) for h in headers]] + [["" if c is None else str(c) for c in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    align = align or "l" + "r" * (len(headers) - 1)

    def line(row: Sequence[str]) -> str:
        return "  ".join(
            cell.ljust(width) if a == "l" else cell.rjust(width)
            for cell, width, a in zip(row, widths, align, strict=True)
        ).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(cells[0]), rule, *(line(row) for row in cells[1:])])


def verdict(ok: bool) -> str:
    return "met" if ok else "MISSED"


def load_line() -> str:
    """Other work on the machine skews every figure: say how busy it was."""
    one, five, _ = os.getloadavg()
    return f"load average {one:.2f} (1 min), {five:.2f} (5 min) on {os.cpu_count()} cores"


def header(title: str) -> None:
    """What ran where: the figures depend on the machine."""
    import importlib.metadata as metadata

    versions = []
    for name in ("ahocorasick-rs", "pandas", "streamlit", "plotly", "spacy"):
        with contextlib.suppress(metadata.PackageNotFoundError):
            versions.append(f"{name} {metadata.version(name)}")
    print(title)
    print(
        f"machine: {os.cpu_count()} cores, Python {platform.python_version()}, {platform.machine()}; "
        + ", ".join(versions)
    )
    print(f"date: {time.strftime('%Y-%m-%d %H:%M')}; {load_line()}")
    print()


def trim_pstats(text: str) -> str:
    """A pstats listing from its "function calls" line and table only (the file paths above go)."""
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if line.lstrip().startswith("ncalls"):
            head = [x.strip() for x in lines[:i] if "function calls" in x]
            return "\n".join(head + lines[i:]).rstrip()
    return text.rstrip()
