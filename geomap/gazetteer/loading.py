"""Reading the gazetteer tables into places and a name index (the first run; later runs use the cache)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..text import name_key
from .model import Place
from .names import (
    APOSTROPHES,
    BRACKETED,
    district_forms,
    national_spellings,
    okrug_forms,
    read_tsv,
    region_forms,
    russian_hromada_adjectives,
    russian_spellings,
    spelling_variants,
    split_list,
)

# geomap.text.match_fold's byte table for ASCII: letters and digits kept, all else a space.
_ASCII_WORDS = bytes(c if chr(c).isalnum() and c < 128 else 32 for c in range(256))

#: Oblasts whose villages are also found under a Russian-style spelling (names.russian_spellings):
#: the front line, the border with Russia and Crimea, where Russian and older English reporting
#: names villages so (elsewhere they would only add to the index).
RUSSIAN_STYLE_OBLASTS = frozenset({"UA-63", "UA-14", "UA-09", "UA-23", "UA-65", "UA-12", "UA-59", "UA-74",
                                   "UA-48", "UA-43", "UA-40"})

#: District levels in ``districts.tsv.gz`` and the words that name their kind in English.
DISTRICT_LEVELS = ("raion", "raion_old", "hromada")


class IndexBuilder:
    """Collects places and, per folded name key, the places it names.

    Codes: ``i`` for a primary name of place ``i``, ``~i`` for an alternate
    one. ``quiet`` collects keys that only names of small places marked
    "look-up only" produce; ``loud`` the keys any other name produces (a key in
    both is loud: a real town of that name exists).
    """

    def __init__(self) -> None:
        self.places: list[Place] = []
        #: Key -> the code of its one place (an int), or a list of codes when several places share it.
        self.index: dict[str, int | list[int]] = {}
        self.preferred: dict[str, str] = {}
        self.quiet: set[str] = set()
        self.loud: set[str] = set()
        self._memo: dict[str, tuple[str, ...]] = {}

    def add(self, place: Place, names: Iterable[str] = (), alternates: Iterable[str] = (),
            quiet: Iterable[str] = ()) -> None:
        """Index ``place`` under its name, further primary ``names`` and ``alternates``."""
        index = len(self.places)
        self.places.append(place)
        seen: set[str] = set()
        quiet_names = set(quiet)
        keys = self.index
        memo = self._memo
        for code, group in ((index, (place.name, *names)), (~index, alternates)):
            for name in group:
                sink = self.quiet if name in quiet_names else self.loud
                variants = memo.get(name)
                if variants is None:
                    variants = self._variants(name)
                for variant in variants:
                    if variant in seen:
                        continue
                    seen.add(variant)
                    sink.add(variant)
                    # Most keys name one place: a bare int, not a list (half a million lists
                    # were a fifth of the build).
                    found = keys.get(variant)
                    if found is None:
                        keys[variant] = code
                    elif found.__class__ is int:
                        keys[variant] = [found, code]
                    else:
                        found.append(code)

    def _variants(self, name: str) -> tuple[str, ...]:
        """The keys a name is indexed under, memoised: village names repeat thousands of times."""
        found = self._memo.get(name)
        if found is not None:
            return found
        if name.isascii():
            # geomap.text.name_key for ASCII, in one expression (half the names; the four calls
            # it makes were a fifth of the build): lower case, non-alphanumerics to spaces.
            key = " ".join(name.lower().encode("ascii").translate(_ASCII_WORDS).decode("ascii").split())
            plain = "'" not in name and "`" not in name
        else:
            key = name_key(name)
            plain = APOSTROPHES.search(name) is None
        if plain and ("sk" not in key or not key.isascii()):
            # No apostrophe to drop and no -sky ending to vary: the key alone (most names).
            found = self._memo[name] = (key,) if len(key) >= 3 else ()
            return found
        bases = [key]
        if not plain:
            bases.append(name_key(APOSTROPHES.sub("", name)))   # "Kam'yanske" -> "kamyanske"
        out: dict[str, None] = {}
        for base in bases:
            for variant in spelling_variants(base) if base.isascii() else (base,):
                if len(variant) >= 3:
                    out[variant] = None
        found = self._memo[name] = tuple(out)
        return found

    def quiet_keys(self) -> set[str]:
        """Keys found by look-up but never matched in running text."""
        return {key for key in self.quiet - self.loud if key in self.index}


def load_tables(d: Path) -> IndexBuilder:
    """Every place of the gazetteer folder ``d`` and its name index."""
    b = IndexBuilder()
    forms: dict[str, list[str]] = {}
    if (d / "forms.tsv.gz").exists():
        forms = {row["place_id"]: split_list(row["forms"]) for row in read_tsv(d / "forms.tsv.gz")}
    extra: dict[str, list[str]] = {}
    if (d / "aliases.tsv").exists():
        extra = {row["place_id"]: split_list(row["aliases"]) for row in read_tsv(d / "aliases.tsv")}
    for row in read_tsv(d / "regions.tsv"):
        place = Place(
            id=row["region_id"], name=row["name"], lat=float(row["lat"]), lon=float(row["lon"]),
            kind="informal" if row["kind"] == "informal" else "region",
            country=row["country"], admin1=row["iso"],
            centre_id=f"geonames:{row['centre_geonameid']}" if row.get("centre_geonameid") else "",
        )
        stems = [form for stem in split_list(row.get("stems")) for form in region_forms(stem)]
        b.add(place, [*split_list(row.get("names")), *stems, *forms.get(place.id, ())])
    for row in read_tsv(d / "countries.tsv"):
        place = Place(id=f"country:{row['iso']}", name=row["name"], lat=float(row["lat"]),
                      lon=float(row["lon"]), kind="country", country=row["iso"])
        b.add(place, split_list(row.get("aliases")))
    facilities = d / "facilities.tsv"
    if facilities.exists():
        for row in read_tsv(facilities):
            place = Place(
                id=row["facility_id"], name=row["name"], lat=float(row["lat"]),
                lon=float(row["lon"]), kind="facility", country=row["country"],
                admin1=row["admin1"], target_type=row["target_type"],
                radius_m=int(float(row["radius_m"] or 0)), town=row["town"],
            )
            # "Kirishi oil refinery (KINEF)" is also written without its bracketed note.
            plain = BRACKETED.sub("", place.name).strip()
            b.add(place, [plain, *split_list(row.get("aliases")), *forms.get(place.id, ())])
    ukraine = d / "ua_places.tsv.gz"
    has_ukraine = ukraine.exists()
    for row in read_tsv(d / "places.tsv.gz"):
        if has_ukraine and row["country"] == "UA":
            continue  # ua_places.tsv.gz holds them, with raion and hromada
        place = Place(
            id=f"geonames:{row['geonameid']}", name=row["name"], lat=float(row["lat"]),
            lon=float(row["lon"]), kind="town", country=row["country"], admin1=row["admin1"],
            population=int(row["population"] or 0),
        )
        b.add(place, extra.get(place.id, ()), [*split_list(row["altnames"]), *forms.get(place.id, ())])
    if has_ukraine:
        for row in read_tsv(ukraine):
            place = Place(
                id=row["place_id"], name=row["name"], lat=float(row["lat"]), lon=float(row["lon"]),
                kind="town", country="UA", admin1=row["admin1"], population=int(row["population"] or 0),
                radius_m=int(row["radius_m"] or 0), admin2=row["admin2"], admin3=row["admin3"],
            )
            alternates = split_list(row["altnames"])
            # GeoNames' "Pobyeda" is also found as news writes it in the national transliteration,
            # "Pobieda" (look-up only: such a spelling never makes a key of its own in text).
            national = national_spellings([place.name, *alternates])
            # ... and in the Russian style ("Veselogorovka" for Veselohorivka), look-up only too:
            # found by geocode and where a region's address follows ("Veselogorovka, Luhansk").
            russian = [s for s in russian_spellings(place.name) if s not in alternates] \
                if place.admin1 in RUSSIAN_STYLE_OBLASTS else []
            b.add(place, extra.get(place.id, ()),
                  [*alternates, *forms.get(place.id, ()), *national, *russian],
                  quiet=[*split_list(row["quiet"]), *national, *russian])
    villages = d / "ru_places.tsv.gz"
    if villages.exists():
        # Villages of the Russian border regions that cities500 lacks (GeoNames postal codes):
        # no population, so any namesake with people outranks them unless the report's
        # region or raion names theirs.
        for row in read_tsv(villages):
            place = Place(
                id=row["place_id"], name=row["name"], lat=float(row["lat"]), lon=float(row["lon"]),
                kind="town", country="RU", admin1=row["admin1"], admin2=row["admin2"],
            )
            b.add(place, (), split_list(row["altnames"]))
    rows = [row for name in ("districts.tsv.gz", "ru_districts.tsv.gz", "city_districts.tsv.gz")
            if (d / name).exists() for row in read_tsv(d / name)]
    # Raions first, so that a hromada knows which raion phrases are taken (see below).
    rows.sort(key=lambda row: row["level"] == "hromada")
    raion_keys: set[str] = set()
    city_phrases: list[tuple[Place, list[str]]] = []
    for row in rows:
        level = "raion" if row["level"] in ("raion", "raion_old", "city_district") else "hromada"
        place = Place(
            id=row["district_id"], name=row["name"], lat=float(row["lat"]), lon=float(row["lon"]),
            kind="district", country=row["admin1"][:2], admin1=row["admin1"], admin2=row["admin2"],
            # The unit's people (districts.tsv.gz): of two hromadas of one phrase, the larger first.
            population=int(row.get("population") or 0),
            # A pre-2020 raion is told apart by its ``town`` field (read by the ranking).
            # A city's district names its city here ("Kyivskyi District, Kharkiv" -> Kharkiv).
            town={"raion_old": "pre-2020",
                  "city_district": row["name"].rpartition(", ")[2]}.get(row["level"], ""),
        )
        bases, adjectives = split_list(row["bases"]), split_list(row["adjectives"])
        forms = district_forms(level, bases, adjectives,
                               stems=row["level"] in ("raion", "raion_old", "hromada"))
        if row["admin1"].startswith("RU-"):
            forms += okrug_forms(adjectives)
        elif level == "hromada" and row["admin1"] in RUSSIAN_STYLE_OBLASTS:
            # "the Marganetskaya and Mirovskaya communities", as reports translated from Russian
            # write the Marhanets and Myrove hromadas.
            forms += district_forms("hromada", russian_hromada_adjectives(bases), [])
        if level == "raion":
            raion_keys.update(name_key(f) for f in forms)
        else:
            # "Vovchansk district" where no raion of that name is known (GeoNames lacks
            # many pre-2020 raions): the hromada of that seat, the nearest unit there is.
            masculine = [a[:-1] + "ий" for a in adjectives if a.endswith(("ська", "цька"))]
            forms += [f for f in district_forms("raion", bases, masculine)
                      if name_key(f) not in raion_keys]
        b.add(place, forms)
        if row["level"] == "city_district":
            city_phrases.append((place, forms))
    _give_to_city_districts(b, city_phrases)
    preferred = d / "preferred.tsv"
    if preferred.exists():
        for row in read_tsv(preferred):
            b.preferred[name_key(row["name"])] = row["place_id"]
    not_places = d / "not_places.tsv"
    if not_places.exists():
        for row in read_tsv(not_places):
            b.index.pop(name_key(row["name"]), None)
    return b


def _give_to_city_districts(b: IndexBuilder, city_phrases: list[tuple[Place, list[str]]]) -> None:
    """A city district's phrases name the district, not the GeoNames section of the same city.

    GeoNames lists Kyiv's districts as populated places too ("Darnytsya", 343,384 people,
    alternate name "Darnytsia District"); with the city's size they would outrank the
    district itself. Such a town of the same region within 15 km loses the phrase.
    """
    places = b.places
    for district, forms in city_phrases:
        for form in forms:
            for key in b._variants(form):
                codes = b.index.get(key)
                if not isinstance(codes, list):
                    continue
                kept = [c for c in codes if not _section_of(places[c if c >= 0 else ~c], district)]
                if len(kept) != len(codes):
                    b.index[key] = kept[0] if len(kept) == 1 else kept


def _section_of(place: Place, district: Place) -> bool:
    return (place.kind == "town" and place.admin1 == district.admin1 and not place.admin2
            and abs(place.lat - district.lat) < 0.14 and abs(place.lon - district.lon) < 0.2)
