"""The gazetteer's value objects: places, candidates, the context of a name and its resolution."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import NamedTuple

#: Places within this distance of a place already resolved in the article get ``NEAR_BONUS``:
#: less than a region named in the same sentence (6) or article (3), more than a country (1).
NEAR_KM = 150.0
NEAR_BONUS = 2.0

PRECISION_BY_KIND = {
    "facility": "facility", "town": "town", "district": "district", "region": "region",
    "informal": "region", "country": "country",
}


class Place(NamedTuple):
    """A gazetteer entry: a town, a district, a region, a facility or a country (a plain value object).

    ``population`` is a town's people, or a raion's or hromada's (the sum of its settlements'
    GeoNames populations). ``admin2`` is the raion (district) a town lies in and ``admin3`` its hromada
    (territorial community), as English names ("Izium Raion", "Balakliia
    Hromada"); both are empty when unknown (outside Ukraine, mostly). A district
    place (``kind="district"``: a raion or hromada) carries its parent raion in
    ``admin2`` when it is a hromada.
    """

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
    admin2: str = ""
    admin3: str = ""

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
    """What the surrounding text says about where a name lies.

    ``within`` holds the ISO 3166-2 codes of the regions the text names right
    beside the place ("Oleksandrivka, Kharkiv region", "a village in the Kharkiv
    region"): it is a hard constraint, unlike ``regions``. When it is non-empty,
    candidates of kind ``town`` or ``district`` outside those regions are
    dropped, and :meth:`Gazetteer.resolve` returns None when none remains (the
    caller then falls back to the region itself).
    """

    regions: set[str] = field(default_factory=set)        # ISO 3166-2 codes named nearby
    article_regions: set[str] = field(default_factory=set)
    countries: set[str] = field(default_factory=set)      # ISO alpha-2 codes named in the article
    want_region: bool = False                              # the sentence speaks of regions
    #: (lat, lon) of places already resolved in the article: a candidate within
    #: ``NEAR_KM`` of one of them gets a small bonus.
    near: list[tuple[float, float]] = field(default_factory=list)
    #: The region (ISO 3166-2) of each place of ``near``, in the same order.
    near_regions: list[str] = field(default_factory=list)
    #: ISO 3166-2 codes of the regions named beside the place: a hard filter (see above).
    within: set[str] = field(default_factory=set)


@dataclass
class Resolution:
    """The place a name was taken to mean, and the ones passed over.

    ``ambiguous`` is True when, after every clue of the context, a rival
    namesake is nearly as likely as the chosen place: its score is within
    ``AMBIGUOUS_MARGIN`` of the best and it lies more than ``AMBIGUOUS_KM`` away
    (two entries for one place, such as a town and its hromada, are not
    rivals). ``confidence`` (0–1) is how sure the choice is: 1.0 for a name with
    one candidate (or one left by ``Context.within``), lower the closer the
    best rival's score; at most 0.5 when ambiguous. ``why`` says in a few words
    what decided (for ``geomap geocode``).
    """

    query: str
    place: Place
    alternatives: list[Place]
    ambiguous: bool = False
    confidence: float = 1.0
    why: str = ""


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0088 * 2 * math.asin(math.sqrt(min(1.0, a)))
