"""What the pages yield: articles (as read from one page, and merged), their sightings, currency
rates, and the per-page and per-folder results. Plain dataclasses; the parsing lives elsewhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from .errors import Problem
from .perusd import per_usd

SOURCE_TCA = "Times of Central Asia"
SOURCE_EDM = "Jamestown Eurasia Daily Monitor"
SOURCE_CACI = "CACI Analyst"
SOURCE_OTHER = "Other (unrecognised page)"


DATE_KINDS = ("published", "listed", "seen")


def dated(day: str | None, kind: str | None) -> str:
    """ "2026-02-23 (listed)": a date with what kind of date it is (published, listed or seen)."""
    return f"{day} ({kind})" if day and kind else day or "undated"


def web_url(url: str | None) -> bool:
    """An http(s) address with a host: the only URLs read from pages, and the only ones a reader is
    sent to (app, digest, deck)."""
    parts = urlsplit(url or "")
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def date_kind(published: str | None, listed, filed: str | None) -> str | None:
    """Which of an article's dates is the one it is counted by (see `Article.date`)."""
    return "published" if published else "listed" if listed else "seen" if filed else None


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
    filed: str | None = None  # the file's modification day when first read: the last resort for a date


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
    filed: str | None = None  # the earliest modification day of its page files

    @property
    def also_titled(self) -> tuple[str, ...]:
        """Other titles the same text was seen under (a copy retitled, or syndicated)."""
        return tuple(dict.fromkeys(s.title for s in self.source_files if s.title and s.title != self.title))

    @property
    def date(self) -> str | None:
        """The date used for windows, sorting and counting: published, else the date of the first
        listing page that showed it, else the day its file was first read."""
        return self.published or (self.seen[0] if self.seen else None) or self.filed

    @property
    def date_kind(self) -> str | None:
        """What `date` is: "published", "listed" (a listing page's date) or "seen" (the file's time)."""
        return date_kind(self.published, self.seen, self.filed)

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
            "date": self.date,
            "date_kind": self.date_kind,
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
