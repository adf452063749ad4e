"""By the numbers: figures in words, disagreements (same feature, measure, period, unit and per; more
than 5% apart; ranges and bounds as intervals; never within one article), the newest figure per
measure and the card's table. Hand-made rows with the figures frame's columns."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.bynumbers import apart, disagreements, figure_label, figures_table, latest_figures

COLUMNS = [
    "feature_id",
    "article_id",
    "value",
    "value_high",
    "bound",
    "unit",
    "per",
    "measure",
    "period",
    "stated",
    "excerpt",
    "source",
    "date",
    "title",
    "url",
]


def row(value, stated, source, date, *, article=None, period="2023", measure="volume", unit="t", per="year", **kw):
    values = {
        "feature_id": "middle-corridor",
        "article_id": article or f"{source}-{date}",
        "value": value,
        "value_high": None,
        "bound": "exact",
        "unit": unit,
        "per": per,
        "measure": measure,
        "period": period,
        "stated": stated,
        "excerpt": f"The route carried {stated}.",
        "source": source,
        "date": date,
        "title": f"{source} on the route",
        "url": None,
        **kw,
    }
    return [values[c] for c in COLUMNS]


DAYS = {"unit": "days", "per": "none", "measure": "transit_time"}


def frame(*rows) -> pd.DataFrame:
    return pd.DataFrame(list(rows), columns=COLUMNS)


@pytest.mark.parametrize(
    ("args", "label"),
    [
        ((63.5e6, None, "exact", "t", "year"), "63.5 million t per year"),
        ((1.84e6, None, "exact", "t", "none"), "1.84 million t"),
        ((11, 38, "range", "days", "none"), "11\u201338 days"),
        ((1e6, None, "at_least", "TEU", "year"), "more than 1 million TEU per year"),
        ((25_000, None, "at_most", "TEU", "none"), "up to 25 thousand TEU"),
        ((2.7e6, None, "about", "t", "none"), "about 2.7 million t"),
        ((45, None, "exact", "pct", "none"), "45%"),
        ((1.2e9, None, "exact", "USD", "none"), "1.2 billion USD"),
        ((826, None, "exact", "km", "none"), "826 km"),
        ((12, None, "exact", "count", "none"), "12"),
        ((1_200_000, float("nan"), "exact", "bbl/d", "none"), "1.2 million bbl/d"),
    ],
)
def test_figure_labels(args, label):
    assert figure_label(*args) == label


def test_titr_2022_reported_two_ways_disagrees_and_2023_volumes_agree():
    figures = frame(
        row(1.84e6, "1.84 Mt", "Trend", "2023-01-10", period="2022"),
        row(1.084e6, "1 million 84 thousand tons", "Kazinform", "2023-01-12", period="2022"),
        row(2.7e6, "2.7 Mt", "Trend", "2024-01-10"),
        row(2.75e6, "2.75 million tons", "Report.az", "2024-01-11"),
        row(2.76e6, "2.76 million tonnes", "Interfax", "2024-01-12"),
        row(2.8e6, "2.8 Mt", "Kazinform", "2024-01-13"),
    )
    pairs = disagreements(figures)
    assert len(pairs) == 1
    pair = pairs.iloc[0]
    assert (pair["period"], pair["a_stated"], pair["a_source"], pair["b_stated"], pair["b_source"]) == (
        "2022",
        "1 million 84 thousand tons",
        "Kazinform",
        "1.84 Mt",
        "Trend",
    )
    assert (pair["a_figure"], pair["b_figure"], pair["apart_pct"]) == (
        "1.08 million t per year",
        "1.84 million t per year",
        69.7,
    )
    assert (pair["a_row"], pair["b_row"]) == (1, 0)


def test_what_is_never_compared_and_intervals():
    figures = frame(
        row(600_000, "600,000 TEU", "A", "2020-01-01", period=None, unit="TEU", measure="capacity"),
        row(1_000_000, "1 million TEU", "B", "2024-01-01", period=None, unit="TEU", measure="capacity"),
        row(2.0e6, "2 Mt", "A", "2024-01-01", article="same"),
        row(3.0e6, "3 Mt", "A", "2024-01-01", article="same"),  # one article: not a disagreement
        row(2.0e6, "2 Mt", "C", "2024-02-01", per="month"),  # another per
        row(2.0e6, "more than 2 Mt", "D", "2024-03-01", bound="at_least"),
        row(11, "11 to 38 days", "E", "2024-04-01", **DAYS, value_high=38, bound="range"),
        row(11, "11 to 38 days", "E", "2024-04-01", **DAYS, value_high=38, bound="range"),  # read twice
        row(39, "39 days", "F", "2024-04-02", **DAYS),
        row(40, "40 days", "G", "2024-04-03", **DAYS),
        row(0.5e6, "by 0.5 Mt", "H", "2024-05-01", measure="other"),  # changes are not levels
        row(0.9e6, "0.9 Mt more", "I", "2024-05-02", measure="other"),
    )
    pairs = disagreements(figures)
    # 600k and 1M TEU have no period; 2 and 3 Mt are one article; 2 Mt a month is another per; more
    # than 2 Mt agrees with 3 Mt; 39 days is within 5% of 38; the range read twice is one statement.
    assert pairs[["a_stated", "b_stated", "apart_pct"]].values.tolist() == [["11 to 38 days", "40 days", 5.3]]
    assert apart((11, 38), (39, 39)) == pytest.approx(1 / 38)
    assert apart((2e6, float("inf")), (2.7e6, 2.7e6)) == 0


def test_latest_per_measure_and_the_table_marks_disagreeing_rows():
    figures = frame(
        row(1.84e6, "1.84 Mt", "Trend", "2023-01-10", period="2022"),
        row(1.084e6, "1 million 84 thousand tons", "Kazinform", "2023-01-12", period="2022"),
        row(4.5e6, "4.5 Mt", "Trend", None, period="2024"),
        row(10e6, "10 Mt", "Report.az", "2023-05-01", measure="capacity", period=None),
    )
    latest = latest_figures(figures)
    assert latest["period"].tolist() == ["2022", ""]  # no period is an empty cell, never NaN
    assert latest[["measure", "figure", "source", "date"]].values.tolist() == [
        ["volume", "1.08 million t per year", "Kazinform", "2023-01-12"],
        ["capacity", "10 million t per year", "Report.az", "2023-05-01"],
    ]
    table = figures_table(figures)
    assert table["stated"].tolist() == ["1 million 84 thousand tons", "1.84 Mt", "4.5 Mt", "10 Mt"]
    assert table["disagrees"].tolist() == [True, True, False, False]
    assert table["date"].tolist()[2] == "undated"  # last of its measure


def test_counts_of_different_things_never_disagree():
    count = {"unit": "count", "per": "none", "measure": "count"}
    figures = frame(
        row(11, "11 container trains", "Times of Central Asia", "2024-08-16", **count),
        row(27_000, "27,000 containers", "Report.az", "2025-01-08", **count),
        row(14, "14 trains", "Trend", "2025-02-01", **count),
    )
    pairs = disagreements(figures)
    assert pairs[["a_stated", "b_stated"]].values.tolist() == [["11 container trains", "14 trains"]]


def test_a_value_repeated_by_many_articles_is_one_side_of_one_pair():
    repeated = [row(1.84e6, "1.84 Mt", f"Outlet {n}", f"2023-01-{n:02d}", period="2022") for n in range(1, 21)]
    figures = frame(*repeated, row(1.084e6, "1 million 84 thousand tons", "Kazinform", "2023-02-01", period="2022"))
    pairs = disagreements(figures)
    assert len(pairs) == 1
    pair = pairs.iloc[0]
    assert (pair["a_statements"], pair["b_statements"]) == (1, 20)
    assert (pair["b_source"], pair["b_date"]) == ("Outlet 20", "2023-01-20")  # the newest of the higher side
    assert figures_table(figures)["disagrees"].all()
