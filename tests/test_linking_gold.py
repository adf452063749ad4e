"""The linker against hand-annotated pages of the three families (tests/pages/linking/).

`gold.json` says what an analyst should link in every article: feature, surface text and sentence, in
text order. Each page must come out exactly so (non-stretch mentions); the stretch mentions (Russian
names, routes named without an alias) have their own test. Failure messages give precision and
recall over the whole set, strict (feature, text, sentence) and lenient (the right feature at the right
place, whatever the excerpt boundaries and span).
"""

from __future__ import annotations

import functools
import json
import re

import pytest
from conftest import GEODATA, PAGES
from hypothesis import given, settings
from hypothesis import strategies as st
from linking_annotations import ANNOTATED, page_gold

from dashboard.corpus import parse_file
from dashboard.gazetteer import Alias, load_gazetteer
from dashboard.identity import article_id
from dashboard.linking import Linker
from dashboard.textnorm import fold, fold_chars

LINKING = PAGES / "linking"
GOLD: dict = json.loads((LINKING / "gold.json").read_text(encoding="utf-8"))["pages"]


@functools.cache
def features() -> tuple:
    gazetteer = load_gazetteer(GEODATA)
    return tuple(gazetteer.features)


@functools.cache
def linker() -> Linker:
    return Linker(features())


@functools.cache
def page_articles(name: str) -> dict[str, str]:
    """Title -> text of every article on a page, as the corpus parser reads it."""
    return {a.title: a.text for a in parsed(name).values()}


@functools.cache
def parsed(name: str) -> dict:
    return {a.title: a for a in parse_file(LINKING / name, name).articles}


@functools.cache
def found(name: str, title: str) -> tuple[tuple[str, str, str], ...]:
    """What the linker finds in one article, headline first: (feature, matched text, excerpt)."""
    article = parsed(name)[title]
    mentions = linker().link(article_id(title), article.text, None if article.title_derived else title)
    return tuple((m.feature_id, m.matched_text, m.excerpt) for m in mentions)


# --- matching found mentions to gold ----------------------------------------------------------


def _same(gold: dict, hit: tuple[str, str, str], lenient: bool) -> bool:
    """Strict: same feature, text and sentence. Lenient: same feature at the same place (one sentence holds
    the other, one text holds the other), so excerpt-boundary and span differences do not count."""
    feature, text, sentence = hit
    if gold["feature"] != feature:
        return False
    if not lenient:
        return gold["sentence"] == sentence and (gold.get("implicit", False) or gold["text"] == text)
    if gold["sentence"] not in sentence and sentence not in gold["sentence"]:
        return False
    return gold.get("implicit", False) or gold["text"] in text or text in gold["text"]


def align(gold: list[dict], hits, lenient: bool = False) -> tuple[dict[int, int], list[int], list[int]]:
    """Pair gold mentions with found ones (first unused equal one). Returns pairs, unmatched gold, unmatched hits."""
    used: dict[int, int] = {}
    missing = []
    for g_index, item in enumerate(gold):
        for h_index, hit in enumerate(hits):
            if h_index not in used.values() and _same(item, hit, lenient):
                used[g_index] = h_index
                break
        else:
            missing.append(g_index)
    extra = [h for h in range(len(hits)) if h not in used.values()]
    return used, missing, extra


def score(lenient: bool = False, stretch: bool = False) -> tuple[int, int, int]:
    """(true positives, false positives, false negatives) over the whole set.

    Without `stretch`, stretch gold mentions are left out, and found mentions that match one of them
    (leniently) count neither way.
    """
    tp = fp = fn = 0
    for name, page in GOLD.items():
        for title, record in page["articles"].items():
            gold = record["mentions"]
            hits = list(found(name, title))
            if not stretch:
                _, _, others = align([g for g in gold if g.get("stretch")], hits, lenient=True)
                hits = [hits[i] for i in others]
                gold = [g for g in gold if not g.get("stretch")]
            pairs, missing, extra = align(gold, hits, lenient)
            tp, fp, fn = tp + len(pairs), fp + len(extra), fn + len(missing)
    return tp, fp, fn


def summary() -> str:
    lines = []
    for label, lenient, stretch in (
        ("strict (feature, text, sentence) ", False, False),
        ("lenient (feature at its place)   ", True, False),
        ("strict, with stretch mentions    ", False, True),
    ):
        tp, fp, fn = score(lenient, stretch)
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        lines.append(f"  {label}: precision {precision:.3f} ({tp}/{tp + fp}), recall {recall:.3f} ({tp}/{tp + fn})")
    return "whole gold set:\n" + "\n".join(lines)


def _why_not(record: dict, hit: tuple[str, str, str]) -> str:
    for item in record.get("not", []):
        if item["sentence"] == hit[2] and (item["text"] in hit[1] or hit[1] in item["text"]):
            return f"  <- wrong sense: {item['note']}"
    return ""


def _describe(hit_or_gold) -> str:
    if isinstance(hit_or_gold, dict):
        feature, text, sentence = hit_or_gold["feature"], hit_or_gold["text"], hit_or_gold["sentence"]
    else:
        feature, text, sentence = hit_or_gold
    return f"{feature:<28} {text!r}\n        in: {sentence!r}"


# --- tests ----------------------------------------------------------------------------------------


def test_gold_matches_the_pages():
    """Every parsed article is annotated, and every gold sentence and text is where it says."""
    assert sorted(GOLD) == sorted(p.name for p in LINKING.glob("*.txt"))
    for name, page in GOLD.items():
        articles = page_articles(name)
        assert sorted(articles) == sorted(page["articles"]), name
        for title, record in page["articles"].items():
            text = articles[title]
            last = -1
            for item in record["mentions"]:
                if item.get("kind") == "headline":
                    assert item["sentence"] == title and item["text"] in title and last == -1, (name, title, item)
                    continue
                assert item["sentence"] in text, (name, title, item)
                assert item["text"] in item["sentence"], (name, title, item)
                position = text.index(item["sentence"]) + item["sentence"].index(item["text"])
                assert position >= last or item["sentence"].count(item["text"]) > 1, (name, title, item)
                last = position
            for item in record.get("not", []):
                assert item["text"] in item["sentence"], (name, title, item)
                assert item["sentence"] in text or item["sentence"] == title, (name, title, item)


def test_annotated_pages_are_their_marked_sources():
    """A page written with inline marks is its source with the marks stripped, and its gold is
    exactly what the marks say (so neither can drift from the annotation)."""
    sources = sorted(ANNOTATED.glob("*.ann"))
    assert len(sources) >= 4
    articles = 0
    for source in sources:
        text, entry = page_gold(source)
        page = source.with_suffix(".txt").name
        assert (LINKING / page).read_text(encoding="utf-8") == text, page
        assert GOLD[page] == entry, page
        articles += len(entry["articles"])
    assert articles >= 40


@pytest.mark.parametrize("name", sorted(GOLD))
def test_page_links_exactly_its_explicit_mentions(name):
    problems = []
    for title, record in GOLD[name]["articles"].items():
        gold = record["mentions"]
        hits = found(name, title)
        stretch = [g for g in gold if g.get("stretch")]
        core = [g for g in gold if not g.get("stretch")]
        _, _, not_stretch = align(stretch, hits, lenient=True)  # stretch ones are judged in their own test
        remaining = [hits[i] for i in not_stretch]
        expected = [(g["feature"], g["text"], g["sentence"]) for g in core]
        if remaining == expected:
            continue
        _, missing, extra = align(core, remaining)
        lines = [f"[{title}]"]
        lines += [f"  missing    {_describe(core[i])}" for i in missing]
        lines += [f"  unexpected {_describe(remaining[i])}{_why_not(record, remaining[i])}" for i in extra]
        if not missing and not extra:
            lines.append("  same mentions, different order")
        problems.append("\n".join(lines))
    assert not problems, "\n".join(problems) + "\n" + summary()


def test_stretch_mentions_are_found():
    problems = []
    for name, page in GOLD.items():
        for title, record in page["articles"].items():
            stretch = [g for g in record["mentions"] if g.get("stretch")]
            _, missing, _ = align(stretch, found(name, title))
            problems += [f"[{name} / {title}] missing {_describe(stretch[i])}" for i in missing]
    assert not problems, "\n".join(problems) + "\n" + summary()


# --- property: excerpts and matched text are always consistent ------------------------------------

DASH_FORMS = ["-", "\u2010", "\u2011", "\u2013", "\u2014", " - ", " \u2013 ", "\u00a0\u2013\u00a0", "\u2013 ", "\u2212"]
SPACE_FORMS = [" ", "\u00a0", "  ", "\n", " \n", "\u202f", "\t"]
NOISE = [
    " ",
    "  ",
    "\u00a0",
    "\n",
    "\n\n",
    ". ",
    "? ",
    "! ",
    "...",
    "\u2026",
    "U.S.",
    "U.S. ",
    "D.C. ",
    "Dr. ",
    "J. ",
    "1.7 million",
    "0.3",
    "\u201c",
    "\u201d",
    "\u2019s ",
    "'s ",
    "(",
    ")",
    "\u2022 ",
    "oil",
    "crude",
    "port",
    "pipeline",
    "crash",
    "signed in ",
    "Communist Party",
    "bitcoin",
    "Baku",
    "Alatau",
    "cpc.ru",
    "btc",
    "Nakhchivan",
    "land route through Armenia to ",
    "\u0130",
    "\u00df",
    "The",
    "a",
]


def _variant(name: str, dash: str, space: str, case: str) -> str:
    name = re.sub(r"[\-\u2010-\u2015]", dash, name)
    name = name.replace(" ", space)
    return {"keep": name, "lower": name.lower(), "upper": name.upper(), "title": name.title()}[case]


@functools.cache
def _alias_names() -> list[str]:
    return sorted({a.name for f in features() for a in f.aliases})


def _norm(text: str) -> str:
    return re.sub(r"\s*-\s*", "-", fold(text))


def _norm_cs(text: str) -> str:
    return re.sub(r"\s*-\s*", "-", re.sub(r"\s+", " ", fold_chars(text))).strip()


ALIAS_TEXT = st.builds(
    _variant,
    st.sampled_from(_alias_names()),
    st.sampled_from(DASH_FORMS),
    st.sampled_from(SPACE_FORMS),
    st.sampled_from(["keep", "keep", "lower", "upper", "title"]),
)
TEXTS = st.lists(st.one_of(ALIAS_TEXT, st.sampled_from(NOISE)), max_size=25).flatmap(
    lambda parts: st.sampled_from([" ", ""]).map(lambda glue: glue.join(parts))
)


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_every_mention_is_its_sentence_slice_and_one_of_its_features_aliases(text):
    by_id = {f.id: f for f in features()}
    for m in linker().link("property", text):
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start : m.end] == m.excerpt
        assert m.excerpt == m.excerpt.strip()
        assert 0 <= m.alias_start < m.alias_end <= len(m.excerpt)
        matched = m.matched_text
        assert matched == m.excerpt[m.alias_start : m.alias_end] and matched.strip() == matched
        feature = by_id[m.feature_id]
        if m.alias.startswith("described"):
            assert m.alias in {d.label for d in feature.descriptions}
            continue
        aliases: list[Alias] = [a for a in feature.aliases if a.name == m.alias]
        assert aliases, f"{m.alias!r} is not an alias of {m.feature_id}"
        (alias,) = aliases
        if alias.stem:
            assert _norm(matched).startswith(_norm(alias.name)), (matched, alias)
        elif alias.endings:  # the name, or the name with one of its case endings ("Хоргосқа")
            assert any(_norm(matched) == _norm(alias.name + e) for e in ("", *alias.endings)), (matched, alias)
        else:
            assert _norm(matched) == _norm(alias.name), (matched, alias)
        if alias.case_sensitive:
            assert _norm_cs(matched) == _norm_cs(alias.name), (matched, alias)
