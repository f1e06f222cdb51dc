"""Merging repeated reports of one strike, and keeping separate strikes apart."""

import pytest

from geomap.merge import Merger, merge_events
from geomap.model import Event


def ev(place_id="facility:ryazan-refinery", date="2025-03-20", precision="facility", doc="a", **kw):
    base = dict(
        place="Ryazan", place_name="Ryazan oil refinery", place_id=place_id, lat=54.55, lon=39.78,
        admin1="Ryazan Oblast", country="RU", geo_precision=precision, strike_type="drone",
        target_type="refinery", status="hit", attacker="ukraine", event_date=date, date_precision="day",
        doc_ids=[doc], sources=[f"{doc}.txt"], evidence=[f"sentence from {doc}"], confidence=0.6,
    )
    base.update(kw)
    return Event(**base)


def test_same_place_same_day_merges_with_every_doc_and_sentence():
    merged = merge_events([ev(doc="a"), ev(doc="b", status="claimed")])
    assert len(merged) == 1
    e = merged[0]
    assert e.doc_ids == ["a", "b"] and e.sources == ["a.txt", "b.txt"]
    assert e.evidence == ["sentence from a", "sentence from b"]
    assert e.status == "hit"
    assert e.confidence > 0.6  # a second source raises it


def test_repeated_strikes_on_one_facility_on_different_days_stay_apart():
    merged = merge_events([ev(date="2025-03-20"), ev(date="2025-04-02", doc="b")])
    assert len(merged) == 2
    assert len({e.event_id for e in merged}) == 2


def test_region_reading_folds_into_the_facility_inside_it():
    region = ev(place_id="iso3166-2:RU-RYA", place="Ryazan region", place_name="Ryazan Oblast",
                precision="region", lat=54.6, lon=39.7, target_type="unknown", status="unknown")
    merged = merge_events([region, ev()])
    assert len(merged) == 1 and merged[0].geo_precision == "facility"
    assert len(merged[0].evidence) == 1  # same document, same sentence text: not repeated


def test_an_industrial_facility_in_a_region_folds_into_the_refinery_named_later():
    region = ev(place_id="iso3166-2:RU-RYA", place="Ryazan region", place_name="Ryazan Oblast",
                precision="region", lat=54.6, lon=39.7, target_type="factory", status="unknown",
                evidence=["drones attacked an industrial facility in the Ryazan region"])
    for order in ([region, ev()], [ev(), region]):
        merged = merge_events(order)
        assert len(merged) == 1 and merged[0].target_type == "refinery"


def test_a_factory_named_in_a_region_does_not_fold_into_a_depot():
    region = ev(place_id="iso3166-2:RU-RYA", precision="region", lat=54.6, lon=39.7,
                target_type="factory", status="unknown")
    assert len(merge_events([region, ev(target_type="oil_depot")])) == 2


def test_damage_in_a_city_district_folds_into_the_city_struck_that_day():
    kyiv = ev(place_id="geonames:703448", place="Kyiv", place_name="Kyiv", precision="town", lat=50.45,
              lon=30.52, admin1="UA-30", country="UA", target_type="unknown", status="unknown",
              attacker="russia")
    district = ev(place_id="citydistrict:UA80000000000720383", place="Solomianskyi district",
                  place_name="Solomianskyi District, Kyiv", precision="district", lat=50.43, lon=30.47,
                  admin1="UA-30", country="UA", target_type="residential", status="hit", attacker="russia")
    (merged,) = merge_events([kyiv, district])
    assert merged.place_name == "Kyiv" and (merged.status, merged.target_type) == ("hit", "residential")


def test_a_region_s_tally_merged_with_a_report_of_a_site_there_struck_no_target():
    site = ev(place_id="iso3166-2:RU-RYA", precision="region", lat=54.6, lon=39.7, target_type="factory",
              status="unknown", evidence=["drones attacked an industrial facility in the region"])
    tally = ev(place_id="iso3166-2:RU-RYA", precision="region", lat=54.6, lon=39.7, target_type="unknown",
               status="intercepted", evidence=["three drones were shot down over the region"])
    (merged,) = merge_events([site, tally])
    assert (merged.status, merged.target_type) == ("intercepted", "unknown")


def test_interception_over_a_region_does_not_fold_into_a_hit():
    region = ev(place_id="iso3166-2:RU-RYA", precision="region", lat=54.6, lon=39.7,
                target_type="unknown", status="intercepted")
    assert len(merge_events([region, ev()])) == 2


def test_a_week_date_covers_a_day_in_it():
    week = ev(date="2025-03-23", doc="b")
    week.date_precision = "week"
    merged = merge_events([ev(date="2025-03-20"), week])
    assert len(merged) == 1
    assert merged[0].event_date == "2025-03-20" and merged[0].date_precision == "day"


def test_ids_are_stable_and_independent_of_input_order():
    a = merge_events([ev(doc="a"), ev(place_id="geonames:1", place_name="X", doc="b")])
    b = merge_events([ev(place_id="geonames:1", place_name="X", doc="b"), ev(doc="a")])
    assert sorted(e.event_id for e in a) == sorted(e.event_id for e in b)
    assert all(e.event_id.startswith("ev-") for e in a)


def test_last_week_in_a_monday_report_covers_the_thursday_before():
    # Published Monday 24 March: "last week" resolves to 17 March, a week-precision date;
    # a day-precision report of the same strike on Thursday 20 March is the same strike.
    last_week = ev(date="2025-03-17", doc="b")
    last_week.date_precision = "week"
    assert len(merge_events([ev(date="2025-03-20"), last_week])) == 1


def test_undated_readings_in_different_documents_stay_apart():
    assert len(merge_events([ev(date=None, doc="a"), ev(date=None, doc="b")])) == 2
    assert len(merge_events([ev(date=None, doc="a"), ev(date=None, doc="a")])) == 1


def test_one_document_tells_one_strike_per_place_and_day_whatever_targets_it_names():
    town = dict(place_id="geonames:699839", place="Nova Kakhovka", place_name="Nova Kakhovka",
                precision="town", lat=46.75, lon=33.37)
    depot = ev(doc="a", target_type="oil_depot", evidence=["The depot was hit."], **town)
    version = ev(doc="a", target_type="civilian_other", evidence=["Tass said a warehouse burned."], **town)
    merger = Merger()
    merger.add(version, position=1)
    merger.add(depot, position=0)
    (merged,) = merger.events()
    assert merged.target_type == "oil_depot"  # as the document first told it
    assert merged.evidence == ["The depot was hit.", "Tass said a warehouse burned."]
    # Two documents naming different targets in one town that day are two strikes.
    assert len(merge_events([depot, ev(doc="b", target_type="civilian_other", **town)])) == 2


def test_a_region_tally_and_a_hit_in_the_region_told_by_one_report_stay_two():
    region = dict(place_id="iso3166-2:RU-SAR", precision="region", place="Saratov region",
                  admin1="Saratov Oblast")
    fire = ev(**region, target_type="factory", status="hit", evidence=["A fire broke out at a site."])
    tally = ev(**region, target_type="unknown", status="intercepted", evidence=["18 drones downed."])
    assert sorted(e.status for e in merge_events([fire, tally])) == ["hit", "intercepted"]
    # Two reports of damage there are still one strike.
    assert len(merge_events([fire, ev(**region, target_type="unknown", evidence=["Damage."])])) == 1


@pytest.mark.parametrize("target", ["residential", "civilian_other", "unknown"])
def test_houses_damaged_in_a_region_beside_its_tally_are_the_tallys_strike(target):
    # "Drones were downed over the Poltava region ... houses were damaged in the Poltava region":
    # what the attack the tally counts left there, one strike, a hit.
    region = dict(place_id="iso3166-2:UA-53", precision="region", place="Poltava region",
                  admin1="Poltava Oblast")
    damage = ev(**region, target_type=target, status="hit", evidence=["Houses were damaged."])
    tally = ev(**region, target_type="unknown", status="intercepted", evidence=["Drones downed."])
    assert [e.status for e in merge_events([tally, damage])] == ["hit"]


def test_a_fuel_and_energy_facility_in_a_district_is_the_oil_depot_struck_there():
    # "the attack on a fuel and energy complex facility" told by the district's head, then "the
    # Yartsevo oil depot": the umbrella word holds the kind the precise report names.
    depot = ev(place_id="geonames:468866", precision="town", place="Yartsevo", lat=55.06, lon=32.69,
               admin1="Smolensk Oblast", target_type="oil_depot", doc="a")
    district = ev(place_id="oktmo:RU-SMO:yartsevskiy", precision="district", place="Yartsevsky district",
                  lat=55.06, lon=32.69, admin1="Smolensk Oblast", target_type="energy_other", doc="a")
    merged = merge_events([district, depot])
    assert [(e.place_id, e.target_type) for e in merged] == [("geonames:468866", "oil_depot")]


def test_a_district_struck_beside_its_seat_shelled_is_the_seat_s_strike():
    # "The Nikopol district came under artillery fire, damaging an industrial enterprise" and
    # "Nikopol" shelled that day: the raion is drawn at its seat, and the damage is the town's.
    common = dict(admin1="Dnipropetrovsk Oblast", strike_type="artillery", attacker="russia", doc="a")
    town = ev(place_id="geonames:700051", precision="town", place="Nikopol", lat=47.5683, lon=34.3913,
              target_type="unknown", status="unknown", **common)
    raion = ev(place_id="katottg:UA12080000000023578", precision="district", place="Nikopol district",
               lat=47.5671, lon=34.3983, target_type="factory", status="hit", **common)
    assert [(e.place_id, e.status) for e in merge_events([raion, town])] == [("geonames:700051", "hit")]
    # A hromada 20 km from the town is another place: its damage stays its own.
    far = ev(place_id="katottg:UA12080010000029838", precision="district", place="Marhanets hromada",
             lat=47.5977, lon=34.7353, target_type="factory", status="hit", **common)
    assert len(merge_events([far, town])) == 2
