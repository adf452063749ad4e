"""The route's record in the card: its status in the news (one line beside the geodata's status,
computed in `newsstatus`), the strip of its event signals over time, and "By the numbers": the
figures the press states about it per measure over time, with the statements that disagree side by
side (`bynumbers`). Every mark and point is clickable to the sentence behind it; the tables are
downloadable as CSV. Page text only through `html.text`."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from ..analysis import (
    UNDATED,
    Filters,
    View,
    also_stated,
    disagreements,
    figure_frame,
    figures_table,
    linked_articles,
    unit_words,
)
from ..chart_frame import ChartMeta
from ..csvsafe import frame_csv
from ..digest import RECORD_LINKS, NewArticle, feature_kinds, feature_record, record_status
from ..export import download_name
from ..newsstatus import NewsStatus, Signal, signals_table
from ..record_charts import figures_figure, status_strip_figure
from . import html as snippets
from .data import AppData, read_index
from .whats_new import events_vocabulary, vocabulary_stamp

RECORD_CACHE = 128  # entries: features x filter sets
GROUPS_SHOWN = 5  # measures with a chart each; the rest are in the table
PAIRS_SHOWN = 4
CHART_CONFIG = {"displaylogo": False, "modeBarButtonsToRemove": ["select2d", "lasso2d", "toImage"]}


@dataclass(frozen=True)
class NewsRecord:
    """What the card shows of a feature's record under the current filters."""

    signals: list[Signal]
    status: NewsStatus
    bounded: bool = False  # read from its newest RECORD_LINKS dated articles only


# Room for every feature and a few filter sets: clicking through 25 features with room for 16 evicted
# each before its next click, so every click re-tagged its 400 links (~0.6 s at 10,000 articles).
@st.cache_resource(max_entries=RECORD_CACHE, show_spinner="Reading what the news said about it…")
def _tagged_record(loaded_at: float, stamp: float, feature_id: str, _data: AppData) -> list[NewArticle]:
    """Every dated link of the feature, tagged (once per load and vocabulary, shared by sessions)."""
    words, _ = events_vocabulary(_data)
    with read_index(_data) as index:
        found = feature_record(index, words, feature_kinds(_data.gazetteer), [feature_id], newest=RECORD_LINKS)
    return found.get(feature_id, [])


def news_record(data: AppData, view: View, feature_id: str) -> NewsRecord:
    """The feature's signals and status, from the articles the sidebar filters keep."""
    record = _tagged_record(data.loaded_at, vocabulary_stamp(data), feature_id, data)
    bounded = len(record) >= RECORD_LINKS
    if len(view.article_ids) != len(data.frames.articles):
        allowed = set(view.article_ids.tolist())
        record = [a for a in record if a.rowid in allowed]
    return NewsRecord(*record_status(record, feature_id), bounded=bounded)


@dataclass(frozen=True)
class Numbers:
    """What "By the numbers" shows: the statements as a table, and the disagreeing pairs."""

    table: pd.DataFrame
    pairs: pd.DataFrame


@st.cache_resource(max_entries=RECORD_CACHE, show_spinner=False)
def _numbers(loaded_at: float, feature_id: str, filters: Filters, _data: AppData, _view: View) -> Numbers:
    """Per load, feature and filters, shared by sessions: a click back to a feature costs nothing
    (at 10,000 articles the BTC's 1,810 statements take 0.17 s to read and compare)."""
    articles = linked_articles(_data.frames, feature_id, _view.article_ids)
    with read_index(_data) as index:
        figures = figure_frame(index.figure_rows(feature_id, articles), feature_id)
    return Numbers(figures_table(figures), disagreements(figures))


def feature_numbers(data: AppData, view: View, feature_id: str) -> Numbers:
    """The figures stated about the feature in the articles the sidebar filters keep, compared."""
    return _numbers(data.loaded_at, feature_id, view.filters, data, view)


def clickable_chart(figure: go.Figure, key: str) -> list[int]:
    """The chart, its points clickable: the row numbers of the points clicked (this run's event, or
    the one the session kept)."""
    event = st.plotly_chart(
        figure, key=key, on_select="rerun", selection_mode="points", config=CHART_CONFIG, width="stretch"
    )
    return clicked_rows(event or st.session_state.get(key))


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
    read = f"its newest {RECORD_LINKS} dated articles" if record.bounded else "its dated articles"
    st.caption(f"{len(signals)} signal{'s' * (len(signals) != 1)} in {read}; click a mark for its sentence.")
    key = f"strip-{feature_id}"
    picked = [
        n
        for n in clickable_chart(status_strip_figure(signals, ChartMeta(""), height=200), key)
        if 0 <= n < len(signals)
    ]
    if picked:
        st.html("".join(signal_block(signals[n]) for n in picked[:3]))
    st.download_button(
        "Signals CSV",
        lambda: frame_csv(signals_table(signals)),
        download_name("signals", "csv", newest, feature_id),
        "text/csv",
        key=f"{key}-csv",
        on_click="ignore",
        icon=":material/table:",
    )


def _group_label(measure: str, unit: str, per: str, count: int) -> str:
    return f"{measure.replace('_', ' ')} ({unit_words(unit, per).strip() or 'count'}) · {count}"


def figure_block(row) -> str:
    """The sentence a clicked figure stands in, with the words as stated and the citation; escaped."""
    text = snippets.text
    mark = ' <b style="color:#b3261e">disagrees</b>' if row["disagrees"] else ""
    return (
        f'{snippets.STYLE}<div class="cw-ex" data-testid="figure-excerpt"><div><b>{text(row["figure"])}</b>'
        f" (“{text(row['stated'])}”){mark}: {text(row['excerpt'])}</div>"
        f'<div class="cw-meta"><span class="cw-title">{text(row["title"])}</span><br>'
        f"{text(row['source'])} · {text(row['date'])}</div></div>"
    )


def _side(row, side: str) -> str:
    text = snippets.text
    return (
        f'<div class="cw-side"><div class="cw-fig">{text(row[f"{side}_figure"])}</div>'
        f"<div>“{text(row[f'{side}_stated'])}”</div>"
        f'<div class="cw-meta">{text(row[f"{side}_source"])} · {text(row[f"{side}_date"] or "undated")}'
        f"{also_stated(row[f'{side}_statements'])}</div>"
        f'<div class="cw-meta cw-title">{text(row[f"{side}_title"])}</div></div>'
    )


PAIR_STYLE = """
<style>
.cw-pair {border:1px solid #e3b5b1;border-left:4px solid #b3261e;border-radius:6px;padding:6px 10px;margin:0 0 8px 0;font-size:13.5px;background:#fff}
.cw-pair .cw-flag {color:#b3261e;font-weight:600;margin-bottom:4px}
.cw-pair .cw-sides {display:flex;gap:12px}
.cw-pair .cw-side {flex:1 1 0;min-width:0;overflow-wrap:anywhere}
.cw-pair .cw-fig {font-weight:600;font-size:15px}
.cw-pair .cw-meta {color:#5b6470;font-size:12.5px}
</style>
"""


def pair_html(row) -> str:
    """Two disagreeing statements side by side, marked, each with its source."""
    text = snippets.text
    return (
        f'<div class="cw-pair" data-testid="disagreement"><div class="cw-flag">Disagree: '
        f"{text(str(row['measure']).replace('_', ' '))}, {text(row['period'])} — {row['apart_pct']:g}% apart</div>"
        f'<div class="cw-sides">{_side(row, "a")}{_side(row, "b")}</div></div>'
    )


def by_the_numbers(numbers: Numbers, feature_id: str, newest: str | None) -> None:
    """Per measure a chart of the statements over time (click a point for its sentence), the
    disagreements side by side, and the table; both tables as CSV."""
    st.markdown("**By the numbers**")
    table, pairs = numbers.table, numbers.pairs
    if table.empty:
        st.caption("No figure about it is stated in the articles under the current filters.")
        return
    groups = table.groupby(["measure", "unit", "per"], sort=False).size().sort_values(ascending=False, kind="stable")
    shown = list(groups.index[:GROUPS_SHOWN])
    # Only the open tab's chart is drawn (a click on the map draws one chart, not five).
    tabs = st.tabs(
        [_group_label(*key, int(groups[key])) for key in shown], key=f"numbers-{feature_id}-tabs", on_change="rerun"
    )
    for n, (tab, key) in enumerate(zip(tabs, shown, strict=True)):
        if not tab.open:
            continue
        rows = table[(table["measure"] == key[0]) & (table["unit"] == key[1]) & (table["per"] == key[2])]
        with tab:
            chart_key = f"numbers-{feature_id}-{n}"
            st.caption(
                "A point per statement, coloured by source; ringed red where it disagrees. Click one for its sentence."
            )
            picked = [
                i
                for i in clickable_chart(figures_figure(rows, ChartMeta(""), height=220), chart_key)
                if i in rows.index
            ]
            if picked:
                st.html("".join(figure_block(rows.loc[i]) for i in picked[:3]))
            undated = int((rows["date"] == UNDATED).sum())
            if undated:
                st.caption(f"{undated} undated statement{'s' * (undated != 1)}: in the table only.")
    if len(groups) > len(shown):
        st.caption(f"{len(groups) - len(shown)} more measure(s) in the table.")
    if not pairs.empty:
        st.html(PAIR_STYLE + "".join(pair_html(row) for _, row in pairs.head(PAIRS_SHOWN).iterrows()))
        if len(pairs) > PAIRS_SHOWN:
            st.caption(f"{len(pairs) - PAIRS_SHOWN} more disagreeing pair(s) in the CSV.")
    st.dataframe(
        table[["date", "measure", "figure", "period", "stated", "source", "disagrees"]],
        hide_index=True,
        height=min(36 + 35 * len(table), 300),
    )
    row = st.container(horizontal=True)
    row.download_button(
        "Figures CSV",
        lambda: frame_csv(table),
        download_name("figures", "csv", newest, feature_id),
        "text/csv",
        key=f"numbers-{feature_id}-csv",
        on_click="ignore",
        icon=":material/table:",
    )
    row.download_button(
        "Disagreements CSV",
        lambda: frame_csv(pairs.drop(columns=["a_row", "b_row"])),
        download_name("disagreements", "csv", newest, feature_id),
        "text/csv",
        key=f"numbers-{feature_id}-pairs-csv",
        on_click="ignore",
        icon=":material/compare_arrows:",
    )
