"""The app map's selection drawn by the browser, not by plotly: a stylesheet that rings the selected
port, widens and haloes the selected route and dims the other routes a little, aimed at the SVG
plotly has already drawn. The map's figure stays the same object on every click, so Streamlit
re-sends nothing and plotly redraws nothing (a figure with an overlay added was a new chart, drawn
from scratch: ~250 ms a click). Exports draw the same emphasis as traces (`geomap.selection_traces`).

Which SVG element draws what is read off the figure: route lines carry their feature id in `meta`,
port markers the ids of their points; plotly draws a panel's traces in figure order, one `g.trace`
each, and a trace's markers in point order.
"""

from __future__ import annotations

from .style import HALO

DIMMED_OPACITY = 0.45  # the other routes'
ROUTE_WIDER_PX = 2.0
PORT_RING_PX = 4
GLOW = f"drop-shadow(0 0 2px {HALO}) drop-shadow(0 0 3px {HALO})"


def _panels(traces: list[dict]) -> dict[str, list[dict]]:
    """Each geo panel's drawn traces in drawing order (a trace without `geo` is in the first)."""
    panels: dict[str, list[dict]] = {}
    for trace in traces:
        if trace.get("visible", True) is True:
            panels.setdefault(trace.get("geo") or "geo", []).append(trace)
    return panels


def _panel_selector(scope: str, geo: str, panels) -> str:
    """Every panel's group has the class `geo` besides its own id: the first panel is the one that
    has none of the others' ids."""
    others = "".join(f":not(.{other})" for other in panels if other not in (geo, "geo"))
    return f"{scope} g.geo.{geo}{others} .scatterlayer > g.trace"


def emphasis_css(traces: list[dict], selected: str | None, scope: str) -> str:
    """CSS emphasising `selected` in a drawn map of these traces (plotly's figure dicts), inside the
    element `scope` selects; "" when nothing is selected or the feature is not drawn."""
    if not selected:
        return ""
    panels = _panels(traces)
    rules, emphasised = [], False
    for geo, drawn in panels.items():
        in_panel = _panel_selector(scope, geo, panels)
        for position, trace in enumerate(drawn, 1):
            meta = trace.get("meta")
            if isinstance(meta, str) and trace.get("mode") == "lines":
                line = f"{in_panel}:nth-child({position}) path.js-line"
                if meta == selected:
                    width = (trace.get("line") or {}).get("width", 2) + ROUTE_WIDER_PX
                    rules.append(f"{line} {{ stroke-width: {width:g}px !important; filter: {GLOW}; }}")
                    emphasised = True
                else:
                    rules.append(f"{line} {{ opacity: {DIMMED_OPACITY}; }}")
            elif isinstance(meta, list) and selected in meta:
                point = f"{in_panel}:nth-child({position}) path.point:nth-child({meta.index(selected) + 1})"
                rules.append(
                    f"{point} {{ stroke: {HALO} !important; stroke-width: {PORT_RING_PX}px !important;"
                    f" stroke-opacity: 1 !important; filter: {GLOW}; }}"
                )
                emphasised = True
    return "\n".join(rules) if emphasised else ""
