"""Find each route and port in each article, and keep the sentence (or headline) it stands in.

How a match is decided, in order:
1. One Aho-Corasick automaton holds every alias from the geodata (plus case variants of non-ASCII
   aliases), keyed on `textnorm.scan_form`, which has the same length as the text, so offsets found
   in it are offsets into the original. Runs of spaces and invisible characters are squeezed out first.
2. A hit counts only on word boundaries (a hyphen is a boundary; `Alatau` and `Alatı` are not `Alat`);
   case-sensitive aliases (acronyms) must match the original text exactly, up to dashes and spaces.
3. Overlapping hits: leftmost-longest wins (`Baku-Tbilisi-Ceyhan` is `btc`, not the `ceyhan` terminal).
4. Ambiguous aliases (`CPC`, `BTC`, town-named ports) are decided by `senses`: from their sentence, and
   where the sentence cannot tell, from the whole article (see geodata/SCHEMA.md, "Sense rules"). A town's
   name opening a line as the dateline ("AKTAU. KAZINFORM –", "Poti, 12 March") is the town, never the port.
5. Descriptions (an anchor word plus a pattern) catch routes named without an alias.
The article's title is linked too: a feature named in the headline is a mention whose excerpt is the
headline (`kind="headline"`). Sentences come from `sentences.SentenceFinder`, linear in the text.
"""

from __future__ import annotations

import bisect
import dataclasses
import difflib
import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import ahocorasick_rs

from .features import Alias, Description, Feature, SenseRule
from .senses import (
    NO_CUES,
    WEIGHT_TITLE,
    Counts,
    SenseModel,
    article_verdict,
    sentence_counts,
    sentence_verdict,
)
from .sentences import SentenceFinder
from .textnorm import fold, fold_chars, is_cjk, scan_form, squeeze, strip_invisible, unmix_scripts

if TYPE_CHECKING:
    from .corrections import Corrections

SENTENCE = "sentence"
HEADLINE = "headline"
LONG_SENTENCE = 1200  # a "sentence" longer than this is cut to EXCERPT_REACH characters around its alias
EXCERPT_REACH = 500
DESCRIPTION_REACH = 300  # a description's pattern is tried this far either side of its anchor
# An abbreviation the article gives a name, in brackets right after it: "(АММТП)", "(AISTP)"
_BRACKETED = re.compile(r"\s*\(([A-ZА-ЯЁ][A-ZА-ЯЁ0-9]{1,7})\)")
_LETTERS = re.compile(r"[^\W\d_]+")  # words, split at hyphens and dashes ("Central Asia–China": C, A, C)
_LINKING_WORDS = frozenset(("of", "the", "and", "for", "on", "in", "de", "и", "по"))
# What follows a town's name that opens a line as the story's dateline: "AKTAU. KAZINFORM –", "TURKMENBASHI:",
# "Turkmenbashi, Turkmenistan, May 3", "Poti, 12 March", "Aktau (Reuters) -". The town is where the story was
# filed from, not the port.
_DATELINE_CAPS = re.compile(r"(?:[.,:]|\s+[-–—]|\s*\()")
_DATELINE = re.compile(
    r"(?:,\s+[A-Z][\w ]{2,30})?(?:,\s+(?:\d{1,2}\s+(?:[A-Z][a-z]{2,8}|[а-я]{3,8}[ая])|[A-Z][a-z]{2,8}\.?\s+\d{1,2})\b"
    r"|\s*\((?:Reuters|AFP|AP|Xinhua|TASS|Trend|Kazinform|Qazinform|Interfax|APA|Report|Sputnik|Anadolu)\))"
)
ADDED_BY_ANALYST = "added by an analyst"  # the alias of a mention an analyst's "add" stands for


@dataclass(frozen=True)
class Mention:
    article_id: str
    feature_id: str
    alias: str  # the geodata alias that matched (or a description's label)
    start: int  # sentence start in the article text (-1 for a headline)
    end: int  # sentence end: text[start:end] == excerpt (-1 for a headline)
    excerpt: str  # the sentence, or the article's title when kind == "headline"
    alias_start: int  # the match, relative to the excerpt: excerpt[alias_start:alias_end]
    alias_end: int
    kind: str = SENTENCE  # "sentence" or "headline"

    @property
    def matched_text(self) -> str:
        return self.excerpt[self.alias_start : self.alias_end]


@dataclass(slots=True)
class _Candidate:
    """A match with its sentence, before ambiguous senses are decided."""

    begin: int
    finish: int
    index: int
    s_start: int
    s_end: int
    kind: str
    verdict: bool | None = True  # None: the whole article decides
    counts: Counts = NO_CUES


class _Text:
    """The headline or the body, with where names stand in it (found once, used by the cue counts)."""

    def __init__(self, text: str, kind: str) -> None:
        self.text = text
        self.kind = kind
        self.names: list[tuple[int, int, int]] = []  # (begin, finish, alias index), in text order
        self._cue_text: str | None = None
        self.other_senses: Counter[str] = Counter()  # feature id -> names an edge cue gave another sense

    def cue_text(self) -> str:
        """The text with every name blanked: `Green Energy Corridor` is no evidence of `energy`."""
        if self._cue_text is None:
            pieces, last = [], 0
            for begin, finish, _ in self.names:
                if begin >= last:
                    pieces += [self.text[last:begin], " " * (finish - begin)]
                    last = finish
                elif finish > last:
                    pieces.append(" " * (finish - last))
                    last = finish
            pieces.append(self.text[last:])
            self._cue_text = unmix_scripts("".join(pieces))  # "pоrty" with a Cyrillic о is the cue "porty"
        return self._cue_text


# --- the linker ---------------------------------------------------------------------------------


def _case_variants(name: str, limit: int = 243) -> set[str]:
    """Spellings of a name in the casings the news uses, for letters `scan_form` cannot lower."""
    if name.isascii():
        return {name}
    words = re.split(r"([\s\-\u2010-\u2015]+)", name)
    options = [
        tuple(dict.fromkeys((w, w.lower(), w.upper(), w[:1].upper() + w[1:].lower()))) if i % 2 == 0 else (w,)
        for i, w in enumerate(words)
    ]
    # as written, in lower and upper case, and opening a sentence (a long name's combinations run past `limit`)
    variants = {name, name.lower(), name.upper(), name[:1].upper() + name[1:]}
    for combo in itertools.islice(itertools.product(*options), limit):
        variants.add("".join(combo))
    return variants


def _cs_form(text: str) -> str:
    """Case-preserving comparison form: dashes, quotes, spaces, diacritics and invisibles folded."""
    return re.sub(r"\s*-\s*", "-", re.sub(r"\s+", " ", fold_chars(strip_invisible(text))))


def _sense_of(feature: Feature) -> SenseModel:
    """The feature's parsed sense rules, compiled (never its raw properties: what the linker reads is
    what the change signature covers)."""
    return SenseModel.of({k: list(v) for k, v in dataclasses.asdict(feature.sense).items()})


def _excerpt_bounds(text: str, s_start: int, s_end: int, begin: int, finish: int) -> tuple[int, int]:
    """A sentence longer than LONG_SENTENCE is cut to about EXCERPT_REACH characters around the match,
    on spaces where there are any: an excerpt is for reading, and a 5 MB one would cost 5 MB a match."""
    low, high = max(s_start, begin - EXCERPT_REACH), min(s_end, finish + EXCERPT_REACH)
    space = text.find(" ", low, begin)
    low = space + 1 if low > s_start and space >= 0 else low
    space = text.rfind(" ", finish, high)
    high = space if high < s_end and space >= 0 else high
    return low, high


class Linker:
    """Built once from the gazetteer's aliases; `link` is pure and thread-safe."""

    def __init__(self, features: Iterable[Feature]) -> None:
        features = list(features)
        self._aliases: list[Alias | Description] = []
        self._senses: dict[str, SenseModel] = {f.id: _sense_of(f) for f in features}
        self._patterns: dict[int, re.Pattern] = {}
        self._excludes: dict[int, re.Pattern] = {}
        self._unless: dict[int, re.Pattern] = {}  # alias index -> what in its sentence makes it another thing
        self._in_article: dict[int, re.Pattern] = {}  # a description's owner, named anywhere in the article
        self._description_labels = {d.label for f in features for d in f.descriptions}
        keys: dict[str, list[int]] = defaultdict(list)  # scan-form spelling -> alias indexes
        for feature in features:
            for alias in feature.aliases:
                index = len(self._aliases)
                self._aliases.append(alias)
                if alias.unless:
                    self._unless[index] = re.compile(alias.unless, re.IGNORECASE)
                spellings = {alias.name} if alias.case_sensitive else _case_variants(alias.name)
                for spelling in spellings:
                    keys[squeeze(scan_form(spelling))[0]].append(index)
            for description in feature.descriptions:
                index = len(self._aliases)
                self._aliases.append(description)
                self._patterns[index] = re.compile(description.pattern, re.IGNORECASE)
                if description.exclude:
                    self._excludes[index] = re.compile(description.exclude, re.IGNORECASE)
                if description.article:
                    self._in_article[index] = re.compile(description.article)
                for spelling in _case_variants(description.anchor):
                    keys[scan_form(spelling)].append(index)
        self._entries = [tuple(dict.fromkeys(indexes)) for indexes in keys.values()]
        self._stems = {i for i, a in enumerate(self._aliases) if getattr(a, "stem", False)}
        # the case endings a name may carry written onto it, in the scan form ("Batumidən", «Ақтауға»)
        scanned = {e: frozenset(map(scan_form, e)) for e in {getattr(a, "endings", ()) for a in self._aliases} if e}
        self._endings = {i: scanned[a.endings] for i, a in enumerate(self._aliases) if getattr(a, "endings", ())}
        # Aliases decided by the rest of the article after their sense: former names, and ambiguous
        # ones whose feature `requires` place words.
        self._conditional = [
            isinstance(a, Alias) and (a.historical or (a.ambiguous and self._senses[a.feature_id].requires is not None))
            for a in self._aliases
        ]
        # Ambiguous place names count only capitalised: a lower-case "alat" is a common word. A `proper`
        # alias written in lower case ("the middle corridor of the hall") is judged as an ambiguous one.
        # A script without capitals (Georgian ფოთი) has no lower-case common word to tell apart.
        self._capital_only = {
            i
            for i, a in enumerate(self._aliases)
            if isinstance(a, Alias) and a.ambiguous and not a.case_sensitive and a.name[:1].isupper()
        }
        self._proper = {i for i, a in enumerate(self._aliases) if isinstance(a, Alias) and a.proper}
        # Every match, overlapping ones too (leftmost-longest is decided after the boundary checks).
        self._automaton = (
            ahocorasick_rs.AhoCorasick(list(keys), matchkind=ahocorasick_rs.MatchKind.Standard) if keys else None
        )
        self._empty = not keys
        self._cs_names = {
            i: _cs_form(a.name) for i, a in enumerate(self._aliases) if isinstance(a, Alias) and a.case_sensitive
        }
        self._alias_names = {a.name.upper() for a in self._aliases if isinstance(a, Alias)}
        # each abbreviation an alias is -> the words of the names it abbreviates ("BTK" -> Baku Tbilisi Kars)
        self._spelt: dict[str, list[list[str]]] = defaultdict(list)
        for feature in features:
            names = [_content_words(a.name) for a in feature.aliases]
            for alias in feature.aliases:
                if alias.name.isupper() and alias.name.isalpha():
                    initials = alias.name.upper()
                    self._spelt[initials] += [w for w in names if "".join(x[0] for x in w).upper() == initials]

    def link(self, article_id: str, text: str, title: str | None = None) -> list[Mention]:
        """Mentions in `title` (pass it unless it was derived from the text) and in `text`, in order."""
        if self._empty:
            return []
        headline = _Text(title or "", HEADLINE)
        body = _Text(text or "", SENTENCE)
        candidates = self._candidates(body)
        if title:
            candidates = self._candidates(headline) + candidates
        self._reject_defined_otherwise(headline.text, body.text, candidates)
        if any(c.verdict is None for c in candidates):
            self._decide_from_article(candidates, headline, body)
        if any(c.verdict and self._conditional[c.index] for c in candidates):
            self._drop_unsupported(candidates, headline, body)
        mentions = []
        for c in candidates:
            if not c.verdict:
                continue
            owner = self._in_article.get(c.index)
            if owner is not None and not (owner.search(headline.text) or owner.search(body.text)):
                continue  # "на Морском терминале" in a story that never names the CPC
            source = headline.text if c.kind == HEADLINE else body.text
            alias = self._aliases[c.index]
            label = alias.label if isinstance(alias, Description) else alias.name
            start, end = (-1, -1) if c.kind == HEADLINE else (c.s_start, c.s_end)
            excerpt = source[c.s_start : c.s_end]
            mentions.append(
                Mention(
                    article_id,
                    alias.feature_id,
                    label,
                    start,
                    end,
                    excerpt,
                    c.begin - c.s_start,
                    c.finish - c.s_start,
                    c.kind,
                )
            )
        mentions += self._abbreviated(article_id, headline.text, body.text, mentions)
        mentions.sort(key=lambda m: (m.kind != HEADLINE, m.start, m.alias_start))
        return self._without_redundant_descriptions(mentions)

    def _reject_defined_otherwise(self, headline: str, text: str, candidates: list[_Candidate]) -> None:
        """An alias the article spells out as something else, in brackets after the words it abbreviates
        ("the Caspian Policy Center (CPC)", "the Central Asia–China (CAC) gas pipeline"), is that thing
        wherever the article writes it: not after a name of a feature, which would make it that feature's
        ("Caspian Pipeline Consortium (CPC)"). Only abbreviations the article matched are looked for."""
        written = {id(c): (headline if c.kind == HEADLINE else text)[c.begin : c.finish] for c in candidates}
        matched = {w for w in written.values() if w.isupper() and f"({w})" in text}
        if not matched:
            return  # most articles
        found: set[str] = set()
        named_until = {c.finish for c in candidates if c.kind == SENTENCE}  # where a name ends
        for abbreviation in matched:
            for bracket in re.finditer(re.escape(f"({abbreviation})"), text):
                words_end = bracket.start()
                while words_end > 0 and text[words_end - 1].isspace():
                    words_end -= 1
                if words_end in named_until:
                    continue  # "Caspian Pipeline Consortium (CPC)": the feature's own abbreviation
                words = _content_words(text[max(0, words_end - 80) : words_end])[-len(abbreviation) :]
                if "".join(w[0] for w in words).upper() == abbreviation.upper() and not any(
                    _resembles(words, name) for name in self._spelt[abbreviation.upper()]
                ):
                    found.add(abbreviation)
        for c in candidates:
            if written[id(c)] in found:
                c.verdict = False

    def _abbreviated(self, article_id: str, title: str, text: str, mentions: list[Mention]) -> list[Mention]:
        """The article's own abbreviation of a feature it names, bracketed right after the name
        ("Актауский международный морской торговый порт (АММТП)", "… Sea Trade Port (AISTP)"), found
        wherever else the article writes it. Not an abbreviation that is some alias already."""
        defined: dict[str, tuple[str, int]] = {}  # abbreviation -> (feature id, where its brackets end)
        for m in mentions:
            if m.kind != HEADLINE and (found := _BRACKETED.match(text, m.start + m.alias_end)):
                abbreviation = found.group(1)
                if abbreviation.upper() not in self._alias_names:
                    defined.setdefault(abbreviation, (m.feature_id, found.end()))
        if not defined:
            return []
        taken = {(m.kind, m.start + m.alias_start if m.kind != HEADLINE else m.alias_start) for m in mentions}
        added = []
        sentences = SentenceFinder(text)
        for abbreviation, (feature_id, defined_at) in defined.items():
            word = re.compile(rf"(?<![\w-]){re.escape(abbreviation)}(?![\w-])")
            for found in word.finditer(title):
                if (HEADLINE, found.start()) not in taken:
                    added.append(Mention(article_id, feature_id, abbreviation, -1, -1, title, *found.span(), HEADLINE))
            for found in word.finditer(text, defined_at):
                begin, finish = found.span()
                if (SENTENCE, begin) in taken:
                    continue
                s_start, s_end = sentences.span(begin, finish)
                if s_end - s_start > LONG_SENTENCE:
                    s_start, s_end = _excerpt_bounds(text, s_start, s_end, begin, finish)
                excerpt = text[s_start:s_end]
                added.append(
                    Mention(
                        article_id, feature_id, abbreviation, s_start, s_end, excerpt, begin - s_start, finish - s_start
                    )
                )
        return added

    def _candidates(self, source: _Text) -> list[_Candidate]:
        """Matches in one text with their sentences; unambiguous ones and those their sentence decides
        have their verdict, the others wait for the whole article."""
        text, kind = source.text, source.kind
        if not text:
            return []
        scan, breaks = squeeze(scan_form(text))
        hits = self._hits(scan)
        if not hits:
            return []
        if breaks:
            positions = [b[0] for b in breaks]

            def original(p: int) -> int:
                i = bisect.bisect_right(positions, p) - 1
                return p + (breaks[i][1] if i >= 0 else 0)

            hits = [(original(s), original(e - 1) + 1, i) for s, e, i in hits]
        verified = self._verified(text, hits)
        # names are blanked from the cue text; a description's anchor is a word of the text ("marine terminal",
        # "Nakhchivan") and stays evidence
        source.names = [hit for hit in verified if not isinstance(self._aliases[hit[2]], Description)]
        sentences = SentenceFinder(text) if kind == SENTENCE else None
        found: list[_Candidate] = []
        taken_end = -1
        for begin, finish, index in verified:
            if begin < taken_end:
                continue
            alias = self._aliases[index]
            sense = self._senses[alias.feature_id]
            if sentences is None:
                s_start, s_end = 0, len(text)
            else:
                s_start, s_end = sentences.span(begin, finish)
                if s_end - s_start > LONG_SENTENCE:
                    s_start, s_end = _excerpt_bounds(text, s_start, s_end, begin, finish)
            unless = self._unless.get(index)
            if unless is not None and unless.search(text, s_start, s_end):
                source.other_senses[alias.feature_id] += 1
                continue  # "the trans-Caspian route" as one of the North-South corridor's three
            candidate = _Candidate(begin, finish, index, s_start, s_end, kind)
            if isinstance(alias, Description):
                window_start = max(s_start, begin - DESCRIPTION_REACH)
                found_text = self._patterns[index].search(text, window_start, min(s_end, finish + DESCRIPTION_REACH))
                excluded = self._excludes.get(index)
                if (
                    not found_text
                    or (excluded and excluded.search(found_text.group()))
                    or sense.edges_reject(text, begin, finish)
                ):
                    continue
                # a pattern may mark the name within what it reads: "the ports of Aktau and (?P<name>Baku)"
                named = "name" in found_text.re.groupindex
                candidate.begin, candidate.finish = found_text.span("name") if named else found_text.span()
            elif alias.ambiguous or (index in self._proper and text[begin].islower()):
                if sense.edges_reject(text, begin, finish) or (kind == SENTENCE and _dateline(text, begin, finish)):
                    source.other_senses[alias.feature_id] += 1
                    continue
                folded = fold(source.cue_text()[s_start:s_end])
                # a headline is always weighed with its article: it needs its full counts
                candidate.counts = sense.count(folded) if kind == HEADLINE else sentence_counts(sense, folded)
                candidate.verdict = sentence_verdict(candidate.counts, kind == HEADLINE)
                if candidate.verdict is False:
                    continue
            taken_end = candidate.finish
            found.append(candidate)
        return found

    def _decide_from_article(self, candidates: list[_Candidate], headline: _Text, body: _Text) -> None:
        """Weigh the undecided matches against the whole article (see `senses`)."""
        named = Counter(
            self._aliases[c.index].feature_id
            for c in candidates
            if c.verdict and (isinstance(self._aliases[c.index], Description) or not self._aliases[c.index].ambiguous)
        )
        folded_title, folded_text = fold(headline.cue_text()), fold(body.cue_text())
        totals: dict[tuple[str, str], Counts] = {}

        def total(feature_id: str, kind: str) -> Counts:
            key = (feature_id, kind)
            if key not in totals:
                sense = self._senses[feature_id]
                in_text = sense.count(folded_text)
                in_title = sense.count(folded_title) if folded_title else Counts()
                totals[key] = in_text + in_title.scaled(WEIGHT_TITLE) if kind == SENTENCE else in_text
            return totals[key]

        for c in candidates:
            if c.verdict is not None:
                continue
            feature_id = self._aliases[c.index].feature_id
            sense = self._senses[feature_id]
            rest = total(feature_id, c.kind) - (c.counts if c.kind == SENTENCE else Counts())
            # one sense per article: a name an edge cue gave another sense ("the Khorgos river") weighs
            # against its bare repetitions as much as an unambiguous mention weighs for them
            other = headline.other_senses[feature_id] + body.other_senses[feature_id]
            support = named[feature_id] + sum(named[r] for r in sense.related) - other
            c.verdict = article_verdict(c.counts, rest, support, sense.confirm is not None)

    def _drop_unsupported(self, candidates: list[_Candidate], headline: _Text, body: _Text) -> None:
        """A former name counts only beside another name of the feature ("Turkmenbashi, formerly
        Krasnovodsk"); an ambiguous alias whose feature `requires` place words counts only in an article
        naming one of them, or the feature (or a related one) unambiguously: India's Green Energy
        Corridor is not the Black Sea one."""
        named = {
            self._aliases[c.index].feature_id
            for c in candidates
            if c.verdict and not self._conditional[c.index] and not getattr(self._aliases[c.index], "ambiguous", False)
        }
        current = {
            self._aliases[c.index].feature_id
            for c in candidates
            if c.verdict and not getattr(self._aliases[c.index], "historical", False)
        }
        places: dict[str, bool] = {}
        for c in candidates:
            if not c.verdict or not self._conditional[c.index]:
                continue
            alias = self._aliases[c.index]
            if alias.historical and alias.feature_id not in current:
                c.verdict = False
                continue
            sense = self._senses[alias.feature_id]
            if alias.ambiguous and sense.requires is not None:
                if alias.feature_id not in places:
                    supported = alias.feature_id in named or any(r in named for r in sense.related)
                    places[alias.feature_id] = supported or any(
                        sense.requires.search(fold(t.cue_text())) for t in (headline, body) if t.text
                    )
                c.verdict = places[alias.feature_id]

    def _without_redundant_descriptions(self, mentions: list[Mention]) -> list[Mention]:
        """A description adds nothing in a sentence that already names the feature."""
        named = {(m.feature_id, m.kind, m.start) for m in mentions if m.alias not in self._description_labels}
        return [
            m
            for m in mentions
            if m.alias not in self._description_labels or (m.feature_id, m.kind, m.start) not in named
        ]

    def _hits(self, scan: str) -> list[tuple[int, int, int]]:
        """Matches on word boundaries, as (start, end, alias index); offsets are characters."""
        hits = []
        length = len(scan)
        for key, start, end in self._automaton.find_matches_as_indexes(scan, overlapping=True):
            if start > 0 and scan[start - 1].isalnum() and not (is_cjk(scan[start - 1]) and is_cjk(scan[start])):
                continue
            joined_after = end < length and scan[end].isalnum() and not (is_cjk(scan[end]) and is_cjk(scan[end - 1]))
            tail = _word_rest(scan, end) if joined_after else ""
            for index in self._entries[key]:
                if not joined_after or index in self._stems or tail in self._endings.get(index, ()):
                    hits.append((start, end, index))
        return hits

    def _verified(self, text: str, hits):
        """Case-checked hits in leftmost-longest order (stems extended to the end of their word)."""
        result = []
        for begin, finish, index in hits:
            alias = self._aliases[index]
            if isinstance(alias, Alias):
                if index in self._capital_only and text[begin].islower():
                    continue
                if alias.case_sensitive and _cs_form(text[begin:finish]) != self._cs_names[index]:
                    continue
                if alias.stem or alias.endings:  # the ending the hit was allowed with is the name's
                    while finish < len(text) and text[finish].isalnum():
                        finish += 1
            result.append((begin, finish, index))
        # Real aliases win over description anchors that start at the same place.
        result.sort(key=lambda h: (h[0], -(h[1] - h[0]), isinstance(self._aliases[h[2]], Description)))
        return result


def _content_words(text: str) -> list[str]:
    """The words of a name that give its abbreviation letters (split at hyphens and dashes; not "of")."""
    return [w for w in _LETTERS.findall(text) if w.lower() not in _LINKING_WORDS]


def _resembles(words: list[str], name: list[str]) -> bool:
    """Is a spelt-out name the same as one of a feature's, misspelt at most ("Baku-Tblisi-Kars")?"""
    return len(words) == len(name) and all(
        difflib.SequenceMatcher(None, a.lower(), b.lower()).ratio() >= 0.75 for a, b in zip(words, name, strict=True)
    )


def _word_rest(scan: str, end: int) -> str:
    """The letters joined to a match up to the end of their word (the ending written onto a name)."""
    stop = end
    while stop < len(scan) and scan[stop].isalnum():
        stop += 1
    return scan[end:stop]


def _dateline(text: str, begin: int, finish: int) -> bool:
    """Whether the name at begin:finish opens its line as a dateline."""
    if text[text.rfind("\n", 0, begin) + 1 : begin].strip(" \t\"'«“"):
        return False
    name = text[begin:finish]
    if name.isupper() and len(name) > 3 and _DATELINE_CAPS.match(text, finish):
        return True
    return bool(_DATELINE.match(text, finish))


def link_article(linker: Linker, article) -> list[Mention]:
    """An article's mentions, its headline's included."""
    return linker.link(article.id, article.text, headline_of(article))


def headline_of(article) -> str | None:
    """The title the linker reads, or None when the title was made from the text (it would repeat
    the first sentence). Takes an `Article` or a page's article."""
    return None if article.title_derived else article.title


# --- the analysts' corrections (the file model is `corrections`) -------------------------------


def apply_corrections(
    article_id: str,
    title: str,
    text: str,
    mentions: list[Mention],
    corrections: Corrections,
    features_by_id: dict[str, Feature],
) -> list[Mention]:
    """The article's mentions after its corrections: rejected features dropped, added ones present.

    An added feature that the linker did not find gets one mention: the first sentence that names it
    by any alias (its sense rules set aside: the analyst has decided), else the headline (with the
    alias marked if it names it). Either way its alias reads ADDED_BY_ANALYST.
    """
    own = corrections.for_article(article_id)
    if not own:
        return mentions
    kept = [m for m in mentions if own.get(m.feature_id) is None or own[m.feature_id].action != "reject"]
    found = {m.feature_id for m in kept}
    for feature_id, correction in own.items():
        feature = features_by_id.get(feature_id)
        if correction.action == "add" and feature is not None and feature_id not in found:
            kept.append(added_mention(article_id, title, text, feature))
    return kept


def added_mention(article_id: str, title: str, text: str, feature: Feature) -> Mention:
    """The mention an analyst's "add" stands for (see `apply_corrections`)."""
    relaxed = dataclasses.replace(
        feature,
        aliases=tuple(dataclasses.replace(a, ambiguous=False) for a in feature.aliases),
        sense=SenseRule(),
    )
    linker = Linker([relaxed])
    named = linker.link(article_id, text) or linker.link(article_id, "", title)  # a sentence, else the headline
    if named:
        return dataclasses.replace(named[0], alias=ADDED_BY_ANALYST)
    return Mention(article_id, feature.id, ADDED_BY_ANALYST, -1, -1, title, 0, 0, HEADLINE)
