"""The gazetteer: traps of war-news names, region forms, facilities, and geopy's interface."""

import pytest
from geopy.geocoders.base import Geocoder
from geopy.location import Location

from geomap.gazetteer import Context, Gazetteer, default_gazetteer, distance_km


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return default_gazetteer()


# name, expected id or (country, admin1 ISO code, kind)
TRAPS = [
    ("Pokrovsk", ("UA", "UA-14", "town")),        # not Engels, whose old name it was
    ("Zaporizhzhia", ("UA", "UA-23", "town")),    # the city, not a village of 656
    ("Zaporozhye", ("UA", "UA-23", "town")),
    ("Rostov", "geonames:501175"),                 # Rostov-on-Don, not Rostov Veliky
    ("Primorsk", ("RU", "RU-LEN", "town")),        # the oil port, not Prymorsk in Ukraine
    ("Odessa", ("UA", "UA-51", "town")),           # not Texas
    ("Kiev", ("UA", "UA-30", "town")),
    ("Kharkov", ("UA", "UA-63", "town")),
    ("Nikolaev", ("UA", "UA-48", "town")),
    ("Leningrad", ("RU", "RU-SPE", "town")),       # an old name of Saint Petersburg...
    ("Leningrad region", "iso3166-2:RU-LEN"),      # ...while this is the oblast
    ("Kursk Oblast", "iso3166-2:RU-KRS"),
    ("Kurskaya oblast", "iso3166-2:RU-KRS"),
    ("Krasnodar territory", "iso3166-2:RU-KDA"),
    ("Рязанской области", "iso3166-2:RU-RYA"),
    ("Краснодарском крае", "iso3166-2:RU-KDA"),
    ("Sevastopol", ("UA", "UA-40", "town")),
    ("Київ", ("UA", "UA-30", "town")),
    ("KINEF", "facility:kirishi-refinery"),
    ("Kremniy El", "facility:kremniy-el"),
    ("Sheskharis", "facility:sheskharis-oil-terminal"),
    ("Donbas", "informal:donbas"),
    ("London", ("GB", None, "town")),
    ("Jeddah", ("SA", None, "town")),
]


@pytest.mark.parametrize(("name", "expected"), TRAPS)
def test_traps_resolve_to_the_place_war_news_means(gaz, name, expected):
    location = gaz.geocode(name)
    assert location is not None, name
    raw = location.raw
    if isinstance(expected, str):
        assert raw["id"] == expected
    else:
        country, admin1, kind = expected
        assert raw["country"] == country
        assert raw["kind"] == kind
        if admin1:
            assert raw["admin1_code"] == admin1


def test_geocoder_interface_returns_geopy_locations(gaz):
    assert isinstance(gaz, Geocoder)
    location = gaz.geocode("Pokrovsk")
    assert isinstance(location, Location)
    assert location.raw["precision"] == "town"
    rejected = {alt["id"] for alt in location.raw["alternatives"]}
    assert "geonames:2017824" in rejected  # Pokrovsk in Yakutia was considered and passed over
    every = gaz.geocode("Pokrovsk", exactly_one=False)
    assert every[0].raw["id"] == location.raw["id"] and len(every) >= 2
    assert gaz.geocode("Xyzzyville") is None


def test_reverse_gives_the_nearest_town(gaz):
    location = gaz.reverse((54.63, 39.74))  # central Ryazan
    assert location.raw["admin1_code"] == "RU-RYA"
    assert distance_km(54.63, 39.74, location.latitude, location.longitude) < 10


def test_context_region_overrides_population(gaz):
    plain = gaz.rank("Pokrovsk")[0]
    assert plain.country == "UA"
    # A sentence about Yakutia would move it; the context is what decides.
    yakutia = gaz.rank("Pokrovsk", Context(regions={"RU-SA"}))[0]
    assert yakutia.admin1 == "RU-SA"


def test_facility_at_a_town_with_one_refinery(gaz):
    ryazan = gaz.geocode("Ryazan").raw["id"]
    town = gaz.get(ryazan)
    facility = gaz.facility_at(town, "refinery")
    assert facility is not None and facility.id == "facility:ryazan-refinery"
    assert gaz.facility_at(town, "port") is None


def test_cache_gives_the_same_answers_as_a_fresh_build(tmp_path, monkeypatch):
    monkeypatch.setenv("GEOMAP_CACHE_DIR", str(tmp_path))
    fresh = Gazetteer(cache=True)          # builds and writes the cache
    assert list(tmp_path.glob("gazetteer-*.pickle"))
    cached = Gazetteer(cache=True)         # reads it back
    for name, _ in TRAPS:
        assert [p.id for p in fresh.rank(name)] == [p.id for p in cached.rank(name)]
    assert fresh.size == cached.size


def test_near_places_break_ties_between_namesakes(gaz):
    # Two Pokrovsks: with nothing else said, the Donetsk-oblast town; next to places
    # already read in Yakutia, the Yakutian one.
    assert gaz.rank("Pokrovsk")[0].admin1 == "UA-14"
    yakutsk = gaz.geocode("Yakutsk")
    near = Context(near=[(yakutsk.latitude, yakutsk.longitude)])
    assert gaz.rank("Pokrovsk", near)[0].admin1 == "RU-SA"
    # A small bonus: a region named in the sentence still wins over it.
    named = Context(near=[(yakutsk.latitude, yakutsk.longitude)], regions={"UA-14"})
    assert gaz.rank("Pokrovsk", named)[0].admin1 == "UA-14"
    # And far-away big cities do not move: Kyiv stays Kyiv next to Yakutsk.
    assert gaz.rank("Kyiv", near)[0].country == "UA"


def test_cyrillic_case_forms_and_transliterations(gaz):
    assert gaz.geocode("Рязани").raw["id"] == gaz.geocode("Ryazan").raw["id"]
    assert gaz.geocode("Києві").raw["id"] == gaz.geocode("Kyiv").raw["id"]
    assert gaz.geocode("Afipsky").raw["id"] == gaz.geocode("Afipskiy").raw["id"]
    assert "рязани" in set(gaz.names())


def test_facility_at_matches_town_spellings(gaz):
    afipsky = gaz.get(gaz.geocode("Afipsky").raw["id"])
    assert gaz.facility_at(afipsky, "refinery").id == "facility:afipsky-refinery"


def test_common_words_are_not_places(gaz):
    assert gaz.geocode("Most") is None
    assert gaz.geocode("Bar").raw["country"] == "UA"   # a real town keeps its name


def test_reverse_many_gives_the_nearest_first(gaz):
    found = gaz.reverse("54.63, 39.74", exactly_one=False)
    distances = [distance_km(54.63, 39.74, loc.latitude, loc.longitude) for loc in found]
    assert len(found) == 10 and distances == sorted(distances)


def test_online_fallback_is_off_by_default_and_fails_clearly(gaz, monkeypatch, tmp_path):
    import geopy.geocoders
    from geopy.adapters import BaseSyncAdapter
    from geopy.exc import GeocoderUnavailable

    from geomap.gazetteer import OnlineFallbackError

    assert gaz.online_fallback is False
    assert gaz.geocode("Xyzzyville") is None          # offline: no answer, no network

    class NoNetwork(BaseSyncAdapter):
        """A geopy adapter standing for a machine without network: every call fails."""

        def get_json(self, url, *, timeout, headers):
            raise GeocoderUnavailable("network is unreachable")

        def get_text(self, url, *, timeout, headers):
            raise GeocoderUnavailable("network is unreachable")

    monkeypatch.setattr(geopy.geocoders.options, "default_adapter_factory", NoNetwork)
    monkeypatch.setenv("GEOMAP_CACHE_DIR", str(tmp_path))
    online = Gazetteer(online_fallback=True)
    assert online.geocode("Kyiv").raw["id"] == gaz.geocode("Kyiv").raw["id"]   # local first
    with pytest.raises(OnlineFallbackError, match="Nominatim"):
        online.geocode("Xyzzyville")
