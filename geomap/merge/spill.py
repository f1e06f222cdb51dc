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
4. Coarse events are folded into finer ones (:mod:`.fold`) in the fold's order (an index on the
   same sort key); the candidates of each are looked up in a table of the events kept so far,
   by region or country and bucket, as the in-memory fold looks them up in its dicts.
5. The lists are written out (:func:`.books._settle`), ids given in :func:`.merger._assign_ids`'s
   order, and the events are written in the output order to a last table, which
   :class:`SpilledEvents` reads back one batch at a time (a writer streams them).

Every order is the in-memory one: the sort keys are encoded as byte strings that sort as the
Python tuples do (:func:`_key`), and ties fall back on the order the in-memory code would keep.
Events are loaded into a bounded cache (:class:`_Groups`) and written back when it is trimmed.
"""

from __future__ import annotations

import operator
import os
import pickle
import sqlite3
import struct
import sys
import tempfile
import weakref
from collections import OrderedDict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import fields
from typing import Any, overload

from .. import namesakes
from ..gazetteer import Gazetteer, default_gazetteer
from ..model import Event
from .books import _absorb, _Book, _Members, _settle
from .fold import _PRECISION_ORDER
from .merger import Merger, _next_id, _twin_in
from .spill_fold import _fold
from .windows import _bucket

#: Merged events a run holds in memory before it moves its merge to disk (about 3 KB each).
SPILL_AFTER = 20_000
#: Merged events loaded at once from the disk while they are settled and folded.
CACHE_EVENTS = 5_000

_FIELDS = tuple(f.name for f in fields(Event))
_values = operator.attrgetter(*_FIELDS)
_PICKLE = pickle.HIGHEST_PROTOCOL
_BATCH = 2000


def spill_after() -> int | None:
    """How many merged events a run holds before spilling: ``GEOMAP_SPILL_AFTER`` when set (a
    negative number: never), else :data:`SPILL_AFTER`."""
    given = os.environ.get("GEOMAP_SPILL_AFTER", "").strip()
    if not given:
        return SPILL_AFTER
    try:
        limit = int(given)
    except ValueError:
        print(f"geomap: warning: GEOMAP_SPILL_AFTER={given!r} is not a whole number; "
              f"using {SPILL_AFTER}", file=sys.stderr)
        return SPILL_AFTER
    return None if limit < 0 else limit


def _event(values: tuple) -> Event:
    # The fields set directly, as Merger.restore does: nothing in __init__ to check again.
    event = Event.__new__(Event)
    event.__dict__.update(zip(_FIELDS, values, strict=True))
    return event


_OFFSET = 1 << 63
_INT = struct.Struct(">Q")


def _key(*parts: str | int | bool) -> bytes:
    """Bytes that sort (as SQLite compares BLOBs) as the tuple of ``parts`` sorts in Python.

    A string is its UTF-8 (lone surrogates kept: code point order is byte order) with NUL
    escaped and a NUL NUL after it, so a prefix sorts first; a whole number is 8 bytes.
    """
    out = bytearray()
    for part in parts:
        if isinstance(part, str):
            out += part.encode("utf-8", "surrogatepass").replace(b"\x00", b"\x00\xff")
            out += b"\x00\x00"
        else:
            out += _INT.pack(int(part) + _OFFSET)
    return bytes(out)


def _fold_key(event: Event, book: _Book) -> bytes:
    """:func:`.fold._fold_coarse`'s order, as bytes."""
    return _key(_PRECISION_ORDER[event.geo_precision], event.event_date or "", event.place_id,
                event.target_type, event.strike_type, event.status, *book.key)


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


def _connect(path: str) -> sqlite3.Connection:
    db = sqlite3.connect(path, isolation_level=None)
    # A scratch database: nothing in it outlives the run, so no journal and no syncing.
    for pragma in ("journal_mode = OFF", "synchronous = OFF", "cache_size = -8192",
                   "locking_mode = EXCLUSIVE"):
        db.execute(f"PRAGMA {pragma}")
    return db


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


def _merge_by_place(db: sqlite3.Connection, groups: _Groups) -> None:
    """Step 2: each place's readings merged by a merger of its own, in input order."""
    place: str | None = None
    merger: Merger | None = None
    positions: list[int] = []
    for seq, place_id, kind, data in db.execute(
            "SELECT seq, place_id, kind, data FROM readings ORDER BY place_id, seq"):
        if place_id != place:
            if merger is not None:
                groups.file_place(merger, positions)
            place, merger, positions = place_id, Merger(), []
        assert merger is not None
        if kind:  # an event of the merger the run started with
            values, book, bucket = pickle.loads(data)
            merger._file(_event(values), book, bucket)
            positions.append(seq)
        else:
            values, published, position = pickle.loads(data)
            before = len(merger)
            merger.add(_event(values), published=published, position=position)
            if len(merger) > before:  # a new event, at this reading's place in the run
                positions.append(seq)
    if merger is not None:
        groups.file_place(merger, positions)


class _Guess:
    """A guessed event as :func:`geomap.namesakes.settle` sees it: its day and strike type (the
    front-line prior asks both), and where it is."""

    __slots__ = ("event_date", "position", "strike_type")

    def __init__(self, position: int, event_date: str | None, strike_type: str) -> None:
        self.position, self.event_date, self.strike_type = position, event_date, strike_type


def _settle_namesakes(groups: _Groups, gazetteer: Gazetteer) -> None:
    """Step 3, as :meth:`Merger._settle_namesakes`."""
    db = groups.db
    db.execute("CREATE INDEX groups_by_place ON groups (place_id, rank)")  # for by_place()
    guesses = []
    for position, data in db.execute("SELECT pos, data FROM groups WHERE guess = 1 ORDER BY pos"):
        event = _event(pickle.loads(data)[0])
        candidates = [gazetteer.get(i) for i in (event.place_id, *event.namesakes)]
        if candidates[0] is not None:
            guesses.append((_Guess(position, event.event_date, event.strike_type),
                            [c for c in candidates if c is not None]))
    if not guesses:
        return
    days: dict[int, int] = {}  # one object per day: the grid keeps a day per sure point
    anchors = ((lat, lon, None if day is None else days.setdefault(day, day)) for lat, lon, day in
               db.execute("SELECT lat, lon, day FROM groups WHERE anchor = 1 ORDER BY pos"))
    # settle() only walks the anchors once, into its grid: they need not all be in a list.
    moves = namesakes.settle(guesses, anchors)  # type: ignore[arg-type]
    del guesses
    for guess, place in moves:
        event = groups.load(guess.position)  # type: ignore[attr-defined]
        namesakes.move_to(event, place, gazetteer.region_name)
        groups.changed(event)
        twin = _twin_in(groups.by_place(event.place_id), event, groups.members)
        if twin is None:
            groups.refile(event, _bucket(event))
        else:
            _absorb(twin, groups.members.of(twin), event, groups.members.of(event))
            groups.changed(twin)
            groups.drop(event)
        del event, twin
        groups.trim()


class _Counts:
    """``taken`` of :func:`.merger._next_id` in a table."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        db.execute("CREATE TABLE taken (digest TEXT PRIMARY KEY, count INTEGER)")

    def get(self, digest: str, default: int) -> int:
        found = self.db.execute("SELECT count FROM taken WHERE digest = ?", (digest,)).fetchone()
        return default if found is None else found[0]

    def __setitem__(self, digest: str, count: int) -> None:
        self.db.execute("INSERT OR REPLACE INTO taken VALUES (?, ?)", (digest, count))


class _Used:
    """``used`` of :func:`.merger._next_id` in a table."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        db.execute("CREATE TABLE used (id TEXT PRIMARY KEY)")

    def __contains__(self, event_id: object) -> bool:
        return self.db.execute("SELECT 1 FROM used WHERE id = ?", (event_id,)).fetchone() is not None

    def add(self, event_id: str) -> None:
        self.db.execute("INSERT INTO used VALUES (?)", (event_id,))


class _IdBasis:
    """What :func:`.merger._next_id` reads of an event."""

    __slots__ = ("event_date", "place_id", "target_type")

    def __init__(self, place_id: str, event_date: str | None, target_type: str) -> None:
        self.place_id, self.event_date, self.target_type = place_id, event_date, target_type


def _write_out(groups: _Groups) -> int:
    """Step 5: lists written out, ids given, the events in output order in table ``out``."""
    db = groups.db
    db.execute("CREATE TABLE final (rank INTEGER PRIMARY KEY, id_key BLOB, place_id TEXT, event_date TEXT, "
               "target_type TEXT, out_key BLOB, data BLOB)")
    last = 0
    while True:
        batch = db.execute("SELECT kept.rank, groups.data FROM kept JOIN groups ON groups.pos = kept.pos "
                           "WHERE kept.rank > ? ORDER BY kept.rank LIMIT ?", (last, _BATCH)).fetchall()
        if not batch:
            break
        rows = []
        for rank, data in batch:
            values, book = pickle.loads(data)
            event = _event(values)
            _settle(event, book)
            # _assign_ids's order (a stable sort of the kept events: ties stay in kept order) ...
            id_key = _key(event.place_id, event.event_date or "", event.target_type, event.strike_type,
                          event.status, bool(event.evidence), *event.evidence[:1])
            # ... and the output's, but for the id, which comes last.
            out_key = _key(event.event_date is None, event.event_date or "", event.place_name)
            rows.append((rank, id_key, event.place_id, event.event_date, event.target_type, out_key,
                         pickle.dumps(_values(event), _PICKLE)))
        db.executemany("INSERT INTO final VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
        last = batch[-1][0]
    db.execute("DROP TABLE groups")
    db.execute("DROP TABLE kept")
    db.execute("CREATE TABLE ids (rank INTEGER PRIMARY KEY, event_id TEXT, out_key BLOB)")
    taken, used = _Counts(db), _Used(db)
    pending = []
    for rank, place_id, event_date, target_type, out_key in db.execute(
            "SELECT rank, place_id, event_date, target_type, out_key FROM final ORDER BY id_key, rank"):
        event_id = _next_id(_IdBasis(place_id, event_date, target_type), taken, used)  # type: ignore[arg-type]
        pending.append((rank, event_id, out_key + _key(event_id)))
        if len(pending) >= _BATCH:
            db.executemany("INSERT INTO ids VALUES (?, ?, ?)", pending)
            pending.clear()
    db.executemany("INSERT INTO ids VALUES (?, ?, ?)", pending)
    db.execute("CREATE TABLE out (rank INTEGER PRIMARY KEY, event_id TEXT, data BLOB)")
    db.execute("INSERT INTO out (event_id, data) SELECT ids.event_id, final.data FROM final "
               "JOIN ids ON ids.rank = final.rank ORDER BY ids.out_key")
    for table in ("final", "ids", "taken", "used"):
        db.execute(f"DROP TABLE {table}")
    return db.execute("SELECT COUNT(*) FROM out").fetchone()[0]


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
