"""Hromadas as reports translated from Russian write them ("the Marganetskaya, Mirovskaya and
Pokrovskaya rural communities", fresh text 1114), and the old name of Engels that took one of them."""

from __future__ import annotations

from geomap.extract import default_extractor
from geomap.gazetteer import default_gazetteer, distance_km
from geomap.gazetteer.names import russian_hromada_adjectives
from geomap.model import Document


def _events(text: str):
    return default_extractor().extract(Document("d", text, "s", published="2024-06-01")).events


def test_russian_style_adjectives_of_a_seat():
    assert "Marganetskaya" in russian_hromada_adjectives(["Marhanets", "Марганець"])
    assert "Mirovskaya" in russian_hromada_adjectives(["Myrove"])
    assert "Pokrovskaya" in russian_hromada_adjectives(["Pokrovske"])
    assert "Kurakhovskaya" in russian_hromada_adjectives(["Kurakhove"])
    assert russian_hromada_adjectives(["Lyman"]) == []


def test_pokrovskaya_is_no_longer_engels():
    # GeoNames keeps Engels's name of before 1914 (Pokrovskaya Sloboda) as an alternate name.
    assert all(c.place.name != "Engels" for c in default_gazetteer().candidates("Pokrovskaya"))


def test_a_list_of_russian_style_rural_communities_in_the_nikopol_district():
    events = _events("Besides the district centre, the invaders also struck settlements of the "
                     "Marganetskaya, Mirovskaya and Pokrovskaya rural communities of the Nikopol "
                     "district.")
    points = {e.place_name: (e.lat, e.lon) for e in events}
    assert {"Marhanets Hromada", "Myrove Hromada", "Pokrovske Hromada"} <= set(points)
    # The Nikopol raion's Pokrovske (41 km from the Marhanets seat), not the larger one of the
    # Synelnykove raion, 121 km off.
    assert distance_km(*points["Pokrovske Hromada"], 47.66601, 34.19135) < 1
