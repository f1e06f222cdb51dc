"""A later round of a partial update, merged again only in the areas its added groups reach
(geomap/store/regions.py), writes what merging the whole part again writes (docs/scale.md)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from test_store import _tables  # every row of every table, less the times a run writes

from geomap.store import partial, regions, update_store

ROOT = Path(__file__).resolve().parents[1]


def _day(path: Path, source: Path, count: int) -> Path:
    """``count`` articles of ``source`` as one day's news (new ids, one publication day)."""
    with path.open("w", encoding="utf-8") as out, source.open(encoding="utf-8") as lines:
        for n, line in zip(range(count), lines, strict=False):
            record = {**json.loads(line), "id": f"day-{n}", "published": "2025-09-15"}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def test_a_later_round_merged_by_area_writes_what_the_whole_part_merged_again_writes(tmp_path, monkeypatch):
    # Stores of 1 MB of the benchmark's real-sentence corpus (a year of dates, dense enough that a
    # day's first round finds groups missing), each taking a day of 120 articles twice: merging
    # the later round by area, and merging the whole part again. The two stores must be the same,
    # table by table (ids, homes, settled guesses, the layers' rows and their order).
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from real_corpus import write_real_corpus

    merged = partial._merge_regions
    by_area: list[bool] = []  # whether each later round was merged by area
    after_strays: list[bool] = []  # ... of those that follow a round that found stored guesses settled anew

    def recording(looked_up, part, base, read, strays=None):
        outcome = merged(looked_up, part, base, read, strays)
        by_area.append(outcome is not None)
        if strays:
            after_strays.append(outcome is not None)
        return outcome

    monkeypatch.setattr(partial, "_merge_regions", recording)
    strays_checked = monkeypatch_strays_checked(monkeypatch)
    restored = monkeypatch_restores(monkeypatch)
    areas = 0
    # (Seeds whose day's later round is merged by area with today's development set and code; seeds
    # 2 and 9 settle stored guesses anew after the first round, and the round after merges by area.)
    for seed in (2, 3, 4, 7, 9):
        archive, news = tmp_path / f"archive{seed}.jsonl", tmp_path / f"news{seed}.jsonl"
        write_real_corpus(archive, 1.0, seed)
        write_real_corpus(news, 0.2, seed + 1000)
        day = _day(tmp_path / f"day{seed}.jsonl", news, 120)
        store, whole = tmp_path / f"area{seed}.gpkg", tmp_path / f"whole{seed}.gpkg"
        assert update_store(store, [str(archive)], outdir=None).full
        whole.write_bytes(store.read_bytes())
        restored.clear()
        by_area.clear()
        done = update_store(store, [str(day)], outdir=None)
        assert not done.full
        areas += any(by_area)
        mine = list(restored)
        with monkeypatch.context() as m:
            m.setattr(partial, "_BY_AREA", False)
            again = update_store(whole, [str(day)], outdir=None)
        assert (again.rounds, again.restored) == (done.rounds, done.restored)
        assert _tables(store) == _tables(whole)
        if by_area and by_area[-1]:
            assert mine[-1] < done.restored  # the later round merged part of the part again
    assert areas >= 2  # later rounds were merged by area (else this test compares nothing)
    assert any(after_strays)  # ... and a round after strays was (else that is not compared)
    assert strays_checked and any(strays_checked)  # strays were found, each round's as they are found whole


def test_a_later_round_merged_by_area_after_a_first_round_missing_groups_at_random(tmp_path, monkeypatch):
    # The first round of each update is made to miss a random share of its part (whole stored
    # events), so that the later round adds groups anywhere: in any area, guesses settled across
    # areas, events a group leaves for another area. By area or whole, the later round must write
    # the same, table by table.
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from real_corpus import write_real_corpus

    archive, news = tmp_path / "archive.jsonl", tmp_path / "news.jsonl"
    # (Seed 3: its day settles no stored guess anew, which would merge every later round whole.)
    write_real_corpus(archive, 1.0, 3)
    write_real_corpus(news, 0.2, 1003)
    day = _day(tmp_path / "day.jsonl", news, 120)
    store = tmp_path / "store.gpkg"
    update_store(store, [str(archive)], outdir=None)
    complete, merged = partial._complete, partial._merge_regions
    by_area: list[bool] = []

    def recording(looked_up, part, base, read, strays=None):
        outcome = merged(looked_up, part, base, read, strays)
        by_area.append(outcome is not None)
        return outcome

    monkeypatch.setattr(partial, "_merge_regions", recording)
    for seed in range(8):
        tables = []
        for whole in (False, True):
            copy = tmp_path / f"copy{whole}.gpkg"
            copy.write_bytes(store.read_bytes())
            with monkeypatch.context() as m:
                m.setattr(partial, "_complete", _MissingSome(complete, seed))
                m.setattr(partial, "_BY_AREA", not whole)
                done = update_store(copy, [str(day)], outdir=None)
            assert not done.full
            tables.append(_tables(copy))
        assert tables[0] == tables[1], seed
    assert sum(by_area) >= 4  # most later rounds were merged by area


class _MissingSome:
    """partial._complete, less a random share of whole stored events the first time an update asks."""

    def __init__(self, complete, seed: int) -> None:
        import random

        self.complete, self.rng, self.first = complete, random.Random(seed), True

    def __call__(self, looked_up, part: set[int]) -> set[int]:
        from geomap.store import touched

        found = self.complete(looked_up, part)
        if not self.first:
            return found
        self.first = False
        left_out = set(self.rng.sample(sorted(found), len(found) * self.rng.choice((5, 15, 30)) // 100))
        return found - touched.with_housemates(looked_up.connection, left_out)


def monkeypatch_restores(monkeypatch) -> list[int]:
    """The number of groups each merger restores, as they are restored."""
    restored: list[int] = []
    restore = partial.Merger.restore

    def counting(groups, skeleton=()):
        merger = restore(groups, skeleton)
        restored.append(len(merger))
        return merger

    monkeypatch.setattr(partial.Merger, "restore", staticmethod(counting))
    return restored


def _spot(place: str, area: regions.Area, country: str = "UA", settled: str | None = None) -> regions.Spot:
    return (place, settled or place, area, country)


def _partial_and_full(tmp_path: Path, seed: int):
    """A store of 1 MB of the real-sentence corpus of ``seed`` taking a day of 120 articles, by a
    partial and by a full update: (the partial update's summary, its features, the full one's)."""
    from test_scale import _features

    from geomap.store import read_store

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from real_corpus import write_real_corpus

    archive, news = tmp_path / "archive.jsonl", tmp_path / "news.jsonl"
    write_real_corpus(archive, 1.0, seed)
    write_real_corpus(news, 0.2, seed + 1000)
    day = _day(tmp_path / "day.jsonl", news, 120)
    store, reference = tmp_path / "store.gpkg", tmp_path / "reference.gpkg"
    update_store(store, [str(archive)], outdir=None)
    reference.write_bytes(store.read_bytes())
    done = update_store(store, [str(day)], outdir=None)
    update_store(reference, [str(day)], outdir=None, full=True)
    return done, _features(read_store(store)[0]), _features(read_store(reference)[0])


def test_guesses_the_merged_sure_points_settle_elsewhere_are_settled_as_a_full_update_does(tmp_path):
    # A day's report joining a stored sure event can move its day (or fold two into one); a stored
    # guess near it, settled by counting such points, may then stand elsewhere in a full update.
    # With seed 2's corpus the day does that to three guesses (found after the first round's
    # merge, settled in the second); before, the partial update left them where the store had them.
    done, partial_features, full_features = _partial_and_full(tmp_path, 2)
    assert not done.full and done.rounds >= 2
    assert partial_features == full_features


@pytest.mark.parametrize("seed", [7, 9])
def test_a_coarse_report_fitting_two_precise_events_goes_where_the_full_update_puts_it(tmp_path, seed):
    # Seed 7's day folds a region's report into one of two events of its region (Volgograd and the
    # Volgograd refinery, seed 9's Pavlohrad and the Mezhova community). The fold tried the
    # region's days in the order it filed them while the region had fewer than 20, and a partial
    # update restores only part of a region: the report went into the other event there (4 and 2
    # features differing). The fold now looks day by day however few days the region has.
    done, partial_features, full_features = _partial_and_full(tmp_path, seed)
    assert not done.full
    assert partial_features == full_features


def test_the_areas_a_later_round_reaches():
    kharkiv, sumy, donetsk = ("A", "Kharkiv Oblast"), ("A", "Sumy Oblast"), ("A", "Donetsk Oblast")
    spots = {1: _spot("p:a", kharkiv), 2: _spot("p:b", sumy), 3: _spot("p:c", donetsk),
             4: _spot("p:d", sumy, settled="p:e")}
    # An added group of Kharkiv reaches Kharkiv only.
    split = regions.Split.of({**spots, 9: _spot("p:a2", kharkiv)}, {9})
    assert split is not None
    assert [seq for seq, spot in spots.items() if split.holds(spot)] == [1]
    # One standing on a place a guess is settled onto reaches the areas of every group standing
    # there, before or after its guess is settled (the guess may meet them first): Sumy, Donetsk.
    spots[5] = _spot("p:e", donetsk)
    split = regions.Split.of({**spots, 9: _spot("p:e", kharkiv)}, {9})
    assert [seq for seq, spot in spots.items() if split.holds(spot)] == [1, 2, 3, 4, 5]
    # A place no guess is settled onto reaches nothing more.
    split = regions.Split.of({**spots, 9: _spot("p:b", kharkiv)}, {9})
    assert [seq for seq, spot in spots.items() if split.holds(spot)] == [1]
    # A group standing in another area than the event it went into as stored (a guess settled
    # elsewhere since) joins the two areas: what changed in that event is seen on one side.
    rostov = ("A", "Rostov Oblast")
    split = regions.Split.of({**spots, 8: _spot("p:r", rostov, "RU"), 9: _spot("p:a2", kharkiv)}, {9},
                             homes={8: 3, 3: 3, 9: None})
    assert [seq for seq, spot in spots.items() if split.holds(spot)] == [1]
    split = regions.Split.of({**spots, 8: _spot("p:r", rostov, "RU"), 9: _spot("p:r2", rostov, "RU")}, {9},
                             homes={8: 3, 3: 3, 9: None})
    assert [seq for seq, spot in spots.items() if split.holds(spot)] == [3, 5]  # Donetsk with Rostov
    # A country-wide event folds into any finer event of its country: every area of it is one.
    spots[6] = _spot("p:ua", ("C", "UA"))
    spots[7] = _spot("p:ru", ("A", "Belgorod Oblast"), country="RU")
    split = regions.Split.of({**spots, 9: _spot("p:a2", kharkiv)}, {9})
    assert [seq for seq, spot in spots.items() if split.holds(spot)] == [1, 2, 3, 4, 5, 6]
    # A town or district of no region folds with anything near it: no split.
    assert regions.Split.of({**spots, 8: _spot("p:x", None)}, {9, 8}) is None
    assert regions.area("", "town", "UA") is None
    assert regions.area("", "region", "UA") == ("N", "UA") == regions.area("", "facility", "UA")
    assert regions.area("Kyiv", "country", "UA") == ("C", "UA")


@pytest.mark.parametrize("settled", [None, "p:a"])
def test_a_stored_group_not_settled_elsewhere_is_folded_in_its_own_area(settled):
    event = {"place_id": "p:a", "admin1": "Kharkiv Oblast", "geo_precision": "town", "country": "UA",
             "namesakes": ["p:b"]}
    assert regions.spot_of(event, settled) == ("p:a", "p:a", ("A", "Kharkiv Oblast"), "UA")


def monkeypatch_strays_checked(monkeypatch) -> list[int]:
    """Each round's strays (:class:`geomap.store.strays.Strays`, which settles again only what changed
    since the round before) checked against :func:`guesses_moved_by_merge`, which settles every
    guess a changed point reaches; how many each round found."""
    from geomap.store import strays

    found: list[int] = []
    call = strays.Strays.__call__

    def checked(self, connection, changed, cells=None):
        answer = call(self, connection, changed, cells)
        assert answer == call(strays.Strays(), connection, changed, None)
        found.append(len(answer))
        return answer

    monkeypatch.setattr(strays.Strays, "__call__", checked)
    return found
