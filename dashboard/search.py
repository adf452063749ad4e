"""What a search query means, before any SQL: the words (all must match, in any order, stemmed by
the index's porter tokenizer), the names of routes and ports in it (which also find the articles
linked to them), and the bounds that keep a query's cost small whatever is typed.

A word is looked up as typed and folded (`textnorm.fold`: `Ələt` and `elet`), as the index's tokenizer
keeps letters such as `ə` and `ı` that `fold` maps: either form in a text is found by either in a
query. A name is looked up by every spelling of its feature (`Aqtau` finds a text saying `Aktau`,
the gazetteer's variants included), each spelling as its words in any order ("CPC terminal" finds
"CPC's Black Sea terminal"), and through the articles linked to the feature.

A query written in FTS5's own syntax (quotes, parentheses, AND/OR/NOT/NEAR in capitals) is passed
through as it is; one FTS5 cannot parse is read as plain words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from .textnorm import fold

MAX_TERMS = 16  # distinct words and names; a longer query uses its first ones and says so
MAX_QUERY_CHARS = 1000
_FTS_SYNTAX = re.compile(r'["()^:]|\b(?:AND|OR|NOT|NEAR)\b')
_OPERATORS = re.compile(r"\b(?:AND|OR|NOT|NEAR)\b")
_WORD = re.compile(r"\w+\*?")


@dataclass(frozen=True)
class Term:
    """One thing every hit must contain: a word (or prefix, `drone*`) or a name; a name also
    matches the articles linked to its features."""

    fts: str  # an FTS5 expression for this term alone
    feature_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class Plan:
    terms: tuple[Term, ...] = ()
    raw: str | None = None  # an FTS5 expression typed by the user, used as it is
    dropped: int = 0  # distinct terms left out by MAX_TERMS
    notes: tuple[str, ...] = field(default=())

    @property
    def empty(self) -> bool:
        return not self.terms and not self.raw

    def ranking_expression(self) -> str:
        """Any term, for ranking and snippets (the hits themselves need every term)."""
        return self.raw or " OR ".join(term.fts for term in self.terms)


def plan(query: str, names: dict[str, tuple[str, ...]], raw_allowed: bool = True) -> Plan:
    """The plan for `query`. `names` maps folded feature names, ids and aliases to feature ids."""
    notes = []
    if len(query) > MAX_QUERY_CHARS:  # cut between words, never inside one
        query = query[: MAX_QUERY_CHARS + 1].rsplit(None, 1)[0]
        notes.append(f"only the first {len(query)} characters were searched")
    query = query.strip()
    if raw_allowed and _FTS_SYNTAX.search(query) and len(_WORD.findall(query)) <= MAX_TERMS:
        return Plan(raw=query, notes=tuple(notes))
    # Read as words, FTS5's operators are not words to find ("pipeline OR" is "pipeline"; "AND" alone is "and").
    without_operators = _OPERATORS.sub(" ", query)
    if not raw_allowed and _WORD.search(without_operators):
        query = without_operators
    folded = fold(query)
    typed = {fold(word): word for word in _WORD.findall(query)}  # folded word -> as typed
    spellings: dict[tuple[str, ...], list[str]] = {}
    for name, ids in names.items():
        spellings.setdefault(ids, []).append(name)
    terms: list[Term] = []
    seen: set[str] = set()
    rest = folded
    for name in sorted(names, key=len, reverse=True):  # longest first: "CPC terminal" before "CPC"
        if name not in rest:
            continue  # most names: no pattern compiled (there are too many for `re`'s cache)
        pattern = re.compile(rf"(?<!\w){re.escape(name)}(?!\w)")
        if pattern.search(rest):
            rest = pattern.sub(" ", rest)
            if name not in seen:
                seen.add(name)
                forms = [*spellings[names[name]], " ".join(typed.get(w, w) for w in _WORD.findall(name))]
                terms.append(Term(" OR ".join(dict.fromkeys(_all_words(form) for form in forms)), names[name]))
    for word in _WORD.findall(rest):
        if word not in seen:
            seen.add(word)
            star = " *" if word.endswith("*") else ""
            forms = dict.fromkeys((word.rstrip("*"), typed.get(word, word).rstrip("*")))
            terms.append(Term(" OR ".join(_phrase(form) + star for form in forms)))
    dropped = max(0, len(terms) - MAX_TERMS)
    if dropped:
        notes.append(f"only the first {MAX_TERMS} of {len(terms)} different words were searched")
    return Plan(tuple(terms[:MAX_TERMS]), dropped=dropped, notes=tuple(notes))


def _phrase(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _all_words(name: str) -> str:
    """Every word of a name, in any order: `("cpc" AND "terminal")`."""
    return "(" + " AND ".join(_phrase(word) for word in _WORD.findall(name)) + ")"


def name_table(features: Iterable) -> list[tuple[str, str]]:
    """(folded name, feature id) for each feature's id, name and aliases: what a query may name."""
    rows = set()
    for feature in features:
        for name in (feature.id, feature.name, *(alias.name for alias in feature.aliases)):
            folded = fold(name)
            if folded:
                rows.add((folded, feature.id))
    return sorted(rows)
