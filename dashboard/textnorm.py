"""Text normalisation for matching only; displayed text always keeps its original characters.

Two forms are used:
- `fold` gives a canonical form for comparing short strings (titles, aliases, cue words): lower case,
  one dash, straight quotes, single spaces, Latin diacritics removed (`Türkmenbaşy` -> `turkmenbasy`).
- `scan_form` gives a form of a long text *with the same length as the original* (so offsets found
  in it are offsets into the original): ASCII lower case, the dash family as `-`, odd spaces and line
  breaks as a space, invisible characters (zero-width spaces and joiners, bidi controls, soft
  hyphens) as one marker that `squeeze` then removes, so `C\u200bPC` matches `CPC`. It is built from
  C-level string operations because the linker runs it over hundreds of megabytes.
`scan_form` reads a word that mixes Latin and Cyrillic letters as Latin (`unmix_scripts`, which the
linker also applies to the text its sense cues are counted in): some Kazakh sites type their Latin
alphabet with Cyrillic look-alikes (`Аqtаý tеńіz pоrty`, with Cyrillic А, а, е, і, о).
"""

from __future__ import annotations

import re
import unicodedata

DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
SPACES = "\u00a0\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\t\n\r\v\f"
SINGLE_QUOTES = "\u2018\u2019\u201a\u201b\u2032\u02bc\u02bb"  # ʻ: the Uzbek Latin letter o‘, g‘
DOUBLE_QUOTES = "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb"
# The project's one set of invisible characters: zero-width characters, bidi embeddings, overrides,
# isolates and marks, the soft hyphen, invisible operators, the BOM. Never part of a name; what the
# app and the deck show without them (they could reorder or hide what a reader sees).
INVISIBLE = (
    "\u00ad\u061c\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
    "\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\ufeff"
)
# Control characters (C0 but tab, line feed and carriage return; DEL; C1): never shown as they are.
CONTROL = "".join(map(chr, (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0xA0))))
INVISIBLE_MARK = "\u200b"  # what `scan_form` turns every invisible character into

# Curly and modifier apostrophes as "'" too: Uzbek Latin writes o‘ and g‘ with any of them.
_SCAN_REPLACEMENTS = (
    tuple((c, "-") for c in DASHES) + tuple((c, " ") for c in SPACES) + tuple((c, "'") for c in SINGLE_QUOTES)
)
_INVISIBLE_RE = re.compile("[" + INVISIBLE + "]")
_STRIP_INVISIBLE = {ord(c): None for c in INVISIBLE}
_WHITESPACE_RUN = re.compile(r"\s+")


def _strip_diacritic(ch: str) -> str:
    decomposed = unicodedata.normalize("NFKD", ch)
    base = "".join(c for c in decomposed if not unicodedata.combining(c))
    return base if len(base) == 1 else ch


# One character to one character, so folding never moves an offset.
_FOLD_TABLE = {cp: _strip_diacritic(chr(cp)) for cp in (*range(0xC0, 0x250), *range(0x1E00, 0x1F00))}
_FOLD_TABLE.update({0x131: "i", 0xDF: "s", 0x259: "e", 0x18F: "E", 0xF8: "o", 0xD8: "O"})
_FOLD_TABLE.update({ord(c): "-" for c in DASHES})
_FOLD_TABLE.update({ord(c): " " for c in SPACES})
_FOLD_TABLE.update({ord(c): "'" for c in SINGLE_QUOTES})
_FOLD_TABLE.update({ord(c): '"' for c in DOUBLE_QUOTES})
_FOLD_TABLE = {k: v for k, v in _FOLD_TABLE.items() if chr(k) != v}
_FOLD_AND_STRIP_TABLE = {**_FOLD_TABLE, **{ord(c): None for c in INVISIBLE}}  # `fold` drops invisibles too
# The same tables applied by a regex that finds only the characters they change: `str.translate` looks
# every character up in the table (~6x slower on an article, most of whose characters stay).
_FOLDED = {chr(k): v for k, v in _FOLD_TABLE.items()}
_FOLDED_AND_STRIPPED = {chr(k): v or "" for k, v in _FOLD_AND_STRIP_TABLE.items()}
_FOLDABLE = re.compile("[" + "".join(map(re.escape, _FOLDED)) + "]")
_FOLDABLE_OR_STRIPPED = re.compile("[" + "".join(map(re.escape, _FOLDED_AND_STRIPPED)) + "]")


# Cyrillic letters that look like Latin ones, as typed inside Latin words (lower case: matching is).
_LOOKALIKES = str.maketrans(
    "аеорсухіјѕԛԝһкАВЕКМНОРСТУХІЈЅ",
    "aeopcyxijsqwhkabekmhopctyxijs",
)
# A Latin letter beside a Cyrillic one: the cheap test for a mixed word (Russian text seldom has one).
_MIXED_PAIR = re.compile("[a-zA-Z\u00c0-\u024f][\u0400-\u04ff]|[\u0400-\u04ff][a-zA-Z\u00c0-\u024f]")
_LETTERS = re.compile(r"[^\W\d_]+")


def _unmix_word(match: re.Match) -> str:
    word = match.group()
    return word.translate(_LOOKALIKES) if _MIXED_PAIR.search(word) else word


def unmix_scripts(text: str) -> str:
    """Words mixing Latin and Cyrillic letters with the Cyrillic look-alikes made Latin (same length);
    a word in one script is left as it is (`Актау`, `BP`). Only a text in the Latin script with a few
    Cyrillic letters is searched: counting the UTF-8 lead bytes of Cyrillic (U+0400-U+047F) is far
    faster than the search, and a Russian text's rare mixed word is not worth slowing every one."""
    if text.isascii():
        return text
    raw = text.encode("utf-8", "surrogatepass")
    cyrillic = raw.count(b"\xd0") + raw.count(b"\xd1")
    if not cyrillic or cyrillic * 3 > len(text) or not _MIXED_PAIR.search(text):
        return text
    return _LETTERS.sub(_unmix_word, text)


def strip_invisible(text: str) -> str:
    return text.translate(_STRIP_INVISIBLE)


def fold(text: str) -> str:
    """Canonical comparison form of a short string."""
    folded = _FOLDABLE_OR_STRIPPED.sub(lambda m: _FOLDED_AND_STRIPPED[m.group()], text.replace("\u0130", "I")).lower()
    return _WHITESPACE_RUN.sub(" ", folded).strip()


def fold_chars(text: str) -> str:
    """`fold` without collapsing spaces or changing case: same length as the input."""
    return _FOLDABLE.sub(lambda m: _FOLDED[m.group()], text)


_LATIN_DIACRITIC = re.compile(
    "[" + "".join(chr(k) for k in _FOLD_TABLE if 0xC0 <= k < 0x250 or 0x1E00 <= k < 0x1F00) + "]"
)
_DIACRITIC_BASE = {chr(k): v.lower() for k, v in _FOLD_TABLE.items() if 0xC0 <= k < 0x250 or 0x1E00 <= k < 0x1F00}
# UTF-8 starts of U+00C0-U+024F and U+1E00-U+1EFF: a text without them has no Latin diacritic.
_DIACRITIC_UTF8_LEADS = (*(bytes([b]) for b in range(0xC3, 0xCA)), b"\xe1\xb8", b"\xe1\xb9", b"\xe1\xba", b"\xe1\xbb")
_SQUEEZE = re.compile(r" +- *|- +| {2,}")  # what `squeeze` collapses (see _squeeze_spans)
# The same with invisible marks, which are dropped: a rarer, slower path.
_SQUEEZE_MARKED = re.compile("[ \u200b]*-[ \u200b]*|[ \u200b]{2,}|\u200b")
_SPACE_RUN = re.compile(r"  +")


def _base_letter(match: re.Match) -> str:
    return _DIACRITIC_BASE[match.group()]


def scan_form(text: str) -> str:
    """Same-length form of `text` for fast multi-pattern scanning.

    ASCII letters are lower-cased via bytes (many times faster than `str.lower`), Latin diacritics
    are dropped (`Constanţa`, `Türkmenbaşy`), the dash family becomes `-` and odd spaces and line
    breaks a space. Non-Latin letters keep their case: the linker adds case variants of such aliases.
    """
    raw = text.encode("utf-8", "surrogatepass")
    low = raw.lower().decode("utf-8", "surrogatepass")
    if low.isascii():
        for char in "\t\n\r\v\f":
            if char in low:
                low = low.replace(char, " ")
        return low
    for char, replacement in _SCAN_REPLACEMENTS:
        if char in low:
            low = low.replace(char, replacement)
    if not low.isprintable():  # with spaces replaced, only format characters (invisibles) and rarities remain
        low = _INVISIBLE_RE.sub(INVISIBLE_MARK, low)
    if any(lead in raw for lead in _DIACRITIC_UTF8_LEADS):  # a byte search: far faster than the regex
        low = _LATIN_DIACRITIC.sub(_base_letter, low)
    return unmix_scripts(low)


def squeeze(text: str) -> tuple[str, list[tuple[int, int]]]:
    """Collapse runs of spaces, and spaces around a dash (`Baku – Tbilisi`, `Baku– Tbilisi`).

    Returns the squeezed text and (squeezed_pos, shift) breakpoints: an offset `p` in the squeezed
    text maps back to `p + shift` of the last breakpoint at or before `p`. Only spaces are removed,
    so every letter maps back exactly.
    """
    marked = INVISIBLE_MARK in text
    if not marked and "  " not in text and " -" not in text and "- " not in text:
        return text, []
    pieces: list[str] = []
    breaks: list[tuple[int, int]] = []
    last = shift = 0
    for start, end, kept in _marked_spans(text) if marked else _squeeze_spans(text):
        pieces.append(text[last:start] + kept)
        first_after = start - shift + len(kept)
        shift += end - start - len(kept)
        breaks.append((first_after, shift))
        last = end
    pieces.append(text[last:])
    return "".join(pieces), breaks


def _marked_spans(text: str) -> list[tuple[int, int, str]]:
    """`_squeeze_spans` for a text holding invisible marks: they go, spaces and dashes collapse."""
    spans = []
    for match in _SQUEEZE_MARKED.finditer(text):
        found = match.group()
        kept = "-" if "-" in found else " " if " " in found else ""
        if found != kept:
            spans.append((match.start(), match.end(), kept))
    return spans


def _squeeze_spans(text: str) -> list[tuple[int, int, str]]:
    """The matches of `_SQUEEZE`, found from the rare characters: a regex starting with ` +` tries
    every space of the text, and that alone ran at about 20 MB/s."""
    spans: list[tuple[int, int, str]] = []
    length = len(text)
    floor = 0  # spaces before a dash are its own only after the previous span
    at = text.find("-")
    while at >= 0:
        start = at
        while start > floor and text[start - 1] == " ":
            start -= 1
        end = at + 1
        while end < length and text[end] == " ":
            end += 1
        if end - start > 1:
            spans.append((start, end, "-"))
            floor = end
        at = text.find("-", end)
    if "  " in text:
        dashes = spans
        spans = []
        i = 0
        for run in _SPACE_RUN.finditer(text):
            while i < len(dashes) and dashes[i][1] <= run.start():
                spans.append(dashes[i])
                i += 1
            if i < len(dashes) and dashes[i][0] <= run.start():
                continue  # inside a dash's span
            spans.append((run.start(), run.end(), " "))
        spans += dashes[i:]
    return spans


# Chinese, Japanese and Korean write words without spaces: kana, ideographs, Hangul syllables.
_CJK_RANGES = (
    ("\u3040", "\u30ff"),
    ("\u3400", "\u4dbf"),
    ("\u4e00", "\u9fff"),
    ("\uac00", "\ud7af"),
    ("\uf900", "\ufaff"),
)
_CJK = re.compile("[" + "".join(f"{low}-{high}" for low, high in _CJK_RANGES) + "]")


def is_cjk(char: str) -> bool:
    """A character of a script that runs its words together (the linker's boundary check: 霍尔果斯口岸)."""
    return any(low <= char <= high for low, high in _CJK_RANGES)


def word_count(text: str) -> int:
    """Words in a text, for telling an article from a menu or a stub in any script: two characters of
    a script without spaces count as a word."""
    ideographs = len(_CJK.findall(text))
    if not ideographs:
        return len(text.split())
    return len(_CJK.sub(" ", text).split()) + (ideographs + 1) // 2
