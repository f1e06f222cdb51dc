"""Carrying on: a sentence that names no place of its own adds to the events just read
(:func:`carry_on`), and "the depot" takes the kind of the depot named before it (:func:`depot_kinds`)."""

from __future__ import annotations

import datetime as dt
import operator
import re

from .. import lexicon
from ..attributes import counts_downed_weapons, negated
from ..matcher import Match
from ..mentions import CITY_DISTRICT, OFFICE, OUTLET
from ..model import MAIN_OVER, Event
from ..reading import SentenceReading
from .days import _CONTINUATION, _own_date

#: Mentions that do not make a sentence a story of its own (it may still carry on the last one).
_PASSIVE_REASONS = frozenset({
    "country named", "person's name", "capital standing for its government",
    "capital as a title (e.g. its mayor)", "outside the theatre", OFFICE, OUTLET,
})
_REASON = operator.attrgetter("reason")
# "the city", "the regional centre": a town named before, told of again.
_THE_TOWN = re.compile(r"\bthe (?:city|town|village|regional cent(?:re|er))\b(?! of\b)", re.IGNORECASE)
_THE_TOWN_WORDS = ("the city", "the town", "the village", "the regional cent")


def _names_the_town(sentence: str) -> bool:
    """``_THE_TOWN.search``, spared in an ASCII sentence whose lower() holds none of its words
    (the case-blind search tries every position; in ASCII text it reads what lower() gives)."""
    if sentence.isascii() and not any(map(sentence.lower().__contains__, _THE_TOWN_WORDS)):
        return False
    return _THE_TOWN.search(sentence) is not None


# How many sentences back "the refinery" may point to an event at a refinery.
_ANAPHORA = 8


def carry_on(readings: list[SentenceReading], published: dt.date | None) -> None:
    """Let a sentence that names no place of its own add to the events just read.

    "The drones hit apartment buildings." after "drones were launched at
    Kyiv" adds its evidence, and fills the target, weapon and outcome where the
    first sentence left them unknown; a hit outcome upgrades an unknown or
    intercepted status (never a claim: the same side may still be speaking). A
    sentence that speaks of "the refinery" goes to the latest event at a
    refinery within a few sentences; if it gives a day of its own ("had already
    been struck on 13 March"), it is an earlier strike there: a separate event.
    """
    last: SentenceReading | None = None
    recent: list[SentenceReading] = []
    focus: list[Event] = []  # the events of ``last`` whose town's office spoke since
    for reading in readings:
        if not (reading.events or reading.places or reading.cues):
            continue  # most sentences of a story: nothing to carry, nothing that ends the story
        if reading.events:
            last, focus = reading, []
            recent.append(reading)
            continue
        if reading.places and reading.places[0].reason == CITY_DISTRICT \
                and all(h.reason == CITY_DISTRICT for h in reading.places):  # (the first tested plainly)
            # "У Солом'янському районі частково зруйновано житловий будинок": the damage is the
            # city's, told district by district, within a few sentences of its strike.
            city = _city_struck(recent, reading)
            if city is not None and (reading.strength is not None or reading.cue_values("outcome")):
                _enrich(city, reading)
            continue
        if not _PASSIVE_REASONS.issuperset(map(_REASON, reading.places)):  # any reason not passive
            last = None  # a sentence that names a place of its own starts another story
            continue
        # "Kyiv Mayor Vitali Klitschko reported two deaths": the story goes on about Kyiv.
        offices = {h.place.id for h in reading.places if h.reason == OFFICE}
        if last is not None and offices:
            focus = [e for e in last.events if e.place_id in offices] or focus
        if offices and not focus and reading.strength is not None:
            # "Kharkiv Oblast Governor Syniehubov reported that mortar fire hit three communities"
            # after other regions' news: more of the report's strike there (not when the story
            # just told is in that region: "the governor confirmed" after its village).
            told = [e for r in recent for e in r.events if e.place_id in offices]
            if told and not (last and any(e.admin1 == told[-1].admin1 for e in last.events)):
                _enrich(told[-1], reading)
                continue
        if reading.strength is None and not reading.cue_values("outcome"):
            continue
        targets = {v for c, v in reading.cue_values("target") if _definite(reading, c)}
        referred = [
            e for r in recent if reading.index - r.index <= _ANAPHORA
            for e in r.events if e.target_type in targets
        ]
        if not referred and last is not None and reading.index - last.index <= _ANAPHORA \
                and _names_the_town(reading.sentence.text):
            # "Shahed strikes on the regional centre set houses on fire": the town of the strike
            # told last (not one told before a region's: "houses in the city" after the Kherson
            # region's shelling is Kherson, which the report never named as struck).
            referred = [e for e in last.events if e.geo_precision == "town"]
            referred = [e for e in referred if any(e is f for f in focus)] or referred
        if referred:
            event = referred[-1]
            own_date = _own_date(reading, published)
            if own_date and own_date != event.event_date:
                reading.events.append(_earlier_strike(event, reading, own_date))
                reading.earlier.append(reading.events[-1])
            else:
                _enrich(event, reading)
        elif last is not None and reading.index - last.index <= _CONTINUATION:
            # "On April 2, the governor had said an air strike damaged the runway": the place struck
            # on another day, not more of the strike just told (but "On 1 January, the ministry
            # said it had destroyed 15 UAVs" is a tally, dated the day it was given).
            struck = len(last.events) == 1 and reading.strength is not None \
                and not counts_downed_weapons(reading.sentence.text)
            own_date = _own_date(reading, published) if struck else None
            if own_date and own_date != last.events[0].event_date:
                reading.events.append(_earlier_strike(last.events[0], reading, own_date))
                reading.earlier.append(reading.events[-1])
            elif len(last.events) == 1 or (len(last.events) <= _DAMAGE_SHARED_BY
                                           and not any(e.status == "intercepted" for e in last.events)):
                # "Two houses caught fire." after the one strike just told: the same story, and so
                # is "According to Lysak, 17 houses were damaged" after "the army fired at Nikopol
                # and the Marhanets community", however the sentence opens. (But "Ten homes were
                # destroyed" after a list of villages shelled does not say which village lost them,
                # nor does "the damage at the plant" after a tally of drones downed over two regions.)
                for event in last.events:
                    # (Of several places, the damage only: "launched 14 Shaheds" after a headline
                    # naming two cities does not say what hit each.)
                    _enrich(event, reading, weapon=len(last.events) == 1)
            elif reading.cue_values("weapon") and any(e.strike_type == "unknown" for e in last.events) \
                    and not any(v == "intercepted" for _, v in reading.cue_values("outcome")):
                # "Partisans had mined the line": names the weapon of the strike just told (but
                # "most of the missiles were shot down" does not say what hit those places).
                for event in last.events:
                    _enrich(event, reading, damage=False)


def _city_struck(recent: list[SentenceReading], reading: SentenceReading) -> Event | None:
    """The latest town struck in the last few sentences: the city whose districts ``reading`` names
    (a district is read as a city's only beside a city the report names, see
    :func:`geomap.mentions.read_districts`; its point may still be a namesake's)."""
    for earlier in reversed(recent):
        if reading.index - earlier.index > _CITY_STORY:
            return None
        town = next((e for e in reversed(earlier.events) if e.geo_precision == "town"), None)
        if town is not None:
            return town
    return None


#: Sentences after a city's strike within which its districts' damage is told.
_CITY_STORY = 6


def _first_target(reading: SentenceReading) -> str:
    """The kind of target a sentence names first, "unknown" if none."""
    targets = reading.cue_values("target")
    return min(targets, key=lambda cv: cv[0].start)[1] if targets else "unknown"


def _earlier_strike(event: Event, reading: SentenceReading, day: str) -> Event:
    """A strike on the same place on another day, told in passing."""
    # (Explosions at a settlement tell where shells fell: "with several explosions" is no damage.)
    blasts_only = event.geo_precision in ("town", "district") and event.target_type == "unknown"
    outcomes = {v for c, v in reading.cue_values("outcome") if not negated(reading, c)
                and not (blasts_only and c.key in lexicon.BLASTS) and not _struck_places(reading, c)}
    weapons = reading.cue_values("weapon")
    return Event(
        place=event.place, place_name=event.place_name, place_id=event.place_id, lat=event.lat,
        lon=event.lon, admin1=event.admin1, country=event.country, geo_precision=event.geo_precision,
        strike_type=weapons[0][1] if weapons else event.strike_type,
        target_type=event.target_type if event.target_type != "unknown" else _first_target(reading),
        status="hit" if "hit" in outcomes else "unknown", attacker=event.attacker,
        event_date=day, date_precision="day", doc_ids=list(event.doc_ids), sources=list(event.sources),
        evidence=[reading.sentence.text], confidence=round(event.confidence * 0.8, 3),
    )



#: The most places a sentence with no place of its own tells the damage of: a pair ("Nikopol and
#: the Marhanets community"), not a list (the real sets' gold: damage told for a list as a whole
#: is no place's, tests/real/README.md).
_DAMAGE_SHARED_BY = 2


def _definite(reading: SentenceReading, cue: Match) -> bool:
    """"the refinery", "the damaged depot": a target word that points back to one already named."""
    offset = cue.start - reading.sentence.start
    before = reading.sentence.text[max(0, offset - 25):offset].lower().split()
    return "the" in before[-3:]


# "artillery struck two communities", "fire hit 23 settlements": where the attacks fell, not what
# they damaged (as a list of settlements struck, geomap.attributes.status).
_STRUCK_PLACES = re.compile(
    r"(?:hit|struck)\s+(?:[\w-]+\s+)?(?:communities|settlements|villages|towns|localities|hromadas)\b")


def _struck_places(reading: SentenceReading, cue: Match) -> bool:
    return cue.key in ("hit", "struck") \
        and _STRUCK_PLACES.match(reading.sentence.text, cue.start - reading.sentence.start) is not None


def _enrich(event: Event, reading: SentenceReading, *, weapon: bool = True, damage: bool = True) -> None:
    """Add a sentence with no place of its own to ``event``: its evidence, and where ``weapon`` its
    weapon, where ``damage`` its outcome and target."""
    if reading.sentence.text not in event.evidence:
        event.evidence.append(reading.sentence.text)
    weapons = [(c, v) for c, v in reading.cue_values("weapon") if v != "sabotage"] \
        or reading.cue_values("weapon") if weapon else []
    kinds = {v for _, v in weapons}
    if event.strike_type == "unknown" and len(kinds) == 1:
        # "combat drones and cruise missiles": which of them struck the place is not said
        event.strike_type = weapons[0][1]
    elif event.strike_type == "unknown" and len(kinds) == 2:
        # "heavily shelled, and kamikaze drones too": shelling is the bulk of such fire, as the
        # merge reads a place both shelled and hit by drones (model.MAIN_OVER).
        event.strike_type = next((main for main, other in MAIN_OVER if kinds == {main, other}), "unknown")
    elif event.strike_type == "airstrike" and any(v == "glide_bomb" for _, v in weapons):
        event.strike_type = "glide_bomb"  # "three airstrikes" ... "dropped guided aerial bombs"
    if not damage:
        return
    # (Explosions at a settlement tell where shells fell: "with several explosions" is no damage.)
    blasts_only = event.geo_precision in ("town", "district") and event.target_type == "unknown"
    outcomes = {v for c, v in reading.cue_values("outcome") if not negated(reading, c)
                and not (blasts_only and c.key in lexicon.BLASTS) and not _struck_places(reading, c)}
    if "hit" in outcomes and counts_downed_weapons(reading.sentence.text):
        outcomes.discard("hit")  # "the ministry said it had destroyed 15 UAVs": nothing on the ground
    if "claimed" in outcomes or event.status == "claimed":
        pass  # the same side may still be speaking: its claim stays a claim
    elif "hit" in outcomes:
        event.status = "hit"
    elif event.status == "unknown" and "intercepted" in outcomes \
            and not counts_downed_weapons(reading.sentence.text):
        # (but "the defence forces shot down three UAVs" counts the whole attack's, not this place's)
        event.status = "intercepted"
    if event.target_type == "unknown":
        targets = reading.cue_values("target")
        if targets:
            # "Civilian infrastructure was damaged: two houses caught fire": the kind named, not
            # the umbrella word; of several kinds, the first ("private houses, high-rises, schools").
            named = [cv for cv in targets if cv[0].key not in lexicon.UMBRELLA_TARGETS] or targets
            event.target_type = min(named, key=lambda cv: cv[0].start)[1]


def depot_kinds(readings: list[SentenceReading]) -> None:
    """"The depot" after "an ammunition depot" is that depot: a bare "depot" (read as a fuel
    depot, the kind most reports mean) takes the kind of the depot the report named before it."""
    kind: str | None = None
    for reading in readings:
        targets = reading.cue_values("target") if reading.cues else None  # (most sentences have no cue)
        if not targets:
            continue
        bare = [c for c, _ in targets if c.key in _BARE_DEPOT]
        if bare and kind and len(bare) == len(targets):
            for event in reading.events:
                if event.target_type == "oil_depot":
                    event.target_type = kind
        named = [v for c, v in targets if c.key.endswith(("depot", "depots")) and c.key not in _BARE_DEPOT]
        if named:
            kind = named[-1]


_BARE_DEPOT = frozenset({"depot", "depots"})
