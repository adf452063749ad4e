"""The index's change signature (`gazetteer.link_signature`) covers everything that can change a
link: each field of the geodata is changed once, generically (fields added later are covered too),
and wherever the links change the signature must change, or an existing index would never be
re-linked."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from conftest import GEODATA, SEEDS

from dashboard import gazetteer as gazetteer_module
from dashboard.corpus import load_corpus
from dashboard.gazetteer import load_gazetteer
from dashboard.linking import Linker

FILES = ("routes.geojson", "ports.geojson")
# Texts where the sense rules and descriptions decide: `CPC` with no cue of its own, supported only
# by a related feature named in the article (NCSP, Novorossiysk's port); `CPC` right after a `before`
# cue naming another sense; a route named by a description only.
PROBES = [
    ("Officials of the CPC met on Tuesday.", "Crews waited at NCSP for a week."),
    ("Shipping", "Oil exports by the Chinese CPC rose."),
    ("Exclave", "Baku wants a transit route to Nakhchivan."),
]


def _paths(value, path=()):
    """Every path of a feature's properties: objects by key, list items as `[]`."""
    yield path
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*path, key))
    elif isinstance(value, list):
        for item in value:
            yield from _paths(item, (*path, "[]"))


def _changed(value):
    if isinstance(value, bool):
        return not value
    if isinstance(value, int | float):
        return value + 1
    if isinstance(value, str):
        return value + "q"
    if isinstance(value, list):
        return []
    if isinstance(value, dict):
        return {}
    return "changed"


def _mutate(value, path):
    """`value` with every node at `path` changed."""
    if not path:
        return _changed(value)
    head, rest = path[0], path[1:]
    if head == "[]" and isinstance(value, list):
        return [_mutate(item, rest) for item in value]
    if isinstance(value, dict) and head in value:
        return {**value, head: _mutate(value[head], rest)}
    return value


def _write(folder: Path, collections: dict[str, dict]) -> Path:
    folder.mkdir()
    for name, collection in collections.items():
        (folder / name).write_text(json.dumps(collection, ensure_ascii=False), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def articles():
    return [(a.id, a.title, a.text, a.title_derived) for a in load_corpus(SEEDS).articles] + [
        (f"probe{n}", title, text, False) for n, (title, text) in enumerate(PROBES)
    ]


def _links(gazetteer, articles) -> set:
    linker = Linker(gazetteer.features)
    return {
        (article_id, m.feature_id, m.start, m.alias_start, m.kind)
        for article_id, title, text, derived in articles
        for m in linker.link(article_id, text, None if derived else title)
    }


# Fields the linker reads: changing each must change links (the check has teeth).
READ_BY_THE_LINKER = {"aliases/[]/name", "sense/related", "sense/before", "descriptions"}


def test_every_field_that_changes_a_link_changes_the_signature(tmp_path, articles, monkeypatch):
    # Only the features matter here: the base map is read once and the spatial checks are skipped.
    basemap = gazetteer_module.load_basemap(GEODATA, [])
    monkeypatch.setattr(gazetteer_module, "load_basemap", lambda _folder, _problems: basemap)
    monkeypatch.setattr(gazetteer_module, "spatial_problems", lambda *_args: [])
    original = {name: json.loads((GEODATA / name).read_text(encoding="utf-8")) for name in FILES}
    gazetteer = load_gazetteer(_write(tmp_path / "original", original))
    signature, links = gazetteer.alias_signature(), _links(gazetteer, articles)
    paths = sorted(
        {p for c in original.values() for f in c["features"] for p in _paths(f["properties"]) if p},
    )
    missed, relinking = [], []
    for n, path in enumerate(paths):
        mutated = copy.deepcopy(original)
        for collection in mutated.values():
            for feature in collection["features"]:
                feature["properties"] = _mutate(feature["properties"], path)
        changed = load_gazetteer(_write(tmp_path / f"m{n}", mutated))
        new_signature = changed.alias_signature()
        # A changed signature re-links whatever the links do: only an unchanged one needs them compared.
        if new_signature != signature and "/".join(path) not in READ_BY_THE_LINKER:
            continue
        if _links(changed, articles) != links:
            relinking.append("/".join(path))
            if new_signature == signature:
                missed.append("/".join(path))
    assert missed == []
    assert set(relinking) >= READ_BY_THE_LINKER, relinking
