"""Weapons across sentences: a place whose weapon is not named takes the one of the strike told
just before, within the same attack (:func:`inherit_weapons`, :func:`same_attack_area`), unless
the sentence turns to other, earlier attacks (:func:`opens_new_frame`) or tells of fire and air
strikes at once (:func:`tells_mixed_fire`); a place still without one that was "fired on" was
shelled (:func:`gunfire_is_shelling`)."""

from __future__ import annotations

import re

from .. import lexicon
from ..attributes import weapons_of_several_kinds
from ..lang import ru, uk
from ..matcher import match_key
from ..model import Event
from ..reading import LIST_OF_PLACES, SentenceReading
from ..text import match_fold
from .containers import _km, _within
from .days import _CONTINUATION
from .frames import opens_new_frame


def inherit_weapons(readings: list[SentenceReading]) -> None:
    """An event whose weapon is not named takes the one of the strike told just before.

    "In the nearby town of Bor, debris damaged a school during the same attack." Only a
    weapon the text names passes on: a weapon taken this way is not handed further, so the
    headline's "bombs" do not run down a whole report. A place that a later sentence tells
    of with a weapon of its own ("Khotin hromada was hit by mortar fire") takes that one, and
    so does a place of a list that only "shelled" ("The communities shelled were Esmanska,
    Hlukhivska ..." then "Esmanska: air strikes and mortar fire"); if the next sentence names
    weapons of several kinds and no place ("The enemy used air strikes, Grad launchers and
    artillery"), the list takes none of them.
    Once the report has told of strikes by more than one kind of weapon, only a place in or
    beside one just struck takes its weapon ("missiles hit Kharkiv" then "impacts in the
    Kholodnohirskyi and Osnovianskyi districts"); other places ("the Koriukivka and Chernihiv
    districts had also come under attack") may have been struck by any of them. Even with one
    kind, a place told on another day, or far from the strike just told and outside its region,
    takes nothing (:func:`same_attack_area`); the places of a district struck take the
    district's weapon whatever the report's kinds.
    """
    # The sentence that named the weapon last, the weapon, the places it struck there, and the
    # strikes whose day it is (kept when a sentence with no place names the same weapon again).
    known: tuple[int, str, list[Event], list[Event]] | None = None
    mixed = False  # the report has told of an attack by several kinds of weapon
    seen: set[str] = set()  # the kinds of weapon named in the report's strike sentences so far
    taken: dict[int, Event] = {}  # id -> event: the events that took the weapon told before them
    own: dict[str, str] = {}  # place id -> the first weapon named for it in its own sentence
    # The events of a list that only "shelled" (a word officials use of any attack), which the
    # weapon a later sentence names for the place replaces.
    shelled: list[Event] = []
    undated = {id(e) for r in readings for e in r.undated}  # (dated for now by the publication)
    # The districts of the last strike told with a weapon (not regions: a region's day is told
    # village by village, each village with its own weapon).
    areas: tuple[int, list[Event]] | None = None
    # The last list that only "shelled": the sentence and its events.
    shelled_list: tuple[int, list[Event]] | None = None
    for reading in readings:
        if not (reading.events or reading.cues):
            continue  # neither takes a weapon nor names one
        if opens_new_frame(reading):
            known = None  # "Earlier this month, explosions went off in ...": another attack
        if shelled_list and not reading.events and reading.index - shelled_list[0] == 1:
            kinds = {v for _, v in reading.cue_values("weapon") if v != "sabotage"}
            if len(kinds) > 1:
                # "Russian troops shelled Avdiivka, Bakhmut, ... and Sokil." then "The enemy used air
                # strikes, rockets, Grad and Smerch launchers and artillery.": "shelled" (a word
                # officials use of any attack) was that inventory of several kinds, none of them
                # tied to a place.
                for event in shelled_list[1]:
                    event.strike_type = "unknown"
                shelled_list, known, mixed = None, None, True
                seen |= kinds
                continue
        if tells_mixed_fire(reading):
            # "came under enemy fire and air strikes, among them ...": several weapons, none tied
            # to a place; nor is the one told before. The kinds it names are the report's all the
            # same ("guided bombs, missiles and drones" on a list, then "a drone hit Kharkiv" does
            # not make a report of drones only).
            known, mixed = None, True
            seen.update(v for _, v in reading.cue_values("weapon") if v != "sabotage")
            continue
        only_shelled = len(reading.events) >= LIST_OF_PLACES and _only_shelled(reading)
        summary = tells_gunfire_on_a_list(reading)
        if only_shelled:
            shelled_list = (reading.index, [e for e in reading.events if e.strike_type != "unknown"])
        for event in reading.events:
            if event.strike_type != "unknown" and only_shelled:
                shelled.append(event)
            elif event.strike_type != "unknown":
                own.setdefault(event.place_id, event.strike_type)
            elif known and not summary and reading.index - known[0] <= _CONTINUATION + 1 \
                    and (_told_with(event, known[2], seen) or _SAME_ATTACK.search(reading.sentence.text)
                         or len(seen) == 1 and _ALSO.search(reading.sentence.text)) \
                    and _same_day(event, known[3], undated):
                event.strike_type = known[1]
                taken[id(event)] = event
            elif areas and reading.index - areas[0] <= _CONTINUATION + 1:
                # "Grad, heavy artillery and a kamikaze drone at the Nikopol district", then "the
                # city of Nikopol and the Marhanets hromada came under attack": the places of the
                # district take the district's weapon, even in a report of several kinds.
                outer = next((e for e in areas[1] if _within(e, event)), None)
                if outer is not None:
                    event.strike_type = outer.strike_type
                    taken[id(event)] = event
        typed = [e for e in reading.events if e.strike_type != "unknown" and id(e) not in taken] \
            if reading.events else []  # (a sentence of cues only: no list made)
        if typed:
            areas = (reading.index, [e for e in typed if e.geo_precision == "district"])
        weapons = reading.cue_values("weapon")
        named = {v for _, v in weapons if v != "sabotage"} if weapons else set()
        if reading.events:
            seen |= named  # (a weapon only launched or counted does not make a mixed report)
        if len(named) > 1:
            # "a wave of drones and missiles": which of them reached the next place is not said
            known, mixed = None, True
        elif typed:
            known = (reading.index, typed[-1].strike_type, typed, typed)
        elif named and known and not known[2] and not reading.events and named != {known[1]} \
                and reading.index - known[0] <= 2:
            # "- 1 Iskander missile; - 70 guided aerial bombs; - 31 Shahed-type UAVs": a week's
            # inventory of weapons, line by line, says which of them struck no place.
            known, mixed = None, True
        elif named and not mixed:
            # (In a report of drones and missiles together, "Russian forces also fired four Kalibr
            # missiles from the Black Sea" does not say what hit the places told after it.)
            # "Russia attacked overnight with 149 drones." then "Hits were recorded in ..."
            # ("It said HIMARS launchers had been used." after the depot's strike: more of that one.)
            weapon = named.pop()
            known = (reading.index, weapon, [], known[3] if known and known[1] == weapon else [])
    for event in (*taken.values(), *shelled):
        event.strike_type = own.get(event.place_id, event.strike_type)


_SHELLED = frozenset({"shelled", "shelling"})


def _only_shelled(reading: SentenceReading) -> bool:
    """Whether the sentence's only weapon word is "shelled" or "shelling"."""
    weapons = reading.cue_values("weapon")
    return bool(weapons) and all(c.key in _SHELLED for c, _ in weapons)


_MIXED_FIRE = frozenset((*lexicon.MIXED_FIRE, *map(match_fold, (*uk.MIXED_FIRE, *ru.MIXED_FIRE))))


def tells_mixed_fire(reading: SentenceReading) -> bool:
    """Whether a sentence tells its places came "under fire and air strikes", or a list of them
    under "drone terror, air strikes and artillery shelling": several weapons, none tied to a
    place (they take no weapon from the report either)."""
    return not _MIXED_FIRE.isdisjoint(map(match_key, reading.cues)) or (
        len(reading.events) >= LIST_OF_PLACES and weapons_of_several_kinds(reading))


def tells_gunfire_on_a_list(reading: SentenceReading) -> bool:
    """Whether a sentence tells a list of places "came under fire" or were "fired on" and names no
    weapon: a day's summary of where fire fell, which takes no weapon named for another place
    ("Udy, Vovchansk, Budarky and other settlements came under fire" after a guided bomb on one
    village)."""
    if len(reading.events) < LIST_OF_PLACES or reading.cue_values("weapon"):
        return False
    return any(c.key in _GUNFIRE for c, _ in reading.cue_values("strike:strong"))


def regions_shelled(readings: list[SentenceReading]) -> set[str]:
    """The regions (``admin1``) of the events of every sentence that names a shelling weapon
    ("shelled", "artillery", "mortars", "MLRS"), read before regions fold into their places."""
    regions: set[str] = set()
    for reading in readings:
        if not reading.events:
            continue  # (most sentences: nothing to add, and no generator made for them)
        for _, value in reading.cue_values("weapon"):
            if value == "artillery":
                regions.update([event.admin1 for event in reading.events])
                break
    regions.discard("")
    return regions


def gunfire_is_shelling(readings: list[SentenceReading], shelled: set[str]) -> None:
    """A place still without a weapon once the report's weapons have passed on, told "fired on" or
    "under fire" with no weapon named in its sentence, was shelled when the report tells shelling
    in its region (``shelled``, from :func:`regions_shelled`): "Russian troops fired on the
    Zaporizhzhia region 175 times" after "153 were artillery attacks". Gunfire in a region whose
    shelling the report never tells names no weapon ("the invaders fired on Shyikivka" in a post
    whose only weapon is a guided bomb). (After the passing on: "a couple in Osokorivka came under
    fire" in a report of drone strikes took the drones.)"""
    for reading in readings:
        if not reading.events or "defen" in reading.sentence.text:
            continue  # (air defence firing at drones is no shelling)
        cues = reading.cue_tables()
        if "weapon" in cues:
            continue
        strikes = cues.get("strike:strong", [])
        if not any(c.key in _GUNFIRE for c, _ in strikes):
            continue
        for event in reading.events:
            if event.strike_type == "unknown" and event.admin1 in shelled:
                event.strike_type = "artillery"


_GUNFIRE = frozenset(lexicon.GUNFIRE)


def _told_with(event: Event, struck: list[Event], kinds: set[str]) -> bool:
    """Whether ``event`` reads as part of the strike on ``struck`` just told (with the ``kinds`` of
    weapon the report named so far): a place in the same region or near it, or, once the report
    has told of several kinds of weapon, a place in or beside one struck. (A weapon named with no
    place, "Russia attacked with 149 drones", goes to the places told after it.)"""
    if not struck:
        return len(kinds) < 2
    if len(kinds) >= 2:
        return any(_km(event, e) <= _ELABORATION_KM for e in struck)
    return any(same_attack_area(event, e) for e in struck)


def same_attack_area(event: Event, other: Event) -> bool:
    """Whether a strike may be part of the attack on ``other``: it lies in the same region or near
    it, or one of them is an interception (a defence ministry's tally counts one wave of drones over
    regions far apart, and "the regions targeted included Saratov and Rostov" after it is that wave)."""
    return event.status == "intercepted" or other.status == "intercepted" \
        or bool(event.admin1 and event.admin1 == other.admin1) or _km(event, other) <= _SAME_ATTACK_KM


def _same_day(event: Event, struck: list[Event], undated: set[int]) -> bool:
    """Whether ``event`` may have been struck on the day of ``struck`` (events with no date of
    their own may): "Russia had already accused Ukraine of strikes on Melitopol on March 27"
    after the HIMARS strike of the 29th tells another attack, whose weapon is not said."""
    if id(event) in undated:
        return True
    days = {e.event_date for e in struck if id(e) not in undated}
    return not days or event.event_date in days


# "The Zmiivska plant in the Kharkiv region was also hit in the same attack": told as one attack.
_SAME_ATTACK = re.compile(r"\b(?:in|during|by) the same (?:attack|strike|wave|barrage|assault)\b")
# "the governors of Odesa Oblast also reported strikes" after missiles on the west: more of the one
# kind of attack told, however far.
_ALSO = re.compile(r"\balso (?:reported|struck|hit|came under|targeted|attacked)\b"
                   r"|\b(?:was|were) also (?:struck|hit|targeted|attacked)\b")


#: How near a place must lie to one just struck to be told as part of that strike.
_ELABORATION_KM = 25.0
#: How near a place told after a strike must lie to it to have been struck in the same attack
#: ("In the nearby town of Bor, debris damaged a school" after drones on Bryansk; but "In Dnipro,
#: attacks killed one" after a drone attack on Odesa, 400 km off, is a roundup's next item).
_SAME_ATTACK_KM = 150.0


