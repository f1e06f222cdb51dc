#!/usr/bin/env python3
"""Build ``ru_places.tsv.gz``: villages of the Russian border regions that cities500 lacks.

GeoNames' ``cities500`` (``places.tsv.gz``) keeps a Russian village only when GeoNames gives it
500 people or more, and most Russian villages have no population in GeoNames at all: Dubovoye
and Streletskoye by Belgorod, or the Glushkovo district's Popovo-Lezhachi, are not in it, though
governors' posts name them daily. The GeoNames postal-code export for Russia (``RU.txt`` of
``https://download.geonames.org/export/zip/RU.zip``, CC BY 4.0; the copy used here is the
2016 export kept in the public repository Yoshuwa/Geo-Cities-Databases-By-Geonames) lists
every post office's locality with its region, its raion and a point. Kept here, for the
regions ``ru_districts.tsv.gz`` covers:

* rows whose point GeoNames took from a populated place of its own (accuracy 4; estimated
  points, accuracy 1, are left out), named by letters only (not "Курск 12");
* in a raion of ``ru_districts.tsv.gz`` (matched by its adjective), within ``MAX_SEAT_KM`` of
  that raion's seat and within ``REGION_MARGIN_DEG`` of the region's outline
  (``regions.geojson``), and at a point no row of another name or region has: GeoNames joins
  some post offices to a namesake elsewhere (Belgorod Oblast's Streletskoye stands at Kursk
  Oblast's), and these tests drop such points;
* not already in ``places.tsv.gz`` (a town of that name, any of its names, within
  ``KNOWN_KM``), and one row for the post offices of one locality.

Each row gets the raion's name as its ``admin2`` (as ``ru_districts.tsv.gz`` names it, so that
"the village of X in the Y district" joins the two), and the Latin spellings news writes:
BGN/PCGN as GeoNames and most wires do (Dubovoye, Tyotkino) and the plain ones (Dubovoe,
Tetkino).

Run: ``python gazetteer/build_ru_villages.py PATH/RU.txt``
"""

from __future__ import annotations

import csv
import gzip
import json
import re
import sys
from pathlib import Path

from shapely.geometry import Point, shape

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))
from build_russia import to_latin  # noqa: E402
from build_ukraine import _join, _write, fold  # noqa: E402

from geomap.gazetteer import distance_km  # noqa: E402

#: The postal export's region names -> ISO 3166-2, for the regions ru_districts.tsv.gz covers.
REGIONS = {
    "Белгородская Область": "RU-BEL", "Брянская Область": "RU-BRY", "Курская Область": "RU-KRS",
    "Воронежская Область": "RU-VOR", "Ростовская Область": "RU-ROS", "Краснодарский Край": "RU-KDA",
    "Орловская Область": "RU-ORL", "Липецкая Область": "RU-LIP", "Тульская Область": "RU-TUL",
    "Калужская Область": "RU-KLU", "Смоленская Область": "RU-SMO",
}
#: A locality farther than this from its raion's seat is taken for a namesake GeoNames joined
#: by mistake. Checked on the 635 rows whose name one cities500 village of the region has:
#: 531 stand within 10 km of it; of those that do not, 23 pass this test and the others, and
#: some of these are the region's other namesakes, not errors. 60 km keeps 18 more right rows
#: and 4 more doubtful ones.
MAX_SEAT_KM = 35.0
#: The regions' outlines are approximate (Voronoi cells): a margin of about 10 km.
REGION_MARGIN_DEG = 0.1
#: A cities500 town of the same name this near is the same place.
KNOWN_KM = 10.0
#: Two post offices of one name and raion this near are one locality.
SAME_KM = 5.0
COLUMNS = ["place_id", "name", "lat", "lon", "admin1", "admin2", "altnames"]
_RAION = re.compile(r"^(?P<adjective>\S+) РАЙОН$")


def latin_names(name: str) -> list[str]:
    """BGN/PCGN and plain Latin spellings of a Russian village name.

    Дубовое -> Dubovoye, Dubovoe; Тёткино -> Tyotkino, Tetkino; Крутой Лог -> Krutoy Log.
    """
    words = name.split(" ")
    forms = [" ".join(to_latin(w, yo) for w in words) for yo in ("yo", "e")]
    # е after a vowel is also written "e" (Dubovoe), as in latin_adjectives.
    forms += [re.sub(r"(?<=[aeiou])ye", "e", f) for f in forms]
    return list(dict.fromkeys(forms))


def _known_towns() -> dict[str, list[tuple[float, float]]]:
    """Every name (folded) of the RU towns of places.tsv.gz -> their points."""
    known: dict[str, list[tuple[float, float]]] = {}
    with gzip.open(HERE / "places.tsv.gz", "rt", encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            if row["country"] != "RU":
                continue
            point = (float(row["lat"]), float(row["lon"]))
            for name in [row["name"], *row["altnames"].split("|")]:
                if name:
                    known.setdefault(fold(name), []).append(point)
    return known


def _raions() -> dict[tuple[str, str], dict[str, str]]:
    """(ISO region, folded Russian adjective) -> the raion's row of ru_districts.tsv.gz."""
    raions: dict[tuple[str, str], dict[str, str]] = {}
    with gzip.open(HERE / "ru_districts.tsv.gz", "rt", encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            for adjective in row["adjectives"].split("|"):
                if adjective and not adjective.isascii():
                    raions[(row["admin1"], fold(adjective))] = row
    return raions


def _outlines() -> dict[str, object]:
    """ISO region -> its outline of regions.geojson, widened by the margin."""
    with open(HERE / "regions.geojson", encoding="utf-8") as handle:
        features = json.load(handle)["features"]
    return {f["properties"]["iso"]: shape(f["geometry"]).buffer(REGION_MARGIN_DEG)
            for f in features if f["properties"]["iso"] in REGIONS.values()}


def villages(lines: list[str], raions: dict[tuple[str, str], dict[str, str]],
             known: dict[str, list[tuple[float, float]]],
             outlines: dict[str, object]) -> tuple[list[list[str]], dict[str, int]]:
    """The rows of ru_places.tsv.gz made from the postal export's lines, and why others left."""
    cells_of = [line.rstrip("\n").split("\t") for line in lines]
    # A point given to localities of other names or regions is a join gone wrong.
    owners: dict[tuple[str, str], set[tuple[str, str]]] = {}
    for cells in cells_of:
        if len(cells) >= 12 and cells[3] in REGIONS:
            owners.setdefault((cells[9], cells[10]), set()).add((cells[3], fold(cells[2])))
    rows: list[list[str]] = []
    kept: dict[tuple[str, str], list[tuple[float, float]]] = {}
    dropped: dict[str, int] = {}

    def drop(reason: str) -> None:
        dropped[reason] = dropped.get(reason, 0) + 1

    for cells in cells_of:
        if len(cells) < 12 or cells[3] not in REGIONS:
            continue
        code, name, region, raion_text, accuracy = cells[1], cells[2].strip(), REGIONS[cells[3]], \
            cells[5].strip(), cells[11].strip()
        if accuracy != "4":
            drop("point estimated")
            continue
        if not re.fullmatch(r"[А-ЯЁ][а-яё]+(?:[ -][А-ЯЁа-яё][а-яё]+)*", name):
            drop("not a plain name")
            continue
        found = _RAION.match(raion_text)
        raion = raions.get((region, fold(found["adjective"]))) if found else None
        if raion is None:
            drop("no raion of ru_districts")
            continue
        point = (float(cells[9]), float(cells[10]))
        if distance_km(*point, float(raion["lat"]), float(raion["lon"])) > MAX_SEAT_KM:
            drop("far from its raion's seat")
            continue
        if not outlines[region].contains(Point(point[1], point[0])):
            drop("outside its region")
            continue
        if len(owners[(cells[9], cells[10])]) > 1:
            drop("a point of several localities")
            continue
        if any(distance_km(*point, *other) <= KNOWN_KM for other in known.get(fold(name), ())):
            drop("in places.tsv.gz")
            continue
        twins = kept.setdefault((fold(name), raion["district_id"]), [])
        if any(distance_km(*point, *other) <= SAME_KM for other in twins):
            drop("another post office of the place")
            continue
        twins.append(point)
        rows.append([f"geonames-postal:RU:{code}", name, f"{point[0]:.5f}", f"{point[1]:.5f}", region,
                     raion["name"], _join([n for n in latin_names(name) if n != name])])
    rows.sort(key=lambda row: (row[4], row[5], row[1], row[0]))
    return rows, dropped


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    with open(args[0], encoding="utf-8") as handle:
        lines = handle.readlines()
    rows, dropped = villages(lines, _raions(), _known_towns(), _outlines())
    _write(HERE / "ru_places.tsv.gz", COLUMNS, rows)
    counts: dict[str, int] = {}
    for row in rows:
        counts[row[4]] = counts.get(row[4], 0) + 1
    print("ru_places: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    print("left out: " + ", ".join(f"{why} {n}" for why, n in sorted(dropped.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
