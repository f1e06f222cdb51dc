"""The merger: reports filed by place and day as they arrive, merged, settled and given ids."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, MutableMapping, MutableSet

from .. import namesakes
from ..gazetteer import Gazetteer, default_gazetteer
from ..model import Event, target_group
from .books import (
    _absorb,
    _Book,
    _book_from_state,
    _book_state,
    _Members,
    _PendingBook,
    _settle,
    reading_key,
)
from .fold import _fold_coarse, _tally_beside_hit
from .windows import BUSY_BUCKETS, _bucket, _days, _nearby_buckets


class Merger:
    """Merges events as they arrive, so a long corpus never holds its raw readings.

    >>> merger = Merger()
    >>> for event in readings: merger.add(event)      # doctest: +SKIP
    >>> events = merger.events()                        # doctest: +SKIP
    """

    def __init__(self, gazetteer: Gazetteer | None = None, *, keep_ids: bool = False) -> None:
        # place id -> {day ordinal, "month" or None (see _bucket) -> events of that place then}
        self._by_place: dict[str, dict[int | str | None, list[Event]]] = {}
        self._order: list[Event] = []
        # What each merged event already lists, as dicts: a strike reported by 40,000 documents
        # must not cost a scan of 40,000 ids per further report.
        self._members = _Members()
        # Where each event is filed (its first reading's date: a later report may change the date).
        self._buckets: dict[int, int | str | None] = {}
        # Positions in _order of the events added or changed since the merger was made or restored.
        self._dirty: set[int] = set()
        self._positions: dict[int, int] = {}
        #: Whether events that already have an id (restored from a store) keep it.
        self.keep_ids = keep_ids
        # Events placed on a guess between namesakes are settled by the run's other events before
        # they are given out (see geomap.namesakes), with this gazetteer or the default one.
        self._gazetteer = gazetteer
        self._gone: set[int] = set()  # ids of events folded into another after such a move
        # What a store that restores only part of its events tells the merger about the rest
        # (geomap.store): the ids in use there.
        self.reserved_ids: set[str] = set()
        self._homes: dict[int, Event] = {}  # id(event) -> the event it went into (see home())
        #: Positions of guesses whose namesake is settled already (a store keeps where each stood):
        #: the place id each stands on, taken as it is instead of being settled again.
        self.settled: dict[int, str] = {}
        self._unsettled: set[int] = set()  # ids of events given out with their lists not written (events())
        #: Set by :meth:`events`: how many guesses it settled by the merger's own sure points (not
        #: :attr:`settled`), and whether every event that had an id kept it (only the new ones were
        #: ordered to be given one). A store's update takes a round's result over region by region
        #: only when both say the regions were merged without looking at one another (geomap.store.regions).
        self.guessed = 0
        self.ids_alone = False

    def add(self, event: Event, *, published: str | None = None, position: int = 0) -> int:
        """Fold one reading into the events seen so far; the position of the event it went into.

        ``published`` is the publication date of the reading's document and
        ``position`` its place among that document's readings: with the document
        id they order the reports (see :func:`reading_key`).
        """
        book = _Book.of(event, reading_key(event, published, position))
        twin = _twin_in(self._by_place.get(event.place_id), event, self._members)  # self._twin, inlined
        if twin is None:
            copy = _copy(event)
            copy.event_id = ""  # a reading's id (if any) is not a merged event's
            self._file(copy, book, _bucket(event))
            at = len(self._order) - 1
        else:
            _absorb(twin, self._members.own(twin), event, book)
            at = self._positions[id(twin)]
        self._dirty.add(at)
        return at

    def _file(self, event: Event, book: _Book | _PendingBook, bucket: int | str | None, *,
              shared: bool = False) -> None:
        self._members.add(event, book, shared=shared)
        self._by_place.setdefault(event.place_id, {}).setdefault(bucket, []).append(event)
        self._buckets[id(event)] = bucket
        self._positions[id(event)] = len(self._order)
        self._order.append(event)

    # -- keeping a merger between runs (geomap.store) --------------------------------------

    def __len__(self) -> int:
        return len(self._order)

    def dirty(self) -> list[int]:
        """Positions of the events added or changed since the merger was made or restored."""
        return sorted(self._dirty)

    def group_state(self, position: int) -> dict:
        """The event at ``position`` (before folding) with all it keeps, as JSON-ready data.

        Call before :meth:`events`, which folds coarse events into precise ones in place.
        ``event_id`` is not part of it (see :meth:`group_id`): it is settled by :meth:`events`.
        """
        event = self._order[position]
        fields = {k: v for k, v in event.__dict__.items() if k != "event_id"}
        return {"event": fields, "book": _book_state(self._members.of(event)),
                "bucket": self._buckets[id(event)]}

    def home(self, position: int) -> int:
        """The position of the event that holds the event at ``position`` after :meth:`events`.

        Its own position when it is kept; else that of the event it was folded into.
        """
        event = self._order[position]
        while id(event) in self._homes:
            event = self._homes[id(event)]
        return self._positions[id(event)]

    def took_in_guesses(self) -> set[int]:
        """Positions of the events that took in a guess moved onto their place when :meth:`events`
        settled the guesses (before the fold: their weapon, target or status may be the guess's)."""
        return {self._positions[id(self._homes[gone])] for gone in self._gone}

    def area_of(self, position: int) -> tuple[str, str, str]:
        """``(admin1, geo_precision, country)`` of the event at ``position`` as it stands (after
        :meth:`events`: where its guess was settled), what the fold looks its candidates up by."""
        event = self._order[position]
        return event.admin1, event.geo_precision, event.country

    def place_id(self, position: int) -> str:
        """The place the event at ``position`` stands on: after :meth:`events`, where it was settled."""
        return self._order[position].place_id

    def group_id(self, position: int) -> str:
        """The id of the event at ``position``: set by :meth:`events` for the events it keeps."""
        return self._order[position].event_id

    @classmethod
    def restore(cls, groups: Iterable[tuple[str, dict]],
                skeleton: Iterable[tuple[str, int | str | None]] = ()) -> Merger:
        """A merger holding the ``(event_id, group_state)`` pairs kept earlier, in their order.

        Its events keep their ids (``keep_ids``); new events get new ids that clash with none.
        Readings added to it merge as if they had been added to the merger the states came from.
        When only some of those groups are given, ``skeleton`` lists every (place id, bucket)
        the whole merger filed groups under, in the order it first did: a reading then meets
        the restored groups of its place in the order the whole merger would show them.

        A state's ``"book"`` may be a :class:`_Book` already parsed, or a :class:`_PendingBook` to be
        parsed when first needed (kept by a caller that restores the same groups again): the
        merger copies it before it first changes it
        (:meth:`_Members.own`), so the caller's is left as it was. The event's fields are taken as
        they are (the merge gives an event new lists, never changes one in place).
        """
        merger = cls(keep_ids=True)
        for place_id, bucket in skeleton:
            merger._by_place.setdefault(place_id, {}).setdefault(bucket, [])
        for event_id, state in groups:
            event = Event.__new__(Event)
            event.__dict__.update(state["event"])
            event.event_id = event_id
            book = state["book"]
            if isinstance(book, (_Book, _PendingBook)):
                merger._file(event, book, state["bucket"], shared=True)
            else:
                merger._file(event, _book_from_state(book), state["bucket"])
        return merger

    def settle(self, event: Event) -> Event:
        """``event`` (one of :meth:`events`'s) with its lists written out (see ``settle`` there)."""
        if id(event) in self._unsettled:
            self._unsettled.discard(id(event))
            _settle(event, self._members.of(event))
        return event

    def _twin(self, event: Event) -> Event | None:
        """The event seen so far that ``event`` is another report of, if there is one."""
        return _twin_in(self._by_place.get(event.place_id), event, self._members)

    def _settle_namesakes(self, gazetteer: Gazetteer) -> None:
        """Move events placed on a guess to the namesake the run's sure points favour."""
        guesses = []
        for position, event in enumerate(self._order):
            if event.namesakes and position not in self.settled:
                candidates = [gazetteer.get(i) for i in (event.place_id, *event.namesakes)]
                if candidates[0] is not None:
                    guesses.append((event, [c for c in candidates if c is not None]))
        self.guessed = len(guesses)
        moves = namesakes.settle(guesses, namesakes.sure_points(self._order)) if guesses else []
        if self.settled:  # the guesses settled already, where they stood, in the order of the rest
            known = ((self._order[p], gazetteer.get(i)) for p, i in self.settled.items())
            moves += [(event, place) for event, place in known
                      if event.namesakes and place is not None and place.id != event.place_id]
            moves.sort(key=lambda move: self._positions[id(move[0])])
        for event, place in moves:
            self._by_place[event.place_id][self._buckets[id(event)]].remove(event)
            namesakes.move_to(event, place, gazetteer.region_name)
            twin = self._twin(event)
            if twin is None:
                bucket = _bucket(event)
                self._by_place.setdefault(event.place_id, {}).setdefault(bucket, []).append(event)
                self._buckets[id(event)] = bucket
            else:
                _absorb(twin, self._members.own(twin), event, self._members.of(event))
                self._gone.add(id(event))  # still in _order (positions stay), but given out no more
                self._homes[id(event)] = twin

    def events(self, *, settle: bool = True, ordered: bool = True) -> list[Event]:
        """The merged events, coarse readings folded into precise ones, with ids, sorted.

        Call once: folding changes the events the merger holds. With ``settle=False`` an event
        that keeps its id may come out with its lists (documents, sources, evidence) and the
        values worked out from them (confidence) not written out yet: :meth:`settle` writes them.
        A store's update looks at a few of the events it restored, and writing the lists of
        every other one costs (the ids need only those of the events given a new id).
        ``ordered=False`` leaves them in the fold's order, not sorted (a store's update looks
        them up by id).
        """
        if any(e.namesakes for e in self._order):
            self._settle_namesakes(self._gazetteer or default_gazetteer())
        order = [e for e in self._order if id(e) not in self._gone] if self._gone else self._order
        merged = _fold_coarse(order, self._members, self._homes)
        # _assign_ids orders the events without an id by their first evidence sentence (and all
        # of them when two share an id or one is reserved: then every event is settled).
        named = [event.event_id for event in merged if event.event_id] if not settle and self.keep_ids else []
        if settle or not self.keep_ids or len(set(named)) != len(named) \
                or not self.reserved_ids.isdisjoint(named):
            for event in merged:
                _settle(event, self._members.of(event))
        else:
            for event in merged:
                if event.event_id:
                    self._unsettled.add(id(event))
                else:
                    _settle(event, self._members.of(event))
        self.ids_alone = _assign_ids(merged, keep=self.keep_ids, reserved=self.reserved_ids)
        if ordered:
            merged.sort(key=lambda e: (e.event_date is None, e.event_date or "", e.place_name, e.event_id))
        return merged


def _twin_in(by_date: Mapping[int | str | None, list[Event]] | None, event: Event,
             members: _Members) -> Event | None:
    """The event among ``by_date`` (the events of ``event``'s place, by bucket) that ``event`` is
    another report of, if there is one: the first met, in the order :func:`_nearby` gives them."""
    if not by_date:
        return None
    # What _nearby gives, without its generators: every bucket of a place with few of them, else
    # the days around the event's (the buckets are still looked at lazily, in the same order:
    # the spilled merge loads each when it is first looked at).
    if event.event_date is None or event.date_precision == "month" or len(by_date) < BUSY_BUCKETS:
        buckets: Iterable[int | str | None] = by_date
    else:
        buckets = _nearby_buckets(by_date, event)
    target = event.target_type
    # _same_strike, with this event's window worked out once (the place is the same).
    # One report tells of one strike per place and day (the gold's rule too): two readings
    # of it there that name different targets are two views of that strike. But a
    # region's interception tally beside a hit in the region are two things (the drones
    # downed are not the one that set the plant on fire). The day first: it rules out most.
    if event.event_date is None:
        # _same_window of an undated reading: only another undated one, of one document.
        for bucket in buckets:
            for seen in by_date[bucket]:
                if seen.event_date is None and seen is not event and members.share_document(seen, event) \
                        and not _tally_beside_hit(seen, event):
                    return seen   # (one document: _compatible's alternative holds)
        return None
    low, high = _days(event.event_date, event.date_precision)  # _window(event)
    days = _days
    for bucket in buckets:
        for seen in by_date[bucket]:
            # _same_window of two dated readings, inlined: their windows meet (two single days
            # meet only when they are the same day, which is _same_window's test for two days).
            date = seen.event_date
            if date is None or seen is event:
                continue
            first, last = days(date, seen.date_precision)
            if first > high or low > last:
                continue
            kind = seen.target_type
            if (kind == target or kind == "unknown" or target == "unknown"  # _compatible, inlined
                    or members.share_document(seen, event)) and not _tally_beside_hit(seen, event):
                return seen
    return None


def merge_events(events: Iterable[Event]) -> list[Event]:
    """Merge repeated readings of the same strike; give every event its stable id.

    The result is sorted by date (undated last), place and id, so the same
    inputs always give the same output in the same order. Without publication
    dates, reports are ordered by document id (see :class:`Merger` to give them).
    """
    merger = Merger()
    for event in events:
        merger.add(event)
    return merger.events()


def _copy(event: Event) -> Event:
    """A copy whose lists can grow without touching the reading it came from."""
    copy = Event.__new__(Event)
    copy.__dict__.update(event.__dict__)  # a plain field copy: no __init__ checks to run again
    copy.doc_ids, copy.sources, copy.evidence = list(event.doc_ids), list(event.sources), list(event.evidence)
    return copy


def _assign_ids(events: list[Event], *, keep: bool = False, reserved: set[str] | frozenset[str] = frozenset()
                ) -> bool:
    """Ids from what the event is (place, day, target group), not from input order.

    With ``keep``, an event that has an id keeps it (a stored event's id never changes,
    even when a later report makes its date more precise) and new ids avoid those, and
    those in ``reserved`` (the ids of a store's events that are not among ``events``).
    True when every event that had an id kept it, and only the others were ordered.
    """
    taken: dict[str, int] = {}
    used: set[str] = set(reserved)
    fresh = _unnamed_only(events, used) if keep else None
    alone = fresh is not None
    if fresh is not None:  # every id kept: only the events without one are ordered
        ordered = sorted(fresh, key=_id_order)
    else:
        ordered = sorted(events, key=_id_order)
    if keep and fresh is None:
        fresh = []
        for event in ordered:
            if event.event_id and event.event_id not in used:
                used.add(event.event_id)
            else:
                fresh.append(event)
        ordered = fresh
    for event in ordered:
        event.event_id = _next_id(event, taken, used)
    return alone


def _id_order(event: Event) -> tuple:
    """The order in which :func:`_assign_ids` goes through the events."""
    return (event.place_id, event.event_date or "", event.target_type, event.strike_type, event.status,
            event.evidence[:1])


def _unnamed_only(events: list[Event], used: set[str]) -> list[Event] | None:
    """The events without an id, when every event that has one keeps it (no two share one, none is
    in ``used``): ``used`` then takes those ids. Else None, ``used`` left as it was.

    Then the order of the events matters only among those without an id (which of two events
    keeps a shared id is what the whole order decides), and a stable sort of them alone gives
    them in the order the whole sort would: a store's update, where nearly every event has its
    id, sorts a few new events instead of all of them.
    """
    named = [event.event_id for event in events if event.event_id]
    ids = set(named)
    if len(ids) != len(named) or not used.isdisjoint(ids):
        return None
    used |= ids
    return [event for event in events if not event.event_id]


#: target_group's answers (it walks model.TARGET_GROUPS, a constant): every new event's id asks.
_GROUP_OF: dict[str, str] = {}


def _next_id(event: Event, taken: MutableMapping[str, int], used: MutableSet[str]) -> str:
    """The id of the next event in :func:`_assign_ids`'s order; ``taken`` counts the ids made
    from each digest, ``used`` holds every id given (both updated)."""
    group = _GROUP_OF.get(event.target_type)
    if group is None:
        group = _GROUP_OF[event.target_type] = target_group(event.target_type)
    basis = f"{event.place_id}|{event.event_date or ''}|{group}"
    digest = hashlib.sha1(basis.encode("utf-8")).hexdigest()[:12]
    count = taken.get(digest, 0)
    candidate = f"ev-{digest}" + (f"-{count + 1}" if count else "")
    while candidate in used:
        count += 1
        candidate = f"ev-{digest}-{count + 1}"
    taken[digest] = count + 1
    used.add(candidate)
    return candidate
