"""Where a store's guesses between namesakes stand: settled by the sure points that can count.

:func:`geomap.namesakes.settle` moves an event placed on a guess to the namesake with the most
sure points within :data:`geomap.namesakes.NEAR_KM`. Only sure points that near one of its
namesakes can count, so a store hands it just those (found by an index, or by a fine grid in
memory) instead of every sure point of the store: the same result for a fraction of the work.
"""

from __future__ import annotations

import json
import math
import sqlite3
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable

from .. import namesakes
from ..gazetteer import Place, default_gazetteer, distance_km
from ..merge import Merger
from ..model import Event
from ..namesakes import NEAR_KM
from .looked_up import _BOOK_AT, _DECODER, _EVENT_AT

_CELL = 0.25  # degrees: the cells of the grid in memory, much finer than NEAR_KM's reach


def settle_all(merger: Merger, states: dict[int, dict]) -> None:
    """Settle every guess among ``states`` (the state of each group by position, as it is now)."""
    grid: dict[tuple[int, int], list[tuple[int, tuple[float, float, int | None]]]] = defaultdict(list)
    for p, state in states.items():
        for point in namesakes.sure_points([_event_of(state)]):
            grid[_cell(point[0], point[1])].append((p, point))
    for p, state in states.items():
        event = _event_of(state)
        candidates = _candidates(event)
        if candidates is None:
            continue
        near: dict[int, tuple[float, float, int | None]] = {}
        for place in candidates:
            (south, west), (north, east) = (_cell(*corner) for corner in _box(place.lat, place.lon))
            for row in range(south, north + 1):
                for column in range(west, east + 1):
                    near.update(grid.get((row, column), ()))
        moves = namesakes.settle([(event, candidates)], list(near.values()))
        merger.settled[p] = moves[0][1].id if moves else event.place_id


def settle_changed(connection: sqlite3.Connection, merger: Merger, seqs: list[int], dirty: dict[int, dict],
                   stored_settled: dict[int, str | None], known: dict[str, str],
                   cells: dict[tuple[int, int], dict] | None = None,
                   elsewhere: dict[int, dict] | None = None) -> None:
    """Tell the merger where each of its guesses between namesakes stands.

    A restored guess no reading joined stands where the store says it was settled. A new or
    changed one is settled as a full update would settle it, by the sure points of the whole
    store (those within reach of its namesakes: the others cannot count, see geomap.namesakes).
    ``known`` keeps those found in an earlier round of the same update (the same readings make
    the same groups, whatever else is restored), by the group's state; ``cells`` the stored sure
    points read so far in the update (see :func:`sure_points_near`). ``elsewhere`` holds the states
    of the groups changed outside this merger (by seq) when it holds only part of the part
    (:mod:`geomap.store.regions`): their sure points count as they are now.
    """
    for p, seq in enumerate(seqs):
        if p not in dirty and stored_settled.get(seq):
            merger.settled[p] = stored_settled[seq]
    # The sure points of the groups the readings changed are as they are now, not as stored.
    changed = [point for state in dirty.values() for point in namesakes.sure_points([_event_of(state)])]
    stale = {seqs[p] for p in dirty if p < len(seqs)}
    if elsewhere:  # the groups changed in the rest of the part (by seq): counted as they are now too
        changed += [point for state in elsewhere.values()
                    for point in namesakes.sure_points([_event_of(state)])]
        stale |= set(elsewhere)
    todo: list[tuple[int, str, Event, list[Place]]] = []
    for p, state in dirty.items():
        event = _event_of(state)
        candidates = _candidates(event)
        if candidates is None:
            continue
        key = json.dumps(state["event"], sort_keys=True)
        if key in known:
            merger.settled[p] = known[key]
        else:
            todo.append((p, key, event, candidates))
    if not todo:
        return
    # All at once: a guess's support counts only the sure points within NEAR_KM of its namesakes,
    # so the points near the others' namesakes change nothing for it (one grid, not one a guess).
    stored = sure_points_near(connection, [(c.lat, c.lon) for *_, candidates in todo for c in candidates],
                              cells)
    anchors = changed + [point for seq, point in stored.items() if seq not in stale]
    moved = {id(event): place for event, place in namesakes.settle([(e, c) for *_, e, c in todo], anchors)}
    for p, key, event, _ in todo:
        place = moved.get(id(event))
        merger.settled[p] = known[key] = place.id if place is not None else event.place_id


def guesses_moved_by(connection: sqlite3.Connection, points: Iterable[tuple[float, float, int | None]],
                     cells: dict[tuple[int, int], dict] | None = None) -> set[int]:
    """The stored groups placed on a guess that new sure ``points`` move to another namesake
    (:func:`guesses_moved_to`, less where they go)."""
    return set(guesses_moved_to(connection, points, cells))


def guesses_moved_to(connection: sqlite3.Connection, points: Iterable[tuple[float, float, int | None]],
                     cells: dict[tuple[int, int], dict] | None = None,
                     elsewhere: set[str] | None = None,
                     guesses: Iterable[GuessRow] | None = None, *,
                     near_days_only: bool = False) -> dict[int, str]:
    """The stored groups placed on a guess that new sure ``points`` move to another namesake, each
    with the place it moves to.

    A day's sure points count for every guess with a namesake within NEAR_KM of them, however far
    the guess stands ("Oleksandropil" settled by Ocheretyne moves to the Oleksandropil by Vuhledar
    when a later day's reports name places around that one). Most such guesses stay where they
    are: each is settled again here by the store's sure points near its namesakes and the new
    ones, and only those that move are returned (to be restored and merged, as a full update
    would settle them; where they go tells the update what they may fold with there).
    ``cells`` keeps the stored sure points read, as for :func:`sure_points_near` (the update's
    merge asks for most of them again). ``elsewhere``, when given, is told every place a stored
    guess stands on other than its own (read in the same pass over the guesses). ``guesses``: the
    stored guesses, when read already (:func:`stored_guesses`: a scan of every group's row).

    ``near_days_only``: settle again only the guesses of a day within NEAR_DAYS of one of the
    points' days (or of no known day). A point farther in time from a guess adds only to the
    totals its namesakes are compared by after the points near its day, which seldom moves it. An
    update asks so before its first round, to find cheaply which guesses to restore: the check
    after each round (:mod:`geomap.store.strays`) settles again, exactly, every guess a sure point
    the merge made or changed reaches, and a guess moved by the totals alone is found there."""
    rows = stored_guesses(connection) if guesses is None else guesses
    reach = _Reach(list(points))
    if not reach:
        if elsewhere is not None:
            elsewhere.update(settled for _, place_id, _, settled in rows if settled and settled != place_id)
        return {}
    # New points add support only to the namesakes near them: the guess can move only when one
    # of those is not the namesake it stands on.
    near = reached_by(rows, reach, standing_counts=False, elsewhere=elsewhere)
    days = sorted({day for *_, day in reach.points if day is not None}) if near_days_only else None
    return _moves(connection, near, reach.points, set(), cells, days)


#: A stored guess as :func:`stored_guesses` reads it: (seq, place id, namesakes, settled place).
GuessRow = tuple[int, str, str, str | None]


def stored_guesses(connection: sqlite3.Connection) -> Iterable[GuessRow]:
    """Every stored group placed on a guess between namesakes, as :data:`GuessRow`, in the store's order."""
    return connection.execute(
        "SELECT seq, place_id, namesakes, settled FROM geomap_groups WHERE namesakes != ''")


def reached_by(guesses: Iterable[GuessRow], reach: _Reach, *, standing_counts: bool,
               elsewhere: set[str] | None = None) -> list[int]:
    """The seqs of the ``guesses`` with a namesake within reach of ``reach``'s points (the one a
    guess stands on counted only when ``standing_counts``); ``elsewhere``, when given, is told
    every place a guess stands on other than its own."""
    gazetteer = default_gazetteer()
    reached: dict[str, bool] = {}  # place id -> whether a point lies within reach of it
    near = []
    for seq, place_id, others, settled in guesses:
        standing = settled or place_id
        if elsewhere is not None and standing != place_id:
            elsewhere.add(standing)
        for i in (place_id, *others.split()):
            if i == standing and not standing_counts:
                continue
            if i not in reached:  # a store's guesses name a few thousand places, again and again
                place = gazetteer.get(i)
                reached[i] = place is not None and reach.near(place.lat, place.lon)
            if reached[i]:
                near.append(seq)
                break
    return near


def _moves(connection: sqlite3.Connection, near: list[int], points: list[tuple[float, float, int | None]],
           stale: set[int], cells: dict[tuple[int, int], dict] | None,
           days: list[int] | None = None) -> dict[int, str]:
    """Of the stored guesses ``near`` (seqs), those that the store's sure points less the ``stale``
    groups' and ``points`` settle elsewhere than they stand, each with the place it moves to.
    ``days`` (sorted), when given: only the guesses of a day within NEAR_DAYS of one of them, or
    of no known day, are settled; the others are taken to stand where they are."""
    if not near:
        return {}
    # Guesses alike in all that settling reads (their places, day, weapon) settle alike: once each.
    alike: dict[tuple, tuple[Event, list[Place], list[tuple[int, str]]]] = {}
    listed: dict[tuple, list[Place] | None] = {}  # (place id, namesakes) -> the candidates (_candidates)
    looked_up: dict[str, Place | None] = {}  # the gazetteer's places, by id, as looked up
    for chunk in (near[k:k + 500] for k in range(0, len(near), 500)):
        for seq, place_id, others, state, settled in connection.execute(
                "SELECT seq, place_id, namesakes, state, settled FROM geomap_groups "
                f"WHERE seq IN ({','.join('?' * len(chunk))})", chunk):
            event = _settling(place_id, others, state)
            if days is not None and event.event_date and not _near_in_time(event.event_date, days):
                continue
            key = (event.place_id, tuple(event.namesakes), event.event_date, event.strike_type)
            if key not in alike:
                if key[:2] not in listed:
                    listed[key[:2]] = _candidates(event, looked_up)
                candidates = listed[key[:2]]
                if candidates is None:
                    continue
                alike[key] = (event, candidates, [])
            alike[key][2].append((seq, settled or event.place_id))
    places = {(c.lat, c.lon) for _, candidates, _ in alike.values() for c in candidates}
    stored = sure_points_near(connection, places, cells)
    anchors = [*(point for seq, point in stored.items() if seq not in stale), *points]
    settled = namesakes.settle([(event, candidates) for event, candidates, _ in alike.values()], anchors)
    moved = {id(event): place.id for event, place in settled}
    return {seq: moved.get(id(event), event.place_id) for event, _, groups in alike.values()
            for seq, standing in groups if moved.get(id(event), event.place_id) != standing}


def _near_in_time(date: str, days: list[int]) -> bool:
    """Whether one of ``days`` (ordinals, sorted) lies within NEAR_DAYS of ``date`` (ISO)."""
    day = namesakes._ordinal(date)
    k = bisect_left(days, day - namesakes.NEAR_DAYS)
    return k < len(days) and days[k] <= day + namesakes.NEAR_DAYS


class _Reach:
    """Whether a place lies within ``km`` (NEAR_KM unless told) of one of some sure points (a grid
    of their cells)."""

    def __init__(self, points: list[tuple[float, float, int | None]], km: float = NEAR_KM) -> None:
        self.points, self.km = points, km
        self._cells: dict[tuple[int, int], list[tuple[float, float]]] = defaultdict(list)
        for lat, lon, _ in points:
            self._cells[_cell(lat, lon)].append((lat, lon))

    def __bool__(self) -> bool:
        return bool(self._cells)

    def near(self, lat: float, lon: float) -> bool:
        km = self.km
        (south, west), (north, east) = (_cell(*corner) for corner in _box(lat, lon, km))
        return any(distance_km(lat, lon, a, b) <= km
                   for row in range(south, north + 1) for column in range(west, east + 1)
                   for a, b in self._cells.get((row, column), ()))


def sure_points_near(connection: sqlite3.Connection, places: Iterable[tuple[float, float]],
                     cells: dict[tuple[int, int], dict] | None = None
                     ) -> dict[int, tuple[float, float, int | None]]:
    """The store's sure points (see :func:`geomap.namesakes.sure_points`) that may lie within
    :data:`geomap.namesakes.NEAR_KM` of one of the places (lat, lon), by the seq of their group.

    Read a grid cell at a time (each cell once, however many places' reach covers it), so some
    farther points come too; ``cells`` keeps the cells read, for the next call in the same
    transaction.
    """
    cells = {} if cells is None else cells
    wanted: set[tuple[int, int]] = set()
    for lat, lon in places:
        (south, west), (north, east) = (_cell(*corner) for corner in _box(lat, lon))
        wanted.update((row, column) for row in range(south, north + 1) for column in range(west, east + 1))
    # The cells not read yet, by row: one query a row (the index is by latitude first, so a
    # query a cell would walk the row's band of latitude once for each of its cells).
    by_row: dict[int, list[int]] = defaultdict(list)
    for row, column in sorted(wanted - cells.keys()):
        by_row[row].append(column)
    for row, columns in by_row.items():
        read = {(row, column): {} for column in columns}
        for seq, a, b, day in connection.execute(
                "SELECT seq, sure_lat, sure_lon, sure_day FROM geomap_groups "
                "WHERE sure_lat >= ? AND sure_lat < ? AND sure_lon >= ? AND sure_lon < ? "
                "ORDER BY sure_lat, sure_lon, seq",
                (row * _CELL, (row + 1) * _CELL, columns[0] * _CELL, (columns[-1] + 1) * _CELL)):
            cell = read.get((row, math.floor(b / _CELL)))
            if cell is not None and row * _CELL <= a < (row + 1) * _CELL:
                cell[seq] = (a, b, day)
        cells.update(read)
    found: dict[int, tuple[float, float, int | None]] = {}
    for cell in sorted(wanted):
        found.update(cells[cell])
    return found


def _candidates(event: Event, places: dict[str, Place | None] | None = None) -> list[Place] | None:
    """The places a guess may stand on, as the merge lists them; None when it is no guess.
    ``places`` keeps the gazetteer's places looked up, by id (a store's guesses name the same
    few thousand places again and again)."""
    if not event.namesakes:
        return None
    gazetteer = default_gazetteer()
    if places is None:
        candidates = [gazetteer.get(i) for i in (event.place_id, *event.namesakes)]
    else:
        for i in (event.place_id, *event.namesakes):
            if i not in places:
                places[i] = gazetteer.get(i)
        candidates = [places[i] for i in (event.place_id, *event.namesakes)]
    if candidates[0] is None:
        return None
    return [c for c in candidates if c is not None]


def _box(lat: float, lon: float, km: float = NEAR_KM) -> tuple[tuple[float, float], tuple[float, float]]:
    """South-west and north-east corners of a box that holds every point within ``km`` (NEAR_KM)."""
    dlat = km / 110.5 + 0.01
    dlon = km / (111.32 * max(math.cos(math.radians(min(abs(lat) + dlat, 89.0))), 0.01)) + 0.01
    return (lat - dlat, lon - dlon), (lat + dlat, lon + dlon)


def _cell(lat: float, lon: float) -> tuple[int, int]:
    return math.floor(lat / _CELL), math.floor(lon / _CELL)


#: How the fields settling reads begin in a stored state's event, and how its event ends.
_DATE_AT, _TYPE_AT, _EVENT_END = '"event_date": ', '"strike_type": ', '}' + _BOOK_AT


def _settling(place_id: str, others: str, text: str) -> Event:
    """A stored guess as settling reads it: its place and namesakes (the row's columns, as
    :func:`geomap.store.tables.group_row` writes them), its day and its weapon, found in its
    state (JSON ``text``) without parsing the rest of it (the evidence is most of an event's text).

    Found as keys: inside a JSON string a quote is escaped, so ``"event_date": `` is a key
    wherever it stands, and an event's fields hold no object of their own, so the first one before
    the event ends is the event's. Any other layout is parsed whole.
    """
    event = Event.__new__(Event)
    end = text.find(_EVENT_END) if text.startswith(_EVENT_AT) else -1
    date_at, type_at = text.find(_DATE_AT, 0, end), text.find(_TYPE_AT, 0, end)
    if end < 0 or date_at < 0 or type_at < 0:
        fields = _event_fields(text)
        event.__dict__.update(place_id=fields["place_id"], namesakes=tuple(fields["namesakes"]),
                              event_date=fields["event_date"], strike_type=fields["strike_type"])
        return event
    event.place_id, event.namesakes = place_id, tuple(others.split())
    event.event_date = _DECODER.raw_decode(text, date_at + len(_DATE_AT))[0]
    event.strike_type = _DECODER.raw_decode(text, type_at + len(_TYPE_AT))[0]
    return event


def _event_fields(text: str) -> dict:
    """The event's fields of a stored group state (JSON text), its book left unparsed when the
    text is laid out as the store writes it (the book is most of the text)."""
    if text.startswith(_EVENT_AT):
        event, end = _DECODER.raw_decode(text, len(_EVENT_AT))
        if text.startswith(_BOOK_AT, end):
            return event
    return json.loads(text)["event"]


def _event_of(state: dict) -> Event:
    event = Event.__new__(Event)
    event.__dict__.update(state["event"])
    return event
