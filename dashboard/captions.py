"""Image captions are part of an article's text (a port may be named only under its photo), kept
after the body as sentences of their own; a caption that only credits the picture ("Photo: Trend",
"Credit: REUTERS/…") says nothing about the story and is left out."""

from __future__ import annotations

import re

from .textnorm import word_count

CAPTION_PREFIX = re.compile(r"^(Photo|Image|Credit|Source|Illustration|Picture)s?\s*:", re.IGNORECASE)
# "… in Baku. Credit: Sputnik/Pool via REUTERS" / "(Photo: AFP)": the credit at a caption's end.
CREDIT_TAIL = re.compile(r"[\s.;,(\u2014\u2013-]*\(?\b(?:credit|source|photo|image)s?\s*:.*$", re.IGNORECASE)
MIN_CAPTION_WORDS = 4  # fewer words than this: a credit or a photographer's name, not a caption


def caption_sentence(raw: str) -> str | None:
    """The caption as a sentence of the article, or None when it only credits the picture."""
    text = " ".join(raw.split())
    text = CAPTION_PREFIX.sub("", text).strip()
    text = CREDIT_TAIL.sub("", text).strip(" \t-\u2013\u2014|,;:")
    if word_count(text) < MIN_CAPTION_WORDS:
        return None
    return text if text.endswith((".", "!", "?", "\u2026")) else text + "."


def with_captions(paragraphs: list[str], captions: list[str]) -> list[str]:
    """The body, then each caption that is more than a credit (once, and not a repeat of the body)."""
    body = set(paragraphs)
    kept = [c for c in dict.fromkeys(filter(None, map(caption_sentence, captions))) if c not in body]
    return paragraphs + kept
