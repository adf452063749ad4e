"""Bytes of a page file -> text: size limit, documents that are not pages (PDF, Word, images),
byte-order marks, binary files, and the encoding of pages that are not UTF-8."""

from __future__ import annotations

import codecs
import os
import re
from pathlib import Path

from charset_normalizer import from_bytes

from .errors import Problem
from .pagefiles import entry_problem

MAX_PAGE_BYTES = 50 * 1024 * 1024
CONTROL_BYTES = bytes([*range(9), *range(14, 32)])  # what a text page should not hold
# Control characters a page may still carry (tab, newline and carriage return are text): said, removed.
CONTROL_CHARACTERS = re.compile("[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]")


# Documents dropped in that are not pages: said by name, never read as a junk article.
MAGIC = (
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (Word .docx, .xlsx or .odt document?)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document (.doc/.xls)"),
    (b"{\\rtf", "an RTF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
)
HTML_CHARSET = re.compile(rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]{2,40})", re.IGNORECASE)
# Letters each language writes beyond ASCII. Single-byte code pages of one script (cp1252, cp1250,
# cp1257…) all decode most texts without errors; the right one gives letters of one language.
ALPHABETS = (
    "àâäçéèêëîïôöùûüÿœæ",  # French
    "äöüß",  # German
    "áéíñóúü",  # Spanish
    "àèéìíòóùú",  # Italian
    "ãáàâçéêíóôõú",  # Portuguese
    "åäöéæø",  # Nordic
    "ąčęėįšųūž",  # Lithuanian
    "āčēģīķļņšūž",  # Latvian
    "äöõšž",  # Estonian
    "ąćęłńóśźż",  # Polish
    "áčďéěíňóřšťúůýž",  # Czech/Slovak
    "áéíóöőúüű",  # Hungarian
    "ăâîșțşţ",  # Romanian
    "čćđšž",  # Croatian/Slovene
    "çğıöşüâîû",  # Turkish
    "çəğıöşü",  # Azerbaijani
)
SIMILAR_CHAOS = 0.02  # candidates this close to charset-normalizer's best are decided by their letters


def decode_page(data: bytes, name: str) -> tuple[str | None, list[Problem]]:
    """Bytes of a page -> text, or None with the reason."""
    if not data.strip():
        return None, [Problem(name, "empty file" if not data else "file has only whitespace")]
    for magic, what in MAGIC:
        if data.startswith(magic):
            return None, [Problem(name, f"{what}, not a text or HTML page; save the article as HTML or text")]
    for bom, encoding in (  # UTF-32's marks first: UTF-16's little-endian mark begins UTF-32's
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(encoding), []
            except UnicodeDecodeError as exc:
                return None, [
                    Problem(
                        name,
                        f"starts with a {encoding} mark but is not valid {encoding} ({exc.reason} at byte {exc.start})",
                    )
                ]
    head = data[:8192]
    control = len(head) - len(head.translate(None, CONTROL_BYTES))
    if control > len(head) * 0.05:
        return None, [Problem(name, f"binary file, not a text page ({len(data):,} bytes)")]
    problems: list[Problem] = []
    if b"\x00" in data:
        nuls = data.count(b"\x00")
        data = data.replace(b"\x00", b"")
        line = head.split(b"\x00")[0].count(b"\n") + 1 if b"\x00" in head else None
        problems.append(Problem(name, f"{nuls} NUL byte(s) removed from the text", line=line, severity="warning"))
    try:
        return data.decode("utf-8"), problems
    except UnicodeDecodeError as exc:
        utf8_error = exc
    if utf8_error.start >= len(data) - 3 and utf8_error.reason == "unexpected end of data":
        problems.append(
            Problem(name, "file ends inside a UTF-8 character (cut off?); last bytes dropped", severity="warning")
        )
        return data[: utf8_error.start].decode("utf-8"), problems
    decoded = _declared_html_charset(data) or _detected(data)
    if decoded is not None:
        text, encoding, how = decoded
        problems.append(Problem(name, f"not UTF-8; decoded as {encoding} ({how})", severity="note"))
        return text, problems
    line = data[: utf8_error.start].count(b"\n") + 1
    return None, [
        *problems,
        Problem(
            name, f"not UTF-8 and no known encoding fits ({utf8_error.reason} at byte {utf8_error.start})", line=line
        ),
    ]


def _declared_html_charset(data: bytes) -> tuple[str, str, str] | None:
    """An HTML page that names its charset is decoded with it (when that decodes without errors)."""
    match = HTML_CHARSET.search(data[:4096])
    if not match:
        return None
    try:
        encoding = codecs.lookup(match[1].decode("ascii")).name
        if encoding in ("utf-8", "utf-16", "utf-16-le", "utf-16-be"):
            return None
        return data.decode(encoding), encoding, "declared by the page"
    except (LookupError, UnicodeError):  # unknown name, or a codec that decodes nothing ("undefined")
        return None


def _detected(data: bytes) -> tuple[str, str, str] | None:
    """charset-normalizer's guess; among guesses about as clean as its best, the one whose letters
    belong to one language (it rates cp1257 over cp1252 on French text: "Déją vu")."""
    try:
        results = list(from_bytes(data))
    except Exception:  # noqa: BLE001 - detection is best effort; the caller reports the failure
        return None
    if not results:
        return None
    least = min(r.chaos for r in results)
    close = [r for r in results if r.chaos <= least + SIMILAR_CHAOS]
    best = max(close, key=lambda r: (alphabet_fit(str(r)), -r.chaos, r.coherence))
    return str(best), codecs.lookup(best.encoding).name, "detected"


def alphabet_fit(text: str) -> float:
    """Share of the non-ASCII Latin letters that one language's alphabet holds (1.0 for other scripts)."""
    letters = [c for c in text.lower() if not c.isascii() and c.isalpha() and c <= "\u024f"]
    if not letters:
        return 1.0
    return max(sum(c in alphabet for c in letters) for alphabet in ALPHABETS) / len(letters)


def _no_follow(path, flags: int) -> int:
    """Open without following a link swapped in since the folder was listed."""
    return os.open(path, flags | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))


def read_page(path: Path, name: str) -> tuple[str | None, list[Problem]]:
    """Read and decode one page file; never raises."""
    problems: list[Problem] = []
    not_a_page = entry_problem(path)
    if not_a_page:
        message, severity = not_a_page
        return None, [Problem(name, message, severity=severity)]
    try:
        with open(path, "rb", opener=_no_follow) as handle:
            size = os.fstat(handle.fileno()).st_size
            data = handle.read(MAX_PAGE_BYTES)
    except OSError as exc:
        return None, [Problem(name, f"cannot be read: {exc.strerror or exc}")]
    if size > MAX_PAGE_BYTES:
        problems.append(
            Problem(
                name,
                f"file is {size / 2**20:.1f} MB; only the first {MAX_PAGE_BYTES / 2**20:g} MB were read",
                severity="warning",
            )
        )
    text, decode_problems = decode_page(data, name)
    problems += decode_problems
    if text is None:
        return None, problems
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if control := CONTROL_CHARACTERS.search(text):
        line = text.count("\n", 0, control.start()) + 1
        text, count = CONTROL_CHARACTERS.subn("", text)
        problems.append(Problem(name, f"{count} control character(s) removed from the text", line, "warning"))
    return text, problems
