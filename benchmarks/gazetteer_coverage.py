"""Issue 11's coverage figures: every front-line settlement and every raion and hromada, geocoded.

Run: python benchmarks/gazetteer_coverage.py [--show N]

For every KATOTTG settlement (cities, towns, villages, rural settlements) of
Kharkiv, Donetsk, Luhansk, Zaporizhzhia, Kherson, Dnipropetrovsk, Sumy,
Chernihiv and Mykolaiv oblasts (``gazetteer/katottg.tsv.gz``, the official
codifier), it asks the real geocoder ``Gazetteer.geocode`` for the name as news
writes it with its oblast beside it:

* ``"Hrakove, Kharkiv region"`` (the national transliteration of the official name),
* ``"Гракове, Харківська область"`` (the official name itself),

and counts a query as **in its oblast** when the point returned lies inside
the oblast's OpenStreetMap boundary (``gazetteer/regions.geojson``). It also
counts the answers that are the settlement's own record (its GeoNames point
where KATOTTG joins one, else its KATOTTG row) or a namesake of the same name
in that oblast.

Then every 2020 raion and every hromada of Ukraine is asked for as
``"Izium raion, Kharkiv region"`` / ``"Balakliia hromada, Kharkiv region"`` and
as ``"Ізюмський район"`` / ``"Балаклійська громада, Харківська область"``,
and counted when the answer is at district precision, and when it is that
very unit. The expected oblasts and units come from KATOTTG, never from the
geocoder's own output. Misses are listed (``--show``).
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "gazetteer"))
from build_ukraine import translit  # noqa: E402  (the build's KMU 2010 transliteration)

#: The nine front-line and border oblasts of issue 11's "Done when".
FRONT = {"UA-63": "Kharkiv", "UA-14": "Donetsk", "UA-09": "Luhansk", "UA-23": "Zaporizhzhia",
         "UA-65": "Kherson", "UA-12": "Dnipropetrovsk", "UA-59": "Sumy", "UA-74": "Chernihiv",
         "UA-48": "Mykolaiv"}
SETTLEMENTS = ("M", "T", "C", "X", "K")
#: How far (km) outside its oblast's simplified boundary a place of that oblast may lie.
BORDER_KM = 7.0


def _katottg() -> list[dict[str, str]]:
    with gzip.open(ROOT / "gazetteer" / "katottg.tsv.gz", "rt", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def _oblast_shapes() -> dict:
    from shapely.geometry import shape
    from shapely.prepared import prep

    with open(ROOT / "gazetteer" / "regions.geojson", encoding="utf-8") as handle:
        features = json.load(handle)["features"]
    return {f["properties"]["iso"]: prep(shape(f["geometry"])) for f in features
            if f["properties"]["country"] == "UA"}


def _region_tails(gaz) -> dict[str, tuple[str, str]]:
    """ISO -> (", Kharkiv region", ", Харківська область")."""
    tails = {}
    with open(ROOT / "gazetteer" / "regions.tsv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            if row["iso"] == "UA-43":
                tails["UA-43"] = (", Crimea", ", Крим")
            if row["country"] != "UA" or row["kind"] != "oblast":
                continue
            uk = next((s for s in row["stems"].split("|") if s.endswith("ька")), "")
            english = row["name"].removesuffix(" Oblast")
            tails[row["iso"]] = (f", {english} region", f", {uk} область" if uk else "")
    return tails


def _row(label: str, n: int, count: Counter) -> None:
    shares = [100 * count[k] / n for k in ("latin", "cyrillic", "latin_strict", "own", "geonames")]
    print(f"  {label:<15} {n:>6} {shares[0]:>17.1f}% {shares[1]:>10.1f}% {shares[2]:>15.1f}% "
          f"{shares[3]:>10.1f}% {shares[4]:>11.1f}%")


def settlements(gaz, rows, shapes, tails, show: int) -> bool:
    """Print the in-oblast share of the front-line settlements; True when every oblast is >= 98 %."""
    from shapely.geometry import Point

    print("Settlements of the front-line oblasts, geocoded with their oblast beside them")
    print(f"  {'oblast':<15} {'settl.':>6} {'in oblast (Latin)':>18} {'(Cyrillic)':>11} "
          f"{'inside strictly':>16} {'own record':>11} {'GeoNames pt':>12}")
    totals = Counter()
    misses = []
    all_met = True
    for iso, oblast in FRONT.items():
        mine = [r for r in rows if r["admin1"] == iso and r["category"] in SETTLEMENTS]
        shape = shapes[iso]
        count = Counter()
        for r in mine:
            latin = translit(r["name"])
            own = f"geonames:{r['geonameid']}" if r["geonameid"] else f"katottg:{r['katottg']}"
            for script, query in (("latin", latin + tails[iso][0]), ("cyrillic", r["name"] + tails[iso][1])):
                location = gaz.geocode(query)
                point = Point(location.longitude, location.latitude) if location is not None else None
                strict = point is not None and shape.contains(point)
                # The boundary is simplified (0.02 degrees), and GeoNames puts some border villages
                # a few km across it: a place of the oblast within BORDER_KM of the line counts.
                inside = strict or (location is not None and location.raw["admin1_code"] == iso
                                    and shape.context.distance(point) * 111.0 <= BORDER_KM)
                count[script] += inside
                count[script + "_strict"] += strict
                if not inside:
                    misses.append((iso, query, location.raw["name"] if location else "not found",
                                   location.raw["admin1"] if location else ""))
                elif script == "latin":
                    raw = location.raw
                    count["own"] += raw["id"] == own
                    count["geonames"] += raw["id"].startswith("geonames:")
        n = len(mine)
        met = count["latin"] / n >= 0.98 and count["cyrillic"] / n >= 0.98
        all_met &= met
        _row(oblast, n, count)
        totals.update(count)
        totals["n"] += n
    n = totals["n"]
    _row("all nine", n, totals)
    print(f"  (in oblast: a place of the oblast whose point lies inside its boundary or within "
          f"{BORDER_KM:.0f} km of it; inside strictly: inside the simplified boundary (Latin); "
          "own record: the settlement's own "
          "GeoNames or KATOTTG row, not a namesake in the oblast; GeoNames pt: a GeoNames point, not the "
          "hromada's stand-in)")
    for iso, query, found, where in misses[:show]:
        print(f"    miss {iso}: {query!r} -> {found} ({where})")
    return all_met


def districts(gaz, rows, tails, show: int) -> bool:
    """Print the share of raions and hromadas resolved at district precision; True when all are."""
    english = {}
    with gzip.open(ROOT / "gazetteer" / "districts.tsv.gz", "rt", encoding="utf-8", newline="") as handle:
        for d in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            english[d["district_id"]] = d["name"]
    print()
    print("Raions (2020) and hromadas of Ukraine")
    print(f"  {'unit':<8} {'count':>6} {'district (Eng.)':>16} {'that unit':>10} {'district (Cyr.)':>16} "
          f"{'that unit':>10}")
    all_met = True
    misses = []
    for category, noun_en, noun_uk in (("P", "raion", "район"), ("H", "hromada", "громада")):
        units = [r for r in rows if r["category"] == category]
        count = Counter()
        for u in units:
            uid = f"katottg:{u['katottg']}"
            name = english.get(uid, "")
            tail_en, tail_uk = tails.get(u["admin1"], ("", ""))
            queries = (("en", name.rsplit(" ", 1)[0] + f" {noun_en}" + tail_en),
                       ("uk", f"{u['name']} {noun_uk}" + tail_uk))
            for script, query in queries:
                location = gaz.geocode(query)
                district = location is not None and location.raw["precision"] == "district"
                count[script] += district
                count[script + "_own"] += location is not None and location.raw["id"] == uid
                if location is None or location.raw["id"] != uid:
                    misses.append((query, location.raw["name"] if location else "not found"))
        n = len(units)
        all_met &= count["en"] == n and count["uk"] == n
        print(f"  {noun_en:<8} {n:>6} {100 * count['en'] / n:>15.1f}% {100 * count['en_own'] / n:>9.1f}% "
              f"{100 * count['uk'] / n:>15.1f}% {100 * count['uk_own'] / n:>9.1f}%")
    for query, found in misses[:show]:
        print(f"    not that unit: {query!r} -> {found}")
    return all_met


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", type=int, default=20, help="misses to list (default 20)")
    args = parser.parse_args()
    from geomap.gazetteer import default_gazetteer

    start = time.process_time()
    gaz = default_gazetteer()
    rows = _katottg()
    tails = _region_tails(gaz)
    met = settlements(gaz, rows, _oblast_shapes(), tails, args.show)
    met = districts(gaz, rows, tails, args.show) and met
    print(f"\n{'targets met' if met else 'targets NOT met'} (settlements >= 98 % in their oblast in both "
          f"scripts; every raion and hromada at district precision); {time.process_time() - start:.1f} s CPU")
    return 0


if __name__ == "__main__":
    sys.exit(main())
