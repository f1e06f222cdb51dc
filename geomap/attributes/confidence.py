"""How likely a reading is right, 0-1: by the kind of place, namesakes, cue and outcome."""

from __future__ import annotations

from .. import lexicon
from ..gazetteer import Place
from .cues import Attributes


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
