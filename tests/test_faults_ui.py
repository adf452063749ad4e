"""Hostile text in the app (issue 18.5, 18.10): URL parameters, file names, folder names and page
text reach the page as plain text, never as markdown or HTML; bidi overrides and zero-width
characters are neutralised; a very long word stays inside the excerpt column.

One table of cases runs in-process (AppTest); the browser test checks the same in Chromium: no
dialog, no image request, nothing rendered from markdown.
"""

from __future__ import annotations

import shutil
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
from conftest import ARTIFACTS, GEODATA, REPO, SEEDS, make_geodata
from harness import SETTLED, AppServer, launch_chromium
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
