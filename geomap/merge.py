"""Merging the reports of one strike into one event.

Two readings are the same strike when they are at the same place on the same
day with compatible targets (equal, or one of them unknown). A coarse reading
("a drone attack in the Krasnodar region") also folds into a precise one that
lies inside it ("the oil depot at Kavkazskaya") when the day, weapon, target
and outcome agree. Repeated strikes on one place on different days stay
separate events. The merged event keeps every document id, source and
evidence sentence; each further document raises its confidence.

The same readings in any order give the same events (issue 12): where reports
differ, the one chosen is the earliest by :func:`reading_key` (earliest
publication, then document id, then position in the document's text),
whichever came first. So ``place`` is as the earliest report wrote it,
``source`` is where it was first published, and ``doc_ids``, ``sources`` and
``evidence`` are listed in that order (each value where its earliest report puts
it; a report's own sentences in their order in the text). An attribute one
report leaves unknown takes another's value, the earliest report's when they
differ; the outcome is the strongest any report gives; the date the most
precise (the earliest report's among equals). Confidence is the best single
report's plus 0.1 for each further document. Which reports are one strike can
still depend on order in one case: a reading that could join two different
events of one place (a "last week" report between two strikes a few days
apart) joins the first it meets.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from . import namesakes
from .gazetteer import Gazetteer, default_gazetteer, distance_km
from .model import HROMADA_REACH_KM, Event, is_hromada, target_group

#: When reports disagree on the outcome, the strongest word wins.
_STATUS_ORDER = {"hit": 3, "claimed": 2, "intercepted": 1, "unknown": 0}
_DATE_ORDER = {"day": 0, "week": 1, "month": 2, "unknown": 3}
_PRECISION_ORDER = {"facility": 0, "town": 1, "district": 2, "region": 3, "country": 4}
# A town holds the facilities within this distance of its centre.
_TOWN_RADIUS_KM = 30.0


#: The order of reports: (no publication date, publication date, document id, position of the
#: reading in its document, evidence, place as written).
ReadingKey = tuple[bool, str, str, int, str, str]


def reading_key(event: Event, published: str | None = None, position: int = 0) -> ReadingKey:
    """Where a reading comes in the order-independent order of reports (earliest first).

    ``position`` is the reading's place among its document's readings (in the order of
    the text): within one document, what is read first comes first.
    """
    return (published is None, published or "", event.doc_ids[0] if event.doc_ids else "", position,
            event.evidence[0] if event.evidence else "", event.place)


@dataclass
class _Book:
    """What a merged event keeps beside its fields: each value's earliest report, as sets do membership.

    ``docs``, ``sources`` and ``evidence`` map each value to the key of the earliest
    report that gave it (its position there breaks ties); the lists are rebuilt in
    that order at the end. ``chosen`` holds, per attribute, the key of the report
    its current value came from; ``top`` the best confidence of one report.
    """

    docs: dict[str, tuple[ReadingKey, int]]
    sources: dict[str, tuple[ReadingKey, int]]
    evidence: dict[str, tuple[ReadingKey, int]]
    chosen: dict[str, ReadingKey]
    top: float
    absorbed: bool = False

    @classmethod
    def of(cls, event: Event, key: ReadingKey) -> _Book:
        def earliest(values: list[str]) -> dict[str, tuple[ReadingKey, int]]:
            found: dict[str, tuple[ReadingKey, int]] = {}
            for index, value in enumerate(values):
                found.setdefault(value, (key, index))
            return found

        return cls(earliest(event.doc_ids), earliest(event.sources), earliest(event.evidence),
                   dict.fromkeys(_CHOSEN, key), event.confidence)

    @property
    def key(self) -> ReadingKey:
        return self.chosen["place"]


#: The fields whose value comes from one report, chosen by its key.
_CHOSEN = ("place", "strike_type", "target_type", "attacker", "date", "language")


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

    def add(self, event: Event, *, published: str | None = None, position: int = 0) -> None:
        """Fold one reading into the events seen so far.

        ``published`` is the publication date of the reading's document and
        ``position`` its place among that document's readings: with the document
        id they order the reports (see :func:`reading_key`).
        """
        book = _Book.of(event, reading_key(event, published, position))
        twin = self._twin(event)
        if twin is None:
            copy = _copy(event)
            copy.event_id = ""  # a reading's id (if any) is not a merged event's
            self._file(copy, book, _bucket(event))
            self._dirty.add(len(self._order) - 1)
        else:
            _absorb(twin, self._members.of(twin), event, book)
            self._dirty.add(self._positions[id(twin)])

    def _file(self, event: Event, book: _Book, bucket: int | str | None) -> None:
        self._members.add(event, book)
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
        """
        merger = cls(keep_ids=True)
        for place_id, bucket in skeleton:
            merger._by_place.setdefault(place_id, {}).setdefault(bucket, [])
        for event_id, state in groups:
            event = Event.__new__(Event)
            event.__dict__.update(state["event"])
            event.event_id = event_id
            merger._file(event, _book_from_state(state["book"]), state["bucket"])
        return merger

    def _twin(self, event: Event) -> Event | None:
        """The event seen so far that ``event`` is another report of, if there is one."""
        by_date = self._by_place.get(event.place_id)
        if not by_date:
            return None
        window = _window(event)
        for seen in _nearby(by_date, event):
            # _same_strike, with this event's window worked out once (the place is the same).
            # One report tells of one strike per place and day (the gold's rule too): two readings
            # of it there that name different targets are two views of that strike. But a
            # region's interception tally beside a hit in the region are two things (the drones
            # downed are not the one that set the plant on fire).
            if seen is not event and (_compatible(seen.target_type, event.target_type)
                                      or self._members.share_document(seen, event)) and \
                    not _tally_beside_hit(seen, event) and \
                    _same_window(seen, _window(seen), event, window, self._members):
                return seen
        return None

    def _settle_namesakes(self, gazetteer: Gazetteer) -> None:
        """Move events placed on a guess to the namesake the run's sure points favour."""
        guesses = []
        for position, event in enumerate(self._order):
            if event.namesakes and position not in self.settled:
                candidates = [gazetteer.get(i) for i in (event.place_id, *event.namesakes)]
                if candidates[0] is not None:
                    guesses.append((event, [c for c in candidates if c is not None]))
        moves = namesakes.settle(guesses, namesakes.sure_points(self._order)) if guesses else []
        if self.settled:  # the guesses settled already, where they stood, in the order of the rest
            known = ((self._order[p], gazetteer.get(i)) for p, i in self.settled.items())
            moves += [(event, place) for event, place in known
                      if event.namesakes and place is not None and place.id != event.place_id]
            moves.sort(key=lambda move: self._positions[id(move[0])])
        for event, place in moves:
            self._by_place[event.place_id][self._buckets[id(event)]].remove(event)
            left = (event.place_id, *event.namesakes)
            event.place_name, event.place_id = place.name, place.id
            event.lat, event.lon = place.lat, place.lon
            event.admin1 = gazetteer.region_name(place.admin1) or event.admin1
            event.country = place.country
            event.namesakes = tuple(sorted(i for i in left if i != place.id))  # still a guess
            twin = self._twin(event)
            if twin is None:
                bucket = _bucket(event)
                self._by_place.setdefault(event.place_id, {}).setdefault(bucket, []).append(event)
                self._buckets[id(event)] = bucket
            else:
                _absorb(twin, self._members.of(twin), event, self._members.of(event))
                self._gone.add(id(event))  # still in _order (positions stay), but given out no more
                self._homes[id(event)] = twin

    def events(self) -> list[Event]:
        """The merged events, coarse readings folded into precise ones, with ids, sorted.

        Call once: folding changes the events the merger holds.
        """
        if any(e.namesakes for e in self._order):
            self._settle_namesakes(self._gazetteer or default_gazetteer())
        order = [e for e in self._order if id(e) not in self._gone] if self._gone else self._order
        merged = _fold_coarse(order, self._members, self._homes)
        for event in merged:
            _settle(event, self._members.of(event))
        _assign_ids(merged, keep=self.keep_ids, reserved=self.reserved_ids)
        merged.sort(key=lambda e: (e.event_date is None, e.event_date or "", e.place_name, e.event_id))
        return merged


def _nearby(by_day: dict[int | str | None, list[Event]], event: Event) -> Iterator[Event]:
    """Events of one place whose dates could be the same day as ``event``'s.

    A week-precision date stands for a week either side of it, so two of them
    can be fifteen days apart; month precision (rare) looks at all.
    """
    if event.event_date is None or event.date_precision == "month" or len(by_day) < 20:
        for events in by_day.values():
            yield from events
        return
    day = _days(event.event_date, "day")[0]
    reach = 15 if event.date_precision == "week" else 8  # two weeks can overlap 14 days apart
    for offset in range(-reach, reach + 1):
        found = by_day.get(day + offset)
        if found:
            yield from found
    yield from by_day.get(None, ())
    yield from by_day.get("month", ())


def _bucket(event: Event) -> int | str | None:
    """Where events are filed by date: the day's ordinal, "month" for month precision, None undated."""
    if event.event_date is None:
        return None
    if event.date_precision == "month":
        return "month"
    return _days(event.event_date, "day")[0]


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


def _compatible(a: str, b: str) -> bool:
    return a == b or "unknown" in (a, b)


def date_window(event: Event) -> tuple[int, int] | None:
    """The days (ordinals) an event's date stands for, as the merge compares them; None undated.

    Two reports can be one strike only when their windows meet (see :func:`_same_day`).
    """
    return _window(event)


def _window(event: Event) -> tuple[int, int] | None:
    """The days an event's date stands for (as day ordinals): one day, a week either side, or its month."""
    if event.event_date is None:
        return None
    return _days(event.event_date, event.date_precision)


@functools.lru_cache(maxsize=4096)
def _days(event_date: str, precision: str) -> tuple[int, int]:
    # Every comparison of two events asks; a corpus has few distinct dates.
    day = dt.date.fromisoformat(event_date)
    if precision == "week":
        # "last week", "in recent days", or no date at all in a report published that day:
        # within a week of the date, either side.
        return day.toordinal() - 7, day.toordinal() + 7
    if precision == "month":
        # The month's last day from the calendar, not by stepping past it: December 9999 has no after.
        start = day.replace(day=1)
        end = day.replace(day=calendar.monthrange(day.year, day.month)[1])
        return start.toordinal(), end.toordinal()
    return day.toordinal(), day.toordinal()


class _Members:
    """The :class:`_Book` of each merged event.

    Keyed by ``id(event)``: the Merger holds every event it indexes, so ids stay valid.
    """

    def __init__(self) -> None:
        self._books: dict[int, _Book] = {}

    def add(self, event: Event, book: _Book) -> None:
        self._books[id(event)] = book

    def of(self, event: Event) -> _Book:
        found = self._books.get(id(event))
        if found is None:  # a reading that is not a merged event: its lists are short
            return _Book.of(event, reading_key(event))
        return found

    def share_document(self, a: Event, b: Event) -> bool:
        """Whether two events were read (in part) from one document, in time linear in the smaller."""
        # The books, not the lists: a merged event's lists are written out only at the end.
        mine, theirs = self.of(a).docs, self.of(b).docs
        small, large = (mine, theirs) if len(mine) <= len(theirs) else (theirs, mine)
        return any(doc in large for doc in small)


def _same_day(a: Event, b: Event, members: _Members) -> bool:
    """Whether two readings can be of the same day.

    Equal dates can; a day inside the week or month that a vaguer date stands
    for can ("a drone attack last week"); undated readings only within one
    document.
    """
    return _same_window(a, _window(a), b, _window(b), members)


def _same_window(a: Event, wa: tuple[int, int] | None, b: Event, wb: tuple[int, int] | None,
                 members: _Members) -> bool:
    if wa is None or wb is None:
        return wa is None and wb is None and members.share_document(a, b)
    if a.date_precision == b.date_precision == "day":
        return wa == wb
    return wa[0] <= wb[1] and wb[0] <= wa[1]


def _tally_beside_hit(a: Event, b: Event) -> bool:
    """Whether two region-level readings are an interception tally and a hit in that region."""
    return a.geo_precision == "region" and {a.status, b.status} == {"hit", "intercepted"}


def _contains(coarse: Event, fine: Event) -> bool:
    """Whether the coarse event's place holds the fine event's place."""
    if _PRECISION_ORDER[coarse.geo_precision] <= _PRECISION_ORDER[fine.geo_precision]:
        return False
    if coarse.geo_precision == "region":
        return bool(coarse.admin1) and coarse.admin1 == fine.admin1
    if coarse.geo_precision == "country":
        return coarse.country == fine.country
    # "Khotin hromada was shelled" beside a strike on Sumy, 28 km away, are two strikes.
    radius = HROMADA_REACH_KM if is_hromada(coarse.place_id) else _TOWN_RADIUS_KM
    return distance_km(coarse.lat, coarse.lon, fine.lat, fine.lon) <= radius


def _folds_into(coarse: Event, fine: Event, members: _Members) -> bool:
    """A coarse reading is the same strike as a precise one inside it."""
    if not (_contains(coarse, fine) and _same_day(coarse, fine, members)):
        return False
    if not (_compatible(coarse.strike_type, fine.strike_type)
            and _compatible(coarse.target_type, fine.target_type)):
        return False
    # An interception over a region is not the same thing as a hit on a site in it, and
    # damage reported in a town does not confirm a claim about a site beside it.
    return coarse.status in ("unknown", fine.status) or (coarse.status == "claimed" and fine.status == "hit")


def _fold_coarse(events: list[Event], members: _Members,
                 homes: dict[int, Event] | None = None) -> list[Event]:
    """Fold region- and town-level readings into the precise events inside them.

    Candidates are looked up by region (or country) and then by date, so the
    cost stays linear in the number of events rather than quadratic. ``homes``, when
    given, is told which event each folded one went into.
    """
    # Sorted by what each event is, not by when it was first read, so the same readings in
    # any order fold the same way.
    by_precision = sorted(events, key=lambda e: (_PRECISION_ORDER[e.geo_precision], e.event_date or "",
                                                 e.place_id, e.target_type, e.strike_type, e.status,
                                                 members.of(e).key))
    kept: list[Event] = []
    by_admin1: dict[str, dict[int | str | None, list[Event]]] = {}
    by_country: dict[str, dict[int | str | None, list[Event]]] = {}
    for event in by_precision:
        if event.geo_precision == "country":
            pool = _nearby(by_country.get(event.country, {}), event)
        elif event.admin1:
            pool = _nearby(by_admin1.get(event.admin1, {}), event)
        elif event.geo_precision == "region":
            pool = iter(())  # an informal area (a sea, Donbas) holds nothing by region code
        else:
            pool = iter(kept)  # a town outside any region: rare, so a full scan is fine
        home = next((k for k in pool if _folds_into(event, k, members)), None)
        if home is not None and not home.event_id and event.event_id:
            # A stored coarse event folded into a newly read precise one: its id lives on there.
            home.event_id = event.event_id
        if home is None:
            kept.append(event)
            bucket = _bucket(event)
            # Only a coarser event can fold into this one: a region's into its towns, never
            # into another region's, so each index holds what is finer than its own level.
            by_admin1.setdefault(event.admin1, {}).setdefault(bucket, []).append(event)
            by_country.setdefault(event.country, {}).setdefault(bucket, []).append(event)
        else:
            _absorb(home, members.of(home), event, members.of(event))
            if homes is not None:
                homes[id(event)] = home
    return kept


def _union(mine: dict[str, tuple[ReadingKey, int]], theirs: dict[str, tuple[ReadingKey, int]]) -> None:
    """Add ``theirs`` to ``mine``, each value at its earliest report."""
    for value, key in theirs.items():
        known = mine.get(value)
        if known is None or key < known:
            mine[value] = key


def _absorb(keep: Event, book: _Book, other: Event, other_book: _Book) -> None:
    """Fold ``other`` into ``keep``: union of evidence, the better of each attribute.

    Every choice is by the reports' keys, never by which came first, so
    absorbing A then B gives what B then A gives.
    """
    _union(book.docs, other_book.docs)
    _union(book.sources, other_book.sources)
    _union(book.evidence, other_book.evidence)
    book.absorbed = True
    chosen, theirs = book.chosen, other_book.chosen
    if other.place_id == keep.place_id and theirs["place"] < chosen["place"]:
        keep.place, chosen["place"] = other.place, theirs["place"]  # as the earliest report wrote it
    if theirs["language"] < chosen["language"]:
        keep.language, chosen["language"] = other.language, theirs["language"]  # the earliest report's
    for name in ("strike_type", "target_type", "attacker"):
        value = getattr(other, name)
        if value != "unknown" and (getattr(keep, name) == "unknown" or theirs[name] < chosen[name]):
            setattr(keep, name, value)
            chosen[name] = theirs[name]
    if _STATUS_ORDER[other.status] > _STATUS_ORDER[keep.status]:
        keep.status = other.status
    # A place some report did not have to guess is no guess; between two guesses, the smaller set.
    # (A store gives the ids back as a list: compared and kept as a tuple.)
    keep.namesakes = tuple(min(keep.namesakes, other.namesakes, key=lambda ids: (len(ids), tuple(ids)))) \
        if keep.namesakes and other.namesakes else ()
    better = _DATE_ORDER[other.date_precision] - _DATE_ORDER[keep.date_precision]
    if better < 0 or (better == 0 and theirs["date"] < chosen["date"]):
        keep.event_date, keep.date_precision = other.event_date, other.date_precision
        chosen["date"] = theirs["date"]
    book.top = max(book.top, other_book.top)


def _settle(event: Event, book: _Book) -> None:
    """Write the lists out in report order, and the confidence that many documents earn."""
    def in_order(values: dict[str, tuple[ReadingKey, int]]) -> list[str]:
        return sorted(values, key=lambda value: (values[value], value))

    event.doc_ids, event.sources, event.evidence = (in_order(book.docs), in_order(book.sources),
                                                    in_order(book.evidence))
    if book.absorbed:
        event.confidence = round(min(0.99, book.top + 0.1 * (len(book.docs) - 1)), 3)


def _assign_ids(events: list[Event], *, keep: bool = False, reserved: set[str] | frozenset[str] = frozenset()
                ) -> None:
    """Ids from what the event is (place, day, target group), not from input order.

    With ``keep``, an event that has an id keeps it (a stored event's id never changes,
    even when a later report makes its date more precise) and new ids avoid those, and
    those in ``reserved`` (the ids of a store's events that are not among ``events``).
    """
    taken: dict[str, int] = {}
    used: set[str] = set(reserved)
    ordered = sorted(events, key=lambda e: (e.place_id, e.event_date or "", e.target_type,
                                            e.strike_type, e.status, e.evidence[:1]))
    if keep:
        fresh = []
        for event in ordered:
            if event.event_id and event.event_id not in used:
                used.add(event.event_id)
            else:
                fresh.append(event)
        ordered = fresh
    for event in ordered:
        basis = f"{event.place_id}|{event.event_date or ''}|{target_group(event.target_type)}"
        digest = hashlib.sha1(basis.encode("utf-8")).hexdigest()[:12]
        count = taken.get(digest, 0)
        candidate = f"ev-{digest}" + (f"-{count + 1}" if count else "")
        while candidate in used:
            count += 1
            candidate = f"ev-{digest}-{count + 1}"
        taken[digest] = count + 1
        used.add(candidate)
        event.event_id = candidate


def _book_state(book: _Book) -> dict:
    """A book as JSON-ready data; each reading key is written once and referred to by its index.

    (A key holds an evidence sentence: written out at every value it dated, a stored event
    would repeat its sentences several times.)
    """
    keys: dict[ReadingKey, int] = {}

    def ref(key: ReadingKey) -> int:
        return keys.setdefault(key, len(keys))

    def entries(values: dict[str, tuple[ReadingKey, int]]) -> dict[str, tuple[int, int]]:
        return {value: (ref(key), index) for value, (key, index) in values.items()}

    state = {"docs": entries(book.docs), "sources": entries(book.sources), "evidence": entries(book.evidence),
             "chosen": {name: ref(key) for name, key in book.chosen.items()}, "top": book.top,
             "absorbed": book.absorbed}
    state["keys"] = list(keys)
    return state


def _book_from_state(state: dict) -> _Book:
    keys = [tuple(key) for key in state["keys"]]

    def entries(values: dict) -> dict[str, tuple[ReadingKey, int]]:
        return {value: (keys[key], index) for value, (key, index) in values.items()}

    return _Book(entries(state["docs"]), entries(state["sources"]), entries(state["evidence"]),
                 {name: keys[key] for name, key in state["chosen"].items()}, state["top"], state["absorbed"])
