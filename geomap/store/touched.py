"""Which stored groups a day's readings can touch: the part of the store an update restores.

The merge compares a reading only with the events of its own place whose date windows meet
its own (a day, a week either side, a month: :func:`geomap.merge.date_window`), and folds a
coarse event only into a finer one of its region (or country) whose window meets its own. So
what a day can change lies near its readings in place and time:

* the groups of each reading's place whose windows meet the reading's (it may join one), and
  of each namesake a guessed place may move to;
* around those, the groups of the same region (and the country-wide ones of the same
  country) of another precision whose kind (weapon, target, status) may fit theirs and whose
  windows may meet theirs when the fold compares them (within :data:`REACH` days, or the same
  day where neither can move): what folds into them or they into (:mod:`geomap.store.partners`);
* every group that shares a home with one of those (what a kept event holds, restored whole).

A group placed on a guess between namesakes stands where the sure points of the whole store
settle it (:mod:`geomap.namesakes`): the day's new sure points count for it when they lie within
reach of one of its namesakes, however far the guess stands from them. Such guesses are settled
again by the index of sure points, and those the day moves are restored too and settled again in
the merge (:func:`geomap.store.guesses.guesses_moved_to`), with what may fold with them where they
go (:func:`seeds_moved`). See docs/scale.md.

The update merges on that part, then asks the same of everything whose result changed: when
something it could fold with is not restored yet, it is added and the part merged again
(see :mod:`geomap.store.update`).
"""

from __future__ import annotations

import json
import sqlite3
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from ..gazetteer import default_gazetteer
from ..merge import date_window
from ..merge.windows import BUSY_BUCKETS
from ..model import Event

#: Days around a window within which another may matter: a week-precision date can move by up to
#: two weeks when a more precise report of the same week is folded in, so its window moves too.
REACH = 15
#: The widest window (a month): a window that meets [a, b] starts on or after a - _WIDEST.
_WIDEST = 31


#: What the fold compares of two events besides place and day: (weapon, target, status).
Kind = tuple[str, str, str]


#: How far a window may move in the fold (see :class:`Seed`): one day that stays as it is; a window
#: as it was before the fold, which moves only in the event a coarser one folds into; a window
#: that may have moved already (an event after the fold, or one that took in a guess).
STAYS, AS_FINER, UNSURE = 0, 1, 2


@dataclass(frozen=True)
class Seed:
    """Where and when something changed: its region, country, precision and date window; its kind
    (weapon, target, status) as the fold will see it, or None when that is not known (then anything
    of the region and days may fold with it: :func:`geomap.store.partners.could_fold`); and how far
    its window may move in the fold (:data:`STAYS`, :data:`AS_FINER` or :data:`UNSURE`)."""

    admin1: str
    country: str
    precision: str
    lo: int
    hi: int
    kind: Kind | None = None
    moves: int = UNSURE


def seed_of(event: Event, kind: Kind | None | bool = True, moves: int | None = None) -> Seed | None:
    """The seed of an event (None when undated: undated events merge only within a document), of
    the event's own kind (``kind`` True), of ``kind``, or of no known kind (None); its window moves
    as ``moves`` says, or (None) as that of an event before the fold."""
    window = date_window(event)
    if window is None:
        return None
    if kind is True:
        kind = (event.strike_type, event.target_type, event.status)
    if moves is None:
        moves = before_fold(event.date_precision)
    return Seed(event.admin1 or "", event.country or "", event.geo_precision, window[0], window[1],
                kind or None, moves)


def stored_moves(lo: int, hi: int) -> int:
    """How the window ``[lo, hi]`` of a stored group (as it was before the fold) moves in it."""
    return STAYS if lo == hi else AS_FINER


def before_fold(date_precision: str) -> int:
    """How the window of an event before the fold moves in it: a day stays (what folds into it is
    of that day, or vaguer and leaves its date be); a week or a month may take a folded event's."""
    return STAYS if date_precision == "day" else AS_FINER


def twin_groups(connection: sqlite3.Connection, places: Iterable[tuple[str, int, int]]) -> set[int]:
    """The groups a reading at each (place id, lo, hi) may join, with those of namesake places.

    A group placed on a guess may move to one of its namesakes and join a group there: those
    are looked up too, until none is left. A place is asked about once for all its windows (a
    day's readings name a few thousand places in tens of thousands of windows), each stretch of
    days they reach once; what comes back is kept when its window meets one of theirs.
    """
    found: set[int] = set()
    asked: set[tuple[str, int, int]] = set()
    todo = set(places)
    while todo:
        todo -= asked
        asked |= todo
        by_place: dict[str, set[tuple[int, int]]] = defaultdict(set)
        for place, lo, hi in todo:
            by_place[place].add((lo, hi))
        todo = set()
        for place, windows in by_place.items():
            meets = _Meets(windows)
            for start, end in _merged([(lo - _WIDEST, hi) for lo, hi in windows]):
                for seq, glo, ghi, others in connection.execute(
                        "SELECT seq, lo, hi, namesakes FROM geomap_groups "
                        "WHERE place_id = ? AND lo BETWEEN ? AND ?", (place, start, end)):
                    # Its window meets one asked about (as one was asked: lo BETWEEN lo - _WIDEST AND hi).
                    if seq not in found and meets(glo, ghi):
                        found.add(seq)
                        todo.update((other, glo, ghi) for other in (others or "").split())
    return found


class _Meets:
    """Whether a group's window (glo, ghi) meets one of some windows (lo, hi) as :func:`twin_groups`
    asks: ``lo - _WIDEST <= glo <= hi and ghi >= lo`` for one of them.

    That is a window starting at or before min(glo + _WIDEST, ghi) and ending at or after glo:
    the windows sorted by start, the latest end among those that start early enough is found by
    bisection (a place read on many days has many windows, and many groups come back for it).
    """

    def __init__(self, windows: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(windows)
        self.starts = [lo for lo, _ in ordered]
        self.latest: list[int] = []  # the latest end among the windows up to each
        for _, hi in ordered:
            self.latest.append(max(hi, self.latest[-1]) if self.latest else hi)

    def __call__(self, glo: int, ghi: int) -> bool:
        k = bisect_right(self.starts, min(glo + _WIDEST, ghi))
        return k > 0 and self.latest[k - 1] >= glo


def _twin_groups_one_by_one(connection: sqlite3.Connection, places: Iterable[tuple[str, int, int]]
                            ) -> set[int]:
    """:func:`twin_groups` asking about each (place, lo, hi) alone (the tests compare the two)."""
    found: set[int] = set()
    asked: set[tuple[str, int, int]] = set()
    todo = list(places)
    while todo:
        key = todo.pop()
        if key in asked:
            continue
        asked.add(key)
        place, lo, hi = key
        for seq, glo, ghi, others in connection.execute(
                "SELECT seq, lo, hi, namesakes FROM geomap_groups WHERE place_id = ? AND lo BETWEEN ? AND ? "
                "AND hi >= ?", (place, lo - _WIDEST, hi, lo)):
            if seq not in found:
                found.add(seq)
                todo.extend((other, glo, ghi) for other in (others or "").split())
    return found


def namesake_places(connection: sqlite3.Connection, seqs: Iterable[int]) -> list[tuple[str, int, int]]:
    """(namesake place id, lo, hi) of every dated group among ``seqs`` placed on a guess."""
    found = []
    for chunk in _chunks(sorted(seqs)):
        for others, lo, hi in connection.execute(
                f"SELECT namesakes, lo, hi FROM geomap_groups WHERE seq IN ({_marks(chunk)}) "
                "AND namesakes != '' AND lo IS NOT NULL", chunk):
            found.extend((other, lo, hi) for other in others.split())
    return found


#: The kind of a stored group (:data:`Kind`) as SQLite hands it over: its state's text from the
#: weapon's key on (read by :func:`kind_read`). SQLite parses no JSON for it: a state is a few KB of
#: JSON (its book, its evidence), and its kind three words near the start.
KIND_COLUMN = ("CASE WHEN substr(state, 1, 10) = '{\"event\": ' "
               "THEN substr(state, instr(state, '\"strike_type\": '), 160) END")
#: The kind read by SQLite out of the state, for a state laid out otherwise.
_KIND_EXTRACTED = ("json_extract(state, '$.event.strike_type'), json_extract(state, '$.event.target_type'), "
                   "json_extract(state, '$.event.status')")
#: How the kind's fields follow one another in a state as the store writes it (json.dumps of the
#: event's fields, in their order).
_KIND_KEYS = ('"strike_type": ', ', "target_type": ', ', "status": ')
_DECODER = json.JSONDecoder()


def kind_of(strike: str | None, target: str | None, status: str | None) -> Kind | None:
    """A kind of three values read (None when one of them is missing)."""
    return None if strike is None or target is None or status is None else (strike, target, status)


def kind_read(connection: sqlite3.Connection, seq: int, text: str | None) -> Kind | None:
    """The kind of the stored group ``seq`` from ``text`` (:data:`KIND_COLUMN`).

    The key ``"strike_type": `` found first in a state is the event's own: the event comes first,
    its fields hold no object, and inside a JSON string a quote is escaped. The target and status
    follow it as the store writes an event; any other text (another layout, or values longer than
    the text) is read by SQLite's json_extract, as before.
    """
    if text is not None:
        values, at = [], 0
        try:
            for key in _KIND_KEYS:
                if not text.startswith(key, at):
                    raise ValueError(key)
                value, at = _DECODER.raw_decode(text, at + len(key))
                values.append(value)
        except ValueError:
            pass
        else:
            return kind_of(*values)
    return kind_of(*connection.execute(f"SELECT {_KIND_EXTRACTED} FROM geomap_groups WHERE seq = ?",
                                       (seq,)).fetchone())


def seeds_of(connection: sqlite3.Connection, seqs: Iterable[int]) -> list[Seed]:
    """The seeds of stored groups (their windows and kinds as stored)."""
    found = []
    for chunk in _chunks(sorted(seqs)):
        found.extend(Seed(a or "", c or "", p, lo, hi, kind_read(connection, seq, kind), stored_moves(lo, hi))
                     for seq, a, c, p, lo, hi, kind in connection.execute(
                         f"SELECT seq, admin1, country, precision, lo, hi, {KIND_COLUMN} FROM geomap_groups "
                         f"WHERE seq IN ({_marks(chunk)}) AND lo IS NOT NULL", chunk))
    return found


def seeds_moved(connection: sqlite3.Connection, moved_to: dict[int, str]) -> list[Seed]:
    """The seeds of stored groups placed on a guess, each as it stands on the place it moves to
    (``moved_to``: seq -> place id): its window as stored, the region and country of that place
    (as :func:`geomap.namesakes.move_to` gives them)."""
    gazetteer = default_gazetteer()
    found = []
    for chunk in _chunks(sorted(moved_to)):
        for seq, a, c, p, lo, hi, kind in connection.execute(
                f"SELECT seq, admin1, country, precision, lo, hi, {KIND_COLUMN} FROM geomap_groups "
                f"WHERE seq IN ({_marks(chunk)}) AND lo IS NOT NULL", chunk):
            place = gazetteer.get(moved_to[seq])
            if place is not None:
                a, c = gazetteer.region_name(place.admin1) or a, place.country
            kind = kind_read(connection, seq, kind)
            found.append(Seed(a or "", c or "", p, lo, hi, kind, stored_moves(lo, hi)))
    return found


def with_housemates(connection: sqlite3.Connection, seqs: set[int]) -> set[int]:
    """``seqs`` with every group that went into the same kept event as one of them (as stored)."""
    found = set(seqs)
    todo = sorted(seqs)
    while todo:
        homes: set[int] = set()
        for chunk in _chunks(todo):
            homes.update(h for (h,) in connection.execute(
                f"SELECT home FROM geomap_groups WHERE seq IN ({_marks(chunk)}) AND home IS NOT NULL", chunk))
        members = set(homes)
        for chunk in _chunks(sorted(homes)):
            members.update(s for (s,) in connection.execute(
                f"SELECT seq FROM geomap_groups WHERE home IN ({_marks(chunk)})", chunk))
        todo = sorted(members - found)
        found |= members
    return found


def skeleton(connection: sqlite3.Connection, places: Iterable[str]) -> list[tuple[str, int | str | None]]:
    """Every (place id, bucket) of these places, in the order the whole merge first filed them."""
    return [(place, bucket) for _, place, bucket in sorted(skeleton_rows(connection, places))]


def skeleton_rows(connection: sqlite3.Connection, places: Iterable[str], *, busy_enough: bool = False
                  ) -> list[tuple[int, str, int | str | None]]:
    """``(first seq, place id, bucket)`` of every bucket of these places, in no order.

    With ``busy_enough``, of a place with :data:`geomap.merge.windows.BUSY_BUCKETS` buckets or more
    only that many of them (any): enough for a merger to look at it as at a busy place, in the days
    around each reading, where the order the buckets were filed in does not count (not for a
    reading of a month).
    """
    rows = []
    # Each bucket's JSON text parsed once: one day is a bucket of many places.
    parsed: dict[str, int | str | None] = {}

    def add(first: int, place: str, text: str) -> None:
        bucket = parsed.get(text, parsed)
        if bucket is parsed:
            bucket = parsed[text] = json.loads(text)
        rows.append((first, place, bucket))

    if busy_enough:
        # A place at a time: the busiest places of a day have hundreds of buckets, read no further.
        for place in sorted(set(places)):
            for first, text in connection.execute(
                    "SELECT min(seq), bucket FROM geomap_groups WHERE place_id = ? GROUP BY bucket LIMIT ?",
                    (place, BUSY_BUCKETS)):
                add(first, place, text)
        return rows
    for chunk in _chunks(sorted(set(places))):
        for first, place, text in connection.execute(
                f"SELECT min(seq), place_id, bucket FROM geomap_groups WHERE place_id IN ({_marks(chunk)}) "
                "GROUP BY place_id, bucket", chunk):
            add(first, place, text)
    return rows


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping spans joined, so that each stretch of days is asked for once."""
    out: list[tuple[int, int]] = []
    for lo, hi in sorted(spans):
        if out and lo <= out[-1][1] + 1:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out


def _less(spans: list[tuple[int, int]], taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The days of ``spans`` outside ``taken`` (both sorted stretches of days, neither overlapping
    itself), as stretches."""
    out: list[tuple[int, int]] = []
    for lo, hi in spans:
        for first, last in taken:
            if last < lo or first > hi:
                continue
            if first > lo:
                out.append((lo, first - 1))
            lo = last + 1
            if lo > hi:
                break
        if lo <= hi:
            out.append((lo, hi))
    return out


def _chunks(values: list) -> list[list]:
    return [values[i:i + 900] for i in range(0, len(values), 900)]  # below SQLite's parameter limit


def _marks(chunk: list) -> str:
    return ", ".join("?" * len(chunk))
