"""The merged events on disk (table ``groups``) with a bounded cache of those loaded
(:class:`_Groups`), and a place's events by bucket as a Merger files them (:class:`_Buckets`).
"""

from __future__ import annotations

import pickle
import sqlite3
from collections import OrderedDict
from collections.abc import Iterator, Mapping

from ... import namesakes
from ...model import Event
from ..books import _Members
from ..merger import Merger
from .storage import _PICKLE, _event, _fold_key, _values


class _Groups:
    """The merged events on disk (table ``groups``), with a bounded cache of those loaded.

    An event loaded is one object until the cache is trimmed (:meth:`trim`, only called when
    no event is held elsewhere), when the changed ones are written back.
    """

    def __init__(self, db: sqlite3.Connection, limit: int) -> None:
        self.db = db
        self.members = _Members()
        self._limit = limit
        self._loaded: OrderedDict[int, Event] = OrderedDict()
        self._position: dict[int, int] = {}  # id(event) -> its position
        self._changed: set[int] = set()
        self._rank = 0  # where the next event filed after a namesake move goes (after all others)
        db.execute("CREATE TABLE groups (pos INTEGER PRIMARY KEY, place_id TEXT, bucket, rank INTEGER, "
                   "alive INTEGER, guess INTEGER, anchor INTEGER, lat REAL, lon REAL, day INTEGER, "
                   "fold_key BLOB, data BLOB)")
        # The buckets each place has ever filed events under, in the order it first did.
        db.execute("CREATE TABLE place_buckets (place_id TEXT, bucket, rank INTEGER, "
                   "PRIMARY KEY (place_id, bucket))")

    def file_place(self, merger: Merger, positions: list[int]) -> None:
        """Write out the events of one place's merger; ``positions`` are their places in the run."""
        rows = []
        where: dict[int, int] = {}
        for event, position in zip(merger._order, positions, strict=True):
            book = merger._members.of(event)
            where[id(event)] = position
            anchor = namesakes.sure_points([event])
            lat, lon, day = anchor[0] if anchor else (None, None, None)
            rows.append((position, event.place_id, merger._buckets[id(event)], position,
                         int(bool(event.namesakes)), int(bool(anchor)), lat, lon, day, _fold_key(event, book),
                         pickle.dumps((_values(event), book), _PICKLE)))
            self._rank = max(self._rank, position + 1)
        self.db.executemany("INSERT INTO groups VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?)", rows)
        self.db.executemany("INSERT INTO place_buckets VALUES (?, ?, ?)", (
            (place_id, bucket, where[id(events[0])])
            for place_id, by_date in merger._by_place.items() for bucket, events in by_date.items()))

    def load(self, position: int) -> Event:
        """The event at ``position`` (its book in :attr:`members`)."""
        event = self._loaded.get(position)
        if event is not None:
            self._loaded.move_to_end(position)
            return event
        values, book = pickle.loads(self.db.execute("SELECT data FROM groups WHERE pos = ?",
                                                    (position,)).fetchone()[0])
        event = _event(values)
        self._loaded[position] = event
        self._position[id(event)] = position
        self.members.add(event, book)
        return event

    def changed(self, event: Event) -> None:
        self._changed.add(self._position[id(event)])

    def drop(self, event: Event) -> None:
        """The event was folded into another: it is given out no more."""
        self.db.execute("UPDATE groups SET alive = 0 WHERE pos = ?", (self._position[id(event)],))

    def refile(self, event: Event, bucket: int | str | None) -> None:
        """File a moved event under its (new) place and ``bucket``, after every event filed there."""
        self.db.execute("INSERT OR IGNORE INTO place_buckets VALUES (?, ?, ?)",
                        (event.place_id, bucket, self._rank))
        self.db.execute("UPDATE groups SET place_id = ?, bucket = ?, rank = ? WHERE pos = ?",
                        (event.place_id, bucket, self._rank, self._position[id(event)]))
        self._rank += 1

    def by_place(self, place_id: str) -> Mapping[int | str | None, list[Event]]:
        """The events filed under a place, by bucket, as a Merger's ``_by_place[place_id]``; each
        bucket's events are loaded when it is looked at (a twin is looked for a few days around)."""
        by_date: dict[int | str | None, list[int]] = {
            bucket: [] for (bucket,) in self.db.execute(
                "SELECT bucket FROM place_buckets WHERE place_id = ? ORDER BY rank", (place_id,))}
        for position, bucket in self.db.execute(
                "SELECT pos, bucket FROM groups WHERE place_id = ? AND alive = 1 ORDER BY rank",
                (place_id,)).fetchall():
            by_date[bucket].append(position)
        return _Buckets(self, by_date)

    def _save(self, position: int, event: Event) -> None:
        book = self.members.of(event)
        self.db.execute("UPDATE groups SET fold_key = ?, data = ? WHERE pos = ?",
                        (_fold_key(event, book), pickle.dumps((_values(event), book), _PICKLE), position))

    def trim(self, limit: int | None = None) -> None:
        """Unload the events used least recently, down to ``limit`` (default: the cache's size)."""
        keep = self._limit if limit is None else limit
        while len(self._loaded) > keep:
            position, event = self._loaded.popitem(last=False)
            if position in self._changed:
                self._save(position, event)
                self._changed.discard(position)
            self.members.forget(event)
            del self._position[id(event)]


class _Buckets(Mapping):
    """A place's buckets, each loaded (:meth:`_Groups.load`) when it is first looked at."""

    def __init__(self, groups: _Groups, positions: dict[int | str | None, list[int]]) -> None:
        self._groups, self._positions = groups, positions
        self._loaded: dict[int | str | None, list[Event]] = {}

    def __getitem__(self, bucket: int | str | None) -> list[Event]:
        found = self._loaded.get(bucket)
        if found is None:
            found = self._loaded[bucket] = [self._groups.load(p) for p in self._positions[bucket]]
        return found

    def __iter__(self) -> Iterator[int | str | None]:
        return iter(self._positions)

    def __len__(self) -> int:
        return len(self._positions)

    def __contains__(self, bucket: object) -> bool:
        return bucket in self._positions
