"""Download buttons under every chart: slide-size images and the chart's data."""

from __future__ import annotations

import streamlit as st

from ..charts import Chart
from ..export import figure_image, find_chromium

IMAGE_FORMATS = (("png", "image/png", ":material/image:"), ("svg", "image/svg+xml", ":material/draw:"))


def downloads(chart: Chart, key: str, geojson=None, image_figure=None) -> None:
    """PNG and SVG at slide size (made only when clicked), plus the chart's data.

    `image_figure` builds the figure to export when it differs from the one on screen (the map is
    framed to fill 16:9); it is called only on a click, so reruns stay fast.
    """
    columns = st.columns(3)
    figure = image_figure or (lambda: chart.figure)
    if find_chromium():
        for column, (kind, mime, icon) in zip(columns, IMAGE_FORMATS, strict=False):
            column.download_button(
                kind.upper(),
                lambda kind=kind: figure_image(figure(), kind),
                f"{chart.name}.{kind}",
                mime,
                key=f"{key}-{kind}",
                on_click="ignore",
                icon=icon,
            )
    else:
        columns[0].caption("Image export needs Chromium: `apt-get install chromium`.")
    if geojson is not None:
        columns[2].download_button(
            "GeoJSON",
            geojson,
            f"{chart.name}.geojson",
            "application/geo+json",
            key=f"{key}-data",
            on_click="ignore",
            icon=":material/map:",
        )
    elif chart.data is not None:
        columns[2].download_button(
            "CSV",
            lambda: chart.data.to_csv(index=False),  # on a click only: 100,000 rate rows at 20,000 pages
            f"{chart.name}.csv",
            "text/csv",
            key=f"{key}-data",
            on_click="ignore",
            icon=":material/table:",
        )
