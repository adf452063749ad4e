"""The Streamlit page: header, sidebar filters, the map with its selection, the feature card and
excerpts, the count panels and the currency snapshot. All logic lives in `analysis` and `charts`;
this module only wires widgets to it.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from ..analysis import UNDATED, Filters, View, compute_view, excerpts
from ..charts import Chart, count_charts, map_aspect, map_chart
from ..errors import DashboardError, Problem
from ..export import LAYOUT_HEIGHT, LAYOUT_WIDTH, figure_image, find_chromium, map_geojson
from ..gazetteer import PORT_KINDS, ROUTE_KINDS, STATUSES
from . import html as snippets
from .data import AppData, change_signature, folders, load_app_data, read_index

EXCERPTS_SHOWN = 60


IMAGE_FORMATS = (("png", "image/png", ":material/image:"), ("svg", "image/svg+xml", ":material/draw:"))


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


@st.fragment
def map_and_detail(data: AppData, view: View) -> None:
    """The map and the selected feature. A fragment: a click reruns this part only, so the counts,
    the currencies and the sidebar are not rebuilt or re-sent."""
    selected = resolve_selection(data)
    map_column, detail_column = st.columns([5, 3], gap="medium")
    with map_column:
        map_panel(data, view, selected)
    with detail_column:
        detail_panel(data, view, selected)


@st.cache_resource(max_entries=64, show_spinner=False)
def view_and_charts(loaded_at: float, filters: Filters, _data: AppData) -> tuple[View, dict[str, Chart]]:
    """Counts and their charts per set of filters, shared by every session: a click reuses them."""
    search_hits = None
    if filters.search:
        with read_index(_data) as index:
            search_hits = index.search_rowids(filters.search)
    view = compute_view(_data.frames, _data.gazetteer, filters, search_hits)
    return view, count_charts(view, _data.rate_history)


# --- header -------------------------------------------------------------------------------------


def header(data: AppData) -> None:
    frames = data.frames
    articles = frames.articles
    st.html("<style>.block-container {padding-top: 2rem}</style>")  # the map, not white space, up top
    st.title("Corridor Watch")
    dates = articles["date"].dropna()
    span = f"{dates.min()} to {dates.max()}" if len(dates) else "no dated articles"
    newest = frames.pages.dropna(subset=["page_date"]).sort_values("page_date").tail(1)
    newest_text = (
        f"newest page {newest.iloc[0]['page_date']} ({newest.iloc[0]['file']})" if len(newest) else "no dated page"
    )
    st.caption(
        f"{len(articles)} articles from {articles['source'].nunique()} sources ({', '.join(frames.sources) or 'none'}) · "
        f"{span} · {len(frames.pages)} pages, {newest_text} · {len(data.gazetteer.routes)} routes, {len(data.gazetteer.ports)} ports"
    )
    if articles.empty:
        st.info(f"No articles yet: add pages to {data.seeds} (see README: adding pages).")
    page_problems = [Problem(f"{data.seeds.name}/{p.file}", p.message, p.line, p.severity) for p in frames.problems]
    problems = [*data.gazetteer.problems, *page_problems]
    if problems:
        files = len({p.file for p in problems})
        st.warning(f"{len(problems)} problem(s) in {files} file(s); everything else loaded. Details below.")
        with st.expander("Problems by file", expanded=False):
            for problem in problems:
                st.text(str(problem))


# --- sidebar ------------------------------------------------------------------------------------


def sidebar(data: AppData) -> Filters:
    frames = data.frames
    features = data.gazetteer.features
    with st.sidebar:
        st.header("Filters")
        query = st.text_input(
            "Search articles",
            key="search",
            placeholder="e.g. Novorossiysk drone",
            help="Full-text search over titles and texts; hits filter every panel.",
        )
        if query.strip():
            matching = view_and_charts(data.loaded_at, Filters(search=query.strip()), data)[0].article_ids
            st.caption(f"{len(matching)} article(s) match")
        sources = st.multiselect("Source", frames.sources, key="sources")
        dates = frames.articles["date"].dropna()
        date_range = ()
        if len(dates):
            lowest, highest = date.fromisoformat(dates.min()), date.fromisoformat(dates.max())
            date_range = st.date_input(
                "Date range", value=(lowest, highest), min_value=lowest, max_value=highest, key="dates"
            )
        include_undated = st.checkbox(
            "Include undated articles", value=True, key="undated", help="Some listings give no date for their articles."
        )
        categories = st.multiselect("Category", frames.category_names, key="categories")
        kinds = st.multiselect(
            "Kind", [k for k in ROUTE_KINDS + PORT_KINDS if any(f.kind == k for f in features)], key="kinds"
        )
        statuses = st.multiselect(
            "Status", [s for s in STATUSES if any(f.status == s for f in features)], key="statuses"
        )
        if st.button("Reload pages", help="Read new or changed pages in the seeds folder now."):
            load_app_data.clear()
            st.rerun()
    date_from = date_to = None
    if isinstance(date_range, (tuple, list)) and len(date_range) == 2 and len(dates):
        full = (date.fromisoformat(dates.min()), date.fromisoformat(dates.max()))
        if tuple(date_range) != full:
            date_from, date_to = date_range
    return Filters(
        tuple(sources),
        date_from,
        date_to,
        include_undated,
        tuple(categories),
        tuple(kinds),
        tuple(statuses),
        query.strip(),
    )


# --- selection ----------------------------------------------------------------------------------


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


def _choose_from_box() -> None:
    st.session_state.selected = st.session_state.feature_box or None


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


# --- map and detail -----------------------------------------------------------------------------


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


def map_panel(data: AppData, view: View, selected: str | None) -> None:
    chart = map_chart(view, data.gazetteer, selected)
    st.plotly_chart(
        chart.figure,
        key="map",
        on_select="rerun",
        selection_mode="points",
        config={"displaylogo": False, "scrollZoom": True, "modeBarButtonsToRemove": ["select2d", "lasso2d", "toImage"]},
    )
    st.caption("Click a route or port to read what the news says about it; scroll to zoom, drag to pan.")
    slide_aspect = map_aspect(LAYOUT_WIDTH, LAYOUT_HEIGHT)
    downloads(
        chart,
        "map",
        geojson=lambda: map_geojson(view.features, view.stats()),
        image_figure=lambda: map_chart(view, data.gazetteer, selected, aspect=slide_aspect).figure,
    )


def detail_panel(data: AppData, view: View, selected: str | None) -> None:
    gazetteer = data.gazetteer
    state = st.session_state
    if state.get("url_notice"):
        st.info(f"No route or port has the id {state.url_notice!r}; pick one from the map or the list.")
        state.url_notice = None
    ids = [""] + [f.id for f in sorted(gazetteer.features, key=lambda f: (not f.is_route, f.name))]
    names = {f.id: f"{f.name} ({f.kind})" for f in gazetteer.features}
    st.selectbox(
        "Route or port",
        ids,
        key="feature_box",
        format_func=lambda i: names.get(i, "— choose —"),
        on_change=_choose_from_box,
    )
    if not selected:
        st.caption("Nothing selected yet. The most discussed now:")
        top = view.totals.head(8)
        if not top.empty:
            st.dataframe(
                pd.DataFrame(
                    {
                        "route or port": [names.get(str(i), str(i)) for i in top.index],
                        "articles": top["articles"].to_numpy(),
                        "mentions": top["mentions"].to_numpy(),
                    }
                ),
                hide_index=True,
            )
        return
    feature = gazetteer.by_id[selected]
    articles, mentions = view.stats().get(selected, (0, 0))
    st.html(snippets.feature_card(feature, articles, mentions))
    text_filter = st.text_input("Filter excerpts", key="excerpt_filter", placeholder="word in the sentence or title")
    with read_index(data) as index:
        rows, total = excerpts(index, data.frames, selected, view.article_ids, text_filter, limit=EXCERPTS_SHOWN)
    shown = f" (showing the newest {len(rows)})" if total > len(rows) else ""
    st.markdown(f"**{total} sentence{'s' * (total != 1)}** mention it{shown}, newest first")
    if rows:
        st.html(snippets.excerpt_list(rows))
    else:
        st.caption("No excerpt mentions it under the current filters.")


# --- counts and currencies ----------------------------------------------------------------------


def count_panels(charts: dict[str, Chart]) -> None:
    tabs = st.tabs(["Mentions by feature", "Over time", "Discussed together"])
    for tab, name in zip(tabs, ("mentions-by-feature", "mentions-over-time", "co-mentions"), strict=True):
        with tab:
            st.plotly_chart(charts[name].figure, key=f"chart-{name}", config={"displaylogo": False})
            downloads(charts[name], name)


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
