"""Event tags: each tag, each negation and hedge rule, and precision/recall against the hand-annotated
pages (tests/pages/events/gold.json, annotated before the vocabulary was written) and held-out
sentences (heldout.json)."""

from __future__ import annotations

import functools
import itertools
import json
from pathlib import Path

import pytest
from conftest import GEODATA, PAGES, REPO

from dashboard.corpus import parse_file
from dashboard.errors import DashboardError
from dashboard.events import TAGS, load_vocabulary
from dashboard.eventscope import link_tags
from dashboard.gazetteer import load_gazetteer
from dashboard.linking import Linker

EVENTS = PAGES / "events"


@functools.cache
def vocabulary():
    return load_vocabulary(GEODATA)


def tags_of(sentence: str) -> set[str]:
    return set(vocabulary().sentence_tags(sentence))


@pytest.mark.parametrize(
    ("sentence", "tag"),
    [
        ("Ukrainian drones struck the CPC terminal near Novorossiysk overnight.", "disruption"),
        ("Loadings were suspended after a storm damaged a mooring.", "disruption"),
        ("A tanker ran aground in the shallow approach channel to Aktau.", "disruption"),
        ("Ferry traffic between Turkmenbashi and Alat has been halted for a week.", "disruption"),
        ("The CPC resumed loadings on Monday.", "restoration"),
        ("The Port of Poti reopened after a three-day closure.", "restoration"),
        ("Flows through the pipeline were restored within hours.", "restoration"),
        ("Kazmortransflot added a third ferry to the Kuryk–Alat line.", "expansion"),
        ("Construction of a new berth at Alat began in March.", "expansion"),
        ("The operator plans to double the capacity of the terminal.", "expansion"),
        ("The two governments signed a memorandum on the Middle Corridor.", "agreement"),
        ("Baku and Astana inked a deal on the cable.", "agreement"),
        ("The foreign ministers initialed a peace treaty.", "agreement"),
        ("Russian warships held naval drills in the Caspian.", "security"),
        ("The navies discussed joint patrols to protect tankers.", "security"),
        ("Moscow called the pipeline a security threat.", "security"),
    ],
)
def test_each_tag_fires(sentence, tag):
    assert tag in tags_of(sentence)


@pytest.mark.parametrize(
    ("sentence", "tag"),
    [
        ("The ministry denied reports of any damage to the pumping station.", "disruption"),
        ("There were no interruptions to pumping.", "disruption"),
        ("The Port of Batumi was not affected and was not damaged.", "disruption"),
        ("The pipeline has operated without interruption all year.", "disruption"),
        ("Reports of an attack on the terminal were denied by the operator.", "disruption"),
        ("Officials dismissed claims that loadings had been suspended.", "disruption"),
        ("Yerevan has yet to sign the concession.", "agreement"),
        ("No construction has started on the corridor.", "expansion"),
        ("The talks failed to agree on tariffs.", "agreement"),
        ("The government decided to cancel the port contract.", "agreement"),
        ("Loadings did not resume on Monday.", "restoration"),
    ],
)
def test_negation_and_denial_cancel_the_tag(sentence, tag):
    assert tag not in tags_of(sentence)


def test_a_denial_stops_at_the_clause_break():
    tags = tags_of("The ministry denied any damage, but loadings were suspended for two days.")
    assert "disruption" in tags


@pytest.mark.parametrize(
    "sentence",
    [
        "Russia may stop oil supplies via the CPC.",
        "Moscow could halt Kazakh oil flows through the pipeline.",
        "Heavier barges risk running aground off Aktau.",
        "Russia threatened to shut the terminal.",
    ],
)
def test_a_threatened_stoppage_is_security_not_disruption(sentence):
    tags = tags_of(sentence)
    assert "security" in tags and "disruption" not in tags


def test_a_restart_makes_the_trouble_background():
    assert tags_of("The CPC returned to full loadings after repairs to the damaged mooring.") == {"restoration"}
    suspended_for_repairs = tags_of("Traffic on the line was suspended for three days for repairs.")
    assert suspended_for_repairs == {"disruption"}


@pytest.mark.parametrize(
    ("sentence", "tag"),
    [
        ("The two sides struck a deal on transit tariffs.", "disruption"),
        ("Exports hit a record high in October.", "disruption"),
        ("A ban would deal a serious blow to Kazakhstan.", "agreement"),
        ("Kazakhstan expanded ties with Azerbaijan.", "expansion"),
        ("The sides resumed talks in Baku.", "restoration"),
    ],
)
def test_look_alikes_are_excepted(sentence, tag):
    assert tag not in tags_of(sentence)


def test_each_tag_keeps_its_sentence_and_trigger_headline_first():
    tags = vocabulary().tag(["CPC Resumes Loadings", "Drones struck the CPC terminal. ", "A deal was signed."])
    assert tags["restoration"].sentence == "CPC Resumes Loadings"
    assert tags["restoration"].trigger == "Resumes"
    assert tags["disruption"].trigger == "struck"
    assert tags["agreement"].sentence == "A deal was signed."
    assert list(tags) == [t for t in TAGS if t in tags]


def test_a_broken_vocabulary_is_one_clear_error(tmp_path):
    with pytest.raises(DashboardError, match=r"events\.json: event vocabulary not found"):
        load_vocabulary(tmp_path)
    (tmp_path / "events.json").write_text('{"tags": {"outage": {"phrases": ["x"]}}}', encoding="utf-8")
    with pytest.raises(DashboardError, match=r"events\.json: bad event vocabulary .*unknown tag"):
        load_vocabulary(tmp_path)


def test_a_lazy_vocabulary_compiles_at_first_use_and_names_its_file_when_broken(tmp_path):
    """`digest` reads the vocabulary lazily: its signature alone tells whether the stored tags hold."""
    data = json.loads((GEODATA / "events.json").read_text(encoding="utf-8"))
    lazy = load_vocabulary(GEODATA, lazy=True)
    assert "rules" not in vars(lazy)
    assert lazy.signature == vocabulary().signature
    assert "rules" not in vars(lazy)
    sentence = "Loadings resumed at the terminal."
    assert lazy.sentence_tags(sentence) == vocabulary().sentence_tags(sentence)
    data["negation"]["window"] = "ten"
    (tmp_path / "events.json").write_text(json.dumps(data), encoding="utf-8")
    broken = load_vocabulary(tmp_path, lazy=True)
    with pytest.raises(DashboardError, match=r"events\.json: bad event vocabulary"):
        broken.sentence_tags(sentence)
    with pytest.raises(DashboardError, match=r"events\.json: bad event vocabulary"):
        load_vocabulary(tmp_path)


# --- against the annotations --------------------------------------------------------------------


def gold_scores() -> tuple[int, int, int, list[str]]:
    """(true positives, false positives, false negatives, what went wrong) over every gold link."""
    known = load_gazetteer(GEODATA).features
    linker = Linker(known)
    kinds = {f.id: f.kind for f in known}
    gold = json.loads((EVENTS / "gold.json").read_text(encoding="utf-8"))["pages"]
    tp = fp = fn = 0
    wrong: list[str] = []
    for path, articles in gold.items():
        page = parse_file(REPO / path, Path(path).name)
        by_title = {a.title: a for a in page.articles}
        for title, features in articles.items():
            article = by_title[title]
            mentions = linker.link("", article.text, None if article.title_derived else title)
            every = link_tags(vocabulary(), title, article.text, mentions, kinds)
            for feature, wanted in features.items():
                found = every.get(feature, {})
                for tag in TAGS:
                    if tag in found and tag in wanted:
                        tp += 1
                    elif tag in found:
                        fp += 1
                        wrong.append(f"extra {tag} on {feature} in {title!r}: {found[tag].trigger!r}")
                    elif tag in wanted:
                        fn += 1
                        wrong.append(f"missed {tag} on {feature} in {title!r}")
    return tp, fp, fn, wrong


def test_gold_links_precision_and_recall():
    tp, fp, fn, wrong = gold_scores()
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    # 56 links; first run 0.89 / 0.98; 0.85 / 0.95 with the whole-article tagger (eventscope), which the
    # real corpus tunes: attacks are `security` too, plans to build are not yet `expansion`.
    assert precision >= 0.85 and recall >= 0.9, f"P={precision:.2f} R={recall:.2f}\n" + "\n".join(wrong)


def test_heldout_sentences_precision_and_recall():
    rows = json.loads((EVENTS / "heldout.json").read_text(encoding="utf-8"))["sentences"]
    tp = fp = fn = 0
    for row in rows:
        found, wanted = tags_of(row["sentence"]), set(row["tags"])
        tp, fp, fn = tp + len(found & wanted), fp + len(found - wanted), fn + len(wanted - found)
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    # 0.94 / 0.94 before issue 21, which makes an attack `security` as well as `disruption` ("a sea-drone
    # strike on a mooring (disruption, security)"); this set, annotated earlier, gives disruption alone.
    assert precision >= 0.8 and recall >= 0.9, f"P={precision:.2f} R={recall:.2f}"


@pytest.mark.parametrize(
    ("sentence", "tag"),
    [
        ("Oil exports via the pipeline hit 1.5 million tons in October.", "disruption"),
        ("Leaked documents show the terminal's costs.", "disruption"),
        ("Red Sea disruptions have pushed cargo onto the Middle Corridor.", "disruption"),
        ("The ferry is a sign of the port's growing role.", "agreement"),
        ("A great deal of cargo now crosses the Caspian.", "agreement"),
        ("The economy contracted by 2 percent last year.", "agreement"),
        ("The economic recovery helped the port.", "restoration"),
        ("Транспортировка нефти через КТК осуществлялась в штатном режиме.", "restoration"),
        ("Казмортрансфлот обновляет танкерный флот.", "security"),
        ("Novorossiysk is home to a naval base of the Black Sea Fleet.", "security"),
        ("The Senate committee on defence and security visited the port.", "security"),
        ("The operator targeted 10 million tons of transit cargo.", "security"),
        ("KazTransOil unveils volume of oil shipped towards Baku in first half of 2024.", "expansion"),
        ("More capacity could ease the often congested border crossings.", "security"),
        ("Поезда часто простаивают на границе.", "disruption"),
        ("Since Russia launched its full-scale war, exports through the CPC have met obstacles.", "expansion"),
        ("Grain shipments carry weight for the restoration of economic ties in the region.", "restoration"),
        ("Port constraints continue to impede the Middle Corridor from reaching its full potential.", "disruption"),
        ("Moscow fears that the port could one day host NATO warships.", "security"),
        ("Repairs are expected to take between one and a half and two months.", "restoration"),
        ("A new oil terminal at the port of Kuryk was shelved and is once again being discussed.", "expansion"),
        ("Poti's expansion is still on the table.", "expansion"),
        ("Construction of the fibre line was launched in January 2019.", "expansion"),
        ("The port is meant to help restore the historic Silk Road.", "restoration"),
        ("The trouble started with drone strikes on the CPC pipeline.", "disruption"),
        ("From 2025 a new container hub at the Aktau seaport is to handle up to 300,000 TEU.", "expansion"),
    ],
)
def test_look_alikes_of_economic_and_analysis_prose_are_excepted(sentence, tag):
    assert tag not in tags_of(sentence)


@pytest.mark.parametrize(
    ("sentence", "tag"),
    [
        ("The line was closed for a year for an overhaul aimed at raising its capacity.", "expansion"),
        ("The port project got under way, meant to help restore the Silk Road.", "restoration"),
        ("The moorings are designed to load tankers when onshore systems suspend work.", "disruption"),
        ("Проект призван укрепить транзит и восстановить торговые связи.", "restoration"),
        ("Азербайджан, Грузия и Турция расширяют сотрудничество по железной дороге.", "expansion"),
        ("На повестке дня – запуск нового пути в Турцию.", "expansion"),
        ("The parties first agreed on 1.5 million tons this year.", "agreement"),
    ],
)
def test_what_a_thing_is_for_ties_widened_and_plans_on_the_agenda_are_no_events(sentence, tag):
    """What a project is meant for, cooperation widened, a launch only on the agenda, a deal's first terms."""
    assert tag not in tags_of(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Работы по первой фазе Бакинского порта завершены.",
        "Вторая очередь терминала завершена.",
        "The first phase of the terminal has been completed.",
        "АЖД завершили проект и начали стройку железной дороги.",
    ],
)
def test_a_completed_build_is_an_expansion_in_either_order(sentence):
    assert "expansion" in tags_of(sentence)


@pytest.mark.parametrize(
    ("sentence", "restart"),
    [
        ("Taking into account the repair of infrastructure at the station, the ban was extended.", False),
        ("Как только ее восстановят, станет понятно, можно ли его отремонтировать.", False),
        ("As soon as the mooring is restored, loadings will be planned.", False),
        ("The damaged mooring has been repaired.", True),
        ("Repairs to the mooring were completed on Friday.", True),
        ("Поврежденное причальное устройство отремонтировали.", True),
    ],
)
def test_repairs_of_infrastructure_and_a_restart_to_come_are_no_restart(sentence, restart):
    """The repair of infrastructure is works (a reason for a ban), and a restart "as soon as" something
    happens has not happened; a thing repaired is a restart."""
    assert ("restoration" in tags_of(sentence)) is restart


def test_no_phrase_writes_a_two_word_alternative():
    """`a|b` alternates single words: "spill over|spills over" reads as "spill (over|spills) over" and
    matches neither. A word offered in one slot and again in the next is that mistake."""
    data = json.loads((GEODATA / "events.json").read_text(encoding="utf-8"))

    def strings(value):
        if isinstance(value, dict):
            for item in value.values():
                yield from strings(item)
        elif isinstance(value, list):
            for item in value:
                yield from strings(item)
        elif isinstance(value, str):
            yield value

    def slot(word: str) -> set[str]:
        return set(word.strip("()").split("|"))

    mistaken = [
        phrase
        for phrase in strings(data)
        for first, second in itertools.pairwise(phrase.split())
        if "|" in first and slot(first) & slot(second)
    ]
    assert mistaken == []


# Each rule of `geodata/events.json` on the sentences that taught it (EVENTS.md names the rule and the page):
# whether the tag is given.
RULE_SENTENCES = [
    # Rule 209: restarts eyed, provided, talked over; normalising a situation
    ("Kazakhstan Eyes Resumption of Oil Transit via Baku-Tbilisi-Ceyhan Pipeline", "restoration", False),
    (
        "It could lift output to a million barrels a day, provided the CPC pipeline comes back online.",
        "restoration",
        False,
    ),
    ("KazMunayQaz BTC ilə neft ixracının bərpa olunması üçün danışıqlar aparır.", "restoration", False),
    ("Uzbekistan has an interest in the restoration of the Zangazur corridor.", "restoration", False),
    ("This is important for normalizing the situation around the Zangezur corridor.", "restoration", False),
    ("Shipments through the Baku-Tbilisi-Ceyhan pipeline resumed on Monday.", "restoration", True),
    # Rule 208: opposed in the past
    ("APM Terminals Poti opposed the Anaklia project from the outset.", "security", False),
    ("Iran opposes the plans for the Zangezur corridor.", "security", True),
    # Rule 207 (batches 375-381): strikes in German, rights protected, flood defences, timelines of a build
    ("Im Hafen Batumi streiken die Hafenarbeiter seit Montag.", "disruption", True),
    ("Der Streik im Hafen Poti dauert an.", "disruption", True),
    (
        "The local government wanted to protect the rights of the workers and the investor at the Batumi port.",
        "security",
        False,
    ),
    (
        "The consortium keeps building flood defences to protect the Caspian Pipeline Consortium's pumping station.",
        "expansion",
        False,
    ),
    ("Названы сроки запуска нового терминала в порту Поти.", "expansion", False),
    ("В порту Поти запущен новый терминал.", "expansion", True),
    # Rule 206 (batches 367-373): forecasts, the subjunctive, possibilities, timelines, the Silk Road Belt
    ("Казахстан прогнозирует полное возобновление работы КТК в октябре.", "restoration", False),
    (
        "Kazakhstan forecasts the full resumption of Caspian Pipeline Consortium loadings in October.",
        "restoration",
        False,
    ),
    ("Строительство зернового терминала в Бакинском порту позволило бы привлечь грузы.", "expansion", False),
    ("Строительство зернового терминала в Бакинском порту началось.", "expansion", True),
    ("The port of Poti has the possibility of expansion to 20 million tonnes.", "expansion", False),
    ("Специалистам поручено назвать сроки, за которые удастся восстановить работу порта Поти.", "restoration", False),
    (
        "The SEZ Khorgos – Eastern gate fully supports the building of the New Silk Road Economic Belt.",
        "expansion",
        False,
    ),
    ("The SEZ Khorgos – Eastern gate supports the building of a new dry port at Khorgos.", "expansion", True),
    # Rule 205 (batches 359-365): Turkish and Azerbaijani openings still to come, ceremonies to be held, pledges,
    # costs estimated, tenders in Georgian, restarts after repairs in Kazakh
    ("Bakü-Tiflis-Kars Demiryolu ay sonunda hizmete açılacak.", "expansion", False),
    ("Bakü-Tiflis-Kars Demiryolu hizmete açıldı.", "expansion", True),
    ("Bakı-Tbilisi-Qars dəmir yolu ayın sonunda istifadəyə veriləcək.", "expansion", False),
    ("Yarın yapılacak Zengezur Koridoru demiryolu hattının temel atma töreni için Iğdır'a gitti.", "expansion", False),
    ("Zengezur Koridoru demiryolu hattının temeli atıldı.", "expansion", True),
    ("Zengezur Koridoru'nun açılması halinde yeni bir demir yolu hattı inşa edilecek.", "expansion", False),
    ("BTK Projesi'nin ekim ayının sonunda hizmete girmesi hedefleniyor.", "expansion", False),
    ("Poti Port was sold to APM Terminals, which pledged to expand it into a leading seaport.", "expansion", False),
    ("The minister estimated what building the Yeraskh-Meghri railway to Horadiz would cost.", "expansion", False),
    (
        "ანაკლიის ნავსადგურის მშენებლობასა და ოპერირებაზე საბოლოო წინადადებებს ორი კომპანია წარადგენს",
        "expansion",
        False,
    ),
    ("Каспий құбыр консорциумының айлақ құрылғысы жөндеуден кейін қайта іске қосылды.", "expansion", False),
    ("Каспий құбыр консорциумының айлақ құрылғысы жөндеуден кейін қайта іске қосылды.", "restoration", True),
    ("Работы предшествуют будущему восстановлению железной дороги Ерасх-Мегри.", "restoration", False),
    # Rule 204: work resumed
    ("Khorgos border checkpoint resumes its work", "restoration", True),
    ("They resumed work on the Anaklia port.", "restoration", False),
    # Rule 203 (batch 347): back at work, wartime ordnance
    ("Kazakhstan: CPC pipeline back at work after a month-long halt", "restoration", True),
    ("Kazakhstan: CPC pipeline back at work after a month-long halt", "disruption", False),
    ("Russia interrupts the oil terminal to clear wartime ordnance.", "security", True),
    ("Divers cleared unexploded ordnance near the terminal.", "security", True),
    # Rule 202 (batch 335): a line shut in German
    ("Der Konzern nannte die Stilllegung der Baku-Tiflis-Supsa-Pipeline vorübergehend.", "disruption", True),
    ("BP hat die Ölleitung für den gesamten Juni außer Betrieb genommen.", "disruption", True),
    ("BP hat die Ölleitung im Juni in Betrieb genommen.", "disruption", False),
    # Rule 201 (batches 315-321): tackling a project, flights, deals only possible or being carried out, wishes
    ("Die Türkei werde das Eisenbahnprojekt Kars-Igdir-Nachitschewan in Kürze in Angriff nehmen.", "security", False),
    ("Drohnen griffen den Hafen an, ein Angriff auf das Terminal.", "security", True),
    ("The sides agreed on launching direct flights between Astana and Bucharest.", "expansion", False),
    ("They talked over a possible cooperation agreement between the ports of Constanta and Aktau.", "agreement", False),
    ("Переговоры идут о том, как начать исполнение договоренностей по маршруту.", "agreement", False),
    ("По соглашениям об управлении этими трубопроводами эксплуатация переходит к правительствам.", "agreement", False),
    ("Armenia is keen to see the existing Kars-Gyumri line working again.", "restoration", False),
    ("The Kars-Gyumri line is working again.", "restoration", True),
    # Rule 200 (batches 303-315): safety, builders by trade, contracts kept, plans in doubt
    ("Терминал өрт қауіпсіздігі және инженерлік қауіпсіздік талаптарына сай келеді.", "security", False),
    ("Порт Поти атаковали дроны.", "security", True),
    ("Консорціум, який спеціалізується на будівництві портів, стане інвестором Анаклії.", "expansion", False),
    ("bp: «Мы выполняем условия контракта» по трубопроводу БТД.", "agreement", False),
    ("BP and SOCAR signed a new contract on the BTC.", "agreement", True),
    ("A plan to build a huge container port at Anaklia is still in doubt.", "expansion", False),
    ("Дагестан подготовит порт к запуску первого грузового судна из Туркменбаши.", "expansion", False),
    # Rule 199 (batches 301-303): relaunches, eased bans, shipyards
    ("Компанія Ukrferry збирається знову запустити поромну лінію Чорноморськ – Батумі.", "expansion", False),
    ("Компанія Ukrferry збирається знову запустити поромну лінію Чорноморськ – Батумі.", "restoration", False),
    ("Ukrferry знову запустила поромну лінію Чорноморськ – Батумі.", "restoration", True),
    ("Aktau limanına bərə daşımalarına qoyulan məhdudiyyət yumşaldılıb.", "restoration", True),
    ("Türkiye will help Kazakhstan build a shipyard near the port of Kuryk.", "expansion", False),
    ("Kazakhstan will build a new berth at the port of Kuryk.", "expansion", True),
    # Rule 198: a start still to come
    ('Construction of the major infrastructure would begin "around October".', "expansion", False),
    ("Construction of the port is due to begin next year.", "expansion", False),
    ("Construction of the port began in October.", "expansion", True),
    # Rule 197 (batches 293-295): purposes, repelled attacks, tankers hit
    ("Термінал перетворили на діючий, аби розвантажити Констанцу від заторів.", "disruption", False),
    ("В Новороссийске отбили атаку беспилотников.", "disruption", False),
    ("В Новороссийске отбили атаку беспилотников.", "security", True),
    ("Беспилотники атаковали танкеры у терминала КТК в Новороссийске.", "disruption", False),
    ("Дроны атаковали терминал КТК.", "disruption", True),
    # Rule 196 (batches 285-291): who builds, wider ties, new terminals working
    ("BP as technical operator is in charge of building and running the pipeline facilities.", "expansion", False),
    ("Ticarət əlaqələrinin genişlənməsi Orta Dəhlizin əhəmiyyətini artırır.", "expansion", False),
    ("Новые терминалы заработали в порту Актау.", "restoration", False),
    ("Новые терминалы заработали в порту Актау.", "expansion", True),
    ("Порт Актау снова заработал после шторма.", "restoration", True),
    # Rule 195 (batches 281-283): uninterrupted, a blow only imagined, a build that must start
    ("Koridor Türkiye ile Rusya arasında kesintisiz kara ve demir yolu ulaşımı sağlayacak.", "disruption", False),
    ("Limanda yüklemelerde kesinti yaşandı.", "disruption", True),
    ("Такое участие фактически ударило бы по самой эффективности инициативы.", "security", False),
    ("Первый этап дноуглубления, который должен стартовать в 2025 году, не профинансирован.", "expansion", False),
    ("В порту Актау начались работы по дноуглублению.", "expansion", True),
    # Rule 194 (batch 277): a signing only planned is no agreement yet
    ("В ходе заседания стороны намерены подписать «Дорожную карту на 2022-2027 годы».", "agreement", False),
    ("İclasda Orta Dəhlizlə bağlı Yol Xəritəsinin imzalanması planlaşdırılır.", "agreement", False),
    ("The sides plan to sign a roadmap for the Middle Corridor.", "agreement", False),
    ("Kazakhstan and Azerbaijan signed a roadmap for the Middle Corridor.", "agreement", True),
    # Rules 171-176 (batches 181-185): repaired and put back to work in Russian is a restart, work on a restoration
    # or a timeline for it is not; a stage of repairs, a date set for a groundbreaking and "to begin building" are
    # no expansion; a station "disabled" is trouble; tankers that "came under attack" near a terminal, a country
    # "cut off", "limit the damage" and «по договоренности с» are not the feature's events.
    ("КТК починил причал для отгрузки нефти на замену разрушенному.", "restoration", True),
    ("КТК снова ввел в работу выносное причальное устройство № 3.", "restoration", True),
    ("Причал отремонтировали и снова запустили в работу.", "expansion", False),
    ("Одно из швартовочных устройств вновь введено в эксплуатацию.", "restoration", True),
    ("Одно из швартовочных устройств вновь введено в эксплуатацию.", "expansion", False),
    ("На казахстанско-китайской границе застряли 3 тыс. вагонов с зерном.", "disruption", True),
    ("Hundreds of wagons were stuck at the Altynkol crossing.", "disruption", True),
    # Rules 177-178 (batch 197): a date named for the start of a build, a build that "may take" years, a link "to be
    # restored", a report of a threat said to be untrue
    ("Турция назвала дату начала строительства железной дороги Карс-Ыгдыр-Дильуджу", "expansion", False),
    ("Mirzoyan: Building railway infrastructure under TRIPP project may take over 2 years", "expansion", False),
    ("Under the deal the railway link along the Zangezur corridor is to be restored.", "restoration", False),
    ("Сведения о том, что Иран угрожает атаковать маршрут, не соответствуют действительности.", "security", False),
    # Rules 180-182 (batches 203-207): "push back on claims" is a denial, «можно ли его восстановить» a question,
    # dredging "set for June" a plan, a deal signed "once" talks end a condition
    ("Officials push back on claims Anaklia port work has stopped", "disruption", False),
    ("Устройство КТК повреждено серьезно, и можно ли его восстановить, пока не оценивали.", "restoration", False),
    ("EXCLUSIVE: Aktau Port dredging set for June", "expansion", False),
    ("KazMunayGas mulls adding Aframax tankers once long-term deal with Chevron is signed", "agreement", False),
    ("КТК вернул в строй ВПУ-3 в Новороссийске", "restoration", True),
    # Rules 183-184 (batches 197, 205): works "are to start", «когда начнется строительство», a deal someone "is
    # negotiating" are still to come; after negotiating, a deal signed is news
    ("Dredging works at Kazakhstan's Aktau Port are to start in June 2025.", "expansion", False),
    ("Министр сообщил, когда начнется строительство железной дороги Карс-Ыгдыр-Дильуджу.", "expansion", False),
    (
        "KMG is negotiating with Chevron and Tengizchevroil (TCO) on a long-term agreement to carry oil.",
        "agreement",
        False,
    ),
    ("After negotiating for two years, the parties signed an agreement on the port.", "agreement", True),
    ("Дроны повредили офисное здание морского терминала КТК под Новороссийском", "disruption", True),
    # Rule 179 (tuning half, batches 107-197): a step "towards building", "guarantees for building", a key link "in
    # building" a route speak of a goal, not of works
    (
        "Creating a joint venture is one more step the parties have taken towards building the cable system.",
        "expansion",
        False,
    ),
    ("American patronage can offer security guarantees for building the corridor.", "expansion", False),
    ("View from Astana: TRIPP one of key links in building a stable Trans-Caspian route", "expansion", False),
    ("Work has also begun on building a container hub in the port of Aktau.", "expansion", True),
    ("Генеральный директор проверил, как идут работы по восстановлению плавучести причала.", "restoration", False),
    ("A team travelled to the site to set a timeline for restoring the station.", "restoration", False),
    ("Отдельное внимание уделили завершающему этапу ремонта причала.", "expansion", False),
    ("Türkiye sets date for groundbreaking of Kars-Igdir-Aralik-Dilucu railway", "expansion", False),
    ("Türkiye to Begin Building Kars-Igdir Railroad, Key Link of Zangezur Corridor", "expansion", False),
    ("Ukraine targets Russia's energy lifeline: major oil station disabled", "disruption", True),
    ("Loadings were going ahead as four oil tankers came under drone attack.", "disruption", False),
    ("The real aim is to cut Iran off from the Caucasus.", "disruption", False),
    ("The feeder began sailing, part of efforts to limit the damage the pandemic did.", "disruption", False),
    ("По договоренности с руководством КНР мы работаем в порту Ляньюньган.", "agreement", False),
    # Novorossiysk is not new (rule 170, Meduza 179)
    ("На новороссийском терминале КТК были поражены нефтяные стендеры.", "expansion", False),
    ("На новом терминале КТК начались отгрузки.", "expansion", True),
    # purposes benefits recollections and openings in the press. Taught by the tuning half's batches 100 and 101
    # (issue 21): what money "will be used to" build, a bottleneck trains are to bypass and the jobs a launch "will
    # create" are purposes; a "reminded that" deal is history; a terminal that "will open", a transit that starts
    # and oil that began to flow are news.
    (
        "KTZ will use the invested capital to modernise key rail infrastructure on the Middle Corridor.",
        "expansion",
        False,
    ),
    ("KTZ modernised key rail infrastructure on the Middle Corridor.", "expansion", True),
    ("The shortcut will help trains bypass congested sections along the Middle Corridor.", "disruption", False),
    ("Trains were congested on the Middle Corridor.", "disruption", True),
    ("Launching the new terminal at the Port of Baku will create additional jobs.", "expansion", False),
    ("Аккенженов напомнил, что договоренности KMG и SOCAR предполагают поставки по БТД.", "agreement", False),
    ("Kazakhstan's first sea terminal abroad will open in April in Poti.", "expansion", True),
    ("Kazakhstan to Open First External Sea Terminal in Poti", "expansion", True),
    ("SOCAR announces start of Kazakh oil transit via the BTC pipeline.", "expansion", True),
    ("Kazakh oil has begun to flow through the BTC pipeline.", "expansion", True),
    ("Record volumes at the Khorgos crossing open up new opportunities for exporters.", "expansion", False),
    ("Tokayev talked about ways to cooperate in expanding the Aktau and Kuryk ports.", "expansion", False),
    ("Azerbaijan, Kazakhstan to sign agreements to boost Trans-Caspian freight", "agreement", False),
    ("Соглашения будут подписаны в ходе визита в Баку.", "agreement", False),
    ("Azerbaijan and Kazakhstan signed agreements to boost Trans-Caspian freight.", "agreement", True),
    ("To keep clear of the congestion at Dostyk station, PTC built bypass tracks.", "disruption", False),
    ("Congestion at Dostyk station left 120 trains waiting.", "disruption", True),
    ("Суд приостановил запрет на перевалку нефти КТК, заменив его штрафом.", "restoration", True),
    ("Суд приостановил запрет на перевалку нефти КТК, заменив его штрафом.", "disruption", False),
    ("КТК подал ходатайство о том, чтобы приостановить запрет на перевалку нефти.", "disruption", False),
    ("The SPM was taken out of service for flushing and repair.", "restoration", False),
    ("The damaged SPM was repaired and put back into service.", "restoration", True),
    ("There is also talk of a new port south of Baku for the westward route.", "expansion", False),
    ("A new port south of Baku opened for the westward route.", "expansion", True),
    ("Днем электроснабжение в обоих портовых городах удалось восстановить.", "restoration", False),
    ("Power was restored at the terminal and loadings resumed.", "restoration", True),
    ("The new port includes a bulk terminal, shipbuilding and ship repair docks.", "restoration", False),
    ("He argued that the new strategy is a hopeful sign for the Trans-Caspian pipeline.", "agreement", False),
    ("Turkmenistan and Azerbaijan sign a deal on the Trans-Caspian pipeline.", "agreement", True),
    ("Казахстан собирается подписать с Азербайджаном межправительственное соглашение.", "agreement", False),
    (
        "Азербайджан и Казахстан собираются в ближайшее время подписать межправительственное соглашение.",
        "agreement",
        False,
    ),
    ("Казахстан подписал с Азербайджаном межправительственное соглашение.", "agreement", True),
    ("Согласно соглашениям об управлении трубопроводами эксплуатация переходит к SOCAR.", "agreement", False),
    ("Те же соглашения предусматривают передачу эксплуатации в заранее согласованные сроки.", "agreement", False),
    # idioms of building expected restarts and repairs as a cause. Taught by the tuning half's batches 112 and 113
    # (issue 21): complexity "built into" a project and a platform "built around" its users are no builds; a restart
    # only expected has not happened; repairs given as the cause of a limit are works under way, not a restart.
    ("Every step brings new issues, pointing to the complexity built into large projects.", "expansion", False),
    ("A digital platform built around customers serves the shippers.", "expansion", False),
    ("Kazakhstan built a new railway line into China.", "expansion", True),
    ("Kazakhstan expects CPC pipeline to resume full operation in October.", "restoration", False),
    ("Ожидается возобновление отгрузок на терминале КТК.", "restoration", False),
    ("The CPC pipeline resumed full operation in October.", "restoration", True),
    ("Because of repair work at Kashagan, one SPM is enough for current volumes.", "restoration", False),
    ("The line is closed due to repairs at the station.", "restoration", False),
    ("The mooring was repaired and loadings went on.", "restoration", True),
    # founding facts figurative routes volume targets deals to come and attempted attacks. Taught by the tuning
    # half's batches 114 and 115 (issue 21): "built as" describes, a cable "opening a route for" exports is a figure
    # of speech, tons "targeted" are a goal, a deal "to be settled" is still to come, and an attack a drone
    # "пытался" make is a threat, not a stoppage.
    ("BTC was built as a huge feat of engineering, Jones said.", "expansion", False),
    ("The cable will link Georgia with Romania, opening a route for green energy exports.", "expansion", False),
    ("A new ferry route opened between Turkmenbashi and Baku.", "expansion", True),
    ("We can go beyond the four million tons targeted for the Middle Corridor in 2024.", "security", False),
    ("Drones targeted the CPC terminal overnight.", "security", True),
    ("Kobakhidze: Anaklia Port Deal Model to Be Settled Within Months", "agreement", False),
    ("The Anaklia port deal was signed on Monday.", "agreement", True),
    ("Беспилотник пытался атаковать объект КТК.", "disruption", False),
    ("Беспилотник пытался атаковать объект КТК.", "security", True),
    # a tender won and plans adopted are deals. Taught by the tuning half (Georgia Today, Trend; issue 21): a tender
    # won is a contract, a tender for a build is not the build yet, and an association adopting its plans and
    # tariffs is agreeing on them.
    ("Belgian Company Jan De Nul Wins Tender for Anaklia Port Construction", "agreement", True),
    ("Belgian Company Jan De Nul Wins Tender for Anaklia Port Construction", "expansion", False),
    ("The ministry announced a tender for the construction of a new berth at Poti.", "expansion", False),
    ("Middle Corridor association adopts 2024 plans and tariffs in Ankara", "agreement", True),
    ("Ассоциация ТМТМ утвердила план на 2024 год.", "agreement", True),
    # a port called new and construction costs are no build. Taught by the tuning half (ABC.az, Eurasia Magazine,
    # Georgia Today; issue 21): "the new Baku port" is an epithet, not an opening; "construction costs" are a
    # study's figures, not works.
    ("The ferry first arrived in Azerbaijan five years ago, at the new port of Baku.", "expansion", False),
    ("The sea leg runs from Aktau to the new Azerbaijani cargo port of Alat further south.", "expansion", False),
    ("Azerbaijan opened a new cargo port at Alat.", "expansion", True),
    ("The report put the construction costs of the cable at 2 billion euros.", "expansion", False),
    ("Construction of the cable began in March.", "expansion", True),
    # a drone is a threat word. Trend 102 (tuning half, issue 21): "hit by drone" is an attack, whatever the drone
    # is called.
    ("Kazmortransflot-chartered tanker hit by drone at CPC terminal, KMG says", "security", True),
    ("Seven drones struck the pumping station overnight.", "security", True),
    ("The port handled 10% more cargo this year.", "security", False),
    # since the signing value added services and building economies. Taught by the tuning half's batches 116 and 117
    # (issue 21): a deal's signing told as the start of a count is history; "value-added services" and "building
    # economies" are no build.
    ("С момента подписания соглашения по БТД прокачано около 3,4 млн тонн нефти.", "agreement", False),
    ("Since the signing of the deal, 3.4 million tons have been pumped.", "agreement", False),
    ("SOCAR и КМГ подписали соглашение по БТД.", "agreement", True),
    ("Baku Port talks up wide range of value-added services", "expansion", False),
    ("The port added new services to Turkmenbashi.", "expansion", True),
    ("TRIPP is a historic step towards building interconnected economies and peace.", "expansion", False),
    ("Azerbaijan is building the Horadiz-Aghband railway.", "expansion", True),
    # works resumed and railways rebuilt are no restart. AZERTAC 100, Report 113 (tuning half, issue 21): works that
    # resume after winter and railways rebuilt («восстановление железных дорог») are builds, not traffic restored.
    ("Construction of Baku–Tbilisi–Kars railway resumed", "restoration", False),
    ("АЖД скоро приступит к восстановлению железных дорог Нахчывана.", "restoration", False),
    ("Движение по железной дороге восстановлено.", "restoration", True),
    # restrictions lifted said after them. Trend 20 (tuning half, issue 21): restrictions or a ban named first and
    # "lifted", «сняты» after are a restart, as "lifted the ban" is.
    ("Restrictions on ferry transportation to Kazakh ports partially lifted", "restoration", True),
    ("Ограничения на перевозку грузов через порт Актау сняты.", "restoration", True),
    ("The ban on loading was lifted.", "restoration", True),
    ("Restrictions on cargo to China were introduced and later extended.", "restoration", False),
    # a restart not yet made is trouble going on. Caliber 120 (tuning half, issue 21): "still not restarted", "yet
    # to resume", «пока не возобновлены» report a stoppage that goes on, not merely a restart denied.
    ("BP: Azerbaijani oil exports from Türkiye's Ceyhan still not restarted", "disruption", True),
    ("BP: Azerbaijani oil exports from Türkiye's Ceyhan still not restarted", "restoration", False),
    ("Loadings at the terminal have yet to resume.", "disruption", True),
    ("Отгрузки через порт пока не возобновлены.", "disruption", True),
    ("Loadings at the terminal resumed on Monday.", "disruption", False),
    # what an opening would bring is no opening. Day.Az 121 (tuning half, issue 21): «Открытие … даст новые …
    # возможности» says what an opening would bring (`background.generic`, now with words between), not that it
    # happened.
    ("Открытие Зангезурского коридора даст новые экономические и транзитные возможности.", "expansion", False),
    ("The opening of the corridor will bring new economic opportunities to the region.", "expansion", False),
    ("В порту Актау открыли новый терминал.", "expansion", True),
    # a build tendered needed awaited or scheduled has not happened. Batch 123 (tuning half, issue 21): a build that
    # is tendered, needs money, is awaited ("ahead of launch") or is "planned for" a date is not yet a build
    # (`intent`).
    ("The consortium won the government-issued tender to build the deep-sea port.", "expansion", False),
    ("It later had trouble raising the 2.5 billion USD needed to build the port.", "expansion", False),
    ("Kazakh Railways Head Visits Baku-Tbilisi-Kars Line Ahead of Launch", "expansion", False),
    ("He visited the railway line, whose commissioning is planned for October.", "expansion", False),
    ("The new terminal was put into operation in October.", "expansion", True),
    # repair works and attempted strikes. RBC and Trend 124 (tuning half, issue 21): restoration works
    # («восстановительные работы») are repairs, not traffic back; an attempted strike with operations going on is no
    # disruption.
    ("ВПУ-2 серьезно повреждено, на нем начаты восстановительные работы.", "restoration", False),
    ("Restoration work on the damaged mooring has begun.", "restoration", False),
    ("Loadings at the terminal were restored on Monday.", "restoration", True),
    ("BP Azerbaijan says operations continue as normal after attempted strike on BTC", "disruption", False),
    ("A drone strike on the pumping station halted flows.", "disruption", True),
    # names reference points and renewed deals. Batches 126-127 (tuning half, issue 21): the New Lines Institute is
    # a name; a launch that growth is counted "since" is its reference point; "stopped being" stops nothing; a deal
    # renewed («возобновление … соглашения») is no traffic restored.
    ("New Lines Institute: the Middle Corridor is becoming an alternative to Russia", "expansion", False),
    ("The route has grown 10-fold since the Kazakh-Chinese terminal in Xi'an was launched.", "expansion", False),
    ("The new terminal was launched in Xi'an.", "expansion", True),
    ("Khorgos has stopped being just a border point on the map.", "disruption", False),
    ("Loadings were stopped on Monday.", "disruption", True),
    ("Возобновление в июле 2025 года соглашения о сотрудничестве помогло.", "restoration", False),
    ("Отгрузка возобновлена.", "restoration", True),
    # contractors and a strategy of building. Trend and Astana Times 129 (tuning half, issue 21): "contractors"
    # thanked sign nothing; a "strategy of building" routes is a policy, not a build.
    ("Our thanks go to our shareholders, teams and contractors, the consortium said.", "agreement", False),
    ("The company awarded contracts to build the terminal.", "agreement", True),
    ("The delivery forms part of the strategy of building alternative export routes.", "expansion", False),
    ("Kazakhstan is building a new terminal.", "expansion", True),
    # transshipping again and repairs finished in russian. KazTAG and Kommersant 130 (tuning half, issue 21): «вновь
    # переваливает» and «закончил ремонт» report the terminal back at work, as "repairs completed" does in English.
    ("КТК после простоя вновь переваливает казахстанскую нефть через терминал", "restoration", True),
    ("КТК закончил ремонт третьего выносного причального устройства", "restoration", True),
    ("Ремонт ВПУ-3 продолжается.", "restoration", False),
    # a restart said impossible and a build said important. Kommersant and Interpressnews 132 (tuning half, issue
    # 21): «восстановить его невозможно» denies a restart; a build said to be "of strategic importance" is weighed,
    # not reported.
    ("ВПУ-2 повреждено, и, как заявили в консорциуме, восстановить его невозможно.", "restoration", False),
    ("Отгрузку удалось восстановить.", "restoration", True),
    ("Modernizing the ports of Batumi and Poti is of strategic importance for the region.", "expansion", False),
    ("Georgia is modernizing the port of Poti.", "expansion", True),
    # a deal to come drafted or discussed. Caliber 102, Report 116, Trend 107 and 103 (tuning half, issue 21):
    # agreements that "will focus" on something, a signing that «должно» raise a status, a draft («проект
    # соглашения») and a deal under discussion are not signed yet.
    ("According to him, the agreements will focus on raising the volumes of Kazakh oil.", "agreement", False),
    ("Его подписание должно поднять институциональный статус ТМТМ.", "agreement", False),
    ("Совместно с Азербайджаном подготовлен проект межправительственного соглашения.", "agreement", False),
    ("The countries are discussing a gas cooperation agreement covering the next 15 years.", "agreement", False),
    ("Kazakhstan and Azerbaijan signed an agreement that will help boost trade.", "agreement", True),
    ("After discussing the issue, they signed an agreement.", "agreement", True),
    # a construction company and a launch under discussion. Times of Central Asia 102, Lada 116 (tuning half, issue
    # 21): a company named for construction builds nothing by its name; «обсуждение запуска» is talk of a launch, as
    # "discussed" is in English.
    ("Xian Free Trade Port Construction and Operation Co signed the deal.", "expansion", False),
    ("Главным итогом встречи стало обсуждение запуска регулярных паромов через Каспий.", "expansion", False),
    ("В порту запустили регулярные паромы.", "expansion", True),
    ("Construction of the terminal began.", "expansion", True),
    # a deal that must still be agreed in russian. Day.Az 134 (tuning half, issue 21): «стороны должны согласовать»
    # is a deal still to make, as "should agree" is (the modal cues of `intent` in Russian).
    (
        "Технические детали проекта стороны должны согласовать в первой половине следующего года.",
        "agreement",
        False,
    ),
    ("Стороны согласовали детали проекта.", "agreement", True),
    # a last stop an aim an importance a call and a year old restart. Batches 137 and 138 (tuning half, issue 21): a
    # train's "final stop" is no stoppage; a deal «нацелено на» lifting restrictions has not lifted them; the
    # importance of building and a call for it are talk; a restart "since March last year" is the state of things,
    # not news.
    ("The train reached its final stop, Tashkent station.", "disruption", False),
    ("Traffic on the line was stopped.", "disruption", True),
    ("Соглашение нацелено на снятие существующих ограничений.", "restoration", False),
    ("Ограничения на перевозки сняты.", "restoration", True),
    ("Bolat underlined the importance of Turkish construction projects.", "expansion", False),
    ("The president called for speedy construction of the terminal.", "expansion", False),
    ("Construction of the terminal began.", "expansion", True),
    (
        "He singled out the resumption of oil transportation via the pipeline since March last year.",
        "restoration",
        False,
    ),
    ("Прокачка нефти возобновлена с марта прошлого года.", "restoration", False),
    ("Oil transportation via the pipeline resumed in March.", "restoration", True),
    # a build still to start or delayed. CBW 120, Day.Az 134, Kazinform 127, Caliber 123 (tuning half, issue 21): a
    # build that "will start", has a start date or timetable set («сроки начала», «намечено на») or was delayed has
    # not begun. ("Construction to begin next year" stays a build: the project's own annotated set tags it.)
    ("Kobakhidze sets June start for Anaklia port construction", "expansion", False),
    ("He set out a clear timetable for launching the Anaklia port project.", "expansion", False),
    ("Construction of the port will start in June.", "expansion", False),
    ("Пашинян: строительство TRIPP начнется во второй половине 2026 года", "expansion", False),
    ("Армения определилась со сроками начала строительства «Маршрута Трампа»", "expansion", False),
    ("Начало строительных работ намечено на 2026 год.", "expansion", False),
    ("That once again delayed the construction of a fibre-optic line.", "expansion", False),
    ("Construction of the terminal started in June.", "expansion", True),
    ("Строительство терминала началось в июне.", "expansion", True),
    # a build as a purpose. Report 134 (tuning half, issue 21): what cooperation is "in order to" do («чтобы
    # расширять») is its aim.
    ("Турция продолжит укреплять сотрудничество, чтобы расширять возможности коридора.", "expansion", False),
    ("Kazakhstan is working with Azerbaijan in order to expand the port.", "expansion", False),
    ("Kazakhstan expanded the port.", "expansion", True),
    # what happened last year is background. TCA 72 and 97, Astana Times 113 (tuning half, issue 21): a deal signed
    # "last year", "last June", «в прошлом году» is told as background, as one dated in an earlier year already was.
    ("KazMunayGas and SOCAR signed an agreement last year on oil transit.", "agreement", False),
    ("Last June, the governments signed an agreement on laying fiber-optic cables.", "agreement", False),
    ("В прошлом году стороны подписали соглашение о транзите.", "agreement", False),
    ("The roadmap was signed at last year's meeting.", "agreement", False),
    ("KazMunayGas and SOCAR signed an agreement on oil transit on Monday.", "agreement", True),
    # another object s build and what is needed in russian. bne IntelliNews 140, Minval 140 (tuning half, issue 21):
    # building a plant, an airport or a power grid is no route's or port's build; what «нужно», «необходимо» or
    # «надо» be agreed or modernised is still to do.
    (
        "Among its projects are the construction of a gas chemical plant and an upgrade of its power grid.",
        "expansion",
        False,
    ),
    ("Construction of the terminal at the port is under way.", "expansion", True),
    ("Тарифную политику нужно согласовать, а порты необходимо модернизировать.", "agreement", False),
    ("Тарифную политику нужно согласовать, а порты необходимо модернизировать.", "expansion", False),
    ("Стороны согласовали тарифную политику.", "agreement", True),
    # restrictions on deliveries explosive devices and a threat in russian. Report 144, Apsny 143, Trend 143 (tuning
    # half, issue 21): «ограничения на поставки» restrict flows as "restrictions on shipments" do; explosive devices
    # found are no explosion; «угрожает» threatens as "threat*".
    (
        "Казахстан направил нефть по другим маршрутам из-за ограничений на поставки через систему КТК.",
        "disruption",
        True,
    ),
    ("Для этого в страну ввезли три взрывных устройства, которые затем нашли и обезвредили.", "disruption", False),
    ("Three explosive devices were found and defused.", "disruption", False),
    ("На терминале произошел взрыв.", "disruption", True),
    ("Порту угрожает затопление.", "security", True),
    # the opening of a pipeline or section. Hürriyet 147 (tuning half, issue 21): the "opening of" a pipeline, a
    # railway or its section is a build done.
    ("Sezer attends opening of Baku-Tblisi-Ceyhan pipeline", "expansion", True),
    ("The opening of the Georgian section of the pipeline took place on Friday.", "expansion", True),
    ("The opening of the exhibition took place on Friday.", "expansion", False),
    # a restart called for or still to do. Caliber 146, Mir 24 146 (tuning half, issue 21): a restart someone
    # «призвал» or "called for", or that «предстоит», has not happened.
    ("Грузия призвала возобновить прокачку нефти по «Баку-Супса».", "restoration", False),
    ("Georgia called for resuming oil pumping via the pipeline.", "restoration", False),
    ("Предстоит отремонтировать 56 километров действующих сетей.", "restoration", False),
    ("Прокачка нефти возобновлена.", "restoration", True),
    # a one stop shop a company s purpose a ship built and a lack of capacity. TCA 149, Caliber 150, Gundogar 149,
    # Field Crops 149 (tuning half, issue 21): a "one-stop shop" and a "non-stop" run stop nothing; what a company
    # was "set up to" build is its purpose; a vessel built at a shipyard is no port's build; a "lack of terminal
    # capacity" is not a terminal completed.
    ("It offers a 'one-stop shop' and guarantees delivery times.", "disruption", False),
    ("Trains ran non-stop to the border.", "disruption", False),
    ("Traffic was stopped.", "disruption", True),
    ("The consortium was set up to build and run a trunk pipeline.", "expansion", False),
    ("A tug built at a Turkish shipyard arrived at the port.", "expansion", False),
    ("Буксир, построенный на турецкой судоверфи, прибыл в порт.", "expansion", False),
    ("The ban was blamed on a complete lack of terminal capacity.", "expansion", False),
    ("Construction of the terminal was completed.", "expansion", True),
    # repairs under way are no restart. Fergana 110, Anadolu 104, Caliber 104 (tuning half, issue 21): repairs that
    # take time, are hampered or stop operations restart nothing; repairs finished, or a restart after them, do.
    ("The station suffered serious damage and repairs could take up to two months.", "restoration", False),
    ("The weather was making the repairs harder.", "restoration", False),
    ("Kazakhstan's key oil terminal stops operations due to storm, repairs", "restoration", False),
    ("SPM No. 3 was put back into operation after repairs.", "restoration", True),
    ("Repairs on the line were finished on Monday.", "restoration", True),
    # the number sign is no denial. Qazinform 112 (tuning half, issue 21): "SPM No. 3" numbers a mooring; "No"
    # denies only as a word.
    ("SPM No. 3 was damaged by the storm.", "disruption", True),
    ("SPM No. 3 was put back into operation after repairs.", "restoration", True),
    ("No damage was reported at the terminal.", "disruption", False),
    # energy security is no security event. Georgia Today 114 (tuning half, issue 21): "energy security",
    # «энергетическая безопасность» are about supply.
    ("The cable project will strengthen energy security in Europe.", "security", False),
    ("Проект укрепит энергетическую безопасность Европы.", "security", False),
    ("The navy will strengthen security around the terminal.", "security", True),
    # a seasonal closure is no disruption. Tuning half (issue 21): navigation «закрыта на зиму», a port "closed for
    # the winter" is the season's routine.
    ("Навигация на Каспии закрыта на зиму", "disruption", False),
    ("The port is closed for the winter.", "disruption", False),
    ("The port was closed after a storm.", "disruption", True),
    ("Порт закрыт из-за шторма.", "disruption", True),
    # a first cargo or train is a new service. Khorgos Gateway 99, Trend 84 and others (tuning half, issue 21): a
    # "first container train", a «первая партия» opens a service; "the first time" or "the first half" do not.
    ("Khorgos Gateway accepts first container train from China", "expansion", True),
    ("Первая партия нефти с Кашагана отправлена в порт Баку", "expansion", True),
    ("It was the first time the minister visited the port.", "expansion", False),
    ("The first half of the year saw cargo grow.", "expansion", False),
    # interruptions a collapse and trouble at a crossing. Report 150, Inbusiness 124, TCA 04 (tuning half, issue
    # 21): «перебои», «коллапс», "trouble at" a crossing are disruptions; «перебоев … не было» denies them.
    ("Из-за перебоев на терминале КТК нефть пошла по БТД.", "disruption", True),
    ("На границе Достык – Алашанькоу сложился настоящий коллапс.", "disruption", True),
    ("LogiStan reported trouble at the Khorgos border crossing as well.", "disruption", True),
    ("Перебоев в поставках не было.", "disruption", False),
    # a strike in russian is a threat a blow to the economy is not. Datnews 31 (tuning half, issue 21): «оказался
    # под ударом» is an attack, `security` as «атака» is; a «удар по экономике» is a figure of speech.
    ("Морской терминал КТК под Новороссийском опять оказался под ударом.", "security", True),
    ("Беспилотники нанесли удар по терминалу.", "security", True),
    ("Кризис нанес удар по экономике.", "security", False),
    ("Кризис нанес удар по экономике.", "disruption", False),
    # a supply contract is a deal about the goods. Trend 103 (tuning half, issue 21): a gas "supply contract"
    # shipped through a pipeline is a deal about the gas.
    ("The supply contract runs for two years and provides for 2.8 bcm of gas a year.", "agreement", False),
    ("SOCAR and KMG signed an agreement on oil transit.", "agreement", True),
    # a restart still to come or set for a date is not reported. RBC 153, Astana Times 153 (tuning half, issue 21):
    # «возобновят», «заработает» (the perfective future) and "set to resume on April 11" are restarts still to come.
    ("Отгрузку на терминале возобновят, когда угрозы будут сняты.", "restoration", False),
    ("Терминал заработает после ремонта причала.", "restoration", False),
    ("Отгрузку на терминале возобновили после ремонта.", "restoration", True),
    ("Oil shipments at the CPC terminal are set to resume on April 11.", "restoration", False),
    ("Oil shipments at the CPC terminal resumed on April 11.", "restoration", True),
    # an attack on tankers near a terminal is a threat not trouble. Daily Sabah 153, Kommersant 153 (tuning half,
    # issue 21): strikes on tankers waiting near the CPC's terminal are a threat to it; a halt said beside them is
    # still trouble.
    ("Kazakhstan says drones struck 2 tankers near the CPC terminal.", "disruption", False),
    ("Kazakhstan says drones struck 2 tankers near the CPC terminal.", "security", True),
    ("После атак на танкеры у КТК подорожала их страховка.", "disruption", False),
    ("Дроны ударили по танкерам у терминала КТК.", "disruption", False),
    ("Drones struck the CPC terminal and loadings were suspended.", "disruption", True),
    ("Exports via the CPC plunged after a sea drone hit a tanker moored at the terminal.", "disruption", True),
    # near a port a striking example coordinated work and plans not yet events. Batch 157 (tuning half, issue 21):
    # "close to the port" is near it; "a striking example" and "closes a saga" are words, not trouble;
    # «согласованная работа» is no deal; trouble «удалось не допустить» or "avoided" was prevented; "looking into
    # building", "is to be expanded", "is expected to be signed" are still to come; a terminal "of the new complex
    # opens" is an opening.
    ("The terminal lies close to the port of Poti and covers 9 hectares.", "disruption", False),
    ("The new terminal is a striking example of how the countries work together.", "disruption", False),
    ("The news closes a political saga over the port at Anaklia.", "disruption", False),
    ("The port of Poti was closed after the storm.", "disruption", True),
    ("Благодаря согласованной работе порта и ASCO меры были приняты вовремя.", "agreement", False),
    ("Заторов и простоев в порту удалось не допустить.", "disruption", False),
    ("Delays at the port were avoided.", "disruption", False),
    ("Простоев в порту удалось избежать.", "disruption", False),
    ("A Chinese company is looking into building container facilities at Aktau.", "expansion", False),
    ("The capacity of the Baku-Tbilisi-Kars railway is to be expanded to five million tons.", "expansion", False),
    ("Container terminal of new multimodal complex opens in Poti.", "expansion", True),
    ("A roadmap on the Middle Corridor is expected to be signed at the meeting.", "agreement", False),
    # constructive is no build and ready to is an offer. Trend 159, JAMnews 159 (tuning half, issue 21).
    ("Azerbaijan's constructive part is important for the Middle Corridor.", "expansion", False),
    ("Construction of the new berth at the port of Alat began.", "expansion", True),
    ("Armenia said it was prepared to unblock every transport link.", "restoration", False),
    ("Armenia unblocked the transport links across Syunik.", "restoration", True),
    # a build supported provided for or to be taken up has not begun. Interfax 152, Kommersant 152, Trend 152
    # (tuning half, issue 21).
    ("Баку поддержит строительство Транскаспийского газопровода.", "expansion", False),
    ("Проектом предусмотрены модернизация нефтепровода и строительство терминала.", "expansion", False),
    ("Консорциум займется строительством и эксплуатацией коридора.", "expansion", False),
    ("The plan is to build a Black Sea Energy underwater electric cable.", "expansion", False),
    ("Началось строительство Транскаспийского газопровода.", "expansion", True),
    # an intelligent upgrade is no build. Lianyungang Daily 163 (tuning half, issue 21).
    ("The port handled more cargo thanks to intelligent upgrades of the whole process.", "expansion", False),
    ("The port handled more cargo thanks to new upgrades of its berths.", "expansion", True),
    # a ship under construction is the shipyards work. AZERTAC 161 (tuning half, issue 21).
    ("Innovations to be implemented on ASCO's third Ro-Pax type ferry under construction.", "expansion", False),
    ("Construction of the new ferries for the Caspian route continues at the Baku shipyard.", "expansion", False),
    ("Two new ferries entered service on the Kuryk-Alat line.", "expansion", True),
    # a restart soon and what a build will bring are still to come. The Messenger 165, Report 165 (tuning half,
    # issue 21).
    ("Baku-Supsa oil pipeline soon resume functioning", "restoration", False),
    (
        "С открытием Зангезурского коридора пропускная способность вырастет на 15 млн тонн в год.",
        "expansion",
        False,
    ),
    ("The opening of the new berth will double the port's traffic.", "expansion", False),
    ("The new berth at the port opened last week.", "expansion", True),
    # repeated trouble weeks cut off and time to build. Caliber 167, bne IntelliNews 167, Informburo 167 (tuning
    # half, issue 21).
    ("Repeated interruptions in the work of the CPC pipeline made things worse.", "disruption", False),
    ("The Middle Corridor route also cuts weeks off transit times.", "disruption", False),
    ("Пришло время строить новые причалы в порту Актау.", "expansion", False),
    ("The CPC pipeline was cut off by the storm.", "disruption", True),
    # a ferry put to work on a line. Trend 171 (tuning half, issue 21).
    ("АКМП задействовало паром «Меркурий-1» на перевозках в казахстанский порт Актау.", "expansion", True),
    ("АКМП задействовало сотрудников порта в учениях.", "expansion", False),
    # a build envisaged and a first voyage still to sail. Apsny 173, railway.ge 173 (tuning half, issue 21).
    ("Проект предполагает строительство высоковольтной подводной линии через Черное море.", "expansion", False),
    (
        "The first feeder vessel to leave Poti port will take 146 TEU of containers to Constanza.",
        "expansion",
        False,
    ),
    ("The first feeder vessel left Poti port with 146 TEU of containers for Constanza.", "expansion", True),
    # a situation back to normal a possible deal and preparing to launch. Trend 177, The Maritime Executive 177,
    # EnergyNews 177, bne IntelliNews 177 (tuning half, issue 21).
    (
        "By the morning the situation had returned to normal and posed no danger to the population.",
        "restoration",
        False,
    ),
    ("Reports pointed to a possible deal covering Lukoil's stake in the CPC.", "agreement", False),
    ("The pipeline supplies several Russian defence industry enterprises.", "security", False),
    ("TAP is preparing to launch the first stage of its expansion.", "expansion", False),
    ("Loadings at the terminal returned to normal after the spill.", "restoration", True),
    # Rule 186 (batches 209, 217): Ukrainian tags as Russian does, plans and risks included
    ("Через шторм найбільший морський порт Грузії, Поті, припинив приймати та випускати судна.", "disruption", True),
    ("Серйозно пошкоджено виносний причальний пристрій ВПУ-2, і відвантаження нафти зупинилося.", "disruption", True),
    ("Порт Поті відновив роботу після шторму.", "restoration", True),
    ("Казахстан і Азербайджан підписали угоду про транзит нафти.", "agreement", True),
    ("Компанія планує будівництво нового терміналу в порту.", "expansion", False),
    ("Удари безекіпажних катерів становлять загрозу для терміналу.", "security", True),
    # Rule 187 (batches 209, 215, 217, 221): Turkish, Azerbaijani, Kazakh and German tag too, their letters folded
    ("Ceyhan terminalinden petrol sevkiyatına yeniden başlandı.", "restoration", True),
    ("Depremin ardından BIL Ceyhan'daki petrol sevkiyatını durdurmuştu.", "disruption", True),
    ("Kars-Iğdır Demiryolu Hattı'nın temeli atıldı.", "expansion", True),
    ("Kars-Iğdır Demiryolu Hattı'nın temeli 22 Ağustos'ta atılacak.", "expansion", False),
    ("Horadiz-Ağbənd dəmir yolu xəttində tikinti işlərinin 68 faizi yerinə yetirilib.", "expansion", True),
    ("Бұл жерде екінші сыртқы айлақ құрылғысы қатты зақымданды.", "disruption", True),
    ("Теңіз терминалына экипажсыз жүзу құралдары шабуыл жасаған.", "security", True),
    ("Der Betrieb des Ölterminals Ceyhan ist nach dem Erdbeben eingestellt worden.", "disruption", True),
    ("Die Pipeline hat keinen Schaden genommen und ist nicht beschädigt.", "disruption", False),
    # Rule 188 (batches 211, 217, 225): Romanian; "unveiling a framework" builds nothing, "unblocking communications"
    # restores nothing
    ("În urma atacului, operațiunile CPC au fost oprite.", "disruption", True),
    ("Kazahstanul a criticat Ucraina pentru atacul cu dronă asupra terminalului.", "security", True),
    ("Livrările de petrol prin terminal au fost reluate.", "restoration", True),
    ("Transelectrica a semnat memorandumul pentru cablul submarin.", "agreement", True),
    ("US and Armenia unveil TRIPP Implementation Framework", "expansion", False),
    ("Unblocking infrastructure between Armenia and Azerbaijan opens many opportunities.", "restoration", False),
    # Rule 189 (batch 233): Georgian; a recap opened in Kazakh, Azerbaijani, Turkish or Ukrainian is background
    ("უამინდობის გამო ბათუმის, ფოთისა და ყულევის ნავსადგურები დაიხურა", "disruption", True),
    ("ფოთის ნავსადგური კვლავ გაიხსნა", "restoration", True),
    ("Еске салайық, 29 қарашада КҚК терминалына экипажсыз қайықтар шабуыл жасаған.", "security", False),
    ("Xatırladaq ki, Bakı-Supsa kəməri ilə nəql dayandırılıb.", "disruption", False),
    # batches 235-239: a Turkish groundbreaking ("the first pickaxe"), an Azerbaijani "construction of"
    ("Kars-Dilucu demiryolunda ilk kazma yarın vuruluyor.", "expansion", True),
    ("Horadiz–Ağbənd dəmir yolunun inşasının 2026-cı ildə bitirilməsi nəzərdə tutulur.", "expansion", True),
    # Rule 190 (batches 247-251): Kazakh strikes, Azerbaijani rebuilding, "percent complete"; closed windows,
    # earlier attacks and interest tag nothing
    ("Дрон соққысының салдарынан КҚК терминалындағы ғимарат зақымданды.", "security", True),
    ("Naxçıvanda dəmir yolunun yenidən qurulması davam edir.", "expansion", True),
    ("The Horadiz-Aghband project is 45 percent complete.", "expansion", True),
    ("No formal offer arrived before the submission window closed.", "disruption", False),
    ("It comes after earlier Ukrainian attacks, among them one on the CPC terminal.", "security", False),
    ("Uzbekistan is interested in restoring the Zangazur corridor.", "restoration", False),
    # Rule 191 (batches 253-257): Kazakh capacity doubling, Russian "gave the start", German builds; protective fenders
    ("Алтынкөл – Қорғас торабының өткізу қабілеті екі есе артады", "expansion", True),
    ("Президент РК дал старт началу реализации проекта «Хоргос – Восточные ворота».", "expansion", True),
    ("Kasachstan baut Öltransit über Aserbaidschan aus", "expansion", True),
    ("70% of the port's fenders, which protect vessels from damage, no longer work.", "disruption", False),
    ("70% of the port's fenders, which protect vessels from damage, no longer work.", "security", False),
    # Rule 192 (batches 259-263): a court's order is a threat; first oil builds; Turkish damage and pauses
    ("Russian Court Orders Kazakh Oil Pipeline to Halt Work for 30 Days", "disruption", False),
    ("Russian Court Orders Kazakh Oil Pipeline to Halt Work for 30 Days", "security", True),
    ("Kazakhstan Ships First Kashagan Oil via BTC Pipeline", "expansion", True),
    ("Terminalin İHA saldırısında hasar aldığını ve yüklemelere ara verildiğini duyurdu.", "disruption", True),
    # batches 265-269: carrying more is not building more
    ("KazTransOil expands oil transportation from Aktau to Baku", "expansion", False),
]


@pytest.mark.parametrize(("sentence", "tag", "wanted"), RULE_SENTENCES)
def test_a_rule_on_the_sentence_that_taught_it(sentence, tag, wanted):
    assert (tag in tags_of(sentence)) is wanted
