"""The local gazetteer: names to places, offline, with geopy's Geocoder interface.

It joins four files from the gazetteer folder (see ``gazetteer/README.md``):
GeoNames populated places, first-level regions, curated strike facilities and
countries. Names are indexed by :func:`geomap.text.name_key`, with the
Russian/Ukrainian case forms made at build time (``forms.tsv.gz``) and the
-sky/-skiy/-skii/-skyi transliterations made at load time; ambiguous names
are ranked by :meth:`Gazetteer.rank` from the evidence a news reader uses:
the primary name over an alternate name, the countries of the war, the size
of the place, the regions named around it and the places already read nearby
(:class:`Context`). ``reverse`` is vectorised with numpy; an optional online
fallback (Nominatim through geopy, off by default) answers names the local
data lacks.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import json
import math
import os
import pickle
import re
import sys
from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, NamedTuple

from geopy.adapters import BaseSyncAdapter
from geopy.exc import GeocoderServiceError
from geopy.geocoders.base import Geocoder
from geopy.location import Location
from geopy.point import Point

from . import settings
from . import text as _text_module
from .atomic import atomic_path
from .text import name_key

#: Suffixes that turn a region stem into the region ("Kursk region", "Kurskaya oblast").
_REGION_SUFFIXES = (
    "region", "oblast", "province", "krai", "kray", "territory", "okrug", "autonomous okrug",
    "republic", "regional",
    # "Belgorod border areas": the region, at region precision (a bare "border areas" names
    # no one place and is not indexed).
    "border area", "border areas", "border region", "border regions", "border district",
    "border districts",
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

#: Transliterations of the Russian/Ukrainian adjective ending -ский/-ський: a name written
#: with one ("Afipsky") also finds the others ("Afipskiy" in GeoNames).
_SKY_ENDINGS = ("skiy", "skii", "skyi", "skyy", "skij", "sky")
_VARIANT_LIMIT = 8


def spelling_variants(key: str) -> list[str]:
    """Other transliterations of a folded name key, the key itself first.

    Each word ending in -sky/-skiy/-skii/-skyi/-skyy/-skij takes the other
    endings; -oye and -oe are swapped ("Nikolskoye"/"Nikolskoe"). Latin only;
    at most eight variants.
    """
    variants = [key]
    words = key.split(" ")
    for i, word in enumerate(words):
        options: list[str] = []
        for ending in _SKY_ENDINGS:
            if word.endswith(ending) and len(word) > len(ending) + 1:
                base = word[: -len(ending)]
                options = [base + e for e in _SKY_ENDINGS if e != ending]
                break
        else:
            if word.endswith("skoye") or word.endswith("skoe"):
                base = word[: -len("skoye")] if word.endswith("skoye") else word[: -len("skoe")]
                options = [base + ("skoe" if word.endswith("skoye") else "skoye")]
        if not options:
            continue
        grown = []
        for variant in variants:
            parts = variant.split(" ")
            for option in options:
                grown.append(" ".join([*parts[:i], option, *parts[i + 1:]]))
        variants.extend(grown)
        if len(variants) >= _VARIANT_LIMIT:
            break
    return variants[:_VARIANT_LIMIT]


#: Places within this distance of a place already resolved in the article get ``NEAR_BONUS``:
#: less than a region named in the same sentence (6) or article (3), more than a country (1).
NEAR_KM = 150.0
NEAR_BONUS = 2.0

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
    #: (lat, lon) of places already resolved in the article: a candidate within
    #: ``NEAR_KM`` of one of them gets a small bonus.
    near: list[tuple[float, float]] = field(default_factory=list)


@dataclass
class Resolution:
    """The place a name was taken to mean, and the ones passed over."""

    query: str
    place: Place
    alternatives: list[Place]


_APOSTROPHES = re.compile("['\u2019\u02bc\u0060\u00b4]")


def _town_keys(name: str) -> set[str]:
    """The keys a town name may be written under ("Afipsky", "Afipskiy", "Il’skiy"/"Ilsky")."""
    keys = {name_key(name)}
    for base in (name_key(_APOSTROPHES.sub("", name)),):
        keys.update(spelling_variants(base))
    return keys


def _read_tsv(path: Path) -> Iterator[dict[str, str]]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)


_BRACKETED = re.compile(r"\s*\([^)]*\)")


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


class _LocalOnlyAdapter(BaseSyncAdapter):
    """geopy's network adapter for a geocoder that never goes online."""

    def __init__(self, *, proxies: object = None, ssl_context: object = None) -> None:
        super().__init__(proxies=proxies, ssl_context=ssl_context)

    def get_json(self, url: str, *, timeout: float, headers: dict) -> object:
        raise GeocoderServiceError(f"geomap's gazetteer is local and does not fetch {url}")

    def get_text(self, url: str, *, timeout: float, headers: dict) -> str:
        raise GeocoderServiceError(f"geomap's gazetteer is local and does not fetch {url}")


class Gazetteer(Geocoder):
    """An offline geocoder over the project's gazetteer files.

    >>> gaz = Gazetteer()
    >>> gaz.geocode("Ryazan").raw["country"]
    'RU'

    ``geocode`` and ``reverse`` follow geopy's interface and return geopy
    ``Location`` objects whose ``raw`` holds ``id``, ``kind``, ``admin1``,
    ``country``, ``precision`` and the ``alternatives`` that were rejected.
    """

    def __init__(
        self, data_dir: str | Path | None = None, *, cache: bool = True,
        online_fallback: bool = False, user_agent: str = "geomap-gazetteer",
    ) -> None:
        # The gazetteer answers from local data: its own adapter never opens a connection
        # (and so needs no TLS set-up). The optional Nominatim fallback has its own.
        super().__init__(adapter_factory=_LocalOnlyAdapter)
        self.data_dir = Path(data_dir) if data_dir else settings.gazetteer_dir()
        #: Ask Nominatim (through geopy, one request a second, answers cached in the cache
        #: folder) for names the local data lacks. Off by default: geomap works offline.
        self.online_fallback = online_fallback
        self.user_agent = user_agent
        self._nominatim = None
        self._online_answers: dict | None = None
        self._places: list[Place] = []
        # While loading: name key -> place codes, ``i`` for a primary name, ``~i`` for an
        # alternate one. Then packed (see ``_pack``) into ``_index`` and ``_multi``.
        self._building: dict[str, list[int]] = {}
        self._preferred: dict[str, str] = {}
        self._rank_memo: dict[str, list[tuple[float, Place]]] = {}
        unpacked = None
        #: Whether derived indexes are kept in (and read from) the cache folder.
        self.uses_cache = cache
        #: A digest of the data and of the code that indexes it: derived caches key on it.
        self.fingerprint = data_fingerprint(self.data_dir)
        state = load_cached("gazetteer", self.fingerprint) if cache else None
        if state is not None:
            try:
                unpacked = _unpack(state)
            except (ValueError, TypeError, IndexError, KeyError):
                unpacked = None  # a cache from another layout: rebuild it
        if unpacked is None:
            self._load()
            state = _pack(self._places, self._building, self._preferred)
            if cache:
                store_cached("gazetteer", self.fingerprint, state)
            unpacked = _unpack(state)
        del self._building
        self._places, self._index, self._multi, self._preferred = unpacked
        kinds = self._places.column("kind")
        special = [self._places[i] for i, kind in enumerate(kinds) if kind != "town"]
        self._regions = {p.admin1: p for p in special if p.kind == "region" and p.admin1}
        self._region_by_centre = {p.centre_id: p for p in special if p.centre_id}
        self._facilities = [p for p in special if p.kind == "facility"]

    # -- loading -----------------------------------------------------------------

    def _add_place(self, place: Place, names: Iterable[str] = (), alternates: Iterable[str] = ()) -> None:
        index = len(self._places)
        self._places.append(place)
        seen: set[str] = set()
        for code, group in ((index, (place.name, *names)), (~index, alternates)):
            for name in group:
                key = name_key(name)
                unquoted = name_key(_APOSTROPHES.sub("", name))   # "Kam'yanske" -> "kamyanske"
                for base in dict.fromkeys((key, unquoted)):
                    for variant in spelling_variants(base) if base.isascii() else (base,):
                        if len(variant) < 3 or variant in seen:
                            continue
                        seen.add(variant)
                        self._building.setdefault(variant, []).append(code)

    def _load(self) -> None:
        d = self.data_dir
        forms: dict[str, list[str]] = {}
        if (d / "forms.tsv.gz").exists():
            forms = {row["place_id"]: _split(row["forms"]) for row in _read_tsv(d / "forms.tsv.gz")}
        extra: dict[str, list[str]] = {}
        if (d / "aliases.tsv").exists():
            extra = {row["place_id"]: _split(row["aliases"]) for row in _read_tsv(d / "aliases.tsv")}
        for row in _read_tsv(d / "regions.tsv"):
            place = Place(
                id=row["region_id"], name=row["name"], lat=float(row["lat"]), lon=float(row["lon"]),
                kind="informal" if row["kind"] == "informal" else "region",
                country=row["country"], admin1=row["iso"],
                centre_id=f"geonames:{row['centre_geonameid']}" if row.get("centre_geonameid") else "",
            )
            stems = [form for stem in _split(row.get("stems")) for form in region_forms(stem)]
            self._add_place(place, [*_split(row.get("names")), *stems, *forms.get(place.id, ())])
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
                # "Kirishi oil refinery (KINEF)" is also written without its bracketed note.
                plain = _BRACKETED.sub("", place.name).strip()
                self._add_place(place, [plain, *_split(row.get("aliases")), *forms.get(place.id, ())])
        for row in _read_tsv(d / "places.tsv.gz"):
            place = Place(
                id=f"geonames:{row['geonameid']}", name=row["name"], lat=float(row["lat"]),
                lon=float(row["lon"]), kind="town", country=row["country"], admin1=row["admin1"],
                population=int(row["population"] or 0),
            )
            self._add_place(place, extra.get(place.id, ()),
                            [*_split(row["altnames"]), *forms.get(place.id, ())])
        preferred = d / "preferred.tsv"
        if preferred.exists():
            for row in _read_tsv(preferred):
                self._preferred[name_key(row["name"])] = row["place_id"]
        not_places = d / "not_places.tsv"
        if not_places.exists():
            for row in _read_tsv(not_places):
                self._building.pop(name_key(row["name"]), None)

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
    def _by_id(self) -> dict[str, int]:
        return {pid: i for i, pid in enumerate(self._places.column("id"))}

    def get(self, place_id: str) -> Place | None:
        """The place with this id (``geonames:…``, ``facility:…``, ``iso3166-2:…``)."""
        i = self._by_id.get(place_id)
        return None if i is None else self._places[i]

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
        if ctx.near and place.kind in ("town", "district", "facility") and any(
            distance_km(lat, lon, place.lat, place.lon) <= NEAR_KM for lat, lon in ctx.near
        ):
            bonus += NEAR_BONUS
        return bonus

    def _ranked_without_context(self, key: str) -> list[tuple[float, Place]]:
        """Candidates of a key with their context-free scores, best first (memoised)."""
        ranked = self._rank_memo.get(key)
        if ranked is None:
            packed = self._index.get(key)
            if packed is not None and packed % 2 == 0:
                # Most names mean one place: nothing to rank (the score only orders rivals).
                code = packed // 2
                ranked = self._rank_memo[key] = [(0.0, self._places[code if code >= 0 else ~code])]
                return ranked
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
        towns = _town_keys(place.name)
        found = [
            f for f in self._facilities
            if f.target_type == target_type
            and (not towns.isdisjoint(_town_keys(f.town)) if place.kind != "region"
                 else f.admin1 == place.admin1)
        ]
        if place.kind != "region" and not found:
            found = [f for f in self._facilities if f.target_type == target_type
                     and distance_km(f.lat, f.lon, place.lat, place.lon) <= max_km]
        return found[0] if len(found) == 1 else None

    @cached_property
    def _town_grid(self) -> tuple:
        """Town indexes and their unit vectors on the sphere (numpy arrays, built on first use)."""
        import numpy as np

        kinds = self._places.column("kind")
        idx = np.array([i for i, kind in enumerate(kinds) if kind == "town"], dtype=np.int64)
        lat = np.radians(np.array(self._places.column("lat"), dtype=np.float64)[idx])
        lon = np.radians(np.array(self._places.column("lon"), dtype=np.float64)[idx])
        xyz = np.column_stack((np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)))
        return idx, xyz

    def nearest_towns(self, lat: float, lon: float, k: int = 1) -> list[Place]:
        """The ``k`` populated places nearest to a point, nearest first.

        Vectorised over every town at once (the largest dot product of unit
        vectors is the smallest great-circle distance): about a millisecond.
        """
        import numpy as np

        idx, xyz = self._town_grid
        if not len(idx):
            return []
        la, lo = math.radians(lat), math.radians(lon)
        target = np.array([math.cos(la) * math.cos(lo), math.cos(la) * math.sin(lo), math.sin(la)])
        dots = xyz @ target
        k = min(k, len(idx))
        best = np.argpartition(-dots, k - 1)[:k] if k < len(idx) else np.arange(len(idx))
        best = best[np.argsort(-dots[best], kind="stable")]
        return [self._places[int(idx[b])] for b in best]

    def nearest_town(self, lat: float, lon: float) -> Place | None:
        """The populated place nearest to a point."""
        found = self.nearest_towns(lat, lon, 1)
        return found[0] if found else None

    # -- geopy interface -----------------------------------------------------------

    def geocode(
        self, query: str, *, exactly_one: bool = True, **_ignored: object
    ) -> Location | list[Location] | None:
        """Resolve a name like geopy geocoders do: a ``Location`` (or a ranked list), or None.

        A name the local data lacks goes to the online fallback when it is on
        (see :class:`Gazetteer`); it is off by default.
        """
        ranked = self.rank(query)
        if not ranked:
            if self.online_fallback:
                return self._online_geocode(query, exactly_one)
            return None
        if exactly_one:
            return self._location(ranked[0], ranked[1:])
        return [self._location(p, ranked[:i] + ranked[i + 1:]) for i, p in enumerate(ranked)]

    def reverse(
        self, query: str | tuple[float, float] | Point, *, exactly_one: bool = True, **_ignored: object
    ) -> Location | list[Location] | None:
        """The populated place nearest to a point (``"lat, lon"``, tuple or geopy ``Point``).

        With ``exactly_one=False``, the ten nearest, nearest first.
        """
        point = Point(query)
        towns = self.nearest_towns(point.latitude, point.longitude, 1 if exactly_one else 10)
        if not towns:
            return None
        locations = [self._location(t, []) for t in towns]
        return locations[0] if exactly_one else locations

    # -- optional online fallback ----------------------------------------------------

    def _online_geocode(self, query: str, exactly_one: bool):
        """Ask Nominatim (rate-limited, cached on disk) for a name the local data lacks."""
        cache = self._online_cache()
        key = name_key(query)
        if key not in cache:
            from geopy.exc import GeopyError

            try:
                found = self._online_geocoder()(query, exactly_one=True, language="en")
            except GeopyError as exc:
                raise OnlineFallbackError(
                    f"online fallback (Nominatim) could not look up {query!r}: {exc}. "
                    "The local gazetteer has no such name; check the network or turn the "
                    "fallback off (Gazetteer(online_fallback=False))."
                ) from exc
            cache[key] = None if found is None else {
                "name": found.address, "lat": found.latitude, "lon": found.longitude,
                "raw": found.raw,
            }
            self._save_online_cache(cache)
        hit = cache[key]
        if hit is None:
            return None
        raw = {"id": f"nominatim:{hit['raw'].get('osm_type', '')}/{hit['raw'].get('osm_id', '')}",
               "name": hit["name"], "kind": "online", "precision": "unknown", "admin1": "",
               "admin1_code": "", "country": "", "population": 0, "target_type": None,
               "alternatives": [], "source": "nominatim", "nominatim": hit["raw"]}
        location = Location(hit["name"], (hit["lat"], hit["lon"]), raw)
        return location if exactly_one else [location]

    def _online_geocoder(self):
        if self._nominatim is None:
            from geopy.extra.rate_limiter import RateLimiter
            from geopy.geocoders import Nominatim

            nominatim = Nominatim(user_agent=self.user_agent, timeout=10)
            # Nominatim's usage policy: at most one request a second; no retries on failure.
            self._nominatim = RateLimiter(nominatim.geocode, min_delay_seconds=1.0, max_retries=0,
                                          swallow_exceptions=False)
        return self._nominatim

    def _online_cache_path(self) -> Path:
        return cache_dir() / "nominatim-cache.json"

    def _online_cache(self) -> dict:
        if self._online_answers is None:
            try:
                self._online_answers = json.loads(self._online_cache_path().read_text(encoding="utf-8"))
            except (OSError, ValueError):
                self._online_answers = {}
        return self._online_answers

    def _save_online_cache(self, cache: dict) -> None:
        try:
            with atomic_path(self._online_cache_path()) as tmp:
                Path(tmp).write_text(json.dumps(cache, ensure_ascii=False), encoding="utf-8")
        except OSError:
            pass

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


class OnlineFallbackError(RuntimeError):
    """The optional online fallback was asked and could not answer (no network, refused, …)."""


_CACHE_VERSION = 5


def cache_dir() -> Path:
    """Where derived indexes are kept between runs (``$GEOMAP_CACHE_DIR`` or ~/.cache/geomap)."""
    env = os.environ.get("GEOMAP_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "geomap"


def data_fingerprint(data_dir: Path) -> str:
    """A digest of the gazetteer files and of the code that builds the index from them.

    The code is this module and :mod:`geomap.text` (whose folding makes the
    keys), so a change to either rebuilds the cache without a version bump.
    """
    digest = hashlib.sha1(f"v{_CACHE_VERSION}".encode())
    for module in (__file__, _text_module.__file__):
        digest.update(Path(module).read_bytes())
    for name in _DATA_FILES:
        path = data_dir / name
        if path.exists():
            digest.update(name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


_DATA_FILES = (
    "regions.tsv", "countries.tsv", "facilities.tsv", "places.tsv.gz", "forms.tsv.gz",
    "aliases.tsv", "preferred.tsv", "not_places.tsv",
)


def load_cached(kind: str, fingerprint: str) -> Any | None:
    """What :func:`store_cached` kept under ``kind`` and ``fingerprint``, or None.

    A cache that is missing, unreadable or from another layout gives None: the
    caller builds the thing again.
    """
    try:
        with open(cache_dir() / f"{kind}-{fingerprint}.pickle", "rb") as handle:
            return pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError, KeyError, AttributeError):
        return None


def store_cached(kind: str, fingerprint: str, value: Any) -> None:
    """Keep a derived index in the cache folder for the next run, written atomically.

    Caches of the same ``kind`` under other fingerprints (built from other data
    or code) are removed; a cache that cannot be written is skipped.
    """
    try:
        target = cache_dir() / f"{kind}-{fingerprint}.pickle"
        with atomic_path(target) as tmp, open(tmp, "wb") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        for old in target.parent.glob(f"{kind}-*.pickle"):
            if old != target:
                old.unlink(missing_ok=True)  # never read again
    except OSError:
        pass


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
    # Repeated strings (kinds, countries, region codes) become one object each, which
    # pickle then stores once: a smaller cache that loads faster.
    columns = [tuple(sys.intern(v) if isinstance(v, str) else v for v in column)
               for column in zip(*places, strict=True)] if places else []
    return ("\n".join(keys), codes.tobytes(), multi, columns, preferred)


class _PlaceTable(Sequence[Place]):
    """The places as columns, each ``Place`` made the first time it is asked for.

    Making 60,000 named tuples up front would cost a third of the warm load;
    a lookup touches only the few places its name may mean.
    """

    def __init__(self, columns: list[tuple]) -> None:
        self.columns = columns
        self._made: list[Place | None] = [None] * (len(columns[0]) if columns else 0)

    def __len__(self) -> int:
        return len(self._made)

    def __getitem__(self, i):  # type: ignore[override]
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        place = self._made[i]
        if place is None:
            place = self._made[i] = Place._make(column[i] for column in self.columns)
        return place

    def __iter__(self) -> Iterator[Place]:
        return (self[i] for i in range(len(self)))

    def column(self, name: str) -> tuple:
        """One field of every place, in order (no ``Place`` is made)."""
        return self.columns[Place._fields.index(name)]


def _unpack(state: tuple) -> tuple[_PlaceTable, dict[str, int], dict[int, tuple[int, ...]], dict[str, str]]:
    blob, code_bytes, multi, columns, preferred = state
    codes = array("q")
    codes.frombytes(code_bytes)
    index = dict(zip(blob.split("\n"), codes.tolist(), strict=True))
    return _PlaceTable(columns), index, multi, preferred


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
