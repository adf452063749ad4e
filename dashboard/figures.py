"""The figures the press states about a route or port: for each mention the linker found (after the
analysts' corrections), the quantities in its sentence, and in the sentences just after it that
refer to the feature without its name ("the port", "the pipeline", "the route", "порт").

A quantity (read by `quantities`) goes to the nearest feature named in its sentence, so another
route's figure in the same sentence stays with that route. What it measures is told by its unit and
the words around it (`figure_words.json`: capacity, target, investment, share cues); the period is
the nearest one the sentence states ("in 2024", "in the first half of 2024", "January-September
2025", "в октябре 2026 года"). Wages, prices and casualties are left out, and so is any number without
a unit (years, dates, ages, counts of people).
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import ahocorasick_rs

from . import quantities
from .linking import HEADLINE, Mention
from .quantities import Quantity, QuantityReader, Words, load_words
from .sentences import SentenceFinder

REFER_REACH = 100  # characters: figures this far before "the port" in its sentence are about something else
FOLLOWING_SENTENCES = 4  # sentences after a mention that may refer to its feature without its name
MEASURES = ("volume", "capacity", "target", "transit_time", "length", "investment", "share", "count", "other")
_BY_UNIT = {"days": "transit_time", "hours": "transit_time", "km": "length", "count": "count"}
_MONEY = ("USD", "EUR")
_CLAUSE = re.compile(r"[;:]|,\s(?:while|whereas|but|and)\s|\s(?:while|whereas)\s")
# Names with only these between them are one group: "Aktau and Kuryk", "Aktau and Kuryk along the TITR".
_TOGETHER = re.compile(r"(?:[\s,/&()\-\u2013]|\b(?:and|or|along|on|of|the|as well as)\b|(?<!\w)(?:и|или)(?!\w))*", re.I)
# A name just after these is where something goes or what it is compared with, not what is counted
# ("КТК нарастил отгрузку через Новороссийск"), when another name comes first.
_PLACE_BEFORE = re.compile(
    r"(?:\b(?:via|through|than|near|off)|(?<!\w)(?:через|чем|у|под))\s+(?:the\s+)?(?:[\w]+[\-\u2013])?$", re.I
)
PLACE_PENALTY = 120  # characters
_POINT_KINDS = ("port", "terminal", "dry port")
_ENDPOINT_BEFORE = re.compile(
    r"(?:\b(?:to|from|into)|(?<!\w)(?:в|из|до))\s+(?:the\s+)?(?:\w+['’]s\s+)?(?:[\w]+[\-\u2013])?$", re.I
)
# A sentence right after one naming a single feature that opens on what is measured goes on about it.
_TOPIC = re.compile(
    r"[\"“]?(?:(?:daily|annual|monthly|average|overall|total|its)\s+)?(?:cargo\s+|freight\s+|container\s+)?"
    r"(?:turnover|throughput|capacity|traffic|transshipment|shipments|volumes?|loadings|handling)\b"
    r"|(?:Грузооборот|Объем|Объём|Мощность|Перевалка|Пропускная)",
    re.I,
)
# In a sentence referring to a feature, a figure past one of these is about something else.
_SUBORDINATE = re.compile(r",\s*(?:since|because|while|whereas|although|but)\b")
_AWAY = re.compile(r"\b(?:from|off|away)\b|(?<!\w)(?:от)(?!\w)")
STRETCH_REACH = 1200  # characters after a mention looked at for sentences referring to it
# An English word referring to a feature needs one of these before it, up to four words back.
_DETERMINER = re.compile(r"\b(?:the|this|that|its)\s+(?:[\w$.,\-]+\s+){0,4}$")
_PRONOUNS = ahocorasick_rs.AhoCorasick(
    ["It", "Its", "Он", "Она", "Его", "Её"], matchkind=ahocorasick_rs.MatchKind.LeftmostLongest
)
_PRONOUN = re.compile(r"[\"“]?(?:It(?!['’])|Its|Он|Она|Его|Её)\b")
_THAN = re.compile(r"(?:\bthan|(?<!\w)чем)\s+(?:\w+\s+){0,2}$", re.I)
COMMA_PENALTY = 20
_FIGURE_DIGIT = re.compile(r"\d")
_YEAR_RE = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_OTHER_ROUTE = re.compile(
    r"\b[A-Z][\w]+(?:[\-\u2013][A-Z][\w]+)+\s+(?:pipeline|railway|rail line|line|route|corridor)\b"
)

_MONTHS = {
    **{
        m: i
        for i, m in enumerate(
            "january february march april may june july august september october november december".split(), 1
        )
    },
    **{m: i for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)},
    **{m: i for i, m in enumerate("январ феврал март апрел ма июн июл август сентябр октябр ноябр декабр".split(), 1)},
}
_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}
_ORDINALS.update({"перв": 1, "втор": 2, "трет": 3, "четверт": 4})
_NUMBER_MONTHS = {"three": 3, "six": 6, "nine": 9, "eleven": 11, "трех": 3, "трёх": 3, "шести": 6, "девяти": 9}
_YEAR = r"((?:19[5-9]|20\d)\d)"
_MONTH_WORD = r"(jan\w*|feb\w*|mar\w*|apr\w*|may|jun\w*|jul\w*|aug\w*|sep\w*|oct\w*|nov\w*|dec\w*|январ\w*|феврал\w*|март\w*|апрел\w*|ма[йея]\w*|июн\w*|июл\w*|август\w*|сентябр\w*|октябр\w*|ноябр\w*|декабр\w*)"
_PERIODS = [
    # (pattern, how to build the period from its groups)
    (rf"\b(first|1st|second|2nd)\s+half\s+of\s+(?:the\s+year\s+)?{_YEAR}", "half"),
    (rf"\b(перв|втор)\w*\s+полугоди\w*\s+{_YEAR}", "half"),
    (rf"\b([12])H\s*{_YEAR}|\bH([12])\s*{_YEAR}", "half_short"),
    (rf"\b(first|1st|second|2nd|third|3rd|fourth|4th)\s+quarter\s+of\s+(?:the\s+year\s+)?{_YEAR}", "quarter"),
    (rf"\b(перв|втор|трет|четверт)\w*\s+квартал\w*\s+{_YEAR}", "quarter"),
    (rf"\bQ([1-4])\s*{_YEAR}", "quarter_short"),
    (rf"\b(?:first\s+)?(three|six|nine|eleven|\d{{1,2}})\s+months\s+of\s+(?:the\s+year\s+)?{_YEAR}", "months"),
    (rf"\b(трех|трёх|шести|девяти|\d{{1,2}})\s+месяц\w*\s+{_YEAR}", "months"),
    (rf"\b{_MONTH_WORD}\s*[-\u2013\u2014]\s*{_MONTH_WORD}\s+(?:of\s+)?{_YEAR}", "month_range"),
    (rf"\b{_MONTH_WORD}\s+(?:of\s+)?{_YEAR}", "month"),
    (rf"(?<![\d.,]){_YEAR}(?![\d]|[.,]\d)", "year"),
]
_RELATIVE_YEAR = re.compile(r"\b(last|this|past)\s+year\b|\b(прошл|эт)\w*\s+год\w*", re.IGNORECASE)
_PERIOD_RE = [(re.compile(p, re.IGNORECASE), how) for p, how in _PERIODS]


def signature() -> str:
    """Changes whenever the extractor or its words change: the index then re-extracts every figure."""
    digest = hashlib.sha256()
    for path in (Path(__file__), Path(quantities.__file__), quantities.WORDS_FILE):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


@dataclass(frozen=True)
class Figure:
    """One figure stated about one feature in one article: `value` is in the base `unit` (the low end
    of a range, `value_high` its high end), `stated` the words as written, `excerpt` the sentence.
    `start`/`end` locate the stated words in the article's text (in its title when `kind` is
    "headline"), `sentence_start`/`sentence_end` the sentence (-1 for the headline)."""

    feature_id: str
    article_id: str
    value: float
    value_high: float | None
    bound: str
    unit: str
    per: str
    measure: str
    period: str | None
    stated: str
    excerpt: str
    start: int
    end: int
    sentence_start: int
    sentence_end: int
    kind: str = "sentence"


@dataclass
class _Sentence:
    start: int  # in the text (-1: the headline)
    end: int
    text: str
    kind: str
    named: list[tuple[str, int, int]]  # (feature id, alias start, alias end) within the sentence


class FigureExtractor:
    """Built once from the gazetteer's features (for their kinds); `extract` is pure."""

    def __init__(self, features: Iterable, words: Words | None = None) -> None:
        self.words = words or load_words()[0]
        self.reader = QuantityReader(self.words)
        self.kinds = {f.id: f.kind for f in features}
        # The words that refer to a feature of a kind ("the port"), found with one automaton: a stretch
        # of text with none of them (nor "It", nor a measure opening the sentence right after the
        # mention) refers to nothing, and is not split into sentences.
        kinds_of: dict[str, set[str]] = {}
        for kind, nouns in self.words.anaphors.items():
            for noun in nouns:
                kinds_of.setdefault(noun.lower(), set()).add(kind)
        self._nouns = sorted(kinds_of)
        self._noun_kinds = [frozenset(kinds_of[n]) for n in self._nouns]
        self._referring_words = ahocorasick_rs.AhoCorasick(
            self._nouns, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest
        )
        self._cues = {
            name: re.compile("|".join(_cue_pattern(c) for c in cues), re.IGNORECASE)
            for name, cues in self.words.measures.items()
        }
        self._not_about = {
            name: re.compile("|".join(_cue_pattern(c) for c in cues), re.IGNORECASE)
            for name, cues in self.words.not_about.items()
        }

    def extract(
        self, article_id: str, text: str, title: str | None, mentions: list[Mention], published: str | None = None
    ) -> list[Figure]:
        """The figures attached to each feature the mentions name, in text order (headline first)."""
        sentences = self._mention_sentences(text, title, mentions)
        if not sentences:
            return []
        figures: list[Figure] = []
        seen: set[tuple[str, int, int, str]] = set()
        for sentence in sentences:
            for quantity in self._quantities(sentence):
                for feature_id in _owners(sentence, quantity, self.kinds):
                    self._add(figures, seen, article_id, feature_id, sentence, quantity, published)
        body = [s for s in sentences if s.kind != HEADLINE]
        headline = [f for s in sentences if s.kind == HEADLINE for f, _s, _e in s.named]
        if body or headline:
            for sentence in self._referring(text, body, headline):
                (feature_id, _start, at), *_ = sentence.named
                for quantity in self._quantities(sentence):
                    low, high = sorted((at, quantity.start))
                    if (
                        at - quantity.end <= REFER_REACH
                        and not _SUBORDINATE.search(sentence.text, low, high)
                        and not self._not_about["ownership"].search(sentence.text)
                    ):
                        self._add(figures, seen, article_id, feature_id, sentence, quantity, published)
        return _once(figures)

    # --- where to look -------------------------------------------------------------------------------

    @staticmethod
    def _mention_sentences(text: str, title: str | None, mentions: list[Mention]) -> list[_Sentence]:
        by_span: dict[tuple[int, int, str], _Sentence] = {}
        for m in mentions:
            key = (m.start, m.end, m.kind)
            sentence = by_span.get(key)
            if sentence is None:
                excerpt = (title or m.excerpt) if m.kind == HEADLINE else text[m.start : m.end]
                sentence = by_span[key] = _Sentence(m.start, m.end, excerpt, m.kind, [])
            sentence.named.append((m.feature_id, m.alias_start, m.alias_end))
        return sorted(by_span.values(), key=lambda s: (s.kind != HEADLINE, s.start))

    def _referring(self, text: str, body: list[_Sentence], headline: list[str]) -> Iterable[_Sentence]:
        """Sentences after a mention (or, for the headline's features, from the start of the text),
        before the next one and at most STRETCH_REACH characters on, that name the feature by its kind
        only: each with that feature and where the words referring to it stand. Only sentences holding
        a word that may refer ("port", a sentence opening on "It") are split out of the text."""
        cues = self._referring_cues(text)
        finder = SentenceFinder(text)
        recent: list[str] = list(dict.fromkeys(headline))  # features named so far, the most recent last
        opening = _Sentence(0, 0, "", HEADLINE, [])
        for n, sentence in enumerate([opening, *body]):
            for feature_id, _s, _e in sorted(sentence.named, key=lambda f: f[1]):
                if feature_id in recent:
                    recent.remove(feature_id)
                recent.append(feature_id)
            stop = body[n].start if n < len(body) else len(text)
            if not recent or stop <= sentence.end:
                continue
            reach = min(stop, sentence.end + STRETCH_REACH)
            named = {f for f, _s, _e in sentence.named}
            subject = next(iter(named)) if len(named) == 1 else None  # what "It" in the next sentence is
            first = len(text[:reach]) - len(text[sentence.end : reach].lstrip())  # the next sentence's start
            candidates = cues[bisect.bisect_left(cues, sentence.end) : bisect.bisect_left(cues, reach)]
            if subject is not None and first < reach and _TOPIC.match(text, first):
                candidates.insert(0, first)
            last_end, done_until = sentence.end, sentence.end
            for position in candidates:
                if position < done_until:
                    continue
                start, end = finder.span(position, position + 1)
                start, end = max(start, sentence.end), min(max(end, position + 1), stop)
                done_until = end
                piece = text[start:end]
                chained = subject is not None and not text[last_end:start].strip()  # right after one about it
                pronoun = _PRONOUN.match(piece) if chained else None
                if not self.words.has_number(piece, years=False):
                    last_end = end if pronoun else last_end
                    continue
                found = self._referent(piece, recent)
                if found is None and pronoun:  # "It is designed to supply 8 bcm"
                    found = (subject, pronoun.start(), pronoun.end())
                elif found is None and chained and start == first and (topic := _TOPIC.match(piece)):
                    found = (subject, topic.start(), topic.end())  # "Daily cargo turnover will rise …"
                if found is not None:
                    subject, last_end = found[0], end
                    yield _Sentence(start, end, piece, "sentence", [found])

    def _referring_cues(self, text: str) -> list[int]:
        """Where words that may refer to a feature stand in a text, and sentences opening on "It"."""
        cues = [start for start, _end, _key in self._whole_words(text)]
        size = len(text)
        cues += [
            s
            for _key, s, e in _PRONOUNS.find_matches_as_indexes(text)
            if (e == size or not (text[e].isalnum() or text[e] in "'’")) and _opens_sentence(text, s)
        ]
        return sorted(cues)

    def _whole_words(self, text: str) -> list[tuple[int, int, int]]:
        """(start, end, key) of each word referring to a feature in the text, found whole."""
        lowered = text.lower()
        if len(lowered) != len(text):  # "İ" lowers to two characters: keep the text's offsets
            lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
        size = len(lowered)
        return [
            (s, e, key)
            for key, s, e in self._referring_words.find_matches_as_indexes(lowered)
            if (s == 0 or not lowered[s - 1].isalnum()) and (e == size or not lowered[e].isalnum())
        ]

    def _referent(self, sentence: str, recent: list[str]) -> tuple[str, int, int] | None:
        """The most recently named feature whose kind the sentence names ("the port" -> a port); "the
        project" when the article has named one feature only. With where those words stand."""
        found: dict[str, tuple[int, int]] = {}  # kind -> where it is first referred to
        for start, end, kinds in self._words_referring(sentence):
            for kind in kinds:
                found.setdefault(kind, (start, end))
        if not found:
            return None
        for feature_id in reversed(recent):
            where = found.get(self.kinds.get(feature_id, ""))
            if where is not None:
                return feature_id, *where
        if len(recent) == 1 and "any" in found:
            return recent[0], *found["any"]
        return None

    def _words_referring(self, sentence: str) -> Iterable[tuple[int, int, frozenset[str]]]:
        """("the port", "this pipeline", "its terminal"; in Russian the noun alone): start and end of
        the words, and the kinds they refer to."""
        plain = sentence.lower()
        for start, end, key in self._whole_words(sentence):
            noun = self._nouns[key]
            if noun.isascii():
                determiner = _DETERMINER.search(plain, max(0, start - 48), start)
                if determiner is None:
                    continue
                start = determiner.start()
            yield start, end, self._noun_kinds[key]

    # --- what a quantity is --------------------------------------------------------------------------

    def _quantities(self, sentence: _Sentence) -> list[Quantity]:
        return [q for q in self.reader.read(sentence.text) if not self._excluded(sentence, q)]

    def _excluded(self, named: _Sentence, q: Quantity) -> bool:
        """A wage, a price, a casualty count, how long an outage lasted, a country's output: a number
        about something other than the feature."""
        sentence = named.text
        window = sentence[max(0, q.start - 40) : q.end + 25]
        clause_start = max((m.end() for m in _CLAUSE.finditer(sentence, 0, q.start)), default=0)
        if self._not_about["total"].search(sentence, clause_start, q.start):
            return True  # "bringing the country's total port capacity to 30 Mt"
        subject = self._not_about["subject"].search(sentence, clause_start, q.start)
        if subject and not any(clause_start <= s < subject.start() for _f, s, _e in named.named):
            return True  # "Kazakhstan's output hit 8.95 Mt", but not "the port … will triple the country's …"
        if q.unit in _MONEY:
            return bool(self._not_about["money"].search(window))
        if q.unit == "count":
            return bool(self._not_about["count"].search(sentence[max(0, q.start - 60) : q.end + 25]))
        if q.unit == "km" and self._not_about["length"].search(sentence, q.end, q.end + 20):
            return True  # "a 56-km highway": a road's length
        if q.unit in ("days", "hours"):
            return bool(self._not_about["outage"].search(sentence, clause_start, q.start))
        return False

    def _measure(self, sentence: str, q: Quantity) -> str:
        if q.unit in _BY_UNIT:
            return _BY_UNIT[q.unit]
        clause_start = max((m.end() for m in _CLAUSE.finditer(sentence, 0, q.start)), default=0)
        window = sentence[clause_start : q.end + 20]
        if q.unit in _MONEY:
            return "investment" if self._cues["investment"].search(window) else "other"
        if q.unit == "pct":  # a share ("80% of exports"), else a change ("grew by 6%")
            share = self._cues["share"].search(window) or re.match(r"\s+of\b|\s+от\b", sentence[q.end :])
            return "share" if share else "other"
        if self._cues["capacity"].search(window):
            return "capacity"
        if self._cues["target"].search(window):
            return "target"
        return "volume"

    def _add(self, figures, seen, article_id, feature_id, sentence: _Sentence, q: Quantity, published) -> None:
        measure = self._measure(sentence.text, q)
        # A sentence stating the same figure twice states it once ("would reach 1.1 Mt …: 'we will carry 1.1 Mt'").
        key = (feature_id, sentence.start, sentence.kind, q.unit, q.value, q.value_high, q.per, q.stated.lower())
        if key in seen:
            return
        seen.add(key)
        headline = sentence.kind == HEADLINE
        figures.append(
            Figure(
                feature_id=feature_id,
                article_id=article_id,
                value=q.value,
                value_high=q.value_high,
                bound=q.bound,
                unit=q.unit,
                per=q.per,
                measure=measure,
                period=period_of(sentence.text, q, published),
                stated=q.stated,
                excerpt=sentence.text,
                start=q.start if headline else sentence.start + q.start,
                end=q.end if headline else sentence.start + q.end,
                sentence_start=sentence.start,
                sentence_end=sentence.end,
                kind=sentence.kind,
            )
        )


def _cue_pattern(cue: str) -> str:
    """A cue matches at a word start; Cyrillic cues are stems ("мощност" finds "мощностью")."""
    body = r"\s+".join(map(re.escape, cue.split()))
    return rf"(?<!\w){body}" + ("" if not cue.isascii() or cue.endswith(" ") else r"(?!\w)")


def _owners(sentence: _Sentence, q: Quantity, kinds: dict[str, str]) -> list[str]:
    """The features a quantity is about: the group of features named nearest to it (before it on a
    tie), where names a few words apart ("Aktau and Kuryk") are one group. A name after "via",
    "through" or "than" counts only when no other is there ("shipped via Novorossiysk")."""
    named = sorted(sentence.named, key=lambda f: f[1])
    text = sentence.text
    groups: list[list[tuple[str, int, int]]] = []
    for item in named:
        if groups:
            last = groups[-1][-1]
            if item[1] < last[2] or _TOGETHER.fullmatch(text, last[2], item[1]):
                groups[-1].append(item)
                continue
        groups.append([item])
    colon = text.find(":", q.end)
    if colon >= 0 and all(start > colon for _f, start, _e in named):
        return []  # "deliveries rose by 18% to 3.4 Mt: via Dostyk by 10% …": a total, before the names

    def rank(n: int) -> tuple[int, int]:
        group = groups[n]
        start, end = group[0][1], max(e for _f, _s, e in group)
        before = [_PLACE_BEFORE.search(text[max(0, s - 30) : s]) for _f, s, _e in group]
        # A name after "than", or after "via"/"through" with another name before it and no figure between.
        compared = all(_THAN.search(text[max(0, s - 30) : s]) for _f, s, _e in group)
        placed = (
            n > 0 and all(before) and not _FIGURE_DIGIT.search(_YEAR_RE.sub("", text[groups[n - 1][-1][2] : start]))
        )
        penalty = PLACE_PENALTY if placed or compared else 0
        if end <= q.start:
            return q.start - end + penalty, 0
        if start >= q.end:  # a name after a comma starts another clause ("…, and via Khorgos by 37%")
            return start - q.end + penalty + (COMMA_PENALTY if "," in text[q.end : start] else 0), 1
        return penalty, 0

    if q.unit in ("count", "days", "hours") and all(_endpoint(text, group, q, kinds) for group in groups):
        return []  # "a train takes 12 days to Poti": the ports are where it goes; the route is not named here
    owners = groups[min(range(len(groups)), key=rank)]
    if q.unit == "km" and all(
        kinds.get(f) in _POINT_KINDS and _AWAY.search(text, q.end, s) for f, s, _e in owners if s > q.end
    ):
        return []  # "about 9 km from Kuryk": how far something is from a port
    near = min(abs(q.start - s) for _f, s, _e in owners)
    for other in _OTHER_ROUTE.finditer(text):
        # A port's name inside a named pipeline or railway ("the Atasu-Alashankou pipeline") is part of that route.
        inside = [f for f, s, e in named if s < other.end() and other.start() < e]
        if all(kinds.get(f) in _POINT_KINDS for f in inside) and abs(other.start() - q.end) < near:
            return []  # "2.5 Mt a year through the Atasu-Alashankou pipeline": a route not in the geodata
    return list(dict.fromkeys(f for f, _s, _e in owners))


def _endpoint(text: str, group: list[tuple[str, int, int]], q: Quantity, kinds: dict[str, str]) -> bool:
    """Is this group of names only where a train goes or comes from ("to Poti or Batumi", "from
    Altynkol"; for a time, "via Poti" too)? Only ports are: a route named after "via" is the route."""
    _f, start, _e = group[0]
    before = text[max(0, start - 30) : start]
    return all(kinds.get(f) in _POINT_KINDS for f, _s, _e in group) and bool(
        _ENDPOINT_BEFORE.search(before) or (q.unit in ("days", "hours") and _PLACE_BEFORE.search(before))
    )


def _opens_sentence(text: str, at: int) -> bool:
    """Does a sentence start at `at` (only spaces and opening quotes since the text's start or since
    a full stop)?"""
    i = at - 1
    while i >= 0 and (text[i].isspace() or text[i] in '"“'):
        i -= 1
    if i >= 0 and text[i] in '"”’' and i < at - 1:
        i -= 1
    return i < 0 or (text[i] in ".!?" and i < at - 1)


def _once(figures: list[Figure]) -> list[Figure]:
    """A headline repeating a figure of the text is one statement (the text's sentence is kept: it
    says more)."""
    body = {(f.feature_id, f.unit, f.value, f.value_high) for f in figures if f.kind != HEADLINE}
    return [f for f in figures if f.kind != HEADLINE or (f.feature_id, f.unit, f.value, f.value_high) not in body]


def period_of(sentence: str, q: Quantity, published: str | None = None) -> str | None:
    """The period nearest the quantity that the sentence states, as `2024`, `2024-H1`, `2024-Q3`,
    `2026-10` or `2025-01..2025-09`; "last year"/"this year" from the article's date."""
    clause_start = max((m.end() for m in _CLAUSE.finditer(sentence, 0, q.start)), default=0)
    after = _CLAUSE.search(sentence, q.end)
    clause_end = after.start() if after else len(sentence)
    found = [
        (start, end, value)
        for start, end, value in _periods_stated(sentence)
        if clause_start <= start and end <= clause_end and not (start < q.end and q.start < end)  # not "2,025 t"
    ]
    if published and len(published) >= 4 and published[:4].isdigit():
        year = int(published[:4])
        for m in _RELATIVE_YEAR.finditer(sentence, clause_start, clause_end):
            word = (m.group(1) or m.group(2)).lower()
            found.append((m.start(), m.end(), str(year - 1 if word in ("last", "past", "прошл") else year)))
    if not found:
        return None
    return min(found, key=lambda f: max(f[0] - q.end, q.start - f[1], 0))[2]


@functools.lru_cache(maxsize=64)
def _periods_stated(sentence: str) -> tuple[tuple[int, int, str], ...]:
    """Every period a sentence states, the most specific where they overlap (worked out once a
    sentence: its figures each look for the nearest)."""
    found: list[tuple[int, int, str]] = []
    for pattern, how in _PERIOD_RE:
        for m in pattern.finditer(sentence):
            if any(s <= m.start() and m.end() <= e for s, e, _ in found):
                continue  # a year inside a period already found
            value = _period_value(how, [g for g in m.groups() if g is not None])
            if value:
                found.append((m.start(), m.end(), value))
    return tuple(found)


def _month(word: str) -> int | None:
    word = word.lower()
    for name, number in _MONTHS.items():
        if word.startswith(name) and (len(name) > 2 or word in ("ма", "май", "мая", "мае")):
            return number
    return None


def _period_value(how: str, groups: list[str]) -> str | None:
    year = groups[-1]
    if how == "year":
        return year
    if how in ("half", "half_short"):
        first = groups[0].lower()
        return f"{year}-H{1 if first in ('first', '1st', 'перв', '1') else 2}"
    if how in ("quarter", "quarter_short"):
        first = groups[0].lower()
        return f"{year}-Q{_ORDINALS.get(first, first)}"
    if how == "months":
        word = groups[0].lower()
        count = int(word) if word.isdigit() else _NUMBER_MONTHS.get(word)
        return f"{year}-01..{year}-{count:02d}" if count and 1 <= count <= 12 else year
    if how == "month_range":
        first, last = _month(groups[0]), _month(groups[1])
        return f"{year}-{first:02d}..{year}-{last:02d}" if first and last and first < last else year
    if how == "month":
        month = _month(groups[0])
        return f"{year}-{month:02d}" if month else None
    return None
