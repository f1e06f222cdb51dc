"""The GIS point layers of a store: ``strikes``, ``acled`` and ``mentions``, as GeoPackage features."""

from __future__ import annotations

import sqlite3
import struct
from collections.abc import Iterable

from ..model import EVENT_PROPERTIES, Event, Mention

#: The events layers' fields (those of ``geomap export``; see docs/schema.md).
EVENT_FIELDS = (*EVENT_PROPERTIES, "origin")
MENTION_FIELDS = ("place", "place_name", "place_id", "country", "reason", "doc_id", "source", "sentence")
_DOC_ID_SEPARATOR, _EVIDENCE_SEPARATOR = ";", " | "


def write_layers(connection: sqlite3.Connection, events: list[Event], mentions: list[Mention]) -> None:
    """The GIS layers, rewritten from the events (inside the transaction)."""
    for layer, rows in (("strikes", [e for e in events if e.origin != "acled"]),
                        ("acled", [e for e in events if e.origin == "acled"])):
        connection.execute(f"DELETE FROM {layer}")
        connection.executemany(
            f"INSERT INTO {layer} (geom, {', '.join(EVENT_FIELDS)}) VALUES (?{', ?' * len(EVENT_FIELDS)})",
            [(_point(e.lon, e.lat), *_gis_row(e)) for e in rows])
        _set_extent(connection, layer, [(e.lon, e.lat) for e in rows])
    connection.execute("DELETE FROM mentions")
    connection.executemany(
        f"INSERT INTO mentions (geom, {', '.join(MENTION_FIELDS)}) VALUES (?{', ?' * len(MENTION_FIELDS)})",
        [(_point(m.lon, m.lat), *(getattr(m, f) for f in MENTION_FIELDS)) for m in mentions])
    _set_extent(connection, "mentions", [(m.lon, m.lat) for m in mentions])


def replace_rows(connection: sqlite3.Connection, gone: Iterable[str], events: list[Event],
                 mentions: list[Mention]) -> None:
    """Change only some rows of the layers (inside the transaction).

    The features of the events whose ids are in ``gone`` or among ``events`` are removed and
    ``events`` written; each of ``mentions`` replaces the feature of its place and reason.
    A layer's extent is widened to take the new points in (never narrowed: an extent that is
    a little too large is still true of the layer, and narrowing it would need every point).
    """
    removed = sorted({*gone, *(e.event_id for e in events)})
    for layer, rows in (("strikes", [e for e in events if e.origin != "acled"]),
                        ("acled", [e for e in events if e.origin == "acled"])):
        connection.executemany(f"DELETE FROM {layer} WHERE event_id = ?", [(i,) for i in removed])
        connection.executemany(
            f"INSERT INTO {layer} (geom, {', '.join(EVENT_FIELDS)}) VALUES (?{', ?' * len(EVENT_FIELDS)})",
            [(_point(e.lon, e.lat), *_gis_row(e)) for e in rows])
        _widen_extent(connection, layer, [(e.lon, e.lat) for e in rows])
    connection.executemany("DELETE FROM mentions WHERE place_id = ? AND reason = ?",
                           [(m.place_id, m.reason) for m in mentions])
    connection.executemany(
        f"INSERT INTO mentions (geom, {', '.join(MENTION_FIELDS)}) VALUES (?{', ?' * len(MENTION_FIELDS)})",
        [(_point(m.lon, m.lat), *(getattr(m, f) for f in MENTION_FIELDS)) for m in mentions])
    _widen_extent(connection, "mentions", [(m.lon, m.lat) for m in mentions])


def _gis_row(event: Event) -> tuple:
    row = []
    for name in EVENT_FIELDS:
        value = getattr(event, name) if name != "source" else event.source
        if name == "doc_ids":
            value = _DOC_ID_SEPARATOR.join(event.doc_ids)
        elif name == "evidence":
            value = _EVIDENCE_SEPARATOR.join(event.evidence)
        elif name == "confidence":
            value = float(value)
        row.append(value)
    return tuple(row)


def _point(lon: float, lat: float) -> bytes:
    """A GeoPackage geometry blob: the 'GP' header (no envelope, little-endian, EPSG:4326), WKB point."""
    return b"GP\x00\x01" + struct.pack("<i", 4326) + struct.pack("<bIdd", 1, 1, lon, lat)


def _set_extent(connection: sqlite3.Connection, layer: str, points: list[tuple[float, float]]) -> None:
    """Record the layer's extent and time of change in gpkg_contents (GIS tools zoom to it)."""
    xs, ys = [x for x, _ in points], [y for _, y in points]
    extent = (min(xs), min(ys), max(xs), max(ys)) if points else (None, None, None, None)
    connection.execute("UPDATE gpkg_contents SET last_change = strftime('%Y-%m-%dT%H:%M:%fZ','now'), "
                       "min_x = ?, min_y = ?, max_x = ?, max_y = ? WHERE table_name = ?", (*extent, layer))


def _widen_extent(connection: sqlite3.Connection, layer: str, points: list[tuple[float, float]]) -> None:
    if not points:
        return
    known = connection.execute("SELECT min_x, min_y, max_x, max_y FROM gpkg_contents WHERE table_name = ?",
                               (layer,)).fetchone()
    if known and known[0] is not None:
        points = [*points, (known[0], known[1]), (known[2], known[3])]
    _set_extent(connection, layer, points)


def column_type(name: str) -> str:
    """The SQLite type of an events layer field."""
    return {"event_date": "DATE", "confidence": "REAL"}.get(name, "TEXT")

