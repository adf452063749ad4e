"""Whole-folder fuzz of the page reader (issue 27): hypothesis damages copies of the seed pages and of
the saved HTML pages (cut at a byte, bytes overwritten, control characters, a stretch re-encoded or
the whole file in another encoding, a block duplicated, tags nested thousands deep, a listing wrapped
in HTML, a huge line, a run of punctuation) and drops them beside the undamaged pages. Reading the
folder never raises, the reader's catch-all is never needed, every problem names a file of the folder,
and every article of the undamaged pages is still there with its sightings.

Deterministic (`derandomize`) and bounded: about a hundred folders, a few seconds.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from conftest import PAGES, SEEDS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashboard.corpus import load_corpus

SOURCES = {path.name: path.read_bytes() for path in [*sorted(SEEDS.iterdir()), *sorted((PAGES / "articles").iterdir())]}
CONTROL = "".join(map(chr, [*range(0, 9), 11, 12, *range(14, 32), 127, 0x85, 0xFEFF, 0xFFFE, 0x2028, 0xD800]))
ENCODINGS = ["cp1251", "latin-1", "koi8-r", "utf-16", "utf-16-be", "utf-32", "utf-8-sig", "shift_jis", "cp1252"]
READER_BUG = "a bug in the reader"


def _at(data: bytes, where: float) -> int:
    return int(len(data) * where)


def truncate(data: bytes, where: float) -> bytes:
    return data[: _at(data, where)]


def overwrite(data: bytes, where: float, noise: bytes) -> bytes:
    at = _at(data, where)
    return data[:at] + noise + data[at + len(noise) :]


def control_characters(data: bytes, where: float, chars: str) -> bytes:
    at = _at(data, where)
    return data[:at] + chars.encode("utf-8", "surrogatepass") + data[at:]


def reencode_stretch(data: bytes, start: float, end: float, encoding: str) -> bytes:
    """A stretch of the page in another encoding than the rest: a page pasted together."""
    first, last = sorted((_at(data, start), _at(data, end)))
    stretch = data[first:last].decode("utf-8", "replace").encode(encoding, "replace")
    return data[:first] + stretch + data[last:]


def reencode_whole(data: bytes, encoding: str) -> bytes:
    return data.decode("utf-8", "replace").encode(encoding, "replace")


def duplicate_block(data: bytes, start: float, end: float, where: float) -> bytes:
    first, last = sorted((_at(data, start), _at(data, end)))
    at = _at(data, where)
    return data[:at] + data[first:last] * 2 + data[at:]


def nest(data: bytes, where: float, tag: str, depth: int, closed: bool) -> bytes:
    at = _at(data, where)
    opening, closing = f"<{tag}>".encode() * depth, f"</{tag}>".encode() * depth if closed else b""
    return data[:at] + opening + b"deep text " + closing + data[at:]


def wrap_in_html(data: bytes) -> bytes:
    return b"<!DOCTYPE html><html><head><title>Saved</title></head><body><pre>" + data + b"</pre></body></html>"


def huge_line(data: bytes, where: float, char: str, length: int) -> bytes:
    at = _at(data, where)
    return data[:at] + (char * length).encode("utf-8") + data[at:]


WHERE = st.floats(min_value=0, max_value=1)
DAMAGE = st.one_of(
    st.tuples(st.just(truncate), WHERE),
    st.tuples(st.just(overwrite), WHERE, st.binary(min_size=1, max_size=64)),
    st.tuples(st.just(control_characters), WHERE, st.text(st.sampled_from(CONTROL), min_size=1, max_size=12)),
    st.tuples(st.just(reencode_stretch), WHERE, WHERE, st.sampled_from(ENCODINGS)),
    st.tuples(st.just(reencode_whole), st.sampled_from(ENCODINGS)),
    st.tuples(st.just(duplicate_block), WHERE, WHERE, WHERE),
    st.tuples(
        st.just(nest),
        WHERE,
        st.sampled_from(["div", "p", "span", "b", "article", "li"]),
        st.integers(200, 3000),
        st.booleans(),
    ),
    st.tuples(st.just(wrap_in_html)),
    st.tuples(st.just(huge_line), WHERE, st.sampled_from(["x", "ж", " ", ".", "<", "—"]), st.integers(1000, 200_000)),
)
DAMAGED_PAGE = st.tuples(st.sampled_from(sorted(SOURCES)), st.lists(DAMAGE, min_size=1, max_size=3))


def damaged(source: str, damages) -> bytes:
    data = SOURCES[source]
    for damage, *arguments in damages:
        data = damage(data, *arguments)
    return data


@pytest.fixture(scope="module")
def undamaged() -> dict[str, set[tuple[str, int]]]:
    """Every article of the undamaged pages: id -> its sightings (file, first line)."""
    with tempfile.TemporaryDirectory() as folder:
        for name, data in SOURCES.items():
            (Path(folder) / name).write_bytes(data)
        corpus = load_corpus(Path(folder))
    assert len(corpus.articles) > 30 and not [p for p in corpus.problems if READER_BUG in p.message]
    return {a.id: {(s.file, s.first_line) for s in a.source_files} for a in corpus.articles}


@settings(
    max_examples=50,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.lists(DAMAGED_PAGE, min_size=1, max_size=2))
def test_damaged_pages_cost_their_own_articles_only(undamaged, pages):
    with tempfile.TemporaryDirectory() as folder:
        seeds = Path(folder)
        for name, data in SOURCES.items():
            (seeds / name).write_bytes(data)
        names = set(SOURCES)
        for number, (source, damages) in enumerate(pages):
            name = f"zz_damaged_{number}_{source}"
            (seeds / name).write_bytes(damaged(source, damages))
            names.add(name)
        corpus = load_corpus(seeds)
    for problem in corpus.problems:
        assert problem.file in names and str(problem).startswith(problem.file), problem
        assert READER_BUG not in problem.message, problem
    found = {a.id: {(s.file, s.first_line) for s in a.source_files} for a in corpus.articles}
    for article_id, sightings in undamaged.items():
        assert article_id in found, article_id
        assert sightings <= found[article_id], article_id


def test_the_damages_damage():
    """Each damage changes the page it is given (a fuzz whose mutations were no-ops would pass)."""
    page = SOURCES["caspian_courier_alat.html"]
    assert truncate(page, 0.5) == page[: len(page) // 2]
    assert b"\x00" in control_characters(page, 0.3, "\x00")
    assert reencode_stretch(page, 0.2, 0.9, "utf-16") != page
    assert reencode_whole(page, "utf-32").startswith(b"\xff\xfe\x00\x00")
    assert len(duplicate_block(page, 0.1, 0.2, 0.5)) > len(page)
    assert nest(page, 0.5, "div", 300, False).count(b"<div>") >= 300
    assert wrap_in_html(SOURCES[next(iter(SOURCES))]).startswith(b"<!DOCTYPE html>")
    assert len(huge_line(page, 0.5, "x", 10_000)) == len(page) + 10_000
