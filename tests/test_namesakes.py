"""Namesakes the text could not tell apart, settled by the run's other strikes (geomap.namesakes)."""

from __future__ import annotations

from geomap.gazetteer import Place
from geomap.model import Document, Event
from geomap.namesakes import settle, sure_points
from geomap.pipeline import extract_documents, extract_text


def _place(pid: str, lat: float, lon: float, admin2: str = "Bakhmut Raion") -> Place:
    # A village of KATOTTG has its raion; a Ukrainian place without one is a city's district.
    return Place(id=pid, name=pid, lat=lat, lon=lon, kind="town", country="UA", admin1="UA-14",
                 admin2=admin2)


def _event(lat: float, lon: float, day: str | None = "2023-03-14", namesakes: tuple[str, ...] = ()) -> Event:
    return Event(place="x", place_name="x", place_id=f"p{lat}", lat=lat, lon=lon, event_date=day,
                 namesakes=namesakes)


def test_a_guess_moves_to_the_namesake_among_the_runs_sure_points():
    guess = _event(47.21, 37.12, namesakes=("north",))
    south, north = _place("south", 47.21, 37.12), _place("north", 48.77, 38.05)
    anchors = sure_points([_event(48.60, 38.00), _event(48.68, 38.09), guess])
    assert len(anchors) == 2  # the guess itself speaks for nothing
    assert settle([(guess, [south, north])], anchors) == [(guess, north)]


def test_a_raion_or_hromada_point_speaks_for_no_namesake():
    # A district's point is the middle of an area tens of kilometres wide: no sign of which of
    # two villages 40 km from it a report meant.
    raion = _event(51.58, 31.33)
    raion.geo_precision = "district"
    town = _event(48.60, 38.00)
    town.geo_precision = "town"
    assert [(lat, lon) for lat, lon, _ in sure_points([raion, town])] == [(48.60, 38.00)]


def test_a_city_district_sharing_the_name_is_no_namesake_to_move_to():
    # Donetsk's "Kalynivskyi" district carries "Kalynivka" as an alternate name: the run's strikes
    # around Donetsk speak for the city, not for a village called Kalynivka.
    guess = _event(47.21, 37.12, namesakes=("district", "village"))
    south = _place("south", 47.21, 37.12)
    district = _place("district", 48.01, 37.85, admin2="")
    village = _place("village", 48.60, 38.00)
    anchors = sure_points([_event(48.02, 37.86), _event(48.00, 37.80), _event(48.61, 38.01)])
    assert settle([(guess, [south, district, village])], anchors) == [(guess, village)]


def test_a_guess_stays_without_more_support_elsewhere():
    guess = _event(47.21, 37.12, namesakes=("north",))
    south, north = _place("south", 47.21, 37.12), _place("north", 48.77, 38.05)
    assert settle([(guess, [south, north])], []) == []
    tie = sure_points([_event(47.25, 37.15), _event(48.70, 38.00)])
    assert settle([(guess, [south, north])], tie) == []


def test_recent_strikes_speak_before_old_ones():
    guess = _event(47.21, 37.12, namesakes=("north",))
    south, north = _place("south", 47.21, 37.12), _place("north", 48.77, 38.05)
    anchors = sure_points([_event(47.25, 37.15, "2023-03-12"),
                           _event(48.70, 38.00, "2022-05-01"), _event(48.72, 38.02, "2022-05-02")])
    assert settle([(guess, [south, north])], anchors) == []


def test_a_run_places_a_guessed_village_among_the_front_line_towns_it_names():
    texts = [
        "On 14 March 2023, Russian artillery fired near Fedorivka, Donetska oblast.",
        "On 14 March 2023, Russian forces shelled Soledar, Donetsk oblast.",
        "On 13 March 2023, Russian forces shelled Bakhmut, Donetsk oblast.",
    ]
    docs = [Document(doc_id=f"n{i}", text=t, source=f"n{i}", published="2023-03-14")
            for i, t in enumerate(texts)]
    alone = extract_documents(docs[:1])
    together = extract_documents(docs)
    (fedorivka,) = [e for e in together if e.place == "Fedorivka"]
    (first,) = alone
    # Alone, the shelling leaves the namesake that ranks first (near the Sea of Azov, far behind
    # the front) for one on the front, but not the one the run's other strikes point to.
    assert first.lat > 47.5 and abs(first.lat - fedorivka.lat) > 0.5
    assert 48.6 < fedorivka.lat < 48.9 and 37.9 < fedorivka.lon < 38.2  # beside Bakhmut and Soledar
    assert fedorivka.admin1 == first.admin1  # never out of the oblast the note names


def test_a_guess_never_moves_onto_another_place_its_report_struck():
    # GeoNames files "Ivanivka" among Bilozerka's names; a report that names Bilozerka and Ivanivka
    # means two places, however many strikes of the run lie around Bilozerka.
    from geomap.merge import Merger
    from geomap.namesakes import keep_struck_apart

    def struck(pid: str, lat: float, lon: float, doc: str, namesakes: tuple[str, ...] = ()) -> Event:
        return Event(place=pid, place_name=pid, place_id=pid, lat=lat, lon=lon, admin1="Kherson Oblast",
                     country="UA", event_date="2024-05-06", strike_type="glide_bomb", status="hit",
                     doc_ids=[doc], sources=[doc], evidence=[f"{pid} in {doc}"], namesakes=namesakes)

    def run(report: list[Event]) -> list[Event]:
        merger = Merger()
        for event in report:
            merger.add(event)
        merger.add(struck("geonames:706448", 46.63695, 32.61458, "other"))  # Kherson
        merger.add(struck("geonames:9869402", 46.5884, 32.46846, "third"))  # Dniprovske
        return merger.events()

    def report() -> list[Event]:
        return [struck("geonames:712508", 46.62651, 32.44447, "report"),  # Bilozerka
                struck("geonames:707457", 46.38517, 32.09779, "report",  # the guess, Ivanivka
                       namesakes=("geonames:712508", "geonames:707453"))]

    assert len(run(report())) == 3  # left free, the guess moves onto Bilozerka and merges there
    kept = report()
    keep_struck_apart(kept)
    assert kept[1].namesakes == ("geonames:707453",)
    assert len({e.place_id for e in run(kept)}) == 4



def test_a_big_town_stays_whatever_the_run_struck_around_a_hamlet_of_its_name():
    # "Lozova, Kharkiv region" is the city of 54,000; the run's strikes around Borova, 126 km away,
    # speak for the hamlet Lozova there only when the reading stood on a hamlet too.
    guess = _event(48.89, 36.32, "2022-05-06", namesakes=("hamlet",))
    city = Place(id="city", name="Lozova", lat=48.89, lon=36.32, kind="town", country="UA",
                 admin1="UA-63", admin2="Lozivske Raion", population=54_026)
    hamlet = Place(id="hamlet", name="Lozova", lat=49.29, lon=37.75, kind="town", country="UA",
                   admin1="UA-63", admin2="Izium Raion")
    anchors = sure_points([_event(49.30, 37.70, "2022-05-05"), _event(49.25, 37.80, "2022-05-07")])
    assert settle([(guess, [city, hamlet])], anchors) == []
    # The same support moves a guess that stood on a village.
    village = Place(id="village", name="Lozova", lat=48.89, lon=36.32, kind="town", country="UA",
                    admin1="UA-63", admin2="Lozivske Raion", population=300)
    assert settle([(guess, [village, hamlet])], anchors) == [(guess, hamlet)]
    # Strikes of its own day around the hamlet (one report listing the villages shelled there,
    # "Ingulets" among Kherson region's) do move the town.
    same_day = sure_points([_event(49.30, 37.70, "2022-05-06"), _event(49.25, 37.80, "2022-05-06")])
    assert settle([(guess, [city, hamlet])], same_day) == [(guess, hamlet)]
    undated = _event(48.89, 36.32, None, namesakes=("hamlet",))
    assert settle([(undated, [city, hamlet])], sure_points([_event(49.30, 37.70, None)])) == []
    two = sure_points([_event(49.30, 37.70, None), _event(49.25, 37.80, None)])
    assert settle([(undated, [city, hamlet])], two) == [(undated, hamlet)]


def test_a_name_given_its_oblast_once_keeps_it_in_the_document():
    text = ("On 15 March 2023, Russian forces fired rockets near Komyshivka, Donetsk. Later a civilian "
            "house in Komyshivka was damaged by shelling.")
    events = extract_text(text, published="2023-03-15")
    assert {e.admin1 for e in events if e.place == "Komyshivka"} == {"Donetsk Oblast"}


def test_a_list_s_villages_lie_in_the_oblast_of_its_villages_of_one_name():
    from geomap.pipeline import extract_text
    # (A larger Ivanivka lies near Kherson, a Berestove near Toretsk: both named in the report.)
    text = ("Russian forces attacked Kherson Oblast 36 times, damaging houses in the city of Kherson. In "
            "Donetsk Oblast, Russia struck Toretsk and Avdiivka. Governor Oleh Syniehubov said Russian "
            "artillery fired on 18 settlements in Kharkiv Oblast. Vesele, Hatyshche, Budarky, Synkivka, "
            "Tabaivka, Ivanivka and Berestove were among the places targeted.")
    events = {e.place: e for e in extract_text(text, published="2024-02-05")}
    assert {events[name].admin1 for name in ("Vesele", "Ivanivka", "Berestove")} == {"Kharkiv Oblast"}


def test_a_town_s_first_name_later_in_the_report_is_that_town():
    from geomap.pipeline import extract_text
    text = ("Drone debris set fire to a fuel depot in Slavyansk-na-Kubani, Krasnodar region, on Monday. "
            "Later that day another drone hit a house in Slavyansk, the governor said.")
    events = extract_text(text, published="2025-06-02")
    assert events and all(e.admin1 == "Krasnodar Krai" for e in events)


def test_districts_of_an_oblast_named_after_its_old_centre_are_the_oblast_s_raions():
    from geomap.pipeline import extract_text
    text = "Russian forces attacked the Nikopol and Synelnykove districts of Dnipropetrovsk Oblast overnight."
    assert {e.place_name for e in extract_text(text, published="2025-06-02")} == {
        "Nikopol Raion", "Synelnykove Raion"}


def test_a_name_written_otherwise_in_one_oblast_s_list_is_no_far_city():
    from geomap.pipeline import extract_text
    text = ("Kizomys, Zolota Balka, Dudchany, Beryslav, Lvova, Havrylivka and the city of Kherson came "
            "under enemy fire over the past day, the head of the Kherson regional administration said.")
    events = {e.place: e for e in extract_text(text, published="2025-06-02")}
    assert "Lvova" not in events  # a Kherson village of the list, not Lviv 700 km west
    assert events["Havrylivka"].admin1 == "Kherson Oblast"


def test_a_town_far_larger_than_its_namesakes_tells_a_list_s_oblast():
    from geomap.pipeline import extract_text
    # Only Mala Tokmachka is the one place of its name; Huliaipole, a town of 13,000 beside villages
    # of that name, is as sure, and the two put Levadne in the Zaporizhzhia oblast (not the
    # Dnipropetrovsk one ranked first, 90 km off).
    text = ("Huliaipole, Novodarivka, Charivne, Mala Tokmachka, Bilohiria, Levadne and other places came "
            "under fire.")
    events = {e.place: e for e in extract_text(text, published="2024-06-02")}
    assert events["Levadne"].admin1 == "Zaporizhzhia Oblast"


def test_of_an_oblast_s_namesakes_a_list_s_village_is_the_one_beside_the_list():
    from geomap.gazetteer import distance_km
    from geomap.pipeline import extract_text
    text = ("Prokudin wrote that during the day drones had struck Beryslav, Shyroka Balka, Burhunka, "
            "Kachkarivka and Osokorivka.")
    events = {e.place: e for e in extract_text(text, published="2025-06-02")}
    assert events["Shyroka Balka"].admin1 == "Kherson Oblast"  # not the Odesa oblast's, ranked first
    # Of the Kharkiv oblast's fourteen Ivanivkas, the one beside the list's villages of one name
    # (Synkivka, near Kupiansk), not the first ranked, 60 km off.
    text = ("Russian artillery fired on 18 settlements in Kharkiv Oblast. Vesele, Hatyshche, Budarky, "
            "Synkivka, Tabaivka, Ivanivka and Berestove were among the places targeted.")
    events = {e.place: e for e in extract_text(text, published="2024-02-05")}
    ivanivka, synkivka = events["Ivanivka"], events["Synkivka"]
    assert distance_km(ivanivka.lat, ivanivka.lon, synkivka.lat, synkivka.lon) < 25


def test_namesake_hromadas_are_told_apart_by_the_places_beside_them():
    from geomap.pipeline import extract_text
    text = ("In the Nikopol area the enemy used FPV drones and artillery, targeting Nikopol and the "
            "Pokrovske community.")
    events = extract_text(text, published="2025-06-02")
    pokrovske = next(e for e in events if e.place == "Pokrovske community")
    assert pokrovske.place_id.startswith("katottg:UA1208")  # the Nikopol raion's, not Synelnykove's
    text = "Russian forces shelled the Khotyn, Myropil and Bilopillia communities of the Sumy region."
    assert {e.admin1 for e in extract_text(text, published="2025-06-02")} == {"Sumy Oblast"}


def test_a_one_region_post_s_places_are_not_villages_of_one_name_far_off():
    text = ("The enemy shelled settlements of the Donetsk region 15 times during the day.\n\n"
            "In the Kurakhove community an enterprise in Novoselydivka was damaged, and Kurakhove and "
            "Hirnyk were shelled. Two people were injured in Pokrovsk.\n\n"
            "In the Lyman community, Terny and Zarechnoye came under fire, and Zvezdnoye was shelled.")
    events = {e.place_name: e for e in extract_text(text, published="2024-04-24")}
    assert {"Kurakhove", "Pokrovsk", "Terny"} <= set(events)
    # The Crimean villages of those names lie 370 km from every place of the post.
    assert all(e.admin1 == "Donetsk Oblast" for e in events.values()), {e.place_name: e.admin1
                                                                         for e in events.values()}


def test_a_village_list_s_districts_tell_its_oblast_against_a_far_namesake():
    from geomap.pipeline import extract_text
    # "Krasnooktyabrsky" is in the gazetteer only as an old name of Golovinsky, a district of Moscow
    # 500 km off; the districts the list names (Glushkovo, Rylsk) put its villages in Kursk Oblast.
    text = ("За день под удары дронов попали посёлки Краснооктябрьский и Тёткино, деревня Елизаветовка "
            "Глушковского района и деревня Новая Николаевка Рыльского района, сообщил губернатор.")
    events = extract_text(text, published="2024-07-14")
    assert {e.admin1 for e in events} == {"Kursk Oblast"}, [(e.place, e.admin1) for e in events]


def test_a_list_s_village_of_one_name_in_the_named_oblast_places_its_namesakes():
    from geomap.extract import default_extractor
    from geomap.gazetteer import distance_km
    from geomap.model import Document
    # Osokorivka has namesakes in other oblasts but one in Kherson Oblast, which the report names:
    # with Novovorontsovka it puts Ivanivka at the namesake beside them, not the largest one of
    # the oblast (a town 100 km south-east). (Read alone, before a run's merge settles guesses.)
    text = ("Russian forces shelled three settlements of the Kherson region, the police said. The police "
            "said the Russian military had shelled the town of Novovorontsovka and the villages of Ivanivka "
            "and Osokorivka; residents were wounded.")
    read = default_extractor().extract(Document("d", text, "s", published="2022-07-30"))
    events = {e.place: e for e in read.events}
    ivanivka, town = events["Ivanivka"], events["Novovorontsovka"]
    assert distance_km(ivanivka.lat, ivanivka.lon, town.lat, town.lon) < 50, (ivanivka.lat, ivanivka.lon)
