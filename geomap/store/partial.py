"""A partial update: merge a day's readings into the part of the store they can touch.

See :mod:`geomap.store.touched` for what that part is, and docs/scale.md for how it is
widened until nothing whose result changed is missing.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .. import namesakes
from ..extract import Extraction
from ..merge import Merger
from ..merge.books import _Book, _book_from_state, _PendingBook
from ..model import Document, Event, Mention
from ..pipeline import Collector, Result
from . import touched
from .guesses import guesses_moved_by, moved_by_changes, settle_changed
from .layers import replace_rows
from .tables import (
    delete_events,
    event_row,
    group_row,
    stored_acled,
    stored_event_texts,
    stored_group_rows,
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

#: How a stored group's state (JSON text) begins, and what comes between its event and its book.
_EVENT_AT, _BOOK_AT = '{"event": ', ', "book": '
_DECODER = json.JSONDecoder()

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
    part |= guesses_moved_by(connection, namesakes.sure_points(readings))
    part |= touched.fold_partners(connection, set(seeds + touched.seeds_of(connection, part)))
    mention_keys = {(m.place_id, m.reason) for item, extraction in read if extraction is not None
                    for m in extraction.mentions}
    acled_ids = {item.event_id for item, _ in read if isinstance(item, Event)}
    mentioned = stored_mention_ranks(connection, mention_keys)
    acled = stored_acled(connection, acled_ids)
    next_seq = next_seq_of(connection)
    looked_up = _LookedUp(connection)
    for round_ in range(1, _ROUNDS + 1):
        part = _complete(looked_up, part)
        update.rounds, update.restored = round_, len(part)
        outcome = _merge_part(looked_up, part, read, readings, dict(mentioned), dict(acled), next_seq)
        missing = touched.fold_partners(connection, set(outcome.seeds)) - part
        if not missing:
            _write_part(connection, outcome, new_documents)
            return True
        # One step ahead: what the missing groups (and their housemates) could fold with comes
        # too. A group restored that a round shows unchanged changes nothing, and each round
        # merges the whole part again, so fewer rounds over a slightly larger part cost less.
        part |= missing | touched.fold_partners(connection, set(touched.seeds_of(
            connection, touched.with_housemates(connection, missing))))
    return False


def next_seq_of(connection: sqlite3.Connection) -> int:
    """The number the next new group gets (groups are numbered 0, 1, ... as they come)."""
    return connection.execute("SELECT coalesce(max(seq) + 1, 0) FROM geomap_groups").fetchone()[0]


def _window(event: Event) -> tuple[int, int] | None:
    seed = touched.seed_of(event)
    return (seed.lo, seed.hi) if seed else None


class _LookedUp:
    """What an update has read of the store, kept across its rounds (each round restores a part
    that holds the last one's, so most of it would be read and parsed again)."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection
        #: seq -> (event_id, group state, home, settled place) as stored
        self.groups: dict[int, tuple[str, dict, int | None, str | None]] = {}
        #: seq -> the group's book, parsed once when first needed (each round's merger copies it
        #: before changing it: see _restorable)
        self.books: dict[int, _Book | _PendingBook] = {}
        #: place id -> the (first seq, place id, bucket) of each of its buckets (touched.skeleton)
        self.buckets: dict[str, list[tuple[int, str, int | str | None]]] = {}
        #: the (event id, seq) of every stored strike event (read once: the ids new events avoid)
        self.event_seqs: list[tuple[str, int | None]] | None = None
        self.ids: set[str] | None = None  # the ids of event_seqs
        #: event id -> the data the store keeps of it, as stored (JSON text)
        self.event_texts: dict[str, str] = {}
        #: the groups whose housemates and namesakes' groups are in the part already
        self.closed: set[int] = set()
        #: the settling of guesses between namesakes (geomap.store.guesses.settle_changed)
        self.settled: dict[str, str] = {}
        self.cells: dict[tuple[int, int], dict] = {}  # the stored sure points, by grid cell

    def groups_of(self, seqs: Iterable[int]) -> list[tuple[int, str, dict, int | None, str | None]]:
        """``(seq, event_id, state, home, settled)`` of the groups ``seqs``, in merge order."""
        wanted = sorted(seqs)
        missing = [seq for seq in wanted if seq not in self.groups]
        buckets: dict[str, int | str | None] = {}
        for seq, event_id, text, home, settled, bucket in stored_group_rows(self.connection, missing):
            # A state is written {"event": ..., "book": ..., "bucket": ...} (Merger.group_state): its
            # event is parsed now, its book when the merge first asks for it (most never are), its
            # bucket is the row's.
            if text.startswith(_EVENT_AT):
                event, end = _DECODER.raw_decode(text, len(_EVENT_AT))
                if text.startswith(_BOOK_AT, end):
                    if bucket not in buckets:
                        buckets[bucket] = json.loads(bucket)
                    self.groups[seq] = (event_id, {"event": event, "bucket": buckets[bucket]}, home, settled)
                    self.books[seq] = _PendingBook(text, end + len(_BOOK_AT))
                    continue
            state = json.loads(text)
            self.groups[seq] = (event_id, state, home, settled)
            self.books[seq] = _book_from_state(state["book"])
        return [(seq, *self.groups[seq]) for seq in wanted]

    def skeleton(self, places: Iterable[str]) -> list[tuple[str, int | str | None]]:
        """:func:`geomap.store.touched.skeleton`, each place looked up once."""
        places = set(places)
        missing = sorted(places - set(self.buckets))
        for place in missing:
            self.buckets[place] = []
        for first, place, bucket in touched.skeleton_rows(self.connection, missing):
            self.buckets[place].append((first, place, bucket))
        # Each (place, bucket) has its own first seq: sorting by it is the whole merger's order.
        rows = sorted((row for place in places for row in self.buckets[place]), key=lambda row: row[0])
        return [(place, bucket) for _, place, bucket in rows]

    def reserved_ids(self, part: set[int]) -> set[str]:
        """The ids of the stored events that are not restored: new events must not take them."""
        if self.event_seqs is None:
            self.event_seqs = list(self.connection.execute(
                "SELECT event_id, seq FROM geomap_events WHERE kind = 0"))
        return {event_id for event_id, seq in self.event_seqs if seq not in part}

    def stored_ids(self) -> set[str]:
        """The ids of every stored strike event (after :meth:`reserved_ids` has read them)."""
        if self.ids is None:
            self.ids = {event_id for event_id, _ in self.event_seqs or ()}
        return self.ids

    def event_texts_of(self, event_ids: Iterable[str]) -> dict[str, str]:
        """The stored data (JSON text) of the events with these ids, by id."""
        missing = [i for i in event_ids if i not in self.event_texts]
        self.event_texts.update(stored_event_texts(self.connection, missing))
        return self.event_texts


def _complete(looked_up: _LookedUp, part: set[int]) -> set[int]:
    """The part with its housemates and the groups its guessed places may move to, until closed.

    Both are found group by group, so only the groups not closed yet (in an earlier round or
    call) are asked about.
    """
    connection = looked_up.connection
    part = set(part)
    frontier = part - looked_up.closed
    while frontier:
        looked_up.closed |= frontier
        grown = touched.with_housemates(connection, frontier)
        grown |= touched.twin_groups(connection, touched.namesake_places(connection, grown))
        part |= grown
        frontier = grown - looked_up.closed
    return part


@dataclass
class _Outcome:
    """What merging into a part changed, to be written."""

    #: new or changed states, as group_row's arguments (made into rows only by the round that writes)
    group_rows: list[tuple[int, str, dict, int, str]] = field(default_factory=list)
    relinked: list[tuple[str, int, int]] = field(default_factory=list)  # (event_id, home, seq)
    events: list[Event] = field(default_factory=list)  # kept events new or changed
    seq_of: dict[str, int] = field(default_factory=dict)
    gone: set[str] = field(default_factory=set)  # ids of events kept no more
    seeds: list[touched.Seed] = field(default_factory=list)  # where something changed
    collector: Collector | None = None


def _merge_part(looked_up: _LookedUp, part: set[int], read: list[Read], readings: list[Event],
                mentioned: dict, acled: dict, next_seq: int) -> _Outcome:
    """Restore the part, merge the readings into it, and find what changed against the store."""
    connection = looked_up.connection
    groups = looked_up.groups_of(part)
    stored_home = {seq: home for seq, _, _, home, _ in groups}
    stored_settled = {seq: settled for seq, _, _, _, settled in groups}
    seqs = [seq for seq, *_ in groups]
    places = {state["event"]["place_id"] for _, _, state, _, _ in groups} | {e.place_id for e in readings}
    places |= {other for e in readings for other in e.namesakes}
    places |= {other for _, _, state, _, _ in groups for other in state["event"].get("namesakes") or ()}
    merger = Merger.restore(_restorable(looked_up, groups), looked_up.skeleton(places))
    merger.reserved_ids = looked_up.reserved_ids(part)
    collector = collect(merger, read, mentioned, acled)
    outcome = _Outcome(collector=collector)
    seq_at = seqs + list(range(next_seq, next_seq + len(merger) - len(seqs)))
    dirty = {p: merger.group_state(p) for p in merger.dirty()}
    for p in moved_by_changes([state for _, _, state, _, _ in groups], dirty):
        dirty[p] = merger.group_state(p)
    settle_changed(connection, merger, seqs, dirty, stored_settled, looked_up.settled, looked_up.cells)
    before = [event_id for _, event_id, *_ in groups]
    events = merger.events(settle=False)  # only the events compared below are settled
    by_id = {e.event_id: e for e in events}
    old_kept = {before[p]: seq_at[p] for p in range(len(seqs)) if stored_home.get(seqs[p]) == seqs[p]}
    new_kept: dict[str, int] = {}
    # The kept events a changed group went into or left: only these can differ from the store.
    stirred: set[int | None] = set()
    for p, seq in enumerate(seq_at):
        home, event_id = seq_at[merger.home(p)], merger.group_id(p)
        if home == seq:
            new_kept[event_id] = seq
        if p in dirty:
            outcome.group_rows.append((seq, event_id, dirty[p], home, merger.place_id(p)))
            outcome.seeds.extend(s for s in [touched.seed_of(_event_of_state(dirty[p]))] if s)
            stirred |= {home, stored_home.get(seq)}
        elif event_id != before[p] or home != stored_home.get(seq):
            outcome.relinked.append((event_id, home, seq))
            outcome.seeds.extend(touched.seeds_of(connection, [seq]))
            stirred |= {home, stored_home.get(seq)}
    # A kept event none of whose groups changed, came or left holds the same groups, each as
    # stored and settled where it was, folded in the same order and under the same id: the
    # event the store keeps. Only the others are compared with it (as JSON, which costs).
    stored_ids = looked_up.stored_ids()
    unchanged = {event_id for event_id, seq in new_kept.items()
                 if seq not in stirred and stored_home.get(seq) == seq and event_id in stored_ids}
    kept_before = looked_up.event_texts_of(i for i in new_kept if i not in unchanged)
    for event_id, seq in new_kept.items():
        if event_id in unchanged:
            continue
        event = merger.settle(by_id[event_id])
        if _changed(event, kept_before.get(event_id)):
            outcome.events.append(event)
            outcome.seq_of[event_id] = seq
            outcome.seeds.extend(s for s in [touched.seed_of(event)] if s)
    outcome.gone = set(old_kept) - set(new_kept)
    outcome.seeds.extend(touched.seeds_of(connection, [old_kept[i] for i in outcome.gone]))
    return outcome


def _restorable(looked_up: _LookedUp, groups: list[tuple[int, str, dict, int | None, str | None]]
                ) -> Iterator[tuple[str, dict]]:
    """The ``(event_id, state)`` pairs a round's merger restores the part from.

    The states are kept for later rounds, and restoring leaves them as they are: the merger
    copies the event's fields and the book parsed once (:attr:`_LookedUp.books`), and the merge
    gives an event new lists, never changes one in place. (:func:`_restorable_plain` is the
    plain way, each state's lists copied and its book parsed again: the tests compare the two.)
    """
    books = looked_up.books
    for seq, event_id, state, _, _ in groups:
        yield event_id, {"event": state["event"], "book": books[seq], "bucket": state["bucket"]}


def _restorable_plain(looked_up: _LookedUp, groups: list[tuple[int, str, dict, int | None, str | None]]
                      ) -> Iterator[tuple[str, dict]]:
    """:func:`_restorable` the plain way: each state's lists copied, its book parsed from the stored text."""
    for seq, event_id, state, _, _ in groups:
        event = {k: list(v) if isinstance(v, list) else v for k, v in state["event"].items()}
        book = looked_up.books[seq]
        if isinstance(book, _PendingBook):
            stored = _DECODER.raw_decode(book.text, book.start)[0]
        else:
            stored = state["book"]
        yield event_id, {"event": event, "book": stored, "bucket": state["bucket"]}


def _changed(event: Event, stored: str | None) -> bool:
    """Whether the event differs from the data the store keeps of it (JSON text; None: not kept).

    The same text is the same data; another text may still be (keys in another order), so it
    is compared as data, as the store would read it back.
    """
    if stored is None:
        return True
    text = json.dumps(event.__dict__, ensure_ascii=False)
    return text != stored and json.loads(text) != json.loads(stored)


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
    write_groups(connection, [group_row(*args) for args in outcome.group_rows])
    connection.executemany("UPDATE geomap_groups SET event_id = ?, home = ? WHERE seq = ?", outcome.relinked)
    delete_events(connection, outcome.gone)
    acled = [collector.acled_events[i][1] for i in sorted(collector.changed_acled)]
    write_events(connection, [event_row(e, outcome.seq_of[e.event_id]) for e in outcome.events]
                 + [event_row(e, None) for e in acled])
    write_mentions(connection, collector.mentioned, collector.changed_mentions)
    write_acled(connection, collector.acled_events, collector.changed_acled)
    mentions: list[Mention] = [collector.mentioned[key][1] for key in sorted(collector.changed_mentions)]
    replace_rows(connection, outcome.gone, outcome.events + acled, mentions)
