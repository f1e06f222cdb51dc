"""Checks on the committed gazetteer data files (no build-time sources needed)."""

from __future__ import annotations

import csv
import gzip
import json
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest

GAZ = Path(__file__).resolve().parents[1] / "gazetteer"

PLACE_COLUMNS = ["geonameid", "name", "lat", "lon", "country", "admin1", "population", "altnames"]
COUNTRY_COLUMNS = ["iso", "name", "lat", "lon", "aliases"]
REGION_COLUMNS = [
    "region_id", "iso", "name", "country", "kind", "lat", "lon",
    "centre", "centre_geonameid", "stems", "names",
]
KINDS = {
    "oblast", "krai", "republic", "autonomous_okrug", "autonomous_oblast",
    "federal_city", "city", "autonomous_republic", "informal",
}

#: Rough (lat_min, lat_max, lon_min, lon_max) boxes; Russia also spans the antimeridian.
BOXES = {
    "RU": (41.0, 82.0, 19.0, 192.0),
    "UA": (44.0, 52.5, 22.0, 40.5),
    "BY": (51.0, 56.5, 23.0, 33.0),
}


def _open_text(path: Path):
    if path.suffix == ".gz":
        return gzip.open(path, "rt", encoding="utf-8", newline="")
    return open(path, encoding="utf-8", newline="")


def _read(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with _open_text(path) as fh:
        reader = csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader)
        rows = []
        for line in reader:
            assert len(line) == len(header), f"{path.name}: bad row {line[:3]}"
            rows.append(dict(zip(header, line, strict=True)))
    return header, rows


@cache
def places() -> list[dict[str, str]]:
    return _read(GAZ / "places.tsv.gz")[1]


@cache
def regions() -> list[dict[str, str]]:
    return _read(GAZ / "regions.tsv")[1]


def _in_box(cc: str, lat: float, lon: float) -> bool:
    lat0, lat1, lon0, lon1 = BOXES[cc]
    if cc == "RU" and lon < 0:  # Chukotka east of the antimeridian
        lon += 360.0
    return lat0 <= lat <= lat1 and lon0 <= lon <= lon1


def _named(name: str) -> Iterator[dict[str, str]]:
    key = name.casefold()
    for row in places():
        if row["name"].casefold() == key or key in (a.casefold() for a in row["altnames"].split("|")):
            yield row


# ------------------------------------------------------------------------ headers


@pytest.mark.parametrize(("filename", "columns"), [
    ("places.tsv.gz", PLACE_COLUMNS),
    ("countries.tsv", COUNTRY_COLUMNS),
    ("regions.tsv", REGION_COLUMNS),
])
def test_headers(filename: str, columns: list[str]) -> None:
    assert _read(GAZ / filename)[0] == columns


# ------------------------------------------------------------------------ regions


def test_regions_cover_ru_ua_by() -> None:
    rows = regions()
    by_country: dict[str, set[str]] = {"RU": set(), "UA": set(), "BY": set()}
    for row in rows:
        assert row["kind"] in KINDS
        if row["kind"] == "informal":
            assert row["region_id"].startswith("informal:") and not row["iso"]
            continue
        by_country[row["country"]].add(row["iso"])
    assert len(by_country["RU"]) == 83
    assert len(by_country["UA"]) == 27
    assert len(by_country["BY"]) == 7
    assert {"UA-43", "UA-40", "UA-30", "UA-14", "UA-09", "UA-23", "UA-65"} <= by_country["UA"]
    assert not any(iso.startswith("RU-") for iso in by_country["UA"])


@pytest.mark.parametrize("row", [r for r in regions() if r["kind"] != "informal"],
                         ids=lambda r: r["iso"])
def test_region_iso_and_point(row: dict[str, str]) -> None:
    cc, iso = row["country"], row["iso"]
    assert cc in BOXES
    assert iso.startswith(f"{cc}-") and row["region_id"] == f"iso3166-2:{iso}"
    suffix = iso.split("-", 1)[1]
    assert 2 <= len(suffix) <= 3 and suffix.isalnum() and suffix.upper() == suffix
    assert _in_box(cc, float(row["lat"]), float(row["lon"])), row["name"]
    assert row["centre"] and row["centre_geonameid"].isdigit()


def test_region_iso_codes_are_real() -> None:
    pycountry = pytest.importorskip("pycountry")
    for row in regions():
        if row["iso"]:
            sub = pycountry.subdivisions.get(code=row["iso"])
            assert sub is not None and sub.country_code == row["country"], row["iso"]


def test_region_stems_and_names_are_clean() -> None:
    # Bare names may coincide with hamlets (a village "Chechnya" exists in Donetsk
    # Oblast) but never with a real town.
    towns = {p["name"].casefold() for p in places() if int(p["population"]) >= 10000}
    for row in regions():
        for field in ("stems", "names"):
            items = [s for s in row[field].split("|") if s]
            assert all(s == s.strip() for s in items)
            assert len(items) == len(set(items)), (row["name"], field)
        for bare in filter(None, row["names"].split("|")):
            assert bare.casefold() not in towns, (row["name"], bare)


def test_example_region_rows() -> None:
    by_iso = {r["iso"]: r for r in regions() if r["iso"]}
    assert "Рязанская" in by_iso["RU-RYA"]["stems"].split("|")
    assert "Ryazan" not in by_iso["RU-RYA"]["names"].split("|")
    assert "Tatarstan" in by_iso["RU-TA"]["names"].split("|")
    assert "Crimea" in by_iso["UA-43"]["names"].split("|")
    assert {"Kyiv", "Kiev"} <= set(by_iso["UA-32"]["stems"].split("|"))
    informal = {r["name"] for r in regions() if r["kind"] == "informal"}
    assert {"Donbas", "Black Sea", "Sea of Azov", "Caspian Sea", "Baltic Sea"} <= informal
    # Kuban is Krasnodar Krai's other name, not an area beside it (preferred.tsv: not its village).
    assert "Kuban" in by_iso["RU-KDA"]["names"].split("|") and "Kuban" not in informal


# ------------------------------------------------------------------------ places


@pytest.mark.parametrize(("name", "country", "admin1"), [
    ("Ryazan", "RU", "RU-RYA"),
    ("Kavkazskaya", "RU", "RU-KDA"),
    ("Brovary", "UA", "UA-32"),
    ("Kirishi", "RU", "RU-LEN"),
    ("Engels", "RU", "RU-SAR"),
    ("Sumy", "UA", "UA-59"),
    ("Sloviansk", "UA", "UA-14"),
    ("Pokrovsk", "UA", "UA-14"),
    ("London", "GB", None),
    ("Jeddah", "SA", None),
    ("Helsinki", "FI", None),
])
def test_key_places_present(name: str, country: str, admin1: str | None) -> None:
    hits = [r for r in _named(name) if r["country"] == country]
    assert hits, f"{name} ({country}) missing"
    if admin1 is not None:
        assert any(r["admin1"] == admin1 for r in hits), [r["admin1"] for r in hits]


def test_misleading_former_names_dropped() -> None:
    # Nikopol's 18th-century name must not compete with Sloviansk, nor Engels's with Pokrovsk.
    assert {r["geonameid"] for r in _named("Sloviansk") if r["country"] == "UA"} == {"693468"}
    assert all(r["geonameid"] != "563464" for r in _named("Pokrovsk"))


def test_admin1_codes_are_region_isos() -> None:
    isos = {r["iso"] for r in regions() if r["iso"]}
    for row in places():
        if row["country"] in BOXES:
            assert row["admin1"] in isos, (row["name"], row["admin1"])
            assert row["admin1"].startswith(row["country"] + "-")
        else:
            assert row["admin1"] == "" or row["admin1"].startswith(row["country"] + ".")


def test_crimea_is_coded_under_ukraine() -> None:
    simferopol = [r for r in _named("Simferopol") if r["country"] == "UA"]
    sevastopol = [r for r in _named("Sevastopol") if r["country"] == "UA"]
    assert simferopol and simferopol[0]["admin1"] == "UA-43"
    assert sevastopol and sevastopol[0]["admin1"] == "UA-40"


def test_place_values_are_well_formed() -> None:
    ids = set()
    for row in places():
        assert row["geonameid"].isdigit() and row["geonameid"] not in ids
        ids.add(row["geonameid"])
        lat, lon = float(row["lat"]), float(row["lon"])
        assert -90 <= lat <= 90 and -180 <= lon <= 180
        assert len(row["lat"].split(".")[-1]) <= 5 and len(row["lon"].split(".")[-1]) <= 5
        assert row["population"].isdigit()
        alts = [a for a in row["altnames"].split("|") if a]
        assert row["name"] not in alts
        for alt in alts:
            assert len(alt) >= 3 and not alt.isdigit() and alt == alt.strip()
    assert len(ids) > 50000


# ------------------------------------------------------------------------ countries


def test_countries_table() -> None:
    header, rows = _read(GAZ / "countries.tsv")
    by_iso = {r["iso"]: r for r in rows}
    assert len(by_iso) == len(rows) >= 240
    for iso in ("RU", "UA", "BY", "GB", "US", "SA", "FI", "XK"):
        assert iso in by_iso
    assert "Russian Federation" in by_iso["RU"]["aliases"].split("|")
    assert "Россия" in by_iso["RU"]["aliases"].split("|")
    assert "Україна" in by_iso["UA"]["aliases"].split("|")
    for row in rows:
        assert "US" not in row["aliases"].split("|")
        assert -90 <= float(row["lat"]) <= 90 and -180 <= float(row["lon"]) <= 180
    assert _in_box("UA", float(by_iso["UA"]["lat"]), float(by_iso["UA"]["lon"]))


def _check_feature_collection(path: Path) -> dict:
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection"
    assert "crs" not in data
    for feature in data["features"]:
        assert feature["type"] == "Feature"
        assert feature["geometry"]["type"] in {"Polygon", "MultiPolygon"}
    return data


def test_countries_geojson() -> None:
    path = GAZ / "countries.geojson"
    assert path.stat().st_size < 400 * 1024
    data = _check_feature_collection(path)
    codes = [f["properties"]["iso_a2"] for f in data["features"]]
    assert len(codes) == len(set(codes))
    assert {"RU", "UA", "BY", "FR", "NO", "XK", "GB", "SA", "FI"} <= set(codes)
    pyogrio = pytest.importorskip("pyogrio")
    frame = pyogrio.read_dataframe(path)
    assert len(frame) == len(data["features"])
    assert {"name", "iso_a2"} <= set(frame.columns)
    assert frame.is_valid.all()
    # Points inside the expected outline (lon, lat order per RFC 7946).
    from shapely.geometry import Point
    shapes = dict(zip(frame["iso_a2"], frame.geometry, strict=True))
    assert shapes["UA"].contains(Point(34.10, 44.95))   # Simferopol
    assert shapes["RU"].contains(Point(39.70, 54.63))   # Ryazan
    assert shapes["GB"].contains(Point(-0.13, 51.51))   # London


def test_regions_geojson() -> None:
    path = GAZ / "regions.geojson"
    if not path.exists():
        pytest.skip("regions.geojson is optional")
    assert path.stat().st_size < 1536 * 1024
    data = _check_feature_collection(path)
    isos = {r["iso"] for r in regions() if r["iso"]}
    seen = set()
    for feature in data["features"]:
        props = feature["properties"]
        # Ukraine's from OpenStreetMap; Russia's and Belarus's approximate, and marked so
        assert props["approximate"] is (props["country"] != "UA")
        assert props["source"] and props["simplified"] is True
        assert props["iso"] in isos and props["region_id"] == f"iso3166-2:{props['iso']}"
        seen.add(props["iso"])
    assert seen == isos


def test_regions_are_one_coverage_without_overlaps_or_gaps() -> None:
    import shapely
    from shapely.geometry import shape

    features = json.loads((GAZ / "regions.geojson").read_text(encoding="utf-8"))["features"]
    geoms = [shape(f["geometry"]) for f in features]
    isos = [f["properties"]["iso"] for f in features]
    assert all(g.is_valid for g in geoms)
    tree = shapely.STRtree(geoms)
    left, right = tree.query(geoms, predicate="intersects")
    overlaps = [(isos[i], isos[j]) for i, j in zip(left, right, strict=True)
                if i < j and geoms[i].intersection(geoms[j]).area > 1e-9]
    assert overlaps == []
    union = shapely.union_all(geoms)
    holes = [ring for part in shapely.get_parts(union) for ring in part.interiors]
    assert holes == []
    west, _, east, _ = union.bounds
    assert east - west < 180  # Chukotka kept in one piece east of the antimeridian, not -180..180

    def region_of(lon: float, lat: float) -> list[str]:
        return [isos[i] for i in tree.query(shapely.Point(lon, lat), predicate="within")]

    assert region_of(36.23, 49.99) == ["UA-63"]   # Kharkiv
    assert region_of(30.52, 50.45) == ["UA-30"]   # Kyiv city, cut out of Kyiv Oblast
    assert region_of(30.26, 50.38) == ["UA-32"] or region_of(30.10, 50.30) == ["UA-32"]
    assert region_of(33.52, 44.60) == ["UA-40"]   # Sevastopol, cut out of Crimea
    assert region_of(34.10, 44.95) == ["UA-43"]   # Simferopol
    assert region_of(36.59, 50.60) == ["RU-BEL"]  # Belgorod
    assert region_of(177.51, 64.73) == ["RU-CHU"]  # Anadyr


# ------------------------------------------------------------------------ forms, aliases, stop names


def test_forms_table() -> None:
    header, rows = _read(GAZ / "forms.tsv.gz")
    assert header == ["place_id", "forms"]
    assert (GAZ / "forms.tsv.gz").stat().st_size < 512 * 1024
    ids = {f"geonames:{r['geonameid']}" for r in places()} | {r["region_id"] for r in regions()}
    with open(GAZ / "facilities.tsv", encoding="utf-8") as fh:
        ids |= {line.split("\t", 1)[0] for line in fh}
    seen = set()
    for row in rows:
        assert row["place_id"] in ids and row["place_id"] not in seen, row["place_id"]
        seen.add(row["place_id"])
        forms = row["forms"].split("|")
        assert forms and all(f and f == f.strip() for f in forms)
    by_id = {r["place_id"]: r["forms"].split("|") for r in rows}
    assert "Рязани" in by_id["geonames:500096"]          # в Рязани
    assert "Києві" in by_id["geonames:703448"]           # у Києві
    assert len(rows) > 3000


def test_aliases_and_stop_names_tables() -> None:
    header, rows = _read(GAZ / "aliases.tsv")
    assert header == ["place_id", "aliases", "why"]
    ids = {f"geonames:{r['geonameid']}" for r in places()}
    for row in rows:
        assert row["place_id"] in ids and row["aliases"] and row["why"]
    header, rows = _read(GAZ / "not_places.tsv")
    assert header == ["name", "reason"]
    names = [r["name"].casefold() for r in rows]
    assert len(names) == len(set(names)) and "most" in names and "bar" not in names


def test_a_point_west_of_the_antimeridian_is_in_chukotka() -> None:
    from geomap.model import Event
    from geomap.plugins.regions import load_regions

    index = load_regions(GAZ / "regions.geojson")
    event = Event(place="Chukotka", place_name="Chukotka", place_id="x", lat=67.0, lon=-175.5, admin1="",
                  country="RU", geo_precision="town", strike_type="unknown", target_type="unknown",
                  status="unknown", attacker="unknown", event_date=None, date_precision="unknown",
                  doc_ids=[], sources=[], evidence=[], confidence=0.5)
    assert [index.ids[k] for k in index.locate_all([event])] == ["iso3166-2:RU-CHU"]
