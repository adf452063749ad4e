"""Which feature a sentence means without naming it: the words that refer to a feature of a kind ("the
port", "this pipeline", "its terminal"; in Russian the noun alone), "It" opening a sentence, and a
sentence opening on what is measured ("Grain traffic came to …"). `figures` asks, for each sentence
after a mention, whether it goes on about a feature and which (its own concern being whose figure a
quantity is)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

import ahocorasick_rs

from .figuretext import Article, Sentence
from .figurewords import Words, lower_in_place
from .sentences import first_word, opens_sentence

# A sentence right after one naming a single feature that opens on what is measured goes on about it; in an
# article naming one feature only, any such sentence does ("Of the total, maritime traffic accounted for …").
_SENTENCE_GAP = re.compile(r"[.!?][\"”’]?[\s\"“]+")  # a sentence's end and what stands before the next
TOPIC = re.compile(
    r"[\"“]?(?:(?:of|in|from)\s+(?:the|this|that)\s+total,\s*)?"
    r"(?:(?:daily|annual|monthly|average|overall|total|its|maritime|river|rail|grain|oil|container)\s+)?"
    r"(?:cargo\s+|freight\s+|container\s+)?"
    r"(?:turnover|throughput|capacity|traffic|transshipment|shipments|volumes?|loadings|handling)\b"
    r"|(?:(?:export|import|transit|dry|liquid|bulk|general|oil)\s+)?(?:cargo|freight|exports|imports)\b"
    r"|(?:Грузооборот|Объем|Объём|Мощность|Перевалка|Пропускная)",
    re.I,
)
# An English word referring to a feature needs one of these before it, up to four words back.
_DETERMINER = re.compile(r"\b(?:the|this|that|its)\s+(?:[\w$.,\-]+\s+){0,5}$")
# "a 224-kilometer railway from Kars …", "a 1,155-km cable": a route introduced by its length is the one the article
# is about, though "a" is not "the"
_LENGTH_BEFORE = re.compile(
    r"\b(?:a|an)\s+[\d.,]+(?:\s+|-)(?:kilomet(?:er|re)s?|km)(?:-long)?\s+(?:[\w\-]+\s+)?$", re.I
)
_NAME_WORD = re.compile(r"\b[A-Z]\w*")  # "the Atasu-Alashankou pipeline", "the Astara terminal": another one
# "the Port of Shanghai", "Rotterdam, the only port outside Asia": a port the geodata does not hold, named
_OF_NAME = re.compile(r"\s+of\s+(?:the\s+)?[A-Z]")
_NAME_BEFORE = re.compile(r"(?<![\w'’])[A-Z][\w'’\-]*,\s+$")
# "Stretching 1,511 km from Tengiz to Novorossiysk, the pipeline carries …": the name before the comma ends
# a participle's clause, and what follows is the sentence's subject, not the name's apposition.
_PARTICIPLE_OPENING = re.compile(r"[\"“]?[A-Z][a-z]+ing\s")
_CLAUSE_COMMA = re.compile(r",\s+")  # not the comma grouping a number's thousands
_SUBJECT_START = re.compile(r"(?:the\s+)?", re.I)
_PRONOUNS = ahocorasick_rs.AhoCorasick(
    ["It", "Its", "Он", "Она", "Его", "Её"],
    matchkind=ahocorasick_rs.MatchKind.LeftmostLongest,
    implementation=ahocorasick_rs.Implementation.DFA,
)
_MONTH_NAMES = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b"
# After words referring to a feature: another way ("the sea route around Africa") or a name of its own
# ("терминал Azertrans", "терминал «Саржа»"): something else.
_DESCRIBED_AFTER = re.compile(
    r"\s+(?:(?:across|around)\b|(?:at|in|of|near)\s+(?!" + _MONTH_NAMES + r")(?-i:[A-ZА-ЯЁ])"
    r"|[«\"“]|(?-i:[A-ZА-ЯЁ]))",
    re.I,
)
# "Atasu-Alaşankou neft kəməri", "Mahaçqala limanı": a word needing no article right after a name (and at most one
# word more) is that name's, another route or port (not «Каспийский магистральный нефтепровод»: the CPC's own)
_NAMED_JUST_BEFORE = re.compile(
    r"(?<![\w'’])(?-i:[A-ZА-ЯЁ])[\w'’]*([\-\u2013](?-i:[A-ZА-ЯЁ]))?[\w'’\-\u2013]*\s+(?:\w+\s+)?$"
)
_APPOSITION = re.compile(r"(?:\s+(?:port|seaport|terminal|порт))?\s*,\s*")


def subject_after_participle(sentence: str, at: int) -> bool:
    """Do the words at `at` open the main clause after a participle's ("Running 1,511 km from Tengiz to
    Novorossiysk, the pipeline …")? Then what the participle's clause states is theirs."""
    if not _PARTICIPLE_OPENING.match(sentence, first_word(sentence)):
        return False
    clause_end = _CLAUSE_COMMA.search(sentence)
    return clause_end is not None and bool(_SUBJECT_START.fullmatch(sentence, clause_end.end(), at))


class ReferringWords:
    """Built once from the extractor's words and the features' kinds (id -> kind)."""

    def __init__(self, words: Words, kinds: Mapping[str, str]) -> None:
        self.kinds = kinds
        # The words that refer to a feature of a kind ("the port"), found with one automaton: a stretch
        # of text with none of them (nor "It", nor a measure opening the sentence right after the
        # mention) refers to nothing, and is not split into sentences.
        # A word may also refer to a kind only when the article names nothing of its own kind ("the
        # pipeline" is the Baku-Supsa line's terminal when no pipeline is named).
        kinds_of: dict[str, set[str]] = {}
        otherwise_of: dict[str, set[str]] = {}
        for table, into in ((words.anaphors, kinds_of), (words.anaphors_otherwise, otherwise_of)):
            for kind, nouns in table.items():
                for noun in nouns:
                    into.setdefault(noun.lower(), set()).add(kind)
        self._nouns = sorted(kinds_of.keys() | otherwise_of.keys())
        self._with_article = [n.isascii() and n not in words.anaphors_without_article for n in self._nouns]
        self._noun_kinds = [(frozenset(kinds_of.get(n, ())), frozenset(otherwise_of.get(n, ()))) for n in self._nouns]
        self._referring_words = ahocorasick_rs.AhoCorasick(
            self._nouns,
            matchkind=ahocorasick_rs.MatchKind.LeftmostLongest,
            implementation=ahocorasick_rs.Implementation.DFA,  # the fastest to search (built once)
        )

    def also_referring(self, sentence: Sentence, named_before: list[str]) -> Sentence:
        """A sentence naming features, with the words in it that refer to another one named before
        ("Growth was held back by the pipeline's capacity of 50 Mt … from the port of Aktau": the BTC's)."""
        own = {f for f, _s, _e in sentence.named}
        extra = []
        text = sentence.text
        for start, end, (kinds, _otherwise) in self.words_referring(text):
            if (
                any(s < end and start < e for _f, s, e in sentence.named)
                or text.startswith(("its ", "Its "), start)
                or not text.startswith(("'s", "’s"), end)  # only a possessive: "the pipeline's capacity of 50 Mt"
            ):
                continue  # "its terminal": the sentence's own subject's
            if any(_APPOSITION.fullmatch(text, e, start) for _f, _s, e in sentence.named):
                continue  # "Poti port, the main port on the coast": the name itself
            found = next((f for f in reversed(named_before) if f not in own and self.kinds.get(f) in kinds), None)
            if found is not None:
                extra.append((found, start, end))
        if not extra:
            return sentence
        return Sentence(sentence.start, sentence.end, sentence.text, sentence.kind, sentence.named + extra)

    def cues(self, article: Article, topics: bool = False) -> list[int]:
        """Where words that may refer to a feature stand in an article's text (in the part read), and
        sentences opening on "It" (and, with `topics`, on what is measured: "Grain traffic came to …")."""
        text, lo, hi = article.text, article.lo, article.hi
        cues = [start for start, _end, _key in self._whole_words(article.lowered, lo, hi)]
        cues += [
            lo + s
            for _key, s, e in _PRONOUNS.find_matches_as_indexes(text[lo:hi])
            if (lo + e == len(text) or not (text[lo + e].isalnum() or text[lo + e] in "'’"))
            and opens_sentence(text, lo + s)
        ]
        if topics:
            # tried only where a sentence opens: searched for everywhere it cost ~1 ms an article
            openings = [lo, *(gap.end() for gap in _SENTENCE_GAP.finditer(text, lo, hi))]
            cues += [
                m.start() for at in openings if (m := TOPIC.match(text, at, hi)) and opens_sentence(text, m.start())
            ]
        return sorted(cues)

    def _whole_words(self, lowered: str, lo: int = 0, hi: int | None = None) -> list[tuple[int, int, int]]:
        """(start, end, key) of each word referring to a feature in lowered[lo:hi] (a text in lower
        case), found whole."""
        hi = len(lowered) if hi is None else hi
        return [
            (lo + s, lo + e, key)
            for key, s, e in self._referring_words.find_matches_as_indexes(lowered[lo:hi])
            if (lo + s == 0 or not lowered[lo + s - 1].isalnum())
            and (lo + e == len(lowered) or not lowered[lo + e].isalnum())
        ]

    def referent(self, sentence: str, recent: list[str]) -> tuple[str, int, int] | None:
        """The most recently named feature whose kind the sentence names ("the port" -> a port); "the
        project" when the article has named one feature only. With where those words stand."""
        found: dict[str, tuple[int, int]] = {}  # kind -> where it is first referred to
        otherwise: dict[str, tuple[int, int]] = {}
        for start, end, (kinds, other_kinds) in self.words_referring(sentence):
            for table, referred in ((found, kinds), (otherwise, other_kinds)):
                for kind in referred:
                    table.setdefault(kind, (start, end))
        for table in (found, otherwise):
            for feature_id in reversed(recent):
                where = table.get(self.kinds.get(feature_id, ""))
                if where is not None:
                    return feature_id, *where
        if len(recent) == 1 and "any" in found:
            return recent[0], *found["any"]
        return None

    def words_referring(self, sentence: str) -> Iterable[tuple[int, int, tuple[frozenset[str], frozenset[str]]]]:
        """("the port", "this pipeline", "its terminal"; in Russian or Azerbaijani the noun alone): start and end of
        the words, and the kinds they refer to (first, and when no feature of those is named)."""
        plain = lower_in_place(sentence)
        for start, end, key in self._whole_words(plain):
            if _DESCRIBED_AFTER.match(sentence, end):
                continue  # "the sea route around Africa", "терминал Azertrans": something else
            if self._with_article[key]:
                determiner = _DETERMINER.search(plain, max(0, start - 56), start) or _LENGTH_BEFORE.search(
                    plain, max(0, start - 56), start
                )
                if determiner is None or _NAME_WORD.search(sentence, plain.find(" ", determiner.start()), start):
                    continue
                if _OF_NAME.match(sentence, end) or (
                    (named := _NAME_BEFORE.search(sentence, 0, determiner.start()))
                    and named.start() > first_word(sentence)
                    and not subject_after_participle(sentence, determiner.start())
                ):
                    continue
                start = determiner.start()
            elif (named := _NAMED_JUST_BEFORE.search(sentence, max(0, start - 60), start)) and (
                named.group(1) or (named.start() > first_word(sentence) and named.group().isascii())
            ):
                continue  # a name of two ("Atasu-Alaşankou"), or a Latin one not opening the sentence
            yield start, end, self._noun_kinds[key]
