"""Step 5 of the merge on disk: the lists written out, ids given in :func:`geomap.merge.merger._assign_ids`'s
order, and the events written in the output order to table ``out``.
"""

from __future__ import annotations

import pickle
import sqlite3

from ..books import _settle
from ..merger import _next_id
from .groups import _Groups
from .storage import _BATCH, _PICKLE, _event, _key, _values


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
