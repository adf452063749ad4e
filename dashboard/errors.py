"""Problems found in user data, and the one error type the user ever sees.

Bad input never raises out of a loader: each loader returns what it could read plus a list of
`Problem`s. `DashboardError` is for the cases where nothing sensible can be done (a missing folder, a
broken index); the CLI and the app turn it into a message in one place each.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass


class DashboardError(Exception):
    """An error whose message is written for the user, not the developer."""


@dataclass(frozen=True)
class Problem:
    """Something wrong with one file (and maybe one line or feature), said for a person to fix."""

    file: str
    message: str
    line: int | None = None
    # "error": part of the data could not be used; "warning": used with care; "note": a routine fact
    # about how a file was read ("HTML article page", "decoded as cp1251"), nothing to act on.
    severity: str = "error"

    @property
    def is_note(self) -> bool:
        return self.severity == "note"

    def __str__(self) -> str:
        """One line, whatever the file name or message holds: control characters (a newline could
        forge a second problem line), bidi overrides and undecodable bytes are shown escaped."""
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"{printable(where)}: {printable(self.message)}"


def printable(text: str, controls_only: bool = False) -> str:
    """Text for a one-line message: control and format characters as escapes (`\\n`, `\\u202e`), bytes
    a file name could not be decoded with (surrogate escapes) as `\\xff`. `controls_only` leaves
    format characters (bidi, zero-width) for the display layer to neutralise."""
    if text.isprintable():
        return text
    out = []
    for char in text:
        code = ord(char)
        if 0xDC80 <= code <= 0xDCFF:
            out.append(f"\\x{code - 0xDC00:02x}")
        elif char.isprintable() or char == " " or (controls_only and unicodedata.category(char) != "Cc"):
            out.append(char)
        else:
            out.append(char.encode("unicode_escape").decode("ascii") if code < 0x10000 else f"\\U{code:08x}")
    return "".join(out)
