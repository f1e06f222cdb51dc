"""How a strike on a place ended: hit, intercepted, claimed or unknown (:func:`_status`).

The outcome words that belong to the place, less those negated, those that only fire a
weapon ("fire cruise missiles"), explosions counted or heard, and a settlement "hit by"
a weapon; an interception tally ("destroyed 20 drones", :func:`counts_downed_weapons`)
is no damage on the ground.
"""

from __future__ import annotations

import functools
import re

from .. import lexicon
from ..lang import has_cyrillic
from ..lang import rules as cyrillic_rules
from ..matcher import Match, match_key
from ..reading import LIST_OF_PLACES, PlaceHit, SentenceReading
from ..text import matches_at_words
from .cues import _nearest_owner, across_clause, cue_distance, told_of_others
from .negation import negated
from .speakers import _own_claim_before


def _status(
    reading: SentenceReading, hit: PlaceHit, others: list[PlaceHit], attacker: str | None = None,
    *, site: bool = False,
) -> str:
    """hit > intercepted > claimed, from the outcome cues that belong to this place.

    A claim belongs to the places after it ("claimed to have struck X"); other
    outcome words to the nearest place. Interception words that stand with a
    count of drones ("destroyed 20 drones") are interceptions, not damage. ``site``:
    a target was named for the place.
    """
    found: set[str] = set()
    heard = _heard_spans(reading.sentence.text)
    # The outcome words that tell no damage at this place: "drones had struck Beryslav, Shyroka
    # Balka, Burhunka and Mykhailivka", "the communities hit were ...": a list of settlements struck
    # tells where the attacks fell, as "shelled" does.
    listed = len(others) + 1 >= LIST_OF_PLACES
    if site:
        quiet = _NO_WORDS
    elif hit.place.kind in _SETTLEMENTS:
        quiet = _QUIET_IN_LIST if listed else _BLASTS
    elif listed and hit.place.kind == "region" and not counts_downed_weapons(reading.sentence.text):
        # "Russia struck ten oblasts: Chernihiv, Sumy, ...": so does a list of regions (whose
        # blasts stay hits: see _BLASTS). After an interception tally, regions "struck" are those
        # the weapons that got through hit (see _struck_in_a_clause_of_its_own).
        quiet = _HIT_WORDS
    else:
        quiet = _NO_WORDS
    outcomes = reading.cue_values("outcome")
    if outcomes:  # (most places have none: no list made for them)
        outcomes = [(c, v) for c, v in outcomes if not told_of_others(reading, c)]
    if outcomes:
        outcomes = _downed_not_damaged(reading, outcomes)
    for cue, value in outcomes:
        if negated(reading, cue) or _fires_a_weapon(reading, cue) or _counted_blasts(reading, cue):
            continue
        if value == "hit" and (cue.key in quiet or not site and _shelled_by(reading, cue, hit)):
            continue
        if heard and _inside(cue, heard, reading.sentence.start):
            continue
        if value == "claimed":
            if cue.start < hit.match.start and all(
                not (cue.start < o.match.start < hit.match.start) for o in others
            ):
                found.add("claimed")
            continue
        if not others or _nearest_owner(cue, hit, others) \
                or (cue_distance(cue, hit) <= 40 and not across_clause(reading, cue, hit)):
            found.add(value)
    if not found and heard and _heard_before(hit, heard, reading.sentence.start):
        return "unknown"  # "fires in Zaporizhzhia, and explosions were heard in Dnipro": Dnipro's own clause
    if not found:
        # A list of places sharing one verb: "drones were downed over X, Y and Z".
        found = {v for c, v in outcomes if v != "claimed" and not negated(reading, c)
                 and not across_clause(reading, c, hit, semicolon=False)
                 and not (heard and _inside(c, heard, reading.sentence.start))
                 and not _counted_blasts(reading, c)
                 and not (v == "hit" and (c.key in quiet
                                          or not site and _hit_by_weapon(reading, c)))}
    if counts_downed_weapons(reading.sentence.text) and not _struck_in_a_clause_of_its_own(reading, hit):
        if not _has_damage_word(reading):
            found.discard("hit")
        found.add("intercepted")
    # A defender "claims" its interceptions ("the ministry claimed 20 drones were shot down over
    # Crimea"): that is how interceptions are reported, not an attacker's claim of a strike.
    defended = "intercepted" in found and "hit" not in found
    if ("claimed" in found and not defended) or _own_claim_before(reading, hit, attacker):
        # The damage is in the attacker's own words: a claim until someone else reports it.
        return "claimed"
    if "hit" in found:
        return "hit"
    if "intercepted" in found:
        return "intercepted"
    if "claimed" in found:
        return "claimed"
    return "unknown"


# "tried to attack the refinery but were destroyed": the weapons, not the refinery.
_BUT_DOWNED_BEFORE = re.compile(r"\bbut\s+(?:they\s+|it\s+)?(?:were|was)\s+(?:all\s+)?$", re.IGNORECASE)
_DOWNED_WORDS = frozenset({"destroyed", "shot down", "downed", "neutralised", "neutralized", "suppressed"})
_DEBRIS_WORDS = frozenset({"debris", "wreckage", "debris fell"})
_NOTHING_TO_RECONSIDER = _DOWNED_WORDS | _DEBRIS_WORDS


def _downed_not_damaged(reading: SentenceReading,
                        outcomes: list[tuple[Match, str]]) -> list[tuple[Match, str]]:
    """The outcome cues as this sentence means them: "drones tried to attack X but were destroyed"
    is an interception, and debris that "caused no damage" (a damage word negated; not "no
    casualties", which leaves what the debris fell on) is no hit."""
    if _NOTHING_TO_RECONSIDER.isdisjoint(map(match_key, (c for c, _ in outcomes))):
        return outcomes  # nearly always: no weapon downed after "but", no debris
    text, at = reading.sentence.text, reading.sentence.start
    kept = []
    no_damage = None
    for cue, value in outcomes:
        if cue.key in _DOWNED_WORDS and _BUT_DOWNED_BEFORE.search(text, max(0, cue.start - at - 24),
                                                                  cue.start - at):
            kept.append((cue, "intercepted"))
            continue
        if cue.key in _DEBRIS_WORDS:
            if no_damage is None:
                no_damage = any((c.key in lexicon.DAMAGE or c.key == "damage") and negated(reading, c)
                                for c, _ in outcomes)
            if no_damage:
                continue
        kept.append((cue, value))
    return kept


# "Ivanivka and Kyslivka were hit by airstrikes": a settlement "hit by" a weapon was attacked,
# as "shelled" says; what it lost is told by damage or people hurt, if at all (tests/real/README.md).
_WEAPON_WORDS = "|".join(
    sorted((re.escape(w) for words in lexicon.WEAPONS.values() for w in words), key=len, reverse=True)
    + ["airstrikes?", "air strikes?", "fire", "shelling", "strikes?", "rockets?", "bombs?"])
_HIT_BY = re.compile(rf"\s+by\s+(?:[\w-]+\s+){{0,3}}?(?:{_WEAPON_WORDS})\b", re.IGNORECASE)
_HIT_WORDS = frozenset({"hit", "was hit", "were hit", "been hit", "struck", "was struck", "were struck"})


# "causing 23 explosions", "154 explosions were recorded": a tally of impacts, which says where
# shells fell, not that anything there was damaged.
_COUNT_BEFORE = re.compile(r"(?:\b\d[\d,]*|\b(?:two|three|four|five|six|seven|eight|nine|ten|dozens of))\s+$",
                           re.IGNORECASE)


#: "Esmanska: air strikes and mortar fire, with many explosions": at a settlement, blasts tell
#: where shells fell (what they damaged is told by damage or people hurt); at a site, a hit, and
#: over a region ("large explosions went off in occupied areas of four regions") the strikes'.
_BLASTS = lexicon.BLASTS
_SETTLEMENTS = frozenset({"town", "district"})
_QUIET_IN_LIST = _BLASTS | _HIT_WORDS
_NO_WORDS: frozenset[str] = frozenset()


def _counted_blasts(reading: SentenceReading, cue: Match) -> bool:
    """Whether the outcome word is "explosions" after a number."""
    if cue.key not in ("explosions", "blasts"):
        return False
    at = cue.start - reading.sentence.start
    return bool(_COUNT_BEFORE.search(reading.sentence.text, max(0, at - 16), at))


def _hit_by_weapon(reading: SentenceReading, cue: Match) -> bool:
    """Whether the outcome word is "hit by <a weapon>"."""
    at = cue.end - reading.sentence.start
    return cue.key in _HIT_WORDS and bool(_HIT_BY.match(reading.sentence.text, at))


def _shelled_by(reading: SentenceReading, cue: Match, hit: PlaceHit) -> bool:
    """Whether the outcome word is "X was hit by <a weapon>" with the settlement X its subject."""
    return cue.start >= hit.match.end and _hit_by_weapon(reading, cue)


# "explosions struck the capital", "blasts rocked Kharkiv": what was heard, which may as well be
# air defence at work; only damage, fire or people hurt make it a hit.
_HEARD = re.compile(
    r"\b(?:explosions?|blasts?)\s+(?:were\s+|was\s+)?(?:also\s+)?(?:struck|hit|rocked|shook|rang out|heard|"
    r"thundered)\b",
    re.IGNORECASE,
)


@functools.lru_cache(maxsize=64)
def _heard_spans(sentence: str) -> tuple[tuple[int, int], ...]:
    """The spans of "explosions were heard", "blasts rocked" in a sentence (asked once per place)."""
    if "xplosion" not in sentence and "last" not in sentence:  # (Explosion, blast): spare the search
        return ()
    if sentence.isascii():
        # "last" is mostly "last night": in ASCII text the case-blind pattern reads what lower()
        # gives, so without "explosion" or "blast" there it cannot match.
        lower = sentence.lower()
        if "explosion" not in lower and "blast" not in lower:
            return ()
        # Tried only where its first words stand (the dense slice's 824 sentences: 11.3 -> 6.7 M
        # instructions, replayed under callgrind).
        return tuple(m.span() for m in matches_at_words(_HEARD, sentence, lower, _BLAST_WORDS))
    return tuple(m.span() for m in _HEARD.finditer(sentence))


_BLAST_WORDS = ("explosion", "blast")  # what every match of _HEARD opens with, lower-cased


def _heard_before(hit: PlaceHit, spans: tuple[tuple[int, int], ...], offset: int) -> bool:
    """Whether "explosions were heard (in)" stands just before the place, in its own clause."""
    return any(0 <= hit.match.start - offset - hi <= _HEARD_REACH for _, hi in spans)


_HEARD_REACH = 25


def _inside(cue: Match, spans: tuple[tuple[int, int], ...], offset: int) -> bool:
    return any(lo <= cue.start - offset and cue.end - offset <= hi for lo, hi in spans)


_DOWNED = re.compile(
    r"(?:destroyed|downed|shot down|shoot down|shooting down|shoots down|intercepted|brought down"
    r"|destruction of|interception of)\s+(?:[\w-]+\s+){0,5}?"
    r"(?:drones?|missiles?|uavs?|shaheds?|unmanned aerial vehicles?|aerial vehicles)\b"
    # (The verb may open a quote: 27 drones were "intercepted and destroyed".)
    r"|\b(?:drones?|missiles?|uavs?|shaheds?|projectiles)\s+(?:\w+\s+){0,3}?[\"“«]?"
    r"(?:(?:shot down|downed|intercepted|brought down|intercepts|interceptions)\b"
    r"|(?:were|was|been|being|are|is)\s+destroyed\b"
    # "20 drones destroyed over the region" (a headline's passive), not "missiles destroyed a depot"
    r"|destroyed\s+(?:over|above|in the air|by)\b"
    # "seven UAVs had been hit over the Lipetsk, Rostov and Belgorod oblasts": hit in the air
    r"|(?:were|was|been)\s+hit\s+(?:over|above|in the air)\b)",
    re.IGNORECASE,
)


def _fires_a_weapon(reading: SentenceReading, cue: Match) -> bool:
    """"fire cruise missiles at": the verb, not a blaze."""
    if cue.key != "fire":
        return False
    later = [c for c in reading.cues if c.start >= cue.end and c.start - cue.end <= 25]
    return any(c.has("weapon") for c in later)


@functools.lru_cache(maxsize=64)
def counts_downed_weapons(sentence: str) -> bool:
    """"destroyed 20 drones" / "destroyed four Ukrainian drones": an interception tally.

    Asked once per place of the sentence, so the answer is kept for the sentence.
    """
    if not sentence.isascii() and has_cyrillic(sentence) and cyrillic_rules.counts_downed(sentence):
        return True  # "сбиты пять беспилотников"
    low = sentence.lower()
    if not (any(map(low.__contains__, _DOWNED_VERBS)) and any(map(low.__contains__, _DOWNED_WEAPONS))):
        return False  # the pattern needs both a verb and a weapon word: spare the slow search
    return bool(_DOWNED.search(sentence))


_DOWNED_VERBS = ("destroyed", "downed", "shot down", "intercept", "brought down", "hit over", "hit above",
                 "hit in the air", "shoot down", "shooting down", "shoots down", "destruction of")
_DOWNED_WEAPONS = ("drone", "missile", "uav", "shahed", "projectiles", "unmanned aerial", "aerial vehicle")


# "... downed 70 drones over Kyiv and Kharkiv oblasts and that drones struck Odesa and Poltava
# oblasts": a clause of its own tells where the weapons that got through fell.
_CLAUSE_BREAK = re.compile(r";|\band that\b|,\s+(?:while|but|whereas)\b")
_STRUCK_IN_CLAUSE = re.compile(r"\b(?:struck|hit|hits|damaged|landed)\b")


def _struck_in_a_clause_of_its_own(reading: SentenceReading, hit: PlaceHit) -> bool:
    """Whether the place stands in a clause after the sentence's interception tally that tells of
    weapons striking, with no tally of its own."""
    text = reading.sentence.text
    at = hit.match.start - reading.sentence.start
    start = 0
    for found in _CLAUSE_BREAK.finditer(text, 0, at):
        start = found.end()
    if start == 0:
        return False
    clause = text[start:]
    end = _CLAUSE_BREAK.search(clause)
    clause = clause[:end.start()] if end else clause
    return bool(_STRUCK_IN_CLAUSE.search(clause)) and not counts_downed_weapons(clause)


def _has_damage_word(reading: SentenceReading) -> bool:
    words = ("damaged", "fire", "killed", "injured", "debris", "blaze", "hit")
    for c in reading.cues:  # (a plain loop, not any() over a generator)
        key = c.key
        if (key in words or not key.isascii() and key in _CYRILLIC_HARM) and not negated(reading, c):
            return True
    return False


# Russian and Ukrainian words of damage or people hurt (every form): "повреждены", "загинула".
_CYRILLIC_HARM = frozenset(k for k in lexicon.DAMAGE | lexicon.CASUALTIES if not k.isascii())
