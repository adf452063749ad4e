"""Hostile text in the app (issue 18.5, 18.10): URL parameters, file names, folder names and page
text reach the page as plain text, never as markdown or HTML; bidi overrides and zero-width
characters are neutralised; a very long word stays inside the excerpt column.

One table of cases runs in-process (AppTest); the browser tests check the same in Chromium: no
dialog, no image request, nothing rendered from markdown; and a saved page with control characters
and script dropped into a running app's seeds costs one problem line naming it (issue 27).
"""

from __future__ import annotations

import shutil
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from conftest import ARTIFACTS, GEODATA, PAGES, REPO, SEEDS, make_geodata
from harness import MAP, SETTLED, AppServer, launch_chromium
from streamlit.testing.v1 import AppTest

from dashboard.ui import html as snippets

APP = str(REPO / "app.py")
NAME_MARKDOWN = "[x](javascript:alert(1)) :red[RED] ![p](p.png) $x^2$ **bold**"  # a file name holds no "/"
MARKDOWN = NAME_MARKDOWN + " :material/home:"
SPOOF = "\u202eTROPER LAICIFFO"  # shows as "OFFICIAL REPORT" when the override is honoured
LONG_WORD = "A" * 10_000


def listing(title: str, text: str, day: str = "2 July 2026") -> str:
    """A Times of Central Asia listing page holding one article (newer than every seed page)."""
    return f"  • KZT/USD = 0.00200 0.5%\n{day}\n\nViewing results 1 - 1 of 1\n\n{title}\n\n{text}...\n"


@dataclass
class Case:
    name: str
    query: dict = field(default_factory=dict)
    pages: dict = field(default_factory=dict)  # file name -> content, added to the seeds
    seeds: str | None = None  # a seeds folder of this name instead (made empty unless "missing")
    kind: str = "info"  # where the text shows: a notice of this kind, or "excerpt"
    expected: str = ""  # in that element's HTML (escaped)
    absent: tuple[str, ...] = ("\u202e", "\u200b")


CASES = [
    Case(
        "unknown ?feature= with markdown",
        query={"feature": MARKDOWN},
        expected="No route or port has the id &#x27;[x](javascript:alert(1)) :red[RED] ![p](p.png) $x^2$",
    ),
    Case(  # the page file is the source's tooltip under an excerpt
        "page file name with markdown",
        query={"feature": "aktau"},
        pages={
            f"zz {NAME_MARKDOWN}.txt": listing("Barges at the Port of Aktau", "Barges left the Port of Aktau for Alat")
        },
        kind="excerpt",
        expected=f'title="zz {NAME_MARKDOWN}.txt"',
    ),
    Case(
        "file name with a bidi override and a zero-width space",
        query={"feature": "aktau"},
        pages={
            "zz\u202etxt.exe\u200b.txt": listing(
                "Barges at the Port of Aktau", "Barges left the Port of Aktau for Alat"
            )
        },
        kind="excerpt",
        expected='title="zztxt.exe.txt"',
    ),
    Case(
        "title and text with a bidi override and zero-width characters",
        query={"feature": "aktau"},
        pages={
            "zz.txt": listing(
                f"{SPOOF} on the Port of Aktau",
                "Barges left the Port of Ak\u200btau and the Port of Aktau\u2060 for Alat",
            )
        },
        kind="excerpt",
        expected="TROPER LAICIFFO on the Port of Aktau",
    ),
    Case(
        "seeds folder named with markdown, empty",
        seeds=f"seeds {NAME_MARKDOWN}",
        expected="No articles yet: add pages to ",
    ),
    Case(
        "seeds folder named with markdown, missing",
        seeds=f"missing {NAME_MARKDOWN}",
        kind="error",
        expected="seeds folder not found",
    ),
]


def _markdown_elements(at: AppTest) -> list[str]:
    found = []
    for kind in ("markdown", "caption", "info", "warning", "error", "success", "title", "header", "subheader"):
        found += [element.value for element in getattr(at, kind)]
    return found


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_text_shows_as_plain_text(case: Case, tmp_path, monkeypatch):
    if case.seeds:
        seeds = tmp_path / case.seeds
        if not case.seeds.startswith("missing"):
            seeds.mkdir()
    else:
        seeds = tmp_path / "seeds"
        shutil.copytree(SEEDS, seeds)
    for name, content in case.pages.items():
        (seeds / name).write_text(content, encoding="utf-8")
    monkeypatch.setenv("DASHBOARD_SEEDS", str(seeds))
    monkeypatch.setenv("DASHBOARD_GEODATA", str(make_geodata(tmp_path / "geodata", GEODATA)))
    monkeypatch.setenv("DASHBOARD_DATA", str(tmp_path / "data"))
    at = AppTest.from_file(APP, default_timeout=120)
    for key, value in case.query.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    bodies = [h.proto.body for h in at.html]
    marker = 'data-testid="excerpt"' if case.kind == "excerpt" else f'data-kind="{case.kind}"'
    shown = [b for b in bodies if marker in b]
    assert any(case.expected in b for b in shown), shown
    assert not any(part in b for b in bodies for part in case.absent)
    assert not any("RED" in text or "javascript" in text for text in _markdown_elements(at)), "no untrusted markdown"


@pytest.mark.parametrize(
    ("raw", "displayed"),
    [
        ("\u202eTROPER LAICIFFO", "TROPER LAICIFFO"),
        ("C\u200bPC and B\u200dT\u200cC\u2060\ufeff", "CPC and BTC"),
        ("left\u2066isolate\u2069\u200e\u200f\u061c", "leftisolate"),
        ("bell\x07 and nul\x00", "bell\ufffd and nul\ufffd"),
        ("tabs\tand\nnewlines stay", "tabs\tand\nnewlines stay"),
        ("Türkmenbaşy, Актау", "Türkmenbaşy, Актау"),
    ],
)
def test_invisible_characters_are_neutralised_for_display(raw, displayed):
    assert snippets.shown(raw) == displayed


def test_untrusted_text_is_escaped_after_neutralising():
    assert snippets.text("<b>\u202e&</b>") == "&lt;b&gt;&amp;&lt;/b&gt;"
    assert 'data-kind="error"' in snippets.notice("<script>", "error")
    assert "&lt;script&gt;" in snippets.notice("<script>", "error")


# --- in Chromium ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("hostile")
    seeds = root / "seeds"
    shutil.copytree(SEEDS, seeds)
    text = f"Barges left the Port of Aktau for Alat with {LONG_WORD} on board"
    (seeds / f"zz {NAME_MARKDOWN}.txt").write_text(listing(f"{SPOOF} on the Port of Aktau", text), encoding="utf-8")
    geodata = make_geodata(root / "geodata", GEODATA)
    env = {"DASHBOARD_SEEDS": str(seeds), "DASHBOARD_GEODATA": str(geodata), "DASHBOARD_DATA": str(root / "data")}
    with AppServer(root, env) as app:
        yield app.url


@pytest.mark.browser
def test_hostile_url_and_file_name_render_as_text_in_the_browser(hostile_server: str):
    from playwright.sync_api import expect, sync_playwright

    payload = MARKDOWN.replace("p.png", f"{hostile_server}/p.png")
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        page = browser.new_page(viewport={"width": 1600, "height": 1100})
        requests, dialogs = [], []
        page.on("request", lambda request: requests.append(request.url))
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(f"{hostile_server}/?feature={urllib.parse.quote(payload, safe='')}")
        expect(page.locator(SETTLED)).to_be_attached(timeout=90_000)
        info = page.locator("[data-testid='cw-notice'][data-kind='info']")
        expect(info).to_contain_text(f"No route or port has the id '{payload}'")
        caption = page.locator("[data-testid='cw-notice'][data-kind='caption']")
        expect(caption.first).to_contain_text("articles dated")
        expect(caption.first).not_to_contain_text("zz ")  # the header names no page file
        for rendered in (
            ".stMarkdownColoredText",
            ".katex",
            "a[href^='javascript']",
            "[role='img'][aria-label='home icon']",
        ):
            expect(page.locator(rendered)).to_have_count(0)
        expect(page.locator("[data-testid='cw-notice'] :is(a, img, strong)")).to_have_count(0)

        page.goto(f"{hostile_server}/?feature=aktau")
        expect(page.locator(SETTLED)).to_be_attached(timeout=90_000)
        titled = page.locator("[data-testid='excerpt']", has_text="TROPER LAICIFFO")
        expect(titled).to_have_count(2)  # the headline names Aktau too
        assert not any("\u202e" in shown for shown in titled.all_inner_texts())
        excerpt = titled.filter(has_text="Barges left the Port of Aktau")
        expect(excerpt).to_have_count(1)
        width = excerpt.evaluate(
            "e => ({scroll: e.scrollWidth, client: e.clientWidth, right: e.getBoundingClientRect().right})"
        )
        assert width["scroll"] <= width["client"], width
        assert width["right"] <= page.viewport_size["width"], width
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "hostile-long-word.png"), full_page=True)
        assert dialogs == []
        assert not [u for u in requests if u.endswith("p.png")], "no image fetched"
        browser.close()


def control_and_script_page() -> str:
    """A saved article page with control characters and script in its headline and text (entities: the
    reader gives them as text), and a script element in its body."""
    page = (PAGES / "articles" / "caspian_courier_alat.html").read_text(encoding="utf-8")
    headline = "Alat Free Zone Signs First Logistics Tenant"
    assert page.count(headline) == 4 and page.count("BAKU — ") == 1
    page = page.replace(headline, "Alat\x07 Free Zone Signs &lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt; Tenant")
    return page.replace(
        "BAKU — ",
        "BAKU\x01\x00 — &lt;script&gt;alert(&#39;body&#39;)&lt;/script&gt;<script>alert('run')</script> ",
    )


@pytest.fixture(scope="module")
def dropping_server(tmp_path_factory) -> Iterator[tuple[str, Path]]:
    root = tmp_path_factory.mktemp("dropped")
    seeds = root / "seeds"
    shutil.copytree(SEEDS, seeds)
    geodata = make_geodata(root / "geodata", GEODATA)
    env = {"DASHBOARD_SEEDS": str(seeds), "DASHBOARD_GEODATA": str(geodata), "DASHBOARD_DATA": str(root / "data")}
    with AppServer(root, env) as app:
        yield app.url, seeds


@pytest.mark.browser
def test_a_page_with_control_characters_dropped_into_a_running_app_costs_one_line(dropping_server):
    from playwright.sync_api import expect, sync_playwright

    url, seeds = dropping_server
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        page = browser.new_page(viewport={"width": 1600, "height": 1100})
        dialogs = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(f"{url}/?feature=alat")
        expect(page.locator(SETTLED)).to_be_attached(timeout=90_000)
        (seeds / "zz_control.html").write_bytes(control_and_script_page().encode("utf-8"))
        page.reload()
        expect(page.locator(SETTLED)).to_be_attached(timeout=90_000)
        expect(page.locator(MAP)).to_be_attached(timeout=60_000)
        excerpt = page.locator("[data-testid='excerpt']", has_text="<script>alert('body')</script>")
        expect(excerpt).to_have_count(1, timeout=30_000)
        expect(excerpt).to_contain_text("BAKU — <script>alert('body')</script> The Alat Free Economic Zone")
        expect(excerpt).to_contain_text("Alat Free Zone Signs <script>alert('title')</script> Tenant")
        expect(page.locator("[data-testid='excerpt'] :is(script, img)")).to_have_count(0)
        problems = page.locator("[data-testid='stExpander']", has_text="problem(s) in")
        problems.locator("summary").click()
        expect(problems).to_contain_text("seeds/zz_control.html:")
        expect(problems).to_contain_text("control character(s) removed from the text")
        expect(page.locator("[data-testid='stException']")).to_have_count(0)
        assert "Traceback" not in page.inner_text("body")
        assert dialogs == []
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "dropped-control-page.png"), full_page=True)
        browser.close()


def test_sixty_thousand_problems_are_one_block_of_the_first_ones():
    """Issue 27.9: 60,000 problem lines from one page (or 50,000 unrecognised pages) made an element
    each and the page never finished drawing; the header lists the first ones in one text block."""
    from dashboard.errors import Problem
    from dashboard.ui.header import SHOWN_PROBLEMS, listed

    problems = [Problem("seeds/big.txt", "a line that is no article; skipped", n) for n in range(1, 60_001)]
    lines = listed(problems).split("\n")
    assert len(lines) == SHOWN_PROBLEMS + 1
    assert lines[0] == "seeds/big.txt:1: a line that is no article; skipped"
    assert lines[-1].startswith(f"… and {60_000 - SHOWN_PROBLEMS:,} more (all of them: ")
