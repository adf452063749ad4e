"""Dates as the pages write them (`16 May 2025`, `June 15, 2023, the CACI Analyst`, `2025-05-16`).

The patterns decide what a date line is; dateutil reads the day. dateutil alone would not do: it
accepts part of a date and fills in the rest from today (`June` -> this year's 2 June), and its fuzzy
mode finds dates in headlines (`May 2025 review`).
"""

from __future__ import annotations

import re
from datetime import date, datetime

from dateutil import parser as dateutil_parser

_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
DAY_MONTH_YEAR = re.compile(rf"^(?P<day>\d{{1,2}}) {_MONTH},? (?P<year>\d{{4}})$")
MONTH_DAY_YEAR = re.compile(rf"^{_MONTH} (?P<day>\d{{1,2}}),? (?P<year>\d{{4}})(?P<rest>,.*)?$")
ISO_DATE = re.compile(r"^(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})$")
_NO_DEFAULT = datetime(1, 1, 1)
UNDATED = "undated"  # the label of an article (or rate) with no date, wherever one is shown or counted
_MONTH_NAMES = dateutil_parser.parserinfo()  # "Mon 12, 2025" is a weekday, not a month


def parse_date(line: str) -> str | None:
    """ISO date of a line that is only a date, or None (also for a day that does not exist)."""
    line = line.strip()
    for pattern in (DAY_MONTH_YEAR, MONTH_DAY_YEAR, ISO_DATE):
        match = pattern.match(line)
        if match and pattern is ISO_DATE:
            try:  # dateutil would read the year 0001 as 2001
                return date.fromisoformat(line).isoformat()
            except ValueError:
                return None
        if match and (match["month"].isdigit() or _MONTH_NAMES.month(match["month"]) is not None):
            written = line[: match.start("rest")] if "rest" in pattern.groupindex and match["rest"] else line
            try:
                return dateutil_parser.parse(written, default=_NO_DEFAULT).date().isoformat()
            except (ValueError, OverflowError):  # ParserError is a ValueError: "31 February"
                return None
    return None


def find_date(text: str) -> str | None:
    """The first date written inside a longer line (`Publication: Eurasia Daily Monitor Volume 22, May 16, 2025`)."""
    match = re.search(r"([A-Z][a-z]{2,8}\.? \d{1,2}, \d{4})|(\d{1,2} [A-Z][a-z]{2,8} \d{4})", text)
    return parse_date(match.group(0)) if match else None
