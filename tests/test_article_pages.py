"""Pages saved from a browser, article identity, and picking up changed pages (issue 11).

The three article pages in tests/pages/articles/ come from three made-up sites built like real ones
(nav bar, breaking-news strip, "most read", related links, comments, footer naming Aktau); what an
analyst should get from each was written down before the reader ran on them.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest import GEODATA, PAGES, SEEDS, cli_json, run_cli

from dashboard.corpus import load_corpus, parse_file
from dashboard.gazetteer import load_gazetteer
from dashboard.identity import merge_articles
from dashboard.linking import Linker
from dashboard.pagefiles import folder_signature
from dashboard.records import PageArticle, Sighting

ARTICLES = PAGES / "articles"

EXPECTED = {
    "caspian_courier_alat.html": {
        "title": "Alat Free Zone Signs First Logistics Tenant as Middle Corridor Volumes Climb",
        "published": "2025-04-14",
        "url": "https://caspiancourier.example.com/business/2025/04/alat-free-zone-first-tenant/",
        "authors": ("Leyla Huseynova",),
        "source": "Caspian Courier",
        "first": "BAKU — The Alat Free Economic Zone has signed its first logistics tenant",
        "last": "inside the zone this summer.\n\nContainer cranes at the new terminal.",  # the caption, its credit cut
        "features": {"alat", "middle-corridor", "btk"},
    },
    "steppe_herald_cpc.html": {
        "title": "CPC cuts loadings at Novorossiysk after mooring damage",
        "published": "2025-09-03",
        "url": "https://www.steppeherald.example.kz/en/energy/20250903-cpc-cuts-loadings",
        "authors": ("Daniyar Seitkali", "Anna Petrova"),
        "source": "The Steppe Herald",
        "first": "Kazakh exporters face delays",
        "last": "if spare parts are available in Russia.",
        "features": {"cpc", "novorossiysk"},
    },
    "black_sea_monitor_anaklia.html": {
        "title": "Georgia reopens Anaklia tender with a new investor shortlist",
        "published": "2025-11-18",
        "url": "https://blackseamonitor.example.org/2025/11/georgia-reopens-anaklia-tender",
        "authors": ("Tamar Lomidze",),
        "source": "Black Sea Monitor",
        "first": "TBILISI — Georgia has reopened the tender",
        "last": "A decision is expected before the summer.",
        "features": {"anaklia", "poti", "batumi"},
    },
}
CLUTTER = (
    "Most read",
    "Most popular",
    "Related",
    "Read also",
    "Offices in Almaty",
    "Subscribe",
    "All rights reserved",
    "Share on",
    "comments",
    "Same promises",
    "cookies",
    "Kuryk",
    "BTC",
    "Aktau",
)


@pytest.fixture(scope="module")
def linker() -> Linker:
    return Linker(load_gazetteer(GEODATA).features)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_article_page_gives_headline_date_url_authors_and_body_only(name, linker):
    page = parse_file(ARTICLES / name, name)
    expected = EXPECTED[name]
    assert page.family == "article" and len(page.articles) == 1
    article = page.articles[0]
    assert article.title == expected["title"]
    assert article.published == expected["published"]
    assert article.url == expected["url"]
    assert article.authors == expected["authors"]
    assert article.source == expected["source"]
    assert article.text.startswith(expected["first"]) and article.text.endswith(expected["last"])
    assert not article.text.startswith(article.title), "the headline is not repeated as text"
    for clutter in CLUTTER:
        assert clutter not in article.text, clutter
    assert {m.feature_id for m in linker.link("", article.text)} == expected["features"]
    assert all(p.severity == "note" for p in page.problems), "a clean article page raises no banner"


def test_three_sites_give_three_articles_not_one(tmp_path):
    for name in EXPECTED:
        shutil.copy(ARTICLES / name, tmp_path / name)
    corpus = load_corpus(tmp_path)
    assert sorted(a.title for a in corpus.articles) == sorted(e["title"] for e in EXPECTED.values())
    assert all(len(a.source_files) == 1 for a in corpus.articles)


def test_listing_saved_as_html_goes_through_its_family_with_each_entrys_link():
    page = parse_file(ARTICLES / "tca_listing_saved.html", "tca.html")
    assert page.family == "tca" and page.page_date == "2025-10-21"
    assert len(page.rates) == 5
    assert [(a.title, a.url) for a in page.articles] == [
        (
            "Poti and Anaklia Compete for the Same Cargo",
            "https://timesca.com/opinion/poti-and-anaklia-compete-for-the-same-cargo/",
        ),
        ("Why the CPC Matters More Than Ever", "https://timesca.com/opinion/why-the-cpc-matters-more-than-ever/"),
    ]
    for furniture in ("All rights reserved", "Most Popular", "Kuryk", "Offices in Almaty", "Subscribe"):
        assert all(furniture not in a.text for a in page.articles), furniture


@pytest.mark.parametrize(
    ("markup", "reason"),
    [
        ("<html><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav></body></html>", "without article text"),
        (
            "<html><body><div id='consent'>We use cookies to improve your experience. By continuing you accept "
            "our cookie policy. <button>Accept all</button> <button>Reject all</button></div></body></html>",
            "cookie/consent notice",
        ),
    ],
)
def test_html_without_main_text_is_reported_not_guessed(tmp_path, markup, reason):
    (tmp_path / "page.html").write_text(markup, encoding="utf-8")
    page = parse_file(tmp_path / "page.html", "page.html")
    assert page.articles == []
    assert [p.severity for p in page.problems] == ["error"] and reason in page.problems[0].message


def test_a_chinese_article_page_is_read_though_its_words_have_no_spaces(tmp_path):
    """A Xinhua or People's Daily page in Chinese (words run together) is an article, its menu is not."""
    article = (
        "<html><body><nav><a href='/'>首页</a> <a href='/news'>新闻</a> <a href='/biz'>财经</a></nav><article>"
        "<h1>中欧班列经霍尔果斯口岸通行量创新高</h1><p>据霍尔果斯海关消息，今年前十个月经霍尔果斯口岸进出境的中欧班列"
        "达到七千余列，同比增长百分之十二。</p><p>海关方面表示，口岸将继续优化通关流程，提升货物查验效率，保障班列安全畅通运行。</p>"
        "</article></body></html>"
    )
    (tmp_path / "page.html").write_text(article, encoding="utf-8")
    page = parse_file(tmp_path / "page.html", "page.html")
    assert [a.title for a in page.articles] == ["中欧班列经霍尔果斯口岸通行量创新高"]
    assert "七千余列" in page.articles[0].text and "财经" not in page.articles[0].text
    menu = (
        "<html><body><nav><a href='/'>首页</a> <a href='/news'>新闻</a> <a href='/biz'>财经体育</a></nav></body></html>"
    )
    (tmp_path / "menu.html").write_text(menu, encoding="utf-8")
    assert parse_file(tmp_path / "menu.html", "menu.html").articles == []


# --- identity -----------------------------------------------------------------------------------

BODY_A = (
    "The Port of Aktau handled a record 7 million tonnes of cargo this year, the port authority said, as "
    "ferry traffic to Baku and Alat grew with the Middle Corridor. Officials expect more container trains."
)
BODY_B = (
    "Georgia has reopened the tender for the Anaklia deep-sea port and shortlisted four groups, two of them "
    "from Europe, the economy ministry said on Tuesday, after years of delays and a cancelled contract."
)


@pytest.mark.parametrize(
    "line",
    [
        "<p><strong>Read more:</strong> <a href='/x'>Poti port's new berth to double Georgia's capacity</a></p>",
        "<p>Also read: <a href='/x'>Georgian Railway speeds up modernisation of the line to Poti</a></p>",
        "<p><strong>Related:</strong> <a href='/x'>Novorossiysk Crude Exports Rebound As Storms Ease</a></p>",
        "<p>Also in this issue: <a href='/x'>Poti port: APM Terminals plans a new berth</a></p>",
        "<p>\u0427\u0438\u0442\u0430\u0439\u0442\u0435 \u0442\u0430\u043a\u0436\u0435: <a href='/x'>\u041f\u043e\u0440\u0442 \u041f\u043e\u0442\u0438</a></p>",
        "<p>Оқи отырыңыз: <a href='/x'>Поти порты</a></p>",  # Kazinform 189 (Kazakh)
        "<p>Oxu: <a href='/x'>Poti limanı yeni terminal açır</a></p>",  # Azerbaijani
        # batches 209-217: Ukrainian, Italian, German, Romanian and Turkish outlets
        "<p>Читайте також: <a href='/x'>Порт Поті відновив роботу</a></p>",
        "<p>Leggi anche: <a href='/x'>Il porto di Poti raddoppia</a></p>",
        "<p>Lesen Sie auch: <a href='/x'>Poti: neuer Terminal</a></p>",
        "<p>Citește și: <a href='/x'>Portul Poti își dublează capacitatea</a></p>",
        "<p>İlginizi çekebilir: <a href='/x'>Poti limanı büyüyor</a></p>",
        # batches 217-226: Turkish "related news", Turkmen, Kyrgyz, Uzbek and Bulgarian outlets
        "<p>İlgili Haber: <a href='/x'>Poti limanı büyüyor</a></p>",
        "<p>Şeýle hem okaň: <a href='/x'>Poti porty giňeldilýär</a></p>",
        "<p>Окуңуз: <a href='/x'>Поти порту кеңейтилет</a></p>",
        "<p>Shuningdek o‘qing: <a href='/x'>Poti porti kengaytirilmoqda</a></p>",
        "<p>Прочетете още: <a href='/x'>Пристанище Поти се разширява</a></p>",
        # other languages of reprints (eighteenth session)
        "<p>Leia também: <a href='/x'>Porto de Poti dobra a capacidade</a></p>",
        "<p>Czytaj także: <a href='/x'>Port Poti się rozbudowuje</a></p>",
        "<p>Lire aussi : <a href='/x'>Le port de Poti s'agrandit</a></p>",
        "<p>Материалы по теме: <a href='/x'>Порт Поти расширяется</a></p>",
        "<p>İlgili Haberler: <a href='/x'>Poti limanı büyüyor</a></p>",
        "<p>Mavzuga oid: <a href='/x'>Poti porti kengaytirilmoqda</a></p>",
        "<p>Oqı otyryńyz: <a href='/x'>Poti portyndaǵy jańa terminal</a></p>",  # batch 361 (Kazakh, Latin)
    ],
)
def test_a_line_in_the_body_pointing_to_another_article_is_clutter(tmp_path, line):
    body = "<p>" + BODY_A + "</p>" + line + "<p>" + BODY_B + "</p>"
    markup = f"<html><head><title>Aktau handles a record</title></head><body><article>{body}</article></body></html>"
    (tmp_path / "page.html").write_text(markup, encoding="utf-8")
    [article] = parse_file(tmp_path / "page.html", "page.html").articles
    assert (
        "Poti" not in article.text
        and "Novorossiysk" not in article.text
        and "\u041f\u043e\u0442\u0438" not in article.text
        and "Поті" not in article.text
    )
    assert BODY_A[:40] in article.text and BODY_B[:40] in article.text


def item(title: str, text: str, source: str = "Site", file: str = "a.txt", line: int = 1, **kw) -> PageArticle:
    return PageArticle(title, text, source, Sighting(file, line, line + 2), **kw)


def test_same_title_different_text_is_two_articles_and_keeps_both_texts():
    merged = merge_articles([item("Home", BODY_A, file="a.html"), item("Home", BODY_B, file="b.html")])
    assert sorted(a.text for a in merged) == sorted([BODY_A, BODY_B])


def test_generic_title_with_short_texts_never_merges():
    merged = merge_articles([item("Home", "Port news."), item("Home", "Pipeline news.", file="b.txt")])
    assert len(merged) == 2


def test_same_body_under_a_new_title_counts_once_with_both_titles():
    merged = merge_articles([item("Aktau Sets a Record", BODY_A), item("Record Year at Aktau", BODY_A, file="b.txt")])
    assert len(merged) == 1
    article = merged[0]
    assert article.text == BODY_A
    assert {article.title, *article.also_titled} == {"Aktau Sets a Record", "Record Year at Aktau"}
    assert {s.file for s in article.source_files} == {"a.txt", "b.txt"}


def test_syndicated_story_on_two_sites_counts_once_keeping_the_full_text():
    teaser = " ".join(BODY_A.split()[:35]) + "..."
    merged = merge_articles(
        [
            item("Aktau Sets a Record", teaser, source="Times of Central Asia", truncated=True),
            item(
                "Aktau port sets a record", BODY_A, source="Caspian Courier", file="b.html", url="https://x.example/a"
            ),
        ]
    )
    assert len(merged) == 1
    assert merged[0].text == BODY_A and not merged[0].truncated and merged[0].url == "https://x.example/a"


def test_a_merge_never_drops_a_text():
    """Every text read survives in some article: merging keeps the fullest copy of one text only."""
    items = [
        item("Home", BODY_A),
        item("Home", BODY_B, file="b.txt"),
        item("Other", BODY_A, file="c.txt"),
        item("Home", BODY_A + " More text follows here.", file="d.txt"),
        item("Brief", "Short note.", file="e.txt"),
    ]
    merged = merge_articles(items)
    for original in items:
        assert any(a.text.startswith(original.text) for a in merged), original.text


def test_copy_of_a_listing_under_new_titles_does_not_double_the_counts(tmp_path, data_dir):
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    listing = (seeds / "001_f241d4492d3a237c.txt").read_text(encoding="utf-8")
    first = next(a for a in load_corpus(SEEDS).articles if a.source_files[0].file.startswith("001"))
    (seeds / "copy" / "retitled.txt").parent.mkdir()
    (seeds / "copy" / "retitled.txt").write_text(listing.replace(first.title, "A Brand New Title"), encoding="utf-8")
    before, _ = cli_json("counts", "--no-index", data_dir=data_dir)
    articles, _ = cli_json("articles", "--seeds", str(seeds), data_dir=data_dir)
    after, _ = cli_json("counts", "--seeds", str(seeds), data_dir=data_dir)
    assert len(articles) == 32
    retitled = next(a for a in articles if a["id"] == first.id)
    assert retitled["also_titled"] == ["A Brand New Title"]
    assert after == before


# --- picking up changes -------------------------------------------------------------------------


def test_page_added_in_a_subfolder_and_edited_in_place_are_picked_up(tmp_path, data_dir):
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    first, _ = cli_json("articles", "--seeds", str(seeds), data_dir=data_dir)
    signature = folder_signature(seeds)
    (seeds / "saved" / "2025").mkdir(parents=True)
    shutil.copy(ARTICLES / "steppe_herald_cpc.html", seeds / "saved" / "2025" / "cpc.html")
    assert folder_signature(seeds) != signature
    signature = folder_signature(seeds)
    edited = seeds / "004_4074f700427a889e.txt"
    text = edited.read_text(encoding="utf-8")
    edited.write_text(text.replace("Kazakhstan as an Emerging Middle Power", "Kazakhstan as a Middle Power"), "utf-8")
    os.utime(edited, ns=(edited.stat().st_atime_ns, edited.stat().st_mtime_ns + 1_000_000))
    assert folder_signature(seeds) != signature
    second, _ = cli_json("articles", "--seeds", str(seeds), data_dir=data_dir)
    titles = {a["title"] for a in second}
    assert "CPC cuts loadings at Novorossiysk after mooring damage" in titles
    assert "Kazakhstan as a Middle Power" in titles and "Kazakhstan as an Emerging Middle Power" not in titles
    assert len(second) == len(first) + 1
    cpc = next(a for a in second if a["title"].startswith("CPC cuts"))
    assert cpc["url"] == EXPECTED["steppe_herald_cpc.html"]["url"]


def test_folder_signature_ignores_hidden_files_and_sees_deletions(tmp_path):
    (tmp_path / "a.txt").write_text("A page\n\nSome text.", encoding="utf-8")
    signature = folder_signature(tmp_path)
    (tmp_path / ".hidden").write_text("x", encoding="utf-8")
    assert folder_signature(tmp_path) == signature
    (tmp_path / "a.txt").unlink()
    assert folder_signature(tmp_path) != signature


def test_folder_signature_reads_no_page(tmp_path, monkeypatch):
    """The check runs on every rerun: it stats the files and never opens one."""
    (tmp_path / "a.txt").write_text("A page", encoding="utf-8")

    def refuse(*args, **kwargs):
        raise AssertionError(f"opened {args[0]}")

    monkeypatch.setattr("builtins.open", refuse)
    monkeypatch.setattr("os.open", refuse)
    assert isinstance(folder_signature(tmp_path), int)


def test_notes_are_not_problems_for_strict(tmp_path, data_dir):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for name in EXPECTED:
        shutil.copy(ARTICLES / name, seeds / name)
    result = run_cli("articles", "--seeds", str(seeds), "--strict", data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("HTML article page; read its headline, date and main text") == 3


def test_page_saved_without_canonical_link_keeps_the_address_the_browser_wrote(tmp_path):
    """Chrome's "Save page as" mark gives the URL; a <title> headline loses the site's name; a site
    named as author is no author."""
    markup = (
        "<!-- saved from url=(0044)https://news.example.com/2025/cpc-deal -->\n<html><head>"
        "<title>CPC signs a new deal | Caspian Wire</title><meta property='og:site_name' content='Caspian Wire'>"
        "<meta name='author' content='Caspian Wire'></head><body><div class='article'><p>The Caspian Pipeline "
        "Consortium signed a new agreement with shippers at Novorossiysk on Monday, officials said.</p><p>The "
        "deal covers the next three years of loadings and sets tariffs for the pipeline.</p></div></body></html>"
    )
    (tmp_path / "saved.html").write_text(markup, encoding="utf-8")
    article = parse_file(tmp_path / "saved.html", "saved.html").articles[0]
    assert (article.title, article.url, article.authors, article.source) == (
        "CPC signs a new deal",
        "https://news.example.com/2025/cpc-deal",
        (),
        "Caspian Wire",
    )


def test_the_app_says_what_a_reload_picked_up():
    from dashboard.freshness import IngestSummary
    from dashboard.ui.header import picked_up_line

    assert picked_up_line(IngestSummary(new=2, changed=1, unchanged=5)) == "Picked up 2 new pages, 1 changed."
    assert picked_up_line(IngestSummary(new=1, deleted=1, unchanged=5)) == "Picked up 1 new page, 1 deleted."
    assert picked_up_line(IngestSummary(unchanged=5)) == ""
    assert picked_up_line(IngestSummary(new=5)) == "", "a first load is not news"


def test_app_shows_notes_quietly_and_what_a_rerun_picked_up(tmp_path, monkeypatch, small_geodata):
    """Article pages only: no yellow banner, a notes expander; a page added then shows on a rerun."""
    from streamlit.testing.v1 import AppTest

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for name in ("caspian_courier_alat.html", "black_sea_monitor_anaklia.html"):
        shutil.copy(ARTICLES / name, seeds / name)
    monkeypatch.setenv("DASHBOARD_SEEDS", str(seeds))
    monkeypatch.setenv("DASHBOARD_GEODATA", str(small_geodata))
    monkeypatch.setenv("DASHBOARD_DATA", str(tmp_path / "data"))
    at = AppTest.from_file(str(Path(__file__).resolve().parent.parent / "app.py"), default_timeout=120)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.warning, [w.value for w in at.warning]
    assert [e.label for e in at.expander if "note" in e.label] == ["2 note(s) on how pages were read"]
    (seeds / "new").mkdir()
    shutil.copy(ARTICLES / "steppe_herald_cpc.html", seeds / "new" / "cpc.html")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    bodies = " ".join(h.proto.body for h in at.html)
    assert "Picked up 1 new page." in bodies
    assert "3 articles" in bodies


def test_edm_listing_saved_as_html_keeps_its_entries_and_links():
    """The "Categories" label and its link share a line in the markup, as on the site."""
    page = parse_file(ARTICLES / "edm_listing_saved.html", "edm.html")
    assert page.family == "edm"
    assert [(a.title, a.categories, a.authors, a.published, a.url) for a in page.articles] == [
        (
            "Azerbaijan Attempts Pragmatic Diplomacy at SCO Summit",
            ("South Caucasus Region",),
            ("Ann Lee",),
            "2025-09-03",
            "https://jamestown.org/program/azerbaijan-attempts-pragmatic-diplomacy-at-sco-summit/",
        ),
        (
            "Kazakhstan Bets on Kuryk and Aktau as Northern Routes Falter",
            ("Central Asia",),
            ("Paul Goble",),
            "2025-09-04",
            "https://jamestown.org/program/kazakhstan-bets-on-kuryk-and-aktau/",
        ),
    ]
    assert all("BTC" not in a.text and "Jamestown Foundation" not in a.text for a in page.articles)


def test_a_picture_caption_is_read_after_the_text_but_not_a_related_storys(tmp_path):
    markup = (
        "<html><head><title>Aktau handles a record</title></head><body><article><p>" + BODY_B + "</p>"
        "<figure><img src='a.jpg'><figcaption>Cranes at the Aktau seaport. Photo: Trend</figcaption></figure>"
        "</article><aside class='related'><figure><figcaption>Poti port at night</figcaption></figure></aside>"
        "</body></html>"
    )
    (tmp_path / "page.html").write_text(markup, encoding="utf-8")
    [article] = parse_file(tmp_path / "page.html", "page.html").articles
    assert article.text.endswith("Cranes at the Aktau seaport. Photo: Trend") and "Poti" not in article.text
