"""The analyst's "not about this" under each excerpt, and its undo: a rejection recorded in the
geodata folder's corrections.json (see `dashboard.corrections`), which the next load applies to the
index, so the map, the counts, the excerpts, the CLI and the deck all drop the link."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from .. import corrections
from ..errors import DashboardError
from . import html as snippets
from .data import AppData


@st.cache_data(ttl=30, show_spinner=False)
def why_not_writable(geodata: str, loaded_at: float) -> str | None:
    """Why corrections cannot be recorded now (checked again after 30 s and on every reload), or None."""
    return corrections.why_not_writable(Path(geodata))


def _apply(write, undo: dict | None) -> None:
    """Record (or undo) and rerun the whole app: the counts and the map change too, not only the
    fragment the button is in."""
    try:
        write()
    except DashboardError as exc:
        st.session_state.correction_error = str(exc)
    else:
        st.session_state.last_rejection = undo
    st.rerun(scope="app")


def reject(data: AppData, row: dict, feature_id: str) -> None:
    correction = corrections.Correction("reject", row["article_id"], feature_id, "", row["title"], corrections.now())
    undo = {"article_id": row["article_id"], "feature_id": feature_id, "title": row["title"]}
    _apply(lambda: corrections.record(data.geodata, correction), undo)


def undo(data: AppData, article_id: str, feature_id: str) -> None:
    _apply(lambda: corrections.undo(data.geodata, article_id, feature_id), None)


def excerpts_with_controls(data: AppData, rows: list[dict], feature_id: str, writable: bool) -> None:
    """Each excerpt; under the first excerpt of each article, its "not about this" button."""
    if not writable:
        st.html(snippets.excerpt_list(rows))
        return
    offered: set[str] = set()
    for row in rows:
        st.html(snippets.excerpt_list([row]))
        if row["article_id"] in offered:
            continue
        offered.add(row["article_id"])
        if st.button(
            "Not about this",
            key=f"reject-{feature_id}-{row['article_id']}",
            icon=":material/block:",
            type="tertiary",
            help="This article is not about this route or port: drop the link everywhere (recorded in "
            "geodata/corrections.json, undo below).",
        ):
            reject(data, row, feature_id)


def rejections(data: AppData, feature_id: str, writable: bool) -> None:
    """The last rejection (with undo) and every rejection for this feature, each undoable."""
    state = st.session_state
    if state.get("correction_error"):
        st.html(snippets.notice(state.pop("correction_error"), "error"))
    last = state.get("last_rejection")
    if last and last["feature_id"] == feature_id:
        st.html(snippets.notice(f"Marked “{last['title']}” as not about this.", "info"))
        if writable and st.button("Undo", key="undo-last", icon=":material/undo:"):
            undo(data, last["article_id"], feature_id)
    rejected = data.gazetteer.corrections.rejected(feature_id)
    if not rejected:
        return
    with st.expander(f"Marked not about this by analysts ({len(rejected)})"):
        for entry in rejected:
            st.html(snippets.notice(f"{entry.title or entry.article_id} · {entry.recorded or 'undated'}", "caption"))
            if writable and st.button("Undo", key=f"undo-{feature_id}-{entry.article_id}", icon=":material/undo:"):
                undo(data, entry.article_id, feature_id)
