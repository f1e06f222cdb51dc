"""What each strike place in a sentence was hit with, what was hit, how it ended, and by whom.

Each cue belongs to the place nearest to it within its clause: the weapon and
target words, the outcome words (hit, intercepted, claimed; negation cancels
them), and the side named before the weapon. Where the text names no side, the
map decides: strikes in Russia and Russian-held Ukraine are Ukraine's.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from . import lexicon
from .gazetteer import Place
from .lang import has_cyrillic
from .lang import rules as cyrillic_rules
from .matcher import Match
from .reading import PlaceHit, SentenceReading
from .text import Sentence

#: Regions held by Russia, where a strike is read as Ukrainian unless the text says otherwise.
OCCUPIED_REGIONS: frozenset[str] = frozenset({"UA-43", "UA-40"})
#: Towns in Russian-held parts of regions that are otherwise Ukrainian-held.
OCCUPIED_TOWNS: frozenset[str] = frozenset({
    "donetsk", "luhansk", "lugansk", "makiivka", "horlivka", "mariupol", "melitopol", "berdiansk",
    "berdyansk", "enerhodar", "nova kakhovka", "tokmak", "yenakiieve", "alchevsk", "sievierodonetsk",
    "lysychansk", "henichesk", "skadovsk", "dzhankoi", "sevastopol", "simferopol", "feodosia",
    "yevpatoria", "kerch", "saky", "debaltseve", "khartsyzk", "stakhanov", "sverdlovsk",
})

# How far (characters) a cue may lie from a place and still describe it.
NEAR = 90


@dataclass
class Attributes:
    """What the cues of a sentence say about one place: weapon, target, outcome and side."""

    strike_type: str = "unknown"
    target_type: str = "unknown"
    status: str = "unknown"
    attacker: str | None = None
    cue_start: int | None = None
    strong: bool = False
    target_word: str = ""
    target_start: int | None = None


def cue_distance(cue: Match, hit: PlaceHit) -> int:
    """Characters between a cue and a place name (0 when they overlap)."""
    m = hit.match
    if cue.end <= m.start:
        return m.start - cue.end
    if cue.start >= m.end:
        return cue.start - m.end
    return 0


_JOINS = re.compile(r"(?P<clause>;|,\s*(?:while|whereas|but)\b)|[,;]|\b(?:and|while|as|after|before)\b")


def _target_distance(reading: SentenceReading, cue: Match, hit: PlaceHit) -> int:
    """Distance from a weapon or target word to a place, longer across "and" or a comma, and
    longer still across a clause of its own.

    "port infrastructure in Odesa and a power plant in the Kyiv region": the
    plant, though nearer to Odesa, is across an "and". "Artillery fired on Synkivka and
    Kotliarivka, while Ivanivka was hit by airstrikes": the airstrikes are Ivanivka's clause.
    """
    lo, hi = sorted((cue.end, hit.match.start) if cue.end <= hit.match.start else (hit.match.end, cue.start))
    offset = reading.sentence.start
    lo, hi = lo - offset, hi - offset
    between = [clause for start, end, clause in _joins(reading.sentence.text) if lo <= start and end <= hi]
    return cue_distance(cue, hit) + (60 if between else 0) + (120 if any(between) else 0)


@functools.lru_cache(maxsize=64)
def _joins(sentence: str) -> tuple[tuple[int, int, bool], ...]:
    # Every place-cue pair of a sentence asks; the sentence is searched once.
    return tuple((*m.span(), m.group("clause") is not None) for m in _JOINS.finditer(sentence))


_GENERIC_SITE_WORDS = frozenset({"plant", "works", "enterprise", "facility", "site", "complex"})


def names_its_site(text: str, hit: PlaceHit, attrs: Attributes) -> bool:
    """"the Novokuibyshevsk plant": a generic site word right after the town's name."""
    if attrs.target_start is None or attrs.target_word not in _GENERIC_SITE_WORDS \
            or attrs.target_start < hit.match.end:  # ("a plant in Kyiv": another plant)
        return False
    return not text[hit.match.end:attrs.target_start].strip()


def _describes(reading: SentenceReading, cue: Match, hit: PlaceHit) -> bool:
    """"the port of Tuapse", "the city of Ryazan": the word names what the place is, not a target."""
    if cue.end > hit.match.start:
        return False
    between = reading.sentence.text[cue.end - reading.sentence.start:hit.match.start - reading.sentence.start]
    return between.strip().lower() == "of"


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


def _nearest_owner(cue: Match, hit: PlaceHit, others: list[PlaceHit]) -> bool:
    """Whether ``hit`` is the place nearest to ``cue`` (ties go to the place after the cue)."""
    mine = cue_distance(cue, hit)
    return all(mine <= cue_distance(cue, o) for o in others)


def read_attributes(reading: SentenceReading, hit: PlaceHit, others: list[PlaceHit]) -> Attributes:
    """The weapon, target, outcome and actor cues that belong to this place."""
    attrs = Attributes()
    tables = reading.cue_tables()
    weapons = tables.get("weapon", _NO_CUES)
    if len(weapons) > 1 and any(v != "sabotage" for _, v in weapons):
        # "a drone dropped an explosive device": the drone is the weapon (a lone cue stays as it is).
        weapons = [(c, v) for c, v in weapons if v != "sabotage"]
    if len(weapons) > 1:
        # "MLRS strikes on A and B, and 26 drone attacks on C and B": a weapon that opens a list of
        # its own is not the weapon of the places before it.
        weapons = [cv for cv in weapons if not _opens_list_after(reading, cv[0], hit)] or weapons
    if weapons:
        cue, value = _nearest(weapons, lambda cv: _target_distance(reading, cv[0], hit))
        if len(weapons) > 1:
            cue, value = _first_of_pair(reading, weapons, (cue, value))
        attrs.strike_type, attrs.cue_start, attrs.strong = value, cue.start, True
    strikes = tables.get("strike:strong", _NO_CUES) + tables.get("strike:weak", _NO_CUES)
    if strikes:
        cue, _ = min(strikes, key=lambda cv: cue_distance(cv[0], hit))
        if attrs.cue_start is None:
            attrs.cue_start = cue.start
        attrs.strong = attrs.strong or cue.has("strike:strong")
    targets = tables.get("target", _NO_CUES)
    if targets:
        # "Mykolaiv had no military targets": a target denied is none.
        targets = [(c, v) for c, v in targets if not negated(reading, c)]
    # "the refinery in the Black Sea port of Tuapse": "port" only describes the town here.
    targets = [(c, v) for c, v in targets if not _describes(reading, c, hit)] or targets
    targets = [(c, v) for c, v in targets if not _held_or_owned(reading, c)]
    if len(targets) > 1:
        # "railway infrastructure": the kind named just before an umbrella word is the target.
        kinds_end = {c.end for c, _ in targets if c.key not in lexicon.UMBRELLA_TARGETS}
        targets = [(c, v) for c, v in targets if c.key not in lexicon.UMBRELLA_TARGETS
                   or not kinds_end & {c.start - 1, c.start - 2}]
    if targets:
        cue, value = _nearest(targets, lambda cv: (_target_distance(reading, cv[0], hit), -len(cv[0].key)))
        if len(targets) > 1:
            cue, value = _kind_told_after(reading, targets, (cue, value), hit, others)
            cue, value = _first_of_list(reading, targets, (cue, value))
        if cue_distance(cue, hit) <= NEAR or not others or _listed_with_owner(reading, cue, hit, others):
            attrs.target_type = value
            attrs.target_word, attrs.target_start = cue.key, cue.start
    attrs.attacker = _attacker_by_actor(reading, hit)
    attrs.status = _status(reading, hit, others, attrs.attacker,
                           site=attrs.target_type != "unknown" or hit.place.kind == "facility")
    if (attrs.status == "unknown" and attrs.target_type != "unknown" and strikes and not weapons
            and not any(c.key in _AIM_WORDS for c, _ in strikes)):
        # "strikes on energy facilities", "six energy sites came under attack": a target struck
        # is a target hit; a place merely shelled stays unknown.
        attrs.status = "hit"
    return attrs


# A weapon's own attack and the word that names what it was aimed at or downed over: "drone
# attacks on", "MLRS at", "two missiles over the Belgorod region".
_OPENS_LIST = re.compile(
    r"(?:\s+(?:attacks?|strikes?|raids?|shelling))?\s+(?:on|at|against|over|above)\b", re.IGNORECASE)


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

_Cue = tuple[Match, str]
#: No cues of a table (shared, never changed).
_NO_CUES: list[_Cue] = []
# Strike words that say what was aimed at, not what was reached.
_AIM_WORDS = frozenset({"target", "targeted", "targeting", "targets", "aimed at"})


def _first_of_pair(reading: SentenceReading, weapons: list[_Cue], chosen: _Cue) -> _Cue:
    """"struck the Nikopol district with artillery and kamikaze drones": of weapons named together,
    the first is the main one, for every place the pair is aimed at (the README's rule). But a
    combined attack of drones and missiles does not say which of them hit a place: the nearest
    stays, and the story passes leave a place told with both unknown."""
    text, offset = reading.sentence.text, reading.sentence.start
    at = weapons.index(chosen)
    while at > 0:
        before = weapons[at - 1]
        if {before[1], weapons[at][1]} == _COMBINED \
                or not _PAIRED.fullmatch(text, before[0].end - offset, weapons[at][0].start - offset):
            break
        at -= 1
    return weapons[at]


_COMBINED = {"drone", "missile"}


# What stands between two weapons named together: "artillery and kamikaze drones", "mortars, tanks".
_PAIRED = re.compile(r"(?:,|,? and|,? or)\s+(?:[\w-]+\s+){0,2}?")


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


def _first_of_list(reading: SentenceReading, targets: list[_Cue], chosen: _Cue) -> _Cue:
    """"8 houses and a car in Vilkhuvatka", "a flat, a kindergarten and a garage": of the things
    listed as damaged together, the first named is what the place's strike is known by."""
    text, offset = reading.sentence.text, reading.sentence.start
    at = targets.index(chosen)
    while at > 0:
        before = targets[at - 1]
        if before[0].end > targets[at][0].start \
                or not _LISTED.fullmatch(text, before[0].end - offset, targets[at][0].start - offset):
            break
        at -= 1
    return targets[at]


# What stands between two things listed together: "houses and a car", "a flat, a kindergarten",
# "5 shops, a maternity hospital" (an article, a number, a word or two describing the next).
_LISTED = re.compile(r"(?:,|,? and|,? or)\s+(?:[\w-]+\s+){0,2}?")


def _nearest(cues: list[_Cue], distance: Callable[[_Cue], Any]) -> _Cue:
    """The cue with the least distance; a lone cue without measuring (most sentences have one)."""
    return cues[0] if len(cues) == 1 else min(cues, key=distance)


_CLAUSE_BREAK = re.compile(r"[,;:.]|\b(?:but|while|although|though|whereas)\b")
_CLAUSE_WORDS = ("but", "while", "though", "whereas")  # "although" holds "though"


def negated(reading: SentenceReading, cue: Match) -> bool:
    """Whether a negation governs the cue: "no damage", "did not confirm any casualties or damage".

    The negation may stand up to six words before the cue, within the same clause.
    The answer is kept with the sentence: every place of it asks about the same cues.
    """
    known = reading.negations.get(cue.start)
    if known is None:
        if cue.key.isascii():
            known = _negation_before(reading.sentence, cue.start)
        else:  # Russian and Ukrainian: "не пострадал", and after the word too: "пострадавших нет"
            at = reading.sentence.start
            known = cyrillic_rules.negated(reading.sentence.text, cue.start - at, cue.end - at)
        reading.negations[cue.start] = known
    return known


_NEGATION_WORDS = frozenset(n for n in lexicon.NEGATIONS if " " not in n)
# Phrases that hold none of the single words (those a word test would already find).
_NEGATION_PHRASES = tuple(n for n in lexicon.NEGATIONS
                          if " " in n and _NEGATION_WORDS.isdisjoint(n.split()))
_NEGATION_PHRASES = tuple(f" {n} " for n in _NEGATION_PHRASES)  # as whole words in " w1 w2 ... "



def _negation_before(sentence: Sentence, at: int) -> bool:
    before = sentence.text[max(0, at - sentence.start - 60):at - sentence.start]
    lower = before.lower()
    clause = lower[max(lower.rfind(","), lower.rfind(";"), lower.rfind(":"), lower.rfind(".")) + 1:]
    if any(map(clause.__contains__, _CLAUSE_WORDS)):  # the slower word pattern only where it may cut
        clause = _CLAUSE_BREAK.split(clause)[-1]
    words = clause.split()[-6:]
    if not _NEGATION_WORDS.isdisjoint(words):
        return True
    window = " " + " ".join(words) + " "
    return any(map(window.__contains__, _NEGATION_PHRASES))


# "X said (on Thursday) (that) its forces had struck ...": the attacker speaking of its own strike.
_OWN_CLAIM = re.compile(
    # The verbs spelled as a tree after a look-behind (not \b): the engine then skips fast.
    r"(?<!\w)(?:s(?:aid|ays?)|claim(?:ed|s)|reported|announced)\b(?:\s+on\s+\w+)?(?:\s+that)?\s+"
    r"(?:it|they|its\s+(?:\w+\s+)?(?:forces|drones|units|troops|navy|military))\s+"
    r"(?:had\s+|has\s+|have\s+)?(?:successfully\s+)?"
    r"(?:struck|hit|attacked|targeted|destroyed|damaged|set\s+fire|blew\s+up|burned|mined|sabotaged)\b",
    re.IGNORECASE,
)


# "Ukraine's navy said", "the Russian defence ministry said", "according to Ukraine's military":
# a belligerent speaking.
_SIDE = (
    r"(?P<ukraine>(?:Ukraine's|Ukrainian|Kyiv's)\s+(?:[\w-]+\s+){0,2}?(?i:navy|military|army|General Staff|"
    r"armed forces|forces|security service|SBU|defence forces|defense forces|drone forces|special forces|"
    r"military intelligence|intelligence|air force)"
    r"|(?i:the\s+)?(?:General Staff|Defen[cs]e Forces|Armed Forces|Navy)\s+of\s+"
    r"(?:the\s+Armed\s+Forces\s+of\s+)?Ukraine)"
    r"|(?P<russia>(?:the\s+)?(?:Russian|Russia's)\s+(?i:defen[cs]e\s+ministry|ministry\s+of\s+defen[cs]e)"
    r"|Russia's military|(?:the\s+)?(?i:Defen[cs]e\s+Ministry|Ministry\s+of\s+Defen[cs]e)\s+of\s+Russia)"
)
_SIDE_AGAIN = _SIDE.replace("?P<ukraine>", "?P<ukraine2>").replace("?P<russia>", "?P<russia2>")
_SIDE_SPEAKS = re.compile(
    rf"(?:{_SIDE})(?:\s+\([A-Z]+\))?\s+(?:has\s+|have\s+)?"
    rf"(?:said|says|claimed|claims|reported|announced|confirmed|confirms|stated)\b"
    rf"|(?:[Aa]ccording\s+to|citing)\s+(?:the\s+)?(?:{_SIDE_AGAIN})"
)


# Every match of _SIDE_SPEAKS holds one of these (its verbs, "[Aa]ccording", "citing"), case and all.
_SPEAKING_WORDS = ("said", "says", "claim", "reported", "announced", "confirm", "stated", "ccording",
                   "citing")


def speaking_side(sentence: str, before: int | None = None) -> str | None:
    """The belligerent reporting, in the words before ``before`` (or anywhere), if one is."""
    before = len(sentence) if before is None else before
    head = sentence[:before]  # a match lies wholly before ``before``: so do the words it needs
    if "Ukrain" not in head and "Kyiv" not in head and "Russia" not in head:
        return None  # the pattern below needs one of these words: nobody speaks for a side
    if not any(map(head.__contains__, _SPEAKING_WORDS)):
        return None  # nor without a verb of speaking or "according" (case-sensitive in the pattern)
    side = None
    for m in _SIDE_SPEAKS.finditer(sentence, 0, before):
        side = "ukraine" if m.group("ukraine") or m.group("ukraine2") else "russia"
    return side


def _own_claim_before(reading: SentenceReading, hit: PlaceHit, attacker: str | None = None) -> bool:
    """Whether the attacking side is reporting its own strike on this place."""
    offset = hit.match.start - reading.sentence.start
    claims = _own_claims(reading.sentence.text)
    if claims and claims[0] < offset:
        return True
    # "Russian forces destroyed a depot at X, Interfax reported, citing Russia's defence ministry":
    # the attribution after the place speaks for the whole sentence.
    side = speaking_side(reading.sentence.text, offset) or speaking_side(reading.sentence.text)
    return side is not None and side == (attacker or attacker_by_geography(hit.place, hit.text))


_SPEAKER_WORDS = (" it ", " they ", " its ")


@functools.lru_cache(maxsize=64)
def _own_claims(sentence: str) -> tuple[int, ...]:
    # Where "said its forces had struck" phrases start; asked once per place of the sentence.
    lower = sentence.lower()
    if not any(map(lower.__contains__, ("said", "say", "claim", "reported", "announced"))):
        return ()  # substring tests spare the case-blind search in most sentences
    if sentence.isascii() and sentence.isprintable() and not any(map(lower.__contains__, _SPEAKER_WORDS)):
        return ()  # nor "it", "they", "its" between spaces (the only white space such a sentence has)
    return tuple(m.start() for m in _OWN_CLAIM.finditer(sentence))


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
    for cue, value in reading.cue_values("outcome"):
        if negated(reading, cue) or _fires_a_weapon(reading, cue) or _counted_blasts(reading, cue):
            continue
        if not site and value == "hit" and _shelled_by(reading, cue, hit):
            continue
        if heard and _inside(cue, heard, reading.sentence.start):
            continue
        if value == "claimed":
            if cue.start < hit.match.start and all(
                not (cue.start < o.match.start < hit.match.start) for o in others
            ):
                found.add("claimed")
            continue
        if not others or _nearest_owner(cue, hit, others) or cue_distance(cue, hit) <= 40:
            found.add(value)
    if not found and heard and _heard_before(hit, heard, reading.sentence.start):
        return "unknown"  # "fires in Zaporizhzhia, and explosions were heard in Dnipro": Dnipro's own clause
    if not found:
        # A list of places sharing one verb: "drones were downed over X, Y and Z".
        found = {v for c, v in reading.cue_values("outcome") if v != "claimed" and not negated(reading, c)
                 and not (heard and _inside(c, heard, reading.sentence.start))
                 and not _counted_blasts(reading, c)
                 and not (v == "hit" and not site and c.key in _HIT_WORDS and _HIT_BY.match(
                     reading.sentence.text, c.end - reading.sentence.start))}
    if counts_downed_weapons(reading.sentence.text):
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


def _counted_blasts(reading: SentenceReading, cue: Match) -> bool:
    """Whether the outcome word is "explosions" after a number."""
    if cue.key not in ("explosions", "blasts"):
        return False
    at = cue.start - reading.sentence.start
    return bool(_COUNT_BEFORE.search(reading.sentence.text, max(0, at - 16), at))


def _shelled_by(reading: SentenceReading, cue: Match, hit: PlaceHit) -> bool:
    """Whether the outcome word is "X was hit by <a weapon>" with the settlement X its subject."""
    if cue.key not in _HIT_WORDS or cue.start < hit.match.end:
        return False
    return bool(_HIT_BY.match(reading.sentence.text, cue.end - reading.sentence.start))


# "explosions struck the capital", "blasts rocked Kharkiv": what was heard, which may as well be
# air defence at work; only damage, fire or people hurt make it a hit.
_HEARD = re.compile(
    r"\b(?:explosions?|blasts?)\s+(?:were\s+|was\s+)?(?:struck|hit|rocked|shook|rang out|heard|thundered)\b",
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
    return tuple(m.span() for m in _HEARD.finditer(sentence))


def _heard_before(hit: PlaceHit, spans: tuple[tuple[int, int], ...], offset: int) -> bool:
    """Whether "explosions were heard (in)" stands just before the place, in its own clause."""
    return any(0 <= hit.match.start - offset - hi <= _HEARD_REACH for _, hi in spans)


_HEARD_REACH = 25


def _inside(cue: Match, spans: tuple[tuple[int, int], ...], offset: int) -> bool:
    return any(lo <= cue.start - offset and cue.end - offset <= hi for lo, hi in spans)


_DOWNED = re.compile(
    r"(?:destroyed|downed|shot down|intercepted|brought down)\s+(?:[\w-]+\s+){0,5}?"
    r"(?:drones?|missiles?|uavs?|shaheds?|unmanned aerial vehicles?|aerial vehicles)\b"
    r"|\b(?:drones?|missiles?|uavs?|shaheds?|projectiles)\s+(?:\w+\s+){0,3}?"
    r"(?:(?:shot down|downed|intercepted|brought down)\b|(?:were|was|been|being|are|is)\s+destroyed\b"
    # "20 drones destroyed over the region" (a headline's passive), not "missiles destroyed a depot"
    r"|destroyed\s+(?:over|above|in the air|by)\b)",
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


_DOWNED_VERBS = ("destroyed", "downed", "shot down", "intercepted", "brought down")
_DOWNED_WEAPONS = ("drone", "missile", "uav", "shahed", "projectiles", "unmanned aerial", "aerial vehicle")


def _has_damage_word(reading: SentenceReading) -> bool:
    words = ("damaged", "fire", "killed", "injured", "debris", "blaze", "hit")
    return any((c.key in words or not c.key.isascii() and c.key in _CYRILLIC_HARM) and not negated(reading, c)
               for c in reading.cues)


# Russian and Ukrainian words of damage or people hurt (every form): "повреждены", "загинула".
_CYRILLIC_HARM = frozenset(k for k in lexicon.DAMAGE | lexicon.CASUALTIES if not k.isascii())


def _attacker_by_actor(reading: SentenceReading, hit: PlaceHit) -> str | None:
    """The side named right before the weapon or strike word nearest this place."""
    actors = reading.cue_values("actor")
    if not actors:
        return None  # most sentences: nothing to look for
    strikes = reading.cue_values("weapon") + reading.cue_values("strike:strong") + \
        reading.cue_values("strike:weak")
    if not strikes:
        return None
    cue, _ = _nearest(strikes, lambda cv: cue_distance(cv[0], hit))
    best = None
    for actor, side in actors:
        gap = cue.start - actor.end
        if not 0 <= gap <= 30:
            continue
        between = reading.sentence.text[actor.end - reading.sentence.start:cue.start - reading.sentence.start]
        if (len(between.split()) <= 2 and not _LIST_BREAK.search(between)
                and not any(actor.end <= h.match.start and h.match.end <= cue.start for h in reading.places)):
            best = side
    return best


_LIST_BREAK = re.compile(r"[,;.]")


def attacker_by_geography(place: Place, written: str) -> str:
    """Strikes in Russia and Russian-held Ukraine are Ukraine's, the rest of Ukraine Russia's.

    Belarus is not at war: drones that stray there, or partisans' sabotage, get
    an attacker only when the text names one.
    """
    if place.country == "RU":
        return "ukraine"
    if place.country == "UA":
        if place.admin1 in OCCUPIED_REGIONS or written.lower() in OCCUPIED_TOWNS \
                or place.name.lower() in OCCUPIED_TOWNS:
            return "ukraine"
        return "russia"
    return "unknown"


def score_confidence(
    attrs: Attributes, place: Place, *, rivals: int = 0, written: str = "", stand_in: bool = False
) -> float:
    """How likely the reading is right, 0-1 (the README gives the table and its measured precision).

    Where the point stands comes first: a named facility or a region's tally is
    rarely wrong, a town whose name is unique in the theatre seldom, a town that
    is one of several namesakes the text did nothing to tell apart (``rivals``)
    and a loose area (a sea) more often; a region standing in for a place that
    could not be found (``stand_in``) is the least sure. A capital may stand for its government
    ("Moscow fired 500 drones"); a soft cue, a claim or an unknown outcome say
    less than a hit or an interception.
    """
    score = _CONFIDENCE_BY_KIND.get(place.kind, 0.6)
    if place.kind == "town" and rivals:
        score = _CONFIDENCE_NAMESAKE
    if stand_in:
        score = _CONFIDENCE_STAND_IN
    if written.lower() in lexicon.CAPITALS:
        score -= 0.15
    if not attrs.strong:
        score -= 0.1
    score += _CONFIDENCE_BY_STATUS.get(attrs.status, 0.0)
    return round(min(max(score, 0.05), 0.95), 3)


#: The starting confidence by the kind of place the point stands on.
_CONFIDENCE_BY_KIND = {"facility": 0.9, "region": 0.85, "district": 0.8, "town": 0.8, "informal": 0.6,
                       "country": 0.5}
#: A town chosen among namesakes that nothing in the text told apart.
_CONFIDENCE_NAMESAKE = 0.6
#: A region drawn for a place the gazetteer does not know.
_CONFIDENCE_STAND_IN = 0.5
_CONFIDENCE_BY_STATUS = {"hit": 0.05, "intercepted": 0.05, "claimed": -0.1, "unknown": -0.05}
