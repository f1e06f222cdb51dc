"""Merging the reports of one strike into one event.

Two readings are the same strike when they are at the same place on the same
day with compatible targets (equal, or one of them unknown). A coarse reading
("a drone attack in the Krasnodar region") also folds into a precise one that
lies inside it ("the oil depot at Kavkazskaya") when the day, weapon, target
and outcome agree. Repeated strikes on one place on different days stay
separate events. The merged event keeps every document id, source and
evidence sentence; each further document raises its confidence.

The same readings in any order give the same events (issue 12): where reports
differ, the one chosen is the earliest by :func:`reading_key` (earliest
publication, then document id, then position in the document's text),
whichever came first. So ``place`` is as the earliest report wrote it,
``source`` is where it was first published, and ``doc_ids``, ``sources`` and
``evidence`` are listed in that order (each value where its earliest report puts
it; a report's own sentences in their order in the text). An attribute one
report leaves unknown takes another's value, the earliest report's when they
differ; the outcome is the strongest any report gives; the date the most
precise (the earliest report's among equals). Confidence is the best single
report's plus 0.1 for each further document. Which reports are one strike can
still depend on order in one case: a reading that could join two different
events of one place (a "last week" report between two strikes a few days
apart) joins the first it meets.

The modules: :mod:`.books` (what each merged event keeps of its reports), :mod:`.windows`
(the days a date stands for), :mod:`.fold` (coarse reports into precise events) and
:mod:`.merger` (the :class:`Merger` that files, merges, settles and gives ids).
"""

from __future__ import annotations

from .books import ReadingKey, reading_key
from .merger import Merger, merge_events
from .windows import date_window

__all__ = ["Merger", "ReadingKey", "date_window", "merge_events", "reading_key"]
