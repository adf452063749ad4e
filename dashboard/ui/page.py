"""The Streamlit page: wiring only. Each panel lives in its own module (header, sidebar, map_panel
with detail, counts, currency); all logic lives in `analysis` and `charts`.

Every number on screen is computed in `dashboard.analysis` (tested in tests/test_analysis.py):
the header line by `corpus_summary`; the "What's new" panel by `digest.build_digest` (on
`analysis.window_counts`); the map, the feature card, the "most discussed" table and the
count charts by `compute_view` (`feature_totals`, `counts_by`, `co_mentions`), called in
`views.view_and_charts`; the excerpt count by `excerpts.excerpts`; the currency table by `latest_rates`.
"""

from __future__ import annotations

import time

import streamlit as st

from .boundary import user_errors
from .counts import count_panels
from .currency import currency_panel
from .data import AppData, change_signature, folders, is_stale, load_app_data
from .header import SESSION_STARTED, header
from .map_panel import map_and_detail
from .search_results import search_results
from .sidebar import sidebar
from .views import app_map, view_and_charts
from .whats_new import whats_new, whats_new_digest


def main() -> None:
    # The sidebar's filters start folded away: at 1280 px the map and the card need the width.
    st.set_page_config(page_title="Corridor Watch", layout="wide", initial_sidebar_state="collapsed")
    seeds, geodata = folders()
    # Before loading: a load that ends after this session began is one this session saw happen.
    st.session_state.setdefault(SESSION_STARTED, time.time())
    with user_errors(title="Corridor Watch"):
        data = load_app_data(str(seeds), str(geodata), change_signature(seeds, geodata))
        if is_stale(data):  # re-indexed by another process: reload rather than show stale rows
            load_app_data.clear()
            data = load_app_data(str(seeds), str(geodata), change_signature(seeds, geodata))
    with user_errors():
        page(data)


def page(data: AppData) -> None:
    header(data)
    filters = sidebar(data)
    view, charts = view_and_charts(data.loaded_at, filters, data)
    search_results(data, view)
    map_slot = st.container()  # the map leads the page; "What's new" (which marks it) comes under it
    digest = whats_new_digest(data, filters, view)
    marked = digest.flagged("disruption") if digest else frozenset()
    whats_new(data, digest)
    with map_slot:
        map_and_detail(data, view, app_map(data.loaded_at, filters, marked, data, view), marked)
    count_panels(charts, view.span[1])
    currency_panel(data, charts["currencies"])
