"""Which words of an article speak of a feature, for its event tags: the headline when it names the
feature, the sentences that name it, and the sentences that refer to it without its name ("the port",
"the terminal", "the pipeline": the feature of that kind named last before them, the headline counting
as named before the text). In a sentence that speaks of several features, an event goes to the features
referred to in its clause (a railway section rebuilt is not the ports' expansion); an event in a clause
that refers to none goes to all of them.
"""

from __future__ import annotations

import bisect
import datetime
import itertools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .events import TAGS, Tag, Vocabulary
from .periods import days_named
from .sentences import sentence_starts
from .textnorm import fold_chars

_OTHER_PLACE = re.compile(r"\s+(?:of|at|in)\s+(?:the\s+)?[A-Z\u0410-\u042f]")
NAME_GAP = 5  # a describing word this close before a name is part of it ("the port of Kuryk")


LEAD_SENTENCES = 6  # a dateline, and the two sentences a lead takes


@dataclass(frozen=True)
class _Reference:
    feature_id: str
    start: int  # within its sentence
    end: int
    describing: bool = False  # "the end point of the BTC pipeline": events go to the other features named


def link_tags(
    vocabulary: Vocabulary,
    title: str | None,
    text: str,
    mentions: Iterable,
    kinds: Mapping[str, str],
    published: str | None = None,
) -> dict[str, dict[str, Tag]]:
    """Feature id -> its tags (each with the first sentence that gave it), for every feature an
    article's `mentions` (the linker's, headline ones included) name. `kinds`: feature id -> kind.
    `published`: the article's date (ISO), if known: trouble on a day weeks before it is retold."""
    mentions = list(mentions)
    named_in_title = [m for m in mentions if m.kind == "headline"]
    by_sentence: dict[tuple[int, int], list[_Reference]] = {}
    for m in sorted(mentions, key=lambda m: (m.start, m.alias_start)):
        if m.kind != "headline":
            said = by_sentence.setdefault((m.start, m.end), [])
            # "the end point of the Baku-Tbilisi-Ceyhan (BTC) pipeline": the abbreviation describes too
            echo = _echoed(said, m.feature_id, m.alias_start)
            describing = vocabulary.describes(m.excerpt, m.alias_start, m.alias_end, kinds.get(m.feature_id, "")) or (
                echo and echo.describing
            )
            said.append(_Reference(m.feature_id, m.alias_start, m.alias_end, bool(describing)))
    tags: dict[str, dict[str, Tag]] = {m.feature_id: {} for m in mentions}
    lasting: dict[str, dict[str, Tag]] = {}  # the first trouble of each feature that a restart leaves standing
    text_years = vocabulary.years(text)
    year_offsets = [at for _, at in text_years]
    years = [y for y, _ in vocabulary.years(title or "")] + [y for y, _ in text_years]
    day = _day(published)
    # the article's latest year, or the year before it appeared ("opened in October 2017", in a story of
    # 2021 naming no other year; a review of 2023 published in January 2024 keeps its year's news)
    present = max([*years, day.year - 1] if day and years else years, default=0)
    when = (present, day)
    starts = sentence_starts(text) if text else []  # once: the headline's lead and the walk below both need them
    time_before: int | None = None  # the year the sentence before happened in, if it said (or inherited) one
    last: dict[str, str] = {}  # kind -> the feature of that kind named last
    first = _first_named(mentions, kinds)
    if title:
        refs = [
            _Reference(
                m.feature_id,
                m.alias_start,
                m.alias_end,
                vocabulary.describes(title, m.alias_start, m.alias_end, kinds.get(m.feature_id, "")),
            )
            for m in named_in_title
        ]
        refs = _headline_anaphora(vocabulary, title, refs, first)
        if not refs:  # a headline naming nothing is about what the lead names (in its first sentences)
            lead = min(by_sentence, default=None)
            if lead and len(starts) > LEAD_SENTENCES and lead[0] >= starts[LEAD_SENTENCES]:
                lead = None  # named only further on: the headline's news is not about it
            # unless it spells a lead feature's name in another sense ("Dostyk-Moyynty double track")
            elsewhere = {m.feature_id for m in mentions if m.kind != "headline" and m.matched_text in title}
            said = by_sentence[lead] if lead else []
            refs = [_Reference(r.feature_id, -1, -1) for r in said if r.feature_id not in elsewhere]
        else:
            _name(last, refs, kinds)
        if refs:
            _add(vocabulary, title, refs, kinds, (tags, lasting), when=when, headline=True)
    previous: list[_Reference] = []
    paragraph_end = recap_end = -1
    paragraph_ends = [m.start() for m in re.finditer(r"\n\n", text)] + [len(text)]
    folded = fold_chars(text)  # once: folding sentence by sentence cost a twelfth of tagging
    for start, end in _sentences(text, starts, by_sentence):
        sentence = text[start:end]
        refs = sorted(by_sentence.get((start, end), []), key=lambda r: r.start)
        refs = _with_anaphora(vocabulary, folded[start:end], refs, (last, first), kinds)
        if vocabulary.opens_recap(sentence):
            recap_end = paragraph_ends[bisect.bisect_left(paragraph_ends, end)]
        own = text_years[bisect.bisect_left(year_offsets, start) : bisect.bisect_left(year_offsets, end)]
        continues = not refs and bool(previous) and start < paragraph_end and start >= recap_end
        # a sentence going on about the one before, or telling its time from it ("The following month",
        # "Four years later"), happened when that one did: history if that was before the present
        inherited = (
            time_before
            if not own
            and time_before is not None
            and time_before < present
            and (continues or vocabulary.dated_after(sentence))
            else None
        )
        time_before = max(y for y, _ in own) if own else inherited
        if start < recap_end:
            previous = []  # "Напомним, …" and the rest of its paragraph: older news retold
        elif continues:
            # no name and no describing word: the sentence goes on about what the one before spoke of
            refs, previous = [_Reference(r.feature_id, -1, -1, r.describing) for r in previous], []
            if inherited is None:
                _add(vocabulary, sentence, refs, kinds, (tags, lasting), vocabulary.continued_tags, when)
        else:
            previous = refs
            if refs and inherited is None:
                _add(vocabulary, sentence, refs, kinds, (tags, lasting), when=when)
        paragraph_end = paragraph_ends[bisect.bisect_left(paragraph_ends, end)]
    for feature, found in tags.items():
        if "restoration" in found:  # a restart reported with its trouble: the trouble is background
            for name in ("disruption", "security"):
                found.pop(name, None)
                if name in lasting.get(feature, {}):
                    found[name] = lasting[feature][name]
    return {feature: {name: found[name] for name in TAGS if name in found} for feature, found in tags.items()}


def _first_named(mentions: list, kinds: Mapping[str, str]) -> dict[str, str]:
    """Kind -> the first feature of that kind the text names (what a headline's description means)."""
    first: dict[str, str] = {}
    for m in sorted((m for m in mentions if m.kind != "headline"), key=lambda m: (m.start, m.alias_start)):
        first.setdefault(kinds.get(m.feature_id, ""), m.feature_id)
    return first


def _headline_anaphora(
    vocabulary: Vocabulary, title: str, refs: list[_Reference], first: dict[str, str]
) -> list[_Reference]:
    """A headline's describing words ("at Offshore Terminal") mean the first such feature of the text."""
    folded = fold_chars(title)
    found = list(refs)
    for _, pattern, wanted in vocabulary.anaphora:
        for match in pattern.finditer(folded):
            if any(r.start < match.end() + NAME_GAP and match.start() < r.end for r in refs):
                continue
            for kind in sorted(wanted):
                if kind in first and all(r.feature_id != first[kind] for r in found):
                    found.append(_Reference(first[kind], match.start(), match.end()))
    return sorted(found, key=lambda r: r.start)


def _sentences(text: str, starts: list[int], named: Mapping[tuple[int, int], list]) -> list[tuple[int, int]]:
    """Every sentence of the text in order (`starts`: its `sentence_starts`), the linker's own spans where
    it named a feature (they may be cut from a very long sentence)."""
    if not text:
        return []
    spans = []
    for i, start in enumerate(starts):
        end = starts[i + 1] if i + 1 < len(starts) else len(text)
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append((start, end))
    ordered = sorted(named)
    named_starts = [a for a, _ in ordered]
    reach = list(itertools.accumulate((b for _, b in ordered), max))  # furthest end of the spans so far
    # A sentence the linker's spans overlap is theirs (bisect, not a scan: linear in a 1 MB page).
    spans = [(x, y) for x, y in spans if not (i := bisect.bisect_left(named_starts, y)) or reach[i - 1] <= x]
    return sorted(spans + ordered)


def _with_anaphora(
    vocabulary: Vocabulary,
    folded: str,
    refs: list[_Reference],
    named: tuple[dict[str, str], dict[str, str]],
    kinds: Mapping[str, str],
) -> list[_Reference]:
    """The sentence's references: its named features, and what its describing words refer to.
    `folded`: the sentence, `fold_chars`'d; `named`: (kind -> the feature named last, kind -> the
    first the text names); updates the former with the features the sentence names."""
    last, first = named
    present = vocabulary.nouns_in(folded.lower())
    found = list(refs)
    for (pattern, _, wanted), nouns in zip(vocabulary.anaphora, vocabulary.anaphora_nouns, strict=True):
        if nouns is not None and nouns.isdisjoint(present):
            continue
        for match in pattern.finditer(folded):
            named_before = [r for r in refs if r.start < match.start() and kinds.get(r.feature_id) in wanted]
            joined = [r for r in refs if r.start < match.end() + NAME_GAP and match.start() < r.end + NAME_GAP]
            if joined and not named_before and all(kinds.get(r.feature_id) not in wanted for r in joined):
                if wanted <= vocabulary.wholes and all(kinds.get(r.feature_id) in vocabulary.lines for r in joined):
                    continue  # "маршрута БТК", "the CPC route": a line is its own route, no corridor's part
                # "терминал КТК", "the CPC's terminal": a feature of the word's kind that belongs to the name
                owner = _latest([last[k] for k in wanted if k in last], last) or next(
                    (first[k] for k in sorted(wanted) if k in first), None
                )
                if owner and all(r.feature_id != owner for r in found):
                    found.append(_Reference(owner, match.start(), match.end()))
                continue
            if named_before or joined:
                continue  # "the port of Aktau", or a name given earlier in the sentence: already a reference
            if _OTHER_PLACE.match(folded, match.end()):
                continue  # "the port of Ochamchire": a place that is no feature
            candidates = [last[k] for k in wanted if k in last]
            if candidates:
                found.append(_Reference(_latest(candidates, last), match.start(), match.end()))
    _name(last, refs, kinds)
    return sorted(found, key=lambda r: r.start)


def _distance(event, spans: list[tuple[int, int]]) -> int:
    """Characters between an event phrase and the nearest of `spans` (0 when they overlap)."""
    return min(max(a - event.end, event.start - b, 0) for a, b in spans)


def _name(last: dict[str, str], refs: list[_Reference], kinds: Mapping[str, str]) -> None:
    """The features a sentence names become the last named of their kinds (most recent last in `last`)."""
    for ref in refs:
        kind = kinds.get(ref.feature_id, "")
        last.pop(kind, None)
        last[kind] = ref.feature_id


def _latest(candidates: list[str], last: dict[str, str]) -> str | None:
    """Of several kinds' last features, the one named most recently (dicts keep insertion order)."""
    order = {feature: i for i, feature in enumerate(last.values())}
    return max(candidates, key=lambda f: order.get(f, -1), default=None)


def _add(
    vocabulary: Vocabulary,
    sentence: str,
    refs: list[_Reference],
    kinds: Mapping[str, str],
    found: tuple[dict[str, dict[str, Tag]], dict[str, dict[str, Tag]]],
    only: frozenset[str] | None = None,
    when: tuple[int, datetime.date | None] = (0, None),
    headline: bool = False,
) -> None:
    """The sentence's events (of the tags in `only`, if given), each to the features referred to in its
    clause (all of them if none is), a part named with a route rather than the route (`scope.wholes`); an
    event in a clause dated before the article's latest year, and trouble on a day weeks before the
    article's date (`when`: that year and date, if known), is history told as background. `found`:
    (every feature's tags, its lasting trouble)."""
    tags, lasting = found
    features = list(dict.fromkeys(r.feature_id for r in refs))
    events = [e for e in vocabulary.sentence_events(sentence) if only is None or e.name in only]
    if not events:
        return
    clauses = vocabulary.clauses(sentence)
    present, today = when
    dated = vocabulary.years(sentence) if present else []
    if today:  # "signed an agreement last year", "в прошлом году": the year before the article appeared
        dated += [(today.year - 1, m.start()) for m in _LAST_YEAR.finditer(sentence)]
        dated += [(today.year - 2, m.start()) for m in _YEARS_AGO.finditer(sentence)]  # "more than three years ago"
    # a day weeks before the article's, unless dated in the year the story reports on and appeared in ("May 20, 2024")
    retold = [
        at
        for day, at, stated in (days_named(sentence, today) if today and vocabulary.retold_tags else [])
        if (today - day).days > vocabulary.retold_days and not (stated and day.year >= max(present, today.year))
    ]
    named = [(r.start, r.end) for r in refs if r.start >= 0]
    elsewhere = [o for o in vocabulary.other_routes_in(sentence) if not any(a < o[1] and o[0] < b for a, b in named)]
    for event in events:
        if not headline and _inside_a_name(sentence, event.start, event.end):
            continue  # "the Sangachal Terminal Expansion Programme (STEP)": a programme's name, no event
        if elsewhere and (not named or _distance(event, elsewhere) < _distance(event, named)):
            continue  # "bringing the Northern Corridor to a halt": another route's event
        clause = next(((a, b) for a, b in clauses if a <= event.start < b), (0, len(sentence)))
        if any(year < present and (at < event.start or clause[0] <= at < clause[1]) for year, at in dated):
            continue
        if event.name in vocabulary.retold_tags and any(
            at < event.start or clause[0] <= at < clause[1] for at in retold
        ):
            continue  # "On Nov. 29 sea drones damaged SPM-2", in a story of February
        inside = [r for r in refs if clause[0] <= r.start < clause[1]] if len(features) > 1 else []
        if len(features) > 1 and not inside and sentence.startswith(",", clause[0]):
            # a clause joined by ", and" naming nothing carries on the subject before it ("Kuryk is new, and
            # they started building a second stage")
            inside = [r for r in refs if 0 <= r.start < clause[0]][-1:]
        # "the new Poti port": an event phrase holding a name is that feature's alone
        holding = [r for r in refs if r.start >= 0 and event.start <= r.start and r.end <= event.end]
        spoken_of = holding or inside or _not_only_onward(vocabulary, sentence, refs, clauses)
        plain = [r for r in spoken_of if not r.describing]
        if event.name in vocabulary.whole_tags:  # "Kazakhstan built the port of Kuryk" is Kuryk's, not the corridor's
            plain = [
                r
                for r in plain
                if kinds.get(r.feature_id) not in vocabulary.wholes or vocabulary.runs_along(sentence, r.start)
            ] or plain
        tag = Tag(event.name, sentence, sentence[event.start : event.end])
        for feature in dict.fromkeys(r.feature_id for r in plain):
            tags.setdefault(feature, {}).setdefault(event.name, tag)
            if event.lasting:
                lasting.setdefault(feature, {}).setdefault(event.name, tag)


_LAST_YEAR = re.compile(r"\blast year\b|(?<!\w)в (?:прошлом|минувшем) году(?!\w)", re.IGNORECASE)
_YEARS_AGO = re.compile(r"\byears ago\b|(?<!\w)(?:лет|года) назад(?!\w)", re.IGNORECASE)
_CAPITALISED_WORD = re.compile(r"[A-ZА-ЯЁ][\w'’\-]*")


def _inside_a_name(sentence: str, start: int, end: int) -> bool:
    """Is the phrase at sentence[start:end] a capitalised word of a name, between capitalised words,
    in a sentence's body ("the Sangachal Terminal Expansion Programme")?"""
    before = sentence[:start].rstrip()
    word_before = before[before.rfind(" ") + 1 :]
    after = _CAPITALISED_WORD.match(sentence[end:].lstrip())
    return bool(
        sentence[start].isupper()
        and after
        and _CAPITALISED_WORD.fullmatch(word_before)
        and before[: -len(word_before)].rstrip()  # not the sentence's first word
        and not before[: -len(word_before)].rstrip().endswith((".", ":", '"'))
    )


def _not_only_onward(
    vocabulary: Vocabulary, sentence: str, refs: list[_Reference], clauses: list[tuple[int, int]]
) -> list[_Reference]:
    """The references but those only naming where something goes on to in a relative clause (with an
    abbreviation bracketed right after such a name: "via the Trans-Caspian route (TITR)")."""
    kept, onward = [], []
    for r in sorted(refs, key=lambda r: r.start):
        clause = next(((a, b) for a, b in clauses if a <= r.start < b), (0, len(sentence)))
        if r.start >= 0 and (
            _echoed(onward, r.feature_id, r.start) or vocabulary.only_onward(sentence, r.start, clause)
        ):
            onward.append(r)
        else:
            kept.append(r)
    return kept


def _echoed(refs: list[_Reference], feature_id: str, start: int) -> _Reference | None:
    """The reference a name at `start` repeats in brackets right after it ("the Baku-Tbilisi-Ceyhan (BTC)
    pipeline", "via the Trans-Caspian route (TITR)"), if any."""
    return next((r for r in refs if r.feature_id == feature_id and 0 <= start - r.end <= 3), None)


def _day(published: str | None) -> datetime.date | None:
    """The article's date from its ISO `published` ("2025-11-14T10:25:00+03:00"), if it has one."""
    try:
        return datetime.date.fromisoformat(published[:10]) if published else None
    except ValueError:
        return None
