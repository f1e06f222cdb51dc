"""Regional administrations' daily posts as media relay them: a line per community, the office
named by its abbreviation, the region's toll in the lead above the villages' list."""

from __future__ import annotations

import pytest

from geomap.pipeline import extract_text


def _by_place(text: str) -> dict[str, object]:
    return {e.place_name: e for e in extract_text(text, published="2025-06-02")}


def test_a_community_labelling_its_own_line_is_the_place_struck():
    events = _by_place(
        "Russian troops fired on the Sumy region 40 times during the day.\n\n"
        "Krasnopilska community: mortar fire and an FPV drone attack.\n\n"
        "Esmanska community: two air strikes."
    )
    assert events["Krasnopillia Hromada"].strike_type == "artillery"
    assert events["Esman Hromada"].strike_type == "airstrike"


def test_a_label_before_another_place_stays_a_label():
    events = _by_place("Kharkiv region: a drone hit a house in Zolochiv overnight.")
    assert set(events) == {"Zolochiv"}


def test_explosions_counted_at_a_settlement_are_no_damage_but_at_a_site_they_are():
    events = _by_place(
        "Russian forces fired on the Sumy region overnight.\n\n"
        "Hlukhivska community: an air strike with many explosions."
    )
    assert events["Hlukhiv Hromada"].status == "unknown"
    site = "Drones attacked a fuel depot in Rovenky overnight, causing explosions, officials said."
    assert _by_place(site)["Rovenky"].status == "hit"


def test_a_place_named_with_its_administration_s_abbreviation_is_the_office():
    events = _by_place(
        "Two people were wounded by shelling in the Kherson region, Kherson RMA head Oleksandr "
        "Prokudin said."
    )
    assert set(events) == {"Kherson Oblast"}


def test_the_lead_s_regional_toll_gives_way_to_the_villages_listed_after_it():
    events = _by_place(
        "Kherson region under fire\n\n"
        "Three people were wounded by Russian shelling in the Kherson region, the regional "
        "administration said.\n\n"
        "Over the past day Bilozerka, Stanislav, Tyahynka and Beryslav came under fire."
    )
    assert "Kherson Oblast" not in events
    assert {"Stanislav", "Beryslav"} <= set(events)


def test_a_place_of_a_list_only_shelled_takes_the_weapon_its_own_line_names():
    events = _by_place(
        "The enemy shelled the Sumy region 60 times. The communities shelled were Esmanska, "
        "Hlukhivska, Krasnopilska and Novoslobidska.\n\n"
        "Esmanska: air strikes and mortar fire.\n\n"
        "Novoslobidska: FPV drones, causing one explosion."
    )
    assert events["Esman Hromada"].strike_type == "airstrike"
    assert events["Novoslobidske Hromada"].strike_type == "drone"
    assert events["Hlukhiv Hromada"].strike_type == "artillery"  # told only in the list


def test_damage_told_after_a_pair_of_places_is_theirs_however_the_sentence_opens():
    events = _by_place(
        "Russian artillery fired at Nikopol and at the Marhanets community overnight.\n\n"
        "According to the governor, 17 private houses and a shop were damaged."
    )
    for name in ("Nikopol", "Marhanets Hromada"):
        assert (events[name].status, events[name].target_type) == ("hit", "residential")


def test_damage_after_a_tally_of_regions_or_a_long_list_is_no_place_s():
    tally = _by_place(
        "Drones struck the Saratov refinery overnight, the governor said. The ministry said 11 drones "
        "were downed over the Saratov region and seven over the Volgograd region. The extent of the "
        "damage could not be verified."
    )
    assert tally["Volgograd Oblast"].status == "intercepted"
    villages = _by_place(
        "Russian forces shelled Mala Tokmachka, Robotyne, Huliaipole, Novoandriivka, Novodarivka, "
        "Charivne and Poltavka during the day. Eight homes were destroyed."
    )
    assert {e.status for e in villages.values()} == {"unknown"}


def test_a_weapon_told_after_a_headline_of_two_cities_is_neither_s():
    events = _by_place(
        "Night attack: alarm in Kyiv for five hours, a hit on infrastructure in Zaporizhzhia\n\n"
        "Russian forces launched 14 Shahed drones at Ukraine overnight, the General Staff said.\n\n"
        "Russia fired S-300 missiles at Zaporizhzhia the same night, damaging an infrastructure facility."
    )
    assert events["Zaporizhzhya"].strike_type == "missile"


def test_a_list_of_settlements_struck_tells_where_attacks_fell_not_damage():
    events = _by_place(
        "During the day Russian drones struck Beryslav, Burhunka, Mykhailivka and Kachkarivka in the "
        "Kherson region, the governor said."
    )
    assert {e.status for e in events.values()} == {"unknown"}
    damaged = _by_place("Russian drones struck Beryslav and Burhunka, damaging a kindergarten.")
    assert damaged["Beryslav"].status == "hit"


@pytest.mark.parametrize("text, target", [
    ("In Druzhkivka a multi-storey building was damaged by shelling.", "residential"),
    ("In Drobysheve, 3 outbuildings were damaged by shelling.", "civilian_other"),
    ("A drone damaged a sanatorium building in Kurortne.", "civilian_other"),
    ("A guided aerial bomb destroyed two private households in Cherneshchyna.", "residential"),
    ("Drones attacked Vasylkivka, where a fire broke out on a company's premises.", "factory"),
    ("In Cherneshchyna shelling damaged the buildings of an agricultural enterprise.", "civilian_other"),
    ("In the Myrhorod district falling drone debris damaged a warehouse.", "civilian_other"),
    ("A downed drone's munition fell on an oil store in Klintsy.", "oil_depot"),
    ("Drones struck an ammunition warehouse in Toropets, the governor said.", "military"),
    ("Wheat fields in the Izium district caught fire as a result of enemy shelling.", "civilian_other"),
    ("In Veletenske the invaders killed a woman by shelling in the courtyard of her home.", "residential"),
])
def test_what_regional_posts_count_as_damaged(text, target):
    (event,) = extract_text(text, published="2025-06-02")
    assert event.target_type == target


def test_the_hardest_hit_community_ranks_a_place_it_tells_no_damage():
    events = _by_place(
        "Russian forces fired on the Sumy region overnight.\n\n"
        "Krasnopilska community: intense artillery fire; one of the hardest-hit communities."
    )
    assert events["Krasnopillia Hromada"].status == "unknown"


def test_explosions_told_after_a_community_s_line_are_no_damage_either():
    events = _by_place(
        "Russian forces fired on the Sumy region overnight.\n\n"
        "Novoslobidska community: FPV drones, causing one explosion.\n\n"
        "There were several more explosions later."
    )
    assert events["Novoslobidske Hromada"].status == "unknown"


_GOVERNORS = ("Russian troops attacked the Donetsk, Kharkiv and Dnipropetrovsk regions over the past day.\n\n"
              "In Bakhmut, Russian shelling killed two people, the Donetsk governor said.\n\n"
              "Those figures leave out Mariupol.\n\n"
              "Kharkiv Oblast Governor Oleh Syniehubov reported that Russian mortar fire hit three "
              "communities in the oblast, killing one person.\n\n"
              "Dnipropetrovsk Oblast governor Valentyn Reznichenko said Russian heavy artillery struck two "
              "communities in the oblast.")


def test_a_governor_s_news_after_other_regions_is_his_region_s_strike():
    events = _by_place(_GOVERNORS)
    kharkiv = events["Kharkiv Oblast"]
    assert (kharkiv.strike_type, kharkiv.status) == ("artillery", "hit")
    assert events["Dnipropetrovsk Oblast"].strike_type == "artillery"
    assert not any("Syniehubov" in sentence for sentence in events["Bakhmut"].evidence)


def test_communities_struck_tell_where_attacks_fell_not_damage():
    assert _by_place(_GOVERNORS)["Dnipropetrovsk Oblast"].status == "unknown"


def test_districts_listed_as_the_home_of_the_day_s_fire_are_addresses_of_the_villages():
    events = _by_place("Yesterday the enemy fired on settlements of the Kharkiv, Chuhuiv and Izium "
                       "districts, the governor said.\n\n"
                       "In Vovchansk a private house was damaged.\n\n"
                       "In Kupiansk shelling destroyed a shop.")
    assert set(events) == {"Vovchansk", "Kupyansk"}
    # One district told as its villages' home, and no village of it named, is where fire fell.
    events = _by_place("Drones hit villages of the Chuhuiv district overnight, the governor said.\n\n"
                       "In Kupiansk shelling destroyed a shop.")
    assert "Chuhuiv Raion" in events


@pytest.mark.parametrize("text", [
    "Udy, Vovchansk, Budarky and other settlements came under fire, damaging civilian infrastructure.",
    "Vovchansk and several other villages were shelled, damaging houses.",
    "Vovchansk and eight other villages came under fire, damaging houses.",
])
def test_damage_told_after_and_other_settlements_is_no_named_place_s(text):
    events = _by_place(text)
    assert events and {(e.target_type, e.status) for e in events.values()} == {("unknown", "unknown")}


def test_damage_told_in_one_clause_is_not_the_places_of_the_contrasting_clause():
    events = _by_place("In the Kurakhove community a house was damaged in Hostre, while Kurakhove and "
                       "Ostrivske were shelled.")
    assert (events["Hostre"].target_type, events["Hostre"].status) == ("residential", "hit")
    assert {(events[p].target_type, events[p].status) for p in ("Kurakhove", "Ostrivske")} \
        == {("unknown", "unknown")}


def test_aircraft_named_as_what_struck_is_an_airstrike_and_no_damage():
    # "Russian aircraft struck" names the weapon (no guided bomb named) and, like "shelled", tells
    # where the strikes fell, not that anything was damaged.
    events = _by_place("Russian aircraft struck Huliaipilske and Zaliznychne in the Zaporizhzhia region.")
    assert {n: (e.strike_type, e.status, e.attacker) for n, e in events.items()} == {
        "Huliaipilske": ("airstrike", "unknown", "russia"), "Zaliznychne": ("airstrike", "unknown", "russia")}


def test_rocket_system_fire_is_gunfire_not_a_blaze():
    events = _by_place("Huliaipole and Sviatopetrivka came under multiple launch rocket system fire.")
    assert {(e.strike_type, e.status) for e in events.values()} == {("artillery", "unknown")}
    assert len(events) == 2


def test_a_tally_written_as_lines_under_its_lead_counts_each_region():
    events = extract_text(
        "The Russian Ministry of Defense said air defense forces had destroyed 12 Ukrainian UAVs overnight:\n"
        "7 over the Smolensk region,\n"
        "4 over the Bryansk region,\n"
        "1 over the Tver region.\n",
        published="2025-08-25")
    assert sorted((e.place_name, e.status, e.strike_type) for e in events) == [
        ("Bryansk Oblast", "intercepted", "drone"), ("Smolensk Oblast", "intercepted", "drone"),
        ("Tver Oblast", "intercepted", "drone")]


def test_lines_of_a_days_list_with_strikes_of_their_own_are_read_each_on_its_own():
    # Unlike a tally's count lines, each line here tells its own weapon: joined to the lead and to
    # each other, one line's weapon would be read for the places of the next.
    events = extract_text(
        "Over the past day Russian forces struck the Zaporizhzhia region 412 times:\n"
        "5 air strikes hit Vasylivka and Stepnohirsk,\n"
        "230 drone attacks targeted Huliaipole, Orikhiv and Mala Tokmachka,\n"
        "3 MLRS attacks hit Prymorske.\n",
        published="2025-06-10")
    weapons = {e.place_name: e.strike_type for e in events}
    assert weapons["Stepnohirsk"] == weapons["Vasylivka"] == "airstrike"
    assert weapons["Orikhiv"] == weapons["Mala Tokmachka"] == "drone"
    assert weapons["Prymorske"] == "artillery"


def test_aircraft_that_struck_with_a_named_weapon_struck_with_that_weapon():
    events = _by_place("Russian aircraft struck Zaporizhzhia with Kh-59 missiles, injuring three.")
    assert [e.strike_type for e in events.values()] == ["missile"]
