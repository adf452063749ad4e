"""What changed since a date: per feature, articles in a window against the equal-length window just
before it, with the event tags of the window's articles. The one place the CLI's `digest`, the app's
"What's new" panel and the deck's "What changed" slide get these numbers from.

An article's date is `published`, else the first date a listing page showed it, else the day its
file was first read (the index's `articles.date`, with its kind: published, listed or seen); an
article with none of them (records made by hand) is counted apart, never put in or out of a window.

Tags are read from those the ingest stored for each feature's record (its RECORD_LINKS newest dated
links: `store_record_tags`), and computed when asked for any other link, or when the vocabulary, the
tagger's code or the features' kinds changed since (`tag_signature`): an edited events.json counts
at once, before any re-ingest.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import re
from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from . import events, eventscope, newsstatus, periods, sentences, textnorm
from .analysis import Frames, articles_in_window, undated_articles, window_counts
from .analysis import window_frames as analysis_window_frames
from .dates import parse_date
from .errors import DashboardError
from .events import TAGS, Tag, Vocabulary, load_vocabulary
from .eventscope import link_tags
from .newsstatus import NewsStatus, Signal, StatusChange, status_at, status_change
from .records import dated, web_url
from .store import Index

if TYPE_CHECKING:
    from .linkset import LinkSet

DEFAULT_DAYS = 30
RECORD_LINKS = 400  # a card's or a slide's record: the feature's newest dated articles, tagged
URL_SAFE = ":/?#[]@!$&'()*+,;=%~"
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")
_AUTOLINK = re.compile(r"(?i)\b(https?|ftp|mailto|www)([:.])")


@dataclass(frozen=True)
class Window:
    """since..until inclusive, and the baseline: the window of equal length just before it."""

    since: date
    until: date

    @property
    def days(self) -> int:
        return (self.until - self.since).days + 1

    @property
    def baseline(self) -> tuple[date, date]:
        """Cut at the calendar's first day: `--since 0001-01-01` or `--until 9999-12-31` mean "all"."""
        first = date.fromordinal(max(1, self.since.toordinal() - self.days))
        return first, date.fromordinal(max(1, self.since.toordinal() - 1))


def option_date(text: str, option: str) -> date:
    """A command-line date option (read by `dates.parse_date`, the one date reader), or one line
    saying what is wrong."""
    day = parse_date(text)
    if day is None:
        raise DashboardError(f"{option} {text}: not a date (use YYYY-MM-DD, e.g. 2025-11-01)")
    return date.fromisoformat(day)


def make_window(since: str | date | None, until: str | date | None, newest: str | None) -> Window:
    """The digest window from the user's dates; `until` defaults to the newest page date and
    `since` to DEFAULT_DAYS days before it."""
    if until is None:
        if newest is None:
            raise DashboardError("no dated page or article to end the window at; give --until")
        until = date.fromisoformat(newest[:10])
    elif isinstance(until, str):
        until = option_date(until, "--until")
    if since is None:
        since = until - timedelta(days=DEFAULT_DAYS - 1)
    elif isinstance(since, str):
        since = option_date(since, "--since")
    if until < since:
        raise DashboardError(f"--until {until} is before --since {since}")
    # The calendar's first day has no day before it for the baseline to end on.
    return Window(max(since, date.min + timedelta(days=1)), until)


@dataclass
class NewArticle:
    article_id: str
    title: str
    source: str
    date: str
    tags: dict[str, Tag]
    excerpt: str
    rowid: int = 0  # the article's row in the index (the app's filters select rows)
    date_kind: str | None = None  # published, listed or seen (see `records.Article.date`)
    url: str | None = None  # the article's own address, where its page gave one

    @property
    def dated(self) -> str:
        """ "2026-02-23 (listed)": the date with what kind of date it is."""
        return dated(self.date, self.date_kind)

    @property
    def link(self) -> str | None:
        """The URL, when it is a web address (the only kind a reader is sent to)."""
        return self.url if web_url(self.url) else None

    def signals(self, feature_id: str) -> list[Signal]:
        """This link's tags as marks on the feature's strip, each with the sentence that gave it."""
        return [
            Signal(
                feature_id,
                self.date,
                tag.name,
                self.article_id,
                self.title,
                self.source,
                tag.sentence,
                tag.trigger,
                self.date_kind,
            )
            for tag in self.tags.values()
        ]

    def to_json(self) -> dict:
        return {
            "article_id": self.article_id,
            "title": self.title,
            "source": self.source,
            "date": self.date,
            "date_kind": self.date_kind,
            "url": self.link,
            "events": list(self.tags),
            "excerpt": self.excerpt,
        }


@dataclass
class FeatureChange:
    feature_id: str
    name: str
    articles: int
    baseline_articles: int
    events: dict[str, int]
    articles_new: list[NewArticle] = field(default_factory=list)
    status: StatusChange | None = None  # when its status in the news changed in the window

    @property
    def change(self) -> int:
        return self.articles - self.baseline_articles

    def to_json(self) -> dict:
        return {
            "feature_id": self.feature_id,
            "name": self.name,
            "articles": self.articles,
            "baseline_articles": self.baseline_articles,
            "events": self.events,
            "articles_new": [a.to_json() for a in self.articles_new],
            "status_change": self.status.to_json() if self.status else None,
        }


@dataclass
class Digest:
    window: Window
    undated: int
    features: list[FeatureChange]

    def flagged(self, tag: str = "disruption") -> frozenset[str]:
        """Features with at least one article of the window tagged `tag` (the map marks these)."""
        return frozenset(f.feature_id for f in self.features if f.events.get(tag))

    def to_json(self) -> dict:
        first, last = self.window.baseline
        return {
            "since": self.window.since.isoformat(),
            "until": self.window.until.isoformat(),
            "baseline": {"since": first.isoformat(), "until": last.isoformat()},
            "undated": self.undated,
            "features": [f.to_json() for f in self.features],
        }

    def rows(self) -> list[dict]:
        """One row per feature, for CSV."""
        first, last = self.window.baseline
        return [
            {
                "since": self.window.since.isoformat(),
                "until": self.window.until.isoformat(),
                "baseline_since": first.isoformat(),
                "baseline_until": last.isoformat(),
                "feature_id": f.feature_id,
                "name": f.name,
                "articles": f.articles,
                "baseline_articles": f.baseline_articles,
                "change": f.change,
                **f.events,
                "status_before": f.status.before.line() if f.status else "",
                "status_after": f.status.after.line() if f.status else "",
                "new_articles": " | ".join(
                    f"{a.title} ({a.source}, {a.dated}){' ' + a.link if a.link else ''}" for a in f.articles_new
                ),
                "undated": self.undated,
            }
            for f in self.features
        ]

    def markdown(self, headlines: int = 3) -> str:
        """A short brief to paste into an email: routes, change, new headlines with events and sources."""
        first, last = self.window.baseline
        lines = [
            f"**What changed, {self.window.since} to {self.window.until}** "
            f"(against {first} to {last}, the {self.window.days} days before)",
            "",
        ]
        moving = [f for f in self.features if f.articles or f.change]
        if not moving:
            lines.append("No route or port was in the news in this window.")
        for feature in moving:
            badges = ", ".join(f"{tag} {n}" for tag, n in feature.events.items() if n)
            lines.append(
                f"- **{md_escape(feature.name)}**: {_plural(feature.articles)} "
                f"({change_mark(feature.change)} from {feature.baseline_articles})" + (f"; {badges}" if badges else "")
            )
            if feature.status:
                lines.append(f"  - {md_escape(feature.status.line())}")
            for article in feature.articles_new[:headlines]:
                events = f" [{', '.join(article.tags)}]" if article.tags else ""
                title = md_escape(article.title)
                # The address percent-encoded but for its delimiters: no space or <> to end the link early.
                cited = f"[{title}](<{quote(article.link, safe=URL_SAFE)}>)" if article.link else title
                lines.append(f"  - {cited} ({md_escape(article.source)}, {article.dated}){events}")
        if self.undated:
            lines += ["", f"{_plural(self.undated)} without any date are in neither window."]
        return "\n".join(lines) + "\n"


def _plural(n: int) -> str:
    return f"{n} article" + ("" if n == 1 else "s")


def change_mark(change: int) -> str:
    """▲3, ▼2 or ±0."""
    return f"▲{change}" if change > 0 else f"▼{-change}" if change < 0 else "±0"


def md_escape(text: str) -> str:
    """Page text made inert in Markdown: special characters escaped, line breaks flattened."""
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split()))
    return _AUTOLINK.sub(r"\1\\\2", escaped)  # `http\://`, `www\.`: no bare URL becomes a link


def window_frames(index: Index, window: Window) -> Frames:
    """The count layer's frames for one digest: the baseline-and-window span (see `analysis.window_frames`)."""
    return analysis_window_frames(index, window.baseline[0], window.until)


def build_digest(
    index: Index,
    frames: Frames,
    gazetteer: LinkSet,
    vocabulary: Vocabulary,
    window: Window,
    article_ids: Collection[int] | None = None,
    feature_ids: Collection[str] | None = None,
) -> Digest:
    """The digest of `window` from the count layer's frames (the app's, or `window_frames`), limited
    to the given articles and features when given (the app's sidebar filters)."""
    mentions = frames.mentions
    if article_ids is not None:
        mentions = mentions[mentions["article"].isin(list(article_ids))]
    if feature_ids is not None:
        mentions = mentions[mentions["feature_id"].isin(list(feature_ids))]
    frames = replace(frames, mentions=mentions)
    first, last = window.baseline
    now = window_counts(frames, window.since, window.until)
    before = window_counts(frames, first, last)["articles"]
    pairs = mentions[["article", "feature_id"]].drop_duplicates()
    fresh = pairs[pairs["article"].isin(articles_in_window(frames, window.since, window.until))]
    in_window: dict[str, set[int]] = defaultdict(set)
    for article, feature_id in zip(fresh["article"].tolist(), fresh["feature_id"].astype(str).tolist(), strict=True):
        in_window[feature_id].add(article)
    kinds = feature_kinds(gazetteer)
    new_articles = _tagged(index, vocabulary, in_window, kinds)
    names = {f.id: f.name for f in gazetteer.features}
    statuses = _status_changes(index, vocabulary, kinds, window, new_articles, article_ids)
    changes = []
    for feature_id, articles in now["articles"].items():
        baseline = int(before.get(feature_id, 0))
        if not articles and not baseline:
            continue
        listed = sorted(new_articles.get(feature_id, []), key=lambda a: (a.date, a.article_id), reverse=True)
        events = {tag: sum(tag in a.tags for a in listed) for tag in TAGS}
        changes.append(
            FeatureChange(
                feature_id,
                names.get(feature_id, feature_id),
                int(articles),
                baseline,
                events,
                listed,
                statuses.get(feature_id),
            )
        )
    changes.sort(key=lambda f: (-f.change, -f.articles, f.name))
    return Digest(window, undated_articles(frames, pairs), changes)


def feature_kinds(gazetteer: LinkSet) -> dict[str, str]:
    """Feature id -> kind: what a describing word ("the port") can refer to."""
    return {f.id: f.kind for f in gazetteer.features}


def _tagged(
    index: Index, vocabulary: Vocabulary, in_window: dict[str, set[int]], kinds: dict[str, str]
) -> dict[str, list[NewArticle]]:
    """Each window link as a NewArticle tagged from the whole article (`eventscope`): its headline when
    it names the feature, the sentences naming it and those describing it ("the port"). `kinds`:
    feature id -> kind, what a description can refer to. Links tagged at ingest (`store_record_tags`)
    are read, not tagged again."""
    wanted = {(article, feature_id) for feature_id, ids in in_window.items() for article in ids}
    stored = index.stored_tags(tag_signature(vocabulary, kinds), {a for a, _ in wanted})
    found: dict[str, list[NewArticle]] = defaultdict(list)
    heads = index.article_heads({a for a, f in wanted if (a, f) in stored})
    for article, feature_id in wanted & stored.keys():
        tags, excerpt = stored[article, feature_id]
        head = heads[article]
        found[feature_id].append(
            NewArticle(
                head.article_id, head.title, head.source, head.date, tags, excerpt, article, head.date_kind, head.url
            )
        )
    for article, feature_id, new in _tag_articles(
        index, vocabulary, sorted({a for a, f in wanted - stored.keys()}), kinds
    ):
        if (article, feature_id) in wanted:
            found[feature_id].append(new)
    return {feature_id: sorted(listed, key=lambda a: a.rowid) for feature_id, listed in found.items()}


def _tag_articles(
    index: Index, vocabulary: Vocabulary, articles: list[int], kinds: dict[str, str]
) -> Iterator[tuple[int, str, NewArticle]]:
    """(article, feature id, the link tagged) for every feature each article names."""
    for row, mentions in index.linked_articles(articles):
        yield from _tag_row(vocabulary, row, mentions, kinds)


def _tag_row(vocabulary: Vocabulary, row, mentions: list, kinds: dict[str, str]) -> list[tuple[int, str, NewArticle]]:
    """One article's links, tagged (`_tag_articles`)."""
    # only a publication date: a listing page may show articles weeks older than its own date
    published = row.date if row.date_kind == "published" else None
    every = link_tags(vocabulary, row.title, row.text, mentions, kinds, published)
    found = []
    for feature_id in dict.fromkeys(m.feature_id for m in mentions):
        tags = every.get(feature_id, {})
        said = list(dict.fromkeys(m.excerpt for m in mentions if m.feature_id == feature_id))
        body = [sentence for sentence in said if sentence != row.title] or said
        excerpt = next((tag.sentence for tag in tags.values() if tag.sentence != row.title), body[0])
        new = NewArticle(
            row.article_id, row.title, row.source, row.date, tags, excerpt, row.article, row.date_kind, row.url
        )
        found.append((row.article, feature_id, new))
    return found


# Worker processes tag a first ingest's records (~3,400 articles at 10,000 articles and beyond: ~5 s
# on one core); fewer than this many articles are tagged in the ingest's own process.
PARALLEL_TAGS = 500
_TAG_BATCH = 64
_WORKER_TAGGER: tuple[Vocabulary, dict[str, str]] | None = None


def _init_tagger(geodata: str, kinds: dict[str, str]) -> None:
    global _WORKER_TAGGER
    _WORKER_TAGGER = (load_vocabulary(Path(geodata)), kinds)


def _tag_batch(batch: list) -> list[tuple[int, str, dict[str, Tag], str]]:
    vocabulary, kinds = _WORKER_TAGGER
    return [
        (article, feature_id, new.tags, new.excerpt)
        for row, mentions in batch
        for article, feature_id, new in _tag_row(vocabulary, row, mentions, kinds)
    ]


@functools.cache
def _tagger_code() -> str:
    """The code tags come from (read once, when first asked): stored tags hold while it is unchanged."""
    sources = (__file__, *(m.__file__ for m in (events, eventscope, newsstatus, periods, sentences, textnorm)))
    return hashlib.sha256(b"".join(Path(source).read_bytes() for source in sources)).hexdigest()[:16]


def tag_signature(vocabulary: Vocabulary, kinds: dict[str, str]) -> str:
    """What tags stored at ingest hold for: the vocabulary, the tagger's code, the features' kinds."""
    return hashlib.sha256(f"{vocabulary.signature} {_tagger_code()} {sorted(kinds.items())}".encode()).hexdigest()[:16]


def store_record_tags(
    index: Index, vocabulary: Vocabulary, kinds: dict[str, str], workers: int = 1, geodata: Path | None = None
) -> int:
    """Tag, at ingest, the links of every feature's record (its RECORD_LINKS newest dated articles)
    and of the default digest window and its baseline, where not yet tagged; forget those that left
    them all: a click and the app's digest then read their tags. Many articles are tagged by `workers`
    processes, each reading the vocabulary from `geodata`. Returns how many articles were tagged."""
    signature = tag_signature(vocabulary, kinds)
    record = set().union(*_record_links(index, kinds, newest=RECORD_LINKS).values())
    try:
        window = make_window(None, None, index.newest_date())
    except (DashboardError, ValueError):
        window = None  # no date to end a window at: only the records
    if window is not None:
        first, _ = window.baseline
        record |= {link.article for link in index.dated_links(first.isoformat(), window.until.isoformat())}
    stored = index.tagged_articles() if index.meta("tag_signature") == signature else set()
    index.drop_tags(stored - record)
    missing = sorted(record - stored)
    if workers < 2 or geodata is None or len(missing) < PARALLEL_TAGS:
        found = _tag_articles(index, vocabulary, missing, kinds)
        index.store_tags(signature, ((article, fid, new.tags, new.excerpt) for article, fid, new in found))
        return len(missing)
    rows = list(index.linked_articles(missing))
    batches = [rows[at : at + _TAG_BATCH] for at in range(0, len(rows), _TAG_BATCH)]
    with ProcessPoolExecutor(workers, initializer=_init_tagger, initargs=(str(geodata), kinds)) as pool:
        index.store_tags(signature, itertools.chain.from_iterable(pool.map(_tag_batch, batches)))
    return len(missing)


def feature_record(
    index: Index,
    vocabulary: Vocabulary,
    kinds: dict[str, str],
    feature_ids: list[str],
    before: str | None = None,
    article_ids: Collection[int] | None = None,
    since: str | None = None,
    newest: int | None = None,
) -> dict[str, list[NewArticle]]:
    """The dated links of the features, tagged: the record their status in the news is read from.
    Only those dated `since`..before `before`, in `article_ids`, and the `newest` of each feature,
    when given: tagging reads whole articles (about a millisecond a link), so a record is bounded."""
    return _tagged(index, vocabulary, _record_links(index, feature_ids, before, article_ids, since, newest), kinds)


def _record_links(
    index: Index,
    feature_ids: Iterable[str],
    before: str | None = None,
    article_ids: Collection[int] | None = None,
    since: str | None = None,
    newest: int | None = None,
) -> dict[str, set[int]]:
    """Feature id -> the articles of its record (see `feature_record`)."""
    allowed = None if article_ids is None else set(article_ids)
    links = {}
    for feature_id in feature_ids:
        found = (a for a in index.newest_dated_links(feature_id, before, since) if allowed is None or a in allowed)
        links[feature_id] = set(itertools.islice(found, newest))
    return links


def record_status(record: list[NewArticle], feature_id: str) -> tuple[list[Signal], NewsStatus]:
    """A feature's strip (its signals in date order) and its status in the news, from its tagged
    record (`feature_record`): what the card and the deck show."""
    signals = sorted((s for a in record for s in a.signals(feature_id)), key=lambda s: (s.date, s.tag, s.article_id))
    return signals, status_at(signals, [(a.rowid, a.date) for a in record])


def _status_changes(
    index: Index,
    vocabulary: Vocabulary,
    kinds: dict[str, str],
    window: Window,
    new_articles: dict[str, list[NewArticle]],
    article_ids: Collection[int] | None,
) -> dict[str, StatusChange]:
    """Per feature, its status change in the window against the status at the end of the window
    before it (the baseline: a digest compares the two). Only a disruption or a restoration in the
    window can change it, so only those features have their baseline read and tagged; the record
    before the baseline is not read (at 10,000 articles tagging every earlier link of the moved
    features took 10 s against 0.1 s for the window)."""
    moved = sorted(
        fid for fid, listed in new_articles.items() if any({"disruption", "restoration"} & set(a.tags) for a in listed)
    )
    if not moved:
        return {}
    first, _ = window.baseline
    earlier = feature_record(
        index, vocabulary, kinds, moved, window.since.isoformat(), article_ids, since=first.isoformat()
    )
    changes = {}
    for fid in moved:
        record = earlier.get(fid, []) + new_articles[fid]
        signals = [s for a in record for s in a.signals(fid)]
        change = status_change(signals, [(a.rowid, a.date) for a in record], window.since, window.until)
        if change:
            changes[fid] = change
    return changes
