"""Namesakes the text could not tell apart, settled by where the run's other strikes are.

A note such as "Russian forces shelled Novoselivka, Donetsk oblast" leaves several
Novoselivkas in that oblast, and nothing in the sentence chooses between them. The
strikes a run reads are not scattered at random, though: shelling, drones and glide
bombs fall along a front and in the same few towns again and again. So a guessed
village is moved to the namesake with the most of the run's sure points around it
(towns, districts and facilities that were never a guess), and stays where it was
when no namesake has more. Only the namesakes the reading left open are considered:
never one outside the region the text names, and never a city's district that only shares
the name as an alternate one.

Before the run's support, a prior that holds for any run: guns, mortars and bombs dropped
from aircraft fall on the front. A shelling or an air strike placed on a village more than
:data:`FRONT_KM` behind the front of its day (``gazetteer/front.tsv``) moves to a namesake on
the front when there is one, and the run's support only chooses among the namesakes on it.
A town of :data:`BIG_TOWN` people or more stays, whatever the front or the run's support say: a
note names such a town far more often than a hamlet of the same name.
"""

from __future__ import annotations

import datetime as dt
import math
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from pathlib import Path

from . import settings
from .gazetteer import Place, distance_km
from .gazetteer.front import fronts_km, lines_drawn
from .gazetteer.ranking import city_section
from .model import Event

#: How far (km) a sure point may lie from a namesake and still speak for it: about the reach of
#: the artillery and drones that most such notes report.
NEAR_KM = 40.0
#: Sure points this many days from a guessed event's day speak for it before any others.
NEAR_DAYS = 30
#: A village this close (km) to the day's front is on it: within reach of the guns on either
#: side, and about the error of the coarse line between its towns.
FRONT_KM = 20.0
#: The strike types that fall on the front: artillery (shelling, mortars, rockets) and air strikes
#: (bombs and glide bombs dropped from aircraft). Drones and missiles reach far behind it.
FRONT_TYPES = frozenset({"artillery", "airstrike"})
#: A guess standing on a town this large is not moved to the front, nor by the run's support
#: unless :data:`SAME_DAY_MIN` sure points of its own day stand around the namesake.
BIG_TOWN = 10_000
SAME_DAY_MIN = 2
_CELL_DEG = 1.0  # grid cells for finding the sure points near a place: wider than NEAR_KM up to 64° N
_POINT_PRECISIONS = frozenset({"town", "facility"})


def sure_points(events: Iterable[Event]) -> list[tuple[float, float, int | None]]:
    """The points of events read from text whose place was no guess, finer than a region, with
    the day (ordinal) of each, where known."""
    ordinal = _ordinal
    return [(e.lat, e.lon, ordinal(e.event_date) if e.event_date else None) for e in events  # _day, inlined
            if not e.namesakes and e.origin == "text" and e.geo_precision in _POINT_PRECISIONS]


def keep_struck_apart(events: list[Event]) -> None:
    """Take out of each guess's namesakes the places its report struck (the events of one document).

    A report that names Ivanivka beside Bilozerka means two places, even where the gazetteer
    files "Ivanivka" among Bilozerka's old names: the guess is never free to move onto Bilozerka.
    """
    struck = {e.place_id for e in events}
    for event in events:
        if event.namesakes and not struck.isdisjoint(event.namesakes):
            event.namesakes = tuple(i for i in event.namesakes if i not in struck)


def settle(guesses: Sequence[tuple[Event, Sequence[Place]]],
           anchors: Sequence[tuple[float, float, int | None]]) -> list[tuple[Event, Place]]:
    """The guessed events to move, each with the namesake it moves to.

    ``guesses`` pairs each event placed on a guess with its candidate places (the one chosen
    first); ``anchors`` are the sure points of the run (:func:`sure_points`). A candidate's
    support is the number of anchors within :data:`NEAR_KM` of it, those within
    :data:`NEAR_DAYS` of the event's day first (fronts move); an event moves only to a
    candidate with strictly more support than the one it stands on. For a shelling or an air
    strike with namesakes on the front of its day (:func:`on_front`), only those count, and
    one standing behind the front moves to the best supported of them.
    """
    # Each cell holds its distinct points with the days of the anchors there: a front-line town
    # reported a thousand times is one distance to work out, not a thousand, and its days, sorted,
    # are counted by bisection, not one by one (a corpus that names the same towns again and
    # again would otherwise cost the product of its guesses and its sure points).
    grid: defaultdict[tuple[int, int], dict[tuple[float, float], list[int | None]]] = defaultdict(dict)
    floor = math.floor
    for lat, lon, day in anchors:
        grid[floor(lat / _CELL_DEG), floor(lon / _CELL_DEG)].setdefault((lat, lon), []).append(day)  # _cell
    cells = {cell: [_Point(lat, lon, days) for (lat, lon), days in points.items()]
             for cell, points in grid.items()}
    del grid
    near: dict[tuple[float, float], list[_Point]] = {}  # the points within reach of a candidate
    tallies: dict[tuple[float, float], _Tally | None] = {}  # ... their anchors' days, all together
    folder = settings.gazetteer_dir()  # found once: the front's distances are asked for thousands of times
    # A district of a city that shares the village's name only as an alternate one
    # ("Kalynivskyi" of Donetsk for a Kalynivka) is no namesake to move to: its support is
    # the city's, not the village's.
    given = list(guesses)  # kept to the end: the memo below is by the identity of their candidates
    kept: dict[int, list[Place]] = {}  # id of a guess's candidates -> those that are no city's district
    guesses = []
    for event, candidates in given:
        if id(candidates) not in kept:  # guesses of a store read alike share one list (store.guesses)
            kept[id(candidates)] = [candidates[0], *(c for c in candidates[1:] if not city_section(c))]
        guesses.append((event, kept[id(candidates)]))
    moves: list[tuple[Event, Place]] = []
    # By the identity of a guess's candidates: those with anchors near them, as (position, tally)
    # (a candidate with none has support (0, 0), and is never the best but for the one the guess
    # stands on, which wins the ties); and on_front's answer for the lines drawn on a day (it
    # depends on nothing else), worked out for all of them at once.
    supported: dict[int, list[tuple[int, _Tally]]] = {}
    drawn: dict[str, tuple[int, ...]] = {}  # a day -> the lines drawn for it
    keys: list[tuple[int, tuple[int, ...]] | None] = []
    asked: dict[tuple[int, tuple[int, ...]], tuple[Event, list[Place]]] = {}
    for event, candidates in guesses:
        key = None
        if _front_asked(event, candidates):
            if event.event_date not in drawn:
                drawn[event.event_date] = lines_drawn(_date(event.event_date), folder)
            key = (id(candidates), drawn[event.event_date])
            asked.setdefault(key, (event, candidates))
        keys.append(key)
    fronts_km(((place.lat, place.lon, _date(event.event_date))
               for event, candidates in asked.values() for place in candidates), folder)
    fronts = {key: on_front(event, candidates, folder) for key, (event, candidates) in asked.items()}
    none = (0, 0)
    for (event, candidates), key in zip(guesses, keys, strict=True):
        day = _day(event)
        big = candidates[0].population >= BIG_TOWN
        active = supported.get(id(candidates))
        if active is None:
            active = supported[id(candidates)] = [(i, tally) for i, place in enumerate(candidates)
                                                  if (tally := _tally(cells, near, tallies, place))]
        if big:
            # A report names a town of that size far more often than a hamlet of its name: the
            # run's strikes around a hamlet ("Lozova" by Borova, not the city of 54,000; a
            # Mykolaivka of Donetsk oblast, not Mykolaiv) speak for it only when they fell on
            # the very day, as when one report lists the villages struck around it.
            support = {i: none if i and _same_day(tally, day) < SAME_DAY_MIN else _support(tally, day)
                       for i, tally in active}
        else:
            support = {i: _support(tally, day) for i, tally in active}
        front = None if key is None else fronts[key]
        first = support.get(0, none)
        if front is None:
            # Only the candidates with support can beat the first (max keeps the first of equals,
            # as over all of them: these come in the same order).
            best = max((0, *(i for i in support if i)), key=lambda i: (support.get(i, none), i == 0))
            if best != 0 and support[best] > first:
                moves.append((event, candidates[best]))
        else:
            allowed = [i for i in range(len(candidates)) if front[i]]
            best = max(allowed, key=lambda i: (support.get(i, none), i == 0))
            if best != 0 and (support.get(best, none) > first or not front[0]):
                moves.append((event, candidates[best]))
    return moves


def move_to(event: Event, place: Place, region_name: Callable[[str], str | None]) -> None:
    """Put a guessed event on the namesake ``place`` :func:`settle` chose; the place it left joins
    its namesakes, for it is still a guess. ``region_name`` names a region code (the gazetteer's)."""
    left = (event.place_id, *event.namesakes)
    event.place_name, event.place_id = place.name, place.id
    event.lat, event.lon = place.lat, place.lon
    event.admin1 = region_name(place.admin1) or event.admin1
    event.country = place.country
    event.namesakes = tuple(sorted(i for i in left if i != place.id))


def on_front(event: Event, candidates: Sequence[Place], folder: Path | None = None) -> list[bool] | None:
    """Which candidates lie within :data:`FRONT_KM` of the front on the event's day, or None when
    the front says nothing: another strike type, no day, a big town chosen, or none on the front.
    ``folder`` is the gazetteer's (default: :func:`geomap.settings.gazetteer_dir`)."""
    if not _front_asked(event, candidates):
        return None
    day = dt.date.fromisoformat(event.event_date)
    kms = fronts_km([(place.lat, place.lon, day) for place in candidates], folder)
    near = [km is not None and km <= FRONT_KM for km in kms]
    return near if any(near) else None


def _front_asked(event: Event, candidates: Sequence[Place]) -> bool:
    """Whether the front has a say for the event (:func:`on_front`): a shelling or an air strike
    of a known day, placed first on a village smaller than :data:`BIG_TOWN`."""
    return event.strike_type in FRONT_TYPES and bool(event.event_date) and candidates[0].population < BIG_TOWN


def _same_day(tally: _Tally | None, day: int | None) -> int:
    """The anchors of ``tally`` of the day ``day``; of no known day when it is None (a report
    that gives no date: its other places are as undated as the guess)."""
    if tally is None:
        return 0
    if day is None:
        return tally.undated
    return bisect_right(tally.days, day) - bisect_left(tally.days, day)


def _day(event: Event) -> int | None:
    return _ordinal(event.event_date) if event.event_date else None


@lru_cache(maxsize=4096)
def _date(date: str) -> dt.date:
    return dt.date.fromisoformat(date)


@lru_cache(maxsize=4096)
def _ordinal(date: str) -> int:
    # A run's sure points fall on few distinct days.
    return dt.date.fromisoformat(date).toordinal()


def _cell(lat: float, lon: float) -> tuple[int, int]:
    return math.floor(lat / _CELL_DEG), math.floor(lon / _CELL_DEG)


class _Point:
    """A distinct sure point: how many anchors stand on it, and their known days, sorted."""

    __slots__ = ("count", "days", "lat", "lon")

    def __init__(self, lat: float, lon: float, days: list[int | None]) -> None:
        self.lat, self.lon, self.count = lat, lon, len(days)
        self.days = sorted(d for d in days if d is not None)


class _Tally:
    """The anchors within reach of a place: how many, how many of no known day, and the known
    days of all of them in one sorted list (counted by two bisections, whatever their points)."""

    __slots__ = ("count", "days", "undated")

    def __init__(self, points: list[_Point]) -> None:
        self.count = sum(point.count for point in points)
        self.days: list[int] = []
        for point in points:  # each point's days sorted already: one list of sorted runs, sorted
            self.days += point.days
        self.days.sort()
        self.undated = self.count - len(self.days)


def _tally(cells: dict[tuple[int, int], list[_Point]], memo: dict[tuple[float, float], list[_Point]],
           tallies: dict[tuple[float, float], _Tally | None], place: Place) -> _Tally | None:
    """The :class:`_Tally` of the sure points within :data:`NEAR_KM` of ``place`` (None: there
    are none), kept in ``tallies`` by its point."""
    key = (place.lat, place.lon)
    if key not in tallies:
        points = _near(cells, memo, place)
        tallies[key] = _Tally(points) if points else None
    return tallies[key]


def _near(cells: dict[tuple[int, int], list[_Point]], memo: dict[tuple[float, float], list[_Point]],
          place: Place) -> list[_Point]:
    """The distinct sure points within :data:`NEAR_KM` of ``place`` (kept in ``memo`` by its point)."""
    found = memo.get((place.lat, place.lon))
    if found is not None:
        return found
    row, col = _cell(place.lat, place.lon)
    # A degree of latitude is at least 110.5 km, and of longitude 111.3 km times its cosine: a point
    # outside that box (a tenth wider, for the curve of the shortest path) cannot lie within
    # NEAR_KM, and the box is far cheaper than the distance.
    lat_reach = 1.1 * NEAR_KM / 110.5
    lon_reach = 1.1 * NEAR_KM / (111.3 * max(math.cos(math.radians(abs(place.lat) + lat_reach)), 0.01))
    found = []
    for dr in (-1, 0, 1):
        for dc in (-1, 0, 1):
            for point in cells.get((row + dr, col + dc), ()):
                if abs(point.lat - place.lat) <= lat_reach and abs(point.lon - place.lon) <= lon_reach and \
                        distance_km(point.lat, point.lon, place.lat, place.lon) <= NEAR_KM:
                    found.append(point)
    memo[(place.lat, place.lon)] = found
    return found


def _support(tally: _Tally, day: int | None) -> tuple[int, int]:
    """(anchors within :data:`NEAR_DAYS` of ``day``, all anchors) of ``tally``."""
    if day is None:
        return 0, tally.count
    return bisect_right(tally.days, day + NEAR_DAYS) - bisect_left(tally.days, day - NEAR_DAYS), tally.count
