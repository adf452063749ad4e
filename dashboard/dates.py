"""Dates as the pages write them (`16 May 2025`, `June 15, 2023, the CACI Analyst`, `2025-05-16`)."""

from __future__ import annotations

import re
from datetime import date

MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
DAY_MONTH_YEAR = re.compile(rf"^(?P<day>\d{{1,2}}) {_MONTH},? (?P<year>\d{{4}})$")
MONTH_DAY_YEAR = re.compile(rf"^{_MONTH} (?P<day>\d{{1,2}}),? (?P<year>\d{{4}})(?P<rest>,.*)?$")
ISO_DATE = re.compile(r"^(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})$")


def parse_date(line: str) -> str | None:
    """ISO date of a line that is only a date (`16 May 2025`, `June 15, 2023, the CACI Analyst`)."""
    line = line.strip()
    for pattern in (DAY_MONTH_YEAR, MONTH_DAY_YEAR, ISO_DATE):
        match = pattern.match(line)
        if not match:
            continue
        month = match["month"]
        month_number = int(month) if month.isdigit() else MONTHS.get(month.lower())
        if month_number is None:
            return None
        try:
            return date(int(match["year"]), month_number, int(match["day"])).isoformat()
        except ValueError:
            return None
    return None


def find_date(text: str) -> str | None:
    """The first date written inside a longer line (`Publication: Eurasia Daily Monitor Volume 22, May 16, 2025`)."""
    match = re.search(r"([A-Z][a-z]{2,8}\.? \d{1,2}, \d{4})|(\d{1,2} [A-Z][a-z]{2,8} \d{4})", text)
    return parse_date(match.group(0)) if match else None
