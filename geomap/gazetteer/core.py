"""The offline geocoder: names to places, ranked by the evidence around them, with geopy's interface."""

from __future__ import annotations

import gc
import math
from collections.abc import Iterable, Sequence
from functools import cached_property
from pathlib import Path

from geopy.geocoders.base import Geocoder
from geopy.location import Location
from geopy.point import Point

from .. import settings
from ..text import name_key
from .cache import data_fingerprint, load_cached, pack, store_cached, unpack
from .loading import load_tables
from .model import Candidate, Context, Place, Resolution, distance_km
from .names import read_tsv, town_keys
from .online import OnlineFallback, _LocalOnlyAdapter
from .ranking import base_score, context_bonus, judge, outside, place_score

#: Kilometres of great circle per degree of latitude (the radius of ``distance_km``).
_KM_PER_DEGREE_OF_LATITUDE = 6371.0088 * math.pi / 180


class Gazetteer(OnlineFallback, Geocoder):
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
        self._rank_memo: dict[str, list[tuple[float, Place]]] = {}
        #: Whether derived indexes are kept in (and read from) the cache folder.
        self.uses_cache = cache
        #: A digest of the data and of the code that indexes it: derived caches key on it.
        self.fingerprint = data_fingerprint(self.data_dir)
        state = load_cached("gazetteer", self.fingerprint) if cache else None
        unpacked = None
        if state is not None:
            try:
                unpacked = unpack(state)
            except (ValueError, TypeError, IndexError, KeyError):
                unpacked = None  # a cache from another layout: rebuild it
        if unpacked is None:
            # The build makes a million objects and frees almost none: the cyclic collector would
            # only walk them again and again (a quarter of the build's time). Off meanwhile.
            collecting = gc.isenabled()
            gc.disable()
            try:
                built = load_tables(self.data_dir)
                state = pack(built.places, built.index, built.preferred, built.quiet_keys(), place_score)
                del built   # the build's dicts and lists go before the packed index is unpacked
            finally:
                if collecting:
                    gc.enable()
            if cache:
                store_cached("gazetteer", self.fingerprint, state)
            unpacked = unpack(state)
        del state
        self._places = unpacked.places
        self._index = unpacked.index
        self._key_id, self._codes, self._made = self._index.id_of, self._index.codes, self._places.made
        self._multi_start, self._multi_codes = unpacked.multi_start, unpacked.multi_codes
        self._ranked_codes, self._ranked_scores = unpacked.ranked_codes, unpacked.ranked_scores
        self._preferred, self._quiet = unpacked.preferred, unpacked.quiet
        special = [self._places[i] for i in unpacked.special]
        self._regions = {p.admin1: p for p in special if p.kind == "region" and p.admin1}
        self._region_by_centre = {p.centre_id: p for p in special if p.centre_id}
        self._facilities = [p for p in special if p.kind == "facility"]
        self._facility_index: dict[str, list[tuple[Place, frozenset[str]]]] = {}

    # -- lookups -----------------------------------------------------------------

    def names(self) -> Iterable[str]:
        """Every name key to look for in running text (for building a matcher).

        Names that only small places carry and that read as common words or
        given names ("quiet" keys, see ``gazetteer/README.md``) are left out:
        :meth:`rank` and :meth:`geocode` still find them.
        """
        quiet = self._quiet
        return (key for key in self._index.keys() if key not in quiet)

    def all_names(self) -> Iterable[str]:
        """Every indexed name key, quiet ones included."""
        return self._index.keys()

    def candidates(self, name: str) -> list[Candidate]:
        """Every place ``name`` may mean, unranked."""
        return self._candidates_of_key(name_key(name))

    def _candidates_of_key(self, key: str) -> list[Candidate]:
        packed = self._index.get(key)
        if packed is None:
            return []
        if packed & 1:
            m = packed >> 1
            codes: Sequence[int] = self._multi_codes[self._multi_start[m]:self._multi_start[m + 1]]
        else:
            codes = (packed >> 1,)
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

    @cached_property
    def _admin1_names(self) -> dict[str, str]:
        path = self.data_dir / "admin1.tsv"
        return {row["code"]: row["name"] for row in read_tsv(path)} if path.exists() else {}

    def admin1_name(self, code: str) -> str:
        """The name of a first-level region: RU/UA/BY regions by ISO code, others by GeoNames code.

        ``US.TX`` gives "Texas" (``admin1.tsv``); an unknown code gives the code itself.
        """
        return self.region_name(code) or self._admin1_names.get(code, code)

    def region_centred_on(self, place: Place) -> Place | None:
        """The region whose administrative centre is this town ("Saratov" -> Saratov Oblast)."""
        return self._region_by_centre.get(place.id)

    def centre_of(self, region: Place) -> Place | None:
        """The town that is a region's administrative centre (Saratov Oblast -> "Saratov")."""
        centre = getattr(region, "centre_id", "")
        return self.get(centre) if centre else None

    def score(self, cand: Candidate, context: Context | None = None) -> float:
        """How well a candidate fits; higher is better (see :mod:`geomap.gazetteer.ranking`)."""
        return base_score(cand) + (context_bonus(cand.place, context) if context else 0.0)

    def _ranked_without_context(self, key: str) -> list[tuple[float, Place]]:
        """Candidates of a key with their context-free scores, best first (memoised).

        The ranking was made when the index was packed (:func:`~geomap.gazetteer.cache.pack`):
        a first look-up only reads it.
        """
        ranked = self._rank_memo.get(key)
        if ranked is not None:
            return ranked
        # The hot path of a first look-up, inlined (each method call saved is a tenth of it):
        # the trie's id of the key, its packed code, the place made on first use.
        kid = self._key_id(key)
        made, make = self._made, self._places.make
        if kid is None:
            ranked = []
        else:
            packed = self._codes[kid]
            if not packed & 1:
                # Most names mean one place: nothing to rank (the score only orders rivals).
                code = packed >> 1
                if code < 0:
                    code = ~code
                ranked = [(0.0, made[code] or make(code))]
            else:
                m = packed >> 1
                codes, scores = self._ranked_codes, self._ranked_scores
                ranked = []
                for j in range(self._multi_start[m], self._multi_start[m + 1]):
                    code = codes[j]
                    if code < 0:
                        code = ~code
                    ranked.append((scores[j], made[code] or make(code)))
        self._rank_memo[key] = ranked
        return ranked

    def rank(self, name: str, context: Context | None = None) -> list[Place]:
        """The places ``name`` may mean, best first."""
        return self.rank_key(name_key(name), context)

    def rank_key(self, key: str, context: Context | None = None) -> list[Place]:
        """:meth:`rank` for a name already folded by :func:`geomap.text.name_key`.

        With ``context.within`` set, towns and districts outside those regions are dropped.
        """
        ranked: list[tuple[float, Place]] | None
        if context is not None:
            ranked = self._scored(key, context)
        else:
            ranked = self._rank_memo.get(key)
            if ranked is None:
                # A first look-up of a name that means one place (nine in ten), inlined: the
                # trie's id of the key, its packed code, the place made on first use.
                kid = self._key_id(key)
                if kid is not None:
                    packed = self._codes[kid]
                    if not packed & 1:
                        code = packed >> 1
                        if code < 0:
                            code = ~code
                        place = self._made[code] or self._places.make(code)
                        self._rank_memo[key] = [(0.0, place)]
                        return [place]
                ranked = self._ranked_without_context(key)
        return [ranked[0][1]] if len(ranked) == 1 else [p for _, p in ranked]

    def _scored(self, key: str, context: Context | None) -> list[tuple[float, Place]]:
        ranked = self._ranked_without_context(key)
        if context is None:
            return ranked
        if context.within:
            ranked = [sp for sp in ranked if not outside(sp[1], context.within)]
        if len(ranked) < 2:
            return ranked
        rescored = sorted(
            [(score + context_bonus(p, context), p.population, -i, p)  # (a list: no generator to resume)
             for i, (score, p) in enumerate(ranked)],
            reverse=True,
        )
        return [(s, p) for s, _, _, p in rescored]

    def resolve(
        self, name: str, context: Context | None = None, *, folded: bool = False
    ) -> Resolution | None:
        """The best place for ``name``, the alternatives passed over, and how sure the choice is.

        ``folded=True`` says ``name`` is already a :func:`geomap.text.name_key`.
        Returns None when the name is unknown, or when ``context.within`` rules
        out every candidate. ``Resolution.ambiguous`` and ``confidence`` follow
        :func:`geomap.gazetteer.ranking.judge`.
        """
        return self._resolve(name, context, folded=folded)

    def _resolve(self, name: str, context: Context | None, *, folded: bool = False,
                 strict: bool = False) -> Resolution | None:
        # ``strict``: regions outside ``context.within`` go too (geocode's "X, Sumy region"
        # never answers with another region that happens to share the name X).
        key = name if folded else name_key(name)
        scored = self._scored(key, context)
        if strict and context is not None and context.within:
            scored = [sp for sp in scored if sp[1].kind != "region" or sp[1].admin1 in context.within]
        if strict and context is not None and context.countries and not context.within:
            scored = [sp for sp in scored if sp[1].country in context.countries]
        if not scored:
            return None
        filtered = bool(context and context.within) and len(scored) < len(self._ranked_without_context(key))
        ambiguous, confidence, why = judge(scored, filtered)
        return Resolution(query=name, place=scored[0][1], alternatives=[p for _, p in scored[1:]],
                          ambiguous=ambiguous, confidence=confidence, why=why)

    def facility_at(self, place: Place, target_type: str, max_km: float = 30.0) -> Place | None:
        """The one facility of ``target_type`` in or near ``place``, if exactly one.

        "The refinery in Ryazan" resolves to the Ryazan refinery; a town with
        two refineries, or none, gives None.
        """
        if place.kind == "facility":
            return place
        of_type = self._facilities_of_type(target_type)
        if place.kind == "region":
            found = [f for f, _ in of_type if f.admin1 == place.admin1]
            return found[0] if len(found) == 1 else None
        towns = town_keys(place.name)
        found = [f for f, keys in of_type if not towns.isdisjoint(keys)]
        if not found:
            # A facility further north or south than ``max_km`` is further away whatever its
            # longitude (the great-circle distance is at least the latitude's arc): most are
            # ruled out without the haversine.
            lat, lon = place.lat, place.lon
            reach = max_km / _KM_PER_DEGREE_OF_LATITUDE + 1e-9
            found = [f for f, _ in of_type if -reach <= f.lat - lat <= reach
                     and distance_km(f.lat, f.lon, lat, lon) <= max_km]
        return found[0] if len(found) == 1 else None

    def _facilities_of_type(self, target_type: str) -> list[tuple[Place, frozenset[str]]]:
        """The facilities of one target type in the gazetteer's order, each with the keys its
        town may be written under (worked out once per type, at its first look-up)."""
        of_type = self._facility_index.get(target_type)
        if of_type is None:
            of_type = [(f, frozenset(town_keys(f.town))) for f in self._facilities
                       if f.target_type == target_type]
            self._facility_index[target_type] = of_type
        return of_type

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

        A region after a comma is honoured: "Oleksandrivka, Kharkiv region"
        (also "Kharkiv Oblast", "Kharkivska oblast", "Kharkiv obl.", or a bare
        ", Kharkiv", which names the oblast of that city) only finds places in
        that region. ``raw`` holds the place's raion (``admin2``) and hromada
        (``admin3``), the alternatives, ``ambiguous``, ``confidence`` and
        ``why``. A name the local data lacks goes to the online fallback when
        it is on (see :class:`Gazetteer`); it is off by default.
        """
        name, context = self.split_region(query)
        resolution = self._resolve(name, context, strict=True)
        if resolution is None:
            if self.online_fallback:
                return self._online_geocode(query, exactly_one)
            return None
        ranked = [resolution.place, *resolution.alternatives]
        if exactly_one:
            return self._location(resolution.place, resolution.alternatives, resolution)
        return [self._location(p, ranked[:i] + ranked[i + 1:], resolution if i == 0 else None)
                for i, p in enumerate(ranked)]

    def split_region(self, query: str) -> tuple[str, Context | None]:
        """``"Oleksandrivka, Kharkiv region"`` -> ``("Oleksandrivka", Context(within={"UA-63"}))``.

        The part after the last comma is read as a region when it names one (or
        a town, whose region is then meant: ", Kharkiv" is Kharkiv Oblast, ",
        Dnipropetrovsk" Dnipropetrovsk Oblast, never the city). A query without
        such a tail is returned as it is, with no context. A country after the
        comma ("Bakhmut, Ukraine") gives ``Context.countries``.
        """
        head, sep, tail = query.rpartition(",")
        if not sep or not head.strip() or not tail.strip():
            return query, None
        found = self.rank(tail.strip().rstrip("."))
        if found and found[0].kind == "country":
            # "Bakhmut, Ukraine": the country counts for the ranking (a strict filter in geocode).
            return head.strip(), Context(countries={found[0].country})
        region = next((p for p in found if p.kind == "region"), None)
        if region is None and found and found[0].kind == "town" and found[0].admin1:
            region = self.region(found[0].admin1) or found[0]
        if region is None or not region.admin1:
            return query, None
        return head.strip(), Context(within={region.admin1}, regions={region.admin1})

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

    def _location(self, place: Place, rejected: list[Place],
                  resolution: Resolution | None = None) -> Location:
        raw = {
            "id": place.id, "name": place.name, "kind": place.kind, "precision": place.precision,
            "admin1": self.admin1_name(place.admin1), "admin1_code": place.admin1,
            "admin2": place.admin2, "admin3": place.admin3, "radius_m": place.radius_m,
            "ambiguous": resolution.ambiguous if resolution else False,
            "confidence": resolution.confidence if resolution else 1.0,
            "why": resolution.why if resolution else "",
            "country": place.country, "population": place.population,
            "target_type": place.target_type or None,
            "alternatives": [
                {"id": p.id, "name": p.name, "country": p.country, "kind": p.kind,
                 "admin1": self.admin1_name(p.admin1), "admin2": p.admin2, "admin3": p.admin3,
                 "lat": p.lat, "lon": p.lon}
                for p in rejected[:10]
            ],
        }
        return Location(place.name, (place.lat, place.lon), raw)

    @property
    def size(self) -> int:
        """How many places the gazetteer holds."""
        return len(self._places)
