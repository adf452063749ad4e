"""The UI's one error boundary: a `DashboardError` raised anywhere under it (loading, the index, an
image export) becomes one message on the page instead of a traceback."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import streamlit as st

from ..errors import DashboardError
from . import html as snippets


@contextmanager
def user_errors(title: str | None = None) -> Iterator[None]:
    """Show a `DashboardError` as an error box (under `title` when given) and stop this run."""
    try:
        yield
    except DashboardError as exc:
        if title:
            st.title(title)
        st.html(snippets.notice(str(exc), "error"))  # messages carry paths and ids: never markdown
        st.stop()


def guarded(function: Callable) -> Callable:
    """The boundary for code that reruns on its own (a fragment), outside `main()`'s."""

    @functools.wraps(function)
    def run(*args, **kwargs):
        with user_errors():
            return function(*args, **kwargs)

    return run
