"""The page header: title, what was loaded, and the problems found while loading."""

from __future__ import annotations

import streamlit as st

from ..analysis import corpus_summary, problem_counts
from ..errors import Problem
from ..freshness import IngestSummary
from . import html as snippets
from .data import AppData

SESSION_STARTED = "session_started"
SHOWN_PROBLEMS = 200


def header(data: AppData) -> None:
    frames = data.frames
    loaded = corpus_summary(frames)
    # The map, not white space, up top: a one-line title, narrow page margins.
    st.html(
        "<style>.block-container {padding: 3.4rem 1.5rem 2rem 1.5rem}"
        " h1 {font-size: 1.6rem !important; padding: 0 0 0.1rem 0 !important}</style>"
    )
    st.title("Corridor Watch")
    # One kind of date: the articles' (published, else listed, else seen), as every window counts them.
    span = f"articles dated {loaded.first_date} to {loaded.last_date}" if loaded.first_date else "no dated articles"
    # Source names come from the pages: plain HTML, never markdown.
    summary = (
        f"{loaded.articles} articles from {len(loaded.sources)} sources ({', '.join(loaded.sources) or 'none'}) · "
        f"{span} · {loaded.pages} pages · {len(data.gazetteer.routes)} routes, {len(data.gazetteer.ports)} ports"
    )
    st.html(snippets.notice(summary, "caption"))
    for warning in data.warnings:  # index faults handled while loading: say what happened, once
        st.html(snippets.notice(warning, "warning"))
    if not loaded.articles:
        st.html(snippets.notice(f"No articles yet: add pages to {data.seeds} (see README: adding pages).", "info"))
    # Only the session whose visit loaded the new pages is told; a later visitor finds them loaded.
    saw_it = data.loaded_at >= st.session_state.get(SESSION_STARTED, 0.0)
    picked_up = picked_up_line(data.summary) if saw_it else ""
    if picked_up:
        st.html(snippets.notice(picked_up, "caption"))
    page_problems = [Problem(f"{data.seeds.name}/{p.file}", p.message, p.line, p.severity) for p in frames.problems]
    everything = [*data.gazetteer.problems, *page_problems]
    problems, notes = problem_counts(everything)
    if problems:  # one folded line: the map stays near the top
        files = len({p.file for p in problems})
        with st.expander(
            f"{len(problems)} problem(s) in {files} file(s); everything else loaded", icon=":material/warning:"
        ):
            st.text(listed(problems))
    if notes:  # routine facts about how pages were read: a quiet line, nothing to act on
        with st.expander(f"{len(notes)} note(s) on how pages were read", expanded=False):
            st.text(listed(notes))


def listed(problems: list[Problem]) -> str:
    """The first SHOWN_PROBLEMS as one block of text (an element each stalls the page at 60,000), and
    how many more there are."""
    lines = [snippets.shown(p) for p in problems[:SHOWN_PROBLEMS]]
    if len(problems) > SHOWN_PROBLEMS:
        lines.append(
            f"… and {len(problems) - SHOWN_PROBLEMS:,} more (all of them: python -m dashboard articles > /dev/null)"
        )
    return "\n".join(lines)


def picked_up_line(summary: IngestSummary) -> str:
    """What a reload found changed ("Picked up 2 new pages, 1 changed."); nothing on a first load."""
    if not (summary.unchanged or summary.deleted) or not (summary.new or summary.changed or summary.deleted):
        return ""
    counts = (
        (summary.new, "new page" if summary.new == 1 else "new pages"),
        (summary.changed, "changed"),
        (summary.deleted, "deleted"),
    )
    return "Picked up " + ", ".join(f"{count} {label}" for count, label in counts if count) + "."
