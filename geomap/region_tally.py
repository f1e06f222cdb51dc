"""An interception tally over "the region": the region the report is about.

"Air defence forces destroyed 17 UAVs over the region." names no place, yet a regional
administration's report means its own region, named earlier as its subject ("Russian
attacks across Dnipropetrovsk region") or its governor's ("governor of Ryazan Oblast").
"""

from __future__ import annotations

import datetime as dt
import re

from . import dates, settings
from .attributes import Attributes, attacker_by_geography, counts_downed_weapons, score_confidence
from .gazetteer import Place
from .model import Document, Event
from .reading import SentenceReading
from .story import strike_date

# "over the region", "in the oblast", "the region's air defence", "над областю": a region the
# sentence does not name.
_THE_REGION = re.compile(
    r"\b(?:(?:over|above|in|across|throughout) the (?:region|oblast)(?!\s+of\b)"
    r"|the (?:region|oblast)['’]s|над (?:областю|регіоном|областью|регионом))\b",
    re.IGNORECASE,
)
#: How many sentences back the region the report is about may have been named.
_REACH = 12


def tally_over_the_region(readings: list[SentenceReading], doc: Document, published: dt.date | None) -> None:
    """Give a sentence that counts drones or missiles downed "over the region" an interception event
    at the region the report last named (a region of the theatre, for any reason)."""
    region: tuple[int, Place] | None = None
    for reading in readings:
        for hit in reading.places:  # "the governor of Ryazan Oblast said ... over the region"
            if hit.place.kind == "region" and hit.place.country in settings.THEATRE_COUNTRIES:
                region = (reading.index, hit.place)
        if (reading.strength is not None and not reading.events and region is not None
                and reading.index - region[0] <= _REACH and _names_a_region_word(reading.sentence.text)
                and _THE_REGION.search(reading.sentence.text)
                and not any(h.reason is None for h in reading.places)
                and counts_downed_weapons(reading.sentence.text)):
            reading.events.append(_tally(reading, region[1], doc, published))


def _names_a_region_word(sentence: str) -> bool:
    # Substring tests spare the case-blind search in most sentences.
    return any(map(sentence.__contains__, ("egion", "blast", "област", "регіон", "регион")))


def _tally(reading: SentenceReading, region: Place, doc: Document, published: dt.date | None) -> Event:
    weapons = {v for _, v in reading.cue_values("weapon") if v != "sabotage"}
    attrs = Attributes(strike_type=weapons.pop() if len(weapons) == 1 else "unknown",
                       status="intercepted", strong=True)
    day, precision = strike_date(reading.sentence.text, 0, published)
    event = Event(
        place=region.name, place_name=region.name, place_id=region.id, lat=region.lat, lon=region.lon,
        admin1=region.name, country=region.country, geo_precision=region.precision,
        strike_type=attrs.strike_type, status="intercepted",
        attacker=attacker_by_geography(region, region.name), event_date=day, date_precision=precision,
        doc_ids=[doc.doc_id], sources=[doc.source], evidence=[reading.sentence.text],
        confidence=score_confidence(attrs, region),
    )
    if precision == "week" and not dates.find_date_phrases(reading.sentence.text):
        reading.undated.append(event)  # the story's day replaces the publication week
    return event
