"""Which sense an ambiguous alias has in an article: one data-driven model for every feature.

Each feature's `sense` object in the geodata (see geodata/SCHEMA.md, "Sense rules") lists cue words
for its own sense (`confirm`), for the other senses of its ambiguous aliases (`reject`), words that
right before or after the alias name another sense (`before`, `after`), and `related` features whose
unambiguous mention in the same article supports this one. The model is read from the raw GeoJSON
properties here, so the geodata loader only has to carry them through.

A match of an ambiguous alias is decided in this order:
1. a `before`/`after` cue at its edge: another sense (`signed in Aktau`, `90 BTC`, `BTC mining`);
2. in a body sentence, reject cues and no confirm cue: another sense; confirm cues and no reject cue:
   this sense;
3. otherwise (no cue, or both kinds; and always for a headline, whose words are too few to judge
   alone) the whole article decides: `WEIGHT_SENTENCE` × (confirm − reject cues of the sentence)
   + confirm − reject cues of the rest of the article (headline cues count `WEIGHT_TITLE` times, it
   names the article's topic) + `WEIGHT_MENTION` × unambiguous mentions of the feature or a related
   one; the match counts when that is above zero, so a lone ambiguous name needs some evidence
   (a feature that lists no confirm cues can show none: for it, zero is enough).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from .textnorm import fold

WEIGHT_SENTENCE = 2
WEIGHT_TITLE = 2
WEIGHT_MENTION = 3
SENSE_KEYS = ("reject", "confirm", "before", "after", "related", "requires")
# `#` as a cue: a quantity ("90 BTC", "0.5 BTC", "1,200 BTC"), not a year ("in 2006 BTC ...").
QUANTITY = r"(?<![\w.,])(?!(?:19|20)\d\d(?!\d))(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:\s+(?:million|thousand|billion))?"
GAP = "\u2026"  # in a `before` cue: up to three words ("meet* … in" matches "meet again in")
_GAP_WORDS = r"(?:\s+[\w'-]+){0,3}\s*"
_POSSESSIVE = r"(?:'s?)?"
_NAME_CHAIN = r"-\w*(?:-\w+)*"
_ASIDE = re.compile(r"\s*\([^()]{0,40}\)")  # "Sumgayit (Azerbaijan) and Aktau": the aside is not between them


def _cue_body(cue: str) -> str:
    if cue.strip() == "#":
        return QUANTITY
    parts = []
    for piece in fold(cue).split(GAP):
        # each word may be a stem: "районн* суд*" finds "районного суда"; "-*" a chain of names
        # ("-Gyzylgaya-Konye-Urgench road")
        words = (
            _NAME_CHAIN if w == "-*" else re.escape(w[:-1]) + r"\w*" if w.endswith("*") else re.escape(w)
            for w in piece.split()
        )
        parts.append(r"\ ".join(words))
    return _GAP_WORDS.join(parts)


def cue_pattern(cues: Iterable[str]) -> re.Pattern | None:
    """Cues on word boundaries of a `fold`ed text; a trailing `*` makes a cue a prefix."""
    return _compiled_cues(tuple(c for c in cues if c.strip()))


@functools.lru_cache(maxsize=4096)
def _compiled_cues(cues: tuple[str, ...]) -> re.Pattern | None:
    """Compiled once per set of cues: every linker built (each ingest, each reload of the geodata)
    compiles the same few hundred."""
    bodies = sorted((_cue_body(c) for c in cues), key=len, reverse=True)
    if not bodies:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(bodies) + r")(?!\w)")


@dataclass(frozen=True)
class Counts:
    confirm: int = 0
    reject: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.confirm + other.confirm, self.reject + other.reject)

    def __sub__(self, other: Counts) -> Counts:
        return Counts(self.confirm - other.confirm, self.reject - other.reject)

    def scaled(self, factor: int) -> Counts:
        return Counts(self.confirm * factor, self.reject * factor)

    @property
    def balance(self) -> int:
        return self.confirm - self.reject


NO_CUES = Counts()


@dataclass(frozen=True)
class SenseModel:
    """One feature's cues, compiled."""

    reject: re.Pattern | None = None
    confirm: re.Pattern | None = None
    before: re.Pattern | None = None
    after: re.Pattern | None = None
    related: frozenset[str] = frozenset()
    requires: re.Pattern | None = None

    @classmethod
    def of(cls, raw: dict | None) -> SenseModel:
        """From a feature's raw `sense` property; anything malformed counts as absent (the geodata
        checker reports it)."""
        raw = raw if isinstance(raw, dict) else {}

        def words(key: str) -> list[str]:
            value = raw.get(key)
            return [c for c in value if isinstance(c, str) and c.strip()] if isinstance(value, list) else []

        before, after = cue_pattern(words("before")), cue_pattern(words("after"))
        return cls(
            cue_pattern(words("reject")),
            cue_pattern(words("confirm")),
            re.compile("(?:" + before.pattern + r")\s*$") if before else None,
            re.compile(r"^\s*" + _POSSESSIVE + r"\s*(?:" + after.pattern + ")") if after else None,
            frozenset(words("related")),
            cue_pattern(words("requires")),
        )

    def edges_reject(self, text: str, start: int, end: int) -> bool:
        """A `before` cue right before text[start:end], or an `after` cue right after it."""
        if self.before:
            window = fold(text[max(0, start - 80) : start])
            if self.before.search((_ASIDE.sub("", window) if ")" in window else window) + " "):
                return True
        return bool(self.after and self.after.search(" " + fold(text[end : end + 40])))

    def count(self, folded: str) -> Counts:
        """Cue occurrences in a folded text; a confirm cue inside a reject phrase ("Black Sea" in
        "Black Sea Fleet") confirms nothing."""
        rejects = 0
        if self.reject is not None:
            folded, rejects = self.reject.subn(" ", folded)
        return Counts(len(self.confirm.findall(folded)) if self.confirm else 0, rejects)


def sentence_counts(model: SenseModel, folded: str) -> Counts:
    """`model.count` where it matters, stopping early where the sentence alone decides: one kind of
    cue found (its count is then reported as 1), or none (0, 0). Only a sentence holding both kinds is
    counted in full, for the article's weighing."""
    if model.reject is not None and model.reject.search(folded):
        if model.confirm is None or not model.confirm.search(model.reject.sub(" ", folded)):
            return Counts(0, 1)
        return model.count(folded)
    return Counts(1 if model.confirm is not None and model.confirm.search(folded) else 0, 0)


def sentence_verdict(counts: Counts, headline: bool) -> bool | None:
    """True/False when the sentence alone decides, None when the article must."""
    if headline or (counts.confirm and counts.reject) or not (counts.confirm or counts.reject):
        return None
    return counts.confirm > 0


def article_verdict(sentence: Counts, rest: Counts, supporting_mentions: int, has_confirm_cues: bool) -> bool:
    """A feature with no confirm cues cannot show evidence: for it, no objection is enough."""
    score = WEIGHT_SENTENCE * sentence.balance + rest.balance + WEIGHT_MENTION * supporting_mentions
    return score > 0 if has_confirm_cues else score >= 0


def alias_problem(name: str) -> str | None:
    """Why a name cannot be an alias: one letter or digit ("a", "I") would match nearly every text."""
    if sum(c.isalnum() for c in fold(name)) < 2:
        return "has fewer than two letters or digits and would match nearly every text"
    return None


def related_problems(features) -> list[tuple[object, str]]:
    """(feature, message) for each `sense.related` entry that is not a known feature id."""
    ids = {f.id for f in features}
    found = []
    for feature in features:
        raw = (feature.properties or {}).get("sense")
        related = raw.get("related", []) if isinstance(raw, dict) else []
        if not isinstance(related, list) or not all(isinstance(r, str) for r in related):
            found.append((feature, "'sense.related' should be a list of feature ids"))
            continue
        found += [(feature, f"'sense.related' names {r!r}, which is not a feature id") for r in related if r not in ids]
    return found
