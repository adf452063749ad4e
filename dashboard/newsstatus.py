"""A route's status as the news reports it: from the event signals of its dated articles, whether it
is disrupted (and since when, by how many sources), restored, or has had no disruption reported; and
whether that status changed inside a digest window. Pure: the signals come from the tagger through
`digest.feature_signals`; the card, the digest and the deck all read their status lines from here.

The rule is a small state machine over the `disruption` and `restoration` signals in date order: a
disruption opens a run (its date is "since"), later disruptions join it (their sources are counted),
a restoration closes it. Same-day disruption and restoration: the restoration wins, as it does inside
one link (the tagger makes the trouble a restart ends background). `expansion`, `agreement` and
`security` are drawn on the strip but do not change the status: a threat is not a stoppage.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

import pandas as pd

DISRUPTED, RESTORED, QUIET, NO_NEWS = "disrupted", "restored", "no disruption reported", "no dated article"
# A disruption not reported again for this long has lapsed: the next one opens a new run. Ports close for a
# storm and reopen without a story saying so; their closures of 2018 and 2025 are not one seven-year run.
LAPSE_DAYS = 90
_STATUS_TAGS = ("disruption", "restoration")


@dataclass(frozen=True)
class Signal:
    """One mark on a feature's strip: a tag its link to an article carries, with the sentence that
    gave it and the article's citation."""

    feature_id: str
    date: str  # YYYY-MM-DD (undated articles cannot be placed on a timeline and give no signal)
    tag: str
    article_id: str
    title: str
    source: str
    excerpt: str
    trigger: str
    date_kind: str | None = None  # published, listed or seen (the day its page was saved: `records.date_kind`)


@dataclass(frozen=True)
class NewsStatus:
    """The status on one day: `state` one of DISRUPTED, RESTORED, QUIET, NO_NEWS; `since` the first
    disruption of the open run (DISRUPTED) or the restoration's date (RESTORED); `sources` those
    reporting it; `run_since` the start of the disruption a restoration ended; `articles` the dated
    articles up to that day. `seen`: `since` is only the day the reporting pages were saved (no page
    dates them), said so beside it: an old story saved today is not today's news."""

    state: str
    since: str | None = None
    sources: tuple[str, ...] = ()
    run_since: str | None = None
    articles: int = 0
    seen: bool = False

    def line(self) -> str:
        """One line of "status in the news"."""
        if self.state == DISRUPTED:
            return f"disrupted since {self.since} — no restoration reported since ({self._sources()})"
        if self.state == RESTORED:
            after = f", after a disruption reported from {self.run_since}" if self.run_since else ""
            return f"restored {self.since} ({self._sources()}){after}"
        if self.state == QUIET:
            return f"no disruption reported ({self.articles} dated article{'s' * (self.articles != 1)})"
        return NO_NEWS

    def short(self) -> str:
        """The state and its date, for a line that has little room (the deck's ranking)."""
        if self.state == DISRUPTED:
            return f"disrupted since {self.since} ({self._sources()})"
        if self.state == RESTORED:
            return f"restored {self.since} ({self._sources()})"
        return self.state

    def _sources(self) -> str:
        return f"seen, {_sources(self.sources)}" if self.seen else _sources(self.sources)


def _sources(sources: tuple[str, ...]) -> str:
    return f"{len(sources)} source{'s' * (len(sources) != 1)}"


def status_at(signals: Iterable[Signal], articles: Iterable[tuple[str, str]], day: date | None = None) -> NewsStatus:
    """The status on `day` (default: after every signal) from the signals and the (article id, date)
    of the feature's dated articles, both ignored after `day`."""
    last = day.isoformat() if day else None
    dated = {a for a, d in articles if last is None or d[:10] <= last}
    by_day: dict[str, dict[str, set[str]]] = {}
    only_seen: dict[tuple[str, str], bool] = {}  # (day, tag) -> every signal of it dated by a saved page only
    for s in signals:
        if s.tag in _STATUS_TAGS and (last is None or s.date[:10] <= last):
            by_day.setdefault(s.date[:10], {}).setdefault(s.tag, set()).add(s.source)
            key = (s.date[:10], s.tag)
            only_seen[key] = only_seen.get(key, True) and s.date_kind == "seen"
    if not dated:
        return NewsStatus(NO_NEWS)
    state, since, sources, run_since = QUIET, None, set(), None
    reported = None  # the day the open run's disruption was last reported
    for when in sorted(by_day):
        tags = by_day[when]
        if "restoration" in tags:
            if state == DISRUPTED:
                run_since = since
            elif state != RESTORED:
                run_since = None
            state, since, sources = RESTORED, when, set(tags["restoration"])
        else:
            if state != DISRUPTED or _days_between(reported, when) > LAPSE_DAYS:
                state, since, sources = DISRUPTED, when, set()
            sources |= tags["disruption"]
            reported = when
    seen = since is not None and only_seen[(since, "restoration" if state == RESTORED else "disruption")]
    return NewsStatus(state, since, tuple(sorted(sources)), run_since if state == RESTORED else None, len(dated), seen)


def _days_between(first: str, then: str) -> int:
    return (date.fromisoformat(then) - date.fromisoformat(first)).days


@dataclass(frozen=True)
class StatusChange:
    """The status just before a window and at its end, when they differ."""

    before: NewsStatus
    after: NewsStatus

    def line(self) -> str:
        return f"status in the news: {self.after.line()} (was: {self.before.line()})"

    def to_json(self) -> dict:
        return {"before": self.before.line(), "after": self.after.line(), "state": self.after.state}


def status_change(
    signals: list[Signal], articles: list[tuple[str, str]], since: date, until: date
) -> StatusChange | None:
    """The change of status between the day before `since` and `until`, or None when it is the same:
    a new disruption in a run already open is no change, a new run or a new restoration is (even when
    the state at both ends is "restored": the route was disrupted and restored in the window)."""
    before = status_at(signals, articles, date.fromordinal(since.toordinal() - 1))
    after = status_at(signals, articles, until)
    quiet = (NO_NEWS, QUIET)
    if (after.state, after.since) == (before.state, before.since) or (after.state in quiet and before.state in quiet):
        return None
    return StatusChange(before, after)


def signals_table(signals: list[Signal]) -> pd.DataFrame:
    """The strip as a table (the card's CSV): one row per mark, oldest first."""
    columns = ["feature_id", "date", "tag", "trigger", "excerpt", "title", "source", "article_id"]
    return pd.DataFrame([{c: getattr(s, c) for c in columns} for s in signals], columns=columns)
