"""The five real seed articles: the strikes they report are mapped, their noise is not.

The texts stay in ../shared/seeds/ (not in this repository); these tests skip
when that folder is absent.
"""

from pathlib import Path

import pytest

from geomap.pipeline import extract_events

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
pytestmark = [
    pytest.mark.seeds,
    pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not here"),
]


@pytest.fixture(scope="module")
def result():
    return extract_events([str(SEEDS)])


def find(result, place_id):
    return [e for e in result.events if e.place_id == place_id]


@pytest.mark.parametrize(
    ("place_id", "strike_type", "target_type", "status"),
    [
        ("facility:ryazan-refinery", "drone", "refinery", "hit"),
        ("facility:kirishi-refinery", "drone", "refinery", "hit"),
        ("facility:kavkazskaya-oil-depot", "drone", "oil_depot", "hit"),
        ("facility:kremniy-el", "drone", "factory", "hit"),
        ("facility:bryansk-chemical-plant", None, "factory", None),
        ("facility:kombinat-kristal", None, "oil_depot", None),
        ("geonames:703448", "drone", "residential", "hit"),    # Kyiv apartments
        ("geonames:692194", "drone", "civilian_other", None),  # Sumy hospital
        ("geonames:693468", "drone", "energy_other", None),    # Slovyansk power supplies
        ("geonames:711390", "drone", None, None),              # Brovary
        ("iso3166-2:RU-MOS", "drone", None, "intercepted"),    # drones downed over Moscow region
    ],
)
def test_named_strikes_are_mapped(result, place_id, strike_type, target_type, status):
    events = find(result, place_id)
    assert len(events) == 1, [(e.place_id, e.place_name) for e in result.events]
    e = events[0]
    if strike_type:
        assert e.strike_type == strike_type
    if target_type:
        assert e.target_type == target_type
    if status:
        assert e.status == status


def test_attackers(result):
    assert find(result, "facility:ryazan-refinery")[0].attacker == "ukraine"
    assert find(result, "geonames:703448")[0].attacker == "russia"


def test_the_depot_story_told_twice_is_one_event():
    """Two articles tell the Kavkazskaya depot strike; dated, they are one event.

    The publication dates are the ones inferred in tests/gold_seeds (the texts carry none);
    undated readings from different articles are never merged, since nothing says they are
    of the same day.
    """
    from geomap.extract import default_extractor
    from geomap.merge import merge_events
    from geomap.model import Document

    extractor = default_extractor()
    events = []
    for name, published in (("001_1b15603cd2283042", "2025-03-23"), ("002_72c53348415817fd", "2025-03-19")):
        text = (SEEDS / f"{name}.txt").read_text(encoding="utf-8")
        events += extractor.extract(Document(name, text, name, published=published)).events
    depot = [e for e in merge_events(events) if e.place_id == "facility:kavkazskaya-oil-depot"]
    assert len(depot) == 1 and len(depot[0].doc_ids) == 2


def test_noise_places_are_not_strikes(result):
    names = {e.place_name for e in result.events} | {e.place for e in result.events}
    for noise in ("London", "Jeddah", "Helsinki", "Finland", "Saudi Arabia", "Panama", "Greenland",
                  "Japan", "China", "South Korea"):
        assert noise not in names
    countries = {e.country for e in result.events}
    assert countries <= {"RU", "UA", "BY"}
    mentioned = {m.place for m in result.mentions}
    assert {"London", "Jeddah", "Helsinki"} <= mentioned
