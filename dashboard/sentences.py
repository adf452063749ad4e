"""The project's one sentence splitter: fast rules that know abbreviations (`U.S.`, `D.C.`, `Dr.`),
initials, decimals, quotes, bullets and blank lines.

- `sentence_starts(text)`: every sentence start of a text (the whole-text form).
- `first_sentence(text)`: the first sentence (titles derived from an entry's text, sample sentences).
- `SentenceFinder(text).span(begin, finish)`: the sentence around a match, scanning only near the
  matches (the linker asks for thousands of spans per second), in time linear in the text's length
  whatever its shape: one 5 MB sentence costs one pass, not a pass per match.
"""

from __future__ import annotations

import bisect
import re

# Titles and initials never end a sentence ("Dr. Aliyev", "J. Smith").
TITLES = frozenset("mr mrs ms dr prof gen col lt sgt capt maj cmdr adm rep sen gov pres amb st jr sr rev fr mt".split())
# Other abbreviations end one only when a typical sentence opener follows ("in Washington, D.C. The …").
ABBREVIATIONS = frozenset(
    "inc ltd co corp plc llc bros dept univ assn est approx vs etc al cf fig no nos vol vols pp ed eds "
    "jan feb mar apr jun jul aug sep sept oct nov dec mon tue wed thu fri sat sun ft km kg mln bln "
    "тыс млн млрд трлн долл руб".split()  # "23,8 тыс. ДФЭ": a scale, not a sentence's end
)
SENTENCE_OPENERS = frozenset(
    "the a an it its this that these those he she they we i in on at as for but and however meanwhile "
    "after before while when since if yet still also moreover according".split()
)
OPENERS = "\"'\u201c\u2018\u00ab\u201e(\\["
BULLETS = "\u2022\u25cf\u25aa\u2023\u2043*-"
# A run of end marks is tried once, from its first mark, and never given back (`(?<!…)`, `++`): a
# run of 80,000 dots is one failed attempt, not one per dot (quadratic).
_BOUNDARY = re.compile(
    r"(?<![.!?\u2026])(?P<end>[.!?\u2026]++[\"'\u201d\u2019\u00bb)\]]*)\s+(?=["
    + OPENERS
    + r"]?[A-Z\u0410-\u042f\u0401\u00c0-\u00de0-9])"
    r"|\n[ \t\u00a0]*\n\s*"  # a blank line ends a paragraph
    r"|\n(?=[ \t]*[\u2022\u25cf*\-] )"  # a bullet starts a new item
)
_DOTTED_ACRONYM = re.compile(r"^(?:[A-Za-z]\.){2,}$")
_LAST_TOKEN = re.compile(r"[^\s\"'\u201c\u2018(\[]*$")
_NEXT_WORD = re.compile(r"[\"'\u201c\u2018(\[]?([A-Za-z]+)")


def _is_start(text: str, match: re.Match) -> bool:
    """Does this boundary match start a sentence (a single full stop may be an abbreviation's)?"""
    punct = match.group("end")
    single_stop = punct is not None and punct.startswith(".") and len(punct.rstrip("\"'\u201d\u2019)]")) == 1
    return not single_stop or _ends_sentence(text, match.start(), match.end())


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


def sentence_starts(text: str) -> list[int]:
    """Offsets where sentences begin."""
    return [0] + [m.end() for m in _BOUNDARY.finditer(text) if _is_start(text, m)]


def first_sentence(text: str) -> str:
    """The first sentence of a text, without surrounding whitespace."""
    text = text.strip()
    for match in _BOUNDARY.finditer(text):
        if _is_start(text, match):
            return text[: match.end()].strip()
    return text


def sentence_span(text: str, starts: list[int], begin: int, finish: int) -> tuple[int, int]:
    """The sentence(s) covering text[begin:finish], without surrounding whitespace or a leading bullet."""
    first = bisect.bisect_right(starts, begin) - 1
    last = bisect.bisect_right(starts, max(begin, finish - 1)) - 1
    start = starts[first]
    end = starts[last + 1] if last + 1 < len(starts) else len(text)
    return _trim(text, start, end, begin, finish)


def _trim(text: str, start: int, end: int, begin: int, finish: int) -> tuple[int, int]:
    while start < begin and (
        text[start].isspace() or (text[start] in BULLETS and text[start + 1 : start + 2].isspace())
    ):
        start += 1
    while end > finish and text[end - 1].isspace():
        end -= 1
    return start, end


class SentenceFinder:
    """`sentence_span(text, sentence_starts(text), begin, finish)`, scanning only near the matches.

    A boundary match never contains a letter or digit, so a scan started just after one (or at a
    letter) finds exactly the boundaries a scan of the whole text finds from there on. The finder keeps
    one scanned stretch `[lo, hi)` whose sentence starts are all known; spans are asked for in order of
    `begin`. The stretch grows forward to each match; a match far past it starts a new stretch (the gap
    is never scanned unless a sentence crosses it), and a sentence that began before the stretch is found
    by scanning backwards in growing steps, each step only over text not scanned yet.
    """

    WINDOW = 256
    GAP = 256  # a match this far past the scanned stretch starts a new one

    def __init__(self, text: str) -> None:
        self.text = text
        self.lo = self.hi = 0
        self.starts: list[int] = [0]  # the known sentence starts in [lo, hi]
        self._scanner = _BOUNDARY.finditer(text)
        # The stretch before the current one: (its end, its last sentence start or None, its start).
        self._previous: tuple[int, int | None, int] | None = None

    def span(self, begin: int, finish: int) -> tuple[int, int]:
        text = self.text
        target = max(begin, finish - 1)
        if begin > self.hi + self.GAP:
            self._jump(begin - self.WINDOW)
        while self.hi < len(text) and not (self.starts and self.starts[-1] > target):
            self._advance()
        first = bisect.bisect_right(self.starts, begin) - 1
        if first < 0:
            self._widen_back(begin)
            first = bisect.bisect_right(self.starts, begin) - 1
        last = bisect.bisect_right(self.starts, target) - 1
        start = self.starts[first]
        end = self.starts[last + 1] if last + 1 < len(self.starts) else len(text)
        return _trim(text, start, end, begin, finish)

    def _advance(self) -> None:
        for match in self._scanner:
            self.hi = match.end()
            if _is_start(self.text, match):
                self.starts.append(match.end())
                return
        self.hi = len(self.text)

    def _jump(self, at: int) -> None:
        """Start a new stretch at a letter at or before `at`, remembering the old one."""
        text = self.text
        lo = at
        while lo > self.hi and not text[lo].isalnum():
            lo -= 1
        self._previous = (self.hi, self.starts[-1] if self.starts else None, self.lo)
        self.lo = self.hi = lo
        self.starts = []
        self._scanner = _BOUNDARY.finditer(text, lo)

    def _widen_back(self, begin: int) -> None:
        """Scan backwards from `lo` (doubling steps) until a sentence start at or before `begin` is known."""
        step = self.WINDOW
        while not self.starts or self.starts[0] > begin:
            floor, last_start, previous_lo = self._previous or (0, None, 0)
            if self.lo <= floor:  # reached the previous stretch: its last start, or keep going before it
                if last_start is not None or floor == 0:
                    self.starts.insert(0, last_start if last_start is not None else 0)
                    return
                self.lo, self._previous = previous_lo, None
                continue
            lo = max(floor, self.lo - step)
            while lo > floor and not self.text[lo].isalnum():
                lo -= 1
            found = []
            # A boundary before `self.lo` (a letter) ends at it at the latest; its lookahead needs 2 more.
            for match in _BOUNDARY.finditer(self.text, lo, self.lo + 2):
                if match.start() >= self.lo:
                    break
                if _is_start(self.text, match):
                    found.append(match.end())
            if lo == 0:
                found.insert(0, 0)
            self.starts[:0] = found
            self.lo = lo
            step *= 2


# --- positions in a text, without splitting it (the figure extractor reads around its numbers) -----

SENTENCE_END = re.compile(r"[.!?…]\s|\n")  # where a sentence may end
_NOT_SPACE = re.compile(r"\S")


def written_inside(text: str, word: str) -> bool:
    """Does `word` stand whole in the text after a letter (and maybe a comma) and spaces?"""
    at = text.find(word, 1)
    while at > 0:
        end = at + len(word)
        if text[at - 1].isspace() and (end == len(text) or not text[end].isalnum()):
            i = at - 1
            while i > 0 and text[i].isspace():
                i -= 1
            i -= text[i] in ",;"
            if i >= 0 and text[i].isalpha():
                return True
        at = text.find(word, at + 1)
    return False


def holds_nothing_until(text: str, at: int, cue: int, numbers: list[int]) -> bool:
    """Does the sentence starting at `at` hold no number and no word referring to a feature (the next
    of them is at `cue`)? Told without splitting it out: a full stop before its next number and cue."""
    ends = SENTENCE_END.search(text, at, min(cue, len(text)))
    if ends is None:
        return False
    later = bisect.bisect_left(numbers, at)
    return later == len(numbers) or numbers[later] > ends.start()


def next_start(text: str, at: int, reach: int) -> int:
    """Where the next sentence starts after `at` (its first character that is not a space)."""
    found = _NOT_SPACE.search(text, at, reach)
    return found.start() if found else reach


def first_word(sentence: str) -> int:
    """Where a sentence's first word starts (after opening quotes and dashes)."""
    return len(sentence) - len(sentence.lstrip(" \"“«'‘-–—"))


def opens_sentence(text: str, at: int) -> bool:
    """Does a sentence start at `at` (only spaces and opening quotes since the text's start or since
    a full stop)?"""
    i = at - 1
    while i >= 0 and (text[i].isspace() or text[i] in '"“'):
        i -= 1
    if i >= 0 and text[i] in '"”’' and i < at - 1:
        i -= 1
    return i < 0 or (text[i] in ".!?" and i < at - 1)
