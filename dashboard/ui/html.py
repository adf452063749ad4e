"""HTML snippets for `st.html`. Every piece of page or geodata text goes through `html.escape`, so an
article titled `<script>…</script>` shows those characters as text; only our own tags are markup.
`st.html` does not parse markdown, so a `[link](…)` in a page stays text too.
"""

from __future__ import annotations

from html import escape

from ..gazetteer import Feature

STYLE = """
<style>
.cw-card {border:1px solid #d9dee4;border-radius:8px;padding:12px 14px;background:#fbfcfd;font-size:14px;line-height:1.45}
.cw-card h3 {margin:0 0 4px 0;font-size:19px}
.cw-card .cw-kind {color:#5b6470;margin-bottom:8px}
.cw-card table {border-collapse:collapse;margin:6px 0}
.cw-card td {padding:2px 10px 2px 0;vertical-align:top}
.cw-card td:first-child {color:#5b6470;white-space:nowrap}
.cw-ex {border-left:3px solid #1f5fa8;padding:6px 10px;margin:0 0 10px 0;background:#fff;font-size:14px;line-height:1.45}
.cw-ex mark {background:#ffd166;padding:0 2px;border-radius:2px}
.cw-ex .cw-meta {color:#5b6470;font-size:12.5px;margin-top:4px}
.cw-ex .cw-title {font-weight:600}
</style>
"""


def feature_card(feature: Feature, articles: int, mentions: int) -> str:
    """The selected feature's card: what it is, its attributes, its sources."""
    p = feature.properties
    length = f"{p['length_km']:,} km" if isinstance(p.get("length_km"), (int, float)) else "—"
    rows = [
        ("Status", feature.status),
        ("Capacity", p.get("capacity") or "—"),
        *([("Length", length)] if feature.is_route else []),
        ("Operator", p.get("operator") or "—"),
        ("Countries", ", ".join(feature.countries)),
        ("Opened", p.get("opened") or "—"),
        ("In the news", f"{articles} article{'s' * (articles != 1)}, {mentions} mention{'s' * (mentions != 1)}"),
    ]
    table = "".join(f"<tr><td>{escape(k)}</td><td>{escape(str(v))}</td></tr>" for k, v in rows)
    sources = []
    for source in p.get("sources") or []:
        title, url = escape(str(source.get("title", ""))), str(source.get("url", ""))
        if url.startswith(("https://", "http://")):
            sources.append(
                f'<li><a href="{escape(url, quote=True)}" target="_blank" rel="noopener noreferrer">{title}</a></li>'
            )
        else:
            sources.append(f"<li>{title}</li>")
    return (
        f'{STYLE}<div class="cw-card" data-testid="feature-card" data-feature="{escape(feature.id, quote=True)}">'
        f"<h3>{escape(feature.name)}</h3><div class='cw-kind'>{escape(feature.kind)}</div>"
        f"<div>{escape(p.get('description') or '')}</div><table>{table}</table>"
        f"<div><b>Sources</b><ul style='margin:2px 0 0 18px;padding:0'>{''.join(sources)}</ul></div></div>"
    )


def highlighted(text: str, spans: list[tuple[int, int]]) -> str:
    """Escaped text with each span wrapped in <mark> (spans sorted, non-overlapping)."""
    parts, cursor = [], 0
    for start, end in sorted(spans):
        if start < cursor:
            continue
        parts.append(f"{escape(text[cursor:start])}<mark>{escape(text[start:end])}</mark>")
        cursor = end
    parts.append(escape(text[cursor:]))
    return "".join(parts)


def excerpt_block(row: dict) -> str:
    """One sentence with its aliases highlighted, then title, source, date and page file."""
    date = row.get("date") or "undated"
    meta = f"{escape(row['source'])} · {escape(date)} · {escape(row['file'])}"
    return (
        f'<div class="cw-ex" data-testid="excerpt"><div>{highlighted(row["excerpt"], row["highlights"])}</div>'
        f'<div class="cw-meta"><span class="cw-title">{escape(row["title"])}</span><br>{meta}</div></div>'
    )


def excerpt_list(rows: list[dict]) -> str:
    return STYLE + "".join(excerpt_block(row) for row in rows)
