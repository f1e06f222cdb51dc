"""Every village on the front: Ukrainian villages, raions and hromadas against their sources.

The expected oblasts and points come from source rows (GeoNames ``UA.txt`` and
the KATOTTG codifier), written to ``tests/data/ua_table.tsv`` by
``tests/data/make_ua_table.py`` and to ``gazetteer/katottg.tsv.gz`` by the build;
never from geomap's own output.
"""

from __future__ import annotations

import csv
import gzip
from pathlib import Path

import pytest

from geomap.gazetteer import Context, default_gazetteer, distance_km

ROOT = Path(__file__).resolve().parents[1]
TABLE = ROOT / "tests" / "data" / "ua_table.tsv"
KATOTTG = ROOT / "gazetteer" / "katottg.tsv.gz"
FRONT = ("UA-63", "UA-14", "UA-09", "UA-23", "UA-65", "UA-12", "UA-59", "UA-74", "UA-48")


def _table() -> list[dict[str, str]]:
    with open(TABLE, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def _katottg() -> list[dict[str, str]]:
    with gzip.open(KATOTTG, "rt", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def test_table_is_large_and_mixed():
    rows = _table()
    kinds = {k: sum(r["kind"] == k for r in rows) for k in ("village", "raion", "hromada", "namesakes")}
    assert len(rows) >= 300
    assert all(count >= 20 for count in kinds.values()), kinds


@pytest.mark.parametrize("row", _table(), ids=lambda r: r["query"])
def test_table(row):
    location = default_gazetteer().geocode(row["query"])
    assert location is not None, row["query"]
    raw = location.raw
    assert raw["admin1_code"] == row["admin1"], (row, raw["name"], raw["admin1"])
    if row["kind"] in ("raion", "hromada"):
        assert raw["kind"] == "district"
    if row["kind"] == "namesakes":
        # Several of that name in the oblast: one of them, and never one elsewhere.
        assert raw["id"] in row["source"].split("|")
        assert all(a["admin1"] == raw["admin1"] for a in raw["alternatives"] if a["kind"] == "town")
    else:
        km = distance_km(location.latitude, location.longitude, float(row["lat"]), float(row["lon"]))
        assert km <= float(row["max_km"]), (row, raw["name"], km)


def _settlement_share(iso: str) -> tuple[int, int]:
    gaz = default_gazetteer()
    rows = [r for r in _katottg() if r["admin1"] == iso and r["category"] in ("M", "T", "C", "X")]
    found = 0
    for r in rows:
        resolution = gaz.resolve(r["name"], Context(within={iso}))
        found += resolution is not None and resolution.place.kind == "town" and resolution.place.admin1 == iso
    return found, len(rows)


@pytest.mark.parametrize("iso", FRONT)
def test_every_front_line_settlement_resolves_in_its_oblast(iso):
    found, total = _settlement_share(iso)
    assert total > 400
    assert found / total >= 0.98, f"{iso}: {found}/{total}"


def test_every_raion_and_hromada_resolves_at_district_precision():
    gaz = default_gazetteer()
    units = [r for r in _katottg() if r["category"] in ("P", "H")]
    missed = []
    for unit in units:
        noun = "район" if unit["category"] == "P" else "громада"
        resolution = gaz.resolve(f"{unit['name']} {noun}", Context(within={unit["admin1"]}))
        if resolution is None or resolution.place.precision != "district":
            missed.append(unit["name"])
    assert len(units) > 1500
    assert len(missed) / len(units) <= 0.01, missed[:20]


def test_region_beside_the_name_is_a_hard_filter():
    gaz = default_gazetteer()
    found = gaz.resolve("Novoselivka", Context(within={"UA-63"}))
    assert found is not None and found.place.admin1 == "UA-63"
    assert all(p.admin1 == "UA-63" for p in found.alternatives if p.kind == "town")
    # No Pokrovsk in Kharkiv Oblast: nothing rather than a namesake elsewhere.
    assert gaz.resolve("Pokrovsk", Context(within={"UA-63"})) is None


def test_namesakes_left_equal_are_ambiguous_with_low_confidence():
    gaz = default_gazetteer()
    many = gaz.resolve("Novoselivka")
    assert many.ambiguous and many.confidence <= 0.5 and len(many.alternatives) > 20
    one = gaz.resolve("Izium")
    assert not one.ambiguous and one.confidence == 1.0


def test_village_carries_its_raion_and_hromada():
    place = default_gazetteer().geocode("Hrakove, Kharkiv region")
    assert place.raw["admin1_code"] == "UA-63"
    assert place.raw["admin2"].endswith("Raion") and place.raw["admin3"].endswith("Hromada")


@pytest.mark.parametrize("name", [
    "Izium raion", "Izium district", "Iziumskyi raion", "Izium Raion", "Изюмский район", "Ізюмський район",
    "Ізюмського району",
])
def test_raion_names(name):
    place = default_gazetteer().geocode(name)
    assert place.raw["kind"] == "district" and place.raw["admin1_code"] == "UA-63"
    assert distance_km(place.latitude, place.longitude, 49.2, 37.28) < 40


@pytest.mark.parametrize("name", [
    "Bohodukhiv hromada", "Bohodukhivska hromada", "Bohodukhivska community",
    "Bohodukhiv territorial community", "Богодухівська громада",
])
def test_hromada_names(name):
    place = default_gazetteer().geocode(name)
    assert place.raw["kind"] == "district" and place.raw["admin1_code"] == "UA-63"
    assert distance_km(place.latitude, place.longitude, 50.16, 35.52) < 25


@pytest.mark.parametrize("name", ["Balakliia district", "Balakliiskyi raion", "Balakleya district"])
def test_pre_2020_raion(name):
    place = default_gazetteer().geocode(name)
    assert place.raw["kind"] == "district" and place.raw["admin1_code"] == "UA-63"
    assert distance_km(place.latitude, place.longitude, 49.46, 36.86) < 40


def test_bare_town_name_is_the_town_not_its_raion():
    for name in ("Izium", "Bohodukhiv", "Balakliia"):
        place = default_gazetteer().geocode(f"{name}, Kharkiv region")
        assert place.raw["kind"] == "town", name


@pytest.mark.parametrize("query", [
    "Oleksandrivka, Kharkiv region", "Oleksandrivka, Kharkiv Oblast", "Oleksandrivka, Kharkivska oblast",
    "Oleksandrivka, Kharkiv obl.", "Oleksandrivka, Kharkiv",
])
def test_geocode_honours_the_region_after_a_comma(query):
    assert default_gazetteer().geocode(query).raw["admin1_code"] == "UA-63"


def test_bare_oblast_name_after_a_comma_is_the_oblast_not_the_city():
    place = default_gazetteer().geocode("Tomakivka, Dnipropetrovsk")
    assert place.raw["name"] == "Tomakivka" and place.raw["admin1_code"] == "UA-12"


def test_word_like_village_names_are_not_matched_in_text():
    gaz = default_gazetteer()
    text_names = set(gaz.names())
    quiet = set(gaz.all_names()) - text_names
    assert quiet, "some small places' names are look-up only"
    # Still found by look-up, never in running text.
    for key in ("victoria", "mayak", "peremoha"):
        if key in quiet:
            assert gaz.rank(key)
    assert "izium" in text_names and "hrakove" in text_names


@pytest.mark.parametrize(("name", "iso"), [
    ("Shebekino district", "RU-BEL"), ("Shebekinsky district", "RU-BEL"), ("Шебекинский район", "RU-BEL"),
    ("Sudzhansky district", "RU-KRS"), ("Суджанском районе", "RU-KRS"), ("Grayvoronsky district", "RU-BEL"),
    ("Starodubsky district", "RU-BRY"), ("Dzhankoi raion", "UA-43"),
])
def test_russian_and_crimean_raions(name, iso):
    place = default_gazetteer().geocode(name)
    assert place.raw["kind"] == "district" and place.raw["admin1_code"] == iso


# Raions named otherwise than their seat, at the seat's GeoNames point (cities500: Lokot 534413,
# Kalach 554410, Rakitnoye 503067), and Crimean hromadas at their seat's point in the GeoNames
# Ukraine dump (Kacha 707281, Ilychyovo 707709).
@pytest.mark.parametrize(("name", "iso", "lat", "lon"), [
    ("Brasovsky district", "RU-BRY", 52.57472, 34.57673),
    ("Калачеевский район", "RU-VOR", 50.425, 41.01595),
    ("Rakityansky district", "RU-BEL", 50.84076, 35.85212),
    ("Качинська громада", "UA-43", 44.77635, 33.54387),
    ("Іллічівської громади", "UA-43", 45.28348, 35.73864),
])
def test_units_placed_at_their_seat(name, iso, lat, lon):
    place = default_gazetteer().geocode(name)
    assert place is not None, name
    assert place.raw["kind"] == "district" and place.raw["admin1_code"] == iso
    assert distance_km(lat, lon, place.latitude, place.longitude) < 2


def test_every_katottg_raion_and_hromada_has_a_point():
    with gzip.open(ROOT / "gazetteer" / "districts.tsv.gz", "rt", encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        placed = {row["district_id"] for row in rows}
    units = [r for r in _katottg() if r["category"] in ("P", "H")]
    assert len(units) > 1900
    assert [u["name"] for u in units if f"katottg:{u['katottg']}" not in placed] == []


def test_cli_geocode_explains_and_fails_on_a_non_place(capsys):
    from geomap.cli import main

    assert main(["geocode", "Hrakove, Kharkiv region"]) == 0
    out = capsys.readouterr().out
    assert "Raion" in out and "Hromada" in out and "why:" in out and "alternative:" in out
    assert main(["geocode", "Houston"]) == 0
    assert "Texas" in capsys.readouterr().out
    assert main(["geocode", "Atlantis"]) == 1
    assert "not found" in capsys.readouterr().out


def test_country_after_a_comma_keeps_the_place_in_that_country():
    gaz = default_gazetteer()
    assert gaz.geocode("Bakhmut, Ukraine").raw["country"] == "UA"
    assert gaz.geocode("Pokrovsk, Russia").raw["country"] == "RU"


@pytest.mark.parametrize(("query", "geonameid"), [
    # cities500 towns whose GeoNames names are the older spellings: the KATOTTG national ones too.
    ("Staryi Merchyk, Kharkiv region", "692709"),   # GeoNames: Staryy Merchyk
    ("Vysokopillia, Kherson region", "688689"),     # GeoNames: Vysokopillya
    ("Zasillia, Mykolaiv region", "701012"),        # GeoNames: Zasillya
])
def test_national_transliteration_of_towns(query, geonameid):
    location = default_gazetteer().geocode(query)
    assert location is not None and location.raw["id"] == f"geonames:{geonameid}"


@pytest.mark.parametrize("name", ["Запорізька область", "Запорізької області", "у Запорізькій області"])
def test_zaporizhzhia_oblast_in_ukrainian(name):
    # Its adjective ends in -зька, not -ська/-цька.
    location = default_gazetteer().geocode(name.removeprefix("у "))
    assert location is not None and location.raw["id"] == "iso3166-2:UA-23"


def test_a_city_district_does_not_take_a_villages_name():
    # Donetsk's Kalynivskyi district (103,249 people) has "Kalynivka" among its alternate names;
    # the villages called Kalynivka are what "Kalynivka, Donetsk oblast" means.
    location = default_gazetteer().geocode("Kalynivka, Donetsk oblast")
    assert location.raw["kind"] == "town" and location.raw["admin2"].endswith("Raion")


def test_geonames_ye_is_also_found_in_the_national_transliteration():
    from geomap.gazetteer.names import national_spellings

    assert national_spellings(["Pobyeda", "Pobeda", "Перемога"]) == ["Pobieda"]
    # "Ye" at the start of a word, or after a vowel, is written "Ye" by both systems.
    assert national_spellings(["Yevhenivka", "Novoyehorivka"]) == []
    assert national_spellings(["Pobyeda", "Pobieda"]) == []


def test_shch_is_also_found_written_sch():
    from geomap.gazetteer.names import national_spellings

    assert national_spellings(["Shcherbynivka", "Shherbinivka"]) == ["Scherbynivka"]
    assert national_spellings(["Zaroshchens'ke", "Zaroshchenske"]) == ["Zaroschens'ke", "Zaroschenske"]
    # ACLED's "Scherbynivka, Donetsk" (July 2023): the Shcherbynivka of the Toretsk hromada.
    location = default_gazetteer().geocode("Scherbynivka, Donetsk oblast")
    assert location is not None and location.raw["admin1"] == "Donetsk Oblast"
    assert distance_km(location.latitude, location.longitude, 48.394, 37.792) < 3


def test_a_village_geonames_spells_pobyeda_is_found_as_pobieda():
    # GeoNames 9644290, "Peremoha" (Перемога) of the Marinka hromada, Donetsk oblast, formerly
    # Побєда: GeoNames' alternate names have "Pobyeda" and "Pobeda", news the national "Pobieda".
    ids = {c.place.id for c in default_gazetteer().candidates("Pobieda")}
    assert "geonames:9644290" in ids


def test_a_shelling_of_pobieda_by_marinka_lands_there():
    from geomap.pipeline import extract_text

    (event,) = extract_text("Russian artillery hit Pobieda, Donetsk region, on 3 August 2023.",
                            published="2023-08-04")
    assert distance_km(event.lat, event.lon, 47.9161, 37.4597) < 5
    assert event.namesakes  # still a guess among the oblast's Pobiedas


def test_a_section_of_a_town_no_village_shares_a_name_with_is_found_in_its_oblast():
    # GeoNames 707194, "Bairak", a section (PPLX) of Horlivka, Donetsk oblast; no village of the
    # oblast has the name (Kharkiv, Poltava and Sumy oblasts have Bairaks).
    from geomap.gazetteer.ranking import city_section
    from geomap.pipeline import extract_text

    (event,) = extract_text("Ukrainian forces fired mortars at Bairak, Donetsk oblast, on 7 June 2022.",
                            published="2022-06-08")
    assert event.place_id == "geonames:707194"
    assert event.geo_precision == "town"
    place = default_gazetteer().get(event.place_id)
    assert city_section(place)  # no raion: never a namesake a guess moves onto
    (kharkiv,) = extract_text("Russian shelling hit Bairak, Kharkiv oblast, on 7 June 2022.",
                              published="2022-06-08")
    assert kharkiv.admin1 == "Kharkiv Oblast"


def test_a_hromada_s_latin_adjective_alone_names_it_but_a_raion_s_does_not():
    g = default_gazetteer()
    found = g.resolve("Bilopilska", Context())
    assert found is not None and (found.place.name, found.place.kind) == ("Bilopillia Hromada", "district")
    # "-skyi" adjectives are the surnames of many people: a raion is named only with its noun.
    raion = g.resolve("Iziumskyi", Context())
    assert raion is None or raion.place.kind != "district"


def test_a_raion_is_found_by_its_adjective_s_stem_but_a_city_district_is_not():
    g = default_gazetteer()
    found = g.resolve("Zvenyhorod district", Context())
    assert found is not None and found.place.name == "Zvenyhorodka Raion"
    city = g.resolve("Kyiv district", Context())
    assert city is None or "Kyivskyi" not in city.place.name


# Hromadas and raions named after a seat whose stem changes in the adjective, or whose name is
# two words: the seat (and the point it is checked against) is the GeoNames row of that town in
# UA.txt (Sumy 692194, Lozova 702760, Chasiv Yar 710915, Borova 711623, Mezhova 701305,
# Seredyna-Buda 694491, Romny 695464, Lubny 702723).
@pytest.mark.parametrize(("name", "iso", "lat", "lon"), [
    ("Seredyna-Buda hromada", "UA-59", 52.18886, 34.03613),
    ("Seredyna-Buda community, Sumy region", "UA-59", 52.18886, 34.03613),
    ("Sumy hromada", "UA-59", 50.91741, 34.79906),
    ("Sumy district", "UA-59", 50.91741, 34.79906),
    ("Lozova community", "UA-63", 48.89066, 36.31412),
    ("Chasiv Yar community", "UA-14", 48.58768, 37.83409),
    ("Borova hromada, Kharkiv region", "UA-63", 49.38047, 37.61931),
    ("Mezhova community", "UA-12", 48.25418, 36.73178),
    ("Romny hromada", "UA-59", 50.74025, 33.4952),
    ("Lubny hromada", "UA-53", 50.01413, 32.99975),
])
def test_units_found_by_their_seat_when_the_adjective_changes_its_stem(name, iso, lat, lon):
    place = default_gazetteer().geocode(name)
    assert place is not None, name
    assert place.raw["kind"] == "district" and place.raw["admin1_code"] == iso, place.raw
    assert distance_km(lat, lon, place.latitude, place.longitude) < 30


def _build_ukraine():
    import importlib.util

    spec = importlib.util.spec_from_file_location("build_ukraine", ROOT / "gazetteer" / "build_ukraine.py")
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    return build


def test_seat_of_a_hromada_whose_adjective_changes_the_stem():
    seat_of = _build_ukraine().seat_of

    def rows(*names):
        return [{"name": n, "category": "C"} for n in names]
    # KATOTTG lists the centre first; its name need not begin the adjective.
    assert seat_of("Лозівська", rows("Лозова", "Краснопавлівка"), first_listed=True)["name"] == "Лозова"
    assert seat_of("Сумська", rows("Суми", "Битиця"), first_listed=True)["name"] == "Суми"
    assert seat_of("Часовоярська", rows("Часів Яр", "Богданівка"), first_listed=True)["name"] == "Часів Яр"
    # Two-word seats, hyphenated or not, begin the adjective once compounded.
    assert seat_of("Середино-Будська", rows("Василівка", "Середина-Буда"))["name"] == "Середина-Буда"
    assert seat_of("Верхньосироватська", rows("Залізняк", "Верхня Сироватка"))["name"] == "Верхня Сироватка"
    # A first-listed village of another stem is no seat (a renamed Crimean hromada keeps none).
    assert seat_of("Куйбишевська", rows("Албат", "Високе"), first_listed=True) is None


def test_of_two_hromadas_of_one_phrase_in_the_named_oblast_the_larger_is_chosen():
    # Dnipropetrovsk oblast has two Pokrovske hromadas (KATOTTG UA12140250000015858 of the
    # Synelnykove raion, seat Pokrovske, GeoNames 696720: 9,868 people; UA12080110000055958 of
    # the Nikopol raion, seat GeoNames 696721: 2,774). Named with its oblast, the larger one.
    gaz = default_gazetteer()
    place = gaz.geocode("Pokrovske territorial community, Dnipropetrovsk oblast")
    assert place.raw["id"] == "katottg:UA12140250000015858"
    assert distance_km(place.latitude, place.longitude, 47.98, 36.23) < 10
    assert place.raw["ambiguous"]   # still a guess: the other one is an alternative
    assert "katottg:UA12080110000055958" in {a["id"] for a in place.raw["alternatives"]}
    # With nothing around the phrase to weigh them by, they keep the gazetteer's order: the
    # listing of a report's communities ("Nikopol, Pokrovske and Marhanets communities") ranks
    # names without context and chooses among them by the article's places.
    assert [p.id for p in gaz.rank("Pokrovske hromada")][:2] == [
        "katottg:UA12080110000055958", "katottg:UA12140250000015858"]


# Hromadas as news names them when it is not the seat's national transliteration (KATOTTG
# codes: Sumy oblast's Khotin hromada UA59080290000021284, seat Хотінь, and Myropillia hromada
# UA59080170000056499, adjective Миропільська; Dnipropetrovsk oblast's Pokrov hromada
# UA12080090000039979, adjective Покровська; Sumy oblast's Yunakivka hromada UA59080310000049988,
# Юнаківська).
@pytest.mark.parametrize(("query", "unit"), [
    ("Khotyn hromada, Sumy region", "katottg:UA59080290000021284"),       # і written as y
    ("Khotynska community, Sumy oblast", "katottg:UA59080290000021284"),
    ("Myropil community, Sumy region", "katottg:UA59080170000056499"),    # the adjective's stem
    ("Myropil hromada, Sumy oblast", "katottg:UA59080170000056499"),
    ("Pokrovsk community, Dnipropetrovsk oblast", "katottg:UA12080090000039979"),
    ("Yunakiv territorial community", "katottg:UA59080310000049988"),
])
def test_hromadas_by_the_spellings_news_writes(query, unit):
    place = default_gazetteer().geocode(query)
    assert place is not None, query
    assert place.raw["id"] == unit, place.raw


def test_a_community_listed_by_a_spelling_with_y_is_the_sumy_one():
    from geomap.pipeline import extract_text

    text = ("Over the day the Russians shelled the border communities of Sumy oblast: Khotyn, Yunakiv "
            "and Bilopillia communities were hit.")
    ids = {e.place_id for e in extract_text(text, published="2024-05-10")}
    assert "katottg:UA59080290000021284" in ids


def test_hromada_phrases_of_the_adjective_s_stem():
    from geomap.gazetteer import district_forms

    forms = district_forms("hromada", [], ["Myropilska", "Marhanetska", "Pokrovska"], stems=True)
    assert {"Myropil community", "Marhanets hromada", "Pokrovsk community", "Pokrov hromada"} <= set(forms)
    assert "Marhanet hromada" not in forms    # ц is "ts": the stem keeps it
    assert "Myropil community" not in district_forms("hromada", [], ["Myropilska"])


# Villages of the front-line oblasts by the Russian-style spelling GeoNames lacks for them
# (UA.txt: Veselohorivka 810431, Luhansk oblast; Dolomitne 810396 and Panteleimonivka 698006,
# Donetsk oblast; Myrne 9869377, Mykolaiv oblast).
@pytest.mark.parametrize(("query", "geonameid"), [
    ("Veselogorovka, Luhansk region", "810431"),
    ("Dolomitnoye, Donetsk region", "810396"),
    ("Panteleimonovka, Donetsk oblast", "698006"),
])
def test_russian_style_spellings_of_villages(query, geonameid):
    place = default_gazetteer().geocode(query)
    assert place is not None, query
    assert place.raw["id"] == f"geonames:{geonameid}"


def test_russian_style_spellings_are_look_up_only():
    from geomap.gazetteer.names import russian_spellings
    from geomap.pipeline import extract_text

    assert russian_spellings("Veselohorivka") == ["Veselogorovka"]
    assert russian_spellings("Hrakove") == ["Grakovo", "Grakovoye"]
    assert russian_spellings("Myrne") == ["Myrnoye", "Mirnoye"]
    assert russian_spellings("Kharkiv") == []
    # A name's adjective takes its Russian form, and the rest its own Russian spellings.
    assert russian_spellings("Nova Mayachka") == ["Novaya Mayachka"]
    assert russian_spellings("Velyka Novosilka") == ["Velikaya Novosilka"]
    assert russian_spellings("Stara Vyzhivka Hora") == []
    keys = set(default_gazetteer().names())
    assert "veselogorovka" not in keys and "dolomitnoye" not in keys
    # ... found in text where its region's address follows it.
    text = "Ukrainian artillery shelled Veselogorovka, Luhansk region, on 3 March 2022."
    assert "geonames:810431" in {e.place_id for e in extract_text(text, published="2022-03-04")}


# Ukrainian "і" written "y" (UA.txt: Dolomitne 810396, Donetsk oblast, KATOTTG Доломітне; Khotin
# 706253, Sumy oblast, KATOTTG Хотінь), look-up only: found with the region beside the name.
@pytest.mark.parametrize(("query", "geonameid"), [
    ("Dolomytne, Donetsk region", "810396"),
    ("Khotyn, Sumy region", "706253"),
])
def test_villages_with_i_written_y(query, geonameid):
    place = default_gazetteer().geocode(query)
    assert place is not None, query
    assert place.raw["id"] == f"geonames:{geonameid}"


def test_i_written_y_is_look_up_only():
    from geomap.pipeline import extract_text

    assert "dolomytne" not in set(default_gazetteer().names())
    text = "DPR forces said Ukrainian artillery fired at Dolomytne, Donetsk region, overnight."
    assert "geonames:810396" in {e.place_id for e in extract_text(text, published="2022-08-04")}
    # The Chernivtsi town of Khotyn is still the bare name's meaning.
    assert default_gazetteer().geocode("Khotyn").raw["admin1_code"] == "UA-77"


def test_villages_join_the_namesake_whose_hromada_is_theirs():
    # UA.txt: Vesele 811212 lies in GeoNames' Bakhmut raion (1402), where KATOTTG's one Vesele is
    # the Soledar hromada's; Chervone 11090866 in the Lozova raion (6310), whose Chervone is the
    # Blyzniuky hromada's. The join by name used to give both to another raion's namesake.
    gaz = default_gazetteer()
    assert gaz.get("geonames:811212").admin3 == "Soledar Hromada"
    assert gaz.get("geonames:11090866").admin3 == "Blyzniuky Hromada"


def test_few_villages_lie_far_from_the_hromada_they_are_joined_to():
    # A village more than 40 km from its hromada's point (GeoNames' ADM3 point, or the mean of its
    # villages) was mostly joined to a namesake of another hromada: 847 of 26,255 before the
    # distance-aware join, 52 after (GeoNames points that are themselves off, mostly).
    def rows(name):
        with gzip.open(ROOT / "gazetteer" / name, "rt", encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    hromada = {r["district_id"][len("katottg:"):]: (float(r["lat"]), float(r["lon"]))
               for r in rows("districts.tsv.gz") if r["level"] == "hromada"}
    of = {r["katottg"]: r["hromada"] for r in _katottg()}
    joined = [r for r in rows("ua_places.tsv.gz") if r["katottg"] and not r["radius_m"]
              and of.get(r["katottg"]) in hromada]
    far = [r for r in joined
           if distance_km(float(r["lat"]), float(r["lon"]), *hromada[of[r["katottg"]]]) > 40]
    assert len(joined) > 25_000
    assert len(far) / len(joined) < 0.005, len(far)


@pytest.mark.parametrize("written, name", [
    # a hyphenated adjective with its seat's first part, as news writes it
    ("Seredyna-Budska", "Seredyna-Buda Hromada"), ("Seredyna-Budska community", "Seredyna-Buda Hromada"),
    ("Seredyno-Budska", "Seredyna-Buda Hromada"),
    # "iya" for the official "iia" (ія)
    ("Andriyashivska", "Andriiashivka Hromada"), ("Andriyashivska community", "Andriiashivka Hromada"),
])
def test_hromada_adjectives_as_news_spells_them(written, name):
    place = default_gazetteer().resolve(written, Context()).place
    assert (place.name, place.kind) == (name, "district")


def test_a_front_line_town_by_its_russian_style_spelling():
    place = default_gazetteer().resolve("Gulyaypole", Context()).place
    assert (place.name, place.admin1) == ("Hulyaypole", "UA-23")


def test_a_town_by_a_mixed_spelling_of_news():
    # "Yenakiievo": the Ukrainian "ii" with the Russian ending (aliases.tsv); GeoNames has neither.
    place = default_gazetteer().resolve("Yenakiievo", Context()).place
    assert (place.name, place.admin1) == ("Yenakiyeve", "UA-14")
