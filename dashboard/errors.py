"""Problems found in user data, and the one error type the user ever sees.

Bad input never raises out of a loader: each loader returns what it could read plus a list of
`Problem`s. `DashboardError` is for the cases where nothing sensible can be done (a missing folder, a
broken index); the CLI and the app turn it into a message in one place each.
"""

from __future__ import annotations

from dataclasses import dataclass


class DashboardError(Exception):
    """An error whose message is written for the user, not the developer."""


@dataclass(frozen=True)
class Problem:
    """Something wrong with one file (and maybe one line or feature), said for a person to fix."""

    file: str
    message: str
    line: int | None = None
    severity: str = "error"  # "error": part of the data could not be used; "warning": used with care

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"{where}: {self.message}"
