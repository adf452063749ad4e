"""One rule per concept (issue 23.5): the app, the map, the charts and the deck share the invisible
characters they drop, the short name of a feature and the date reader; no module keeps its own copy."""

from __future__ import annotations

import pytest
from conftest import GEODATA

from dashboard import dates, digest
from dashboard.charts import _label_names
from dashboard.export.textfit import clean
from dashboard.features import short_name
from dashboard.gazetteer import load_gazetteer
from dashboard.textnorm import CONTROL, INVISIBLE, strip_invisible
from dashboard.ui.html import shown


@pytest.mark.parametrize("char", list(INVISIBLE), ids=[f"U+{ord(c):04X}" for c in INVISIBLE])
def test_every_invisible_character_is_dropped_by_the_linker_the_app_and_the_deck(char):
    text = f"Ak{char}tau"
    assert strip_invisible(text) == shown(text) == clean(text) == "Aktau"


def test_control_characters_are_never_shown_as_they_are():
    for char in CONTROL:
        assert char not in shown(f"a{char}b") and char not in clean(f"a{char}b")


def test_a_feature_has_one_short_name_on_the_map_in_the_legends_and_on_the_slides():
    features = load_gazetteer(GEODATA).features
    legends = _label_names(features, 999)
    assert {f.id: short_name(f) for f in features} == legends
    aktau = next(f for f in features if f.id == "aktau")
    assert short_name(aktau) == "Aktau"  # a port by its first alias, whatever the legend or slide


def test_one_date_reader_for_pages_and_options():
    assert dates.parse_date("0001-01-01") == "0001-01-01"  # not 2001: the ISO form is read as written
    assert dates.parse_date("2025-02-30") is None
    assert digest.option_date("16 May 2025", "--since").isoformat() == "2025-05-16"
    assert getattr(digest, "parse_date", dates.parse_date) is dates.parse_date  # no second reader
