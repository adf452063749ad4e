"""The currency snapshot: the newest ticker rates and their history."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ..analysis import UNDATED
from ..charts import Chart
from ..rates import change_text, since_previous_text
from .data import AppData
from .downloads import downloads


def currency_panel(data: AppData, chart: Chart) -> None:
    st.subheader("Currency snapshot")
    latest = data.latest_rates
    if latest.empty:
        st.caption("No currency ticker in the pages.")
        return
    table = pd.DataFrame(
        {
            "pair": latest["pair"],
            "per USD": [f"{t} {c}" for t, c in zip(latest["per_usd_text"], latest["currency"], strict=True)],
            "per USD, ticker's change": [change_text(c) for c in latest["ticker_change_pct"]],
            "per USD, since previous snapshot": [
                since_previous_text(c, p)
                for c, p in zip(latest["change_since_previous_pct"], latest["previous_as_of"], strict=True)
            ],
            "ticker (USD per unit)": latest["rate_text"],
            "as of": latest["as_of"].fillna(UNDATED),
            "source page": latest["file"],
        }
    )
    rates_panels(table, chart, latest["as_of"].dropna().max() if latest["as_of"].notna().any() else None)


@st.fragment
def rates_panels(table: pd.DataFrame, chart: Chart, newest: str | None) -> None:
    """The newest rates open; their history is drawn when its tab is opened, so the page's first map
    does not wait for a chart under the fold (issue 24), and a switch reruns this panel alone."""
    latest_tab, history_tab = st.tabs(["Latest rates", "History"], key="rates-tabs", on_change="rerun")
    if latest_tab.open:
        with latest_tab:
            st.dataframe(table, hide_index=True, key="rates-table")
            st.caption(
                "Per USD is 1 / the ticker's USD rate; where the ticker's rounding leaves real doubt, the range "
                "it allows follows in brackets. Both changes are of local currency per US dollar: ▲ the dollar "
                "buys more."
            )
    if history_tab.open:
        with history_tab:
            st.plotly_chart(chart.figure, key="chart-currencies", config={"displaylogo": False})
            downloads(chart, "currencies", newest)
