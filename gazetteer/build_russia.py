#!/usr/bin/env python3
"""Build ``ru_districts.tsv.gz``: every raion of the Russian regions that strike reporting names.

Reads ``ru_raions.tsv`` (this folder: each raion of Belgorod, Kursk, Bryansk,
Voronezh, Rostov, Oryol, Lipetsk, Tula, Kaluga and Smolensk oblasts and of
Krasnodar Krai by its Russian adjective, with the name of its administrative
centre, as the OKTMO classifier lists the municipal districts and okrugs), the
committed ``places.tsv.gz`` (GeoNames, CC BY 4.0) for the seat's point, and,
when given, GeoNames ``admin2Codes.txt`` (CC BY 4.0) for the GeoNames id and
romanisation of the raions GeoNames lists.

Each raion stands at its seat: the GeoNames town of that region whose
Cyrillic name is the seat's name (the most populous one if several are). A
raion whose seat is not found is left out and named. Crimea's raions are
Ukrainian units and come from KATOTTG (``build_ukraine.py``).

Run: ``python gazetteer/build_russia.py [PATH/admin2Codes.txt]``
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
           "RU.61": "RU-ROS", "RU.38": "RU-KDA", "RU.56": "RU-ORL", "RU.43": "RU-LIP",
           "RU.76": "RU-TUL", "RU.25": "RU-KLU", "RU.69": "RU-SMO"}

# BGN/PCGN romanisation of Russian, as GeoNames writes raion names (Шебекинский -> Shebekinskiy).
_LATIN = {"а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "ë", "ж": "zh", "з": "z",
          "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
          "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
          "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya", "-": "-"}
_VOWELS = "аеёиоуыэюяйьъ"


def to_latin(word: str, yo: str = "yo") -> str:
    """A Russian name in the BGN/PCGN romanisation news uses (Кущёвский -> Kushchyovskiy).

    е is "ye" at the start of a word and after a vowel or soft sign (Ейский ->
    Yeyskiy), ё is ``yo`` ("yo" or "e": news writes both Kushchyovsky and
    Kushchevsky).
    """
    out = []
    for i, ch in enumerate(word.lower()):
        prev = word[i - 1].lower() if i else ""
        if ch == "е" and (not prev or prev in _VOWELS or prev == "-"):
            out.append("ye")
        elif ch == "ё":
            out.append(yo if yo == "e" or (prev and prev not in _VOWELS and prev not in "жчшщ") else "yo")
        else:
            out.append(_LATIN.get(ch, ch))
    text = "".join(out)
    return "-".join(part[:1].upper() + part[1:] for part in text.split("-"))


def latin_adjectives(adjective: str) -> list[str]:
    """The Latin spellings of a raion adjective: Миллеровский -> Millerovskiy, Millerovsky.

    The other -sky endings (-skii, -skyi) are made at load time
    (``spelling_variants``); here the ones no rule makes: -skoy/-sky for
    Верхнедонской, and ё as "e".
    """
    forms = []
    for yo in ("yo", "e"):
        latin = to_latin(adjective, yo)
        forms.append(latin)
        if latin.endswith("skoy"):
            forms.append(latin[:-2] + "y")          # Verkhnedonskoy -> Verkhnedonsky
        # е after a vowel is also written "e": Alekseyevskiy -> Alekseevskiy, Kiyevskiy -> Kievskiy.
        plain_e = re.sub(r"(?<=[aeiou])ye", "e", latin)
        if plain_e != latin:
            forms.append(plain_e)
        # й before a consonant is also written "i": Grayvoronskiy -> Graivoronskiy.
        plain_i = re.sub(r"(?<=[aeiou])y(?=[bcdfghklmnprstvz])", "i", latin)
        if plain_i != latin:
            forms.append(plain_i)
    return forms


def _seat_names(town: dict[str, str]) -> set[str]:
    return {fold(n) for n in [town["name"], *town["altnames"].split("|")] if n}


def _named_after_seat(adjective: str, seat: str) -> bool:
    """Whether the adjective is made from the seat's name.

    Миллеровский: Миллерово, yes; Белгородский (seat Майский): no.
    """
    stem = fold(re.sub(r"(ск|цк|зск)(ий|ой)$", "", adjective))
    key = fold(seat)
    return len(stem) >= 2 and (key.startswith(stem[:-1]) or stem.startswith(key[:-1]))


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) > 1:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    with gzip.open(HERE / "places.tsv.gz", "rt", encoding="utf-8") as handle:
        towns = [row for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
                 if row["country"] == "RU" and row["admin1"] in REGIONS.values()]
    by_name: dict[tuple[str, str], dict[str, str]] = {}
    for town in sorted(towns, key=lambda t: int(t["population"] or 0)):
        for key in _seat_names(town):
            by_name[(town["admin1"], key)] = town    # the most populous town of a name wins
    # GeoNames' own admin2 rows, for their id and romanisation (Krasnosulinskiy Rayon).
    geonames: dict[tuple[str, str], tuple[str, str]] = {}
    if args:
        with open(args[0], encoding="utf-8") as handle:
            for line in handle:
                code, name, _ascii, gid = line.rstrip("\n").split("\t")
                region = REGIONS.get(code.rsplit(".", 1)[0])
                adjective = re.sub(r"^Rayon | (Rayon|Raion|District)$", "", name)
                if region and adjective != name:
                    geonames[(region, fold(adjective.replace("’", "").replace("'", "")))] = (gid, adjective)
    rows, missed, seen = [], [], set()
    with open(HERE / "ru_raions.tsv", encoding="utf-8") as handle:
        for raion in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            region, adjective, seat_name = raion["admin1"], raion["raion"], raion["seat"]
            seat = by_name.get((region, fold(seat_name)))
            if seat is None:
                missed.append(f"{adjective} ({seat_name}, {region})")
                continue
            latin = latin_adjectives(adjective)
            gid, gn_adjective = next(((geonames[(region, fold(a))]) for a in latin
                                      if (region, fold(a)) in geonames), ("", ""))
            # The unit's own name: "Millerovo Raion" when it is named after its seat, else by
            # its adjective ("Belgorodskiy Raion" has its seat at Mayskiy).
            after_seat = _named_after_seat(adjective, seat_name)
            # A seat that is itself an adjective (Milyutinskaya, Tarasovskiy) names no raion well.
            noun_seat = after_seat and not re.search("(ая|ий|ый|ой|ое)$", seat_name)
            label = f"{seat['name']} Raion" if noun_seat else f"{latin[0]} Raion"
            bases = []
            if after_seat:
                bases = [seat["name"], *[n for n in seat["altnames"].split("|")
                                         if n.isascii() and " " not in n and n[:1].isupper()][:3], seat_name]
            adjectives = [*latin, *([gn_adjective] if gn_adjective else []), adjective]
            if "ё" in adjective:
                adjectives.append(adjective.replace("ё", "е"))
            ident = f"geonames:{gid}" if gid else f"oktmo:{region}:{fold(latin[0])}"
            if ident in seen:
                raise SystemExit(f"two raions make the id {ident}")
            seen.add(ident)
            rows.append([ident, "raion", label, seat["lat"], seat["lon"], region, "",
                         _join(bases), _join(adjectives)])
    rows.sort(key=lambda row: (row[5], row[2]))
    _write(HERE / "ru_districts.tsv.gz", ["district_id", "level", "name", "lat", "lon", "admin1", "admin2",
                                         "bases", "adjectives"], rows)
    counts: dict[str, int] = {}
    for row in rows:
        counts[row[5]] = counts.get(row[5], 0) + 1
    print("ru_districts: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    print(f"{len(rows)} raions placed at their seat; {len(missed)} left out: {', '.join(missed)}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
