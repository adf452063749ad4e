"""Annotated pages for the linking gold set, written with their annotation inline.

A `tests/pages/linking/annotated/NAME.ann` file is a listing page whose mentions are marked where
they stand: `[[surface|feature-id]]` is a mention an analyst links, `[[surface|-why]]` an occurrence
in another sense that must not be linked. Stripping the marks gives `tests/pages/linking/NAME.txt`,
and the marks give that page's entry in `gold.json` (title marks are headline mentions). The gold
was written this way before the linker ever ran on these pages.

    .venv/bin/python tests/linking_annotations.py   # rewrite the .txt pages and their gold entries

Sentences are cut with a deliberately plain rule (end punctuation, then a capital), which these
pages are written to satisfy; it is independent of the linker's own segmenter.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
LINKING = HERE / "pages" / "linking"
ANNOTATED = LINKING / "annotated"
MARK = re.compile(r"\[\[([^|\]]+)\|([^\]]+)\]\]")
SENTENCE_END = re.compile(r"(?<=[.!?\u2026])[\"\u201d\u2019)]*\s+(?=[A-Z\u201c\"\u2018(\u0410-\u042f\u04010-9])")
BULLET = re.compile(r"^\s*\u2022\s*")


def strip_line(line: str) -> tuple[str, list[tuple[int, int, str]]]:
    """The line without marks, and each mark as (start, end, label) in the stripped line."""
    out, marks, last = [], [], 0
    for match in MARK.finditer(line):
        out.append(line[last : match.start()])
        start = sum(map(len, out))
        out.append(match.group(1))
        marks.append((start, start + len(match.group(1)), match.group(2)))
        last = match.end()
    out.append(line[last:])
    return "".join(out), marks


def sentence_at(paragraph: str, offset: int) -> str:
    start = 0
    for boundary in SENTENCE_END.finditer(paragraph):
        if boundary.start() >= offset:
            return paragraph[start : boundary.start()].strip()
        start = boundary.end()
    return paragraph[start:].strip()


def page_gold(ann: Path) -> tuple[str, dict]:
    """The page text and its gold entry {family, articles: {title: {mentions, not}}}."""
    from dashboard.listings import parse_page

    lines = [strip_line(line) for line in ann.read_text(encoding="utf-8").split("\n")]
    text = "\n".join(line for line, _ in lines)
    page = parse_page(ann.with_suffix(".txt").name, text)
    articles: dict[str, dict] = {a.title: {"mentions": [], "not": []} for a in page.articles}
    for line, marks in lines:
        if not marks:
            continue
        paragraph = BULLET.sub("", line).strip()
        shift = len(line) - len(line.lstrip()) + (len(line.lstrip()) - len(BULLET.sub("", line).lstrip()))
        owner = next((a for a in page.articles if a.title == line.strip()), None)
        headline = owner is not None
        if owner is None:
            owner = next(a for a in page.articles if paragraph in a.text)
        record = articles[owner.title]
        for start, end, label in marks:
            surface = line[start:end]
            sentence = owner.title if headline else sentence_at(paragraph, start - shift)
            assert surface in sentence, (ann.name, surface, sentence)
            if label.startswith("-"):
                record["not"].append({"text": surface, "sentence": sentence, "note": label[1:]})
            else:
                item = {"feature": label, "text": surface, "sentence": sentence}
                if headline:
                    item["kind"] = "headline"
                record["mentions"].append(item)
    for record in articles.values():
        if not record["not"]:
            del record["not"]
    return text, {"family": page.family, "annotated": f"annotated/{ann.name}", "articles": articles}


def main() -> None:
    gold_path = LINKING / "gold.json"
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    for ann in sorted(ANNOTATED.glob("*.ann")):
        text, entry = page_gold(ann)
        (LINKING / ann.with_suffix(".txt").name).write_text(text, encoding="utf-8")
        gold["pages"][ann.with_suffix(".txt").name] = entry
    gold_path.write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    sys.path.insert(0, str(HERE.parent))
    main()
