"""Raions a Russian or Ukrainian report names by the noun they share: a list of adjectives before
one raion noun in the singular, and raions named by their adjective alone after one named with
the noun. Each adjective was read as a namesake town or not at all before."""

from __future__ import annotations

import pytest

from geomap.pipeline import extract_text


def _raions(text: str) -> dict[str, tuple[str, str]]:
    return {e.place_name: (e.admin1, e.geo_precision) for e in extract_text(text, published="2025-08-21")}


@pytest.mark.parametrize("text", [
    # the locative singular, the last adjective matched whole with the noun
    "Ночью силы ПВО отразили атаку беспилотников в Каменском, Миллеровском и Чертковском районе, "
    "сообщил губернатор Ростовской области.",
    # the instrumental, and the plural locative of Russian
    "Ночью ПВО сбила беспилотники над Каменским, Миллеровским и Чертковским районом, "
    "сообщил губернатор Ростовской области.",
    "Ночью ПВО сбила беспилотники в Каменском, Миллеровском и Чертковском районах, "
    "сообщил губернатор Ростовской области.",
])
def test_adjectives_before_one_raion_noun_are_raions(text):
    raions = _raions(text)
    assert raions == {"Kamenskiy Raion": ("Rostov Oblast", "district"),
                      "Millerovo Raion": ("Rostov Oblast", "district"),
                      "Chertkovo Raion": ("Rostov Oblast", "district")}, raions


def test_a_town_at_the_head_of_such_a_list_stays_a_town():
    # "Шолоховском" alone is also the locative of the settlement Sholokhovskiy, 158 km from the raion.
    raions = _raions("Ночью силы ПВО отразили атаку дронов в Новошахтинске, Шолоховском и Тарасовском "
                     "районе, сообщил губернатор Ростовской области.")
    assert raions == {"Novoshakhtinsk": ("Rostov Oblast", "town"),
                      "Sholokhovskiy Raion": ("Rostov Oblast", "district"),
                      "Tarasovskiy Raion": ("Rostov Oblast", "district")}, raions


def test_adjectives_before_an_accusative_raion_noun():
    raions = _raions("Утром беспилотники атаковали Белгородский и Шебекинский район, сообщил губернатор.")
    assert raions == {"Belgorodskiy Raion": ("Belgorod Oblast", "district"),
                      "Shebekino Raion": ("Belgorod Oblast", "district")}, raions


def test_raions_named_by_their_adjective_alone_after_one_with_the_noun():
    # "Богодухівському" alone was the settlement Bohodukhivskyi of Donetsk Oblast, 298 km off.
    raions = _raions("За минулу добу ворог обстріляв область: у Харківському районі пошкоджено склад, "
                     "у Богодухівському – приватний будинок, у Куп'янському – автомобіль.")
    assert raions == {"Kharkiv Raion": ("Kharkiv Oblast", "district"),
                      "Bohodukhiv Raion": ("Kharkiv Oblast", "district"),
                      "Kupiansk Raion": ("Kharkiv Oblast", "district")}, raions


def test_a_russian_raion_by_its_adjective_alone():
    raions = _raions("В Рыльском районе от удара дрона повреждены два дома, в Глушковском – линия "
                     "электропередачи, сообщил губернатор Курской области.")
    assert raions == {"Ryl’sk Raion": ("Kursk Oblast", "district"),
                      "Glushkovo Raion": ("Kursk Oblast", "district")}, raions



def test_adjectives_before_the_genitive_plural():
    # "Богодухівського" alone had been read as the Donetsk Oblast settlement, as above.
    raions = _raions("Минулої доби ворог обстріляв населені пункти Чугуївського, Куп'янського та "
                     "Богодухівського районів, повідомили в поліції.")
    assert raions == {"Chuhuiv Raion": ("Kharkiv Oblast", "district"),
                      "Kupiansk Raion": ("Kharkiv Oblast", "district"),
                      "Bohodukhiv Raion": ("Kharkiv Oblast", "district")}, raions

