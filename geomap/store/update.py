"""An update of the store: read the documents it has not seen, merge them in, commit once.

An update first reads the new documents, then restores only the part of the store their
readings can touch (:mod:`geomap.store.touched`), merges them into it, and writes back the
groups and events that changed, all in one transaction. It restores the whole store instead
(a *full* update, as exact but linear in the store's size) when the store is new or of an
older layout, when a document it has read is read again with a changed text, or when the
part to restore does not settle within a few rounds.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .. import namesakes, settings
from ..extract import Extraction, default_extractor
from ..gazetteer import Gazetteer, default_gazetteer
from ..merge import Merger
from ..model import Document, Event, Mention, ReadProblem
from ..parallel import extractions
from ..pipeline import Collector, Progress, Result, write_outputs
from ..read import iter_documents
from . import touched
from .layers import replace_rows, write_layers
from .schema import VERSION, StoreError, connect, layout, upgrade_layout
from .tables import (
    count_documents,
    count_events,
    delete_events,
    event_data,
    event_row,
    group_row,
    read_store,
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

#: Set by tests only: seconds to wait inside the update's transaction before committing, so that
#: a test can kill a real update at the point where it has written everything but the commit.
_HOLD_ENV = "GEOMAP_STORE_HOLD_BEFORE_COMMIT"
#: Rounds of widening the restored part before an update restores the whole store instead.
_ROUNDS = 4

_Read = tuple[Document | Event, Extraction | None]


@dataclass
class Update:
    """What a store update did: documents read and skipped, and the store's contents after it.

    ``events`` are read from the store when first asked for (unless the outputs were written,
    which needed them): an update need not hold the whole store in memory.
    """

    read: int = 0
    skipped: int = 0
    documents: int = 0
    mentions: int = 0
    #: Strike events (read from text) the store holds after the update.
    event_count: int = 0
    problems: list[ReadProblem] = field(default_factory=list)
    outputs: dict[str, Path] = field(default_factory=dict)
    #: Whether the whole store was restored (see the module's docstring); how many groups were.
    full: bool = False
    restored: int = 0
    rounds: int = 0
    store: Path | None = None
    _events: list[Event] | None = None

    @property
    def events(self) -> list[Event]:
        """The events the store holds after the update, in output order."""
        if self._events is None:
            self._events = read_store(self.store)[0] if self.store is not None else []
        return self._events


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
    full: bool = False,
) -> Update:
    """Read the documents of ``inputs`` the store has not seen, merge them in, commit, write the outputs.

    The store is created when ``path`` does not exist. The outputs (map and layers, as
    :func:`geomap.pipeline.write_outputs` writes them) are written from the whole store
    into ``outdir`` after the commit; ``outdir=None`` writes none. Only one update at a
    time: a second one waits up to a minute, then fails with :class:`StoreError`.
    ``full`` restores the whole store whatever the day touches (the reference the partial
    update is compared with).
    """
    store = Path(path)
    connection = connect(store, create=True)
    update = Update(store=store)
    try:
        try:
            # The write lock for the whole update: readers still see the last committed state.
            connection.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise StoreError(f"{store}: another run is updating this store ({exc})") from None
        new_documents: list[tuple[str, str, str, str | None]] = []
        reread = [False]
        items = _unseen(iter_documents(inputs, default_date=date), connection, new_documents, update, reread)
        read: list[_Read] = []
        with Progress(inputs if progress else None) as bar:
            for item, extraction in extractions(items, jobs=jobs, extractor=default_extractor(gazetteer)):
                bar.update(item, extraction)
                if isinstance(item, ReadProblem):
                    update.problems.append(item)
                    if on_problem is not None:
                        on_problem(item)
                else:
                    update.read += isinstance(item, Document)
                    read.append((item, extraction))
        if layout(connection) < VERSION:  # a store of an older layout is brought up to date at once
            upgrade_layout(connection)
            _full(connection, read, new_documents, update)
        elif read:
            empty = connection.execute("SELECT 1 FROM geomap_groups LIMIT 1").fetchone() is None
            if full or empty or reread[0] or not _partial(connection, read, new_documents, update):
                _full(connection, read, new_documents, update)
        hold = os.environ.get(_HOLD_ENV)
        if hold:
            print(f"geomap: store: holding the transaction open for {hold} s ({_HOLD_ENV})",
                  file=sys.stderr, flush=True)
            time.sleep(float(hold))
        update.event_count = count_events(connection)
        anything = connection.execute("SELECT 1 FROM geomap_events LIMIT 1").fetchone() is not None
        update.mentions = connection.execute("SELECT count(*) FROM geomap_mentions").fetchone()[0]
        connection.execute("COMMIT")
    except BaseException:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        raise
    finally:
        connection.close()
    update.documents = count_documents(store)
    if outdir is not None and (update.documents or anything):
        events, mentions = read_store(store)
        update._events = events
        update.outputs = write_outputs(Result(events=events, mentions=mentions, documents=update.documents),
                                       outdir, name)
    return update


# --------------------------------------------------------------------------- reading


def _unseen(items: Iterable[Document | Event | ReadProblem], connection: sqlite3.Connection,
            new_documents: list[tuple[str, str, str, str | None]], update: Update, reread: list[bool]
            ) -> Iterator[Document | Event | ReadProblem]:
    """The items, less the documents the store (or this run) has read already.

    ``reread[0]`` is set when a document the store has read comes again with another text.
    """
    this_run: set[tuple[str, str]] = set()
    for item in items:
        if isinstance(item, Document):
            digest = text_hash(item.text)
            key = (item.doc_id, digest)
            if key in this_run or connection.execute(
                    "SELECT 1 FROM geomap_documents WHERE doc_id = ? AND hash = ?", key).fetchone():
                update.skipped += 1
                continue
            if connection.execute("SELECT 1 FROM geomap_documents WHERE doc_id = ?",
                                  (item.doc_id,)).fetchone():
                reread[0] = True  # its old readings and the new ones share a document: a full update
            this_run.add(key)
            new_documents.append((item.doc_id, digest, item.source, item.published))
        yield item


def text_hash(text: str) -> str:
    """The content hash a store keeps of a document (SHA-256 of its text, hex)."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _collect(merger: Merger, read: list[_Read], mentioned: dict, acled: dict) -> Collector:
    collector = Collector(merger, mentioned, acled)
    result = Result()
    for item, extraction in read:
        collector.add(item, extraction, result, None)
    return collector


def _readings(read: list[_Read]) -> Iterator[Event]:
    for item, extraction in read:
        if isinstance(item, Document) and extraction is not None:
            yield from extraction.events


# --------------------------------------------------------------------------- a full update


def _full(connection: sqlite3.Connection, read: list[_Read],
          new_documents: list[tuple[str, str, str, str | None]], update: Update) -> None:
    """Restore every stored group, merge, and rewrite every group, event and layer row."""
    update.full = True
    groups = list(stored_groups(connection))
    update.restored = len(groups)
    states = {seq: (event_id, state) for seq, event_id, state in groups}
    merger = Merger.restore((event_id, state) for _, event_id, state in groups)
    collector = _collect(merger, read, stored_mention_ranks(connection), stored_acled(connection))
    # Restored in order, position p is the group numbered p (groups are numbered as they come).
    dirty = {p: merger.group_state(p) for p in merger.dirty()}
    events = merger.events()
    rows = []
    for p in range(len(merger)):
        state = dirty[p] if p in dirty else states[p][1]
        rows.append(group_row(p, merger.group_id(p), state, merger.home(p), merger.place_id(p)))
    write_groups(connection, rows)
    acled = collector.acled()
    connection.execute("DELETE FROM geomap_events")
    seq_of = {merger.group_id(p): p for p in range(len(merger)) if merger.home(p) == p}
    write_events(connection, [event_row(e, seq_of.get(e.event_id)) for e in events]
                 + [event_row(e, None) for e in acled])
    write_documents(connection, new_documents)
    write_mentions(connection, collector.mentioned, collector.changed_mentions)
    write_acled(connection, collector.acled_events, collector.changed_acled)
    write_layers(connection, events + acled, collector.mentions())


# --------------------------------------------------------------------------- a partial update


def _partial(connection: sqlite3.Connection, read: list[_Read],
             new_documents: list[tuple[str, str, str, str | None]], update: Update) -> bool:
    """Merge the readings into the part of the store they can touch and write what changed.

    False (nothing written) when the part does not settle in :data:`_ROUNDS` rounds.
    """
    readings = list(_readings(read))
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
    next_seq = connection.execute("SELECT coalesce(max(seq) + 1, 0) FROM geomap_groups").fetchone()[0]
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


def _merge_part(connection: sqlite3.Connection, part: set[int], read: list[_Read], readings: list[Event],
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
    collector = _collect(merger, read, mentioned, acled)
    outcome = _Outcome(collector=collector)
    seq_at = seqs + list(range(next_seq, next_seq + len(merger) - len(seqs)))
    dirty = {p: merger.group_state(p) for p in merger.dirty()}
    _settle_guesses(connection, merger, seqs, dirty, stored_settled, settled)
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


def _settle_guesses(connection: sqlite3.Connection, merger: Merger, seqs: list[int], dirty: dict[int, dict],
                    stored_settled: dict[int, str | None], known: dict[str, str]) -> None:
    """Tell the merger where each of its guesses between namesakes stands.

    A restored guess no reading joined stands where the store says it was settled. A new or
    changed one is settled as a full update would settle it, by the sure points of the whole
    store (those within reach of its namesakes: the others cannot count, see geomap.namesakes).
    ``known`` keeps those found in an earlier round of the same update (the same readings make
    the same groups, whatever else is restored), by the group's state.
    """
    gazetteer = default_gazetteer()
    for p, seq in enumerate(seqs):
        if p not in dirty and stored_settled.get(seq):
            merger.settled[p] = stored_settled[seq]
    # The sure points of the groups the readings changed are as they are now, not as stored.
    changed = [point for state in dirty.values() for point in namesakes.sure_points([_event_of_state(state)])]
    stale = {seqs[p] for p in dirty if p < len(seqs)}
    for p, state in dirty.items():
        event = _event_of_state(state)
        if not event.namesakes:
            continue
        key = json.dumps(state["event"], sort_keys=True)
        if key in known:
            merger.settled[p] = known[key]
            continue
        candidates = [gazetteer.get(i) for i in (event.place_id, *event.namesakes)]
        if candidates[0] is None:
            continue
        candidates = [c for c in candidates if c is not None]
        stored = touched.sure_points_near(connection, [(c.lat, c.lon) for c in candidates])
        anchors = changed + [point for seq, point in stored.items() if seq not in stale]
        moves = namesakes.settle([(event, candidates)], anchors)
        merger.settled[p] = known[key] = moves[0][1].id if moves else event.place_id


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
