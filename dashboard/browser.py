"""The Chromium that kaleido drives for every image: found, and started in a thread of its own.

Apart from the image code (and its plotly, pandas and geopandas) so that `export` can start the
browser first thing: it boots while the command reads the index and builds the figures.
"""

from __future__ import annotations

import asyncio
import logging
import os
import queue
import shutil
import threading
import time
from pathlib import Path

from .errors import DashboardError

CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")
INSTALL_HINT = "install it with `apt-get update && apt-get install -y chromium` (or run `make setup`)"
# plotly only forwards a truthy `mathjax` to kaleido, which then loads MathJax from a CDN: kaleido is
# called directly with MathJax off.
KALEIDO_OPTIONS = {"mathjax": False}
NOISY_LOGGERS = ("kaleido", "choreographer", "logistro")
# A briefing's images take 10-60 s; a hung browser once sat 12 minutes without a word: past this, give up.
IMAGE_TIMEOUT_S = 300


def find_chromium() -> str | None:
    """The browser kaleido will drive, or None. `BROWSER_PATH` wins, as kaleido itself honours it."""
    configured = os.environ.get("BROWSER_PATH")
    if configured:
        return configured if Path(configured).exists() else None
    for candidate in CHROMIUM_CANDIDATES:
        if Path(candidate).exists():
            return candidate
    return shutil.which("chromium")


def require_chromium() -> None:
    """A `DashboardError` naming the fix when there is no browser; kaleido's loggers quietened."""
    browser = find_chromium()
    if browser is None:
        raise DashboardError(f"image export needs Chromium and none was found; {INSTALL_HINT}")
    os.environ.setdefault("BROWSER_PATH", browser)
    for noisy in NOISY_LOGGERS:  # their exit noise is not the user's business
        logging.getLogger(noisy).setLevel(logging.CRITICAL)


class BrowserSession:
    """kaleido's Chromium, started in a thread of its own so that it boots (3-6 s) while the caller
    builds its figures. Use as a context manager, or `start` one that lives as long as the process
    (the app's downloads); `render` writes a batch of kaleido specs, one batch at a time."""

    def __init__(self) -> None:
        self._jobs: queue.Queue = queue.Queue()
        self._results: queue.Queue = queue.Queue()
        self._thread = threading.Thread(target=asyncio.run, args=(self._serve(),), name="kaleido", daemon=True)
        self._hung = False
        self._turn = threading.Lock()  # the app's sessions share one browser: a batch's result is its own

    def start(self) -> BrowserSession:
        require_chromium()
        self._thread.start()
        return self

    def __enter__(self) -> BrowserSession:
        return self.start()

    def working(self) -> bool:
        """Whether it can still take a batch: not stopped, not given up on."""
        return self._thread.is_alive() and not self._hung

    def __exit__(self, *exc) -> None:
        self._jobs.put(None)
        self._thread.join(timeout=0 if self._hung else 30)  # a hung browser is left to the process's exit

    async def _serve(self) -> None:
        import kaleido

        try:
            async with _one_page_kaleido(kaleido)(**KALEIDO_OPTIONS) as browser:
                while (specs := self._jobs.get()) is not None:  # kaleido's own sync server waits like this
                    try:
                        await browser.write_fig_from_object(specs)
                        self._results.put(None)
                    except Exception as exc:  # noqa: BLE001 (handed to the caller, who reports it)
                        self._results.put(exc)
        except Exception as exc:  # noqa: BLE001 (the browser did not start: the caller reports it)
            self._results.put(exc)

    def render(self, specs: list[dict]) -> None:
        """Write the images; a browser that has not finished them in IMAGE_TIMEOUT_S is given up on."""
        with self._turn:
            self._render(specs)

    def _render(self, specs: list[dict]) -> None:
        self._jobs.put(specs)
        deadline = time.monotonic() + IMAGE_TIMEOUT_S
        while True:
            try:
                outcome = self._results.get(timeout=0.5)
                break
            except queue.Empty:
                if not self._thread.is_alive() and self._results.empty():
                    outcome = RuntimeError("the browser stopped before the images were written")
                    break
                if time.monotonic() > deadline:
                    self._hung = True
                    raise DashboardError(
                        f"image export: Chromium did not finish the {len(specs)} images in {IMAGE_TIMEOUT_S} s; "
                        f"gave up (is it working? {INSTALL_HINT})"
                    ) from None
        if isinstance(outcome, BaseException):
            raise outcome


def _one_page_kaleido(kaleido):
    """kaleido's browser, drawing a batch's figures one after another in one page. kaleido reloads its
    page (and re-reads plotly.js) after every figure: ~120 ms an image, more than most of our charts
    take to draw. plotly draws each figure into a fresh element, so the images are the same
    (tests/test_export.py compares them). Plain kaleido if a kaleido version changes what this relies on."""
    if not callable(vars(kaleido.Kaleido).get("_return_kaleido_tab")):
        return kaleido.Kaleido

    class OnePageKaleido(kaleido.Kaleido):
        async def _return_kaleido_tab(self, tab) -> None:
            await self.tabs_ready.put(tab)

    return OnePageKaleido
