"""Score the linker and the event tagger on the real-reporting corpus (tests/pages/real/, issue 21).

    .venv/bin/python tests/real_corpus.py --half tune [--errors]
    .venv/bin/python tests/real_corpus.py --half test

Each page of a half is parsed with the corpus layer, its articles matched to the gold by title, linked
with the linker and tagged with the event tagger, and scored:
- links per (article, feature): precision, recall, and wrong senses (a predicted pair the gold lists
  under `not` and not under `links`);
- events per (article, feature, tag) over the gold-linked pairs (a pair the linker missed has no tags).
The test half is held out: only its aggregate figures are ever printed (`--errors` is refused there).
A gold title no parsed article has is a corpus error, reported, never a crash.

The package scored is whichever `dashboard` comes first on the path (PYTHONPATH=/work/wt/baseline runs
the original code), with the geodata next to it unless `--geodata` says otherwise.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

REAL = Path(__file__).resolve().parent / "pages" / "real"
sys.path.append(str(REAL.parent.parent.parent))  # after PYTHONPATH: another checkout's package wins

import dashboard  # noqa: E402
from dashboard.corpus import parse_file  # noqa: E402
from dashboard.events import TAGS, load_vocabulary  # noqa: E402
from dashboard.gazetteer import load_gazetteer  # noqa: E402
from dashboard.identity import article_id  # noqa: E402
from dashboard.linking import Linker  # noqa: E402

HALVES = ("tune", "test")
PACKAGE_GEODATA = Path(dashboard.__file__).resolve().parent.parent / "geodata"


@dataclass
class Scores:
    links_tp: int = 0
    links_fp: int = 0
    links_fn: int = 0
    wrong_senses: int = 0
    events_tp: int = 0
    events_fp: int = 0
    events_fn: int = 0
    articles: int = 0
    pages: int = 0
    by_tag: dict[str, list[int]] = field(default_factory=lambda: {t: [0, 0, 0] for t in TAGS})  # right, extra, missed
    corpus_errors: list[str] = field(default_factory=list, repr=False)
    # per-case misses: printed for the tuning half only, and never in a repr (a failing test shows the repr)
    errors: list[str] = field(default_factory=list, repr=False)

    @staticmethod
    def _ratio(good: int, bad: int) -> float:
        return good / (good + bad) if good + bad else 1.0

    @property
    def link_precision(self) -> float:
        return self._ratio(self.links_tp, self.links_fp)

    @property
    def link_recall(self) -> float:
        return self._ratio(self.links_tp, self.links_fn)

    @property
    def event_precision(self) -> float:
        return self._ratio(self.events_tp, self.events_fp)

    @property
    def event_recall(self) -> float:
        return self._ratio(self.events_tp, self.events_fn)

    def summary(self) -> str:
        return (
            f"{self.pages} pages, {self.articles} articles; "
            f"links P {self.link_precision:.3f} R {self.link_recall:.3f} "
            f"({self.links_tp} right, {self.links_fp} extra, {self.links_fn} missed), "
            f"wrong senses {self.wrong_senses}; "
            f"events P {self.event_precision:.3f} R {self.event_recall:.3f} "
            f"({self.events_tp} right, {self.events_fp} extra, {self.events_fn} missed)"
        )

    def tag_summary(self) -> str:
        """Per tag: right / extra / missed and precision / recall (aggregate figures, fine for either half)."""
        return "\n".join(
            f"  {tag:<12} {tp:>4} right {fp:>4} extra {fn:>4} missed  P {self._ratio(tp, fp):.3f} R {self._ratio(tp, fn):.3f}"
            for tag, (tp, fp, fn) in self.by_tag.items()
        )


def _tagger(vocabulary, kinds: dict[str, str]) -> Callable:
    """(title, text, mentions, published date) -> {feature: set of tags}: the package's whole-mention tagger where it
    has one (`eventscope`), else (the original code) the tags of each feature's sentences, headline first."""
    try:
        from dashboard.eventscope import link_tags
    except ImportError:
        link_tags = None
    if link_tags is not None:
        return lambda title, text, mentions, published=None: {
            f: set(t) for f, t in link_tags(vocabulary, title, text, mentions, kinds, published).items()
        }

    def per_sentence(title, text, mentions, published=None):
        found = {}
        for feature in dict.fromkeys(m.feature_id for m in mentions):
            said = [m.excerpt for m in mentions if m.feature_id == feature]
            found[feature] = set(vocabulary.tag(list(dict.fromkeys(said))))
        return found

    return per_sentence


def score(half: str, geodata: Path = PACKAGE_GEODATA, pages: str = "*") -> Scores:
    """Every page of one half whose name matches `pages` against its gold."""
    gazetteer = load_gazetteer(geodata)
    linker = Linker(gazetteer.features)
    tagger = _tagger(load_vocabulary(geodata), {f.id: f.kind for f in gazetteer.features})
    scores = Scores()
    for gold_path in sorted((REAL / "gold" / half).glob(f"{pages}.json")):
        _score_page(half, gold_path, linker, tagger, scores)
    return scores


def _score_page(half: str, gold_path: Path, linker: Linker, tagger: Callable, scores: Scores) -> None:
    name = gold_path.stem
    page_path = REAL / half / name
    label = f"{half}/{name}"
    try:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        scores.corpus_errors.append(f"{label}: gold unreadable ({exc})")
        return
    if not page_path.exists():
        scores.corpus_errors.append(f"{label}: gold without a page")
        return
    page = parse_file(page_path, name)
    scores.pages += 1
    parsed = {" ".join(a.title.split()): a for a in page.articles}
    annotated = set()
    for entry in gold.get("articles", []):
        title = " ".join(str(entry.get("title", "")).split())
        article = parsed.get(title)
        if article is None:
            scores.corpus_errors.append(f"{label}: gold title not among the parsed articles: {title!r}")
            continue
        annotated.add(title)
        scores.articles += 1
        headline = None if article.title_derived else article.title
        mentions = linker.link(article_id(title), article.text, headline)
        predicted = {m.feature_id for m in mentions}
        links = set(entry.get("links", {}))
        rejected = {n.get("feature") for n in entry.get("not", []) if isinstance(n, dict)}
        where = f"{label}: {title[:70]!r}"
        for feature in sorted(predicted - links):
            scores.links_fp += 1
            wrong = feature in rejected
            scores.wrong_senses += wrong
            said = next(m for m in mentions if m.feature_id == feature)
            kind = "WRONG SENSE" if wrong else "extra link"
            scores.errors.append(f"{kind} {feature} ({said.matched_text!r}) in {where}: {said.excerpt[:160]!r}")
        for feature in sorted(links - predicted):
            scores.links_fn += 1
            scores.errors.append(f"missed link {feature} {entry['links'][feature]} in {where}")
        scores.links_tp += len(links & predicted)
        found = tagger(article.title, article.text, mentions, article.published) if mentions else {}
        wanted_events = entry.get("events", {})
        for feature in sorted(links):
            wanted, got = set(wanted_events.get(feature, [])), found.get(feature, set()) & set(TAGS)
            scores.events_tp += len(wanted & got)
            scores.events_fp += len(got - wanted)
            scores.events_fn += len(wanted - got)
            for tag in wanted | got:
                scores.by_tag[tag][0 if tag in wanted & got else 1 if tag in got else 2] += 1
            for tag in sorted(got - wanted):
                scores.errors.append(f"extra event {tag} on {feature} in {where}")
            for tag in sorted(wanted - got):
                scores.errors.append(f"missed event {tag} on {feature} in {where}")
    for title in sorted(set(parsed) - annotated):
        scores.corpus_errors.append(f"{label}: parsed article without gold: {title[:80]!r}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--half", choices=HALVES, required=True)
    parser.add_argument("--errors", action="store_true", help="print every miss (tuning half only)")
    parser.add_argument("--geodata", type=Path, default=PACKAGE_GEODATA)
    parser.add_argument("--pages", default="*", help="only the pages whose name matches this glob (a batch: '*_97_*')")
    args = parser.parse_args()
    if args.errors and args.half != "tune":
        parser.error("--errors is for the tuning half only: the test half is held out (figures only)")
    scores = score(args.half, args.geodata, args.pages)
    print(f"package {Path(dashboard.__file__).resolve().parent}, geodata {args.geodata}")
    print(f"{args.half}: {scores.summary()}")
    print(scores.tag_summary())
    if scores.corpus_errors:
        print(f"corpus errors: {len(scores.corpus_errors)}")
        if args.half == "tune":
            print("\n".join("  " + e for e in scores.corpus_errors))
    if args.errors:
        print("\n".join(scores.errors))
    return 0


if __name__ == "__main__":
    sys.exit(main())
