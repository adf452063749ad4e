"""CSV that a spreadsheet opens as data, never as formulas (OWASP's CSV injection rule).

Page text (titles, site names, excerpts) is untrusted: a cell starting with `=`, `+`, `-`, `@`, a tab
or a carriage return is run by Excel and LibreOffice as a formula (`=HYPERLINK(...)`). Such text cells
get a leading apostrophe, which spreadsheets show as text; numbers, and text that is a plain number
("-0.1%"), are left as they are.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the command line's CSV needs no pandas
    import pandas as pd

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?\d[\d,]*(\.\d+)?%?")


def safe_cell(value):
    """`value`, or the text with an apostrophe in front when a spreadsheet would run it."""
    if isinstance(value, str) and value.startswith(FORMULA_START) and not _PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


def frame_csv(frame: pd.DataFrame) -> str:
    """The frame as CSV text with every text cell made safe (the app's downloads and the briefing)."""
    safe = frame.copy()
    for column in safe.columns:
        if safe[column].dtype.kind not in "biufc":  # numbers cannot start a formula
            safe[column] = safe[column].map(safe_cell)
    safe.columns = [safe_cell(str(c)) for c in safe.columns]
    return safe.to_csv(index=False)
