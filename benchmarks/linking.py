"""Linking throughput: our linker against a per-alias `re` loop and spaCy's PhraseMatcher.

    .venv/bin/python benchmarks/linking.py [--articles 100000] [--sample 1000] [--long-sentence-mb 5] [--page-mb 50]

Builds synthetic article texts in memory from the seed pages' sentences (as `write_corpus` does),
links them all on one core with `Linker(load_gazetteer(geodata).features).link(id, text)` (sentence
excerpts included), and times the two reference methods on the first `--sample` articles, scaled to
the whole corpus. Mentions per MB are printed as a check that the methods find comparable things.
Two hostile inputs follow, each one article: one sentence of `--long-sentence-mb` MB (no full stop,
names scattered through it) and a page of `--page-mb` MB on one line; both must run at the MB/s of
ordinary articles (linking is linear in the text's length).
spaCy is the `bench` extra: `.venv/bin/pip install spacy==3.8.18` (the Makefile's `bench` target).
"""

from __future__ import annotations

import argparse
import itertools
import re
import time
from pathlib import Path

from common import GEODATA, MB, REPO, header, load_line, table, utf8_size, verdict

GOAL_MB_S = 20.0
GOAL_VS_SPACY = 5.0


class Clock:
    """Wall time and this process's CPU time: on a busy machine the CPU time is the one-core figure."""

    def __enter__(self) -> Clock:
        self.wall, self.cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc) -> None:
        self.wall, self.cpu = time.perf_counter() - self.wall, time.process_time() - self.cpu


def run_ours(linker, texts: list[str]) -> tuple[Clock, int]:
    found = 0
    with Clock() as clock:
        for number, text in enumerate(texts):
            found += len(linker.link(str(number), text))
    return clock, found


def run_re_loop(aliases, texts: list[str]) -> tuple[Clock, int]:
    """For each alias, `re.finditer` with word boundaries; case-insensitive unless the alias is case-sensitive."""
    patterns = []
    for alias in aliases:
        tail = "" if alias.stem else r"(?!\w)"
        flags = 0 if alias.case_sensitive else re.IGNORECASE
        patterns.append(re.compile(r"(?<!\w)" + re.escape(alias.name) + tail, flags))
    found = 0
    with Clock() as clock:
        for text in texts:
            for pattern in patterns:
                for _ in pattern.finditer(text):
                    found += 1
    return clock, found


def run_spacy(spacy, features, texts: list[str]) -> tuple[Clock, int]:
    from spacy.matcher import PhraseMatcher

    nlp = spacy.blank("en")
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    for feature in features:
        if feature.aliases:
            matcher.add(feature.id, [nlp.make_doc(alias.name) for alias in feature.aliases])
    for text in texts[:200]:  # untimed warm-up: the vocabulary learns the corpus's words once
        matcher(nlp.make_doc(text))
    found = 0
    with Clock() as clock:
        for text in texts:
            found += len(matcher(nlp.make_doc(text)))
    return clock, found


def stage_breakdown(linker, texts: list[str]) -> list[list[str]] | None:
    """Where `link` spends its CPU time, on a sample. Uses the linker's internals (`_hits`, and
    `SentenceFinder.span` from `dashboard.sentences`), so it may need updating when they change."""
    from dashboard import sentences, textnorm

    if not hasattr(linker, "_hits"):
        return None
    squeeze = getattr(textnorm, "squeeze", lambda scan: (scan, []))
    size = utf8_size(texts)
    total, _ = run_ours(linker, texts)  # first, so every stage below runs as warm as link() did
    with Clock() as t_scan:
        scans = [squeeze(textnorm.scan_form(t))[0] for t in texts]
    with Clock() as t_hits:
        with_hits = sum(1 for scan in scans if linker._hits(scan))
    spent = [0.0]
    undo = []
    for owner, name in ((sentences.SentenceFinder, "span"),):
        original = getattr(owner, name, None) if owner is not None else None
        if original is None:
            continue

        def timed(*args, _original=original, **kwargs):
            started = time.process_time()
            try:
                return _original(*args, **kwargs)
            finally:
                spent[0] += time.process_time() - started

        setattr(owner, name, timed)
        undo.append((owner, name, original))
    try:
        run_ours(linker, texts)
    finally:
        for owner, name, original in undo:
            setattr(owner, name, original)
    sentences = spent[0]
    rest = total.cpu - t_scan.cpu - t_hits.cpu - sentences
    rows = []
    for label, seconds in (
        ("scan_form + squeeze (lower-case copy)", t_scan.cpu),
        ("automaton scan + word boundaries (_hits)", t_hits.cpu),
        (f"finding sentences ({with_hits:,} of {len(texts):,} articles have hits)", sentences),
        ("the rest: case checks, overlaps, senses, spans, Mention objects", rest),
        ("link() end to end", total.cpu),
    ):
        rate = f"{size / MB / seconds:.1f}" if seconds > 0 else "-"
        rows.append([label, f"{seconds:.2f}", f"{100 * seconds / total.cpu:.0f}%", rate])
    return rows


def hostile_rows(linker, sentences: list[str], long_sentence_mb: float, page_mb: float) -> list[list[str]]:
    """One huge sentence (names every ~50 KB, no sentence end) and one huge one-line page of ordinary
    sentences: each linked as one article."""
    filler = re.sub(r"[.!?\u2026\n]", ",", " ".join(sentences))  # nothing that could end a sentence
    names = ["the CPC pipeline", "Aktau", "BTC", "the Middle Corridor", "Poti"]
    pieces, size, n = [], 0, 0
    while size < long_sentence_mb * MB:
        pieces += [filler[:50_000], names[n % len(names)]]
        size += 50_000 + len(names[n % len(names)])
        n += 1
    rows = []
    for label, text in (
        (f"one {long_sentence_mb:g} MB sentence", " ".join(pieces) + "."),
        (
            f"one {page_mb:g} MB page on one line",
            " ".join(itertools.islice(itertools.cycle(sentences), int(page_mb * MB / 150))),
        ),
    ):
        mb = len(text.encode("utf-8")) / MB
        with Clock() as clock:
            found = len(linker.link("hostile", text))
        rows.append(
            [label, f"{mb:,.1f}", f"{clock.cpu:.2f}", f"{clock.wall:.2f}", f"{mb / clock.cpu:.1f}", f"{found:,}"]
        )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=100_000, help="synthetic articles (default 100,000)")
    parser.add_argument(
        "--sample", type=int, default=1000, help="articles for the re loop and spaCy, scaled up (default 1,000)"
    )
    parser.add_argument("--breakdown", type=int, default=10_000, help="articles for the stage breakdown (0: skip)")
    parser.add_argument("--geodata", type=Path, default=GEODATA)
    parser.add_argument("--long-sentence-mb", type=float, default=5.0, help="the one-sentence article (0: skip)")
    parser.add_argument("--page-mb", type=float, default=50.0, help="the one-line page (0: skip)")
    args = parser.parse_args()

    from common import synthetic_texts

    from dashboard.gazetteer import load_gazetteer
    from dashboard.linking import Linker

    header("Linking benchmark: one core, end to end")
    started = time.perf_counter()
    texts = synthetic_texts(args.articles)
    size = utf8_size(texts)
    print(
        f"corpus: {len(texts):,} synthetic articles, {size / MB:,.1f} MB of UTF-8 text "
        f"(built in memory in {time.perf_counter() - started:.1f} s)"
    )
    gazetteer = load_gazetteer(args.geodata)
    features = gazetteer.features
    aliases = gazetteer.aliases
    started = time.perf_counter()
    linker = Linker(features)
    build = time.perf_counter() - started
    print(
        f"gazetteer: {len(features)} features, {len(aliases)} aliases "
        f"({sum(a.case_sensitive for a in aliases)} case-sensitive), "
        f"{sum(len(f.descriptions) for f in features)} descriptions; linker built in {build * 1000:.0f} ms"
    )
    print()

    sample = texts[: min(args.sample, len(texts))]
    sample_size = utf8_size(sample)
    rows = []

    clock, found = run_ours(linker, texts)
    ours = size / MB / clock.cpu
    rows.append(["our Linker.link (with excerpts)", f"{len(texts):,}", f"{size / MB:,.1f}", f"{clock.cpu:.1f}"])
    rows[-1] += [f"{clock.wall:.1f}", f"{ours:.1f}", f"{clock.cpu:,.1f}", f"{found / (size / MB):.0f}", "whole corpus"]

    def scaled(label: str, clock: Clock, found: int) -> float:
        rate = sample_size / MB / clock.cpu
        rows.append([label, f"{len(sample):,}", f"{sample_size / MB:,.1f}", f"{clock.cpu:.1f}", f"{clock.wall:.1f}"])
        rows[-1] += [f"{rate:.2f}", f"{size / MB / rate:,.0f}", f"{found / (sample_size / MB):.0f}"]
        rows[-1].append("sample, extrapolated")
        return rate

    clock, found = run_re_loop(aliases, sample)
    re_rate = scaled(f"per-alias re loop ({len(aliases)} patterns)", clock, found)

    spacy_rate = None
    try:
        import spacy
    except ImportError:
        spacy = None
        rows.append(["spaCy PhraseMatcher", "-", "-", "-", "-", "-", "-", "-", "skipped: spaCy is not installed"])
    if spacy is not None:
        clock, found = run_spacy(spacy, features, sample)
        spacy_rate = scaled(f"spaCy {spacy.__version__} PhraseMatcher (LOWER)", clock, found)

    print(
        table(
            ["method", "articles", "MB", "CPU s", "wall s", "MB/s", "CPU s for corpus", "mentions/MB", "note"],
            rows,
            "lrrrrrrrl",
        )
    )
    print("  MB/s: MB of UTF-8 text per second of this process's CPU time (one core; wall time is shown beside it).")
    if spacy is None:
        print("  spaCy row skipped: install it with `.venv/bin/pip install spacy==3.8.18` (or `make bench`).")
    print(
        "  mentions/MB: ours after word boundaries, overlaps (leftmost-longest) and sense rules, plus descriptions;\n"
        "  the re loop counts every alias match, nested ones too (`Ceyhan` inside `Baku–Tbilisi–Ceyhan`), and misses\n"
        "  hyphen/en-dash variants; PhraseMatcher counts every token-aligned phrase match, nested ones too."
    )
    print()
    print("ratios")
    ratio_rows = [["ours / per-alias re loop", f"{ours / re_rate:.1f}x", "", ""]]
    if spacy_rate:
        ratio_rows.append(
            [
                "ours / spaCy PhraseMatcher",
                f"{ours / spacy_rate:.1f}x",
                f">= {GOAL_VS_SPACY:.0f}x",
                verdict(ours / spacy_rate >= GOAL_VS_SPACY),
            ]
        )
    ratio_rows.append(["ours, end to end", f"{ours:.1f} MB/s", f">= {GOAL_MB_S:.0f} MB/s", verdict(ours >= GOAL_MB_S)])
    print(table(["", "figure", "goal", ""], ratio_rows, "lrrl"))

    if args.long_sentence_mb and args.page_mb:
        from synthetic import seed_sentences

        print()
        print("hostile inputs, each one article")
        rows = hostile_rows(linker, seed_sentences(REPO / "seeds")[0], args.long_sentence_mb, args.page_mb)
        print(table(["input", "MB", "CPU s", "wall s", "MB/s", "mentions"], rows, "lrrrrr"))

    if args.breakdown:
        part = texts[: min(args.breakdown, len(texts))]
        rows = stage_breakdown(linker, part)
        if rows:
            print()
            print(f"where link() spends its CPU time ({len(part):,} articles, {utf8_size(part) / MB:.1f} MB)")
            print(table(["stage", "CPU s", "share", "MB/s alone"], rows))
    print()
    print(load_line())


if __name__ == "__main__":
    main()
