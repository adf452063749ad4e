"""Synthetic corpora for benchmarks and scale tests, built from the seed pages' own sentences.

Pages are Times of Central Asia listings (ticker, date, pagination, title/body pairs), so they go
through the real parser and linker. Output is deterministic for a given seed.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

from dashboard.corpus import load_corpus
from dashboard.sentences import sentence_starts

TICKER = (
    "KGS/USD = 0.01144 0%",
    "KZT/USD = 0.00196 -0%",
    "TJS/USD = 0.09650 0%",
    "UZS/USD = 0.00008 0%",
    "TMT/USD = 0.28575 -0.14%",
)


def seed_sentences(seeds_dir: Path) -> tuple[list[str], list[str]]:
    corpus = load_corpus(seeds_dir)
    sentences: list[str] = []
    for article in corpus.articles:
        text = article.text.replace("\n\n", " ")
        starts = sentence_starts(text)
        for start, end in zip(starts, [*starts[1:], len(text)], strict=True):
            sentence = text[start:end].strip().lstrip("\u2022 ").rstrip(".").strip()
            if 40 <= len(sentence) <= 400:
                sentences.append(sentence + ".")
    titles = [a.title for a in corpus.articles if not a.title_derived]
    return sentences, titles


def article_body(rng: random.Random, sentences: list[str], article_chars: int) -> str:
    """Seed sentences drawn at random up to `article_chars`, cut off with "..." as listings are."""
    body: list[str] = []
    size = 0
    while size < article_chars:
        sentence = rng.choice(sentences)
        body.append(sentence)
        size += len(sentence) + 1
    return " ".join(body)[:-1] + "..."


def write_corpus(
    out_dir: Path, articles: int, seeds_dir: Path, per_page: int = 5, article_chars: int = 3000, seed: int = 7
) -> list[Path]:
    """Write `articles` articles as listing pages of `per_page` each; return the page paths."""
    rng = random.Random(seed)
    sentences, titles = seed_sentences(seeds_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    day = date(2020, 1, 1)
    number = 0
    for page_number in range((articles + per_page - 1) // per_page):
        lines = ["  \u2022 " + pair for _ in range(4) for pair in TICKER]
        page_day = day + timedelta(days=page_number % 2400)
        lines += [f"{page_day.day} {page_day:%B %Y}", "", f"Viewing results 1 - {per_page} of {articles}", ""]
        for _ in range(min(per_page, articles - number)):
            number += 1
            title = f"{rng.choice(titles)} ({number})"
            # A numbered dateline keeps each body's opening its own: copies of one text are one article.
            body = f"Dispatch {number} from our correspondents. " + article_body(rng, sentences, article_chars)
            lines += [title, "", body, ""]
        path = out_dir / f"synthetic_{page_number:06d}.txt"
        path.write_text("\n".join(lines), encoding="utf-8")
        paths.append(path)
    return paths
