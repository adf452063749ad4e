"""The currency numbers the app, the CLI and the deck show, from small hand-made tickers."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.rates import change_text, latest_rates, per_usd, per_usd_text, rate_history, since_previous_text


def ticker(*rows) -> pd.DataFrame:
    """(pair, rate_text, change_pct, as_of[, file]) rows as the index stores them."""
    records = []
    for line, (pair, text, change, as_of, *file) in enumerate(rows, 1):
        records.append(
            {
                "pair": pair,
                "rate": float(text),
                "rate_text": text,
                "change_pct": change,
                "as_of": as_of,
                "file": file[0] if file else f"{as_of}.txt",
                "line": line,
            }
        )
    return pd.DataFrame(records)


def test_uzs_is_12500_per_usd_with_the_range_its_rounding_allows():
    value, low, high, digits = per_usd(0.00008, "0.00008")
    assert value == 12_500
    assert (round(low), round(high)) == (11_765, 13_333)  # 1/0.000085 and 1/0.000075
    assert per_usd_text(value, low, high, digits) == "12,500 (11,765–13,333)"


@pytest.mark.parametrize(
    ("text", "shown"),
    [("0.00196", "510"), ("0.00201", "498"), ("0.01144", "87.41"), ("0.09650", "10.36"), ("0.28575", "3.4996")],
)
def test_precise_tickers_show_their_digits_and_no_range(text, shown):
    value, low, high, digits = per_usd(float(text), text)
    assert per_usd_text(value, low, high, digits) == shown
    assert low <= 1 / float(text) <= high


def test_the_ticker_change_points_the_way_of_the_per_usd_column():
    history = rate_history(
        ticker(("TJS/USD", "0.10567", -0.09, "2026-02-23"), ("KGS/USD", "0.01156", 0.33, "2026-02-23"))
    )
    tjs = history[history["pair"] == "TJS/USD"].iloc[0]
    kgs = history[history["pair"] == "KGS/USD"].iloc[0]
    assert change_text(tjs["ticker_change_pct"]) == "▲ 0.09%"  # USD per TJS fell, so TJS per USD rose
    assert change_text(kgs["ticker_change_pct"]) == "▼ 0.33%"
    assert change_text(0.0) == "— 0%" and change_text(None) == "n/a"


def test_the_change_since_the_previous_snapshot_sits_beside_the_tickers_own():
    rates = ticker(
        ("KZT/USD", "0.00199", 0.0, "2025-03-29"),
        ("KZT/USD", "0.00196", 0.0, "2025-05-16"),
        ("KZT/USD", "0.00201", 0.0, "2026-02-23"),
        ("UZS/USD", "0.00008", 0.0, "2025-05-16"),
        ("UZS/USD", "0.00008", 0.0, "2026-02-23"),
    )
    latest = latest_rates(rates).set_index("pair")
    kzt = latest.loc["KZT/USD"]
    assert (kzt["as_of"], kzt["per_usd"], kzt["previous_as_of"], kzt["previous_per_usd"]) == (
        "2026-02-23",
        498,
        "2025-05-16",
        510,
    )
    assert change_text(kzt["ticker_change_pct"]) == "— 0%"  # the ticker says 0% ...
    assert since_previous_text(kzt["change_since_previous_pct"], kzt["previous_as_of"]) == "▼ 2.5% since 2025-05-16"
    uzs = latest.loc["UZS/USD"]
    assert since_previous_text(uzs["change_since_previous_pct"], uzs["previous_as_of"]) == "— 0% since 2025-05-16"


def test_one_row_per_pair_and_date_and_undated_never_newest():
    rates = ticker(
        ("KZT/USD", "0.00196", 0.0, "2025-05-16", "a.txt"),
        ("KZT/USD", "0.00197", 0.0, "2025-05-16", "b.txt"),  # a second page of the same day: the last read
        ("KZT/USD", "0.00300", 0.0, None, "undated.txt"),
        ("TMT/USD", "0.28571", 0.0, None, "undated.txt"),
    )
    history = rate_history(rates)
    kzt = history[history["pair"] == "KZT/USD"]
    assert kzt["as_of"].tolist()[:1] == ["2025-05-16"] and len(kzt) == 2
    assert kzt.iloc[0]["file"] == "b.txt"
    latest = latest_rates(rates).set_index("pair")
    assert latest.loc["KZT/USD", "as_of"] == "2025-05-16"  # not the undated page
    assert pd.isna(latest.loc["TMT/USD", "as_of"])  # undated, but the only one it has
    assert since_previous_text(None, latest.loc["TMT/USD", "previous_as_of"]) == "no earlier snapshot"


def test_no_rates_give_empty_frames():
    empty = ticker()
    assert rate_history(empty).empty and latest_rates(empty).empty
