"""Figures stated in the press: reading quantities, attaching them to features, the index's
`figures` table (incremental, corrected) and the `figures` command."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest
from conftest import GEODATA, SEEDS, cli_json, make_geodata, run_cli

from benchmarks.synthetic import write_corpus
from dashboard import corrections
from dashboard.analysis import FIGURE_COLUMNS, figure_frame
from dashboard.dataset import Dataset
from dashboard.figures import FigureExtractor
from dashboard.figurewords import load_words
from dashboard.gazetteer import load_gazetteer
from dashboard.ingest import PARALLEL_FROM_PAGES, ingest
from dashboard.linking import Linker
from dashboard.quantities import QuantityReader
from dashboard.store import Index, index_path

READER = QuantityReader(load_words()[0])


@pytest.mark.parametrize(
    ("text", "value", "high", "bound", "unit", "per"),
    [
        ("carried 1 million 84 thousand tons of cargo", 1_084_000, None, "exact", "t", "none"),
        ("carried 1.84 mln tons", 1_840_000, None, "exact", "t", "none"),
        ("expected at about 4.47 mt", 4_470_000, None, "about", "t", "none"),  # megatonnes, in lower case
        ("five million tonnes", 5_000_000, None, "exact", "t", "none"),
        ("перевалил полтора миллиона тонн", 1_500_000, None, "exact", "t", "none"),
        ("составил 2,5 млн тонн", 2_500_000, None, "exact", "t", "none"),
        ("свыше 1 084 000 тонн", 1_084_000, None, "at_least", "t", "none"),
        ("экспортировано 2 484,8 тысячи тонн нефти", 2_484_800, None, "exact", "t", "none"),
        ("costs $1.2bn", 1_200_000_000, None, "exact", "USD", "none"),
        ("€2 billion", 2_000_000_000, None, "exact", "EUR", "none"),
        ("up to 1.5 million barrels per day", 1_500_000, None, "at_most", "bbl/d", "none"),
        ("600 kb/d", 600_000, None, "exact", "bbl/d", "none"),
        ("around 20 bcm a year", 20e9, None, "about", "m3", "year"),
        ("more than 60%", 60, None, "at_least", "pct", "none"),
        ("11 to 38 days", 11, 38, "range", "days", "none"),
        ("came down from 28–32 days", 28, 32, "range", "days", "none"),  # a range after "from", not a change
        ("10-12 million tonnes a year", 10e6, 12e6, "range", "t", "year"),
        ("between 2 and 3 million TEU", 2e6, 3e6, "range", "TEU", "none"),
        ("twenty-five thousand TEU", 25_000, None, "exact", "TEU", "none"),
        ("nearly 1,200 km", 1200, None, "about", "km", "none"),
        ("188-километровый участок", 188, None, "exact", "km", "none"),  # the adjective, in its case forms
        ("42-километрового участка", 42, None, "exact", "km", "none"),
        ("5m tons", 5e6, None, "exact", "t", "none"),
        ("10 Mt", 10e6, None, "exact", "t", "none"),
        ("six million tons of cargo a year", 6e6, None, "exact", "t", "year"),
        ("4 млн тонн нефти в год", 4e6, None, "exact", "t", "year"),
        ("an average of 19 China–Europe trains a day", 19, None, "exact", "count", "day"),
        ("the 1000th tanker", 1000, None, "exact", "count", "none"),
        ("ten new broad-gauge railway tracks", 10, None, "exact", "count", "none"),
        ("мощностью 15 млн т/год", 15e6, None, "exact", "t", "year"),
        ("выросла на 20 проц.", 20, None, "exact", "pct", "none"),
        ("59,4 тыс. контейнеров в двадцатифутовом эквиваленте", 59_400, None, "exact", "TEU", "none"),
        ("прошло 172,788 млн баррелей нефти", 172_788_000, None, "exact", "bbl", "none"),  # Russian: a decimal comma
        (
            "4,316 million tons, up from 3,3 a year before",
            4_316_000,
            None,
            "exact",
            "t",
            "none",
        ),  # the sentence's commas
        ("handled 1,250,000 tons", 1_250_000, None, "exact", "t", "none"),
        ("handled 7,253 containers (TEU)", 7253, None, "exact", "TEU", "none"),  # the bracket names the unit
        ("oil cargo tops one million tons", 1e6, None, "at_least", "t", "none"),
        ("76 intermodal routes", 76, None, "exact", "count", "none"),
        ("20 trains every day", 20, None, "exact", "count", "day"),
        ("jyldyq qýaty 12 mln tonna", 12e6, None, "exact", "t", "none"),  # Kazakh (Latin)
        ("400 müň konteýneri", 400_000, None, "exact", "count", "none"),  # Turkmen
        ("jalpy ósim 80 paıyzǵa jetti", 80, None, "exact", "pct", "none"),
        ("the port handled its first million tonnes", 1e6, None, "exact", "t", "none"),
        ("порт перевалил первый миллион тонн", 1e6, None, "exact", "t", "none"),
        ("более полумиллиона TEU", 500_000, None, "at_least", "TEU", "none"),
        ("the line's daily throughput of 1.2 million barrels", 1.2e6, None, "exact", "bbl/d", "none"),
        ("35 ming TEU", 35_000, None, "exact", "TEU", "none"),  # Uzbek
        ("10 milliard kubmetr", 10e9, None, "exact", "m3", "none"),  # Azerbaijani, Turkmen
        ("до 20 тысяч автомашин в год", 20_000, None, "at_most", "count", "year"),
        ("через КТК прошла миллиардная тонна нефти", 1e9, None, "exact", "t", "none"),  # an ordinal: the total so far
        ("the 500 millionth tonne of Caspian crude", 5e8, None, "exact", "t", "none"),  # the ordinal as a scale
        ("прошла 500-миллионная тонна нефти", 5e8, None, "exact", "t", "none"),
        ("more than 466 trips", 466, None, "at_least", "count", "none"),
        ("came to 33,000 twenty-foot equivalent (TEU) containers", 33_000, None, "exact", "TEU", "none"),
        ("handled 6,543 units", 6_543, None, "exact", "count", "none"),
        ("Sarzha includes five new terminals", 5, None, "exact", "count", "none"),
        ("loaded onto 10 flatcars", 10, None, "exact", "count", "none"),
        ("built two warehouses", 2, None, "exact", "count", "none"),
        ("224 kilometrelik hattın", 224, None, "exact", "km", "none"),  # Turkish: "224-kilometre"
        ("40 kilometrlik dəhliz", 40, None, "exact", "km", "none"),  # Azerbaijani
        ("tikinti işlərinin 68 faizi", 68, None, "exact", "pct", "none"),  # Azerbaijani: "68 percent of"
        ("9.959 Tonnen Tengis-Öl", 9959, None, "exact", "t", "none"),  # German: dots group thousands
        ("125.000 Tonnen", 125_000, None, "exact", "t", "none"),
        ("9.959 tons of oil", 9959, None, "exact", "t", "none"),
        ("1.768 million tons", 1_768_000, None, "exact", "t", "none"),  # before a scale word, a decimal point
        ("172,788 milyon barel neft", 172_788_000, None, "exact", "bbl", "none"),  # a decimal comma before a scale
        ("4,725.1 thousand tons", 4_725_100, None, "exact", "t", "none"),
        ("60,5 мың тоннаға жетті", 60_500, None, "exact", "t", "none"),  # Kazakh
        ("ұзындығы 24 шақырым теміржол", 24, None, "exact", "km", "none"),
        ("ilk yedi ayında 250 bin ton yük", 250_000, None, "exact", "t", "none"),  # Turkish "bin": thousand
        ("sefer sayısı yüzde 98,7 artışla", 98.7, None, "exact", "pct", "none"),  # Turkish: the percent first
        ("yolculuğun 12-14 güne indiği", 12, 14, "range", "days", "none"),
        ("təqribən 11 günə qədər", 11, None, "exact", "days", "none"),
        ("aproximativ 1.200 de kilometri", 1200, None, "exact", "km", "none"),  # Romanian
        ("peste 2,5 milioane de tone", 2_500_000, None, "exact", "t", "none"),
        ("тәулігіне 800 вагоннан асады", 800, None, "exact", "count", "day"),  # Kazakh: wagons a day
        ("33 жұп пойыз өткізе алады", 33, None, "exact", "count", "none"),  # pairs of trains
        ("ayda 6 reys", 6, None, "exact", "count", "none"),  # Azerbaijani: sailings
        ("Bin 776 kilometre uzunluğundaki hat", 1776, None, "exact", "km", "none"),  # Turkish: "bin" alone is 1,000
        ("two-thirds of Kazakhstan's oil exports", 66.667, None, "exact", "pct", "none"),
        ("grew by a third in 2024", 33.333, None, "exact", "pct", "none"),
    ],
)
def test_quantities_are_read_into_base_units(text, value, high, bound, unit, per):
    (found,) = READER.read(text)
    assert (found.value, found.value_high, found.bound, found.unit, found.per) == (
        pytest.approx(value),
        pytest.approx(high) if high else None,
        bound,
        unit,
        per,
    )
    assert text.endswith(found.stated) or found.stated in text


@pytest.mark.parametrize(
    "text",
    [
        "In 2023, two people were killed.",
        "He is 45 years old",
        "on 12 March",
        "Article 5 of the treaty",
        "the SPM-2 moorings",  # a number in a name
        "inspections of the No. 1 and No. 2 single buoy moorings",  # a number sign: a label
        "ВПУ № 3 на терминале",
        "the 25th anniversary",  # an ordinal of nothing counted
        "plans to open a third railway station on the border",  # a fraction's word as an ordinal (Trend 277)
        "A third berth is also planned at the port.",
        "Over the first three quarters of 2020, operating expenses rose.",  # a part of the year (Caspian Barrel 291)
    ],
)
def test_numbers_without_a_unit_are_no_quantity(text):
    assert READER.read(text) == []


def test_a_fraction_of_an_amount_is_not_an_amount_in_its_unit():
    text = "The investment is put at 4,700,000,000,000 dollars, half of which is to come from Beijing."
    assert [(q.value, q.unit) for q in READER.read(text)] == [(4.7e12, "USD")]


def test_a_preposition_is_no_adjective_of_a_counted_thing():
    """Astana Times 124 (tuning half, issue 22): "on Jan. 13 against three tankers" counts three tankers, not 13."""
    assert [(q.value, q.stated) for q in READER.read("attacks on Jan. 13 against three tankers")] == [
        (3.0, "three tankers")
    ]


def test_a_year_is_not_a_count_of_what_follows_it():
    found = READER.read("В 2026 году перевалка контейнеров в порту превысит 110 тыс. TEU.")
    assert [(q.value, q.unit) for q in found] == [(110_000, "TEU")]


def test_a_rate_is_not_a_date_and_a_part_takes_the_whole_s_unit():
    (tons,) = READER.read("15 million tons of freight a year ago")
    assert (tons.per, tons.stated) == ("none", "15 million tons")
    _sent, arrived = READER.read("358 container trains were sent, 287 of which have arrived")
    assert (arrived.value, arrived.unit) == (287, "count")
    _tons, later = READER.read("17 million tons of cargo in 2025 and 20 million in 2030, and 1 million passengers")
    assert (later.value, later.unit) == (20e6, "t")
    _italy, each = READER.read("8 billion cubic meters to Italy and 1 billion each to Greece and Bulgaria")
    assert (each.value, each.unit) == (1e9, "m3")


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer(GEODATA)


def extract(gazetteer, text: str, title: str | None = None, published: str | None = "2025-03-01"):
    mentions = Linker(gazetteer.features).link("a1", text, title)
    return FigureExtractor(gazetteer.features).extract("a1", text, title, mentions, published)


def test_a_figure_goes_to_the_feature_named_nearest(gazetteer):
    text = "Kazakhstan sent 1.5 million tons through the BTC pipeline in 2024, while the CPC carried 60 million tons."
    found = {(f.feature_id, f.value, f.period) for f in extract(gazetteer, text)}
    assert found == {("btc", 1.5e6, "2024"), ("cpc", 60e6, None)}  # the year is in the other clause


def test_sentences_referring_to_the_feature_by_its_kind(gazetteer):
    text = (
        "The Port of Aktau is Kazakhstan's main Caspian gateway. "
        "Last year the port handled 6.1 million tonnes of cargo. "
        "Its container hub can take 240,000 TEU a year, officials said. "
        "Wages rose to $700 a month."
    )
    figures = extract(gazetteer, text)
    assert [(f.feature_id, f.value, f.unit, f.period, f.measure) for f in figures] == [
        ("aktau", 6.1e6, "t", "2024", "volume"),
        ("aktau", 240_000, "TEU", None, "capacity"),
    ]
    assert figures[0].excerpt == "Last year the port handled 6.1 million tonnes of cargo."
    assert text[figures[0].start : figures[0].end] == figures[0].stated


def test_russian_words_referring_to_a_dry_port_or_terminal_in_any_case(gazetteer):
    text = (
        "На переходе Достык работает новый терминал. "
        "Скоро показатель вырастет до 6 поездов в сутки, а с 2026 года терминал сможет отправлять до 12 поездов. "
        "Морской порт Актау открыт в 1963 году. За девять месяцев на терминале обработали 2,5 млн тонн."
    )
    found = [(f.feature_id, f.value) for f in extract(gazetteer, text)]
    assert found == [("dostyk", 6), ("dostyk", 12), ("aktau", 2.5e6)]


def test_a_ship_s_size_in_containers_is_not_the_port_s(gazetteer):
    text = "The Port of Anaklia will handle 900,000 TEU and receive vessels carrying 10,000 containers."
    assert [(f.feature_id, f.value) for f in extract(gazetteer, text)] == [("anaklia", 900_000)]


def test_two_ports_together_is_neither_port_s_figure(gazetteer):
    text = (
        "The Batumi and Poti ports together handled 647,812 containers in 2019. Poti alone handled 531,731 containers. "
        "Порты Актау и Курык в совокупности перевалили 9 млн тонн."
    )
    assert [(f.feature_id, f.value) for f in extract(gazetteer, text)] == [("poti", 531_731)]


NOTHING_ATTACHED = {
    # Bakou24 195, MENAFN 193 (tuning half, issue 22)
    "a change in revenues, a share of a state's revenue": (
        "Revenues from the main oil pipelines, the BTC among them, came to 523.48 million manats, 2.7% less than a "
        "year before. Oil exports through the port of Ceyhan make up more than 90 percent of Iraq's state revenue."
    ),
    # AnewZ 189, Report 189 (tuning half, issue 22)
    "a country's rail network, the price of shipping a container": (
        "Trains now run on the Middle Corridor, and Türkiye's railway network has grown to 13,919 kilometres. "
        "Отправка 40-футового контейнера в Актау сейчас стоит 5 350–5 400 долларов."
    ),
    # Energy News Today 185, Report 185, Caspian Post 183, EFE 181 (tuning half, issue 22)
    "a crude benchmark's price, ships being bought, a build's workers and rails, losses": (
        "Oil prices jumped after drones hit the CPC terminal: WTI stood at $60.75, up 2.1%. KazmorTransFlot is "
        "buying six new container vessels for the Middle Corridor. Some 1,500 units of machinery and 3,000 workers "
        "built the Dostyk-Moiynty line, and 113,000 tons of rail were bought for the Dostyk-Moiynty line. "
        "Kazakhstan put its losses from the CPC attack at $100 million."
    ),
    # The Maritime Executive 177, Trend 177 (tuning half, issue 22)
    "a spill's size and the vessels sent to clean it": (
        "The first reports described a small spill of crude, covering about 200 square yards and amounting to less "
        "than 12 cubic meters (100 tons), at the CPC terminal. It said 17 response vessels had been sent to the "
        "CPC terminal."
    ),
    # Caliber 167, Global Times 163, Report 157, Trend 167 (tuning half, issue 22)
    "a date in ten days, a target met early, one train's wagons, a fleet": (
        "Deliveries along the Middle Corridor began in the second ten days of March. The Khorgos dry port met its "
        "target 48 days early. A freight train of 55 wagons left the Khorgos dry port. Our commercial fleet, more "
        "than 50 cargo ships, serves the Middle Corridor."
    ),
    # AZERTAC 161 (tuning half, issue 22)
    "a crane's lifting capacity": "The ASCO ferry for the Middle Corridor will get a 3-ton utility crane.",
    "the size of the ships a port can take, after the figure": (
        "The first phase will allow the port of Anaklia to take 10,000 TEU Panamax and Post-Panamax vessels. "
        "Новый терминал в порту Поти позволит принимать суда в 50 000 тонн."
    ),
    "a whole that includes the port, and a list of ports": (
        "Перевалка грузов в портах юга России, в том числе в Новороссийске, снизилась на 9,8%. В июне через порты прошло "
        "1,3 млн т зерна. Cargo through the ports of Novorossiysk, Tuapse, Taman and Taganrog fell 51.5%."
    ),
    "ports named together, one by both its names": (
        "The seaports of Baku/Alyat, Batumi, Poti, Aktau and Kuryk can redirect about seven million tonnes of cargo."
    ),
    "what a route is built of": (
        "Along the Zangezur corridor they plan to build eight stations, three tunnels and 41 bridges. "
        "The BTC pipeline has 51 block valve stations and four pumping stations."
    ),
    "what a build is made of": (
        "Construction at the port of Anaklia includes reclaiming 15 million cubic metres of sand and a breakwater "
        "built from 1.3 million tonnes of rock. Из порта Актау вывезут 1,6 млн кубометров грунта."
    ),
    "wages, prices, casualties": (
        "Workers at the Port of Poti earn a salary of $600 a month, and a drone strike on Novorossiysk killed "
        "three sailors on two tankers while Urals traded at a price of $60."
    ),
    "ships' sizes, wind speeds": (
        "The Port of Poti will be deepened to receive vessels carrying about 50,000 tons of cargo. "
        "At the Port of Novorossiysk the wind reaches 79.2-86.4 km/h."
    ),
    "dates, how long an outage lasted": (
        "Tokayev spoke on July 7, two days after a court ordered a halt on the CPC pipeline. "
        "CPC tankers waited for nine days."
    ),
    "another terminal named": (
        "The Port of Aktau is Kazakhstan's main Caspian gateway. "
        "The Astara terminal will handle up to 1 million tons of cargo a year."
    ),
    "ports the geodata does not hold": (
        "The Port of Aktau is Kazakhstan's main Caspian gateway. For comparison, the Port of Shanghai handled "
        "49 million TEU in 2023. Busan came sixth with 22.8 million TEU, and Rotterdam, the only port outside Asia "
        "in the top ten, was tenth with 13.4 million TEU."
    ),
    "revenue and profit in another currency": (
        "The Batumi oil terminal earned revenue of 90 million lari (33 million USD) and a profit of 12 million "
        "(4 million USD) last year."
    ),
    "two ports together": "За семь месяцев через морские порты Актау и Курык перевезено около 4,2 млн тонн грузов.",
    "a ship's size in containers, a fleet bought": (
        "The Port of Poti cannot take vessels that carry more than 1,500 containers. "
        "Для порта Актау компания закупает 6 новых контейнерных судов."
    ),
    "a fleet by a year, a ship's load, ships in the roads, a collision": (
        "By 2028 all ferries of the Port of Kuryk will be in operation; one vessel with a cargo capacity of 7,000 "
        "tons joined this year. Two freight trains collided at Dostyk. У порта Поти на рейде ожидают 15 судов."
    ),
    "how long a port took no ships": "Из-за шторма порт Поти четыре дня не принимал корабли.",
    "a meeting's length": "The two-day Silk Road Summit at the Port of Baku opened today.",
    "a country's transit": (
        "Demand grows along the Middle Corridor: transit through Kazakhstan rose to 262,000 tonnes, and container "
        "traffic between China and Georgia rose 39.9%."
    ),
    "one day in the future": "Moscow worries that the Anaklia port could one day host foreign warships.",
    "the ferries' load": "На линии порта Курык будут работать суда, которые берут до 40 большегрузных автомобилей.",
    "a road to a village": (
        "Порт Курык растет. Сейчас в порту строят дорогу длиной 27 километров до поселка Жетыбай. "
        "В порту Курык строят гостиницу и 12-километровую дорогу до посёлка Курык."
    ),
    "trade the route may tap": (
        "The Middle Corridor gives Central Asia a chance to tap into the $600 billion a year of trade between "
        "China and Europe."
    ),
    # batch 373 (China Daily): two crossings joined by "and" and nothing else share the figure
    "two crossings' sum": (
        "More than 100,000 China-Europe freight trains have now passed through Alashankou and Horgos."
    ),
    "five seaports' sum": (
        "The seaports of Alyat, Batumi, Poti, Aktau and Kuryk can redirect about seven million tonnes of cargo "
        "to this route."
    ),
    "the sentence after two ports together goes on with their sum": (
        "Перевалка грузов через морские порты Актау и Курык выросла в два раза. "
        "Контейнерных перевозок стало больше на 34 процента: перевалено 33,7 тысяч ДФЭ."
    ),
    "another way by its common name": (
        "In theory the Northern route can bring goods from China to Europe in as little as ten days, but the "
        "war has damaged it, and cargo on the Middle Corridor has surged since."
    ),
    "a shutdown's length and the period of a figure": (
        "The government met to discuss the 30-day shutdown of the CPC terminal at Novorossiysk. "
        "За последние 7 дней спрос на перевозки по Среднему коридору резко вырос."
    ),
    "a day and month before a counted thing": (
        "Разлив у КТК произошел 29 августа во время погрузки танкера. On 29 August a tanker loaded at the CPC terminal."
    ),
    "a war's days, how long works take": (
        "Under the terms that ended the 44-day Karabakh war, Armenia undertook to guarantee access via the "
        "Zangezur corridor. At the CPC terminal, installing the two new SPMs will take some 70 days."
    ),
    "the largest ships a port can take": (
        "After dredging, the sea port of Poti will be able to take vessels up to 253m long and up to 50,000 tonnes."
    ),
    "a ship's load in Azerbaijani": (
        "Xəzər dənizinin dayazlaşması Aktau Beynəlxalq Dəniz Ticarət Limanının işinə mənfi təsir edir.\n\n"
        "Aktau liman departamentinin rəhbəri izah edib ki, 6500 tonluq quru yük gəmiləri indi 5500 tondan çox götürə "
        "bilmir."
    ),
}


@pytest.mark.parametrize("case", sorted(NOTHING_ATTACHED))
def test_numbers_about_something_else_are_not_attached(gazetteer, case):
    """Wages, prices, casualties, ships' sizes, wind speeds, dates, an outage's length, another terminal."""
    assert extract(gazetteer, NOTHING_ATTACHED[case]) == []


# Whose figure, case by case: the text, and the (feature, value) pairs attached, in text order.
ATTACHED = {
    # batch 361 (Kazakh): percent, TEU and "thousand" in Kazakh, "more than" after the number
    "Kazakh words for percent, TEU and thousands": (
        "Мұнай экспортымыздың 80 пайызы Каспий құбыры арқылы өтеді. "
        "Ақтау порты арқылы 5 мыңнан астам вагон және 10 мың ЖФЭ контейнер тасымалданды. "
        "Quryq portyndaǵy parom kesheni 400 myń tonnadan astam júk óńdedi.",
        [("cpc", 80), ("aktau", 5000), ("aktau", 10000), ("kuryk", 400000)],
    ),
    "a name's bracketed or possessive figure is that name's": (
        "Cargo fell at Batumi (-20.5%) and Kulevi (-12.1%). Poti Port's volume fell to 3.3 mln tons, "
        "Batumi Port's to 1.7 mln tons and the Kulevi oil terminal's to 0.4 mln tons.",
        [("batumi", 20.5), ("poti", 3_300_000), ("batumi", 1_700_000)],
    ),
    "'It' after a sentence naming two is the one it opened on": (
        "The BTC, the region's longest pipeline, carries Azerbaijani oil to Ceyhan. "
        "It can carry 1.2 million barrels of crude a day.",
        [("btc", 1_200_000)],
    ),
    "the traditional sea route's time and the Northern corridor's share are theirs": (
        "Груз по Среднему коридору доставляется примерно за 15 дней, а по традиционному морскому пути — за 45-55 "
        "дней. Before the war, 99% of goods went along the northern corridor and just 1% along the Middle Corridor.",
        [("middle-corridor", 15), ("middle-corridor", 1)],
    ),
    "a change in brackets is the figure's before it, not the next name's": (
        "Over the same period, Poti Port handled 4 million tons of cargo (an increase of 0.9 million tons), the Supsa "
        "Maritime Terminal 1.1 million tons (a decrease of 0.4 million tons) and Batumi port 1.5 million tons.",
        [("poti", 4e6), ("poti", 0.9e6), ("supsa", 1.1e6), ("supsa", 0.4e6), ("batumi", 1.5e6)],
    ),
    "freight between two countries is theirs, not the crossing's": (
        "Most trains to Europe cross at Khorgos. Last year rail freight between the two countries topped 32 million "
        "tons, a historic high.",
        [],
    ),
    "a way the geodata does not hold keeps its figure": (
        "More than 124 million barrels left through the Baku–Tbilisi–Ceyhan pipeline and more than 16 million "
        "barrels through the Northern Route Export Pipeline.",
        [("btc", 124e6)],
    ),
    "a quoted company's name is no referent": (
        "В порту Актау строят контейнерный хаб. Соглашение подписано с ООО «Порт Ляньюньган». "
        "Проектная мощность хаба составит 240 тыс. ДФЭ.",
        [("aktau", 240_000)],
    ),
    "a sentence opening on the feature's cargo goes on about it": (
        "More than 11.3 million tons of cargo went through the Turkmenbashi International Seaport in 2021, the port’s "
        "head Seyitguly Bayseyidov told the international conference in Ashgabat on Monday.\n\n"
        "Export cargo made up most of it, 6.58 million tons, while imports came to 1.21 million tons, he said.",
        [("turkmenbashi", 11.3e6), ("turkmenbashi", 6.58e6)],
    ),
    "a possessive refers back past another name; a route told by its path is no referent": (
        "The Baku–Tbilisi–Ceyhan pipeline carries Kazakh oil. Growth was held back by the pipeline’s capacity of "
        "50 million tons a year and by the tanker fleet of the port of Aktau. "
        "The Port of Aktau grew. The route from Aktau to the port of Poti is 1,792 km long.",
        [("btc", 50e6)],
    ),
    "a report on one port gives it its measured traffic": (
        "Freight traffic through the port of Constanta grew 10 percent in the first quarter, to 19 million tons.\n\n"
        "The rise extends the trend of recent years. Of the total, maritime traffic accounted for 14.5 million tons. "
        "Container traffic rose from 1.67 million tons of freight in Q1 2022 to 2.24 million tons. "
        "China accounts for 27% of Romania's transit traffic.",
        [("constanta", 10), ("constanta", 19e6), ("constanta", 14.5e6), ("constanta", 1.67e6), ("constanta", 2.24e6)],
    ),
    "a length between two ports is the route's when the sentence calls it by its kind": (
        "Loadings resumed on the CPC on Monday. The pipeline runs 1,511 kilometers from Tengiz to Novorossiysk and "
        "carries two-thirds of Kazakhstan's oil exports. The overland route from Aktau to the port of Poti is 1,792 km.",
        [("cpc", 1511), ("cpc", 66.667)],
    ),
    "a port's berths are counted, a route's stations are not": (
        "The port of Poti has 15 berths. The Zangezur corridor will have eight stations.",
        [("poti", 15)],
    ),
    "the port at a route's end describes the route, whose figure it stays": (
        "The CPC runs from the Caspian coast in northwest Kazakhstan to Novorossiysk port on Russia's Black Sea coast "
        "and handles 80% of Kazakhstan's crude exports. The pipeline carried 5 Mt to Novorossiysk port.",
        [("cpc", 80), ("novorossiysk", 5e6)],
    ),
}


@pytest.mark.parametrize("case", sorted(ATTACHED))
def test_whose_figure(gazetteer, case):
    text, wanted = ATTACHED[case]
    assert [(f.feature_id, f.value) for f in extract(gazetteer, text)] == wanted


def test_measures_and_periods(gazetteer):
    text = (
        "The Middle Corridor's capacity is 10 million tons a year; it carried 2.76 million tons in the first half "
        "of 2024 and plans to reach 10 million tons by 2030, with a transit time of 11 to 38 days."
    )
    found = [(f.value, f.per, f.measure, f.period) for f in extract(gazetteer, text)]
    assert found == [
        (10e6, "year", "capacity", None),
        (2.76e6, "none", "volume", "2024-H1"),
        (10e6, "none", "target", "2030"),
        (11, "none", "transit_time", "2030"),
    ]


@pytest.mark.parametrize(
    "text, measures",
    [
        ("CPC cut exports by 480,000 tonnes in 2025 to 74 million tonnes.", ["other", "volume"]),
        ("Aktau port handled 4 million tons in 2024, 0.9 million tons more than in 2023.", ["volume", "other"]),
        ("Aktau port handled 4 million tons in 2024, an increase of 0.9 million tons.", ["volume", "other"]),
        ("Перевалка в порту Актау увеличилась на 500 тыс. тонн, до 6 млн тонн.", ["other", "volume"]),
        ("Transit time on the Middle Corridor was cut by 5 days to 15 days.", ["other", "transit_time"]),
        ("The port of Aktau is designed for 5 million tons a year.", ["capacity"]),
        ("КТК ожидает снижения прокачки нефти на 2 млн тонн в 2025 году.", ["other"]),
        ("Из-за атак на КТК Казахстан недобыл 480 тыс. тонн нефти.", ["other"]),
    ],
)
def test_a_change_is_not_a_level(gazetteer, text, measures):
    """A change set against a level would show as a disagreement in the card."""
    assert [f.measure for f in extract(gazetteer, text)] == measures


@pytest.mark.parametrize(
    "text, wanted",
    [
        ("The BTC pipeline pumps 1.2 million barrels a day to Ceyhan.", [("btc", 1.2e6)]),
        (
            "The BTC opened in 2006; it can pump 1 million barrels a day of crude to Turkey's port of Ceyhan.",
            [("btc", 1e6)],
        ),
        ("КТК прокачал 60 млн тонн нефти в порт Новороссийск.", [("cpc", 60e6)]),
        ("The BTC pipeline, a $3-billion line, opened in 2006.", [("btc", 3e9)]),
        ("Kazakhstan built a $300-million port in Aktau.", [("aktau", 3e8)]),
        ("Oil began to flow through the 1,500km CPC pipeline in 2001.", [("cpc", 1500)]),
        ("TANAP ilə 89 milyard kubmetrdən çox qaz daşınıb, Cənub Qaz Dəhlizi ilə.", [("southern-gas-corridor", 89e9)]),
        ("На терминале Khorgos Gateway работают козловые краны RMGC 41T-31M.", []),
        (
            "The port of Aktau and the Khorgos dry port handle containers. The roads cut the distance between Astana "
            "and Aktau by 800km and between Khorgos and Aktau by 900km.",
            [],
        ),
    ],
)
def test_a_port_a_route_goes_to_and_a_scale_written_onto_its_number(gazetteer, text, wanted):
    """Hurriyet 99 and 147, Kazinform 155, Informburo 51, Kazakhstan Today 137 (tuning half, issue 22): the port after
    "to" is where the route named before the figure goes; "$3-billion" is three billion dollars; a unit of two letters
    may be written onto its number ("1,500km"), not a crane's model ("41T"); the distance between two cities is
    neither's."""
    assert [(f.feature_id, f.value) for f in extract(gazetteer, text)] == wanted


def test_sentences_going_on_about_the_feature_named_before(gazetteer):
    text = (
        "Cargo moving on the Middle Corridor across Kazakhstan doubled last year to 1.7 million tonnes. "
        "In the first five months of this year traffic rose by another 64 per cent. Then it rose by 5 per cent. "
        "Analysts were surprised. Then it rose by 9 per cent.\n\n"
        "The Middle Corridor is long. Kazakhstan intends to raise its transit traffic to 33 million tons.\n\n"
        "The Middle Corridor is long. The plant is expected to produce one million tons of hydrogen.\n\n"
        "The Middle Corridor is long. It is planned to carry 5 million tons via the North-South corridor.\n\n"
        "The Middle Corridor is long. Over the year, 358 container trains were sent from China to Azerbaijan, "
        "287 of which have arrived."
    )
    found = [(f.value, f.unit) for f in extract(gazetteer, text) if f.feature_id == "middle-corridor"]
    # a run of sentences stating figures goes on about it; one stating none ends the run
    assert found == [(1.7e6, "t"), (64, "pct"), (5, "pct"), (358, "count"), (287, "count")]


def test_a_volume_through_a_port_is_the_port_s_and_the_route_s(gazetteer):
    text = (
        "Объем перевозок по ТМТМ через порт Актау превысил 23,8 тыс. ДФЭ. "
        "In June, 123,700 tons went through the port of Poti towards the Baku–Tbilisi–Ceyhan pipeline. "
        "The Caspian Pipeline Consortium carried 60 million tons, 2 million tons more than via Novorossiysk. "
        "Oil went through the port of Batumi towards the Baku–Tbilisi–Ceyhan pipeline, 5,000 tons more than in May. "
        "The Baku–Tbilisi–Kars railway's operator shipped 700 tons from the port of Anaklia. "
        "The Baku–Tbilisi–Ceyhan pipeline has shipped 900 million barrels from its terminal at Ceyhan."
    )
    found = sorted((f.value, f.feature_id) for f in extract(gazetteer, text))
    assert found == [
        (700, "anaklia"),
        (700, "btk"),
        (5_000, "batumi"),  # the figure after both names: both's too
        (5_000, "btc"),
        (23_800, "aktau"),
        (23_800, "middle-corridor"),
        (123_700, "btc"),
        (123_700, "poti"),
        (2e6, "cpc"),  # another figure stands between the CPC and the port: not carried on
        (60e6, "cpc"),
        (900e6, "btc"),  # shipped from its terminal at Ceyhan
        (900e6, "ceyhan"),
    ]


def test_units_in_capitals_and_places_are_not_someone_else(gazetteer):
    text = (
        "The Port of Baku is growing. Last year it handled 76,000 TEU; this year it expects 104,000 TEU. "
        "A center for the Middle Corridor was set up; it is to bring times between Asia and Europe down to 15 days. "
        "By 2030 travel time between China and Europe's border will halve and volumes triple to 11 million tonnes. "
        "In March a train from China's Xi'an reached Azerbaijan in only 11 days."
    )
    found = sorted((f.feature_id, f.value) for f in extract(gazetteer, text))
    assert found == [
        ("alat", 76_000),
        ("alat", 104_000),
        ("middle-corridor", 11),
        ("middle-corridor", 15),
        ("middle-corridor", 11e6),
    ]


def test_customs_clearance_times_are_not_the_route_s(gazetteer):
    text = (
        "По ТМТМ в 2024 году перевезли 4,5 млн тонн. Оформление одного контейнерного поезда теперь занимает "
        "30 минут, а раньше доходило до трех часов."
    )
    assert [(f.value, f.unit) for f in extract(gazetteer, text)] == [(4.5e6, "t")]


def test_berths_at_a_port_are_the_port_s_not_the_route_s(gazetteer):
    text = "Порт Актау — звено ТМТМ. В порту Актау работают три нефтяных причала и 40 поездов в сутки."
    found = [(f.feature_id, f.value) for f in extract(gazetteer, text)]
    assert ("aktau", 3) in found and ("middle-corridor", 3) not in found


def test_a_railway_s_corridor_unless_a_corridor_is_named(gazetteer):
    btk = "The Baku–Tbilisi–Kars railway was presented. The corridor's peak capacity will be 17 million tons."
    assert [(f.feature_id, f.value) for f in extract(gazetteer, btk)] == [("btk", 17e6)]
    both = "The Baku–Tbilisi–Kars railway is part of the Middle Corridor. The corridor carried 4 million tons."
    assert [(f.feature_id, f.value) for f in extract(gazetteer, both)] == [("middle-corridor", 4e6)]


def test_a_terminal_s_pipeline_unless_a_pipeline_is_named(gazetteer):
    supsa = (
        "Since 1999 Baku-Supsa has carried more than 700 million barrels of oil. "
        "The current export rate through the pipeline is about 100,000 barrels per day."
    )
    assert [(f.feature_id, f.value) for f in extract(gazetteer, supsa)] == [("supsa", 7e8), ("supsa", 1e5)]
    ceyhan = "The BTC pipeline ends at the Ceyhan terminal. The pipeline carried 30 million tons last year."
    assert [(f.feature_id, f.value) for f in extract(gazetteer, ceyhan)] == [("btc", 3e7)]


def test_a_list_gives_each_figure_to_the_name_in_its_part(gazetteer):
    text = "Poti Port - 7.9 million t, up 36.2%; Batumi Sea Port - 2.9 million t, down 15%; Kulevi terminal - 1.5 million t."
    found = [(f.feature_id, f.value) for f in extract(gazetteer, text)]
    assert found == [("poti", 7.9e6), ("poti", 36.2), ("batumi", 2.9e6), ("batumi", 15)]


def test_the_size_of_the_ships_is_not_the_port_s_tonnage(gazetteer):
    text = "In September the Port of Aktau received ships with a total deadweight of about 50,000 tons."
    assert [f for f in extract(gazetteer, text) if f.unit == "t"] == []


def test_trains_between_ports_are_the_article_s_route(gazetteer):
    text = (
        "Container traffic on the Middle Corridor keeps growing. "
        "A train takes 9 days from Altynkol station to Absheron and 12 days to Poti or Batumi."
    )
    found = [(f.feature_id, f.value, f.unit) for f in extract(gazetteer, text)]
    assert found == [("middle-corridor", 9, "days"), ("middle-corridor", 12, "days")]


def test_lengths_that_are_the_route_s_and_those_that_are_not(gazetteer):
    text = (
        "The BTC pipeline is 1,768 kilometers long: 443 km cross Azerbaijan and 249 km Georgia. "
        "The Port of Alat lies 70 kilometers south of the capital. "
        "The road from Aktau to the port of Poti is 1,792 km long. "
        "The BTC pipeline was upgraded. The project laid 172 kilometers of power cable along the pipeline."
    )
    assert [(f.feature_id, f.value) for f in extract(gazetteer, text)] == [("btc", 1768)]


def test_an_owner_s_stake_is_not_a_figure_of_the_route(gazetteer):
    text = (
        "The SCP carried 25 bcm in 2024. The shareholders of SCP Co are bp (operator, 29.99 percent), SGC "
        "(21.02 percent) and LUKOIL (19.99 percent). TANAP-da səhmlər belə bölünüb: SGC - 58 faiz, Botaş - 30 faiz. "
        "SCP'de BP'nin yüzde 29 payı bulunurken, SOCAR da yüzde 21 hisseye sahip."
    )
    assert [(f.feature_id, f.value) for f in extract(gazetteer, text)] == [("southern-gas-corridor", 25e9)]


def test_a_motorway_s_length_is_not_the_port_s(gazetteer):
    text = (
        "Порт Туркменбаши принял паром. Автобан Ашхабад — Туркменбаши начали строить в 2019 году, его длина — 600 км."
    )
    assert [(f.feature_id, f.value) for f in extract(gazetteer, text)] == []


def test_a_tunnel_s_length_is_not_the_route_s(gazetteer):
    text = "Bakü-Tiflis-Kars Demiryolu 838 kilometre uzunluğundadır; hatta 5 kilometrelik bir tünel var."
    assert [(f.feature_id, f.value) for f in extract(gazetteer, text)] == [("btk", 838)]


def test_a_length_from_one_end_to_the_other_is_a_span_not_a_distance(gazetteer):
    found = [
        [(f.feature_id, f.value) for f in extract(gazetteer, text)]
        for text in (
            "The BTC pipeline runs 1,768 km from Baku to Ceyhan.",
            "Нефтепровод КТК протяженностью 1511 км от Тенгиза до Новороссийска работает.",
            "The CPC carries oil. Its pipeline runs some 1,500 kilometres from the Tengiz field to the Black Sea port "
            "of Novorossiysk.",
            "The Port of Alat lies 70 kilometers from Baku.",
            # a participle's clause states the subject's length, whether the subject is named or referred to
            "The BTC pumped on, and loadings on the CPC resumed. Running 1,511 kilometers from Tengiz to Novorossiysk, the "
            "pipeline carries two-thirds of Kazakhstan's oil exports.",
            "Stretching 1,511 kilometers from Tengiz to Novorossiysk, the CPC pipeline carries Kazakh oil.",
        )
    ]
    assert found == [
        [("btc", 1768)],
        [("cpc", 1511)],
        [("cpc", 1500)],
        [],
        [("cpc", 1511), ("cpc", 66.667)],
        [("cpc", 1511)],
    ]


def test_a_route_described_as_part_of_another_is_not_the_one_counted(gazetteer):
    text = "The Baku-Tbilisi-Kars railway, a vital part of the Middle Corridor, will carry 5 million tons a year."
    assert [(f.feature_id, f.value) for f in extract(gazetteer, text)] == [("btk", 5e6)]


def test_an_article_states_a_figure_once(gazetteer):
    text = (
        "Supsa loaded its 1000th tanker. Loading the 1000th tanker at Supsa is a milestone. "
        "The Port of Aktau has three oil berths and three dry cargo berths."
    )
    found = [(f.feature_id, f.value, f.stated) for f in extract(gazetteer, text)]
    assert found == [
        ("supsa", 1000, "1000th tanker"),
        ("aktau", 3, "three oil berths"),
        ("aktau", 3, "three dry cargo berths"),
    ]


def test_the_same_value_for_two_periods_is_two_statements(gazetteer):
    """Haqqin (tuning half, issue 22): 1.5 Mt through the BTC in 2025 and 1.5 Mt planned for 2026 are two
    figures of the route's record; the value repeated without a period is still one."""
    text = (
        "Казахстан в 2025 году прокачает по БТД около 1,5 млн тонн нефти. "
        "На 2026 год по маршруту БТД тоже запланирована транспортировка 1,5 млн тонн нефти. "
        "Эти 1,5 млн тонн идут через БТД."
    )
    assert [(f.value, f.period) for f in extract(gazetteer, text)] == [(1_500_000, "2025"), (1_500_000, "2026")]


def test_what_follows_a_naming_sentence_about_something_else(gazetteer):
    text = (
        "The Middle Corridor carried 2 million tons. Currently 30% of the trains are formed at this dry port.\n\n"
        "The Middle Corridor carried 3 million tons. Since the terminal opened, traffic has grown by 70 percent.\n\n"
        "The Middle Corridor carried 4 million tons. Oil accounts for 90 percent of Azerbaijan's sales."
    )
    found = [(f.value, f.unit) for f in extract(gazetteer, text)]
    assert found == [(2e6, "t"), (3e6, "t"), (4e6, "t"), (70, "pct")]


def test_a_headline_rounding_a_figure_of_the_text_is_one_statement(gazetteer):
    figures = extract(
        gazetteer, "The Port of Aktau handled 7,547,000 tons in 2025.", title="Aktau handled 7.5 million tons"
    )
    assert [(f.kind, f.value) for f in figures] == [("sentence", 7_547_000)]


def test_a_headline_figure_cites_the_headline(gazetteer):
    (figure,) = extract(gazetteer, "Loadings resumed on Monday.", title="CPC exported 1.6 million barrels per day")
    assert (figure.feature_id, figure.kind, figure.excerpt, figure.value) == (
        "cpc",
        "headline",
        "CPC exported 1.6 million barrels per day",
        1.6e6,
    )


# --- the index --------------------------------------------------------------------------------------


PAGE = """  • KZT/USD = 0.00196 -0%

3 March 2025

Viewing results 1 - 1 of 1

Aktau port handles record cargo

The Port of Aktau handled 6.1 million tonnes of cargo in 2024. The port plans to reach 10 million tonnes by 2030.
"""


@pytest.fixture
def seeds(tmp_path) -> Path:
    target = tmp_path / "seeds"
    shutil.copytree(SEEDS, target)
    (target / "aktau.txt").write_text(PAGE, encoding="utf-8")
    return target


def index_figures(seeds: Path, geodata: Path, data_dir: Path):
    with Index(index_path(seeds, data_dir)) as index:
        summary = ingest(index, seeds, load_gazetteer(geodata))
        return summary, index.figure_rows()


def test_the_index_holds_what_a_fresh_parse_extracts(seeds, data_dir, tmp_path):
    geodata = make_geodata(tmp_path / "geodata", GEODATA)
    _summary, rows = index_figures(seeds, geodata, data_dir)
    fresh = Dataset.fresh(seeds, load_gazetteer(geodata)).figure_rows(load_gazetteer(geodata))
    assert sorted(rows) == sorted(fresh)
    aktau = [r for r in rows if r.feature_id == "aktau"]
    assert [(r.value, r.period, r.measure, r.date, r.source) for r in aktau] == [
        (6.1e6, "2024", "volume", "2025-03-03", "Times of Central Asia"),
        (10e6, "2030", "target", "2025-03-03", "Times of Central Asia"),
    ]


def test_figures_follow_page_edits_and_corrections(seeds, data_dir, tmp_path):
    geodata = make_geodata(tmp_path / "geodata", GEODATA)
    _, rows = index_figures(seeds, geodata, data_dir)
    article_id = next(r.article_id for r in rows if r.feature_id == "aktau")
    page = seeds / "aktau.txt"
    page.write_text(page.read_text(encoding="utf-8").replace("6.1 million", "6.3 million"), encoding="utf-8")
    summary, rows = index_figures(seeds, geodata, data_dir)
    assert summary.changed == 1 and not summary.relinked
    assert 6.3e6 in [r.value for r in rows if r.feature_id == "aktau"]
    article_id = next(r.article_id for r in rows if r.feature_id == "aktau")
    others = [r for r in rows if r.feature_id != "aktau"]

    corrections.record(geodata, corrections.Correction("reject", article_id, "aktau"))
    _, rows = index_figures(seeds, geodata, data_dir)
    assert [r for r in rows if r.feature_id == "aktau"] == []
    assert rows == others


def test_a_first_ingest_extracts_figures_after_the_corrections(seeds, data_dir, tmp_path):
    """Workers extract figures before corrections are applied: a corrected article's are redone."""
    geodata = make_geodata(tmp_path / "geodata", GEODATA)
    _, rows = index_figures(seeds, geodata, data_dir)
    article_id = next(r.article_id for r in rows if r.feature_id == "aktau")
    corrections.record(geodata, corrections.Correction("reject", article_id, "aktau"))
    _, fresh_rows = index_figures(seeds, geodata, tmp_path / "another-data")
    assert [r for r in fresh_rows if r.feature_id == "aktau"] == []
    assert fresh_rows == [r for r in rows if r.feature_id != "aktau"]


def test_parallel_workers_extract_what_a_fresh_parse_does(seeds, data_dir, tmp_path):
    geodata = make_geodata(tmp_path / "geodata", GEODATA)
    write_corpus(seeds / "bulk", 5 * PARALLEL_FROM_PAGES + 5, SEEDS, per_page=5)
    gazetteer = load_gazetteer(geodata)
    with Index(index_path(seeds, data_dir)) as index:
        ingest(index, seeds, gazetteer, workers=2)
        rows = index.figure_rows()
    assert len(rows) > 10
    assert sorted(rows) == sorted(Dataset.fresh(seeds, gazetteer).figure_rows(gazetteer))


def test_the_figures_command(seeds, data_dir, tmp_path):
    geodata = make_geodata(tmp_path / "geodata", GEODATA)
    common = ("--seeds", str(seeds), "--geodata", str(geodata))
    rows, _ = cli_json("figures", *common, "--feature", "aktau", data_dir=data_dir)
    assert [(r["value"], r["unit"], r["period"], r["stated"]) for r in rows] == [
        (10e6, "t", "2030", "10 million tonnes"),  # a target (measure order), then the volume
        (6.1e6, "t", "2024", "6.1 million tonnes"),
    ]
    assert set(FIGURE_COLUMNS) <= set(rows[0]) and rows[0]["value_high"] is None
    fresh, _ = cli_json("figures", *common, "--no-index", data_dir=data_dir)
    indexed, _ = cli_json("figures", *common, data_dir=data_dir)
    assert fresh == indexed and len(indexed) > len(rows)
    result = run_cli("figures", *common, "--format", "csv", data_dir=data_dir)
    table = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(table[0]) == FIGURE_COLUMNS and len(table) == len(indexed)


def test_figure_frame_orders_by_feature_measure_and_date():
    frame = figure_frame([])
    assert list(frame.columns) == FIGURE_COLUMNS and frame.empty


def test_a_country_s_section_is_not_the_route_s_length(gazetteer):
    for text in (
        "The BTC pipeline is 1,768 kilometers long, with 443 km in Azerbaijan, 249 km in Georgia and 1,076 km in Turkey.",
        "The BTC pipeline is 1,768 kilometers long in total, 1,076 kilometers of it in Turkey.",
        "Длина нефтепровода Баку-Тбилиси-Джейхан 1768 км, из них 249 км на территории Грузии.",
    ):
        assert [(f.feature_id, f.value) for f in extract(gazetteer, text)] == [("btc", 1768)], text


def test_who_said_so_does_not_end_the_sentences_about_the_feature(gazetteer):
    """A source in a sentence going on about a feature is not someone else's figure, and a sentence only
    saying who said so passes the thread on."""
    text = (
        "More than 1.1 million tons of cargo passed through the Aktau seaport in January-March. "
        "According to the national company Kazakhstan Railways (KTZ), that is 14 percent more than a year earlier.\n\n"
        "За восемь месяцев в Бакинском порту перегрузили около 70 тысяч TEU. Об этом сообщили в «Азербайджанских железных дорогах» (АЖД). "
        "Это на 48% больше, чем годом ранее.\n\n"
        "В порту Актау перевалили 2 млн тонн. Об этом сообщили в ЗАО «Казахстанские железные дороги». "
        "Это на 7% больше, чем годом ранее."
    )
    found = {(f.feature_id, f.value, f.unit) for f in extract(gazetteer, text)}
    assert found == {
        ("aktau", 1.1e6, "t"),
        ("aktau", 14, "pct"),
        ("alat", 70_000, "TEU"),
        ("alat", 48, "pct"),
        ("aktau", 2e6, "t"),
        ("aktau", 7, "pct"),
    }


def test_together_with_is_no_total_and_a_route_may_be_the_pipeline(gazetteer):
    """ "Вместе с" (together with) its ferries, the port's own capacity; "по этому маршруту" refers to the
    oil pipeline when the article names no corridor."""
    text = (
        "Порт Курык расширен. Вместе с железнодорожным паромным комплексом порт сможет обрабатывать до 6 млн тонн "
        "грузов в год.\n\n"
        "Из порта Актау в направлении Баку — Тбилиси — Джейхан отгрузили нефть. За восемь месяцев 2025 года по этому "
        "маршруту перевезли 0,9 миллиона тонн нефти."
    )
    found = [(f.feature_id, f.value) for f in extract(gazetteer, text)]
    assert found == [("kuryk", 6e6), ("btc", 0.9e6)]


def test_a_port_inside_a_route_s_name_is_not_the_figure_s_owner(gazetteer):
    """ABC.az, Business Turkmenistan (tuning half, issue 22): "the Baku-Kuryk-Baku route" names where the
    port of Baku's ferries run; its wagons are the Baku port's, not Kuryk's or Turkmenbashi's."""
    text = (
        "Of these, 6,446 wagons went on the Baku-Kuryk-Baku route and 7,342 wagons on the Baku-Turkmenbashi-Baku "
        "route, the Port of Baku said. The Turkmenbashi-Baku ferry line carried 20,000 trucks."
    )
    assert {(f.feature_id, f.value) for f in extract(gazetteer, text)} == {("alat", 6_446), ("alat", 7_342)}
    assert [(f.feature_id, f.value) for f in extract(gazetteer, "The port of Kuryk handled 5 million tons.")] == [
        ("kuryk", 5_000_000)
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        # AzVision 297 (tuning half): a round trip names a route with no word for "route" after it, and
        # Azerbaijani says "istiqamətində" (in the direction)
        "Bakı Limanında 13 min 788 vaqon aşırılıb. Onlardan 6 min 446 vaqon Bakı-Kurik-Bakı, 7 min 342 vaqon isə "
        "Bakı-Türkmənbaşı-Bakı istiqamətində daşınıb.",
        # Report 146 (tuning half): two ports on one leg, written with a slash
        "The Port of Baku handled 243,000 wagons. Around 14,000 units, or 37.9% of the wagons, moved in the "
        "Baku-Kurik/Aktau-Baku direction.",
    ],
)
def test_a_port_inside_a_round_trip_or_a_direction_is_not_the_figure_s_owner(gazetteer, sentence):
    """Report 146, AzVision 297 (tuning half, issue 22): the wagons counted by direction are the port of Baku's."""
    assert {f.feature_id for f in extract(gazetteer, sentence)} <= {"alat"}


def test_a_port_in_a_round_trip_does_not_take_the_thread_from_the_port_it_is_about(gazetteer):
    """Report 333 (tuning half, issue 22): "limandan" (from the port) after the round trips is still the port of Baku,
    and Azerbaijani "ədəd" (units) counts."""
    text = (
        "Bakı Limanı keçən il 8 milyon ton yük aşırıb. Bu vaqonların 229 min ədədi Bakı-Kurik-Bakı istiqamətində "
        "daşınıb. 2025-ci ildə limandan keçən TIR-ların sayı 2,9 % artaraq 59,9 min ədədə çatıb."
    )
    assert {(f.feature_id, f.value) for f in extract(gazetteer, text)} >= {("alat", 2.9), ("alat", 59_900)}
    assert {f.feature_id for f in extract(gazetteer, text)} == {"alat"}


def test_an_azerbaijani_word_for_the_port_needs_no_article(gazetteer):
    """Report 333 (tuning half, issue 22): "Limanda" (in the port) opening a sentence refers to the port named before;
    Latin-script Azerbaijani has no "the" to look for."""
    text = "Bakı Limanı keçən il 8 milyon ton yük aşırıb. Hesabat belədir. Limanda aşırılan yükün 5 milyon tonu tranzit olub."
    assert ("alat", 5_000_000) in {(f.feature_id, f.value) for f in extract(gazetteer, text)}


def test_a_word_for_a_pipeline_after_another_route_s_name_is_that_route_s(gazetteer):
    """AzerForum 327 (tuning half, issue 22): "Atasu-Alaşankou neft kəməri" is another pipeline, not the BTC named before."""
    text = "Qazaxıstan BTC ilə neft nəql edib. Atasu-Alaşankou neft kəməri marşrutu ilə 1 milyon tondan artıq neft nəql edilib."
    assert extract(gazetteer, text) == []


def test_a_route_introduced_by_its_length_is_the_one_named_before(gazetteer):
    """Axar 185, Trend 41 (tuning half, issue 22): "a 224-kilometer railway from Kars" after the line is named is its length."""
    text = (
        "Turkey builds the Kars-Igdir-Nakhchivan railway. "
        "He said that work has begun on building a 224-kilometer railway from Kars to the border."
    )
    assert [(f.feature_id, f.value, f.unit) for f in extract(gazetteer, text)] == [("zangezur", 224, "km")]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # AIOM 237, AzVision 293 (tuning half): Italian wagons and German containers are counted
        ("Il nuovo terminal del porto di Poti potrà gestire fino a 120 vagoni ferroviari.", 120),
        ("Der Hafen Poti erhält eine Kapazität von 500.000 Containern.", 500_000),
    ],
)
def test_italian_wagons_and_german_containers_count(gazetteer, text, value):
    assert [(f.feature_id, f.value, f.unit) for f in extract(gazetteer, text)] == [("poti", value, "count")]


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        # AFP 343, Global AI News 181: the same length in miles, in brackets, is no second figure
        ("The CPC pipeline runs more than 1,600 kilometers (994 miles) to the sea.", [("cpc", 1600)]),
        # Trend 117: a figure in brackets in the same units is another figure
        (
            "The BTK railway's total estimated cost is $600mln ($422mln without infrastructure costs).",
            [("btk", 600e6), ("btk", 422e6)],
        ),
        # Khabar 347: «за четверть века» is a span of time, not a quarter of anything
        ("За четверть века КТК отправил на экспорт более 750 млн тонн нефти.", [("cpc", 750e6)]),
    ],
)
def test_a_conversion_in_brackets_and_a_quarter_of_a_century_are_no_figures(gazetteer, text, wanted):
    assert [(f.feature_id, f.value) for f in extract(gazetteer, text)] == wanted


def test_ports_that_only_name_a_route_start_no_thread(gazetteer):
    """Central Asian Light 301 (tuning half, issue 22): the ships the next sentence needs are not Kuryk's or Alat's."""
    text = "Only ferries of Azerbaijan work on the Kuryk-Alat route. Soon we will need at least seven ships."
    assert extract(gazetteer, text) == []


def test_a_list_going_on_after_a_comma_gives_each_name_its_own_figure(gazetteer):
    """B24 303 (tuning half, issue 22): "Батумский — 532 735 тонн" after a comma is another port's part of the list."""
    text = "За первый квартал Потийский порт переработал 1 018 204 тонны грузов, Батумский — 532 735 тонн."
    assert [(f.feature_id, f.value) for f in extract(gazetteer, text)] == [("poti", 1_018_204)]


@pytest.mark.parametrize(
    ("sentence", "stated", "value", "unit"),
    [
        # Report 315 (tuning half): Azerbaijani "gündə" (a day) before the number, the copula on the unit
        ("BTC ilə yanvarda gündə orta hesabla 523 min barel neft ixrac edilib.", "523 min barel", 523_000, "bbl/d"),
        ("BTC ilə neft nəqli gündəlik 39 min barel azalıb.", "39 min barel", 39_000, "bbl/d"),
        ("Bakı-Tbilisi-Ceyhan kəmərinin uzunluğu 1 768 kilometrdir.", "1 768 kilometrdir", 1_768, "km"),
    ],
)
def test_azerbaijani_rates_and_lengths(gazetteer, sentence, stated, value, unit):
    """Report 315 (tuning half, issue 22): the BTC's daily exports and its length as Azerbaijani states them."""
    assert [(f.stated, f.value, f.unit) for f in extract(gazetteer, sentence)] == [(stated, value, unit)]


def test_italian_tonnes_and_millions(gazetteer):
    """Informare 321 (tuning half, issue 22): Constanța's traffic as the Italian press states it."""
    text = "Nel 2022 il porto di Costanza ha movimentato 75,6 milioni di tonnellate di merci."
    assert [(f.feature_id, f.value, f.unit) for f in extract(gazetteer, text)] == [("constanta", 75_600_000, "t")]


def test_an_azerbaijani_sentence_about_the_line_states_its_figures(gazetteer):
    """Report 319 (tuning half, issue 22): "xətt" (the line) after a sentence naming the Zangezur corridor."""
    text = (
        "Nazirlər Orta Dəhliz üzrə danışıqlar aparıblar. İğdırda Zəngəzur dəhlizinin bir hissəsi olacaq dəmiryolu "
        "xəttinin təməli qoyulub. Mərasimdə nazirlər çıxış ediblər. "
        "Yeni xətt ildə 15 milyon ton yük daşımaq imkanına malik olacaq."
    )
    assert [(f.feature_id, f.value) for f in extract(gazetteer, text)] == [("zangezur", 15_000_000)]


@pytest.mark.parametrize(
    ("text", "per"),
    [
        ("бүгінде бұл көрсеткіш тәулігіне 800 вагоннан асады", "day"),  # BAQ 229 (tuning half)
        ("хабтың қуаты жылына 240 мың контейнерге жетеді", "year"),  # BAQ 209 (tuning half)
        ("yıllık 15 milyon ton yük taşıma kapasitesi", "year"),
        ("800 вагон в сутки", "day"),
    ],
)
def test_a_rate_said_before_the_number(text, per):
    """Kazakh, Turkish and Azerbaijani say the rate first ("жылына", "yıllık"): it is the figure's `per`."""
    assert [q.per for q in READER.read(text)] == [per]


def test_tons_of_carbon_dioxide_are_not_a_terminal_s_cargo(gazetteer):
    """Trend 315 (tuning half, issue 22): the emissions a solar plant saves the Sangachal terminal."""
    text = "Power from the plant will go to the Sangachal terminal, cutting 260,000 tons of carbon dioxide a year."
    assert extract(gazetteer, text) == []


def test_a_cable_s_sections_under_water_and_on_land_are_not_its_length(gazetteer):
    """Report and Caliber 129 (tuning half, issue 22): "1,115 km underwater and 40 km on land" are sections."""
    text = "The Black Sea submarine cable will be over 1,155 km long (1,115 km underwater and 40 km on land)."
    assert [(f.feature_id, f.stated) for f in extract(gazetteer, text)] == [("black-sea-cable", "over 1,155 km")]


def test_a_year_is_not_the_low_end_of_a_range():
    """Trend 134 (tuning half, issue 22): "from 30,000 TEU in 2022 to 130,000 TEU" is two figures, not a range
    that starts at the year; a range of two plain numbers stays one."""
    text = "cargo is expected to grow from 30,000 TEU in 2022 to 130,000 TEU by 2040"
    assert [(q.value, q.value_high) for q in READER.read(text)] == [(30000.0, None), (130000.0, None)]
    assert [(q.value, q.value_high) for q in READER.read("from 2000 to 2500 tons")] == [(2000.0, 2500.0)]


def test_a_kind_of_route_never_carries_the_other_fuel_s_unit(gazetteer):
    """ABC Color 195 (tuning half): Kazakhstan's gas output, in a story about the CPC, is not the oil pipeline's."""
    text = (
        "Kazakhstan exported 64.8 million tons of oil through the CPC. Gas production, for its part, came to 68.2 "
        "billion cubic metres. The Southern Gas Corridor carried 12 bcm, some 3 million barrels of oil equivalent."
    )
    assert [(f.feature_id, f.unit) for f in extract(gazetteer, text)] == [
        ("cpc", "t"),
        ("southern-gas-corridor", "m3"),
    ]
