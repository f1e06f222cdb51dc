#!/usr/bin/env python3
"""Build ``ru_districts.tsv.gz``: the raions of the Russian regions that strike reporting names.

Reads GeoNames ``admin2Codes.txt`` (CC BY 4.0; the names of second-level units,
without points; path on the command line) and the committed
``places.tsv.gz``. Each raion of Belgorod, Kursk, Bryansk, Voronezh, Rostov
and Krasnodar (``REGIONS``) is placed at its seat: the town of the region whose
name the raion's adjective is made from ("Shebekinskiy Rayon" -> Shebekino).
The 17 raions whose seat's name is not made that way (Brasovskiy: Lokot;
Kalacheyevskiy: Kalach) take their seat from ``SEATS``, a table of GeoNames
ids; a raion placed neither way is left out and counted. Crimea's raions are
Ukrainian units and come from KATOTTG (``build_ukraine.py``).

Run: ``python gazetteer/build_russia.py PATH/admin2Codes.txt``
"""

from __future__ import annotations

import csv
import gzip
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from build_ukraine import _join, _write, fold  # noqa: E402

#: GeoNames admin1 code -> ISO 3166-2, for the regions covered (names checked against
#: GeoNames admin1CodesASCII.txt: RU.09 Belgorod Oblast, RU.41 Kursk Oblast, ...).
REGIONS = {"RU.09": "RU-BEL", "RU.41": "RU-KRS", "RU.10": "RU-BRY", "RU.86": "RU-VOR",
           "RU.61": "RU-ROS", "RU.38": "RU-KDA"}

#: Raions whose seat's name is not the adjective's stem: GeoNames admin2 id -> GeoNames id of
#: the seat (the raion's administrative centre), a town of ``places.tsv.gz``.
SEATS = {
    "495252": "488635",    # Shcherbinovskiy -> Staroshcherbinovskaya (Krasnodar)
    "503055": "503067",    # Rakityanskiy -> Rakitnoye (Belgorod)
    "513908": "513911",    # Otradnenskiy -> Otradnaya (Krasnodar)
    "515838": "504416",    # Oktyabr'skiy -> Pryamitsyno (Kursk)
    "523187": "523186",    # Navlinskiy -> Navlya (Bryansk)
    "538413": "538416",    # Kushchevskiy -> Kushchyovskaya (Krasnodar)
    "542364": "542788",    # Krasnogorskiy -> Krasnaya Gora (Bryansk)
    "551828": "551823",    # Kastorenskiy -> Kastornoye (Kursk)
    "554402": "554410",    # Kalacheyevskiy -> Kalach (Voronezh)
    "559401": "559400",    # Gorshechenskiy -> Gorshechnoye (Kursk)
    "571745": "534413",    # Brasovskiy -> Lokot' (Bryansk)
    "577820": "578230",    # Belovskiy -> Belaya (Kursk)
    "577983": "578169",    # Beloglinskiy -> Belaya Glina (Krasnodar)
    "581618": "581671",    # Anninskiy -> Anna (Voronezh)
    "824991": "542121",    # Krasnenskiy -> Krasnoye (Belgorod)
    "824992": "542571",    # Krasnoyaruzhskiy -> Krasnaya Yaruga (Belgorod)
    "11764998": "541404",  # Krasnosulinskiy -> Krasnyy Sulin (Rostov)
}

# GeoNames' romanisation (BGN/PCGN) read back into Cyrillic, longest letters first.
_TO_CYR = [("shch", "щ"), ("zh", "ж"), ("kh", "х"), ("ts", "ц"), ("ch", "ч"), ("sh", "ш"), ("yu", "ю"),
           ("ya", "я"), ("yo", "ё"), ("ye", "е"), ("iy", "ий"), ("yy", "ый"), ("y", "ы"), ("’", "ь"),
           ("'", "ь"), ("ë", "ё"), ("a", "а"), ("b", "б"), ("v", "в"), ("g", "г"), ("d", "д"), ("e", "е"),
           ("z", "з"), ("i", "и"), ("k", "к"), ("l", "л"), ("m", "м"), ("n", "н"), ("o", "о"),
           ("p", "п"), ("r", "р"), ("s", "с"), ("t", "т"), ("u", "у"), ("f", "ф")]
_VOWELS = "аеёиоуыэюяь"


def to_cyrillic(latin: str) -> str:
    """A Russian adjective from its GeoNames romanisation: Shebekinskiy -> Шебекинский."""
    word, out = latin.lower(), ""
    while word:
        for lat, cyr in _TO_CYR:
            if word.startswith(lat):
                if lat == "y" and (not out or out[-1] in _VOWELS):
                    cyr = "й"       # y after a vowel is й (Rayon), never ы
                if lat == "ye" and out and out[-1] not in _VOWELS:
                    cyr = "е"
                out += cyr
                word = word[len(lat):]
                break
        else:
            out += word[0]
            word = word[1:]
    out = re.sub("скы$", "ский", out)
    return out[:1].upper() + out[1:]


def seat_of(adjective: str, towns: list[dict[str, str]]) -> dict[str, str] | None:
    """The town a raion is named after, from the adjective's stem (Shebekinskiy -> Shebekino).

    The town's name is the stem plus a short ending (Shebekin-o, Volokonov-ka,
    Valuy-ki, Zheleznogor-sk, Uspen-skoye), or the stem is the town's name plus
    a suffix (Vyselk-ov-skiy: Vyselki); the closest fit wins, then the larger town.
    """
    stem = fold(re.sub(r"(sk|ck)(iy|y|ii|oy|aya)$", "", adjective.replace("’", "").replace("'", "")))
    best, best_key = None, (-99, 0)
    if len(stem) < 3:
        return None
    for town in towns:
        names = [town["name"], *[n for n in town["altnames"].split("|") if n.isascii()]]
        for name in names:
            key = fold(name)
            if key.startswith(stem) and len(key) - len(stem) <= 5:
                gap = len(key) - len(stem)
            elif len(key) > 4 and stem.startswith(key[:-1]) and len(stem) - len(key) <= 2:
                gap = 2 + len(stem) - len(key)
            else:
                continue
            rank = (-gap, int(town["population"] or 0))
            if rank > best_key:
                best, best_key = town, rank
    return best


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    with gzip.open(HERE / "places.tsv.gz", "rt", encoding="utf-8") as handle:
        towns = [row for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
                 if row["country"] == "RU" and row["admin1"] in REGIONS.values()]
    by_region: dict[str, list[dict[str, str]]] = {}
    for town in towns:
        by_region.setdefault(town["admin1"], []).append(town)
    rows, missed = [], []
    with open(args[0], encoding="utf-8") as handle:
        for line in handle:
            code, name, _ascii, gid = line.rstrip("\n").split("\t")
            region = REGIONS.get(code.rsplit(".", 1)[0])
            if not region or not re.search(r" (Rayon|Raion|District)$", name):
                continue
            adjective = re.sub(r" (Rayon|Raion|District)$", "", name).replace("’", "").replace("'", "")
            seat = seat_of(adjective, by_region.get(region, []))
            # A raion named otherwise than its seat is called by its own adjective (Brasovskiy Raion).
            label = f"{seat['name']} Raion" if seat else f"{adjective} Raion"
            if seat is None and gid in SEATS:
                seat = next((t for t in by_region.get(region, []) if t["geonameid"] == SEATS[gid]), None)
            if seat is None:
                missed.append(name)
                continue
            bases = [seat["name"], *[n for n in seat["altnames"].split("|")
                                     if n.isascii() and " " not in n and n[:1].isupper()][:3]]
            bases += [n for n in seat["altnames"].split("|") if re.fullmatch("[А-Яа-яЁё-]+", n)][:1]
            # The Cyrillic form keeps the soft sign GeoNames writes as ’ (Ryl’skiy -> Рыльский).
            adjectives = [adjective, to_cyrillic(re.sub(r" (Rayon|Raion|District)$", "", name))]
            rows.append([f"geonames:{gid}", "raion", label, seat["lat"], seat["lon"],
                         region, "", _join(bases), _join(adjectives)])
    rows.sort(key=lambda row: row[0])
    _write(HERE / "ru_districts.tsv.gz", ["district_id", "level", "name", "lat", "lon", "admin1", "admin2",
                                         "bases", "adjectives"], rows)
    print(f"ru_districts: {len(rows)} raions placed at their seat; {len(missed)} left out: "
          f"{', '.join(missed[:12])}{' …' if len(missed) > 12 else ''}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
