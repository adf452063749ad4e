"""Currency numbers, computed once for the app, the CLI and the deck.

The Times of Central Asia ticker prints US dollars per unit of local currency, rounded (UZS/USD =
0.00008: one significant digit) and with its own percentage change. Analysts read local currency per
dollar, so every figure here is turned round from the ticker's value:

- per USD: 1 / the ticker's value, shown with the ticker's significant digits but never fewer than
  three, because rounding the inverse further distorts it (1 / 0.00008 = 12,500; to one digit it
  would read 10,000, 20% off). The range the ticker's rounding allows (0.000075-0.000085 gives
  11,765-13,333) goes with it, and is spelled out where it is wider than RANGE_SHOWN_ABOVE.
- the ticker's change, turned into the change of local currency per dollar (the ticker's TJS/USD
  -0.09% is TJS per USD +0.09%: ▲), so an arrow points the way of the column it sits in;
- the change since the previous snapshot (a listing page of an earlier date) of local currency per
  dollar, which the ticker's own change does not show (KZT 510 then 498: ▼ 2.5%).
"""

from __future__ import annotations

import math

import pandas as pd

from .perusd import per_usd

RANGE_SHOWN_ABOVE = 0.01  # show the range when the ticker's rounding leaves more than ±1% of doubt
SNAPSHOT_COLUMNS = [
    "pair",
    "currency",
    "as_of",
    "rate_text",
    "per_usd",
    "per_usd_low",
    "per_usd_high",
    "per_usd_text",
    "ticker_change_pct",
    "previous_as_of",
    "previous_per_usd",
    "change_since_previous_pct",
    "file",
    "line",
]


def range_matters(value: float, low: float, high: float) -> bool:
    return value > 0 and (high - low) / 2 / value > RANGE_SHOWN_ABOVE


def per_usd_text(value: float, low: float, high: float, digits: int) -> str:
    """ "12,500 (11,765–13,333)" where the rounding leaves real doubt, else "510"."""
    text = _number(value, digits)
    if range_matters(value, low, high):
        text += f" ({_number(low, digits + 2)}–{_number(high, digits + 2)})"
    return text


def _number(value: float, digits: int) -> str:
    if not math.isfinite(value):
        return "∞"
    if value >= 10 ** (digits - 1):
        return f"{value:,.0f}"
    decimals = digits - 1 - math.floor(math.log10(abs(value)))
    return f"{value:,.{decimals}f}"


def inverse_change_pct(ticker_change_pct: float | None) -> float | None:
    """The ticker's change of USD per unit as the change of local currency per dollar, in %."""
    if ticker_change_pct is None or pd.isna(ticker_change_pct) or ticker_change_pct <= -100:
        return None
    return 0.0 if ticker_change_pct == 0 else (100 / (100 + ticker_change_pct) - 1) * 100


def change_text(pct: float | None, decimals: int = 2) -> str:
    """ "▲ 0.09%", "▼ 2.5%", "— 0%" (no change visible at this precision) or "n/a"."""
    if pct is None or pd.isna(pct):
        return "n/a"
    shown = round(abs(pct), decimals)
    if shown == 0:
        return "— 0%"
    return f"{'▲' if pct > 0 else '▼'} {shown:g}%"


def since_previous_text(change_pct: float | None, previous_as_of: str | None) -> str:
    """ "▼ 2.5% since 2025-05-16", or "no earlier snapshot"."""
    if previous_as_of is None or pd.isna(previous_as_of):
        return "no earlier snapshot"
    return f"{change_text(change_pct, decimals=1)} since {previous_as_of}"


def rate_history(rates: pd.DataFrame) -> pd.DataFrame:
    """One row per pair and ticker date (the last one read of that date), oldest first, with local
    currency per dollar, its range and text, the ticker's change turned round, and the change since the
    pair's previous dated snapshot. Undated snapshots come after the dated ones of their pair and have
    no previous snapshot."""
    if rates.empty:
        return pd.DataFrame(columns=SNAPSHOT_COLUMNS)
    rows = rates.sort_values(["pair", "as_of", "file", "line"], na_position="last")
    rows = rows.drop_duplicates(["pair", "as_of"], keep="last")
    # Tickers repeat: each distinct (rate, text) is turned round once (100,000 rows at 20,000 pages).
    distinct = {key: per_usd(*key) for key in set(zip(rows["rate"], rows["rate_text"], strict=True))}
    inverse = [distinct[key] for key in zip(rows["rate"], rows["rate_text"], strict=True)]
    rows = rows.assign(
        currency=rows["pair"].str.split("/").str[0],
        per_usd=[v[0] for v in inverse],
        per_usd_low=[v[1] for v in inverse],
        per_usd_high=[v[2] for v in inverse],
        per_usd_text=[per_usd_text(*v) for v in inverse],
        ticker_change_pct=[inverse_change_pct(c) for c in rows["change_pct"]],
        exact=1 / rows["rate"],
    )
    previous = rows[rows["as_of"].notna()].groupby("pair")[["as_of", "exact", "per_usd"]].shift(1)
    rows["previous_as_of"] = previous["as_of"]
    rows["previous_per_usd"] = previous["per_usd"]
    rows["change_since_previous_pct"] = (rows["exact"] / previous["exact"] - 1) * 100
    return rows[SNAPSHOT_COLUMNS].reset_index(drop=True)


def latest_rates(rates: pd.DataFrame, history: pd.DataFrame | None = None) -> pd.DataFrame:
    """The newest snapshot of each pair (the newest dated one; an undated one only if the pair has no
    other), by pair. `history`: `rate_history(rates)`, when already computed."""
    snapshots = rate_history(rates) if history is None else history
    if snapshots.empty:
        return snapshots
    dated = snapshots[snapshots["as_of"].notna()]
    undated_only = snapshots[~snapshots["pair"].isin(dated["pair"])]
    newest = pd.concat([dated.groupby("pair").tail(1), undated_only.groupby("pair").tail(1)])
    return newest.sort_values("pair", ignore_index=True)
