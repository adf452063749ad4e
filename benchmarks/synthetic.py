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


NEWS_SOURCES = (
    "Times of Central Asia",
    "Eurasianet",
    "Caspian News",
    "Civil Georgia",
    "Daily Sabah",
    "Kazinform International News Agency",
    "Trend News Agency",
    "Asia-Plus",
    "Kun.uz",
    "Interfax",
    "Hürriyet Daily News",
    "bne IntelliNews",
)


def news_dataset(features: list, sources: int = 12, years: int = 5, articles: int = 600, seed: int = 11):
    """Records (articles, mentions, rates) of a corpus grown past the seeds: every feature in the
    news, `sources` outlets, `years` of monthly dates, co-mentions, and ticker snapshots in which one
    pair moves by only 0.1%. For tests of pictures that must hold as the data grows; no parsing."""
    from dashboard.linking import Mention
    from dashboard.records import Article, CurrencyRate, Sighting

    rng = random.Random(seed)
    weights = [1 / (1 + n) for n in range(len(features))]  # a few much discussed, a long tail
    records, mentions = [], []
    for number in range(articles):
        day = date(2021, 1, 1) + timedelta(days=rng.randrange(365 * years))
        article_id = f"news-{number:05d}"
        chosen = {rng.choices(features, weights)[0].id for _ in range(rng.choice((1, 1, 2, 3)))}
        if number < len(features):  # every feature in the news at least once
            chosen.add(features[number].id)
        text = " ".join(f"The {fid} line is in the news." for fid in sorted(chosen))
        records.append(
            Article(
                id=article_id,
                title=f"Dispatch {number}",
                text=text,
                source=NEWS_SOURCES[number] if number < sources else rng.choice(NEWS_SOURCES[:sources]),
                authors=(),
                categories=(),
                published=day.isoformat(),
                seen=(day.isoformat(),),
                source_files=(Sighting(f"news_{number:05d}.html", 1, 1, day.isoformat()),),
                truncated=False,
            )
        )
        for n, fid in enumerate(sorted(chosen)):
            start = n * 29
            excerpt = f"The {fid} line is in the news."
            mentions.append(Mention(article_id, fid, fid, start, start + len(excerpt), excerpt, 4, 4 + len(fid)))
    rates = []
    for n, (pair, rate) in enumerate([("KZT/USD", 0.00196), ("UZS/USD", 0.0000791), ("TJS/USD", 0.0965)]):
        for month in range(0, 12 * years, 7):
            day = date(2021, 1, 15) + timedelta(days=30 * month)
            value = rate * (1 + 0.001 * (month % 2)) if n == 0 else rate * (1 - 0.01 * month / 12)
            shown = f"{value:.5f}" if n != 1 else f"{value:.7f}"
            rates.append(CurrencyRate(pair, float(shown), shown, None, day.isoformat(), f"ticker_{month}.txt", 1))
    return records, mentions, rates
