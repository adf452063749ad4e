"""Text measured before it is placed: slide text is budgeted, not auto-shrunk.

Every text box is filled with text measured with Liberation Sans metrics (the fonts LibreOffice uses
for Arial; Arial has the same metrics), wrapped to the box width and cut with "…" where it would need
more lines than the box holds. `text_overflow` measures any text shape of a deck the same way, so
tests can check every box.
"""

from __future__ import annotations

import contextlib
import re
from functools import lru_cache
from pathlib import Path

import pandas as pd

from ..textnorm import CONTROL, INVISIBLE

FONT_NAME = "Arial"  # Liberation Sans has the same metrics, and LibreOffice uses it for Arial
FONT_DIRS = (
    "/usr/share/fonts/truetype/liberation",
    "/usr/share/fonts/truetype/liberation2",
    "/usr/share/fonts/liberation-sans",
    "/usr/share/fonts/liberation",
)
NON_BREAKING_HYPHEN = "\u2011"
LINE_HEIGHT = 1.17  # line pitch in ems at single spacing (Liberation Sans and Arial need 1.12-1.15)
WRAP_SLACK = 0.985  # wrap a little before the edge: renderers differ in kerning and spacing
PAD_X, PAD_Y = 0.06, 0.04  # text box insets, inches
# What a slide drops: the invisible and control characters (`textnorm`), and what a .pptx cannot
# hold at all (noncharacters, lone surrogates).
UNPRINTABLE = re.compile("[" + re.escape(INVISIBLE + CONTROL) + "\ufffe\uffff\ud800-\udfff]")


@lru_cache(maxsize=2)
def _font(bold: bool):
    from PIL import ImageFont

    name = "LiberationSans-Bold.ttf" if bold else "LiberationSans-Regular.ttf"
    for folder in FONT_DIRS:
        path = Path(folder) / name
        if path.is_file():
            with contextlib.suppress(OSError):
                return ImageFont.truetype(str(path), 1000)
    return None


@lru_cache(maxsize=1 << 16)
def text_width(text: str, size_pt: float, bold: bool = False) -> float:
    """Width of one line of text in inches (a generous estimate when Liberation Sans is missing)."""
    font = _font(bold)
    ems = font.getlength(text) / 1000 if font is not None else len(text) * (0.62 if bold else 0.58)
    return ems * size_pt / 72


def wrap_lines(text: str, size_pt: float, width_in: float, bold: bool = False) -> list[str]:
    """Greedy word wrap as a slide renderer does it; a word wider than the box is broken."""
    return wrap_runs([(text, bold)], size_pt, width_in)


def wrap_runs(pieces: list[tuple[str, bool]], size_pt: float, width_in: float) -> list[str]:
    """Word wrap of a paragraph made of (text, bold) runs, each piece measured in its own weight."""
    width = width_in * WRAP_SLACK
    words: list[list[tuple[str, bool]]] = [[]]
    for text, bold in pieces:
        for number, part in enumerate(text.split(" ")):
            if number:
                words.append([])
            if part:
                words[-1].append((part, bold))
    space = text_width(" ", size_pt)
    lines: list[str] = []
    line, used = "", 0.0
    for word in words:
        plain = "".join(part for part, _ in word)
        wide = sum(text_width(part, size_pt, bold) for part, bold in word)
        if line:
            if used + space + wide <= width:
                line, used = f"{line} {plain}", used + space + wide
                continue
            lines.append(line)
        line, used = plain, wide
        bold = any(b for _, b in word)
        while len(line) > 1 and used > width:  # a word wider than the box: broken anywhere
            cut = max(1, _longest_prefix(line, size_pt, width, bold))
            lines.append(line[:cut])
            line = line[cut:]
            used = text_width(line, size_pt, bold)
    lines.append(line)
    return lines


def _longest_prefix(word: str, size_pt: float, width: float, bold: bool) -> int:
    low, high = 0, len(word)
    while low < high:
        middle = (low + high + 1) // 2
        if text_width(word[:middle], size_pt, bold) <= width:
            low = middle
        else:
            high = middle - 1
    return low


def fit_text(text: str, size_pt: float, width_in: float, max_lines: int, bold: bool = False) -> str:
    """The text, cut at a word with "…" if it needs more than `max_lines` lines in the box."""
    if max_lines < 1:
        return ""
    if len(wrap_lines(text, size_pt, width_in, bold)) <= max_lines:
        return text
    words = text.split(" ")

    def fits(candidate: str) -> bool:
        return len(wrap_lines(candidate, size_pt, width_in, bold)) <= max_lines

    low, high = 0, len(words)
    while low < high:
        middle = (low + high + 1) // 2
        if fits(ellipsis(" ".join(words[:middle]))):
            low = middle
        else:
            high = middle - 1
    if low:
        return ellipsis(" ".join(words[:low]))
    first = words[0]
    low, high = 0, len(first)
    while low < high:
        middle = (low + high + 1) // 2
        if fits(first[:middle] + "…"):
            low = middle
        else:
            high = middle - 1
    return first[:low] + "…"


def ellipsis(text: str) -> str:
    return text.rstrip(" ,;:.–—-(/") + "…"


def clean(text) -> str:
    """Page or geodata text made safe for a slide: one line, no control or direction characters."""
    if text is None or (isinstance(text, float) and pd.isna(text)):
        return ""
    return " ".join(UNPRINTABLE.sub("", str(text)).split())


QUOTE_MARKS = "“”\"«»„‘’'"


def carries_quotes(text: str) -> bool:
    """Does a sentence start or end with quotation marks of its own? Then it is shown as it is: marks
    around it would double them (““Seen in this light …”)."""
    return text[:1] in QUOTE_MARKS or text[-1:] in QUOTE_MARKS


def quoted(text: str) -> str:
    """Text in quotation marks, unless it carries its own."""
    return text if carries_quotes(text) else f"“{text}”"


def unbroken(text: str) -> str:
    """Hyphens a renderer may not break a line at (dates: 2026‑02‑23 stays on one line)."""
    return text.replace("-", NON_BREAKING_HYPHEN)


def plural(count: int, word: str, many: str | None = None) -> str:
    return f"{count:,} {word if count == 1 else many or word + 's'}"


def and_list(items: list[str]) -> str:
    """ "a", "a and b", "a, b and c"."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def text_overflow(shape) -> float:
    """Inches by which a shape's text needs more height than its box has (<= 0: it fits).

    Text boxes and every cell of a table are measured with the deck's own rules: each paragraph's
    runs at their size, bold if any run is, wrapped to the box width less its insets.
    """
    from pptx.util import Emu

    def inches(value) -> float:
        return Emu(value or 0).inches

    if getattr(shape, "has_table", False) and shape.has_table:
        table = shape.table
        worst = float("-inf")
        for row in table.rows:
            for column, cell in zip(table.columns, row.cells, strict=True):
                width = inches(column.width) - inches(cell.margin_left) - inches(cell.margin_right)
                needed = _paragraphs_height(cell.text_frame.paragraphs, width)
                needed += inches(cell.margin_top) + inches(cell.margin_bottom)
                worst = max(worst, needed - inches(row.height))
        return worst
    if not getattr(shape, "has_text_frame", False) or not shape.has_text_frame or not shape.text_frame.text:
        return float("-inf")
    frame = shape.text_frame
    width = inches(shape.width) - inches(frame.margin_left) - inches(frame.margin_right)
    needed = _paragraphs_height(frame.paragraphs, width) + inches(frame.margin_top) + inches(frame.margin_bottom)
    return needed - inches(shape.height)


def _paragraphs_height(paragraphs, width: float) -> float:
    total = 0.0
    for paragraph in paragraphs:
        runs = paragraph.runs
        size = max((run.font.size.pt for run in runs if run.font.size), default=18.0)
        lines = len(wrap_runs([(run.text, bool(run.font.bold)) for run in runs], size, width))
        before = paragraph.space_before.pt if paragraph.space_before is not None else 0.0
        after = paragraph.space_after.pt if paragraph.space_after is not None else 0.0
        total += (lines * size * LINE_HEIGHT + before + after) / 72
    return total
