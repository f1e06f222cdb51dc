"""Folding containers: a region or district struck in the headline, or named as the home of
unnamed villages, gives way to the places the report names struck in it (:func:`fold_containers`);
and whether one event lies inside another's district (:func:`_within`, which
:mod:`.weapons` uses too)."""

from __future__ import annotations

import functools
import re

from ..gazetteer import distance_km
from ..model import HROMADA_REACH_KM, Event, is_hromada
from ..reading import LEAD, SentenceReading


def fold_containers(readings: list[SentenceReading]) -> None:
    """Drop a region or district struck in the headline, or named as the home of unnamed villages,
    when the report names the places struck in it.

    "Russia drops guided bombs on Kharkiv region village" above a body about
    Tsyrkuny is one strike, at Tsyrkuny; so is "two settlements of the Kharkiv
    region came under attack" beside the villages' own sentences. A region's
    interception tally stays: it counts drones the places do not.
    """
    by_region: dict[str, list[Event]] = {}  # the precise events of each region, looked up by name
    for reading in readings:
        for event in reading.events:
            if event.geo_precision in ("facility", "town", "district"):
                by_region.setdefault(event.admin1, []).append(event)
    for reading in readings:
        if not reading.events:
            continue
        kept = []
        for event in reading.events:
            # Only a coarse strike told as a headline, a region in the lead ("Four people were wounded
            # by shelling in the Kherson region" above the villages' list) or an address is a
            # candidate: few per report, so the search for what it holds stays cheap even in a very
            # long document.
            coarse = event.geo_precision in ("region", "district") and event.status != "intercepted"
            # "settlements of the Kharkiv, Chuhuiv and Izium districts" above the villages' own lines:
            # the raions are addresses of the day's fire.
            listed = coarse and event.geo_precision == "district" and not is_hromada(event.place_id) \
                and _districts_listed_as_home(reading.sentence.text, event.place)
            folds = coarse and (reading.index == 0 or listed
                                or (reading.index <= LEAD and event.geo_precision == "region")
                                or _names_home_of_places(reading.sentence.text, event.place))
            inner = [e for e in by_region.get(event.admin1, ()) if e is not event and _holds(event, e)] \
                if folds else []
            if listed and not inner and any(e.geo_precision in ("facility", "town")
                                            for e in by_region.get(event.admin1, ())):
                continue  # (a raion is 100 km across: its villages may lie beyond what _holds reaches)
            if not inner:
                kept.append(event)
                continue
            for e in inner:
                if reading.sentence.text not in e.evidence:
                    e.evidence.append(reading.sentence.text)
                if e.strike_type == "unknown" and len(inner) == 1:
                    # "the Saltivka district, presumably with Shaheds": the one strike it holds (a
                    # headline's "KABs on Kherson region" does not say what hit each of its towns).
                    e.strike_type = event.strike_type
        reading.events[:] = kept


def _holds(outer: Event, inner: Event) -> bool:
    """Whether ``inner`` is a more precise event inside the region or district ``outer``."""
    if outer.geo_precision == "region":
        return inner.geo_precision in ("facility", "town", "district") and inner.admin1 == outer.admin1
    if outer.geo_precision == "district":
        reach = HROMADA_REACH_KM if is_hromada(outer.place_id) else _DISTRICT_KM
        return inner.geo_precision in ("facility", "town") and _km(outer, inner) <= reach
    return False


def _within(outer: Event, inner: Event) -> bool:
    """Whether ``inner`` lies in the district ``outer`` (a hromada in a raion too)."""
    if outer.geo_precision == "district" and inner.geo_precision == "district":
        if is_hromada(outer.place_id) or not is_hromada(inner.place_id):
            return False
        # A hromada's KATOTTG code begins with its raion's (oblast, then raion): the code says
        # so even of a raion a hundred kilometres across.
        return inner.place_id[:_RAION_CODE] == outer.place_id[:_RAION_CODE] \
            or _km(outer, inner) <= _DISTRICT_KM
    return _holds(outer, inner)


#: "katottg:UA" and the two digits of the oblast and the two of the raion.
_RAION_CODE = len("katottg:UA") + 4


#: How far a place may lie from a district's point and still be taken to lie in it.
_DISTRICT_KM = 40.0


def _km(a: Event, b: Event) -> float:
    return distance_km(a.lat, a.lon, b.lat, b.lon)


_PLACES_WORD = r"(?:villages?|towns?|settlements?|communities|community|hromadas?|districts?|cities)"
_ANY_PLACES_WORD = re.compile(rf"\b{_PLACES_WORD}\b", re.IGNORECASE)
_PLACES_STEMS = ("village", "town", "settlement", "communit", "hromada", "district", "cities")


def _names_home_of_places(sentence: str, place: str) -> bool:
    """"two Kharkiv region villages", "settlements of the Kharkiv region": a region as an address."""
    lower = sentence.lower()
    if not any(map(lower.__contains__, _PLACES_STEMS)) or not _ANY_PLACES_WORD.search(sentence):
        return False  # the usual case, found without building a pattern for this place
    if not place or place[0].isspace() or place[-1].isspace():
        return _home_of_places(place).search(sentence) is not None
    # The answer of _home_of_places(place).search(sentence), without compiling that pattern for
    # each place (two copies of the place words, case-blind: most of a news slice's pattern
    # building): the place words are found by fixed patterns, and only the name is compared.
    name = _literal(place)
    for word in _ANY_PLACES_WORD.finditer(sentence):
        # "<place> villages": the name ends where the spaces before the word begin
        end = len(sentence[:word.start()].rstrip())
        if end < word.start() and end >= len(place) and name.fullmatch(sentence, end - len(place), end):
            return True
    for words in _PLACES_OF.finditer(sentence):
        # "villages of (the) <place>"
        if name.match(sentence, words.end()) or (
                words.group("the") and name.match(sentence, words.start("the"))):
            if not words.group("the") and _ONE_PLACE.match(words.group()) and not _CONTAINER.search(place):
                continue  # "the village of Korovino": the village itself (drawn at its raion's point)
            return True
    return False


# A settlement named by its own word ("the village of Korovino"), and the words of a place that
# holds others ("a village of Kharkiv region").
_ONE_PLACE = re.compile(r"(?:village|town|settlement)\s", re.IGNORECASE)
_CONTAINER = re.compile(
    r"region|oblast|district|raion|rayon|krai|okrug|communit|hromada|област|район|округ|край", re.IGNORECASE)


def _districts_listed_as_home(sentence: str, place: str) -> bool:
    """"settlements of the Kharkiv, Chuhuiv and Izium districts": a list of raions as the addresses
    of a day's fire."""
    if "districts" not in sentence:
        return False
    name = _literal(place)
    for words in _PLACES_OF.finditer(sentence):
        run = _DISTRICTS_LISTED.match(sentence, words.end())
        if run and any(name.fullmatch(n) for n in _LIST_SEPARATOR.split(run.group("names"))):
            return True
    return False


_NAME = r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?"
_DISTRICTS_LISTED = re.compile(
    rf"(?P<names>{_NAME}(?:(?:,\s+(?:and\s+)?|\s+and\s+){_NAME}){{1,11}})\s+districts\b")
_LIST_SEPARATOR = re.compile(r",\s+and\s+|,\s+|\s+and\s+")


_PLACES_OF = re.compile(rf"\b{_PLACES_WORD}\s+(?:of|in)\s+(?P<the>the\s+)?", re.IGNORECASE)


@functools.lru_cache(maxsize=256)
def _literal(place: str) -> re.Pattern[str]:
    return re.compile(re.escape(place), re.IGNORECASE)  # as _home_of_places spells the name


@functools.lru_cache(maxsize=256)
def _home_of_places(place: str) -> re.Pattern[str]:
    name = re.escape(place)
    return re.compile(rf"{name}\s+{_PLACES_WORD}\b|\b{_PLACES_WORD}\s+(?:of|in)\s+(?:the\s+)?{name}",
                      re.IGNORECASE)
