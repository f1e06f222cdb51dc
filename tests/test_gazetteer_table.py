"""The gazetteer against a table of names as analysts read them (tests/data/gazetteer_table.tsv).

Each row: a name; what it must resolve to (a place id, ``-`` for "must not
resolve", or empty for "whatever lies at the point"); the expected point and how
far from it the answer may lie (10 km for towns and regions, the facility's own
radius for facilities). The table holds every trap of war-news naming:
transliteration variants (Kyiv/Kiev, -sky/-skiy/-skii/-skyi), Russian and
Ukrainian case forms (Рязани, Києві, Белгородской области), region forms,
informal regions, every facility by name and by alias, and common English words
that are also the names of towns somewhere ("Most", "Police") and must not be
geocoded.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from geomap.gazetteer import default_gazetteer, distance_km

TABLE = Path(__file__).resolve().parent / "data" / "gazetteer_table.tsv"


def _rows() -> list[dict[str, str]]:
    with TABLE.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


ROWS = _rows()


@pytest.fixture(scope="module")
def gaz():
    return default_gazetteer()


def test_table_is_big_and_covers_every_facility():
    assert len(ROWS) >= 200
    facility_ids = {
        row["facility_id"]
        for row in csv.DictReader(
            (Path(__file__).resolve().parents[1] / "gazetteer" / "facilities.tsv").open(encoding="utf-8"),
            delimiter="\t", quoting=csv.QUOTE_NONE,
        )
    }
    named = {r["expect"] for r in ROWS if r["note"] == "facility by name"}
    by_alias = {r["expect"] for r in ROWS if r["note"] == "facility by alias"}
    assert facility_ids == named
    assert facility_ids == by_alias
    assert sum(1 for r in ROWS if r["expect"] == "-") >= 10


@pytest.mark.parametrize("row", ROWS, ids=[f"{i}-{r['name']}" for i, r in enumerate(ROWS)])
def test_name_resolves_as_the_table_says(gaz, row):
    location = gaz.geocode(row["name"])
    if row["expect"] == "-":
        assert location is None, (row["name"], location and location.raw["id"])
        return
    assert location is not None, row["name"]
    if row["expect"]:
        assert location.raw["id"] == row["expect"], (row["name"], location.raw["id"], location.raw["name"])
    off = distance_km(float(row["lat"]), float(row["lon"]), location.latitude, location.longitude)
    assert off <= float(row["km"]), (row["name"], location.raw["name"], round(off, 1))
