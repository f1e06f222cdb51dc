"""Whether a sentence reports a strike: its cue words, and what rules one out.

A weapon or a firm strike word ("struck", "shot down") makes a sentence a strike
report; a soft one ("attacked", "targeted") needs more (see
:meth:`geomap.extract.Extractor`); a sentence with no strike word may still tell
of people hurt at a place. Accidents and history are no strikes.
"""

from __future__ import annotations

import datetime as dt
import re

from . import lexicon
from .matcher import Match

_YEAR = re.compile(r"\b(19\d\d|20\d\d)\b")


def strike_strength(cues: list[Match]) -> str | None:
    """"strong" when a weapon or a strike word is among the cues, "weak" for softer ones, else None."""
    tables = {t for c in cues for t, _ in c.cues}
    if "weapon" in tables or "strike:strong" in tables:
        return "strong"
    if "strike:weak" in tables:
        return "weak"
    return None


def people_hurt(sentence: str, found: list[Match]) -> str | None:
    """"weak" for a sentence of a strike report that tells of people hurt at a place and names no
    strike word ("Three people were killed and eight wounded in Donetsk."), unless it speaks of
    ground fighting; the soft cue then counts because people were hurt."""
    if not any(m.is_place for m in found):
        return None
    if not any(c.has("outcome") and c.key in lexicon.CASUALTIES for c in found):
        return None
    return None if _GROUND_COMBAT.search(sentence) else "weak"


def _any_of(phrases: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern for "any of these phrases anywhere" (one search instead of one per phrase)."""
    return re.compile("|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True)))


_ACCIDENT = _any_of(lexicon.ACCIDENT)
_GROUND_COMBAT = re.compile(r"\b(?:" + _any_of(lexicon.GROUND_COMBAT).pattern + r")\b", re.IGNORECASE)
_HISTORICAL = _any_of(lexicon.HISTORICAL)


def is_accident(sentence: str) -> bool:
    """Whether the sentence tells of an accident (a fire, a crash) rather than a strike."""
    return _ACCIDENT.search(sentence.lower()) is not None


def is_historical(sentence: str, published: dt.date | None) -> bool:
    """Whether the sentence tells of history (a year long before publication, "in 2014")."""
    if _HISTORICAL.search(sentence.lower()):
        return True
    if published is not None and ("19" in sentence or "20" in sentence):
        return any(int(y) < published.year - 1 for y in _YEAR.findall(sentence))
    return False
