"""The store's own tables: what was read, the merge's groups, the events, mentions and ACLED rows."""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from ..merge import Merger
from ..model import Event, Mention
from ..pipeline import Collector, MentionRank
from .layers import write_layers
from .schema import connect


def read_store(path: str | os.PathLike[str]) -> tuple[list[Event], list[Mention]]:
    """The events and mentions a store holds now, in output order."""
    connection = connect(Path(path), create=False)
    try:
        return _stored_events(connection), _stored_mentions(connection)
    finally:
        connection.close()


def stored_groups(connection: sqlite3.Connection) -> Iterator[tuple[str, dict]]:
    """Every merged event kept (before folding), as ``(event_id, group_state)``, in merge order."""
    for event_id, state in connection.execute("SELECT event_id, state FROM geomap_groups ORDER BY seq"):
        yield event_id, json.loads(state)


def stored_mention_ranks(
        connection: sqlite3.Connection) -> dict[tuple[str, str], tuple[MentionRank, Mention]]:
    """The earliest mention per (place id, reason), with its rank."""
    found = {}
    for place_id, reason, rank, data in connection.execute(
            "SELECT place_id, reason, rank, data FROM geomap_mentions"):
        found[(place_id, reason)] = (tuple(json.loads(rank)), Mention(**json.loads(data)))
    return found


def _stored_mentions(connection: sqlite3.Connection) -> list[Mention]:
    ranked = stored_mention_ranks(connection)
    return [mention for _, mention in sorted(ranked.values(), key=lambda found: (
        found[0], found[1].place_id, found[1].reason))]


def stored_acled(connection: sqlite3.Connection) -> dict[str, tuple[str, Event]]:
    """The ACLED rows kept, by ACLED event id, each with its rank."""
    return {event_id: (rank, _event_of(json.loads(data))) for event_id, rank, data in connection.execute(
        "SELECT event_id, rank, data FROM geomap_acled")}


def _stored_events(connection: sqlite3.Connection) -> list[Event]:
    return [_event_of(json.loads(data)) for (data,) in connection.execute(
        "SELECT data FROM geomap_events ORDER BY position")]


def _event_of(data: dict) -> Event:
    event = Event.__new__(Event)
    event.__dict__.update(data)
    return event


def count_documents(store: Path) -> int:
    """How many documents the store has read."""
    connection = connect(store, create=False)
    try:
        return connection.execute("SELECT count(*) FROM geomap_documents").fetchone()[0]
    finally:
        connection.close()



def write_update(connection: sqlite3.Connection, merger: Merger, known: int, collector: Collector,
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
    write_layers(connection, events, mentions)
    return events, mentions

