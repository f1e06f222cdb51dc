"""Villages of the Russian border regions from GeoNames' postal codes (gazetteer/ru_places.tsv.gz).

The build is checked on lines written here in the postal export's layout; the committed table and
what geocoding and reading make of it are checked on the real file.
"""

from __future__ import annotations

import csv
import gzip
import sys
from pathlib import Path

import pytest
from shapely.geometry import box

from geomap.extract import default_extractor
from geomap.gazetteer import default_gazetteer, distance_km
from geomap.model import Document

GAZ = Path(__file__).resolve().parents[1] / "gazetteer"
sys.path.insert(0, str(GAZ))
import build_ru_villages  # noqa: E402

SEAT = {"district_id": "geonames:1", "name": "Glushkovo Raion", "lat": "51.34", "lon": "34.64"}
RAIONS = {("RU-KRS", "глушковский"): SEAT}
OUTLINES = {"RU-KRS": box(33.0, 50.5, 38.0, 53.0)}


def _line(code: str, name: str, lat: float, lon: float, accuracy: str = "4",
          region: str = "Курская Область", raion: str = "ГЛУШКОВСКИЙ РАЙОН") -> str:
    return "\t".join(["RU", code, name, region, "", raion, "", "", "", str(lat), str(lon), accuracy]) + "\n"


def _build(lines: list[str], known: dict | None = None) -> tuple[list[list[str]], dict[str, int]]:
    return build_ru_villages.villages(lines, RAIONS, known or {}, OUTLINES)


def test_a_village_of_a_known_raion_is_kept_with_its_raion_and_latin_names() -> None:
    rows, dropped = _build([_line("307470", "Званное", 51.3783, 34.5486)])
    assert dropped == {}
    assert rows == [["geonames-postal:RU:307470", "Званное", "51.37830", "34.54860", "RU-KRS",
                     "Glushkovo Raion", "Zvannoye|Zvannoe"]]


@pytest.mark.parametrize(("line", "reason"), [
    (_line("1", "Званное", 51.3783, 34.5486, accuracy="1"), "point estimated"),
    (_line("2", "Курск 12", 51.73, 36.19), "not a plain name"),
    (_line("3", "Званное", 51.3783, 34.5486, raion="ЛЬГОВСКИЙ РАЙОН"), "no raion of ru_districts"),
    # Belgorod Oblast's Dubovoye, given a point in the Urals.
    (_line("4", "Званное", 57.66, 57.18), "far from its raion's seat"),
    (_line("5", "Званное", 51.34, 34.30), "outside its region"),
])
def test_a_doubtful_row_is_left_out(line: str, reason: str) -> None:
    OUTLINES["RU-KRS"] = box(34.4, 50.5, 38.0, 53.0)
    try:
        rows, dropped = _build([line])
    finally:
        OUTLINES["RU-KRS"] = box(33.0, 50.5, 38.0, 53.0)
    assert rows == [] and dropped == {reason: 1}


def test_a_point_two_localities_share_is_left_out_and_twins_are_one() -> None:
    rows, dropped = _build([
        _line("1", "Стрелецкое", 51.2233, 36.297 - 1.5),
        _line("2", "Тёткино", 51.2233, 36.297 - 1.5),
        _line("3", "Званное", 51.3783, 34.5486),
        _line("4", "Званное", 51.3790, 34.5490),
    ])
    assert [row[0] for row in rows] == ["geonames-postal:RU:3"]
    assert dropped == {"a point of several localities": 2, "another post office of the place": 1}


def test_a_village_cities500_has_is_not_added_again() -> None:
    rows, dropped = _build([_line("1", "Тёткино", 51.2789, 34.285)],
                           known={"теткино": [(51.28128, 34.29382)]})
    assert rows == [] and dropped == {"in places.tsv.gz": 1}


def test_latin_names_bgn_and_plain() -> None:
    assert build_ru_villages.latin_names("Дубовое") == ["Dubovoye", "Dubovoe"]
    assert build_ru_villages.latin_names("Тёткино") == ["Tyotkino", "Tetkino"]
    assert build_ru_villages.latin_names("Крутой Лог") == ["Krutoy Log"]


def _committed() -> list[dict[str, str]]:
    with gzip.open(GAZ / "ru_places.tsv.gz", "rt", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def test_committed_table_lies_in_its_raions() -> None:
    rows = _committed()
    assert len(rows) > 2000
    seats = {}
    with gzip.open(GAZ / "ru_districts.tsv.gz", "rt", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            seats[(row["admin1"], row["name"])] = (float(row["lat"]), float(row["lon"]))
    ids = set()
    for row in rows:
        seat = seats[(row["admin1"], row["admin2"])]
        assert distance_km(float(row["lat"]), float(row["lon"]), *seat) <= build_ru_villages.MAX_SEAT_KM
        assert row["place_id"] not in ids
        ids.add(row["place_id"])


def test_geocoding_a_village_of_a_named_raion() -> None:
    """Zvannoye of the Glushkovo district was read as the raion (its seat 7 km off)."""
    gazetteer = default_gazetteer()
    place = gazetteer.geocode("Zvannoye, Kursk Oblast")
    assert place is not None and place.raw["id"] == "geonames-postal:RU:307470"
    assert place.raw["admin2"] == "Glushkovo Raion"


@pytest.mark.parametrize(("text", "name", "point"), [
    ("Еще одна атака пришлась на село Званное Глушковского района: легко ранен мужчина.",
     "Званное", (51.3783, 34.5486)),
    ("A Ukrainian drone hit a house in the village of Zvannoye in the Glushkovo district.",
     "Zvannoye", (51.3783, 34.5486)),
    # Cyrillic text 122: not in the gazetteer before, and so no point at all.
    ("В селе Мокрая Орловка Грайворонского округа дрон атаковал молочную ферму.",
     "Мокрая Орловка", (50.5119, 35.5108)),
])
def test_reading_puts_the_village_at_its_point(text: str, name: str, point: tuple[float, float]) -> None:
    reading = default_extractor().extract(Document("d", text, "s", published="2025-08-14"))
    places = [(e.place, e.lat, e.lon) for e in reading.events]
    assert len(places) == 1 and places[0][0] == name
    assert distance_km(places[0][1], places[0][2], *point) < 1.0
