"""Whether a sentence reports a strike: its cue words, and what rules one out.

A weapon or a firm strike word ("struck", "shot down") makes a sentence a strike
report; a soft one ("attacked", "targeted") needs more (see
:meth:`geomap.extract.Extractor`); a sentence with no strike word may still tell
of people hurt at a place. Accidents and history are no strikes.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Set as AbstractSet

from . import lexicon
from .matcher import Match
from .model import TARGET_TYPES

_YEAR = re.compile(r"\b(19\d\d|20\d\d)\b")
# "a man born in 1976", "a building built in 1960": a year that dates a person or a thing.
_BORN_BEFORE = re.compile(r"\b(?:born|built|constructed|founded|established)(?: in)? $")


def strike_strength(cues: list[Match]) -> str | None:
    """"strong" when a weapon or a strike word is among the cues, "weak" for softer ones, else None."""
    weak = False
    for c in cues:
        for table, _ in c.cues:
            if table == "weapon" or table == "strike:strong":
                return "strong"
            weak = weak or table == "strike:weak"
    return "weak" if weak else None


def people_hurt(sentence: str, found: list[Match]) -> str | None:
    """"weak" for a sentence of a strike report that tells of people hurt at a place and names no
    strike word ("Three people were killed and eight wounded in Donetsk."), unless it speaks of
    ground fighting; the soft cue then counts because people were hurt."""
    if not names_place(found) or not has_outcome(found, lexicon.CASUALTIES):
        return None
    return None if _GROUND_COMBAT.search(sentence) else "weak"


def names_place(found: list[Match]) -> bool:
    """Whether a place is among the matches (a plain loop: any() over a generator costs more, and
    every sentence with a cue but no strike word asks this and :func:`has_outcome` twice)."""
    for m in found:
        if m.is_place:
            return True
    return False


def has_outcome(found: list[Match], words: AbstractSet[str]) -> bool:
    """Whether an outcome cue among the matches is one of ``words`` (the set look-up, cheaper than
    ``Match.has``, asked first)."""
    for c in found:
        if c.key in words and c.has("outcome"):
            return True
    return False


def destroyed_site(found: list[Match]) -> str | None:
    """"weak" for a sentence with no strike word that tells of a military or industrial site
    destroyed at a place: the attacker's own claim ("Russian forces have destroyed an ammunition
    depot near Novomoskovsk"). Homes and civilian buildings destroyed are left to the sentences
    around them: "houses destroyed" is also how ground fighting's ruins are told."""
    if not names_place(found) or not has_outcome(found, lexicon.DESTROYED):
        return None
    sites = (v for c in found if not c.is_place for t, v in c.cues if t == "target")
    return "weak" if any(v in _SITES for v in sites) else None


# Every kind of target but homes, civilian buildings, the umbrella "energy facility" and none.
_SITES = frozenset(TARGET_TYPES) - {"residential", "civilian_other", "energy_other", "unknown"}


# Any ground-combat phrase as whole words, the longest first (one search instead of one per phrase).
_GROUND_COMBAT = re.compile(
    r"\b(?:" + "|".join(re.escape(p) for p in sorted(lexicon.GROUND_COMBAT, key=len, reverse=True)) + r")\b",
    re.IGNORECASE,
)


# "defenders had beaten back two enemy attacks near Synkivka", "repelled 12 assaults": ground
# fighting, not a strike from afar (but "repelled a drone attack" is an interception).
_REPELLED = re.compile(
    r"\b(?:repelled|repulsed|repelling|repulsing|beat back|beaten back|beating back|fought off)\s+"
    r"((?:[\w-]+\s+){0,3}?)(?:attacks|assaults|attempts to advance|offensive actions|attack|assault)\b",
    re.IGNORECASE,
)
_AIR_WORDS = ("drone", "missile", "air", "uav", "shahed", "aerial", "rocket")


def repels_ground_attacks(sentence: str) -> bool:
    """Whether the sentence tells of ground attacks beaten back: its places are front-line mentions."""
    lower = sentence.lower()
    if not ("repel" in lower or "repuls" in lower or " back " in lower or "fought off" in lower):
        return False
    return any(not any(w in m.group(1).lower() for w in _AIR_WORDS) for m in _REPELLED.finditer(sentence))


def is_accident(sentence: str) -> bool:
    """Whether the sentence tells of an accident (a fire, a crash) rather than a strike."""
    lower = sentence.lower()
    return any(map(lower.__contains__, lexicon.ACCIDENT))  # a few substring tests beat one alternation


def cause_sought(sentence: str) -> bool:
    """Whether the sentence tells of a fire or blast whose cause is still being looked into ("Russia
    is also looking into what caused a large fire at an oil storage facility")."""
    lower = sentence.lower()
    return "caus" in lower and any(map(lower.__contains__, lexicon.CAUSE_SOUGHT))


def downs_aircraft(sentence: str) -> bool:
    """Whether what was shot down is a crewed aircraft ("shot down a Ukrainian Su-25 near Izyum"):
    air combat, not a strike on the place named."""
    if sentence.isascii():
        # The case-blind search tries every position; in ASCII text it reads what lower() gives,
        # and every match holds one of these verbs.
        lower = sentence.lower()
        if "shot down" not in lower and "downed" not in lower and "destroyed" not in lower:
            return False
    return bool(_AIRCRAFT_DOWNED.search(sentence))


_AIRCRAFT_DOWNED = re.compile(
    r"\b(?:shot down|downed|destroyed)\s+(?:an?\s+|two\s+|three\s+|\d+\s+)?(?:Ukrainian\s+|Russian\s+)?"
    r"(?:Su-\d+|MiG-\d+|Mi-\d+|Ka-\d+|Tu-\d+|F-16|aircraft|planes?|jets?|fighter(?: jet)?s?|helicopters?|"
    r"bombers?)\b",
    re.IGNORECASE,
)


def is_historical(sentence: str, published: dt.date | None) -> bool:
    """Whether the sentence tells of history (a year long before publication, "in 2014")."""
    lower = sentence.lower()
    if any(map(lower.__contains__, lexicon.HISTORICAL)):
        return True
    if published is not None and ("19" in sentence or "20" in sentence):
        return any(int(y.group(1)) < published.year - 1 and not _BORN_BEFORE.search(sentence, 0, y.start())
                   for y in _YEAR.finditer(sentence))
    return False
