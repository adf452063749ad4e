"""HTML snippets for `st.html`: the one way untrusted text (page text, titles, file names, URL
parameters, geodata strings, problem messages) reaches the page.

Every such string goes through `text()`: invisible characters that reorder or hide what a reader sees
(bidi overrides and isolates, zero-width characters) are removed, other control characters shown as
U+FFFD, then `html.escape`, so an article titled `<script>…</script>` shows those characters; only
our own tags are markup. `st.html` does not parse markdown, so `[x](javascript:…)`, `:red[…]`,
`$…$` and `:material/…:` stay text. Streamlit's markdown elements (`st.markdown`, `st.caption`,
`st.info`…) cannot be made safe by escaping (a bare URL still becomes a link, `:material/…:` still an
icon), so untrusted text never goes into them: `notice()` gives the same boxes as plain HTML.
"""

from __future__ import annotations

import json
import re
from html import escape

from ..gazetteer import Feature
from ..records import dated, web_url
from ..textnorm import CONTROL, INVISIBLE

_INVISIBLE_TABLE = dict.fromkeys(map(ord, INVISIBLE))
_CONTROL = re.compile("[" + re.escape(CONTROL) + "]")


def shown(value) -> str:
    """Untrusted text as it may be displayed: nothing invisible that changes what a reader sees."""
    return _CONTROL.sub("\ufffd", str(value).translate(_INVISIBLE_TABLE))


def text(value) -> str:
    """Untrusted text for HTML: neutralised (`shown`) and escaped."""
    return escape(shown(value))


def notice(message: str, kind: str = "info") -> str:
    """A caption or an info/warning/error box holding untrusted text, without markdown."""
    return f'{STYLE}<div class="cw-note cw-{kind}" data-testid="cw-notice" data-kind="{kind}">{text(message)}</div>'


STYLE = """
<style>
.cw-card {border:1px solid #d9dee4;border-radius:8px;padding:12px 14px;background:#fbfcfd;font-size:14px;line-height:1.45}
.cw-card h3 {margin:0 0 4px 0;font-size:19px}
.cw-card .cw-kind {color:#5b6470;margin-bottom:8px}
.cw-card .cw-desc {display:-webkit-box;-webkit-line-clamp:2;-webkit-box-orient:vertical;overflow:hidden}
.cw-card table {border-collapse:collapse;margin:4px 0;font-size:13px;line-height:1.3}
.cw-card td {padding:1px 10px 1px 0;vertical-align:top}
.cw-card summary {cursor:pointer}
.cw-card td:first-child {color:#5b6470;white-space:nowrap}
.cw-ex {border-left:3px solid #1f5fa8;padding:6px 10px;margin:0 0 10px 0;background:#fff;font-size:14px;line-height:1.45}
.cw-ex mark {background:#ffd166;padding:0 2px;border-radius:2px}
.cw-ex .cw-meta {color:#5b6470;font-size:12.5px;margin-top:4px}
.cw-ex .cw-title {font-weight:600}
.cw-card, .cw-ex, .cw-note {overflow-wrap:anywhere}
.cw-note {font-size:14px;line-height:1.5}
.cw-caption {color:rgba(49,51,63,0.6)}
.cw-info, .cw-error, .cw-warning {padding:12px 16px;border-radius:8px}
.cw-info {background:rgba(28,131,225,0.1);color:#004280}
.cw-warning {background:rgba(255,189,69,0.2);color:#926c05}
.cw-error {background:rgba(255,43,43,0.09);color:#7d353b}
</style>
"""


def feature_card(feature: Feature, articles: int, mentions: int, note: str = "", news_status: str = "") -> str:
    """The selected feature's card: what it is, its attributes, its sources (and `note`, a line
    about the card itself, such as why links cannot be corrected here); `news_status`, the status the
    news reports, sits under the geodata's."""
    p = feature.properties
    length = f"{p['length_km']:,} km" if isinstance(p.get("length_km"), (int, float)) else "—"
    rows = [
        ("Status", feature.status),
        *([("Status in the news", news_status)] if news_status else []),
        ("Capacity", p.get("capacity") or "—"),
        *([("Length", length)] if feature.is_route else []),
        ("Operator", p.get("operator") or "—"),
        ("Countries", ", ".join(feature.countries)),
        ("Opened", p.get("opened") or "—"),
        ("In the news", f"{articles} article{'s' * (articles != 1)}, {mentions} mention{'s' * (mentions != 1)}"),
    ]
    table = "".join(f"<tr><td>{text(k)}</td><td>{text(v)}</td></tr>" for k, v in rows)
    sources = [f"<li>{link(source.get('title', ''), source.get('url'))}</li>" for source in p.get("sources") or []]
    return (
        f'{STYLE}<div class="cw-card" data-testid="feature-card" data-feature="{text(feature.id)}">'
        f"<h3>{text(feature.name)}</h3><div class='cw-kind'>{text(feature.kind)}</div>"
        f"<div class='cw-desc' title='{text(p.get('description') or '')}'>"
        f"{text(p.get('description') or '')}</div><table>{table}</table>"
        f"<details><summary><b>Sources</b> ({len(sources)})</summary>"
        f"<ul style='margin:2px 0 0 18px;padding:0'>{''.join(sources)}</ul></details>"
        + (f'<div class="cw-kind" data-testid="card-note">{text(note)}</div>' if note else "")
        + "</div>"
    )


def link(label, url: str | None, css: str = "") -> str:
    """`label` escaped, as a link to `url` opening in a new tab when it is an http(s) address (any other
    scheme, `javascript:` included, leaves the label as text); the reader's tab is not handed over."""
    css_class = f' class="{css}"' if css else ""
    if not isinstance(url, str) or not web_url(shown(url)) or shown(url) != url:
        return f"<span{css_class}>{text(label)}</span>"
    return f'<a{css_class} href="{escape(url, quote=True)}" target="_blank" rel="noopener noreferrer">{text(label)}</a>'


SCROLL_TO_CARD = "scroll_to_card"  # set by a control below the map that selects a feature
# Our own script: once the selected feature's card is drawn, scroll it into view below the app's
# header bar (a few tries, as the card may arrive after this element). The id goes in as a JSON string with "<" escaped.
SCROLL_SCRIPT = """<script>
function cwCardIntoView(tries) {
  const card = document.querySelector(`[data-testid='feature-card'][data-feature='${CSS.escape(FEATURE)}']`);
  if (card) { card.style.scrollMarginTop = "4.5rem"; card.scrollIntoView({block: "start"}); }
  else if (tries > 0) { setTimeout(() => cwCardIntoView(tries - 1), 100); }
}
cwCardIntoView(20);
</script>"""


def card_into_view(feature_id: str) -> str:
    """The script that scrolls the card of `feature_id` into view (for `st.html` with JavaScript)."""
    return SCROLL_SCRIPT.replace("FEATURE", json.dumps(shown(feature_id)).replace("<", "\\u003c"))


def highlighted(sentence: str, spans: list[tuple[int, int]]) -> str:
    """Escaped text with each span wrapped in <mark> (spans sorted, non-overlapping)."""
    parts, cursor = [], 0
    for start, end in sorted(spans):
        if start < cursor or start == end:  # an analyst's headline link marks nothing
            continue
        parts.append(f"{text(sentence[cursor:start])}<mark>{text(sentence[start:end])}</mark>")
        cursor = end
    parts.append(text(sentence[cursor:]))
    return "".join(parts)


def excerpt_block(row: dict) -> str:
    """One sentence with its aliases highlighted, then the article it is from (its title, linked to
    the article where the page gave its address), source and date with its kind; the page file only
    as a tooltip. A headline mention is the title itself, marked as the headline."""
    when = dated(row.get("date"), row.get("date_kind"))
    source = f'<span title="{text(row.get("file", ""))}">{text(row["source"])}</span>'
    meta = f"{source} · {text(when)}"
    sentence = highlighted(row["excerpt"], row["highlights"])
    if row.get("kind") == "headline":
        opened = link("open the article", row.get("url"), "cw-open") if row.get("url") else ""
        return (
            f'<div class="cw-ex" data-testid="excerpt" data-kind="headline"><div><b>Headline:</b> {sentence}</div>'
            f'<div class="cw-meta">{meta}{" · " + opened if opened else ""}</div></div>'
        )
    return (
        f'<div class="cw-ex" data-testid="excerpt"><div>{sentence}</div>'
        f'<div class="cw-meta">{link(row["title"], row.get("url"), "cw-title")}<br>{meta}</div></div>'
    )


def excerpt_list(rows: list[dict]) -> str:
    return STYLE + "".join(excerpt_block(row) for row in rows)
