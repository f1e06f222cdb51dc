"""The local gazetteer: names to places, offline, with geopy's Geocoder interface.

It joins four files from the gazetteer folder (see ``gazetteer/README.md``):
GeoNames populated places, first-level regions, curated strike facilities and
countries. Names are indexed by :func:`geomap.text.name_key`; ambiguous names
are ranked by :meth:`Gazetteer.rank` from the evidence a news reader uses:
the primary name over an alternate name, the countries of the war, the size
of the place, and the regions named around it.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import math
import os
import pickle
from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import NamedTuple

from geopy.geocoders.base import Geocoder
from geopy.location import Location
from geopy.point import Point

from . import settings
from .atomic import atomic_path
from .text import name_key

#: Suffixes that turn a region stem into the region ("Kursk region", "Kurskaya oblast").
_REGION_SUFFIXES = (
    "region", "oblast", "province", "krai", "kray", "territory", "okrug", "autonomous okrug",
    "republic", "regional",
)
_REGION_PREFIXES = ("region of", "republic of", "oblast of", "province of")
# Russian and Ukrainian region nouns in their case forms.
_CYR_NOUNS = {
    "fem": ("область", "области", "областью", "області", "областю"),
    "masc": ("край", "края", "крае", "краю", "краем"),
}
# Adjective endings: nominative ending -> every case ending it takes.
_CYR_ADJ = {
    "ая": ("ая", "ой", "ую"),                # Russian feminine (Рязанская область)
    "ська": ("ська", "ської", "ській", "ську"),  # Ukrainian feminine (Київська область)
    "цька": ("цька", "цької", "цькій", "цьку"),
    "ий": ("ий", "ого", "ому", "ом", "им"),   # masculine (Краснодарский край)
    "ый": ("ый", "ого", "ому", "ом", "ым"),
}

PRECISION_BY_KIND = {
    "facility": "facility", "town": "town", "district": "district", "region": "region",
    "informal": "region", "country": "country",
}


class Place(NamedTuple):
    """A gazetteer entry: a town, a region, a facility or a country (a plain value object)."""

    id: str
    name: str
    lat: float
    lon: float
    kind: str
    country: str
    admin1: str = ""
    population: int = 0
    target_type: str = ""
    radius_m: int = 0
    town: str = ""
    centre_id: str = ""

    @property
    def precision(self) -> str:
        """The ``geo_precision`` an event at this place has."""
        return PRECISION_BY_KIND.get(self.kind, "town")


@dataclass(frozen=True)
class Candidate:
    """A place a name may mean, and whether the name is the place's primary one."""

    place: Place
    primary: bool


@dataclass
class Context:
    """What the surrounding text says about where a name lies."""

    regions: set[str] = field(default_factory=set)        # ISO 3166-2 codes named nearby
    article_regions: set[str] = field(default_factory=set)
    countries: set[str] = field(default_factory=set)      # ISO alpha-2 codes named in the article
    want_region: bool = False                              # the sentence speaks of regions


@dataclass
class Resolution:
    """The place a name was taken to mean, and the ones passed over."""

    query: str
    place: Place
    alternatives: list[Place]


def _read_tsv(path: Path) -> Iterator[dict[str, str]]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)


def _split(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split("|") if v.strip()]


def region_forms(stem: str) -> list[str]:
    """Every way news writes "<stem> region" in English, Russian or Ukrainian.

    ``Kursk`` gives "Kursk region", "Kursk Oblast", "region of Kursk", ...;
    ``Рязанская`` gives "Рязанская область", "Рязанской области", ...
    """
    forms = [f"{stem} {suffix}" for suffix in _REGION_SUFFIXES]
    forms += [f"{prefix} {stem}" for prefix in _REGION_PREFIXES]
    for ending, endings in _CYR_ADJ.items():
        if stem.endswith(ending):
            base = stem[: -len(ending)]
            nouns = _CYR_NOUNS["masc" if ending in ("ий", "ый") else "fem"]
            forms += [f"{base}{e} {noun}" for e in endings for noun in nouns]
    return forms


class Gazetteer(Geocoder):
    """An offline geocoder over the project's gazetteer files.

    >>> gaz = Gazetteer()
    >>> gaz.geocode("Ryazan").raw["country"]
    'RU'

    ``geocode`` and ``reverse`` follow geopy's interface and return geopy
    ``Location`` objects whose ``raw`` holds ``id``, ``kind``, ``admin1``,
    ``country``, ``precision`` and the ``alternatives`` that were rejected.
    """

    def __init__(self, data_dir: str | Path | None = None, *, cache: bool = True) -> None:
        super().__init__()
        self.data_dir = Path(data_dir) if data_dir else settings.gazetteer_dir()
        self._places: list[Place] = []
        # While loading: name key -> place codes, ``i`` for a primary name, ``~i`` for an
        # alternate one. Then packed (see ``_pack``) into ``_index`` and ``_multi``.
        self._building: dict[str, list[int]] = {}
        self._preferred: dict[str, str] = {}
        self._rank_memo: dict[str, list[tuple[float, Place]]] = {}
        state = _read_cache(self.data_dir) if cache else None
        if state is None:
            self._load()
            state = _pack(self._places, self._building, self._preferred)
            if cache:
                _write_cache(self.data_dir, state)
        del self._building
        self._places, self._index, self._multi, self._preferred = _unpack(state)
        self._regions = {p.admin1: p for p in self._places if p.kind == "region" and p.admin1}
        self._region_by_centre = {p.centre_id: p for p in self._places if p.centre_id}
        self._facilities = [p for p in self._places if p.kind == "facility"]

    # -- loading -----------------------------------------------------------------

    def _add_place(self, place: Place, names: Iterable[str] = (), alternates: Iterable[str] = ()) -> None:
        index = len(self._places)
        self._places.append(place)
        seen: set[str] = set()
        for code, group in ((index, (place.name, *names)), (~index, alternates)):
            for name in group:
                key = name_key(name)
                for variant in (key, key.replace("'", "")):
                    if len(variant) < 3 or variant in seen:
                        continue
                    seen.add(variant)
                    self._building.setdefault(variant, []).append(code)

    def _load(self) -> None:
        d = self.data_dir
        for row in _read_tsv(d / "regions.tsv"):
            place = Place(
                id=row["region_id"], name=row["name"], lat=float(row["lat"]), lon=float(row["lon"]),
                kind="informal" if row["kind"] == "informal" else "region",
                country=row["country"], admin1=row["iso"],
                centre_id=f"geonames:{row['centre_geonameid']}" if row.get("centre_geonameid") else "",
            )
            forms = [form for stem in _split(row.get("stems")) for form in region_forms(stem)]
            self._add_place(place, [*_split(row.get("names")), *forms])
        for row in _read_tsv(d / "countries.tsv"):
            place = Place(id=f"country:{row['iso']}", name=row["name"], lat=float(row["lat"]),
                          lon=float(row["lon"]), kind="country", country=row["iso"])
            self._add_place(place, _split(row.get("aliases")))
        facilities = d / "facilities.tsv"
        if facilities.exists():
            for row in _read_tsv(facilities):
                place = Place(
                    id=row["facility_id"], name=row["name"], lat=float(row["lat"]),
                    lon=float(row["lon"]), kind="facility", country=row["country"],
                    admin1=row["admin1"], target_type=row["target_type"],
                    radius_m=int(float(row["radius_m"] or 0)), town=row["town"],
                )
                self._add_place(place, _split(row.get("aliases")))
        for row in _read_tsv(d / "places.tsv.gz"):
            place = Place(
                id=f"geonames:{row['geonameid']}", name=row["name"], lat=float(row["lat"]),
                lon=float(row["lon"]), kind="town", country=row["country"], admin1=row["admin1"],
                population=int(row["population"] or 0),
            )
            self._add_place(place, (), _split(row["altnames"]))
        preferred = d / "preferred.tsv"
        if preferred.exists():
            for row in _read_tsv(preferred):
                self._preferred[name_key(row["name"])] = row["place_id"]

    # -- lookups -----------------------------------------------------------------

    def names(self) -> Iterable[str]:
        """Every indexed name key (for building a matcher over text)."""
        return self._index.keys()

    def candidates(self, name: str) -> list[Candidate]:
        """Every place ``name`` may mean, unranked."""
        return self._candidates_of_key(name_key(name))

    def _candidates_of_key(self, key: str) -> list[Candidate]:
        packed = self._index.get(key)
        if packed is None:
            return []
        codes = self._multi[packed] if packed % 2 else (packed // 2,)
        return [Candidate(self._places[i if i >= 0 else ~i], i >= 0) for i in codes]

    @cached_property
    def _by_id(self) -> dict[str, Place]:
        return {p.id: p for p in self._places}

    def get(self, place_id: str) -> Place | None:
        """The place with this id (``geonames:…``, ``facility:…``, ``iso3166-2:…``)."""
        return self._by_id.get(place_id)

    def region(self, iso: str) -> Place | None:
        """The first-level region with this ISO 3166-2 code."""
        return self._regions.get(iso)

    def region_name(self, iso: str) -> str:
        """The English name of a first-level region, or "" when it is not known."""
        region = self._regions.get(iso)
        return region.name if region else ""

    def region_centred_on(self, place: Place) -> Place | None:
        """The region whose administrative centre is this town ("Saratov" -> Saratov Oblast)."""
        return self._region_by_centre.get(place.id)

    def score(self, cand: Candidate, context: Context | None = None) -> float:
        """How well a candidate fits; higher is better (see the module docstring)."""
        return self._base_score(cand) + (self._context_bonus(cand.place, context) if context else 0.0)

    @staticmethod
    def _base_score(cand: Candidate) -> float:
        place = cand.place
        score = 2.0 if cand.primary else 0.0
        if place.country in settings.THEATRE_COUNTRIES:
            score += 4.0
        if place.kind in ("town", "district"):
            score += math.log10(place.population + 1)
        else:
            score += {"facility": 8.0, "region": 6.0, "informal": 6.0, "country": 5.0}[place.kind]
        return score

    @staticmethod
    def _context_bonus(place: Place, ctx: Context) -> float:
        bonus = 0.0
        if place.admin1 and place.admin1 in ctx.regions:
            bonus += 6.0
        elif place.admin1 and place.admin1 in ctx.article_regions:
            bonus += 3.0
        if place.country and place.country in ctx.countries:
            bonus += 1.0
        return bonus

    def _ranked_without_context(self, key: str) -> list[tuple[float, Place]]:
        """Candidates of a key with their context-free scores, best first (memoised)."""
        ranked = self._rank_memo.get(key)
        if ranked is None:
            preferred = self._preferred.get(key)
            scored = [(self._base_score(c) + (1000.0 if c.place.id == preferred else 0.0), c.place)
                      for c in self._candidates_of_key(key)]
            scored.sort(key=lambda sp: (sp[0], sp[1].population), reverse=True)
            ranked = self._rank_memo[key] = scored
        return ranked

    def rank(self, name: str, context: Context | None = None) -> list[Place]:
        """The places ``name`` may mean, best first."""
        return self.rank_key(name_key(name), context)

    def rank_key(self, key: str, context: Context | None = None) -> list[Place]:
        """:meth:`rank` for a name already folded by :func:`geomap.text.name_key`."""
        ranked = self._ranked_without_context(key)
        if len(ranked) < 2 or context is None:
            return [p for _, p in ranked]
        rescored = sorted(
            ((score + self._context_bonus(p, context), p.population, -i, p)
             for i, (score, p) in enumerate(ranked)),
            reverse=True,
        )
        return [p for *_, p in rescored]

    def resolve(
        self, name: str, context: Context | None = None, *, folded: bool = False
    ) -> Resolution | None:
        """The best place for ``name`` and the alternatives passed over, or None.

        ``folded=True`` says ``name`` is already a :func:`geomap.text.name_key`.
        """
        ranked = self.rank_key(name if folded else name_key(name), context)
        if not ranked:
            return None
        return Resolution(query=name, place=ranked[0], alternatives=ranked[1:])

    def facility_at(self, place: Place, target_type: str, max_km: float = 30.0) -> Place | None:
        """The one facility of ``target_type`` in or near ``place``, if exactly one.

        "The refinery in Ryazan" resolves to the Ryazan refinery; a town with
        two refineries, or none, gives None.
        """
        if place.kind == "facility":
            return place
        town = name_key(place.name)
        found = [
            f for f in self._facilities
            if f.target_type == target_type
            and (name_key(f.town) == town if place.kind != "region" else f.admin1 == place.admin1)
        ]
        if place.kind != "region" and not found:
            found = [f for f in self._facilities if f.target_type == target_type
                     and distance_km(f.lat, f.lon, place.lat, place.lon) <= max_km]
        return found[0] if len(found) == 1 else None

    def nearest_town(self, lat: float, lon: float) -> Place | None:
        """The populated place nearest to a point."""
        towns = (p for p in self._places if p.kind == "town")
        return min(towns, key=lambda t: distance_km(lat, lon, t.lat, t.lon), default=None)

    # -- geopy interface -----------------------------------------------------------

    def geocode(self, query: str, *, exactly_one: bool = True, **_ignored: object):
        """Resolve a name like geopy geocoders do: a ``Location`` (or a ranked list), or None."""
        ranked = self.rank(query)
        if not ranked:
            return None
        locations = [self._location(p, ranked[:i] + ranked[i + 1:]) for i, p in enumerate(ranked)]
        return locations[0] if exactly_one else locations

    def reverse(self, query, *, exactly_one: bool = True, **_ignored: object):
        """The populated place nearest to a point (``"lat, lon"``, tuple or geopy ``Point``)."""
        point = Point(query)
        town = self.nearest_town(point.latitude, point.longitude)
        if town is None:
            return None
        location = self._location(town, [])
        return location if exactly_one else [location]

    def _location(self, place: Place, rejected: list[Place]) -> Location:
        raw = {
            "id": place.id, "name": place.name, "kind": place.kind, "precision": place.precision,
            "admin1": self.region_name(place.admin1) or place.admin1, "admin1_code": place.admin1,
            "country": place.country, "population": place.population,
            "target_type": place.target_type or None,
            "alternatives": [
                {"id": p.id, "name": p.name, "country": p.country, "kind": p.kind,
                 "admin1": self.region_name(p.admin1) or p.admin1, "lat": p.lat, "lon": p.lon}
                for p in rejected[:10]
            ],
        }
        return Location(place.name, (place.lat, place.lon), raw)

    @property
    def size(self) -> int:
        """How many places the gazetteer holds."""
        return len(self._places)


_CACHE_VERSION = 3


def cache_dir() -> Path:
    """Where derived indexes are kept between runs (``$GEOMAP_CACHE_DIR`` or ~/.cache/geomap)."""
    env = os.environ.get("GEOMAP_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "geomap"


def data_fingerprint(data_dir: Path) -> str:
    """A digest of the gazetteer files and of this module's index format."""
    digest = hashlib.sha1(f"v{_CACHE_VERSION}".encode())
    for name in _DATA_FILES:
        path = data_dir / name
        if path.exists():
            digest.update(name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


_DATA_FILES = ("regions.tsv", "countries.tsv", "facilities.tsv", "places.tsv.gz", "preferred.tsv")


def _cache_file(data_dir: Path) -> Path:
    return cache_dir() / f"gazetteer-{data_fingerprint(data_dir)}.pickle"


def _read_cache(data_dir: Path) -> tuple | None:
    try:
        with open(_cache_file(data_dir), "rb") as handle:
            return pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, ValueError):
        return None


def _pack(places: list[Place], index: dict[str, list[int]], preferred: dict[str, str]) -> tuple:
    """The index in a form that loads fast: keys in one string, codes in one array.

    A name with one place stores its code doubled (even); a name with several
    stores an odd number that keys them in a small side table. Unpickling one
    string and one integer array costs far less than 300,000 strings and lists.
    """
    keys = list(index)
    multi: dict[int, tuple[int, ...]] = {}
    codes = array("q")
    for key in keys:
        found = index[key]
        if len(found) == 1:
            codes.append(found[0] * 2)
        else:
            packed = len(multi) * 2 + 1
            multi[packed] = tuple(found)
            codes.append(packed)
    columns = list(zip(*places, strict=True)) if places else []
    return ("\n".join(keys), codes.tobytes(), multi, columns, preferred)


def _unpack(state: tuple) -> tuple[list[Place], dict[str, int], dict[int, tuple[int, ...]], dict[str, str]]:
    blob, code_bytes, multi, columns, preferred = state
    codes = array("q")
    codes.frombytes(code_bytes)
    index = dict(zip(blob.split("\n"), codes.tolist(), strict=True))
    places = list(map(Place._make, zip(*columns, strict=True)))
    return places, index, multi, preferred


def _write_cache(data_dir: Path, state: tuple) -> None:
    """Keep the built index for the next run; a cache that cannot be written is skipped."""
    try:
        target = _cache_file(data_dir)
        with atomic_path(target) as tmp, open(tmp, "wb") as handle:
            pickle.dump(state, handle, protocol=pickle.HIGHEST_PROTOCOL)
    except OSError:
        pass


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0088 * 2 * math.asin(math.sqrt(min(1.0, a)))


_DEFAULT: Gazetteer | None = None


def default_gazetteer() -> Gazetteer:
    """The gazetteer over the installed data, loaded once per process."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Gazetteer()
    return _DEFAULT
