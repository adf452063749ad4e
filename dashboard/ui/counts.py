"""The count panels: mentions by feature, over time, and discussed together."""

from __future__ import annotations

import streamlit as st

from ..charts import Chart
from .downloads import downloads


def count_panels(charts: dict[str, Chart], newest: str | None) -> None:
    """`newest`: the date of the newest article shown (it names the downloads)."""
    tabs = st.tabs(["Mentions by feature", "Over time", "Discussed together"])
    for tab, name in zip(tabs, ("mentions-by-feature", "mentions-over-time", "co-mentions"), strict=True):
        with tab:
            st.plotly_chart(charts[name].figure, key=f"chart-{name}", config={"displaylogo": False})
            downloads(charts[name], name, newest)
