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
            if hit.reason in (None, CONTAINER) or hit.place.id in event_places:
                continue
            key = (hit.place.id, hit.reason)
            if key in seen:
                continue
            seen.add(key)
            out.append(Mention(
                place=hit.text, place_name=hit.place.name, place_id=hit.place.id,
                lat=hit.place.lat, lon=hit.place.lon, country=hit.place.country, reason=hit.reason,
                doc_id=doc.doc_id, source=doc.source, sentence=reading.sentence.text,
            ))
    return out
