"""A command on an unchanged folder answers from the index without loading the geodata, and still
reports what the full way would: the geodata's problems, the pages' problems, the same counts. Any
change to a page, the geodata or the package's own files takes the full way."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, SEEDS, make_geodata, run_cli

from dashboard.freshness import run_if_unchanged
from dashboard.indexfile import index_path
from dashboard.store import Index

# Runs the command in-process, then says whether the GIS stack and the page reader were imported.
PROBE = """
import sys
from dashboard.cli import main
status = main(sys.argv[1:])
print("LOADED", *sorted(m for m in ("geopandas", "shapely", "pyproj", "trafilatura") if m in sys.modules), file=sys.stderr)
"""


@pytest.fixture
def seeds(tmp_path) -> Path:
    target = tmp_path / "seeds"
    shutil.copytree(SEEDS, target)
    return target


def probe(*args: str, data_dir: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "DASHBOARD_DATA": str(data_dir), "PYTHONPATH": str(REPO)}
    env.pop("DASHBOARD_DEBUG", None)
    return subprocess.run(
        [sys.executable, "-c", PROBE, *args], cwd=REPO, env=env, capture_output=True, text=True, timeout=300
    )


def loaded(result: subprocess.CompletedProcess) -> list[str]:
    line = next(line for line in result.stderr.splitlines() if line.startswith("LOADED"))
    return line.split()[1:]


def geodata_with_a_problem(tmp_path: Path) -> tuple[Path, dict]:
    """A geodata folder whose first route has a status no route may have (a problem to be reported),
    and its routes as written."""
    geodata = make_geodata(tmp_path / "geodata")
    routes = json.loads((geodata / "routes.geojson").read_text(encoding="utf-8"))
    routes["features"][0]["properties"]["status"] = "imaginary"
    (geodata / "routes.geojson").write_text(json.dumps(routes), encoding="utf-8")
    return geodata, routes


def test_unchanged_folder_is_answered_without_the_geodata_and_reports_the_same(seeds, tmp_path):
    geodata, _routes = geodata_with_a_problem(tmp_path)
    data = tmp_path / "data"
    options = ("--seeds", str(seeds), "--geodata", str(geodata))

    first = probe("counts", *options, data_dir=data)
    again = probe("counts", *options, "--verbose", data_dir=data)  # the notes too, said when a page is read
    assert first.returncode == again.returncode == 0, first.stderr + again.stderr
    assert "geopandas" in loaded(first)
    assert loaded(again) == []
    assert again.stdout == first.stdout
    problems = [line for line in first.stderr.splitlines() if not line.startswith("LOADED")]
    assert any("imaginary" in line for line in problems)
    assert [line for line in again.stderr.splitlines() if not line.startswith("LOADED")] == problems

    ingest = run_cli("ingest", *options, "--verbose", data_dir=data)
    assert ingest.returncode == 0 and "0 new, 0 changed, 5 unchanged" in ingest.stdout
    assert ingest.stderr.splitlines() == problems


def test_any_change_takes_the_full_way(seeds, tmp_path):
    geodata = make_geodata(tmp_path / "geodata")
    data = tmp_path / "data"
    assert run_cli("ingest", "--seeds", str(seeds), "--geodata", str(geodata), data_dir=data).returncode == 0

    def quick() -> bool:
        return run_if_unchanged(seeds, geodata, lambda index: None, data) is not None

    assert quick()
    page = next(p for p in sorted(seeds.iterdir()) if p.is_file())
    os.utime(page, ns=(page.stat().st_atime_ns, page.stat().st_mtime_ns + 1))
    assert not quick(), "a page with another time"
    assert run_cli("ingest", "--seeds", str(seeds), "--geodata", str(geodata), data_dir=data).returncode == 0
    assert quick()

    routes = json.loads((geodata / "routes.geojson").read_text(encoding="utf-8"))
    routes["features"][0]["properties"]["aliases"].append("Zzyzx Corridor")
    (geodata / "routes.geojson").write_text(json.dumps(routes), encoding="utf-8")
    assert not quick(), "edited geodata"
    (seeds / "extra.txt").write_text("nothing", encoding="utf-8")
    assert run_cli("ingest", "--seeds", str(seeds), "--geodata", str(geodata), data_dir=data).returncode == 0
    assert quick()
    (seeds / "extra.txt").unlink()
    assert not quick(), "a page deleted"
    assert run_cli("ingest", "--seeds", str(seeds), "--geodata", str(geodata), data_dir=data).returncode == 0
    assert quick()
    with Index(index_path(seeds, data)) as index:  # another version of the code re-linked (it knows no stamp)
        index.set_meta("generation", "another-checkout")
    assert not quick(), "an ingest by another version of the code"


def test_a_command_after_a_change_walks_the_folder_once(seeds, tmp_path, monkeypatch):
    """The freshness check and the ingest it hands over to share one walk of the seeds folder (at
    200,000 pages a walk is most of a command's fixed cost)."""
    from dashboard import pagefiles
    from dashboard.cli import main

    geodata = make_geodata(tmp_path / "geodata")
    monkeypatch.setenv("DASHBOARD_DATA", str(tmp_path / "data"))
    options = ("--seeds", str(seeds), "--geodata", str(geodata))
    assert main(["ingest", *options]) == 0
    walks = []
    real_walk = pagefiles.page_files
    monkeypatch.setattr(pagefiles, "page_files", lambda folder: walks.append(folder) or real_walk(folder))
    (seeds / "extra.txt").write_text("Aktau port loaded a ferry.", encoding="utf-8")
    assert main(["counts", *options]) == 0
    assert walks == [seeds], "one walk, by the check, reused by the ingest"
    with Index(index_path(seeds, tmp_path / "data")) as index:
        assert "extra.txt" in index.known_pages(), "the page the walk found was ingested"


def test_an_entry_that_is_no_page_sends_every_command_the_full_way(seeds, tmp_path):
    """What could not be read (here a folder named like a page) is tried again by every ingest, so the
    index records no stamp of the pages for the quick way to match."""
    geodata = make_geodata(tmp_path / "geodata")
    data = tmp_path / "data"
    (seeds / "looks-like-a-page.html").mkdir()
    for _ in range(2):
        assert run_cli("ingest", "--seeds", str(seeds), "--geodata", str(geodata), data_dir=data).returncode == 0
        assert run_if_unchanged(seeds, geodata, lambda index: None, data) is None
    (seeds / "looks-like-a-page.html").rmdir()
    assert run_cli("ingest", "--seeds", str(seeds), "--geodata", str(geodata), data_dir=data).returncode == 0
    assert run_if_unchanged(seeds, geodata, lambda index: None, data) is not None


def test_a_changed_page_is_linked_from_the_copy_of_the_geodata_until_the_geodata_changes(seeds, tmp_path):
    """A command that must link a new page reads what linking needs of the geodata from the copy the
    last load kept beside the index (no geopandas, the same problems said); an edited geodata file is
    read again, and its new alias links."""
    geodata, routes = geodata_with_a_problem(tmp_path)
    data = tmp_path / "data"
    options = ("--seeds", str(seeds), "--geodata", str(geodata))
    first = probe("counts", *options, data_dir=data)
    assert first.returncode == 0 and "geopandas" in loaded(first), first.stderr
    problems = [line for line in first.stderr.splitlines() if "routes.geojson" in line]
    assert any("imaginary" in line for line in problems)

    (seeds / "zz-new.txt").write_text("Zzyzx Corridor news\n\nThe Zzyzx Corridor opened.\n", encoding="utf-8")
    changed = probe("counts", *options, data_dir=data)
    assert changed.returncode == 0, changed.stderr
    assert "geopandas" not in loaded(changed)
    assert [line for line in changed.stderr.splitlines() if "routes.geojson" in line] == problems
    assert "1 new" not in changed.stderr  # `counts` says nothing of the ingest
    assert "Zzyzx" not in changed.stdout

    routes["features"][2]["properties"]["aliases"].append("Zzyzx Corridor")  # the Middle Corridor's
    (geodata / "routes.geojson").write_text(json.dumps(routes), encoding="utf-8")
    edited = probe("counts", *options, data_dir=data)
    assert edited.returncode == 0 and "geopandas" in loaded(edited), edited.stderr
    assert json.loads(edited.stdout) != json.loads(changed.stdout), "the new alias links the new page"


def test_a_damaged_copy_of_the_geodata_is_only_a_slower_load(seeds, tmp_path):
    geodata = make_geodata(tmp_path / "geodata")
    data = tmp_path / "data"
    options = ("--seeds", str(seeds), "--geodata", str(geodata))
    assert probe("counts", *options, data_dir=data).returncode == 0
    (copy,) = data.glob("linkset-*.pickle")
    copy.write_bytes(b"\x80\x05not a pickle at all")
    (seeds / "zz-new.txt").write_text("Aktau port news\n\nThe port of Aktau loaded a ferry.\n", encoding="utf-8")
    again = probe("counts", *options, data_dir=data)
    assert again.returncode == 0 and "Traceback" not in again.stderr, again.stderr
    assert "geopandas" in loaded(again)
