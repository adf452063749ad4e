"""The figures the press states about a route or port: for each mention the linker found (after the
analysts' corrections), the quantities in its sentence, in the sentences after it that refer to the
feature without its name ("the port", "the pipeline", "It", "порт"), and in the sentences right
after it that name nothing and nobody else ("And the growth has not stopped: … another 64%"), for as
long as each states a figure.

A quantity (read by `quantities`) goes to the nearest feature named in its sentence, so another
route's figure in the same sentence stays with that route; trains and days between ports go to the
one route the article names. A named other thing ("the Astara terminal", "the Atasu-Alashankou
pipeline", "via the Suez Canal") keeps its figures. What a figure measures, and the numbers that are
no feature's at all (wages, prices, casualties, how long something lasted), are `figurefilter`'s; the
period is the nearest one the sentence states (`periods`); a number without a unit (years, dates,
ages, counts of people) is no quantity.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import replace

from .figurefilter import FigureFilter, breakdown, conversion, cue_pattern
from .figurerefs import TOPIC, ReferringWords, subject_after_participle
from .figuretext import (
    PLACE_BEFORE,
    POINT_KINDS,
    Article,
    Sentence,
    endpoint,
    in_a_quoted_name,
    in_a_route_name,
    name_groups,
    one_group,
    opening_name,
)
from .figurewords import Words, load_words, lower_in_place
from .linking import HEADLINE, Mention
from .periods import MONTHS, period_of
from .quantities import Quantity, QuantityReader
from .sentences import (
    SENTENCE_END,
    SentenceFinder,
    first_word,
    holds_nothing_until,
    next_start,
)
from .stated import Figure, once

_OPENING = 2  # characters: words referring to a feature this near a sentence's start are its subject
REFER_REACH = 100  # characters: figures this far before "the port" in its sentence are about something else
PLACE_PENALTY = 120  # characters
# In a sentence referring to a feature, a figure past one of these is about something else.
_SUBORDINATE = re.compile(r",\s*(?:since|because|while|whereas|although|but)\b")
STRETCH_REACH = 1200  # characters after a mention looked at for sentences referring to it
_PRONOUN = re.compile(r"[\"“]?(?:It(?!['’])|Its|Он|Она|Его|Её)\b")
_THAN = re.compile(r"(?:\bthan|(?<!\w)чем)\s+(?:\w+\s+){0,2}$", re.I)
COMMA_PENALTY = 20
_FIGURE_DIGIT = re.compile(r"\d")
# "to Turkey's Mediterranean port of Ceyhan", "в порт Новороссийск": where a route goes
_TOWARDS = re.compile(
    r"(?:\b(?:to|into|towards?)|(?<!\w)(?:в|до))\s+(?:the\s+)?(?:[\w\-]+['’]s\s+)?(?:[\w\-]+\s+){0,2}?"
    r"(?:(?:port|terminal|порт|терминал)\w*\s+(?:of\s+)?)?$",
    re.I,
)
_OF_SOMEONE = re.compile(r"\s+of\s+(?:the\s+)?[A-Z][\w\-]*['’]s\b")
# Where a list's parts end: a semicolon, a line, or a comma before the next "Name — figure" ("…, Батумский — 532 735 т")
_PART = re.compile(r";|\n|,\s*(?=[A-ZА-ЯЁ][\w-]*(?:\s+[\w-]+)?\s*[—–]\s*\d)")
# A route's course ("The CPC runs from the Caspian coast to Novorossiysk port … and handles 80%"): the
# ports at its ends describe the route, the figure after them is still the route's.
_COURSE = re.compile(
    r"\b(?:runs?|running|ran|stretch(?:es|ed|ing)?|extends?|extending|extended|goes|going|leads?|leading)\s+"
    r"from\s+[^,;:()]{2,80}?\s+to\s+(?:the\s+)?(?:[\w'’]+\s+){0,3}$",
    re.IGNORECASE,
)
_CAPITALISED = re.compile(r"(?<![\w'’])[A-ZА-ЯЁ][\w'’]*")
# After a place, "and" or its possessive ("China's Xi'an") leads to another place.
_AND_OR_OF_BEFORE = re.compile(r"(?:\band|(?<!\w)и|['’]s)\s+$", re.IGNORECASE)
_PORTS_BEFORE = re.compile(
    r"(?:\b(?:sea\s*)?ports(?:\s+of)?|(?<!\w)порт(?:ы|ов|ам|ами|ах))\s+(?:(?-i:[A-ZА-ЯЁ])[\w\-]*/)?$", re.I
)  # "the seaports of Baku/Alyat, Batumi and Poti": a name before a slash is the same port's other name
_PORTS_AFTER = re.compile(r"\s+(?:(?:sea\s*)?ports\b|(?:теңіз\s+|teńiz\s+)?(?:porttary|порттары))", re.I)
_JOINED = re.compile(r"\s+(?:and|и|və|ve|jáne|және|та|&)\s+", re.I)
_LIST_GOES_ON = re.compile(r"[\w\-]+,\s+(?-i:[A-ZА-ЯЁ])\w+,")  # "Новороссийска, Туапсе, Тамани": a list of ports
_FEW_WORDS = re.compile(r"[^\W\d]*(?:\s+[^\W\d]+){0,3}\s+")  # "along the", "через"
_YEAR_RE = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
# Whose figure by the words right before it: "Kulevi (-37.1%)", "the Kulevi sea terminal's to 0.7 Mt"
_NAMED_OWNER = re.compile(
    r"(?<![\w'’])([A-ZА-ЯЁ][\w\-]*)(?:\s*\(\s*[-+−]?|(?:\s+[a-zа-яё][\w\-]*){0,3}['’]s\s+(?:[a-z]+\s+)?)$"
)


class FigureExtractor:
    """Built once from the gazetteer's features (for their kinds); `extract` is pure."""

    def __init__(self, features: Iterable, words: Words | None = None) -> None:
        self.words = words or load_words()[0]
        self.reader = QuantityReader(self.words)
        self.kinds = {f.id: f.kind for f in features}
        self.refs = ReferringWords(self.words, self.kinds)  # "the port", "It": which feature a sentence means
        self.filter = FigureFilter(self.words)  # what a quantity is, and which are no feature's at all
        self._not_about = self.filter.not_about
        # Another route named by its ends ("the Atasu-Alashankou pipeline", "the Dostyk-Moyynty line"), and
        # another way a figure goes ("40 days by sea via the Suez Canal", "via the North-South corridor").
        nouns = "|".join(r"\s+".join(map(re.escape, n.split())) for n in self.words.route_nouns)
        self._other_route = re.compile(rf"\b[A-Z]\w+(?:[\-\u2013][A-Z]\w+)+\s+(?:{nouns})\b")
        # Ways by their common names ("the Northern route", "по традиционному морскому пути"), word stems
        ways = (r"[\s\-]+".join(re.escape(word) + r"\w*" for word in way.split()) for way in self.words.other_ways)
        self._other_way_name = re.compile(rf"(?<!\w)(?:{'|'.join(ways)})", re.IGNORECASE)
        self._other_way = re.compile(
            rf"[^.;:]{{0,30}}?\b(?:via|through|by way of)\s+(?:the\s+)?[A-Z][\w'’\-\u2013]*"
            rf"(?:\s+[\w'’\-\u2013]+){{0,3}}?\s+(?i:{nouns})\b"
        )
        self._where_to = re.compile(rf"(?:{self._not_about['places_after'].pattern})\s+(?:the\s+)?$", re.IGNORECASE)
        self._describing = re.compile(rf"(?:{self._not_about['describing'].pattern})\s+(?:the\s+)?$", re.IGNORECASE)
        # "through the port of Aktau", "towards the BTC pipeline", "from its terminal at Ceyhan", "через порт Актау"
        self._onward = re.compile(
            rf"{cue_pattern(self.words.onward)}\s+(?:(?:the|its)\s+)?(?:(?:port|terminal)\s+(?:of|at|in)\s+)?$",
            re.IGNORECASE,
        )
        # Things that stay put ("three berths", "ten tracks"): counted at a port, not carried to it.
        self._fixture = re.compile(rf"(?<!\w)(?:{'|'.join(map(re.escape, self.words.fixtures))})", re.IGNORECASE)
        # "eight stations, three tunnels, 41 bridges", "four pumping stations": what a route is built of, not what it carries
        self._component = re.compile(rf"(?<!\w)(?:{'|'.join(map(re.escape, self.words.components))})", re.IGNORECASE)
        # "ports of the south, including Novorossiysk": the figure is the whole's, of which the feature is one part
        self._including = re.compile(
            rf"(?:{self._not_about['including'].pattern})\s+(?:(?:в|во|at|in)\s+)?(?:(?:the\s+)?ports?\s+(?:of\s+)?)?$",
            re.IGNORECASE,
        )
        self._attribution = re.compile(rf"[\"“«]?{self._not_about['attribution'].pattern}", re.IGNORECASE)

    def extract(
        self, article_id: str, text: str, title: str | None, mentions: list[Mention], published: str | None = None
    ) -> list[Figure]:
        """The figures attached to each feature the mentions name, in text order (headline first)."""
        sentences = self._mention_sentences(text, title, mentions)
        if not sentences:
            return []
        figures: list[Figure] = []
        seen: set[tuple[str, int, int, str]] = set()
        routes = {f for s in sentences for f, _s, _e in s.named if self.kinds.get(f) not in POINT_KINDS}
        route = next(iter(routes)) if len(routes) == 1 else None  # the one route the article names
        # Only the text from the first sentence naming a feature (the start, for a headline's) to the
        # last one's reach can hold a figure: the rest is not read.
        body_ends = [s.end for s in sentences if s.kind != HEADLINE]
        lo = 0 if sentences[0].kind == HEADLINE else sentences[0].start
        hi = min(len(text), max(body_ends, default=0) + STRETCH_REACH)
        lowered = text[:lo] + lower_in_place(text[lo:hi]) + text[hi:]
        article = Article(text, lowered, self.words.number_starts(lowered, lo, hi), lo, hi)
        named_before: list[str] = []  # features named so far, the most recent last
        for sentence in sentences:
            numbers = [] if sentence.kind == HEADLINE else article.numbers_in(sentence.start, sentence.end)
            if sentence.kind == HEADLINE or numbers:
                first = numbers[0] - sentence.start if numbers else None
                quantities = self._quantities(sentence, first)
                referring = self.refs.also_referring(sentence, named_before) if quantities else sentence
                for quantity in quantities:
                    for feature_id in self._owners(referring, quantity, route):
                        self._add(figures, seen, article_id, feature_id, sentence, quantity, published)
            for feature_id, _s, _e in sorted(sentence.named, key=lambda f: f[1]):
                if feature_id in named_before:
                    named_before.remove(feature_id)
                named_before.append(feature_id)
        body = [s for s in sentences if s.kind != HEADLINE]
        headline = [f for s in sentences if s.kind == HEADLINE for f, _s, _e in s.named]
        if body or headline:
            for sentence in self._referring(article, body, headline):
                for quantity in self._quantities(sentence, sentence.first_number):
                    if self._referred(article, sentence, quantity):
                        for feature_id, _s, _e in sentence.named:
                            self._add(figures, seen, article_id, feature_id, sentence, quantity, published)
        return once(figures)

    # --- where to look -------------------------------------------------------------------------------

    @staticmethod
    def _mention_sentences(text: str, title: str | None, mentions: list[Mention]) -> list[Sentence]:
        by_span: dict[tuple[int, int, str], Sentence] = {}
        for m in mentions:
            key = (m.start, m.end, m.kind)
            sentence = by_span.get(key)
            if sentence is None:
                excerpt = (title or m.excerpt) if m.kind == HEADLINE else text[m.start : m.end]
                sentence = by_span[key] = Sentence(m.start, m.end, excerpt, m.kind, [])
            sentence.named.append((m.feature_id, m.alias_start, m.alias_end))
        return sorted(by_span.values(), key=lambda s: (s.kind != HEADLINE, s.start))

    def _referring(self, article: Article, body: list[Sentence], headline: list[str]) -> Iterable[Sentence]:
        """Sentences after a mention (or, for the headline's features, from the start of the text),
        before the next one and at most STRETCH_REACH characters on, that are about a feature without
        naming it: each with that feature (or group of features) and where the words referring to it
        stand. A sentence is about one when it names its kind ("the port"), opens on "It" right after a
        sentence about it, or comes right after a sentence that names it (or a group named together:
        "Aktau and Kuryk") and no other. Only stretches holding a number are looked at, and in them
        only the sentences holding a word that may refer and the one right after each naming one."""
        text = article.text
        cues: list[int] | None = None  # found when a stretch first holds a number
        finder = SentenceFinder(text)
        everything = {f for s in body for f, _s, _e in s.named} | set(headline)
        only = next(iter(everything)) if len(everything) == 1 else None  # the one feature the article names
        recent: list[str] = list(dict.fromkeys(headline))  # features named so far, the most recent last
        opening = Sentence(0, 0, "", HEADLINE, [])
        for n, sentence in enumerate([opening, *body]):
            # names that are one part of a whole ("including Novorossiysk"): the sentence is not about them
            included = {start for _f, start, _e in sentence.named if self._included(sentence.text, start)}
            # and names that only name a route between ports ("Bakı-Kurik-Bakı", "the Kuryk-Alat route")
            chained = {start for _f, start, end in sentence.named if in_a_route_name(sentence.text, start, end)}
            for feature_id, start, _e in sorted(sentence.named, key=lambda f: f[1]):
                if in_a_quoted_name(sentence.text, start) or start in included or start in chained:
                    continue  # «ГК Порт Ляньюньган», СЭЗ «Морпорт Актау»: a company's or a zone's name
                if feature_id in recent:
                    recent.remove(feature_id)
                recent.append(feature_id)
            stop = body[n].start if n < len(body) else len(text)
            if not recent or stop <= sentence.end:
                continue
            reach = min(stop, sentence.end + STRETCH_REACH)
            numbers = article.numbers_in(sentence.end, reach)
            if not numbers:
                continue  # nothing to attach before the next mention
            if cues is None:
                cues = self.refs.cues(article, topics=only is not None)
            # nor is it about ports that only name a route ("on the Kuryk-Alat route. Soon we will need seven ships")
            whole = sentence.named and all(s in included or s in chained for _f, s, _e in sentence.named)
            group = None if whole or self._inside_other_route(sentence) else one_group(sentence)
            if group is not None and len(group) > 1 and self._ports_together(sentence.text, sentence.named):
                group = None  # "through the ports of Aktau and Kuryk …. Containers rose by 34%": their sum
            subject = group is not None and len(group) == 1  # may "It" in the next sentence be its feature?
            opener = None if subject else opening_name(sentence)  # "The BTC, at 1,774 km, … to Ceyhan. It …"
            first = next_start(text, sentence.end, reach)
            following = first if group is not None or opener else None  # the sentence right after one about `group`
            at_cue = bisect.bisect_left(cues, sentence.end)
            done_until = sentence.end
            while True:
                while at_cue < len(cues) and cues[at_cue] < done_until:
                    at_cue += 1
                cue = cues[at_cue] if at_cue < len(cues) else reach
                position = min(cue, following) if following is not None else cue
                if position >= reach or (position > numbers[-1] and SENTENCE_END.search(text, numbers[-1], position)):
                    break  # no sentence past the one with the last number has a figure (nor leads to one)
                if position == following and position < cue and holds_nothing_until(text, position, cue, numbers):
                    # The sentence after is about the feature but states nothing; one only saying who
                    # said so ("Об этом сообщили в АЖД.") passes the thread on to the next.
                    said = self._attribution.match(text, position)
                    following = next_start(text, finder.span(position, position + 1)[1], reach) if said else None
                    continue
                start, end = finder.span(position, position + 1)
                start, end = max(start, done_until), min(max(end, position + 1), stop)
                done_until, piece = end, text[start:end]
                right_after = start == following
                chained = right_after and subject  # right after a sentence about one feature
                found, weak = None, False
                if at_cue < len(cues) and cues[at_cue] < end:
                    found = self.refs.referent(piece, recent)
                    if found is None and (chained or (right_after and opener)) and (pronoun := _PRONOUN.match(piece)):
                        # "It is designed to supply 8 bcm": the one feature, or the subject, of the sentence before
                        found = (group[0] if chained else opener, pronoun.start(), pronoun.end())
                if found is None and chained and start == first and (topic := TOPIC.match(piece)):
                    found = (group[0], topic.start(), topic.end())  # "Daily cargo turnover will rise …"
                elif found is None and only is not None and (topic := TOPIC.match(piece)):
                    found = (only, topic.start(), topic.end())  # "Grain traffic came to 6.6 million tons"
                    weak = True  # and a figure in it may be someone else's ("China accounts for 27% of …")
                at_number = bisect.bisect_left(numbers, start)
                number = numbers[at_number] if at_number < len(numbers) and numbers[at_number] < end else -1
                numbered = number >= 0
                following, subject, opener = None, False, None
                if found is not None:
                    group, subject = (found[0],), numbered or found[1] <= _OPENING
                    following = next_start(text, end, reach)
                    about = [found]
                elif right_after and group is not None and not _PRONOUN.match(piece):
                    if numbered and self._names_someone(article, piece, number - start):
                        continue  # each figure in it would be someone else's: not worth reading
                    about = [(feature_id, 0, 0) for feature_id in group]  # it goes on about them
                    # and so may the one after it, while each states figures or only says who said so
                    # ("Об этом сообщили в АЖД. Это на 48% больше …")
                    if numbered or self._attribution.match(piece):
                        following = next_start(text, end, reach)
                else:
                    continue
                if numbered:
                    yield Sentence(start, end, piece, "sentence", about, found is None or weak, number - start)

    # --- whose figure -----------------------------------------------------------------------------------

    def _owners(self, sentence: Sentence, q: Quantity, route: str | None) -> list[str]:
        """The features a quantity is about: the group of features named nearest to it (before it on a
        tie), where names a few words apart ("Aktau and Kuryk") are one group. A name after "via",
        "through" or "than" counts only when no other is there ("shipped via Novorossiysk"). Trains and
        times between ports are the `route`'s, the one route the article names, if any."""
        text = sentence.text
        chained = {(f, s) for f, s, e in sentence.named if in_a_route_name(text, s, e)}
        if chained:
            sentence = replace(sentence, named=[n for n in sentence.named if (n[0], n[1]) not in chained])
            if not sentence.named:
                return []
        named = sorted(sentence.named, key=lambda f: f[1])
        if all(self._included(text, start) for _f, start, _e in named):
            return []  # "cargo through the ports of the south, including Novorossiysk, fell 9.8%": the whole's
        groups = name_groups(sentence)
        if self._named_owner(text, q, named):
            return []
        if self._ports_together(text, named):
            return []  # "через морские порты Актау и Курык перевезено 4,2 млн тонн": the two ports' sum
        colon = text.find(":", q.end)
        if colon >= 0 and all(start > colon for _f, start, _e in named):
            return []  # "deliveries rose by 18% to 3.4 Mt: via Dostyk by 10% …": a total, before the names

        # A list of "name - figure; name - figure": a figure goes with a name in its own part, and a part
        # naming something else first ("; Kulevi terminal - 1.5 million t") is about that.
        part_start = max((m.end() for m in _PART.finditer(text) if m.end() <= q.start), default=0)
        part = _PART.search(text, q.end)
        part_end = part.start() if part else len(text)
        in_part = any(part_start <= s < part_end for _f, s, _e in named)
        if (part_start or part) and not in_part and next(self._names(text, part_start, q.start), None):
            return []

        def rank(n: int) -> tuple[int, int]:
            group = groups[n]
            start, end = group[0][1], max(e for _f, _s, e in group)
            before = [PLACE_BEFORE.search(text[max(0, s - 30) : s]) for _f, s, _e in group]
            # A name after "than", or after "via"/"through" with another name before it and no figure between.
            compared = all(_THAN.search(text[max(0, s - 30) : s]) for _f, s, _e in group)
            placed = (
                n > 0 and all(before) and not _FIGURE_DIGIT.search(_YEAR_RE.sub("", text[groups[n - 1][-1][2] : start]))
            )
            # "The BTK railway, a vital part of the Middle Corridor, will carry 5 Mt": the corridor describes
            described = n > 0 and all(
                self._describing.search(text, max(0, s - 40), s) or _COURSE.search(text, max(0, s - 120), s)
                for _f, s, _e in group
            )
            # "The BTC pumps 1.2 million barrels a day to Ceyhan": the port after it is where the route goes
            destination = start >= q.end and self._destination(text, group, groups[:n])
            far = placed or compared or described or destination or not (part_start <= start < part_end)
            penalty = PLACE_PENALTY if far else 0
            if end <= q.start:
                return q.start - end + penalty, 0
            if start >= q.end:  # a name after a comma starts another clause ("…, and via Khorgos by 37%")
                return start - q.end + penalty + (COMMA_PENALTY if "," in text[q.end : start] else 0), 1
            return penalty, 0

        span = self.filter.span_after(text, q)  # "1,500 km from the Tengiz field to the port of Novorossiysk"
        if (
            q.unit in ("count", "days", "hours", "km")
            and not (q.unit == "count" and self._fixture.search(q.stated))
            and all(
                endpoint(text, group, q, self.kinds)
                or (span and q.end < group[0][1] <= span.end() + 40 and not subject_after_participle(text, group[0][1]))
                for group in groups
            )
        ):
            # "a train takes 12 days to Poti": the ports are where it goes; "1,792 km from Aktau to Poti": no port's,
            # but the route's when the sentence says so ("Running 1,511 km from Tengiz to Novorossiysk, the pipeline …")
            if route and (q.unit != "km" or self._plainly_referred(text, route)):
                return [route]
            return []
        way = self._other_way.match(text, q.end)
        if way and not any(way.start() <= s < way.end() for _f, s, _e in named):
            return []  # "16 million barrels through the Northern Route Export Pipeline": a way the geodata does not hold
        candidates = range(len(groups))
        aside = self._aside_of_a_figure(text, q)
        if aside is not None and any(group[-1][2] <= aside for group in groups):
            # "Poti handled 4 million tons (an increase of 0.9 million tons), Supsa …": the change in
            # brackets is the figure's before it, whoever is named next
            candidates = [n for n, group in enumerate(groups) if group[-1][2] <= aside]
        best = min(candidates, key=rank)
        owners = groups[best]
        near = min(abs(q.start - s) for _f, s, _e in owners)
        if any(abs(start - q.end) < near for start, _end in self._other_routes(sentence)):
            return []  # "2.5 Mt a year through the Atasu-Alashankou pipeline": a route not in the geodata
        if self._other_way_nearer(text, q, owners, rank(best)[0]):
            return []  # "15 days on the Middle Corridor, and 45-55 days by the traditional sea route"
        if best + 1 < len(groups) and self._carried_on(text, owners, groups[best + 1], q):
            owners = owners + groups[best + 1]
        elif best > 0 and self._carried_on(text, groups[best - 1], owners, q):
            owners = groups[best - 1] + owners  # "… through the port of Aktau towards the BTC, 328,100 t more"
        return list(dict.fromkeys(f for f, _s, _e in owners))

    def _plainly_referred(self, text: str, route: str) -> bool:
        """Does the sentence call the route by its kind alone ("the pipeline", not "the overland route")?"""
        kind = self.kinds.get(route)
        return any(
            kind in kinds and len(text[start:end].split()) <= 2
            for start, end, (kinds, _otherwise) in self.refs.words_referring(text)
        )

    def _destination(self, text: str, group: list[tuple[str, int, int]], before: list) -> bool:
        """Is this group of ports only where a route named before it goes ("… a day to Ceyhan")?"""
        start = group[0][1]
        return (
            all(self.kinds.get(f) in POINT_KINDS for f, _s, _e in group)
            and bool(_TOWARDS.search(text[max(0, start - 40) : start]))
            and any(self.kinds.get(f) not in POINT_KINDS for g in before for f, _s, _e in g)
        )

    @staticmethod
    def _aside_of_a_figure(text: str, q: Quantity) -> int | None:
        """Where the bracket opens when a figure stands in brackets right after another figure ("4 million
        tons (an increase of 0.9 million tons)", "240 257 TEU (68 730 TEU more)"), else None."""
        bracket = text.rfind("(", 0, q.start)
        if bracket < 0 or ")" in text[bracket : q.start] or q.start - bracket > 30:
            return None
        return bracket if _FIGURE_DIGIT.search(text, max(0, bracket - 30), bracket) else None

    def _included(self, text: str, start: int) -> bool:
        """Is the name at `start` one part of a whole the sentence speaks of ("including Novorossiysk", «в портах
        Новороссийска, Туапсе, Тамани и других»: the first of a list of ports)?"""
        if self._including.search(text, max(0, start - 40), start):
            return True
        return bool(_PORTS_BEFORE.search(text, max(0, start - 30), start) and _LIST_GOES_ON.match(text, start))

    def _ports_together(self, text: str, named: list) -> bool:
        """Is the figure said of several ports named together after (or before) a plural ("the ports of
        Aktau and Kuryk", "порты Актау и Курык", "Aqtaý jáne Quryq teńiz porttary") and of nothing else?"""
        points = [(f, s, e) for f, s, e in named if self.kinds.get(f) in POINT_KINDS]
        if len({f for f, _s, _e in points}) < 2 or len(points) != len(named):
            return False
        first, last = min(s for _f, s, _e in points), max(e for _f, _s, e in points)
        if _PORTS_BEFORE.search(text, max(0, first - 30), first) or _PORTS_AFTER.match(text, last):
            return True
        # "passed through Alashankou and Horgos": two places joined by "and" and nothing else share the figure
        ordered = sorted(points, key=lambda p: p[1])
        return len(ordered) == 2 and bool(_JOINED.fullmatch(text, ordered[0][2], ordered[1][1]))

    def _named_owner(self, text: str, q: Quantity, named: list) -> bool:
        """Do the words right before a figure give it to someone the geodata does not hold: a name with
        the figure in brackets after it, or a name's possessive ("Kulevi (-37.1%)", "Kulevi sea
        terminal's to 0.7 Mt", "Tengizchevroil's 30 Mt")?"""
        owner = _NAMED_OWNER.search(text, max(0, q.start - 60), q.start)
        if owner is None or owner.start(1) <= first_word(text):
            return False
        if any(s <= owner.start(1) < e for _f, s, e in named):
            return False
        return next(self._names(text, owner.start(1), owner.end(1)), None) is not None

    def _names(self, text: str, start: int, end: int) -> Iterable[re.Match]:
        """The capitalised words of text[start:end] that may name someone: not months, units ("76,000
        TEU", "ДФЭ") or where things go ("from China", "between Asia and Europe": a name after a place
        word, or after "and" following one, is a place)."""
        place = False
        for m in _CAPITALISED.finditer(text, start, end):
            word = m.group()
            if word.lower() in MONTHS or (word.lower(),) in self.words.units or (word,) in self.words.cs_units:
                continue
            before = text[max(0, m.start() - 20) : m.start()]
            place = bool(self._where_to.search(before) or (place and _AND_OR_OF_BEFORE.search(before)))
            clause = text.rfind(",", start, m.start()) + 1 or start
            if not place and not self._not_about["source"].search(text, clause, m.start()):
                yield m  # not a place, nor who said so ("According to Kazakhstan Railways, that is 14% more")

    def _carried_on(self, text: str, owners: list, onward: list, q: Quantity) -> bool:
        """Does a route's figure go through the port named right after the route, or a port's on along
        the route named after it ("loadings via the CPC through Novorossiysk", "701,200 t went through
        the port of Aktau towards the BTC pipeline")? Then it is both's. Not when another figure stands
        between the two names."""
        points = {self.kinds.get(f) in POINT_KINDS for f, _s, _e in owners}
        if len(points) != 1 or {self.kinds.get(f) in POINT_KINDS for f, _s, _e in onward} != {not points.pop()}:
            return False  # one route and one port (or terminal)
        start, end = owners[-1][2], onward[0][1]
        if not self._onward.search(text, max(0, start, end - 40), end):
            return False
        between = text[start : max(start, min(q.start, end))] + text[max(start, q.end) : end]
        return not _FIGURE_DIGIT.search(_YEAR_RE.sub("", between))

    def _other_routes(self, sentence: Sentence) -> Iterable[tuple[int, int]]:
        """Where a sentence names a pipeline or railway not in the geodata ("the Atasu-Alashankou
        pipeline", "the Dostyk-Moyynty line"): a port's name inside one is part of that route's name."""
        for other in self._other_route.finditer(sentence.text):
            inside = [f for f, s, e in sentence.named if s < other.end() and other.start() < e]
            if all(self.kinds.get(f) in POINT_KINDS for f in inside):
                yield other.span()

    def _other_way_nearer(self, text: str, q: Quantity, owners: list, distance: int) -> bool:
        """Is a way the geodata does not hold, named by its common name ("the Northern route", "по
        традиционному морскому пути"), nearer the figure than its owners (a comma counting as after
        the rank's)? Not when the owners follow the figure within a few words ("1% along the Middle
        Corridor")."""
        first = owners[0][1]
        if first >= q.end and _FEW_WORDS.fullmatch(text, q.end, first):
            return False
        for other in self._other_way_name.finditer(text):
            if any(s < other.end() and other.start() < e for _f, s, e in owners):
                continue
            start, end = other.span()
            apart = q.start - end if end <= q.start else start - q.end
            if end > q.start and "," in text[q.end : start]:
                apart += COMMA_PENALTY
            if apart < distance:
                return True
        return False

    def _inside_other_route(self, sentence: Sentence) -> bool:
        """Does a sentence name one of its features only inside another route's name?"""
        if not any(self.kinds.get(f) in POINT_KINDS for f, _s, _e in sentence.named):
            return False  # only a port's name stands inside a route's ("the Dostyk-Moyynty line")
        spans = list(self._other_routes(sentence))
        return any(s < end and start < e for _f, s, e in sentence.named for start, end in spans)

    # --- what a quantity is --------------------------------------------------------------------------

    def _quantities(self, sentence: Sentence, first: int | None) -> list[Quantity]:
        found = self.reader.read(sentence.text, first)
        return [
            q
            for q in found
            if not self.filter.excluded(sentence, q)
            and not breakdown(sentence, q, found)
            and not conversion(sentence, q, found)
        ]

    def _referred(self, article: Article, sentence: Sentence, q: Quantity) -> bool:
        """Is a figure in a sentence that refers to a feature without its name about that feature? Not
        when it stands far before the words referring to it, or past a subordinate clause, or is a
        stake, or goes another named way ("via the North-South corridor"), or, in a sentence only
        following one about the feature, is someone else's."""
        _feature, words_start, at = sentence.named[0]
        low, high = sorted((at, q.start))
        return (
            at - q.end <= REFER_REACH
            # "a power line over 172 km … along the route" (but "Running 1,511 km …, the pipeline")
            and (q.unit != "km" or q.start >= words_start or subject_after_participle(sentence.text, words_start))
            and not _SUBORDINATE.search(sentence.text, low, high)
            and not self._not_about["ownership"].search(sentence.text)
            and not self._other_way.match(sentence.text, q.end)
            and not (sentence.continuing and self._someone_else(article, sentence.text, q))
        )

    def _someone_else(self, article: Article, sentence: str, q: Quantity) -> bool:
        """In a sentence about a feature only by following one about it: is the figure about someone or
        something the sentence names before it ("Kazakhstan intends to raise transit traffic from 18
        million tons", "The plant is expected to produce one million tons")? Not a place it goes from
        or to ("sent from China to Azerbaijan"). A capitalised first word is a name when the text also
        writes it capitalised inside a sentence. A length is a route's only with its name ("a mileage
        of 20 million km" is not)."""
        if q.unit == "km" or (q.unit == "pct" and _OF_SOMEONE.match(sentence, q.end)):
            return True  # "about 90 percent of Azerbaijan's export earnings"
        clause_start = sentence.rfind(",", 0, q.start) + 1
        comma = sentence.find(",", q.end)
        clause_end = comma if comma >= 0 else len(sentence)
        if any(clause_start <= start < clause_end for start, _end, _kinds in self.refs.words_referring(sentence)):
            return True  # "30% of the trains are formed at this dry port": another one's
        return self._names_someone(article, sentence, q.start)

    def _names_someone(self, article: Article, sentence: str, before: int) -> bool:
        """Does a sentence name someone or something else before `before` (a name not after "from" or
        "to", a capitalised first word the text also writes inside a sentence), or anywhere a subject
        such as "the country" or "the plant"?"""
        opening = first_word(sentence)
        for m in self._names(sentence, 0, before):
            if m.start() > opening or article.is_name(m.group()):
                return True
        return bool(self._not_about["other_subject"].search(sentence))

    def _add(self, figures, seen, article_id, feature_id, sentence: Sentence, q: Quantity, published) -> None:
        if q.unit == "count" and self.kinds.get(feature_id) not in POINT_KINDS and self._component.search(q.stated):
            return
        if q.unit in self.words.not_carried.get(self.kinds.get(feature_id, ""), ()):
            return  # "gas production came to 68.2 bcm", in a story about the CPC: not the oil pipeline's
        measure = self.filter.measure(sentence.text, q)
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
