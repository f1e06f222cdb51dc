"""Raions of the Russian border regions and districts of Ukrainian cities, as reports name them.

Expected regions come from the administrative lists (OKTMO for Russia, KATOTTG
for Ukraine) and expected points from the seat towns' GeoNames coordinates
(Russian raions) or the district's place on the OpenStreetMap map (city
districts), never from the geocoder's own output; each answer must lie within
the tolerance of that point and in that region, at district precision.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from geomap.gazetteer import default_gazetteer, distance_km
from geomap.pipeline import extract_text

GAZ_DIR = Path(__file__).resolve().parents[1] / "gazetteer"

# name as written, expected ISO 3166-2 region, expected point (lat, lon), tolerance km.
CASES = [
    # Rostov governor's posts (tests/real/dev): seats Millerovo, Kashary, Tarasovsky,
    # Milyutinskaya, Glubokiy (Kamensky raion), Krasny Sulin.
    ("Millerovsky district", "RU-ROS", (48.922, 40.398), 10),
    ("Millerovskiy district", "RU-ROS", (48.922, 40.398), 10),
    ("Millerovo district", "RU-ROS", (48.922, 40.398), 10),
    ("Миллеровский район", "RU-ROS", (48.922, 40.398), 10),
    ("Миллеровском районе", "RU-ROS", (48.922, 40.398), 10),
    ("Kasharsky district", "RU-ROS", (49.039, 41.004), 10),
    ("Кашарского района", "RU-ROS", (49.039, 41.004), 10),
    ("Tarasovsky district", "RU-ROS", (48.726, 40.364), 10),
    ("Milyutinsky district", "RU-ROS", (48.628, 41.669), 10),
    ("Kamensky district, Rostov region", "RU-ROS", (48.524, 40.326), 10),
    ("Krasnosulinsky district", "RU-ROS", (47.892, 40.072), 10),
    ("Verkhnedonskoy district", "RU-ROS", (49.794, 41.139), 10),   # seat Kazanskaya
    ("Sholokhovsky district", "RU-ROS", (49.629, 41.725), 10),     # seat Vyoshenskaya
    ("Myasnikovsky district", "RU-ROS", (47.283, 39.502), 10),     # seat Chaltyr
    ("Sudzhansky district", "RU-KRS", (51.190, 35.271), 10),
    ("Glushkovsky district", "RU-KRS", (51.341, 34.640), 10),
    ("Belgorodsky district", "RU-BEL", (50.519, 36.467), 10),      # seat Maysky, not Belgorod
    ("Graivoronsky district", "RU-BEL", (50.479, 35.677), 10),
    ("Шебекинского городского округа", "RU-BEL", (50.407, 36.897), 12),
    ("Brasovsky district", "RU-BRY", (52.559, 34.570), 10),        # seat Lokot
    ("Klimovsky district", "RU-BRY", (52.378, 32.190), 10),
    ("Tuapsinsky district", "RU-KDA", (44.100, 39.083), 10),
    ("Kushchevsky district", "RU-KDA", (46.559, 39.632), 10),
    ("Yeletsky district", "RU-LIP", (52.624, 38.503), 10),
    ("Kimovsky district", "RU-TUL", (53.970, 38.538), 10),
    ("Lyudinovsky district", "RU-KLU", (53.868, 34.447), 10),
    ("Roslavlsky district", "RU-SMO", (53.951, 32.856), 10),
    ("Livensky district", "RU-ORL", (52.423, 37.607), 10),
    # City districts of Ukrainian cities (KATOTTG category B), near the middle of each district.
    ("Darnytskyi district", "UA-30", (50.41, 30.67), 8),
    ("Darnytsia district", "UA-30", (50.41, 30.67), 8),
    ("Дарницький район", "UA-30", (50.41, 30.67), 8),
    ("Дарницкий район", "UA-30", (50.41, 30.67), 8),
    ("Дарницькому районі", "UA-30", (50.41, 30.67), 8),
    ("Nemyshlianskyi district", "UA-63", (49.97, 36.34), 8),
    ("Kholodnohirskyi district", "UA-63", (49.99, 36.18), 8),
    ("Osnovianskyi district", "UA-63", (49.94, 36.24), 8),
    ("Kyivskyi district, Kharkiv", "UA-63", (50.03, 36.29), 8),
    ("Київський район, Харків", "UA-63", (50.03, 36.29), 8),
    ("Kyivskyi district, Odesa", "UA-51", (46.41, 30.72), 10),
    ("Sykhivskyi district", "UA-46", (49.80, 24.05), 8),
    ("Khortytskyi district", "UA-23", (47.82, 35.04), 10),
    ("Saksahanskyi district", "UA-12", (47.94, 33.42), 10),
    ("Korabelnyi district, Kherson", "UA-65", (46.65, 32.57), 12),
]


@pytest.fixture(scope="module")
def gaz():
    return default_gazetteer()


@pytest.mark.parametrize(("name", "region", "point", "km"), CASES, ids=[c[0] for c in CASES])
def test_district_resolves_in_its_region_near_its_point(gaz, name, region, point, km):
    location = gaz.geocode(name)
    assert location is not None, name
    raw = location.raw
    assert raw["admin1_code"] == region, (name, raw["id"], raw["admin1_code"])
    assert raw["precision"] == "district", (name, raw["id"], raw["precision"])
    assert distance_km(location.latitude, location.longitude, *point) <= km, (name, raw["id"])


def test_a_city_district_yields_to_the_oblast_raion_of_the_same_phrase(gaz):
    # Kryvyi Rih has a Pokrovskyi district; "Pokrovskyi district" alone is Donetsk Oblast's raion.
    assert gaz.geocode("Pokrovskyi district").raw["admin1_code"] == "UA-14"
    in_kryvyi_rih = gaz.geocode("Pokrovskyi district, Dnipropetrovsk region")
    assert in_kryvyi_rih.raw["id"].startswith("citydistrict:UA1206")


def test_every_raion_of_the_table_is_placed_in_its_region(gaz):
    """Each raion of ru_raions.tsv (the OKTMO list) is found as "<adjective> district" in its region."""
    with (GAZ_DIR / "ru_raions.tsv").open(encoding="utf-8") as handle:
        table = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    assert len(table) >= 300
    with (GAZ_DIR / "regions.tsv").open(encoding="utf-8") as handle:
        names = {r["iso"]: r["name"] for r in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)}
    missing = []
    for row in table:
        location = gaz.geocode(f"{row['raion']} район, {names[row['admin1']]}")
        raw = location.raw if location else {}
        if raw.get("admin1_code") != row["admin1"] or raw.get("precision") != "district":
            missing.append(row["raion"])
    # Ulyanovo, the seat of Kaluga Oblast's Ulyanovsky raion, is not in GeoNames cities500.
    assert missing == ["Ульяновский"], missing


def test_a_city_s_district_named_with_its_possessive_is_never_another_city_s():
    # Kherson and Mykolaiv both have a Korabelnyi district; the gazetteer knows Mykolaiv's. "Kherson's
    # Korabelnyi district" is Kherson's: no point 60 km away in Mykolaiv.
    events = extract_text("Russian forces struck Kherson's Korabelnyi district with artillery on 6 May "
                          "2024, wounding a man.", published="2024-05-06")
    assert {e.admin1 for e in events} == {"Kherson Oblast"}, [(e.place, e.place_name) for e in events]


@pytest.mark.parametrize("text, city, near_km", [
    # Not Dnipro Raion (Dnipropetrovsk Oblast, 280 km off): a part of Kherson the gazetteer does not
    # know by that name, drawn at the city.
    ("Russian forces shelled Kherson on Tuesday. The strikes hit the Dnipro district of the city, "
     "damaging two houses.", "Kherson", 1.0),
    # Not Dnipro's Shevchenkivskyi district (400 km off): Kyiv's.
    ("Drones attacked Kyiv overnight. In the Shevchenkivskyi district of the city, a balcony caught fire.",
     "Kyiv", 15.0),
    # Not Mykolaiv's Korabelnyi district: Kherson's.
    ("Shelling hit Kherson. In the Korabelnyi district of the city a man was wounded.", "Kherson", 15.0),
])
def test_a_district_of_the_city_lies_in_the_city_the_report_named(text, city, near_km):
    from geomap.gazetteer import distance_km
    from geomap.pipeline import extract_text

    events = extract_text(text, published="2024-09-29")
    centre = next(e for e in events if e.place == city)
    # (The district's event may be folded into the city's: then the city's is the only one.)
    assert all(distance_km(e.lat, e.lon, centre.lat, centre.lon) <= near_km for e in events), \
        [(e.place, e.admin1) for e in events]
