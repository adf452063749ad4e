"""By the numbers: the figures the press states about a feature, as the card, its CSV and the deck's
slide show them. Pure functions on the figures frame (one row per stated figure with its citation:
the columns of `figurestore.FigureRow`); `analysis` re-exports them, the one place numbers come from.

- `figure_label`: a value in its base unit as words a reader can check against the text ("63.5
  million t per year", "11–38 days", "more than 1 million TEU").
- `disagreements`: two statements from different articles about the same feature, measure, period,
  unit and per whose values are more than 5% apart (the higher above the lower by more than 5%; a
  range or a bound counts as the interval it states, so "more than 2 Mt" agrees with 2.7 Mt, and
  2.7 with 2.8 Mt). Statements without a period are never compared: "1.8 Mt" and "2.7 Mt" may be
  different years.
- `latest_figures`: per measure (and unit and per), the newest statement, undated ones last.
"""

from __future__ import annotations

import math

import pandas as pd

from .dates import UNDATED
from .figures import MEASURES

TOLERANCE = 0.05
GROUP = ["feature_id", "measure", "unit", "per"]
_SCALES = ((1e9, "billion"), (1e6, "million"), (1e3, "thousand"))
_UNIT_WORDS = {"pct": "%", "count": ""}
_PER_WORDS = {"year": " per year", "month": " per month", "day": " per day", "none": ""}
_BOUND_WORDS = {"about": "about ", "at_least": "more than ", "at_most": "up to "}
PAIR_SIDES = ["figure", "stated", "source", "date", "title", "excerpt", "article_id", "url"]
_LABEL = ["value", "value_high", "bound", "unit", "per"]


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
    flagged = set(disagreements(rows)[["a_row", "b_row"]].to_numpy().ravel().tolist())
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
    """Pairs of statements more than `tolerance` apart about the same feature, measure, period, unit
    and per, from different articles; the lower first, the widest gaps first. `a_row`/`b_row` are
    the statements' positions in `frame`."""
    columns = [*GROUP, "period", "apart_pct", "a_row", "b_row"]
    columns += [f"{side}_{c}" for side in "ab" for c in PAIR_SIDES]
    pairs = []
    dated = frame.reset_index(drop=True)
    dated = dated[dated["period"].notna() & (dated["period"].astype(str) != "")]
    # One article stating the same figure twice (or read twice) is one statement.
    dated = dated.drop_duplicates([*GROUP, "period", "article_id", "value", "value_high", "bound"])
    for _, group in dated.groupby([*GROUP, "period"], sort=True, dropna=False):
        statements = [
            (n, _interval(r.value, r.value_high, r.bound), r)
            for n, r in zip(group.index, group.itertuples(), strict=True)
        ]
        for i, (n, first, a) in enumerate(statements):
            for m, second, b in statements[i + 1 :]:
                gap = apart(first, second)
                if a.article_id == b.article_id or gap <= tolerance:
                    continue
                (ln, low), (hn, high) = sorted([(n, a), (m, b)], key=lambda x: (x[1].value, x[1].article_id))
                row = {c: getattr(low, c) for c in GROUP} | {"period": low.period, "apart_pct": round(gap * 100, 1)}
                row |= {"a_row": ln, "b_row": hn}
                for side, r in (("a", low), ("b", high)):
                    row[f"{side}_figure"] = figure_label(r.value, r.value_high, r.bound, r.unit, r.per)
                    row |= {f"{side}_{c}": getattr(r, c) for c in PAIR_SIDES if c != "figure"}
                pairs.append(row)
    table = pd.DataFrame(pairs, columns=columns)
    return table.sort_values(["apart_pct", "a_date"], ascending=[False, False], kind="stable", ignore_index=True)


def latest_figures(frame: pd.DataFrame) -> pd.DataFrame:
    """Per measure, unit and per: the newest statement (undated ones only when nothing is dated),
    with its figure in words; measures in the order of `figures.MEASURES` (volume, capacity, …)."""
    if frame.empty:
        return pd.DataFrame(columns=["measure", "figure", "period", "stated", "source", "date", "title"])
    rows = frame.assign(_order=frame["date"].fillna(""), figure=_labels(frame), period=frame["period"].fillna(""))
    rows = rows.sort_values(["_order", "article_id"], ascending=[False, True], kind="stable")
    latest = rows.drop_duplicates(["measure", "unit", "per"])
    latest = latest.assign(_rank=_measure_rank(latest["measure"])).sort_values(["_rank", "unit"], kind="stable")
    return latest[["measure", "figure", "period", "stated", "source", "date", "title", "unit", "per"]].reset_index(
        drop=True
    )


def _measure_rank(measures: pd.Series) -> pd.Series:
    """Measures in the order of `figures.MEASURES` (volume, capacity, …), unknown ones last."""
    rank = {name: n for n, name in enumerate(MEASURES)}
    return measures.map(lambda m: rank.get(m, len(rank)))


def _labels(frame: pd.DataFrame) -> list[str]:
    return [figure_label(*r) for r in zip(*(frame[c] for c in _LABEL), strict=True)]
