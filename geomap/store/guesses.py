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
from collections import defaultdict
from collections.abc import Iterable

from .. import namesakes
from ..gazetteer import Place, default_gazetteer
from ..merge import Merger
from ..model import Event
from ..namesakes import NEAR_KM

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
                   near: dict[tuple[float, float], dict] | None = None) -> None:
    """Tell the merger where each of its guesses between namesakes stands.

    A restored guess no reading joined stands where the store says it was settled. A new or
    changed one is settled as a full update would settle it, by the sure points of the whole
    store (those within reach of its namesakes: the others cannot count, see geomap.namesakes).
    ``known`` keeps those found in an earlier round of the same update (the same readings make
    the same groups, whatever else is restored), by the group's state; ``near`` the stored sure
    points found near each place (lat, lon) so far in the update.
    """
    for p, seq in enumerate(seqs):
        if p not in dirty and stored_settled.get(seq):
            merger.settled[p] = stored_settled[seq]
    # The sure points of the groups the readings changed are as they are now, not as stored.
    changed = [point for state in dirty.values() for point in namesakes.sure_points([_event_of(state)])]
    stale = {seqs[p] for p in dirty if p < len(seqs)}
    for p, state in dirty.items():
        event = _event_of(state)
        candidates = _candidates(event)
        if candidates is None:
            continue
        key = json.dumps(state["event"], sort_keys=True)
        if key in known:
            merger.settled[p] = known[key]
            continue
        stored = sure_points_near(connection, [(c.lat, c.lon) for c in candidates], near)
        anchors = changed + [point for seq, point in stored.items() if seq not in stale]
        moves = namesakes.settle([(event, candidates)], anchors)
        merger.settled[p] = known[key] = moves[0][1].id if moves else event.place_id


def sure_points_near(connection: sqlite3.Connection, places: Iterable[tuple[float, float]],
                     near: dict[tuple[float, float], dict] | None = None
                     ) -> dict[int, tuple[float, float, int | None]]:
    """The store's sure points (see :func:`geomap.namesakes.sure_points`) that may lie within
    :data:`geomap.namesakes.NEAR_KM` of one of the places (lat, lon), by the seq of their group.

    ``near`` keeps what was found around each place, for the next call in the same transaction.
    """
    found: dict[int, tuple[float, float, int | None]] = {}
    for lat, lon in places:
        if near is not None and (lat, lon) in near:
            found.update(near[lat, lon])
            continue
        (south, west), (north, east) = _box(lat, lon)
        here = {seq: (a, b, day) for seq, a, b, day in connection.execute(
            "SELECT seq, sure_lat, sure_lon, sure_day FROM geomap_groups WHERE sure_lat BETWEEN ? AND ? "
            "AND sure_lon BETWEEN ? AND ?", (south, north, west, east))}
        if near is not None:
            near[lat, lon] = here
        found.update(here)
    return found


def _candidates(event: Event) -> list[Place] | None:
    """The places a guess may stand on, as the merge lists them; None when it is no guess."""
    if not event.namesakes:
        return None
    gazetteer = default_gazetteer()
    candidates = [gazetteer.get(i) for i in (event.place_id, *event.namesakes)]
    if candidates[0] is None:
        return None
    return [c for c in candidates if c is not None]


def _box(lat: float, lon: float) -> tuple[tuple[float, float], tuple[float, float]]:
    """South-west and north-east corners of a box that holds every point within NEAR_KM."""
    dlat = NEAR_KM / 110.5 + 0.01
    dlon = NEAR_KM / (111.32 * max(math.cos(math.radians(min(abs(lat) + dlat, 89.0))), 0.01)) + 0.01
    return (lat - dlat, lon - dlon), (lat + dlat, lon + dlon)


def _cell(lat: float, lon: float) -> tuple[int, int]:
    return math.floor(lat / _CELL), math.floor(lon / _CELL)


def _event_of(state: dict) -> Event:
    event = Event.__new__(Event)
    event.__dict__.update(state["event"])
    return event
