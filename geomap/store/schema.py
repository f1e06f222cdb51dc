"""The store's file: a GeoPackage with the store's own tables, created, opened and recognised here."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from .layers import EVENT_FIELDS, MENTION_FIELDS, column_type

#: What ``geomap_store.format`` says, and the layout version this code writes. Layout 1 kept
#: the events by output position only; layout 2 adds what an update needs to restore only the
#: events a day's reports can touch (place, date window, region, and where each group went).
FORMAT = "geomap-store"
VERSION = 2

#: The merge's groups: the state to restore, and what finding them by place, region and date needs.
GROUPS_TABLE = """CREATE TABLE geomap_groups (seq INTEGER PRIMARY KEY, event_id TEXT NOT NULL,
    state TEXT NOT NULL, place_id TEXT, bucket TEXT, lo INTEGER, hi INTEGER, country TEXT, admin1 TEXT,
    precision TEXT, namesakes TEXT, sure_lat REAL, sure_lon REAL, sure_day INTEGER, home INTEGER,
    settled TEXT)"""
_GROUPS_ADDED = ("place_id TEXT", "bucket TEXT", "lo INTEGER", "hi INTEGER", "country TEXT", "admin1 TEXT",
                 "precision TEXT", "namesakes TEXT", "sure_lat REAL", "sure_lon REAL", "sure_day INTEGER",
                 "home INTEGER", "settled TEXT")
#: The events as they are now, keyed by id, with the columns of the output order.
EVENTS_TABLE = """CREATE TABLE geomap_events (event_id TEXT PRIMARY KEY, kind INTEGER NOT NULL,
    undated INTEGER NOT NULL, event_date TEXT NOT NULL, place_name TEXT NOT NULL, seq INTEGER,
    data TEXT NOT NULL)"""
_INDEXES = """
    CREATE INDEX IF NOT EXISTS geomap_groups_place ON geomap_groups (place_id, lo);
    CREATE INDEX IF NOT EXISTS geomap_groups_bucket ON geomap_groups (place_id, bucket, seq);
    CREATE INDEX IF NOT EXISTS geomap_groups_admin1 ON geomap_groups (admin1, lo);
    CREATE INDEX IF NOT EXISTS geomap_groups_country ON geomap_groups (country, precision, lo);
    CREATE INDEX IF NOT EXISTS geomap_groups_home ON geomap_groups (home);
    CREATE INDEX IF NOT EXISTS geomap_groups_sure ON geomap_groups (sure_lat, sure_lon)
        WHERE sure_lat IS NOT NULL;
    CREATE INDEX IF NOT EXISTS geomap_events_order ON geomap_events (kind, undated, event_date, place_name,
        event_id);
    CREATE INDEX IF NOT EXISTS strikes_event_id ON strikes (event_id);
    CREATE INDEX IF NOT EXISTS acled_event_id ON acled (event_id);
    CREATE INDEX IF NOT EXISTS mentions_key ON mentions (place_id, reason);
"""

# EPSG:4326 as GDAL writes it into a GeoPackage.
_WGS84_WKT = (
    'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],'
    'AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",'
    '0.0174532925199433,AUTHORITY["EPSG","9122"]],AXIS["Latitude",NORTH],AXIS["Longitude",EAST],'
    'AUTHORITY["EPSG","4326"]]')


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



def connect(store: Path, *, create: bool) -> sqlite3.Connection:
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
    connection.executescript(f"""
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
        {GROUPS_TABLE};
        {EVENTS_TABLE};
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
    event_columns = ", ".join(f"{name} {column_type(name)}" for name in EVENT_FIELDS)
    mention_columns = ", ".join(f"{name} TEXT" for name in MENTION_FIELDS)
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
    for statement in _INDEXES.split(";"):
        if statement.strip():
            connection.execute(statement)
    connection.executemany("INSERT INTO geomap_store VALUES (?, ?)",
                           [("format", FORMAT), ("version", str(VERSION))])
    connection.execute("COMMIT")


def layout(connection: sqlite3.Connection) -> int:
    """The layout version of an open store."""
    return int(connection.execute("SELECT value FROM geomap_store WHERE key = 'version'").fetchone()[0])


def upgrade_layout(connection: sqlite3.Connection) -> None:
    """Bring a layout-1 store to this layout, inside the caller's transaction.

    The new columns are left empty: the caller rewrites every group and event (a full update).
    """
    for column in _GROUPS_ADDED:
        connection.execute(f"ALTER TABLE geomap_groups ADD COLUMN {column}")
    connection.execute("DROP TABLE geomap_events")
    connection.execute(EVENTS_TABLE)
    for statement in _INDEXES.split(";"):
        if statement.strip():
            connection.execute(statement)
    connection.execute("UPDATE geomap_store SET value = ? WHERE key = 'version'", (str(VERSION),))


