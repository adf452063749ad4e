"""The count panels: mentions by feature, over time, and discussed together."""

from __future__ import annotations

import streamlit as st

from ..charts import Chart
from .downloads import downloads

COUNT_TABS = {
    "Mentions by feature": "mentions-by-feature",
    "Over time": "mentions-over-time",
    "Discussed together": "co-mentions",
}


@st.fragment
def count_panels(charts: dict[str, Chart], newest: str | None) -> None:
    """Only the open tab's chart is drawn, and switching tabs reruns this panel alone: the page's
    first map does not wait for two charts nobody is looking at yet (issue 24).

    `newest`: the date of the newest article shown (it names the downloads)."""
    tabs = st.tabs(list(COUNT_TABS), key="count-tabs", on_change="rerun")
    for tab, name in zip(tabs, COUNT_TABS.values(), strict=True):
        if tab.open:
            with tab:
                st.plotly_chart(charts[name].figure, key=f"chart-{name}", config={"displaylogo": False})
                downloads(charts[name], name, newest)
