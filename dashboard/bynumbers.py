"""By the numbers: the figures the press states about a feature, as the card, its CSV and the deck's
slide show them. Pure functions on the figures frame (one row per stated figure with its citation:
the columns of `figurestore.FigureRow`); `analysis` re-exports them, the one place numbers come from.

- `figure_label`: a value in its base unit as words a reader can check against the text ("63.5
  million t per year", "11–38 days", "more than 1 million TEU").
- `disagreements`: two statements from different articles about the same feature, measure, period,
  unit and per whose values are more than 5% apart (the higher above the lower by more than 5%; a
  range or a bound counts as the interval it states, so "more than 2 Mt" agrees with 2.7 Mt, and
  2.7 with 2.8 Mt). Statements without a period are never compared: "1.8 Mt" and "2.7 Mt" may be
  different years. Counts are compared only when they count the same thing ("11 container trains"
  and "27,000 containers" are both `count`, and do not disagree). `other` figures are never compared:
  they are changes ("cut by 0.5 Mt", "up 18%") and unlike things, not levels of one quantity.
- `latest_figures`: per measure (and unit and per), the newest statement, undated ones last.
"""

from __future__ import annotations

import math
import re

import pandas as pd

from .dates import UNDATED
from .stated import MEASURES

TOLERANCE = 0.05
GROUP = ["feature_id", "measure", "unit", "per"]
_SCALES = ((1e9, "billion"), (1e6, "million"), (1e3, "thousand"))
_UNIT_WORDS = {"pct": "%", "count": ""}
_PER_WORDS = {"year": " per year", "month": " per month", "day": " per day", "none": ""}
_BOUND_WORDS = {"about": "about ", "at_least": "more than ", "at_most": "up to "}
PAIR_SIDES = ["figure", "stated", "source", "date", "title", "excerpt", "article_id", "url"]
_LABEL = ["value", "value_high", "bound", "unit", "per"]
_LAST_WORD = re.compile(r"(\w+)\W*$")


def counted_thing(stated: str) -> str:
    """What a count counts, from its stated words: the last word, lower case, an English plural folded
    ("11 container trains" -> "train", "three berths" -> "berth", "8 станций" -> "станций")."""
    found = _LAST_WORD.search(str(stated))
    word = found.group(1).lower() if found else ""
    return word[:-1] if word.endswith("s") and word.isascii() and len(word) > 3 else word


def scale(value: float) -> tuple[float, str]:
    """The divisor and word a value reads best with ("million"), or (1, "") under ten thousand."""
    for divisor, word in _SCALES:
        if abs(value) >= divisor * (10 if divisor == 1e3 else 1):
            return divisor, word
    return 1.0, ""


def _number(value: float, divisor: float) -> str:
    shown = value / divisor
    text = f"{shown:,.2f}".rstrip("0").rstrip(".") if abs(shown) < 1000 else f"{shown:,.0f}"
    return text


def unit_words(unit: str, per: str, word: str = "") -> str:
    """ "million t per year": the words after the number."""
    name = _UNIT_WORDS.get(unit, unit)
    words = " ".join(w for w in (word, name) if w)
    return words + _PER_WORDS.get(per or "none", "")


def figure_label(value: float, value_high: float | None, bound: str, unit: str, per: str) -> str:
    """The figure in words, in the base unit, scaled by its size."""
    ranged = bound == "range" and not _missing(value_high)
    divisor, word = scale(max(abs(value), abs(value_high)) if ranged else abs(value))
    number = _number(value, divisor)
    if ranged:
        number += "\u2013" + _number(value_high, divisor)
    after = unit_words(unit, per, word)
    joined = number + after if unit == "pct" and not word else f"{number} {after}".rstrip()
    return _BOUND_WORDS.get(bound, "") + joined


def _interval(value: float, value_high, bound: str) -> tuple[float, float]:
    if bound == "range" and value_high is not None and not _missing(value_high):
        return min(value, value_high), max(value, value_high)
    if bound == "at_least":
        return value, math.inf
    if bound == "at_most":
        return -math.inf if value < 0 else 0.0, value
    return value, value


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def apart(a: tuple[float, float], b: tuple[float, float]) -> float:
    """How far the higher interval lies above the lower, as a share of the lower's top (0 when they
    overlap)."""
    low, high = (a, b) if a[1] <= b[1] else (b, a)
    gap = high[0] - low[1]
    if gap <= 0:
        return 0.0
    return math.inf if low[1] == 0 else gap / abs(low[1])


def figures_table(frame: pd.DataFrame) -> pd.DataFrame:
    """The card's table and CSV: one row per statement, by measure (volume, capacity, …) then newest
    first, with the figure in words and whether it disagrees with another statement."""
    if frame.empty:
        return pd.DataFrame(columns=["date", "measure", "figure", "period", "stated", "source", "disagrees", "title"])
    rows = frame.reset_index(drop=True)
    flagged = {n for _, lower, higher in _disagreeing(rows, TOLERANCE) for n in lower + higher}
    table = pd.DataFrame(
        {
            "date": rows["date"].fillna(UNDATED),
            "measure": rows["measure"],
            "figure": _labels(rows),
            "period": rows["period"].fillna(""),
            "stated": rows["stated"],
            "source": rows["source"],
            "disagrees": [n in flagged for n in rows.index],
            "title": rows["title"],
            "excerpt": rows["excerpt"],
            "url": rows["url"].fillna(""),
            "article_id": rows["article_id"],
            "value": rows["value"],
            "value_high": rows["value_high"],
            "bound": rows["bound"],
            "unit": rows["unit"],
            "per": rows["per"],
            "feature_id": rows["feature_id"],
        }
    )
    order = table.assign(_rank=_measure_rank(rows["measure"]), _order=rows["date"].fillna(""))
    order = order.sort_values(["_rank", "measure", "_order"], ascending=[True, True, False], kind="stable")
    return order.drop(columns=["_rank", "_order"])


def disagreements(frame: pd.DataFrame, tolerance: float = TOLERANCE) -> pd.DataFrame:
    """Pairs of values more than `tolerance` apart stated about the same feature, measure, period,
    unit and per, from different articles; the lower first, the widest gaps first. Each pair of
    distinct values is one row, cited by the newest statement of each (`a_row`/`b_row`: positions in
    `frame`), with how many statements give each (`a_statements`, `b_statements`): a value repeated
    by a thousand articles is one side of a pair, not a thousand pairs."""
    columns = [*GROUP, "period", "apart_pct", "a_row", "b_row", "a_statements", "b_statements"]
    columns += [f"{side}_{c}" for side in "ab" for c in PAIR_SIDES]
    pairs = [_pair_row(frame, *found) for found in _disagreeing(frame, tolerance)]
    table = pd.DataFrame(pairs, columns=columns)
    return table.sort_values(["apart_pct", "a_date"], ascending=[False, False], kind="stable", ignore_index=True)


def _disagreeing(frame: pd.DataFrame, tolerance: float) -> list[tuple[float, list[int], list[int]]]:
    """(gap, rows of the lower value, rows of the higher value) for each pair of distinct values of a
    group more than `tolerance` apart; rows newest first, positions in `frame`."""
    rows = frame.reset_index(drop=True)
    rows = rows[rows["period"].notna() & (rows["period"].astype(str) != "") & (rows["measure"] != "other")]
    # One article stating the same figure twice (or read twice) is one statement.
    rows = rows.drop_duplicates([*GROUP, "period", "article_id", "value", "value_high", "bound"])
    rows = rows.assign(_order=rows["date"].fillna("")).sort_values("_order", ascending=False, kind="stable")
    pairs = zip(rows["unit"], rows["stated"], strict=True)
    rows = rows.assign(_counted=[counted_thing(stated) if unit == "count" else "" for unit, stated in pairs])
    found = []
    for _, group in rows.groupby([*GROUP, "period", "_counted"], sort=True, dropna=False):
        values: dict[tuple[float, float], list[int]] = {}
        for n, r in zip(group.index, group.itertuples(), strict=True):
            values.setdefault(_interval(r.value, r.value_high, r.bound), []).append(n)
        ordered = sorted(values, key=lambda interval: (interval[0], interval[1]))
        for i, low in enumerate(ordered):
            for high in ordered[i + 1 :]:
                gap = apart(low, high)
                articles = set(rows.loc[values[low] + values[high], "article_id"])
                if gap > tolerance and len(articles) > 1:
                    found.append((gap, values[low], values[high]))
    return found


def _pair_row(frame: pd.DataFrame, gap: float, lower: list[int], higher: list[int]) -> dict:
    """One disagreement: the newest statement of each side, from two different articles."""
    rows = frame.reset_index(drop=True)
    a = rows.loc[lower[0]]
    b_at = next((n for n in higher if rows.at[n, "article_id"] != a["article_id"]), None)
    if b_at is None:  # the newest lower statement shares its article with every higher one
        a = rows.loc[next(n for n in lower if rows.at[n, "article_id"] != rows.at[higher[0], "article_id"])]
        b_at = higher[0]
    b = rows.loc[b_at]
    row = {c: a[c] for c in GROUP} | {"period": a["period"], "apart_pct": round(gap * 100, 1)}
    row |= {"a_row": a.name, "b_row": b.name, "a_statements": len(lower), "b_statements": len(higher)}
    for side, r in (("a", a), ("b", b)):
        row[f"{side}_figure"] = figure_label(*(r[c] for c in _LABEL))
        row |= {f"{side}_{c}": r[c] for c in PAIR_SIDES if c != "figure"}
    return row


def latest_figures(frame: pd.DataFrame) -> pd.DataFrame:
    """Per measure, unit and per: the newest statement (undated ones only when nothing is dated),
    with its figure in words; measures in the order of `stated.MEASURES` (volume, capacity, …)."""
    if frame.empty:
        return pd.DataFrame(columns=["measure", "figure", "period", "stated", "source", "date", "title"])
    rows = frame.assign(_order=frame["date"].fillna(""), figure=_labels(frame), period=frame["period"].fillna(""))
    rows = rows.sort_values(["_order", "article_id"], ascending=[False, True], kind="stable")
    latest = rows.drop_duplicates(["measure", "unit", "per"])
    latest = latest.assign(_rank=_measure_rank(latest["measure"])).sort_values(["_rank", "unit"], kind="stable")
    return latest[["measure", "figure", "period", "stated", "source", "date", "title", "unit", "per"]].reset_index(
        drop=True
    )


def also_stated(count: int) -> str:
    """ " (and 19 more statements)": how many others give the same value, or nothing."""
    more = int(count) - 1
    return f" (and {more} more statement{'s' * (more != 1)})" if more > 0 else ""


def _measure_rank(measures: pd.Series) -> pd.Series:
    """Measures in the order of `stated.MEASURES` (volume, capacity, …), unknown ones last."""
    rank = {name: n for n, name in enumerate(MEASURES)}
    return measures.map(lambda m: rank.get(m, len(rank)))


def _labels(frame: pd.DataFrame) -> list[str]:
    return [figure_label(*r) for r in zip(*(frame[c] for c in _LABEL), strict=True)]
