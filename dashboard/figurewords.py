"""The word lists figures are read with (`figure_words.json`), compiled once: number words, scales,
units, rates, bounds and the cues of what a figure measures, and where in a text numbers may start
(the one pass an article's sentences are then bisected against). `quantities` reads with them."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import ahocorasick_rs

WORDS_FILE = Path(__file__).with_name("figure_words.json")


class Phrases(dict):
    """Phrases (tuples of tokens) -> values, with the lengths of the phrases each first token starts."""

    def __init__(self, entries) -> None:
        super().__init__((tuple(phrase.split()), value) for phrase, value in entries)
        sizes: dict[str, set[int]] = {}
        for phrase in self:
            sizes.setdefault(phrase[0], set()).add(len(phrase))
        self.sizes = {first: sorted(lengths, reverse=True) for first, lengths in sizes.items()}


YEAR = re.compile(r"(?:1[89]|20)\d\d")


class Words:
    """The compiled word lists of figure_words.json."""

    def __init__(self, data: dict) -> None:
        self.numbers: dict[str, float] = data["numbers"]
        self.hundreds: dict[str, float] = data["hundreds"]
        self.scales: dict[str, float] = data["scales"]
        self.units = Phrases((u[0], tuple(u[1:])) for u in data["units"])
        self.cs_units = Phrases((u[0], tuple(u[1:])) for u in data["case_sensitive_units"])
        self.currency = Phrases(data["currency_before"].items())
        self.per = Phrases(data["per"].items())
        self.bounds = Phrases(data["bounds"].items())
        self.range_starts = frozenset(data["range_starts"])
        self.fractions = Phrases(data["fractions"].items())
        self.change_stems = tuple(data["change_stems"])
        self.not_adjectives = frozenset(data["not_adjectives"])
        self.range_joiners = frozenset(data["range_joiners"])
        self.ordinal_endings = frozenset(data["ordinal_endings"])
        self.part_of = Phrases((p, True) for p in data["part_of"])
        self.ordinal_units = Phrases((u[0], tuple(u[1:])) for u in data["ordinal_units"])
        self.not_rates = frozenset(data["not_rates"])
        # "a million", "the first million tonnes", "первый миллион тонн": one of a scale
        self.one_of_scale = frozenset(data["one_of_scale"])
        self.bare_scales = frozenset(data["bare_scales"])
        self.after_a_fraction = frozenset(data["after_a_fraction"])  # "a third of", not "a third berth"
        self.time_after_a_fraction = frozenset(data["time_after_a_fraction"])  # «четверть века»: 25 years
        self.before_a_period = frozenset(data["before_a_period"])  # "the first three quarters of 2020"
        self.daily_before = tuple(data["daily_before"])  # "the daily throughput of 1.2 million barrels"
        # the rate said before the number, as Turkic languages say it ("жылына 240 мың контейнер", "yıllık 15 milyon ton")
        self.rate_before: dict[str, str] = data["rate_before"]
        self.measures: dict[str, list[str]] = data["measures"]
        self.changes: dict[str, list[str]] = data["changes"]
        self.not_about: dict[str, list[str]] = data["not_about"]
        self.anaphors: dict[str, list[str]] = data["anaphors"]
        self.route_nouns: list[str] = data["route_nouns"]
        # units a kind of route never carries: an oil pipeline's figure is never in cubic metres of gas
        self.not_carried: dict[str, frozenset[str]] = {k: frozenset(v) for k, v in data["not_carried"].items()}
        self.other_ways: list[str] = data["other_ways"]
        self.onward: list[str] = data["onward"]
        self.fixtures: list[str] = data["fixtures"]
        self.components: list[str] = data["components"]
        self.anaphors_otherwise: dict[str, list[str]] = data["anaphors_otherwise"]
        # Latin-script words of languages without articles ("Limanda aşırılan yük"): no "the" before them
        self.anaphors_without_article: frozenset[str] = frozenset(data["anaphors_without_article"])
        self.longest = max(len(p) for table in (self.units, self.per, self.bounds, self.currency) for p in table)
        number_words = {*self.numbers, *self.hundreds, *(s for s in self.scales if len(s) > 2), *self.fractions.sizes}
        # What `number_starts` looks for: "a" starts "a third" and "a million", but the words that make
        # them numbers are "third" and "million" ("a" alone is in every sentence); and the ten digits.
        fraction_words = {word for phrase in self.fractions for word in phrase if word.isalpha()}
        marks = sorted((number_words | fraction_words) - self.one_of_scale)
        self._first_digit = len(marks)
        self._number_marks = ahocorasick_rs.AhoCorasick(
            [*marks, *"0123456789"],
            matchkind=ahocorasick_rs.MatchKind.LeftmostLongest,
            implementation=ahocorasick_rs.Implementation.DFA,
        )
        # The first words of every unit, currency and fraction: a sentence with none of them states no
        # quantity, whatever its numbers ("on May 5", "the SPM-2 moorings"), and is not read.
        unit_words = {phrase[0] for table in (self.units, self.cs_units, self.ordinal_units) for phrase in table}
        unit_words |= {phrase[0] for phrase in self.currency} | fraction_words | {"$", "€", "£", "%"}
        self._unit_marks = ahocorasick_rs.AhoCorasick(
            sorted({word.lower() for word in unit_words}),
            matchkind=ahocorasick_rs.MatchKind.LeftmostLongest,
            implementation=ahocorasick_rs.Implementation.DFA,
        )
        # Where a quantity can start: a number, a number word, a currency sign, a fraction, "a" before
        # what makes it one ("a million", "a third").
        self.starts = frozenset({*number_words, *self.currency.sizes, *self.one_of_scale})
        self.after_a = frozenset({*self.scales, *fraction_words})
        self.percent_starts = frozenset(phrase[0] for phrase, unit in self.units.items() if unit[0] == "pct")

    def has_number(self, sentence: str) -> bool:
        """Does a sentence hold a number other than a year (digits or a number word)? Most sentences are
        skipped on this alone."""
        return bool(self.number_starts(lower_in_place(sentence)))

    def may_state(self, lowered: str) -> bool:
        """Does a sentence (in lower case) hold a unit's, a currency's or a fraction's first word?"""
        size = len(lowered)
        return any(
            not lowered[s].isalnum()  # a sign: "%", "$"
            # a unit of two letters or more may be written onto its number: "the 1,500km pipeline" (not "41T-31M")
            or (
                (s == 0 or not lowered[s - 1].isalpha())
                and (e - s > 1 or s == 0 or not lowered[s - 1].isdigit())
                and (e == size or not lowered[e].isalnum())
            )
            for _key, s, e in self._unit_marks.find_matches_as_indexes(lowered)
        )

    def number_starts(self, lowered: str, lo: int = 0, hi: int | None = None) -> list[int]:
        """Where each number other than a year (digits or a number word) starts in lowered[lo:hi] (a
        text in lower case, `lower_in_place`): found in one pass, so an article's sentences are then
        checked by bisection."""
        piece = lowered if lo == 0 and hi is None else lowered[lo:hi]
        found = self._number_starts(piece)
        return [lo + at for at in found] if lo else found

    def _number_starts(self, lowered: str) -> list[int]:
        size = len(lowered)
        found = []
        run_start = run_end = -2  # the digits being read: "1,084.5" is one number
        for key, s, e in self._number_marks.find_matches_as_indexes(lowered):
            if key < self._first_digit:
                if (s == 0 or not lowered[s - 1].isalnum()) and (e == size or not lowered[e].isalnum()):
                    found.append(s)
            elif s == run_end or (s == run_end + 1 and lowered[run_end] in ".," and run_end > run_start):
                run_end = e
            else:
                if run_start >= 0 and not YEAR.fullmatch(lowered, run_start, run_end):
                    found.append(run_start)
                run_start, run_end = s, e
        if run_start >= 0 and not YEAR.fullmatch(lowered, run_start, run_end):
            found.append(run_start)
        return sorted(found)


def lower_in_place(text: str) -> str:
    """The text in lower case with the same offsets ("İ" lowers to two characters: it is kept)."""
    lowered = text.lower()
    if len(lowered) != len(text):
        lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    return lowered


def load_words(path: Path = WORDS_FILE) -> tuple[Words, str]:
    """The word lists and their signature (the index re-extracts every figure when it changes)."""
    raw = path.read_bytes()
    return Words(json.loads(raw)), hashlib.sha256(raw).hexdigest()[:16]
