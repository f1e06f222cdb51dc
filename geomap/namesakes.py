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
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Iterable, Sequence

from .gazetteer import Place, distance_km
from .gazetteer.ranking import city_section
from .model import Event

#: How far (km) a sure point may lie from a namesake and still speak for it: about the reach of
#: the artillery and drones that most such notes report.
NEAR_KM = 40.0
#: Sure points this many days from a guessed event's day speak for it before any others.
NEAR_DAYS = 30
_CELL_DEG = 1.0  # grid cells for finding the sure points near a place: wider than NEAR_KM up to 64° N
_POINT_PRECISIONS = frozenset({"town", "facility"})


def sure_points(events: Iterable[Event]) -> list[tuple[float, float, int | None]]:
    """The points of events read from text whose place was no guess, finer than a region, with
    the day (ordinal) of each, where known."""
    return [(e.lat, e.lon, _day(e)) for e in events
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
    candidate with strictly more support than the one it stands on.
    """
    # Each cell holds its distinct points with the days of the anchors there: a front-line town
    # reported a thousand times is one distance to work out, not a thousand.
    grid: dict[tuple[int, int], dict[tuple[float, float], list[int | None]]] = defaultdict(dict)
    for lat, lon, day in anchors:
        grid[_cell(lat, lon)].setdefault((lat, lon), []).append(day)
    moves: list[tuple[Event, Place]] = []
    for event, candidates in guesses:
        # A district of a city that shares the village's name only as an alternate one
        # ("Kalynivskyi" of Donetsk for a Kalynivka) is no namesake to move to: its support is
        # the city's, not the village's.
        candidates = [candidates[0], *(c for c in candidates[1:] if not city_section(c))]
        day = _day(event)
        support = [_support(grid, place, day) for place in candidates]
        best = max(range(len(candidates)), key=lambda i: (support[i], i == 0))
        if best != 0 and support[best] > support[0]:
            moves.append((event, candidates[best]))
    return moves


def _day(event: Event) -> int | None:
    return dt.date.fromisoformat(event.event_date).toordinal() if event.event_date else None


def _cell(lat: float, lon: float) -> tuple[int, int]:
    return math.floor(lat / _CELL_DEG), math.floor(lon / _CELL_DEG)


def _support(grid: dict[tuple[int, int], dict[tuple[float, float], list[int | None]]], place: Place,
             day: int | None) -> tuple[int, int]:
    row, col = _cell(place.lat, place.lon)
    # A degree of latitude is at least 110.5 km, and of longitude 111.3 km times its cosine: a point
    # outside that box (a tenth wider, for the curve of the shortest path) cannot lie within
    # NEAR_KM, and the box is far cheaper than the distance.
    lat_reach = 1.1 * NEAR_KM / 110.5
    lon_reach = 1.1 * NEAR_KM / (111.3 * max(math.cos(math.radians(abs(place.lat) + lat_reach)), 0.01))
    recent = near = 0
    for dr in (-1, 0, 1):
        for dc in (-1, 0, 1):
            for (lat, lon), days in grid.get((row + dr, col + dc), {}).items():
                if abs(lat - place.lat) > lat_reach or abs(lon - place.lon) > lon_reach or \
                        distance_km(lat, lon, place.lat, place.lon) > NEAR_KM:
                    continue
                near += len(days)
                if day is not None:
                    recent += sum(1 for d in days if d is not None and abs(d - day) <= NEAR_DAYS)
    return recent, near
