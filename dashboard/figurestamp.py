"""The stamp of what the figures an index holds were extracted with: the extractor's and the linker's
code and the extractor's words. When it changes, the index links every article again and re-extracts
every figure (`ingest`)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from . import (
    figurefilter,
    figurerefs,
    figures,
    figuretext,
    figurewords,
    linking,
    periods,
    quantities,
    senses,
    sentences,
    stated,
    textnorm,
)

# The linker's code too: what it finds is what the figures are attached to, and both are redone together.
_MODULES = (
    figurefilter,
    figures,
    figurerefs,
    figuretext,
    figurewords,
    linking,
    periods,
    quantities,
    senses,
    sentences,
    stated,
    textnorm,
)
_SOURCES = tuple(Path(m.__file__) for m in _MODULES)


def signature() -> str:
    """Changes whenever the linker's or the extractor's code, or the extractor's words, change: the
    index then links every article again and re-extracts every figure."""
    digest = hashlib.sha256()
    for path in (*_SOURCES, figurewords.WORDS_FILE):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
