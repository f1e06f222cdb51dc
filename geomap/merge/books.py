"""What a merged event keeps beside its fields: which report gave each value, and how two
reports of one strike are folded into one (the choice by :func:`reading_key`, never by order)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from itertools import count, repeat

from ..model import MAIN_OVER, Event

#: When reports disagree on the outcome, the strongest word wins.
_STATUS_ORDER = {"hit": 3, "claimed": 2, "intercepted": 1, "unknown": 0}


_DATE_ORDER = {"day": 0, "week": 1, "month": 2, "unknown": 3}



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
        docs, sources, evidence = event.doc_ids, event.sources, event.evidence
        if len(docs) == len(sources) == len(evidence) == 1:  # a reading's lists, nearly always
            return cls({docs[0]: (key, 0)}, {sources[0]: (key, 0)}, {evidence[0]: (key, 0)},
                       dict.fromkeys(_CHOSEN, key), event.confidence)
        return cls(_earliest(docs, key), _earliest(sources, key), _earliest(evidence, key),
                   dict.fromkeys(_CHOSEN, key), event.confidence)

    @property
    def key(self) -> ReadingKey:
        return self.chosen["place"]

    def copy(self) -> _Book:
        """A book that can take further reports without changing this one (keys are tuples: shared)."""
        return _Book(dict(self.docs), dict(self.sources), dict(self.evidence), dict(self.chosen), self.top,
                     self.absorbed)


def _earliest(values: list[str], key: ReadingKey) -> dict[str, tuple[ReadingKey, int]]:
    """Each value of one report's list with ``key`` and its first position in the list."""
    # Built in C; a value met twice would keep its last position there, so then the loop.
    found = dict(zip(values, zip(repeat(key), count()), strict=False))
    if len(found) != len(values):
        found = {}
        for index, value in enumerate(values):
            found.setdefault(value, (key, index))
    return found


#: The fields whose value comes from one report, chosen by its key.
_CHOSEN = ("place", "strike_type", "target_type", "attacker", "date", "language")


_DECODER = json.JSONDecoder()


class _PendingBook:
    """A stored book not parsed yet: the JSON text holding it and where in it it starts.

    Parsing a book costs far more than parsing its event (its keys repeat every report's
    evidence sentence), and a store's update restores tens of thousands of groups of which it
    changes a few thousand: a book is parsed when the merge first asks for it (:meth:`_Members.of`),
    once (:meth:`parse` keeps it; the merger copies it before changing it).
    """

    __slots__ = ("text", "start", "book")

    def __init__(self, text: str, start: int) -> None:
        self.text, self.start = text, start
        self.book: _Book | None = None

    def parse(self) -> _Book:
        if self.book is None:
            self.book = _book_from_state(_DECODER.raw_decode(self.text, self.start)[0])
        return self.book


class _Members:
    """The :class:`_Book` of each merged event.

    Keyed by ``id(event)``: the Merger holds every event it indexes, so ids stay valid.
    """

    def __init__(self) -> None:
        self._books: dict[int, _Book | _PendingBook] = {}
        # Events whose book is shared with a caller (a store's update keeps each group's book
        # for its next round): copied when first changed (:meth:`own`), not when restored, for
        # most restored events are never changed.
        self._shared: set[int] = set()

    def add(self, event: Event, book: _Book | _PendingBook, *, shared: bool = False) -> None:
        """File an event's book; ``shared`` when the caller keeps it too (a pending book always is)."""
        self._books[id(event)] = book
        if shared or isinstance(book, _PendingBook):
            self._shared.add(id(event))

    def own(self, event: Event) -> _Book:
        """The book of a merged event, to be changed: a shared one is copied first."""
        book = self.of(event)
        key = id(event)
        if key in self._shared:
            self._shared.discard(key)
            book = self._books[key] = book.copy()
        return book

    def forget(self, event: Event) -> None:
        """Drop an event's book (an event kept on disk, :mod:`.spill`, no longer in memory)."""
        self._books.pop(id(event), None)

    def of(self, event: Event) -> _Book:
        found = self._books.get(id(event))
        if found is None:  # a reading that is not a merged event: its lists are short
            return _Book.of(event, reading_key(event))
        if isinstance(found, _PendingBook):
            found = self._books[id(event)] = found.parse()
        return found

    def share_document(self, a: Event, b: Event) -> bool:
        """Whether two events were read (in part) from one document, in time linear in the smaller."""
        # The books, not the lists: a merged event's lists are written out only at the end.
        mine, theirs = self.of(a).docs, self.of(b).docs
        small, large = (mine, theirs) if len(mine) <= len(theirs) else (theirs, mine)
        return any(doc in large for doc in small)


def _union(mine: dict[str, tuple[ReadingKey, int]], theirs: dict[str, tuple[ReadingKey, int]]) -> None:
    """Add ``theirs`` to ``mine``, each value at its earliest report."""
    for value, key in theirs.items():
        known = mine.get(value)
        if known is None or key < known:
            mine[value] = key


#: "an industrial facility in the Samara region", then "the Novokuibyshevsk refinery": a coarse
#: report's umbrella target holds the kinds a precise report of the same strike names. So does
#: "a fuel and energy complex facility" in the Yartsevsky district, then "the Yartsevo oil depot".
UMBRELLA_HOLDS: dict[str, frozenset[str]] = {
    "factory": frozenset({"refinery", "gas_facility", "power_plant"}),
    "energy_other": frozenset({"refinery", "oil_depot", "pumping_station", "gas_facility", "power_plant",
                               "substation"}),
}


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
        value, kept = getattr(other, name), getattr(keep, name)
        # The kind named beside an umbrella word's is what was struck, whichever came first.
        if name == "target_type" and value in UMBRELLA_HOLDS.get(kept, ()):
            keep.target_type, chosen[name] = value, theirs[name]
            continue
        if name == "target_type" and kept in UMBRELLA_HOLDS.get(value, ()):
            continue
        if name == "strike_type" and (kept, value) in MAIN_OVER:
            continue
        if name == "strike_type" and (value, kept) in MAIN_OVER:
            keep.strike_type, chosen[name] = value, theirs[name]
            continue
        if value != "unknown" and (kept == "unknown" or theirs[name] < chosen[name]):
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
        if len(values) < 2:  # most events are one report's: nothing to order
            return list(values)
        return sorted(values, key=lambda value: (values[value], value))

    event.doc_ids, event.sources, event.evidence = (in_order(book.docs), in_order(book.sources),
                                                    in_order(book.evidence))
    if book.absorbed:
        event.confidence = round(min(0.99, book.top + 0.1 * (len(book.docs) - 1)), 3)
        if event.status == "intercepted" and event.geo_precision == "region":
            # "drones attacked an industrial facility in the Samara region" with "three drones were
            # shot down over the Samara region": the region's tally struck no target (as a single
            # reading's does); the facility is an event of its own where it is named.
            event.target_type = "unknown"


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
