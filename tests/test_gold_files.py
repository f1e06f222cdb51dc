"""The development gold set is well formed: every text has its gold file, every gold file
speaks the README's vocabularies, and its coordinates agree with the gazetteer.

Fast and offline: reads only tests/gold/, tests/gold_seeds/, tests/heldout/ and the gazetteer tables.
"""

from __future__ import annotations

import csv
import json
import re
from datetime import date
from pathlib import Path

import pytest

from geomap.model import ATTACKERS, GEO_PRECISIONS, STATUSES, STRIKE_TYPES, TARGET_TYPES

TESTS = Path(__file__).resolve().parent
GOLD = TESTS / "gold"
GOLD_SEEDS = TESTS / "gold_seeds"
GAZETTEER = TESTS.parent / "gazetteer"
SEEDS = TESTS.parents[1] / "shared" / "seeds"

TEXT_NAME = re.compile(r"^(\d{3})_[a-z0-9_]+\.txt$")
SEED_NAME = re.compile(r"^\d{3}_[0-9a-f]{16}\.json$")
EVENT_KEYS = {"place", "lat", "lon", "precision", "strike_type", "target_type", "status", "attacker",
              "event_date"}
EVENT_OPTIONAL = {"place_id", "notes"}
MENTION_KEYS = {"place", "lat", "lon"}
MENTION_OPTIONAL = {"place_id", "notes"}
TOP_KEYS = {"published", "events", "mentions"}
TOP_OPTIONAL = {"notes"}

HELDOUT = TESTS / "heldout"
TEXTS = sorted(GOLD.glob("*.txt"))
GOLD_FILES = sorted(GOLD.glob("*.json")) + sorted(GOLD_SEEDS.glob("*.json")) + sorted(HELDOUT.glob("*.json"))


def _table(name: str) -> dict[str, dict[str, str]]:
    with open(GAZETTEER / name, encoding="utf-8", newline="") as f:
        rows = csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        key = "facility_id" if name == "facilities.tsv" else "region_id"
        return {row[key]: row for row in rows}


FACILITIES = _table("facilities.tsv")
REGIONS = _table("regions.tsv")


def _iso(value: object) -> date:
    assert isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value), value
    return date.fromisoformat(value)


def _near(item: dict, row: dict[str, str]) -> bool:
    return abs(item["lat"] - float(row["lat"])) < 1e-3 and abs(item["lon"] - float(row["lon"])) < 1e-3


def _check_point(where: str, item: dict) -> None:
    for axis, limit in (("lat", 90), ("lon", 180)):
        value = item[axis]
        assert isinstance(value, (int, float)) and not isinstance(value, bool), (where, axis, value)
        assert -limit <= value <= limit, (where, axis, value)
    assert isinstance(item["place"], str) and item["place"].strip(), where


def test_the_set_is_big_enough():
    assert len(TEXTS) >= 64
    events = sum(len(json.loads(p.read_text(encoding="utf-8"))["events"]) for p in GOLD.glob("*.json"))
    assert events >= 120


def test_texts_are_numbered_in_sequence_and_each_has_its_gold():
    numbers = []
    for txt in TEXTS:
        m = TEXT_NAME.match(txt.name)
        assert m, f"bad text name {txt.name}"
        numbers.append(int(m.group(1)))
        assert txt.with_suffix(".json").is_file(), f"{txt.name} has no gold file"
    assert numbers == list(range(1, len(numbers) + 1))
    for gold in GOLD.glob("*.json"):
        assert gold.with_suffix(".txt").is_file(), f"{gold.name} has no text"


@pytest.mark.parametrize("txt", TEXTS, ids=lambda p: p.stem)
def test_text_is_short_clean_utf8(txt):
    text = txt.read_text(encoding="utf-8")
    assert text.strip() and "\r" not in text and "\ufffd" not in text
    sentences = re.findall(r"[.!?](?:[\"”’)]*)(?=\s|$)", text)
    assert 2 <= len(sentences) <= 12, (txt.name, len(sentences))


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_gold_file_format_and_vocabularies(path):
    gold = json.loads(path.read_text(encoding="utf-8"))
    assert TOP_KEYS <= set(gold) <= TOP_KEYS | TOP_OPTIONAL, set(gold)
    published = None if gold["published"] is None else _iso(gold["published"])
    assert isinstance(gold["events"], list) and isinstance(gold["mentions"], list)
    for i, ev in enumerate(gold["events"]):
        where = f"{path.name} event {i}"
        assert EVENT_KEYS <= set(ev) <= EVENT_KEYS | EVENT_OPTIONAL, (where, set(ev))
        _check_point(where, ev)
        assert ev["precision"] in GEO_PRECISIONS, where
        assert ev["strike_type"] in STRIKE_TYPES, where
        assert ev["target_type"] in TARGET_TYPES, where
        assert ev["status"] in STATUSES, where
        assert ev["attacker"] in ATTACKERS, where
        if ev["event_date"] is not None:
            day = _iso(ev["event_date"])
            assert published is None or day <= published, where
        pid = ev.get("place_id", "")
        if ev["precision"] == "facility":
            assert pid in FACILITIES, where
        if pid in FACILITIES:
            row = FACILITIES[pid]
            assert ev["precision"] == "facility", where
            assert _near(ev, row), where
        if pid in REGIONS:
            row = REGIONS[pid]
            assert ev["precision"] == "region", where
            assert _near(ev, row), where
    for i, m in enumerate(gold["mentions"]):
        where = f"{path.name} mention {i}"
        assert MENTION_KEYS <= set(m) <= MENTION_KEYS | MENTION_OPTIONAL, (where, set(m))
        _check_point(where, m)
    event_ids = {ev.get("place_id") for ev in gold["events"]} - {None}
    mention_ids = {m.get("place_id") for m in gold["mentions"]} - {None}
    assert not event_ids & mention_ids, f"{path.name}: a place is both event and mention"


def test_seed_gold_names():
    names = sorted(p.name for p in GOLD_SEEDS.glob("*.json"))
    assert len(names) == 5
    for name in names:
        assert SEED_NAME.match(name), name


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not here")
def test_every_seed_has_gold_and_no_seed_text_is_copied_here():
    seeds = {p.stem for p in SEEDS.glob("*.txt")}
    assert seeds == {p.stem for p in GOLD_SEEDS.glob("*.json")}
    assert not list(GOLD_SEEDS.glob("*.txt"))
