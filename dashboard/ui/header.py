"""The page header: title, what was loaded, and the problems found while loading."""

from __future__ import annotations

import streamlit as st

from ..analysis import corpus_summary
from ..errors import Problem
from . import html as snippets
from .data import AppData


def header(data: AppData) -> None:
    frames = data.frames
    loaded = corpus_summary(frames)
    st.html("<style>.block-container {padding-top: 2rem}</style>")  # the map, not white space, up top
    st.title("Corridor Watch")
    span = f"{loaded.first_date} to {loaded.last_date}" if loaded.first_date else "no dated articles"
    newest_text = (
        f"newest page {loaded.newest_page_date} ({loaded.newest_page_file})"
        if loaded.newest_page_date
        else "no dated page"
    )
    # Source names and file names come from the pages: plain HTML, never markdown.
    summary = (
        f"{loaded.articles} articles from {len(loaded.sources)} sources ({', '.join(loaded.sources) or 'none'}) · "
        f"{span} · {loaded.pages} pages, {newest_text} · {len(data.gazetteer.routes)} routes, {len(data.gazetteer.ports)} ports"
    )
    st.html(snippets.notice(summary, "caption"))
    if not loaded.articles:
        st.html(snippets.notice(f"No articles yet: add pages to {data.seeds} (see README: adding pages).", "info"))
    page_problems = [Problem(f"{data.seeds.name}/{p.file}", p.message, p.line, p.severity) for p in frames.problems]
    problems = [*data.gazetteer.problems, *page_problems]
    if problems:
        files = len({p.file for p in problems})
        st.warning(f"{len(problems)} problem(s) in {files} file(s); everything else loaded. Details below.")
        with st.expander("Problems by file", expanded=False):
            for problem in problems:
                st.text(snippets.shown(problem))
