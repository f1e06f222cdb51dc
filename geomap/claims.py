"""A side's claim told on across the sentences of a report.

"The Russian defence ministry said its forces had struck an airfield near Odesa." and then
"Konashenkov told the briefing that airstrikes had hit two air-defence batteries near
Zaporizhzhia." The second sentence is still the ministry speaking, though it names no side:
its strike stays a claim until someone else (a governor, residents, the other side) reports it.
"""

from __future__ import annotations

import re

from .attributes import negated, speaking_side
from .model import Event
from .reading import SentenceReading

#: Sentences after a claim within which an unsourced strike by the same side is still its claim.
_CLAIM_REACH = 6

# Words of a voice other than the claiming side's: officials on the ground, witnesses, pictures.
_OTHER_VOICE = re.compile(
    r"\b(?:governor|mayor|administration|residents|witness(?:es)?|footage|videos?|images|photos|"
    r"satellite|emergency|rescuers|authorities|local (?:officials|media|channels|outlets)|"
    r"telegram channels?|maintained|confirmed|independent(?:ly)?)\b"
    # ... and in Russian and Ukrainian: a governor, a mayor, residents, pictures, rescuers, "admitted".
    r"|губернатор|мер\b|мэр|адміністрац|администрац|жител|мешканц|очевид|відео|видео|фото|супутник|"
    r"спутник|ДСНС|МЧС|рятувальн|спасател|визна[вл]|призна[лв]",
    re.IGNORECASE,
)
# What every English match of _OTHER_VOICE opens with once lower-cased: in ASCII text the case-blind
# search reads what lower() gives, so without one of these it is spared (it tries every position).
_OTHER_VOICE_STEMS = ("governor", "mayor", "administration", "residents", "witness", "footage", "video",
                      "images", "photos", "satellite", "emergency", "rescuers", "authorities", "local ",
                      "telegram channel", "maintained", "confirmed", "independent")
# The news agencies of each side, which tell of the strikes the other side claims, and each side's
# name in Russian and Ukrainian (a Cyrillic sentence naming the other side is not read further).
_VOICES = {
    "russia": ("TASS", "Tass", "RIA", "Interfax", "ТАСС", "РИА", "Росі", "Росс"),
    "ukraine": ("Ukrinform", "Suspilne", "Укрінформ", "Суспільне", "Україн", "Украин", "Київ", "Киев"),
}


def carry_claims(readings: list[SentenceReading]) -> None:
    """A strike the claiming side goes on telling of, with no other voice, stays ``claimed``."""
    claim: tuple[int, str] | None = None  # (sentence index, side) of the latest claim
    for reading in readings:
        if not reading.events:
            continue
        claimed = [e for e in reading.events if e.status == "claimed" and e.attacker in _VOICES]
        if claimed:
            claim = (reading.index, claimed[-1].attacker)
            continue
        if claim is None or reading.index - claim[0] > _CLAIM_REACH:
            continue
        told_on = [e for e in reading.events if e.status == "hit" and e.attacker == claim[1]]
        if told_on and not _other_voice(reading.sentence.text, claim[1]):
            for event in told_on:
                event.status = "claimed"
            claim = (reading.index, claim[1])


#: Sentences after a claim within which another voice's word of damage confirms it.
_CONFIRM_REACH = 2
# "Russian authorities acknowledged damage at one of their refineries": the other side admits it.
_ADMITS = re.compile(r"\b(?:acknowledged|admitted|confirmed|conceded)\b|визна[вл]|призна[лв]", re.IGNORECASE)


def confirm_claims(readings: list[SentenceReading]) -> None:
    """A claimed strike whose damage another voice admits just after, in a sentence naming no
    place, is a hit ("Ukraine claimed strikes on refineries in Krasnodar and Syzran." then
    "Russian authorities acknowledged damage at one of their refineries.")."""
    last: SentenceReading | None = None
    for reading in readings:
        if reading.events:
            last = reading
            continue
        if last is None or reading.index - last.index > _CONFIRM_REACH or reading.places:
            continue
        outcomes = reading.cue_values("outcome")
        if not outcomes:  # most sentences: no outcome word, so no case-blind search for an admission
            continue
        if not _ADMITS.search(reading.sentence.text):
            continue
        if not any(v == "hit" and not negated(reading, c) for c, v in outcomes):
            continue
        for event in last.events:
            if event.status == "claimed" and event.attacker in _VOICES \
                    and _other_voice(reading.sentence.text, event.attacker):
                event.status = "hit"


#: Sentences after a claimed strike within which the struck side's word of damage at the place
#: confirms it.
_CONFIRM_AT_PLACE_REACH = 4


def confirm_claims_at_place(readings: list[SentenceReading]) -> None:
    """A claimed strike whose damage the struck side's officials or residents tell soon after,
    naming the place, is a hit ("Ukraine's General Staff confirmed a strike on a depot in
    Feodosia." then "Feodosia's administration head said no one was hurt, though residents
    heard explosions before the fire began.")."""
    claimed: list[tuple[int, Event]] = []  # (sentence index, event) of the claims told so far
    for reading in readings:
        if reading.events:  # (most sentences have none: no list made for them)
            claimed += [(reading.index, e) for e in reading.events
                        if e.status == "claimed" and e.attacker in _VOICES]
        if not claimed or not reading.places:
            continue
        # (Only the place itself: damage in a town beside a claimed air base is no damage at the base.)
        named = {h.place.id for h in reading.places}
        near = [e for index, e in claimed if 0 < reading.index - index <= _CONFIRM_AT_PLACE_REACH
                and e.status == "claimed" and e.place_id in named]
        if not near or not any(v == "hit" and not negated(reading, c)
                               for c, v in reading.cue_values("outcome")):
            continue
        for event in near:
            if _other_voice(reading.sentence.text, event.attacker) \
                    and speaking_side(reading.sentence.text) != event.attacker:
                event.status = "hit"


def _other_voice(sentence: str, side: str) -> bool:
    """Whether anyone but the claiming side may be telling of this strike."""
    if not sentence.isascii():
        if _OTHER_VOICE.search(sentence):
            return True
    else:
        # Every English match starts where one of the stems stands: the search starts at the first
        # (the dense slice's 77 sentences asked, replayed under callgrind: 9.2 -> 3.1 M instructions).
        found = [at for at in map(sentence.lower().find, _OTHER_VOICE_STEMS) if at >= 0]
        if found and _OTHER_VOICE.search(sentence, min(found)):
            return True
    other = "ukraine" if side == "russia" else "russia"
    return any(map(sentence.__contains__, _VOICES[other])) or speaking_side(sentence) == other
