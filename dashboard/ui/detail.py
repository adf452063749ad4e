"""The selected feature beside the map: its card, then the sentences that mention it."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ..analysis import View
from ..excerpts import excerpts
from ..features import short_name
from . import correcting
from . import html as snippets
from .data import AppData, read_index
from .record import by_the_numbers, feature_numbers, news_record, status_strip

# Excerpts drawn at a click, and how many more each "Show more" adds: 60 at once, each with its
# article's button, took the browser ~0.5 s to draw for a feature in 30,000 of 100,000 articles.
EXCERPTS_FIRST = 10  # the box shows ~5; each one drawn with its button costs the browser ~3 ms a click
EXCERPTS_MORE = 40
CARD_TABS = ("Excerpts", "Event signals", "By the numbers")
EXCERPT_BOX_PX = 300  # the excerpts scroll in their own box, so the page itself need not


def _choose_from_box() -> None:
    st.session_state.selected = st.session_state.feature_box or None


def _choose_from_also_here() -> None:
    state = st.session_state
    if state.also_box:
        state.selected = state.feature_box = state.also_box
        state.also_here = []


def also_here_list(names: dict[str, str], also_here: list[str]) -> None:
    """The other features drawn under the clicked point, one pick away, never silently dropped. A
    select box, not buttons: its options are plain text (geodata names never go through markdown)."""
    count = len(also_here)
    st.selectbox(
        f"Also under the pointer: {count} more",
        ["", *also_here],
        key="also_box",
        index=0,
        format_func=lambda i: names.get(i, f"— {count} more here: pick one —"),
        on_change=_choose_from_also_here,
    )


def detail_panel(data: AppData, view: View, selected: str | None, also_here: list[str]) -> None:
    gazetteer = data.gazetteer
    state = st.session_state
    if state.get("url_notice"):
        st.html(
            snippets.notice(f"No route or port has the id {state.url_notice!r}; pick one from the map or the list.")
        )
        state.url_notice = None
    ids = [""] + [f.id for f in sorted(gazetteer.features, key=lambda f: (not f.is_route, f.name))]
    names = {f.id: f"{f.name} ({f.kind})" for f in gazetteer.features}
    short_names = {f.id: short_name(f) for f in gazetteer.features}
    st.selectbox(
        "Route or port",
        ids,
        key="feature_box",
        format_func=lambda i: names.get(i, "— choose a route or port —"),
        on_change=_choose_from_box,
        label_visibility="collapsed",
    )
    if selected and also_here:
        also_here_list(names, also_here)
    if not selected:
        top = view.totals.head(8)
        if top.empty:
            st.html(snippets.notice(empty_state(view), "info"))
        else:
            st.caption("Nothing selected yet. The most discussed now:")
            # Short names and narrow number columns: the numbers show in the card's column at 1280 px.
            st.dataframe(
                pd.DataFrame(
                    {
                        "route or port": [short_names.get(str(i), str(i)) for i in top.index],
                        "articles": top["articles"].to_numpy(),
                        "mentions": top["mentions"].to_numpy(),
                    }
                ),
                hide_index=True,
                width="stretch",
                column_config={
                    "route or port": st.column_config.TextColumn(width="medium"),
                    "articles": st.column_config.NumberColumn(width="small"),
                    "mentions": st.column_config.NumberColumn(width="small"),
                },
            )
        return
    feature = gazetteer.by_id[selected]
    articles, mentions = view.stats().get(selected, (0, 0))
    blocked = correcting.why_not_writable(str(data.geodata), data.loaded_at)
    note = f"Links cannot be corrected here: {blocked}" if blocked else ""
    record = news_record(data, view, selected)
    st.html(snippets.feature_card(feature, articles, mentions, note, record.status.line()))
    if state.pop(snippets.SCROLL_TO_CARD, False):
        st.html(snippets.card_into_view(selected), unsafe_allow_javascript=True)
    correcting.rejections(data, selected, writable=not blocked)
    # Only the open tab is drawn: a click on the map shows the excerpts at once, and the record's
    # charts (~150 ms a click when always drawn) when asked for; the open tab stays open from one
    # feature to the next.
    excerpts_tab, signals_tab, numbers_tab = st.tabs(list(CARD_TABS), key="card-tabs", on_change="rerun")
    if excerpts_tab.open:
        with excerpts_tab:
            excerpt_list(data, view, selected, writable=not blocked)
    if signals_tab.open:
        with signals_tab, st.container(key="record"):
            status_strip(record, selected, view.span[1])
    if numbers_tab.open:
        with numbers_tab, st.container(key="numbers"):
            by_the_numbers(feature_numbers(data, view, selected), selected, view.span[1])


def excerpt_list(data: AppData, view: View, selected: str, writable: bool) -> None:
    """The sentences that mention the feature, newest first, filterable by their words."""
    count_column, filter_column = st.columns([3, 2], vertical_alignment="bottom")
    text_filter = filter_column.text_input(
        "Filter excerpts", key="excerpt_filter", placeholder="filter excerpts", label_visibility="collapsed"
    )
    limit_key = f"excerpts-shown-{selected}"
    limit = st.session_state.get(limit_key, EXCERPTS_FIRST)
    with read_index(data) as index:
        rows, total = excerpts(index, data.frames, selected, view.article_ids, text_filter, limit=limit)
    shown = f" (the newest {len(rows)})" if total > len(rows) else ""
    count_column.markdown(f"**{total} sentence{'s' * (total != 1)}** mention it{shown}, newest first")
    if rows:
        with st.container(height=EXCERPT_BOX_PX, key="excerpts"):
            correcting.excerpts_with_controls(data, rows, selected, writable=writable)
            if total > len(rows):
                st.button(
                    f"Show {min(EXCERPTS_MORE, total - len(rows))} more",
                    key=f"more-{selected}",
                    on_click=_show_more,
                    args=(limit_key, limit),
                    type="tertiary",
                )
    else:
        st.caption("No excerpt mentions it under the current filters.")


def _show_more(limit_key: str, limit: int) -> None:
    st.session_state[limit_key] = limit + EXCERPTS_MORE


def empty_state(view: View) -> str:
    """Why nothing is discussed under the current filters, and what to try (the query is not echoed:
    it is in the search box already)."""
    if view.filters.search and not len(view.article_ids):
        return (
            "No article matches the search under the current filters. Try fewer or other words "
            "(every word must appear); a route or port's name also finds the articles linked to it."
        )
    if not len(view.article_ids):
        return "No article under the current filters: widen the dates or clear a filter."
    return f"None of the {len(view.article_ids)} articles under the current filters mentions a route or port shown."
