"""HTML pages: a listing saved as HTML goes to its family parser (with each entry's link); a page
that is one article (saved from a browser) is read with trafilatura: headline, date, canonical URL,
authors and the main text only, without nav bars, "most read" strips, related links or footers.
"""

from __future__ import annotations

import calendar
import re
from functools import cache
from urllib.parse import urljoin, urlsplit

import lxml.etree
import lxml.html

from .captions import caption_sentence
from .dates import RUSSIAN_MONTHS
from .errors import Problem
from .listings import LISTING_FAMILIES, detect_family, parse_page
from .records import SOURCE_CACI, SOURCE_EDM, SOURCE_OTHER, SOURCE_TCA, Page, PageArticle, Sighting, web_url
from .sentences import sentence_starts
from .textnorm import fold, word_count

# A page's start: an XML declaration or comments (a browser's "saved from url=" mark) may come first.
# A comment's body cannot run past its "-->", so the pattern has one way to match (linear time).
HTML_START = re.compile(
    r"\s*(<\?xml[^>]*>\s*)?(<!--(?:(?!-->).)*-->\s*)*(<!doctype html|<html|<head|<body|<meta|<title)",
    re.IGNORECASE | re.DOTALL,
)
HTML_CLOSING_TAGS = re.compile(r"</(p|div|a|span|li|h[1-6]|article|section)>|<br\s*/?>", re.IGNORECASE)
CATEGORIES_INLINE = re.compile(r"^Categories:?[ \t]+(?=\S)", re.MULTILINE)
SAVED_FROM = re.compile(r"<!-- saved from url=\(\d+\)(https?://[^\s>]+?)\s*-->", re.IGNORECASE)
BLOCK_TAGS = (
    "p div br li h1 h2 h3 h4 h5 h6 tr section article header footer nav aside main ul ol table "
    "blockquote figure figcaption pre dd dt"
).split()
SKIP_TAGS = ("script", "style", "noscript", "template", "head", "svg", "iframe")
# Site furniture left out of a listing's text, so menus and sidebars never become articles. The
# currency ticker of a Times of Central Asia page often sits in a header widget: it is kept.
FURNITURE_TAGS = ("nav", "footer", "aside", "form", "button", "select")
FURNITURE_CLASS = re.compile(
    r"(^|[-_\s])(nav|navbar|navigation|menu|footer|sidebar|share|sharing|social|related|cookies?|consent|"
    r"newsletter|breadcrumbs?|comments?|popular|most-read|mostread|widget|banner|advert|ads)([-_\s]|$)",
    re.IGNORECASE,
)
FURNITURE_ROLES = ("navigation", "contentinfo", "complementary")
KEEP_CLASS = re.compile(r"ticker|currenc|exchange", re.IGNORECASE)
# Sites whose article pages belong to a listing family's source, so a teaser and its full article meet.
KNOWN_SITES = {
    "timesca.com": SOURCE_TCA,
    "times of central asia": SOURCE_TCA,
    "the times of central asia": SOURCE_TCA,
    "jamestown.org": SOURCE_EDM,
    "the jamestown foundation": SOURCE_EDM,
    "jamestown foundation": SOURCE_EDM,
    "cacianalyst.org": SOURCE_CACI,
    "the cacianalyst": SOURCE_CACI,
    "central asia-caucasus analyst": SOURCE_CACI,
}
FAMILY_SOURCES = {"tca": SOURCE_TCA, "edm": SOURCE_EDM, "caci": SOURCE_CACI}
COOKIE_WORDS = re.compile(
    r"\b(cookies?|consent|privacy (policy|settings)|accept (all|cookies)|reject all|manage (preferences|options)|gdpr)\b",
    re.I,
)
# A paragraph of the body that only points to another article ("Read more: …", "Also read: …",
# "Related: …", "Читайте также: …", Kazakh "Оқи отырыңыз: …" (in the Latin alphabet "Oqı otyryńyz"), Azerbaijani "Oxu: …"): site furniture inside the
# text, naming routes the story is not about. The region's languages each have theirs (Turkmen "Şeýle hem okaň",
# Kyrgyz «Окуңуз», Uzbek "Shuningdek o‘qing", Bulgarian «Прочетете още», Georgian, Armenian), and the other
# languages the region's stories are reprinted in (Portuguese "Leia também", Spanish, French, Polish, Romanian "Vezi și").
LINK_LINE = re.compile(
    r"^(?:read (?:more|also)|also read|see also|related(?: (?:news|articles?|stories|story|coverage))?|"
    r"more on (?:this|the topic)|recommended|you (?:may|might) also (?:like|read)|don'?t miss|also in this issue|"
    r"читайте (?:также|еще|ещё)|также читайте|смотрите также|по теме|подробнее|"
    r"оқи отырыңыз|сондай-ақ оқыңыз|толығырақ|oq[ıi] otyry[ńñn]yz|tolyǵyraq|tolyğyraq|həmçinin oxuyun|oxu|"
    r"читайте також|також читайте|дивіться також|leggi anche|lesen sie auch|citește și|citeste si|"
    r"ilginizi çekebilir|ayrıca okuyun|bunu da okuyun|ilgili haber(?:ler)?|əlaqəli xəbər(?:lər)?|"
    r"материалы по теме|новости по теме|также по теме|читать также|"
    r"leia (?:também|mais)|veja também|lee (?:también|más)|lea también|lire aussi|à lire aussi|"
    r"czytaj (?:także|też|więcej)|zobacz (?:także|też)|vezi și|vezi si|mehr zum thema|"
    r"mavzuga oid|batafsil|"
    r"şeýle hem okaň|şeyle hem okaň|okaň|ошондой эле окуңуз|окуңуз|shuningdek o[\'‘ʻ’]qing|шунингдек ўқинг|"
    r"прочетете още|още по темата|вижте още|წაიკითხეთ ასევე|ასევე წაიკითხეთ|կարդացեք նաև)"
    r"\s*(?::|\u2014|\u2013|-|\||\u00bb|>)",
    re.IGNORECASE,
)
_SPACES = re.compile(r"\s+")
MAX_DEPTH = 255  # libxml2's nesting limit for a page (without its "huge" option)
HEAD_LABELS = 2  # section labels or captions that may stand above a repeated headline
MIN_ARTICLE_WORDS = 12  # fewer words of main text than this: a nav bar or a stub, not an article
NAME = r"[A-Z\u00c0-\u024f\u0400-\u04ff][\w'\u2019.-]*"
BYLINE_NAMES = re.compile(rf"(?:^|\b)[Bb]y\s+((?:{NAME}\s*){{1,4}}(?:(?:,|\band\b|&)\s*(?:{NAME}\s*){{1,4}})*)")
BYLINE_CLASS = re.compile(r"byline|author|meta|info|credit|dateline|posted", re.I)


@cache
def _extractor():
    """trafilatura and its settings, imported for the first article page only: ~0.2-0.4 s (with
    courlan, htmldate, justext) that a command reading the index or listing pages never needs."""
    import trafilatura
    from trafilatura.settings import use_config

    config = use_config()
    config.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")  # its timeout uses signals: not in worker processes
    return trafilatura, config


def looks_like_html(text: str) -> bool:
    """A whole page, or a fragment of markup (an article's HTML copied without its page)."""
    head = text[:5000]
    if HTML_START.match(head):
        return True
    return head.lstrip().startswith("<") and len(HTML_CLOSING_TAGS.findall(head)) >= 3


def parse_tree(markup: str) -> tuple[lxml.html.HtmlElement | None, int | None]:
    """The page's tree, and the line where its nesting passed the parser's depth limit (None when
    it did not): what lies deeper is not in the tree, and must not go missing without a word."""
    parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True)
    try:
        tree = lxml.html.document_fromstring(markup.encode("utf-8", "surrogatepass"), parser=parser)
    except (lxml.etree.ParserError, ValueError):
        return None, None
    too_deep = next((e.line for e in parser.error_log if "Excessive depth" in e.message), None)
    return tree, too_deep


def html_to_text(tree: lxml.html.HtmlElement) -> str:
    """The visible text, one block per paragraph (blank lines between blocks), as a listing parser reads it.

    Read without touching the tree: lxml refuses to store a control character a page may carry."""
    pieces: list[str] = []
    _visible_text(tree, pieces)
    lines = [line.strip() for line in "".join(pieces).split("\n")]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"
    # EDM's "Categories" label and its links can share one line in the markup; the listing has them apart.
    return CATEGORIES_INLINE.sub("Categories\n", text)


def _visible_text(element: lxml.html.HtmlElement, pieces: list[str]) -> None:
    """An element's text and its children's (not its tail): whitespace runs squeezed, blank lines
    around blocks; furniture left out (its tail kept); a comment's tail kept as it is."""
    head = "\n\n" if element.tag in BLOCK_TAGS else ""
    run, raw = element.text or "", False
    for child in element:
        if isinstance(child.tag, str) and _left_out(child):
            run += child.tail or ""
            continue
        pieces.append(head + (run if raw else _SPACES.sub(" ", run)))
        head, raw = "", not isinstance(child.tag, str)
        if not raw:
            _visible_text(child, pieces)
            head = "\n\n" if child.tag in BLOCK_TAGS else ""
        run = child.tail or ""
    pieces.append(head + (run if raw else _SPACES.sub(" ", run)))


def _left_out(element: lxml.html.HtmlElement) -> bool:
    return element.tag in SKIP_TAGS or element.tag in FURNITURE_TAGS or _is_furniture(element)


def _is_furniture(element: lxml.html.HtmlElement) -> bool:
    names = f"{element.get('class', '')} {element.get('id', '')}"
    furniture = element.get("role") in FURNITURE_ROLES or bool(FURNITURE_CLASS.search(names))
    return furniture and not _holds_ticker(element)


def _holds_ticker(element: lxml.html.HtmlElement) -> bool:
    return any(
        KEEP_CLASS.search(f"{part.get('class', '')} {part.get('id', '')}")
        for part in element.iter()
        if isinstance(part.tag, str)
    )


def parse_html(name: str, markup: str) -> Page:
    tree, too_deep = parse_tree(markup)
    if tree is None:
        return Page(name, "unreadable", problems=[Problem(name, "HTML page that cannot be parsed; no text read")])
    page = _parse_tree(name, markup, tree)
    if too_deep is not None:
        message = f"HTML nested more than {MAX_DEPTH} elements deep; the text inside that depth was not read"
        page.problems.append(Problem(name, message, line=too_deep, severity="warning"))
    return page


def _parse_tree(name: str, markup: str, tree: lxml.html.HtmlElement) -> Page:
    text = html_to_text(tree)
    lines = text.split("\n")
    family = detect_family(lines)
    if family in LISTING_FAMILIES:
        page = parse_page(name, text, family)
        listing = FAMILY_SOURCES[family]
        page.problems.insert(0, Problem(name, f"HTML page of a {listing} listing; read its text", severity="note"))
        _attach_links(page, tree)
        return page
    return parse_article_page(name, markup, tree, text)


def page_url(tree: lxml.html.HtmlElement) -> str | None:
    """The page's own address: canonical link, else og:url, else <base href>."""
    for xpath in (
        "//link[@rel='canonical']/@href",
        "//meta[@property='og:url']/@content",
        "//meta[@name='og:url']/@content",
        "//base/@href",
    ):
        for value in tree.xpath(xpath):
            if web_url(value.strip()):
                return value.strip()
    return None


def article_url(found: str | None, tree: lxml.html.HtmlElement, markup: str) -> str | None:
    """trafilatura's URL (canonical, og:url), made absolute; else the page's own links; else the
    address a browser wrote when saving the page ("<!-- saved from url=(0062)https://… -->")."""
    saved = SAVED_FROM.search(markup[:3000])
    base = page_url(tree) or (saved[1] if saved else "")
    for candidate in (found, page_url(tree), saved[1] if saved else None):
        if candidate:
            url = urljoin(base, candidate.strip())
            if web_url(url):
                return url
    return None


def _without_site_name(title: str, sitename: str | None) -> str:
    """ "Headline | Site" -> "Headline" (a <title> used as headline carries the site's name)."""
    if sitename:
        for separator in (" | ", " - ", " \u2013 ", " \u2014 ", " :: "):
            if title.endswith(separator + sitename.strip()):
                return title[: -len(separator + sitename.strip())].strip()
    return title


def _attach_links(page: Page, tree: lxml.html.HtmlElement) -> None:
    """Each listing entry gets the link whose text is its title (resolved against the page's URL)."""
    base = page_url(tree) or ""
    links: dict[str, str] = {}
    for anchor in tree.iter("a"):
        href = (anchor.get("href") or "").strip()
        label = fold(" ".join(anchor.text_content().split())).rstrip(".")
        url = urljoin(base, href) if href else ""
        if label and web_url(url):
            links.setdefault(label, url)
    for item in page.articles:
        item.url = links.get(fold(item.title).rstrip("."))


def parse_article_page(name: str, markup: str, tree: lxml.html.HtmlElement, visible_text: str) -> Page:
    """One article from a page saved from a browser; a page without main text is reported, not guessed at."""
    page = Page(name, "article")
    trafilatura, config = _extractor()
    try:
        document = trafilatura.bare_extraction(
            markup,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            config=config,
            date_extraction_params={"original_date": True, "extensive_search": True},
        )
    except Exception as exc:  # noqa: BLE001 - an extractor bug must not lose the other pages
        page.problems.append(Problem(name, f"HTML page could not be read as an article ({type(exc).__name__})"))
        return page
    title = whole_headline(_clean(getattr(document, "title", None) or ""), tree)
    text = _with_captions(_main_text(getattr(document, "text", None) or "", title), tree)
    words = word_count(text)
    if is_cookie_notice(text) or (words < MIN_ARTICLE_WORDS and is_cookie_notice(visible_text)):
        reason = "HTML page holds only a cookie/consent notice, no article text (saved before accepting?)"
        page.problems.append(Problem(name, reason))
        return page
    if words < MIN_ARTICLE_WORDS:
        reason = f"HTML page without article text ({words} words of main text); nothing read"
        page.problems.append(Problem(name, reason))
        return page
    url = article_url(getattr(document, "url", None), tree, markup)
    sitename = with_its_at_sign(getattr(document, "sitename", None), tree)
    title = _without_site_name(title, sitename)
    authors = tuple(
        a for a in clean_authors(getattr(document, "author", None)) if fold(a) != fold(sitename or "")
    ) or byline_authors(tree)
    published = written_date(getattr(document, "date", None), markup)
    if not title:
        title = text.split("\n", 1)[0][:200]
        page.problems.append(
            Problem(name, "HTML article without a headline; titled by its first line", severity="warning")
        )
    page.articles.append(
        PageArticle(
            title=title,
            text=text,
            source=article_source(sitename, url),
            sighting=Sighting(name, 1, 1, None),
            authors=authors,
            published=published,
            url=url,
        )
    )
    page.problems.append(Problem(name, "HTML article page; read its headline, date and main text", severity="note"))
    return page


def _with_captions(text: str, tree: lxml.html.HtmlElement) -> str:
    """The main text and, after it, the captions of its pictures (a place may be named only there),
    each once; captions inside site furniture (related-story thumbnails) and those that only credit
    the picture ("Photo: Trend") stay out."""
    if not text:
        return text
    captions = []
    for element in tree.iter("figcaption"):
        if any(
            isinstance(a.tag, str) and (a.tag in FURNITURE_TAGS or _is_furniture(a)) for a in element.iterancestors()
        ):
            continue
        caption = caption_sentence(element.text_content())
        if caption and caption not in text and caption not in captions and not LINK_LINE.match(caption):
            captions.append(caption)
    return "\n\n".join([text, *captions])


def whole_headline(title: str, tree: lxml.html.HtmlElement) -> str:
    """The page's one <h1> (else its <title>) when the extracted title is only its beginning: a
    headline holding a quote (`=HYPERLINK("…")`) is cut there in a badly quoted og:title."""
    headings = [_clean(h.text_content()) for h in tree.iter("h1")]
    titles = [_clean(t.text_content()) for t in tree.iter("title")]
    for whole in (headings if len(headings) == 1 else []) + titles[:1]:
        if title and len(whole) > len(title) and whole.startswith(title) and whole[len(title)] in "\"'":
            return whole
    return title


def with_its_at_sign(sitename: str | None, tree: lxml.html.HtmlElement) -> str | None:
    """The site name as og:site_name states it: trafilatura strips a leading "@" (taking it for a
    handle), and a name must not change on the way in."""
    for value in tree.xpath("//meta[@property='og:site_name']/@content"):
        if sitename and _clean(value).startswith("@") and _clean(value).lstrip("@") == sitename:
            return _clean(value)
    return sitename


def is_cookie_notice(text: str) -> bool:
    """A short text whose sentences are mostly about cookies and consent."""
    starts = sentence_starts(text)
    sentences = [text[a:b] for a, b in zip(starts, [*starts[1:], len(text)], strict=True) if text[a:b].strip()]
    if not sentences or len(text.split()) > 150:
        return False
    return sum(bool(COOKIE_WORDS.search(s)) for s in sentences) * 2 >= len(sentences)


def _clean(text: str) -> str:
    return " ".join(text.split())


def _main_text(text: str, title: str) -> str:
    """Paragraphs separated by blank lines, without the headline repeated at the top (a section label
    may stand before it) or lines that only point to other articles (`LINK_LINE`)."""
    paragraphs = [_clean(line) for line in text.split("\n") if line.strip() and not LINK_LINE.match(line.strip())]
    repeated = next((i for i, p in enumerate(paragraphs[: HEAD_LABELS + 1]) if title and fold(p) == fold(title)), None)
    if repeated is not None and all(_is_label(p) for p in paragraphs[:repeated]):
        paragraphs = paragraphs[repeated + 1 :]
    return "\n\n".join(paragraphs)


def _is_label(paragraph: str) -> bool:
    """A section label or a caption above the headline ("Freight", "Экономика"), not a sentence of the story."""
    return len(paragraph.split()) <= 12 and not paragraph.endswith((".", "!", "?"))


def written_date(found: str | None, markup: str) -> str | None:
    """trafilatura's date when the page writes that day: a year or a month alone ("2024-2025",
    "May 2025") comes back as its first day, which no page stated."""
    if not found or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", found):
        return None
    year, month, day = found.split("-")
    if day != "01":
        return found
    name = calendar.month_name[int(month)]
    russian = "|".join(n for n, number in RUSSIAN_MONTHS.items() if number == int(month))
    first = rf"0?1(?:st)?\.?\s*(?:{name[:3]}[a-z]*\.?|{russian}),?\s*{year}"
    stated = (
        rf"{year}-{month}-01|{year}/{month}/01|01[./]{month}[./]{year}|{year}{month}01|"
        rf"\b{first}|{name[:3]}[a-z]*\.?\s+0?1(?:st)?,?\s+{year}"
    )
    return found if re.search(stated, markup, re.IGNORECASE) else None


def clean_authors(author: str | None) -> tuple[str, ...]:
    """trafilatura's author string ("Staff Reporter ·", "A; B") as clean names."""
    if not author:
        return ()
    names = []
    for part in re.split(r";|\s\|\s|\s+and\s+|\s*&\s*", author):
        name = re.sub(r"^\s*by\s+", "", part.strip(), flags=re.I).strip(" \t·•|,;:-\u2013\u2014")
        if name and any(c.isalpha() for c in name):
            names.append(name)
    return tuple(dict.fromkeys(names))


def byline_authors(tree: lxml.html.HtmlElement) -> tuple[str, ...]:
    """Names after "By" in a byline-like element ("By A and B, Astana | 3 September 2025")."""
    for element in tree.iter():
        if not isinstance(element.tag, str) or element.tag in SKIP_TAGS:
            continue
        if not BYLINE_CLASS.search(f"{element.get('class', '')} {element.get('id', '')}"):
            continue
        match = BYLINE_NAMES.search(" ".join(element.text_content().split()))
        if not match:
            continue
        parts = re.split(r",|\band\b|&", match[1])
        names = [p.strip(" .") for p in parts if 2 <= len(p.split()) <= 4]
        if names:
            return tuple(names)
    return ()


def article_source(sitename: str | None, url: str | None) -> str:
    """The site's name (og:site_name), else its host; a listing family's site keeps that family's source."""
    host = (urlsplit(url).hostname or "").removeprefix("www.") if url else ""
    for key in (fold(sitename or ""), host):
        if key in KNOWN_SITES:
            return KNOWN_SITES[key]
    return _clean(sitename or "") or host or SOURCE_OTHER
