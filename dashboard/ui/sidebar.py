"""The sidebar filters, which apply to every panel."""

from __future__ import annotations

from datetime import date

import streamlit as st

from ..analysis import Filters
from ..gazetteer import PORT_KINDS, ROUTE_KINDS, STATUSES
from .data import AppData, load_app_data
from .views import view_and_charts


def sidebar(data: AppData) -> Filters:
    frames = data.frames
    features = data.gazetteer.features
    with st.sidebar:
        st.header("Filters")
        query = st.text_input(
            "Search articles",
            key="search",
            placeholder="e.g. CPC drones",
            help="Articles holding every word, in any order ('drone' also finds 'drones'); a route or port's "
            "name also finds the articles linked to it. Hits filter every panel.",
        )
        if query.strip():
            matching = view_and_charts(data.loaded_at, Filters(search=query.strip()), data)[0].article_ids
            st.caption(f"{len(matching)} article(s) match")
        sources = st.multiselect("Source", frames.sources, key="sources")
        dates = frames.articles["date"].dropna()
        date_range = ()
        if len(dates):
            lowest, highest = date.fromisoformat(dates.min()), date.fromisoformat(dates.max())
            date_range = st.date_input(
                "Date range", value=(lowest, highest), min_value=lowest, max_value=highest, key="dates"
            )
        include_undated = st.checkbox(
            "Include undated articles", value=True, key="undated", help="Some listings give no date for their articles."
        )
        categories = st.multiselect("Category", frames.category_names, key="categories")
        kinds = st.multiselect(
            "Kind", [k for k in ROUTE_KINDS + PORT_KINDS if any(f.kind == k for f in features)], key="kinds"
        )
        statuses = st.multiselect(
            "Status", [s for s in STATUSES if any(f.status == s for f in features)], key="statuses"
        )
        if st.button("Reload pages", help="Read new or changed pages in the seeds folder now."):
            load_app_data.clear()
            st.rerun()
    date_from = date_to = None
    if isinstance(date_range, (tuple, list)) and len(date_range) == 2 and len(dates):
        full = (date.fromisoformat(dates.min()), date.fromisoformat(dates.max()))
        if tuple(date_range) != full:
            date_from, date_to = date_range
    return Filters(
        tuple(sources),
        date_from,
        date_to,
        include_undated,
        tuple(categories),
        tuple(kinds),
        tuple(statuses),
        query.strip(),
    )
