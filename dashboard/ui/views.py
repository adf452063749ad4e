"""Counts, the map and the count charts per set of filters, cached across sessions and reruns."""

from __future__ import annotations

import streamlit as st

from ..analysis import Filters, View, compute_view
from ..charts import Chart, count_charts, map_chart
from .data import AppData, read_index


@st.cache_resource(max_entries=64, show_spinner=False)
def view_and_charts(loaded_at: float, filters: Filters, _data: AppData) -> tuple[View, dict[str, Chart]]:
    """Counts and their charts per set of filters, shared by every session: a click reuses them."""
    search_hits = None
    if filters.search:
        with read_index(_data) as index:
            search_hits = index.search_rowids(filters.search)
    view = compute_view(_data.frames, _data.gazetteer, filters, search_hits)
    return view, count_charts(view, _data.rate_history)


@st.cache_resource(max_entries=64, show_spinner=False)
def app_map(loaded_at: float, filters: Filters, marked: frozenset[str], _data: AppData, _view: View) -> Chart:
    """The app's map per filters and disruption marks, never per selection: a click re-sends the
    same figure, so the browser keeps the map it has drawn and only the card changes."""
    return map_chart(_view, _data.gazetteer, marked=marked, framed=False)


@st.cache_resource(max_entries=64, show_spinner=False)
def map_spec(loaded_at: float, filters: Filters, marked: frozenset[str], _chart: Chart) -> dict:
    """The app map's figure (`app_map` of the same arguments) as the dict Streamlit sends, made once
    per map and sent unchanged whatever is selected."""
    return _chart.figure.to_dict()
