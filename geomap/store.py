"""A store that grows: one GeoPackage that keeps what was read, updated run after run.

``geomap run INPUT... --store strikes.gpkg`` keeps in one GeoPackage (a SQLite database
in WAL mode) the documents already read (id and a hash of the text) and everything the
merge needs to go on: each merged event before coarse readings are folded in, with the
reports behind every value (:meth:`geomap.merge.Merger.group_state`). A later run reads
only the documents the store has not seen, merges their readings into the stored events
as if everything had been read in one run, and commits everything in one transaction:
an update that is interrupted (Ctrl-C, a kill, a power cut) leaves the store as it was.

Ids of stored events never change: a new report of a stored strike adds its document,
source and evidence and raises its confidence; a new strike gets a new id that clashes
with none. Reading the same input again changes nothing.

Tables (``geomap_*`` are the store's own; the others are GeoPackage layers for GIS):

``geomap_store``      key/value: what the file is (``format``) and its schema version
``geomap_documents``  (doc_id, hash): each document read, with its source and the run
``geomap_groups``     the merged events before folding, with their books (JSON)
``geomap_events``     the events as they are now, in output order (JSON), for map and export
``geomap_mentions``   the earliest mention per place and reason
``geomap_acled``      ACLED rows, one per ACLED event id
``strikes``, ``acled``, ``mentions``  point layers (same fields as ``geomap export``'s)
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import sqlite3
import struct
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from . import settings
from .extract import default_extractor
from .gazetteer import Gazetteer
from .merge import Merger
from .model import EVENT_PROPERTIES, Document, Event, Mention, ReadProblem
from .parallel import extractions
from .pipeline import Collector, MentionRank, Progress, Result, write_outputs
from .read import iter_documents

#: What ``geomap_store.format`` says, and the layout version this code writes.
FORMAT = "geomap-store"
VERSION = 1

#: The events layers' fields (those of ``geomap export``; see docs/schema.md).
_GIS_FIELDS = (*EVENT_PROPERTIES, "origin")
_DOC_ID_SEPARATOR, _EVIDENCE_SEPARATOR = ";", " | "
_MENTION_FIELDS = ("place", "place_name", "place_id", "country", "reason", "doc_id", "source", "sentence")

# EPSG:4326 as GDAL writes it into a GeoPackage.
_WGS84_WKT = (
    'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],'
    'AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",'
    '0.0174532925199433,AUTHORITY["EPSG","9122"]],AXIS["Latitude",NORTH],AXIS["Longitude",EAST],'
    'AUTHORITY["EPSG","4326"]]')

#: Set by tests only: seconds to wait inside the update's transaction before committing, so that
#: a test can kill a real update at the point where it has written everything but the commit.
_HOLD_ENV = "GEOMAP_STORE_HOLD_BEFORE_COMMIT"


@dataclass
class Update:
    """What a store update did: documents read and skipped, and the store's contents after it."""

    read: int = 0
    skipped: int = 0
    documents: int = 0
    events: list[Event] = field(default_factory=list)
    mentions: int = 0
    problems: list[ReadProblem] = field(default_factory=list)
    outputs: dict[str, Path] = field(default_factory=dict)


class StoreError(ValueError):
    """A file that is not a geomap store, or a store that cannot be updated now."""


def is_store(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` is a geomap store (a GeoPackage with the store's tables)."""
    try:
        with open(path, "rb") as handle:
            if handle.read(16) != b"SQLite format 3\x00":
                return False
        connection = sqlite3.connect(f"file:{Path(path).resolve()}?mode=ro", uri=True)
        try:
            row = connection.execute("SELECT value FROM geomap_store WHERE key = 'format'").fetchone()
        finally:
            connection.close()
    except (OSError, sqlite3.Error):
        return False
    return row is not None and row[0] == FORMAT


def read_store(path: str | os.PathLike[str]) -> tuple[list[Event], list[Mention]]:
    """The events and mentions a store holds now, in output order."""
    connection = _connect(Path(path), create=False)
    try:
        return _stored_events(connection), _stored_mentions(connection)
    finally:
        connection.close()


def update_store(
    path: str | os.PathLike[str],
    inputs: Sequence[str],
    *,
    outdir: str | os.PathLike[str] | None = settings.DEFAULT_OUTDIR,
    name: str = settings.DEFAULT_NAME,
    date: str | None = None,
    gazetteer: Gazetteer | None = None,
    on_problem: Callable[[ReadProblem], None] | None = None,
    progress: bool = False,
    jobs: int = 1,
) -> Update:
    """Read the documents of ``inputs`` the store has not seen, merge them in, commit, write the outputs.

    The store is created when ``path`` does not exist. The outputs (map and layers, as
    :func:`geomap.pipeline.write_outputs` writes them) are written from the whole store
    into ``outdir`` after the commit; ``outdir=None`` writes none. Only one update at a
    time: a second one waits up to a minute, then fails with :class:`StoreError`.
    """
    store = Path(path)
    connection = _connect(store, create=True)
    update = Update()
    try:
        try:
            # The write lock for the whole update: readers still see the last committed state.
            connection.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise StoreError(f"{store}: another run is updating this store ({exc})") from None
        merger = Merger.restore(_stored_groups(connection))
        known = len(merger)
        collector = Collector(merger, _stored_mention_ranks(connection), _stored_acled(connection))
        result = Result()
        new_documents: list[tuple[str, str, str, str | None]] = []
        items = _unseen(iter_documents(inputs, default_date=date), connection, new_documents, update)
        with Progress(inputs if progress else None) as bar:
            for item, extraction in extractions(items, jobs=jobs, extractor=default_extractor(gazetteer)):
                collector.add(item, extraction, result, on_problem)
                bar.update(item, extraction)
        update.read, update.problems = result.documents, result.problems
        written = None
        if new_documents or collector.changed_acled:
            written = _write(connection, merger, known, collector, new_documents)
        hold = os.environ.get(_HOLD_ENV)
        if hold:
            print(f"geomap: store: holding the transaction open for {hold} s ({_HOLD_ENV})",
                  file=sys.stderr, flush=True)
            time.sleep(float(hold))
        connection.execute("COMMIT")
    except BaseException:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        raise
    finally:
        connection.close()
    # The events just written are those the store now holds (read back only when nothing changed).
    events, mentions = written if written is not None else read_store(store)
    update.events, update.mentions = events, len(mentions)
    update.documents = _count_documents(store)
    if outdir is not None and (update.documents or events):
        update.outputs = write_outputs(Result(events=events, mentions=mentions, documents=update.documents),
                                       outdir, name)
    return update


# --------------------------------------------------------------------------- reading


def _unseen(items: Iterable[Document | Event | ReadProblem], connection: sqlite3.Connection,
            new_documents: list[tuple[str, str, str, str | None]], update: Update
            ) -> Iterator[Document | Event | ReadProblem]:
    """The items, less the documents the store (or this run) has read already."""
    this_run: set[tuple[str, str]] = set()
    for item in items:
        if isinstance(item, Document):
            digest = text_hash(item.text)
            key = (item.doc_id, digest)
            if key in this_run or connection.execute(
                    "SELECT 1 FROM geomap_documents WHERE doc_id = ? AND hash = ?", key).fetchone():
                update.skipped += 1
                continue
            this_run.add(key)
            new_documents.append((item.doc_id, digest, item.source, item.published))
        yield item


def text_hash(text: str) -> str:
    """The content hash a store keeps of a document (SHA-256 of its text, hex)."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _stored_groups(connection: sqlite3.Connection) -> Iterator[tuple[str, dict]]:
    for event_id, state in connection.execute("SELECT event_id, state FROM geomap_groups ORDER BY seq"):
        yield event_id, json.loads(state)


def _stored_mention_ranks(
        connection: sqlite3.Connection) -> dict[tuple[str, str], tuple[MentionRank, Mention]]:
    found = {}
    for place_id, reason, rank, data in connection.execute(
            "SELECT place_id, reason, rank, data FROM geomap_mentions"):
        found[(place_id, reason)] = (tuple(json.loads(rank)), Mention(**json.loads(data)))
    return found


def _stored_mentions(connection: sqlite3.Connection) -> list[Mention]:
    ranked = _stored_mention_ranks(connection)
    return [mention for _, mention in sorted(ranked.values(), key=lambda found: (
        found[0], found[1].place_id, found[1].reason))]


def _stored_acled(connection: sqlite3.Connection) -> dict[str, tuple[str, Event]]:
    return {event_id: (rank, _event_of(json.loads(data))) for event_id, rank, data in connection.execute(
        "SELECT event_id, rank, data FROM geomap_acled")}


def _stored_events(connection: sqlite3.Connection) -> list[Event]:
    return [_event_of(json.loads(data)) for (data,) in connection.execute(
        "SELECT data FROM geomap_events ORDER BY position")]


def _event_of(data: dict) -> Event:
    event = Event.__new__(Event)
    event.__dict__.update(data)
    return event


def _count_documents(store: Path) -> int:
    connection = _connect(store, create=False)
    try:
        return connection.execute("SELECT count(*) FROM geomap_documents").fetchone()[0]
    finally:
        connection.close()


# --------------------------------------------------------------------------- writing


def _write(connection: sqlite3.Connection, merger: Merger, known: int, collector: Collector,
           new_documents: list[tuple[str, str, str, str | None]]) -> tuple[list[Event], list[Mention]]:
    """Everything the update changes, inside the open transaction; the store's events and mentions."""
    run = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    connection.executemany("INSERT OR IGNORE INTO geomap_documents (doc_id, hash, source, published, run) "
                           "VALUES (?, ?, ?, ?, ?)", [(*doc, run) for doc in new_documents])
    # The groups' states before events() folds them; their ids after.
    dirty = {position: json.dumps(merger.group_state(position), ensure_ascii=False)
             for position in merger.dirty()}
    before = [merger.group_id(position) for position in range(len(merger))]
    events = merger.events() + collector.acled()
    connection.executemany(
        "INSERT OR REPLACE INTO geomap_groups (seq, event_id, state) VALUES (?, ?, ?)",
        [(position, merger.group_id(position), state) for position, state in dirty.items()])
    renamed = [(merger.group_id(p), p) for p in range(known)
               if p not in dirty and merger.group_id(p) != before[p]]
    connection.executemany("UPDATE geomap_groups SET event_id = ? WHERE seq = ?", renamed)
    for key in collector.changed_mentions:
        rank, mention = collector.mentioned[key]
        connection.execute("INSERT OR REPLACE INTO geomap_mentions (place_id, reason, rank, data) "
                           "VALUES (?, ?, ?, ?)", (*key, json.dumps(rank), json.dumps(mention.__dict__)))
    for event_id in collector.changed_acled:
        rank, event = collector.acled_events[event_id]
        connection.execute("INSERT OR REPLACE INTO geomap_acled (event_id, rank, data) VALUES (?, ?, ?)",
                           (event_id, rank, json.dumps(event.__dict__, ensure_ascii=False)))
    # The events as they are now: folding can change any of them, so all are written again.
    connection.execute("DELETE FROM geomap_events")
    connection.executemany("INSERT INTO geomap_events (position, event_id, data) VALUES (?, ?, ?)",
                           [(i, e.event_id, json.dumps(e.__dict__, ensure_ascii=False))
                            for i, e in enumerate(events)])
    mentions = collector.mentions()
    _write_layers(connection, events, mentions)
    return events, mentions


def _write_layers(connection: sqlite3.Connection, events: list[Event], mentions: list[Mention]) -> None:
    """The GIS layers, rewritten from the events (inside the transaction)."""
    for layer, rows in (("strikes", [e for e in events if e.origin != "acled"]),
                        ("acled", [e for e in events if e.origin == "acled"])):
        connection.execute(f"DELETE FROM {layer}")
        connection.executemany(
            f"INSERT INTO {layer} (geom, {', '.join(_GIS_FIELDS)}) VALUES (?{', ?' * len(_GIS_FIELDS)})",
            [(_point(e.lon, e.lat), *_gis_row(e)) for e in rows])
        _set_extent(connection, layer, [(e.lon, e.lat) for e in rows])
    connection.execute("DELETE FROM mentions")
    connection.executemany(
        f"INSERT INTO mentions (geom, {', '.join(_MENTION_FIELDS)}) VALUES (?{', ?' * len(_MENTION_FIELDS)})",
        [(_point(m.lon, m.lat), *(getattr(m, f) for f in _MENTION_FIELDS)) for m in mentions])
    _set_extent(connection, "mentions", [(m.lon, m.lat) for m in mentions])


def _gis_row(event: Event) -> tuple:
    row = []
    for name in _GIS_FIELDS:
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


# --------------------------------------------------------------------------- the file


def _connect(store: Path, *, create: bool) -> sqlite3.Connection:
    """A connection to the store (made when ``create`` and missing), in WAL mode, autocommit off."""
    exists = store.exists()
    if not exists and not create:
        raise StoreError(f"{store}: no such store")
    if exists and not is_store(store):
        raise StoreError(f"{store}: not a geomap store (a GeoPackage made by 'geomap run --store')")
    # isolation_level=None: transactions are begun and ended here, explicitly.
    connection = sqlite3.connect(store, isolation_level=None, timeout=60)
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = NORMAL")  # WAL: durable at each checkpoint, never corrupt
    if not exists:
        try:
            _create(connection)
        except BaseException:
            connection.close()
            store.unlink(missing_ok=True)
            raise
    else:
        version = connection.execute("SELECT value FROM geomap_store WHERE key = 'version'").fetchone()
        if version is None or int(version[0]) > VERSION:
            connection.close()
            raise StoreError(f"{store}: a store written by a newer geomap (layout {version and version[0]})")
    return connection


def _create(connection: sqlite3.Connection) -> None:
    """A new GeoPackage with the store's tables and empty layers, in one transaction."""
    # One script, begun inside it: executescript would commit a transaction begun before it.
    connection.executescript("""
        BEGIN;
        PRAGMA application_id = 1196444487;
        PRAGMA user_version = 10300;
        CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER NOT NULL PRIMARY KEY,
            organization TEXT NOT NULL, organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL,
            description TEXT);
        CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL,
            identifier TEXT UNIQUE, description TEXT DEFAULT '',
            last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
            min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER,
            CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));
        CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL,
            geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL,
            CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
            CONSTRAINT uk_gc_table_name UNIQUE (table_name),
            CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
            CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id));
        CREATE TABLE geomap_store (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE geomap_documents (doc_id TEXT NOT NULL, hash TEXT NOT NULL, source TEXT,
            published TEXT, run TEXT, PRIMARY KEY (doc_id, hash)) WITHOUT ROWID;
        CREATE TABLE geomap_groups (seq INTEGER PRIMARY KEY, event_id TEXT NOT NULL, state TEXT NOT NULL);
        CREATE TABLE geomap_events (position INTEGER PRIMARY KEY, event_id TEXT NOT NULL, data TEXT NOT NULL);
        CREATE TABLE geomap_mentions (place_id TEXT NOT NULL, reason TEXT NOT NULL, rank TEXT NOT NULL,
            data TEXT NOT NULL, PRIMARY KEY (place_id, reason)) WITHOUT ROWID;
        CREATE TABLE geomap_acled (event_id TEXT PRIMARY KEY, rank TEXT NOT NULL, data TEXT NOT NULL);
    """)
    connection.executemany("INSERT INTO gpkg_spatial_ref_sys VALUES (?, ?, ?, ?, ?, ?)", [
        ("Undefined cartesian SRS", -1, "NONE", -1, "undefined",
         "undefined cartesian coordinate reference system"),
        ("Undefined geographic SRS", 0, "NONE", 0, "undefined",
         "undefined geographic coordinate reference system"),
        ("WGS 84 geodetic", 4326, "EPSG", 4326, _WGS84_WKT,
         "longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid"),
    ])
    event_columns = ", ".join(f"{name} {_column_type(name)}" for name in _GIS_FIELDS)
    mention_columns = ", ".join(f"{name} TEXT" for name in _MENTION_FIELDS)
    for layer, columns, description in (
            ("strikes", event_columns, "strike events read from text"),
            ("acled", event_columns, "events of ACLED exports"),
            ("mentions", mention_columns, "places named but not struck, and why")):
        connection.execute(f"CREATE TABLE {layer} (fid INTEGER PRIMARY KEY AUTOINCREMENT, geom POINT, "
                           f"{columns})")
        connection.execute("INSERT INTO gpkg_contents (table_name, data_type, identifier, description, "
                           "srs_id) VALUES (?, 'features', ?, ?, 4326)", (layer, layer, description))
        connection.execute("INSERT INTO gpkg_geometry_columns VALUES (?, 'geom', 'POINT', 4326, 0, 0)",
                           (layer,))
    connection.executemany("INSERT INTO geomap_store VALUES (?, ?)",
                           [("format", FORMAT), ("version", str(VERSION))])
    connection.execute("COMMIT")


def _column_type(name: str) -> str:
    return {"event_date": "DATE", "confidence": "REAL"}.get(name, "TEXT")
