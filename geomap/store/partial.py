"""A partial update: merge a day's readings into the part of the store they can touch.

See :mod:`geomap.store.touched` for what that part is, and docs/scale.md for how it is
widened until nothing whose result changed is missing, and for the one case (guesses between
namesakes no reading joins) where the result can differ from a full update's.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..extract import Extraction
from ..merge import Merger
from ..model import Document, Event, Mention
from ..pipeline import Collector, Result
from . import touched
from .guesses import settle_changed
from .layers import replace_rows
from .tables import (
    delete_events,
    event_data,
    event_row,
    group_row,
    stored_acled,
    stored_event_data,
    stored_groups,
    stored_mention_ranks,
    write_acled,
    write_documents,
    write_events,
    write_groups,
    write_mentions,
)

if TYPE_CHECKING:
    from .update import Update

#: Rounds of widening the restored part before an update restores the whole store instead.
_ROUNDS = 4

#: A batch with more than one reading for this many stored groups gets a full update.
_BATCH = 4

#: One item read: a document and what was read in it, or an ACLED row.
Read = tuple[Document | Event, Extraction | None]


def collect(merger: Merger, read: list[Read], mentioned: dict, acled: dict) -> Collector:
    collector = Collector(merger, mentioned, acled)
    result = Result()
    for item, extraction in read:
        collector.add(item, extraction, result, None)
    return collector


def _readings(read: list[Read]) -> Iterator[Event]:
    for item, extraction in read:
        if isinstance(item, Document) and extraction is not None:
            yield from extraction.events


def partial_update(connection: sqlite3.Connection, read: list[Read],
                   new_documents: list[tuple[str, str, str, str | None]], update: Update) -> bool:
    """Merge the readings into the part of the store they can touch and write what changed.

    False (nothing written) when the part does not settle in :data:`_ROUNDS` rounds, or when
    the batch is large beside the store (more than one reading for :data:`_BATCH` groups).
    """
    readings = list(_readings(read))
    if len(readings) * _BATCH > next_seq_of(connection):
        return False  # a batch this large touches most of the store: restoring it all is cheaper
    seeds = [s for s in map(touched.seed_of, readings) if s is not None]
    if any(not s.admin1 and s.precision in ("town", "district") for s in seeds):
        return False  # a town outside any region folds with anything near it: not looked up by region
    places = [(e.place_id, *w) for e in readings if (w := _window(e)) is not None]
    places += [(other, *w) for e in readings if (w := _window(e)) is not None for other in e.namesakes]
    part = touched.twin_groups(connection, places)
    part |= touched.fold_partners(connection, seeds + touched.seeds_of(connection, part))
    mention_keys = {(m.place_id, m.reason) for item, extraction in read if extraction is not None
                    for m in extraction.mentions}
    acled_ids = {item.event_id for item, _ in read if isinstance(item, Event)}
    mentioned = stored_mention_ranks(connection, mention_keys)
    acled = stored_acled(connection, acled_ids)
    next_seq = next_seq_of(connection)
    stored_home: dict[int, int | None] = {}
    settled: dict[str, str] = {}
    for round_ in range(1, _ROUNDS + 1):
        part = _complete(connection, part)
        update.rounds, update.restored = round_, len(part)
        outcome = _merge_part(connection, part, read, readings, dict(mentioned), dict(acled), next_seq,
                              stored_home, settled)
        missing = touched.fold_partners(connection, outcome.seeds) - part
        if not missing:
            _write_part(connection, outcome, new_documents)
            return True
        part |= missing
    return False


def next_seq_of(connection: sqlite3.Connection) -> int:
    """The number the next new group gets (groups are numbered 0, 1, ... as they come)."""
    return connection.execute("SELECT coalesce(max(seq) + 1, 0) FROM geomap_groups").fetchone()[0]


def _window(event: Event) -> tuple[int, int] | None:
    seed = touched.seed_of(event)
    return (seed.lo, seed.hi) if seed else None


def _complete(connection: sqlite3.Connection, part: set[int]) -> set[int]:
    """The part with its housemates and the groups its guessed places may move to, until closed."""
    while True:
        grown = touched.with_housemates(connection, part)
        grown |= touched.twin_groups(connection, touched.namesake_places(connection, grown))
        if grown == part:
            return part
        part = grown


@dataclass
class _Outcome:
    """What merging into a part changed, to be written."""

    group_rows: list[tuple] = field(default_factory=list)  # new or changed states
    relinked: list[tuple[str, int, int]] = field(default_factory=list)  # (event_id, home, seq)
    events: list[Event] = field(default_factory=list)  # kept events new or changed
    seq_of: dict[str, int] = field(default_factory=dict)
    gone: set[str] = field(default_factory=set)  # ids of events kept no more
    seeds: list[touched.Seed] = field(default_factory=list)  # where something changed
    collector: Collector | None = None


def _merge_part(connection: sqlite3.Connection, part: set[int], read: list[Read], readings: list[Event],
                mentioned: dict, acled: dict, next_seq: int, stored_home: dict[int, int | None],
                settled: dict[str, str]) -> _Outcome:
    """Restore the part, merge the readings into it, and find what changed against the store."""
    stored_settled: dict[int, str | None] = {}
    listed = ", ".join(map(str, sorted(part)))
    for seq, home, place_id in connection.execute(
            f"SELECT seq, home, settled FROM geomap_groups WHERE seq IN ({listed})"):
        stored_home[seq], stored_settled[seq] = home, place_id
    groups = list(stored_groups(connection, part))
    seqs = [seq for seq, _, _ in groups]
    places = {state["event"]["place_id"] for _, _, state in groups} | {e.place_id for e in readings}
    places |= {other for e in readings for other in e.namesakes}
    places |= {other for _, _, state in groups for other in state["event"].get("namesakes") or ()}
    merger = Merger.restore(((event_id, state) for _, event_id, state in groups),
                            touched.skeleton(connection, places))
    # The ids the rest of the store uses: new events must not take them.
    merger.reserved_ids = {event_id for event_id, seq in connection.execute(
        "SELECT event_id, seq FROM geomap_events WHERE kind = 0") if seq not in part}
    collector = collect(merger, read, mentioned, acled)
    outcome = _Outcome(collector=collector)
    seq_at = seqs + list(range(next_seq, next_seq + len(merger) - len(seqs)))
    dirty = {p: merger.group_state(p) for p in merger.dirty()}
    settle_changed(connection, merger, seqs, dirty, stored_settled, settled)
    before = [event_id for _, event_id, _ in groups]
    events = merger.events()
    by_id = {e.event_id: e for e in events}
    old_kept = {before[p]: seq_at[p] for p in range(len(seqs)) if stored_home.get(seqs[p]) == seqs[p]}
    new_kept: dict[str, int] = {}
    for p, seq in enumerate(seq_at):
        home, event_id = seq_at[merger.home(p)], merger.group_id(p)
        if home == seq:
            new_kept[event_id] = seq
        if p in dirty:
            outcome.group_rows.append(group_row(seq, event_id, dirty[p], home, merger.place_id(p)))
            outcome.seeds.extend(s for s in [touched.seed_of(_event_of_state(dirty[p]))] if s)
        elif event_id != before[p] or home != stored_home.get(seq):
            outcome.relinked.append((event_id, home, seq))
            outcome.seeds.extend(touched.seeds_of(connection, [seq]))
    kept_before = stored_event_data(connection, new_kept)
    for event_id, seq in new_kept.items():
        event = by_id[event_id]
        if kept_before.get(event_id) != event_data(event):
            outcome.events.append(event)
            outcome.seq_of[event_id] = seq
            outcome.seeds.extend(s for s in [touched.seed_of(event)] if s)
    outcome.gone = set(old_kept) - set(new_kept)
    outcome.seeds.extend(touched.seeds_of(connection, [old_kept[i] for i in outcome.gone]))
    return outcome


def _event_of_state(state: dict) -> Event:
    event = Event.__new__(Event)
    event.__dict__.update(state["event"])
    return event


def _write_part(connection: sqlite3.Connection, outcome: _Outcome,
                new_documents: list[tuple[str, str, str, str | None]]) -> None:
    """Write what a partial update changed: groups, events, documents, mentions, ACLED rows, layers."""
    collector = outcome.collector
    assert collector is not None
    write_documents(connection, new_documents)
    write_groups(connection, outcome.group_rows)
    connection.executemany("UPDATE geomap_groups SET event_id = ?, home = ? WHERE seq = ?", outcome.relinked)
    delete_events(connection, outcome.gone)
    acled = [collector.acled_events[i][1] for i in sorted(collector.changed_acled)]
    write_events(connection, [event_row(e, outcome.seq_of[e.event_id]) for e in outcome.events]
                 + [event_row(e, None) for e in acled])
    write_mentions(connection, collector.mentioned, collector.changed_mentions)
    write_acled(connection, collector.acled_events, collector.changed_acled)
    mentions: list[Mention] = [collector.mentioned[key][1] for key in sorted(collector.changed_mentions)]
    replace_rows(connection, outcome.gone, outcome.events + acled, mentions)
