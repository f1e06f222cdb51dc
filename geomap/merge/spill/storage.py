"""How the merge on disk keeps an event in its scratch SQLite database: the event's field values
pickled, sort keys as bytes that sort as the in-memory tuples do (:func:`_key`), and the
connection itself.
"""

from __future__ import annotations

import operator
import pickle
import sqlite3
import struct
from dataclasses import fields

from ...model import Event
from ..books import _Book
from ..fold import _PRECISION_ORDER

_FIELDS = tuple(f.name for f in fields(Event))
_values = operator.attrgetter(*_FIELDS)
_PICKLE = pickle.HIGHEST_PROTOCOL
_BATCH = 2000


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


def _connect(path: str) -> sqlite3.Connection:
    db = sqlite3.connect(path, isolation_level=None)
    # A scratch database: nothing in it outlives the run, so no journal and no syncing.
    for pragma in ("journal_mode = OFF", "synchronous = OFF", "cache_size = -8192",
                   "locking_mode = EXCLUSIVE"):
        db.execute(f"PRAGMA {pragma}")
    return db
