"""The merge's short cuts give what the plain code they replace gives (issue 16, part 4).

Each test builds many random cases where the short cut and the plain way could part (points on
either side of the 40 km reach, days at the edge of the 30-day window or unknown, kept events
whose date and target change when a coarse report folds into them, undated reports) and
compares the two.
"""

from __future__ import annotations

import datetime as dt
import random

import pytest

from geomap.gazetteer import Place, distance_km
from geomap.merge import Merger, fold
from geomap.merge.fold import _fold_coarse
from geomap.merge.merger import _copy
from geomap.merge.spill import SpillMerger
from geomap.merge.spill import merger as spill_module
from geomap.model import Event
from geomap.namesakes import NEAR_DAYS, NEAR_KM, _cell, _near, _Point, _same_day, _support, _Tally, settle

_BASE = dt.date(2024, 3, 1)


def _place(index: int, lat: float, lon: float) -> Place:
    return Place(id=f"p{index}", name=f"p{index}", lat=lat, lon=lon, kind="town", country="UA",
                 admin1="UA-14", admin2="Bakhmut Raion")


def _plain_support(anchors: list[tuple[float, float, int | None]], place: Place,
                   day: int | None) -> tuple[int, int]:
    """Every anchor measured and every day compared, as the step did before its index."""
    near = [d for lat, lon, d in anchors if distance_km(lat, lon, place.lat, place.lon) <= NEAR_KM]
    recent = sum(1 for d in near if day is not None and d is not None and abs(d - day) <= NEAR_DAYS)
    return recent, len(near)


def _anchors(rng: random.Random, count: int) -> list[tuple[float, float, int | None]]:
    # Few distinct points, each struck on many days (some unknown): what the index is for.
    points = [(48.0 + rng.uniform(-0.8, 0.8), 37.5 + rng.uniform(-1.2, 1.2)) for _ in range(25)]
    base = _BASE.toordinal()
    return [(*rng.choice(points), None if rng.random() < 0.1 else base + rng.randrange(-90, 90))
            for _ in range(count)]


@pytest.mark.parametrize("seed", range(5))
def test_support_by_bisection_counts_what_a_plain_count_does(seed):
    rng = random.Random(seed)
    anchors = _anchors(rng, 400)
    grid: dict = {}
    for lat, lon, day in anchors:
        grid.setdefault(_cell(lat, lon), {}).setdefault((lat, lon), []).append(day)
    cells = {cell: [_Point(lat, lon, days) for (lat, lon), days in points.items()]
             for cell, points in grid.items()}
    memo: dict = {}
    base = _BASE.toordinal()
    seen = set()
    for index in range(300):
        place = _place(index, 48.0 + rng.uniform(-1.0, 1.0), 37.5 + rng.uniform(-1.5, 1.5))
        # Days on the window's edges too (30 days from an anchor's day, and 31), and unknown.
        day = None if index % 7 == 0 else base + rng.randrange(-120, 120)
        for _ in range(2):  # the second time from the memo
            tally = _Tally(_near(cells, memo, place))
            got = _support(tally, day)
            assert got == _plain_support(anchors, place, day)
            # The anchors of the very day (of no known day when the day is unknown): a big town's test.
            assert _same_day(tally, day) == sum(
                1 for lat, lon, d in anchors
                if d == day and distance_km(lat, lon, place.lat, place.lon) <= NEAR_KM)
        seen.add(got)
    assert len(seen) > 20  # the cases differ: zero, some and many anchors, recent and old


def _guess(rng: random.Random, index: int) -> tuple[Event, list[Place]]:
    day = _BASE + dt.timedelta(days=rng.randrange(-60, 60))
    candidates = [_place(index * 10 + k, 48.0 + rng.uniform(-0.9, 0.9), 37.5 + rng.uniform(-1.3, 1.3))
                  for k in range(rng.randrange(2, 5))]
    event = Event(place="x", place_name="x", place_id=candidates[0].id, lat=candidates[0].lat,
                  lon=candidates[0].lon, event_date=None if index % 9 == 0 else day.isoformat(),
                  date_precision="day", namesakes=tuple(c.id for c in candidates[1:]))
    return event, candidates


def _plain_settle(guesses, anchors) -> list[tuple[Event, Place]]:
    """settle() as it chose before the index, for strike types the front says nothing about."""
    moves = []
    for event, candidates in guesses:
        day = dt.date.fromisoformat(event.event_date).toordinal() if event.event_date else None
        support = [_plain_support(anchors, place, day) for place in candidates]
        best = max(range(len(candidates)), key=lambda i: (support[i], i == 0))
        if best != 0 and support[best] > support[0]:
            moves.append((event, candidates[best]))
    return moves


@pytest.mark.parametrize("seed", range(5))
def test_settle_moves_the_guesses_a_plain_count_moves(seed):
    rng = random.Random(100 + seed)
    anchors = _anchors(rng, 300)
    guesses = [_guess(rng, i) for i in range(150)]
    moves = settle(guesses, iter(anchors))  # settle walks the anchors once
    assert moves == _plain_settle(guesses, anchors)
    assert 5 < len(moves) < len(guesses)  # some move, some stay


_REGIONS = (("UA-14", 48.0, 37.6), ("UA-63", 49.9, 36.3))


def _reading(rng: random.Random, index: int) -> Event:
    """A random report in one of two regions: a facility, a town, a district or the region itself,
    on a day, a week or a month, or undated; few places, few days, so reports meet."""
    admin1, lat, lon = rng.choice(_REGIONS)
    precision = rng.choice(("facility", "town", "town", "district", "region", "region"))
    spot = rng.randrange(4)
    if precision == "region":
        place_id, lat_, lon_ = f"region:{admin1}", lat, lon
    else:
        # Spots 0.15° apart: a town's 30 km holds some of the facilities and not others.
        place_id = f"{precision}:{admin1}:{spot}"
        lat_, lon_ = lat + 0.15 * spot, lon + 0.1 * (spot % 2)
    roll = rng.random()
    date = None if roll < 0.08 else (_BASE + dt.timedelta(days=rng.randrange(0, 25))).isoformat()
    date_precision = "unknown" if date is None else rng.choice(("day", "day", "day", "week", "month"))
    doc = f"d{rng.randrange(40)}"
    return Event(place=place_id, place_name=place_id, place_id=place_id, lat=lat_, lon=lon_, admin1=admin1,
                 country="UA", geo_precision=precision,
                 strike_type=rng.choice(("drone", "missile", "unknown")),
                 target_type=rng.choice(("energy", "military", "unknown", "unknown")),
                 status=rng.choice(("hit", "claimed", "intercepted", "unknown")), event_date=date,
                 date_precision=date_precision, doc_ids=[doc], sources=[f"{doc}.txt"],
                 evidence=[f"sentence {index} of {doc}"], confidence=round(rng.uniform(0.4, 0.9), 2))


def _merged_groups(readings: list[Event]) -> Merger:
    merger = Merger()
    for position, reading in enumerate(readings):
        merger.add(_copy(reading), published=f"2024-03-{1 + position % 28:02d}", position=position)
    return merger


def _fields(events) -> list[dict]:
    return [dict(event.__dict__) for event in events]


@pytest.mark.parametrize("seed", range(6))
def test_the_fold_stopping_at_the_first_coarser_kept_event_keeps_what_a_full_scan_keeps(seed, monkeypatch):
    rng = random.Random(seed)
    readings = [_reading(rng, i) for i in range(400)]
    results = []
    for plain in (False, True):
        if plain:  # every kept event of the buckets looked at, as before: _folds_into rejects the rest
            monkeypatch.setattr(fold, "_finer", lambda kept, level: iter(kept))
        merger = _merged_groups(readings)
        homes: dict = {}
        kept = _fold_coarse(list(merger._order), merger._members, homes)
        where = {id(e): i for i, e in enumerate(merger._order)}
        results.append((_fields(kept), sorted((where[k], where[id(v)]) for k, v in homes.items())))
    assert results[0] == results[1]
    assert len(results[0][1]) > 20  # coarse reports did fold


@pytest.mark.parametrize(("seed", "cache"), [(0, 1), (1, 2), (2, 1), (3, 7)])
def test_a_spilled_fold_asking_its_table_folds_as_the_merge_in_memory(seed, cache, monkeypatch, tmp_path):
    # Coarse reports fold into kept events whose date, strike and target they change; later ones
    # are tested against the changed event (the table's row is updated), undated ones by their
    # documents. A cache of one or two events: every candidate comes from the disk.
    rng = random.Random(1000 + seed)
    readings = [_reading(rng, i) for i in range(500)]
    in_memory = _merged_groups(readings).events()
    monkeypatch.setattr(spill_module, "CACHE_EVENTS", cache)
    spilled = SpillMerger(_merged_groups(readings[:50]), str(tmp_path))
    for position, reading in enumerate(readings[50:], start=50):
        spilled.add(_copy(reading), published=f"2024-03-{1 + position % 28:02d}", position=position)
    events = spilled.events()
    assert _fields(events) == _fields(in_memory)
    events.close()
    folded = sum(len(e.doc_ids) > 1 and e.geo_precision != "region" for e in in_memory)
    assert folded > 10 and any(e.event_date is None for e in in_memory)



@pytest.mark.parametrize("seed", range(6))
def test_ids_given_sorting_only_the_events_without_one_are_those_the_whole_sort_gives(seed, monkeypatch):
    # A store's update keeps nearly every event's id: _assign_ids then sorts only the events
    # without one. Against the whole sort (the short cut turned off), on events that share their
    # place, day and target group (so the order decides their ids), some with stored ids; in the
    # odd seeds two events share an id or one is reserved, where the whole sort is taken anyway.
    from geomap.merge import merger as merger_module

    rng = random.Random(2000 + seed)
    readings = [_reading(rng, i) for i in range(300)]
    # Stored ids as the merge makes them (those of these events, shuffled): new ids must go round them.
    named = [_copy(e) for e in readings]
    merger_module._assign_ids(named)
    ids = [e.event_id for e in named]
    rng.shuffle(ids)
    for event, event_id in zip(readings, ids, strict=True):
        event.event_id = event_id if rng.random() < 0.7 else ""
    reserved = {event_id for event_id in ids if rng.random() < 0.05} - {e.event_id for e in readings}
    if seed % 2:
        readings[3].event_id = readings[5].event_id = "ev-shared"
        readings[7].event_id = next(iter(reserved))
    results = []
    for plain in (False, True):
        events = [_copy(e) for e in readings]
        with monkeypatch.context() as m:
            if plain:
                m.setattr(merger_module, "_unnamed_only", lambda events, used: None)
            merger_module._assign_ids(events, keep=True, reserved=reserved)
        results.append([e.event_id for e in events])
    assert results[0] == results[1]
    assert len(set(results[0])) == len(readings) and not reserved & set(results[0])
    shortcut_taken = merger_module._unnamed_only([_copy(e) for e in readings], set(reserved)) is not None
    assert shortcut_taken == (seed % 2 == 0)
    assert set(results[0]) - set(ids)  # new ids were made
