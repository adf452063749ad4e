"""Dates as the pages write them (`16 May 2025`, `June 15, 2023, the CACI Analyst`, `March 30th,
2016`, `2025-05-16`, `28 июня 2022`).

The patterns decide what a date line is; the day is built from its written parts. dateutil alone
would not do: it accepts part of a date and fills in the rest from today (`June` -> this year's 2
June), its fuzzy mode finds dates in headlines (`May 2025 review`), and it reads year `0001` as 2001.
"""

from __future__ import annotations

import re
from datetime import date

from dateutil import parser as dateutil_parser

RUSSIAN_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("января", "январь"),
            ("февраля", "февраль"),
            ("марта", "март"),
            ("апреля", "апрель"),
            ("мая", "май"),
            ("июня", "июнь"),
            ("июля", "июль"),
            ("августа", "август"),
            ("сентября", "сентябрь"),
            ("октября", "октябрь"),
            ("ноября", "ноябрь"),
            ("декабря", "декабрь"),
        ),
        1,
    )
    for name in names
}
_MONTH = r"(?P<month>[A-Za-z]{3,9}|[А-Яа-яЁё]{3,8})\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
DAY_MONTH_YEAR = re.compile(rf"^{_DAY} {_MONTH},? (?P<year>\d{{4}})(?: г\.?| года)?$")
MONTH_DAY_YEAR = re.compile(rf"^{_MONTH} {_DAY},? (?P<year>\d{{4}})(?P<rest>,.*)?$")
ISO_DATE = re.compile(r"^(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})$")
UNDATED = "undated"  # the label of an article (or rate) with no date, wherever one is shown or counted
_MONTH_NAMES = dateutil_parser.parserinfo()  # "Mon 12, 2025" is a weekday, not a month
# Years a page's date can have: the frames' timestamps end at 1677 and 2262, and an older or later
# year on a news page is a typo (a command-line option may still say 0001-01-01).
PAGE_YEARS = range(1800, 2200)


def parse_date(line: str) -> str | None:
    """ISO date of a line that is only a date, or None (also for a day that does not exist)."""
    match = _date_match(line)
    if match is None:
        return None
    try:
        return date(int(match["year"]), _month_number(match["month"]), int(match["day"])).isoformat()
    except ValueError:  # "31 February", year 0
        return None


def page_date(line: str) -> tuple[str | None, str]:
    """A page's date line: its ISO date, or None and why ("is not a real date", or a year out of range)."""
    parsed = parse_date(line)
    if parsed is None:
        return None, "is not a real date"
    if int(parsed[:4]) not in PAGE_YEARS:
        return None, f"is outside the years {PAGE_YEARS.start}\u2013{PAGE_YEARS.stop - 1}"
    return parsed, ""


def _date_match(line: str) -> re.Match | None:
    line = line.strip()
    for pattern in (DAY_MONTH_YEAR, MONTH_DAY_YEAR, ISO_DATE):
        match = pattern.match(line)
        if match and _month_number(match["month"]) is not None:
            return match
    return None


def _month_number(month: str) -> int | None:
    if month.isdigit():
        return int(month)
    return _MONTH_NAMES.month(month) or RUSSIAN_MONTHS.get(month.lower())


def find_date(text: str) -> str | None:
    """The first date written inside a longer line (`Publication: Eurasia Daily Monitor Volume 22, May 16, 2025`)."""
    match = re.search(r"([A-Z][a-z]{2,8}\.? \d{1,2}, \d{4})|(\d{1,2} [A-Z][a-z]{2,8} \d{4})", text)
    return page_date(match.group(0))[0] if match else None
