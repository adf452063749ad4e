"""Figures on real reporting (issue 22, item 6): the extractor, after the linker and the analysts'
corrections as the index runs them, scored against the annotated corpus in `tests/pages/real/`.

A predicted figure is right when the gold has the same article, feature and unit and a value within
0.5% (the low end of a range); each gold figure is matched once. A `not_figures` entry is attached
when a predicted figure's words are among its words (or the reverse): there must be none.

    .venv/bin/python tests/real_figures.py [--half tune|test] [--errors]

`--errors` lists each miss and each wrong figure, for the tuning half only: the test half is only
ever scored, as totals (its texts are never printed, nor read while writing rules).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from dashboard.corpus import load_corpus  # noqa: E402
from dashboard.figures import FigureExtractor  # noqa: E402
from dashboard.figurewords import load_words  # noqa: E402
from dashboard.gazetteer import load_gazetteer  # noqa: E402
from dashboard.linking import Linker, apply_corrections, link_article  # noqa: E402
from dashboard.quantities import tokens  # noqa: E402
from dashboard.stated import Figure  # noqa: E402

REAL = REPO / "tests" / "pages" / "real"
TOLERANCE = 0.005
WORDS = load_words()[0]


@dataclass
class Score:
    predicted: int = 0
    gold: int = 0
    right: int = 0
    not_figures: int = 0  # must-not numbers in the gold
    attached: int = 0  # of those, attached to a feature
    articles: int = 0
    unlinked: int = 0  # gold figures on a feature the linker did not link in that article
    missed_by: dict[str, int] = field(default_factory=dict)  # "unit/measure/per" of gold figures not found
    errors: list[str] = field(default_factory=list, repr=False)  # never shown by a failing test

    @property
    def precision(self) -> float:
        return self.right / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.right / self.gold if self.gold else 1.0

    def line(self, half: str) -> str:
        return (
            f"{half}: {self.articles} articles, {self.gold} gold figures, {self.predicted} predicted, "
            f"{self.right} right: precision {self.precision:.3f}, recall {self.recall:.3f}; "
            f"must-not numbers attached: {self.attached} of {self.not_figures}; "
            f"{self.unlinked} gold figures on features the linker missed (recall on the rest "
            f"{self.right / max(self.gold - self.unlinked, 1):.3f})"
        )


def _same(figure: Figure, gold: dict) -> bool:
    value = float(gold["value"])
    return (
        figure.feature_id == gold["feature"]
        and figure.unit == gold["unit"]
        and abs(figure.value - value) <= TOLERANCE * max(abs(value), 1e-9)
    )


def _words(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def _overlaps(stated: str, other: str) -> bool:
    """Do a figure's words state the must-not number? Its words and the must-not's overlap, and hold
    the must-not's number ("the three moorings" does not state "two of the three moorings")."""
    a, b = _words(stated), _words(other)
    overlap = bool(a and b) and (
        re.search(rf"(?<!\w){re.escape(a)}(?!\w)", b) is not None
        or re.search(rf"(?<!\w){re.escape(b)}(?!\w)", a) is not None
    )
    number = next((t.text for t in tokens(b) if t.kind == "num" or t.text in WORDS.numbers), None)
    return overlap and (number is None or number in {t.text for t in tokens(a)})


def score(half: str, errors: bool = False, pages_glob: str = "*") -> Score:
    """The extractor's score on one half of the corpus (the pages whose name matches `pages_glob`)."""
    pages = REAL / half
    gazetteer = load_gazetteer(REPO / "geodata")
    linker, extractor = Linker(gazetteer.features), FigureExtractor(gazetteer.features)
    corpus = load_corpus(pages)
    by_page: dict[tuple[str, str], object] = {}
    for article in corpus.articles:
        for sighting in article.source_files:
            by_page[(sighting.file, sighting.title or article.title)] = article
            by_page.setdefault((sighting.file, article.title), article)
    result = Score()
    for gold_file in sorted((REAL / "gold" / half).glob(f"{pages_glob}.json")):
        page = gold_file.name[: -len(".json")]
        for annotated in json.loads(gold_file.read_text(encoding="utf-8"))["articles"]:
            result.articles += 1
            article = by_page.get((page, annotated["title"]))
            gold = annotated.get("figures", [])
            not_figures = annotated.get("not_figures", [])
            result.gold += len(gold)
            result.not_figures += len(not_figures)
            if article is None:
                if errors:
                    result.errors.append(f"{page}: article {annotated['title']!r} not read from the page")
                continue
            mentions = apply_corrections(
                article.id,
                article.title,
                article.text,
                link_article(linker, article),
                gazetteer.corrections,
                gazetteer.by_id,
            )
            linked = {m.feature_id for m in mentions}
            result.unlinked += sum(1 for g in gold if g["feature"] not in linked)
            headline = None if article.title_derived else article.title
            found = extractor.extract(article.id, article.text, headline, mentions, article.date)
            result.predicted += len(found)
            unmatched = list(gold)
            for figure in found:
                match = next((g for g in unmatched if _same(figure, g)), None)
                if match is not None:
                    unmatched.remove(match)
                    result.right += 1
                elif errors:
                    result.errors.append(
                        f"{page}: WRONG {figure.feature_id} {figure.value:g} {figure.unit} ({figure.stated!r}) "
                        f"in: {figure.excerpt[:160]!r}"
                    )
                for bad in not_figures:
                    if _overlaps(figure.stated, bad["stated"]):
                        result.attached += 1
                        if errors:
                            result.errors.append(
                                f"{page}: MUST-NOT {figure.feature_id} {figure.stated!r} ({bad['why']})"
                            )
            for g in unmatched:
                key = f"{g['unit']}/{g['measure']}/{g['per']}"
                result.missed_by[key] = result.missed_by.get(key, 0) + 1
            if errors:
                for g in unmatched:
                    result.errors.append(f"{page}: MISSED {g['feature']} {g['value']:g} {g['unit']} ({g['stated']!r})")
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--half", choices=("tune", "test"), action="append")
    parser.add_argument("--errors", action="store_true", help="list each error (tuning half only)")
    parser.add_argument("--pages", default="*", help="only the pages whose name matches this glob (a batch: '*_97_*')")
    args = parser.parse_args(argv)
    for half in args.half or ("tune", "test"):
        result = score(half, errors=args.errors and half == "tune", pages_glob=args.pages)
        for line in result.errors:
            print(line)
        print(result.line(half))
        missed = sorted(result.missed_by.items(), key=lambda item: -item[1])
        print("  missed, by unit/measure/per: " + ", ".join(f"{key} {n}" for key, n in missed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
