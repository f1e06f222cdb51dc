"""The HTML map in a real headless Chromium, with every network request refused and recorded.

Each test loads a written map by file:// URL; the ``browser_page`` fixture
aborts and records any other request and collects console errors and page
errors, and each test ends by asserting there were none.
"""

from __future__ import annotations

import os

import pytest

from geomap import mapping
from geomap.model import Event, Mention

if not os.path.exists("/usr/bin/chromium"):
    pytest.skip("/usr/bin/chromium not installed", allow_module_level=True)

pytestmark = pytest.mark.browser

PWN = "<script>window.__pwned = 1</script><img src=x onerror=\"window.__pwned = 2\">"


def _events() -> list[Event]:
    def ev(n, place, name, lat, lon, strike, target, status, date, **kw) -> Event:
        return Event(place=place, place_name=name, place_id=f"p{n}", lat=lat, lon=lon,
                     strike_type=strike, target_type=target, status=status, event_date=date,
                     date_precision="day" if date else "unknown", event_id=f"ev-{n:02d}",
                     sources=kw.pop("sources", [f"https://example.org/news/{n}", f"/data/articles/{n}.txt"]),
                     evidence=kw.pop("evidence", [f"Evidence sentence number {n} for {place}."]),
                     confidence=kw.pop("confidence", 0.6), **kw)

    return [
        ev(1, "Ryazan", "Рязань", 54.63, 39.74, "drone", "refinery", "hit", "2024-03-13", country="RU",
           admin1="Ryazan Oblast", attacker="ukraine"),
        ev(2, "Belgorod", "Белгород", 50.60, 36.59, "missile", "residential", "intercepted", "2024-03-15",
           country="RU", evidence=["Над Белгородом сбиты ракеты, обломки повредили жилой дом."]),
        ev(3, "Kharkiv", "Харків", 49.99, 36.23, "glide_bomb", "power_plant", "hit", "2024-03-22",
           country="UA", attacker="russia"),
        ev(4, "Odesa", "Одеса", 46.48, 30.72, "missile", "port", "hit", "2024-04-02", country="UA",
           evidence=[f"Missiles hit the port. {PWN}", "Second sentence about Odesa."]),
        ev(5, "Engels", "Энгельс", 51.48, 46.21, "drone", "airfield", "claimed", "2024-04-05", country="RU"),
        ev(6, "Kyiv", "Київ", 50.45, 30.52, "drone", "substation", "intercepted", "2024-04-10", country="UA"),
        ev(7, "Novorossiysk", "Новороссийск", 44.72, 37.77, "sabotage", "oil_depot", "unknown", "2024-05-03",
           country="RU"),
        ev(8, "Pokrovsk", "Покровськ", 48.28, 37.18, "artillery", "military", "hit", "2024-05-20",
           country="UA"),
        ev(9, f"Kursk {PWN}", "Курск", 51.73, 36.19, "airstrike", "factory", "hit", None, country="RU"),
        ev(10, "Zaporizhzhia", "Запоріжжя", 47.84, 35.14, "missile", "railway", "claimed", "2024-06-01",
           country="UA"),
        ev(11, "Tuapse", "Туапсе", 44.10, 39.08, "drone", "refinery", "unknown", "2024-06-07", country="RU"),
        ev(12, "Minsk", "Мінск", 53.90, 27.56, "unknown", "unknown", "unknown", "2024-06-10", country="BY",
           sources=["javascript:window.__pwned=3", "https://example.org/minsk"]),
    ]


def _mentions() -> list[Mention]:
    return [Mention("Moscow", "Москва", "ru-moscow", 55.75, 37.62, "RU", "not_a_strike", "d1",
                    "https://example.org/news/1", f"Moscow said nothing. {PWN}")]


@pytest.fixture()
def gazetteer(tmp_path, monkeypatch):
    """A two-country, four-region gazetteer so the offline outlines and regions are drawn too."""
    import json

    def square(x0, y0, w, h):
        return {"type": "Polygon", "coordinates": [[[x0, y0], [x0 + w, y0], [x0 + w, y0 + h],
                                                    [x0, y0 + h], [x0, y0]]]}
    fc = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"name": "Ukraine", "iso_a2": "UA"},
         "geometry": square(22, 44, 18, 8)},
        {"type": "Feature", "properties": {"name": "Russia", "iso_a2": "RU"},
         "geometry": square(27, 52, 30, 10)},
    ]}
    def region(iso, name, country, geom):
        return {"type": "Feature", "geometry": geom,
                "properties": {"region_id": f"iso3166-2:{iso}", "iso": iso, "name": name,
                               "country": country, "approximate": True}}
    regions = {"type": "FeatureCollection", "features": [
        region("UA-63", "Kharkiv Oblast", "UA", square(35, 49, 3, 1.2)),
        region("RU-BEL", "Belgorod Oblast", "RU", square(35, 50.2, 3, 1.2)),
        region("RU-RYA", "Ryazan Oblast", "RU", square(38.5, 53.5, 3, 2)),
        region("UA-30", "Kyiv", "UA", square(30, 50, 1, 1)),
    ]}
    folder = tmp_path / "gaz"
    folder.mkdir()
    (folder / "countries.geojson").write_text(json.dumps(fc), encoding="utf-8")
    (folder / "regions.geojson").write_text(json.dumps(regions), encoding="utf-8")
    monkeypatch.setenv("GEOMAP_GAZETTEER_DIR", str(folder))
    return folder


def _open(browser_page, tmp_path, events, **kwargs):
    path = mapping.write_map(events, tmp_path / "map.html", **kwargs)
    browser_page.open_file(path)
    browser_page.page.wait_for_function("window.geomapApp !== undefined")
    return browser_page.page


def _click_event(page, index: int) -> None:
    """Zoom until event ``index`` is drawn on its own, then click it with the mouse."""
    page.evaluate(
        """(i) => { const a = window.geomapApp, E = a.events;
                    a.map.setView([E.lat[i], E.lon[i]], 13, {animate: false}); }""", index)
    page.wait_for_timeout(200)
    assert index in page.evaluate("geomapApp.drawnIndices()")
    x, y = page.evaluate(
        """(i) => { const a = window.geomapApp, E = a.events;
                    const p = a.map.latLngToContainerPoint([E.lat[i], E.lon[i]]);
                    const r = a.map.getContainer().getBoundingClientRect();
                    return [r.left + p.x, r.top + p.y]; }""", index)
    page.mouse.click(x, y)
    page.wait_for_selector(".leaflet-popup-content .gm-popup")


def test_guard_catches_requests(browser_page, tmp_path):
    """The harness itself: a page that fetches something is caught."""
    probe = tmp_path / "probe.html"
    probe.write_text('<html><body><img src="https://example.invalid/x.png">'
                     '<script>fetch("http://example.invalid/data").catch(() => {});</script></body></html>',
                     encoding="utf-8")
    browser_page.open_file(probe)
    assert any("example.invalid/x.png" in u for u in browser_page.attempted)
    assert any("example.invalid/data" in u for u in browser_page.attempted)


def test_markers_drawn_and_no_network(browser_page, tmp_path, gazetteer):
    events = _events()
    page = _open(browser_page, tmp_path, events, mentions=_mentions(), tiles="OpenStreetMap.Mapnik")
    stats = page.evaluate("geomapApp.stats()")
    assert stats["total"] == stats["visible"] == len(events)
    assert page.evaluate("geomapApp.drawnIndices()") == list(range(len(events)))
    assert stats["drawn"] + stats["inClusters"] == len(events)
    # the offline outlines are drawn as the base; the mentions overlay is off
    assert page.locator(".leaflet-gmLand-pane path").count() == 2
    assert page.evaluate("geomapApp.map.hasLayer(geomapApp.mentionLayer)") is False
    assert "Showing 12 of 12 events" in page.locator(".gm-counts").inner_text()
    browser_page.assert_clean()


def test_toggling_strike_type_hides_exactly_its_markers(browser_page, tmp_path):
    events = _events()
    page = _open(browser_page, tmp_path, events)
    drones = {i for i, e in enumerate(events) if e.strike_type == "drone"}
    page.locator('input[data-filter="strike_type"][data-value="drone"]').click()
    page.wait_for_timeout(200)
    assert set(page.evaluate("geomapApp.drawnIndices()")) == set(range(len(events))) - drones
    assert f"Showing {len(events) - len(drones)} of {len(events)}" in page.locator(".gm-counts").inner_text()
    assert page.locator('.gm-counts [data-count="drone"]').count() == 0
    page.locator('input[data-filter="strike_type"][data-value="drone"]').click()
    page.wait_for_timeout(200)
    assert page.evaluate("geomapApp.drawnIndices()") == list(range(len(events)))
    browser_page.assert_clean()


def test_filters_combine_with_and(browser_page, tmp_path):
    events = _events()
    page = _open(browser_page, tmp_path, events, cluster=False)
    page.locator('input[data-filter="status"][data-value="hit"]').click()
    page.locator('input[data-filter="group"][data-value="oil"]').click()
    page.wait_for_timeout(200)
    from geomap.model import target_group
    want = [i for i, e in enumerate(events) if e.status != "hit" and target_group(e.target_type) != "oil"]
    assert page.evaluate("geomapApp.drawnIndices()") == want
    page.locator('a[data-all="status"][data-set="off"]').click()
    page.wait_for_timeout(200)
    assert page.evaluate("geomapApp.drawnIndices()") == []
    page.locator('a[data-all="status"][data-set="on"]').click()
    page.locator('a[data-all="group"][data-set="on"]').click()
    page.wait_for_timeout(200)
    assert page.evaluate("geomapApp.drawnIndices()") == list(range(len(events)))
    browser_page.assert_clean()


def test_date_window(browser_page, tmp_path):
    events = _events()
    page = _open(browser_page, tmp_path, events)
    page.locator('input[data-date="from"]').fill("2024-04-01")
    page.locator('input[data-date="to"]').fill("2024-05-31")
    page.locator('input[data-date="undated"]').uncheck()
    page.wait_for_timeout(200)
    want = [i for i, e in enumerate(events) if e.event_date and "2024-04-01" <= e.event_date <= "2024-05-31"]
    assert page.evaluate("geomapApp.drawnIndices()") == want
    counts = page.locator(".gm-counts").inner_text()
    assert f"Showing {len(want)} of {len(events)}" in counts
    assert "2024-04-02 – 2024-05-20" in counts
    browser_page.assert_clean()


def test_popup_shows_evidence_and_script_does_not_run(browser_page, tmp_path):
    events = _events()
    page = _open(browser_page, tmp_path, events)
    _click_event(page, 3)  # Odesa: evidence carries <script> and an <img onerror>
    popup = page.locator(".leaflet-popup-content")
    text = popup.inner_text()
    assert "Missiles hit the port." in text and "Second sentence about Odesa." in text
    assert "<script>window.__pwned = 1</script>" in text  # shown as text
    assert popup.locator("script, img").count() == 0
    for label in ("missile", "port", "hit", "2024-04-02", "precision: day", "0.60", "Одеса"):
        assert label in text
    links = popup.locator("a[href]")
    assert [links.nth(i).get_attribute("href") for i in range(links.count())] == [
        "https://example.org/news/4"]
    assert "/data/articles/4.txt" in text  # a file path is shown as text, not linked
    page.wait_for_timeout(200)
    assert page.evaluate("window.__pwned") is None
    browser_page.assert_clean()


def test_hostile_place_and_source_stay_text(browser_page, tmp_path):
    events = _events()
    page = _open(browser_page, tmp_path, events)
    _click_event(page, 8)  # Kursk: the place name itself is hostile
    assert "<img src=x" in page.locator(".gm-popup-title").inner_text()
    page.evaluate("geomapApp.openEvent(11)")  # Minsk: a javascript: source must not be a link
    popup = page.locator(".leaflet-popup-content")
    assert "javascript:window.__pwned=3" in popup.inner_text()
    hrefs = [popup.locator("a").nth(i).get_attribute("href") for i in range(popup.locator("a").count())]
    assert hrefs == ["https://example.org/minsk"]
    page.wait_for_timeout(200)
    assert page.evaluate("window.__pwned") is None
    browser_page.assert_clean()


def test_search_latin_and_cyrillic(browser_page, tmp_path):
    events = _events()
    page = _open(browser_page, tmp_path, events, mentions=_mentions())
    box = page.locator(".gm-search input")
    for query in ("Харків", "kharkiv"):
        box.fill(query)
        box.press("Enter")
        page.wait_for_selector(".leaflet-popup-content .gm-popup")
        assert "Kharkiv" in page.locator(".gm-popup-title").inner_text()
        centre = page.evaluate("(() => { const c = geomapApp.map.getCenter(); return [c.lat, c.lng]; })()")
        assert abs(centre[0] - 49.99) < 0.05 and abs(centre[1] - 36.23) < 0.05
    box.fill("Москва")  # a mention only: the mentions layer comes on
    box.press("Enter")
    page.wait_for_timeout(200)
    assert page.evaluate("geomapApp.map.hasLayer(geomapApp.mentionLayer)") is True
    popup = page.locator(".leaflet-popup-content").inner_text()
    assert "not a strike" in popup and "<img src=x" in popup
    box.fill("Atlantis")
    box.press("Enter")
    assert "No place matches" in page.locator(".gm-search-msg").inner_text()
    page.wait_for_timeout(200)
    assert page.evaluate("window.__pwned") is None
    browser_page.assert_clean()


def test_nearby_events_cluster(browser_page, tmp_path):
    base = _events()[0]
    events = []
    for k in range(300):
        e = Event(**{**base.__dict__})
        e.lat, e.lon = 50.0 + (k % 20) * 0.01, 30.0 + (k // 20) * 0.01
        e.event_id = f"c{k}"
        e.evidence = [f"sentence {k}"]
        events.append(e)
    page = _open(browser_page, tmp_path, events)
    stats = page.evaluate("geomapApp.stats()")
    assert stats["clusters"] >= 1
    assert stats["drawn"] + stats["inClusters"] == len(events)
    page.evaluate("geomapApp.map.setView([50.1, 30.05], 18, {animate: false})")
    page.wait_for_timeout(300)
    assert page.evaluate("geomapApp.stats()")["drawn"] > 0
    browser_page.assert_clean()


def test_events_at_one_spot_share_a_popup(browser_page, tmp_path):
    events = _events()[:3]
    twin = Event(**{**events[2].__dict__})
    twin.event_id, twin.evidence, twin.strike_type = "ev-twin", ["Second strike on the same plant."], "drone"
    events.append(twin)
    page = _open(browser_page, tmp_path, events)
    _click_event(page, 2)
    text = page.locator(".leaflet-popup-content").inner_text()
    assert "2 events here" in text
    assert "Evidence sentence number 3 for Kharkiv." in text
    assert "Second strike on the same plant." in text
    browser_page.assert_clean()


def test_large_data_is_compressed_and_still_drawn(browser_page, tmp_path, monkeypatch):
    from geomap.plugins import strikes

    monkeypatch.setattr(strikes, "COMPRESS_OVER", 0)
    events = _events()
    page = _open(browser_page, tmp_path, events)
    html_text = (tmp_path / "map.html").read_text(encoding="utf-8")
    assert strikes.GZIP_TYPE in html_text and "Ryazan" not in html_text
    assert page.evaluate("geomapApp.drawnIndices()") == list(range(len(events)))
    _click_event(page, 3)
    assert "Second sentence about Odesa." in page.locator(".leaflet-popup-content").inner_text()
    assert page.evaluate("window.__pwned") is None
    browser_page.assert_clean()


def _acled_events() -> list[Event]:
    events = _events()
    for k in (1, 5, 9):  # Belgorod, Kyiv, Zaporizhzhia: coded by ACLED
        events[k].origin = "acled"
    return events


def _toggle_overlay(page, name: str) -> None:
    """Click an overlay in Leaflet's (collapsed) layer control by its label."""
    page.locator(".leaflet-control-layers").hover()
    page.locator(".leaflet-control-layers-overlays label", has_text=name).locator("input").click()
    page.wait_for_timeout(200)


def test_acled_layer_toggles_independently(browser_page, tmp_path):
    events = _acled_events()
    acled = {i for i, e in enumerate(events) if e.origin == "acled"}
    everything = set(range(len(events)))
    page = _open(browser_page, tmp_path, events)
    # ACLED events are smaller and ringed; text events are not
    looks = page.evaluate(
        "[1, 0].map(i => { const o = geomapApp.marker(i).options; return [o.radius, o.ring]; })")
    assert looks[0][1] is True and looks[1][1] is False and looks[0][0] < looks[1][0]
    counts = page.locator(".gm-counts")
    assert counts.locator('[data-count-origin="acled"] b').inner_text() == "3"
    assert counts.locator('[data-count-origin="text"] b').inner_text() == "9"
    # switched off in the layer control: exactly the ACLED events go, counts follow, panel follows
    _toggle_overlay(page, "coded by ACLED (3)")
    assert set(page.evaluate("geomapApp.drawnIndices()")) == everything - acled
    assert "Showing 9 of 12" in counts.inner_text()
    assert counts.locator('[data-count-origin="acled"] b').inner_text() == "0"
    assert page.locator('input[data-filter="origin"][data-value="acled"]').is_checked() is False
    # the text layer on its own is independent of it
    _toggle_overlay(page, "read from text (9)")
    assert page.evaluate("geomapApp.drawnIndices()") == []
    # and from the panel: ACLED back on shows exactly the ACLED events
    page.locator('input[data-filter="origin"][data-value="acled"]').click()
    page.wait_for_timeout(200)
    assert set(page.evaluate("geomapApp.drawnIndices()")) == acled
    assert page.evaluate("""geomapApp.map.hasLayer(geomapApp.originLayers.acled)
                            && !geomapApp.map.hasLayer(geomapApp.originLayers.text)""")
    # a strike-type toggle hides exactly its ACLED markers too
    page.locator('input[data-filter="strike_type"][data-value="missile"]').click()
    page.wait_for_timeout(200)
    assert set(page.evaluate("geomapApp.drawnIndices()")) == {5}
    browser_page.assert_clean()


def test_facility_layer_lists_a_facility_struck_twice(browser_page, tmp_path):
    events = _events()
    # Ryazan refinery struck on 13 March and again on 7 June; a second facility struck once
    for k in (0, 10):
        events[k].place_id, events[k].place_name = "facility:ryazan-refinery", "Ryazan oil refinery"
        events[k].lat, events[k].lon = 54.553, 39.78
    events[6].place_id, events[6].place_name = "facility:sheskharis", "Sheskharis oil terminal"
    page = _open(browser_page, tmp_path, events)
    assert page.locator(".gm-fac-badge").count() == 0  # off by default
    page.locator('input[data-layer="facilities"]').check()
    page.wait_for_timeout(200)
    badges = page.locator(".gm-fac-badge")
    assert sorted(badges.nth(i).inner_text() for i in range(badges.count())) == ["1", "2"]
    assert page.evaluate("geomapApp.map.hasLayer(geomapApp.facilityLayer)") is True
    badges.filter(has_text="2").click()
    page.wait_for_selector(".gm-popup-facility")
    popup = page.locator(".leaflet-popup-content")
    text = popup.inner_text()
    assert "Ryazan oil refinery" in text and "Struck\t2 times" in text.replace(" 2 times", "\t2 times")
    assert "First\t2024-03-13" in text and "Last\t2024-06-07" in text
    dates = popup.locator(".gm-fac-date")
    assert [dates.nth(i).inner_text() for i in range(dates.count())] == ["2024-03-13", "2024-06-07"]
    dates.nth(1).click()  # a date opens that strike's own popup, which names the facility
    page.wait_for_timeout(200)
    event_popup = page.locator(".leaflet-popup-content").inner_text()
    assert "Tuapse" in event_popup and "struck 2 times" in event_popup
    # the facility layer follows the date window
    page.locator('input[data-date="to"]').fill("2024-05-31")
    page.wait_for_timeout(200)
    assert sorted(badges.nth(i).inner_text() for i in range(badges.count())) == ["1", "1"]
    browser_page.assert_clean()


def test_region_layer_counts_follow_the_filters(browser_page, tmp_path, gazetteer):
    events = _events()
    events[2].admin1 = "Kharkiv Oblast"  # by name; Belgorod and Ryazan by point in polygon
    page = _open(browser_page, tmp_path, events)
    labels = page.locator(".gm-reg-n")
    assert labels.count() == 0  # off by default
    assert page.evaluate("geomapApp.regions.features.map(f => f.properties.name)") == [
        "Ryazan Oblast", "Belgorod Oblast", "Kharkiv Oblast", "Kyiv"]
    page.locator('input[data-layer="regions"]').check()
    page.wait_for_timeout(200)
    assert [labels.nth(i).inner_text() for i in range(labels.count())] == ["1", "1", "1", "1"]
    assert page.locator(".leaflet-gmRegions-pane path").count() == 4
    page.locator('input[data-filter="strike_type"][data-value="drone"]').click()  # Ryazan, Kyiv
    page.wait_for_timeout(200)
    assert [labels.nth(i).inner_text() for i in range(labels.count())] == ["1", "1"]
    labels.nth(1).click()
    page.wait_for_selector(".gm-popup-region")
    text = page.locator(".leaflet-popup-content").inner_text()
    assert "Kharkiv Oblast" in text and "Approximate boundary" in text and "glide bomb 1" in text
    # the layer control and the panel switch stay in step
    _toggle_overlay(page, "Strikes per region")
    assert labels.count() == 0
    assert page.locator('input[data-layer="regions"]').is_checked() is False
    browser_page.assert_clean()


def test_time_filter_changes_the_visible_count(browser_page, tmp_path):
    events = _events()
    page = _open(browser_page, tmp_path, events)
    assert page.evaluate("geomapApp.stats().visible") == 12
    page.locator('input[data-date="from"]').fill("2024-05-01")
    page.wait_for_timeout(200)
    want = sum(1 for e in events if e.event_date is None or e.event_date >= "2024-05-01")
    assert page.evaluate("geomapApp.stats().visible") == want
    assert f"Showing {want} of 12" in page.locator(".gm-counts").inner_text()
    browser_page.assert_clean()


def test_popup_names_origin(browser_page, tmp_path):
    page = _open(browser_page, tmp_path, _acled_events())
    page.evaluate("geomapApp.openEvent(1)")
    text = page.locator(".leaflet-popup-content").inner_text()
    assert "Origin\tcoded by ACLED" in text or "Origin coded by ACLED" in text
    page.evaluate("geomapApp.openEvent(0)")
    assert "read from text" in page.locator(".leaflet-popup-content").inner_text()
    browser_page.assert_clean()


def test_clusters_zoom_in_on_click(browser_page, tmp_path):
    base = _events()[0]
    events = []
    for k in range(60):
        e = Event(**{**base.__dict__})
        e.lat, e.lon, e.event_id = 50.0 + (k % 6) * 0.02, 30.0 + (k // 6) * 0.02, f"c{k}"
        events.append(e)
    page = _open(browser_page, tmp_path, events)
    page.evaluate("geomapApp.map.setView([50.05, 30.1], 6, {animate: false})")
    page.wait_for_timeout(200)
    stats = page.evaluate("geomapApp.stats()")
    assert stats["clusters"] >= 1 and stats["drawn"] + stats["inClusters"] == 60
    page.locator(".gm-cluster").first.click()
    page.wait_for_timeout(500)
    assert page.evaluate("geomapApp.map.getZoom()") > 6
    browser_page.assert_clean()


# ---------------------------------------------------------------- the readable base and search

def _overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _with_places(page):
    """Wait until the gazetteer's names (unpacked after the events are drawn) are in."""
    page.wait_for_function("geomapApp.places !== null", timeout=30_000)
    return page


def test_place_names_at_three_zooms_without_overlap(browser_page, tmp_path):
    page = _with_places(_open(browser_page, tmp_path, _events()))
    controls = page.evaluate("""[...document.querySelectorAll('.leaflet-control')].map(c => {
        const r = c.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; })""")
    seen = {}
    for zoom, centre in ((5, (49.5, 34.0)), (8, (49.9, 36.3)), (11, (49.98, 36.25))):
        page.evaluate(f"geomapApp.map.setView([{centre[0]}, {centre[1]}], {zoom}, {{animate: false}})")
        page.wait_for_timeout(200)
        labels = page.evaluate("geomapApp.labelBoxes()")
        assert len(labels) >= 8, (zoom, labels)
        boxes = [lab["box"] for lab in labels]
        for i, a in enumerate(boxes):
            assert all(not _overlap(a, b) for b in boxes[i + 1:]), (zoom, labels[i])
            assert all(not _overlap(a, c) for c in controls if c[2] > c[0]), (zoom, labels[i])
        seen[zoom] = labels
    # country and region names at low zoom
    assert "Ukraine" in {lab["name"] for lab in seen[5]}
    assert sum("gm-pl-region" in lab["cls"] for lab in seen[5]) >= 5
    assert any("gm-pl-town" in lab["cls"] or "gm-pl-city" in lab["cls"] for lab in seen[8])
    assert not any("gm-pl-region" in lab["cls"] for lab in seen[8])
    assert "Kharkiv" in {lab["name"] for lab in seen[8]}
    # villages (labelled from zoom 10 on) only when zoomed in
    assert max(lab["z"] for lab in seen[5]) <= 5
    assert any(lab["z"] >= 10 for lab in seen[11])
    browser_page.assert_clean()


def _english_events() -> list[Event]:
    """Events as read from English text: only Latin names anywhere."""
    events = _events()
    for e in events:
        e.place_name = e.place
    return events


def test_search_finds_any_spelling_of_the_gazetteer(browser_page, tmp_path):
    page = _with_places(_open(browser_page, tmp_path, _english_events()))
    box = page.locator(".gm-search input")
    html_text = (tmp_path / "map.html").read_text(encoding="utf-8")
    assert "Рязань" not in html_text.split("<script", 1)[0]
    for query, want, lat, lon in (("Рязань", "Ryazan", 54.627, 39.704), ("Kharkov", "Kharkiv", 49.98, 36.25),
                                  ("Харків", "Kharkiv", 49.98, 36.25)):
        box.fill(query)
        box.press("Enter")
        page.wait_for_timeout(200)
        centre = page.evaluate("(() => { const c = geomapApp.map.getCenter(); return [c.lat, c.lng]; })()")
        assert abs(centre[0] - lat) < 0.02 and abs(centre[1] - lon) < 0.02, (query, centre)
        popup = page.locator(".leaflet-popup-content")
        assert want in popup.locator(".gm-popup-title").inner_text()
        # the events near the place are listed, each opening its own popup
        assert "1 event shown within 25 km" in popup.inner_text()
    page.locator(".gm-near-ev").first.click()
    page.wait_for_timeout(200)
    assert "Evidence sentence number 3 for Kharkiv." in page.locator(".leaflet-popup-content").inner_text()
    # a village with no event: centred on all the same, with no event listed
    box.fill("Гракове")
    box.press("Enter")
    page.wait_for_timeout(200)
    assert "Hrakove" in page.locator(".gm-popup-title").inner_text()
    assert "No event shown within" in page.locator(".leaflet-popup-content").inner_text()
    assert page.evaluate("geomapApp.map.getZoom()") >= 11
    browser_page.assert_clean()


# ---------------------------------------------------------------- the timeline

def _timeline_events() -> list[Event]:
    """Forty events, one every three days, mixed types (and the undated Kursk event)."""
    base = _events()
    out = []
    for k in range(40):
        e = Event(**{**base[k % 8].__dict__})
        e.event_id = f"t{k}"
        e.event_date = f"2024-{3 + (k * 3) // 31:02d}-{1 + (k * 3) % 31:02d}" if (k * 3) % 31 < 28 else None
        e.date_precision = "day" if e.event_date else "unknown"
        out.append(e)
    return out


def test_playing_the_timeline_steps_the_count_with_the_histogram(browser_page, tmp_path):
    events = _timeline_events()
    page = _open(browser_page, tmp_path, events)
    assert page.locator(".gm-timeline canvas").count() == 1
    page.locator('input[data-date="undated"]').uncheck()
    page.locator(".gm-tl-speed").select_option("100")  # 8x: one step every 0.1 s
    page.locator(".gm-tl-unit").select_option("7")      # week by week
    page.locator('button[title="play"]').click()
    seen = []
    for _ in range(12):
        page.wait_for_timeout(60)
        seen.append(page.evaluate("""(() => { const a = geomapApp, t = a.timeline, w = t.window();
            return [w[0], w[1], a.stats().visible, t.histogramCount(w[0], w[1]),
                    document.querySelector('.gm-counts-total').textContent]; })()"""))
    page.locator('button[title="pause"]').click()
    windows = sorted({(a, b) for a, b, *_ in seen})
    assert len(windows) >= 3  # it moved, step by step
    assert all(b - a == windows[0][1] - windows[0][0] for a, b in windows)  # the window keeps its length
    assert all((b2 - b1) % 7 == 0 for (_, b1), (_, b2) in zip(windows, windows[1:], strict=False))
    for a, b, visible, bars, total in seen:
        assert visible == bars  # the map's count is the histogram's count in the window
        assert total.startswith(f"Showing {visible} of 40")
        from_day = page.evaluate(f"geomap.isoOf({a})")
        to_day = page.evaluate(f"geomap.isoOf({b})")
        want = sum(1 for e in events if e.event_date and from_day <= e.event_date <= to_day)
        assert visible == want
    assert len({v for _, _, v, _, _ in seen}) >= 2  # the count changed as it played
    # the panel's date boxes follow the slider
    assert page.locator('input[data-date="from"]').input_value() == page.evaluate(
        "geomap.isoOf(geomapApp.timeline.window()[0])")
    browser_page.assert_clean()


def test_dragging_the_window_moves_it(browser_page, tmp_path):
    events = _timeline_events()
    page = _open(browser_page, tmp_path, events)
    plot = page.locator(".gm-tl-plot").bounding_box()
    y = plot["y"] + plot["height"] / 2
    # draw a new window over the first quarter of the period (clear of the window's edge handle)
    page.mouse.move(plot["x"] + 12, y)
    page.mouse.down()
    page.mouse.move(plot["x"] + plot["width"] / 4, y, steps=5)
    page.mouse.up()
    page.wait_for_timeout(100)
    a, b = page.evaluate("geomapApp.timeline.window()")
    d0, d1 = page.evaluate("[geomapApp.timeline.d0, geomapApp.timeline.d1]")
    assert a - d0 <= 2 and b > a and (b - d0) < (d1 - d0) / 3
    visible = page.evaluate("geomapApp.stats().visible")
    # drag the window's body to the right: same length, later days
    win = page.locator(".gm-tl-win").bounding_box()
    page.mouse.move(win["x"] + win["width"] / 2, y)
    page.mouse.down()
    page.mouse.move(win["x"] + win["width"] / 2 + plot["width"] / 2, y, steps=5)
    page.mouse.up()
    page.wait_for_timeout(100)
    a2, b2 = page.evaluate("geomapApp.timeline.window()")
    assert a2 > a and b2 - a2 == b - a
    assert page.evaluate("geomapApp.stats().visible") != visible or a2 != a
    browser_page.assert_clean()


# ---------------------------------------------------------------- share and take away

def test_copied_fragment_restores_view_filters_and_time_in_a_fresh_page(browser_page, tmp_path, _chromium):
    events = _timeline_events()
    page = _open(browser_page, tmp_path, events)
    page.locator('input[data-filter="strike_type"][data-value="drone"]').click()
    page.locator('input[data-filter="status"][data-value="claimed"]').click()
    page.locator('input[data-date="from"]').fill("2024-03-10")
    page.locator('input[data-date="to"]').fill("2024-04-20")
    page.locator('input[data-date="undated"]').uncheck()
    page.evaluate("geomapApp.map.setView([50.1, 36.4], 9, {animate: false})")
    page.wait_for_timeout(200)
    page.evaluate("geomapApp.openEvent(geomapApp.visible[0])")
    page.wait_for_timeout(400)
    url = page.url
    assert "#v=9/" in url and "off=" in url and "from=2024-03-10" in url and "event=" in url
    before = page.evaluate("""(() => { const a = geomapApp, c = a.map.getCenter();
        return {visible: a.visible, on: a.on, from: a.dateFrom, to: a.dateTo, undated: a.undated,
                zoom: a.map.getZoom(), centre: [c.lat, c.lng], selected: a.selected}; })()""")
    assert 0 < len(before["visible"]) < len(events)
    # a fresh page in a new browser context, opened from the copied link alone
    from conftest import BrowserPage
    context = _chromium.new_context(viewport={"width": 1280, "height": 800})
    try:
        fresh = BrowserPage(context.new_page())
        fresh.allowed.add(url.split("#", 1)[0])
        fresh.page.goto(url, wait_until="load")
        fresh.page.wait_for_function("window.geomapApp !== undefined")
        fresh.page.wait_for_timeout(300)
        after = fresh.page.evaluate("""(() => { const a = geomapApp, c = a.map.getCenter();
            return {visible: a.visible, on: a.on, from: a.dateFrom, to: a.dateTo, undated: a.undated,
                    zoom: a.map.getZoom(), centre: [c.lat, c.lng], selected: a.selected}; })()""")
        assert after["visible"] == before["visible"]
        assert after["on"] == before["on"]
        assert (after["from"], after["to"], after["undated"]) == ("2024-03-10", "2024-04-20", False)
        assert after["zoom"] == 9
        # the view as it was when the link was copied (the popup may have panned it to the event)
        assert abs(after["centre"][0] - before["centre"][0]) < 1e-3
        assert abs(after["centre"][1] - before["centre"][1]) < 1e-3
        assert after["selected"] == before["selected"]
        drone = fresh.page.locator('input[data-filter="strike_type"][data-value="drone"]')
        assert drone.is_checked() is False
        assert fresh.page.locator('input[data-date="from"]').input_value() == "2024-03-10"
        assert fresh.page.locator(".leaflet-popup-content .gm-popup").count() == 1
        fresh.assert_clean()
    finally:
        context.close()
    browser_page.assert_clean()


def test_downloaded_geojson_holds_exactly_the_events_shown(browser_page, tmp_path):
    import csv
    import io
    import json

    events = _timeline_events()
    page = _open(browser_page, tmp_path, events)
    page.locator('input[data-filter="strike_type"][data-value="missile"]').click()
    page.locator('input[data-date="to"]').fill("2024-04-15")
    page.wait_for_timeout(200)
    shown = page.evaluate("geomapApp.visible.map(i => geomapApp.events.strings[geomapApp.events.id[i]])")
    with page.expect_download() as info:
        page.locator('button[data-download="geojson"]').click()
    data = json.loads(open(info.value.path(), encoding="utf-8").read())
    assert info.value.suggested_filename.endswith(".geojson")
    ids = [f["properties"]["event_id"] for f in data["features"]]
    assert ids == shown and len(ids) > 0
    want = {e.event_id for e in events if e.strike_type != "missile"
            and (e.event_date is None or e.event_date <= "2024-04-15")}
    assert set(ids) == want
    by_id = {e.event_id: e for e in events}
    for f in data["features"]:
        e = by_id[f["properties"]["event_id"]]
        assert f["geometry"]["coordinates"] == [e.lon, e.lat]
        assert f["properties"]["evidence"] == e.evidence and f["properties"]["strike_type"] == e.strike_type
    with page.expect_download() as info:
        page.locator('button[data-download="csv"]').click()
    rows = list(csv.DictReader(io.StringIO(open(info.value.path(), encoding="utf-8").read())))
    assert [r["event_id"] for r in rows] == shown
    browser_page.assert_clean()


def test_uncertainty_circle_of_a_region_is_larger_than_a_facility(browser_page, tmp_path):
    events = _events()
    events[0].geo_precision, events[0].place_id = "facility", "facility:ryazan-refinery"
    events[4].geo_precision, events[4].place_id = "region", "iso3166-2:RU-SAR"
    page = _open(browser_page, tmp_path, events)
    radii = {}
    for i in (0, 4):
        _click_event(page, i)
        page.wait_for_timeout(100)
        radii[i] = page.evaluate("""(() => { const u = geomapApp.uncertainty;
            return [u.getRadius(), u._gmPrecision, u._radius]; })()""")
    assert radii[0][1] == "facility" and radii[4][1] == "region"
    assert radii[4][0] > radii[0][0] * 10  # metres
    page.evaluate("geomapApp.map.closePopup()")
    page.wait_for_timeout(100)
    assert page.evaluate("geomapApp.uncertainty") is None
    browser_page.assert_clean()


def test_clicking_a_small_cluster_zooms_until_its_events_separate(browser_page, tmp_path):
    base = _events()[0]
    events = []
    for k, (lat, lon) in enumerate(((50.0, 30.0), (50.0, 30.004))):  # about 290 m apart
        e = Event(**{**base.__dict__})
        e.lat, e.lon, e.event_id = lat, lon, f"pair{k}"
        events.append(e)
    page = _open(browser_page, tmp_path, events)
    page.evaluate("geomapApp.map.setView([50.0, 30.002], 7, {animate: false})")
    page.wait_for_timeout(200)
    assert page.evaluate("geomapApp.stats()")["clusters"] == 1
    page.locator(".gm-cluster").first.click()
    page.wait_for_timeout(600)
    stats = page.evaluate("geomapApp.stats()")
    assert stats["clusters"] == 0 and stats["drawn"] == 2  # two markers, no "2" ring again
    browser_page.assert_clean()


def test_density_layer_follows_filters_and_time(browser_page, tmp_path):
    events = _timeline_events()
    page = _open(browser_page, tmp_path, events)
    page.locator('input[data-layer="density"]').check()
    page.wait_for_timeout(200)
    assert page.evaluate("geomapApp.map.hasLayer(geomapApp.densityLayer)") is True
    total = "geomapApp.densityLayer.cells.reduce((a, c) => a + c.n, 0)"
    assert page.evaluate(total) == page.evaluate("geomapApp.stats().visible") == 40
    assert page.evaluate("geomapApp.densityLayer.max") > 1  # the same eight towns again and again
    page.locator('input[data-filter="strike_type"][data-value="drone"]').click()
    page.wait_for_timeout(200)
    drones = sum(1 for e in events if e.strike_type == "drone")
    assert page.evaluate(total) == 40 - drones
    page.evaluate("geomapApp.timeline.setWindow(geomapApp.timeline.d0, geomapApp.timeline.d0 + 20)")
    page.wait_for_timeout(200)
    visible = page.evaluate("geomapApp.stats().visible")
    assert visible < 40 - drones and page.evaluate(total) == visible
    assert page.locator("[data-density-note]").inner_text().endswith("per hexagon")
    browser_page.assert_clean()


def test_region_counts_keep_clear_of_cluster_rings(browser_page, tmp_path, gazetteer):
    base = _events()[2]  # Kharkiv
    events = []
    for k in range(30):  # a cluster right on the Kharkiv region's label point
        e = Event(**{**base.__dict__})
        e.lat, e.lon, e.event_id = 49.6 + (k % 5) * 0.01, 36.5 + (k // 5) * 0.01, f"k{k}"
        e.admin1 = "Kharkiv Oblast"
        events.append(e)
    page = _open(browser_page, tmp_path, events)
    page.locator('input[data-layer="regions"]').check()
    for zoom in (6, 7, 8):
        page.evaluate(f"geomapApp.map.setView([49.6, 36.5], {zoom}, {{animate: false}})")
        page.wait_for_timeout(200)
        rings = page.evaluate("""[...document.querySelectorAll('.gm-cluster')].map(c => {
            const r = c.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; })""")
        counts = page.evaluate("""[...document.querySelectorAll('.gm-reg-n')].map(c => {
            const r = c.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; })""")
        assert rings and counts, zoom
        assert not any(_overlap(c, r) for c in counts for r in rings), (zoom, counts, rings)
    assert page.locator(".gm-reg-n").first.inner_text() == "30"
    browser_page.assert_clean()
