"""Mentions: the places of a report that are no strike, each once with its reason."""

from __future__ import annotations

from ..mentions import CONTAINER
from ..model import Document, Mention
from ..reading import SentenceReading


def mentions_of(readings: list[SentenceReading], doc: Document) -> list[Mention]:
    out: list[Mention] = []
    seen: set[tuple[str, str]] = set()
    event_places = {e.place_id for r in readings for e in r.events}
    for reading in readings:
        for hit in reading.places:
            reason = hit.reason
            if reason in (None, CONTAINER):
                continue
            place = hit.place
            place_id = place.id  # (a NamedTuple's field, read once: see attributes.cues.cue_distance)
            if place_id in event_places:
                continue
            key = (place_id, reason)
            if key in seen:
                continue
            seen.add(key)
            out.append(Mention(
                place=hit.text, place_name=place.name, place_id=place_id,
                lat=place.lat, lon=place.lon, country=place.country, reason=reason,
                doc_id=doc.doc_id, source=doc.source, sentence=reading.sentence.text,
            ))
    return out
