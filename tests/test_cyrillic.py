"""Reading Russian and Ukrainian: the cue forms, dates, region phrases, datelines and the language.

The fixtures in tests/data/cyrillic are short texts written for these tests, each with its gold.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from geomap import lexicon
from geomap.dates import event_date, find_date_phrases
from geomap.evaluate import evaluate
from geomap.extract import default_extractor
from geomap.lang import cues, language_of
from geomap.lang.lemmas import AROUND, MATCHED
from geomap.lang.rules import counts_downed, negated
from geomap.model import Document
from geomap.pipeline import extract_events, extract_text

FIXTURES = Path(__file__).parent / "data" / "cyrillic"


def _signals(key: str) -> set[tuple[str, str]]:
    return set(lexicon.phrases().get(key, ()))


def test_forms_table_covers_every_lemma():
    """The derived table was rebuilt after the lemmas last changed (scripts/build_cue_forms.py)."""
    with gzip.open(cues.FORMS_FILE, "rt", encoding="utf-8") as fh:
        built = {tuple(line.split("\t")[:2]) for line in fh}
    written = {(lang, phrase) for tables in (MATCHED, AROUND) for lang, by_table in tables.items()
               for values in by_table.values() for phrases in values.values() for phrase in phrases
               if not phrase.startswith("=")}
    assert written - built == set()
    assert built - written == set()


@pytest.mark.parametrize(("key", "signal"), [
    ("беспилотников", ("weapon", "drone")),
    ("fpv дрона", ("weapon", "drone")),
    ("ракетами", ("weapon", "missile")),
    ("крылатыми ракетами", ("weapon", "missile")),
    ("керованими авіабомбами", ("weapon", "glide_bomb")),
    ("безпілотників", ("weapon", "drone")),
    ("сбиты", ("outcome", "intercepted")),
    ("збито", ("outcome", "intercepted")),
    ("пошкоджено", ("outcome", "hit")),
    ("повреждены", ("outcome", "hit")),
    ("складов боеприпасов", ("target", "military")),
    ("об єкт енергетики", ("target", "energy_other")),
    ("приватну забудову", ("target", "residential")),     # "the strike fell on private housing"
    ("десятиповерхівки", ("target", "residential")),
    ("частной застройки", ("target", "residential")),
    ("девятиэтажку", ("target", "residential")),
    ("влучили", ("strike:strong", "strong")),     # "росіяни влучили в приватні будинки"
    ("влучила", ("outcome", "hit")),
])
def test_inflected_cue_forms_are_matched(key, signal):
    assert signal in _signals(key)


@pytest.mark.parametrize(("abbreviation", "signal"), [
    ("бпла", ("weapon", "drone")),          # БПЛА and БпЛА fold alike
    ("нпз", ("target", "refinery")),
    ("тэц", ("target", "power_plant")),
    ("тец", ("target", "power_plant")),
    ("каб", ("weapon", "glide_bomb")),
    ("пво", ("outcome", "intercepted")),
    ("ппо", ("outcome", "intercepted")),
    ("рсзо", ("weapon", "artillery")),
])
def test_cyrillic_abbreviations(abbreviation, signal):
    assert signal in _signals(abbreviation)


def test_english_tables_hold_no_cyrillic():
    """The Cyrillic cues live in geomap/lang, every form generated; none is left half-done here."""
    for table in (lexicon.WEAPONS, lexicon.STRIKE_WORDS, lexicon.OUTCOMES, lexicon.TARGETS):
        assert all(word.isascii() for words in table.values() for word in words)


@pytest.mark.parametrize(("text", "language"), [
    ("Russian drones struck a refinery in Ryazan overnight.", "en"),
    ("Ночью над Тульской областью сбиты пять беспилотников.", "ru"),
    ("У ніч проти 5 березня ворог атакував Харківщину ударними БпЛА.", "uk"),
    ("Drones hit Ryazan (Рязань) overnight, the governor said on Telegram.", "en"),
])
def test_language_of(text, language):
    assert language_of(text) == language


@pytest.mark.parametrize(("sentence", "expected"), [
    ("В ночь на 5 марта беспилотники атаковали Рязань.", ("2025-03-04", "day")),
    ("У ніч проти 5 березня ворог атакував Харківщину.", ("2025-03-04", "day")),
    ("В ночь с 31 декабря на 1 января дроны атаковали НПЗ.", ("2024-12-31", "day")),
    ("Вчера ВСУ обстреляли Шебекино.", ("2025-03-04", "day")),
    ("Сьогодні вранці російська авіація завдала удару.", ("2025-03-05", "day")),
    ("Ночью над Тульской областью сбиты беспилотники.", ("2025-03-04", "day")),
    ("За ночь силы ПВО сбили 87 БПЛА.", ("2025-03-04", "day")),
    ("2 марта дрон атаковал Белгород.", ("2025-03-02", "day")),
    ("В ночь на субботу дроны атаковали Курск.", ("2025-02-28", "day")),
])
def test_cyrillic_dates(sentence, expected):
    assert event_date(sentence, 10, "2025-03-05") == expected


def test_no_date_in_a_cyrillic_sentence_without_one():
    assert find_date_phrases("Беспилотник атаковал Белгород.") == []


def test_negation_before_and_after():
    text = "По его словам, пострадавших нет, разрушений не зафиксировано, не менее трех домов повреждены."
    at = text.index("пострадавших")
    assert negated(text, at, at + len("пострадавших"))
    at = text.index("разрушений")
    assert negated(text, at, at + len("разрушений"))
    at = text.index("повреждены")  # "не менее" (at least) is no negation
    assert not negated(text, at, at + len("повреждены"))


def test_a_negation_ending_the_clause_a_few_words_on():
    text = "Влучань на території міста не зафіксовано, але уламки пошкодили дах будинку."
    at = text.index("Влучань")
    assert negated(text, at, at + len("Влучань"))
    at = text.index("пошкодили")  # the next clause's damage is not negated
    assert not negated(text, at, at + len("пошкодили"))
    text = "Пострадавших среди жителей нет."
    assert negated(text, 0, len("Пострадавших"))
    # A negation farther on, in a long clause, does not reach back.
    text = "Повреждены крыша и окна двух частных домов на окраине города, жертв нет."
    assert not negated(text, 0, len("Повреждены"))


def test_drones_flying_towards_a_city_too_are_no_strike_on_it():
    result = _extract("Дрони летіли і на Чернігів. Влучань на території міста не зафіксовано.")
    assert not result.events
    assert [(m.place, m.reason) for m in result.mentions] == [("Чернігів", "direction of flight")]


def test_interception_tallies():
    assert counts_downed("Силами ППО збито 78 безпілотників над Харківщиною.")
    assert counts_downed("на Киев летели 40 БПЛА: 22 уничтожены над городом")
    assert not counts_downed("В результате атаки уничтожен склад.")


def _extract(text: str, published: str = "2025-03-05"):
    return default_extractor().extract(Document(doc_id="t", text=text, source="t", published=published))


@pytest.mark.parametrize(("text", "place_id"), [
    ("Ночью над Тульской областью сбиты пять беспилотников.", "iso3166-2:RU-TUL"),
    ("Вночі ворожі дрони атакували об'єкти на Сумщині, пошкоджено підстанцію.", "iso3166-2:UA-59"),
    ("Три беспилотника уничтожены над Курской, два над Брянской областями.", "iso3166-2:RU-KRS"),
])
def test_region_phrases_in_every_case(text, place_id):
    assert place_id in {e.place_id for e in _extract(text).events}


def test_elided_region_noun_in_a_tally():
    text = "26 беспилотников сбиты над Ростовской областью, 12 - над Курской, шесть - над Белгородской."
    assert {e.place_id for e in _extract(text).events} == {
        "iso3166-2:RU-ROS", "iso3166-2:RU-KRS", "iso3166-2:RU-BEL"}


def test_dateline_is_a_mention():
    result = _extract("КИЕВ, 5 марта (РИА Новости) - Российские беспилотники атаковали Одессу, "
                      "повреждены дома.")
    assert [e.place_name for e in result.events] == ["Odesa"]
    assert [(m.place, m.reason) for m in result.mentions] == [("КИЕВ", "dateline")]


def test_governor_and_meeting_are_mentions():
    result = _extract("Губернатор Курской области сообщил, что дрон атаковал Рыльск. "
                      "Об атаке доложили на совещании в Курске.")
    assert [e.place_name for e in result.events] == ["Ryl’sk"]
    reasons = {m.place: m.reason for m in result.mentions}
    assert reasons["Курской области"].startswith("names an official's office")
    assert reasons["Курске"] == "talks or meeting"


@pytest.mark.parametrize(("text", "not_place"), [
    # A surname after a speech verb ("Гусев", a town in Kaliningrad Oblast).
    ("При атаке беспилотника на Воронеж пострадал дом, сообщил Гусев в Telegram.", "Гусев"),
    ("Уламки пошкодили будинок у Харкові, повідомив Терехов.", "Терехов"),
    # A street named for a town ("улица Кирова", not Kirov).
    ("Обломки повредили дом по улице Кирова в Рыльске.", "Кирова"),
    # "Мер" (a mayor), not Miory in Belarus.
    ("Уламки дрона пошкодили будинок у Києві. Мер закликає мешканців залишатися в укриттях: уламки "
     "дрона пошкодили будинок.", "Мер"),
])
def test_people_streets_and_offices_are_no_strike_place(text, not_place):
    result = _extract(text)
    assert result.events, "the strike itself should still be read"
    assert not_place not in {e.place for e in result.events}


@pytest.mark.parametrize(("text", "place_id"), [
    # "Opened fire on" in a regional post, as in English: a strike on the places named.
    ("Окупанти відкрили вогонь по Краснопільській громаді.", "katottg:UA59080090000092991"),
    ("Протягом доби окупанти відкривали вогонь по Краснопільській та Буринській громадах.",
     "katottg:UA59020030000072865"),
    ("ВСУ открыли огонь по Белгороду, пострадал жилой дом.", "geonames:578072"),
])
def test_opened_fire_on_a_place_is_a_strike_on_it(text, place_id):
    assert place_id in {e.place_id for e in _extract(text).events}


@pytest.mark.parametrize("gold", sorted(FIXTURES.glob("*.json")), ids=lambda p: p.stem)
def test_fixture_is_read_as_its_gold_says(gold, tmp_path):
    """Each fixture on its own: every gold event found with its attributes, nothing else mapped."""
    folder = tmp_path / gold.stem
    folder.mkdir()
    for path in (gold, gold.with_suffix(".txt")):
        (folder / path.name).write_bytes(path.read_bytes())
    report = evaluate(folder)
    assert not report.problems
    totals = report.totals
    assert (totals.fp, totals.fn) == (0, 0)
    for name, accuracy in report.attribute_accuracy.items():
        assert accuracy.correct == accuracy.total, name


def test_mixed_language_corpus_in_one_run(tmp_path):
    """English, Russian and Ukrainian documents in one run: each event records its language."""
    docs = [
        {"id": "en", "published": "2025-03-05",
         "text": "Ukrainian drones struck the Ryazan oil refinery overnight, starting a fire."},
        {"id": "ru", "published": "2025-03-05",
         "text": "Ночью над Тульской областью силами ПВО сбиты пять беспилотников."},
        {"id": "uk", "published": "2025-03-05",
         "text": "Унаслідок атаки у Кременчуці пошкоджено об'єкт енергетики, виникла пожежа."},
    ]
    corpus = tmp_path / "mixed.jsonl"
    corpus.write_text("\n".join(json.dumps(d, ensure_ascii=False) for d in docs), encoding="utf-8")
    result = extract_events([str(corpus)])
    languages = {e.doc_ids[0]: e.language for e in result.events}
    assert languages == {"en": "en", "ru": "ru", "uk": "uk"}
    feature = next(e for e in result.events if e.language == "uk").to_feature()
    assert feature["properties"]["language"] == "uk"


def test_city_district_is_read_with_its_city():
    """"у Шевченківському районі" of Kyiv is not the Shevchenkove hromada far away."""
    result = _extract("Уночі російські дрони атакували Київ. У Шевченківському районі уламки пошкодили "
                      "житловий будинок, повідомив начальник КМВА.")
    assert {e.place_name for e in result.events} == {"Kyiv"}
    assert ("Шевченківському районі", "district of a city the report names") in {
        (m.place, m.reason) for m in result.mentions}


def test_damage_told_district_by_district_is_the_city_s():
    """"У Шевченківському районі уламки пошкодили житловий будинок" after Kyiv's strike: Kyiv's damage."""
    result = _extract("Уночі російські дрони атакували Київ. У Шевченківському районі уламки пошкодили "
                      "житловий будинок.")
    (event,) = result.events
    assert (event.place_name, event.target_type, event.status) == ("Kyiv", "residential", "hit")


def test_a_region_and_its_regional_centre_is_the_centre_struck():
    from geomap.pipeline import extract_text

    events = extract_text("У ніч на 24 вересня російська армія вдарила по Запорізькій області та обласному "
                          "центру: два удари по місту, виникла пожежа.", published="2025-09-27")
    assert [(e.geo_precision, round(e.lat, 1)) for e in events] == [("town", 47.9)]


@pytest.mark.parametrize("text, place", [
    ("Уночі російські війська вдарили по Нікополю з важкої артилерії, пошкоджено будинок.", "Nikopol"),
    ("У Маріуполі пролунали вибухи, пошкоджено склад окупантів.", "Mariupol"),
    ("У Тернополі внаслідок ракетного удару пошкоджено багатоповерхівку.", "Ternopil"),
])
def test_the_second_ukrainian_form_of_a_case_is_a_place(text, place):
    # Ukrainian gives some cases two forms ("Нікополеві" and "Нікополю"); news uses the short one.
    from geomap.pipeline import extract_text
    assert place in {e.place_name for e in extract_text(text, published="2025-10-08")}


def test_a_village_named_after_selo_is_a_place_and_the_raion_before_it_picks_its_namesake():
    from geomap.pipeline import extract_text
    events = extract_text("В Ізюмському районі пошкоджено багатоквартирний будинок у селищі Борова, а в селі "
                          "Яковенкове горіла трава.", published="2024-03-26")
    regions = {e.place_name: e.admin1 for e in events}
    # Yakovenkove has a namesake in Crimea; "у селі" makes it a place, the raion named first its oblast.
    assert regions.get("Yakovenkove") == "Kharkiv Oblast"
    assert regions.get("Borova") == "Kharkiv Oblast"


@pytest.mark.parametrize("text, hromadas", [
    ("За день ворог обстріляв Глухівську, Хотінську та Зноб-Новгородську громади, пошкоджено будинки.",
     {"Hlukhiv Hromada", "Khotin Hromada", "Znob-Novhorodske Hromada"}),
    ("Агресор бив по Нікополю та Марганецькій і Червоногригорівській громадах, пошкоджено будинки.",
     {"Marhanets Hromada", "Chervonohryhorivka Hromada"}),
])
def test_adjectives_listed_before_the_plural_hromady_are_each_a_hromada(text, hromadas):
    from geomap.pipeline import extract_text
    assert hromadas <= {e.place_name for e in extract_text(text, published="2025-10-08")}


def test_a_reminder_of_earlier_attacks_takes_no_weapon_from_the_report():
    """"Нагадаємо, ..." tells of other attacks: the report's one weapon is not theirs."""
    result = _extract("Уночі російські дрони атакували Херсон, пошкоджено будинок.\n\n"
                      "Нагадаємо, раніше російський удар пошкодив лікарню в Бериславі.")
    types = {e.place_name: e.strike_type for e in result.events}
    assert types == {"Kherson": "drone", "Beryslav": "unknown"}


def test_an_oblast_written_as_a_region_is_the_oblast():
    # "над Московским регионом": the oblast, not the settlement Moskovsky.
    from geomap.gazetteer import default_gazetteer

    gazetteer = default_gazetteer()
    for name in ("Московским регионом", "Брянском регионе", "Курському регіоні"):
        place = gazetteer.resolve(name).place
        assert place.kind == "region", name


def test_explosions_counted_at_a_ukrainian_community_are_no_damage():
    from geomap.pipeline import extract_text
    prefix = "Ворог обстріляв прикордоння Сумщини. Краснопільська громада: мінометний обстріл, "
    (blasts,) = extract_text(prefix + "зафіксовано 5 вибухів.", published="2025-06-02")
    (damage,) = extract_text(prefix + "пошкоджено будинок.", published="2025-06-02")
    assert (blasts.status, damage.status) == ("unknown", "hit")


def test_hromadas_listed_in_the_nominative_and_a_town_s_genitive_among_them():
    # "Покровська" is also Pokrovsk's genitive: before "громади" it is the Pokrov hromada by Nikopol.
    for text in ("6 травня під обстрілом були Марганецька та Покровська громади, пошкоджено будинок.",
                 "6 травня ворог обстріляв Марганецьку та Покровську громади, пошкоджено будинок."):
        events = extract_text(text, published="2024-05-06")
        assert {e.admin1 for e in events} == {"Dnipropetrovsk Oblast"}, \
            [(e.place, e.place_name) for e in events]
        assert all(e.geo_precision == "district" for e in events)


def test_a_guided_bomb_named_in_the_instrumental():
    (event,) = extract_text("6 травня внаслідок удару КАБом по Куп'янську поранено двох людей.",
                            published="2024-05-06")
    assert event.strike_type == "glide_bomb"


@pytest.mark.parametrize("text", ["Минулої доби ворог 14 разів обстріляв Херсон.",
                                  "В течение минувших суток ВСУ обстреляли Белгород."])
def test_the_past_day_in_the_genitive_is_the_day_before(text):
    (event,) = extract_text(text, published="2024-05-07")
    assert (event.event_date, event.date_precision) == ("2024-05-06", "day")


@pytest.mark.parametrize("text", [
    "По словам губернатора, украинский дрон врезался в один из этажей многоквартирного дома в Курске. "
    "Пострадавших нет.",
    "Дрон врізався в багатоповерхівку в Харкові, повідомив Терехов.",
])
def test_a_drone_that_crashed_into_a_building_hit_it(text):
    (event,) = extract_text(text, published="2025-10-20")
    assert event.status == "hit"


@pytest.mark.parametrize("text", [
    "Села Веселе, Дворічна і Синьківка Куп'янського району зазнали ворожого артилерійського та "
    "мінометного вогню.",
    "Село Тёткино подверглось артиллерийскому и минометному обстрелу, сообщил губернатор.",
])
def test_artillery_and_mortar_adjectives_sharing_their_noun_are_shelling(text):
    events = extract_text(text, published="2025-10-20")
    assert events and {e.strike_type for e in events} == {"artillery"}, \
        [(e.place, e.strike_type) for e in events]
