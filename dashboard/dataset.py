"""The loaded data as whole records (articles, mentions, rates, problems), for the command line and
the tests: from the index, or from a fresh parse that the index must equal.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import Problem
from .figures import FigureExtractor
from .figurestore import FigureRow, figure_row
from .linking import Linker, Mention, apply_corrections, link_article
from .records import Article, CurrencyRate

if TYPE_CHECKING:
    from .gazetteer import Gazetteer


@dataclass
class Dataset:
    articles: list[Article]
    mentions: list[Mention]
    rates: list[CurrencyRate]
    problems: list[Problem]

    @classmethod
    def fresh(cls, seeds_dir: Path, gazetteer: Gazetteer) -> Dataset:
        from .corpus import load_corpus  # the page reader: only for --no-index, not to read the index

        corpus = load_corpus(seeds_dir)
        linker = Linker(gazetteer.features)
        mentions = [
            mention
            for article in corpus.articles
            for mention in apply_corrections(
                article.id,
                article.title,
                article.text,
                link_article(linker, article),
                gazetteer.corrections,
                gazetteer.by_id,
            )
        ]
        return cls(corpus.articles, mentions, corpus.rates, corpus.problems)

    @classmethod
    def from_open_index(cls, index) -> Dataset:
        """Every record of an index that is up to date (see `ingest.with_index`)."""
        return cls(index.articles(), index.mentions(), index.rates(), index.problems())

    def figure_rows(self, gazetteer: Gazetteer) -> list[FigureRow]:
        """The figures stated about each linked feature, as the index holds them (see `ingest`)."""
        extractor = FigureExtractor(gazetteer.features)
        mentions: dict[str, list[Mention]] = {}
        for m in self.mentions:
            mentions.setdefault(m.article_id, []).append(m)
        return [
            figure_row(figure, article)
            for article in self.articles
            if article.id in mentions
            for figure in extractor.extract(
                article.id,
                article.text,
                None if article.title_derived else article.title,
                mentions[article.id],
                article.date,
            )
        ]

    def mention_rows(self) -> list[dict]:
        by_id = {a.id: a for a in self.articles}
        rows = []
        for m in self.mentions:
            article = by_id[m.article_id]
            rows.append(
                {
                    "article_id": m.article_id,
                    "article_title": article.title,
                    "feature_id": m.feature_id,
                    "alias": m.alias,
                    "start": m.start,
                    "end": m.end,
                    "excerpt": m.excerpt,
                    "source": article.source,
                    "date": article.date,
                    "alias_start": m.alias_start,
                    "alias_end": m.alias_end,
                    "matched": m.matched_text,
                    "kind": m.kind,  # "headline": the excerpt is the title (start and end are -1)
                }
            )
        return rows

    def counts(self) -> dict:
        """The `counts` command's figures, from the same count layer as the app's."""
        from .analysis import count_report, frames_from_records

        return count_report(frames_from_records(self.articles, self.mentions))
