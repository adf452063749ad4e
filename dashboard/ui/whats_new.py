"""The "What's new" panel: every feature that moved, in the digest's order (largest rise first), the
first ROWS_SHOWN with "show all"; per row the articles since a date against the window before, event
badges, under each badge the sentence that earned it, and a fold with every new article and its tags
(all numbers from `digest.build_digest`; page and geodata text only through `html.text`/`html.link`).
A row's "Select" button selects its feature as a map click does, and brings its card into view. The
digest is computed first (`whats_new_digest`), so the map above the panel can mark the features with
a disruption in the window."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import streamlit as st

from ..analysis import Filters, View
from ..digest import DEFAULT_DAYS, Digest, FeatureChange, NewArticle, build_digest, change_mark, make_window
from ..errors import DashboardError
from ..events import TAGS, Vocabulary, empty_vocabulary, load_vocabulary
from ..style import DOWN, TAG_COLOURS, UP
from .data import AppData, read_index
from .html import SCROLL_TO_CARD, link, notice, text

ROWS_SHOWN = 6
SHOW_ALL_KEY = "whats_new_all"
STYLE = """
<style>
.cw-wn {font-size:14px;line-height:1.4;overflow-wrap:anywhere}
.cw-wn .cw-name {font-weight:600;font-size:15px}
.cw-wn .cw-num {font-variant-numeric:tabular-nums;color:#1d2733}
.cw-wn .cw-up {color:UP_COLOUR;font-weight:600} .cw-wn .cw-down {color:DOWN_COLOUR;font-weight:600}
.cw-badge {display:inline-block;border-radius:9px;padding:0 7px;margin:0 4px 2px 0;color:#fff;font-size:12px}
.cw-wn .cw-status {font-weight:600;color:#1d2733;margin:2px 0}
.cw-wn-ex {border-left:3px solid #c8ced6;padding:2px 8px;margin:3px 0 6px 0;font-size:13px}
.cw-wn-ex .cw-meta {color:#5b6470;font-size:12px}
.cw-wn details {margin:2px 0 4px 0} .cw-wn summary {cursor:pointer;color:#1f5fa8;font-size:13px}
</style>
""".replace("UP_COLOUR", UP).replace("DOWN_COLOUR", DOWN)


@st.cache_resource(max_entries=2, show_spinner=False)
def vocabulary(geodata: str, stamp: float) -> tuple[Vocabulary, str]:
    """The event vocabulary, read again when events.json changes; when it cannot be read, no tags
    and the one-line reason (the counts still show)."""
    try:
        return load_vocabulary(Path(geodata)), ""
    except DashboardError as exc:
        return empty_vocabulary(), f"{exc}: no event tags until it is fixed."


@st.cache_resource(max_entries=32, show_spinner=False)
def cached_digest(loaded_at: float, filters: Filters, since: date | None, _data: AppData, _view: View) -> Digest:
    """The digest per set of filters and since-date, shared by sessions; a click reuses it."""
    words, _ = events_vocabulary(_data)
    with read_index(_data) as index:
        window = make_window(since, None, index.newest_date())
        return build_digest(
            index,
            _data.frames,
            _data.gazetteer,
            words,
            window,
            article_ids=_view.article_ids,
            feature_ids=[f.id for f in _view.features],
        )


def vocabulary_stamp(data: AppData) -> float:
    """When events.json last changed: caches of tags key on it."""
    path = data.geodata / "events.json"
    return path.stat().st_mtime if path.exists() else 0.0


def events_vocabulary(data: AppData) -> tuple[Vocabulary, str]:
    return vocabulary(str(data.geodata), vocabulary_stamp(data))


def _select(feature_id: str) -> None:
    """What a map click does: the selection in session state (the map fragment puts it in the URL);
    and the card is brought into view, the map being above the panel."""
    st.session_state.selected = feature_id
    st.session_state.feature_box = feature_id
    st.session_state[SCROLL_TO_CARD] = True


def _toggle_all() -> None:
    st.session_state[SHOW_ALL_KEY] = not st.session_state.get(SHOW_ALL_KEY, False)


def badges(counts: dict[str, int]) -> str:
    return "".join(
        f'<span class="cw-badge" style="background:{TAG_COLOURS[tag]}" data-tag="{tag}">{tag} {n}</span>'
        for tag, n in counts.items()
        if n
    )


def tag_badges(tags) -> str:
    """The tags of one article, as badges without counts."""
    return badges(dict.fromkeys(tags, 1)).replace(" 1</span>", "</span>")


def cited(article: NewArticle) -> str:
    """The article an excerpt is from: its title (linked to it where the page gave its address),
    source and date with its kind."""
    return (
        f'<div class="cw-meta">{link(article.title, article.link)} · {text(article.source)} · '
        f"{text(article.dated)}</div>"
    )


def earned(change: FeatureChange) -> list[tuple[str, NewArticle, str]]:
    """Per badge, the newest article carrying it and the sentence that earned it; with no badge, the
    newest article and its excerpt (tag "")."""
    found = []
    for tag, count in change.events.items():
        article = next((a for a in change.articles_new if tag in a.tags), None) if count else None
        if article:
            found.append((tag, article, article.tags[tag].sentence))
    if not found and change.articles_new:
        found.append(("", change.articles_new[0], change.articles_new[0].excerpt))
    return found


def row_html(change: FeatureChange) -> str:
    """Numbers, badges, the sentence under each badge, and every new article in a fold; all page text
    escaped."""
    direction = "cw-up" if change.change > 0 else "cw-down" if change.change < 0 else ""
    numbers = (
        f'<span class="cw-num"><span class="{direction}">{change_mark(change.change)}</span> · '
        f"{change.articles} article{'s' * (change.articles != 1)} in the window, "
        f"{change.baseline_articles} before</span>"
    )
    excerpts = [
        f'<div class="cw-wn-ex" data-testid="whats-new-excerpt" data-tag="{tag}">{tag_badges([tag] if tag else [])}'
        f"{text(sentence)}{cited(article)}</div>"
        for tag, article, sentence in earned(change)
    ]
    every = "".join(
        f'<div class="cw-wn-ex" data-testid="whats-new-article">{tag_badges(article.tags)}{text(article.excerpt)}'
        f"{cited(article)}</div>"
        for article in change.articles_new
    )
    count = len(change.articles_new)
    fold = (
        f'<details data-testid="whats-new-articles"><summary>{count} new article{"s" * (count != 1)}</summary>'
        f"{every}</details>"
        if count
        else ""
    )
    status = (
        f'<div class="cw-status" data-testid="whats-new-status">{text(change.status.line())}</div>'
        if change.status
        else ""
    )
    return (
        f'{STYLE}<div class="cw-wn" data-testid="whats-new-row" data-feature="{text(change.feature_id)}">'
        f'<span class="cw-name">{text(change.name)}</span> {numbers}<div>{badges(change.events)}</div>'
        f"{status}{''.join(excerpts)}{fold}</div>"
    )


SINCE_KEY = "whats_new_since"


def typed_since(until: date) -> tuple[date | None, str]:
    """The since-date typed in the box (a text box: Enter or leaving it applies it), at most `until`;
    None (the default window) when the box is empty or holds no date, then with the reason to show."""
    typed = (st.session_state.get(SINCE_KEY) or "").strip()
    if not typed:
        return None, ""
    try:
        since = date.fromisoformat(typed)
    except ValueError:
        return None, f"{typed!r} is not a date (YYYY-MM-DD): showing the {DEFAULT_DAYS} days to {until}."
    if since > until:
        return until, f"{since} is after the newest date: showing {until} alone."
    return since, ""


def whats_new_digest(data: AppData, filters: Filters, view: View) -> Digest | None:
    """The digest for the panel's since-date (typed in its box in the last run, else the 30 days
    to the newest page); computed before the map, which marks its disruptions. None: no dated page."""
    with read_index(data) as index:
        newest = index.newest_date()
    if newest is None:
        return None
    since, _ = typed_since(date.fromisoformat(newest[:10]))
    return cached_digest(data.loaded_at, filters, since, data, view)


def whats_new(data: AppData, digest: Digest | None) -> None:
    """The panel, under the map and above the counts."""
    if digest is None:
        return
    with st.expander("What's new", expanded=True):
        st.text_input(
            "Since (YYYY-MM-DD)",
            width=220,
            key=SINCE_KEY,
            placeholder=(digest.window.until - timedelta(days=DEFAULT_DAYS - 1)).isoformat(),
            help="Enter or leaving the box applies it; empty: the 30 days to the newest date. The window runs "
            "from this date to the newest date and is compared with the same number of days before it.",
        )
        for problem in (typed_since(digest.window.until)[1], events_vocabulary(data)[1]):
            if problem:
                st.html(notice(problem, "warning"))
        first, last = digest.window.baseline
        st.caption(
            f"{digest.window.since} to {digest.window.until} against {first} to {last}; sidebar filters apply. "
            + (f"{digest.undated} undated article(s) are in neither window. " if digest.undated else "")
            + f"Tags: {', '.join(TAGS)}."
        )
        moving = [f for f in digest.features if f.articles or f.change]
        if not moving:
            st.caption("No route or port was in the news in this window.")
        show_all = st.session_state.get(SHOW_ALL_KEY, False)
        shown = moving if show_all else moving[:ROWS_SHOWN]
        if len(moving) > ROWS_SHOWN:
            count_column, toggle_column = st.columns([4, 1], vertical_alignment="center")
            count_column.caption(f"{len(shown)} of {len(moving)} routes and ports that moved, largest rise first.")
            toggle_column.button(
                "Show fewer" if show_all else f"Show all {len(moving)}", key="whats-new-all", on_click=_toggle_all
            )
        for change in shown:
            body_column, button_column = st.columns([9, 1], gap="small", vertical_alignment="top")
            with body_column:
                st.html(row_html(change))
            with button_column:
                # A fixed label: a button's label is Markdown, so the (geodata) name stays in the HTML.
                st.button("Select", key=f"whats-new-{change.feature_id}", on_click=_select, args=(change.feature_id,))
