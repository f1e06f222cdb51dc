"""The dated front (gazetteer/front.tsv) and the prior it gives namesakes (geomap.namesakes).

Facts used here: Bakhmut stood on the front through the winter of 2022-23; Kherson city was
held by Russia until 11 November 2022 (the front then ran about 30 km west and north of it)
and lay on the Dnipro front after; Kupiansk was held by Russia from late February to early
September 2022 and stood on the front after; Lviv never did. Kherson oblast has Mykhailivkas
on the Dnipro (Beryslav and Kakhovka raions) and far behind it (Skadovsk and Henichesk raions),
per KATOTTG and GeoNames.
"""

from __future__ import annotations

import datetime as dt
import random

import pytest

from geomap import settings
from geomap.gazetteer import Place, default_gazetteer
from geomap.gazetteer.front import _front_km_alone, front_km, fronts_km
from geomap.model import Event
from geomap.namesakes import FRONT_KM, settle
from geomap.pipeline import extract_text

BAKHMUT = (48.595, 37.999)
KHERSON = (46.636, 32.617)
KUPIANSK = (49.710, 37.616)
LVIV = (49.842, 24.032)


@pytest.mark.parametrize("point, day, near", [
    (BAKHMUT, "2023-01-15", True),
    (KHERSON, "2022-06-01", False),    # behind the Russian lines
    (KHERSON, "2023-01-15", True),     # on the Dnipro
    (KUPIANSK, "2022-06-01", False),   # behind the Russian lines
    (KUPIANSK, "2023-06-01", True),
    (LVIV, "2023-06-01", False),
])
def test_the_front_moves_with_the_day(point, day, near):
    km = front_km(*point, dt.date.fromisoformat(day))
    assert km is not None
    assert (km <= FRONT_KM) is near, km


def test_no_front_for_an_unknown_day_or_before_the_first_line():
    assert front_km(*BAKHMUT, None) is None
    assert front_km(*BAKHMUT, dt.date(2010, 1, 1)) is None


def test_many_points_at_once_are_each_the_distance_of_the_point_alone():
    # fronts_km works out many points in one array (settling a store's thousands of guesses): each
    # must be the very float worked out for the point alone, or a guess 20 km from the front
    # could land on the other side of FRONT_KM in one update and not in another.
    rng = random.Random(7)
    folder = settings.gazetteer_dir()
    first, last = dt.date(2014, 6, 1).toordinal(), dt.date(2025, 6, 1).toordinal()
    points = [(rng.uniform(46.0, 50.5), rng.uniform(32.0, 39.5),
               dt.date.fromordinal(rng.randint(first, last))) for _ in range(3000)]
    points += points[:50]  # asked twice in one call
    alone = [_front_km_alone(lat, lon, day, folder) for lat, lon, day in points]
    assert fronts_km(points, folder) == alone
    assert fronts_km(points[::-1], folder) == alone[::-1]  # now from what is kept
    assert [front_km(lat, lon, day) for lat, lon, day in points[:200]] == alone[:200]
    assert sum(km is None for km in alone) > 100  # days before the first line
    assert sum(km is not None and km <= FRONT_KM for km in alone) > 100


def _village(pid: str, lat: float, lon: float) -> Place:
    return Place(id=pid, name="Mykhailivka", lat=lat, lon=lon, kind="town", country="UA", admin1="UA-65",
                 admin2="x Raion")


def _guess(strike_type: str, day: str = "2023-05-02", population: int = 0) -> tuple[Event, list[Place]]:
    behind = _village("behind", 46.20, 33.60)._replace(population=population)   # near Skadovsk
    on_front = _village("front", 46.95, 33.50)                                  # by the Dnipro
    event = Event(place="Mykhailivka", place_name="Mykhailivka", place_id="behind", lat=behind.lat,
                  lon=behind.lon, event_date=day, strike_type=strike_type, namesakes=("front",))
    return event, [behind, on_front]


def test_a_shelling_behind_the_front_moves_to_the_namesake_on_it():
    event, candidates = _guess("artillery")
    assert settle([(event, candidates)], []) == [(event, candidates[1])]
    event, candidates = _guess("airstrike")
    assert settle([(event, candidates)], []) == [(event, candidates[1])]


def test_the_front_says_nothing_of_drones_missiles_big_towns_or_other_days():
    for strike_type in ("drone", "missile", "unknown"):
        event, candidates = _guess(strike_type)
        assert settle([(event, candidates)], []) == []
    event, candidates = _guess("artillery", population=25_000)
    assert settle([(event, candidates)], []) == []
    # Before November 2022 the Dnipro was no front: both villages lay behind the Russian lines.
    event, candidates = _guess("artillery", day="2022-06-01")
    assert settle([(event, candidates)], []) == []


def test_the_runs_support_does_not_take_a_shelling_off_the_front():
    event, candidates = _guess("artillery")
    front_first = [candidates[1], candidates[0]]
    event.place_id, event.lat, event.lon, event.namesakes = "front", 46.95, 33.50, ("behind",)
    # Three of the run's sure points lie by the namesake behind the front: they do not count.
    anchors = [(46.21, 33.61, None), (46.19, 33.59, None), (46.22, 33.60, None)]
    assert settle([(event, front_first)], anchors) == []


def test_a_note_of_shelling_lands_on_the_namesake_on_the_front():
    gazetteer = default_gazetteer()
    (shelled,) = extract_text("Russian artillery hit Mykhailivka, Kherson region, on 2 May 2023.",
                              published="2023-05-03")
    assert shelled.strike_type == "artillery"
    place = gazetteer.get(shelled.place_id)
    assert place.admin2 in ("Beryslav Raion", "Kakhovka Raion")
    assert front_km(place.lat, place.lon, dt.date(2023, 5, 2)) <= FRONT_KM
    # Still a guess: the other namesakes are kept and the confidence stays low.
    assert shelled.namesakes and shelled.confidence <= 0.65
    (droned,) = extract_text("A Russian drone hit Mykhailivka, Kherson region, on 2 May 2023.",
                             published="2023-05-03")
    assert droned.strike_type == "drone"
    assert gazetteer.get(droned.place_id).admin2 == "Skadovsk Raion"


def test_front_tsv_is_what_its_build_script_makes_of_the_committed_files():
    import csv
    import importlib.util
    from pathlib import Path

    folder = Path(__file__).resolve().parent.parent / "gazetteer"
    spec = importlib.util.spec_from_file_location("build_front", folder / "build_front.py")
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    with open(folder / "front.tsv", encoding="utf-8") as fh:
        committed = [row for row in csv.reader(fh, delimiter="\t")][1:]
    assert build.front_rows(default_gazetteer(), folder) == committed
    # Every town of the hand-written lines was found within SNAP_KM of its rough point.
    towns = [row for row in committed if row[5]]
    with open(folder / "front_towns.tsv", encoding="utf-8") as fh:
        assert len(towns) == sum(1 for _ in fh) - 1


def test_a_namesake_beyond_the_towns_reach_is_a_rival():
    # Two Mykhailivkas of Donetsk oblast 47 km apart (GeoNames 701207 in the Horlivka hromada,
    # 8354712 in the Donetsk hromada): a point at the wrong one is no point at the town meant.
    from geomap.place_doubts import rivals

    horlivka = Place(id="a", name="Mykhailivka", lat=48.30, lon=38.00, kind="town", country="UA",
                     admin1="UA-14", admin2="Horlivka Raion")
    donetsk = horlivka._replace(id="b", lat=47.95, lon=37.60, admin2="Donetsk Raion")
    beside = horlivka._replace(id="c", lat=48.38, lon=38.05)   # 10 km off: the same place on a map
    assert rivals(horlivka, [donetsk, beside], within=True) == (donetsk,)


def test_a_mortar_note_lands_on_the_namesake_on_the_front_even_a_short_way_off():
    gazetteer = default_gazetteer()
    (event,) = extract_text("Ukrainian mortars hit Mykhailivka, Donetsk oblast, on 24 May 2022.",
                            published="2022-05-25")
    place = gazetteer.get(event.place_id)
    assert place.admin3 == "Horlivka Hromada"
    assert "geonames:8354712" in event.namesakes  # the Donetsk-hromada namesake, 47 km away, kept
