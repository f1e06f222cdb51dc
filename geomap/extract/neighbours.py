"""Namesakes told apart by the places named with them: a list's villages lie in the oblast of its
villages of one name, at the namesake nearest them (:func:`listed_oblast`, :func:`in_list_oblast`),
a name written otherwise far from them is no place of the list (:func:`far_from_the_list`), and of
namesake hromadas the one beside the sentence's other places is meant (:func:`hromada_beside`).

Regional administrations list a day's villages by name only ("Vesele, Hatyshche, Budarky,
Synkivka, Tabaivka, Ivanivka and Berestove"); a gazetteer ranks a larger Ivanivka 300 km off
first. The places of one name only in such a list say where the others are.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from collections.abc import Set as AbstractSet

from .. import settings
from ..gazetteer import Place, Resolution, distance_km
from ..matcher import Match
from ..model import is_hromada
from ..reading import LIST_OF_PLACES
from ..text import name_key

#: A name's places, best first (the extractor's memoised ``gazetteer.rank_key``).
Rank = Callable[[str], list[Place]]

#: How many of a list's places of one name only tell its oblast.
_SURE_IN_LIST = 2
_MOST_OF_LIST = 2 / 3
#: Farther than this from every sure place of a list, a name written otherwise is no place of it.
_FAR_FROM_LIST_KM = 150.0
#: A hromada this near a place the sentence names lies beside it.
_BESIDE_KM = 40.0
_BESIDE_FAR_KM = 60.0


def listed_oblast(places: list[Match], rank: Rank,
                  regions: AbstractSet[str] = frozenset()) -> tuple[set[str], list[Place]]:
    """The oblast most of a list's sure places lie in, and those places; or nothing.

    "Vesele, Hatyshche, Budarky, Synkivka, Tabaivka, Ivanivka and Berestove": the villages of one
    name only are in the Kharkiv oblast, so its Vesele, Ivanivka and Berestove are meant. Two
    thirds of them suffice: "Respublika" or "Lvova" may be another oblast's only place of that name.
    Where the places of one name only do not settle it, a town far larger than its namesakes
    counts as sure too ("Huliaipole, Novodarivka, Charivne, Mala Tokmachka, ... Levadne"). A
    district of one name is a sure place of the list for its oblast, and so is a village of one
    name in the ``regions`` the report names.
    """
    if len(places) < LIST_OF_PLACES:
        return set(), []
    ranked = [rank(m.key) for m in places]
    # A district of one name counts too: "Novyi Put, Krasnooktyabrsky and Tetkino, Yelizavetovka of
    # the Glushkovo district, Novaya Nikolayevka of the Rylsk district" are in its oblast.
    sure = [r[0] for r in ranked if len(r) == 1 and (_in_theatre(r[0]) or _district_in_theatre(r[0]))]
    if regions:
        # A village of one name in the regions the report names is as sure ("the town of
        # Novovorontsovka and the villages of Ivanivka and Osokorivka" of a Kherson report: the
        # Kherson oblast's only Osokorivka, whatever other oblasts hold).
        for r in ranked:
            if len(r) > 1:
                inside = [p for p in r if p.admin1 in regions and _in_theatre(p)]
                if len(inside) == 1:
                    sure.append(inside[0])
    found = _most_sure(sure)
    if not found[0]:
        large = [r[0] for r in ranked if len(r) > 1 and _in_theatre(r[0]) and _outweighs(r[0], r[1:])]
        found = _most_sure(sure + large) if large else found
    # A district votes for the oblast but stands at its seat: the namesake nearest the list's
    # villages is measured from the villages alone, where there are any.
    oblast, anchors = found
    return oblast, [p for p in anchors if p.kind == "town"] or anchors


def _in_theatre(place: Place) -> bool:
    return place.kind == "town" and place.country in settings.THEATRE_COUNTRIES


def _district_in_theatre(place: Place) -> bool:
    return place.kind == "district" and place.country in settings.THEATRE_COUNTRIES


def _most_sure(sure: list[Place]) -> tuple[set[str], list[Place]]:
    """The oblast of two thirds of ``sure``, at least two of them, and those places; or nothing."""
    if len(sure) < _SURE_IN_LIST:
        return set(), []
    oblast, count = Counter(p.admin1 for p in sure).most_common(1)[0]
    if count < _SURE_IN_LIST or count < _MOST_OF_LIST * len(sure):
        return set(), []
    return {oblast}, [p for p in sure if p.admin1 == oblast]


#: A town this large, and this many times larger than each namesake, is the one a list names.
_SURE_TOWN = 10_000
_TIMES_LARGER = 10


def _outweighs(town: Place, namesakes: list[Place]) -> bool:
    return town.population >= _SURE_TOWN and all(
        p.population * _TIMES_LARGER <= town.population for p in namesakes)


def in_list_oblast(resolution: Resolution | None, listed: set[str], sure: list[Place]) -> Resolution | None:
    """A list's village in the list's oblast, where it has a namesake there, and of the oblast's
    namesakes the one nearest the list's sure places: a larger Ivanivka elsewhere does not
    outweigh six neighbours of one oblast, nor does the first-ranked of fourteen in the oblast."""
    if resolution is None or not listed or resolution.place.kind != "town":
        return resolution
    inside = [p for p in (resolution.place, *resolution.alternatives)
              if p.kind == "town" and p.admin1 in listed]
    if not inside:
        return resolution
    if len(inside) > 1 and sure:
        inside.sort(key=lambda p: min(distance_km(p.lat, p.lon, s.lat, s.lon) for s in sure))
    best = inside[0]
    if best is resolution.place:
        return resolution
    others = [resolution.place, *(p for p in resolution.alternatives if p is not best)]
    return Resolution(query=resolution.query, place=best, alternatives=others,
                      ambiguous=resolution.ambiguous, confidence=resolution.confidence,
                      why="in the oblast of the list's other places")


def far_from_the_list(m: Match, place: Place, resolution: Resolution, listed: set[str],
                      sure: list[Place]) -> bool:
    """A name written otherwise than its town's own ("Lvova" for Lviv) in a list of one oblast's
    villages, with no namesake in that oblast and far from every sure place of the list: another
    village the gazetteer spells otherwise, not a city 700 km off."""
    if place.kind != "town" or m.key == name_key(place.name) or place.admin1 in listed \
            or any(p.admin1 in listed for p in resolution.alternatives):
        return False
    return all(distance_km(s.lat, s.lon, place.lat, place.lon) > _FAR_FROM_LIST_KM for s in sure)


def hromada_beside(resolution: Resolution, m: Match, places: list[Match], rank: Rank) -> Resolution:
    """Of namesake hromadas, the one beside the other places of the sentence: "In the Nikopol area
    the enemy targeted the district centre and the Pokrovske community" is the Nikopol raion's
    Pokrovske, not the larger one of the Synelnykove raion 100 km off."""
    rivals = [p for p in (resolution.place, *resolution.alternatives)
              if p.kind == "district" and is_hromada(p.id)]
    if len(rivals) < 2:
        return resolution
    anchors = [r[0] for r in (rank(o.key) for o in places if o.key != m.key)
               if r and r[0].kind in ("town", "district") and r[0].country in settings.THEATRE_COUNTRIES]
    if not anchors:
        return resolution

    def nearest(p: Place) -> float:
        return min(distance_km(p.lat, p.lon, a.lat, a.lon) for a in anchors)

    best = min(rivals, key=nearest)
    if best is resolution.place or nearest(resolution.place) <= _BESIDE_KM:
        return resolution
    # Hromadas' seats stand 40 km apart and more: a namesake twice as near as the one ranked, and
    # within _BESIDE_FAR_KM, is beside them too (Nikopol's Pokrovske 41 km from the Marhanets
    # seat, Synelnykove's 121 km).
    if nearest(best) > _BESIDE_KM and not (nearest(best) <= _BESIDE_FAR_KM
                                           and 2 * nearest(best) < nearest(resolution.place)):
        return resolution
    others = [resolution.place, *(p for p in resolution.alternatives if p is not best)]
    return Resolution(query=resolution.query, place=best, alternatives=others,
                      ambiguous=resolution.ambiguous, confidence=resolution.confidence,
                      why="the namesake hromada beside the sentence's other places")
