"""The "What's new" panel in Chromium: rows with numbers and badges, a row click selecting the feature
as a map click does, the disruption marks on the map, page text shown as text, and a typed since-date
applied by Enter or Tab.

Screenshots go to artifacts/ (whats-new-*.png): look at them.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator

import pytest
from conftest import ARTIFACTS, PAGES, REPO, SEEDS, make_geodata
from harness import MAP, SETTLED, AppServer
from playwright.sync_api import Browser, Page, expect

pytestmark = pytest.mark.browser

ROW = "[data-testid='whats-new-row']"


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[str]:
    """The seeds (newest page 2026-02-23: the default window is 2026-01-25..2026-02-23) plus the hostile
    page, redated into that window."""
    root = tmp_path_factory.mktemp("whats-new")
    seeds = root / "seeds"
    shutil.copytree(SEEDS, seeds)
    hostile = (PAGES / "hostile" / "hostile_tca.txt").read_text(encoding="utf-8")
    assert "1 July 2025" in hostile
    (seeds / "zz_hostile.txt").write_text(hostile.replace("1 July 2025", "20 February 2026"), encoding="utf-8")
    geodata = make_geodata(root / "geodata", REPO / "geodata")
    shutil.copy(REPO / "geodata" / "events.json", geodata / "events.json")
    env = {"DASHBOARD_SEEDS": str(seeds), "DASHBOARD_GEODATA": str(geodata), "DASHBOARD_DATA": str(root / "data")}
    with AppServer(root, env) as app:
        yield app.url


@pytest.fixture
def page(browser: Browser, server: str) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1600, "height": 1100})
    opened = context.new_page()
    opened.dialogs = []  # type: ignore[attr-defined]
    opened.on("dialog", lambda dialog: (opened.dialogs.append(dialog.message), dialog.dismiss()))
    opened.goto(server)
    expect(opened.locator(SETTLED)).to_be_attached(timeout=90_000)
    expect(opened.locator(MAP)).to_be_attached(timeout=120_000)
    yield opened
    context.close()


def shot(target, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    target.screenshot(path=str(ARTIFACTS / f"{name}.png"))


def test_panel_shows_change_badges_and_excerpts(page: Page):
    cpc = page.locator(f"{ROW}[data-feature='cpc']")
    expect(cpc).to_contain_text("▲1 · 1 article in the window, 0 before")
    expect(cpc.locator("[data-tag='disruption']").first).to_have_text("disruption 1")
    cited = cpc.locator("[data-testid='whats-new-excerpt']", has_text="Opinion: Why Russia May Stop Oil Supplies")
    expect(cited.first).to_be_visible()  # its sentences, each cited
    shot(page.locator(".st-key-whats_new_since").locator("xpath=ancestor::details[1]"), "whats-new-panel")


def test_disruptions_are_marked_on_the_map(page: Page):
    marks = page.locator(".st-key-map g.traces", has_text="disruption")  # the symbols' legend (legend2)
    expect(marks).to_have_count(1)
    count = page.evaluate(
        """() => {
            const plot = document.querySelector('.st-key-map .js-plotly-plot');
            const trace = plot.data.find(t => t.name === 'disruption');
            return trace ? trace.lon.length : 0;
        }"""
    )
    # cpc and central-asia-center; aktau's "risk running aground" is security, and the BTC "increasingly
    # hindered by shallow waters" (a standing constraint, issue 21's look-alikes) is no disruption
    assert count == 2
    shot(page.locator(".st-key-map"), "whats-new-map-marks")


def test_clicking_a_row_selects_the_feature_like_a_map_click(page: Page):
    """The Central Asia–Center row is past the first rows: "Show all" brings it, its button selects it."""
    page.locator(".st-key-whats-new-all button").click()
    page.locator(".st-key-whats-new-central-asia-center button:visible").first.click(timeout=60_000)
    expect(page.locator("[data-testid='feature-card'][data-feature='central-asia-center']")).to_be_visible(
        timeout=30_000
    )
    expect(page).to_have_url(re.compile(r"[?&]feature=central-asia-center"))
    shot(page, "whats-new-selected")


def test_page_text_in_the_panel_is_text_and_the_sidebar_filters_apply(page: Page):
    search = page.locator(".st-key-search input")
    search.fill("onerror")
    search.press("Enter")
    expect(page.locator(f"{ROW}[data-feature='cpc']")).to_have_count(0, timeout=30_000)
    hostile = page.locator("[data-testid='whats-new-excerpt']", has_text="<img src=x onerror=alert('excerpt')>")
    expect(hostile).to_have_count(2, timeout=30_000)  # the Aktau row and the Alat row
    expect(hostile.first).to_contain_text("<script>alert('title')</script>")
    expect(hostile.locator("script, img, a")).to_have_count(0)
    assert page.dialogs == []
    shot(hostile.first, "whats-new-hostile")


@pytest.mark.parametrize(("typed", "key"), [("2026-02-20", "Enter"), ("2026-02-01", "Tab")])
def test_a_typed_since_date_applies_on_enter_and_on_tab(page: Page, typed: str, key: str):
    box = page.locator(".st-key-whats_new_since input")
    expect(box).to_have_attribute("placeholder", "2026-01-25")
    box.fill(typed)
    box.press(key)
    window = page.locator("[data-testid='stCaptionContainer']", has_text=" against ")
    expect(window).to_contain_text(f"{typed} to 2026-02-23", timeout=30_000)
    box.fill("25.01.2026")
    box.press(key)
    expect(page.locator("[data-testid='cw-notice'][data-kind='warning']")).to_contain_text(
        "'25.01.2026' is not a date (YYYY-MM-DD): showing the 30 days to 2026-02-23.", timeout=30_000
    )
    expect(window).to_contain_text("2026-01-25 to 2026-02-23")
    expect(page.locator("[data-testid='stException']")).to_have_count(0)
