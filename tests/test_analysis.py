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


# --- one date rule, one "undated", the view, the excerpts and the deck's figures (issue 23.3) -------


@pytest.fixture(scope="module")
def gazetteer():
    from conftest import GEODATA

    from dashboard.gazetteer import load_gazetteer

    return load_gazetteer(GEODATA)


def test_one_date_range_rule_for_the_sidebar_the_digest_and_the_index():
    """An article dated with a time on the last day of a range is in it, whichever reader asks."""
    late = article("a5", "TCA", published="2025-05-31T23:00:00")
    frames = frames_from_records([*ARTICLES, late], MENTIONS)
    may = Filters(date_from=date(2025, 5, 1), date_to=date(2025, 5, 31), include_undated=False)
    assert sorted(select_articles(frames, may)) == [1, 2, 5]
    assert sorted(articles_in_window(frames, date(2025, 5, 1), date(2025, 5, 31))) == [1, 2, 5]
    from dashboard.analysis import day_bounds  # what the index's date query is given

    low, high = day_bounds(date(2025, 5, 1), date(2025, 5, 31))
    assert low <= "2025-05-01" and low <= "2025-05-31T23:00:00" <= high and not high >= "2025-06-01"


def test_compute_view_counts_what_the_filters_keep(frames, gazetteer):
    from dashboard.analysis import compute_view

    view = compute_view(frames, gazetteer, Filters(sources=("TCA",)))
    assert sorted(view.article_ids) == [1, 3]
    assert view.stats() == {"btc": (2, 3), "cpc": (1, 1), "aktau": (1, 1)}
    assert view.by_source.to_dict("records") == [
        {"feature_id": "aktau", "source": "TCA", "articles": 1},
        {"feature_id": "btc", "source": "TCA", "articles": 2},
        {"feature_id": "cpc", "source": "TCA", "articles": 1},
    ]
    assert view.span == ("2024-02-21", "2025-05-16") and view.sources == ["TCA"] and list(view.undated) == []
    everything = compute_view(frames, gazetteer, Filters())
    assert list(everything.undated) == [4] and everything.undated_articles(["cpc", "btc"]) == 1
    assert everything.leading_features(2) == ["cpc", "btc"]  # cpc in 3 article-months, btc in 2
    ports = compute_view(frames, gazetteer, Filters(kinds=("port",)))
    assert [f.id for f in ports.features] == [f.id for f in gazetteer.features if f.kind == "port"]
    assert ports.stats() == {"aktau": (1, 1)}


def test_the_timeline_counts_an_undated_article_once_however_many_features_it_names(gazetteer):
    from dashboard.analysis import compute_view
    from dashboard.charts import count_charts

    both = article("a5", "EDM")  # undated, naming btc and cpc: one article, not two
    frames = frames_from_records([*ARTICLES, both], [*MENTIONS, mention("a5", "btc", 0), mention("a5", "cpc", 20)])
    view = compute_view(frames, gazetteer, Filters())
    timeline = count_charts(view, frames.rates)["mentions-over-time"].figure
    assert "2 undated articles not shown" in timeline.layout.xaxis.title.text  # a4 and a5
    assert view.undated_articles(view.leading_features(9)) == 2


def _index_with(texts: dict[str, tuple[str | None, str]], links: list[tuple[str, str, int, int, int, int]]):
    """An in-memory index of articles id -> (date, text) and mentions (article, feature, sentence
    start, end, alias start, end within the sentence)."""
    from dashboard.store import Index

    index = Index(None)
    rowids = {}
    for aid, (day, text) in texts.items():
        item = Article(aid, f"title {aid}", text, "TCA", (), (), day, (), (Sighting(f"{aid}.txt", 1, 2),), False)
        rowids[aid] = index.insert_article(aid, item, None)
    for aid, feature, start, end, alias_start, alias_end in links:
        excerpt = texts[aid][1][start:end]
        index.insert_mentions(
            rowids[aid], [Mention(aid, feature, feature, start, end, excerpt, alias_start, alias_end)]
        )
    return index


def test_excerpts_newest_first_one_per_sentence_with_every_alias_marked():
    from dashboard.analysis import load_frames
    from dashboard.excerpts import excerpts

    index = _index_with(
        {
            "a1": ("2025-05-16", "The BTC pipeline resumed. Oil via BTC and CPC rose."),
            "a2": (None, "The CPC terminal was busy."),
            "a3": ("2025-06-02", "BTC flows rose again."),
        },
        [
            ("a1", "btc", 0, 25, 4, 7),
            ("a1", "btc", 26, 51, 8, 11),
            ("a1", "cpc", 26, 51, 16, 19),
            ("a2", "cpc", 0, 26, 4, 7),
            ("a3", "btc", 0, 21, 0, 3),
        ],
    )
    frames = load_frames(index)
    rows, total = excerpts(index, frames, "btc", frames.articles.index)
    assert total == 3
    assert [(r["excerpt"], r["highlights"], r["date"]) for r in rows] == [
        ("BTC flows rose again.", [(0, 3)], "2025-06-02"),
        ("The BTC pipeline resumed.", [(4, 7)], "2025-05-16"),
        ("Oil via BTC and CPC rose.", [(8, 11)], "2025-05-16"),
    ]
    rows, total = excerpts(index, frames, "cpc", frames.articles.index, limit=1)
    assert (total, [r["excerpt"] for r in rows]) == (2, ["Oil via BTC and CPC rose."])  # undated last
    rows, total = excerpts(index, frames, "btc", frames.articles.index, text_filter="OIL")
    assert (total, [r["article_id"] for r in rows]) == (1, ["a1"])
    only_a2 = frames.articles.index[[False, True, False]]
    assert excerpts(index, frames, "cpc", only_a2)[1] == 1 and excerpts(index, frames, "btc", only_a2) == ([], 0)


def test_every_figure_the_deck_prints(frames, gazetteer):
    import pandas as pd

    from dashboard.analysis import (
        busiest_month,
        cited_sources,
        compute_view,
        family_counts,
        pages_read,
        problem_counts,
    )
    from dashboard.errors import Problem

    view = compute_view(frames, gazetteer, Filters())
    # Title slide: articles, corpus articles, sources, span, undated.
    assert (len(view.article_ids), len(frames.articles), view.sources) == (4, 4, ["EDM", "TCA"])
    assert (view.span, len(view.undated)) == (("2024-02-21", "2025-05-30"), 1)
    # Map slide: features in the news, most discussed and its articles.
    assert (len(view.totals), str(view.totals.index[0]), int(view.totals.iloc[0]["articles"])) == (3, "cpc", 3)
    # Timeline slide: May 2025 has a1 and a2 (2 articles) naming routes 3 times (a1: btc, cpc; a2: cpc).
    busiest = busiest_month(frames, view)
    assert (busiest.month, busiest.articles, busiest.mentions) == ("2025-05", 2, 3)
    assert busiest_month(frames, compute_view(frames, gazetteer, Filters(sources=("nowhere",)))) is None
    # Co-mentions slide: btc and cpc together in a1 only; btc and aktau in a3.
    assert view.pairs.to_dict("records") == [
        {"a": "aktau", "b": "btc", "articles": 1},
        {"a": "btc", "b": "cpc", "articles": 1},
    ]
    # Closing slide: pages read (the index's count, else the articles first seen on the page), per
    # family; problems without the notes; the sources the geodata cites.
    frames.pages = pd.DataFrame(
        {
            "file": ["a1.txt", "a4.txt"],
            "family": ["tca", "edm"],
            "page_date": ["2025-05-16", None],
            "articles": [None, 7],
        }
    )
    assert pages_read(frames) == [
        {"file": "a1.txt", "family": "tca", "page_date": "2025-05-16", "articles": 1},
        {"file": "a4.txt", "family": "edm", "page_date": None, "articles": 7},
    ]
    assert family_counts(frames) == {"tca": 1, "edm": 1}
    problems, notes = problem_counts(
        [Problem("a.txt", "bad date", 3), Problem("b.html", "HTML article page", None, "note"), Problem("c", "x")]
    )
    assert (len(problems), len(notes)) == (2, 1)
    assert cited_sources(gazetteer.features) == sum(len(f.get("sources") or []) for f in gazetteer.features) > 0
