"""PNG and SVG through kaleido and Debian's Chromium, with nothing fetched from the network.

kaleido is configured per call (MathJax off, its loggers quiet) rather than at import, so importing
the package changes no plotly or logging setting of the process.
"""

from __future__ import annotations

import contextlib
import errno
import io
import tempfile
from pathlib import Path

import plotly.graph_objects as go

from ..browser import INSTALL_HINT, KALEIDO_OPTIONS, BrowserSession, require_chromium
from ..errors import DashboardError
from .sizing import CHART_BOX, DOWNLOAD_BOX, image_options, sized_for_box


def figure_image(
    fig: go.Figure, fmt: str, box: tuple[float, float] = DOWNLOAD_BOX, session: BrowserSession | None = None
) -> bytes:
    """One figure as PNG or SVG bytes with its title and source line, made to fill a blank slide
    (default) or another box; in a running `session` (~0.3 s) or a browser started for it (~3 s)."""
    import kaleido

    require_chromium()
    if session is not None:
        with tempfile.TemporaryDirectory(prefix="corridor-watch-image-") as folder:
            [path] = write_images({"chart": fig}, Path(folder), (fmt,), session, {"chart": box})
            return path.read_bytes()
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
