"""Spelling variants of the aliases, generated from rules kept as data (`geodata/spelling.json`), so
the aliases need not list a name in every alphabet the region's press writes it in: Kazakh Latin
(Aqtau, Quryq), Azerbaijani (Ələt), Turkmen (Türkmenbaşy), Russian case endings (Курыка, Курыком),
and words joined by a space or a hyphen either way (Fiber-Optic).
"""

from __future__ import annotations

import itertools
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from .errors import Problem

SPELLING_FILE = "spelling.json"
_CYRILLIC_WORD = re.compile(r"^[\u0400-\u04ff]+(?:-[\u0400-\u04ff]+)*$")  # "Южно-Кавказский" is one word
_LATIN_WORD = re.compile(r"^[A-Za-z]+$")
_LATIN_LETTERS = re.compile(r"^[A-Za-z\u00c0-\u02af\u1e00-\u1eff]+$")  # with diacritics: Aqtaý, Ələt, Constanța
_RUSSIAN_VOWELS = set("аеёиоуыэюя")


@dataclass(frozen=True)
class Alphabet:
    name: str
    countries: frozenset[str]
    substitutions: tuple[tuple[str, str], ...]
    script: str = "latin"  # the alias's script the substitutions apply to: "latin" or "cyrillic"


@dataclass(frozen=True)
class SpellingRules:
    limit: int = 64
    alphabets: tuple[Alphabet, ...] = ()
    russian_cases: tuple[tuple[str, bool, tuple[str, ...]], ...] = ()  # (ending, after a consonant only, endings)
    russian_adjectives: tuple[tuple[str, bool, tuple[str, ...]], ...] = ()
    joiners: tuple[tuple[str, str], ...] = ()  # word pairs written "a b", "a-b" or "ab"
    suffixes: tuple[tuple[str, tuple[str, ...]], ...] = ()  # script -> Turkic case endings written onto a name
    problems: list[Problem] = field(default_factory=list, compare=False)

    def variants(self, name: str, countries: tuple[str, ...], stem: bool = False) -> list[str]:
        """Other spellings of one alias of a feature in `countries` (the name itself excluded); a
        `stem` alias already takes every ending of its last word."""
        found: dict[str, None] = {}
        *before, last = name.split(" ")
        if before and all(_CYRILLIC_WORD.match(word) for word in before):
            # a stem's last word may be an adjective too ("Актауский морской"): its ending is not a suffix
            last_forms = (stem and _CYRILLIC_WORD.match(last) and self._declined(last, self.russian_adjectives)) or ()
            adjectives = [self._declined(word, self.russian_adjectives) for word in before]
            if all(adjectives):  # they agree in case: "Актауского морского порт…", "Бакинском порт…"
                lasts = last_forms or itertools.repeat(last)
                agreeing = zip(*adjectives, lasts, strict=False)  # "ая" has fewer cases than "ий": the fewest
                found.update(dict.fromkeys(" ".join(words) for words in agreeing))
            elif len(before) == 1:  # a noun before a name: "порта Актау"
                found.update(dict.fromkeys(f"{word} {last}" for word in self._declined(before[0], self.russian_cases)))
        script = "latin" if _LATIN_WORD.match(name) else "cyrillic" if _CYRILLIC_WORD.match(name) else None
        spelled = [name]
        for alphabet in self.alphabets:
            if alphabet.script == script and alphabet.countries & set(countries):
                spelled += self._substituted(name, alphabet.substitutions)
        found.update(dict.fromkeys(spelled))
        if stem:  # it takes every ending already: Новоросійськ* is Новоросійського too
            found.pop(name, None)
            return list(found)
        if script == "cyrillic":
            found.update(dict.fromkeys(self._declined(name, self.russian_cases)))
        if self.joiners and name.isascii():
            found.update(dict.fromkeys(self._joined(name)))
        found.pop(name, None)
        return list(found)

    def endings(self, name: str) -> tuple[str, ...]:
        """The case endings Azerbaijani, Turkish, Turkmen, Uzbek and Kazakh write onto a one-word name of
        four letters or more in its script (Batumidən, Aktaudan, Ақтауға); none for an acronym."""
        script = "latin" if _LATIN_LETTERS.match(name) else "cyrillic" if _CYRILLIC_WORD.match(name) else None
        if script is None or " " in name or len(name) < 4 or name.isupper():
            return ()
        return dict(self.suffixes).get(script, ())

    def _substituted(self, name: str, substitutions: tuple[tuple[str, str], ...]) -> list[str]:
        """Every combination of the substitutions, each place where one applies on its own; a source
        with several targets (Kazakh Latin `u` → `w` in the 2018 alphabet, `ý` in the 2021 one) may
        take any of them."""
        lower = name.lower()
        targets: dict[str, list[str]] = {}
        for source, target in substitutions:
            targets.setdefault(source, []).append(target)
        places: list[tuple[int, int, list[str]]] = []  # (start, end, replacements), non-overlapping, longest first
        taken = [False] * len(lower)
        for source in sorted(targets, key=lambda s: -len(s)):
            for match in re.finditer(re.escape(source), lower):
                if not any(taken[match.start() : match.end()]):
                    places.append((match.start(), match.end(), targets[source]))
                    for i in range(match.start(), match.end()):
                        taken[i] = True
        places.sort()
        result = []
        choices = itertools.product(*[(None, *replacements) for _, _, replacements in places])
        for choice in itertools.islice(choices, self.limit):
            pieces, last = [], 0
            for (start, end, _), target in zip(places, choice, strict=True):
                if target is not None:
                    pieces += [lower[last:start], target]
                    last = end
            spelled = "".join(pieces) + lower[last:]
            result.append(spelled[:1].upper() + spelled[1:] if name[:1].isupper() else spelled)
        return result

    @staticmethod
    def _declined(name: str, rules: tuple[tuple[str, bool, tuple[str, ...]], ...]) -> list[str]:
        lower = name.lower()
        for ending, after_consonant, endings in rules:
            if not lower.endswith(ending):
                continue
            stem = name[: len(name) - len(ending)]
            if after_consonant and (not stem or stem[-1].lower() in _RUSSIAN_VOWELS or not stem[-1].isalpha()):
                return []  # a name ending in a vowel does not decline (Поти, Актау)
            return [stem + e for e in endings]
        return []

    def _joined(self, name: str) -> list[str]:
        """Each joiner pair in the name written the three ways (all combinations, up to the limit)."""
        spans: list[tuple[int, int, str, str]] = []  # (start, end, first word, second word) as written
        for first, second in self.joiners:
            pattern = rf"(?i)\b({re.escape(first)})[ -]?({re.escape(second)})\b"
            for match in re.finditer(pattern, name):
                if all(match.start() >= e or match.end() <= s for s, e, _, _ in spans):
                    spans.append((match.start(), match.end(), match.group(1), match.group(2)))
        spans.sort()
        result = []
        for choice in itertools.islice(itertools.product((" ", "-", ""), repeat=len(spans)), self.limit):
            pieces, last = [], 0
            for (start, end, first, second), joiner in zip(spans, choice, strict=True):
                pieces += [name[last:start], first, joiner, second.lower() if not joiner else second]
                last = end
            result.append("".join(pieces) + name[last:])
        return result if spans else []


def load_spelling(geodata_dir: Path) -> SpellingRules:
    """The rules, or none (and a problem naming the file) when the file is missing or malformed."""
    path = geodata_dir / SPELLING_FILE
    label = f"{geodata_dir.name}/{SPELLING_FILE}"
    if not path.exists():
        return SpellingRules()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        alphabets = tuple(
            Alphabet(
                str(a["name"]),
                frozenset(a["countries"]),
                tuple((str(s), str(t)) for s, t in a["substitutions"]),
                str(a.get("script", "latin")),
            )
            for a in data.get("alphabets", [])
        )
        cases, adjectives = (
            tuple(
                (str(c["ends"]), bool(c.get("after_consonant", False)), tuple(str(e) for e in c["endings"]))
                for c in data.get(key, [])
            )
            for key in ("russian_cases", "russian_adjectives")
        )
        joiners = tuple(tuple(str(pair).split()) for pair in data.get("joiners", []))
        if any(len(pair) != 2 for pair in joiners):
            raise ValueError("each joiner is two words")
        suffixes = tuple(
            (str(script), tuple(str(e) for e in endings)) for script, endings in data.get("turkic_suffixes", {}).items()
        )
        return SpellingRules(int(data.get("limit", 64)), alphabets, cases, adjectives, joiners, suffixes)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        return SpellingRules(problems=[Problem(label, f"spelling rules not read ({exc}); no variants generated")])
