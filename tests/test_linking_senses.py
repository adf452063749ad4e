"""Each sense rule of the shipped geodata with its counter-example, headline mentions, invisible
characters, and the sentence finder against the whole-text splitter (long and odd texts included).

The cases are short articles in the outlets' wording (title, text); each says which features the
linker must find, in order, headline first.
"""

from __future__ import annotations

import functools
from pathlib import Path

import pytest
from conftest import GEODATA
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard.corpus import parse_file
from dashboard.gazetteer import load_gazetteer
from dashboard.linking import HEADLINE, Linker
from dashboard.senses import SenseModel
from dashboard.sentences import SentenceFinder, first_sentence, sentence_span, sentence_starts


@functools.cache
def linker() -> Linker:
    return Linker(load_gazetteer(GEODATA).features)


def found(title: str | None, text: str) -> list[tuple[str, str]]:
    return [(m.feature_id, m.matched_text) for m in linker().link("a", text, title)]


CASES = {
    # Kazinform 102, Arab News 205 (tuning half, issue 21): the town a story was filed from is not the port
    "a dateline names the town": (
        "Iranian delegation visits Mangistau region",
        "AKTAU. KAZINFORM – The governor received Iranian ferry and cargo officials.\n\n"
        "TURKMENBASHI: Ships and tankers wait as the Caspian falls.\n\n"
        "Poti, 12 March (Trend) – Container cargo and ferries grew.",
        [],
    ),
    "a town opening a line that is no dateline": (
        None,
        "Aktau, Kazakhstan's main port, handled more ferry cargo.\n\nПоти — крупнейший морской порт Грузии.",
        [("aktau", "Aktau"), ("poti", "Поти")],
    ),
    # Batch 152 (tuning half, issue 21): a think tank's site header; the BTC and the gas pipeline in Russian forms
    "the caspian policy center's cpc": (
        "Caspian Weekly Roundup",
        "CPC - Caspian Policy Center | Caspian Weekly Roundup\n\nThe five Caspian states met. Kazakh oil exports grew.",
        [],
    ),
    "baku-ceyhan and the trans-caspian pipeline in russian": (
        None,
        "Нефть идёт по нефтепроводу Баку–Джейхан. Туркменистан может присоединиться к Транскаспийскому трубопроводу.",
        [("btc", "нефтепроводу Баку–Джейхан"), ("trans-caspian-gas-pipeline", "Транскаспийскому трубопроводу")],
    ),
    # Batches 157 and 159: a highway named by its ends; a "trans-Caspian pipeline" for oil in lower case
    "the kulsary-aktau highway": (
        None,
        "Движение по автодороге Кульсары-Актау возобновилось, паромы и грузовики снова идут через порт Курык.",
        [("kuryk", "порт Курык")],
    ),
    "a trans-caspian pipeline in lower case": (
        None,
        "A study is under way for a trans-Caspian pipeline to ship Kashagan crude to Baku. The Trans-Caspian "
        "Pipeline would carry Turkmen gas.",
        [("trans-caspian-gas-pipeline", "Trans-Caspian Pipeline")],
    ),
    "the kars-igdir railway is the zangezur corridor's": (
        None,
        "Türkiye broke ground on the Kars-Iğdır-Aralık-Dilucu railway line. В Карсе строят депо для линии Карс–Ыгдыр.",
        [("zangezur", "Kars-Iğdır-Aralık-Dilucu"), ("zangezur", "Карс–Ыгдыр")],
    ),
    "the alat international trade port": (
        None,
        "The Alat International Trade Port, whose capacity will reach 25 million tons, serves the Middle Corridor.",
        [("alat", "Alat International Trade Port"), ("middle-corridor", "Middle Corridor")],
    ),
    # Batch 169: the Caspian green energy corridor is another project; Alat is also Uzbekistan's checkpoint
    "the caspian green energy corridor and the alat checkpoint": (
        None,
        "Azerbaijan, Kazakhstan and Uzbekistan signed a memorandum on the Caspian Green Energy Corridor, an "
        "electricity cable project. Uzbek cargo crosses the Farap checkpoint (the Alat checkpoint on the Uzbek side).",
        [],
    ),
    # Batch 171: a metro station named Dostyk; the Black Sea cable described in Russian
    "the dostyk metro station and the black sea cable in russian": (
        None,
        "Причина — строительство станции метрополитена «Достык». Грузия и Румыния подписали меморандум по проекту "
        "подводного электрокабеля через Черное море мощностью 1000 МВт.",
        [("black-sea-cable", "подводного электрокабеля через Черное море")],
    ),
    # Batch 175: a party committee's CPC; the Atasu-Alashankou oil pipeline's end
    "a party committee and the atasu-alashankou pipeline": (
        None,
        "Fan Hongwei, Secretary of the CPC Party Committee of Xi'an, met the head of KTZ to discuss oil exports. Нефть "
        "пошла по трубопроводам Атырау – Самара и Атасу – Алашанькоу.",
        [],
    ),
    "constanza": (
        None,
        "The feeder vessel will carry containers from Poti to Romania's port of Constanza.",
        [("poti", "Poti"), ("constanta", "port of Constanza")],
    ),
    "the black sea energy cable": (
        None,
        "Georgia, Romania and Azerbaijan plan to build the Black Sea Energy underwater electric cable.",
        [("black-sea-cable", "Black Sea Energy underwater electric cable")],
    ),
    # Batches 137 and 138 (tuning half, issue 21): the free zone and the settlement named Alat are not the
    # port; a port named inside a corridor's name running on to Europe is the corridor, not the port
    "alat free zone and settlement": (
        None,
        "Aliyev spoke at the groundbreaking ceremony of the Alat Free Economic Zone. The territory of the Alat "
        "settlement holds vacant land. Ships call at the port of Baku.",
        [("alat", "port of Baku")],
    ),
    # Astana Times 140, bne IntelliNews 140: a roadmap "adopted in Aktau" names the city; the CAC's "Middle Asia" name
    "a port city where a roadmap was adopted": (
        None,
        "The roadmap was adopted in Aktau in 2022. Cargo through the port of Kuryk grew.",
        [("kuryk", "port of Kuryk")],
    ),
    "the central asia-center pipeline as middle asia-centre": (
        None,
        "Uzbekistan seeks to buy Russian gas via the Middle Asia–Centre gas pipeline.",
        [("central-asia-center", "Middle Asia–Centre gas pipeline")],
    ),
    "dostyk avenue in russian": (  # Moy Gorod 141
        "В Уральске проспект Достык перекроют",
        "На проспекте Достык ремонтируют дорогу. Грузы через станцию Достык выросли.",
        [("dostyk", "Достык")],
    ),
    "turkmenbashi's refineries": (  # The Messenger 144
        None,
        "The complex of oil refineries in Turkmenbashi processed 4.4 million tons. The Turkmenbashi complex of oil "
        "refineries grew. Ferries sail from the port of Turkmenbashi.",
        [("turkmenbashi", "port of Turkmenbashi")],
    ),
    "zangezur's copper combine in russian, and the baku port's company": (  # ARKA 146, Report 146
        None,
        "Зангезурский медно-молибденовый комбинат добыл 15 млн тонн руды. Строительство Зангезурского маршрута идет. "
        "Baku International Sea Port LLC processed 8.2 million tons of cargo last year.",
        [("zangezur", "Зангезурского"), ("alat", "Baku International Sea Port")],
    ),
    "khorgos the trade zone and the road checkpoint, aktau's bitumen plant": (  # BAQ 149, Kazpravda 130, Qazinform 150
        "«Хоргос» временно закроют",
        "МЦПС «Хоргос» закроют для туристов. На автомобильном КПП Хоргос очередь. Через сухой порт Хоргос прошли 500 "
        "контейнеров. Tokayev thanked CITIC Group for the modernization of the Aktau Bitumen Plant.",
        [("khorgos", "Хоргос")],
    ),
    "the cpc's marine terminal with its abbreviation": (  # Astana Times 150
        None,
        "Oil loadings at the Caspian Pipeline Consortium's (CPC) marine terminal restarted.",
        [
            ("cpc", "Caspian Pipeline Consortium"),
            ("novorossiysk", "Caspian Pipeline Consortium's (CPC) marine terminal"),
            ("cpc", "CPC"),
        ],
    ),
    "the btk's and the zangezur corridor's sections by their ends": (  # Trend 108 and 114, Astana Times 149, Грузия-Online 146
        None,
        "Construction of the Horadiz–Aghband railway continues. The first train will run on the Kars–Akhalkalaki "
        "railway. Поезд пройдет по ж/дороге Карс-Ахалкалаки.",
        [("zangezur", "Horadiz–Aghband"), ("btk", "Kars–Akhalkalaki"), ("btk", "Карс-Ахалкалаки")],
    ),
    "poti inside a corridor's name": (
        None,
        "Проект поможет сформировать транспортный коридор «Китай – Казахстан – Актау – Баку – Поти – Европа». "
        "Грузы из порта Актау идут в порт Поти.",
        [("aktau", "Актау"), ("aktau", "порта Актау"), ("poti", "порт Поти")],
    ),
    # BTC: the pipeline, or bitcoin (a quantity, mining, the article's crypto vocabulary)
    "btc quantity": (None, "One farm produced about 90 BTC a month for its owners.", []),
    "btc mining": (None, "Officials say BTC mining could soak up surplus hydropower.", []),
    "btc neutral in a crypto article": (
        "Kyrgyzstan Shuts Crypto Farms",
        "Miners moved their rigs after the halving. Owners sold BTC at a loss in December.",
        [],
    ),
    "btc neutral in an oil article": (
        "Azerbaijan's Crude Exports Rise",
        "SOCAR loaded more oil at Ceyhan. Shareholders of BTC Co. meet in London next month.",
        [("ceyhan", "Ceyhan"), ("btc", "BTC")],
    ),
    "btc a year is no quantity": (None, "In 2006 BTC began pumping Azeri crude.", [("btc", "BTC")]),
    # Hürriyet Daily News 181, Daily Sabah 191 (tuning half): the Iraqi pipeline ends at BOTAŞ's terminal, not the BTC's
    "ceyhan in the Kirkuk-Ceyhan pipeline": (
        "Talks underway to reopen Kirkuk-Ceyhan oil pipeline",
        "SOMO will send crude to Türkiye through the Kirkuk–Ceyhan pipeline, shut since 2023.",
        [],
    ),
    # RBC 181 (tuning half): a promotion line of a story about oil names the coin by its ticker
    "btc the coin's ticker after its name": (
        "КТК починил причал для отгрузки нефти",
        "КТК снова ведет отгрузку нефти. Читайте РБК в Telegram: новости о курсе биткоина (BTC) и нефти — первыми.",
        [("cpc", "КТК"), ("cpc", "КТК")],
    ),
    # CPC: the pipeline, or the Communist Party of China
    "cpc party neutral sentence": (
        "Communist Party Plenum Ends in Beijing",
        "The Politburo met on Monday. The CPC has ruled the country since 1949.",
        [],
    ),
    "cpc pipeline neutral sentence": (
        "Kazakh Oil Exports Slow",
        "Tankers wait at the terminal. The CPC remains the backbone of the country's trade.",
        [("cpc", "CPC")],
    ),
    "cpc supported by an unambiguous alias": (
        None,
        "The Caspian Pipeline Consortium met its shareholders. The CPC has not said when it resumes.",
        [("cpc", "Caspian Pipeline Consortium"), ("cpc", "CPC")],
    ),
    "ktk the tv channel": (None, "Продюсеры КТК обещают двенадцать серий нового сериала.", []),
    "ktk the pipeline": (None, "За январь КТК отгрузил 5 млн тонн нефти.", [("cpc", "КТК")]),
    # CAC/SAC: the gas pipeline system, the stock index, China's cyberspace regulator
    "cac stock index": (None, "The CAC 40 index in Paris rose.", []),
    "cac regulator": (
        "China's CAC Tightens Data Rules",
        "Firms must register with the CAC before exporting customer records.",
        [],
    ),
    "sac the gas pipeline": (
        None,
        "Gazprom pumps gas to Uzbekistan through the SAC.",
        [("central-asia-center", "SAC")],
    ),
    # TAP, SCP, TCP, BTK
    "tap the airline": (
        "Portugal's Flag Carrier Eyes the Caucasus",
        "TAP will fly from Lisbon to Baku. TAP's chief executive expects a profit.",
        [],
    ),
    "tap the pipeline": (None, "TAP carried 11 bcm of Azerbaijani gas to Italy.", [("southern-gas-corridor", "TAP")]),
    "scp the pipeline": (None, "Shah Deniz gas flows through the SCP to Türkiye.", [("southern-gas-corridor", "SCP")]),
    "tcp the protocol": (None, "Attackers opened millions of TCP connections to the servers.", []),
    "tcp the pipeline": (
        None,
        "The TCP would carry Turkmen gas across the Caspian.",
        [("trans-caspian-gas-pipeline", "TCP")],
    ),
    "btk the regulator": (
        "Turkish Regulator Fines Mobile Operators",
        "The BTK said the companies failed to restore emergency calls.",
        [],
    ),
    "btk the railway": (None, "The BTK carried 280,000 tonnes of freight.", [("btk", "BTK")]),
    # Alat/Alyat vs Alatau City; Baku and Kars are cities, not features
    "alatau is not alat": (None, "Alatau City will host a crypto hub near Almaty.", []),
    "alyat the port": (
        None,
        "Ferries from Turkmenbashi reach Alyat in 12 hours.",
        [("turkmenbashi", "Turkmenbashi"), ("alat", "Alyat")],
    ),
    "baku and kars the cities": (None, "Hotels in Kars expect visitors from Baku this winter.", []),
    # town-named ports: venue, possessive office holder, resort, mountains, copper
    "aktau venue with a gap": (None, "Leaders will meet again in Aktau in August to sign a convention.", []),
    "aktau convention": (None, "The Aktau Convention allows seabed pipelines.", []),
    "poti's mayor": (None, "Poti's mayor fears the port will lose jobs.", []),
    "poti potential": (None, "Investors point to the potential of Poti for Caspian cargo.", [("poti", "Poti")]),
    "batumi resort": (None, "Batumi has opened its fourth casino in two years.", []),
    # the sea a port city lies on says nothing of the port; a naval hub is the fleet's
    "novorossiysk on the black sea": (
        None,
        "Novorossiysk, on the Black Sea, holds a regatta every summer.",
        [],
    ),
    "port novorossiysk beside the fleet": (
        "Naval drones attack Russia's largest southern port Novorossiysk",
        "The mayor said the naval base was hit and the Black Sea Fleet's ships were moved.",
        [("novorossiysk", "port Novorossiysk")],
    ),
    "sangachal's power plant": (
        None,
        "A 300-megawatt power plant operates in Sangachal. The seaport and the transport corridors are close by.",
        [],
    ),
    "novorossiysk the naval hub": (
        None,
        "Located on the Black Sea, Novorossiysk has become a key logistics and naval hub for the fleet.",
        [],
    ),
    "zangezur mountains": (None, "The line runs below the Zangezur Mountains.", []),
    "zangezur copper neutral sentence": (
        "Armenia's Copper Exports Rise",
        "The Zangezur Copper-Molybdenum Combine raised output. Zangezur employs 4,500 people.",
        [],
    ),
    "black sea data cable": (
        "Telecom Firms Plan a Data Link",
        "The Black Sea cable would carry 20 terabits of internet traffic a second.",
        [],
    ),
    "black sea power cable": (
        None,
        "The Black Sea cable would carry 1,000 MW of renewable electricity to Romania.",
        [("black-sea-cable", "Black Sea cable")],
    ),
    "green energy corridor in india": (
        "India Extends Its Green Energy Corridor",
        "The Green Energy Corridor will connect solar parks in Rajasthan.",
        [],
    ),
    # headlines: a route named only in the title; the title's own sense decided by the article
    "kuryk named only in the headline": (
        "Kuryk Ferry Terminal Doubles Its Capacity",
        "The ferry complex on the Mangystau coast can now handle 10 million tonnes of cargo a year.",
        [("kuryk", "Kuryk")],
    ),
    "aktau hosts talks about shipping": (
        "Aktau Hosts Caspian Security Talks",
        "Coast guard commanders discussed how to protect tanker routes and ferry lanes from drones.",
        [("aktau", "Aktau")],
    ),
    "aktau hosts a summit": (
        "Summit in Aktau Ends With a Declaration",
        "Leaders adopted a declaration on fishing quotas.",
        [],
    ),
    # twenty-second session, batches 359-365 (tuning half): Turkish, Kazakh, Georgian and Russian wording
    "ceyhan in the Kirkuk-Ceyhan pipeline, in Turkish": (
        None,
        "PKK, İdil'de Kerkük-Ceyhan boru hattına saldırı düzenledi.",
        [],
    ),
    "btc named with its Turkish noun": (
        None,
        "Kırıkkale'de BTC Ham Petrol Boru Hattı'na yangın çıktı.",
        [("btc", "BTC Ham Petrol Boru Hattı")],
    ),
    "aktau in a Turkish story of the air crash": (
        "Kazakistan Aktau nerede?",
        "Azerbaycan Hava Yolları'na ait yolcu uçağı Aktau yakınlarında düştü. Kazada 38 kişi hayatını kaybetti.",
        [],
    ),
    "supsa the river, in Georgian": (None, "რაიონის მდინარეები მდინარე სუფსისა და იმნათის აუზებს განეკუთვნება.", []),
    "aktau as one end of the cable's survey": (
        None,
        "Специалисты проверяют, нет ли препятствий на будущей трассе — от Актау до Сумгаита.",
        [],
    ),
    "the cable between Aktau and Sumgait, described": (
        None,
        "Оптоволоконный кабель между Актау и Сумгаитом: завершено исследование дна.",
        [("trans-caspian-fiber", "кабель между Актау и Сумгаитом")],
    ),
    "the cpc named in Kazakh without 'consortium'": (
        None,
        "Мұнай экспортымыздың 80 пайызы Каспий құбыры арқылы өтеді.",
        [("cpc", "Каспий құбыры")],
    ),
    "the cpc terminal's moorings in Kazakh": (
        None,
        "Каспий құбыр консорциумы жаңа айлақ құрылғысын алды.",
        [("cpc", "Каспий құбыр консорциумы"), ("novorossiysk", "айлақ құрылғысын")],
    ),
    "the Meghri railway named for its stations": (
        None,
        "Field works began on the Armenian part of the Yeraskh-Julfa-Ordubad-Meghri-Horadiz railway.",
        [("zangezur", "Yeraskh-Julfa-Ordubad-Meghri-Horadiz")],
    ),
    # batches 375-379: Kazakh oil's route to the BTC named by its three ends; a line named by its ends
    "the Aktau-Baku-Ceyhan route is the BTC's": (
        None,
        "Kazakhstan calls the Aktau-Baku-Ceyhan route strategic for its oil supplies.",
        [("btc", "Aktau-Baku-Ceyhan")],
    ),
    "Dostyk-Moyinti, a line named by its ends": (
        None,
        "Kazakhstan has begun building the second track on the 836-kilometer Dostyk-Moyinti railway. "
        "Trains queue at the Dostyk border crossing.",
        [("dostyk", "Dostyk")],
    ),
    # Caliber 299, Report 299 (tuning half): the North-South corridor's own trans-Caspian branch (`unless`)
    "the trans-Caspian route as a branch of the North-South corridor": (
        None,
        "The North-South corridor has three main routes: the western route through Azerbaijan, the eastern route, "
        "and the trans-Caspian route across the Caspian Sea. Cargo on the Trans-Caspian route rose 60%.",
        [("middle-corridor", "Trans-Caspian route")],
    ),
    # Caliber 237, Trend 120, Kazinform 203, Central Asia 367 (tuning half): Baku in a list of ports is the port
    "Baku in a list of ports": (
        None,
        "Loading in the ports of Aktau and Baku would cost more. Между портами Поти и Баку ходит поезд. "
        "Из порта Актау в порт Баку отгрузили нефть.",
        [("aktau", "Aktau"), ("alat", "Baku"), ("poti", "Поти"), ("alat", "Баку"), ("aktau", "порта Актау")],
    ),
    # invisible characters inside a name
    "zero-width space": (None, "Oil exports via the C\u200bPC pipeline rose.", [("cpc", "C\u200bPC pipeline")]),
    "bidi override": (None, "Crude flows through the \u202eBTC\u202c pipeline.", [("btc", "BTC\u202c pipeline")]),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_sense_rule(case):
    title, text, expected = CASES[case]
    assert found(title, text) == expected


def test_a_headline_mention_is_the_title_with_the_alias_marked():
    title = "Georgia Adds a Rail Ferry Berth at Poti Port"
    mentions = linker().link("a", "The berth cost $40 million.", title)
    (mention,) = mentions
    assert mention.kind == HEADLINE and mention.excerpt == title
    assert (mention.start, mention.end) == (-1, -1)
    assert mention.matched_text == "Poti Port"


def test_headline_mentions_come_first_and_an_article_counts_once():
    from dashboard.analysis import count_report, frames_from_records
    from dashboard.records import Article

    title = "SOCAR Boosts Oil Flows to Ceyhan"
    text = "Tankers loaded more crude at Ceyhan in May."
    mentions = linker().link("a", text, title)
    assert [(m.kind, m.feature_id) for m in mentions] == [("headline", "ceyhan"), ("sentence", "ceyhan")]
    article = Article("a", title, text, "src", (), (), "2025-05-01", (), (), False)
    (ceyhan,) = count_report(frames_from_records([article], mentions))["features"]
    assert (ceyhan["articles"], ceyhan["mentions"]) == (1, 2)


def test_quantity_cue_is_a_number_but_not_a_year():
    model = SenseModel.of({"before": ["#"]})
    for text in ("about 90 BTC", "0.5 BTC", "1,200 BTC", "3 million BTC"):
        assert model.edges_reject(text, len(text) - 3, len(text)), text
    for text in ("in 2006 BTC", "the BTC", "COP29 BTC"):
        assert not model.edges_reject(text, len(text) - 3, len(text)), text


def test_gap_cue_allows_up_to_three_words():
    model = SenseModel.of({"before": ["meet* \u2026 in"]})
    for text in ("will meet in Aktau", "will meet again in Aktau", "meets for two days in Aktau"):
        assert model.edges_reject(text, len(text) - 5, len(text)), text
    assert not model.edges_reject("to meet demand for grain shipped in Aktau", 36, 41)


# --- sentences ----------------------------------------------------------------------------------

PIECES = ["Oil", "rose", ".", ". ", "? ", "U.S. ", "Dr. ", "1.7 ", "\n\n", "\n• ", " ", "“", "”", "The", "x" * 300]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(PIECES), min_size=1, max_size=60).map("".join),
    st.lists(st.integers(min_value=0, max_value=10**6), max_size=12),
    st.integers(min_value=1, max_value=40),
)
def test_sentence_finder_equals_the_whole_text_splitter(text, seeds, gap):
    """Whatever the jumps and backward widening do, spans equal the whole-text split."""
    starts = sentence_starts(text)
    finder = SentenceFinder(text)
    finder.GAP, finder.WINDOW = gap, max(1, gap // 3)
    spots = sorted({s % len(text) for s in seeds})
    for begin in spots:
        finish = min(len(text), begin + 1)
        assert finder.span(begin, finish) == sentence_span(text, starts, begin, finish)


def test_first_sentence_knows_abbreviations():
    assert first_sentence("Dr. Aliyev met the U.S. envoy. Then he left.") == "Dr. Aliyev met the U.S. envoy."
    assert first_sentence("  One line without a stop ") == "One line without a stop"


def test_a_name_in_a_huge_sentence_has_a_bounded_excerpt():
    text = "word " * 400_000 + "the CPC pipeline " + "word " * 400_000 + "end."
    (mention,) = linker().link("a", text)
    assert mention.matched_text == "CPC pipeline"
    assert len(mention.excerpt) < 1500
    assert text[mention.start : mention.end] == mention.excerpt


def test_one_letter_aliases_and_unknown_related_ids_are_refused(tmp_path):
    import json
    import shutil

    geodata = tmp_path / "geodata"
    shutil.copytree(GEODATA, geodata)
    routes = json.loads((geodata / "routes.geojson").read_text(encoding="utf-8"))
    cpc = next(f for f in routes["features"] if f["id"] == "cpc")
    cpc["properties"]["aliases"] += ["a", {"name": "I", "case_sensitive": True}]
    cpc["properties"]["sense"]["related"] = ["novorossiysk", "nowhere"]
    (geodata / "routes.geojson").write_text(json.dumps(routes, ensure_ascii=False), encoding="utf-8")
    gazetteer = load_gazetteer(geodata)
    messages = [p.message for p in gazetteer.problems]
    assert (
        "feature 'cpc': alias 'a' has fewer than two letters or digits and would match nearly every text; dropped"
        in messages
    )
    assert any("alias 'I' has fewer than two letters" in m for m in messages)
    assert "feature 'cpc': 'sense.related' names 'nowhere', which is not a feature id" in messages
    assert not Linker(gazetteer.features).link("x", "I saw a pipeline and a tanker.")


@pytest.mark.parametrize(
    "text",
    [
        "We are already building second tracks on the Dostyk\u2013Moyynty section of the railway.",
        "Вторая линия «Достык \u2014 Мойынты» пропускает больше поездов.",
        "The Moyynty-Dostyk line is being double-tracked.",
        "The ministry will finish the second tracks on the Dostyk-Moyinty railway section this year.",
        "Projects include opening the Dostyk-Beskol and Moyinty-Balkhash sections.",
        "Traffic on the second track will open on two sections, Dostyk - Aktogay and Moyinty - Balkhash.",
        "Грузовые поезда по вторым путям «Достык \u2013 Бескөл» пойдут до конца марта, груз вырастет.",
        "Second tracks between Dostyk - Beskol stations will open to freight trains in March.",
    ],
)
def test_a_line_named_by_its_ends_is_not_the_border_station(text):
    """ "Dostyk-Moyynty" is a railway named by its two ends, not the Dostyk crossing (issue 21)."""
    assert found(None, text) == []
    assert found(None, "Trains queue at the Dostyk border crossing.") == [("dostyk", "Dostyk")]


def test_spellings_and_cues_taught_by_the_real_corpus():
    """ "Kuruk" (a Turkish press spelling) is Kuryk; a mooring ("причал") makes a Russian story's
    Novorossiysk the port."""
    assert found(None, "Kazakh oil could be shipped from Kuruk port to Baku by tanker.") == [("kuryk", "Kuruk")]
    text = "Причал КТК в Новороссийске получил повреждения в результате атаки ВСУ на Новороссийск."
    assert ("novorossiysk", "Новороссийске") in found(None, text)


def test_a_pipeline_named_for_its_ends_is_not_its_port():
    """Taught by batch 113 (issue 21): "Baku-Novorossiysk" is a pipeline, not the port."""
    text = "Azerbaijani oil goes out through the Baku-Novorossiysk, Baku-Supsa and BTC pipelines."
    assert "novorossiysk" not in {feature for feature, _ in found(None, text)}
    assert ("novorossiysk", "Novorossiysk") in found(None, "Oil tankers load at the port of Baku and at Novorossiysk.")


def test_a_consul_in_a_port_city_is_in_the_city_and_alashankou_in_russian_is_the_crossing():
    """Taught by the tuning half's batches 100 and 101: a consul general "in Aktau" names the city, even
    in a story of a ferry (a vessel in the sentence); «Алашанькоу» is the Dostyk–Alashankou crossing."""
    text = "Паром встречали генеральный консул Азербайджана в Актау Эльмар Мамедов и руководство порта Курык."
    assert found(None, text) == [("kuryk", "порта Курык")]
    assert found(None, "Паром встретили генеральный консул Азербайджана в Актау и капитан судна.") == []
    assert found(None, "Паром прибыл в Актау к причалу.") == [("aktau", "Актау")]
    assert found(None, "Через погранпереход Алашанькоу прошло 8 тысяч поездов.") == [("dostyk", "Алашанькоу")]


def test_a_railway_named_for_a_port_city_and_a_mine_off_its_beach_are_not_the_port():
    """ "the Baku-Batumi railway line" is a line, not the port; a sea mine washed up on Batumi's shore
    is the city's news, though "морская" (sea) would confirm a port."""
    assert found(None, "Oil will go by tankers to Baku and on the Baku-Batumi railway line to the coast.") == []
    assert found(None, "У берега в Батуми взорвалась принесённая течением морская мина.") == []
    assert found(None, "Oil tankers loaded at Batumi this week.") == [("batumi", "Batumi")]


def test_every_word_of_a_sense_cue_may_be_a_stem():
    """ "районн* суд*" finds "районного суда": a court of Novorossiysk is the city's, even in a story of
    the CPC's suspended loadings; a Russian election in Batumi is the city's too."""
    court = "Суд рассмотрит постановление Приморского районного суда Новороссийска о работе морского терминала КТК."
    assert ("novorossiysk", "Новороссийска") not in found(None, court)
    assert found(None, "На выборах в Батуми побеждает кандидат от правящей партии.") == []
    assert found(None, "КТК возобновил отгрузку нефти с терминала в Новороссийске.") == [
        ("cpc", "КТК"),
        ("novorossiysk", "Новороссийске"),
    ]


def test_a_city_said_as_a_city_and_a_georgian_spelling_in_russian():
    """ "в городе Актау" and public hearings are the city's; «Анаклиа» (the Georgian form in Russian)
    is Anaklia."""
    text = "Паром встречали генеральный консул Азербайджана в городе Актау и директор порта."
    assert ("aktau", "Актау") not in found(None, text)
    assert found(None, "В декабре в Актау прошли общественные слушания по проекту.") == []
    assert found(None, "Строительство порта Анаклиа начнется в 2025 году.") == [("anaklia", "порта Анаклиа")]


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        (
            "The two operators will build fiber optic communication lines (FOCL) along the bottom of the Caspian Sea.",
            "fiber optic communication lines (FOCL) along the bottom of the Caspian",
        ),
        (
            "Fiber-Optic Communication Cables Along Caspian Sea Bed",
            "Fiber-Optic Communication Cables Along Caspian Sea Bed",
        ),
        ("Стороны проложат кабель для линии связи по дну Каспия.", "кабель для линии связи по дну Каспия"),
    ],
)
def test_a_fibre_line_on_the_caspian_seabed_is_the_trans_caspian_fibre(text, surface):
    """Taught by the tuning half (Astana Times, Trend, Kazinform; issue 21): the cable is usually described,
    not named; a fibre cable elsewhere is not it."""
    assert found(None, text) == [("trans-caspian-fiber", surface)]
    assert found(None, "A fiber-optic cable was laid along the streets of Baku.") == []


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        ("bp обсуждает передачу операторства Южнокавказского трубопровода компании SOCAR.", "southern-gas-corridor"),
        ("Газопровод «Центральная Азия — Центр» остановился из-за аварии.", "central-asia-center"),
        ("Economy Ministry: Black Sea Submarine Electric Cable Project Is Promising", "black-sea-cable"),
    ],
)
def test_names_of_pipelines_and_cables_taught_by_batches_114_and_115(text, wanted):
    """Russian names of the South Caucasus and Central Asia–Center pipelines, and the cable's 'electric' name."""
    assert [feature for feature, _ in found(None, text)] == [wanted]


@pytest.mark.parametrize(
    ("text", "town"),
    [
        (
            "Cargo at the port of Kuryk grew. The repair of the Kuryk-Zhetybay highway will be finished this year.",
            "Kuryk",
        ),
        (
            "Cargo at the port of Aktau grew. An optical cable will be laid on the seabed to the shore at Aktau.",
            "Aktau",
        ),
        ("Cargo at the port of Aktau grew. The ministers attended a ceremony in Aktau on November 19.", "Aktau"),
        # Trend 285: a road from the town through a chain of places; a solar plant named after the settlement
        (
            "Cargo at the port of Turkmenbashi grew. The bank lends for the Turkmenbashi-Gyzylgaya-Konye-Urgench road.",
            "Turkmenbashi",
        ),
        ("Cargo at the port of Alat grew. The ADB approved the Bilasuvar and Alat solar power plants.", "Alat"),
        # Arzuw 241: the refining complexes named for the city
        (
            "Cargo at the port of Turkmenbashi grew. Coking units were put up at the Turkmenbashi oil refining complexes.",
            "Turkmenbashi",
        ),
        # Trend 325 and 329: a place south of the city; a road around it
        ("Cargo at the port of Aktau grew. Kuryk Port lies on the Caspian Sea coast, south of Aktau city.", "Aktau"),
        ("Cargo at the port of Batumi grew. The ADB finances the Batumi Bypass in Georgia.", "Batumi"),
    ],
)
def test_a_road_named_for_a_port_a_cable_landing_and_a_ceremony_are_the_town(text, town):
    """Batches 114 and 115 (issue 21): a port town in a road's name, as a cable's landing point, or as a
    ceremony's venue is the town, not the port (the port named in the sentence before still is)."""
    surfaces = [surface for _, surface in found(None, text)]
    assert f"port of {town}" in surfaces and town not in surfaces


def test_the_ceyhan_terminal_by_its_name_and_an_honorary_citizen_of_a_port_town():
    """Batches 116 and 117 (issue 21): the BTC's terminal at Ceyhan is the Heydar Aliyev Marine Terminal; an
    honorary citizen of Aktau is the town's."""
    assert ("ceyhan", "Heydar Aliyev Marine Terminal") in found(
        None, "Tankers load at the Heydar Aliyev Marine Terminal."
    )
    text = "Грузы в порту Актау выросли. Судно назвали в честь почетного гражданина Актау."
    assert [s for f, s in found(None, text) if f == "aktau"] == ["порту Актау"]


def test_a_border_checkpoint_is_the_crossing():
    """Kazinform 97 (tuning half, issue 21): a checkpoint or crossing point is the dry port's own domain."""
    text = "Khorgos, the largest crossing point on the border between Kazakhstan and China, went back to work."
    assert ("khorgos", "Khorgos") in found(None, text)


@pytest.mark.parametrize(
    "text",
    [
        "Romania wants multimodal cargo transport from Central Asia across the Caspian Sea, Azerbaijan and Georgia.",
        "The transport corridor runs from Kazakhstan through the Caspian Sea, Azerbaijan, Georgia and the Black Sea.",
        "Грузы идут через Каспийское море, Азербайджан и Грузию.",
    ],
)
def test_the_middle_corridor_described_by_its_path(text):
    """Astana Times 101, Trend 115 (tuning half, issue 21): the corridor is often named by its path across
    the Caspian to the Caucasus; oil said to flow "across the Caspian" alone is not it."""
    assert [f for f, _ in found(None, text)] == ["middle-corridor"]
    assert found(None, "Oil flows across the Caspian, Azerbaijan says.") == []


@pytest.mark.parametrize(
    "text",
    [
        "Беспилотники атаковали терминал КТК ночью.",
        "На терминале Каспийского трубопроводного консорциума возобновили отгрузку.",
    ],
)
def test_the_cpc_terminal_in_russian_is_the_terminal_and_the_cpc(text):
    """Kommersant 124, RBC 124 (tuning half, issue 21): «терминал КТК» in any case names the CPC's marine terminal
    (the port feature) and, unlike "CPC terminal" in the linking gold, the consortium it names as well."""
    assert {"novorossiysk", "cpc"} <= {f for f, _ in found(None, text)}
    assert "novorossiysk" not in {f for f, _ in found(None, "Новый терминал открыли в порту Актау.")}


@pytest.mark.parametrize(
    ("text", "feature", "name"),
    [
        (
            "Согласно меморандуму, на участках Алят — Беюк Кясик срок доставки составит не более 24 часов.",
            "alat",
            "Алят",
        ),
        ('Mamin held a meeting on developing the SEZ "Seaport Aktau".', "aktau", "Aktau"),
        ("The FEZ Seaport Aktau was set up in 2002 to draw investment.", "aktau", "Aktau"),
        ("Работа СЭЗ «Морпорт Актау» обсуждалась на совещании.", "aktau", "Актау"),
    ],
)
def test_a_railway_section_and_a_special_economic_zone_are_not_the_port(text, feature, name):
    """Day.Az 127, Times of Central Asia 126 (tuning half, issue 21): «участок Алят — Беюк Кясик» is a railway
    section from Alyat station; the special economic zone "Seaport Aktau" is a zone, not the port (even in a story
    of the port's cargo)."""
    port_story = "Паромы и танкеры грузят в порту, грузооборот порта растёт. "
    assert (feature, name) not in found(None, port_story + text)
    assert (feature, name) in found(None, port_story + f"Грузы идут через порт, {name} принимает паромы.")


def test_the_caspian_policy_center_named_in_the_headline_is_the_cpc_of_the_text():
    """Trend 197 (tuning half): a forum "organized by the CPC", whose president the headline names."""
    page = (
        Path(__file__).parent / "pages" / "real" / "tune" / "trend_197_nifti-trump-route-south-caucasus-integrated.html"
    )
    (article,) = parse_file(page, page.name).articles
    assert "cpc" not in {feature for feature, _said in found(article.title, article.text)}


def test_an_alias_the_article_spells_out_as_something_else_is_that_thing_throughout():
    # Business Turkmenistan 277, Caspian Energy 277: the bracket after the words it abbreviates defines it
    assert found(None, "The forum is held by the Caspian Policy Center (CPC). The CPC website says so.") == []
    assert found("CPC forum opens", "The Caspian Policy Center (CPC) hosts it.") == []
    assert found(None, "Galkynysh feeds the Central Asia–China (CAC) gas pipeline. CAC carries 35 bcm.") == []
    # the feature's own name, even misspelt, makes the abbreviation the feature's
    assert found(None, "Oil goes via the Caspian Pipeline Consortium (CPC). The CPC pumped more.") == [
        ("cpc", "Caspian Pipeline Consortium"),
        ("cpc", "CPC"),
        ("cpc", "CPC"),
    ]
    assert found(None, "Trains use the Baku-Tiblissi-Karss (BTK) line. The BTK carried more.") == [
        ("btk", "BTK"),
        ("btk", "BTK"),
    ]


def test_a_green_energy_corridor_across_the_caspian_is_not_the_black_sea_cable():
    """Trend 329 (issue 21): the Central Asia–Azerbaijan corridor said "across the Caspian Sea" is another project."""
    text = "Romania and Georgia signed on the Black Sea cable. ADB works on the proposed Green Energy Corridor across the Caspian Sea."
    assert ("black-sea-cable", "Green Energy Corridor") not in found(None, text)


@pytest.mark.parametrize(
    "text",
    [
        # Kvira 337: the Baku–Novorossiysk pipeline in Georgian; Kommersant 337: Iraq's "Ceyhan pipeline"
        "აზერბაიჯანული ნავთობი ბაქო-ნოვოროსიისკის ნავთობსადენებითაც ტრანსპორტირდება.",
        "«Когда работа трубопровода Джейхан будет восстановлена, нефть пойдёт на экспорт танкерами».",
        # Kurdistan24 219: Iraqi oil through Ceyhan is the Iraqi terminal's, not the BTC's
        "Oil exports from the Kurdistan Region through the Ceyhan pipeline were stopped in March 2023.",
    ],
)
def test_a_pipeline_named_for_a_port_is_not_the_port(text):
    assert found(None, text) == []


@pytest.mark.parametrize(
    ("title", "text"),
    [
        # Astana Times 343, BlackSeaNews 349, Kazlenta 347: a plant, a resort, a court in the port's city
        ("Bitumen Plant Commissioned in Aktau", "The plant will process Kazakh crude oil."),
        (None, "В курортной Анаклии открыли новый морской причал для яхт."),
        (None, "Суд в Новороссийске на 30 суток остановил отгрузку нефти на танкеры."),
    ],
)
def test_a_plant_a_resort_and_a_court_are_the_town(title, text):
    assert found(title, text) == []


def test_the_cpc_terminal_s_moorings_name_the_terminal():
    """Report 327, AiF 347 (issue 21): «выносные причальные устройства» (ВПУ) of the CPC are its marine terminal's."""
    text = "КТК работает с двумя выносными причальными устройствами — ВПУ №1 и ВПУ №3."
    assert ("novorossiysk", "ВПУ") in found(None, text)
    assert found(None, "На заводе заменили ВПУ.") == []  # not in a story of the CPC


def test_a_road_named_for_the_border_station_is_not_the_crossing():
    """Astana Forum 215 (issue 21): "the Usharal-Dostyk roads" lead to the town; the rail crossing is named before."""
    text = (
        "Freight trains cross into China at Dostyk station. Construction of the Usharal-Dostyk roads will be launched."
    )
    assert [surface for feature, surface in found(None, text) if feature == "dostyk"] == ["Dostyk station"]
