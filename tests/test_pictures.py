"""Clean pictures: every chart the app offers for download, every image the deck embeds (the charts,
the map and the record's event strip) and the app's map, drawn by plotly.js in Chromium at the size they are made for, on the seeds and on a generated
corpus of 25 features in the news, 12 sources and five years. A picture fails when two texts overlap,
a text runs outside the figure, a legend lies over the plot area or over any other text, category
labels are skipped for want of room, or a plot area is squeezed to under 30% of the figure's height.

One browser page draws every figure (plotly.js from the plotly package: the same drawing as
kaleido's), so the whole module costs a few seconds, not one kaleido call per image."""

from __future__ import annotations

from pathlib import Path

import plotly
import pytest
from conftest import GEODATA, SEEDS
from plotly.io.json import to_json_plotly

from benchmarks.synthetic import news_dataset
from dashboard.analysis import Filters, compute_view, frames_from_records, rate_history
from dashboard.dataset import Dataset
from dashboard.export.briefing import chart_boxes, export_charts
from dashboard.export.files import CHART_ORDER
from dashboard.export.numbers_slide import STRIP_BOX, strip_figures
from dashboard.export.sizing import DOWNLOAD_BOX, box_points, sized_for_box
from dashboard.gazetteer import load_gazetteer

pytestmark = [pytest.mark.export, pytest.mark.slow]

PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
SLACK = 1.0  # px: boxes that touch are not overprinted
APP_SIZES = ((740, 520), (1130, 520))  # the map column at 1280 and 1920 px wide windows
MIN_PLOT_SHARE = 0.3  # of the figure's height: a plot squeezed by its title, legend and notes fails
# Every visible text's box, the legend's box and the plot areas, in the figure's pixels.
MEASURE = """
async (json) => {
  const {data, layout} = JSON.parse(json);
  const gd = document.getElementById('figure');
  Plotly.purge(gd);
  await Plotly.newPlot(gd, data, layout, {staticPlot: true});
  const root = gd.getBoundingClientRect();
  const box = (r) => ({x0: r.left - root.left, y0: r.top - root.top, x1: r.right - root.left, y1: r.bottom - root.top});
  const shown = (el) => {
    for (let e = el; e && e !== gd; e = e.parentElement) {
      const style = getComputedStyle(e);
      if (style.display === 'none' || style.visibility === 'hidden' || +style.opacity === 0) return false;
    }
    return true;
  };
  const texts = [...gd.querySelectorAll('svg text')]
    .filter((t) => t.textContent.trim() && shown(t))
    .map((t) => ({text: t.textContent, inLegend: !!t.closest('.legend'), ...box(t.getBoundingClientRect())}))
    .filter((t) => t.x1 > t.x0 && t.y1 > t.y0);
  const full = gd._fullLayout;
  const areas = Object.values(full._plots || {}).map((p) => ({
    x0: p.xaxis._offset, y0: p.yaxis._offset, x1: p.xaxis._offset + p.xaxis._length, y1: p.yaxis._offset + p.yaxis._length}));
  for (const key of Object.keys(full).filter((k) => /^geo\\d*$/.test(k))) {
    const g = gd.querySelector(`.geolayer #${key} .bglayer rect, .geolayer .${key} .bglayer rect`);
    const b = full[key]._subplot && full[key]._subplot.bbox;
    if (b) areas.push({x0: b.x0 ?? b.left, y0: b.y0 ?? b.top, x1: b.x1 ?? b.right, y1: b.y1 ?? b.bottom});
  }
  const skipped = Object.entries(full).filter(([k, ax]) => /^[xy]axis\\d*$/.test(k) && ax.type === 'category' && ax.visible
      && ax._vals && ax._categories && ax._vals.length < ax._categories.length).map(([k, ax]) => `${k}: ${ax._vals.length} of ${ax._categories.length}`);
  const legendNode = gd.querySelector('.legend rect.bg');
  return {width: full.width, height: full.height, texts, areas, skipped,
          legend: legendNode ? box(legendNode.getBoundingClientRect()) : null};
}
"""


def _overlap(a: dict, b: dict) -> bool:
    return (
        min(a["x1"], b["x1"]) - max(a["x0"], b["x0"]) > SLACK and min(a["y1"], b["y1"]) - max(a["y0"], b["y0"]) > SLACK
    )


def faults(drawing: dict) -> list[str]:
    """What makes a picture unfit for a slide, one line each."""
    texts, found = drawing["texts"], []
    for n, a in enumerate(texts):
        for b in texts[n + 1 :]:
            if _overlap(a, b):
                found.append(f"{a['text']!r} overprints {b['text']!r}")
        if (
            a["x0"] < -SLACK
            or a["y0"] < -SLACK
            or a["x1"] > drawing["width"] + SLACK
            or a["y1"] > drawing["height"] + SLACK
        ):
            found.append(f"{a['text']!r} runs outside the figure")
    found += [f"{axis} category labels drawn (the rest skipped for want of room)" for axis in drawing["skipped"]]
    found += [
        f"a plot area only {area['y1'] - area['y0']:.0f} px high"
        for area in drawing["areas"]
        if area["y1"] - area["y0"] < MIN_PLOT_SHARE * drawing["height"]
    ]
    legend = drawing["legend"]
    if legend:
        found += [f"the legend lies over a plot area {area}" for area in drawing["areas"] if _overlap(legend, area)]
        found += [f"the legend lies over {t['text']!r}" for t in texts if not t["inLegend"] and _overlap(legend, t)]
    return found


@pytest.fixture(scope="module")
def page(browser):
    page = browser.new_page()
    page.set_content('<html><body style="margin:0"><div id="figure"></div></body></html>')
    page.add_script_tag(path=str(PLOTLY_JS))
    # A first drawing loads the fonts, so that no text is measured in a fallback font.
    page.evaluate(MEASURE, to_json_plotly({"data": [{"type": "bar", "y": [1]}], "layout": {"title": {"text": "x"}}}))
    page.evaluate("document.fonts.ready.then(() => true)")
    yield page
    page.close()


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer(GEODATA)


def _seeds(gazetteer):
    data = Dataset.fresh(SEEDS, gazetteer)
    return frames_from_records(data.articles, data.mentions, data.rates)


def _grown(gazetteer):
    return frames_from_records(*news_dataset(gazetteer.features, sources=12, years=5))


CORPORA = {"seeds": _seeds, "25 features, 12 sources, 5 years": _grown}


def _signalled(frames):
    """A feature with an event signal in every month of the corpus's dates, each tag in turn."""
    from types import SimpleNamespace

    from dashboard.events import TAGS
    from dashboard.newsstatus import Signal

    months = sorted({d[:7] for d in frames.articles["date"].dropna()})
    signals = [
        Signal("btc", f"{month}-15", TAGS[n % len(TAGS)], str(n), f"Title {n}", "Source", "A sentence.", "halted")
        for n, month in enumerate(months)
    ]
    return SimpleNamespace(feature=SimpleNamespace(id="btc"), signals=signals)


def pictures(gazetteer, frames) -> dict[str, dict]:
    """Every picture to check, as plotly figure dicts at the size they are made for: each chart's
    download (title kept), each image of the deck (a slide's own title bar instead), the app's map."""
    from dashboard.charts import build_charts, map_aspect, map_chart

    view = compute_view(frames, gazetteer, Filters())
    marked = frozenset(list(view.stats())[:2]) | {"poti", "btc"}
    charts = export_charts(view, gazetteer, frames, marked=marked)
    downloads = build_charts(view, gazetteer, rate_history(frames.rates), aspect=map_aspect(*box_points(*DOWNLOAD_BOX)))
    boxes = chart_boxes(frames)
    found = {}
    for name in CHART_ORDER:
        found[f"{name} (download)"] = sized_for_box(downloads[name].figure, *DOWNLOAD_BOX)
        found[f"{name} (deck)"] = sized_for_box(charts[name].figure, *boxes[name], slide=True)
    strips = strip_figures([_signalled(frames)])
    for name, figure in strips.items():  # the "By the numbers" slide's event strip (record_charts)
        found[f"{name} (deck)"] = sized_for_box(figure, *STRIP_BOX, slide=True)
    for size in APP_SIZES:  # the app's map grows with the window; a selection adds its overlay
        app = map_chart(view, gazetteer, selected="btc", marked=marked, framed=False).figure.to_dict()
        app["layout"] |= {"width": size[0], "height": size[1]}
        found[f"map (app, {size[0]}x{size[1]})"] = app
    return found


def _check(page, gazetteer, corpus: str, maps: bool) -> None:
    frames = CORPORA[corpus](gazetteer)
    problems = []
    for name, spec in pictures(gazetteer, frames).items():
        if name.startswith("map") != maps:
            continue
        drawing = page.evaluate(MEASURE, to_json_plotly(spec))
        assert drawing["texts"], name  # drawn at all
        problems += [f"{name}: {fault}" for fault in faults(drawing)]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("corpus", CORPORA)
def test_every_chart_is_clean(page, gazetteer, corpus):
    _check(page, gazetteer, corpus, maps=False)


@pytest.mark.parametrize("corpus", CORPORA)
def test_every_map_picture_is_clean(page, gazetteer, corpus):
    _check(page, gazetteer, corpus, maps=True)


def test_the_check_sees_an_overprint_a_clipped_label_and_a_legend_on_the_plot(page):
    """The check itself: a legend over the bars, a y label running off the left, two texts on one spot."""
    import plotly.graph_objects as go

    fig = go.Figure(go.Bar(x=[1, 2], y=["a very long label that cannot fit in the margin", "b"], orientation="h"))
    fig.add_annotation(text="one", x=0.5, y=0.5, xref="paper", yref="paper", showarrow=False)
    fig.add_annotation(text="two", x=0.5, y=0.5, xref="paper", yref="paper", showarrow=False)
    fig.update_layout(width=500, height=300, margin=dict(l=20), legend=dict(x=0.5, y=0.5), showlegend=True)
    fig.update_yaxes(automargin=False)
    spec = fig.to_dict()
    found = "\n".join(faults(page.evaluate(MEASURE, to_json_plotly(spec))))
    assert "'one' overprints 'two'" in found
    assert "runs outside the figure" in found
    assert "the legend lies over a plot area" in found
