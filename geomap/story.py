"""The passes that read a document as one story, after its sentences are read one by one.

A report dates its lead and goes on without dates; a sentence with no place of its
own ("The attack set fire to the tanks.") adds to the strike just told; a weapon
named once holds for the places struck after it; a headline's region gives way to
the villages the body names in it; and the places that are no strikes become
mentions, each with its reason.
"""

from __future__ import annotations

import datetime as dt
import functools
import operator
import re

from . import dates, lexicon
from .attributes import counts_downed_weapons, negated
from .gazetteer import distance_km
from .matcher import Match
from .mentions import CITY_DISTRICT, CONTAINER, OFFICE
from .model import HROMADA_REACH_KM, Document, Event, Mention, is_hromada
from .reading import SentenceReading

# Sentences after an event sentence that may carry on its story without naming a place.
_CONTINUATION = 2


# Several places in one sentence share its date phrases: read them once.
_event_date = functools.lru_cache(maxsize=256)(dates.event_date)


# "MOSCOW, Feb 7 (Wire) - ": the dateline's date is when the story was filed, not the strike.
_DATELINE_PREFIX = re.compile(
    r"[A-ZА-ЯІЇЄ][A-ZА-ЯІЇЄ'\-]*(?: [A-ZА-ЯІЇЄ'\-]+){0,3},? ?"
    r"(?:[A-Z][a-z]{2,8}\.? \d{1,2}|\d{1,2} [A-Z][a-z]{2,8})? ?(?:\([^)]{0,40}\))? ?[-—–] "
)


_DASHES = ("- ", "— ", "– ")


def strike_date(sentence: str, cue_at: int, published: dt.date | None) -> tuple[str | None, str]:
    """The date of a strike told in ``sentence``, its dateline left out."""
    head = sentence[:80]
    # The prefix ends in a dash and a space: substring tests spare the match in nearly every sentence.
    dateline = _DATELINE_PREFIX.match(head) if any(map(head.__contains__, _DASHES)) else None
    if dateline and cue_at >= dateline.end():
        cut = dateline.end()
        return _event_date(sentence[cut:], cue_at - cut, published)
    return _event_date(sentence, cue_at, published)


def story_dates(readings: list[SentenceReading], published: dt.date | None = None) -> None:
    """Events told without a date of their own take the date of the strike told just before.

    A report dates its lead ("drones struck the refinery overnight") and then
    goes on ("Debris damaged windows in the city."): the second event gets the
    lead's date instead of the vague publication-week fallback: the report's
    one strike day if it names only one, else the day of the event just before
    within a few sentences (a later paragraph may tell another story).
    """
    undated = {id(e) for r in readings for e in r.undated}
    # (A strike told in passing on another day does not date the report's story.)
    aside = undated | {id(e) for r in readings for e in r.earlier}
    dated = {(e.event_date, e.date_precision) for r in readings for e in r.events
             if e.event_date and id(e) not in aside}
    if undated and dated:
        # A tally dated in a sentence of its own ("102 drones were downed on the night of
        # August 28. Of those, 22 over the Black Sea ..."): its day is one of the report's.
        dated |= {day for r in readings if not r.events and r.strength is not None
                  and (day := _own_day(r, published)) is not None}

    if not dated and undated:
        # "Drones downed overnight" in the headline, then a tally with no date of its own.
        lead = _lead_date(readings, published)
        if lead is not None:
            dated = {lead}
    if len(dated) == 1:
        # One strike day in the whole report: everything it tells happened then.
        (day, precision), = dated
        for event in (e for r in readings for e in r.undated):
            event.event_date, event.date_precision = day, precision
        return
    story: tuple[int, str, str] | None = None
    for reading in readings:
        if not reading.events and reading.strength is not None:
            # "On 1 January the ministry said 15 drones were downed. They were downed over ...":
            # a strike sentence with a day of its own and no place still moves the story to it.
            own = _own_day(reading, published)
            if own is not None:
                story = (reading.index, *own)
        for event in reading.events:
            if id(event) in undated:
                if story and reading.index - story[0] <= _CONTINUATION + 1:
                    event.event_date, event.date_precision = story[1], story[2]
                    # A report keeps to its day from one strike sentence to the next until it
                    # names another day or leaves strikes for a while.
                    story = (reading.index, story[1], story[2])
            elif event.event_date and id(event) not in aside:
                story = (reading.index, event.event_date, event.date_precision)


def _own_day(reading: SentenceReading, published: dt.date | None) -> tuple[str, str] | None:
    """The day a sentence dates itself to in words ("on 1 January", "overnight"), if any."""
    text = reading.sentence.text
    if not dates.find_date_phrases(text):
        return None
    day, precision = strike_date(text, 0, published)
    return (day, precision) if day and precision == "day" else None


def fold_containers(readings: list[SentenceReading]) -> None:
    """Drop a region or district struck in the headline, or named as the home of unnamed villages,
    when the report names the places struck in it.

    "Russia drops guided bombs on Kharkiv region village" above a body about
    Tsyrkuny is one strike, at Tsyrkuny; so is "two settlements of the Kharkiv
    region came under attack" beside the villages' own sentences. A region's
    interception tally stays: it counts drones the places do not.
    """
    by_region: dict[str, list[Event]] = {}  # the precise events of each region, looked up by name
    for event in (e for r in readings for e in r.events):
        if event.geo_precision in ("facility", "town", "district"):
            by_region.setdefault(event.admin1, []).append(event)
    for reading in readings:
        if not reading.events:
            continue
        kept = []
        for event in reading.events:
            # Only a coarse strike told as a headline or as an address is a candidate: few per report,
            # so the search for what it holds stays cheap even in a very long document.
            folds = (event.geo_precision in ("region", "district") and event.status != "intercepted"
                     and (reading.index == 0 or _names_home_of_places(reading.sentence.text, event.place)))
            inner = [e for e in by_region.get(event.admin1, ()) if e is not event and _holds(event, e)] \
                if folds else []
            if not inner:
                kept.append(event)
                continue
            for e in inner:
                if reading.sentence.text not in e.evidence:
                    e.evidence.append(reading.sentence.text)
                if e.strike_type == "unknown" and len(inner) == 1:
                    # "the Saltivka district, presumably with Shaheds": the one strike it holds (a
                    # headline's "KABs on Kherson region" does not say what hit each of its towns).
                    e.strike_type = event.strike_type
        reading.events[:] = kept


def _holds(outer: Event, inner: Event) -> bool:
    """Whether ``inner`` is a more precise event inside the region or district ``outer``."""
    if outer.geo_precision == "region":
        return inner.geo_precision in ("facility", "town", "district") and inner.admin1 == outer.admin1
    if outer.geo_precision == "district":
        reach = HROMADA_REACH_KM if is_hromada(outer.place_id) else _DISTRICT_KM
        return inner.geo_precision in ("facility", "town") and _km(outer, inner) <= reach
    return False


def _within(outer: Event, inner: Event) -> bool:
    """Whether ``inner`` lies in the district ``outer`` (a hromada in a raion too)."""
    if outer.geo_precision == "district" and inner.geo_precision == "district":
        if is_hromada(outer.place_id) or not is_hromada(inner.place_id):
            return False
        # A hromada's KATOTTG code begins with its raion's (oblast, then raion): the code says
        # so even of a raion a hundred kilometres across.
        return inner.place_id[:_RAION_CODE] == outer.place_id[:_RAION_CODE] \
            or _km(outer, inner) <= _DISTRICT_KM
    return _holds(outer, inner)


#: "katottg:UA" and the two digits of the oblast and the two of the raion.
_RAION_CODE = len("katottg:UA") + 4


#: How far a place may lie from a district's point and still be taken to lie in it.
_DISTRICT_KM = 40.0


def _km(a: Event, b: Event) -> float:
    return distance_km(a.lat, a.lon, b.lat, b.lon)


_PLACES_WORD = r"(?:villages?|towns?|settlements?|communities|community|hromadas?|districts?|cities)"
_ANY_PLACES_WORD = re.compile(rf"\b{_PLACES_WORD}\b", re.IGNORECASE)
_PLACES_STEMS = ("village", "town", "settlement", "communit", "hromada", "district", "cities")


def _names_home_of_places(sentence: str, place: str) -> bool:
    """"two Kharkiv region villages", "settlements of the Kharkiv region": a region as an address."""
    lower = sentence.lower()
    if not any(stem in lower for stem in _PLACES_STEMS) or not _ANY_PLACES_WORD.search(sentence):
        return False  # the usual case, found without building a pattern for this place
    if not place or place[0].isspace() or place[-1].isspace():
        return _home_of_places(place).search(sentence) is not None
    # The answer of _home_of_places(place).search(sentence), without compiling that pattern for
    # each place (two copies of the place words, case-blind: most of a news slice's pattern
    # building): the place words are found by fixed patterns, and only the name is compared.
    name = _literal(place)
    for word in _ANY_PLACES_WORD.finditer(sentence):
        # "<place> villages": the name ends where the spaces before the word begin
        end = len(sentence[:word.start()].rstrip())
        if end < word.start() and end >= len(place) and name.fullmatch(sentence, end - len(place), end):
            return True
    for words in _PLACES_OF.finditer(sentence):
        # "villages of (the) <place>"
        if name.match(sentence, words.end()) or (
                words.group("the") and name.match(sentence, words.start("the"))):
            return True
    return False


_PLACES_OF = re.compile(rf"\b{_PLACES_WORD}\s+(?:of|in)\s+(?P<the>the\s+)?", re.IGNORECASE)


@functools.lru_cache(maxsize=256)
def _literal(place: str) -> re.Pattern[str]:
    return re.compile(re.escape(place), re.IGNORECASE)  # as _home_of_places spells the name


@functools.lru_cache(maxsize=256)
def _home_of_places(place: str) -> re.Pattern[str]:
    name = re.escape(place)
    return re.compile(rf"{name}\s+{_PLACES_WORD}\b|\b{_PLACES_WORD}\s+(?:of|in)\s+(?:the\s+)?{name}",
                      re.IGNORECASE)


def _lead_date(readings: list[SentenceReading], published: dt.date | None) -> tuple[str, str] | None:
    """The day the headline or lead gives ("overnight", "on the night of 22 October"), if one;
    else the day of the first strike sentence that dates itself from the report's own day
    ("... more than a hundred drones and missiles during the night.")."""
    for reading in readings[:_LEAD_SENTENCES]:
        day, precision = strike_date(reading.sentence.text, 0, published)
        if day and precision == "day" and dates.find_date_phrases(reading.sentence.text):
            return day, precision
    for reading in readings[_LEAD_SENTENCES:]:
        if reading.strength is None or _EARLIER.search(reading.sentence.text):
            continue  # "Earlier, the ministry reported 95 drones downed overnight": another time
        phrases = dates.find_date_phrases(reading.sentence.text)
        if phrases and all(p.kind == "relative_day" for p in phrases):
            day, precision = strike_date(reading.sentence.text, 0, published)
            if day and precision == "day":
                return day, precision
    return None


_EARLIER = re.compile(r"\b(?:earlier|previously)\b|раньше|раніше|ранее|напередодні|накануне", re.IGNORECASE)

#: The headline and the first sentences: where a report says when its story happened.
_LEAD_SENTENCES = 3


# -- after the sentences ------------------------------------------------------------------


#: Mentions that do not make a sentence a story of its own (it may still carry on the last one).
_PASSIVE_REASONS = frozenset({
    "country named", "person's name", "capital standing for its government",
    "capital as a title (e.g. its mayor)", "outside the theatre", OFFICE,
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
        if reading.places and all(h.reason == CITY_DISTRICT for h in reading.places):
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
            elif len(last.events) == 1 or (_OPENS_ON_LAST.match(reading.sentence.text)
                                           and len(last.events) <= _DAMAGE_SHARED_BY):
                # "Two houses caught fire." after the one strike just told: the same story. (But
                # "Ten homes were destroyed" after a list of nine villages shelled does not say
                # which village lost them.)
                for event in last.events:
                    _enrich(event, reading)
            elif reading.cue_values("weapon") and any(e.strike_type == "unknown" for e in last.events) \
                    and not any(v == "intercepted" for _, v in reading.cue_values("outcome")):
                # "Partisans had mined the line": names the weapon of the strike just told (but
                # "most of the missiles were shot down" does not say what hit those places).
                for event in last.events:
                    _enrich(event, reading, weapon_only=True)


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


def _own_date(reading: SentenceReading, published: dt.date | None) -> str | None:
    """The day a sentence itself names ("on 13 March", "on Monday"), if it names one."""
    if not dates.find_date_phrases(reading.sentence.text):
        return None
    day, precision = strike_date(reading.sentence.text, 0, published)
    return day if precision == "day" else None


def _first_target(reading: SentenceReading) -> str:
    """The kind of target a sentence names first, "unknown" if none."""
    targets = reading.cue_values("target")
    return min(targets, key=lambda cv: cv[0].start)[1] if targets else "unknown"


def _earlier_strike(event: Event, reading: SentenceReading, day: str) -> Event:
    """A strike on the same place on another day, told in passing."""
    outcomes = {v for c, v in reading.cue_values("outcome") if not negated(reading, c)}
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


def inherit_weapons(readings: list[SentenceReading]) -> None:
    """An event whose weapon is not named takes the one of the strike told just before.

    "In the nearby town of Bor, debris damaged a school during the same attack." Only a
    weapon the text names passes on: a weapon taken this way is not handed further, so the
    headline's "bombs" do not run down a whole report. A place that a later sentence tells
    of with a weapon of its own ("Khotin hromada was hit by mortar fire") takes that one.
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
    undated = {id(e) for r in readings for e in r.undated}  # (dated for now by the publication)
    # The districts of the last strike told with a weapon (not regions: a region's day is told
    # village by village, each village with its own weapon).
    areas: tuple[int, list[Event]] | None = None
    for reading in readings:
        if not (reading.events or reading.cues):
            continue  # neither takes a weapon nor names one
        if opens_new_frame(reading):
            known = None  # "Earlier this month, explosions went off in ...": another attack
        for event in reading.events:
            if event.strike_type != "unknown":
                own.setdefault(event.place_id, event.strike_type)
            elif known and reading.index - known[0] <= _CONTINUATION + 1 \
                    and (_told_with(event, known[2], seen) or _SAME_ATTACK.search(reading.sentence.text)) \
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
        typed = [e for e in reading.events if e.strike_type != "unknown" and id(e) not in taken]
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
    for event in taken.values():
        event.strike_type = own.get(event.place_id, event.strike_type)


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


#: The most places a sentence with no place of its own tells the damage of.
_DAMAGE_SHARED_BY = 2


#: How near a place must lie to one just struck to be told as part of that strike.
_ELABORATION_KM = 25.0
#: How near a place told after a strike must lie to it to have been struck in the same attack
#: ("In the nearby town of Bor, debris damaged a school" after drones on Bryansk; but "In Dnipro,
#: attacks killed one" after a drone attack on Odesa, 400 km off, is a roundup's next item).
_SAME_ATTACK_KM = 150.0


def opens_new_frame(reading: SentenceReading) -> bool:
    """Whether a sentence turns from the attack just told to other, earlier ones ("Earlier this
    month", "Background:", "Нагадаємо"): it takes no weapon from the story."""
    text = reading.sentence.text
    # Asked of every sentence, often twice: the first letter spares most of the pattern's calls.
    return text[:1] in _NEW_FRAME_INITIALS and _NEW_FRAME.match(text) is not None


# Sentence openings that turn from the attack just told to other, earlier ones.
_NEW_FRAME = re.compile(
    r"(?:(?:Some )?[Bb]ackground\b|Earlier (?:this|that|last) (?:week|month|year)|Earlier in (?:the|this) "
    r"(?:week|month|year|war)|Last (?:week|month|year)|In recent (?:days|weeks|months|years)|Previously|"
    r"In (?:January|February|March|April|May|June|July|August|September|October|November|December)\b|"
    r"Нагадаємо|Напомним|Раніше|Ранее)"
)

#: The letters the openings above start with.
_NEW_FRAME_INITIALS = frozenset("SBbELIPНР")

# Sentence openings that carry on the story just told ("The drones hit ...", "Explosions ...").
_OPENS_ON_LAST = re.compile(
    r"(?:The|This|These|That|It|Its|They|Their|There|Explosions?|Fires?|A fire|Smoke|Debris|"
    r"Flames|Blasts?|Several|One|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten|\d+|At least|"
    r"More than|Over|Dozens|Many|Some|Houses|Homes|Windows|Buildings)\b"
)


def _definite(reading: SentenceReading, cue: Match) -> bool:
    """"the refinery", "the damaged depot": a target word that points back to one already named."""
    offset = cue.start - reading.sentence.start
    before = reading.sentence.text[max(0, offset - 25):offset].lower().split()
    return "the" in before[-3:]


def _enrich(event: Event, reading: SentenceReading, *, weapon_only: bool = False) -> None:
    if reading.sentence.text not in event.evidence:
        event.evidence.append(reading.sentence.text)
    weapons = [(c, v) for c, v in reading.cue_values("weapon") if v != "sabotage"] \
        or reading.cue_values("weapon")
    if event.strike_type == "unknown" and len({v for _, v in weapons}) == 1:
        # "combat drones and cruise missiles": which of them struck the place is not said
        event.strike_type = weapons[0][1]
    elif event.strike_type == "airstrike" and any(v == "glide_bomb" for _, v in weapons):
        event.strike_type = "glide_bomb"  # "three airstrikes" ... "dropped guided aerial bombs"
    if weapon_only:
        return
    outcomes = {v for c, v in reading.cue_values("outcome") if not negated(reading, c)}
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
