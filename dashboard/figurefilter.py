"""What a quantity in a sentence about a feature is: what it measures (capacity, target, investment, a
share, a volume, from its unit and the words around it), and whether it is any feature's at all. A wage, a
price, a casualty count, a ship's size, how long an outage or a meeting lasted, a country's transit, a date
offset: numbers about something else, left out whoever is named. The words are data
(`figure_words.json`: `measures`, `not_about`); `figures` decides whose figure a kept quantity is."""

from __future__ import annotations

import re

from .figuretext import Sentence
from .figurewords import Words
from .periods import CLAUSE
from .quantities import Quantity

_BY_UNIT = {"days": "transit_time", "hours": "transit_time", "km": "length", "count": "count"}
_MONEY = ("USD", "EUR")


class FigureFilter:
    """Built once from the word lists; its methods are pure."""

    def __init__(self, words: Words) -> None:
        self.words = words
        self.cues = {name: re.compile(cue_pattern(cues), re.IGNORECASE) for name, cues in words.measures.items()}
        self.not_about = {name: re.compile(cue_pattern(cues), re.IGNORECASE) for name, cues in words.not_about.items()}
        speeds = (r"\s*".join(map(re.escape, words.split())) for words in self.words.not_about["speed"])
        self._speed = re.compile(rf"\s*(?:{'|'.join(speeds)})", re.IGNORECASE)  # "km/h", "км в час"
        # "249 km in Georgia", "на территории Грузии": one country's section, followed by a place's name
        self._section = re.compile(
            rf"\s*(?:{self.not_about['section'].pattern})\s+(?:the\s+)?(?-i:[A-ZА-ЯЁ])", re.IGNORECASE
        )
        # "1,768 km from Baku to Ceyhan", "1511 км от Тенгиза до Новороссийска": the span of a route, not a distance
        self._span = re.compile(r"\s*(?:from|от)\s+[^,.;:()]{1,60}?\s(?:to|до)\s", re.IGNORECASE)
        # "an increase of 0.9 Mt", "cut by 480,000 t", "0.5 Mt more", «на 500 тыс. тонн больше»: a change, not a level
        stems = "|".join(map(re.escape, (*words.change_stems, *words.changes["stems"])))
        by = "|".join(words.changes["by"])
        self._change_before = re.compile(
            rf"(?:(?:{cue_pattern(words.changes['before'])})|(?<!\w)(?:{stems})\w*(?:\s+[\w-]+){{0,5}}?\s+(?:{by}))\s+$",
            re.IGNORECASE,
        )
        self._change_after = re.compile(rf"\s+(?:{cue_pattern(words.changes['after'])})", re.IGNORECASE)
        # "for nine days", "на пять дней": how long something lasted, the words just before the figure
        self._lasting = re.compile(rf"(?:{self.not_about['lasting'].pattern})\s+$", re.IGNORECASE)
        # "the two-day Silk Road Summit": how long a meeting lasts
        self._gathering = re.compile(
            rf"\s*(?:[A-Z][\w'’\-]*\s+){{0,3}}{self.not_about['gathering'].pattern}", re.IGNORECASE
        )
        # "transit through Kazakhstan", "traffic between China and Georgia": a country's figure
        self._country_flow = re.compile(
            rf"{self.not_about['country_flow'].pattern}\s+(?:the\s+)?[A-ZА-ЯЁ]", re.IGNORECASE
        )
        # "10,000 TEU Panamax vessels", "50,000-ton ships": the size of the ships the figure stands before
        self._vessel_after = re.compile(rf"\s*(?:{self.not_about['vessel_after'].pattern})", re.IGNORECASE)
        self._material = re.compile(rf"\s*(?:{self.not_about['material'].pattern})", re.IGNORECASE)
        self._someday = re.compile(rf"{self.not_about['someday'].pattern}\s+one\s+day\b", re.IGNORECASE)

    def excluded(self, named: Sentence, q: Quantity) -> bool:
        """A wage, a price, a casualty count, how long an outage lasted, a country's output: a number
        about something other than the feature."""
        sentence = named.text
        window = sentence[max(0, q.start - 40) : q.end + 25]
        clause_start = max((m.end() for m in CLAUSE.finditer(sentence, 0, q.start)), default=0)
        total = self.not_about["total"].search(sentence, clause_start, q.start)
        if total and not self.not_about["accompanied"].match(sentence, total.start()):
            return True  # "bringing the country's total port capacity to 30 Mt", not "together with its rail ferries"
        subject = self.not_about["subject"].search(sentence, clause_start, q.start)
        if subject and not any(clause_start <= s < subject.start() for _f, s, _e in named.named):
            return True  # "Kazakhstan's output hit 8.95 Mt", but not "the port … will triple the country's …"
        if q.unit in ("t", "TEU") and (
            self.not_about["vessel_size"].search(sentence, max(0, q.start - 40), q.start)
            or self._vessel_after.match(sentence, q.end)
        ):
            return True  # "ships with a deadweight of about 50,000 tons", "10,000 TEU Panamax vessels": ships' sizes
        if q.unit in ("t", "m3", "bbl") and self.not_about["spill"].search(sentence, max(0, q.start - 100), q.start):
            return True  # "a small spill of crude … amounting to less than 12 cubic meters (100 tons)": a spill's size
        if q.unit in ("t", "m3") and (self._material.match(sentence, q.end) or self._material.search(q.stated)):
            return True  # "15 million cubic metres of sand", "1.3 million tonnes of rock": what a build is made of
        if q.unit in ("days", "hours", "count") and self.not_about["procedure"].search(
            sentence, 0 if q.unit != "count" else max(0, q.start - 40), q.start
        ):
            return True  # "clearing one container train now takes 30 minutes, it took up to three hours"
        flow = (
            self._country_flow.search(sentence, clause_start, q.start)
            if q.unit not in ("days", "hours", "km")
            else None
        )
        if flow and not any(flow.end() - 1 <= s < flow.end() + 2 for _f, s, _e in named.named):
            return True  # "transit through Kazakhstan … at 262,000 tonnes": a country's, not the corridor's
        if q.unit == "pct" and self.not_about["ownership"].search(sentence):
            return True  # "The shareholders of SCP Co are bp (29.99 percent), SGC (21.02 percent)": stakes
        if q.unit in (*_MONEY, "pct") and self.not_about["benchmark"].search(sentence, max(0, q.start - 60), q.start):
            return True  # "WTI stood at $60.75, up 2.1%": a crude benchmark's price
        if q.unit == "pct" and self.not_about["earnings"].search(sentence, 0, q.end + 25):
            return True  # "revenues came to 523 million manats, 2.7% less", "90 percent of Iraq's state revenue"
        if q.unit in _MONEY:  # a price, a wage, and what a percentage of revenues is said of too
            return bool(self.not_about["money"].search(window) or self.not_about["earnings"].search(window))
        if q.unit == "count":
            return bool(self.not_about["count"].search(sentence[max(0, q.start - 60) : q.end + 40]))
        if (
            q.unit == "km"
            and (
                self.not_about["length"].search(sentence, q.end, q.end + 20)
                # "Автобан Ашхабад — Туркменбаши … 600 км": a road named after the place
                or any(self.not_about["length"].search(sentence, max(0, s - 30), s) for _f, s, _e in named.named)
                or self.not_about["network"].search(sentence, max(0, q.start - 40), q.start)  # a rail network's
                or self._speed.match(sentence, q.end)  # "22-24 m/s (79.2-86.4 km/h)": a wind's speed
                or self._section.match(sentence, q.end)
                or (
                    self.not_about["distance"].match(
                        sentence, q.end + len(sentence[q.end :]) - len(sentence[q.end :].lstrip())
                    )
                    and not self.span_after(sentence, q)
                )
            )
        ):
            return True  # "a 56-km highway": a road's length; "70 km south of the capital": a distance;
            # "443 km in Azerbaijan": one country's section of the route
        if q.unit in ("days", "hours"):  # how long an outage lasted ("for nine days"); "two days after": a date
            after = q.end + len(sentence[q.end :]) - len(sentence[q.end :].lstrip())
            return bool(
                self._someday.search(sentence, max(0, q.start - 12), q.end)  # "could one day host warships"
                or self._gathering.match(sentence, q.end)  # "the two-day summit": how long a meeting lasts
                or self.not_about["outage"].search(sentence, clause_start, q.start)
                or self.not_about["outage"].match(sentence, after)  # "порт четыре дня не принимал корабли"
                or self.not_about["offset"].match(sentence, after)
                or self._lasting.search(sentence, max(0, q.start - 30), q.start)
            )
        return False

    def span_after(self, sentence: str, q: Quantity) -> re.Match | None:
        """The two ends ("from Baku to") right after a length of what is measured (a span, not a distance)."""
        return self._span.match(sentence, q.end) if q.unit == "km" else None

    def measure(self, sentence: str, q: Quantity) -> str:
        """What the figure measures; a change ("grew by 0.5 Mt") is `other`, so that it is never set
        against a level as a disagreement."""
        if q.unit != "pct" and (
            self._change_before.search(sentence, max(0, q.start - 60), q.start)
            or self._change_after.match(sentence, q.end)
        ):
            return "other"
        if q.unit in _BY_UNIT:
            return _BY_UNIT[q.unit]
        clause_start = max((m.end() for m in CLAUSE.finditer(sentence, 0, q.start)), default=0)
        window = sentence[clause_start : q.end + 20]
        if q.unit in _MONEY:
            return "investment" if self.cues["investment"].search(window) else "other"
        if q.unit == "pct":  # a share ("80% of exports"), else a change ("grew by 6%")
            share = self.cues["share"].search(window) or re.match(r"\s+of\b|\s+от\b", sentence[q.end :])
            return "share" if share else "other"
        if self.cues["capacity"].search(window):
            return "capacity"
        if self.cues["target"].search(window):
            return "target"
        return "volume"


def cue_pattern(cues: list[str]) -> str:
    """Cues match at a word start; Cyrillic cues are stems ("мощност" finds "мощностью"). The word
    start is asserted once for them all: once per cue made each search ~14 times slower."""
    bodies = (
        r"\s+".join(map(re.escape, cue.split())) + ("" if not cue.isascii() or cue.endswith(" ") else r"(?!\w)")
        for cue in cues
    )
    return rf"(?<!\w)(?:{'|'.join(bodies)})"


def breakdown(sentence: Sentence, q: Quantity, found: list[Quantity]) -> bool:
    """Is a length after a colon a section of a length stated before it, with no feature named among
    the sections ("1,768 km long: 443 km cross Azerbaijan, 249 km Georgia")? (Tons after a colon
    split a volume by cargo: they are the feature's.)"""
    colon = sentence.text.rfind(":", 0, q.start)
    return (
        q.unit == "km"
        and colon >= 0
        and any(other.unit == q.unit and other.end <= colon for other in found)
        and not any(start > colon for _f, start, _e in sentence.named)
    )


_CONVERSION_GAP = re.compile(r"\s*[(\[]\s*(?:about\s+|some\s+|около\s+)?$", re.IGNORECASE)


def conversion(sentence: Sentence, q: Quantity, found: list[Quantity]) -> bool:
    """Is the figure the one before it said again in other units, in brackets ("2,300 kilometres (1,400
    miles)", "1,600 km (994 miles)")? The figure stated first stands; its conversion is no second one.
    Counts in brackets are other things counted ("40 trains (2,400 wagons)")."""
    return q.unit != "count" and any(
        other.end <= q.start
        and other.unit == q.unit
        and _unit_words(other.stated) != _unit_words(q.stated)  # not "$600mln ($422mln without …)"
        and _CONVERSION_GAP.fullmatch(sentence.text, other.end, q.start)
        for other in found
    )


def _unit_words(stated: str) -> str:
    return re.sub(r"[\d\s.,]+|more|than|about|over|up|to|более|около|свыше", "", stated.lower())
