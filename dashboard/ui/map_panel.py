"""The map and its selection: a click, the URL (`?feature=cpc`) or the select box pick one feature,
whose card and excerpts show beside the map (`detail`)."""

from __future__ import annotations

import streamlit as st

from ..analysis import View
from ..charts import map_aspect, map_chart
from ..export import LAYOUT_HEIGHT, LAYOUT_WIDTH, geojson_text, geopackage_bytes, kml_text, map_frame
from .boundary import guarded
from .data import AppData
from .detail import detail_panel
from .downloads import downloads


@st.fragment
@guarded
def map_and_detail(data: AppData, view: View, marked: frozenset[str] = frozenset()) -> None:
    """The map and the selected feature. A fragment: a click reruns this part only, so the counts,
    the currencies and the sidebar are not rebuilt or re-sent. `marked`: features with a disruption
    in the "What's new" window."""
    selected = resolve_selection(data)
    map_column, detail_column = st.columns([5, 3], gap="medium")
    with map_column:
        map_panel(data, view, selected, marked)
    with detail_column:
        detail_panel(data, view, selected)


def _picked(event, known: set[str]) -> str | None:
    """The feature id of the first clicked point that carries one (plain dict or attribute form)."""
    if not event:
        return None
    selection = event.get("selection") if isinstance(event, dict) else getattr(event, "selection", None)
    points = (selection.get("points") if isinstance(selection, dict) else getattr(selection, "points", None)) or []
    for point in points:
        custom = point.get("customdata") if isinstance(point, dict) else None
        if isinstance(custom, (list, tuple)):
            custom = custom[0] if custom else None
        if isinstance(custom, str) and custom in known:
            return custom
    return None


def resolve_selection(data: AppData) -> str | None:
    """One selection from three inputs: the URL (`?feature=cpc`), a map click, the select box."""
    known = {f.id for f in data.gazetteer.features}
    state = st.session_state
    if "selected" not in state:
        requested = st.query_params.get("feature")
        if requested and requested not in known:
            state.url_notice = requested
            requested = None
        state.selected = requested
        state.feature_box = requested or ""
    pick = _picked(state.get("map"), known)
    if pick and pick != state.get("last_pick"):
        state.selected = pick
        state.feature_box = pick
    state.last_pick = pick
    if state.selected:
        st.query_params["feature"] = state.selected
    elif "feature" in st.query_params:
        del st.query_params["feature"]
    return state.selected


def map_panel(data: AppData, view: View, selected: str | None, marked: frozenset[str] = frozenset()) -> None:
    chart = map_chart(view, data.gazetteer, selected, marked=marked)
    st.plotly_chart(
        chart.figure,
        key="map",
        on_select="rerun",
        selection_mode="points",
        config={"displaylogo": False, "scrollZoom": True, "modeBarButtonsToRemove": ["select2d", "lasso2d", "toImage"]},
    )
    st.caption("Click a route or port to read what the news says about it; scroll to zoom, drag to pan.")
    slide_aspect = map_aspect(LAYOUT_WIDTH, LAYOUT_HEIGHT)

    def shown():
        return map_frame(data.gazetteer, view.features, view.stats())

    downloads(
        chart,
        "map",
        view.span[1],
        selected,
        data_files=[  # made on a click only, from what is on screen
            ("GeoJSON", lambda: geojson_text(shown()), "geojson", "application/geo+json", ":material/map:"),
            (
                "GeoPackage",
                lambda: geopackage_bytes(shown()),
                "gpkg",
                "application/geopackage+sqlite3",
                ":material/layers:",
            ),
            ("KML", lambda: kml_text(shown()), "kml", "application/vnd.google-earth.kml+xml", ":material/public:"),
        ],
        image_figure=lambda: map_chart(view, data.gazetteer, selected, aspect=slide_aspect, marked=marked).figure,
    )
