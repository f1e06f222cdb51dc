"""Names in real reports that are no strike place: people, clocks, fleets, launch areas, governments."""

from __future__ import annotations

import pytest

from geomap.pipeline import extract_events, extract_text


def _places(text: str) -> set[str]:
    return {e.place for e in extract_text(text, published="2025-02-10")}


@pytest.mark.parametrize("text, not_place", [
    ("Governor Gusev said a drone damaged a house in the Voronezh region.", "Gusev"),
    ("Drones struck the Marine Oil Terminal in Feodosia overnight, the General Staff said.", "Marine"),
    ("His post, at 3:08 Moscow time, said a drone had damaged a house in Krasnodar.", "Moscow"),
    ("A Moscow-appointed official said Ukrainian drones hit a depot in Luhansk.", "Moscow"),
    ("The drones were launched from Primorsko-Akhtarsk and struck Odesa overnight.", "Primorsko-Akhtarsk"),
    ("Kalibr missiles fired from the Black Sea hit an energy facility in Odesa.", "Black Sea"),
    ("Ukrainian drones damaged a ship of the Black Sea Fleet in Novorossiysk.", "Black Sea"),
    ("Russia accused Kyiv of a drone attack that damaged a depot in Bryansk.", "Kyiv"),
    ("Moscow fired more than 500 drones at Ukraine, hitting Lviv.", "Moscow"),
    ("MOSCOW/KYIV (Reuters) - A Ukrainian drone set off a fire at the Afipsky refinery.", "KYIV"),
    ("Kyiv, Ukraine (AP) – Powerful explosions shook a Russian air base near Saky on Tuesday.", "Kyiv"),
    ("Fragments of the missile came down near the Lunacharsky Theatre in Sevastopol, damaging a car.",
     "Lunacharsky"),
    ("A drone hit a house on Sumska Street in Kharkiv.", "Sumska"),
    ("Shelling killed a man in Oleshky, and a woman was taken to the Kalanchak central district hospital.",
     "Kalanchak"),
    ("Drones struck a pumping station of the \"Druzhba\" oil pipeline in the Bryansk region.", "Druzhba"),
    ("The ministry's tally made no mention of Kazan; it said drones were downed over the Bryansk region.",
     "Kazan"),
    ("The police chief said Moscow may have used a new type of guided bomb on Kharkiv.", "Moscow"),
    ("Drones hit the port of Izmail, launched from the peninsula Moscow annexed.", "Moscow"),
    ("Missiles flying toward Kyiv were brought down over the Kyiv region, the mayor said.", "Kyiv"),
    ("Airports in Kazan and Saratov halted flights after drones hit the Saratov refinery.", "Kazan"),
    ("Ukraine struck a command post near Sevastopol, more than 200 km from territory held by Kyiv.", "Kyiv"),
    ("Andryushchenko, an adviser to the mayor of Mariupol, said partisans blew up a train near Melitopol.",
     "Mariupol"),
    ("Partisans blew up a train on the Oryol-Kursk railway line near Zolotukhino.", "Kursk"),
    ("Partisans blew up a train on the Oryol-Kursk railway line near Zolotukhino.", "Oryol"),
    ("A blast derailed a locomotive on the Saint Petersburg-Pskov line near Mshinskaya.", "Pskov"),
    ("Debris started a fire at the refinery in Slavyansk-na-Kubani, east of occupied Crimea.", "Crimea"),
    ("An explosion halted train traffic between Gatchina and Pskov, derailing a locomotive near Luga.",
     "Pskov"),
    # The later places of a list share the reason the first was named for.
    ("Airports in Kazan, Kirov and Saratov halted flights after drones hit the Saratov refinery.", "Kirov"),
    ("Kalibr missiles fired from ships in the Black Sea hit an energy facility in Odesa.", "Black Sea"),
    ("Tu-95 bombers over Russia's Saratov Oblast fired ten cruise missiles that hit Lviv.", "Saratov Oblast"),
    ("A drone struck a local train in Shostka and one due to travel to Kyiv.", "Kyiv"),
    # A site's name before the town it stands in.
    ("Artillery shelled the Sokol market area in Donetsk, killing three people.", "Sokol"),
    # Words that only qualify the place stand between it and the phrase that makes it a mention.
    ("Shelling wounded two people in Shebekino, 6 km from the border with Ukraine's Kharkiv region.",
     "Kharkiv region"),
    ("Drones set fire to the Ilsky refinery, which lies not far from the Black Sea port of Anapa.", "Anapa"),
    ("The launchers that hit Kharkiv were positioned on the aggressor's territory, and missiles fired "
     "from the aggressor's territory, in the Belgorod (Shebekino) and Kursk regions, hit Sumy.",
     "Shebekino"),
    ("The launchers that hit Kharkiv were positioned on the aggressor's territory, and missiles fired "
     "from the aggressor's territory, in the Belgorod (Shebekino) and Kursk regions, hit Sumy.",
     "Kursk"),
    ("Officials urged civilians in the southern Kherson region to leave as shelling hit Nikopol.",
     "Kherson region"),
    ("Moscow claimed territorial gains in Zaporizhzhia while its drones hit a depot in Dnipro.",
     "Zaporizhzhia"),
    ("Missiles hit a depot in Odesa, and Kyiv struck back at a Russian airfield in Saky.", "Kyiv"),
    ("Drones damaged a depot in Novorossiysk used by the Russian navy in the Black Sea.", "Black Sea"),
    # A sea frames the sentence here; nothing was shot down over it or hit in it.
    ("The base is one Russia uses to patrol the airspace, including over the Sea of Azov, and to "
     "launch air strikes on Ukraine; drones hit it in Saky.", "Sea of Azov"),
])
def test_names_that_are_no_strike_place(text, not_place):
    places = _places(text)
    assert places, "the strike itself should still be read"
    assert not_place not in places


def test_the_place_itself_is_still_read_when_struck():
    assert "Moscow" in _places("Drones struck Moscow overnight, damaging a tower.")
    assert "Kyiv" in _places("Russian missiles hit Kyiv overnight.")


def test_a_launch_area_is_kept_as_a_mention(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("The drones were launched from Primorsko-Akhtarsk and struck Odesa overnight.\n",
                       encoding="utf-8")
    result = extract_events([str(article)], date="2025-02-10")
    assert any(m.reason == "launch area" for m in result.mentions)


@pytest.mark.parametrize("text, not_place", [
    ("Governor Gusev said debris hit a house in Voronezh. According to Gusev, a woman was injured in "
     "the attack on Voronezh.", "Gusev"),
    ("Russian forces also fired four Kalibr cruise missiles from the Black Sea, hitting Odesa.", "Black Sea"),
    ("Drones hit a refinery in Ryazan, but Kyiv is sticking to its strategy of long-range strikes.", "Kyiv"),
    ("Drones damaged a locomotive near Gatchina, south of St. Petersburg.", "Petersburg"),
])
def test_names_that_are_no_strike_place_in_context(text, not_place):
    places = _places(text)
    assert places, "the strike itself should still be read"
    assert not_place not in places and f"St. {not_place}" not in places


@pytest.mark.parametrize("text, launch_areas", [
    # An air force's night report names every area the drones came from, in one list.
    ("Overnight Russia sent 60 drones at Ukraine. The air force said they were launched from the areas "
     "of Kursk, Millerovo, Oryol and Primorsko-Akhtarsk; debris damaged a house in Kyiv.",
     {"Kursk", "Millerovo", "Oryol", "Primorsko-Akhtarsk"}),
    ("Russia launched 40 Shahed drones from the directions of Bryansk, Millerovo and Cape Chauda in "
     "Crimea, and one of them hit a warehouse in Odesa.", {"Bryansk", "Millerovo", "Crimea"}),
    ("The drones that struck Sumy overnight were launched from the Kursk and Belgorod regions and from "
     "Primorsko-Akhtarsk.", {"Kursk", "Belgorod", "Primorsko-Akhtarsk"}),
])
def test_every_place_of_a_list_of_launch_areas_is_no_strike_place(text, launch_areas):
    places = _places(text)
    assert places, "the strike itself should still be read"
    assert not {p.split()[0] for p in places} & launch_areas, places


def test_places_struck_after_a_launch_area_are_still_struck():
    places = _places("Russian drones from Kursk attacked Sumy, Okhtyrka and Trostianets overnight.")
    assert {"Sumy", "Okhtyrka", "Trostianets"} <= places


@pytest.mark.parametrize("text, sector", [
    ("Russian artillery shelled Huliaipole, and some 200 soldiers were wounded on the Zaporizhzhia front.",
     "Zaporizhzhia"),
    ("Defenders repelled eleven assaults in the Bakhmut direction, while artillery shelled Chasiv Yar.",
     "Bakhmut"),
    ("Fighting went on along the Pokrovsk axis, where a drone hit a car in Myrnohrad.", "Pokrovsk"),
    ("In the Zaporizhzhia sector, a guided bomb damaged houses in Orikhiv.", "Zaporizhzhia"),
])
def test_a_stretch_of_the_front_named_for_a_town_is_no_strike_on_the_town(text, sector):
    places = _places(text)
    assert places, "the strike itself should still be read"
    assert sector not in places


@pytest.mark.parametrize("text, not_place", [
    # A site's link to another of its reports, copied into the text with the page.
    ("Read also: Russians attack energy facilities in the Chernihiv region\n\nA drone damaged a house "
     "in Zaporizhzhia overnight.", "Chernihiv region"),
    ("Ukraine denied accusations that Kyiv attempted a drone attack, after debris hit a house in Kursk.",
     "Kyiv"),
    ("Lebedev, a coordinator of the Mykolaiv underground, said missiles hit the airfield in "
     "Starokostiantyniv.", "Mykolaiv"),
    ("One drone was downed over the Kaluga region, closer to Moscow, and debris damaged a car in Kaluga.",
     "Moscow"),
    ("The Krasnodar Krai Operational Headquarters said debris damaged a house in Slavyansk-na-Kubani.",
     "Krasnodar Krai"),
    ("Russia launched 17 Shahed drones from Cape Chauda (Crimea), and debris hit a house in Odesa.",
     "Crimea"),
])
def test_links_agents_organisations_and_reference_points_are_no_strike_place(text, not_place):
    places = _places(text)
    assert places, "the strike itself should still be read"
    assert not_place not in places


def test_a_town_that_speaks_is_its_official():
    places = _places("Missiles struck the Belbek air base overnight, Gladkov and Gusev said.")
    assert "Gusev" not in places and places


def test_a_tiny_village_named_like_a_surname_needs_a_sign_of_a_place():
    # Budaniv, Sadovyi and Gladkov are villages of the gazetteer; here they are people.
    text = "Budanov gives key details of the missile attack on Sumy. Drone downed in Lviv - Sadovyi"
    places = {e.place for e in extract_text(text, published="2025-04-14")}
    assert places & {"Sumy", "Lviv"} and not places & {"Budanov", "Sadovyi"}
    # The same villages with a preposition in front are places.
    assert "Sadovyi" in _places("Russian drones struck the village of Sadovyi overnight.")



def test_a_town_before_its_own_site_and_region_stays_the_place():
    # "the Ryazan plant in Ryazan region": the region after it is the town's own, not another place.
    (event,) = extract_text("Drones hit the Ryazan plant in Ryazan region, starting a fire.",
                            published="2025-02-10")
    assert event.place == "Ryazan"


@pytest.mark.parametrize("text", [
    "An air raid alert was declared in Kyiv and Chernihiv on Monday.",
    "Air raid sirens sounded in Kyiv overnight.",
])
def test_an_air_raid_alert_is_no_air_raid(text):
    assert extract_text(text, published="2024-05-10") == []


def test_an_air_raid_itself_is_still_an_airstrike():
    (event,) = extract_text("An air raid on Kharkiv killed two people.", published="2024-05-10")
    assert event.strike_type == "airstrike"


@pytest.mark.parametrize("text", [
    "Ukrainian defenders beat back two enemy attacks near the settlements of Synkivka and Tabaivka.",
    "The General Staff said its forces had repulsed 14 Russian assaults near Robotyne.",
])
def test_ground_attacks_beaten_back_are_fighting_not_strikes(text):
    assert extract_text(text, published="2024-05-10") == []


def test_a_drone_attack_repelled_is_still_an_interception():
    (event,) = extract_text("Air defence repelled a drone attack on Kyiv overnight.", published="2024-05-10")
    assert event.status == "intercepted"


@pytest.mark.parametrize("text", [
    "The ministry said its air defences had also shot down a Ukrainian Su-25 near Kupiansk.",
    "Russia said it had downed two Ukrainian helicopters near Avdiivka.",
    "Officials are investigating the cause of a large fire at a fuel depot in Bryansk.",
    "Russia is also looking into what caused a blaze at an oil storage facility near Rostov.",
])
def test_an_aircraft_downed_or_a_fire_of_unknown_cause_is_no_strike(text):
    events = extract_text(f"Drones hit Kursk overnight. {text}", published="2024-05-10")
    assert [e.place for e in events] == ["Kursk"]


def test_a_drone_shot_down_near_a_town_is_still_an_interception():
    (event,) = extract_text("Air defences shot down a drone near Kupiansk.", published="2024-05-10")
    assert event.status == "intercepted"


def test_places_evacuated_under_the_threat_of_shelling_were_not_struck():
    text = ("From 11 border villages of the Sumy district, 111 residents of the Bilopilska and "
            "Vorozhbianska communities were evacuated because of the constant threat of shelling.")
    assert _places(text) == set()


def test_the_first_part_of_a_hyphenated_name_the_gazetteer_lacks_is_no_place():
    # The Seredyna-Buda hromada's adjective: no "Seredyna" 750 km away.
    text = "In the Sumy region, FPV drones and mortars struck Seredyna-Budska and Esman overnight."
    assert not any(p.startswith("Seredyna") and p != "Seredyna-Budska" for p in _places(text))
    assert "Esman" in _places(text)


def test_a_bay_named_after_a_place_is_no_strike_on_it():
    from geomap.pipeline import extract_text
    text = "Two sea drones tried to get into the Bay of Khersones before they were hit, the channel said."
    assert not [e for e in extract_text(text, published="2025-06-02") if e.place == "Khersones"]


def test_a_place_in_a_news_outlet_s_name_is_no_place():
    text = "Crimea Today News said witnesses had reported a fire on an airstrip and damage to nearby houses."
    assert extract_text(text, published="2022-08-10") == []
