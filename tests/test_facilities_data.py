"""Checks on the curated facility table, gazetteer/facilities.tsv.

These tests read only the committed TSV (csv module, no project code), so they
guard the data itself: format, vocabularies, plausible coordinates, and the
presence of the facilities the seed news names.
"""

import csv
import re
from collections import Counter
from pathlib import Path

import pytest

TSV = Path(__file__).resolve().parent.parent / "gazetteer" / "facilities.tsv"

HEADER = [
    "facility_id",
    "name",
    "target_type",
    "lat",
    "lon",
    "radius_m",
    "admin1",
    "country",
    "town",
    "aliases",
    "source",
    "checked",
]

TARGET_TYPES = {
    "refinery",
    "oil_depot",
    "pumping_station",
    "gas_facility",
    "power_plant",
    "substation",
    "energy_other",
    "factory",
    "military",
    "airfield",
    "port",
    "railway",
}

# Rough boxes, (lat_min, lat_max, lon_min, lon_max); generous on purpose.
COUNTRY_BOX = {
    "RU": (41.0, 82.0, 19.0, 180.0),
    "UA": (44.0, 53.0, 22.0, 41.0),
    "BY": (51.0, 56.5, 23.0, 33.0),
}

GENERIC_WORDS = {
    "refinery",
    "plant",
    "depot",
    "airfield",
    "port",
    "oil depot",
    "air base",
    "airbase",
    "terminal",
    "factory",
    "station",
    "нпз",
    "нефтебаза",
    "аэродром",
    "аеродром",
    "завод",
    "порт",
    "нафтобаза",
}

SEED_IDS = {
    "facility:ryazan-refinery",
    "facility:kirishi-refinery",
    "facility:kavkazskaya-oil-depot",
    "facility:kremniy-el",
    "facility:bryansk-chemical-plant",
    "facility:kombinat-kristal",
}

COORD = re.compile(r"^-?\d{1,3}\.\d{4,5}$")
ADMIN1 = re.compile(r"^(RU|UA|BY)-[A-Z0-9]{2,3}$")


def _read():
    with TSV.open(encoding="utf-8", newline="") as f:
        reader = csv.reader(f, delimiter="\t")
        header = next(reader)
        rows = [r for r in reader if r]
    return header, rows


HEADER_READ, ROWS = _read()
RECORDS = [dict(zip(HEADER, r, strict=False)) for r in ROWS]


def _ids(records):
    return [r["facility_id"] for r in records]


def test_header_is_exact():
    assert HEADER_READ == HEADER


def test_every_row_has_twelve_fields():
    bad = [r[0] for r in ROWS if len(r) != len(HEADER)]
    assert not bad, bad


def test_no_cell_has_stray_whitespace():
    for rec in RECORDS:
        for key, value in rec.items():
            assert value == value.strip(), (rec["facility_id"], key)


def test_ids_unique_and_prefixed():
    ids = _ids(RECORDS)
    dupes = [i for i, n in Counter(ids).items() if n > 1]
    assert not dupes, dupes
    for fid in ids:
        assert re.fullmatch(r"facility:[a-z0-9]+(-[a-z0-9]+)*", fid), fid


def test_target_type_in_vocabulary():
    for rec in RECORDS:
        assert rec["target_type"] in TARGET_TYPES, rec["facility_id"]


def test_name_and_town_present():
    for rec in RECORDS:
        assert rec["name"], rec["facility_id"]
        assert rec["town"], rec["facility_id"]


@pytest.mark.parametrize("rec", RECORDS, ids=_ids(RECORDS))
def test_coordinates_in_range_and_country_box(rec):
    assert COORD.match(rec["lat"]), rec["lat"]
    assert COORD.match(rec["lon"]), rec["lon"]
    lat, lon = float(rec["lat"]), float(rec["lon"])
    assert -90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0
    assert rec["country"] in COUNTRY_BOX, rec["country"]
    lat0, lat1, lon0, lon1 = COUNTRY_BOX[rec["country"]]
    assert lat0 <= lat <= lat1 and lon0 <= lon <= lon1, (lat, lon)


def test_radius_is_positive_int():
    for rec in RECORDS:
        assert re.fullmatch(r"[1-9]\d*", rec["radius_m"]), rec["facility_id"]
        assert 100 <= int(rec["radius_m"]) <= 20000, rec["facility_id"]


def test_admin1_matches_country():
    for rec in RECORDS:
        assert ADMIN1.match(rec["admin1"]), rec["admin1"]
        assert rec["admin1"].split("-")[0] == rec["country"], rec["facility_id"]


def test_crimea_and_sevastopol_use_ukrainian_codes():
    for rec in RECORDS:
        if rec["admin1"] in {"UA-43", "UA-40"}:
            assert rec["country"] == "UA"


def test_aliases_present_and_not_generic():
    for rec in RECORDS:
        aliases = rec["aliases"].split("|")
        assert aliases and all(aliases), rec["facility_id"]
        for alias in aliases:
            assert alias == alias.strip(), (rec["facility_id"], alias)
            low = alias.casefold()
            assert low not in GENERIC_WORDS, (rec["facility_id"], alias)
            assert low != rec["town"].casefold(), (rec["facility_id"], alias)


def test_aliases_do_not_repeat_within_a_row():
    for rec in RECORDS:
        folded = [a.casefold() for a in rec["aliases"].split("|")]
        dupes = [a for a, n in Counter(folded).items() if n > 1]
        assert not dupes, (rec["facility_id"], dupes)


def test_alias_points_to_one_facility():
    owner = {}
    clashes = []
    for rec in RECORDS:
        for alias in rec["aliases"].split("|"):
            key = alias.casefold()
            if key in owner and owner[key] != rec["facility_id"]:
                clashes.append((alias, owner[key], rec["facility_id"]))
            owner.setdefault(key, rec["facility_id"])
    assert not clashes, clashes


def test_every_row_has_source_and_checked_flag():
    for rec in RECORDS:
        assert rec["source"], rec["facility_id"]
        assert rec["checked"] in {"yes", "no"}, rec["facility_id"]


def test_enough_refineries():
    n = sum(1 for rec in RECORDS if rec["target_type"] == "refinery")
    assert n >= 25, n


def test_seed_facilities_present():
    missing = SEED_IDS - set(_ids(RECORDS))
    assert not missing, missing


def test_seed_facility_types_and_regions():
    by_id = {rec["facility_id"]: rec for rec in RECORDS}
    expect = {
        "facility:ryazan-refinery": ("refinery", "RU-RYA"),
        "facility:kirishi-refinery": ("refinery", "RU-LEN"),
        "facility:kavkazskaya-oil-depot": ("oil_depot", "RU-KDA"),
        "facility:kremniy-el": ("factory", "RU-BRY"),
        "facility:bryansk-chemical-plant": ("factory", "RU-BRY"),
        "facility:kombinat-kristal": ("oil_depot", "RU-SAR"),
    }
    for fid, (ttype, admin1) in expect.items():
        assert by_id[fid]["target_type"] == ttype, fid
        assert by_id[fid]["admin1"] == admin1, fid


def test_seed_operator_names_are_aliases():
    by_id = {rec["facility_id"]: rec["aliases"].split("|") for rec in RECORDS}
    assert "KINEF" in by_id["facility:kirishi-refinery"]
    assert "Kremniy El" in by_id["facility:kremniy-el"]
    assert "Bryansk Chemical Plant" in by_id["facility:bryansk-chemical-plant"]
    assert "Kombinat Kristal" in by_id["facility:kombinat-kristal"]
    assert "Lukoil-Volgogradneftepererabotka" in by_id["facility:volgograd-refinery"]
    assert "Sheskharis" in by_id["facility:sheskharis-oil-terminal"]
