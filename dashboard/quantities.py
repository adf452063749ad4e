"""Quantities in one sentence as the press writes them: "1.84 mln tons", "1 million 84 thousand tons",
"five million tonnes", "полтора миллиона тонн", "2,5 млн тонн", "$1.2bn", "20 bcm a year", "11 to 38
days", "up to 1.5 million barrels per day", "more than 60%".

Each is read into a value in a base unit (`t`, `bbl/d`, `bbl`, `TEU`, `m3`, `days`, `hours`, `km`,
`USD`, `EUR`, `pct`, `count`), the rate it is stated per, and its bound ("up to" is an upper bound,
"more than" a lower one, a range keeps both ends). A number with no unit is no quantity: years,
dates, ages and counts of people are left out that way. The words are data
(`dashboard/figure_words.json`, compiled by `figurewords`); this module only reads them.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from typing import NamedTuple

from .figurewords import YEAR, Phrases, Words, lower_in_place

_TOKEN = re.compile(
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d,])|\d+(?:[.,]\d+)?)"
    r"|(?P<word>m[3³](?![^\W\d_])|[^\W\d_]+)"
    r"|(?P<sym>[$€£%~/\-\u2013\u2014])"
)
_DASHES = ("-", "\u2013")  # inside a counted thing's adjectives: "19 China–Europe trains"
_DECIMAL_COMMA = re.compile(r"(?<![\d.,])\d{1,3},\d{1,2}(?![\d,])(?!,\s)")  # "1,01 million", "1,9 million"
_CONTAINERS = ("container", "контейнер", "konteyner", "konteýner")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
# a group of thousands after a space, the last may carry decimals: "1 084 000", "2 484,8 тысячи тонн"
_SPACE_GROUP = re.compile(r"[ \u00a0\u202f\u2009]\d{3}(?:[.,]\d{1,2}(?!\d))?(?![\d.,]\d)")


@dataclass(frozen=True)
class Quantity:
    """One quantity in a sentence: offsets are into the sentence, `stated` is sentence[start:end]."""

    value: float
    value_high: float | None
    bound: str  # exact | about | at_least | at_most | range
    unit: str
    per: str  # year | month | day | none
    start: int
    end: int
    stated: str


class _Token(NamedTuple):
    text: str  # lower-cased (numbers as written)
    raw: str
    start: int
    end: int
    kind: str  # num | word | sym


# Characters before a sentence's first number that are read too: a bound ("in excess of"), a
# currency ("US$"), a change ("raised the line's capacity from …" is looked for 15 tokens back).
LOOK_BACK = 100


def tokens(sentence: str, start: int = 0) -> list[_Token]:
    """The tokens of a sentence from `start` (a word's start): numbers, words and signs."""
    found = []
    for m in _TOKEN.finditer(sentence, start):
        kind = m.lastgroup
        raw = m.group()
        start, end = m.span()
        if kind == "num" and found and found[-1].kind == "num" and _joins(sentence, found[-1], start):
            previous = found.pop()  # "1 084 000": thousands separated by spaces
            raw, start = sentence[previous.start : end], previous.start
        found.append(_Token(raw.lower() if kind == "word" else raw, raw, start, end, kind))
    return found


def _joins(sentence: str, previous: _Token, start: int) -> bool:
    """Is the number at `start` the next group of thousands of `previous` ("1 084 000")?"""
    head = previous.raw.replace(" ", "").replace("\u00a0", "").replace("\u202f", "").replace("\u2009", "")
    return (
        start == previous.end + 1
        and head.isdigit()
        and (len(previous.raw) <= 3 or bool(_SPACE_GROUP.fullmatch(previous.raw[-4:])))
        and _SPACE_GROUP.match(sentence, previous.end) is not None
    )


_LABEL_BEFORE = re.compile(r"(?:\bNo\.?|№|\bNr\.?)\s*$")  # "the No. 2 mooring", "ВПУ № 3": a label


def _in_name(sentence: str, token: _Token) -> bool:
    """Is a number part of a name ("SPM-2", "ВПУ-2", "COVID-19", "Q1", "H1", "No. 2")? It follows a
    letter, or a letter and a hyphen, or a number sign."""
    at = token.start
    if token.kind != "num" or at < 1:
        return False
    return (
        sentence[at - 1].isalpha()
        or (at >= 2 and sentence[at - 1] == "-" and sentence[at - 2].isalpha())
        or _LABEL_BEFORE.search(sentence, max(0, at - 5), at) is not None
    )


# "125.000", "1.200": dots grouping thousands (German, Turkish, Romanian, Italian), unless a scale word follows
# ("1.768 million" is a decimal) or it is a percentage
_DOT_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+")


def _number(raw: str, decimal_comma: bool = False) -> float | None:
    """A number's value; `decimal_comma`: its comma is a decimal mark even before three digits
    ("172,788 млн баррелей", a sentence that writes "1,01 million" too)."""
    text = re.sub(r"[ \u00a0\u202f\u2009]", "", raw)
    thousands = not decimal_comma and re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", text)
    text = text.replace(",", "") if thousands else text.replace(",", ".")  # "2,5 млн": a decimal comma
    try:
        return float(text)
    except ValueError:
        return None


@dataclass
class _Parsed:
    value: float
    end: int  # index of the token after it
    scaled: float | None  # the last scale word, if any ("10-12 million": the first end takes it too)


class QuantityReader:
    """`read(sentence)`: every quantity in it, in order."""

    def __init__(self, words: Words) -> None:
        self.w = words

    def read(self, sentence: str, first: int | None = None) -> list[Quantity]:
        """`first`: where the sentence's first number starts, when the caller knows (`number_starts`);
        else it is looked for (no number, no quantity). Words well before it are not read."""
        lowered = lower_in_place(sentence)
        if first is None:
            numbers = self.w.number_starts(lowered)
            if not numbers:
                return []
            first = numbers[0]
        if not self.w.may_state(lowered):
            return []
        toks = tokens(sentence, sentence.rfind(" ", 0, max(0, first - LOOK_BACK)) + 1)
        decimal_commas = _DECIMAL_COMMA.search(sentence) is not None  # "1,9 million": so are its other commas
        found: list[Quantity] = []
        i = 0
        starts, after_a, one_of_scale = self.w.starts, self.w.after_a, self.w.one_of_scale
        while i < len(toks):
            t = toks[i]
            if (
                (t.kind != "num" and t.text not in starts)
                or (t.text in one_of_scale and (i + 1 == len(toks) or toks[i + 1].text not in after_a))
                or _in_name(sentence, t)
            ):
                i += 1
                continue
            previous = found[-1] if found else None
            quantity, after = self._quantity_at(sentence, toks, i, previous, decimal_commas)
            if quantity is None:
                i += 1
            else:
                found.append(quantity)
                i = after
        return found

    # --- numbers -----------------------------------------------------------------------------------

    def _not_a_fraction(self, toks: list[_Token], start: int, end: int) -> bool:
        """Is the English fraction at toks[start:end] an ordinal ("a third railway station": a noun
        follows) or a part of the year ("the first three quarters of 2020"), not a share? Nor is a span of
        time («за четверть века»: a quarter of a century)."""
        if end < len(toks) and toks[end].text in self.w.time_after_a_fraction:
            return True
        if not toks[start].text.isascii():
            return False  # «треть экспорта»: a Russian fraction stands before its noun
        if start > 0 and toks[start - 1].text in self.w.before_a_period:
            return True
        following = toks[end] if end < len(toks) else None
        return following is not None and following.kind == "word" and following.text not in self.w.after_a_fraction

    def _is_number_start(self, toks: list[_Token], i: int) -> bool:
        t = toks[i]
        if t.kind == "num":
            return True
        if t.text in self.w.numbers or t.text in self.w.hundreds:
            return True
        following = toks[i + 1] if i + 1 < len(toks) else None
        if t.text in self.w.bare_scales:  # "Bin 776 kilometre": one thousand seven hundred and seventy-six
            return following is not None and following.kind == "num"
        return t.text in self.w.one_of_scale and following is not None and following.text in self.w.scales

    def _parse_number(self, toks: list[_Token], i: int, decimal_commas: bool) -> _Parsed | None:
        """A number from token i: digits or words, with scales ("1 million 84 thousand")."""
        total, current, scaled, last_scale = 0.0, None, None, None
        digits = False  # "372,000 twenty-foot equivalent units": no word number goes on from digits
        j = i
        while j < len(toks):
            t = toks[j]
            if t.kind == "num":
                if current is not None:
                    break
                # Russian writes no thousands commas; a sentence with "1,9 million" writes none either
                after = toks[j + 1].text if j + 1 < len(toks) else ""
                decimal = "," in t.raw and (
                    decimal_commas
                    or _CYRILLIC.match(after) is not None
                    or (after in self.w.scales and "." not in t.raw)
                )  # "172,788 milyon": a decimal comma before a scale word; "4,725.1 thousand" groups thousands
                if (
                    _DOT_THOUSANDS.fullmatch(t.raw)
                    and after not in self.w.scales
                    and after not in self.w.percent_starts
                ):
                    value = float(t.raw.replace(".", ""))  # "9.959 Tonnen", "80.000 container": dots group thousands
                else:
                    value = _number(t.raw, decimal)
                if value is None:
                    break
                current, digits = value, True
            elif t.text in self.w.numbers and (current is None or (not digits and current >= 20 and current % 10 == 0)):
                current = (current or 0) + self.w.numbers[t.text]
            elif t.text in self.w.hundreds and (current is None or current < 10):
                current = (current or 1) * self.w.hundreds[t.text]
            elif t.text in self.w.one_of_scale and j == i:
                current = 1.0
            elif t.text in self.w.bare_scales and j == i and current is None:
                current = 1.0
                continue  # and the same word is read again as its scale
            elif t.text in ("a", "an") and current == 0.5 and j + 1 < len(toks) and toks[j + 1].text in self.w.scales:
                pass  # "half a million"
            elif t.text in self.w.scales and current is not None:
                scale = self.w.scales[t.text]
                if last_scale is not None and scale >= last_scale:
                    break
                if t.raw in ("M", "m", "B", "b", "k", "K") and t.start != toks[j - 1].end:
                    break  # a lone "m" or "b" is a scale only written onto its number ("5m", "$1.2b")
                total += current * scale
                current, scaled, last_scale = None, scale, scale
            elif t.text == "and" and current is not None and j + 1 < len(toks) and toks[j + 1].text in self.w.numbers:
                pass  # "three hundred and forty"
            elif t.text == "-" and current is not None and j + 1 < len(toks) and toks[j + 1].text in self.w.numbers:
                pass  # "twenty-five"
            elif (
                t.text == "-"
                and current is not None
                and j + 1 < len(toks)
                and len(toks[j + 1].text) > 2
                and toks[j + 1].text in self.w.scales
                and t.start == toks[j - 1].end == t.end - 1 == toks[j + 1].start - 1
            ):
                pass  # "a $3-billion line", "a 300-million-dollar port": the scale written onto its number
            else:
                break
            j += 1
        if current is None and scaled is None:
            return None
        return _Parsed(total + (current or 0.0), j, scaled)

    # --- a quantity --------------------------------------------------------------------------------

    def _match(self, toks: list[_Token], i: int, table: Phrases, cased: Phrases | None = None):
        """The longest phrase of `table` at token i: (value, tokens used), else (None, 0)."""
        if i >= len(toks):
            return None, 0
        for phrases, form in ((table, "text"), (cased, "raw")):
            if phrases is None:
                continue
            for size in phrases.sizes.get(getattr(toks[i], form), ()):
                window = toks[i : i + size]
                if len(window) < size or any(b.start - a.end > 1 for a, b in itertools.pairwise(window)):
                    continue  # a phrase's words are separated by one space at most
                key = tuple(getattr(t, form) for t in window)
                if key in phrases:
                    return phrases[key], size
        return None, 0

    def _quantity_at(
        self, sentence: str, toks: list[_Token], i: int, previous: Quantity | None, decimal_commas: bool
    ) -> tuple[Quantity | None, int]:
        """The quantity starting at token i (a currency sign, then a number), and the token after it."""
        w = self.w
        fraction, used = self._match(toks, i, w.fractions)
        if fraction is not None:  # "one-third of its capacity"
            if self._not_a_fraction(toks, i, i + used):
                return None, i + used
            bound, start_token = self._bound(toks, i)
            return self._make(sentence, toks, start_token, i + used, fraction, None, bound, ("pct", 1, None))
        currency, used = self._match(toks, i, w.currency)
        first = i + used
        if first >= len(toks) or not self._is_number_start(toks, first):
            return None, i + 1
        low = self._parse_number(toks, first, decimal_commas)
        if low is None:
            return None, i + 1
        j, high = low.end, None
        # A range: "11 to 38 days", "10-12 million tonnes", "between 2 and 3", "от 10 до 12"
        before = toks[first - 1].text if first > 0 else ""
        joined = j + 1 < len(toks) and toks[j].text in w.range_joiners
        if joined and (toks[j].text not in ("and", "до") or before in w.range_starts):
            after = j + 1 + (1 if currency and toks[j + 1].text in ("$", "€") else 0)
            if after < len(toks) and self._is_number_start(toks, after):
                high = self._parse_number(toks, after, decimal_commas)
        if high is not None and high.scaled and not low.scaled:
            low = _Parsed(low.value * high.scaled, low.end, high.scaled)
        if high is not None and (
            high.value <= low.value or (YEAR.fullmatch(toks[first].raw) and high.value > 10 * low.value)
        ):
            high = None  # "2024 to 10 Mt", "in 2022 to 130,000 TEU": a year, not a range's low end
        unit_at = high.end if high else j
        if (
            high is None
            and currency is None
            and YEAR.fullmatch(toks[first].raw)
            and self._match(toks, j, w.units)[0] is None
        ):
            return None, i + 1  # "by 2028 all six ferries": a year, not a count of what follows it
        ordinal = high is None and self._ordinal(toks, unit_at)  # "the 200th container train": a count so far
        unit, size = self._unit(toks, unit_at + ordinal)
        if ordinal and unit is None:
            unit, size = self._match(toks, unit_at + 1, w.ordinal_units)  # "the 1000th tanker"
        if ordinal and (unit is None or unit[0] != "count"):
            return None, i + 1
        unit_at += ordinal
        if unit is None and currency is not None:
            unit = (currency, 1, None)
        elif unit is None and previous is not None and self._part_of(toks, j, low, previous):
            unit = (previous.unit, 1, previous.per if previous.per != "none" else None)  # "… and 20 billion"
        if unit is None:
            return None, i + 1
        bound, start_token = self._bound(toks, i)
        if (
            high is not None
            and before in ("from", "с", "от")
            and toks[j].text not in _DASHES
            and self._changing(toks, first - 1)
        ):
            # "raised from 14 to 28 trains a day": two figures, the old and the new ("from 28–32 days to
            # 13–17 days": a range, then another)
            return self._make(sentence, toks, i, j, low.value, None, "exact", unit, unit_end=unit_at + size)
        return self._make(
            sentence, toks, start_token, unit_at + size, low.value, high.value if high else None, bound, unit
        )

    def _make(self, sentence, toks, start_token, end_token, low, high, bound, unit, unit_end=None):
        """The quantity from its tokens; the rate ("a year", "per day") is read after `unit_end`."""
        base, factor, per = unit
        rate_at = end_token if unit_end is None else unit_end
        if per is None:
            found, per_size = self._rate(toks, rate_at)
            per = found or "none"
            if unit_end is None:
                end_token += per_size
            if per == "none" and base in ("t", "TEU", "count", "bbl", "m3"):
                per = self._rate_before(toks, start_token)  # what flows, not lengths, times or shares
            if base == "bbl" and per == "none" and self._daily_before(toks, start_token):
                per = "day"
            if base == "bbl" and per == "day":
                base, per = "bbl/d", "none"
        start, end = toks[start_token].start, toks[end_token - 1].end
        quantity = Quantity(
            value=low * factor,
            value_high=high * factor if high is not None else None,
            bound="range" if high is not None else bound,
            unit=base,
            per=per,
            start=start,
            end=end,
            stated=sentence[start:end],
        )
        return quantity, end_token

    def _rate_before(self, toks: list[_Token], at: int) -> str:
        """The rate a word just before the number gives it ("тәулігіне 800 вагон": a day), else "none"."""
        for t in toks[max(0, at - 2) : at]:
            if (rate := self.w.rate_before.get(t.text)) is not None:
                return rate
        return "none"

    def _daily_before(self, toks: list[_Token], at: int) -> bool:
        """Is a number of barrels a day's by the words just before it ("the pipeline's daily
        throughput of 1.2 million barrels", "суточная мощность")?"""
        return any(t.text.startswith(self.w.daily_before) for t in toks[max(0, at - 4) : at])

    def _rate(self, toks: list[_Token], at: int) -> tuple[str | None, int]:
        """The rate at token `at`, or after what is carried ("tons of cargo a year", "of Tengiz oil a
        year", "тонн нефти в год"): (rate, tokens up to its end). Not "a year ago": a date."""
        for skip in range(4):
            words = toks[at : at + skip]
            if skip and (
                len(words) < skip
                or any(t.kind != "word" or t.text in self.w.not_adjectives for t in words[words[0].text == "of" :])
                or any(b.start - a.end > 1 for a, b in itertools.pairwise(toks[at - 1 : at + skip + 1]))
            ):
                break
            found, size = self._match(toks, at + skip, self.w.per)
            if found is not None:
                after = at + skip + size
                if after < len(toks) and toks[after].text in self.w.not_rates:
                    return None, 0
                return found, skip + size
        return None, 0

    def _unit(self, toks: list[_Token], at: int):
        """The unit at token `at` ("tons", "42-kilometer", "358 container block trains"): (unit, tokens)."""
        unit, size = self._match(toks, at, self.w.units, self.w.cs_units)
        if unit is not None:
            counted = toks[at + size - 1].text
            if counted.startswith(_CONTAINERS) and toks[at + size : at + size + 1] and toks[at + size].text == "teu":
                return self.w.units[("teu",)], size  # "7,253 containers (TEU)": counted in twenty-foot units
            return unit, size
        if at + 1 < len(toks) and toks[at].text == "-" and toks[at].start == toks[at - 1].end:
            unit, size = self._match(toks, at + 1, self.w.units, self.w.cs_units)
            return (unit, size + 1) if unit is not None else (None, 0)
        # A counted thing may have up to four adjectives ("666 cross-border freight trains", "ten new
        # broad-gauge railway tracks"): the dashes inside them are not counted.
        for gap in range(1, 8):
            words = toks[at : at + gap]
            if len(words) < gap or any(
                (t.kind != "word" and t.text not in _DASHES) or t.text in self.w.not_adjectives for t in words
            ):
                break
            if sum(t.text not in _DASHES for t in words) > 4:
                break
            if words[0].text in _DASHES or words[-1].text in _DASHES:
                continue
            unit, size = self._match(toks, at + gap, self.w.units, self.w.cs_units)
            if unit is not None and unit[0] == "count":
                return unit, size + gap
        return None, 0

    def _part_of(self, toks: list[_Token], at: int, number: _Parsed, previous: Quantity) -> bool:
        """Does a number without a unit take the one before it: "… and 20 billion" (a scale, not a
        share or a count, and no other thing counted after it), "358 trains …, 287 of which"?"""
        if number.value < 1 and not number.scaled:
            return False  # "4.7 trillion dollars, half of which …": a share of it, not half a dollar
        counted = at < len(toks) and toks[at].kind == "word" and toks[at].text not in self.w.not_adjectives
        if number.scaled and previous.unit not in ("pct", "count") and not counted:
            return True  # not "17 million tons of cargo, and 1 million passengers"
        part, _size = self._match(toks, at, self.w.part_of)
        return part is not None

    def _ordinal(self, toks: list[_Token], at: int) -> bool:
        """Is token `at` an ordinal's ending written onto the number before it ("1000th")?"""
        return (
            0 < at < len(toks)
            and toks[at].text in self.w.ordinal_endings
            and toks[at - 1].kind == "num"
            and toks[at].start == toks[at - 1].end
        )

    def _changing(self, toks: list[_Token], at: int) -> bool:
        """Is a change stated just before token `at` ("raised from", "increase … from")?"""
        window = toks[max(0, at - 15) : at]
        return any(t.text.startswith(self.w.change_stems) for t in window)

    def _bound(self, toks: list[_Token], i: int) -> tuple[str, int]:
        """The bound stated just before token i ("up to", "more than", "about"), and where it starts."""
        if i > 0 and toks[i - 1].text in self.w.range_starts:
            return "exact", i - 1
        for size in range(min(self.w.longest, i), 0, -1):
            phrase, used = self._match(toks, i - size, self.w.bounds)
            if phrase is not None and used == size:
                return phrase, i - size
        return "exact", i
