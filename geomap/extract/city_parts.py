"""A district "of the city": a part of the city the report is about, not a raion of that name elsewhere.

"The strikes hit the Dnipro district of the city" in a report on Kherson is Kherson's Dniprovskyi
district, not Dnipro Raion 280 km away; "the Shevchenkivskyi district of the city" in one on Kyiv is
Kyiv's, not Dnipro's district of that name. The city is the last one the report named before.
"""

from __future__ import annotations

import re

from ..gazetteer import Place, distance_km
from ..model import CITY_DISTRICT_KM

# "the Dnipro district of the city", "in the Shevchenkivskyi district of this city" (not "of the city
# of Kyiv": that city is named).
_OF_THE_CITY = re.compile(r"\s+of\s+(?:the|this)\s+city\b(?!\s+of\b)", re.IGNORECASE)

#: A town this big is a city whose districts a report may name ("the city").
CITY_SIZE = 50_000


def of_the_city(text: str, end: int) -> bool:
    """Whether the district name ending at ``end`` is followed by "of the city"."""
    return text.startswith(" of ", end) and _OF_THE_CITY.match(text, end) is not None


def part_of(city: Place, place: Place, alternatives: tuple[Place, ...] | list[Place]) -> Place:
    """The place a district "of the city" names in ``city``: ``place`` or one of its namesakes that
    lies in the city, else the city itself (its district is not in the gazetteer by that name)."""
    for candidate in (place, *alternatives):
        if distance_km(candidate.lat, candidate.lon, city.lat, city.lon) <= CITY_DISTRICT_KM:
            return candidate
    return city
