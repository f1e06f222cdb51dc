"""Sentence reading into events: which places of a sentence were struck, and the event each
becomes, with its weapon, target, outcome, side, date and confidence (:class:`_EventReader`, the
half of the :class:`~geomap.extract.Extractor` that reads events; the places come from
:mod:`.places`)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from collections.abc import Set as AbstractSet

from .. import dates, lexicon
from ..attributes import attacker_by_geography, names_its_site, negated, read_attributes, score_confidence
from ..matcher import Match
from ..mentions import GROUND_FIGHTING, most_precise
from ..model import Document, Event
from ..reading import LIST_OF_PLACES, PlaceHit, SentenceReading, threatened
from ..story import strike_date
from ..strike_sentence import cause_sought, downs_aircraft, is_accident, is_historical, repels_ground_attacks
from .places import _PlaceReader


class _EventReader(_PlaceReader):
    """The events of a sentence whose places are read."""

    def _read_sentence(
        self, reading: SentenceReading, text: str, published: dt.date | None, doc: Document,
        headline: AbstractSet[str] = frozenset(),
    ) -> None:
        strength = reading.strength
        no_strike = _no_strike_reason(reading, published)
        if no_strike is not None:
            for hit in reading.places:
                hit.reason = hit.reason or no_strike
            return
        candidates = [h for h in reading.places if h.reason is None]
        if strength == "weak":
            # A sea or "Donbas" is too loose a frame for a soft cue ("navigation in the Black Sea").
            for hit in candidates:
                if hit.place.kind == "informal":
                    hit.reason = "loose area named without a strike on it"
            candidates = [h for h in candidates if h.reason is None]
        named_regions = bool(reading.cue_values("region_context")) and candidates and all(
            h.place.kind == "region" for h in candidates
        )
        # "Regions targeted included Saratov and Tula": a list of regions under attack;
        # "Russian attacks injured seven people in Donetsk Oblast": people were hurt;
        # "attacked Mykolaiv, starting a fire": damage; "Vesele, Hatyshche and Budarky were
        # among the places targeted": a list of places under attack. Without any of these, the
        # lead still tells the headline's strike ("Russian forces attacked Zaporizhzhia
        # overnight" under "Night attack on Zaporizhzhia: 13 injured").
        if strength == "weak" and not (
            reading.cue_values("target") or named_regions or len(candidates) >= LIST_OF_PLACES
            or any(h.place.kind == "facility" for h in candidates)
            or any((c.key in lexicon.CASUALTIES or c.key in lexicon.DAMAGE) and not negated(reading, c)
                   for c, _ in reading.cue_values("outcome"))
            # "Explosions were also heard in Krasnodar": heard where they fell
            or any(c.key in _HEARD for c, _ in reading.cue_values("strike:weak"))
        ):
            for hit in candidates:
                if hit.place.id not in headline and not _ATTACK_ON.search(
                        text, max(0, hit.match.start - 40), hit.match.start):
                    hit.reason = "no strike in the sentence"
            candidates = [h for h in candidates if h.reason is None]
            if not candidates:
                return
        has_date: bool | None = None  # looked up only for the few events dated by a week
        for hit in most_precise(candidates):
            event = self._event(reading, hit, text, published, doc)
            if event is not None:
                reading.events.append(event)
                if event.date_precision == "week":
                    if has_date is None:
                        has_date = bool(dates.find_date_phrases(reading.sentence.text))
                    if not has_date:
                        reading.undated.append(event)

    def _event(
        self, reading: SentenceReading, hit: PlaceHit, text: str, published: dt.date | None,
        doc: Document,
    ) -> Event | None:
        others = [h for h in reading.places if h is not hit and h.reason is None]
        attrs = read_attributes(reading, hit, others)
        place = hit.place
        if attrs.status == "unknown" and place.id in _SEAS:
            # "airfields used to control the airspace, including over the Black Sea": a sea is
            # where drones are shot down or ships hit, not the frame of a sentence about strikes.
            hit.reason = "loose area named without a strike on it"
            return None
        if (place.kind in ("town", "district") and attrs.target_type != "unknown") \
                or (place.kind == "region" and attrs.target_type in _ONE_PER_REGION):
            # ("an oil refinery in the Volgograd region": the region's one refinery, when it has one.)
            facility = self._facility_at(place, attrs.target_type, hit.text)
            if facility is None and attrs.target_type == "factory" and names_its_site(text, hit, attrs):
                # "the Burshtyn plant": a generic word for the one big site the town has.
                found = [f for t in _GENERIC_PLANT_TYPES if (f := self._facility_at(place, t, hit.text))]
                facility = found[0] if len(found) == 1 else None
            if facility is not None:
                place = facility
        target_type = place.target_type or attrs.target_type
        sentence = reading.sentence
        cue_at = attrs.cue_start - sentence.start if attrs.cue_start is not None else 0
        event_date, date_precision = strike_date(sentence.text, max(cue_at, 0), published)
        # "A drone attack on Mykolaiv wounded a man, Kim wrote on Friday": the day it was reported,
        # which the story's own day replaces (see geomap.story.story_dates).
        reported_only = date_precision == "day" and dates.dated_by_report_only(
            sentence.text, max(cue_at, 0), published)
        attacker = attrs.attacker or attacker_by_geography(place, hit.text)
        confidence = score_confidence(attrs, place, rivals=len(hit.rivals), written=hit.text,
                                      stand_in=hit.stand_in)
        event = Event(
            place=hit.text,
            place_name=place.name,
            place_id=place.id,
            lat=place.lat,
            lon=place.lon,
            admin1=self.gazetteer.region_name(place.admin1) or (place.name if place.kind == "region" else ""),
            country=place.country,
            geo_precision=place.precision,
            strike_type=attrs.strike_type,
            target_type=target_type or "unknown",
            status=attrs.status,
            attacker=attacker,
            event_date=event_date,
            date_precision=date_precision,
            doc_ids=[doc.doc_id],
            sources=[doc.source],
            evidence=[sentence.text],
            confidence=confidence,
            namesakes=tuple(p.id for p in hit.rivals) if place is hit.place and hit.rivals else (),
        )
        if reported_only:
            reading.undated.append(event)
        return event


# "launched a massive attack on Kyiv": the place is what the attack was on (not "attacks on
# energy facilities and navigation in the Black Sea").
_ATTACK_ON = re.compile(
    r"\battacks?\s+(?:on|against)\s+(?:the\s+)?(?:(?:city|town|village)\s+of\s+)?$", re.IGNORECASE)


_HEARD = frozenset(lexicon.HEARD)

#: Seas, which hold a strike only when something is shot down over them or hit in them.
_SEAS = frozenset({
    "informal:black-sea", "informal:sea-of-azov", "informal:caspian-sea", "informal:baltic-sea",
})



#: Facility types a plain "plant" or "works" may stand for.
#: Sites of which a region seldom has more than one, and the gazetteer lists every large one: a
#: strike on "a refinery in the X region" is on the region's refinery when it has only one.
_ONE_PER_REGION = frozenset({"refinery"})
_GENERIC_PLANT_TYPES = ("refinery", "power_plant", "gas_facility", "factory")


def _no_strike_reason(reading: SentenceReading, published: dt.date | None) -> str | None:
    """Why a sentence tells of no strike at its places (no strike word, history, or, where it
    names no weapon, an accident, a fire still unexplained, an aircraft downed, ground fighting);
    None when it may tell of one."""
    if reading.strength is None:
        return "no strike in the sentence"
    text = reading.sentence.text
    if _LINK_OUT.match(text):
        return LINK_OUT  # "Read also: Russians attack ... in Chernihiv region": another report's headline
    if is_historical(text, published):
        return "historical reference"
    weapons = reading.cue_values("weapon")
    if weapons and not reading.cue_values("strike:strong") and _all_threatened(reading, weapons):
        # Its only strong cues weapons feared ("evacuated because of the constant threat of
        # shelling"). (The weapon stays a cue: "warned of a threat of attack drones" before an
        # attack names the weapon of the strikes told next.)
        return "a threat of attack, not a strike"
    if weapons:
        return None
    return next((reason for tells, reason in _NO_STRIKE_WITHOUT_WEAPON if tells(text)), None)


#: The reason a sentence that links to another report tells no strike here.
LINK_OUT = "headline of another report linked from this one"
# "Read also:", "See also -", "Читайте також:": a site's link to another of its reports, run into
# the text when the page is copied.
_LINK_OUT = re.compile(
    r"\s*(?:read (?:also|more)|see also|also read|related|читайте (?:также|також|ще|еще|ещё)"
    r"|дивіться також|смотрите также)\s*[:\-–—]", re.IGNORECASE)


def _all_threatened(reading: SentenceReading, weapons: list[tuple[Match, str]]) -> bool:
    """Whether every weapon of the sentence is one feared (a plain loop, not all() over a generator)."""
    for c, _ in weapons:
        if not threatened(reading.sentence, c):
            return False
    return True


# Sentences that name no weapon and tell of something else than a strike, in the order asked.
_NO_STRIKE_WITHOUT_WEAPON: tuple[tuple[Callable[[str], bool], str], ...] = (
    (is_accident, "accident, not a strike"),
    (cause_sought, "cause not known, no strike reported"),
    (downs_aircraft, "aircraft shot down, no strike on the place"),
    (repels_ground_attacks, GROUND_FIGHTING),
)
