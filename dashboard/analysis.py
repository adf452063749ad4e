"""The one count and query layer: every number the app, the command line and the deck show is
computed here (and tested in `tests/test_analysis.py`).

Load the index (or freshly parsed records) into compact frames once, then filter and count on every
rerun. An article's date is its published date, else the day it was first seen; an article with
neither is "undated" and is counted apart, never in a date window. Counts are of distinct articles
(a duplicated article is one article) plus total mentions. Excerpts are read from the index on
demand, so a click costs one small query and never a re-parse.

Where each number comes from:
- header line (articles, sources, dates, pages, newest page): `corpus_summary`
- per feature, by source, by month, co-mentions (map, card, charts, `counts` command): `compute_view`
  -> `feature_totals`, `counts_by`, `co_mentions`; the command's JSON/CSV: `count_report`
- articles per feature in a date window (the digest): `window_counts`, on `window_frames` (the command
  line) or the app's frames; "in the date range" is one rule (`day_bounds`, `in_date_range`) for the
  sidebar, the digest and the index's date query; "undated" one rule (`is_undated`, `undated_articles`)
- the deck's figures: `deck_numbers`, `busiest_month`, `pages_read`, `problem_counts` (the header's too)
- sentences mentioning a feature: `excerpts`; the figures the press states about a feature (the
  `figures` command, the card's "By the numbers", the deck): `figure_frame`; currency figures: `latest_rates`, `rate_history` (computed
  in `rates`, tested in `tests/test_rates.py`)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from .bynumbers import also_stated, disagreements, figures_table, latest_figures, unit_words  # noqa: F401 (figures: `bynumbers`)
from .countstore import count_report_of
from .dates import UNDATED
from .errors import Problem
from .features import Feature
from .figurestore import FigureRow
from .indexrows import DatedLink
from .linking import Mention
from .rates import latest_rates, rate_history  # noqa: F401 (the currency figures live in `rates`)
from .records import Article, CurrencyRate
from .store import Index

if TYPE_CHECKING:
    from .gazetteer import Gazetteer


@dataclass(frozen=True)
class Filters:
    """What the sidebar selects. Empty tuples mean "all"."""

    sources: tuple[str, ...] = ()
    date_from: date | None = None
    date_to: date | None = None
    include_undated: bool = True
    categories: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    search: str = ""

    def describe(self) -> str:
        """One line for a chart's subtitle: what is filtered, in words."""
        parts = []
        if self.sources:
            parts.append("sources: " + ", ".join(self.sources))
        if self.date_from or self.date_to:
            parts.append(
                f"dates {self.date_from or '…'} to {self.date_to or '…'}"
                + ("" if self.include_undated else ", dated only")
            )
        elif not self.include_undated:
            parts.append("dated articles only")
        if self.categories:
            parts.append("categories: " + ", ".join(self.categories))
        if self.kinds:
            parts.append("kinds: " + ", ".join(self.kinds))
        if self.statuses:
            parts.append("status: " + ", ".join(self.statuses))
        if self.search:
            parts.append(f"search: {self.search!r}")
        return "; ".join(parts)


@dataclass
class Frames:
    """Everything the panels need except article texts, which stay in the index."""

    articles: pd.DataFrame  # index: article rowid; source, date, month, first_file, files (pages it is on)
    categories: pd.DataFrame  # article, category
    mentions: pd.DataFrame  # article, feature_id, start (of its sentence): what counts and orders excerpts
    rates: pd.DataFrame  # pair, rate, rate_text, change_pct, as_of, file, line
    pages: pd.DataFrame  # file, family, page_date, articles
    problems: list[Problem] = field(default_factory=list)
    index_path: Path | None = None
    generation: str | None = None  # the index's generation these frames were read at (see `load_frames`)

    @property
    def sources(self) -> list[str]:
        return sorted(self.articles["source"].unique())

    @property
    def category_names(self) -> list[str]:
        return sorted(self.categories["category"].unique())


def load_frames(index: Index) -> Frames:
    """The frames of an on-disk index (what the app and the exports use), read as one snapshot with
    the index's generation: rows read later under the same generation match these frames."""
    with index.snapshot():
        tables = index.tables()
        problems = index.problems()
        generation = index.meta("generation")
    return _typed(
        Frames(
            tables["articles"],
            tables["categories"],
            tables["mentions"],
            tables["rates"],
            tables["pages"],
            problems,
            index.path,
            generation,
        )
    )


def frames_from_records(
    articles: Sequence[Article],
    mentions: Sequence[Mention],
    rates: Sequence[CurrencyRate] = (),
    problems: Sequence[Problem] = (),
) -> Frames:
    """The same frames from records in memory (a fresh parse, or a test's hand-made articles): article
    rowids are their positions from 1, in the order given."""
    rowid = {a.id: n for n, a in enumerate(articles, 1)}
    files = [", ".join(dict.fromkeys(s.file for s in a.source_files)) for a in articles]
    frame = pd.DataFrame(
        {
            "source": [a.source for a in articles],
            "date": [a.date for a in articles],
            "date_kind": [a.date_kind for a in articles],
            "first_file": [
                min((s.file, s.first_line) for s in a.source_files)[0] if a.source_files else "" for a in articles
            ],
            "files": files,
        },
        index=pd.Index(list(rowid.values()), name="article", dtype="int64"),
    )
    categories = pd.DataFrame(
        [(rowid[a.id], c) for a in articles for c in a.categories], columns=["article", "category"]
    )
    mention_frame = pd.DataFrame(
        [(rowid[m.article_id], m.feature_id, m.start) for m in mentions], columns=["article", "feature_id", "start"]
    )
    rate_frame = pd.DataFrame(
        [(r.pair, r.rate, r.rate_text, r.change_pct, r.as_of, r.source_file, r.line) for r in rates],
        columns=["pair", "rate", "rate_text", "change_pct", "as_of", "file", "line"],
    )
    pages = pd.DataFrame(columns=["file", "family", "page_date", "articles"])
    return _typed(Frames(frame, categories, mention_frame, rate_frame, pages, list(problems)))


def _typed(frames: Frames) -> Frames:
    """Derived columns and compact types, the same whichever way the frames were read."""
    frames.articles["month"] = frames.articles["date"].str[:7].fillna(UNDATED)
    frames.articles["source"] = frames.articles["source"].astype("category")
    frames.mentions["feature_id"] = frames.mentions["feature_id"].astype("category")
    return frames


# --- figures stated in the press ---------------------------------------------------------------

FIGURE_COLUMNS = list(FigureRow._fields)


def figure_frame(rows: Sequence[FigureRow], feature_id: str | None = None) -> pd.DataFrame:
    """The stated figures (`Index.figure_rows`, or a fresh parse's), one row per statement, columns
    FIGURE_COLUMNS; of one feature when `feature_id` is given. Ordered by feature, measure, then date
    (undated last), then as the pages give them. `value`/`value_high` are in the base `unit`."""
    frame = pd.DataFrame(list(rows), columns=FIGURE_COLUMNS)
    if feature_id is not None:
        frame = frame[frame["feature_id"] == feature_id]
    frame = frame.astype({"value": float, "value_high": float})
    order = frame.assign(_undated=frame["date"].isna(), _date=frame["date"].fillna(""))
    order = order.sort_values(["feature_id", "measure", "_undated", "_date"], kind="stable")
    return frame.loc[order.index].reset_index(drop=True)


def linked_articles(frames: Frames, feature_id: str, article_ids: pd.Index) -> list[int] | None:
    """Rowids of the articles in `article_ids` linked to the feature, or None when every article is
    in (no filter): what the figures of a card or a slide are read from."""
    if len(article_ids) == len(frames.articles):
        return None
    mentions = frames.mentions[frames.mentions["feature_id"] == feature_id]
    return sorted(set(mentions.loc[mentions["article"].isin(article_ids), "article"].tolist()))


def figure_records(frame: pd.DataFrame) -> list[dict]:
    """A figure frame as plain dicts (missing values as None), for JSON and CSV."""
    return [{k: (None if pd.isna(v) else v) for k, v in row.items()} for row in frame.to_dict("records")]


# --- filtering ----------------------------------------------------------------------------------


def select_articles(frames: Frames, filters: Filters, search_hits: set[int] | None = None) -> pd.Index:
    """Row ids of the articles every panel should use."""
    articles = frames.articles
    keep = pd.Series(True, index=articles.index)
    if filters.sources:
        keep &= articles["source"].isin(filters.sources)
    if filters.date_from or filters.date_to:
        in_range = in_date_range(articles["date"], filters.date_from, filters.date_to)
        keep &= in_range | (is_undated(articles) & filters.include_undated)
    elif not filters.include_undated:
        keep &= ~is_undated(articles)
    if filters.categories:
        with_category = frames.categories.loc[frames.categories["category"].isin(filters.categories), "article"]
        keep &= articles.index.isin(with_category)
    if search_hits is not None:
        keep &= articles.index.isin(list(search_hits))
    return articles.index[keep.to_numpy()]


def visible_features(gazetteer: Gazetteer, filters: Filters) -> list[Feature]:
    return [
        f
        for f in gazetteer.features
        if (not filters.kinds or f.kind in filters.kinds) and (not filters.statuses or f.status in filters.statuses)
    ]


def select_mentions(frames: Frames, article_ids: pd.Index, feature_ids) -> pd.DataFrame:
    mentions = frames.mentions
    if len(article_ids) != len(frames.articles):
        mentions = mentions[mentions["article"].isin(article_ids)]
    return mentions[mentions["feature_id"].isin(list(feature_ids))]


# --- counts -------------------------------------------------------------------------------------


def feature_totals(mentions: pd.DataFrame) -> pd.DataFrame:
    """feature_id -> distinct articles and total mentions, most discussed first (ties by id)."""
    if mentions.empty:
        return pd.DataFrame({"articles": pd.Series(dtype=int), "mentions": pd.Series(dtype=int)})
    grouped = mentions.groupby("feature_id", observed=True)["article"]
    totals = pd.DataFrame({"articles": grouped.nunique(), "mentions": grouped.size()})
    totals.index = totals.index.astype(str)
    return totals.sort_values(["articles", "mentions"], ascending=False, kind="stable")


def counts_by(frames: Frames, mentions: pd.DataFrame, column: str) -> pd.DataFrame:
    """Long frame: feature_id, `column` (an article column: "source", or "month" = YYYY-MM or
    'undated'), articles (distinct) and mentions; only non-zero cells, sorted by feature and key."""
    keyed = mentions[["feature_id", "article"]].join(frames.articles[column], on="article")
    keyed = keyed.assign(feature_id=keyed["feature_id"].astype(str), **{column: keyed[column].astype(str)})
    grouped = keyed.groupby(["feature_id", column])["article"]
    counted = pd.DataFrame({"articles": grouped.nunique(), "mentions": grouped.size()}).reset_index()
    return counted[counted["articles"] > 0].reset_index(drop=True)


def co_mentions(mentions: pd.DataFrame) -> pd.DataFrame:
    """Pairs of features discussed in the same article: a, b (a < b), articles; most first, ties by ids."""
    pairs = mentions[["article", "feature_id"]].drop_duplicates()
    pairs = pairs.assign(feature_id=pairs["feature_id"].astype(str))
    joined = pairs.merge(pairs, on="article")
    joined = joined[joined["feature_id_x"] < joined["feature_id_y"]]
    counted = joined.groupby(["feature_id_x", "feature_id_y"]).size().rename("articles").reset_index()
    counted.columns = ["a", "b", "articles"]
    return counted.sort_values(["articles", "a", "b"], ascending=[False, True, True], ignore_index=True)


def date_span(frames: Frames, article_ids: pd.Index) -> tuple[str | None, str | None]:
    """The earliest and latest article date among `article_ids` (None, None when all are undated)."""
    dates = frames.articles.loc[article_ids, "date"].dropna()
    return (dates.min(), dates.max()) if len(dates) else (None, None)


def count_report(frames: Frames, mentions: pd.DataFrame | None = None) -> dict:
    """What the `counts` command prints: per feature its totals and cells by source and by month,
    most discussed first; then every co-mentioned pair. From the frames; `countstore.stored_count_report`
    reads the same from the index's count tables."""
    mentions = frames.mentions if mentions is None else mentions
    totals = feature_totals(mentions)
    cells: dict[tuple[str, str], dict] = {}
    for column in ("source", "month"):
        for row in counts_by(frames, mentions, column).itertuples(index=False):
            key = getattr(row, column)
            cells.setdefault((row.feature_id, column), {})[key] = {"articles": row.articles, "mentions": row.mentions}
    return count_report_of(
        {fid: (int(totals.at[fid, "articles"]), int(totals.at[fid, "mentions"])) for fid in totals.index},
        cells,
        [(r.a, r.b, int(r.articles)) for r in co_mentions(mentions).itertuples(index=False)],
    )


def day_bounds(first: date | None, last: date | None) -> tuple[str, str]:
    """An article's date is in [first, last] when it sorts between these two strings: the first
    day's start and the last day's end, whatever follows the date (a time); either end open when None."""
    return (first.isoformat() if first else "", (last.isoformat() if last else "9999-12-31") + "\uffff")


def in_date_range(dates: pd.Series, first: date | None, last: date | None) -> pd.Series:
    """Which dates are in [first, last] (see `day_bounds`); an undated article is in no range."""
    low, high = day_bounds(first, last)
    known = dates.fillna("")
    return dates.notna() & (known >= low) & (known <= high)


def is_undated(articles: pd.DataFrame) -> pd.Series:
    """Articles with neither a published nor a first-seen date: counted apart, in no date window."""
    return articles["date"].isna()


def undated_articles(frames: Frames, mentions: pd.DataFrame) -> int:
    """Distinct undated articles among these mentions (an article naming two features is one)."""
    undated = frames.articles.index[is_undated(frames.articles).to_numpy()]
    return int(mentions.loc[mentions["article"].isin(undated), "article"].nunique())


def articles_in_window(frames: Frames, since: date | None, until: date | None) -> pd.Index:
    """Row ids of the articles dated in [since, until] (either end open when None)."""
    return frames.articles.index[in_date_range(frames.articles["date"], since, until).to_numpy()]


def window_frames(index: Index, first: date, last: date) -> Frames:
    """The count layer's frames for a date window, read from the index's date index: only the links
    dated first..last, and the undated ones (the command line's digest: it never loads the whole corpus)."""
    links = index.dated_links(*day_bounds(first, last)) + index.undated_links()
    table = pd.DataFrame(links, columns=list(DatedLink._fields))
    articles = table.drop_duplicates("article").set_index("article")[["date"]]
    articles["source"] = ""
    return Frames(
        articles,
        pd.DataFrame(columns=["article", "category"]),
        table[["article", "feature_id"]],
        pd.DataFrame(),
        pd.DataFrame(),
    )


def window_counts(
    frames: Frames, since: date | None, until: date | None, feature_ids: Sequence[str] | None = None
) -> pd.DataFrame:
    """Per feature: `articles` dated in [since, until] that mention it, and `undated` articles that
    mention it (counted apart: they cannot be placed in any window). Index: feature_id; every feature
    in `feature_ids` (default: every feature mentioned) gets a row, zeros included."""
    mentions = frames.mentions
    if feature_ids is not None:
        mentions = mentions[mentions["feature_id"].isin(list(feature_ids))]
    pairs = mentions[["feature_id", "article"]].drop_duplicates()
    pairs = pairs.assign(feature_id=pairs["feature_id"].astype(str))
    in_window = pairs[pairs["article"].isin(articles_in_window(frames, since, until))]
    undated = pairs[pairs["article"].isin(frames.articles.index[is_undated(frames.articles).to_numpy()])]
    ids = list(feature_ids) if feature_ids is not None else sorted(pairs["feature_id"].unique())
    return pd.DataFrame(
        {
            "articles": in_window.groupby("feature_id").size().reindex(ids, fill_value=0).astype(int),
            "undated": undated.groupby("feature_id").size().reindex(ids, fill_value=0).astype(int),
        }
    ).rename_axis("feature_id")


@dataclass(frozen=True)
class CorpusSummary:
    """The header's figures: what was loaded."""

    articles: int
    sources: list[str]
    first_date: str | None
    last_date: str | None
    pages: int


def corpus_summary(frames: Frames) -> CorpusSummary:
    dates = frames.articles["date"].dropna()
    return CorpusSummary(
        articles=len(frames.articles),
        sources=frames.sources,
        first_date=dates.min() if len(dates) else None,
        last_date=dates.max() if len(dates) else None,
        pages=len(frames.pages),
    )


SOURCES_NAMED = 4  # a source line names this many sources, then "and N more": it stays one line


@dataclass
class View:
    """Everything the panels show for one set of filters."""

    filters: Filters
    article_ids: pd.Index
    features: list[Feature]
    mentions: pd.DataFrame
    totals: pd.DataFrame
    by_source: pd.DataFrame
    by_month: pd.DataFrame
    pairs: pd.DataFrame
    span: tuple[str | None, str | None]
    sources: list[str]
    undated: pd.Index = field(default_factory=lambda: pd.Index([], dtype="int64"))  # row ids, in article_ids

    def stats(self) -> dict[str, tuple[int, int]]:
        return {str(fid): (int(row.articles), int(row.mentions)) for fid, row in self.totals.iterrows()}

    def subtitle(self) -> str:
        start, end = self.span
        dates = f"{start} to {end}" if start else "no dated articles"
        described = self.filters.describe()
        return f"{len(self.article_ids)} articles, {dates}" + (f"; {described}" if described else "")

    def source_line(self, base_map: bool = False) -> str:
        """The attribution under a chart or slide; `base_map` only where the map is drawn."""
        shown = self.sources[:SOURCES_NAMED] if len(self.sources) > SOURCES_NAMED + 1 else self.sources
        names = ", ".join(shown) if shown else "no pages"
        if len(shown) < len(self.sources):  # the legend and the CSV name them all
            names = f"{len(self.sources)} sources ({names} and {len(self.sources) - len(shown)} more)"
        line = f"Source: Corridor Watch, from {names}. Counts are distinct articles."
        return line + (" Base map: Natural Earth." if base_map else "")

    def leading_features(self, top: int) -> list[str]:
        """The `top` features with the most articles summed over months (the timeline's stacks)."""
        totals = self.by_month.groupby("feature_id", observed=True)["articles"].sum()
        return totals.nlargest(top).index.astype(str).tolist()

    def undated_articles(self, feature_ids: Sequence[str]) -> int:
        """Distinct undated articles naming any of these features (one article naming two is one)."""
        named = self.mentions[self.mentions["feature_id"].astype(str).isin(list(feature_ids))]
        return int(named.loc[named["article"].isin(self.undated), "article"].nunique())


def compute_view(frames: Frames, gazetteer: Gazetteer, filters: Filters, search_hits: set[int] | None = None) -> View:
    article_ids = select_articles(frames, filters, search_hits)
    features = visible_features(gazetteer, filters)
    mentions = select_mentions(frames, article_ids, [f.id for f in features])
    return View(
        filters=filters,
        article_ids=article_ids,
        features=features,
        mentions=mentions,
        totals=feature_totals(mentions),
        by_source=counts_by(frames, mentions, "source")[["feature_id", "source", "articles"]],
        by_month=counts_by(frames, mentions, "month")[["feature_id", "month", "articles"]],
        pairs=co_mentions(mentions),
        span=date_span(frames, article_ids),
        sources=sorted(frames.articles.loc[article_ids, "source"].astype(str).unique()),
        undated=article_ids[is_undated(frames.articles.loc[article_ids]).to_numpy()],
    )


# --- the deck's and the header's figures ---------------------------------------------------------


@dataclass(frozen=True)
class BusiestMonth:
    month: str  # YYYY-MM
    articles: int  # distinct articles of the month naming a route or port
    mentions: int  # the month's stack on the timeline: one block per (article, feature)


def busiest_month(frames: Frames, view: View) -> BusiestMonth | None:
    """The month with the most articles naming a route or port (ties: the taller stack, then the
    earlier month); None when no dated article names one."""
    by_month = view.by_month[view.by_month["month"] != UNDATED]
    if by_month.empty:
        return None
    months = frames.articles.loc[view.mentions["article"].unique(), "month"]
    counts = months[months != UNDATED].value_counts()
    heights = by_month.groupby("month", observed=True)["articles"].sum()
    month = str(sorted(counts.index, key=lambda m: (-counts[m], -heights.get(m, 0), m))[0])
    return BusiestMonth(month, int(counts[month]), int(heights.get(month, 0)))


def pages_read(frames: Frames) -> list[dict]:
    """Each page read: file, family, page date (None: undated) and how many articles it yielded (from
    the index, else the articles first seen on it)."""
    first_seen = frames.articles.groupby("first_file").size() if len(frames.articles) else pd.Series(dtype=int)
    return [
        {
            "file": page.file,
            "family": page.family,
            "page_date": page.page_date if isinstance(page.page_date, str) else None,
            "articles": int(page.articles) if not pd.isna(page.articles) else int(first_seen.get(page.file, 0)),
        }
        for page in frames.pages.itertuples()
    ]


def family_counts(frames: Frames) -> dict[str, int]:
    """Pages read per family, most first."""
    if not len(frames.pages):
        return {}
    return {str(family): int(n) for family, n in frames.pages["family"].value_counts().items()}


def problem_counts(problems: Sequence[Problem]) -> tuple[list[Problem], list[Problem]]:
    """Problems to act on, and notes on how pages were read: what the header and the deck count as
    "problems" is the first list only."""
    return [p for p in problems if not p.is_note], [p for p in problems if p.is_note]


def cited_sources(features: Sequence[Feature]) -> int:
    """How many sources the geodata's attributes cite."""
    return sum(len(f.get("sources") or []) for f in features)
