"""A long run's merge kept on disk: readings and merged events in a temporary SQLite database.

A :class:`~geomap.merge.Merger` holds every merged event and its book until the run ends, about
3 KB an event: on a strike-dense corpus that grows with the input (some 5 GB at 1 GB of text).
:class:`SpillMerger` takes over from it once it holds :func:`spill_after` events and gives
**the same events, byte for byte**, holding only a bounded number in memory:

1. While reading, each reading is appended to a table (the merger's events so far go there
   first), nothing merged yet.
2. At the end the readings are merged place by place (a reading only ever joins an event of its
   own place): a fresh :class:`Merger` per place, fed that place's readings in input order, does
   exactly what the run's one merger would have done there. The merged events go to a table,
   filed by place and bucket (day) in the order the run's merger files them.
3. Namesake guesses are settled (:mod:`geomap.namesakes`) against the run's sure points read from
   the table; a moved event looks for its twin among the events of its new place, loaded from it.
4. Coarse events are folded into finer ones (:mod:`geomap.merge.fold`) in the fold's order (an
   index on the same sort key); the candidates of each are looked up in a table of the events
   kept so far, by region or country and bucket, as the in-memory fold looks them up in its dicts.
5. The lists are written out (:func:`geomap.merge.books._settle`), ids given in
   :func:`geomap.merge.merger._assign_ids`'s order, and the events are written in the output
   order to a last table, which :class:`SpilledEvents` reads back one batch at a time (a writer
   streams them).

Every order is the in-memory one: the sort keys are encoded as byte strings that sort as the
Python tuples do (:func:`.storage._key`), and ties fall back on the order the in-memory code
would keep. Events are loaded into a bounded cache (:class:`.groups._Groups`) and written back
when it is trimmed.

The package, one concern a module: :mod:`.merger` (when to spill, and :class:`SpillMerger`),
:mod:`.storage` (an event's row, sort keys as bytes, the connection), :mod:`.groups` (the merged
events on disk and their cache), one module a step (:mod:`.by_place` step 2, :mod:`.settling`
step 3, :mod:`geomap.merge.spill_fold` step 4, :mod:`.write_out` step 5) and :mod:`.events`
(:class:`SpilledEvents`, the events read back).
"""

from __future__ import annotations

from .events import SpilledEvents
from .merger import CACHE_EVENTS, SPILL_AFTER, SpillMerger, spill_after

__all__ = ["SPILL_AFTER", "CACHE_EVENTS", "spill_after", "SpillMerger", "SpilledEvents"]
