"""The currency snapshot: the newest ticker rates and their history."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ..analysis import UNDATED
from ..charts import Chart
from .data import AppData
from .downloads import downloads


def _arrow(change) -> str:
    if change is None or pd.isna(change):
        return "n/a"
    if change > 0:
        return f"▲ {change:g}%"
    if change < 0:
        return f"▼ {abs(change):g}%"
    return "— 0%"


def currency_panel(data: AppData, chart: Chart) -> None:
    st.subheader("Currency snapshot")
    latest = data.latest_rates
    if latest.empty:
        st.caption("No currency ticker in the pages.")
        return
    table = pd.DataFrame(
        {
            "pair": latest["pair"],
            "USD per unit": latest["rate_text"],
            "change": [_arrow(c) for c in latest["change_pct"]],
            "per USD": [
                f"{v:,.6g} {p.split('/')[0]}" for v, p in zip(latest["inverse_rate"], latest["pair"], strict=True)
            ],
            "as of": latest["as_of"].fillna(UNDATED),
            "source page": latest["file"],
        }
    )
    st.dataframe(table, hide_index=True, key="rates-table")
    st.plotly_chart(chart.figure, key="chart-currencies", config={"displaylogo": False})
    downloads(chart, "currencies")
