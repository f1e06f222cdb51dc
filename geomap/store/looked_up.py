"""What a partial update has read of the store, kept across its rounds (:class:`LookedUp`).

Each round of a partial update (:mod:`geomap.store.partial`) restores a part that holds the last
one's: the groups, their books, the date buckets of their places and the stored ids are read and
parsed once, here, and handed to every round.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable

from ..merge.books import _Book, _book_from_state, _PendingBook
from ..merge.windows import BUSY_BUCKETS
from . import touched
from .tables import stored_event_texts, stored_group_rows

#: How a stored group's state (JSON text) begins, and what comes between its event and its book.
_EVENT_AT, _BOOK_AT = '{"event": ', ', "book": '
_DECODER = json.JSONDecoder()

#: A stored group as :meth:`LookedUp.groups_of` gives it: (seq, event id, state, home, settled place).
Group = tuple[int, str, dict, int | None, str | None]


class LookedUp:
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
        self.partly: set[str] = set()  # busy places of which only some buckets were read (skeleton)
        #: the (event id, seq) of every stored strike event (read once: the ids new events avoid)
        self.event_seqs: list[tuple[str, int | None]] | None = None
        self.ids: set[str] | None = None  # the ids of event_seqs
        self.ids_at: dict[int | None, list[str]] = {}  # ... by the seq of the group each is
        #: event id -> the data the store keeps of it, as stored (JSON text)
        self.event_texts: dict[str, str] = {}
        #: the groups whose housemates and namesakes' groups are in the part already
        self.closed: set[int] = set()
        #: the settling of guesses between namesakes (geomap.store.guesses.settle_changed)
        self.settled: dict[str, str] = {}
        self.cells: dict[tuple[int, int], dict] = {}  # the stored sure points, by grid cell
        #: the stored guesses the day's sure points move (guesses.guesses_moved_by): settled again
        self.moved: set[int] = set()

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

    def skeleton(self, places: Iterable[str], whole: Iterable[str] = ()
                 ) -> list[tuple[str, int | str | None]]:
        """:func:`geomap.store.touched.skeleton`, each place looked up once, and of a busy place
        only enough buckets to be one (:func:`touched.skeleton_rows`), but for the places ``whole``
        (where a reading or guess of a month may look for its twin: every bucket, in order)."""
        places, whole = set(places), set(whole)
        for place in whole & self.partly:  # read in part before: read again whole
            del self.buckets[place]
        self.partly -= whole
        missing = places - set(self.buckets)
        for place in missing:
            self.buckets[place] = []
        for first, place, bucket in touched.skeleton_rows(self.connection, missing & whole):
            self.buckets[place].append((first, place, bucket))
        for first, place, bucket in touched.skeleton_rows(self.connection, missing - whole, busy_enough=True):
            self.buckets[place].append((first, place, bucket))
        self.partly |= {place for place in missing - whole if len(self.buckets[place]) >= BUSY_BUCKETS}
        # Each (place, bucket) has its own first seq: sorting by it is the whole merger's order.
        rows = sorted((row for place in places for row in self.buckets[place]), key=lambda row: row[0])
        return [(place, bucket) for _, place, bucket in rows]

    def reserved_ids(self, part: set[int]) -> set[str]:
        """The ids of the stored events that are not restored: new events must not take them."""
        if self.event_seqs is None:
            self.event_seqs = list(self.connection.execute(
                "SELECT event_id, seq FROM geomap_events WHERE kind = 0"))
            self.ids = {event_id for event_id, _ in self.event_seqs}
            for event_id, seq in self.event_seqs:
                self.ids_at.setdefault(seq, []).append(event_id)
        ids_at = self.ids_at
        # Every id less those of the part (a few ten thousand of a hundred thousand): set operations.
        return self.stored_ids() - {event_id for seq in part if seq in ids_at for event_id in ids_at[seq]}

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
