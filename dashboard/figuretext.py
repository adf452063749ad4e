"""What the figure extractor (`figures`) reads: an article's text with where its numbers start, its
sentences with the features they name, and how those names stand together in a sentence (a group
such as "Aktau and Kuryk", or only where a train goes, "to Poti")."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from .quantities import Quantity
from .sentences import first_word, written_inside

# Names with only these between them are one group: "Aktau and Kuryk", "Aktau and Kuryk along the TITR".
TOGETHER = re.compile(r"(?:[\s,/&()\-\u2013]|\b(?:and|or|along|on|of|the|as well as)\b|(?<!\w)(?:и|или)(?!\w))*", re.I)
# A name just after these is where something goes or what it is compared with, not what is counted
# ("КТК нарастил отгрузку через Новороссийск"), when another name comes first.
PLACE_BEFORE = re.compile(
    r"(?:\b(?:via|through|than|near|off)|(?<!\w)(?:через|чем|у|под))\s+(?:the\s+)?(?:[\w]+[\-\u2013])?$", re.I
)
POINT_KINDS = ("port", "terminal", "dry port")
ENDPOINT_BEFORE = re.compile(
    r"(?:\b(?:to|from|into|between)|(?<!\w)(?:в|из|до|между))\s+(?:the\s+)?(?:\w+['’]s\s+)?(?:[\w]+[\-\u2013])?$"
    r"|(?:\bbetween|(?<!\w)между)\s+(?:[\w\-]+\s+){1,3}(?:and|и)\s+$",  # "the distance between Astana and Aktau"
    re.I,
)


@dataclass
class Article:
    """An article's text as the extractor reads it: in lower case, where its numbers start (other than
    years: digits and number words, found in one pass), its names found when asked."""

    text: str
    lowered: str  # from `lo` to `hi`: the rest is never read
    numbers: list[int]
    lo: int
    hi: int
    _names: dict[str, bool] = field(default_factory=dict)

    def numbers_in(self, start: int, end: int) -> list[int]:
        """Where the numbers in text[start:end] start."""
        return self.numbers[bisect.bisect_left(self.numbers, start) : bisect.bisect_left(self.numbers, end)]

    def is_name(self, word: str) -> bool:
        """Does the text write this capitalised word inside a sentence (after a letter, and a comma)?
        Then it is a name, not a sentence's opener."""
        known = self._names.get(word)
        if known is None:
            known = self._names[word] = written_inside(self.text, word)
        return known


@dataclass
class Sentence:
    start: int  # in the text (-1: the headline)
    end: int
    text: str
    kind: str
    named: list[tuple[str, int, int]]  # (feature id, alias start, alias end) within the sentence
    continuing: bool = False  # about its features only by following a sentence about them
    first_number: int | None = None  # where its first number starts, when known


def name_groups(sentence: Sentence) -> list[list[tuple[str, int, int]]]:
    """The names of a sentence in groups, in order: names a few words apart ("Aktau and Kuryk") are one."""
    groups: list[list[tuple[str, int, int]]] = []
    for item in sorted(sentence.named, key=lambda f: f[1]):
        if groups:
            last = groups[-1][-1]
            if item[1] < last[2] or TOGETHER.fullmatch(sentence.text, last[2], item[1]):
                groups[-1].append(item)
                continue
        groups.append([item])
    return groups


def one_group(sentence: Sentence) -> tuple[str, ...] | None:
    """The features a sentence names, when it names one feature or one group ("Aktau and Kuryk")."""
    features = tuple(dict.fromkeys(f for f, _s, _e in sentence.named))
    if len(features) == 1:
        return features
    groups = name_groups(sentence)
    return tuple(dict.fromkeys(f for f, _s, _e in groups[0])) if len(groups) == 1 else None


def endpoint(text: str, group: list[tuple[str, int, int]], q: Quantity, kinds: dict[str, str]) -> bool:
    """Is this group of names only where a train goes or comes from ("to Poti or Batumi", "from
    Altynkol"; for a time, "via Poti" too)? Only ports are: a route named after "via" is the route."""
    _f, start, _e = group[0]
    before = text[max(0, start - 30) : start]
    return all(kinds.get(f) in POINT_KINDS for f, _s, _e in group) and bool(
        ENDPOINT_BEFORE.search(before) or (q.unit in ("days", "hours") and PLACE_BEFORE.search(before))
    )


def in_a_quoted_name(text: str, at: int) -> bool:
    """Is the name at text[at:] inside «…» (a company's, a zone's or a terminal's own name)?"""
    opened = text.rfind("«", 0, at)
    return opened >= 0 and text.rfind("»", opened, at) < 0 and text.find("»", at) >= 0


def opening_name(sentence: Sentence) -> str | None:
    """The feature a sentence opens on, its subject ("The BTC, at 1,774 km, … carries oil to Ceyhan")."""
    opening = first_word(sentence.text)
    named = min(sentence.named, key=lambda f: f[1], default=None)
    if named is None or named[1] > opening + len("The "):
        return None
    return named[0] if sentence.text[opening : named[1]] in ("", "The ", "the ") else None


# "on the Baku-Kuryk-Baku route", "в направлении Баку-Туркменбаши-Баку", "Bakı-Kurik-Bakı istiqamətində",
# "the Baku-Kurik/Aktau-Baku direction": a port named inside the name of a route between ports is where the
# route runs, not what the figure is about
_CHAIN_AFTER = re.compile(
    r"(?:\s*[-–—/]\s*[A-ZА-ЯЁ][\w'’]*)*(?:\s+(?-i:[a-zа-яё])[\w'’]*){0,2}\s+"
    r"(?:route|direction|line|маршрут\w*|направлени\w*|лини\w*|бағыт\w*|istiqamət\w*|yön\w*|güzergah\w*)\b",
    re.I,
)
_CHAIN_BEFORE = re.compile(r"[A-ZА-ЯЁ][\w'’]*\s*[-–—/]\s*$")
_CHAIN_NEXT = re.compile(r"\s*[-–—/]\s*[A-ZА-ЯЁ]")
# "Bakı-Kurik-Bakı, 7 342 vaqon isə Bakı-Türkmənbaşı-Bakı istiqamətində": a round trip names a route alone
_ROUND_TRIP_BEFORE = re.compile(r"(?<![\w-])([A-ZА-ЯЁ][\w'’]+)\s*[-–—]\s*$")
_ROUND_TRIP_AFTER = re.compile(r"\s*[-–—]\s*([A-ZА-ЯЁ][\w'’]+)(?![\w-])")


def in_a_route_name(text: str, start: int, end: int) -> bool:
    """Is the name at text[start:end] one link of a chain naming a route ("the Baku-Kuryk-Baku route")?"""
    before = _CHAIN_BEFORE.search(text, max(0, start - 40), start)
    after = _CHAIN_NEXT.match(text, end)
    if (before or after) and _CHAIN_AFTER.match(text, end) is not None:
        return True
    went = _ROUND_TRIP_BEFORE.search(text, max(0, start - 40), start)
    back = _ROUND_TRIP_AFTER.match(text, end)
    return went is not None and back is not None and went.group(1) == back.group(1)
