"""The wording of real reports: weapons, interceptions and fire as the war is reported."""

from __future__ import annotations

import pytest

from geomap.pipeline import extract_text


def _one(text: str):
    events = extract_text(text, published="2024-05-10")
    assert len(events) == 1, [(e.place, e.strike_type, e.status) for e in events]
    return events[0]


@pytest.mark.parametrize("text, strike_type", [
    ("A rocket attack on Kupiansk killed a woman, the governor said.", None),
    ("Russian troops fired cluster munitions at Kherson on Thursday.", "artillery"),
    ("An FPV attack on a car in Nikopol wounded two men.", "drone"),
    ("A Lancet hit a vehicle near Kupiansk.", "drone"),
    ("Russian aircraft dropped guided air bombs on Vovchansk.", "glide_bomb"),
    ("Bilopillia was fired on by aircraft and mortars overnight.", "airstrike"),
    ("Two aviation strikes hit Vovchansk during the day.", "airstrike"),
    ("Russia struck Odesa with Kh-59 missiles overnight.", "missile"),
    ("Russian forces opened fire on Bilozerka with howitzers.", "artillery"),
    ("Ukrainian forces struck a depot in Melitopol with HIMARS.", "artillery"),
    ("Russia's forces struck a plant in Kyiv with high-precision long-range weapons, the ministry said.",
     "missile"),
    # A thing that blew up, or an attack blowing it up, is no saboteur's charge.
    ("An ammunition depot blew up in occupied Sorokyne, Luhansk Oblast, the governor said.", "unknown"),
    ("A Russian attack blew up a gas pipeline outside Kharkiv.", "unknown"),
    ("Partisans blew up a railway bridge near Melitopol.", "sabotage"),
    # One rocket is a missile; rockets in salvos, launchers and systems are artillery's.
    ("A rocket ripped a hole through the regional administration building in Mykolaiv.", "missile"),
    ("Russia said it had destroyed three rocket launchers near Kupiansk.", "unknown"),
    ("Russian forces fired Grad multiple-launch rocket systems at Bilozerka.", "artillery"),
    ("Marhanets came under tank and rocket fire overnight.", "artillery"),
    # A weapon denied, rumoured or one of two options is no one's account of the strike.
    ("Russia's defence ministry denied that the air base at Saky had been shelled, saying munitions "
     "had detonated there.", "unknown"),
    ("Officials said the explosion at Saky was caused either by a missile or by saboteurs.", "unknown"),
    ("There was speculation that the depot in Dzhankoi had been hit by missiles.", "unknown"),
    ("Russia denied that it had shelled Kherson, but officials said artillery hit the market there.",
     "artillery"),
])
def test_weapons_and_fire_as_reported(text, strike_type):
    event = _one(text)
    if strike_type is not None:
        assert event.strike_type == strike_type


@pytest.mark.parametrize("text", [
    "Six drones were brought down over the Ryazan region, the ministry said.",
    "Air defence was working over Kursk region overnight, the governor said.",
    # The verb's other forms and its nouns, as tallies put them.
    "Air defence systems on duty managed to shoot down 36 drones over the Ryazan region.",
    "The ministry reported the destruction of 12 drones over the territory of the Ryazan region.",
    "The drone intercepts took place over the Ryazan region, the air force said.",
])
def test_interceptions_as_reported(text):
    assert _one(text).status == "intercepted"


def test_a_soft_strike_word_with_people_hurt_reports_a_strike():
    (event,) = extract_text("Russian attacks injured seven people in Donetsk Oblast.", published="2024-05-10")
    assert event.admin1 == "Donetsk Oblast"


def test_a_list_of_regions_takes_the_regional_centre_not_a_namesake_village():
    text = ("Russian aircraft struck Borova in Kharkiv Oblast. Chernihiv, Luhansk, Mykolaiv and Sumy "
            "oblasts were also attacked.")
    events = extract_text(text, published="2024-05-10")
    assert {"Mykolaiv Oblast", "Sumy Oblast"} <= {e.place_name for e in events}


def test_a_strike_without_a_named_outcome_is_unknown_and_with_one_is_hit():
    # Annotators of real reporting leave shelling with no damage named as unknown.
    assert _one("Russian artillery shelled Vovchansk during the day.").status == "unknown"
    assert _one("Russian drones attacked Vovchansk overnight.").status == "unknown"
    assert _one("Russian artillery shelled Vovchansk, damaging two houses.").status == "hit"


def test_a_tally_of_unmanned_aerial_vehicles_is_an_interception():
    text = ("Air defences intercepted and destroyed 31 fixed-wing Ukrainian unmanned aerial vehicles "
            "above the Krasnodar Region.")
    assert _one(text).status == "intercepted"


def test_drones_hit_over_regions_are_an_interception_tally():
    text = "The ministry said nine UAVs had been hit over the Kursk, Oryol and Bryansk regions."
    events = extract_text(text, published="2025-03-03")
    assert sorted(e.status for e in events) == ["intercepted"] * 3


def test_a_headline_region_gives_way_to_the_village_struck_in_it():
    text = ("Russia drops three guided bombs on Kharkiv region village\n\n"
            "Russian forces dropped guided aerial bombs on Tsyrkuny on Friday, damaging ten houses.")
    events = extract_text(text, published="2024-06-29")
    assert [e.place for e in events] == ["Tsyrkuny"]
    assert len(events[0].evidence) == 2


def test_a_region_interception_tally_stays_beside_a_hit_town():
    text = ("Drones were shot down over the Belgorod region, the ministry said.\n\n"
            "Debris damaged a house in Shebekino, governor Gladkov said.")
    events = extract_text(text, published="2024-06-29")
    assert sorted(e.geo_precision for e in events) == ["region", "town"]


def test_a_sea_in_a_tally_is_its_own_area_beside_a_region():
    text = ("Air defences destroyed 94 drones: 31 above the Krasnodar Region, as well as eight each over "
            "the waters of the Azov Sea and the Black Sea.")
    events = extract_text(text, published="2025-08-28")
    assert len(events) == 3 and {e.status for e in events} == {"intercepted"}


def test_confidence_is_lower_for_a_guess_between_namesakes_than_for_a_unique_or_addressed_town():
    guess = _one("Russian drones hit Oleksandrivka overnight, damaging houses.")
    addressed = _one("Russian drones hit Novoselivka, Donetsk region, overnight, damaging houses.")
    unique = _one("Russian drones hit Kramatorsk overnight, damaging houses.")
    assert guess.confidence <= addressed.confidence <= unique.confidence
    assert guess.confidence < unique.confidence
    facility = _one("Drones struck the Ryazan oil refinery overnight, starting a fire.")
    assert facility.confidence > guess.confidence


@pytest.mark.parametrize("text", [
    "Ukrinform reported that Russian forces had also attacked Mykolaiv overnight, starting a fire.",
    "Vovchansk, Kupiansk and Izium were among the places targeted.",
    "In the Kryvyi Rih district, an infrastructure object was damaged by a Russian attack.",
])
def test_a_soft_strike_word_with_damage_or_a_list_of_places_reports_strikes(text):
    assert extract_text(text, published="2024-05-10")


def test_damage_at_a_named_facility_is_a_strike_without_a_strike_word():
    events = extract_text("Ukrainian drones attacked Krasnodar Krai overnight, the governor said. "
                          "Baza posted video of black smoke pouring from the Ilsky oil refinery.",
                          published="2024-05-10")
    assert "facility" in [e.geo_precision for e in events]


def test_an_address_may_carry_a_compass_word():
    (event,) = extract_text("Russian missiles hit an ammunition depot near the city of Novomoskovsk, "
                            "in the central-eastern Dnipropetrovsk region.", published="2024-05-10")
    assert event.admin1 == "Dnipropetrovsk Oblast"


def test_glide_bombs_named_after_airstrikes_refine_the_weapon():
    text = ("Russian forces carried out three airstrikes on Tsyrkuny on Friday, the governor said. "
            "He said the enemy dropped at least three guided aerial bombs on the settlement.")
    (event,) = extract_text(text, published="2024-06-29")
    assert event.strike_type == "glide_bomb"


def test_places_that_were_hit_are_hits():
    events = extract_text("Energy facilities were hit in Rivne, Volyn and Odesa oblasts.",
                          published="2024-05-10")
    assert len(events) == 3 and {e.status for e in events} == {"hit"}


@pytest.mark.parametrize("text", [
    "A Ukrainian drone attack set fire to an oil depot in the Tambov region, the governor said.",
    "Partisans set fire to a railway relay cabinet near Melitopol.",
])
def test_a_fire_set_is_a_hit(text):
    assert _one(text).status == "hit"


def test_people_hurt_at_a_place_in_a_strike_report_is_a_strike_but_not_in_ground_fighting():
    text = ("Russia attacked Ukraine with drones overnight. Officials said three people were killed and "
            "eight wounded in Kramatorsk.")
    assert "Kramatorsk" in {e.place for e in extract_text(text, published="2024-05-10")}
    text = ("Russia attacked Ukraine with drones overnight. Two soldiers were killed in fighting near "
            "Kramatorsk.")
    assert "Kramatorsk" not in {e.place for e in extract_text(text, published="2024-05-10")}


def test_a_regional_centre_before_region_is_the_oblast_as_an_address():
    (event,) = extract_text("Missiles hit an ammunition depot near Novomoskovsk, in the central-eastern "
                            "Dnipro region.", published="2024-05-10")
    assert event.admin1 == "Dnipropetrovsk Oblast"


@pytest.mark.parametrize("text, status", [
    # The governor of the struck region speaks; "Ukrainian forces" are the subject, not the source.
    ("Governor Gladkov says Ukrainian forces keep shelling Shebekino, where the fire damaged a school.",
     "hit"),
    # The attacker's own statement, put as "according to".
    ("According to Ukraine's military, its forces struck an oil refinery in Saratov overnight.", "claimed"),
    ("According to the Ukrainian military's statement, the defence forces struck a depot in Luhansk.",
     "claimed"),
    # The side named the long way round, and "has confirmed" as its verb.
    ("The General Staff of the Armed Forces of Ukraine has confirmed that its drones struck the "
     "refinery in Volgograd.", "claimed"),
    ("On Sunday the Russian Defense Ministry said its missiles had destroyed a hangar in Odesa.", "claimed"),
    # The attacker's services, told to the press: "told" as the verb.
    ("Sources in the Ukrainian special services told reporters that drones had damaged a bomber at "
     "the Olenya air base.", "claimed"),
    # A defender's claim of interceptions is how interceptions are reported.
    ("The Russian defence ministry claimed it had shot down 20 Ukrainian drones over Crimea.",
     "intercepted"),
])
def test_who_speaks_decides_a_claim(text, status):
    assert _one(text).status == status


def test_a_year_that_dates_a_person_is_no_history():
    event = _one("Shelling destroyed houses in Orikhiv overnight; rescuers found a man born in 1976 "
                 "under the rubble.")
    assert event.target_type == "residential"
    assert extract_text("Orikhiv was shelled in 1943, historians say.", published="2024-05-10") == []


@pytest.mark.parametrize("text, status", [
    ("The governors of Odesa Oblast and Kirovohrad Oblast reported strikes on energy facilities.", "hit"),
    ("Six energy infrastructure sites in the Lviv region came under Russian attack.", "hit"),
    ("Russian forces shelled Nikopol overnight, the governor said.", "unknown"),
    ("Ukraine has been targeting key facilities like the oil depot in Bryansk.", "unknown"),
])
def test_a_target_struck_is_hit_a_place_shelled_is_not_said(text, status):
    events = extract_text(text, published="2024-05-10")
    assert events and {e.status for e in events} == {status}


def _by_place(text: str) -> dict[str, object]:
    return {e.place_name: e for e in extract_text(text, published="2023-09-09")}


def test_a_weapon_taken_from_the_story_is_not_handed_on_and_gives_way_to_the_place_own():
    events = _by_place(
        "Russians drop bombs on Sumy Oblast border villages.\n\n"
        "Over the past day Russian forces opened fire on Krasnopillia 15 times.\n\n"
        "The regional military administration gave the details.\n\n"
        "They were posted on its channel in the morning.\n\n"
        "Officials said the fire hit the hromadas of Khotin, Yunakivka and Esman.\n\n"
        "Khotin hromada was hit by mortar fire, with 26 explosions.\n\n"
        "Yunakivka hromada was hit by mortar fire too.")
    # Each hromada told of with mortars is artillery, not the headline's bombs read on the list.
    assert events["Khotin Hromada"].strike_type == "artillery"
    assert events["Yunakivka Hromada"].strike_type == "artillery"
    # Esman has no sentence of its own. The headline is too far back to lend the list its weapon,
    # and Krasnopillia's sentence only took the weapon from the headline: it hands nothing on.
    assert events["Krasnopillya"].strike_type == "airstrike"
    assert events["Esman Hromada"].strike_type == "unknown"


@pytest.mark.parametrize("opening", [
    "Earlier this month, explosions", "Background: explosions", "Нагадаємо, explosions",
])
def test_a_sentence_turning_to_earlier_attacks_takes_no_weapon_from_the_story(opening):
    events = _by_place(
        "Three drones hit a depot in Kherson overnight, the governor said.\n\n"
        f"{opening} damaged houses in Nova Kakhovka.")
    assert events["Kherson"].strike_type == "drone"
    assert events["Nova Kakhovka"].strike_type == "unknown"
    told_on = _by_place("Three drones hit a depot in Kherson overnight, the governor said.\n\n"
                        "Explosions also damaged houses in Nova Kakhovka.")
    assert told_on["Nova Kakhovka"].strike_type == "drone"  # the same attack, told on


def test_a_hromada_and_a_city_25_km_away_are_two_strikes():
    events = _by_place("Khotin hromada came under mortar fire overnight, damaging a house.\n\n"
                       "Russian artillery also struck Sumy, wounding two people.")
    assert {"Khotin Hromada", "Sumy"} <= set(events)


@pytest.mark.parametrize("text, village", [
    ("Russian artillery struck Vovchansk in Chuhuiv district at about 10 a.m., damaging a house.",
     "Vovchansk"),
    ("Росіяни обстріляли село Безруки Дергачівської громади, постраждала жінка.", "Bezruky"),
])
def test_the_district_a_village_is_said_to_lie_in_is_its_address(text, village):
    events = _by_place(text)
    assert set(events) == {village}


def test_damage_told_after_a_list_of_places_belongs_to_them():
    events = _by_place("Among the settlements that came under fire were Antonivka and Beryslav.\n\n"
                       "More than fifteen private houses were damaged.")
    assert {e.target_type for e in events.values()} == {"residential"}
    assert {e.status for e in events.values()} == {"hit"}


@pytest.mark.parametrize("text, target", [
    ("Overnight attacks hit railway infrastructure in the Kharkiv region.", "railway"),
    ("During the night drones struck Kryvyi Rih, starting a fire and damaging infrastructure.",
     "civilian_other"),
])
def test_infrastructure_is_its_kind_when_named_else_civilian(text, target):
    assert _one(text).target_type == target


def test_the_lead_tells_the_headline_strike_and_the_regional_centre_is_that_town():
    (event,) = extract_text(
        "Night attack on Zaporizhzhia: 13 injured\n\n"
        "Russian forces attacked Zaporizhzhia in the course of the night, the governor said.\n\n"
        "He said 13 people were injured.\n\n"
        "Earlier he had reported Shahed strikes on the regional centre, saying private houses caught fire.",
        published="2025-10-22")
    assert event.strike_type == "drone" and event.target_type == "residential"
    assert len(event.evidence) >= 3


def test_houses_in_the_city_after_a_region_shelled_are_not_the_town_told_before():
    events = _by_place(
        "Russian shelling killed two people in Bakhmut, the governor said.\n\n"
        "The Kherson region came under fire more than 60 times, the governor of Kherson Oblast said.\n\n"
        "Two people were wounded and private houses in the city were damaged.")
    assert events["Bakhmut"].target_type == "unknown"


def test_a_report_keeps_its_day_from_one_strike_sentence_to_the_next():
    events = {e.place_name: e for e in extract_text(
        "Russian troops shelled 24 settlements in Zaporizhzhia region over the past day, October 22.\n\n"
        "The head of the regional administration said so on Facebook.\n\n"
        "Of these, 153 were artillery attacks on Novoandriivka, Charivne and Preobrazhenka.\n\n"
        "Russian forces also made 14 UAV attacks on Robotyne and Mala Tokmachka.\n\n"
        "They launched an air strike on Orikhiv.\n\n"
        "As reported, Russian troops fired on the Zaporizhzhia region 175 times on October 21.",
        published="2023-10-23")}
    assert {events[p].event_date for p in ("Robotyne", "Orikhiv", "Charivne")} == {"2023-10-22"}


def test_a_report_dated_only_by_a_later_sentence_takes_its_night_but_not_an_earlier_one():
    text = ("Trains diverted after Russian attack damages railway\n\n"
            "Attacks damaged railway infrastructure in Rivne and Zhytomyr oblasts, the operator said.\n\n"
            "It said the network had been repaired by noon.\n\n"
            "Inspection of the lines goes on.\n\n"
            "{} its teams kept trains away from more than a hundred drones and missiles during the night.")
    (event, *_) = extract_text(text.format("Later,"), published="2026-03-07")
    assert event.event_date == "2026-03-06"
    (event, *_) = extract_text(text.format("Earlier,"), published="2026-03-07")
    assert event.date_precision == "week"


def test_a_raion_named_beside_a_village_settles_its_namesakes():
    (event,) = extract_text("In Izium raion an apartment building in Borova was damaged by a drone.",
                            published="2025-09-24")
    assert event.place_name == "Borova" and not event.namesakes
    assert 49.3 < event.lat < 49.45 and 37.55 < event.lon < 37.7


def test_settlements_affected_are_struck_each_in_the_district_named_after_it():
    events = _by_place("The other settlements affected were Chervona Zorya in Bohodukhiv district, "
                       "Lukyantsi in Kharkiv district, and Bochkove and Budarky in Chuhuiv district.")
    assert {"Lukiantsi", "Bochkove"} <= set(events)
    assert not any(e.geo_precision == "district" for e in events.values())  # the districts are addresses
    assert not events["Lukiantsi"].namesakes


def test_rescuers_at_work_mean_a_strike_landed_but_missiles_shot_down_name_no_weapon():
    events = _by_place("Russia fired 420 drones and 39 missiles at Ukraine overnight.\n\n"
                       "Rescuers were at work in the Chernihiv, Kirovohrad and Vinnytsia regions.\n\n"
                       "Zelenskyy said most of the missiles had been shot down.")
    assert {e.place_name for e in events.values()} == {"Chernihiv Oblast", "Kirovohrad Oblast",
                                                       "Vinnytsia Oblast"}
    assert {e.status for e in events.values()} == {"hit"}
    assert {e.strike_type for e in events.values()} == {"unknown"}


def test_the_day_a_strike_was_reported_gives_way_to_the_day_it_happened():
    events = extract_text(
        "Russian drone wounds man in Mykolaiv\n\n"
        "An enemy drone attack on Mykolaiv left a man wounded, the governor wrote on Telegram on Friday.\n\n"
        "He said that the day before, January 9, Russian forces fired on Mykolaiv from a drone.",
        published="2025-01-10")
    assert [(e.place_name, e.event_date) for e in events] == [("Mykolayiv", "2025-01-09")]


@pytest.mark.parametrize("text, target", [
    ("Shelling damaged a private family home in Velyka Pysarivka.", "residential"),
    ("Mortar fire on Khotin damaged a community arts centre.", "civilian_other"),
    ("A drone attack on Dnipro damaged a business facility.", "civilian_other"),
    ("Grad rocket fire damaged a bank building in Bilopillia.", "civilian_other"),
    ("The shelling damaged two buses in Horlivka.", "civilian_other"),
    # "bank" alone is a river's: "the right bank of the Kherson region".
    ("Shelling of Antonivka on the right bank damaged several private houses.", "residential"),
])
def test_homes_and_arts_centres_are_named_targets(text, target):
    assert _one(text).target_type == target


def test_drones_destroyed_above_regions_are_interceptions():
    events = _by_place("Air defences downed six drones overnight, the ministry said.\n\n"
                       "Three were destroyed above the Voronezh region, one each above the "
                       "Belgorod and Kursk regions.")
    assert set(events) == {"Voronezh Oblast", "Belgorod Oblast", "Kursk Oblast"}
    assert {e.status for e in events.values()} == {"intercepted"}


def test_the_place_an_attack_was_on_is_struck_but_not_a_sea_beside_the_talks():
    (event,) = extract_text("The Russians also launched a massive attack on Kyiv overnight.",
                            published="2024-04-10")
    assert event.place == "Kyiv" and event.status == "unknown"
    assert extract_text("The sides discussed a pause in attacks on energy facilities and safe "
                        "navigation in the Black Sea.", published="2024-04-10") == []


@pytest.mark.parametrize("text", [
    "Ukraine's forces struck a drone storage site at the Saky airfield in Crimea.",
    "A hangar holding Orion attack drones was destroyed at the Saky airfield.",
    "Ammunition depots where guided aerial bombs in particular were stored were hit at Morozovsk airfield.",
])
def test_weapons_kept_at_the_site_struck_are_not_its_weapon(text):
    assert _one(text).strike_type == "unknown"


def test_a_weapon_that_struck_a_weapons_plant_is_still_its_weapon():
    assert _one("Ukrainian drones struck a missile plant in Bryansk.").strike_type == "drone"


def test_a_region_named_beside_a_city_does_not_make_it_a_village_there():
    events = _by_place("Russian attacks across Ukraine left seven people dead over the past day.\n\n"
                       "According to local officials, one person was killed in the Kherson region, "
                       "and an elderly woman was wounded in Zaporizhzhia.")
    assert {e.geo_precision for e in events.values()} == {"region", "town"}
    (city,) = [e for e in events.values() if e.geo_precision == "town"]
    assert abs(city.lat - 47.85) < 0.1 and abs(city.lon - 35.12) < 0.1


_CLAIM = ("The Russian defence ministry said its forces had struck an ammunition depot in Kramatorsk "
          "overnight.\n\n")


@pytest.mark.parametrize("told_on, status", [
    # The ministry's spokesman goes on: still the attacking side's word.
    ("Konashenkov told the briefing that airstrikes had also hit two radar stations near Sloviansk.",
     "claimed"),
    # Someone else tells of it: a hit.
    ("The town's mayor said a missile had hit a radar station near Sloviansk.", "hit"),
    ("Ukraine's military said a Russian missile had hit a radar station near Sloviansk.", "hit"),
    ("Ukrinform reported that a missile had hit a radar station near Sloviansk.", "hit"),
])
def test_a_claim_told_on_stays_a_claim_until_another_voice_reports_it(told_on, status):
    events = _by_place(_CLAIM + told_on)
    assert events["Kramatorsk"].status == "claimed"
    assert events["Slovyansk"].status == status


def test_a_claim_does_not_reach_a_strike_told_much_later():
    filler = "".join(f"Sentence {n} of the report names nothing struck.\n\n" for n in range(8))
    events = _by_place(_CLAIM + filler + "Airstrikes also hit two radar stations near Sloviansk.")
    assert events["Slovyansk"].status == "hit"


@pytest.mark.parametrize("text", [
    "The governor added that the Koriukivka and Chernihiv districts had also come under enemy attack.",
    "The Koriukivka and Chernihiv districts came under attack overnight, the governor added.",
])
def test_places_that_came_under_attack_are_struck(text):
    events = _by_place(text)
    assert {"Koriukivka Raion", "Chernihiv Raion"} <= set(events)
    assert {e.status for e in events.values()} == {"unknown"}  # attacked; nothing said of damage


def test_the_region_after_a_list_addresses_every_place_listed():
    events = _by_place("Russian artillery shelled Petrivka, Oleksandrivka and Kupiansk in Kharkiv region; "
                       "Mykolaivka, Novoselivka and Kostiantynivka in Donetsk region.")
    regions = {name: e.admin1 for name, e in events.items()}
    # Petrivka and Oleksandrivka both have namesakes in Donetsk Oblast too: the list's region decides.
    assert regions["Petrivka"] == regions["Oleksandrivka"] == regions["Kupyansk"] == "Kharkiv Oblast"
    assert regions["Mykolaivka"] == regions["Novoselivka"] == "Donetsk Oblast"
    assert "Kharkiv Oblast" not in events and "Donetsk Oblast" not in events  # addresses, not strikes


@pytest.mark.parametrize("tally", [
    "Air defence forces destroyed 17 drones over the region, the administration added.",
    "The region's air defence shot down most of the drones.",
    "За даними командування, над областю сили ППО збили три безпілотники.",
])
def test_drones_downed_over_the_region_are_a_tally_of_the_region_the_report_is_about(tally):
    events = _by_place("Russian attacks across Dnipropetrovsk region: a drone hit a house in Pavlohrad.\n\n"
                       f"{tally}")
    assert events["Dnipropetrovsk Oblast"].status == "intercepted"
    assert events["Pavlohrad"].status == "hit"


def test_the_region_of_a_tally_is_only_one_the_report_named():
    # With no region named before, "the region" cannot be placed: no event is made up.
    events = _by_place("A drone hit a house in Pavlohrad.\n\n"
                       "Air defence destroyed 17 drones over the region.")
    assert set(events) == {"Pavlohrad"}


@pytest.mark.parametrize("text", [
    "Russian drones hit the Pokrovske community of the Synelnykove district, damaging a house.",
    "Увечері росіяни вдарили безпілотником по Покровській громаді Синельниківського району.",
])
def test_the_raion_named_after_a_hromada_picks_its_namesake_and_is_its_address(text):
    # Dnipropetrovsk Oblast has two Pokrovske hromadas, in the Nikopol and Synelnykove raions.
    events = extract_text(text, published="2025-10-08")
    assert [(e.place_name, e.place_id) for e in events] == [
        ("Pokrovske Hromada", "katottg:UA12140250000015858")]


def test_a_regions_interception_tally_struck_no_target():
    events = _by_place("Air defences shot down three drones over the Samara region near an industrial "
                       "enterprise, the governor said.")
    assert events["Samara Oblast"].status == "intercepted"
    assert events["Samara Oblast"].target_type == "unknown"


def test_debris_of_downed_drones_damaging_a_list_of_places_is_a_hit_on_each():
    events = _by_place("Fragments of downed drones damaged residential buildings in the Kharkiv and "
                       "Odesa regions, the air force said.")
    assert {name: e.status for name, e in events.items()} == {
        "Kharkiv Oblast": "hit", "Odesa Oblast": "hit"}



def test_a_raion_named_beside_a_far_town_of_its_own_oblast_is_the_raion():
    events = _by_place("The enemy fired missiles at the Dnipro district in the evening, and at night it "
                       "struck Kryvyi Rih with drones, starting a fire.")
    assert {"Dnipro Raion", "Kryvyy Rih"} <= set(events)


def test_a_village_with_its_district_after_it_is_a_place_but_not_part_of_a_longer_name():
    events = _by_place("Shelling hit Chervona Zorya in Bohodukhiv district and Lukyantsi in Kharkiv "
                       "district.")
    assert events["Chervona Zoria"].admin1 == "Kharkiv Oblast"
    # Only "Tyshki" of "Cherkaski Tyshki" is a name the gazetteer knows: no point for it.
    events = _by_place("Russians struck the village of Cherkaski Tyshki in Kharkiv district with "
                       "guided bombs.")
    assert "Heorhiivka" not in events


def test_in_a_mixed_attack_a_missile_launch_told_alone_names_no_weapon_for_later_hits():
    story = ("Russia launched 40 drones and 12 missiles at Ukraine overnight, the air force said.\n\n"
             "Russian forces also fired four Kalibr cruise missiles from the Black Sea.\n\n"
             "The attack damaged energy facilities in the Lviv region.")
    assert _by_place(story)["Lviv Oblast"].strike_type == "unknown"
    # Without the mixed lead, the missiles told just before are what hit.
    alone = story.split("\n\n", 1)[1]
    assert _by_place(alone)["Lviv Oblast"].strike_type == "missile"


def test_names_listed_before_districts_are_each_a_district():
    events = _by_place("The governor said drones were shot down over the Millerovsky, Kasharsky and "
                       "Milyutinsky districts of the Rostov region.")
    assert {"Millerovo Raion", "Kashary Raion", "Milyutinskiy Raion"} <= set(events)
    assert {e.geo_precision for e in events.values()} == {"district"}


@pytest.mark.parametrize("text", [
    "Russian forces made 14 UAV attacks on Robotyne.",
    "The army made a drone attack on Robotyne overnight.",
])
def test_a_weapon_made_into_attacks_is_the_weapon_not_its_making(text):
    assert _one(text).strike_type == "drone"


def test_a_plant_making_drones_still_names_what_was_made():
    event = _one("A missile hit a plant making Shahed drones in Yelabuga.")
    assert event.strike_type == "missile"


@pytest.mark.parametrize("text, status", [
    ("Explosions struck the city of Dnipro on Monday.", "unknown"),
    ("Blasts rocked Kharkiv overnight, damaging two houses.", "hit"),
    ("Explosions struck Kharkiv and a fire broke out at a warehouse.", "hit"),
])
def test_explosions_heard_are_no_hit_without_damage(text, status):
    assert _one(text).status == status


def test_a_city_district_struck_lends_its_weapon_to_the_city_it_is_folded_into():
    text = ("Russian strike hits homes in Kharkiv's Saltivka district\n\n"
            "The mayor said the enemy had struck a residential area.\n\n"
            "Oleh Syniehubov, head of the Kharkiv Regional Military Administration, said more.\n\n"
            "He said the enemy attacked the Saltivka district of the city with Shahed drones overnight.")
    event = _one(text)
    assert event.place_name == "Kharkiv" and event.strike_type == "drone"


def test_a_town_whose_mayor_speaks_is_the_city_the_next_sentence_means():
    text = ("Missiles struck Kyiv and the eastern city of Kharkiv overnight.\n\n"
            "Kyiv Mayor Vitali Klitschko reported two deaths.\n\n"
            "Facilities of the city's civilian infrastructure took hits.")
    targets = {e.place_name: e.target_type for e in extract_text(text, published="2024-05-10")}
    assert targets == {"Kyiv": "civilian_other", "Kharkiv": "unknown"}


def test_a_report_of_one_attack_names_its_one_weapon_once():
    text = ("Clinic damaged in Kursk\n\n"
            "Authorities said a clinic had been damaged in the city of Kursk overnight.\n\n"
            "The Russian army said air defence had destroyed 12 Ukrainian drones above the Belgorod region.")
    kursk = next(e for e in extract_text(text, published="2024-05-10") if e.place_name == "Kursk")
    assert kursk.strike_type == "drone"


def test_a_roundup_of_many_places_does_not_lend_its_one_weapon_to_all():
    text = ("Russian forces attacked nine regions over the day.\n\n"
            "Houses were damaged in Kherson, Nikopol, Sumy and Kupiansk, a school was hit in Chernihiv.\n\n"
            "Shelling also killed a man in Toretsk.")
    types = {e.place_name: e.strike_type for e in extract_text(text, published="2024-05-10")}
    assert types["Toretsk"] == "artillery" and types["Kherson"] == "unknown"


def test_the_other_side_admitting_damage_just_after_a_claim_makes_it_a_hit():
    text = ("Ukraine's military claimed successful strikes on oil refineries in Krasnodar and Syzran.\n\n"
            "Russian authorities acknowledged damage at one of their refineries.")
    assert {e.status for e in extract_text(text, published="2024-05-10")} == {"hit"}


def test_a_claim_with_nothing_admitted_after_it_stays_a_claim():
    text = ("Ukraine's military claimed successful strikes on oil refineries in Krasnodar and Syzran.\n\n"
            "Russian authorities reported no casualties.")
    assert {e.status for e in extract_text(text, published="2024-05-10")} == {"claimed"}


def test_explosions_heard_in_a_place_of_its_own_clause_are_no_hit_from_the_next_place():
    text = "Crews fought several fires in Zaporizhzhia, and explosions were heard in the Pavlohrad area."
    status = {e.place_name[:6]: e.status for e in extract_text(text, published="2024-05-10")}
    assert status == {"Zapori": "hit", "Pavloh": "unknown"}


def test_a_list_of_kyiv_districts_keeps_a_shared_name_in_kyiv():
    text = "Falling debris was recorded in the Darnytskyi, Dniprovskyi and Holosiivskyi districts."
    events = extract_text(text, published="2024-05-10")
    assert sorted(e.place_name.split(", ")[-1] for e in events) == ["Kyiv"] * 3


def test_a_district_where_grass_caught_fire_after_drones_downed_over_it_is_a_hit():
    text = ("Drones were destroyed over the Tarasovsky and Kasharsky districts, the governor said.\n\n"
            "In the Kasharsky district grass caught fire in a field, he said.")
    status = {e.place_name: e.status for e in extract_text(text, published="2024-05-10")}
    assert status == {"Tarasovskiy Raion": "intercepted", "Kashary Raion": "hit"}


def test_what_a_town_is_home_to_is_not_what_was_struck():
    event = _one("Drones attacked the Russian city of Engels, home to an airfield.")
    assert event.place_name == "Engels" and event.target_type == "unknown"


def test_the_depot_after_an_ammunition_depot_is_that_depot():
    text = ("Ukraine said it had destroyed a Russian ammunition depot in the south.\n\n"
            "The military said the depot, in Russian-held Nova Kakhovka, was hit by a rocket strike.")
    event = _one(text)
    assert event.target_type == "military"


def test_a_bare_depot_alone_is_still_a_fuel_depot():
    assert _one("A drone hit a depot in Nova Kakhovka overnight.").target_type == "oil_depot"


def test_a_locomotive_depot_is_railway():
    assert _one("A drone hit a locomotive depot in Melitopol overnight.").target_type == "railway"


def test_places_of_one_list_share_the_target_named_near_the_last():
    text = ("The rail operator said its trains in Rivne, Vinnytsia and Zhytomyr oblasts were being diverted "
            "after a large-scale enemy attack and damage to the railway infrastructure.")
    targets = {e.place_name: e.target_type for e in extract_text(text, published="2024-05-10")}
    assert targets == dict.fromkeys(("Rivne Oblast", "Vinnytsia Oblast", "Zhytomyr Oblast"), "railway")


def test_a_target_denied_is_no_target():
    text = "A missile hit Mykolaiv, though the city had no military targets, the president said."
    assert _one(text).target_type == "unknown"


def test_a_government_building_is_a_civilian_target():
    assert _one("Russia struck a government building in Mykolaiv.").target_type == "civilian_other"


def test_a_placeless_count_of_drones_downed_is_no_interception_at_the_places_before():
    text = ("In the Nikopol area the enemy used FPV drones and artillery, targeting the district centre.\n\n"
            "It had been reported earlier that the defence forces shot down three UAVs.")
    assert _one(text).status == "unknown"


def test_the_border_town_of_graivoron_in_its_news_spellings():
    for spelling in ("Graivoron", "Hraivoron"):
        event = _one(f"A kamikaze drone struck the administration building in {spelling}.")
        assert event.place_id == "geonames:559034"


def test_districts_of_a_named_city_are_never_a_namesake_raion_elsewhere():
    text = "The shelling wounded six civilians in the Kalininskyi and Nikitovskyi districts of Horlivka."
    events = extract_text(text, published="2023-09-15")
    assert events and {e.admin1 for e in events} == {"Donetsk Oblast"}


def test_a_sentence_that_goes_on_naming_several_kinds_gives_the_first():
    text = ("Russian missiles struck Zaporizhzhia on Monday evening.\n\n"
            "They hit private houses, high-rise buildings, educational institutions and infrastructure.")
    assert _one(text).target_type == "residential"


def test_air_defence_missile_batteries_struck_are_the_target_not_the_weapon():
    event = _one("Airstrikes had hit two S-300 air defense missile batteries near Zaporozhye.")
    assert (event.strike_type, event.target_type) == ("airstrike", "military")


def test_missiles_fired_are_still_the_weapon_and_a_rocket_launcher_fires():
    assert _one("Russian forces fired S-300 missiles at Kharkiv.").strike_type == "missile"
    assert _one("Multiple rocket launcher fire damaged houses in Semenivka.").strike_type == "artillery"


def test_after_strikes_by_two_kinds_of_weapon_a_new_place_takes_neither():
    text = ("A drone strike damaged a house in Novhorod-Siverskyi overnight.\n\n"
            "In Semenivka, multiple rocket launcher fire destroyed houses and cars.\n\n"
            "In Nizhyn, dry grass caught fire after Russian drone attacks.\n\n"
            "The Koriukivka and Chernihiv districts had also come under enemy attack.")
    types = {e.place_name: e.strike_type for e in extract_text(text, published="2025-09-16")}
    assert types["Koriukivka Raion"] == "unknown" and types["Semenivka"] == "artillery"


def test_after_strikes_by_two_kinds_a_place_inside_the_one_just_struck_takes_its_weapon():
    text = ("A Shahed drone struck a house in Kharkiv in the evening.\n\n"
            "In the morning Russian forces had attacked Kharkiv with missiles, damaging a school.\n\n"
            "Impacts were recorded in the Kholodnohirskyi district.")
    types = [e.strike_type for e in extract_text(text, published="2026-02-23")]
    assert "missile" in types and "unknown" not in types


def test_a_russian_military_base_is_a_military_target():
    event = _one("A post said a Russian military base in the city of Yevpatoria had been struck.")
    assert event.target_type == "military"


@pytest.mark.parametrize("text, target", [
    ("A fire broke out on equipment at a gas distribution station in Tarasovsky, the governor said.",
     "gas_facility"),
    ("Storm Shadow missiles struck the ship repair yard in Sevastopol.", "port"),
    ("Drones struck two oil transshipment depots in Tikhoretsk.", "oil_depot"),
    ("Last week drones targeted oil terminals in Feodosia.", "oil_depot"),
    ("Drones struck fuel and lubricant depots in Rovenky, the General Staff said.", "oil_depot"),
    ("Ukrainian forces struck Russian troop concentrations and fuel depots in Tokmak.", "military"),
    ("A Russian attack blew up a gas pipeline outside Kharkiv.", "gas_facility"),
    ("A Russian missile put the runway in Odesa out of action.", "airfield"),
])
def test_sites_as_real_reports_name_them(text, target):
    assert _one(text).target_type == target


def test_places_of_a_list_with_at_the_between_share_the_damage():
    text = "The army fired artillery at Nikopol and at the Marhanets community, damaging three houses."
    assert {e.target_type for e in extract_text(text, published="2024-05-10")} == {"residential"}


def test_what_a_struck_site_belongs_to_is_not_the_target():
    # (a warehouse is civilian, as tests/real/README.md's gold reads it; not the port it belongs to)
    assert _one("Debris damaged a warehouse owned by the seaport in Izmail.").target_type == "civilian_other"


@pytest.mark.parametrize("text, target", [
    # the first thing a damage list names is what the place is known to have lost
    ("Russian shelling damaged five houses, a shop and a car in Balakliia.", "residential"),
    ("Shelling damaged a school, two houses and a car in Balakliia.", "civilian_other"),
    ("In Balakliia a flat, a pharmacy and a garage were damaged by a Russian drone.", "residential"),
    # an umbrella word yields to the kind the sentence names after the place
    ("Russian shelling damaged civilian infrastructure in Balakliia, where 12 private houses and a "
     "school were hit.", "residential"),
])
def test_the_first_thing_of_a_damage_list_is_the_target(text, target):
    assert _one(text).target_type == target


@pytest.mark.parametrize("text, status", [
    # a village "hit by" a weapon was attacked, as "shelled" says: nothing is said to be damaged
    ("Russian troops shelled Kozacha Lopan, while Tsyrkuny was hit by airstrikes.", "unknown"),
    ("Tsyrkuny was hit by Russian guided bombs, wounding a man.", "hit"),
    # a site hit by a weapon was damaged
    ("The oil depot in Tsyrkuny was hit by a Russian drone overnight.", "hit"),
    ("Russian missiles put the power plant in Tsyrkuny out of action.", "hit"),
])
def test_a_settlement_hit_by_a_weapon_is_attacked_a_site_is_damaged(text, status):
    assert {e.status for e in extract_text(text, published="2024-05-10") if e.place == "Tsyrkuny"} == {status}


def test_the_capital_named_beside_regions_is_the_city():
    text = "Rescuers were at work in the Chernihiv and Sumy regions, and in the capital, Kyiv."
    assert {(e.place, e.geo_precision) for e in extract_text(text, published="2024-05-10")} == {
        ("Chernihiv", "region"), ("Sumy", "region"), ("Kyiv", "town")}


def test_a_side_reporting_hitting_sites_in_regions_tells_strikes_there():
    text = ("Ukraine's General Staff reported hitting fuel sites at several locations inside Russia, "
            "including in the Bryansk and Lipetsk regions.")
    assert {e.place for e in extract_text(text, published="2024-05-10")} == {"Bryansk", "Lipetsk"}


@pytest.mark.parametrize("text", [
    "Russian missiles destroyed an ammunition depot in Pavlohrad, the Russian defence ministry said.",
    "Russian missiles destroyed an ammunition depot near the city of Pavlohrad, Interfax reported, "
    "citing Russia's Defence Ministry.",
])
def test_the_attacker_s_own_word_told_after_the_strike_is_a_claim(text):
    assert _one(text).status == "claimed"


def test_the_struck_side_s_word_of_damage_at_the_place_soon_after_confirms_a_claim():
    text = ("The Russian Defence Ministry said it had struck a store of weapons at a military airfield "
            "near Odesa. On Saturday the Odesa regional governor said a Russian missile had destroyed a "
            "runway in Odesa.")
    assert _one(text).status == "hit"


def test_missiles_that_destroyed_a_site_struck_it():
    # "missiles destroyed a depot" is a strike; "20 drones were destroyed over" an interception.
    event = _one("Russian missiles destroyed a military repair facility in the city of Mykolaiv.")
    assert event.status == "hit"


def test_a_report_whose_only_strike_word_is_destroyed_is_read():
    event = _one("Russian forces have destroyed an ammunition depot near Novomoskovsk.")
    assert (event.place, event.target_type) == ("Novomoskovsk", "military")


def test_a_plant_named_before_the_town_is_not_the_town_s_one_big_plant():
    text = ("Russia's defence ministry said it had destroyed production buildings of an armoured "
            "vehicle plant in Kyiv.")
    event = _one(text)
    assert (event.geo_precision, event.target_type) == ("town", "factory")


def test_a_city_named_as_such_is_the_city_beside_a_village_of_its_alternate_name():
    # GeoNames also calls the Mykolaivka by Izyum "Mykolaiv"; "the city of Mykolaiv" is the city.
    text = ("Russia's defence ministry said it had destroyed a military repair facility in the city of "
            "Mykolaiv. Its forces had also shot down a Ukrainian SU-25 near the city of Izyum in the "
            "Kharkiv Oblast.")
    events = [e for e in extract_text(text, published="2024-05-10") if e.place == "Mykolaiv"]
    assert [(e.admin1, e.target_type) for e in events] == [("Mykolaiv Oblast", "military")]


@pytest.mark.parametrize("text, status", [
    ("In the Esman community the enemy used mortars, causing 23 explosions.", "unknown"),
    ("A Russian drone attack on Esman caused an explosion and a fire at a shop.", "hit"),
])
def test_a_count_of_explosions_is_a_tally_of_impacts_not_damage(text, status):
    assert {e.status for e in extract_text(text, published="2024-05-10")} == {status}


def test_a_strike_that_cut_the_power_hit_the_grid():
    event = _one("In the village of Chornolozka, 78 consumers lost electricity because of a Russian "
                 "missile attack.")
    assert (event.status, event.target_type) == ("hit", "energy_other")


def test_a_refinery_in_a_region_with_one_is_that_refinery():
    text = ("A drone attack overnight caused a brief fire at an oil refinery in the Volgograd region, "
            "the governor said.")
    event = _one(text)
    assert (event.geo_precision, event.target_type) == ("facility", "refinery")
    assert "Volgograd" in event.place_name


def test_a_port_city_is_a_city_not_a_port_struck():
    event = _one("Russia fired missiles at the Black Sea port city of Odesa, damaging a house.")
    assert event.target_type == "residential"


def test_the_defence_s_own_means_are_no_weapon_and_no_fire():
    (event, *more) = extract_text(
        "The commander said all the enemy drones had been shot down by mobile fire groups and "
        "anti-aircraft missile units over the Kyiv, Poltava and Sumy regions.", published="2024-08-09")
    events = [event, *more]
    assert len(events) == 3
    assert {(e.strike_type, e.status) for e in events} == {("drone", "intercepted")}


def test_a_capital_in_quotes_standing_for_its_government_is_no_place():
    events = extract_text('The ministry said drones had attacked the Engels airfield in the Saratov region, '
                          'and it blamed the "Kyiv regime" for the attack.', published="2025-06-01")
    assert events and not any("Kyiv" in e.place_name for e in events)


def test_explosions_heard_in_a_town_make_it_the_place_the_next_damage_is_told_of():
    text = ("Drones attacked Krasnodar Krai overnight, the regional authorities said. Explosions were also "
            "heard during the night in Krasnodar. Krasnodar Krai governor Veniamin Kondratiev said falling "
            "drone wreckage had damaged a bus station.")
    events = {e.place_name: e for e in extract_text(text, published="2024-06-21")}
    city = events["Krasnodar"]
    assert (city.strike_type, city.status, city.target_type) == ("drone", "hit", "civilian_other")


def test_a_weapon_destroyed_is_the_target_not_the_weapon():
    # The howitzers are what the drones destroyed: the strike is a drone strike on a military
    # target, and its side is the drones', not the howitzers'.
    (event,) = extract_text("On 6 May 2024 Ukrainian drones destroyed two Russian howitzers near Toretsk, "
                            "the brigade said.", published="2024-05-06")
    assert (event.strike_type, event.target_type, event.attacker) == ("drone", "military", "ukraine")
    # Howitzers that fire are still the weapon.
    (event,) = extract_text("On 6 May 2024 Russian howitzers shelled Toretsk, damaging a school.",
                            published="2024-05-06")
    assert event.strike_type == "artillery"


def test_positions_struck_are_a_military_target():
    (event,) = extract_text("On 6 May 2024 Ukrainian artillery struck Russian positions near Chasiv Yar.",
                            published="2024-05-06")
    assert event.target_type == "military"


def test_weapons_destroyed_after_but_and_debris_that_damaged_nothing_are_interceptions():
    (event,) = extract_text("On 6 May 2024 Ukrainian drones tried to attack the Ryazan refinery but were "
                            "destroyed, Governor Malkov said.", published="2024-05-06")
    assert event.status == "intercepted"
    (event,) = extract_text("A drone attack on the Saratov refinery was repelled on 6 May 2024, the governor "
                            "said, and debris caused no damage.", published="2024-05-06")
    assert event.status == "intercepted"
    # Debris that fell on a house is a hit, whether or not anyone was hurt.
    (event,) = extract_text("Debris from a downed drone fell on a house in Belgorod on 6 May 2024; there "
                            "were no casualties.", published="2024-05-06")
    assert event.status == "hit"


def test_the_russian_mod_speaking_of_its_own_strike_is_a_claim():
    (event,) = extract_text("According to the Russian MoD, on 6 May 2024 Iskander missiles destroyed two "
                            "Patriot launchers near Pavlohrad.", published="2024-05-06")
    assert (event.status, event.target_type, event.strike_type) == ("claimed", "military", "missile")


def test_a_clause_of_weapons_striking_after_an_interception_tally_is_a_hit():
    events = extract_text("On 6 May 2024 the Ukrainian Air Force reported that Ukrainian forces downed 70 "
                          "drones over Kyiv and Kharkiv oblasts and that drones struck Odesa and Poltava "
                          "oblasts.",
                          published="2024-05-06")
    status = {e.place_name: e.status for e in events}
    assert status["Odesa Oblast"] == status["Poltava Oblast"] == "hit", status
    assert status["Kharkiv Oblast"] != "hit", status


def test_the_side_of_the_troops_struck_is_not_the_attacker():
    # Kupiansk and Avdiivka are held by Ukraine, so geography would say Russia struck; the text says
    # Ukrainian drones struck Russian troops there.
    for text in ("On 6 May 2024 Ukrainian forces used FPV drones to strike Russian positions near Kupiansk.",
                 "On 6 May 2024 Ukraine's 47th brigade destroyed a Russian tank near Avdiivka with a drone."):
        (event,) = extract_text(text, published="2024-05-06")
        assert event.attacker == "ukraine", text
    # A Ukrainian bus hit by a drone: the other side struck.
    (event,) = extract_text("On 6 May 2024 a drone hit a Ukrainian bus in Nikopol.", published="2024-05-06")
    assert event.attacker == "russia"


@pytest.mark.parametrize("text", [
    "Russian forces fired from the Kursk region at the village of Esman, wounding two people.",
    "Russian forces fired from the territory of the Kursk region at Esman, wounding two people.",
])
def test_fire_told_from_a_launch_area_at_a_place_is_a_strike_on_the_place(text):
    # The launch area stands between "fired" and "at": the place is still the one fired at, and
    # the region fire came from is no strike of its own.
    event = _one(text)
    assert event.place_name == "Esman"
    assert event.status == "hit"


def test_a_list_of_regions_struck_tells_where_attacks_fell_not_damage():
    events = extract_text("Russia struck five Ukrainian oblasts in all: Chernihiv, Sumy, Mykolaiv, Luhansk "
                          "and Odesa.", published="2025-04-15")
    assert len(events) == 5
    assert {e.status for e in events} == {"unknown"}
    # Blasts over a list of regions are still the strikes' ("large explosions went off in occupied
    # areas of the Donetsk, Luhansk and Kherson regions").
    events = extract_text("Large explosions went off in occupied areas of the Donetsk, Luhansk and Kherson "
                          "regions after Ukrainian strikes.", published="2022-07-20")
    assert {e.status for e in events} == {"hit"}


@pytest.mark.parametrize("text, attacker", [
    # Towns Russia has held since 2022: a strike there is Ukraine's unless the text says otherwise.
    ("A drone hit a gas station in Oleshky, Saldo said.", "ukraine"),
    ("A drone hit a house in Hola Prystan.", "ukraine"),
    ("An ammunition depot was hit in Rovenky, Luhansk Oblast.", "ukraine"),
    ("A drone hit a house in Vasylivka, Zaporizhzhia Oblast.", "ukraine"),
    # a namesake in a region Ukraine holds stays Russia's target
    ("Russian forces shelled Vasylivka in the Vinnytsia region.", "russia"),
])
def test_a_strike_in_a_town_held_by_russia_is_ukraines(text, attacker):
    assert _one(text).attacker == attacker
