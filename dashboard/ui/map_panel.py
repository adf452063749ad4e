"""The map and its selection: a click, the URL (`?feature=cpc`) or the select box pick one feature,
whose card and excerpts show beside the map (`detail`) and which the map emphasises (a stylesheet
over the map built per filters, `emphasis`). Where a click lands on several features drawn close
together, the others under the pointer are offered in a list."""

from __future__ import annotations

import html

import plotly.graph_objects as go
import streamlit as st

from ..analysis import View
from ..charts import Chart, map_aspect, map_chart
from ..emphasis import emphasis_css
from ..export import DOWNLOAD_BOX, box_points, geojson_text, geopackage_bytes, kml_text, map_frame
from ..geomap import app_views, port_sizes
from ..mapview import OVERVIEW, features_at
from .boundary import guarded
from .data import AppData
from .detail import detail_panel
from .downloads import downloads
from .views import map_spec

MAP_HINT = "Click a route or port to read what the news says about it; scroll to zoom, drag to pan."
HINT_STYLE = ".map-hint { font-size: 0.875rem; color: rgba(49, 51, 63, 0.6); margin: 0; }\n"
MAP_CONFIG = {"displaylogo": False, "scrollZoom": True, "modeBarButtonsToRemove": ["select2d", "lasso2d", "toImage"]}


@st.fragment
@guarded
def map_and_detail(data: AppData, view: View, chart: Chart, marked: frozenset[str] = frozenset()) -> None:
    """The map and the selected feature side by side. A fragment: a click reruns this part only, so
    the counts, the currencies and the sidebar are not rebuilt or re-sent; the map's figure is the
    same object on every rerun (built per filters and `marked`, the features with a disruption in
    the "What's new" window), so only the card changes in the browser."""
    selected, also_here = resolve_selection(data, view, chart)
    # The map grows with the window (three fifths of it); the card takes the rest.
    map_column, card_column = st.columns([3, 2], gap="medium")
    with map_column:
        map_panel(data, view, chart, selected, marked)
    with card_column:
        detail_panel(data, view, selected, also_here)


def _clicked(event) -> tuple[list[str], tuple[float, float, int | None] | None]:
    """Feature ids of the clicked points (plain dict or attribute form), and where the first one is
    (lon, lat and its trace number, which says the panel)."""
    if not event:
        return [], None
    selection = event.get("selection") if isinstance(event, dict) else getattr(event, "selection", None)
    points = (selection.get("points") if isinstance(selection, dict) else getattr(selection, "points", None)) or []
    ids, where = [], None
    for point in points:
        if not isinstance(point, dict):
            continue
        custom = point.get("customdata")
        if isinstance(custom, (list, tuple)):
            custom = custom[0] if custom else None
        if isinstance(custom, str):
            ids.append(custom)
            if where is None and point.get("lon") is not None and point.get("lat") is not None:
                curve = point.get("curve_number")
                where = (float(point["lon"]), float(point["lat"]), curve if isinstance(curve, int) else None)
    return ids, where


def _under_click(data: AppData, view: View, chart: Chart, where: tuple[float, float, int | None]) -> list[str]:
    """The features drawn near a click, at the scale of the panel it landed in."""
    lon, lat, curve = where
    traces = chart.figure.data
    geo = getattr(traces[curve], "geo", None) if curve is not None and 0 <= curve < len(traces) else None
    views = app_views(view.features)
    return features_at(view.features, port_sizes(view.features, view.stats()), views.get(geo or OVERVIEW), lon, lat)


def resolve_selection(data: AppData, view: View, chart: Chart) -> tuple[str | None, list[str]]:
    """One selection from three inputs: the URL (`?feature=cpc`), a map click, the select box; and,
    after a click, the other features drawn under the pointer."""
    known = {f.id for f in data.gazetteer.features}
    state = st.session_state
    if "selected" not in state:
        requested = st.query_params.get("feature")
        if requested and requested not in known:
            state.url_notice = requested
            requested = None
        state.selected = requested
        state.feature_box = requested or ""
        state.also_here = []
    ids, where = _clicked(state.get("map"))
    pick = next((i for i in ids if i in known), None)
    if pick and (pick, where) != state.get("last_pick"):
        state.selected = pick
        state.feature_box = pick
        nearby = _under_click(data, view, chart, where) if where else []
        state.also_here = [fid for fid in nearby if fid != pick and fid in known]
    state.last_pick = (pick, where) if pick else None
    if state.selected:
        st.query_params["feature"] = state.selected
    elif "feature" in st.query_params:
        del st.query_params["feature"]
    return state.selected, list(state.get("also_here") or [])


class FigureSpec(go.Figure):
    """A figure handed to Streamlit as the dict it is already: the map's dict is made once per
    filters, instead of plotly copying and checking the whole map (~130 ms) on every click."""

    def __init__(self, spec: dict) -> None:
        super().__init__()
        self._spec = spec

    def to_dict(self) -> dict:
        return self._spec


def map_panel(data: AppData, view: View, chart: Chart, selected: str | None, marked: frozenset[str]) -> None:
    spec = map_spec(data.loaded_at, view.filters, marked, chart)
    st.plotly_chart(
        FigureSpec(spec),
        key="map",
        on_select="rerun",
        selection_mode="points",
        width="stretch",
        config=MAP_CONFIG,
    )
    # The selection's emphasis rides on the caption: an element of its own would take a row.
    st.html(
        f"<style>{HINT_STYLE}{emphasis_css(spec['data'], selected, '.st-key-map')}</style>"
        f"<p class='map-hint' data-selected='{html.escape(selected or '')}'>{MAP_HINT}</p>"
    )
    slide_aspect = map_aspect(*box_points(*DOWNLOAD_BOX))

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
                lambda: geopackage_bytes(shown(), view.subtitle()),
                "gpkg",
                "application/geopackage+sqlite3",
                ":material/layers:",
            ),
            ("KML", lambda: kml_text(shown()), "kml", "application/vnd.google-earth.kml+xml", ":material/public:"),
        ],
        image_figure=lambda: map_chart(view, data.gazetteer, selected, aspect=slide_aspect, marked=marked).figure,
    )
