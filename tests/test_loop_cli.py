"""The command line in the analyst's loop (issue 26): `--strict` passes on the shipped seeds (an empty
CACI entry is a note), and `counts --format csv` says which table each row belongs to."""

from __future__ import annotations

import csv
import io

from conftest import run_cli


def test_strict_passes_on_the_shipped_seeds(data_dir):
    result = run_cli("articles", "--strict", "--format", "csv", data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    assert "has no text (kept, by its heading)" in result.stderr  # still said, as a note


def test_counts_csv_names_its_table_and_gives_one_on_request(data_dir):
    every = list(csv.DictReader(io.StringIO(run_cli("counts", "--format", "csv", data_dir=data_dir).stdout)))
    assert {row["table"] for row in every} == {"total", "source", "month", "co_mention"}
    months = run_cli("counts", "--format", "csv", "--table", "month", data_dir=data_dir)
    rows = list(csv.DictReader(io.StringIO(months.stdout)))
    assert rows and {row["table"] for row in rows} == {"month"}
    assert all(len(row["key"]) == 7 or row["key"] == "undated" for row in rows)
