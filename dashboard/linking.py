"""Find each route and port in each article, and keep the sentence it stands in.

How a match is decided, in order:
1. One Aho-Corasick automaton holds every alias from the geodata (plus case variants of non-ASCII
   aliases), keyed on `textnorm.scan_form`, which has the same length as the text, so offsets found in
   it are offsets into the original. Runs of spaces are collapsed first when a text has any.
2. A hit counts only on word boundaries (a hyphen is a boundary; `Alatau` and `Alatı` are not `Alat`);
   case-sensitive aliases (acronyms) must match the original text exactly, up to dashes and spaces.
3. Overlapping hits: leftmost-longest wins (`Baku-Tbilisi-Ceyhan` is `btc`, not the `ceyhan` terminal).
4. Ambiguous aliases (`CPC`, `BTC`, town-named ports) face the feature's sense rule on their sentence:
   dropped when the sentence has a `reject` cue and no `confirm` cue (see geodata/SCHEMA.md).
5. Descriptions (an anchor word plus a pattern) catch routes named without an alias.
The sentence comes from a rule-based segmenter that knows abbreviations (`U.S.`, `D.C.`, `Dr.`),
decimals and quotes, run only on articles that have hits.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import ahocorasick_rs

from .gazetteer import Alias, Description, Feature, SenseRule
from .textnorm import fold, fold_chars, scan_form, squeeze

# Titles and initials never end a sentence ("Dr. Aliyev", "J. Smith").
TITLES = frozenset("mr mrs ms dr prof gen col lt sgt capt maj cmdr adm rep sen gov pres amb st jr sr rev fr mt".split())
# Other abbreviations end one only when a typical sentence opener follows ("in Washington, D.C. The …").
ABBREVIATIONS = frozenset(
    "inc ltd co corp plc llc bros dept univ assn est approx vs etc al cf fig no nos vol vols pp ed eds "
    "jan feb mar apr jun jul aug sep sept oct nov dec mon tue wed thu fri sat sun ft km kg mln bln".split()
)
SENTENCE_OPENERS = frozenset(
    "the a an it its this that these those he she they we i in on at as for but and however meanwhile "
    "after before while when since if yet still also moreover according".split()
)
OPENERS = "\"'\u201c\u2018(\\["
BULLETS = "\u2022\u25cf\u25aa\u2023\u2043*-"
_BOUNDARY = re.compile(
    r"(?P<end>[.!?\u2026]+[\"'\u201d\u2019)\]]*)\s+(?=[" + OPENERS + r"]?[A-Z\u0410-\u042f\u0401\u00c0-\u00de0-9])"
    r"|\n[ \t\u00a0]*\n\s*"  # a blank line ends a paragraph
    r"|\n(?=[ \t]*[\u2022\u25cf*\-] )"  # a bullet starts a new item
)
_DOTTED_ACRONYM = re.compile(r"^(?:[A-Za-z]\.){2,}$")
_LAST_TOKEN = re.compile(r"[^\s\"'\u201c\u2018(\[]*$")
_NEXT_WORD = re.compile(r"[\"'\u201c\u2018(\[]?([A-Za-z]+)")


@dataclass(frozen=True)
class Mention:
    article_id: str
    feature_id: str
    alias: str  # the geodata alias that matched (or a description's label)
    start: int  # sentence start in the article text
    end: int  # sentence end: text[start:end] == excerpt
    excerpt: str
    alias_start: int  # the match, relative to the excerpt: excerpt[alias_start:alias_end]
    alias_end: int

    @property
    def matched_text(self) -> str:
        return self.excerpt[self.alias_start : self.alias_end]


# --- sentences ----------------------------------------------------------------------------------


def sentence_starts(text: str) -> list[int]:
    """Offsets where sentences begin. Fast rules, tested against abbreviations, decimals and quotes."""
    starts = [0]
    for match in _BOUNDARY.finditer(text):
        punct = match.group("end")
        single_stop = punct is not None and punct.startswith(".") and len(punct.rstrip("\"'\u201d\u2019)]")) == 1
        if single_stop and not _ends_sentence(text, match.start(), match.end()):
            continue
        starts.append(match.end())
    return starts


def _ends_sentence(text: str, dot: int, after: int) -> bool:
    """Does the full stop at `dot` end a sentence, given the token before it and the word after?"""
    window = text[max(0, dot - 24) : dot + 1]
    token = _LAST_TOKEN.search(window).group()
    word = token[:-1].lower()
    if word in TITLES or (len(word) == 1 and word.isalpha()):
        return False
    if word in ABBREVIATIONS or _DOTTED_ACRONYM.match(token):
        following = _NEXT_WORD.match(text, after)
        return bool(following) and following.group(1).lower() in SENTENCE_OPENERS
    return True


def sentence_span(text: str, starts: list[int], begin: int, finish: int) -> tuple[int, int]:
    """The sentence(s) covering text[begin:finish], without surrounding whitespace."""
    first = bisect.bisect_right(starts, begin) - 1
    last = bisect.bisect_right(starts, max(begin, finish - 1)) - 1
    start = starts[first]
    end = starts[last + 1] if last + 1 < len(starts) else len(text)
    while start < begin and (
        text[start].isspace() or (text[start] in BULLETS and text[start + 1 : start + 2].isspace())
    ):
        start += 1
    while end > finish and text[end - 1].isspace():
        end -= 1
    return start, end


class _SentenceFinder:
    """`sentence_span(text, sentence_starts(text), begin, finish)`, scanning only near the hits.

    A boundary match never contains a letter or digit, so a scan started at one finds exactly the
    boundaries a scan of the whole text finds from there on. Spans must be asked for in order of
    `begin` (the linker's hits are sorted); a hit far past the last one starts a new window.
    """

    WINDOW = 256

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts: list[int] = []
        self.lo = -1  # the scan began at lo; starts holds every sentence start in [lo, where it got to)
        self._matches = None
        self._done = False

    def _restart(self, at: int) -> None:
        text = self.text
        lo = max(0, at)
        while lo > 0 and not text[lo].isalnum():
            lo -= 1
        self.lo = lo
        self.starts = [0] if lo == 0 else []
        self._matches = _BOUNDARY.finditer(text, lo)
        self._done = False

    def _advance(self) -> None:
        for match in self._matches:
            punct = match.group("end")
            single_stop = punct is not None and punct.startswith(".") and len(punct.rstrip("\"'\u201d\u2019)]")) == 1
            if single_stop and not _ends_sentence(self.text, match.start(), match.end()):
                continue
            self.starts.append(match.end())
            return
        self._done = True

    def span(self, begin: int, finish: int) -> tuple[int, int]:
        target = max(begin, finish - 1)
        if self.lo < 0 or (self.starts and self.starts[-1] < begin - self.WINDOW) or (not self.starts and self._done):
            self._restart(begin - self.WINDOW)
        while True:
            while not self._done and not (self.starts and self.starts[-1] > target):
                self._advance()
            first = bisect.bisect_right(self.starts, begin) - 1
            if first >= 0 or self.lo == 0:
                break
            self._restart(self.lo - 4 * self.WINDOW)  # the sentence began before the window: widen it
        return sentence_span(self.text, self.starts, begin, finish)


# --- cue words for sense rules ------------------------------------------------------------------


def _cue_pattern(cues: Iterable[str]) -> re.Pattern | None:
    parts = []
    for cue in cues:
        folded = fold(cue)
        if folded.endswith("*"):
            parts.append(re.escape(folded[:-1].rstrip()) + r"\w*")
        else:
            parts.append(re.escape(folded))
    if not parts:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(sorted(parts, key=len, reverse=True)) + r")(?!\w)")


def _edge_pattern(cues: Iterable[str], edge: str) -> re.Pattern | None:
    """Cues right before (`edge="before"`) or right after the alias, across spaces only."""
    pattern = _cue_pattern(cues)
    if pattern is None:
        return None
    body = pattern.pattern
    return re.compile(body + r"\s*$" if edge == "before" else r"^\s*" + body)


@dataclass(frozen=True)
class _Sense:
    reject: re.Pattern | None
    confirm: re.Pattern | None
    before: re.Pattern | None
    after: re.Pattern | None

    @classmethod
    def of(cls, rule: SenseRule) -> _Sense:
        return cls(
            _cue_pattern(rule.reject),
            _cue_pattern(rule.confirm),
            _edge_pattern(rule.before, "before"),
            _edge_pattern(rule.after, "after"),
        )

    def edges_accept(self, sentence: str, start: int, end: int) -> bool:
        """No `before` cue right before sentence[start:end] and no `after` cue right after it."""
        if self.before and self.before.search(fold(sentence[max(0, start - 40) : start]) + " "):
            return False
        return not (self.after and self.after.search(" " + fold(sentence[end : end + 40])))

    def accepts(self, sentence: str, start: int, end: int) -> bool:
        """Is the alias at sentence[start:end] used in the feature's sense?"""
        if not self.edges_accept(sentence, start, end):
            return False
        if self.reject is None:
            return True
        folded = fold(sentence)
        if not self.reject.search(folded):
            return True
        # A confirm cue inside a reject phrase ("Black Sea" in "Black Sea Fleet") confirms nothing.
        cleared = self.reject.sub(lambda m: " " * len(m.group()), folded)
        return bool(self.confirm and self.confirm.search(cleared))


# --- the linker ---------------------------------------------------------------------------------


def _case_variants(name: str, limit: int = 243) -> set[str]:
    """Spellings of a name in the casings the news uses, for letters `scan_form` cannot lower."""
    if name.isascii():
        return {name}
    words = re.split(r"([\s\-\u2010-\u2015]+)", name)
    options = [
        (w, w.lower(), w.upper(), w[:1].upper() + w[1:].lower()) if i % 2 == 0 else (w,) for i, w in enumerate(words)
    ]
    variants = {name, name.lower(), name.upper()}
    for combo in itertools.islice(itertools.product(*options), limit):
        variants.add("".join(combo))
    return variants


def _cs_form(text: str) -> str:
    """Case-preserving comparison form: dashes, quotes, spaces and diacritics folded."""
    return re.sub(r"\s*-\s*", "-", re.sub(r"\s+", " ", fold_chars(text)))


class Linker:
    """Built once from the gazetteer's aliases; `link` is pure and thread-safe."""

    def __init__(self, features: Iterable[Feature]) -> None:
        features = list(features)
        self._aliases: list[Alias | Description] = []
        self._senses: dict[str, _Sense] = {f.id: _Sense.of(f.sense) for f in features}
        self._patterns: dict[int, re.Pattern] = {}
        self._excludes: dict[int, re.Pattern] = {}
        self._description_labels = {d.label for f in features for d in f.descriptions}
        keys: dict[str, list[int]] = defaultdict(list)  # scan-form spelling -> alias indexes
        for feature in features:
            for alias in feature.aliases:
                index = len(self._aliases)
                self._aliases.append(alias)
                spellings = {alias.name} if alias.case_sensitive else _case_variants(alias.name)
                for spelling in spellings:
                    keys[squeeze(scan_form(spelling))[0]].append(index)
            for description in feature.descriptions:
                index = len(self._aliases)
                self._aliases.append(description)
                self._patterns[index] = re.compile(description.pattern, re.IGNORECASE)
                if description.exclude:
                    self._excludes[index] = re.compile(description.exclude, re.IGNORECASE)
                for spelling in _case_variants(description.anchor):
                    keys[scan_form(spelling)].append(index)
        self._entries = [tuple(dict.fromkeys(indexes)) for indexes in keys.values()]
        self._stems = {i for i, a in enumerate(self._aliases) if getattr(a, "stem", False)}
        # Every match, overlapping ones too (leftmost-longest is decided after the boundary checks).
        self._automaton = (
            ahocorasick_rs.AhoCorasick(list(keys), matchkind=ahocorasick_rs.MatchKind.Standard) if keys else None
        )
        self._empty = not keys
        self._cs_names = {
            i: _cs_form(a.name) for i, a in enumerate(self._aliases) if isinstance(a, Alias) and a.case_sensitive
        }

    def link(self, article_id: str, text: str) -> list[Mention]:
        if self._empty or not text:
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
        sentences = _SentenceFinder(text)
        mentions: list[Mention] = []
        taken_end = -1
        for begin, finish, index in self._verified(text, hits):
            if begin < taken_end:
                continue
            alias = self._aliases[index]
            s_start, s_end = sentences.span(begin, finish)
            sentence = text[s_start:s_end]
            if isinstance(alias, Description):
                found = self._patterns[index].search(sentence)
                excluded = self._excludes.get(index)
                sense = self._senses[alias.feature_id]
                if (
                    not found
                    or (excluded and excluded.search(found.group()))
                    or not sense.edges_accept(sentence, begin - s_start, finish - s_start)
                ):
                    continue
                begin, finish = s_start + found.start(), s_start + found.end()
                label = alias.label
            else:
                if alias.ambiguous and not self._senses[alias.feature_id].accepts(
                    sentence, begin - s_start, finish - s_start
                ):
                    continue
                label = alias.name
            taken_end = finish
            mentions.append(
                Mention(
                    article_id, alias.feature_id, label, s_start, s_end, sentence, begin - s_start, finish - s_start
                )
            )
        return self._without_redundant_descriptions(mentions)

    def _without_redundant_descriptions(self, mentions: list[Mention]) -> list[Mention]:
        """A description adds nothing in a sentence that already names the feature."""
        named = {(m.feature_id, m.start) for m in mentions if m.alias not in self._description_labels}
        return [m for m in mentions if m.alias not in self._description_labels or (m.feature_id, m.start) not in named]

    def _hits(self, scan: str) -> list[tuple[int, int, int]]:
        """Matches on word boundaries, as (start, end, alias index); offsets are characters."""
        hits = []
        length = len(scan)
        for key, start, end in self._automaton.find_matches_as_indexes(scan, overlapping=True):
            if start > 0 and scan[start - 1].isalnum():
                continue
            joined_after = end < length and scan[end].isalnum()
            for index in self._entries[key]:
                if not joined_after or index in self._stems:
                    hits.append((start, end, index))
        return hits

    def _verified(self, text: str, hits):
        """Case-checked hits in leftmost-longest order (stems extended to the end of their word)."""
        result = []
        for begin, finish, index in hits:
            alias = self._aliases[index]
            if isinstance(alias, Alias):
                if alias.case_sensitive and _cs_form(text[begin:finish]) != self._cs_names[index]:
                    continue
                if alias.stem:
                    while finish < len(text) and text[finish].isalnum():
                        finish += 1
            result.append((begin, finish, index))
        # Real aliases win over description anchors that start at the same place.
        result.sort(key=lambda h: (h[0], -(h[1] - h[0]), isinstance(self._aliases[h[2]], Description)))
        return result


def link_articles(linker: Linker, articles) -> list[Mention]:
    return [mention for article in articles for mention in linker.link(article.id, article.text)]
