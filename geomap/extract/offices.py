"""A strike told only by a region's office: "Cherkasy Governor Ihor Taburets said Russian forces had
attacked overnight with drones, and that fragments had damaged two houses" names no place struck
but the governor's region (:func:`office_region_struck`)."""

from __future__ import annotations

from collections.abc import Sequence

from ..gazetteer import Gazetteer
from ..mentions import OFFICE
from ..reading import SentenceReading, words_after

#: Offices of a region (not of a city: a mayor's "Kyiv" is the city, and the story's town).
_REGIONAL_OFFICES = (
    "governor", "regional governor", "region governor", "region's governor", "oblast governor",
    "regional administration", "regional military administration", "oblast military administration",
    "regional state administration", "regional authorities", "rma", "ova", "oda",
)
_PASSIVE = frozenset({"person's name", "country named", OFFICE})


def office_region_struck(text: str, reading: SentenceReading, readings: Sequence[SentenceReading],
                         gazetteer: Gazetteer) -> None:
    """Let the region of a governor or regional administration be the place a sentence of ``text``
    tells struck when it names no other place: its office's place becomes the region (the oblast
    centred on a city written for it, "Cherkasy Governor") and is read as a strike's place.

    Only for a sentence that tells an outcome or a weapon, and only where no sentence of
    ``readings`` before it told a strike in that region (then the governor tells more of that one: see
    :func:`geomap.story.carrying_on.carry_on`).
    """
    hits = reading.places
    if not hits or any(h.reason not in _PASSIVE for h in hits) \
            or not (reading.cue_values("outcome") or reading.cue_values("weapon")):
        return
    struck = {e.admin1 for r in readings[:reading.index] for e in r.events}
    for hit in hits:
        if hit.reason != OFFICE or not words_after(text, hit.match).startswith(_REGIONAL_OFFICES):
            continue
        place = hit.place
        region = place if place.kind == "region" else gazetteer.region_centred_on(place)
        if region is None or gazetteer.admin1_name(region.admin1) in struck:  # (events name regions)
            continue
        hit.place, hit.reason, hit.alternatives, hit.rivals = region, None, [], ()
