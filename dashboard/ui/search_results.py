"""The sidebar search's hits as a list under the header: each article's headline (linked to it where
its page gave the address), source, date with its kind, the snippet that matched, and the routes and
ports it names. The same hits filter every panel; page text only through `html.text`/`html.link`."""

from __future__ import annotations

import streamlit as st

from ..analysis import View
from ..records import dated
from .data import AppData, read_index
from .html import STYLE, link, text

HITS_SHOWN = 50


def search_results(data: AppData, view: View) -> None:
    """Nothing without a query; the list (best first) with one."""
    query = view.filters.search
    if not query:
        return
    with read_index(data) as index:
        hits = index.search(query, limit=HITS_SHOWN, among={int(i) for i in view.article_ids})
    names = {f.id: f.name for f in data.gazetteer.features}
    more = f" (the first {HITS_SHOWN})" if len(hits) == HITS_SHOWN else ""
    with st.expander(f"Search: {len(view.article_ids)} article(s) match{more}", expanded=True):
        if not hits:
            st.caption("No article matches under the current filters.")
            return
        st.html(STYLE + "".join(hit_block(hit, names) for hit in hits))


def hit_block(hit: dict, names: dict[str, str]) -> str:
    named = ", ".join(names.get(fid, fid) for fid in hit["features"]) or "no route or port"
    return (
        f'<div class="cw-ex" data-testid="search-hit">{link(hit["title"], hit["url"], "cw-title")}'
        f"<div>{text(hit['snippet'])}</div>"
        f'<div class="cw-meta">{text(hit["source"])} · {text(dated(hit["date"], hit["date_kind"]))} · '
        f"names: {text(named)}</div></div>"
    )
