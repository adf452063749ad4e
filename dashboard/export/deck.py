"""The deck's building blocks: slide geometry and palette, measured paragraphs, and a builder that
gives every content slide the same title bar, footer and slide number.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from pathlib import Path

from .textfit import FONT_NAME, LINE_HEIGHT, PAD_X, PAD_Y, clean, fit_text, wrap_lines, wrap_runs

DECK_WIDTH_IN, DECK_HEIGHT_IN = 13.333, 7.5
MARGIN = 0.5
BAR_HEIGHT = 0.9  # the navy title bar
CONTENT_TOP, CONTENT_BOTTOM = 1.1, 6.98
FOOTER_TOP = 7.1
NAVY, BLUE, INK, MUTED, RULE, PANEL, PALE = (
    "#14213d",
    "#1f5fa8",
    "#1d2733",
    "#5b6470",
    "#d9dee4",
    "#f4f6f9",
    "#c9d5e8",
)


@dataclass
class Run:
    text: str
    bold: bool = False
    color: str = INK
    italic: bool = False
    link: str | None = None  # a web address the run opens (a quoted article's title)


@dataclass
class Para:
    runs: list[Run]
    size: float
    space_before: float = 0.0
    space_after: float = 0.0
    align: str = "left"

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)

    def lines(self, width_in: float) -> int:
        return len(wrap_runs([(run.text, run.bold) for run in self.runs], self.size, width_in))

    def height(self, width_in: float) -> float:
        return (self.lines(width_in) * self.size * LINE_HEIGHT + self.space_before + self.space_after) / 72


def para(text: str, size: float, width_in: float, max_lines: int = 1, **style) -> Para:
    """One single-run paragraph, fitted to `max_lines` lines of a box `width_in` wide (insets included)."""
    bold = style.get("bold", False)
    fitted = fit_text(clean(text), size, width_in - 2 * PAD_X, max_lines, bold)
    options = {k: style.pop(k) for k in ("space_before", "space_after", "align") if k in style}
    return Para([Run(fitted, **style)], size, **options)


def line_height(size: float, lines: int = 1) -> float:
    return lines * size * LINE_HEIGHT / 72


def boxes_height(paragraphs: list[Para], width_in: float) -> float:
    return sum(p.height(width_in - 2 * PAD_X) for p in paragraphs) + 2 * PAD_Y


class DeckBuilder:
    """A 16:9 deck with a navy title bar, a footer with the source line, and slide numbers."""

    def __init__(self, footer: str) -> None:
        from pptx import Presentation
        from pptx.util import Inches

        self.prs = Presentation()
        self.prs.slide_width = Inches(DECK_WIDTH_IN)
        self.prs.slide_height = Inches(DECK_HEIGHT_IN)
        self.blank = self.prs.slide_layouts[6]
        self.footer = footer
        self._numbered: list = []  # content slides, numbered once the deck is complete

    # -- primitives --

    def slide(self):
        return self.prs.slides.add_slide(self.blank)

    def rect(self, slide, x, y, w, h, fill: str, line: str | None = None, name: str = ""):
        from pptx.dml.color import RGBColor
        from pptx.enum.shapes import MSO_SHAPE
        from pptx.oxml.ns import qn
        from pptx.util import Inches, Pt

        shape = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, Inches(x), Inches(y), Inches(w), Inches(h))
        shape.fill.solid()
        shape.fill.fore_color.rgb = RGBColor.from_string(fill[1:])
        if line:
            shape.line.color.rgb = RGBColor.from_string(line[1:])
            shape.line.width = Pt(0.75)
        else:
            shape.line.fill.background()
        style = shape._element.find(qn("p:style"))
        if style is not None:  # the theme style adds a shadow (LibreOffice draws it despite <a:effectLst/>)
            shape._element.remove(style)
        if name:
            shape.name = name
        return shape

    def text(self, slide, x, y, w, h, paragraphs: list[Para], anchor: str = "top", name: str = ""):
        from pptx.dml.color import RGBColor
        from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
        from pptx.util import Inches, Pt

        shape = slide.shapes.add_textbox(Inches(x), Inches(y), Inches(w), Inches(h))
        if name:
            shape.name = name
        frame = shape.text_frame
        frame.word_wrap = True
        frame.auto_size = MSO_AUTO_SIZE.NONE
        frame.margin_left = frame.margin_right = Inches(PAD_X)
        frame.margin_top = frame.margin_bottom = Inches(PAD_Y)
        frame.vertical_anchor = {"top": MSO_ANCHOR.TOP, "middle": MSO_ANCHOR.MIDDLE, "bottom": MSO_ANCHOR.BOTTOM}[
            anchor
        ]
        for number, paragraph in enumerate(paragraphs):
            p = frame.paragraphs[0] if number == 0 else frame.add_paragraph()
            p.alignment = {"left": PP_ALIGN.LEFT, "right": PP_ALIGN.RIGHT, "center": PP_ALIGN.CENTER}[paragraph.align]
            p.line_spacing = 1.0
            p.space_before = Pt(paragraph.space_before)
            p.space_after = Pt(paragraph.space_after)
            for run in paragraph.runs:
                r = p.add_run()
                r.text = run.text
                font = r.font
                font.name = FONT_NAME
                font.size = Pt(paragraph.size)
                font.bold = run.bold
                font.italic = run.italic
                font.color.rgb = RGBColor.from_string(run.color[1:])
                if run.link:
                    r.hyperlink.address = run.link
        return shape

    def picture(self, slide, path: Path, x, y, w, h, name: str = ""):
        from pptx.dml.color import RGBColor
        from pptx.util import Inches, Pt

        shape = slide.shapes.add_picture(str(path), Inches(x), Inches(y), Inches(w), Inches(h))
        shape.line.color.rgb = RGBColor.from_string(RULE[1:])
        shape.line.width = Pt(0.75)
        if name:
            shape.name = name
        return shape

    # -- the frame every content slide shares --

    def content_slide(self, title: str, subline: str, footer: str | None = None):
        slide = self.slide()
        width = DECK_WIDTH_IN - 2 * MARGIN
        self.rect(slide, 0, 0, DECK_WIDTH_IN, BAR_HEIGHT, NAVY, name="title bar")
        self.rect(slide, 0, BAR_HEIGHT, DECK_WIDTH_IN, 0.05, BLUE, name="title rule")
        size = title_size(clean(title), width - 2 * PAD_X, (28, 26, 24, 22))
        self.text(
            slide, MARGIN, 0.05, width, 0.55, [para(title, size, width, bold=True, color="#ffffff")], name="title"
        )
        self.text(slide, MARGIN, 0.55, width, 0.32, [para(subline, 13, width, color=PALE)], name="subtitle")
        self.rect(slide, MARGIN, FOOTER_TOP - 0.04, DECK_WIDTH_IN - 2 * MARGIN, 0.012, RULE, name="footer rule")
        footer_width = DECK_WIDTH_IN - 2 * MARGIN - 1.2
        self.text(
            slide,
            MARGIN,
            FOOTER_TOP,
            footer_width,
            0.3,
            [para(footer or self.footer, 9, footer_width, color=MUTED)],
            name="footer",
        )
        self._numbered.append(slide)
        return slide

    def _number_slides(self) -> None:
        """ "n / total" on every content slide: slide builders need not know how many come after them."""
        slides = list(self.prs.slides)
        total = len(slides)
        for slide in self._numbered:
            number = slides.index(slide) + 1
            self.text(
                slide,
                DECK_WIDTH_IN - MARGIN - 1.1,
                FOOTER_TOP,
                1.1,
                0.3,
                [para(f"{number} / {total}", 9, 1.1, color=MUTED, align="right")],
                name="slide number",
            )
        self._numbered = []

    def save(self, path: Path) -> Path:
        """Write the deck next to its final name, then rename: a reader never sees half a file."""
        self._number_slides()
        temporary = path.with_name(f".{path.name}.{os.getpid()}.part")
        try:
            self.prs.save(str(temporary))
            os.replace(temporary, path)
        finally:
            with contextlib.suppress(FileNotFoundError):
                temporary.unlink()
        return path


def title_size(text: str, width_in: float, sizes: tuple[float, ...]) -> float:
    for size in sizes:
        if len(wrap_lines(text, size, width_in, bold=True)) <= 1:
            return size
    return sizes[-1]


def content_box() -> tuple[float, float, float, float]:
    """Left, top, width, height of the area between the title bar and the footer."""
    return MARGIN, CONTENT_TOP, DECK_WIDTH_IN - 2 * MARGIN, CONTENT_BOTTOM - CONTENT_TOP


def describe(picture, text: str) -> None:
    """Alt text for a picture (read by screen readers and shown by PowerPoint's accessibility check)."""
    picture._element.nvPicPr.cNvPr.set("descr", clean(text))
