"""The derived index kept between runs: where it lives, what it is keyed on, and its packed layout."""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from array import array
from collections.abc import Callable, Iterator, Sequence
from operator import itemgetter
from pathlib import Path
from typing import Any

import marisa_trie

from .. import text as _text_module
from ..atomic import atomic_path
from .model import Place

_CACHE_VERSION = 8

#: The gazetteer files the index is built from (a change to any rebuilds it).
DATA_FILES = (
    "regions.tsv", "countries.tsv", "facilities.tsv", "places.tsv.gz", "forms.tsv.gz",
    "aliases.tsv", "preferred.tsv", "not_places.tsv", "ua_places.tsv.gz", "districts.tsv.gz",
    "ru_districts.tsv.gz", "city_districts.tsv.gz", "ru_places.tsv.gz",
)


def cache_dir() -> Path:
    """Where derived indexes are kept between runs (``$GEOMAP_CACHE_DIR`` or ~/.cache/geomap)."""
    env = os.environ.get("GEOMAP_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "geomap"


def data_fingerprint(data_dir: Path) -> str:
    """A digest of the gazetteer files and of the code that builds the index from them.

    The code is this package and :mod:`geomap.text` (whose folding makes the
    keys), so a change to either rebuilds the cache without a version bump.
    """
    digest = hashlib.sha1(f"v{_CACHE_VERSION}".encode())
    for module in (*sorted(Path(__file__).parent.glob("*.py")), Path(_text_module.__file__)):
        digest.update(module.read_bytes())
    for name in DATA_FILES:
        path = data_dir / name
        if path.exists():
            digest.update(name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


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


#: The fields of a place that many places share (a village's kind, country, oblast, raion and
#: hromada): stored once per distinct combination, a "profile", so that making a ``Place``
#: reads seven columns, not fourteen.
_PROFILE_FIELDS = ("kind", "country", "admin1", "target_type", "town", "centre_id", "admin2", "admin3")


def pack(places: list[Place], index: dict[str, int | list[int]], preferred: dict[str, str],
         quiet: set[str], score: Callable[[Place, bool], float]) -> dict:
    """The index in a form that loads fast and stays small in memory.

    * Name keys go in a MARISA trie (the ``marisa-trie`` package): about 2 MB
      for half a million keys, loaded in a millisecond, against some 40 MB of
      Python strings; each key's id in the trie indexes ``codes``.
    * A name with one place stores its code doubled (even); a name with several
      an odd number ``2 m + 1``, ``m`` indexing flat arrays of their codes
      (``multi_start``): once in index order (``multi_codes``, for
      :meth:`Gazetteer.candidates`) and once ranked best first with their
      context-free scores (``ranked_codes``, ``ranked_scores``), so that a first
      look-up of a name with a hundred namesakes sorts nothing.
    * Places go as columns: numbers in typed arrays, ``id`` and ``name`` as
      tuples of strings, the fields many places share as profiles (above).

    ``score(place, primary)`` is the context-free score of
    :func:`geomap.gazetteer.ranking.place_score`; ``preferred`` names (the usual
    news meaning of a name) are ranked first as the look-up did before.
    """
    # numpy here, not at the top: a warm load never packs, and importing numpy costs 0.1 s.
    import numpy as np

    keys = list(index)
    trie = marisa_trie.Trie(keys)
    packed: list[int] = []
    multi_start, multi_codes = array("q", [0]), array("i")
    ranked_codes, ranked_scores = array("i"), array("d")
    for key, found in index.items():
        if found.__class__ is int:
            packed.append(found * 2)
            continue
        packed.append((len(multi_start) - 1) * 2 + 1)
        multi_codes.extend(found)
        pref = preferred.get(key)
        scored = []
        for code in found:
            place = places[code if code >= 0 else ~code]
            s = score(place, code >= 0)
            # A district's people break no tie here: with nothing around a phrase to go by, its
            # hromadas keep the gazetteer's order (a reading passes its context to weigh them).
            scored.append((s + 1000.0 if place.id == pref else s,
                           place.population if place.kind != "district" else 0, code))
        # The same order as sorting (score, population) best first, stably (ties keep index order).
        scored.sort(key=lambda t: (t[0], t[1]), reverse=True)
        ranked_codes.extend(c for _, _, c in scored)
        ranked_scores.extend(s for s, _, _ in scored)
        multi_start.append(len(multi_codes))
    codes = np.empty(len(keys), dtype=np.int64)
    codes[np.fromiter(map(trie.__getitem__, keys), dtype=np.int64, count=len(keys))] = packed
    profiles: dict[tuple, int] = {}
    shared = itemgetter(*(Place._fields.index(f) for f in _PROFILE_FIELDS))
    profile_of = array("i", (profiles.setdefault(shared(p), len(profiles)) for p in places))
    special = array("i", (i for i, p in enumerate(places) if p.kind not in ("town", "district")))
    return {
        "trie": trie.tobytes(), "codes": codes.tobytes(), "multi_start": multi_start,
        "multi_codes": multi_codes, "ranked_codes": ranked_codes, "ranked_scores": ranked_scores,
        "ids": tuple(p.id for p in places), "names": tuple(p.name for p in places),
        "lat": array("d", (p.lat for p in places)), "lon": array("d", (p.lon for p in places)),
        "population": array("q", (p.population for p in places)),
        "radius_m": array("q", (p.radius_m for p in places)),
        "profile_of": profile_of, "special": special,
        "profiles": [tuple(sys.intern(v) for v in profile) for profile in profiles],
        "preferred": preferred, "quiet": "\n".join(sorted(quiet)),
    }


_new_tuple = tuple.__new__


class PlaceTable(Sequence[Place]):
    """The places as columns, each ``Place`` made the first time it is asked for.

    Making 96,000 named tuples up front would cost more than the rest of a warm
    load; a look-up touches only the few places its name may mean.
    """

    def __init__(self, state: dict) -> None:
        self._ids, self._names = state["ids"], state["names"]
        self._lat, self._lon = state["lat"], state["lon"]
        self._population, self._radius = state["population"], state["radius_m"]
        self._profile_of, self._profiles = state["profile_of"], state["profiles"]
        self._made: list[Place | None] = [None] * len(self._ids)
        #: ``make(i)``: place ``i``, made now (the look-up path calls it when ``made[i]`` is None).
        self.make = self._maker()

    def __len__(self) -> int:
        return len(self._made)

    def __getitem__(self, i):  # type: ignore[override]
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        return self._made[i] or self.make(i)

    def _maker(self) -> Callable[[int], Place]:
        # A closure over the columns: its free variables are read faster than attributes of
        # ``self``, and making places is most of a first look-up's cost.
        ids, names, lat, lon = self._ids, self._names, self._lat, self._lon
        population, radius = self._population, self._radius
        profile_of, profiles = self._profile_of, self._profiles
        made, new = self._made, _new_tuple

        def make(i: int) -> Place:
            kind, country, admin1, target_type, town, centre_id, admin2, admin3 = profiles[profile_of[i]]
            # tuple.__new__ over a tuple: a third of the cost of Place(...) with keywords.
            place = made[i] = new(Place, (
                ids[i], names[i], lat[i], lon[i], kind, country, admin1,
                population[i], target_type, radius[i], town, centre_id, admin2, admin3))
            return place

        return make

    @property
    def made(self) -> list[Place | None]:
        """The places made so far (None where not yet): read directly by the look-up path."""
        return self._made

    def __iter__(self) -> Iterator[Place]:
        return (self[i] for i in range(len(self)))

    def column(self, name: str) -> Sequence:
        """One field of every place, in order (no ``Place`` is made)."""
        direct = {"id": self._ids, "name": self._names, "lat": self._lat, "lon": self._lon,
                  "population": self._population, "radius_m": self._radius}
        if name in direct:
            return direct[name]
        field = _PROFILE_FIELDS.index(name)
        values = [p[field] for p in self._profiles]
        return [values[k] for k in self._profile_of]


class NameIndex:
    """Name key -> packed code (see :func:`pack`), over a MARISA trie and an array of codes."""

    def __init__(self, trie: marisa_trie.Trie, codes: array) -> None:
        self._trie = trie
        #: The trie's id of a key (or None) and the codes by id: read directly by the look-up path.
        self.id_of = trie.get
        self.codes = codes

    def get(self, key: str, default: int | None = None) -> int | None:
        """The packed code of ``key``, or ``default``."""
        found = self.id_of(key)
        return default if found is None else self.codes[found]

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and key in self._trie

    def __iter__(self) -> Iterator[str]:
        return self._trie.iterkeys()

    def keys(self) -> list[str]:
        """Every key (in the trie's order)."""
        return self._trie.keys()

    def __len__(self) -> int:
        return len(self._trie)


class Unpacked:
    """The parts :func:`pack` stored, ready for look-ups."""

    def __init__(self, state: dict) -> None:
        trie = marisa_trie.Trie().frombytes(state["trie"])
        codes = array("q")
        codes.frombytes(state["codes"])
        if len(trie) != len(codes):
            raise ValueError("a cache whose keys and codes disagree")
        self.index = NameIndex(trie, codes)
        self.places = PlaceTable(state)
        self.multi_start: array = state["multi_start"]
        self.multi_codes: array = state["multi_codes"]
        self.ranked_codes: array = state["ranked_codes"]
        self.ranked_scores: array = state["ranked_scores"]
        self.special: array = state["special"]
        self.preferred: dict[str, str] = state["preferred"]
        quiet = state["quiet"]
        self.quiet = frozenset(quiet.split("\n")) if quiet else frozenset()


def unpack(state: dict) -> Unpacked:
    """The parts :func:`pack` stored (a cache of another layout raises ValueError, KeyError or TypeError)."""
    if not isinstance(state, dict):
        raise TypeError("a cache of another layout")
    return Unpacked(state)
