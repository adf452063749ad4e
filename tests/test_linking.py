"""The linker's rules, each with its counter-example, on small hand-made features; the segmenter;
the counts; and the command-line contract on the seeds."""

from __future__ import annotations

import pytest
from conftest import cli_json
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard.gazetteer import Alias, Description, Feature, SenseRule
from dashboard.linking import Linker
from dashboard.sentences import sentence_starts
from dashboard.textnorm import fold


def feature(fid: str, aliases, sense: SenseRule | None = None, descriptions=()) -> Feature:
    made = []
    for item in aliases:
        made.append(Alias(item, fid) if isinstance(item, str) else Alias(feature_id=fid, **item))
    return Feature(
        fid,
        fid,
        "oil pipeline",
        "operating",
        ("KZ",),
        "LineString",
        (((50, 40), (51, 41)),),
        {},
        tuple(made),
        sense or SenseRule(),
        tuple(descriptions),
    )


FEATURES = [
    feature(
        "btc",
        [
            "Baku-Tbilisi-Ceyhan",
            "Baku-Tbilisi-Ceyhan pipeline",
            {"name": "BTC", "case_sensitive": True, "ambiguous": True},
        ],
        SenseRule(reject=("bitcoin", "crypto*", "price"), confirm=("pipeline", "oil", "crude", "barrel*")),
    ),
    feature("btk", ["Baku-Tbilisi-Kars", {"name": "BTK", "case_sensitive": True}]),
    feature("ceyhan", [{"name": "Ceyhan", "ambiguous": True}], SenseRule(before=("signed in",), after=("summit",))),
    feature("alat", ["Alat", "Port of Baku", "Baku port"]),
    feature(
        "cpc",
        ["Caspian Pipeline Consortium", {"name": "CPC", "case_sensitive": True, "ambiguous": True}],
        SenseRule(reject=("Communist Party", "Politburo"), confirm=("pipeline", "oil", "terminal")),
    ),
    feature(
        "middle-corridor",
        ["Middle Corridor", "Trans-Caspian International Transport Route", {"name": "TITR", "case_sensitive": True}],
    ),
    feature("tcgp", ["Trans-Caspian gas pipeline"]),
    feature(
        "aktau",
        [{"name": "Aktau", "ambiguous": True}, "Port of Aktau"],
        SenseRule(before=("signed in", "held in"), after=("crash*", "declaration")),
    ),
    feature("kuryk", ["Kuryk", "Kurik"]),
    feature("turkmenbashi", ["Turkmenbashi", "Türkmenbaşy"]),
    feature(
        "zangezur",
        ["Zangezur", "Zangazur", {"name": "TRIPP", "case_sensitive": True}, {"name": "Зангезурск", "stem": True}],
        descriptions=[
            Description(
                "zangezur", "Nakhchivan", r"land route[^.]{0,60}Nakhchivan", "described: land route to Nakhchivan"
            )
        ],
    ),
    feature("cpc-ru", [{"name": "КТК", "case_sensitive": True}, "Актау-порт"]),
    feature(
        "novorossiysk",
        ["Novorossiysk port"],
        descriptions=[
            Description(
                "novorossiysk",
                "морском терминале",
                r"морск\w+\s+терминал\w*",
                "described: the CPC's marine terminal",
                article=r"\bКТК\b",
            )
        ],
    ),
]
LINKER = Linker(FEATURES)


def found(text: str) -> list[tuple[str, str]]:
    return [(m.feature_id, m.matched_text) for m in LINKER.link("a", text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # case-insensitive names, case-sensitive acronyms
        (
            "The MIDDLE CORRIDOR and the middle corridor.",
            [("middle-corridor", "MIDDLE CORRIDOR"), ("middle-corridor", "middle corridor")],
        ),
        ("Oil via BTC rose; see btc-news.example for oil.", [("btc", "BTC")]),
        (
            "TITR is the Trans-Caspian International Transport Route.",
            [("middle-corridor", "TITR"), ("middle-corridor", "Trans-Caspian International Transport Route")],
        ),
        ("Titr is a word in no pipeline.", []),
        # word boundaries: a hyphen is one, letters are not
        ("Alatau City is not Alat, nor is Alatı or Kazalat.", [("alat", "Alat")]),
        ("The Aktau-Baku ferry and Aktau’s port.", [("aktau", "Aktau"), ("aktau", "Aktau")]),
        # normalisation: dashes, spaced dashes, NBSP, double spaces, line breaks
        ("The Baku–Tbilisi–Ceyhan line.", [("btc", "Baku–Tbilisi–Ceyhan")]),
        ("The Baku — Tbilisi — Ceyhan line.", [("btc", "Baku — Tbilisi — Ceyhan")]),
        (
            "The Middle\u00a0Corridor and the Middle  Corridor and the Middle\nCorridor.",
            [
                ("middle-corridor", "Middle\u00a0Corridor"),
                ("middle-corridor", "Middle  Corridor"),
                ("middle-corridor", "Middle\nCorridor"),
            ],
        ),
        # longest match wins
        (
            "Crude flows through the Baku-Tbilisi-Ceyhan pipeline to Ceyhan.",
            [("btc", "Baku-Tbilisi-Ceyhan pipeline"), ("ceyhan", "Ceyhan")],
        ),
        ("The Baku-Tbilisi-Kars railway.", [("btk", "Baku-Tbilisi-Kars")]),
        (
            "The Trans-Caspian gas pipeline is not the Middle Corridor.",
            [("tcgp", "Trans-Caspian gas pipeline"), ("middle-corridor", "Middle Corridor")],
        ),
        # wrong senses
        ("The CPC Central Committee of the Communist Party met. CPC oil exports fell.", [("cpc", "CPC")]),
        ("The BTC price fell as crypto traders sold.", []),
        ("BTC crude exports to Ceyhan rose.", [("btc", "BTC"), ("ceyhan", "Ceyhan")]),
        ("Baku hosted talks; barges left the Port of Baku.", [("alat", "Port of Baku")]),
        ("The Aktau crash shocked Baku. The Aktau Declaration was signed in Aktau.", []),
        ("A deal signed in Aktau expands the Port of Aktau.", [("aktau", "Port of Aktau")]),
        ("The Ceyhan summit was short.", []),
        # regional spellings
        (
            "Kuryk and Kurik, Turkmenbashi and Türkmenbaşy and TÜRKMENBAŞY.",
            [
                ("kuryk", "Kuryk"),
                ("kuryk", "Kurik"),
                ("turkmenbashi", "Turkmenbashi"),
                ("turkmenbashi", "Türkmenbaşy"),
                ("turkmenbashi", "TÜRKMENBAŞY"),
            ],
        ),
        ("Zangezur, Zangazur and TRIPP.", [("zangezur", "Zangezur"), ("zangezur", "Zangazur"), ("zangezur", "TRIPP")]),
        # Russian: case-sensitive acronym, inflected stem
        (
            "Экспорт через КТК и строительство Зангезурского коридора.",
            [("cpc-ru", "КТК"), ("zangezur", "Зангезурского")],
        ),
        # described without an alias; a place named only as a signing site is not the route
        (
            "The deal gives Azerbaijan a direct land route with Turkey through its Nakhchivan exclave. It was signed in Nakhchivan.",
            [("zangezur", "land route with Turkey through its Nakhchivan")],
        ),
    ],
)
def test_rules(text, expected):
    assert found(text) == expected


def test_an_article_s_own_abbreviation_of_a_feature_names_it_where_it_recurs():
    text = "The Port of Aktau (PAK) handled more. PAK also loads oil, unlike the SOCAR (SOC) terminal. PAKISTAN is far."
    assert found(text) == [("aktau", "Port of Aktau"), ("aktau", "PAK")]
    headline = [(m.feature_id, m.kind) for m in LINKER.link("a", text, "PAK grows") if m.kind == "headline"]
    assert headline == [("aktau", "headline")]
    assert found("The TITR (TITR) again.") == [("middle-corridor", "TITR"), ("middle-corridor", "TITR")]


def test_a_description_that_needs_its_owner_named_somewhere_in_the_article():
    described = "Отгрузка на морском терминале возобновлена."
    assert found(described) == []
    assert found("КТК сообщил о погоде. " + described) == [
        ("cpc-ru", "КТК"),
        ("novorossiysk", "морском терминале"),
    ]


def test_excerpt_is_the_sentence_with_offsets():
    text = 'Officials met in Washington, D.C. on Friday. Dr. Aliyev said the U.S. backs the Middle Corridor, which moved 1.7 million tonnes. "Port of Baku is full," he said. The CPC terminal...'
    mentions = LINKER.link("a", text)
    assert [m.excerpt for m in mentions] == [
        "Dr. Aliyev said the U.S. backs the Middle Corridor, which moved 1.7 million tonnes.",
        '"Port of Baku is full," he said.',
        "The CPC terminal...",
    ]
    for m in mentions:
        assert text[m.start : m.end] == m.excerpt
        assert m.excerpt[m.alias_start : m.alias_end] == m.matched_text


def test_truncated_text_ends_its_last_excerpt_at_the_cut():
    text = "Exports grew. Oil loaded at the CPC terminal rose by..."
    (mention,) = LINKER.link("a", text)
    assert mention.excerpt == "Oil loaded at the CPC terminal rose by..."
    assert mention.end == len(text)


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("He met Dr. Smith. Then left.", ["He met Dr. Smith. ", "Then left."]),
        ("The U.S. and the E.U. agreed. Next.", ["The U.S. and the E.U. agreed. ", "Next."]),
        ("It rose 1.7 million tons. It fell.", ["It rose 1.7 million tons. ", "It fell."]),
        ("“We will,” he said. “Yes.” Then.", ["“We will,” he said. ", "“Yes.” ", "Then."]),
        ("Was it? Yes! No.", ["Was it? ", "Yes! ", "No."]),
        ("Line one\n\n• bullet one.\n• bullet two", ["Line one\n\n", "• bullet one.\n", "• bullet two"]),
        (
            "In Washington, D.C. to sign. Then J. Smith spoke.",
            ["In Washington, D.C. to sign. ", "Then J. Smith spoke."],
        ),
    ],
)
def test_sentence_segmenter(text, sentences):
    starts = sentence_starts(text)
    assert [text[a:b] for a, b in zip(starts, [*starts[1:], len(text)], strict=True)] == sentences


FRAGMENTS = st.sampled_from(
    [
        "Baku–Tbilisi–Ceyhan",
        "BTC",
        "btc",
        "CPC",
        "Communist Party",
        "Middle\u00a0Corridor",
        "Middle  Corridor",
        "Middle\nCorridor",
        "Aktau",
        "Alatau",
        "Port of Baku",
        "Türkmenbaşy",
        "U.S.",
        "D.C.",
        "Dr.",
        "1.7",
        "“",
        "”",
        "...",
        ". ",
        "? ",
        "\n\n",
        " ",
        "-",
        "—",
        "oil",
        "crash",
        "signed in",
        "Зангезурского",
        "КТК",
        "İ",
        "ß",
    ]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(FRAGMENTS, max_size=30).map(" ".join))
def test_excerpts_always_equal_the_text_slice_and_hold_the_alias(text):
    aliases = {fold(a.name) for f in FEATURES for a in f.aliases}
    for m in LINKER.link("a", text):
        assert text[m.start : m.end] == m.excerpt
        assert m.excerpt[m.alias_start : m.alias_end] == m.matched_text
        if not m.alias.startswith("described"):
            normalised = fold(m.matched_text).replace(" - ", "-")
            assert normalised in aliases or any(normalised.startswith(a) for a in aliases)


# --- command line on the seeds ------------------------------------------------------------------


def test_cli_mentions_contract(data_dir):
    mentions, _ = cli_json("mentions", data_dir=data_dir)
    articles, _ = cli_json("articles", data_dir=data_dir)
    by_id = {a["id"]: a for a in articles}
    assert mentions, "the seeds mention routes and ports"
    for m in mentions:
        assert {
            "article_id",
            "article_title",
            "feature_id",
            "alias",
            "start",
            "end",
            "excerpt",
            "source",
            "date",
            "kind",
        } <= set(m)
        if m["kind"] == "headline":
            assert (m["start"], m["end"], m["excerpt"]) == (-1, -1, by_id[m["article_id"]]["title"])
        else:
            assert by_id[m["article_id"]]["text"][m["start"] : m["end"]] == m["excerpt"]
        assert m["excerpt"][m["alias_start"] : m["alias_end"]] == m["matched"]
        assert by_id[m["article_id"]]["title"] == m["article_title"]


def test_cli_counts_json_and_csv(data_dir):
    counts, _ = cli_json("counts", data_dir=data_dir)
    by_feature = {f["feature_id"]: f for f in counts["features"]}
    assert by_feature["cpc"]["articles"] == 1 and by_feature["cpc"]["mentions"] >= 5
    assert by_feature["cpc"]["by_source"] == {
        "Times of Central Asia": {"articles": 1, "mentions": by_feature["cpc"]["mentions"]}
    }
    assert by_feature["cpc"]["by_month"].keys() == {"2026-02"}
    assert {"a": "btc", "b": "cpc", "articles": 1} in counts["co_mentions"]


# --- the seeds, with the real geodata -----------------------------------------------------------

SEED_MENTIONS = [  # (article title starts with, feature, matched text), in text order; reviewed by hand
    ("Azerbaijan Attempts Pragmatic ", "middle-corridor", "Middle Corridor"),
    ("The Armenia-Azerbaijan Accord:", "zangezur", "land route with Turkey through its Nakhchivan"),
    ("How Kazakhstan and Azerbaijan ", "middle-corridor", "Middle Corridor"),  # the headline
    ("How Kazakhstan and Azerbaijan ", "middle-corridor", "Middle Corridor"),
    ("How Kazakhstan and Azerbaijan ", "middle-corridor", "Trans-Caspian International Transport Route"),
    ("How Kazakhstan and Azerbaijan ", "middle-corridor", "TITR"),
    ("How Kazakhstan and Azerbaijan ", "middle-corridor", "Middle Corridor"),
    ("How Kazakhstan and Azerbaijan ", "alat", "Alat port"),
    ("How Kazakhstan and Azerbaijan ", "aktau", "Aktau port"),
    ("How Kazakhstan and Azerbaijan ", "lianyungang", "Lianyungang"),
    ("How Kazakhstan and Azerbaijan ", "trans-caspian-fiber", "undersea connection between Sumqayit"),
    ("How Kazakhstan and Azerbaijan ", "btc", "Baku-Tbilisi-Ceyhan"),
    ("How Kazakhstan and Azerbaijan ", "btc", "BTC"),
    ("How Kazakhstan and Azerbaijan ", "alat", "Alat"),
    ("How Kazakhstan and Azerbaijan ", "kuryk", "Kuryk"),
    ("How Kazakhstan and Uzbekistan ", "middle-corridor", "Trans-Caspian International Transport Route"),
    ("How Kazakhstan and Uzbekistan ", "middle-corridor", "TITR"),
    ("How Kazakhstan and Uzbekistan ", "middle-corridor", "Middle Corridor"),
    ("Opinion: Washington Meeting an", "btc", "Baku-Tbilisi-Ceyhan oil pipeline"),
    ("Opinion: Washington Meeting an", "southern-gas-corridor", "Southern Gas Corridor"),
    ("Opinion: Washington Meeting an", "btk", "Baku-Tbilisi-Kars railway"),
    ("Opinion: Washington Meeting an", "middle-corridor", "Middle Corridor"),
    ("Opinion: Washington Meeting an", "middle-corridor", "Trans-Caspian link"),
    ("Opinion: Washington Meeting an", "black-sea-cable", "Black Sea electricity cable"),
    ("Opinion: Why Russia May Stop O", "cpc", "CPC"),  # the headline
    ("Opinion: Why Russia May Stop O", "cpc", "Caspian Pipeline Consortium"),
    ("Opinion: Why Russia May Stop O", "cpc", "CPC"),
    ("Opinion: Why Russia May Stop O", "central-asia-center", "Central Asia-Center"),
    ("Opinion: Why Russia May Stop O", "central-asia-center", "SAC"),
    ("Opinion: Why Russia May Stop O", "central-asia-center", "SAC"),
    ("Opinion: Why Russia May Stop O", "cpc", "CPC"),
    ("Opinion: Why Russia May Stop O", "cpc", "CPC"),
    ("Opinion: Why Russia May Stop O", "cpc", "CPC"),
    ("Opinion: Why Russia May Stop O", "btc", "Baku-Tbilisi-Ceyhan"),
    ("Opinion: Why Russia May Stop O", "btc", "BTC"),
    ("Opinion: Why Russia May Stop O", "aktau", "Aktau"),
    ("Opinion: Why Russia May Stop O", "btc", "BTC"),
    ("Opinion: Why Russia May Stop O", "cpc", "CPC"),
    ("CACI Analyst, 15 June 2023, Va", "zangezur", "Zangezur Corridor"),
    ("British Think Tank: Kazakhstan", "middle-corridor", "Trans-Caspian International Transport Route"),
    ("British Think Tank: Kazakhstan", "middle-corridor", "TITR"),
    ("British Think Tank: Kazakhstan", "middle-corridor", "Middle Corridor"),
    ("British Think Tank: Kazakhstan", "middle-corridor", "Middle Corridor"),
]


@pytest.fixture(scope="module")
def seed_mentions():
    from conftest import GEODATA, SEEDS

    from dashboard.dataset import Dataset
    from dashboard.gazetteer import load_gazetteer

    return Dataset.fresh(SEEDS, load_gazetteer(GEODATA)).mention_rows()


def test_every_explicit_mention_in_the_seeds_and_no_wrong_sense(seed_mentions):
    got = [(m["article_title"][:30], m["feature_id"], m["matched"]) for m in seed_mentions]
    assert got == SEED_MENTIONS


def test_wrong_senses_in_the_seeds_are_not_linked(seed_mentions):
    excerpts = {m["feature_id"]: [] for m in seed_mentions}
    for m in seed_mentions:
        excerpts[m["feature_id"]].append(m["excerpt"])
    assert not any("Aktau crash" in e or "Aktau recorder" in e for e in excerpts["aktau"])  # the plane crash
    assert not any("Alatau" in e for e in excerpts["alat"])  # a city project near Almaty
    assert not any("signed in Nakhchivan" in e for e in excerpts["zangezur"])  # a signing site
    assert not any(m["matched"] == "Baku" for m in seed_mentions)  # the city, not the port
