"""The UI's one error boundary: nothing raised under it reaches the page as a traceback.

- a `DashboardError` (loading, the index, an image export) is one message on the page;
- `IndexChanged` (another process re-indexed since the page loaded) reloads the data and reruns;
- anything else is a bug: a short message and a reload button on the page, the traceback in the
  server log (`DASHBOARD_DEBUG=1` lets it through instead, as the command line does).
"""

from __future__ import annotations

import functools
import logging
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import streamlit as st

from ..errors import DashboardError
from ..indexfile import IndexChanged
from . import html as snippets
from .data import load_app_data

LOG = logging.getLogger("dashboard.ui")


@contextmanager
def user_errors(title: str | None = None) -> Iterator[None]:
    """Show what went wrong as an error box (under `title` when given) and stop this run."""
    try:
        yield
    except IndexChanged as exc:
        LOG.warning("%s; reloading", exc)
        load_app_data.clear()
        st.toast("The index changed (another process re-indexed it): the page was reloaded.")
        st.rerun()
    except DashboardError as exc:
        _error_box(str(exc), title)
        st.stop()
    except Exception as exc:  # the page's boundary: a bug is a message here and a traceback in the log
        if os.environ.get("DASHBOARD_DEBUG"):
            raise
        LOG.exception("unexpected error while drawing the page")
        load_app_data.clear()  # a reload starts from fresh data
        _error_box(
            f"Something went wrong on our side ({type(exc).__name__}); the details are in the server log.", title
        )
        st.button("Reload the page", key="boundary-reload")  # a click reruns the script
        st.stop()


def _error_box(message: str, title: str | None) -> None:
    if title:
        st.title(title)
    st.html(snippets.notice(message, "error"))  # messages carry paths and ids: never markdown


def guarded(function: Callable) -> Callable:
    """The boundary for code that reruns on its own (a fragment), outside `main()`'s."""

    @functools.wraps(function)
    def run(*args, **kwargs):
        with user_errors():
            return function(*args, **kwargs)

    return run
