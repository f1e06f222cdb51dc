"""Reading strikes out of sentences: one rule per test, texts written for these tests."""

import pytest

from geomap.extract import Extractor
from geomap.gazetteer import default_gazetteer
from geomap.merge import merge_events
from geomap.model import Document
from geomap.pipeline import extract_text


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(default_gazetteer())


def read(extractor, text, published="2025-04-10", doc_id="t1"):
    doc = Document(doc_id=doc_id, text=text, source=f"{doc_id}.txt", published=published)
    result = extractor.extract(doc)
    return result.events, result.mentions


def only(events, place_id):
    found = [e for e in events if e.place_id == place_id]
    assert len(found) == 1, [(e.place_id, e.place) for e in events]
    return found[0]


def test_drone_hit_on_a_named_refinery(extractor):
    events, _ = read(extractor, "Ukrainian drones struck the Ryazan oil refinery overnight, starting a fire.")
    e = only(events, "facility:ryazan-refinery")
    assert (e.strike_type, e.target_type, e.status, e.attacker) == ("drone", "refinery", "hit", "ukraine")
    assert e.geo_precision == "facility"
    assert e.event_date == "2025-04-09" and e.date_precision == "day"


def test_refinery_in_a_town_takes_the_facility_point(extractor):
    events, _ = read(extractor, "A drone attack caused a blaze at the refinery in Ryazan, the governor said.")
    e = only(events, "facility:ryazan-refinery")
    assert e.place == "Ryazan"


def test_interception_tally_by_region_is_intercepted_at_region_precision(extractor):
    text = ("Air defence units destroyed 20 Ukrainian drones over the Bryansk region "
            "and 4 over the Kursk region.")
    events, _ = read(extractor, text)
    for pid in ("iso3166-2:RU-BRY", "iso3166-2:RU-KRS"):
        e = only(events, pid)
        assert (e.status, e.geo_precision, e.strike_type) == ("intercepted", "region", "drone")


def test_negated_damage_stays_an_interception(extractor):
    text = "Six drones were shot down over the Moscow region, and officials reported no damage or casualties."
    events, _ = read(extractor, text)
    assert only(events, "iso3166-2:RU-MOS").status == "intercepted"


def test_debris_on_a_house_is_a_hit(extractor):
    text = "Debris from a downed drone fell on a private house in Rossosh, damaging its roof."
    events, _ = read(extractor, text)
    assert len(events) == 1
    e = events[0]
    assert (e.status, e.target_type) == ("hit", "residential")


def test_attackers_own_claim_is_claimed(extractor):
    text = "Ukraine's General Staff said its forces had struck the Engels air base on Tuesday."
    events, _ = read(extractor, text)
    e = only(events, "facility:engels-air-base")
    assert (e.status, e.target_type, e.attacker) == ("claimed", "airfield", "ukraine")


def test_an_air_base_is_found_as_an_airfield_too(extractor):
    # "Baltimore" alone is no place of the theatre; "the Baltimore airfield" is Voronezh's air base.
    text = "The General Staff confirmed strikes on the Baltimore airfield in Voronezh overnight."
    events, _ = read(extractor, text)
    assert only(events, "facility:baltimor-air-base").target_type == "airfield"


def test_russian_strike_on_a_ukrainian_city(extractor):
    text = "A Russian missile hit an apartment block in Kharkiv on Monday, killing two people."
    events, _ = read(extractor, text)
    e = events[0]
    assert e.place == "Kharkiv" and e.country == "UA"
    assert (e.strike_type, e.target_type, e.status, e.attacker) == ("missile", "residential", "hit", "russia")
    assert e.event_date == "2025-04-07"


def test_occupied_territory_counts_as_russian_held(extractor):
    text = "Drones attacked an oil depot in Feodosia, sparking a large fire."
    events, _ = read(extractor, text)
    assert events and events[0].attacker == "ukraine"


def test_two_places_in_one_sentence_keep_their_own_targets(extractor):
    text = ("Russian drones hit a hospital in Sumy and power lines in Konotop on Friday, "
            "regional officials said.")
    events, _ = read(extractor, text)
    by_place = {e.place: e for e in events}
    assert by_place["Sumy"].target_type == "civilian_other"
    assert by_place["Konotop"].target_type == "energy_other"


def test_glued_sentence_carries_on_the_story(extractor):
    text = "Russia sent a wave of drones at Kyiv overnight.The drones hit two apartment buildings."
    events, _ = read(extractor, text)
    e = only(events, "geonames:703448")
    assert (e.target_type, e.status, e.attacker) == ("residential", "hit", "russia")
    assert len(e.evidence) == 2


@pytest.mark.parametrize(
    ("text", "place", "reason_part"),
    [
        ("Peace talks in Istanbul ended as drones struck a depot in Bryansk.", "Istanbul", "outside"),
        ("Delegations met in Minsk while missile strikes went on elsewhere.", "Minsk", "talks"),
        ("The refinery, 200 km south of Moscow, was hit by drones.", "Moscow", "relative"),
        ("Moscow agreed to halt strikes on energy sites, but drones still hit Odesa.", "Moscow", "capital"),
        ("Kyiv's drone campaign against refineries widened this spring.", "Kyiv", "capital"),
        ("One year since the attack on a Belgorod market killed 20 people, a memorial opened.",
         "Belgorod", "historical"),
        ("Vladimir Putin said drone strikes would be answered.", "Vladimir", "person"),
    ],
)
def test_places_only_mentioned_are_not_strikes(extractor, text, place, reason_part):
    events, mentions = read(extractor, text)
    assert place not in {e.place for e in events}
    reasons = [m.reason for m in mentions if m.place == place]
    assert reasons and reason_part in reasons[0]


def test_no_strike_cue_means_no_event(extractor):
    events, mentions = read(extractor, "The governor of Kursk visited a school in Lgov on Tuesday.")
    assert events == []
    # A story with no strike at all records no mentions: the mentions layer explains
    # the places of strike reporting, not every place in the news.
    assert mentions == []


def test_place_in_a_strike_story_without_its_own_strike_is_a_mention(extractor):
    text = ("Drones hit a fuel depot in Klintsy overnight. The governor of Kursk visited a school "
            "in Lgov on Tuesday.")
    events, mentions = read(extractor, text)
    assert [e.place for e in events] == ["Klintsy"]
    assert any(m.place == "Lgov" and m.reason == "no strike in the sentence" for m in mentions)


def test_dateline_is_a_mention(extractor):
    events, mentions = read(extractor, "KYIV, April 9 - Russian drones hit a warehouse in Lviv.")
    assert [e.place for e in events] == ["Lviv"]
    assert any(m.place == "KYIV" and m.reason == "dateline" for m in mentions)


def test_city_district_belongs_to_its_town(extractor):
    text = "In Kherson, Russian artillery shelled the Dniprovskyi district, wounding a man."
    events, _ = read(extractor, text)
    assert [e.place for e in events] == ["Kherson"]
    assert events[0].strike_type == "artillery"


def test_reporting_day_is_not_the_strike_day(extractor):
    text = ("Tanks at the Kavkazskaya oil depot kept burning, the operator told reporters on Sunday, "
            "days after drones hit the site last week.")
    events, _ = read(extractor, text, published="2025-03-23")
    e = events[0]
    assert e.date_precision == "week"
    assert e.event_date <= "2025-03-16"


def test_escaped_markup_stays_text(extractor):
    text = "Drones hit an oil depot in Klintsy <script>alert(1)</script> on Monday."
    events, _ = read(extractor, text)
    assert events and "<script>" in events[0].evidence[0]  # kept verbatim; escaping is the page's job


def test_same_strike_in_two_documents_merges(extractor):
    a, _ = read(extractor, "Drones set the Saratov refinery on fire overnight.", doc_id="a")
    b, _ = read(extractor, "A fire broke out at the Saratov oil refinery after a drone attack overnight.",
                doc_id="b")
    merged = merge_events(a + b)
    assert len(merged) == 1
    assert merged[0].doc_ids == ["a", "b"] and len(merged[0].evidence) == 2


def test_officials_office_and_surnames_are_not_strike_places(extractor):
    text = ("Tver governor Igor Rudenko said debris from downed drones started a fire at a warehouse "
            "in Konakovo.")
    events, mentions = read(extractor, text)
    assert [e.place for e in events] == ["Konakovo"]
    assert any(m.place == "Tver" and "office" in m.reason for m in mentions)


def test_an_earlier_strike_told_in_passing_is_its_own_event(extractor):
    text = ("Drones set the Ryazan oil refinery on fire early on Wednesday, the governor said. "
            "The refinery had already been struck by drones on 13 March.")
    events, _ = read(extractor, text, published="2025-05-01")
    dates = sorted(e.event_date for e in events if e.place_id == "facility:ryazan-refinery")
    assert dates == ["2025-03-13", "2025-04-30"]


def test_a_list_of_targeted_regions(extractor):
    text = "Drone attacks were reported overnight. Regions targeted included Tula, Oryol and Lipetsk."
    events, _ = read(extractor, text)
    assert {e.place_id for e in events} >= {"iso3166-2:RU-TUL", "iso3166-2:RU-ORL", "iso3166-2:RU-LIP"}
    assert all(e.geo_precision == "region" for e in events)


def test_dateline_date_is_not_the_strike_date(extractor):
    text = "MOSCOW, Apr 10 (Wire) - Drones struck an oil depot in Klintsy overnight, the governor said."
    events, _ = read(extractor, text, published="2025-04-10")
    assert events[0].event_date == "2025-04-09"


def test_a_later_event_without_its_own_date_takes_the_lead_date(extractor):
    text = ("Drones hit the Volgograd refinery late on Sunday, officials said on Monday. "
            "Debris also damaged windows of an apartment building in Volzhsky.")
    events, _ = read(extractor, text, published="2025-02-03")
    by_place = {e.place: e for e in events}
    assert by_place["Volzhsky"].event_date == "2025-02-02"
    assert by_place["Volzhsky"].date_precision == "day"


def test_the_striking_sides_own_report_is_a_claim(extractor):
    text = "Ukraine's navy said on Monday that its missiles had struck the Saky air base, destroying a radar."
    events, _ = read(extractor, text)
    assert events[0].status == "claimed"
    text = "Russia's defence ministry said air defences destroyed 12 drones over the Belgorod region."
    events, _ = read(extractor, text)
    assert events[0].status == "intercepted"  # the side that was struck, reporting an interception


def test_places_named_around_decide_between_namesakes(extractor):
    text = ("A drone attack set fire to a fuel depot in Pokrovsk overnight, officials in Yakutsk said. "
            "Flights from Yakutsk were delayed.")
    events, _ = read(extractor, text)
    assert [e.country for e in events if e.place == "Pokrovsk"] == ["RU"]
    plain, _ = read(extractor, "A drone attack set fire to a fuel depot in Pokrovsk overnight.")
    assert [e.country for e in plain] == ["UA"]


@pytest.mark.parametrize("text, facility_id", [
    ("A drone attack targeted the Kursk nuclear power plant overnight, damaging a cooling tower.",
     "facility:kursk-npp"),
    ("A Ukrainian drone hit a transformer at the Novovoronezh NPP, the plant said.",
     "facility:novovoronezh-npp"),
    ("Дрон атаковал Нововоронежскую АЭС, повреждён трансформатор.", "facility:novovoronezh-npp"),
    ("A fire broke out at the Shatura power station after a drone attack.", "facility:shatura-gres"),
    ("Удар по Орловской ТЭЦ вызвал пожар.", "facility:oryol-tpp"),
])
def test_russian_power_plants_struck_are_drawn_at_the_plant(text, facility_id):
    # Russian power plants are struck often enough to be named; without a row they fell back to
    # the town their name shares (Kursk city, 40 km from its nuclear plant at Kurchatov).
    (event,) = extract_text(text, published="2025-08-24")
    assert event.place_id == facility_id
    assert event.geo_precision == "facility"
    assert event.target_type == "power_plant"
