"""The record of what a sentence's cues say about one place, and how near a cue stands to a place.

The modules that give cues to places measure with these: a cue belongs to the place
nearest to it (:func:`cue_distance`), and the record :class:`Attributes` is what
:func:`~geomap.attributes.weapons_targets.read_attributes` fills in.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..matcher import Match
from ..reading import PlaceHit, SentenceReading

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
    # Each field read once into a local: a NamedTuple's fields are not among the attribute reads
    # Python 3.11 specialises (some 150 instructions each), and every cue of a sentence is measured
    # against every place of it.
    m = hit.match
    cue_end, start = cue.end, m.start
    if cue_end <= start:
        return start - cue_end
    cue_start, end = cue.start, m.end
    if cue_start >= end:
        return cue_start - end
    return 0


def _nearest_owner(cue: Match, hit: PlaceHit, others: list[PlaceHit]) -> bool:
    """Whether ``hit`` is the place nearest to ``cue`` (ties go to the place after the cue)."""
    mine = cue_distance(cue, hit)
    for o in others:  # (a plain loop: all() over a generator costs more for a place's few rivals)
        if mine > cue_distance(cue, o):
            return False
    return True


_Cue = tuple[Match, str]
#: No cues of a table (shared, never changed).
_NO_CUES: list[_Cue] = []


def _nearest(cues: list[_Cue], distance: Callable[[_Cue], Any]) -> _Cue:
    """The cue with the least distance; a lone cue without measuring (most sentences have one)."""
    return cues[0] if len(cues) == 1 else min(cues, key=distance)


# "Udy, Vovchansk, Budarky and other settlements came under fire, damaging civilian infrastructure",
# "struck the city of Kherson and eight other settlements, killing three":
# what is told after the unnamed places may be theirs; it is none of the named places' own.
_AND_OTHERS = re.compile(r"\band (?:[\w-]+ ){0,3}?other "
                         r"(?:settlements|villages|localities|towns|communities|hromadas)\b")


def told_of_others(reading: SentenceReading, cue: Match) -> bool:
    """Whether a cue comes after a list closed by "and other settlements" (see ``_AND_OTHERS``)."""
    text = reading.sentence.text
    if "other" not in text:
        return False
    found = _AND_OTHERS.search(text)
    return found is not None and cue.start - reading.sentence.start >= found.end()


# A clause of its own between a cue and a place: "a house was damaged in Hostre, while Kurakhove and
# Ostrivske were shelled" (the house is Hostre's, not the places of the clause after "while").
_CLAUSE_BREAK = re.compile(r";|,\s*(?:while|whereas|but)\b")
_CONTRAST = re.compile(r",\s*(?:while|whereas|but)\b")


def across_clause(reading: SentenceReading, cue: Match, hit: PlaceHit, *, semicolon: bool = True) -> bool:
    """Whether a clause break (";", ", while", ", whereas", ", but") stands between a cue and a place.
    Without ``semicolon``, only a contrast counts (a tally's "28 were downed over Saratov; Voronezh
    and Rostov four each" is one verb for all)."""
    lo, hi = sorted((cue.end, hit.match.start) if cue.end <= hit.match.start else (hit.match.end, cue.start))
    between = reading.sentence.text[lo - reading.sentence.start:hi - reading.sentence.start]
    if semicolon:
        return (";" in between or "," in between) and _CLAUSE_BREAK.search(between) is not None
    return "," in between and _CONTRAST.search(between) is not None
