"""What merging into a part of the store changed (:class:`Outcome`), and its writing
(:func:`write_part`): the partial update's last step, apart from how the part is found and merged
(:mod:`geomap.store.partial`)."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field

from ..merge import Merger
from ..model import Event, Mention
from ..pipeline import Collector
from . import regions, touched
from .layers import replace_rows
from .looked_up import Group, LookedUp
from .tables import (
    delete_events,
    event_row,
    group_row,
    write_acled,
    write_documents,
    write_events,
    write_groups,
    write_mentions,
)


@dataclass
class Outcome:
    """What merging into a part changed, to be written; and what a later round takes over of it."""

    #: new or changed states, as group_row's arguments (made into rows only by the round that writes)
    group_rows: list[tuple[int, str, dict, int, str]] = field(default_factory=list)
    relinked: list[tuple[str, int, int]] = field(default_factory=list)  # (event_id, home, seq)
    events: list[Event] = field(default_factory=list)  # kept events new or changed
    seq_of: dict[str, int] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)  # event id -> its data as JSON (event_row)
    gone: set[str] = field(default_factory=set)  # ids of events kept no more
    #: where something changed, each with the group it was found at
    seeds_at: list[tuple[int, touched.Seed]] = field(default_factory=list)
    collector: Collector | None = None
    # What a later round takes over for the areas its added groups do not reach (regions.py):
    part: set[int] = field(default_factory=set)
    new_seqs: list[int] = field(default_factory=list)  # the new groups, in the order they were made
    #: seq -> where the group stands before and after its guess is settled, where it is folded (regions.Spot)
    spots: dict[int, regions.Spot] = field(default_factory=dict)
    joined: list[int] = field(default_factory=list)  # the group each reading went into, in reading order
    old_kept: dict[str, int] = field(default_factory=dict)  # event id -> seq, the kept events restored
    new_kept: dict[str, int] = field(default_factory=dict)  # ... and after the merge
    #: whether the merge settled no guess by the part's own sure points and every stored event kept its id
    apart: bool = False

    @property
    def seeds(self) -> list[touched.Seed]:
        return [seed for _, seed in self.seeds_at]


def write_part(connection: sqlite3.Connection, outcome: Outcome,
                new_documents: list[tuple[str, str, str, str | None]]) -> None:
    """Write what a partial update changed: groups, events, documents, mentions, ACLED rows, layers."""
    collector = outcome.collector
    assert collector is not None
    write_documents(connection, new_documents)
    write_groups(connection, [group_row(*args) for args in outcome.group_rows])
    connection.executemany("UPDATE geomap_groups SET event_id = ?, home = ? WHERE seq = ?", outcome.relinked)
    delete_events(connection, outcome.gone)
    acled = [collector.acled_events[i][1] for i in sorted(collector.changed_acled)]
    write_events(connection, [event_row(e, outcome.seq_of[e.event_id], outcome.texts[e.event_id])
                              for e in outcome.events]
                 + [event_row(e, None) for e in acled])
    write_mentions(connection, collector.mentioned, collector.changed_mentions)
    write_acled(connection, collector.acled_events, collector.changed_acled)
    mentions: list[Mention] = [collector.mentioned[key][1] for key in sorted(collector.changed_mentions)]
    replace_rows(connection, outcome.gone, outcome.events + acled, mentions)


def outcome_of(looked_up: LookedUp, merger: Merger, groups: list[Group], seq_at: list[int],
                dirty: dict[int, dict]) -> Outcome:
    """Merge (the merger holds the restored ``groups`` and the readings) and find what changed
    against the store (a round of a partial update: :mod:`geomap.store.partial`).

    ``seq_at`` is the seq of the group at each position; ``dirty`` the states of those the
    readings made or changed.
    """
    stored_home = {seq: home for seq, _, _, home, _ in groups}
    before = [event_id for _, event_id, *_ in groups]
    # Only the events compared below are settled; they are looked up by id, not in order.
    events = merger.events(settle=False, ordered=False)
    outcome = Outcome(apart=not merger.guessed and merger.ids_alone)
    by_id = {e.event_id: e for e in events}
    old_kept = {before[p]: seq_at[p] for p in range(len(groups)) if stored_home.get(seq_at[p]) == seq_at[p]}
    # What each group is before the fold (its kind, which the fold's partners are found by: a
    # changed event's own may have come from what it took in), unknown where it took in a guess.
    took_in = merger.took_in_guesses()
    position = {seq: p for p, seq in enumerate(seq_at)}

    def seed_at(p: int, event: Event | None = None) -> touched.Seed | None:
        """The seed of the group at ``p`` (of ``event``'s place and days when given, an event after
        the fold), of its kind as the readings left it."""
        state = dirty[p] if p in dirty else groups[p][2]
        fields = state["event"]
        if p in took_in:
            return touched.seed_of(event or _event_of_state(state), None, touched.UNSURE)
        kind = (fields["strike_type"], fields["target_type"], fields["status"])
        moves = touched.before_fold(fields["date_precision"])
        if event is not None and moves != touched.STAYS:
            moves = touched.UNSURE  # an event after the fold: its window may have moved in it
        return touched.seed_of(event or _event_of_state(state), kind, moves)

    new_kept: dict[str, int] = {}
    # The kept events a changed group went into or left: only these can differ from the store.
    stirred: set[int | None] = set()
    spots = outcome.spots
    area_of: dict[tuple[str, str, str], regions.Area | None] = {}  # regions.area's answers
    for p, seq in enumerate(seq_at):
        at = merger.home(p)
        home, event_id = seq_at[at], merger.group_id(p)
        if home == seq:
            new_kept[event_id] = seq
        read_at = (dirty[p] if p in dirty else groups[p][2])["event"]["place_id"]
        folded = merger.area_of(at)
        if folded not in area_of:
            area_of[folded] = regions.area(*folded)
        spots[seq] = (read_at, merger.place_id(p), area_of[folded], folded[2])
        if p in dirty:
            outcome.group_rows.append((seq, event_id, dirty[p], home, merger.place_id(p)))
            outcome.seeds_at.extend((seq, s) for s in [seed_at(p)] if s)
            stirred |= {home, stored_home.get(seq)}
        elif event_id != before[p] or home != stored_home.get(seq):
            outcome.relinked.append((event_id, home, seq))
            if home != stored_home.get(seq) and stored_home.get(seq) != seq:
                # It went into another event, or is kept now: what else it may go into, or what may
                # go into it, is sought. (A group kept before fitted no stored event it could go into,
                # and one that only changed its id folds as it did.)
                outcome.seeds_at.extend((seq, s) for s in [seed_at(p)] if s)
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
        text = looked_up.text_of(event)
        if _changed(text, kept_before.get(event_id)):
            outcome.texts[event_id] = text
            outcome.events.append(event)
            outcome.seq_of[event_id] = seq
            outcome.seeds_at.extend((seq, s) for s in [seed_at(position[seq], event)] if s)
    # A kept event gone (its group went into another or took another id) leaves what went into it
    # (restored with it, and sought anew when it goes elsewhere) and what did not fit it (as before).
    outcome.gone = set(old_kept) - set(new_kept)
    outcome.old_kept, outcome.new_kept = old_kept, new_kept
    return outcome


def _changed(text: str, stored: str | None) -> bool:
    """Whether an event (its data as JSON ``text``) differs from the data the store keeps of it (JSON
    text; None: not kept).

    The same text is the same data; another text may still be (keys in another order), so it
    is compared as data, as the store would read it back.
    """
    if stored is None:
        return True
    return text != stored and json.loads(text) != json.loads(stored)


def _event_of_state(state: dict) -> Event:
    event = Event.__new__(Event)
    event.__dict__.update(state["event"])
    return event
