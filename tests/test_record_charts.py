"""The record's figure builders: a mark per signal / statement, its row in `customdata` (what a click
shows), page text escaped in hovers, ranges as bars, disagreeing statements ringed, nothing mutated."""

from __future__ import annotations

import copy

from test_bynumbers import frame, row

from dashboard.bynumbers import figures_table
from dashboard.chart_frame import ChartMeta
from dashboard.newsstatus import Signal
from dashboard.record_charts import DISAGREEING, figures_figure, status_strip_figure

META = ChartMeta("", "")


def test_the_strip_has_a_mark_per_signal_with_its_position_and_an_escaped_hover():
    signals = [
        Signal("cpc", "2026-10-27", "disruption", "a1", "<b>Drone</b> strike", "Wire", "sentence", "struck"),
        Signal("cpc", "2026-10-29", "disruption", "a2", "Halted", "Courier", "sentence", "halted"),
        Signal("cpc", "2026-11-20", "restoration", "a3", "Resumed", "Wire", "sentence", "resumed"),
    ]
    kept = copy.deepcopy(signals)
    fig = status_strip_figure(signals, META)
    by_tag = {t.name: t for t in fig.data}
    assert set(by_tag) == {"disruption", "restoration"}
    assert [c[0] for c in by_tag["disruption"].customdata] == [0, 1]
    assert [c[0] for c in by_tag["restoration"].customdata] == [2]
    assert "&lt;b&gt;Drone&lt;/b&gt; strike" in by_tag["disruption"].hovertext[0]
    assert "<b>Drone</b>" not in by_tag["disruption"].hovertext[0]
    assert signals == kept
    assert fig.layout.xaxis.range == ("2026-10-24", "2026-11-23")


def test_the_figures_chart_draws_statements_by_source_with_ranges_and_disagreements():
    figures = frame(
        row(1.84e6, "1.84 Mt", "Trend", "2023-01-10", period="2022"),
        row(1.084e6, "1 million 84 thousand tons", "<i>Kazinform</i>", "2023-01-12", period="2022"),
        row(2.5e6, "2.5 to 3 Mt", "Trend", "2023-02-01", period="2023", bound="range", value_high=3.0e6),
        row(9e6, "9 Mt", "Trend", None, period="2024"),
    )
    table = figures_table(figures)
    fig = figures_figure(table, META)
    traces = {t.name: t for t in fig.data}
    assert set(traces) == {"Trend", "&lt;i&gt;Kazinform&lt;/i&gt;"}  # the undated statement is in the table only
    trend = traces["Trend"]
    assert list(trend.y) == [2.5, 1.84]  # in millions, as the axis says; the table's order (newest first)
    assert fig.layout.yaxis.title.text == "million t per year"
    assert list(trend.error_y.array) == [0.5, 0]
    assert [table.loc[c[0], "stated"] for c in trend.customdata] == ["2.5 to 3 Mt", "1.84 Mt"]
    assert list(trend.marker.line.color) == ["white", DISAGREEING]
    assert "disagrees" in trend.hovertext[1] and "period 2022" in trend.hovertext[1]
