"""The store's own tables: what was read, the merge's groups, the events, mentions and ACLED rows."""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path

from .. import namesakes
from ..merge import date_window
from ..model import Event, Mention
from ..pipeline import MentionRank
from .schema import connect, layout


def read_store(path: str | os.PathLike[str]) -> tuple[list[Event], list[Mention]]:
    """The events and mentions a store holds now, in output order."""
    connection = connect(Path(path), create=False)
    try:
        return stored_events(connection), _stored_mentions(connection)
    finally:
        connection.close()


def count_documents(store: Path) -> int:
    """How many documents the store has read."""
    connection = connect(store, create=False)
    try:
        return connection.execute("SELECT count(*) FROM geomap_documents").fetchone()[0]
    finally:
        connection.close()


def count_events(connection: sqlite3.Connection) -> int:
    """How many strike events (read from text) the store holds."""
    if layout(connection) < 2:
        return len([e for e in stored_events(connection) if e.origin != "acled"])
    return connection.execute("SELECT count(*) FROM geomap_events WHERE kind = 0").fetchone()[0]


# --------------------------------------------------------------------------- groups


def stored_groups(connection: sqlite3.Connection, seqs: Iterable[int] | None = None
                  ) -> Iterator[tuple[int, str, dict]]:
    """The merged events kept (before folding), as ``(seq, event_id, group_state)``, in merge order.

    All of them, or those whose ``seq`` is in ``seqs``.
    """
    if seqs is None:
        rows: Iterable = connection.execute("SELECT seq, event_id, state FROM geomap_groups ORDER BY seq")
    else:
        rows = sorted(_select_in(connection, "SELECT seq, event_id, state FROM geomap_groups WHERE seq IN",
                                 sorted(seqs)))
    for seq, event_id, state in rows:
        yield seq, event_id, json.loads(state)


def stored_group_rows(connection: sqlite3.Connection, seqs: list[int]) -> list[tuple]:
    """``(seq, event_id, state (JSON text), home, settled, bucket (JSON text))`` of the groups
    ``seqs``, in no order."""
    query = "SELECT seq, event_id, state, home, settled, bucket FROM geomap_groups WHERE seq IN"
    return _select_in(connection, query, seqs)


def group_row(seq: int, event_id: str, state: dict, home: int, settled: str | None) -> tuple:
    """A row of ``geomap_groups`` for the state of one group: what restoring and finding it need.

    ``home`` is the group it went into (its own seq when kept); ``settled`` the place a group
    placed on a guess stands on after the namesakes were settled.
    """
    event = _event_of(state["event"])
    window = date_window(event)
    sure = namesakes.sure_points([event])
    lat, lon, day = sure[0] if sure else (None, None, None)
    return (seq, event_id, json.dumps(state, ensure_ascii=False), event.place_id, json.dumps(state["bucket"]),
            window[0] if window else None, window[1] if window else None, event.country, event.admin1,
            event.geo_precision, " ".join(event.namesakes), lat, lon, day, home,
            settled if event.namesakes else None)


def write_groups(connection: sqlite3.Connection, rows: Iterable[tuple]) -> None:
    """Insert or replace ``geomap_groups`` rows made by :func:`group_row`."""
    connection.executemany(
        "INSERT OR REPLACE INTO geomap_groups (seq, event_id, state, place_id, bucket, lo, hi, country, "
        "admin1, precision, namesakes, sure_lat, sure_lon, sure_day, home, settled) "
        f"VALUES ({', '.join('?' * 16)})",
        rows)


# --------------------------------------------------------------------------- events


def stored_events(connection: sqlite3.Connection) -> list[Event]:
    """Every event the store holds, in output order (strike events by date, then ACLED rows)."""
    if layout(connection) < 2:
        order = "SELECT data FROM geomap_events ORDER BY position"
    else:
        order = "SELECT data FROM geomap_events ORDER BY kind, undated, event_date, place_name, event_id"
    return [_event_of(json.loads(data)) for (data,) in connection.execute(order)]


def event_data(event: Event) -> dict:
    """An event as the JSON-ready data the store keeps (compared with what it kept, and written)."""
    return json.loads(json.dumps(event.__dict__, ensure_ascii=False))


def event_row(event: Event, seq: int | None, text: str | None = None) -> tuple:
    """A row of ``geomap_events``: its id, the columns of the output order, the group it is, its data
    (``text``, when given, is that data as JSON already)."""
    return (event.event_id, 1 if event.origin == "acled" else 0, event.event_date is None,
            event.event_date or "", event.place_name, seq,
            json.dumps(event.__dict__, ensure_ascii=False) if text is None else text)


def write_events(connection: sqlite3.Connection, rows: Iterable[tuple]) -> None:
    """Insert or replace ``geomap_events`` rows made by :func:`event_row`."""
    connection.executemany("INSERT OR REPLACE INTO geomap_events (event_id, kind, undated, event_date, "
                           "place_name, seq, data) VALUES (?, ?, ?, ?, ?, ?, ?)", rows)


def stored_event_data(connection: sqlite3.Connection, event_ids: Iterable[str]) -> dict[str, dict]:
    """The kept data of the events with these ids, by id."""
    return {event_id: json.loads(data) for event_id, data in _select_in(
        connection, "SELECT event_id, data FROM geomap_events WHERE event_id IN", sorted(set(event_ids)))}


def stored_event_texts(connection: sqlite3.Connection, event_ids: Iterable[str]) -> dict[str, str]:
    """The kept data of the events with these ids, as stored (JSON text), by id."""
    return dict(_select_in(connection, "SELECT event_id, data FROM geomap_events WHERE event_id IN",
                           sorted(set(event_ids))))


def delete_events(connection: sqlite3.Connection, event_ids: Iterable[str]) -> None:
    """Remove the events with these ids from ``geomap_events``."""
    connection.executemany("DELETE FROM geomap_events WHERE event_id = ?", [(i,) for i in event_ids])


# --------------------------------------------------------------------------- mentions, ACLED, documents


def stored_mention_ranks(connection: sqlite3.Connection, keys: Iterable[tuple[str, str]] | None = None
                         ) -> dict[tuple[str, str], tuple[MentionRank, Mention]]:
    """The earliest mention per (place id, reason), with its rank: all, or those of ``keys``."""
    if keys is None:
        rows: Iterable = connection.execute("SELECT place_id, reason, rank, data FROM geomap_mentions")
    else:
        rows = [row for key in set(keys) for row in connection.execute(
            "SELECT place_id, reason, rank, data FROM geomap_mentions WHERE place_id = ? AND reason = ?",
            key)]
    return {(place_id, reason): (tuple(json.loads(rank)), Mention(**json.loads(data)))
            for place_id, reason, rank, data in rows}


def write_mentions(connection: sqlite3.Connection,
                   mentioned: dict[tuple[str, str], tuple[MentionRank, Mention]],
                   keys: Iterable[tuple[str, str]]) -> None:
    """Insert or replace the mentions of ``keys``."""
    connection.executemany("INSERT OR REPLACE INTO geomap_mentions (place_id, reason, rank, data) "
                           "VALUES (?, ?, ?, ?)", [(*key, json.dumps(mentioned[key][0]),
                                                   json.dumps(mentioned[key][1].__dict__)) for key in keys])


def _stored_mentions(connection: sqlite3.Connection) -> list[Mention]:
    ranked = stored_mention_ranks(connection)
    return [mention for _, mention in sorted(ranked.values(), key=lambda found: (
        found[0], found[1].place_id, found[1].reason))]


def stored_acled(connection: sqlite3.Connection, event_ids: Iterable[str] | None = None
                 ) -> dict[str, tuple[str, Event]]:
    """The ACLED rows kept, by ACLED event id, each with its rank: all, or those of ``event_ids``."""
    if event_ids is None:
        rows: Iterable = connection.execute("SELECT event_id, rank, data FROM geomap_acled")
    else:
        rows = _select_in(connection, "SELECT event_id, rank, data FROM geomap_acled WHERE event_id IN",
                          sorted(set(event_ids)))
    return {event_id: (rank, _event_of(json.loads(data))) for event_id, rank, data in rows}


def write_acled(connection: sqlite3.Connection, acled: dict[str, tuple[str, Event]], event_ids: Iterable[str]
                ) -> None:
    """Insert or replace the ACLED rows of ``event_ids``."""
    connection.executemany("INSERT OR REPLACE INTO geomap_acled (event_id, rank, data) VALUES (?, ?, ?)",
                           [(i, acled[i][0], json.dumps(acled[i][1].__dict__, ensure_ascii=False))
                            for i in event_ids])


def write_documents(connection: sqlite3.Connection,
                    documents: list[tuple[str, str, str, str | None]]) -> None:
    """Record the documents read by this update (id, hash, source, publication), with the time of the run."""
    run = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    connection.executemany("INSERT OR IGNORE INTO geomap_documents (doc_id, hash, source, published, run) "
                           "VALUES (?, ?, ?, ?, ?)", [(*doc, run) for doc in documents])


# --------------------------------------------------------------------------- helpers


def _event_of(data: dict) -> Event:
    event = Event.__new__(Event)
    event.__dict__.update(data)
    return event


def _select_in(connection: sqlite3.Connection, query: str, values: list) -> list:
    """``query (?, ?, ...)`` over ``values``, in chunks below SQLite's limit on parameters."""
    found = []
    for start in range(0, len(values), 900):
        chunk = values[start:start + 900]
        found.extend(connection.execute(f"{query} ({', '.join('?' * len(chunk))})", chunk))
    return found
