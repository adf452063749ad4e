"""What the pages yield: articles (as read from one page, and merged), their sightings, currency
rates, and the per-page and per-folder results. Plain dataclasses; the parsing lives elsewhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .errors import Problem
from .perusd import per_usd

SOURCE_TCA = "Times of Central Asia"
SOURCE_EDM = "Jamestown Eurasia Daily Monitor"
SOURCE_CACI = "CACI Analyst"
SOURCE_OTHER = "Other (unrecognised page)"


@dataclass(frozen=True)
class Sighting:
    """Where one copy of an article was read: file, line range, the listing's date, and the title and
    link it had there (filled in when copies are merged)."""

    file: str
    first_line: int
    last_line: int
    seen: str | None = None
    title: str | None = None
    url: str | None = None


@dataclass
class PageArticle:
    """An article as read from one page, before merging duplicates across pages."""

    title: str
    text: str
    source: str
    sighting: Sighting
    authors: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    published: str | None = None
    truncated: bool = False
    title_derived: bool = False
    url: str | None = None  # the article's own address, where the page gives one


@dataclass
class Article:
    id: str
    title: str
    text: str
    source: str
    authors: tuple[str, ...]
    categories: tuple[str, ...]
    published: str | None
    seen: tuple[str, ...]
    source_files: tuple[Sighting, ...]
    truncated: bool
    title_derived: bool = False
    url: str | None = None

    @property
    def also_titled(self) -> tuple[str, ...]:
        """Other titles the same text was seen under (a copy retitled, or syndicated)."""
        return tuple(dict.fromkeys(s.title for s in self.source_files if s.title and s.title != self.title))

    @property
    def date(self) -> str | None:
        """The date used for sorting and counting: published, else first seen."""
        return self.published or (self.seen[0] if self.seen else None)

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "title": self.title,
            "text": self.text,
            "source": self.source,
            "authors": list(self.authors),
            "categories": list(self.categories),
            "published": self.published,
            "seen": list(self.seen),
            "source_files": [
                {"file": s.file, "lines": [s.first_line, s.last_line], "seen": s.seen} for s in self.source_files
            ],
            "truncated": self.truncated,
            "title_derived": self.title_derived,
            "url": self.url,
            "also_titled": list(self.also_titled),
        }


@dataclass(frozen=True)
class CurrencyRate:
    """One pair of one page's ticker. `rate` is US dollars per unit of the local currency."""

    pair: str
    rate: float
    rate_text: str
    change_pct: float | None
    as_of: str | None
    source_file: str
    line: int

    @property
    def inverse_pair(self) -> str:
        base, quote = self.pair.split("/")
        return f"{quote}/{base}"

    @property
    def inverse_rate(self) -> float:
        """Local currency per dollar, as `rates.per_usd` computes it."""
        return per_usd(self.rate, self.rate_text)[0]

    def to_dict(self) -> dict:
        return {
            "pair": self.pair,
            "rate": self.rate,
            "change_pct": self.change_pct,
            "as_of": self.as_of,
            "source_file": self.source_file,
            "line": self.line,
            "inverse_pair": self.inverse_pair,
            "inverse_rate": self.inverse_rate,
        }


@dataclass
class Page:
    """What one file yielded."""

    file: str
    family: str
    page_date: str | None = None
    articles: list[PageArticle] = field(default_factory=list)
    rates: list[CurrencyRate] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


@dataclass
class Corpus:
    articles: list[Article]
    rates: list[CurrencyRate]
    problems: list[Problem]
    pages: list[Page]
