"""The route's record in the card: its status in the news (one line beside the geodata's status,
computed in `newsstatus`) and the strip of its event signals over time, each mark clickable to the
sentence that gave it, with the strip's table as CSV. Page text only through `html.text`."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from ..analysis import View
from ..chart_frame import ChartMeta
from ..digest import NewArticle, feature_record
from ..export import download_name
from ..newsstatus import NewsStatus, Signal, signals_table, status_at
from ..record_charts import status_strip_figure
from . import html as snippets
from .data import AppData, read_index
from .whats_new import events_vocabulary, vocabulary_stamp

CHART_CONFIG = {"displaylogo": False, "modeBarButtonsToRemove": ["select2d", "lasso2d", "toImage"]}


@dataclass(frozen=True)
class NewsRecord:
    """What the card shows of a feature's record under the current filters."""

    signals: list[Signal]
    status: NewsStatus


@st.cache_resource(max_entries=16, show_spinner="Reading what the news said about it…")
def _tagged_record(loaded_at: float, stamp: float, feature_id: str, _data: AppData) -> list[NewArticle]:
    """Every dated link of the feature, tagged (once per load and vocabulary, shared by sessions)."""
    words, _ = events_vocabulary(_data)
    with read_index(_data) as index:
        return feature_record(index, words, [feature_id]).get(feature_id, [])


def news_record(data: AppData, view: View, feature_id: str) -> NewsRecord:
    """The feature's signals and status, from the articles the sidebar filters keep."""
    record = _tagged_record(data.loaded_at, vocabulary_stamp(data), feature_id, data)
    if len(view.article_ids) != len(data.frames.articles):
        allowed = set(view.article_ids.tolist())
        record = [a for a in record if a.rowid in allowed]
    signals = sorted((s for a in record for s in a.signals(feature_id)), key=lambda s: (s.date, s.tag, s.article_id))
    return NewsRecord(signals, status_at(signals, [(a.rowid, a.date) for a in record]))


def clicked_rows(event) -> list[int]:
    """Row numbers (`customdata[0]`) of the clicked points, from a plain dict or the attribute form."""
    if not event:
        return []
    selection = event.get("selection") if isinstance(event, dict) else getattr(event, "selection", None)
    points = (selection.get("points") if isinstance(selection, dict) else getattr(selection, "points", None)) or []
    rows = []
    for point in points:
        custom = point.get("customdata") if isinstance(point, dict) else None
        if isinstance(custom, (list, tuple)) and custom and isinstance(custom[0], (int, float)):
            rows.append(int(custom[0]))
    return rows


def signal_block(signal: Signal) -> str:
    """The sentence behind a clicked mark (the headline, when the headline gave it), with its tag,
    trigger and citation; escaped."""
    text = snippets.text
    headline = signal.excerpt == signal.title
    title = "" if headline else f'<span class="cw-title">{text(signal.title)}</span><br>'
    return (
        f'{snippets.STYLE}<div class="cw-ex" data-testid="strip-excerpt" data-tag="{text(signal.tag)}">'
        f"<div><b>{text(signal.tag)}</b> (“{text(signal.trigger)}”){' in the headline' * headline}: "
        f'{text(signal.excerpt)}</div><div class="cw-meta">{title}{text(signal.source)} · {text(signal.date)}</div></div>'
    )


def status_strip(record: NewsRecord, feature_id: str, newest: str | None) -> None:
    """The strip, the excerpt of the clicked mark, and the strip's table as CSV."""
    signals = record.signals
    st.markdown("**Event signals over time**")
    if not signals:
        st.caption("No disruption, restoration, expansion, agreement or security signal in its dated articles.")
        return
    meta = ChartMeta("", f"{len(signals)} signal{'s' * (len(signals) != 1)}; click a mark for its sentence")
    key = f"strip-{feature_id}"
    event = st.plotly_chart(
        status_strip_figure(signals, meta, height=230),
        key=key,
        on_select="rerun",
        selection_mode="points",
        config=CHART_CONFIG,
        width="stretch",
    )
    picked = [n for n in clicked_rows(event or st.session_state.get(key)) if 0 <= n < len(signals)]
    if picked:
        st.html("".join(signal_block(signals[n]) for n in picked[:3]))
    st.download_button(
        "Signals CSV",
        lambda: signals_table(signals).to_csv(index=False),
        download_name("signals", "csv", newest, feature_id),
        "text/csv",
        key=f"{key}-csv",
        on_click="ignore",
        icon=":material/table:",
    )
