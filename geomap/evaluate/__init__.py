"""Score the extractor against hand-made gold annotations.

A gold folder holds, for each article ``NNN_slug.txt``, a ``NNN_slug.json``::

    {"published": "2025-03-21" | null,
     "events": [{"place": "...", "lat": 51.49, "lon": 45.97,
                 "precision": "facility|town|district|region|country",
                 "strike_type": "...", "target_type": "...", "status": "...",
                 "attacker": "...", "event_date": "2025-03-20" | null}],
     "mentions": [{"place": "Istanbul", "lat": 41.01, "lon": 28.95}],
     "notes": "optional"}

Each article is run through the real pipeline on its own
(:func:`geomap.pipeline.extract_events` with the gold ``published`` date), so
merging inside an article counts but never across articles. Predicted events
are matched one-to-one to gold events by distance: a pair is allowed when the
prediction lies within the radius of the gold event's precision
(:data:`RADIUS_KM`), and among the matchings with the most pairs the one of
least total distance is chosen (a min-cost assignment, solved exactly by the
Hungarian method in :func:`_assign`).

The report gives TP/FP/FN, precision, recall and F1 per article and in total
(micro-averaged), the accuracy of strike type, target type, status, attacker
and event date on matched pairs, a status confusion matrix, and sorts each
false positive into one kind:

``duplicate``
    within the radius of a gold event that is already matched: the same
    strike predicted twice (a merge that did not happen);
``mention``
    within :data:`MENTION_RADIUS_KM` of a gold *mention*: a place only
    mentioned (dateline, talks, a capital standing for its government) that
    was mapped as a strike;
``spurious``
    anything else.

(A false positive is never within the radius of an *unmatched* gold event: the
matching would then have paired them.)

>>> report = evaluate("tests/gold")                 # doctest: +SKIP
>>> print(format_report(report))                    # doctest: +SKIP
"""


from __future__ import annotations

from .gold import (
    ATTRIBUTES,
    MENTION_RADIUS_KM,
    RADIUS_KM,
    TEXT_SUFFIXES,
    Gold,
    GoldError,
    GoldEvent,
    GoldMention,
    load_gold,
)
from .matching import Pair, distance_km, match_events
from .run import evaluate, find_text, run_cli
from .scoring import (
    Accuracy,
    Counts,
    DocumentReport,
    FalsePositive,
    Match,
    Miss,
    Report,
    score_document,
    status_confusion,
)
from .text_report import format_report

__all__ = [
    "ATTRIBUTES", "MENTION_RADIUS_KM", "RADIUS_KM", "TEXT_SUFFIXES", "Accuracy", "Counts",
    "DocumentReport", "FalsePositive", "Gold", "GoldError", "GoldEvent", "GoldMention", "Match",
    "Miss", "Pair", "Report", "distance_km", "evaluate", "find_text", "format_report", "load_gold",
    "match_events", "run_cli", "score_document", "status_confusion",
]
