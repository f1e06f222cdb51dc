"""The derived index kept between runs: where it lives, what it is keyed on, and its packed layout."""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from array import array
from bisect import bisect_left
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from .. import text as _text_module
from ..atomic import atomic_path
from .model import Place

_CACHE_VERSION = 6

#: The gazetteer files the index is built from (a change to any rebuilds it).
DATA_FILES = (
    "regions.tsv", "countries.tsv", "facilities.tsv", "places.tsv.gz", "forms.tsv.gz",
    "aliases.tsv", "preferred.tsv", "not_places.tsv", "ua_places.tsv.gz", "districts.tsv.gz",
    "ru_districts.tsv.gz",
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


def pack(places: list[Place], index: dict[str, list[int]], preferred: dict[str, str],
         quiet: set[str]) -> tuple:
    """The index in a form that loads fast: keys in one string, codes in one array.

    A name with one place stores its code doubled (even); a name with several
    stores an odd number that keys them in a small side table. Unpickling one
    string and one integer array costs far less than 300,000 strings and lists.
    ``quiet`` (keys found by look-up but never in running text) goes as one string.
    """
    keys = sorted(index)   # sorted: looked up by bisection (see ``SortedIndex``)
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
    # Repeated strings (kinds, countries, region codes, raion names) become one object
    # each, which pickle then stores once: a smaller cache that loads faster.
    columns = [tuple(sys.intern(v) if isinstance(v, str) else v for v in column)
               for column in zip(*places, strict=True)] if places else []
    return ("\n".join(keys), codes.tobytes(), multi, columns, preferred, "\n".join(sorted(quiet)))


_new_tuple = tuple.__new__


class PlaceTable(Sequence[Place]):
    """The places as columns, each ``Place`` made the first time it is asked for.

    Making 90,000 named tuples up front would cost a third of the warm load;
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
            # tuple.__new__ over a list: a third of the cost of Place._make over a generator.
            place = self._made[i] = _new_tuple(Place, [column[i] for column in self.columns])
        return place

    def __iter__(self) -> Iterator[Place]:
        return (self[i] for i in range(len(self)))

    def column(self, name: str) -> tuple:
        """One field of every place, in order (no ``Place`` is made)."""
        return self.columns[Place._fields.index(name)]


class SortedIndex(Mapping[str, int]):
    """Name key -> packed code, over the sorted keys: found by bisection, no dict to build.

    Hashing half a million keys into a dict took most of a warm load; splitting
    one string and bisecting it (some 20 string comparisons a look-up, done in C)
    costs a fraction, and look-ups are memoised by the ranking anyway.
    """

    def __init__(self, keys: list[str], codes: array) -> None:
        self._keys = keys
        self._codes = codes

    def get(self, key: str, default: int | None = None) -> int | None:  # type: ignore[override]
        i = bisect_left(self._keys, key)
        if i < len(self._keys) and self._keys[i] == key:
            return self._codes[i]
        return default

    def __getitem__(self, key: str) -> int:
        found = self.get(key)
        if found is None:
            raise KeyError(key)
        return found

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self.get(key) is not None

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)


def unpack(state: tuple) -> tuple[PlaceTable, SortedIndex, dict[int, tuple[int, ...]],
                                  dict[str, str], frozenset[str]]:
    """The parts :func:`pack` stored: places, key -> code, the side table, preferences, quiet keys."""
    blob, code_bytes, multi, columns, preferred, quiet = state
    codes = array("q")
    codes.frombytes(code_bytes)
    keys = blob.split("\n")
    if len(keys) != len(codes):
        raise ValueError("a cache whose keys and codes disagree")
    index = SortedIndex(keys, codes)
    if columns and len(columns) != len(Place._fields):
        raise ValueError("a cache of another Place layout")
    quiet_keys = frozenset(quiet.split("\n")) if quiet else frozenset()
    return PlaceTable(columns), index, multi, preferred, quiet_keys
