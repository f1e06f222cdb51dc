"""A long run's merge on disk (geomap.merge.spill) gives the events of a run that merges in memory.

The documents are the real development articles (tests/real/dev) over five publication days,
as in tests/test_scale.py: reports merge across documents, namesake guesses move, coarse
reports fold into precise ones. The runs here are forced onto the disk early (a tiny
GEOMAP_SPILL_AFTER) with a cache of a few events, so every step goes through the tables.
"""

from __future__ import annotations

import gc
import json

import pytest
from test_scale import ROOT, _write_shards

from geomap import namesakes
from geomap.cli import main
from geomap.merge import spill
from geomap.merge.spill import SpilledEvents, spill_after
from geomap.merge.spill import merger as spill_merger
from geomap.merge.spill.storage import _key
from geomap.pipeline import extract_events


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> list[str]:
    return [str(p) for p in _write_shards(tmp_path_factory.mktemp("shards"))] + [str(ROOT / "examples")]


@pytest.fixture(scope="module")
def in_memory(inputs):
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("GEOMAP_SPILL_AFTER", "-1")
        return extract_events(inputs, jobs=1)


def _fields(events) -> list[dict]:
    return [dict(event.__dict__) for event in events]


@pytest.mark.parametrize(("after", "cache"), [(0, 1), (0, 3), (37, 2), (150, 50)])
def test_a_spilled_run_gives_the_events_of_one_in_memory(inputs, in_memory, monkeypatch, after, cache):
    assert isinstance(in_memory.events, list)
    monkeypatch.setenv("GEOMAP_SPILL_AFTER", str(after))
    monkeypatch.setattr(spill_merger, "CACHE_EVENTS", cache)
    moved: list = []
    settle = namesakes.settle

    def counted(guesses, anchors):
        found = settle(guesses, anchors)
        moved.extend(found)
        return found

    monkeypatch.setattr(namesakes, "settle", counted)
    spilled = extract_events(inputs, jobs=1)
    assert isinstance(spilled.events, SpilledEvents)
    # Every field of every event (namesakes and origin too), in order; mentions and counts.
    assert _fields(spilled.events) == _fields(in_memory.events)
    assert spilled.mentions == in_memory.mentions and spilled.documents == in_memory.documents
    # The comparison means something: guesses moved on disk, and reports merged and folded.
    assert moved
    assert any(len(e.doc_ids) > 1 for e in spilled.events)
    assert len(spilled.events) > 400


def test_spilled_outputs_are_byte_identical(inputs, tmp_path, monkeypatch, capsys):
    outputs = {}
    for label, after, jobs in (("memory", "-1", "1"), ("disk", "0", "2"), ("late", "60", "1")):
        monkeypatch.setenv("GEOMAP_SPILL_AFTER", after)
        target = tmp_path / f"{label}.geojson"
        assert main(["extract", *inputs, "-o", str(target), "--jobs", jobs]) == 0
        assert main(["run", *inputs, "-o", str(tmp_path / label), "--jobs", jobs]) == 0
        outputs[label] = [target.read_bytes()] + [(tmp_path / label / f"strikes.{kind}").read_bytes()
                                                  for kind in ("geojson", "csv", "html")]
    capsys.readouterr()
    assert outputs["memory"] == outputs["disk"] == outputs["late"]
    assert len(json.loads(outputs["memory"][0])["features"]) > 400


def test_spilled_events_read_as_a_sequence(inputs, in_memory, monkeypatch, tmp_path):
    monkeypatch.setenv("GEOMAP_SPILL_AFTER", "0")
    monkeypatch.setenv("GEOMAP_SPILL_DIR", str(tmp_path))
    events = extract_events(inputs).events
    assert [p.name.startswith("geomap-merge-") for p in tmp_path.iterdir()] == [True]
    reference = in_memory.events
    assert len(events) == len(reference) and events == reference
    assert events[0] == reference[0] and events[-1] == reference[-1] and events[5:9] == reference[5:9]
    assert list(events) == list(events)  # walked twice, read twice
    extra = reference[:2]
    joined = events + extra
    assert len(joined) == len(reference) + 2 and joined[-1] == extra[-1] and list(joined)[-2:] == extra
    with pytest.raises(IndexError):
        events[len(events)]
    del events
    gc.collect()
    assert len(list(tmp_path.iterdir())) == 1  # still read by the joined sequence
    assert list(joined)[-2:] == extra
    del joined
    gc.collect()
    assert list(tmp_path.iterdir()) == []  # the database went with the last sequence reading it
    closed = extract_events(inputs).events
    closed.close()
    assert list(tmp_path.iterdir()) == [] and list(closed) == []


def test_the_spill_setting(monkeypatch, capsys):
    monkeypatch.delenv("GEOMAP_SPILL_AFTER", raising=False)
    assert spill_after() == spill.SPILL_AFTER
    monkeypatch.setenv("GEOMAP_SPILL_AFTER", "-1")
    assert spill_after() is None
    monkeypatch.setenv("GEOMAP_SPILL_AFTER", "lots")
    assert spill_after() == spill.SPILL_AFTER
    assert capsys.readouterr().err.count("GEOMAP_SPILL_AFTER='lots' is not a whole number") == 1


def test_a_store_merger_is_not_moved_to_disk():
    from geomap.merge import Merger

    with pytest.raises(ValueError, match="plain run"):
        spill.SpillMerger(Merger(keep_ids=True))


def test_sort_keys_sort_as_the_tuples_do():
    import itertools

    parts = ["", "a", "a\x00", "a\x00b", "a\x01", "ab", "é", "\ud800", "\U0001f600", "\uffff"]
    tuples = [(flag, text, number, other) for flag in (False, True) for text in parts
              for number in (0, 1, 255, 256, 70000) for other in ("", "z")]
    for a, b in itertools.combinations(tuples, 2):
        assert (_key(*a) < _key(*b)) == (a < b), (a, b)
