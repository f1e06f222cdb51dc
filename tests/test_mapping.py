"""Fast tests of the HTML map (no browser): self-contained, escaped, complete, legend right."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import pytest

from geomap import assets, mapping
from geomap.model import Event, Mention
from geomap.plugins import payload, symbols
from geomap.plugins.outlines import load_outlines

XSS = "<script>alert(1)</script>"


def _events() -> list[Event]:
    rows = [
        # place, name, lat, lon, strike, target, status, date
        ("Ryazan", "Рязань", 54.63, 39.74, "drone", "refinery", "hit", "2024-03-13"),
        ("Belgorod", "Белгород", 50.60, 36.59, "missile", "residential", "intercepted", "2024-03-15"),
        ("Kharkiv", "Харків", 49.99, 36.23, "glide_bomb", "power_plant", "hit", "2024-03-22"),
        ("Odesa", "Одеса", 46.48, 30.72, "missile", "port", "hit", "2024-04-02"),
        ("Engels", "Энгельс", 51.48, 46.21, "drone", "airfield", "claimed", "2024-04-05"),
        ("Kyiv", "Київ", 50.45, 30.52, "drone", "substation", "intercepted", "2024-04-10"),
        ("Novorossiysk", "Новороссийск", 44.72, 37.77, "sabotage", "oil_depot", "unknown", "2024-05"),
        ("Pokrovsk", "Покровськ", 48.28, 37.18, "artillery", "military", "hit", "2024-05-20"),
        ("Kursk", "Курск", 51.73, 36.19, "airstrike", "factory", "hit", None),
        ("Zaporizhzhia", "Запоріжжя", 47.84, 35.14, "missile", "railway", "claimed", "2024-06-01"),
        ("Tuapse", "Туапсе", 44.10, 39.08, "drone", "refinery", "unknown", "2024-06-07"),
        ("Minsk", "Мінск", 53.90, 27.56, "drone", "unknown", "unknown", "2024-06-10"),
    ]
    out = []
    for i, (place, name, lat, lon, strike, target, status, date) in enumerate(rows, 1):
        out.append(Event(
            place=place, place_name=name, place_id=f"p{i}", lat=lat, lon=lon, country="RU",
            strike_type=strike, target_type=target, status=status, event_date=date,
            date_precision="day" if date else "unknown", doc_ids=[f"d{i}"],
            sources=[f"https://example.org/{i}", f"/data/articles/{i}.txt"],
            evidence=[f"Evidence sentence {i} about {place}."], confidence=0.5 + i / 100,
            event_id=f"ev-{i:02d}",
        ))
    out[3].evidence.append(XSS)
    out[3].place = "Odesa </script><script>alert(2)</script>"
    return out


@pytest.fixture()
def no_gazetteer(tmp_path, monkeypatch) -> Path:
    """Point the gazetteer at an empty folder: no countries.geojson."""
    monkeypatch.setenv("GEOMAP_GAZETTEER_DIR", str(tmp_path))
    return tmp_path


@pytest.fixture()
def tiny_gazetteer(tmp_path, monkeypatch) -> Path:
    """A gazetteer folder with a two-country countries.geojson."""
    def square(x0, y0, size):
        return {"type": "Polygon", "coordinates": [[[x0, y0], [x0 + size, y0], [x0 + size, y0 + size],
                                                    [x0, y0 + size], [x0, y0]]]}
    fc = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"name": "Ukraine", "iso_a2": "UA"},
         "geometry": square(22, 44, 18)},
        {"type": "Feature", "properties": {"name": "Poland", "iso_a2": "PL"},
         "geometry": square(14, 49, 8)},
        {"type": "Feature", "properties": {"name": "Broken", "iso_a2": "XX"}, "geometry": None},
    ]}
    (tmp_path / "countries.geojson").write_text(json.dumps(fc), encoding="utf-8")
    monkeypatch.setenv("GEOMAP_GAZETTEER_DIR", str(tmp_path))
    return tmp_path


def _blocks(page: str) -> dict[str, object]:
    """The JSON data blocks of a page, by the last part of their id (events, mentions, outlines)."""
    out = {}
    for m in re.finditer(r'<script type="application/json" id="[^"]*_(\w+)">(.*?)</script>', page, re.S):
        out[m.group(1)] = json.loads(m.group(2))
    return out


def test_no_external_script_or_stylesheet(no_gazetteer):
    page = mapping.render_html(_events(), mentions=[], tiles="OpenStreetMap.Mapnik")
    for tag in re.findall(r"<(?:script|link|img|iframe|source|embed)\b[^>]*>", page, re.I):
        ref = re.search(r"""\b(?:src|href)\s*=\s*["']?([^"'\s>]+)""", tag, re.I)
        assert ref is None or ref.group(1).startswith("data:"), tag
    for cdn in ("cdn.jsdelivr", "cdnjs", "code.jquery", "netdna", "bootstrapcdn", "fontawesome", "unpkg"):
        assert cdn not in page
    assert "@import" not in page
    # CSS url(...) only ever as data: (or Leaflet's inert #default#VML behaviour)
    for ref in re.findall(r"url\(\s*['\"]?([^'\")]+)", page):
        assert ref.startswith(("data:", "#")), ref
    assert "sourceMappingURL" not in page


def test_leaflet_inlined_and_nothing_else(no_gazetteer):
    page = mapping.render_html(_events())
    assert assets.leaflet_js()[:500] in page
    assert "leaflet-control-layers-toggle" in page  # Leaflet CSS
    assert 'url("data:image/png;base64,' in assets.leaflet_css()
    assert f'version="{assets.leaflet_version()}"' in assets.leaflet_js()
    assert "MarkerClusterGroup" not in page  # geomap clusters on its own
    assert '"maxZoom": 18' in page


def test_no_cluster_option(no_gazetteer):
    assert '"cluster":false' in mapping.render_html(_events(), cluster=False)
    assert '"cluster":true' in mapping.render_html(_events())


def test_article_text_is_escaped(no_gazetteer):
    page = mapping.render_html(_events())
    assert XSS not in page
    assert "</script><script>alert(2)" not in page
    # every <script> opened is the one closed: no element was ended early by article text
    assert len(re.findall(r"<script\b", page)) == len(re.findall(r"</script>", page))
    events = _blocks(page)["events"]
    strings = events["strings"]
    assert XSS in strings  # survives exactly, as data
    assert "Odesa </script><script>alert(2)</script>" in strings


def test_title_is_escaped(no_gazetteer):
    page = mapping.render_html(_events(), title="<b>strikes</b> & more")
    assert "<title>&lt;b&gt;strikes&lt;/b&gt; &amp; more</title>" in page
    assert "<h1>&lt;b&gt;strikes&lt;/b&gt; &amp; more</h1>" in page


def test_every_event_is_embedded_once(no_gazetteer):
    evs = _events()
    data = _blocks(mapping.render_html(evs))["events"]
    assert data["n"] == len(evs)
    s = data["strings"]
    assert [s[i] for i in data["id"]] == [e.event_id for e in evs]
    assert data["lat"] == [round(e.lat, 5) for e in evs]
    assert [data["vocab"]["strike_type"][i] for i in data["strike_type"]] == [e.strike_type for e in evs]
    assert [data["vocab"]["status"][i] for i in data["status"]] == [e.status for e in evs]
    assert [[s[k] for k in ev] for ev in data["evidence"]] == [e.evidence for e in evs]
    assert [[s[k] for k in src] for src in data["sources"]] == [e.sources for e in evs]
    assert [s[d] if d >= 0 else None for d in data["date"]] == [e.event_date for e in evs]
    assert s[data["day"][6]] == "2024-05-01"  # month precision filters from the month's first day


def test_legend_matches_strike_types_present(no_gazetteer):
    evs = _events()
    page = mapping.render_html(evs)
    legend = re.findall(r'data-legend="strike_type" data-value="([^"]+)"', page)
    assert sorted(legend) == sorted({e.strike_type for e in evs})
    assert len(legend) == len(set(legend))
    # each entry's swatch is drawn in that type's colour
    for value in legend:
        row = re.search(rf'data-legend="strike_type" data-value="{value}".*?</label>', page).group(0)
        assert symbols.colour_of(value) in row
    groups = re.findall(r'data-legend="group" data-value="([^"]+)"', page)
    assert set(groups) == {"oil", "energy", "military", "transport", "civilian", "industry", "unknown"}
    statuses = re.findall(r'data-legend="status" data-value="([^"]+)"', page)
    assert statuses == ["hit", "intercepted", "claimed", "unknown"]


def test_legend_leaves_out_absent_types(no_gazetteer):
    evs = [e for e in _events() if e.strike_type == "drone"]
    page = mapping.render_html(evs)
    assert re.findall(r'data-legend="strike_type" data-value="([^"]+)"', page) == ["drone"]


def test_palette_is_distinct():
    colours = [symbols.colour_of(t) for t in symbols.STRIKE_COLOURS]
    assert len(set(colours)) == len(colours)
    shapes = list(symbols.GROUP_SHAPES.values())
    assert len(set(shapes)) == len(shapes)


def test_missing_countries_file_draws_no_outlines(no_gazetteer):
    page = mapping.render_html(_events())
    assert "outlines" not in _blocks(page)
    assert '"outlinesId":null' in page


def test_country_outlines_are_embedded(tiny_gazetteer):
    blocks = _blocks(mapping.render_html(_events()))
    feats = {f["properties"]["iso_a2"]: f["properties"] for f in blocks["outlines"]["features"]}
    assert set(feats) == {"UA", "PL"}
    assert feats["UA"]["theatre"] is True and feats["PL"]["theatre"] is False


def test_unreadable_countries_file_draws_no_outlines(tmp_path):
    bad = tmp_path / "countries.geojson"
    bad.write_text("{not json", encoding="utf-8")
    assert load_outlines(bad) is None
    assert load_outlines(tmp_path / "absent.geojson") is None


def test_mentions_are_embedded(no_gazetteer):
    m = Mention("Moscow", "Москва", "ru-moscow", 55.75, 37.62, "RU", "not_a_strike", "d1",
                "https://example.org/1", "Moscow <i>said</i> nothing.")
    blocks = _blocks(mapping.render_html(_events(), mentions=[m]))
    data = blocks["mentions"]
    assert data["n"] == 1
    assert data["strings"][data["sentence"][0]] == "Moscow <i>said</i> nothing."


def test_events_without_coordinates_are_left_out(no_gazetteer):
    evs = _events()
    evs[0].lat = math.nan
    data = _blocks(mapping.render_html(evs))["events"]
    assert data["n"] == len(evs) - 1


def test_empty_map_renders(no_gazetteer):
    page = mapping.render_html([])
    assert _blocks(page)["events"]["n"] == 0


def test_unknown_tiles_provider_is_refused(no_gazetteer):
    with pytest.raises(ValueError):
        mapping.build_map(_events(), tiles="No.Such.Provider")


def test_online_tiles_are_offered_not_shown(no_gazetteer):
    page = mapping.render_html(_events(), tiles="OpenStreetMap.Mapnik")
    assert "tile.openstreetmap.org/{z}/{x}/{y}.png" in page


def test_write_map_is_atomic_and_small(no_gazetteer, tmp_path):
    target = tmp_path / "out" / "map.html"
    path = mapping.write_map(_events(), target)
    assert path == target
    assert path.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert [p.name for p in target.parent.iterdir()] == ["map.html"]
    assert path.stat().st_size < 1_000_000


def test_payload_is_compact():
    evs = _events() * 50
    text = payload.script_json(payload.encode_events(evs))
    assert len(text) / len(evs) < 120  # bytes per event, strings shared


def test_day_key():
    assert payload.day_key("2024-05-20") == "2024-05-20"
    assert payload.day_key("2024-05") == "2024-05-01"
    assert payload.day_key("2024") == "2024-01-01"
    assert payload.day_key("2024-05-20T10:00:00Z") == "2024-05-20"
    assert payload.day_key(None) is None and payload.day_key("soon") is None


def test_script_json_cannot_close_a_script():
    text = payload.script_json({"a": "</script><!-- \u2028 & >"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"a": "</script><!-- \u2028 & >"}


# ---------------------------------------------------------------- origin, facilities, regions

def _square(x0: float, y0: float, w: float, h: float) -> dict:
    return {"type": "Polygon", "coordinates": [[[x0, y0], [x0 + w, y0], [x0 + w, y0 + h],
                                                [x0, y0 + h], [x0, y0]]]}


@pytest.fixture()
def region_gazetteer(tmp_path, monkeypatch) -> Path:
    """A gazetteer folder with three square regions (and no country outlines)."""
    def region(iso: str, name: str, country: str, geom: dict) -> dict:
        return {"type": "Feature", "geometry": geom,
                "properties": {"region_id": f"iso3166-2:{iso}", "iso": iso, "name": name,
                               "country": country, "approximate": True}}
    fc = {"type": "FeatureCollection", "features": [
        region("UA-63", "Kharkiv Oblast", "UA", _square(35, 49, 3, 1.5)),
        region("RU-BEL", "Belgorod Oblast", "RU", _square(35, 50.5, 3, 1.5)),
        region("RU-RYA", "Ryazan Oblast", "RU", _square(38.5, 53.5, 3, 2)),
        {"type": "Feature", "properties": {"region_id": "broken"}, "geometry": None},
    ]}
    (tmp_path / "regions.geojson").write_text(json.dumps(fc), encoding="utf-8")
    monkeypatch.setenv("GEOMAP_GAZETTEER_DIR", str(tmp_path))
    return tmp_path


def test_origin_is_embedded_and_acled_has_its_own_legend(no_gazetteer):
    evs = _events()
    evs[1].origin = evs[4].origin = "acled"
    page = mapping.render_html(evs)
    data = _blocks(page)["events"]
    assert data["vocab"]["origin"] == ["text", "acled"]
    assert [data["vocab"]["origin"][k] for k in data["origin"]] == [e.origin for e in evs]
    rows = re.findall(r'data-legend="origin" data-value="([^"]+)".*?class="gm-n">(\d+)<', page)
    assert rows == [("text", "10"), ("acled", "2")]
    acled_row = re.search(r'data-legend="origin" data-value="acled".*?</label>', page).group(0)
    assert f'r="{symbols.RADIUS * 0.7 * symbols.RING:.2f}"' in acled_row  # the ring


def test_text_only_maps_have_no_origin_section(no_gazetteer):
    page = mapping.render_html(_events())
    assert 'data-section="origin"' not in page
    assert _blocks(page)["events"]["vocab"]["origin"] == ["text"]


def test_facilities_are_counted_in_the_layers_section(no_gazetteer):
    evs = _events()
    for k in (0, 10):
        evs[k].place_id, evs[k].place_name = "facility:ryazan-refinery", "Ryazan oil refinery"
    evs[6].place_id = "facility:novorossiysk-sheskharis"
    page = mapping.render_html(evs)
    data = _blocks(page)["events"]
    s = data["strings"]
    assert [s[k] for k in data["place_id"]][0] == "facility:ryazan-refinery"
    assert 'data-layer="facilities"' in page and "Struck facilities <small>(2:" in page


def test_regions_by_id_name_point_and_nearness(region_gazetteer):
    from geomap.plugins.regions import load_regions

    regions = load_regions()
    assert regions is not None and len(regions) == 3  # the broken feature is skipped
    base = _events()[0]

    def ev(lat, lon, admin1="", country="", place_id="p") -> Event:
        return Event(**{**base.__dict__, "lat": lat, "lon": lon, "admin1": admin1,
                        "country": country, "place_id": place_id})

    evs = [
        ev(50.0, 36.2, "Kharkiv Oblast", "UA"),      # by exact name
        ev(50.0, 36.2, "Kharkiv", "UA"),             # by folded name (ACLED style)
        ev(50.6, 36.6, "RU-BEL", "RU"),              # by ISO code
        ev(54.6, 39.7),                              # point in polygon
        ev(53.45, 39.0),                             # just outside: nearest within NEAR_DEG
        ev(60.0, 60.0),                              # nowhere
        ev(20.0, 20.0, place_id="iso3166-2:UA-63"),  # the region itself
    ]
    names = [regions.props[k]["name"] if k >= 0 else None for k in regions.locate_all(evs)]
    assert names == ["Kharkiv Oblast", "Kharkiv Oblast", "Belgorod Oblast", "Ryazan Oblast",
                     "Ryazan Oblast", None, "Kharkiv Oblast"]


def test_only_regions_with_events_are_embedded(region_gazetteer):
    evs = _events()[:3]  # Ryazan (point in polygon), Belgorod (name), Kharkiv (name)
    evs[1].admin1, evs[2].admin1 = "Belgorod Oblast", "Kharkiv Oblast"
    evs.append(Event(**{**evs[0].__dict__, "lat": 40.0, "lon": 20.0, "admin1": ""}))  # in none
    blocks = _blocks(mapping.render_html(evs))
    data, regions = blocks["events"], blocks["regions"]
    assert data["region_ids"] == ["iso3166-2:RU-RYA", "iso3166-2:RU-BEL", "iso3166-2:UA-63"]
    assert data["region"] == [0, 1, 2, -1]
    assert [f["properties"]["name"] for f in regions["features"]] == [
        "Ryazan Oblast", "Belgorod Oblast", "Kharkiv Oblast"]
    assert all(f["properties"]["approximate"] for f in regions["features"])
    assert len(regions["features"][0]["properties"]["label"]) == 2


def test_no_regions_file_no_region_layer(no_gazetteer):
    page = mapping.render_html(_events())
    assert "regions" not in _blocks(page) and '"regionsId":null' in page
    assert 'data-layer="regions"' not in page


def test_small_map_with_real_gazetteer_is_under_budget(monkeypatch):
    monkeypatch.delenv("GEOMAP_GAZETTEER_DIR", raising=False)
    page = mapping.render_html(_events(), tiles="CartoDB.Positron")
    blocks = _blocks(page)
    assert blocks["outlines"]["features"] and blocks["regions"]["features"]
    assert '"placesId":null' not in page  # the gazetteer's names are in, for labels and search
    # issue 15: a small map with the labelled base weighs at most 2 MB
    assert len(page.encode("utf-8")) <= 2_000_000


def test_cli_map_options_end_to_end(no_gazetteer, tmp_path, capsys):
    from geomap import cli
    from geomap.export import write_geojson

    evs = _events()
    evs[6].event_date = "2024-05-01"  # the GeoJSON schema wants full ISO dates
    src = write_geojson(evs, tmp_path / "strikes.geojson")
    out = tmp_path / "x.html"
    code = cli.main(["map", str(src), "-o", str(out), "--tiles", "CartoDB.Positron",
                     "--no-cluster", "--title", "T & <b>"])
    assert code == 0
    page = out.read_text(encoding="utf-8")
    assert "<title>T &amp; &lt;b&gt;</title>" in page and "<h1>T &amp; &lt;b&gt;</h1>" in page
    assert '"cluster":false' in page
    assert "basemaps.cartocdn.com" in page and "CartoDB.Positron" in page
    assert _blocks(page)["events"]["n"] == len(evs)


def test_same_events_give_the_same_page(tmp_path, tiny_gazetteer):
    """Element ids are numbered, not random: a map can be regenerated and diffed."""
    first = mapping.render_html(_events())
    assert first == mapping.render_html(_events())
    assert re.search(r"\bmap_00000001\b", first)
    assert not re.search(r"_[0-9a-f]{32}\b", first)  # no folium random id left
    # A different input still gives a different page.
    assert mapping.render_html(_events()[:3]) != first


def test_every_overlay_drawn_has_a_legend_swatch(no_gazetteer):
    evs = _events()
    evs[0].place_id = "facility:ryazan-refinery"
    page = mapping.render_html(evs, mentions=[Mention("Moscow", "Москва", "ru-moscow", 55.75, 37.62, "RU",
                                                      "not_a_strike", "d1", "src", "sentence")])
    layers = re.search(r'data-section="layers".*?</div></div>', page, re.S).group(0)
    assert 'data-layer="facilities"' in layers and 'class="gm-sw-fac"' in layers
    assert 'data-layer="mentions"' in layers and 'class="gm-sw-men"' in layers
    assert 'data-legend="uncertainty"' in layers and 'class="gm-sw-unc"' in layers
