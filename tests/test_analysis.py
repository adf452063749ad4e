"""The count layer (`dashboard.analysis`): every number on screen, in the `counts` command and in the
deck, asserted from small hand-made articles and mentions, worked out by hand below.

The corpus: four articles, three features.
  a1 TCA, published 2025-05-16        btc ×2 (two sentences), cpc ×1
  a2 EDM, first seen 2025-05-30       cpc ×1
  a3 TCA, published 2024-02-21        btc ×1, aktau ×1
  a4 EDM, no date at all              cpc ×2 (one sentence naming it twice)
"""

from __future__ import annotations

from datetime import date

import pytest

from dashboard.analysis import (
    Filters,
    articles_in_window,
    co_mentions,
    corpus_summary,
    count_report,
    counts_by,
    feature_totals,
    frames_from_records,
    select_articles,
    window_counts,
)
from dashboard.linking import Mention
from dashboard.records import Article, Sighting


def article(aid: str, source: str, published: str | None = None, seen=(), categories=()) -> Article:
    return Article(
        aid,
        f"title {aid}",
        "text",
        source,
        (),
        tuple(categories),
        published,
        tuple(seen),
        (Sighting(f"{aid}.txt", 1, 2),),
        False,
    )


def mention(aid: str, feature: str, start: int) -> Mention:
    return Mention(aid, feature, feature.upper(), start, start + 10, "…", 0, 3)


ARTICLES = [
    article("a1", "TCA", published="2025-05-16", seen=("2025-06-01",), categories=("Energy",)),
    article("a2", "EDM", seen=("2025-05-30", "2025-06-02")),
    article("a3", "TCA", published="2024-02-21"),
    article("a4", "EDM"),
]
MENTIONS = [
    mention("a1", "btc", 0),
    mention("a1", "btc", 20),
    mention("a1", "cpc", 40),
    mention("a2", "cpc", 0),
    mention("a3", "btc", 0),
    mention("a3", "aktau", 30),
    mention("a4", "cpc", 0),
    mention("a4", "cpc", 0),
]


@pytest.fixture
def frames():
    return frames_from_records(ARTICLES, MENTIONS)


def test_totals_are_distinct_articles_and_all_mentions_most_discussed_first(frames):
    totals = feature_totals(frames.mentions)
    assert list(totals.index) == ["cpc", "btc", "aktau"]  # 3 articles, then 2 (3 mentions), then 1
    assert totals.loc["cpc"].tolist() == [3, 4]
    assert totals.loc["btc"].tolist() == [2, 3]
    assert totals.loc["aktau"].tolist() == [1, 1]


def test_counts_by_source_and_month_undated_apart(frames):
    by_source = counts_by(frames, frames.mentions, "source")
    assert by_source.values.tolist() == [
        ["aktau", "TCA", 1, 1],
        ["btc", "TCA", 2, 3],
        ["cpc", "EDM", 2, 3],
        ["cpc", "TCA", 1, 1],
    ]
    by_month = counts_by(frames, frames.mentions, "month")
    assert by_month.values.tolist() == [
        ["aktau", "2024-02", 1, 1],
        ["btc", "2024-02", 1, 1],
        ["btc", "2025-05", 1, 2],
        ["cpc", "2025-05", 2, 2],  # a1 by its published date, a2 by the day it was first seen
        ["cpc", "undated", 1, 2],
    ]


def test_co_mentions_count_articles_naming_both(frames):
    assert co_mentions(frames.mentions).values.tolist() == [["aktau", "btc", 1], ["btc", "cpc", 1]]


def test_count_report_is_what_the_counts_command_prints(frames):
    report = count_report(frames)
    assert [f["feature_id"] for f in report["features"]] == ["cpc", "btc", "aktau"]
    cpc = report["features"][0]
    assert (cpc["articles"], cpc["mentions"]) == (3, 4)
    assert cpc["by_source"] == {"EDM": {"articles": 2, "mentions": 3}, "TCA": {"articles": 1, "mentions": 1}}
    assert cpc["by_month"] == {"2025-05": {"articles": 2, "mentions": 2}, "undated": {"articles": 1, "mentions": 2}}
    assert report["co_mentions"] == [{"a": "aktau", "b": "btc", "articles": 1}, {"a": "btc", "b": "cpc", "articles": 1}]


def test_window_counts_use_published_else_first_seen_and_keep_undated_apart(frames):
    may = window_counts(frames, date(2025, 5, 1), date(2025, 5, 31))
    assert may.to_dict("index") == {
        "aktau": {"articles": 0, "undated": 0},
        "btc": {"articles": 1, "undated": 0},
        "cpc": {"articles": 2, "undated": 1},
    }
    # both ends are inclusive; a feature asked for and never mentioned gets zeros
    one_day = window_counts(frames, date(2025, 5, 30), date(2025, 5, 30), feature_ids=["cpc", "zangezur"])
    assert one_day.to_dict("index") == {"cpc": {"articles": 1, "undated": 1}, "zangezur": {"articles": 0, "undated": 0}}
    assert sorted(articles_in_window(frames, None, date(2024, 12, 31))) == [3]  # a3 only; a4 is in no window
    assert sorted(articles_in_window(frames, None, None)) == [1, 2, 3]


def test_date_filter_keeps_undated_only_when_asked(frames):
    may = Filters(date_from=date(2025, 5, 1), date_to=date(2025, 5, 31))
    assert sorted(select_articles(frames, may)) == [1, 2, 4]
    dated_only = Filters(date_from=date(2025, 5, 1), date_to=date(2025, 5, 31), include_undated=False)
    assert sorted(select_articles(frames, dated_only)) == [1, 2]
    assert sorted(select_articles(frames, Filters(sources=("EDM",)))) == [2, 4]
    assert sorted(select_articles(frames, Filters(categories=("Energy",)))) == [1]
    assert sorted(select_articles(frames, Filters(), search_hits={3, 4})) == [3, 4]


def test_header_summary(frames):
    summary = corpus_summary(frames)
    assert (summary.articles, summary.sources) == (4, ["EDM", "TCA"])
    assert (summary.first_date, summary.last_date) == ("2024-02-21", "2025-05-30")
