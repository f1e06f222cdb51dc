"""The real-reporting article sets are well formed: English (tests/real/dev, heldout) and
Cyrillic (tests/real/cyrillic, cyrillic-heldout).

Each text starts with its source URL alone on line 1 and a blank line 2; each has a gold file that
geomap's own loader accepts, whose ``source`` is that URL and whose ``genre`` is one of the README's;
the held-out fifth is chosen by the SHA-1 rule of ``tests/real/split_heldout.py``; no source is one
of the pages reserved for independent evaluation. Fast and offline.
"""

from __future__ import annotations

import importlib.util
import json
import re
from collections import Counter
from pathlib import Path

import pytest

from geomap.evaluate.gold import load_gold
from geomap.model import ATTACKERS, GEO_PRECISIONS, STATUSES, STRIKE_TYPES, TARGET_TYPES

REAL = Path(__file__).resolve().parent / "real"
RESERVED = Path(__file__).resolve().parents[2] / "shared" / "heldout-sources.txt"
GENRES = {"wire_ru_strikes", "wire_ua_strikes", "tally", "official_post", "roundup", "no_strike"}
PAIRS = (("dev", "heldout"), ("cyrillic", "cyrillic-heldout"))
CYRILLIC_DIRS = ("cyrillic", "cyrillic-heldout")
NAME = re.compile(r"^\d{3,4}_[a-z0-9_]+$")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def _split_rule():
    spec = importlib.util.spec_from_file_location("split_heldout", REAL / "split_heldout.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


SPLIT = _split_rule()
URL_FROM = {dev: url_from for dev, _, url_from in SPLIT.PAIRS}


def _held_out(gold: Path, dev: str) -> bool:
    return SPLIT.held_out(gold.stem, SPLIT.source_of(gold), URL_FROM[dev])


def _golds(folders: tuple[str, ...]) -> list[Path]:
    return sorted(p for f in folders for p in (REAL / f).glob("*.json"))


ALL_GOLDS = _golds(tuple(f for pair in PAIRS for f in pair))
CYRILLIC_GOLDS = _golds(CYRILLIC_DIRS)


@pytest.mark.parametrize("gold_path", ALL_GOLDS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_text_and_gold_agree(gold_path: Path) -> None:
    assert NAME.match(gold_path.stem), gold_path.name
    txt = gold_path.with_suffix(".txt")
    assert txt.is_file(), f"{gold_path.name} has no text"
    text = txt.read_text(encoding="utf-8")
    assert "\r" not in text and "\ufffd" not in text
    lines = text.split("\n")
    assert re.fullmatch(r"https?://\S+", lines[0]), lines[0]
    assert lines[1] == "" and lines[2].strip(), "line 2 must be blank and line 3 the headline"
    data = json.loads(gold_path.read_text(encoding="utf-8"))
    assert data["source"] == lines[0]
    assert data["genre"] in GENRES
    gold = load_gold(gold_path)     # geomap's own checks: dates, coordinates, vocabularies
    for ev in gold.events:
        assert ev.precision in GEO_PRECISIONS and ev.strike_type in STRIKE_TYPES
        assert ev.target_type in TARGET_TYPES and ev.status in STATUSES and ev.attacker in ATTACKERS


@pytest.mark.parametrize("folder", [f for pair in PAIRS for f in pair])
def test_every_text_has_gold(folder: str) -> None:
    for txt in (REAL / folder).glob("*.txt"):
        assert txt.with_suffix(".json").is_file(), f"{folder}/{txt.name} has no gold"


@pytest.mark.parametrize("dev,heldout", PAIRS)
def test_split_follows_the_sha1_rule(dev: str, heldout: str) -> None:
    for gold in (REAL / dev).glob("*.json"):
        assert not _held_out(gold, dev), f"{gold.stem} belongs in {heldout}/"
    for gold in (REAL / heldout).glob("*.json"):
        assert _held_out(gold, dev), f"{gold.stem} belongs in {dev}/"
    stems = [g.stem for f in (dev, heldout) for g in (REAL / f).glob("*.json")]
    assert len(stems) == len(set(stems))


@pytest.mark.skipif(not RESERVED.is_file(), reason="../shared/heldout-sources.txt is not here")
def test_no_source_is_reserved_for_independent_evaluation() -> None:
    reserved = {line.strip().rstrip("/") for line in RESERVED.read_text(encoding="utf-8").splitlines()
                if line.strip() and not line.startswith("#")}
    for gold in ALL_GOLDS:
        source = json.loads(gold.read_text(encoding="utf-8"))["source"].rstrip("/")
        assert source not in reserved, gold.name


def test_cyrillic_set_size_languages_and_sources() -> None:
    assert len(CYRILLIC_GOLDS) >= 80
    languages = Counter()
    sources = set()
    for path in CYRILLIC_GOLDS:
        data = json.loads(path.read_text(encoding="utf-8"))
        assert data["language"] in {"ru", "uk"}, path.name
        languages[data["language"]] += 1
        assert data["source"] not in sources, f"{path.name}: a page used twice"
        sources.add(data["source"])
        if "translated_from" in data:
            assert re.fullmatch(r"https?://\S+", data["translated_from"]), path.name
        body = path.with_suffix(".txt").read_text(encoding="utf-8").split("\n", 2)[2]
        assert len(CYRILLIC.findall(body)) > len(body) // 3, f"{path.name} is not written in Cyrillic"
    # about half each
    assert min(languages.values()) >= 0.35 * len(CYRILLIC_GOLDS), languages
    assert len(list((REAL / "cyrillic").glob("*.json"))) >= 0.7 * len(CYRILLIC_GOLDS)
