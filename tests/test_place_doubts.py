"""Names read as places only where the report lets them be: namesakes far from the report."""

from __future__ import annotations

from geomap.extract import default_extractor
from geomap.model import Document
from geomap.pipeline import extract_text
from geomap.place_doubts import FAR_NAMESAKE


def test_a_village_far_from_every_region_the_report_names_is_no_strike():
    # A Sumy post's "Toporivtsi" (a village of the Chernivtsi region, 600 km west, and no place of
    # the Sumy region): no point rather than a confidently wrong one.
    text = ("Russian forces shelled border communities of the Sumy region 33 times over the past day. "
            "The communities hit were Toporivtsi, Yunakivka, Bilopillia and Krasnopillia.")
    places = {e.place for e in extract_text(text, published="2024-05-10")}
    assert places == {"Yunakivka", "Bilopillia", "Krasnopillia"}
    mentions = default_extractor().extract(Document("d", text, "s")).mentions
    assert any(m.place == "Toporivtsi" and m.reason == FAR_NAMESAKE for m in mentions)


def test_khotyn_in_a_sumy_post_is_the_sumy_hromada():
    # The Sumy post's "Khotyn" is Sumy oblast's Khotin hromada (Хотінь, KATOTTG UA59080290000021284,
    # "і" written "y"), not the Khotyn of the Chernivtsi region 640 km west.
    text = ("Russian forces shelled border communities of the Sumy region 33 times over the past day. "
            "The communities hit were Khotyn, Yunakivka, Bilopillia and Krasnopillia.")
    events = extract_text(text, published="2024-05-10")
    assert {e.place for e in events} == {"Khotyn", "Yunakivka", "Bilopillia", "Krasnopillia"}
    assert {e.admin1 for e in events} == {"Sumy Oblast"}
    assert "katottg:UA59080290000021284" in {e.place_id for e in events}


def test_a_village_of_a_region_the_report_names_stays():
    text = ("Russian forces shelled communities of the Chernivtsi region overnight. "
            "Russian artillery shelled Khotyn and Kelmentsi.")
    assert "Khotyn" in {e.place for e in extract_text(text, published="2024-05-10")}


def test_a_city_far_from_the_report_stays_a_strike():
    text = ("Russian forces shelled border communities of the Sumy region overnight. "
            "Drones also hit Uzhhorod, the governor said.")
    assert "Uzhhorod" in {e.place for e in extract_text(text, published="2024-05-10")}


def test_a_regional_centre_named_bare_is_no_guess_between_it_and_villages_of_its_name():
    # Izyum would draw a guess to the Mykolaivka beside it (Donetsk oblast), were Mykolaiv one.
    text = ("Russia's defence ministry said it had destroyed an armoured vehicle plant in the city of "
            "Mykolaiv, Interfax reported. It said its forces had also shot down a Ukrainian SU-25 near "
            "the city of Izyum in the Kharkiv Oblast.")
    events = [e for e in extract_text(text, published="2024-05-10") if e.place == "Mykolaiv"]
    assert [e.admin1 for e in events] == ["Mykolaiv Oblast"]


def test_communities_listed_after_the_word_are_the_report_s_region_s_hromadas():
    text = ("Enemy troops fired on the border areas of the Sumy region. The communities hit were "
            "Yunakiv, Bilopil, Krasnopil and Esman.")
    found = {(e.place_name, e.admin1) for e in extract_text(text, published="2024-05-10")}
    assert {("Yunakivka Hromada", "Sumy Oblast"), ("Bilopillia Hromada", "Sumy Oblast"),
            ("Krasnopillia Hromada", "Sumy Oblast"), ("Esman Hromada", "Sumy Oblast")} <= found


def test_a_hromada_far_from_the_report_s_region_named_by_its_adjective_is_no_strike():
    # Sumy oblast's Khotin hromada is spelled "Khotinska"; "Khotynska" is Chernivtsi oblast's, 600 km off.
    text = ("Other communities of the Sumy region were shelled as well: FPV drones and mortars were "
            "used against Khotynska and Bilopilska.")
    events = extract_text(text, published="2024-05-10")
    assert {e.admin1 for e in events} == {"Sumy Oblast"}
    assert {e.strike_type for e in events} == {"drone"}


def test_a_large_hromada_far_from_the_report_is_still_doubted():
    # Districts now carry their people (districts.tsv.gz): only a town's size exempts it from the
    # doubt; a hromada of 60,000 people 600 km from the Sumy region it is reported with is not it.
    from geomap.gazetteer import Context, Place
    from geomap.place_doubts import far_from_the_report

    far = Place(id="katottg:x", name="Khotyn Hromada", lat=48.42, lon=26.50, kind="district", country="UA",
                admin1="UA-77", population=60_000)
    context = Context(regions={"UA-59"}, near=[(51.16, 34.35)])
    assert far_from_the_report(far, [], context, addressed=False)
    town = far._replace(kind="town", name="Khotyn")
    assert not far_from_the_report(town, [], context, addressed=False)


def test_a_governor_named_by_his_city_names_his_region():
    # "Belgorod governor" names no region, but a governor tells of the region he governs: the
    # "Zhuravlevka" of his report is a Belgorod border village the gazetteer does not know, not the
    # Crimean village of that name 600 km south.
    text = ("Belgorod governor Vyacheslav Gladkov wrote on 6 May 2024 that the village of Zhuravlevka "
            "had come under Ukrainian shelling and that two houses were damaged.")
    events = extract_text(text, published="2024-05-06")
    assert not any(e.admin1 == "Autonomous Republic of Crimea" for e in events)
    mentions = default_extractor().extract(Document("d", text, "s")).mentions
    assert any(m.place == "Zhuravlevka" and m.reason == FAR_NAMESAKE for m in mentions)


def test_a_tiny_village_alone_in_another_region_s_report_does_not_anchor_itself():
    # Sushany is a Bryansk village; the gazetteer's only "Sushany" is a Zhytomyr village 500 km
    # away. That it is the only place of the name does not make it the place meant.
    text = ("Bryansk governor Alexander Bogomaz said on 6 May 2024 that a drone had dropped explosives "
            "on the village of Sushany, damaging a house.")
    assert not any(e.admin1 == "Zhytomyr Oblast" for e in extract_text(text, published="2024-05-06"))
    # A town of 40,000 people named in another region's report stays a strike (no such doubt).
    text = ("The Krasnodar governor said a drone set the Afipsky refinery on fire. Governor Gladkov "
            "said shelling wounded a man in the town of Shebekino.")
    assert "Shebekino" in {e.place for e in extract_text(text, published="2024-05-06")}


def test_a_hamlet_across_the_border_from_every_place_the_report_names_is_no_strike():
    # Every place this post names for sure is in Russia; Poltava Oblast's small Bairaks are not the
    # Bairak hamlet of the Grayvoron district, which the gazetteer does not know.
    text = ("On 6 May 2024 a drone struck a car in Grayvoron, wounding a woman, and in the hamlet of "
            "Bairak the roof of a house was damaged.")
    events = extract_text(text, published="2024-05-06")
    assert {e.country for e in events} == {"RU"}, [(e.place, e.admin1) for e in events]
    # A village of the same country as the report's places is still a strike.
    text = ("On 6 May 2024 a drone struck a car in Poltava, and in the village of Bairak the roof of a "
            "house was damaged.")
    assert "Bairak" in {e.place for e in extract_text(text, published="2024-05-06")}


def test_a_weapon_system_named_like_a_village_is_no_place():
    # Pantsir, Peklo and Malka are also names of theatre places (Krasnoarmeysk's old name, a village
    # of Luhansk Oblast, a village of Kabardino-Balkaria): here they are weapons.
    for text in ("On 6 May 2024 a Pantsir unit was hit by a Ukrainian drone in the Belgorod region.",
                 "On 6 May 2024 Ukraine's Peklo missile-drones struck an oil terminal in Tuapse.",
                 "On 6 May 2024 a Malka self-propelled gun was destroyed near Pokrovsk by a drone."):
        places = {e.place for e in extract_text(text, published="2024-05-06")}
        assert not places & {"Pantsir", "Peklo", "Malka"}, (text, places)
    # In quotes, as Russian and Ukrainian news write weapons' names.
    text = "6 мая дрон ВСУ поразил САУ «Малка» в Белгородской области."
    assert "Malka" not in {e.place_name for e in extract_text(text, published="2024-05-06")}
    # Written as a place, the village is a place.
    text = "On 6 May 2024 Russian shelling hit the village of Verba in the Chernihiv region."
    assert "Verba" in {e.place for e in extract_text(text, published="2024-05-06")}


def test_a_river_named_like_a_town_is_no_place():
    for text in ("On 6 May 2024 Ukrainian drones hit Russian troops in Oleshky on the occupied left bank "
                 "of the Dnipro.",
                 "6 травня російські війська обстріляли Херсон з лівого берега Дніпра, поранено двох людей.",
                 "On 6 May 2024 Russian artillery shelled Ukrainian boats crossing the Oskil near Kupiansk."):
        places = {e.place_name for e in extract_text(text, published="2024-05-06")}
        assert not places & {"Dnipro", "Oskil"}, (text, places)
    # The town of the river's name, and a facility of the city, stay places.
    for text, town in (("On 6 May 2024 Russian drones attacked the Dnipro airport.", "Dnipro"),
                       ("On 6 May 2024 Russian shelling hit the town of Oskil in Kharkiv oblast.", "Oskil"),
                       ("On 6 May 2024 explosions were heard in the Dnipro and Pavlohrad areas after a "
                        "missile attack.", "Dnipro")):
        assert town in {e.place_name for e in extract_text(text, published="2024-05-06")}, text


def test_the_town_the_wounded_were_taken_to_is_no_strike():
    for text in ("6 мая в селе Головчино дрон атаковал автомобиль, раненого доставили в городскую "
                 "больницу №2 Белгорода.",
                 "On 6 May 2024 a drone struck a car in Golovchino; the wounded man was taken to a "
                 "hospital in Belgorod.",
                 "6 травня у Білопіллі дрон поранив чоловіка, його доставили до лікарні в Сумах."):
        events = extract_text(text, published="2024-05-06")
        assert len(events) == 1 and events[0].place_name in ("Golovchino", "Bilopillia"), \
            (text, [e.place_name for e in events])
    # A hospital struck is the strike's place.
    (event,) = extract_text("On 6 May 2024 a Russian missile hit a hospital in Kharkiv.",
                            published="2024-05-06")
    assert event.place_name == "Kharkiv"


def test_a_village_that_reports_is_a_person_and_debris_that_fell_is_a_strike():
    # Sadovyi (Lviv's mayor) shares his name with a Luhansk village of a few hundred people.
    text = "On 6 May 2024 missiles hit Kyiv, Sadovyi reported damage in Lviv, and the city lost power."
    assert "Sadovyi" not in {e.place for e in extract_text(text, published="2024-05-06")}
    # "debris fell on a house" tells a strike where it fell.
    text = ("On 6 May 2024 drones attacked Voronezh. Gusev said debris fell on a house in the Liskinsky "
            "district.")
    assert "Liski Raion" in {e.place_name for e in extract_text(text, published="2024-05-06")}


def test_a_town_found_only_under_an_old_name_does_not_vouch_for_itself():
    # "Biryukovka" is a Kursk village here; the gazetteer knows the name only as the Russian-era name
    # of Krynychne in Luhansk Oblast, 300 km away.
    text = ("On 6 May 2024 the Kursk governor said a drone attack killed a truck driver in the village "
            "of Biryukovka.")
    assert "Luhansk Oblast" not in {e.admin1 for e in extract_text(text, published="2024-05-06")}


def test_a_region_fire_came_from_is_no_strike_and_names_no_region_of_the_report():
    events = extract_text("On 6 May 2024 Russian forces shelled Esman from the Kursk region, damaging a "
                          "house.", published="2024-05-06")
    assert [(e.place_name, e.admin1) for e in events] == [("Esman", "Sumy Oblast")]


def test_the_region_of_a_launch_site_is_no_strike():
    # "from Primorsko-Akhtarsk in Russia's Krasnodar Krai": the krai is the launch site's address.
    text = ("Ukrainian air defence shot down ten Shahed drones over the Mykolaiv region overnight. Russia "
            "launched the drones from Primorsko-Akhtarsk in Russia's Krasnodar Krai.")
    events = extract_text(text, published="2024-06-29")
    assert [e.admin1 for e in events] == ["Mykolaiv Oblast"]
