"""A name written after an adjective of the name ("Novaya", "Malaya") that the matcher did not take in."""

from __future__ import annotations

import pytest

from geomap.pipeline import extract_text


def _places(text: str) -> list[tuple[str, str]]:
    return [(e.place, e.place_id) for e in extract_text(text, published="2024-06-10")]


@pytest.mark.parametrize("text, written, place_id", [
    # Russian-style spellings of Kherson and Zaporizhzhia villages, not the bare names' namesakes
    # (a Maiachka 60 km away in the same oblast; Tokmachka in another hromada).
    ("A man was killed when shelling hit Novaya Mayachka in the Kherson region.", "Novaya Mayachka",
     "geonames:699823"),
    ("Russian shelling damaged two houses in Malaya Tokmachka.", "Malaya Tokmachka", "geonames:702153"),
    # A whole name the matcher knows is read as it was.
    ("A drone hit a house in Novaya Kakhovka.", "Novaya Kakhovka", "geonames:699839"),
])
def test_a_name_with_its_adjective_is_the_whole_names_place(text, written, place_id):
    assert _places(text) == [(written, place_id)]


def test_a_name_after_an_adjective_the_gazetteer_does_not_know_is_no_place():
    # No "Nova Mayachka" here: the bare name would be a namesake's point, not this village's.
    assert _places("Shelling hit Nova Gorodnitsa on Monday.") == []
    assert _places("Shelling hit Gorodnitsa on Monday.") != []


def test_an_adjective_matched_alone_before_a_name_that_is_no_place_is_no_place():
    # "Новый" alone is a hamlet in Primorsky Krai and "Novyi" one in Luhansk Oblast: the villages
    # meant ("Новый Путь" in the Kursk region, "Novyi Bug" as one report spells Novyi Buh) are not
    # in the gazetteer under these spellings, and no point is better than those.
    assert _places("Russian drones hit the villages of Novyi Bug and Tetkino.") == [
        ("Tetkino", "geonames:483166")]
    assert [p for p, _ in _places("Обстреляны посёлки Новый Путь и Тёткино.")] == ["Теткино"]
    # A whole name known with its adjective is still read whole.
    assert _places("Drones hit Novyi Buh overnight.") == [("Novyi Buh", "geonames:698953")]


def test_a_capitalised_word_that_is_no_adjective_leaves_the_name_alone():
    assert _places("On Monday Russian shelling hit Kupiansk.") == [("Kupiansk", "geonames:703656")]


def test_a_village_named_with_an_adjective_the_gazetteer_lacks_is_no_namesake():
    # The gazetteer lacks Mokraya Orlovka (Belgorod Oblast): the bare "Орловка" had been a
    # village of Stavropol Krai, 904 km off.
    events = extract_text("Губернатор: по сёлам Грайворонского округа били из миномётов\n\nВ селе Мокрая "
                          "Орловка снаряды легли на территории молочного комплекса, пострадавших нет.",
                          published="2024-06-24")
    assert {e.admin1 for e in events} <= {"Belgorod Oblast"}, [(e.place, e.admin1) for e in events]
