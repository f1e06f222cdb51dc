"""The merged events of a spilled run read back from its database in order, a batch at a time
(:class:`SpilledEvents`), and the database removed when no sequence uses it any more.
"""

from __future__ import annotations

import pickle
import sqlite3
import tempfile
import weakref
from collections.abc import Iterator, Sequence
from typing import Any, overload

from ...model import Event
from .storage import _BATCH, _event


class SpilledEvents(Sequence[Event]):
    """The merged events of a spilled run, read from its database in order, a batch at a time.

    A sequence like the list :meth:`Merger.events` gives (``len``, indexing, iteration; ``+``
    a list of events puts them after); iterating it twice reads the events twice. The
    database is removed when the sequence is no longer used (or on :meth:`close`).
    """

    def __init__(self, db: sqlite3.Connection, folder: tempfile.TemporaryDirectory, count: int,
                 tail: Sequence[Event] = (), *, _disk: _Disk | None = None) -> None:
        # Shared with the sequences made by +: the database goes when the last of them does.
        self._disk = _disk or _Disk(db, folder)
        self._db, self._folder, self._count, self._tail = db, folder, count, list(tail)

    def __len__(self) -> int:
        return self._count + len(self._tail)

    def __iter__(self) -> Iterator[Event]:
        last = 0
        while last < self._count:
            batch = self._db.execute("SELECT rank, event_id, data FROM out WHERE rank > ? ORDER BY rank "
                                     "LIMIT ?", (last, _BATCH)).fetchall()
            for rank, event_id, data in batch:
                yield _out_event(event_id, data)
                last = rank
        yield from self._tail

    @overload
    def __getitem__(self, index: int) -> Event: ...

    @overload
    def __getitem__(self, index: slice) -> list[Event]: ...

    def __getitem__(self, index: int | slice) -> Event | list[Event]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError("event index out of range")
        if index >= self._count:
            return self._tail[index - self._count]
        event_id, data = self._db.execute("SELECT event_id, data FROM out WHERE rank = ?",
                                          (index + 1,)).fetchone()
        return _out_event(event_id, data)

    def __add__(self, other: Any) -> SpilledEvents:
        return SpilledEvents(self._db, self._folder, self._count, [*self._tail, *other], _disk=self._disk)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence) or len(other) != len(self):
            return False
        return all(a == b for a, b in zip(self, other, strict=True))

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"<SpilledEvents: {len(self)} events on disk>"

    def close(self) -> None:
        """Remove the database now: this sequence holds no stored events after, and those made
        from it by + (which share the database) cannot be read any more."""
        self._disk.close()
        self._count = 0


class _Disk:
    """A spilled run's database and its folder, removed when no sequence uses them any more."""

    def __init__(self, db: sqlite3.Connection, folder: tempfile.TemporaryDirectory) -> None:
        self.close = weakref.finalize(self, _remove, db, folder)


def _remove(db: sqlite3.Connection, folder: tempfile.TemporaryDirectory) -> None:
    db.close()
    folder.cleanup()


def _out_event(event_id: str, data: bytes) -> Event:
    event = _event(pickle.loads(data))
    event.event_id = event_id
    return event
