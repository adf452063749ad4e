"""The page header: title, what was loaded, and the problems found while loading."""

from __future__ import annotations

import streamlit as st

from ..errors import Problem
from .data import AppData


def header(data: AppData) -> None:
    frames = data.frames
    articles = frames.articles
    st.html("<style>.block-container {padding-top: 2rem}</style>")  # the map, not white space, up top
    st.title("Corridor Watch")
    dates = articles["date"].dropna()
    span = f"{dates.min()} to {dates.max()}" if len(dates) else "no dated articles"
    newest = frames.pages.dropna(subset=["page_date"]).sort_values("page_date").tail(1)
    newest_text = (
        f"newest page {newest.iloc[0]['page_date']} ({newest.iloc[0]['file']})" if len(newest) else "no dated page"
    )
    st.caption(
        f"{len(articles)} articles from {articles['source'].nunique()} sources ({', '.join(frames.sources) or 'none'}) · "
        f"{span} · {len(frames.pages)} pages, {newest_text} · {len(data.gazetteer.routes)} routes, {len(data.gazetteer.ports)} ports"
    )
    if articles.empty:
        st.info(f"No articles yet: add pages to {data.seeds} (see README: adding pages).")
    page_problems = [Problem(f"{data.seeds.name}/{p.file}", p.message, p.line, p.severity) for p in frames.problems]
    problems = [*data.gazetteer.problems, *page_problems]
    if problems:
        files = len({p.file for p in problems})
        st.warning(f"{len(problems)} problem(s) in {files} file(s); everything else loaded. Details below.")
        with st.expander("Problems by file", expanded=False):
            for problem in problems:
                st.text(str(problem))
