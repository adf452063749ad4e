"""The period a figure refers to, as the sentence states it: "in 2024", "in the first half of 2024",
"Q3 2024", "January-September 2025", "в октябре 2026 года", "last year" (from the article's date).
Written `2024`, `2024-H1`, `2024-Q3`, `2026-10`, `2025-01..2025-09`."""

from __future__ import annotations

import calendar
import datetime
import functools
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .quantities import Quantity

# Where one clause of a sentence ends and another begins: a period stated in another clause is not the figure's.
CLAUSE = re.compile(r"[;:]|,\s(?:while|whereas|but|and)\s|\s(?:while|whereas)\s")
MONTHS = {
    **{
        m: i
        for i, m in enumerate(
            "january february march april may june july august september october november december".split(), 1
        )
    },
    **{m: i for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)},
    **{m: i for i, m in enumerate("январ феврал март апрел ма июн июл август сентябр октябр ноябр декабр".split(), 1)},
}
_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}
_ORDINALS.update({"перв": 1, "втор": 2, "трет": 3, "четверт": 4})
_NUMBER_MONTHS = {"three": 3, "six": 6, "nine": 9, "eleven": 11, "трех": 3, "трёх": 3, "шести": 6, "девяти": 9}
_YEAR = r"((?:19[5-9]|20\d)\d)"
_MONTH_WORD = r"(jan\w*|feb\w*|mar\w*|apr\w*|may|jun\w*|jul\w*|aug\w*|sep\w*|oct\w*|nov\w*|dec\w*|январ\w*|феврал\w*|март\w*|апрел\w*|ма[йея]\w*|июн\w*|июл\w*|август\w*|сентябр\w*|октябр\w*|ноябр\w*|декабр\w*)"
_PERIODS = [
    # (pattern, how to build the period from its groups)
    (rf"\b(first|1st|second|2nd)\s+half\s+of\s+(?:the\s+year\s+)?{_YEAR}", "half"),
    (rf"\b(перв|втор)\w*\s+полугоди\w*\s+{_YEAR}", "half"),
    (rf"\b([12])H\s*{_YEAR}|\bH([12])\s*{_YEAR}", "half_short"),
    (rf"\b(first|1st|second|2nd|third|3rd|fourth|4th)\s+quarter\s+of\s+(?:the\s+year\s+)?{_YEAR}", "quarter"),
    (rf"\b(перв|втор|трет|четверт)\w*\s+квартал\w*\s+{_YEAR}", "quarter"),
    (rf"\bQ([1-4])\s*{_YEAR}", "quarter_short"),
    (rf"\b(?:first\s+)?(three|six|nine|eleven|\d{{1,2}})\s+months\s+of\s+(?:the\s+year\s+)?{_YEAR}", "months"),
    (rf"\b(трех|трёх|шести|девяти|\d{{1,2}})\s+месяц\w*\s+{_YEAR}", "months"),
    (rf"\b{_MONTH_WORD}\s*[-\u2013\u2014]\s*{_MONTH_WORD}\s+(?:of\s+)?{_YEAR}", "month_range"),
    (rf"\b{_MONTH_WORD}\s+(?:of\s+)?{_YEAR}", "month"),
    (rf"(?<![\d.,]){_YEAR}(?![\d]|[.,]\d)", "year"),
]
_RELATIVE_YEAR = re.compile(r"\b(last|this|past)\s+year\b|\b(прошл|эт)\w*\s+год\w*", re.IGNORECASE)
_PERIOD_RE = [(re.compile(p, re.IGNORECASE), how) for p, how in _PERIODS]
_ANY_YEAR = re.compile(_YEAR)


def period_of(sentence: str, q: Quantity, published: str | None = None) -> str | None:
    """The period nearest the quantity that the sentence states, as `2024`, `2024-H1`, `2024-Q3`,
    `2026-10` or `2025-01..2025-09`; "last year"/"this year" from the article's date."""
    clause_start = max((m.end() for m in CLAUSE.finditer(sentence, 0, q.start)), default=0)
    after = CLAUSE.search(sentence, q.end)
    clause_end = after.start() if after else len(sentence)
    found = [
        (start, end, value)
        for start, end, value in _periods_stated(sentence)
        if clause_start <= start and end <= clause_end and not (start < q.end and q.start < end)  # not "2,025 t"
    ]
    if published and len(published) >= 4 and published[:4].isdigit():
        year = int(published[:4])
        for m in _RELATIVE_YEAR.finditer(sentence, clause_start, clause_end):
            word = (m.group(1) or m.group(2)).lower()
            found.append((m.start(), m.end(), str(year - 1 if word in ("last", "past", "прошл") else year)))
    if not found:
        return None
    return min(found, key=lambda f: max(f[0] - q.end, q.start - f[1], 0))[2]


@functools.lru_cache(maxsize=64)
def _periods_stated(sentence: str) -> tuple[tuple[int, int, str], ...]:
    """Every period a sentence states, the most specific where they overlap (worked out once a
    sentence: its figures each look for the nearest)."""
    years = [m.end() for m in _ANY_YEAR.finditer(sentence)]
    found: list[tuple[int, int, str]] = []
    for pattern, how in _PERIOD_RE if years else ():  # every period states a year: read only before each
        for m in (m for end in years for m in pattern.finditer(sentence, max(0, end - 60), end + 2) if m.end() == end):
            if any(s <= m.start() and m.end() <= e for s, e, _ in found):
                continue  # a year inside a period already found
            value = _period_value(how, [g for g in m.groups() if g is not None])
            if value:
                found.append((m.start(), m.end(), value))
    return tuple(found)


def _month(word: str) -> int | None:
    word = word.lower()
    for name, number in MONTHS.items():
        if word.startswith(name) and (len(name) > 2 or word in ("ма", "май", "мая", "мае")):
            return number
    return None


def _period_value(how: str, groups: list[str]) -> str | None:
    year = groups[-1]
    if how == "year":
        return year
    if how in ("half", "half_short"):
        first = groups[0].lower()
        return f"{year}-H{1 if first in ('first', '1st', 'перв', '1') else 2}"
    if how in ("quarter", "quarter_short"):
        first = groups[0].lower()
        return f"{year}-Q{_ORDINALS.get(first, first)}"
    if how == "months":
        word = groups[0].lower()
        count = int(word) if word.isdigit() else _NUMBER_MONTHS.get(word)
        return f"{year}-01..{year}-{count:02d}" if count and 1 <= count <= 12 else year
    if how == "month_range":
        first, last = _month(groups[0]), _month(groups[1])
        return f"{year}-{first:02d}..{year}-{last:02d}" if first and last and first < last else year
    if how == "month":
        month = _month(groups[0])
        return f"{year}-{month:02d}" if month else None
    return None


_EN_MONTH = (
    r"(january|february|march|april|(?-i:May)|june|july|august|september|october|november|december"
    r"|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?"
)
_RU_MONTH = (
    r"(январ[ьяе]|феврал[ьяе]|март[ае]?|апрел[ьяе]|ма[йяе]|июн[ьяе]|июл[ьяе]|август[ае]?|сентябр[ьяе]|"
    r"октябр[ьяе]|ноябр[ьяе]|декабр[ьяе])"
)
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?(?:\s*[-\u2013]\s*\d{1,2})?"
_OPT_YEAR = r"(?:,?\s+((?:19|20)\d\d))?"
_DAYS_NAMED = [  # (pattern, the day's group or None, the month's groups, the year's group)
    (re.compile(rf"\b{_DAY}\s+(?:of\s+)?(?:{_EN_MONTH}|{_RU_MONTH})(?!\w){_OPT_YEAR}", re.I), 1, (2, 3), 4),
    (re.compile(rf"\b{_EN_MONTH}\s+{_DAY}(?!\w){_OPT_YEAR}", re.I), 2, (1,), 3),
    (
        re.compile(
            rf"\b(?:in|the|last|в|во|конце|начале|середине)\s+(?:(?:early|mid|late)[\s\-]+)?(?:{_EN_MONTH}|{_RU_MONTH})(?!\w)"
            rf"{_OPT_YEAR}",
            re.I,
        ),
        None,
        (1, 2),
        3,
    ),
]


def days_named(text: str, today: datetime.date) -> list[tuple[datetime.date, int, bool]]:
    """(day, offset, whether its year is stated) of each day or month the text names ("on Nov. 29", "25
    ноября 2025 года", "в конце ноября"), read against `today` (the article's date): a month without a
    year is the latest one not after today, a month without a day its last day."""
    found = []
    for pattern, day_group, month_groups, year_group in _DAYS_NAMED:
        for m in pattern.finditer(text):
            month = next((_month(m.group(g)) for g in month_groups if m.group(g)), None)
            if not month:
                continue
            stated = m.group(year_group) is not None
            year = int(m.group(year_group)) if stated else today.year - (month > today.month)
            last = calendar.monthrange(year, month)[1]
            day = min(int(m.group(day_group)), last) if day_group and m.group(day_group) else last
            if day >= 1:
                found.append((datetime.date(year, month, day), m.start(), stated))
    return found
