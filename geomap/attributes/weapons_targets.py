"""The weapon and the target of each strike place, and :func:`read_attributes`, which reads all of
a place's attributes (the outcome from :mod:`.status`, the side from :mod:`.attacker`).

Of several weapon or target words, the one nearest the place within its clause (a word
across "and" or a comma counts as farther); the first of weapons named together or of
things listed as damaged together; a kind named after an umbrella word ("civilian
infrastructure ..., where 32 private houses"); never a word that only describes the
place ("the port of Tuapse") or says who owns a site.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable

from .. import lexicon
from ..matcher import Match
from ..reading import LIST_OF_PLACES, PlaceHit, SentenceReading
from ..text import matches_at_words
from .attacker import _attacker_by_actor
from .cues import _NO_CUES, NEAR, Attributes, _Cue, _nearest, across_clause, cue_distance, told_of_others
from .negation import negated
from .status import _status

_JOINS = re.compile(r"(?P<clause>;|,\s*(?:while|whereas|but)\b)|[,;]|\b(?:and|while|as|after|before)\b")


def _target_distance(reading: SentenceReading, cue: Match, hit: PlaceHit) -> int:
    """Distance from a weapon or target word to a place, longer across "and" or a comma, and
    longer still across a clause of its own.

    "port infrastructure in Odesa and a power plant in the Kyiv region": the
    plant, though nearer to Odesa, is across an "and". "Artillery fired on Synkivka and
    Kotliarivka, while Ivanivka was hit by airstrikes": the airstrikes are Ivanivka's clause.
    """
    # (cue_distance inlined, each NamedTuple field read once: see attributes.cues.cue_distance)
    m = hit.match
    cue_end, place_start = cue.end, m.start
    if cue_end <= place_start:
        lo, hi = cue_end, place_start
        distance = place_start - cue_end
    else:
        place_end, cue_start = m.end, cue.start
        lo, hi = (place_end, cue_start) if place_end <= cue_start else (cue_start, place_end)
        distance = cue_start - place_end if cue_start >= place_end else 0
    sentence = reading.sentence
    offset = sentence.start
    lo, hi = lo - offset, hi - offset
    between = [clause for start, end, clause in _joins(sentence.text) if lo <= start and end <= hi]
    return distance + (60 if between else 0) + (120 if any(between) else 0)


@functools.lru_cache(maxsize=64)
def _joins(sentence: str) -> tuple[tuple[int, int, bool], ...]:
    # Every place-cue pair of a sentence asks; the sentence is searched once, and only where a
    # match may start (the pattern is case-sensitive: its words are found in the sentence itself;
    # the dense slice's 106 sentences, replayed under callgrind: 5.8 -> 2.9 M instructions).
    return tuple((*m.span(), m.group("clause") is not None)
                 for m in matches_at_words(_JOINS, sentence, sentence, _JOIN_OPENERS))


_JOIN_OPENERS = (",", ";", "and", "while", "as", "after", "before")  # what every match of _JOINS opens with


_GENERIC_SITE_WORDS = frozenset({"plant", "works", "enterprise", "facility", "site", "complex"})


def names_its_site(text: str, hit: PlaceHit, attrs: Attributes) -> bool:
    """"the Novokuibyshevsk plant": a generic site word right after the town's name."""
    if attrs.target_start is None or attrs.target_word not in _GENERIC_SITE_WORDS \
            or attrs.target_start < hit.match.end:  # ("a plant in Kyiv": another plant)
        return False
    return not text[hit.match.end:attrs.target_start].strip()


def _describes(reading: SentenceReading, cue: Match, hit: PlaceHit) -> bool:
    """"the port of Tuapse", "the port city of Odesa": the word names what the place is, not a target."""
    cue_end, place_start = cue.end, hit.match.start  # (each read once: see cues.cue_distance)
    if cue_end > place_start:
        return False
    sentence = reading.sentence
    at = sentence.start
    return sentence.text[cue_end - at:place_start - at].strip().lower() in _DESCRIBING


_DESCRIBING = frozenset({"of", "city of", "town of", "city", "town"})


# "the city of Engels, home to an airfield", "a warehouse belonging to one of the enterprises":
# what a place holds or who owns a site, not what was struck.
_HOLDER_BEFORE = re.compile(r"\b(?:home to|which hosts|which houses|that hosts|that houses|belonging to|"
                            r"owned by|operated by)(?: [\w'’-]+){0,3}$")


def _held_or_owned(reading: SentenceReading, cue: Match) -> bool:
    """Whether a target word follows "home to", "belonging to" or the like."""
    at = cue.start - reading.sentence.start
    before = reading.sentence.text[max(0, at - 30):at].lower()
    if not any(map(before.__contains__, _HOLDER_WORDS)):  # nearly always: spare the pattern
        return False
    return bool(_HOLDER_BEFORE.search(" ".join(before.split())))


_HOLDER_WORDS = ("home to", "hosts", "houses", "belonging to", "owned by", "operated by")


_AIRCRAFT_STRUCK = frozenset(lexicon.AIRCRAFT_STRUCK)


def read_attributes(reading: SentenceReading, hit: PlaceHit, others: list[PlaceHit]) -> Attributes:
    """The weapon, target, outcome and actor cues that belong to this place."""
    attrs = Attributes()
    tables = reading.cue_tables()
    weapons = tables.get("weapon", _NO_CUES)
    if len(weapons) > 1 and any(v != "sabotage" for _, v in weapons):
        # "a drone dropped an explosive device": the drone is the weapon (a lone cue stays as it is).
        weapons = [(c, v) for c, v in weapons if v != "sabotage"]
    if len(weapons) > 1:
        # "Russian aircraft struck Zaporizhzhia with Kh-59 missiles": the weapon named is the aircraft's.
        weapons = [cv for cv in weapons if cv[0].key not in _AIRCRAFT_STRUCK] or weapons
    if len(weapons) > 1:
        # "MLRS strikes on A and B, and 26 drone attacks on C and B": a weapon that opens a list of
        # its own is not the weapon of the places before it.
        weapons = [cv for cv in weapons if not _opens_list_after(reading, cv[0], hit)] or weapons
    if weapons:
        cue, value = _nearest(weapons, lambda cv: _target_distance(reading, cv[0], hit))
        if len(weapons) > 1:
            cue, value = _first_named_together(reading, weapons, (cue, value), _combined)
            if _in_combined_pair(reading, weapons, (cue, value)) or (
                    len(others) + 1 >= LIST_OF_PLACES and weapons_of_several_kinds(reading)):
                # "Kyiv hit by large drone and missile attack", "Inhulets, Bilozerka, ... and Kherson
                # came under drone terror, air strikes and artillery shelling": which hit it is not said.
                value = "unknown"
            elif value == "airstrike" and not others and any(v == "glide_bomb" for _, v in weapons):
                # "damaged by air strikes, notably by KAB bomb explosions": the air strikes' kind.
                value = "glide_bomb"
        attrs.strike_type, attrs.cue_start, attrs.strong = value, cue.start, True
    strikes = tables.get("strike:strong", _NO_CUES) + tables.get("strike:weak", _NO_CUES)
    if strikes:
        cue, _ = min(strikes, key=lambda cv: cue_distance(cv[0], hit))
        if attrs.cue_start is None:
            attrs.cue_start = cue.start
        attrs.strong = attrs.strong or cue.has("strike:strong")
    targets = tables.get("target", _NO_CUES)
    if targets:  # (most places have none: no lists made for them)
        # "Mykolaiv had no military targets": a target denied is none.
        targets = [(c, v) for c, v in targets if not negated(reading, c)]
        # "the refinery in the Black Sea port of Tuapse": "port" only describes the town here.
        targets = [(c, v) for c, v in targets if not _describes(reading, c, hit)] or targets
        targets = [(c, v) for c, v in targets if not _held_or_owned(reading, c)]
        targets = [(c, v) for c, v in targets if not told_of_others(reading, c)]
    if len(targets) > 1:
        # "railway infrastructure": the kind named just before an umbrella word is the target.
        kinds_end = {c.end for c, _ in targets if c.key not in lexicon.UMBRELLA_TARGETS}
        targets = [(c, v) for c, v in targets if c.key not in lexicon.UMBRELLA_TARGETS
                   or not kinds_end & {c.start - 1, c.start - 2}]
    if targets:
        cue, value = _nearest(targets, lambda cv: (_target_distance(reading, cv[0], hit), -len(cv[0].key)))
        if len(targets) > 1:
            cue, value = _kind_told_after(reading, targets, (cue, value), hit, others)
            cue, value = _first_named_together(reading, targets, (cue, value))
        if not others or (cue_distance(cue, hit) <= NEAR and not across_clause(reading, cue, hit)) \
                or _listed_with_owner(reading, cue, hit, others):
            attrs.target_type = value
            attrs.target_word, attrs.target_start = cue.key, cue.start
    struck = reading.struck_weapons()
    if struck and attrs.target_type == "unknown":
        # "drones destroyed two Russian howitzers": the weapon struck is the target (it is no
        # weapon of the strike: the reading keeps it out of the weapon table).
        attrs.target_type = "military"
        attrs.target_word, attrs.target_start = struck[0].key, struck[0].start
    attrs.attacker = _attacker_by_actor(reading, hit)
    attrs.status = _status(reading, hit, others, attrs.attacker,
                           site=attrs.target_type != "unknown" or hit.place.kind == "facility")
    if (attrs.status == "unknown" and attrs.target_type != "unknown" and strikes and not weapons
            and not any(c.key in _AIM_WORDS for c, _ in strikes)):
        # "strikes on energy facilities", "six energy sites came under attack": a target struck
        # is a target hit; a place merely shelled stays unknown.
        attrs.status = "hit"
    return attrs


# Strike words that say what was aimed at, not what was reached.
_AIM_WORDS = frozenset({"target", "targeted", "targeting", "targets", "aimed at"})


# A weapon's own attack and the word that names what it was aimed at or downed over: "drone
# attacks on", "MLRS at", "two missiles over the Belgorod region".
_OPENS_LIST = re.compile(
    r"(?:\s+(?:attacks?|strikes?|raids?|shelling))?\s+(?:on|at|against|over|above)\b"
    # "an aerial bomb attack was recorded in Yunakivska"
    r"|\s+(?:attacks?|strikes?)\s+(?:was|were)\s+(?:recorded|reported)\s+(?:in|on|at)\b", re.IGNORECASE)


def _opens_list_after(reading: SentenceReading, cue: Match, hit: PlaceHit) -> bool:
    """Whether a weapon word after the place opens a list of places of its own ("drone attacks on")."""
    if cue.start < hit.match.end:
        return False
    return bool(_OPENS_LIST.match(reading.sentence.text, cue.end - reading.sentence.start))


def _listed_with_owner(reading: SentenceReading, cue: Match, hit: PlaceHit, others: list[PlaceHit]) -> bool:
    """"trains in Rivne, Vinnytsia and Zhytomyr oblasts ... damage to the railway": a place in one
    list with the place the target word is near shares that target."""
    owner = min(others, key=lambda o: cue_distance(cue, o))
    if cue_distance(cue, owner) > NEAR:
        return False
    first, last = sorted((hit, owner), key=lambda h: h.match.start)
    between = [o for o in others if first.match.end <= o.match.start and o.match.end <= last.match.start]
    at, text = reading.sentence.start, reading.sentence.text
    gaps, end = [], first.match.end
    for o in sorted(between, key=lambda h: h.match.start):
        gaps.append(text[end - at:o.match.start - at])
        end = o.match.end
    gaps.append(text[end - at:last.match.start - at])
    return all(_LIST_GAP.fullmatch(g) for g in gaps)


# What stands between two places of one list: a comma, "and", "or" ("and at the").
_LIST_GAP = re.compile(r"\s*(?:,|,?\s*\band\b|,?\s*\bor\b)(?:\s+(?:at|in|on|near))?(?:\s+the)?\s*")


def _first_named_together(reading: SentenceReading, cues: list[_Cue], chosen: _Cue,
                          apart: Callable[[_Cue, _Cue], bool] = lambda before, after: False) -> _Cue:
    """Of cues named together ("artillery and kamikaze drones", "8 houses and a car"), the first:
    the main weapon for every place the pair is aimed at, the thing a place's strike is known by
    (the README's rules). ``apart`` tells two neighbours that do not make one group."""
    text, offset = reading.sentence.text, reading.sentence.start
    at = cues.index(chosen)
    while at > 0:
        before = cues[at - 1]
        if apart(before, cues[at]) \
                or not _TOGETHER.fullmatch(text, before[0].end - offset, cues[at][0].start - offset):
            break
        at -= 1
    return cues[at]


def _combined(before: _Cue, after: _Cue) -> bool:
    """A combined attack of drones and missiles does not say which of them hit a place: the
    nearest stays, and the story passes leave a place told with both unknown."""
    return {before[1], after[1]} == _COMBINED


_COMBINED = {"drone", "missile"}


def _in_combined_pair(reading: SentenceReading, cues: list[_Cue], chosen: _Cue) -> bool:
    """Whether ``chosen`` is named together with a weapon it makes a combined attack with
    ("drones and missiles", "a missile and drone attack")."""
    text, offset = reading.sentence.text, reading.sentence.start
    at = cues.index(chosen)
    neighbours = [(cues[at - 1], chosen)] if at > 0 else []
    if at + 1 < len(cues):
        neighbours.append((chosen, cues[at + 1]))
    return any(_combined(before, after)
               and _TOGETHER.fullmatch(text, before[0].end - offset, after[0].start - offset)
               for before, after in neighbours)


def weapons_of_several_kinds(reading: SentenceReading) -> bool:
    """Whether a sentence names three kinds of weapon or more together ("drone terror, air strikes
    and artillery shelling", «дронами, артилерією та авіабомбами»): over a list of places, none of
    them is the main weapon of any place."""
    cues = reading.cue_values("weapon")
    if len(cues) < 3:
        return False
    text, offset = reading.sentence.text, reading.sentence.start
    kinds = {cues[0][1]}
    for before, after in itertools.pairwise(cues):
        if _TOGETHER_ANY.fullmatch(text, before[0].end - offset, after[0].start - offset):
            kinds.add(after[1])
            if len(kinds) >= 3:
                return True
        else:
            kinds = {after[1]}
    return False


# What stands between two things named together: "artillery and kamikaze drones", "mortars, tanks",
# "a flat, a kindergarten", "5 shops, a maternity hospital" (an article, a number, a word or two).
_TOGETHER = re.compile(r"(?:,|,? and|,? or)\s+(?:[\w-]+\s+){0,2}?")
# The same for the kinds of a list's weapons, in Russian and Ukrainian too, and a word may follow a
# kind's name ("drone terror, air strikes").
_TOGETHER_ANY = re.compile(
    r"(?:\s+[\w-]+)?(?:,|,? and|,? or|,? та|,? і|,? й|,? и|,? или|,? або)\s+(?:[\w-]+\s+){0,2}?")


def _kind_told_after(reading: SentenceReading, targets: list[_Cue], chosen: _Cue, hit: PlaceHit,
                     others: list[PlaceHit]) -> _Cue:
    """"damage to civilian infrastructure in the Kupiansk district, where 32 private houses ...":
    an umbrella word yields to the first kind the sentence names after the place, before the next place."""
    if chosen[0].key not in lexicon.UMBRELLA_TARGETS:
        return chosen
    until = min((o.match.start for o in others if o.match.start >= hit.match.end), default=None)
    for cue, value in targets:
        if cue.start >= hit.match.end and (until is None or cue.end <= until) \
                and cue.key not in lexicon.UMBRELLA_TARGETS:
            return cue, value
    return chosen


