"""What merging into a part of the store changed (:class:`Outcome`), and its writing
(:func:`write_part`): the partial update's last step, apart from how the part is found and merged
(:mod:`geomap.store.partial`)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

from ..model import Event, Mention
from ..pipeline import Collector
from . import regions, touched
from .layers import replace_rows
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
