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
from ..model import Event
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
        #: the ids of every stored strike event (read once: the ids new events avoid)
        self.ids: set[str] | None = None
        #: event id -> the data the store keeps of it, as stored (JSON text)
        self.event_texts: dict[str, str] = {}
        #: event id -> the fields of that event as a round last made it, and their JSON text
        self.texts: dict[str, tuple[dict, str]] = {}
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
        # A stored strike event is the group it is kept as, written with it: its id is that
        # group's event id (so the part's events need not be looked up by seq, which no index
        # holds), and the ids alone are read from an index that holds them.
        kept = self.groups
        return self.stored_ids() - {kept[seq][0] for seq in part if kept[seq][2] == seq}

    def stored_ids(self) -> set[str]:
        """The ids of every stored strike event."""
        if self.ids is None:
            self.ids = {event_id for (event_id,) in self.connection.execute(
                "SELECT event_id FROM geomap_events WHERE kind = 0")}
        return self.ids

    def text_of(self, event: Event) -> str:
        """The event's data as the JSON text the store keeps (:func:`geomap.store.tables.event_row`):
        made once, and again only when a later round's event of that id has other fields, or the
        same in another order (a later round merges most of the part again, to the same events)."""
        fields = event.__dict__
        known = self.texts.get(event.event_id)
        if known is not None and known[0] == fields and list(known[0]) == list(fields):
            return known[1]
        text = json.dumps(fields, ensure_ascii=False)
        # A copy, lists too: the event (or a later round's, made from the same reading) may change
        # after, and the text is of the fields as they are now.
        snapshot = {k: v.copy() if isinstance(v, list) else v for k, v in fields.items()}
        self.texts[event.event_id] = (snapshot, text)
        return text

    def event_texts_of(self, event_ids: Iterable[str]) -> dict[str, str]:
        """The stored data (JSON text) of the events with these ids, by id."""
        missing = [i for i in event_ids if i not in self.event_texts]
        self.event_texts.update(stored_event_texts(self.connection, missing))
        return self.event_texts
