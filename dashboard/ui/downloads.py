"""Download buttons under every chart: slide-size images and the chart's data."""

from __future__ import annotations

import streamlit as st

from ..browser import BrowserSession
from ..charts import Chart
from ..csvsafe import frame_csv
from ..errors import DashboardError
from ..export import download_name, figure_image, find_chromium

IMAGE_FORMATS = (("png", "image/png", ":material/image:"), ("svg", "image/svg+xml", ":material/draw:"))


def downloads(
    chart: Chart, key: str, newest: str | None, selection: str | None = None, data_files=None, image_figure=None
) -> None:
    """PNG and SVG at slide size (made only when clicked), plus the chart's data.

    `image_figure` builds the figure to export when it differs from the one on screen (the map is
    framed to fill 16:9); it is called only on a click, so reruns stay fast. `data_files` replaces the
    CSV for a chart whose data is not a table (the map): (label, make, extension, mime, icon) each.
    Files are named after what they show (`download_name`: chart, `selection`, `newest` data date).
    While an image renders (the first starts Chromium: a few seconds) Streamlit shows a spinner on its button and disables it.
    """
    if data_files is None and chart.data is not None:
        # on a click only: 100,000 rate rows at 20,000 pages
        data_files = [("CSV", lambda: frame_csv(chart.data), "csv", "text/csv", ":material/table:")]
    data_files = data_files or []
    row = st.container(horizontal=True)  # buttons as wide as their labels, wrapping on narrow screens
    figure = image_figure or (lambda: chart.figure)
    if find_chromium():
        for kind, mime, icon in IMAGE_FORMATS:
            row.download_button(
                kind.upper(),
                lambda kind=kind: _image(figure, kind),
                download_name(chart.name, kind, newest, selection),
                mime,
                key=f"{key}-{kind}",
                on_click="ignore",
                icon=icon,
                help=f"{kind.upper()} for a slide, rendered when clicked",
            )
    else:
        row.caption("Image export needs Chromium: `apt-get install chromium`.")
    for label, make, extension, mime, icon in data_files:
        row.download_button(
            label,
            make,
            download_name(chart.name, extension, newest, selection),
            mime,
            key=f"{key}-{extension}",
            on_click="ignore",
            icon=icon,
        )


@st.cache_resource(show_spinner=False)
def _browser() -> BrowserSession:
    """One Chromium for every image download of the server, started at the first: a browser started
    for each download took 3-4 s, a running one well under a second."""
    return BrowserSession().start()


def _image(figure, kind: str) -> bytes:
    """The image for a download button; a browser that stopped or hung is started again."""
    if not _browser().working():
        _browser.clear()
    try:
        return figure_image(figure(), kind, session=_browser())
    except DashboardError:
        _browser.clear()  # the next click starts a fresh one
        raise
