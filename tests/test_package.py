"""The package as a user installs it (issue 23.7): the wheel carries its data (the geodata schema,
the word lists), and `corridor-watch check-geodata --geodata DIR` works from any folder, with no
checkout around it. About the installed process itself: it runs in a subprocess, so it is `slow`."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import REPO, make_geodata

pytestmark = pytest.mark.slow


def test_the_installed_package_checks_a_geodata_folder_from_anywhere(tmp_path):
    shutil.copytree(
        REPO, tmp_path / "src", ignore=shutil.ignore_patterns(".venv", "data", "artifacts", ".git", "*.pyc")
    )
    # A venv that sees the shared venv's packages: nothing is downloaded.
    venv = tmp_path / "venv"
    base = getattr(sys, "_base_executable", sys.executable)
    subprocess.run([base, "-m", "venv", "--system-site-packages", str(venv)], check=True, timeout=120)
    shared = Path(sys.prefix) / "lib" / f"python{sys.version_info.major}.{sys.version_info.minor}" / "site-packages"
    site = next((venv / "lib").glob("python3*/site-packages"))
    (site / "shared.pth").write_text(f"{shared}\n")
    python = str(venv / "bin" / "python")
    for builder in (python, "/usr/bin/python3"):  # the first with setuptools and `wheel` builds it
        built = subprocess.run(
            [
                builder,
                "-m",
                "pip",
                "wheel",
                "--no-deps",
                "--no-build-isolation",
                "-q",
                "-w",
                str(tmp_path / "dist"),
                ".",
            ],
            cwd=tmp_path / "src",
            capture_output=True,
            text=True,
            timeout=300,
        )
        if built.returncode == 0 or not any(m in built.stderr for m in ("bdist_wheel", "No module named")):
            break
    else:
        pytest.skip("no interpreter here has setuptools and `wheel` to build a wheel offline")
    assert built.returncode == 0, built.stderr
    [wheel] = (tmp_path / "dist").glob("corridor_watch-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "dashboard/schema.json" in names and "dashboard/figure_words.json" in names
    assert not [n for n in names if n.startswith(("seeds/", "geodata/", "tests/"))]
    installed = subprocess.run(
        [python, "-m", "pip", "install", "--no-deps", "--no-index", "-q", str(wheel)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert installed.returncode == 0, installed.stderr
    elsewhere = tmp_path / "elsewhere"
    geodata = make_geodata(elsewhere / "my-geodata")
    result = subprocess.run(
        [str(venv / "bin" / "corridor-watch"), "check-geodata", "--geodata", str(geodata)],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        timeout=300,
        env={"PATH": "/usr/bin:/bin", "HOME": str(elsewhere)},
    )
    assert "unexpected" not in result.stderr and "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 0, result.stderr
    assert str(REPO) not in result.stdout + result.stderr  # nothing read from the checkout
