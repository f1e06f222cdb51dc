"""When a run moves its merge to disk (:func:`spill_after`) and the merger that then takes over
(:class:`SpillMerger`): it keeps the readings in a table and runs the five steps at the end.
"""

from __future__ import annotations

import os
import pickle
import tempfile

from ...gazetteer import default_gazetteer
from ...model import Event
from ..merger import Merger
from ..spill_fold import _fold

# (In a module of their own, which a run imports without this package: see there.)
from ..spill_limit import SPILL_AFTER, spill_after  # noqa: F401  (re-exported)
from .by_place import _merge_by_place
from .events import SpilledEvents
from .groups import _Groups
from .settling import _settle_namesakes
from .storage import _BATCH, _PICKLE, _connect, _values
from .write_out import _write_out

#: Merged events loaded at once from the disk while they are settled and folded.
CACHE_EVENTS = 5_000


class SpillMerger:
    """A :class:`Merger` that keeps its readings and events on disk (see the module's doc).

    Made from a plain run's merger (which it empties); :meth:`add` and :meth:`events` as a
    Merger's. ``folder`` is where the temporary database goes (default: ``GEOMAP_SPILL_DIR``,
    else the system's temporary folder); it is removed when the events are no longer used.
    """

    def __init__(self, merger: Merger, folder: str | None = None, *, cache: int | None = None) -> None:
        if merger.keep_ids or merger.settled or merger.reserved_ids or merger._gone:
            raise ValueError("only a plain run's merger can be moved to disk")
        self._gazetteer = merger._gazetteer
        self._cache = CACHE_EVENTS if cache is None else cache
        self._dir = tempfile.TemporaryDirectory(prefix="geomap-merge-",
                                                dir=folder or os.environ.get("GEOMAP_SPILL_DIR") or None)
        self._db = _connect(os.path.join(self._dir.name, "merge.sqlite"))
        self._db.execute("CREATE TABLE readings (seq INTEGER PRIMARY KEY, place_id TEXT, kind INTEGER, "
                         "data BLOB)")
        self._db.execute("BEGIN")
        # The merger's events first, as they are (kind 1), in its order: they come before every
        # reading still to come, as they do in the merger.
        self._db.executemany("INSERT INTO readings VALUES (?, ?, 1, ?)", (
            (position, event.place_id, pickle.dumps(
                (_values(event), merger._members.of(event), merger._buckets[id(event)]), _PICKLE))
            for position, event in enumerate(merger._order)))
        self._seq = len(merger._order)
        self._pending: list[tuple] = []

    def __len__(self) -> int:
        """Readings (and events taken over) held: the merged events are not known until the end."""
        return self._seq

    def add(self, event: Event, *, published: str | None = None, position: int = 0) -> None:
        """Keep one reading, to be merged at the end (see :meth:`Merger.add`)."""
        self._pending.append((self._seq, event.place_id,
                              pickle.dumps((_values(event), published, position), _PICKLE)))
        self._seq += 1
        if len(self._pending) >= _BATCH:
            self._flush()

    def _flush(self) -> None:
        self._db.executemany("INSERT INTO readings VALUES (?, ?, 0, ?)", self._pending)
        self._pending.clear()

    def events(self) -> SpilledEvents:
        """The merged events, as :meth:`Merger.events` gives them, read back from the disk in order.

        Call once.
        """
        self._flush()
        db = self._db
        db.execute("CREATE INDEX readings_by_place ON readings (place_id, seq)")
        groups = _Groups(db, self._cache)
        _merge_by_place(db, groups)
        db.execute("DROP TABLE readings")
        if db.execute("SELECT EXISTS (SELECT 1 FROM groups WHERE guess = 1)").fetchone()[0]:
            _settle_namesakes(groups, self._gazetteer or default_gazetteer())
        _fold(groups)
        count = _write_out(groups)
        db.execute("COMMIT")
        return SpilledEvents(db, self._dir, count)
