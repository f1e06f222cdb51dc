"""Regional administrations' daily posts as media relay them: a line per community, the office
named by its abbreviation, the region's toll in the lead above the villages' list."""

from __future__ import annotations

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
