"""Article pages saved from a browser: trafilatura's speed, the added ingest cost, and the app's
change check.

    .venv/bin/python benchmarks/articles.py [--pages 1000] [--signature-pages 20000]

Writes `--pages` article pages built from the three test pages in tests/pages/articles/ (each with
its nav bar, most-read strip, related links and footer; the body paragraphs drawn from the seed
pages' sentences so every page is its own article) and the same articles as plain-text pages, then
times: trafilatura alone on every page (pages/s, MB/s, ms per page), the whole page reader
(`parse_file`: decoding, lxml, family check, trafilatura) on HTML against the same articles as text,
and a full ingest of each folder into a fresh index. Last, `folder_signature` (the app's check on
every rerun) on `--signature-pages` small files.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import time
from pathlib import Path

from common import GEODATA, MB, REPO, SEEDS, header, table, workdir

from dashboard.corpus import parse_file
from dashboard.gazetteer import load_gazetteer
from dashboard.ingest import ingest
from dashboard.pagefiles import folder_signature, page_files
from dashboard.store import open_index

TEMPLATES = sorted((REPO / "tests" / "pages" / "articles").glob("*_*.html"))


def seed_sentences() -> list[str]:
    from synthetic import seed_sentences as sentences

    return sentences(SEEDS)[0]


def write_pages(folder: Path, pages: int) -> tuple[Path, Path]:
    """`pages` HTML article pages and the same articles as text pages (title, blank line, body)."""
    html_dir, text_dir = folder / "html", folder / "text"
    html_dir.mkdir(parents=True, exist_ok=True)
    text_dir.mkdir(parents=True, exist_ok=True)
    rng = random.Random(11)
    sentences = seed_sentences()
    templates = [t.read_text(encoding="utf-8") for t in TEMPLATES if "listing" not in t.name]  # three article pages
    for number in range(pages):
        template = templates[number % len(templates)]
        title = f"Dispatch {number}: {rng.choice(sentences)[:70].rstrip('.')}"
        paragraphs = [" ".join(rng.choice(sentences) for _ in range(4)) for _ in range(6)]
        body = "".join(f"<p>{p}</p>\n" for p in paragraphs)
        markup = re.sub(r"(<h[12][^>]*>)[^<]+(</h[12]>)", lambda m, title=title: m[1] + title + m[2], template, count=1)
        markup = re.sub(r"<title>[^<]*</title>", f"<title>{title}</title>", markup, count=1)
        markup = re.sub(r'(<meta property="og:title" content=")[^"]*', lambda m, title=title: m[1] + title, markup)
        markup = re.sub(
            r"(<div class=\"(?:entry-content|story-body|text)\">).*?(</div>)",
            lambda m, body=body: m[1] + body + m[2],
            markup,
            count=1,
            flags=re.S,
        )
        (html_dir / f"page_{number:05d}.html").write_text(markup, encoding="utf-8")
        (text_dir / f"page_{number:05d}.txt").write_text(title + "\n\n" + "\n\n".join(paragraphs) + "\n", "utf-8")
    return html_dir, text_dir


def time_each(paths: list[Path], read, clock=time.process_time) -> list[float]:
    """Seconds per call; by default CPU seconds of this process (on a busy machine, the one-core figure)."""
    times = []
    for path in paths:
        started = clock()
        read(path)
        times.append(clock() - started)
    return times


def full_ingest(folder: Path, data: Path) -> float:
    gazetteer = load_gazetteer(GEODATA)
    with open_index(folder, data) as index:
        started = time.perf_counter()
        summary = ingest(index, folder, gazetteer)
        assert summary.failed == 0, summary.line()
        return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--signature-pages", type=int, default=20000)
    parser.add_argument("--keep", help="keep the generated pages in this folder")
    args = parser.parse_args()
    header("Article pages: trafilatura and the added ingest cost")
    import trafilatura

    from dashboard.htmlpage import _CONFIG

    with workdir(args.keep, "articles-bench-") as root:
        html_dir, text_dir = write_pages(root, args.pages)
        html_pages = sorted(html_dir.iterdir())
        text_pages = sorted(text_dir.iterdir())
        html_mb = sum(p.stat().st_size for p in html_pages) / MB
        markups = [p.read_text(encoding="utf-8") for p in html_pages]
        started = time.process_time()
        extracted = [
            trafilatura.bare_extraction(
                m, with_metadata=True, include_comments=False, include_tables=False, config=_CONFIG
            )
            for m in markups
        ]
        alone = time.process_time() - started
        assert all(d is not None and d.text for d in extracted)
        html_times = time_each(html_pages, lambda p: parse_file(p, p.name))
        text_times = time_each(text_pages, lambda p: parse_file(p, p.name))
        html_ingest = full_ingest(html_dir, root / "data-html")
        text_ingest = full_ingest(text_dir, root / "data-text")
        rows = [
            [
                "trafilatura alone",
                f"{args.pages / alone:,.0f}",
                f"{html_mb / alone:.2f}",
                f"{alone / args.pages * 1000:.1f}",
            ],
            [
                "parse_file, HTML article pages",
                f"{args.pages / sum(html_times):,.0f}",
                f"{html_mb / sum(html_times):.2f}",
                f"{statistics.median(html_times) * 1000:.1f} (median)",
            ],
            [
                "parse_file, same articles as text",
                f"{args.pages / sum(text_times):,.0f}",
                "",
                f"{statistics.median(text_times) * 1000:.2f} (median)",
            ],
            ["full ingest, HTML pages", f"{args.pages / html_ingest:,.0f}", f"{html_mb / html_ingest:.2f}", ""],
            ["full ingest, text pages", f"{args.pages / text_ingest:,.0f}", "", ""],
        ]
        print(table(["", "pages/s", "MB/s (HTML)", "ms/page"], rows))
        print("(trafilatura and parse_file: CPU time of this process; ingests: wall time, workers included)")
        print(
            f"\n{args.pages} pages, {html_mb:.1f} MB of HTML. Added cost of HTML article pages over text: "
            f"{(sum(html_times) - sum(text_times)) / args.pages * 1000:.1f} ms a page when parsing, "
            f"{(html_ingest - text_ingest) / args.pages * 1000:.1f} ms a page in a full ingest "
            f"({html_ingest:.1f} s against {text_ingest:.1f} s)."
        )

        signature_dir = root / "signature"
        signature_dir.mkdir(exist_ok=True)
        for number in range(args.signature_pages):
            sub = signature_dir / f"{number // 1000:02d}"
            sub.mkdir(exist_ok=True)
            (sub / f"page_{number:05d}.txt").write_text("x")
        folder_signature(signature_dir)  # warm the directory cache, as on every rerun but the first
        wall = time_each([signature_dir] * 7, folder_signature, time.perf_counter)
        cpu = time_each([signature_dir] * 7, folder_signature)
        listing = time_each([signature_dir] * 7, page_files)
        print(
            f"\nApp change check (`folder_signature`) on {args.signature_pages:,} pages in 20 subfolders: "
            f"median {statistics.median(cpu) * 1000:.0f} ms CPU, {statistics.median(wall) * 1000:.0f} ms wall "
            f"(the ingest's full listing, `page_files`: {statistics.median(listing) * 1000:.0f} ms CPU)."
        )


if __name__ == "__main__":
    main()
