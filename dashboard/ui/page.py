"""The Streamlit page: wiring only. Each panel lives in its own module (header, sidebar, map_panel
with detail, counts, currency); all logic lives in `analysis` and `charts`.
"""

from __future__ import annotations

import streamlit as st

from ..errors import DashboardError
from .counts import count_panels
from .currency import currency_panel
from .data import change_signature, folders, load_app_data
from .header import header
from .map_panel import map_and_detail
from .sidebar import sidebar
from .views import view_and_charts


def main() -> None:
    st.set_page_config(page_title="Corridor Watch", layout="wide")
    seeds, geodata = folders()
    try:
        data = load_app_data(str(seeds), str(geodata), change_signature(seeds, geodata))
    except DashboardError as exc:
        st.title("Corridor Watch")
        st.error(str(exc))
        st.stop()
    header(data)
    filters = sidebar(data)
    view, charts = view_and_charts(data.loaded_at, filters, data)
    map_and_detail(data, view)
    count_panels(charts)
    currency_panel(data, charts["currencies"])
