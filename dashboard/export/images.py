"""PNG and SVG through kaleido and Debian's Chromium, with nothing fetched from the network.

kaleido is configured per call (MathJax off, its loggers quiet) rather than at import, so importing
the package changes no plotly or logging setting of the process.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import io
import logging
import os
import queue
import shutil
import threading
import time
from pathlib import Path

import plotly.graph_objects as go

from ..errors import DashboardError
from .sizing import CHART_BOX, DOWNLOAD_BOX, image_options, sized_for_box

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


def figure_image(fig: go.Figure, fmt: str, box: tuple[float, float] = DOWNLOAD_BOX) -> bytes:
    """One figure as PNG or SVG bytes with its title and source line, made to fill a blank slide
    (default) or another box."""
    import kaleido

    require_chromium()
    spec = sized_for_box(fig, *box)
    options = image_options(fmt, *box)
    return _quiet(lambda: kaleido.calc_fig_sync(spec, opts=options, kopts=dict(KALEIDO_OPTIONS)))


def write_images(
    figures: dict[str, go.Figure],
    out_dir: Path,
    formats=("png", "svg"),
    session: BrowserSession | None = None,
    boxes: dict[str, tuple[float, float]] | None = None,
    slide: bool = False,
) -> list[Path]:
    """Many figures in one browser session (much faster than one at a time), each made for its box in
    `boxes` (default: a chart slide's). `session`: one already started; `slide`: without their titles
    (see `sizing.sized_for_box`)."""
    import kaleido

    require_chromium()
    out_dir.mkdir(parents=True, exist_ok=True)
    specs, paths = [], []
    for name, fig in figures.items():
        box = (boxes or {}).get(name, CHART_BOX)
        fig_dict = sized_for_box(fig, *box, slide=slide)
        for fmt in formats:
            path = out_dir / f"{name}.{fmt}"
            specs.append({"fig": fig_dict, "path": path, "opts": image_options(fmt, *box)})
            paths.append(path)
    if session is not None:
        _quiet(lambda: session.render(specs))
    else:
        _quiet(lambda: kaleido.write_fig_from_object_sync(specs, kopts=dict(KALEIDO_OPTIONS)))
    missing = [p for p in paths if not p.is_file() or p.stat().st_size == 0]
    if missing:
        raise DashboardError(f"image export wrote no {missing[0].name}; is Chromium working? {INSTALL_HINT}")
    return paths


class BrowserSession:
    """kaleido's Chromium, started in a thread of its own so that it boots (3-6 s) while the caller
    builds its figures. Use as a context manager; `render` writes a batch of kaleido specs."""

    def __init__(self) -> None:
        self._jobs: queue.Queue = queue.Queue()
        self._results: queue.Queue = queue.Queue()
        self._thread = threading.Thread(target=asyncio.run, args=(self._serve(),), name="kaleido", daemon=True)
        self._hung = False

    def __enter__(self) -> BrowserSession:
        require_chromium()
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._jobs.put(None)
        self._thread.join(timeout=0 if self._hung else 30)  # a hung browser is left to the process's exit

    async def _serve(self) -> None:
        import kaleido

        try:
            async with kaleido.Kaleido(**KALEIDO_OPTIONS) as browser:
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


WRITE_ERRNOS = (errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EFBIG)


def _file_error(exc: BaseException) -> OSError | None:
    """The error writing a file (disk full, read-only folder) in an exception's chain or group, if any."""
    seen: set[int] = set()
    pending = [exc]
    while pending:
        current = pending.pop()
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, OSError) and current.errno in WRITE_ERRNOS:
            return current
        pending += [current.__cause__, current.__context__, *getattr(current, "exceptions", ())]
    return None


def _quiet(action):
    """Run a kaleido call with choreographer's harmless exit noise kept off the user's screen. Only
    the browser's own failures (it did not start, stopped, or its channel broke) are reported as
    such; anything else (a figure plotly.js cannot draw, a bug) is raised as it is."""
    stderr = io.StringIO()
    try:
        with contextlib.redirect_stderr(stderr):
            return action()
    except (OSError, RuntimeError) as exc:
        if (written := _file_error(exc)) is not None:  # a full disk is not the browser's fault
            raise DashboardError(
                f"{written.filename or 'image'}: cannot write it ({written.strerror or written})"
            ) from exc
        if not _from_the_browser(exc):
            raise
        # choreographer's errors are tuples of advice (one suggests downloading Chrome): keep the first.
        reason = exc.args[0] if exc.args and isinstance(exc.args[0], str) else str(exc)
        raise DashboardError(
            f"image export failed ({type(exc).__name__}: {reason}); is Chromium working? {INSTALL_HINT}"
        ) from exc


def _from_the_browser(exc: BaseException) -> bool:
    """choreographer's errors (the browser and its channel), the process's OS errors, and the
    session's "the browser stopped"; not kaleido's JavaScript errors (the figure did not draw)."""
    module = type(exc).__module__
    if module.startswith("kaleido"):
        return False
    return module.startswith("choreographer") or isinstance(exc, OSError) or type(exc) is RuntimeError
