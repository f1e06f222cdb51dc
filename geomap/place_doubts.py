"""How far to trust that a name means a place: namesakes, tiny villages, people.

The gazetteer knows every village of Ukraine, and so many a surname ("Gladkov",
"Budaniv") and many names shared by a dozen villages. These rules say when a
place found in text is a guess (:func:`rivals`), when it is more likely a
person's name (:func:`unlikely_village`, :func:`remember_people`).
"""

from __future__ import annotations

import re

from . import settings
from .gazetteer import Context, Place, distance_km
from .matcher import Match
from .mentions import PERSON
from .reading import PlaceHit
from .text import name_key

#: Namesakes closer than this (km) are one place for a map: choosing between them is no guess.
#: Farther, a point at the wrong one misses the town meant (a town is placed within 25 km).
_RIVAL_KM = 25.0


def rivals(place: Place, alternatives: list[Place], *, within: bool) -> tuple[Place, ...]:
    """Namesake towns in the theatre, far from ``place``, that the text did nothing to rule out
    (``within``: the address already ruled out those of other regions)."""
    # "the city of Mykolaiv" (470,000 people) is no guess between it and villages of that name.
    least = place.population // _CITY_OVER_VILLAGES if place.population >= _BIG_CITY else 0
    # (The place's fields read once, and a list, not a generator: a name may have dozens of namesakes.)
    lat, lon, admin1 = place.lat, place.lon, place.admin1
    return tuple([
        p for p in alternatives
        if p.kind == "town" and p.country in settings.THEATRE_COUNTRIES and p.population >= least
        and (not within or p.admin1 == admin1)
        # Latitudes this far apart are farther than _RIVAL_KM whatever the longitudes: no need to measure.
        and (abs(p.lat - lat) > _RIVAL_KM / 110.0
             or distance_km(p.lat, p.lon, lat, lon) > _RIVAL_KM)
    ])


#: A city this large is the place its name means unless a namesake has at least a
#: ``_CITY_OVER_VILLAGES``-th of its people: news names a regional centre by its bare name, and
#: a village sharing it is written with its oblast or "the village of".
_BIG_CITY = 100_000
_CITY_OVER_VILLAGES = 10


#: A village this small (or of unknown size) is a place only where the text shows it as one.
SMALL_VILLAGE = 1000
# Words before a name that show it as a place: a preposition, "the village of", a list's comma.
_LOCATIVE_BEFORE = re.compile(
    r"(?:\b(?:in|at|near|on|over|of|to|into|outside|around|from|toward|towards|by|hit|struck|shelled|"
    r"attacked|targeted|bombed)|,|\band|\bor|:)\s+(?:the\s+)?(?:(?:village|town|settlement|city)\s+of\s+)?$"
    # ... and "у селі Осинове", "в селище Борова", "по селу", "в посёлке", "біля села".
    r"|(?:^|\s)(?:у|в|біля|поблизу|під|по|на|до|із|з|около|возле|под)?\s*(?:сел[оаіуеи]|селом|селищ[еаіу]|"
    r"селищем|смт|місті|місто|міста|поселк[еау]|посёлк[еау]|деревн[еюяи]|хутор[іаеу]?)\s+$",
    re.IGNORECASE,
)


def unlikely_village(text: str, m: Match, place: Place, context: Context, addressed: bool) -> bool:
    """A tiny village outside every region the report names, written with nothing that shows it as a
    place ("Budanov gives details", "... - Sadovyi"): more likely a surname than a target."""
    if place.kind != "town" or place.population >= SMALL_VILLAGE or addressed:
        return False
    if place.admin1 in context.regions or place.admin1 in context.article_regions:
        return False
    return _LOCATIVE_BEFORE.search(text, max(0, m.start - 40), m.start) is None


#: The reason a place :func:`far_from_the_report` gives is recorded with (a mention, not a strike).
FAR_NAMESAKE = "a namesake far from every region the report names"


def far_from_the_report(place: Place, alternatives: list[Place], context: Context, addressed: bool,
                        key: str = "") -> bool:
    """A village or hromada that lies outside every region the report names and far from every
    place it names for sure, while no namesake lies in those regions: "Khotyn" or "Khotynska" in a
    list of Sumy border communities (a hromada the gazetteer spells otherwise) is not the Khotyn
    640 km west. Such a point would be confidently wrong, the worst a strike map can show.

    ``key`` is the name as matched (a :func:`geomap.text.name_key`): a town found only under an old
    or other alternate name ("Biryukovka", Krynychne's Russian-era name) does not vouch for itself."""
    named = context.regions | context.article_regions
    # (A district's population is its people's, not a city's: only a town is exempt by size.)
    if place.kind not in ("town", "district") or (place.kind == "town" and place.population >= _TOWN_SIZE) \
            or addressed or not named:
        return False
    if place.admin1 in named or any(p.admin1 in named for p in alternatives):
        return False
    anchors = context.near
    inside = [a for a, region in zip(context.near, context.near_regions, strict=True) if region in named] \
        if len(named) == 1 and len(context.near_regions) == len(context.near) else []
    if len(named) == 1 and len(inside) >= _SOLIDLY_NAMED:
        # A report of one region told place after place ("Kurakhove, Pokrovsk, Hirnyk" of a Donetsk
        # post): those places say where it is, not others of its names that lie far off, even
        # together ("Zvezdnoye" and "Zarechnoye", two villages of Crimea, for Donetsk ones).
        anchors = inside
    plat, plon = place.lat, place.lon
    alternate = bool(key) and place.population < _ALTERNATE_VOUCHES and key != name_key(place.name)
    if place.kind == "town" and (place.population < SMALL_VILLAGE or alternate):
        # A name that can mean only one place anchors itself; a village this small, alone in a
        # report of another region, is more likely a village the gazetteer does not know ("the
        # village of Sushany" of a Bryansk governor's report, not Sushchany 500 km off in Zhytomyr
        # Oblast), so its own point is no anchor for it; nor is a town's found only under an
        # alternate name.
        anchors = [a for a in anchors if a != (plat, plon)]
    return all(distance_km(lat, lon, plat, plon) > _FAR_KM for lat, lon in anchors)


def across_the_border(place: Place, alternatives: list[Place], context: Context, addressed: bool) -> bool:
    """A village under 1,000 people in one country, while every place the report names for sure and
    every region it names lie in the other, and no namesake does: "в Грайвороне ..., в хуторе
    Байрак" of a Belgorod post is a Belgorod hamlet the gazetteer does not know, not one of Poltava
    Oblast's Bairaks 150 km off across the border. Such a point would put a strike in the wrong
    country."""
    if place.kind != "town" or place.population >= SMALL_VILLAGE or addressed:
        return False
    own = (place.lat, place.lon)
    countries = {region[:2] for point, region in zip(context.near, context.near_regions, strict=True)
                 if point != own and region} if len(context.near) == len(context.near_regions) else set()
    countries |= {region[:2] for region in context.regions | context.article_regions}
    if len(countries) != 1:
        return False
    (country,) = countries
    return country != place.country and not any(p.country == country for p in alternatives)


#: A town of at least this many people found under an alternate name still anchors itself.
_ALTERNATE_VOUCHES = 10_000
#: Villages and small towns only: a city named in a report set elsewhere is most often meant.
_TOWN_SIZE = 50_000
#: Farther than this from every place the report names for sure.
_FAR_KM = 150.0
#: Sure places inside the regions a report names that make those places its only anchors.
_SOLIDLY_NAMED = 3


def remember_people(hits: list[PlaceHit], people: set[str]) -> None:
    """A surname read as a person's once ("Governor Gusev") is the person later in the report too
    ("According to Gusev, ...")."""
    for hit in hits:
        if hit.reason == PERSON:
            people.add(hit.match.key)
        # (Most reports name no person: the empty set spares reading the match's key, a
        # NamedTuple field read by name, for each of their places.)
        elif people and hit.match.key in people and hit.place.kind == "town":
            hit.reason = PERSON
