"""What the project writes is safe to open (issue 27 items 4 and 7): a page's text never becomes a
spreadsheet formula or a Markdown link, and a date window at the calendar's ends is a window, not
an OverflowError. Each case runs the command line in-process on a folder holding one hostile page."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from conftest import GEODATA, PAGES

from dashboard import cli
from dashboard.csvsafe import frame_csv, safe_cell

HOSTILE_TITLE = '=HYPERLINK("http://evil.example/x","Click")'
HOSTILE_SITE = "@SUM(1+1)*cmd|' /C calc'!A0"


def hostile_page(folder: Path, title: str = HOSTILE_TITLE) -> Path:
    """The Steppe Herald test page with a formula (or `title`) for a headline, a formula for a site name."""
    page = (PAGES / "articles" / "steppe_herald_cpc.html").read_text(encoding="utf-8")
    page = page.replace("CPC cuts loadings at Novorossiysk after mooring damage", title + " CPC Novorossiysk")
    page = page.replace("The Steppe Herald", HOSTILE_SITE)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "hostile.html").write_text(page, encoding="utf-8")
    return folder


def run(capsys, *argv: str) -> tuple[int, str, str]:
    status = cli.main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("=1+1", "'=1+1"),
        ("+SUM(A1)", "'+SUM(A1)"),
        ("-2+3", "'-2+3"),
        ("@cmd", "'@cmd"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("-0.1%", "-0.1%"),  # a plain number stays a number
        ("+12,500", "+12,500"),
        (-3, -3),
        ("Aktau =port", "Aktau =port"),
    ],
)
def test_a_cell_a_spreadsheet_would_run_gets_an_apostrophe(value, written):
    assert safe_cell(value) == written


def test_frames_written_as_csv_are_safe_in_text_columns_only():
    import pandas as pd

    text = frame_csv(pd.DataFrame({"title": [HOSTILE_TITLE], "change": [-0.5], "=col": ["x"]}))
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["title", "change", "'=col"]
    assert rows[1] == ["'" + HOSTILE_TITLE, "-0.5", "x"]


@pytest.mark.parametrize("command", ["articles", "counts", "mentions"])
def test_cli_csv_never_starts_a_cell_with_a_formula(command, tmp_path, data_dir, capsys):
    seeds = hostile_page(tmp_path / "seeds")
    geodata = () if command == "articles" else ("--geodata", str(GEODATA))
    status, out, err = run(capsys, command, "--seeds", str(seeds), *geodata, "--format", "csv")
    assert status == 0, err
    cells = [cell for row in csv.reader(io.StringIO(out)) for cell in row]
    assert cells, out
    assert not [c for c in cells if c[:1] in ("=", "+", "@", "\t", "\r")], out
    if command == "articles":  # the title is there, as text
        assert any(c.startswith("'=HYPERLINK") for c in cells)


def test_digest_markdown_turns_no_page_url_into_a_link(tmp_path, data_dir, capsys):
    seeds = hostile_page(tmp_path / "seeds", "Read http://evil.example/x and www.evil.example:")
    status, out, err = run(
        capsys, "digest", "--seeds", str(seeds), "--geodata", str(GEODATA), "--since", "2025-08-01", "--format", "md"
    )
    assert status == 0, err
    assert "evil.example" in out  # the article is in the digest
    assert "http://" not in out and "www.evil" not in out


@pytest.mark.parametrize(
    "window",
    [
        ("--since", "0001-01-01"),
        ("--since", "2025-01-01", "--until", "9999-12-31"),
        ("--since", "0001-01-01", "--until", "9999-12-31"),
        ("--since", "0001-01-02", "--until", "0001-01-03"),
    ],
)
def test_a_window_at_the_ends_of_the_calendar_is_a_window(window, tmp_path, data_dir, capsys):
    seeds = hostile_page(tmp_path / "seeds")
    status, out, err = run(capsys, "digest", "--seeds", str(seeds), "--geodata", str(GEODATA), *window)
    assert status == 0, err
    assert "OverflowError" not in err
    assert json.loads(out)["until"]


# --- the command line's own words (issue 27 items 8 and 11) -------------------------------------------


def test_a_query_fts_cannot_parse_is_searched_as_words_and_says_so(data_dir, capsys):
    status, out, err = run(capsys, "search", "pipeline OR")
    assert status == 0, err
    assert "search: 'pipeline OR' is not valid search syntax" in err and "searched for its words instead" in err
    assert json.loads(out), "its words still find articles"


@pytest.mark.parametrize("limit", ["0", "-1"])
def test_a_limit_below_one_is_refused_not_everything(limit, data_dir, capsys):
    with pytest.raises(SystemExit) as exited:
        cli.main(["search", "pipeline", "--limit", limit])
    out, err = capsys.readouterr()
    assert exited.value.code == 2 and out == ""
    assert f"argument --limit: {limit} is not 1 or more" in err


def test_the_briefing_of_an_edm_listing_alone_has_a_window(tmp_path):
    """27.8: an EDM listing dates no entry; export answered "give --until", an option it does not take.
    Its entries are dated by the day the file was saved, and the deck's window ends there."""
    import os
    from datetime import UTC, date, datetime

    from conftest import SEEDS

    from dashboard.analysis import Filters, compute_view, load_frames
    from dashboard.events import load_vocabulary
    from dashboard.export.briefing import changes
    from dashboard.gazetteer import load_gazetteer
    from dashboard.ingest import ingest
    from dashboard.store import Index

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    listing = seeds / "edm.txt"
    listing.write_bytes((SEEDS / "000_00842ba0265e7cd0.txt").read_bytes())
    saved = datetime(2026, 3, 6, 10, tzinfo=UTC).timestamp()
    os.utime(listing, (saved, saved))
    gazetteer = load_gazetteer(GEODATA)
    with Index(None) as index:
        ingest(index, seeds, gazetteer)
        frames = load_frames(index)
        view = compute_view(frames, gazetteer, Filters())
        digest = changes(index, frames, gazetteer, view, load_vocabulary(GEODATA), None)
    assert digest is not None and digest.window.until == date(2026, 3, 6)
    assert digest.undated == 0 and any(f.articles for f in digest.features)
