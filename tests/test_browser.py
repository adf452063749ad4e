"""The app as a person uses it: `streamlit run` on a free port, Debian's Chromium via Playwright.

Screenshots of the page and the map are kept in artifacts/ (look at them).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest
from conftest import ARTIFACTS, PAGES, REPO, SEEDS, make_geodata
from harness import MAP, SETTLED, AppServer, launch_chromium
from playwright.sync_api import Browser, Page, expect, sync_playwright

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[str]:
    """The real app on the shipped seeds plus a hostile page, and the repo's geodata."""
    root = tmp_path_factory.mktemp("browser")
    seeds = root / "seeds"
    shutil.copytree(SEEDS, seeds)
    shutil.copy(PAGES / "hostile" / "hostile_tca.txt", seeds / "zz_hostile.txt")
    geodata = make_geodata(root / "geodata", REPO / "geodata")
    env = {"DASHBOARD_SEEDS": str(seeds), "DASHBOARD_GEODATA": str(geodata), "DASHBOARD_DATA": str(root / "data")}
    with AppServer(root, env) as app:
        yield app.url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = launch_chromium(playwright)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser, server: str) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1600, "height": 1100})
    opened = context.new_page()
    opened.requests = []  # type: ignore[attr-defined]
    opened.dialogs = []  # type: ignore[attr-defined]
    opened.on("request", lambda request: opened.requests.append(request.url))
    opened.on("dialog", lambda dialog: (opened.dialogs.append(dialog.message), dialog.dismiss()))
    yield opened
    context.close()


def open_app(page: Page, server: str, query: str = "") -> None:
    page.goto(f"{server}/{query}")
    expect(page.locator(SETTLED)).to_be_attached(timeout=90_000)
    expect(page.locator(MAP)).to_be_attached(timeout=60_000)


def shot(page: Page, name: str, locator=None) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    (locator or page).screenshot(path=str(ARTIFACTS / f"{name}.png"), **({} if locator else {"full_page": True}))


def test_page_loads_offline_with_map_and_base_map(page: Page, server: str):
    open_app(page, server)
    expect(page.locator("[data-testid='stException']")).to_have_count(0)
    expect(page.get_by_role("heading", name="Corridor Watch")).to_be_visible()
    land = page.locator(".st-key-map .geolayer .scatterlayer .trace").first.locator("path.js-line")
    expect(land).to_have_count(1)
    assert len(land.get_attribute("d")) > 10_000, "the base map's land polygons are drawn"
    assert land.evaluate("e => getComputedStyle(e).fill") == "rgb(239, 236, 230)", "land is filled"
    assert page.locator(".st-key-map .geolayer .scatterlayer .trace").count() > 10  # base map, routes, ports
    shot(page, "page-initial")
    shot(page, "map-initial", page.locator(".st-key-map"))
    outside = [u for u in page.requests if not u.startswith(server) and not u.startswith(("data:", "blob:"))]
    assert outside == [], outside


def _btc_click_point(page: Page) -> dict:
    """Screen position of a BTC click target between two vertices of the drawn line (not on one)."""
    return page.evaluate(
        """() => {
        const gd = document.querySelector('.st-key-map .js-plotly-plot');
        const traces = gd._fullData;  // decoded: the spec sends coordinates as binary arrays
        const vertices = traces.filter(t => t.mode === 'lines' && t.name === 'oil pipeline')
            .flatMap(t => Array.from(t.lon).map((x, i) => [x, t.lat[i]])).filter(([x]) => !Number.isNaN(x));
        const onVertex = (x, y) => vertices.some(([vx, vy]) => Math.hypot(vx - x, vy - y) < 0.01);
        const index = traces.findIndex(t => t.name === 'click targets' && t.customdata[0] === 'btc');
        const trace = traces[index];
        const btc = trace.customdata.map((id, i) => i).filter(i => !onVertex(trace.lon[i], trace.lat[i]));
        // BTC shares its corridor with the South Caucasus Pipeline and ends at a terminal marker:
        // click where no other clickable thing is near.
        const others = traces.filter(t => t.customdata).flatMap(t =>
            t.customdata.map((id, i) => [id, t.lon[i], t.lat[i]])).filter(([id]) => id !== 'btc');
        const clearance = i => Math.min(...others.map(([, x, y]) => Math.hypot(trace.lon[i] - x, trace.lat[i] - y)));
        const pick = btc.reduce((best, i) => clearance(i) > clearance(best) ? i : best, btc[0]);
        const group = gd.querySelectorAll('.geolayer .scatterlayer .trace')[index];
        const box = group.querySelectorAll('path.point')[pick].getBoundingClientRect();
        return {x: box.x + box.width / 2, y: box.y + box.height / 2, between: btc.length, vertices: vertices.length};
    }"""
    )


def test_clicking_the_btc_line_shows_its_card_and_excerpts(page: Page, server: str):
    open_app(page, server)
    target = _btc_click_point(page)
    assert target["between"] > 50 and target["vertices"] > 10
    page.mouse.move(target["x"], target["y"])
    page.mouse.click(target["x"], target["y"])
    card = page.locator("[data-testid='feature-card'][data-feature='btc']")
    expect(card).to_be_visible(timeout=30_000)
    expect(card).to_contain_text("Baku")
    expect(page.locator("[data-testid='excerpt']").first).to_contain_text("BTC")
    assert "feature=btc" in page.url
    expect(page.locator(SETTLED)).to_be_attached()
    shot(page, "page-btc-clicked")
    shot(page, "map-btc-selected", page.locator(".st-key-map"))


PORT_MARKER_JS = """(fid) => {
    // The port's click target (invisible) gives its centre; the drawn marker there gives its radius.
    const gd = document.querySelector('.st-key-map .js-plotly-plot');
    const groups = Array.from(gd.querySelectorAll('.geolayer .scatterlayer .trace'));
    const traceOf = g => { const c = g.__data__; return (Array.isArray(c) ? c[0] : c).trace; };
    const centre = node => { const b = node.getBoundingClientRect(); return {x: b.x + b.width / 2, y: b.y + b.height / 2, r: b.width / 2}; };
    for (const group of groups.filter(g => traceOf(g).name === 'click targets')) {
        const i = Array.from(traceOf(group).customdata).indexOf(fid);
        if (i < 0) continue;
        const at = centre(group.querySelectorAll('path.point')[i]);
        const drawn = groups.filter(g => traceOf(g).name !== 'click targets')
            .flatMap(g => Array.from(g.querySelectorAll('path.point')).map(centre))
            .find(p => Math.hypot(p.x - at.x, p.y - at.y) < 1);
        return drawn ? {x: at.x, y: at.y, radius: drawn.r} : null;
    }
    return null;
}"""


@pytest.mark.parametrize("port", ["aktau", "kuryk", "alat", "batumi"])
def test_clicking_a_port_at_the_end_of_routes_selects_the_port(page: Page, server: str, port: str):
    """Routes run into these ports; a click anywhere on the port's marker must pick the port. Alat's
    marker overlaps Sangachal's at this zoom: the port with more articles (drawn bigger) wins."""
    open_app(page, server)
    marker = page.evaluate(PORT_MARKER_JS, port)
    assert marker and marker["radius"] > 3
    for dx, dy in ((0, 0), (0.7, 0), (-0.5, 0.5)):  # the centre, then towards the marker's edge
        x, y = marker["x"] + dx * marker["radius"], marker["y"] + dy * marker["radius"]
        page.mouse.move(x, y)
        page.mouse.click(x, y)
        expect(page.locator(f"[data-testid='feature-card'][data-feature='{port}']")).to_be_visible(timeout=30_000)
        expect(page.locator(SETTLED)).to_be_attached()
        page.goto(f"{server}/?feature=cpc")  # start each click from another selection
        expect(page.locator("[data-testid='feature-card'][data-feature='cpc']")).to_be_visible(timeout=60_000)
        expect(page.locator(MAP)).to_be_attached(timeout=60_000)  # as in open_app: the map draws after the card


def test_url_opens_with_cpc_selected(page: Page, server: str):
    open_app(page, server, "?feature=cpc")
    expect(page.locator("[data-testid='feature-card'][data-feature='cpc']")).to_be_visible()
    expect(page.locator("[data-testid='excerpt']").first).to_be_visible()
    expect(page.locator("mark", has_text="CPC").first).to_be_visible()
    shot(page, "page-cpc")


def test_hostile_title_renders_as_text_and_opens_no_dialog(page: Page, server: str):
    open_app(page, server, "?feature=aktau")
    # The headline names Aktau too, so the article shows twice: the headline, then the sentence.
    titled = page.locator("[data-testid='excerpt']", has_text="<script>alert('title')</script>")
    expect(titled).to_have_count(2)
    hostile = titled.filter(has_text="Barges left the Port of Aktau")
    expect(hostile).to_contain_text("<img src=x onerror=alert('excerpt')>")
    expect(hostile).to_contain_text("[this](http://evil.example)")
    expect(titled.locator("script, img, a")).to_have_count(0)
    assert page.dialogs == []
    shot(page, "excerpt-hostile", hostile)


def test_select_box_selects_for_keyboard_users(page: Page, server: str):
    open_app(page, server)
    box = page.locator(".st-key-feature_box")
    box.click()
    page.keyboard.type("Port of Poti")
    page.keyboard.press("Enter")
    expect(page.locator("[data-testid='feature-card'][data-feature='poti']")).to_be_visible(timeout=30_000)
    assert "feature=poti" in page.url
