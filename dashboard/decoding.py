"""Bytes of a page file -> text: size limit, byte-order marks, binary files, encodings, HTML."""

from __future__ import annotations

import codecs
import html.parser
import re
from pathlib import Path

from .errors import Problem

MAX_PAGE_BYTES = 50 * 1024 * 1024
CONTROL_BYTES = bytes([*range(9), *range(14, 32)])  # what a text page should not hold


class _HTMLText(html.parser.HTMLParser):
    BLOCK = frozenset({"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article"})
    SKIP = frozenset({"script", "style", "noscript", "template", "head"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skipping += 1
        elif tag in self.BLOCK:
            self.parts.append("\n\n")

    def handle_endtag(self, tag):
        if tag in self.SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in self.BLOCK:
            self.parts.append("\n\n")

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(re.sub(r"\s+", " ", data))


def html_to_text(markup: str) -> str:
    parser = _HTMLText()
    parser.feed(markup)
    parser.close()
    lines = [line.strip() for line in "".join(parser.parts).split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"


def _looks_cyrillic(text: str) -> bool:
    """Real Russian has whole Cyrillic words; Latin-1 text mis-read as cp1251 has mixed ones (`reзu`)."""
    words = re.findall(r"[^\W\d_]{2,}", text)
    cyrillic = sum(all("\u0400" <= c <= "\u04ff" for c in w) for w in words)
    mixed = sum(any(c.isascii() for c in w) and any("\u0400" <= c <= "\u04ff" for c in w) for w in words)
    return cyrillic > 0 and mixed <= cyrillic * 0.1


def decode_page(data: bytes, name: str) -> tuple[str | None, list[Problem]]:
    """Bytes of a page -> text, or None with the reason. Russian cp1251/KOI8-R pages are decoded."""
    problems: list[Problem] = []
    if not data.strip():
        return None, [Problem(name, "empty file" if not data else "file has only whitespace")]
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(encoding), problems
            except UnicodeDecodeError as exc:
                return None, [
                    Problem(
                        name,
                        f"starts with a {encoding} mark but is not valid {encoding} ({exc.reason} at byte {exc.start})",
                    )
                ]
    head = data[:8192]
    control = len(head) - len(head.translate(None, CONTROL_BYTES))
    if b"\x00" in head or control > len(head) * 0.05:
        return None, [Problem(name, f"binary file, not a text page ({len(data):,} bytes)")]
    try:
        return data.decode("utf-8"), problems
    except UnicodeDecodeError as exc:
        utf8_error = exc
    if utf8_error.start >= len(data) - 3 and utf8_error.reason == "unexpected end of data":
        problems.append(
            Problem(name, "file ends inside a UTF-8 character (cut off?); last bytes dropped", severity="warning")
        )
        return data[: utf8_error.start].decode("utf-8"), problems
    for encoding in ("cp1251", "koi8_r"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _looks_cyrillic(text) and (
            encoding == "cp1251"
            or sum(c.isupper() for c in text if not c.isascii()) < sum(c.islower() for c in text if not c.isascii())
        ):
            problems.append(Problem(name, f"not UTF-8; decoded as {encoding} (Cyrillic)", severity="warning"))
            return text, problems
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
    except Exception:  # noqa: BLE001 - detection is best effort; the reason is reported below
        best = None
    if best is not None and best.encoding:
        problems.append(Problem(name, f"not UTF-8; decoded as {best.encoding} (detected)", severity="warning"))
        return str(best), problems
    line = data[: utf8_error.start].count(b"\n") + 1
    return None, [
        Problem(
            name, f"not UTF-8 and no known encoding fits ({utf8_error.reason} at byte {utf8_error.start})", line=line
        )
    ]


def read_page(path: Path, name: str) -> tuple[str | None, list[Problem]]:
    """Read and decode one page file; never raises."""
    problems: list[Problem] = []
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            data = handle.read(MAX_PAGE_BYTES)
    except OSError as exc:
        return None, [Problem(name, f"cannot be read: {exc.strerror or exc}")]
    if size > MAX_PAGE_BYTES:
        problems.append(
            Problem(
                name,
                f"file is {size / 2**20:.0f} MB; only the first {MAX_PAGE_BYTES // 2**20} MB were read",
                severity="warning",
            )
        )
    text, decode_problems = decode_page(data, name)
    problems += decode_problems
    if text is None:
        return None, problems
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if re.match(r"\s*(<!doctype html|<html|<head|<body)", text[:1000], re.IGNORECASE):
        text = html_to_text(text)
        problems.append(Problem(name, "HTML page; read its text only", severity="warning"))
    return text, problems
