"""A strike told only by a region's office (geomap.extract.offices): the governor's region is the
place struck when the sentence names no other. Sentences written here after fresh text 1100."""

from __future__ import annotations

from geomap.extract import default_extractor
from geomap.model import Document


def _events(text: str):
    return default_extractor().extract(Document("d", text, "s", published="2025-01-15")).events


def test_a_governor_telling_damage_and_naming_no_place_gives_the_region():
    events = _events("Cherkasy Governor Ihor Taburets said on Telegram that Russian forces had attacked "
                     "overnight with drones and missiles, and that fragments of downed drones had damaged "
                     "two houses.")
    assert [(e.admin1, e.geo_precision, e.status) for e in events] == [("Cherkasy Oblast", "region", "hit")]


def test_a_mayor_is_the_city_s_office_not_the_region_s():
    events = _events("Kyiv Mayor Vitali Klitschko said on Telegram that drone fragments had damaged two "
                     "houses.")
    assert all(e.geo_precision != "region" for e in events)


def test_a_governor_telling_more_of_a_strike_in_the_region_adds_no_region_event():
    events = _events("A Ukrainian drone hit a house in Shebekino overnight. Belgorod Governor Vyacheslav "
                     "Gladkov said on Telegram that the attack had injured two people and damaged a car.")
    assert [e.place for e in events] == ["Shebekino"]


def test_a_region_s_operational_headquarters_is_its_office():
    # 1121: "The Krasnodar Region's operational headquarters said ... a civilian vessel in the port".
    events = _events("The Krasnodar Region's operational headquarters said falling drone debris had "
                     "damaged a civilian vessel in the port.")
    assert all(e.geo_precision != "region" for e in events)


def test_a_capital_keeping_up_an_assault_is_its_government_and_the_capital_struck_is_not():
    # 1116's headline: Moscow acts, Kyiv is struck.
    events = _events("Ukraine pummels Russia airbase, as Moscow continues massive drone assault on Kyiv")
    assert "Moscow" not in {e.place for e in events}
    events = _events("The Russian drone assault on Kyiv continues, and two people were killed.")
    assert [e.place for e in events] == ["Kyiv"]
