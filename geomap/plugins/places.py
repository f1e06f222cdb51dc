"""Place names for the map's labels and its search, read through the gazetteer's public API.

The map draws its own readable base offline: region names at low zoom, towns at
middle zoom and villages at high zoom, and its search box finds any place the
gazetteer knows, in any spelling it knows (``Рязань``, ``Ryazan'``,
``Kharkov``, ``Харків``), even where no event is. Both come from one compact
list made here from :class:`geomap.gazetteer.Gazetteer` (its ``all_names`` and
``candidates``; nothing private): every town, district and first-level region
of the theatre countries (:data:`geomap.settings.THEATRE_COUNTRIES`) but those of
:data:`LEFT_OUT_IDS`.

Layout of the payload (``n`` places, in order of label priority: regions, then
towns by population, then districts, which are searched but never labelled)::

    {"n": n, "strings": [...],
     "name": [...], "admin1": [...],    # index into strings (a region: its ISO 3166-2 code)
     "lat": [...], "lon": [...],        # degrees, 3 decimals (about 100 m)
     "kind": [...],                     # 0 region, 1 town, 2 district
     "z": [...],                        # zoom from which the name is labelled (99: never)
     "pop": [...],                      # population (0: unknown)
     "keys": [...]}                     # "|"-joined search keys other than the name's own

A search key is :func:`geomap.text.name_key` of a name (lower case, every
non-letter a space); the page folds the query the same way. A gazetteer that
cannot be loaded (a folder without its tables, say) gives no places, never an
error.
"""

from __future__ import annotations

import functools
import logging
import re
import unicodedata
from typing import Any

from geomap import settings
from geomap.text import name_key

log = logging.getLogger(__name__)
_CYRILLIC = re.compile("[\u0400-\u04ff]")

_COUNTRY_ORDER = {"UA": 0, "RU": 1, "BY": 2}

#: Kinds of place kept, with their code in the payload.
KINDS = {"region": 0, "town": 1, "district": 2}
#: Zoom from which a region's name is labelled (the page hides region names from zoom 8 on).
REGION_ZOOM = 5
#: (population at least, zoom from which the town is labelled), largest first.
TOWN_ZOOMS = ((1_000_000, 4), (300_000, 5), (100_000, 6), (30_000, 7), (10_000, 8), (2_000, 9),
              (500, 10), (0, 11))
#: A place that is searched but never labelled.
NEVER = 99
#: Places labelled from this zoom on (villages) and districts keep at most MAX_FEW_KEYS keys
#: besides their name (one Cyrillic and one Latin first): the whole list would double the page.
FEW_KEYS_FROM = 10
MAX_FEW_KEYS = 2
#: Places of these sources are neither labelled nor searched: the villages of the Russian border
#: regions from GeoNames' postal codes (gazetteer/ru_places.tsv.gz) would add 80 KB for 2,500
#: villages to a page held to 2 MB (issue 15). A strike at one is drawn all the same.
LEFT_OUT_IDS = ("geonames-postal:",)
#: Version of the payload's layout and of the way it is made: part of its cache's name.
LAYOUT = 4


def label_zoom(kind: str, population: int) -> int:
    """Return the zoom from which a place of this kind and population is labelled."""
    if kind == "region":
        return REGION_ZOOM
    if kind != "town":
        return NEVER
    for least, zoom in TOWN_ZOOMS:
        if population >= least:
            return zoom
    return NEVER


def load_places() -> dict[str, Any] | None:
    """Return the place payload of the installed gazetteer (see the module doc), or None.

    Built once per gazetteer folder and data version (a few seconds), then cached.
    """
    from geomap.gazetteer import data_fingerprint

    folder = settings.gazetteer_dir()
    try:
        stamp = data_fingerprint(folder)
    except OSError:
        return None
    return _load_cached(str(folder), stamp)


@functools.lru_cache(maxsize=2)
def _load_cached(folder: str, stamp: str) -> dict[str, Any] | None:
    from geomap.gazetteer import load_cached, store_cached

    kind = f"map-places-{LAYOUT}"
    cached = load_cached(kind, stamp)
    if isinstance(cached, dict) and cached.get("layout") == LAYOUT:
        return cached.get("places")
    places = _build(folder)
    store_cached(kind, stamp, {"layout": LAYOUT, "places": places})
    return places


def _build(folder: str) -> dict[str, Any] | None:
    from geomap.gazetteer import Gazetteer

    try:
        gaz = Gazetteer(folder)
        keys_of: dict[str, set[str]] = {}
        places: dict[str, Any] = {}
        for key in gaz.all_names():
            for cand in gaz.candidates(key):
                place = cand.place
                if place.kind not in KINDS or place.country not in settings.THEATRE_COUNTRIES \
                        or place.id.startswith(LEFT_OUT_IDS):
                    continue
                places.setdefault(place.id, place)
                keys_of.setdefault(place.id, set()).add(key)
    except (OSError, ValueError, KeyError, IndexError, TypeError) as exc:
        # the map is still drawn, only without place labels and gazetteer search
        log.warning("gazetteer in %s: no place names on the map (%s)", folder, exc)
        return None
    if not places:
        return None
    return encode_places(places.values(), keys_of, gaz.region_name)


def encode_places(places: Any, keys_of: dict[str, set[str]], region_name: Any) -> dict[str, Any]:
    """Return the columnar payload of ``places`` (an iterable of gazetteer ``Place``).

    ``keys_of`` maps a place id to its search keys; ``region_name`` turns an
    ISO 3166-2 code into the region's English name.
    """
    def priority(p: Any) -> tuple[int, int, int, str]:
        tier = 0 if p.kind == "region" else 1 if p.kind == "town" else 2
        # regions of Ukraine first where names compete: the theatre the maps are about
        country = _COUNTRY_ORDER.get(p.country, 9) if tier == 0 else 0
        return (tier, country, -int(p.population or 0), p.id)

    ordered = sorted(places, key=priority)
    strings: list[str] = []
    index: dict[str, int] = {}

    def sid(text: str) -> int:
        k = index.get(text)
        if k is None:
            k = index[text] = len(strings)
            strings.append(text)
        return k

    cols: dict[str, Any] = {"n": len(ordered), "name": [], "admin1": [], "lat": [], "lon": [],
                            "kind": [], "z": [], "pop": [], "keys": []}
    for p in ordered:
        pop = int(p.population or 0)
        cols["name"].append(sid(p.name))
        # a region's own ISO code (to find its polygon); a town's region by name
        cols["admin1"].append(sid(p.admin1 if p.kind == "region" else region_name(p.admin1) or p.admin1))
        cols["lat"].append(round(float(p.lat), 3))
        cols["lon"].append(round(float(p.lon), 3))
        cols["kind"].append(KINDS[p.kind])
        cols["z"].append(label_zoom(p.kind, pop))
        cols["pop"].append(pop)
        keys = search_keys(p.name, keys_of.get(p.id, ()))
        if cols["z"][-1] >= FEW_KEYS_FROM:
            keys = _few(keys)
        cols["keys"].append("|".join(keys))
    cols["strings"] = strings
    return cols


def with_region_points(places: dict[str, Any] | None, regions: Any) -> dict[str, Any] | None:
    """Return ``places`` with each region's point moved inside its polygon, where one is known.

    The gazetteer places a region at its administrative centre (Kharkiv Oblast on
    the city of Kharkiv), where its name would fight the city's for room; the
    polygons of ``regions`` (a :class:`geomap.plugins.regions.RegionIndex`) give
    a point inside each region instead. ``places`` itself is left unchanged.
    """
    if not places or regions is None:
        return places
    points = {}
    for props, geom in zip(regions.props, regions.geoms, strict=True):
        try:
            pt = geom.representative_point()
        except (AttributeError, ValueError):
            continue
        points[str(props.get("iso") or "")] = (round(pt.y, 3), round(pt.x, 3))
    lat, lon, strings = list(places["lat"]), list(places["lon"]), places["strings"]
    for i, kind in enumerate(places["kind"]):
        point = points.get(strings[places["admin1"][i]]) if kind == KINDS["region"] else None
        if point:
            lat[i], lon[i] = point
    return {**places, "lat": lat, "lon": lon}


def search_keys(name: str, keys: Any) -> list[str]:
    """Return the search keys worth putting in the page for a place called ``name``.

    The gazetteer knows each place under many keys, case forms included
    (рязань, рязани, рязанью); a key that only changes the last letters of a
    shorter key kept already is left out, since the page also tries the query
    with its last letters dropped. The key of the name itself is left out too.
    """
    own = name_key(name)
    keys = set(keys)
    kept: list[str] = [own]
    for key in sorted(keys, key=lambda k: (len(k), k)):
        plain = _unaccented(key)
        if plain != key and plain in keys:
            continue  # the page tries the query without its accents too
        if any(_same_stem(key, shorter) for shorter in kept):
            continue
        kept.append(key)
    return sorted(kept[1:])


def _unaccented(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _few(keys: list[str]) -> list[str]:
    """At most :data:`MAX_FEW_KEYS` of ``keys``, shortest first, alternating Cyrillic and Latin."""
    cyr = sorted((k for k in keys if _CYRILLIC.search(k)), key=len)
    lat = sorted((k for k in keys if not _CYRILLIC.search(k)), key=len)
    out: list[str] = []
    while (cyr or lat) and len(out) < MAX_FEW_KEYS:
        if cyr:
            out.append(cyr.pop(0))
        if lat and len(out) < MAX_FEW_KEYS:
            out.append(lat.pop(0))
    return sorted(out)


def _same_stem(key: str, shorter: str) -> bool:
    """Whether ``key`` is longer than ``shorter`` and differs from it only after its first letters."""
    # keys of the same length are kept: which of рязань and рязани is the nominative is not known
    stem = max(len(shorter) - 2, 4)
    return len(key) > len(shorter) >= 4 and key[:stem] == shorter[:stem]


__all__ = ["KINDS", "NEVER", "encode_places", "label_zoom", "load_places", "search_keys",
           "with_region_points"]
