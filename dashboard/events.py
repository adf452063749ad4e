"""Event signals on article–feature links: disruption, restoration, expansion, agreement, security.

The vocabulary is data (`geodata/events.json`, described in `geodata/EVENTS.md`); this module only
compiles its phrases and applies the rules that words alone cannot carry: negation and denial ("denied
reports of any damage"), hedged stoppages that are threats, not events ("may stop supplies" is
`security`), and a restart that makes the trouble it ends background. Every tag keeps the sentence
and the words that triggered it, so a reader can check it.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

import ahocorasick_rs

from .errors import DashboardError
from .textnorm import fold_chars

EVENTS_FILE = "events.json"
TAGS = ("disruption", "restoration", "expansion", "agreement", "security")
_SEPARATOR = r"[\s\-\u2010-\u2015]+"
_WORD = re.compile(r"\w+")
_TOKEN = re.compile(r"(?<![\w'])[\w']+")
_CLAUSE_PUNCTUATION = re.compile(r"[;:()\u2014]")
_SHORT_BRACKETS = re.compile(
    r"\((?:\s*[\w'.\-]+){1,4}\s*\)"
)  # "(CPC)", "(Baku-Tbilisi-Kars)"; an aside with a comma is a clause
_YEAR = re.compile(r"(?<!\d)(?:19[5-9]\d|20[0-4]\d)(?!\d)")
_PERIOD_START = re.compile(r"(?<!\d)(?:19[5-9]\d|20[0-4]\d)\s*[-\u2013\u2014]\s*$")  # "2022-" of "2022-2027"
_DETERMINER = re.compile(r"^(the\|this\|that) ")
_PUNCTUATION_START = re.compile(r"[^\w('\s]")  # a phrase written with its own punctuation first (", and")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})


@dataclass(frozen=True)
class Event:
    """One event phrase in a sentence: its tag and where it stands. `lasting`: trouble that a restart
    reported elsewhere does not make background (damage said to go on: "SPM 2 is still damaged"; a
    threat that is not the stoppage's own attack: "the strike targeted the CPC")."""

    name: str
    start: int
    end: int
    lasting: bool = False


@dataclass(frozen=True)
class Tag:
    """One event signal: its name, the sentence that gave it and the words that triggered it."""

    name: str
    sentence: str
    trigger: str


_NUMBER_SIGN = re.compile(r"No\.?\s*\d", re.I)


def phrase_pattern(phrase: str) -> str:
    """A regex for one vocabulary phrase (syntax in events.json's `about`), folded as the text is
    (`başla*` finds «başlandı» in a text read as «baslandi»)."""
    pattern, started = "", False
    for word in fold_chars(phrase).split():
        optional = word.startswith("(") and word.endswith(")")
        alternatives = "|".join(
            r"[\w']+(?:[.,]\d+)*" if a == "_" else re.escape(a[:-1]) + r"[\w']*" if a.endswith("*") else re.escape(a)
            for a in word.strip("()").split("|")
        )
        piece = f"(?:{alternatives})"
        if not started:
            pattern += f"(?:{piece}{_SEPARATOR})?" if optional else piece
            started = not optional
        else:
            pattern += f"(?:{_SEPARATOR}{piece})?" if optional else _SEPARATOR + piece
    return pattern


def _compile(phrases: list[str]) -> re.Pattern | None:
    if not phrases:
        return None
    # Longest phrases first, so "shut down" wins over "shut" and the trigger shown is the whole phrase.
    ordered = sorted(phrases, key=len, reverse=True)
    # a phrase starts at a word's start, or with its own punctuation (", and": only then the slower start)
    start = r"(?:(?<![\w'])|(?=[^\w']))" if any(_PUNCTUATION_START.match(p) for p in phrases) else r"(?<![\w'])"
    return re.compile(start + "(?:" + "|".join(phrase_pattern(p) for p in ordered) + r")(?![\w'])", re.I)


def _compile_anchored(phrases: list[str], frame: str) -> re.Pattern:
    """Phrases as one pattern inside `frame` (its `{}` stands for them): anchored before or after a name."""
    alternatives = "|".join(phrase_pattern(p) for p in sorted(phrases, key=len, reverse=True))
    return re.compile(frame.format(alternatives), re.I)


_WORDS_REMEMBERED = 200_000  # distinct words whose starting tags are kept (a few MB)


def _nouns(phrases: list[str]) -> frozenset[str] | None:
    """Lower-case words one of which every match of the phrases contains: each phrase's last word
    that is not optional, as written or as its stem; None when some phrase has no such word."""
    nouns: list[str] = []
    for phrase in phrases:
        required = [w for w in fold_chars(phrase).split() if not (w.startswith("(") and w.endswith(")"))]
        alternatives = required[-1].split("|") if required else ["_"]
        if "_" in alternatives:
            return None
        nouns += [a.removesuffix("*").lower() for a in alternatives]
    return None if "" in nouns else frozenset(nouns)


def _starters(phrases: list[str]) -> tuple[frozenset[str], tuple[str, ...]] | None:
    """The words a phrase can start with (exact words, stems), lower-cased; None when some phrase can
    start with any word (a leading optional word or `_`)."""
    exact, stems = set(), []
    for phrase in phrases:
        first = fold_chars(phrase).split()[0]
        if first.startswith("("):
            return None
        for word in first.split("|"):
            if word == "_":
                return None
            if word.endswith("*"):
                stems.append(word[:-1].lower())
            else:
                exact.add(word.lower())
    return frozenset(exact), tuple(stems)


def _overlaps(event: Event, spans: list[tuple[int, int]]) -> bool:
    return any(s < event.end and event.start < e for s, e in spans)


def _words_between(text: str, start: int, end: int) -> int:
    return len(_WORD.findall(text, start, end)) if end > start else 0


@dataclass(frozen=True)
class _Rule:
    phrases: re.Pattern
    excepted: re.Pattern | None
    starters: tuple[frozenset[str], tuple[str, ...]] | None

    def starts(self, word: str) -> bool:
        """Can a phrase start with this (lower-case) word? (Only asked when `starters` is known.)"""
        exact, stems = self.starters
        return word in exact or word.startswith(stems)

    def matches(self, text: str, starts: list[int]):
        """The phrase matches in text order, as `finditer` gives them, but tried only at `starts`, where
        a word can start a phrase: a sentence costs one pass over its words, not one regex scan per tag."""
        if self.starters is None:
            yield from self.phrases.finditer(text)
            return
        taken = 0
        for start in starts:
            if start < taken:
                continue
            match = self.phrases.match(text, start)
            if match:
                taken = match.end()
                yield match


class Vocabulary:
    """The compiled event vocabulary. Build with `load_vocabulary`.

    With `source` (the file it was read from), the patterns are compiled at their first use, not at
    construction: a digest whose tags are all stored at ingest needs only the `signature` (compiling
    is ~0.4 s of every such command). A broken pattern is then the same error, raised at that use."""

    def __init__(self, data: dict, source: Path | None = None) -> None:
        # what tags stored at ingest were tagged with (`digest.tag_signature`)
        self.signature = hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()[:16]
        self._data, self._source = data, source
        if source is None:
            self._compile_all(data)

    def __getattr__(self, name: str):
        # only asked for attributes not set yet: the compiled ones of a vocabulary read lazily
        pending = self.__dict__.get("_data")
        if pending is None or name.startswith("__"):
            raise AttributeError(name)
        self._data = None
        try:
            self._compile_all(pending)
        except (ValueError, KeyError, TypeError, re.error) as exc:
            raise DashboardError(f"{self._source}: bad event vocabulary ({exc})") from exc
        return getattr(self, name)

    def _compile_all(self, data: dict) -> None:
        self.rules = {
            name: _Rule(_compile(spec["phrases"]), _compile(spec.get("except", [])), _starters(spec["phrases"]))
            for name, spec in data["tags"].items()
        }
        negation = data["negation"]
        self.negation_window = int(negation["window"])
        self.after_window = int(negation["after_window"])
        self.negators = _compile(negation["before"])
        self.after_negators = _compile(negation["after"])
        self.clause_breaks = _compile(negation["clause_breaks"])
        hedge = data["hedge"]
        self.hedge_window = int(hedge["window"])
        self.hedges = _compile(hedge["cues"])
        self.hedge_tag = hedge["as"]
        self.conditionals = _compile(data.get("conditional", {}).get("cues", []))
        background = data.get("background", {})
        openers = [
            phrase_pattern(o.removesuffix(",").strip()) + (r"\s*," if o.endswith(",") else r"(?![\w'])")
            for o in background.get("openers", [])
        ]
        self.background_openers = re.compile("|".join(openers), re.I) if openers else None
        self.opener_starts = _starters([o.removesuffix(",") for o in background.get("openers", [])])
        self.ongoing = _compile(background.get("ongoing", []))
        self.means = _compile(background.get("means", []))  # what an attack is made with ("drones attacked")
        # a clause summing up a history ("repeatedly") or saying what a feature is for ("a pivotal role")
        self.general = _compile(background.get("habitual", []) + background.get("generic", []))
        self.relative = _compile(background.get("relative", []))  # "The following month", "Four years later"
        retold = background.get("retold", {})  # trouble on a day weeks before the article's date
        self.retold_tags = frozenset(retold.get("tags", []))
        self.retold_days = int(retold.get("days", 0))
        # tag -> the cues after which its phrase has not happened yet
        intent_cues: dict[str, list[str]] = {}
        announced: dict[str, list[str]] = {}  # tag -> cues after its phrase ("… will be announced later")
        for group in data.get("intent", {}).get("groups", []):
            for tag in group["tags"]:
                intent_cues.setdefault(tag, []).extend(group.get("cues", []))
                announced.setdefault(tag, []).extend(group.get("after", []))
        self.intents = {tag: _compile(cues) for tag, cues in intent_cues.items()}
        self.intents_after = {tag: _compile(cues) for tag, cues in announced.items()}
        self.continued_tags = frozenset(data.get("anaphora", {}).get("continues", []))
        scope = data.get("scope", {})
        self.scope_breaks = _compile(scope.get("breaks", []))
        self.other_routes = _compile(scope.get("other_routes", []))
        wholes = scope.get("wholes", {})
        self.wholes = frozenset(wholes.get("kinds", []))  # routes made of other features ("corridor")
        self.whole_tags = frozenset(wholes.get("tags", []))  # events that go to the part named with them
        paths = wholes.get("travelled", [])  # "via the Trans-Caspian corridor": a service runs on the route
        self.travelled = _compile_anchored(paths, r"(?:{})\s+(?:the\s+)?$") if paths else None
        onward = scope.get("onward", {})
        self.relative_clause = _compile(onward.get("relative", []))
        self.onward_to = (
            _compile_anchored(onward["to"], r"(?:{})\s+(?:the\s+)?(?:port\s+of\s+)?$") if onward.get("to") else None
        )
        describing = scope.get("describing", {})
        before, after = describing.get("before", []), describing.get("after", [])
        self.describing_before = _compile_anchored(before, r"(?:{})\s+(?:the\s+)?$") if before else None
        self.describing_after = _compile_anchored(after, r"^\W{{0,3}}(?:{})(?![\w'])") if after else None
        targets = [t for t in scope.get("target_years_after", []) if t.strip()]
        self.target_year = (
            re.compile(
                r"(?<![\w'])(?:" + "|".join(phrase_pattern(t) for t in targets) + r")\s+(?:the\s+end\s+of\s+)?$", re.I
            )
            if targets
            else None
        )
        # (in a text sentence, in a headline: no article needed, "Loadings Resume at Offshore Terminal", kinds)
        self.anaphora = [
            (
                _compile(entry["phrases"]),
                _compile([_DETERMINER.sub(r"(\1) ", p) for p in entry["phrases"]]),
                frozenset(entry["kinds"]),
            )
            for entry in data.get("anaphora", {}).get("refer", [])
        ]
        # Per describing pattern, the nouns one of which its match must contain: a sentence without any
        # ("the port", "терминал") skips the pattern's scan (most sentences have none).
        self.anaphora_nouns = [_nouns(entry["phrases"]) for entry in data.get("anaphora", {}).get("refer", [])]
        every_noun = sorted({noun for nouns in self.anaphora_nouns if nouns for noun in nouns})
        self._noun_finder = ahocorasick_rs.AhoCorasick(every_noun) if every_noun else None
        self._word_rules: dict[str, tuple[str, ...]] = {}
        # "the Baku-Novorossiysk pipeline": a place's name right before a line's describing word names the line
        naming = scope.get("describing", {}).get("place_naming_line", {})
        self.places, self.lines = frozenset(naming.get("places", [])), frozenset(naming.get("lines", []))
        words = [
            _DETERMINER.sub(r"(\1) ", phrase)
            for entry in data.get("anaphora", {}).get("refer", [])
            if self.lines & set(entry["kinds"])
            for phrase in entry["phrases"]
        ]
        # the line may be named by both its ends: "the Dostyk-Moyynty double track", "Baku-Tbilisi railway"
        self.line_word = (
            re.compile(
                r"(?:\s*[\-\u2010-\u2015]\s*(?-i:[A-Z\u0410-\u042f])[\w']*)?[\s\-\u2010-\u2015'\"\u00bb]*(?:"
                + "|".join(map(phrase_pattern, words))
                + r")(?![\w'])",
                re.I,
            )
            if words
            else None
        )

    def _starting(self, word: str) -> tuple[str, ...]:
        """The tags a phrase of which may start with this word, remembered per word: asking every
        rule of every word was a fifth of tagging an article."""
        found = self._word_rules.get(word)
        if found is None:
            if len(self._word_rules) > _WORDS_REMEMBERED:
                self._word_rules.clear()
            found = self._word_rules[word] = tuple(
                name for name, rule in self.rules.items() if rule.starters is not None and rule.starts(word)
            )
        return found

    def nouns_in(self, lowered: str) -> set[str]:
        """Which describing nouns (`anaphora_nouns`) the lower-case text contains, in one pass."""
        return set(self._noun_finder.find_matches_as_strings(lowered, overlapping=True)) if self._noun_finder else set()

    def sentence_tags(self, sentence: str) -> dict[str, str]:
        """Tag name -> the words that first triggered it, for one sentence."""
        found: dict[str, str] = {}
        for event in self.sentence_events(sentence):
            found.setdefault(event.name, sentence[event.start : event.end])
        return found

    def sentence_events(self, sentence: str) -> list[Event]:
        """Every event phrase of one sentence that stands (not excepted, negated or conditional), in text
        order, hedged disruptions as the hedge's tag; a restart in the sentence makes its trouble background."""
        if sentence.rstrip().rstrip("\"'\u201d\u2019\u00bb").endswith("?"):
            return []  # a question reports nothing ("New Port in Mangystau: Strategic Asset or Risk?")
        if self.opens_recap(sentence):
            return []  # "Earlier, Kazakhstan signed …", "Напомним, …": a recap of older news
        text = fold_chars(sentence).translate(_APOSTROPHES)
        starts: dict[str, list[int]] = {}  # tag -> where its phrases may start
        for m in _TOKEN.finditer(text):
            for name in self._starting(m.group().lower()):
                starts.setdefault(name, []).append(m.start())
        breaks: list[int] | None = None
        found: list[Event] = []
        trouble: list[tuple[int, int]] = []  # where the disruption phrases stand, cancelled or not
        for name, rule in self.rules.items():
            excepted: list[tuple[int, int]] | None = None
            for match in rule.matches(text, starts.get(name, [])):
                start, end = match.span()
                if excepted is None:  # only sentences with a candidate pay for the rest
                    excepted = [m.span() for m in rule.excepted.finditer(text)] if rule.excepted else []
                    breaks = self._clause_breaks(text) if breaks is None else breaks
                if any(s < end and start < e for s, e in excepted):
                    continue
                if name == "disruption":
                    trouble.append((start, end))
                clause = (
                    max((b for b in breaks if b <= start), default=0),
                    min((b for b in breaks if b >= end), default=len(text)),
                )
                if (
                    self._negated(text, start, end, clause)
                    or (self.general is not None and self.general.search(text, clause[0], clause[1]))
                    or (name != self.hedge_tag and self._preceded(self.conditionals, text, start, clause))
                    or self._preceded(self.intents.get(name), text, start, clause)
                    or self._followed(self.intents_after.get(name), text, end, clause)
                ):
                    continue
                hedged = name == "disruption" and self._preceded(self.hedges, text, start, clause)
                ongoing = name == "disruption" and self._preceded(self.ongoing, text, start, clause)
                found.append(Event(self.hedge_tag if hedged else name, start, end, ongoing or hedged))
        found = [
            e
            if e.name != "security" or e.lasting
            else replace(e, lasting=not self._attack_own(text, e, trouble, breaks))
            for e in found
        ]
        if any(e.name == "restoration" for e in found):  # the restart's own trouble is background
            found = [
                e for e in found if e.name not in ("disruption", "security") or (e.lasting and e.name == "disruption")
            ]
        return sorted(found, key=lambda e: e.start)

    def opens_recap(self, sentence: str) -> bool:
        """Whether the sentence opens a recap of older news ("Earlier, …", "Напомним, …"): the rest of
        its paragraph goes on with the recap."""
        if self.background_openers is None:
            return False
        if self.opener_starts is not None:  # most sentences start with no opener's word: skip the folding
            first = _TOKEN.search(sentence, 0, 40)
            word = fold_chars(first.group()).lower() if first else ""  # the starters are folded ("xatırladaq")
            exact, stems = self.opener_starts
            if word not in exact and not word.startswith(stems):
                return False
        text = fold_chars(sentence[:80]).translate(_APOSTROPHES).lstrip("\"'\u201c\u00ab ")  # openers are short
        return bool(self.background_openers.match(text))

    def _attack_own(self, text: str, event: Event, trouble: list[tuple[int, int]], breaks: list[int] | None) -> bool:
        """Whether a threat is the attack's own: the attack phrase itself ("drone attack"), or what the
        attack in its clause was made with ("Беспилотники атаковали Новороссийск")."""
        if _overlaps(event, trouble):
            return True
        if self.means is None or not self.means.fullmatch(text, event.start, event.end):
            return False
        start = max((b for b in breaks or [] if b <= event.start), default=0)
        end = min((b for b in breaks or [] if b >= event.end), default=len(text))
        return any(start <= a and b <= end for a, b in trouble)

    def other_routes_in(self, sentence: str) -> list[tuple[int, int]]:
        """Where the sentence names a route that is no feature ("the Northern Corridor", "the Red Sea")."""
        if self.other_routes is None:
            return []
        return [m.span() for m in self.other_routes.finditer(fold_chars(sentence))]

    def describes(self, sentence: str, start: int, end: int, kind: str = "") -> bool:
        """Whether the name at sentence[start:end] only describes something else ("the end point of the
        BTC pipeline", "BTC's operator"): another feature the clause names is what its events are about.
        A place of `kind` named right before a line's describing word ("the Baku-Ceyhan pipeline"), alone or
        with the line's other end ("the Dostyk-Moyynty double track"), names the line, not the place."""
        text = fold_chars(sentence).translate(_APOSTROPHES)
        return bool(
            (self.describing_before and self.describing_before.search(text, max(0, start - 40), start))
            or (self.describing_after and self.describing_after.match(text[end : end + 40]))
            or (kind in self.places and self.line_word is not None and self.line_word.match(text, end))
        )

    def only_onward(self, sentence: str, start: int, clause: tuple[int, int]) -> bool:
        """Whether the name at sentence[start:], in `clause`, is only where something goes on to in a
        relative clause ("…, which is to travel on to the port of Baku")."""
        if self.relative_clause is None or self.onward_to is None:
            return False
        text = fold_chars(sentence).translate(_APOSTROPHES)
        return bool(
            self.relative_clause.match(text, clause[0])
            and self.onward_to.search(text, max(clause[0], start - 40), start)
        )

    def runs_along(self, sentence: str, start: int) -> bool:
        """Whether the name at sentence[start:] is the route something travels ("via the Trans-Caspian
        corridor"): a new service on it is the route's news too, not only its parts'."""
        text = fold_chars(sentence)
        return self.travelled is not None and self.travelled.search(text, max(0, start - 30), start) is not None

    def clauses(self, sentence: str) -> list[tuple[int, int]]:
        """The sentence's clauses as (start, end), split where a negation's reach ends and at the scope
        breaks ("after", "which"): where an event stops being about the feature named before it."""
        text = fold_chars(sentence).translate(_APOSTROPHES)
        marks = self._clause_breaks(text)
        if self.scope_breaks:
            marks += [m.start() for m in self.scope_breaks.finditer(text)]
        marks = [0, *sorted(marks), len(sentence)]
        return [(a, b) for a, b in itertools.pairwise(marks) if b > a]

    def years(self, text: str) -> list[tuple[int, int]]:
        """(year, offset) of the years a text names as when something happened, not as a target
        ("by 2028", "until 2030") nor as the end of a period ("a road map for 2022-2027")."""
        found = []
        for match in _YEAR.finditer(text):
            before = text[max(0, match.start() - 30) : match.start()]
            if _PERIOD_START.search(before) is None and (
                self.target_year is None or not self.target_year.search(before)
            ):
                found.append((int(match.group()), match.start()))
        return found

    def dated_after(self, sentence: str) -> bool:
        """Whether the sentence tells its time from the one before ("The following month …", "Four years
        later …"): it happened when that one did."""
        return self.relative is not None and self.relative.search(fold_chars(sentence)) is not None

    def _clause_breaks(self, text: str) -> list[int]:
        # "the Caspian Pipeline Consortium (CPC) suspended loadings": an abbreviation in brackets is no clause
        named = {i for m in _SHORT_BRACKETS.finditer(text) for i in (m.start(), m.end() - 1)}
        marks = [m.start() for m in _CLAUSE_PUNCTUATION.finditer(text) if m.start() not in named]
        if self.clause_breaks:
            marks += [m.start() for m in self.clause_breaks.finditer(text)]
        return sorted(marks)

    def _negated(self, text: str, start: int, end: int, clause: tuple[int, int]) -> bool:
        for cue in self.negators.finditer(text, clause[0], start):
            if _NUMBER_SIGN.match(text, cue.start()):
                continue  # "SPM No. 3 was put back into operation": the number sign, not a denial
            if cue.end() <= start and _words_between(text, cue.end(), start) <= self.negation_window:
                return True
        for cue in self.after_negators.finditer(text, end, clause[1]):
            if _words_between(text, end, cue.start()) <= self.after_window:
                return True
        return False

    @staticmethod
    def _followed(cues: re.Pattern | None, text: str, end: int, clause: tuple[int, int]) -> bool:
        """A cue after `end` in the same clause ("the resumption … will be announced later")."""
        return cues is not None and cues.search(text, end, clause[1]) is not None

    def _preceded(self, cues: re.Pattern | None, text: str, start: int, clause: tuple[int, int]) -> bool:
        """A cue (a hedge, a condition) before `start` in the same clause, within the hedge window."""
        return cues is not None and any(
            cue.end() <= start and _words_between(text, cue.end(), start) <= self.hedge_window
            for cue in cues.finditer(text, clause[0], start)
        )

    def tag(self, sentences: Iterable[str]) -> dict[str, Tag]:
        """Tags of one article–feature link from its sentences (headline first): each tag keeps the
        first sentence that gave it."""
        tags: dict[str, Tag] = {}
        for sentence in sentences:
            for name, trigger in self.sentence_tags(sentence).items():
                if name not in tags:
                    tags[name] = Tag(name, sentence, trigger)
        return {name: tags[name] for name in TAGS if name in tags}


NO_EVENTS = {
    "tags": {},
    "negation": {"window": 0, "after_window": 0, "before": [], "after": [], "clause_breaks": []},
    "hedge": {"window": 0, "cues": [], "as": "security"},
}


def empty_vocabulary() -> Vocabulary:
    """No tags at all: what the app uses when events.json cannot be read (the counts still show)."""
    return Vocabulary(NO_EVENTS)


def load_vocabulary(geodata_dir: Path, lazy: bool = False) -> Vocabulary:
    """Read and compile `events.json`; a missing or broken file is one clear error naming it. `lazy`:
    compile at the first use (a broken pattern is then reported there), for commands that may need
    only the vocabulary's signature."""
    path = geodata_dir / EVENTS_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        unknown = set(data["tags"]) - set(TAGS)
        if unknown:
            raise ValueError(f"unknown tag(s) {', '.join(sorted(unknown))}; tags are {', '.join(TAGS)}")
        return Vocabulary(data, path if lazy else None)
    except FileNotFoundError as exc:
        raise DashboardError(f"{path}: event vocabulary not found") from exc
    except (ValueError, KeyError, TypeError, re.error) as exc:
        raise DashboardError(f"{path}: bad event vocabulary ({exc})") from exc
