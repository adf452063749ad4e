from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
GEODATA = REPO / "geodata"
PAGES = Path(__file__).resolve().parent / "pages"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
ARTIFACTS = REPO / "artifacts"
# The day the shipped seeds count as saved: the EDM listing gives no date, so its articles are dated
# by their file's time ("seen"), which a checkout sets to the day of the checkout.
SEEDS_SAVED = 1771848000  # 2026-02-23 12:00 UTC, the newest listing date in the seeds


def pytest_configure(config) -> None:
    """Every test sees the seeds saved on the same day (copies keep it: `shutil.copytree` copies mtimes)."""
    for path in SEEDS.rglob("*"):
        os.utime(path, (SEEDS_SAVED, SEEDS_SAVED))


@pytest.fixture(autouse=True)
def bugs_raise(monkeypatch) -> None:
    """In tests a bug raises through the app's boundary and the command line (`DASHBOARD_DEBUG`), so
    AppTest and in-process runs see it; the tests of those boundaries unset it."""
    monkeypatch.setenv("DASHBOARD_DEBUG", "1")


@pytest.fixture
def data_dir(tmp_path, monkeypatch) -> Path:
    """A private index folder, so tests never touch the repo's data/."""
    path = tmp_path / "data"
    monkeypatch.setenv("DASHBOARD_DATA", str(path))
    return path


def run_cli(*args: str, data_dir: Path, cwd: Path = REPO, env: dict | None = None) -> subprocess.CompletedProcess:
    full_env = {**os.environ, "DASHBOARD_DATA": str(data_dir), **(env or {})}
    full_env.pop("DASHBOARD_DEBUG", None)
    return subprocess.run(
        [sys.executable, "-m", "dashboard", *args],
        cwd=cwd,
        env={**full_env, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        timeout=300,
    )


def cli_json(*args: str, data_dir: Path, **kwargs):
    result = run_cli(*args, data_dir=data_dir, **kwargs)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return json.loads(result.stdout), result.stderr


def make_geodata(target: Path, source: Path = FIXTURES / "geodata_small") -> Path:
    """A geodata folder: the given routes/ports files plus the repo's offline base map."""
    import shutil

    target.mkdir(parents=True, exist_ok=True)
    for name in ("routes.geojson", "ports.geojson"):
        if (source / name).exists():
            shutil.copy(source / name, target / name)
    shutil.copytree(GEODATA / "basemap", target / "basemap", dirs_exist_ok=True)
    return target


@pytest.fixture
def small_geodata(tmp_path) -> Path:
    return make_geodata(tmp_path / "geodata")


# What makes a test `slow`: it runs the app (Streamlit's AppTest, a second or more of CPU each), or
# starts a browser, a server or a process. Found in the test's code, in the module's helpers it calls
# and in its fixtures' code (so a fixture that starts a server marks every test using it), never from
# a list of modules.
STARTS_PROCESSES = frozenset(
    {
        "AppTest",
        "run_cli",
        "cli_json",
        "subprocess",
        "Popen",
        "launch_chromium",
        "sync_playwright",
        "start_app",
        "ProcessPoolExecutor",
    }
)


def _starts_something(function, module_globals: dict, depth: int = 3) -> bool:
    code = getattr(function, "__code__", None)
    if code is None:
        return False
    codes, names = [code], set()
    while codes:  # nested functions and lambdas too
        current = codes.pop()
        names |= set(current.co_names) | set(current.co_freevars)
        codes += [c for c in current.co_consts if hasattr(c, "co_names")]
    if names & STARTS_PROCESSES:
        return True
    helpers = [module_globals.get(n) for n in names if callable(module_globals.get(n))]
    return depth > 0 and any(
        _starts_something(h, module_globals, depth - 1)
        for h in helpers
        if getattr(h, "__module__", None) == module_globals.get("__name__")
    )


def pytest_collection_modifyitems(items) -> None:
    """`slow`: tests that run the app or start a browser, a server or a process (`make test-fast` skips
    them; `make test` runs everything)."""
    for item in items:
        module_globals = item.module.__dict__
        fixtures = [
            fixture.func for name in item.fixturenames for fixture in item._fixtureinfo.name2fixturedefs.get(name, ())
        ]
        if any(_starts_something(f, getattr(sys.modules.get(f.__module__), "__dict__", {})) for f in fixtures) or (
            _starts_something(item.function, module_globals)
        ):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium driven by Playwright, one per test module (imported here lazily: only the
    browser tests need Playwright)."""
    from harness import launch_chromium
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = launch_chromium(playwright)
        yield launched
        launched.close()
