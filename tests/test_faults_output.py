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
