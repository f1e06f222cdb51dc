"""The matcher: leftmost-longest names and cues, and its automaton kept in the cache folder."""

from __future__ import annotations

import pytest

from geomap.gazetteer import Gazetteer, default_gazetteer
from geomap.matcher import Matcher, matcher_for

TEXT = ("Drones hit the oil refinery in Ryazan overnight; the Kursk region governor said "
        "debris fell in Rostov-on-Don. В Рязани горит НПЗ.")


def _found(matcher: Matcher, text: str = TEXT) -> list[tuple[str, str, bool]]:
    return [(text[m.start:m.end], m.key, m.is_place) for m in matcher.find(text)]


@pytest.fixture(scope="module")
def built() -> Matcher:
    return Matcher(default_gazetteer().names())


def test_leftmost_longest_names_and_cues(built):
    found = _found(built)
    assert ("oil refinery", "oil refinery", False) in found     # longest cue, not "refinery"
    assert ("Kursk region", "kursk region", True) in found       # longest name, not "Kursk"
    assert ("Rostov-on-Don", "rostov on don", True) in found     # the key is the folded text
    assert ("Рязани", "рязани", True) in found                   # a Cyrillic case form
    assert not any(text == "Kursk" for text, _, _ in found)
    # Spans point into the text as given.
    for m in built.find(TEXT):
        assert TEXT[m.start:m.end].lower().replace("-", " ") == m.key


def test_lower_case_names_are_not_places(built):
    # "bor" and "most" are towns somewhere, but not in lower case in running text.
    found = _found(built, "The most damage was done at the bor of the river.")
    assert not any(is_place for _, _, is_place in found)


def test_strike_gate(built):
    assert built.may_report_strikes(built.fold("A drone struck the depot."))
    assert not built.may_report_strikes(built.fold("The minister visited Geneva for talks."))


def test_cached_matcher_matches_like_a_fresh_one(tmp_path, monkeypatch, built):
    monkeypatch.setenv("GEOMAP_CACHE_DIR", str(tmp_path))
    gazetteer = Gazetteer(cache=True)
    first = matcher_for(gazetteer)                  # builds and writes the cache
    assert len(list(tmp_path.glob("matcher-*.pickle"))) == 1
    second = matcher_for(gazetteer)                 # reads it back
    assert second is not first
    assert _found(first) == _found(second) == _found(built)
    assert second.may_report_strikes(second.fold("Missiles hit Kyiv."))


def test_damaged_cache_is_rebuilt(tmp_path, monkeypatch):
    monkeypatch.setenv("GEOMAP_CACHE_DIR", str(tmp_path))
    gazetteer = Gazetteer(cache=True)
    matcher_for(gazetteer)
    (cached,) = tmp_path.glob("matcher-*.pickle")
    cached.write_bytes(b"not a pickle")
    rebuilt = matcher_for(gazetteer)
    assert _found(rebuilt)[0] == ("Drones", "drones", False)
    assert cached.read_bytes() != b"not a pickle"  # written again, whole


def test_no_cache_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("GEOMAP_CACHE_DIR", str(tmp_path))
    gazetteer = Gazetteer(cache=False)
    matcher = matcher_for(gazetteer)
    assert _found(matcher)
    assert not list(tmp_path.glob("*.pickle"))
