"""Tallies and lists of the eighteenth round's fresh reporting (English 1090-1105, Cyrillic 137-152):
an inventory of weapons after a list that was "shelled", a ministry tally's "devices", a hyphenated
region in a shared-noun list, and interception verbs in quotes. Each sentence is written here after
the wording of a real report."""

from __future__ import annotations

import pytest

from geomap.extract import default_extractor
from geomap.gazetteer import distance_km
from geomap.model import Document


def _events(text: str, published: str = "2024-05-08"):
    return default_extractor().extract(Document("d", text, "s", published=published)).events


def test_a_shelled_list_followed_by_an_inventory_of_weapons_takes_none_of_them():
    # 1095: a police summary lists the towns shelled, then the day's weapons (air strikes, MLRS,
    # artillery) with none tied to a town.
    events = _events("Russian troops shelled the towns of Avdiivka, Bakhmut, Toretsk and Myrnohrad over "
                     "the day. The enemy used air strikes, Grad and Smerch launchers and artillery.")
    assert {e.place for e in events} == {"Avdiivka", "Bakhmut", "Toretsk", "Myrnohrad"}
    assert {e.strike_type for e in events} == {"unknown"}


def test_a_shelled_list_followed_by_one_weapon_keeps_it():
    events = _events("Russian troops shelled the towns of Avdiivka, Bakhmut, Toretsk and Myrnohrad over "
                     "the day. The enemy used Grad launchers and heavy artillery.")
    assert {e.strike_type for e in events} == {"artillery"}


def test_a_tallys_devices_are_drones():
    # 139: «уничтожили по девять аппаратов, над Калужской — семь» after the night's drones.
    events = _events("Над Воронежской и Смоленской областями уничтожили по девять аппаратов, над "
                     "Калужской — семь, над Орловской областью — три.", published="2025-09-29")
    assert sorted(e.admin1 for e in events) == ["Kaluga Oblast", "Oryol Oblast", "Smolensk Oblast",
                                                 "Voronezh Oblast"]
    assert {(e.strike_type, e.status) for e in events} == {("drone", "intercepted")}


@pytest.mark.parametrize("text", [
    # 152: Ukrenergo's five oblasts, one of them hyphenated.
    "Росіяни завдали удару по об'єктах енергетики у Вінницькій, Запорізькій, Івано-Франківській, "
    "Кіровоградській і Полтавській областях.",
    "Россияне ударили по объектам энергетики в Винницкой, Ивано-Франковской и Полтавской областях.",
])
def test_a_hyphenated_region_in_a_shared_noun_list(text):
    regions = {e.admin1 for e in _events(text)}
    assert "Ivano-Frankivsk Oblast" in regions and "Vinnytsia Oblast" in regions


def test_interception_verbs_in_quotes_are_a_tally():
    # 1098: the ministry's words quoted; "destroyed" inside them is no damage.
    events = _events('According to the ministry, 27 drones in all were "intercepted and destroyed" '
                     "overnight, including 15 over the Belgorod region and two over the Kursk region.")
    assert sorted(e.admin1 for e in events) == ["Belgorod Oblast", "Kursk Oblast"]
    assert {e.status for e in events} == {"intercepted"}


@pytest.mark.parametrize(("text", "published", "place", "point"), [
    # 137: the post names the Volokonovsky district first, then its villages one by one; Borisovka
    # is also a town 130 km west, the seat of another raion.
    ("Украинские военные ударили по населенным пунктам Волоконовского района Белгородской области. "
     "Еще один FPV-дрон атаковал село Борисовка: там повреждена линия электропередачи.",
     "2025-06-01", "Борисовка", (50.355, 37.6294)),
    # 1014: a sentence naming its own district is left to it: Kamianka of the Izium district, not
    # the Kamianka of the Kupiansk district named before.
    ("In the Kupiansk district a private house was damaged in Kupiansk and a car in Osynovo. Power "
     "lines were hit in Shebelynka in the Izium district, and an excavator was damaged in Kamianka.",
     "2024-06-01", "Kamianka", (49.12387, 37.29499)),
])
def test_a_village_takes_the_namesake_of_the_raion_named_for_it(text, published, place, point):
    (event,) = [e for e in _events(text, published=published) if e.place == place]
    assert distance_km(event.lat, event.lon, *point) < 1


@pytest.mark.parametrize(("text", "regions"), [
    # 1105: the raions by their adjective alone, after a colon.
    ("On October 5, the authorities reported a Ukrainian drone attack on infrastructure facilities in "
     "three districts of the Kursk region: Sudzhansky, Korenevsky and Glushkovsky.", {"Kursk Oblast"}),
    ("Shelling hit three districts: Shebekinsky, Valuysky and Grayvoronsky.", {"Belgorod Oblast"}),
])
def test_raions_listed_after_a_plural_noun(text, regions):
    events = _events(text, published="2023-10-05")
    assert len(events) == 3
    assert {e.geo_precision for e in events} == {"district"} and {e.admin1 for e in events} == regions
