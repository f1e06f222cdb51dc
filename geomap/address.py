"""A place's address: the region written beside it ("Vilkhuvatka, Kharkiv region").

News and coded-event notes give a village its oblast the way a letter gives a
street its town: "Tomakivka, Dnipropetrovsk region", "Hrakove (Kharkiv Oblast)",
"Novoselivka in the Kramatorsk district of Donetsk Oblast", or only
"Tomakivka, Dnipropetrovsk" — a bare regional centre after a comma that stands
for its oblast, never for the city. The address decides which namesake is meant
(a place is never taken outside the region its address names), and the region
in it is the place's address, not a second strike at the regional centre.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Container, Sequence
from collections.abc import Set as AbstractSet
from typing import NamedTuple

from .gazetteer import Place, distance_km
from .matcher import Match
from .place_doubts import SMALL_VILLAGE
from .reading import PlaceHit
from .text import name_key

#: The reason recorded for a region named only as another place's address.
ADDRESS = "address of a place named before it"

# What may stand between a place and its region: ", ", " (", " in ", " in the ", " of the "; after a
# district named in between, its generic word too ("in the Kupiansk district of").
_GAP = re.compile(
    r"\s*(?:(?:district|raion|rayon|hromada|community|municipality|territorial community|area|vicinity"
    r"|outskirts|village|settlement)\b)?"
    r"\s*(?:,|\()?\s*(?:(?:in|of|within)\s+(?:the\s+)?(?:[a-z][a-z\-]+ern\s+|central\s+)?|(?:в|во|у)\s+)?",
    re.IGNORECASE,
)
# ", Kremensky district, " between a village and its region: a district the gazetteer does not
# know (a Russian-style spelling, a former raion) still stands between them as an address does.
_UNKNOWN_DISTRICT_GAP = re.compile(
    r"\s*,\s*[A-ZА-ЯІЇЄ][\w'’ʼ\-]+(?:\s+[A-ZА-ЯІЇЄ][\w'’ʼ\-]+)?\s+(?:district|raion|rayon|hromada|community)"
    r"\s*,\s*")
# A district's generic word written in its name ("Graivoronsky urban district", "Грайворонском
# городском округе").
_DISTRICT_WORD = re.compile(r"district|raion|rayon|hromada|community|okrug|municipal|район|округ|громад",
                            re.IGNORECASE)
_DISTRICT_AFTER = re.compile(r"\s+(?:district|raion|rayon|hromada|community|municipality)\b", re.IGNORECASE)
# After a bare regional centre standing for its oblast: the end of the address, or the weapon told
# next without a comma ("hit Novodarivka, Zaporizhzhia with drone strikes").
_BARE_END = re.compile(r"\s*(?:$|[.,;:)]|obl\b|region\b|oblast\b)|\s+(?:with|using)\s", re.IGNORECASE)
_IN_AFTER = re.compile(r"\s+in\s")
_REGION_WORD_AFTER = re.compile(r"\s+(?:region|oblast|obl\b)", re.IGNORECASE)
# Between two items of a list of places.
_LIST_JOIN = re.compile(r"\s*(?:,|,?\s+(?:and|or|и|или|та|і|й|чи))\s*")
# "Krasne Pershe, Kharkiv oblast" where the gazetteer knows only "Krasne": the rest of the name.
_UNKNOWN_TAIL = re.compile(r"(?:\s+[A-ZА-ЯІЇЄ][\w'’ʼ\-]+){1,2}")
# "Olhivske, Zaporizhzhia": an unknown name and a comma just before a regional centre.
_UNKNOWN_BEFORE = re.compile(r"\b[A-ZА-ЯІЇЄ][\w'’ʼ\-]+(?:\s+[A-ZА-ЯІЇЄ][\w'’ʼ\-]+)?,\s*$")
#: Farthest (characters) a region may lie after the place it addresses.
_REACH = 70


class Address(NamedTuple):
    """The region of a place's address, which match names it, and whether the name was cut short."""

    region: Place
    index: int  # type: ignore[assignment]  # (a field, though tuple has a method of that name)
    #: The gazetteer knew only part of the name (a "Krasne" for "Krasne Pershe"): the place itself
    #: is unknown, and only its region can be drawn.
    partial: bool = False


def address_regions(
    text: str,
    places: Sequence[Match],
    best: Callable[[Match], Place | None],
    region_of_centre: Callable[[Place], Place | None],
) -> dict[int, Address]:
    """For each place match that has one, the :class:`Address` that places it.

    ``places`` are the place matches of one sentence in text order; ``best``
    gives a match's best place without context; ``region_of_centre`` the region
    a town is the administrative centre of. Returns ``{i: address}``: match
    ``i`` is addressed by the region that match ``address.index`` names.
    """
    found: dict[int, Address] = {}
    for i, m in enumerate(places):
        place = best(m)
        if place is None or place.kind not in ("town", "district") or (
                region_of_centre(place) and not _IN_AFTER.match(text, m.end)):
            # A regional centre heads a list of regions ("Oryol, Lipetsk and Tula regions"), unless
            # "in" follows it: "the village of Lviv in Kherson region" is a village so addressed.
            continue
        prev_end = m.end
        tail = _UNKNOWN_TAIL.match(text, m.end)
        partial = tail is not None and not any(p.start == tail.start() + 1 for p in places)
        if partial and tail is not None:  # (partial means a tail was found)
            prev_end = tail.end()
        for j in range(i + 1, len(places)):
            nxt = places[j]
            gap = text[prev_end:nxt.start]
            if nxt.start - m.end > _REACH or (_GAP.fullmatch(gap) is None
                                              and _UNKNOWN_DISTRICT_GAP.fullmatch(gap) is None):
                break
            nxt_place = best(nxt)
            listed = j + 1 < len(places) and _LIST_JOIN.fullmatch(text[nxt.end:places[j + 1].start])
            region = _as_region(text, gap, nxt, nxt_place, region_of_centre, bare_ok=not listed)
            if region is not None:
                found[i] = Address(region, j, partial)
                break
            if nxt_place is not None and (nxt_place.kind == "district"
                                          or _DISTRICT_AFTER.match(text, nxt.end)):
                prev_end = nxt.end  # "Hrakove, Chuhuiv raion, Kharkiv region": look past the raion
                continue
            break
    return found


def district_addresses(
    text: str,
    places: Sequence[Match],
    best: Callable[[Match], Place | None],
    addressed: Container[int] = (),
) -> dict[int, Address]:
    """"Dronovka in the Graivoronsky urban district": a raion or hromada written right after a
    town, with no region after it, as that town's :class:`Address` (``{i: address}`` as
    :func:`address_regions` gives, the district in ``Address.region``).

    ``addressed`` are the places a region already addresses: they are left out. Whether the
    district decides the town's namesake is the caller's to say (see
    :meth:`geomap.extract.places._PlaceReader._addresses`).
    """
    found: dict[int, Address] = {}
    for i in range(len(places) - 1):
        if i in addressed:
            continue
        m, nxt = places[i], places[i + 1]
        if nxt.start - m.end > _REACH or _GAP.fullmatch(text, m.end, nxt.start) is None:
            continue
        if not _DISTRICT_WORD.search(text, nxt.start, nxt.end) and not _DISTRICT_AFTER.match(text, nxt.end):
            continue  # a bare name ("Miropil, Krasnopil"): one of a list, maybe a hromada elsewhere
        place, district = best(m), best(nxt)
        if place is not None and place.kind == "town" and district is not None \
                and district.kind == "district":
            found[i] = Address(district, i + 1)
            # "Локоть и Красный Пахарь в Рыльском районе": the district addresses the whole list.
            k = i
            while k > 0 and k - 1 not in addressed and k - 1 not in found \
                    and _LIST_JOIN.fullmatch(text, places[k - 1].end, places[k].start):
                earlier = best(places[k - 1])
                if earlier is None or earlier.kind != "town":
                    break
                k -= 1
                found[k] = Address(district, i + 1)
    return found


def _as_region(
    text: str, gap: str, m: Match, place: Place | None,
    region_of_centre: Callable[[Place], Place | None], *, bare_ok: bool = True,
) -> Place | None:
    """The region a match names as an address, if it names one (a bare regional centre only
    when ``bare_ok``: not when it is one of a list, "Oleksandrivka, Kharkiv, Sumy and Poltava")."""
    if place is None:
        return None
    if place.kind == "region":
        return place
    if place.kind == "town" and _REGION_WORD_AFTER.match(text, m.end):
        # "the central-eastern Dnipro region", "Kharkiv obl.": the centre's name for its oblast.
        return region_of_centre(place)
    if bare_ok and place.kind == "town" and gap.strip().endswith((",", "(")):
        # "Tomakivka, Dnipropetrovsk": a regional centre alone after a comma is its oblast.
        if _BARE_END.match(text, m.end):
            return region_of_centre(place)
    return None


def with_quiet_names(
    text: str,
    places: list[Match],
    best: Callable[[Match], Place | None],
    region_of_centre: Callable[[Place], Place | None],
    lookup: Callable[[str], list[Place]],
) -> list[Match]:
    """``places`` with the names the matcher leaves to look-up ("Mkhy", four letters; "Peremoha",
    a common word) where one stands right before its region's address: "Mkhy, Chernihiv oblast".

    Such names are never matched in running text, where they are mostly not places; an address
    after one shows it is a place, and the look-up must find a town of that name in that region.
    """
    added: list[Match] = []
    for m in places:
        place = best(m)
        if place is None or place.kind not in ("region", "town") or m.start < 3:
            continue
        if not text[max(0, m.start - 60):m.start].rstrip().endswith(","):
            continue  # the pattern ends in a comma and spaces: a slice and a test spare its search
        before = _UNKNOWN_BEFORE.search(text, max(0, m.start - 60), m.start)
        if before is None or any(before.start() <= p.start < m.start for p in places):
            continue
        region = _as_region(text, ",", m, place, region_of_centre)
        if region is None:
            continue
        written = text[before.start():before.end()].rstrip().rstrip(",")
        key = name_key(written)
        if any(p.kind == "town" and p.admin1 == region.admin1 for p in lookup(key)):
            added.append(Match(before.start(), before.start() + len(written), key, True, ()))
    return sorted([*places, *added], key=lambda m: m.start) if added else places


def names_unknown_place(text: str, m: Match, places: Sequence[Match]) -> bool:
    """"Olhivske, Zaporizhzhia.": a regional centre after a name the gazetteer does not know and a
    comma, ending the phrase: the address of that unknown place, so its oblast, not the city."""
    before = _UNKNOWN_BEFORE.search(text, max(0, m.start - 60), m.start)
    if before is None or any(before.start() <= p.start < m.start for p in places):
        return False
    return _BARE_END.match(text, m.end) is not None


# "the Ochakiv and Kutsurub communities", "the Tarasovsky, Millerovsky and Kamensky districts":
# names listed before one plural word for districts.
#: The plural words for districts, and the singular words a district is indexed under for each.
_DISTRICT_SINGULARS = {
    "districts": ("district", "raion"), "raions": ("raion", "district"), "rayons": ("raion", "district"),
    "communities": ("hromada", "community"), "hromadas": ("hromada", "community"),
    "municipalities": ("district", "hromada"),
}
_PLURALS = "|".join(_DISTRICT_SINGULARS)
_DISTRICT_LIST_TAIL = re.compile(
    r"(?:\s*(?:,|,?\s+and|,?\s+or)\s+[A-ZА-ЯІЇЄ][\w'’ʼ\-]*(?:\s+[A-ZА-ЯІЇЄ][\w'’ʼ\-]*)?)*"
    rf"\s+({_PLURALS})\b"
)


# "the hromadas of Seredyna-Buda, Esman and Khotin": the plural word heading the list.
_DISTRICT_LIST_HEAD = re.compile(
    rf"\b(?i:({_PLURALS})) of\s+(?:[A-ZА-ЯІЇЄ][\w'’ʼ\-]*(?:\s+[A-ZА-ЯІЇЄ][\w'’ʼ\-]*)?"
    r"\s*(?:,|,?\s+and|,?\s+or)\s+)*$"
)


_PLURAL_DISTRICT_WORD = re.compile(rf"\b(?:{_PLURALS})\b", re.IGNORECASE)


def has_district_list(sentence: str) -> bool:
    """Whether a sentence has a plural word for districts, so that :func:`district_names` may apply."""
    lower = sentence.lower()
    # Substring tests first: most sentences hold none of the words, and the pattern is slow.
    return (any(map(lower.__contains__, _DISTRICT_SINGULARS))
            and _PLURAL_DISTRICT_WORD.search(sentence) is not None)


def district_names(text: str, m: Match) -> tuple[str, ...]:
    """The names a listed place takes as a district ("Ochakiv hromada", "Ochakiv community") when it
    stands in a list before or after a plural word for districts; () otherwise."""
    tail = _DISTRICT_LIST_TAIL.match(text, m.end) or _DISTRICT_LIST_HEAD.search(
        text, max(0, m.start - 240), m.start)
    if tail is None:
        return ()
    written = text[m.start:m.end]
    return tuple(f"{written} {word}" for word in _DISTRICT_SINGULARS[tail.group(1).lower()])


def listed_before(text: str, places: Sequence[Match], i: int) -> list[int]:
    """The places listed just before place ``i``, nearest first: "Budarky, Varvarivka and
    Kyslivka in Kharkiv region" lists Varvarivka and Budarky before Kyslivka. A semicolon or any
    other word between two places ends the list."""
    listed = []
    for k in range(i - 1, -1, -1):
        if not _LIST_JOIN.fullmatch(text[places[k].end:places[k + 1].start]):
            break
        listed.append(k)
    return listed


#: How far (km) from a pre-2020 raion's point its villages may lie: those raions were 30-60 km
#: across, and GeoNames gives their points to a twelfth of a degree.
_OLD_RAION_KM = 35.0
#: Namesakes left in a district this far from the one chosen are still rivals (as in place_doubts).
_RIVAL_KM = 25.0


def district_holds(district: Place, place: Place) -> bool:
    """Whether a raion or hromada holds a town: the 2020 raion or hromada the gazetteer files it
    under (KATOTTG), or for a pre-2020 raion, which KATOTTG no longer knows, a town near its point."""
    if district.kind != "district" or place.kind != "town" or district.admin1 != place.admin1:
        return False
    if district.town == "pre-2020":
        return distance_km(district.lat, district.lon, place.lat, place.lon) <= _OLD_RAION_KM
    return bool(district.name) and district.name in (place.admin2, place.admin3)


def place_by_districts(text: str, hits: Sequence[PlaceHit]) -> None:
    """"Stepne, Donetsk, in the Volnovakha district", "Volnovakha raion: shelling hit Stepne": a
    raion or hromada named anywhere in the sentence picks the village's namesake it holds.
    A city written as one keeps its place ("drones were downed over the Shebekino okrug, and a
    plant was hit in the city of Murom": not the okrug's village Murom).

    The districts after the village are tried first, nearest first ("Lukyantsi in Kharkiv
    district, Budarky in Chuhuiv district"), then those before it. A village its first
    district already holds stays; the namesakes left as rivals are those of the district.
    Runs before the districts are read as mentions, so that a raion that holds the village is
    read as its address, not as a city district far from it.
    """
    districts = [h for h in hits if h.place.kind == "district" and h.reason is None]
    if not districts:
        return
    for hit in hits:
        if hit.place.kind != "town" or not hit.alternatives or hit.reason is not None:
            continue
        start = hit.match.start
        if hit.place.population >= _CITY_PEOPLE and _CITY_BEFORE.search(text, max(0, start - 20), start):
            continue
        order = sorted(districts, key=lambda d: (d.match.start < start, abs(d.match.start - start)))
        for district in order:
            if district is hit:
                continue
            chosen: Place | None
            if district_holds(district.place, hit.place):
                chosen = hit.place
            else:
                chosen = next((p for p in hit.alternatives if district_holds(district.place, p)), None)
                if chosen is None:
                    continue
            others = [hit.place, *hit.alternatives, *hit.rivals]
            hit.rivals = tuple({p.id: p for p in others if p.id != chosen.id and district_holds(
                district.place, p) and distance_km(p.lat, p.lon, chosen.lat, chosen.lon) > _RIVAL_KM
            }.values())
            hit.place = chosen
            break


def place_by_report_districts(text: str, hits: Sequence[PlaceHit], named: Sequence[Place]) -> None:
    """"Ukrainian forces struck settlements of the Volokonovsky district." then "another FPV drone
    attacked the village of Borisovka": a village (so written, or under
    :data:`~geomap.place_doubts.SMALL_VILLAGE` people) that no district of its own sentence
    placed takes the one namesake a raion or hromada the report ``named`` before holds (the
    town of Borisovka is 130 km off). A sentence that names districts of its own is left to them
    ("... damaged in Kupiansk. Power lines were hit in Shebelynka in the Izium district, and an
    excavator in Kamianka": the Izium district's). Runs after :func:`place_by_districts`."""
    if not named or any(h.place.kind == "district" and h.reason is None for h in hits):
        return
    for hit in hits:
        place = hit.place
        if place.kind != "town" or not hit.alternatives or hit.reason is not None or hit.stand_in \
                or any(district_holds(d, place) for d in named):
            continue
        start = hit.match.start
        if place.population >= SMALL_VILLAGE and not _VILLAGE_BEFORE.search(text, max(0, start - 30), start):
            continue
        held = [p for p in hit.alternatives if any(district_holds(d, p) for d in named)]
        if len(held) == 1:
            hit.place, hit.rivals = held[0], ()


#: A city written as one: "the city of Murom", "в городе Муром", "у місті".
_CITY_BEFORE = re.compile(r"(?:\bcity\s+of|(?:^|\s)(?:город[еау]?|міст[оіа]))\s+$", re.IGNORECASE)
#: People a town needs to be a city of that word (GeoNames' cities; a raion's village is not one).
_CITY_PEOPLE = 50_000


#: A village written as one: "the village of Murom", "в селе Муром", "у селищі".
_VILLAGE_BEFORE = re.compile(
    r"(?:\b(?:village|settlement|hamlet)s?\s+of|(?:^|\s)(?:сел[оаеуі]|селом|селищ[еаіу]|посёлк[еау]|"
    r"поселк[еау]|деревн[еюяи]|хутор[іаеу]?))\s+$",
    re.IGNORECASE,
)


def village_at_district(text: str, hits: Sequence[PlaceHit], regions: AbstractSet[str]) -> None:
    """"In the Shebekinsky urban district, a drone hit a car in the village of Murom": a village (so
    written, or under :data:`~geomap.place_doubts.SMALL_VILLAGE` people) that has no namesake in the
    region of a raion the sentence names, in no region the sentence names either, is a village the
    gazetteer does not know; it is drawn at the raion nearest it in the text (a stand-in), not at
    its namesake elsewhere (the city of Murom, 800 km away).

    ``regions`` are the regions the sentence names. Runs after :func:`place_by_districts`.
    """
    districts = [h for h in hits if h.place.kind == "district" and h.reason is None]
    if not districts:
        return
    raion_regions = {d.place.admin1 for d in districts}
    for hit in hits:
        place = hit.place
        if place.kind != "town" or hit.reason is not None or hit.stand_in \
                or place.admin1 in raion_regions or place.admin1 in regions \
                or any(p.kind == "town" and p.admin1 in raion_regions for p in hit.alternatives):
            continue
        start = hit.match.start
        if place.population >= SMALL_VILLAGE and not _VILLAGE_BEFORE.search(text, max(0, start - 30), start):
            continue
        district = min(districts, key=lambda d: abs(d.match.start - start))
        hit.place, hit.stand_in, hit.rivals = district.place, True, ()
