"""Tests for geomap.export: every format is written to disk and read back through GDAL."""

from __future__ import annotations

import csv
import json
import math
import os
import sqlite3
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
import pyogrio
import pytest

from geomap.export import (
    CSV_COLUMNS,
    FACILITY_FIELDS,
    FORMATS,
    GIS_PROPERTIES,
    REGION_FIELDS,
    SHAPEFILE_FIELDS,
    events_to_geodataframe,
    layer_qml,
    layer_sld,
    read_events,
    write_csv,
    write_geojson,
    write_gpkg,
    write_layers,
)
from geomap.export.styles import LayerContent, combinations
from geomap.model import EVENT_PROPERTIES, STRIKE_TYPES, Event, Mention
from geomap.plugins.symbols import STRIKE_COLOURS

EVIDENCE_NASTY = 'Дрони атакували "ТЕЦ-5" у Києві <script>alert(1)</script> & пішли'
EVIDENCE_PIPE = "Сили ППО працювали | вибухи чули в Троєщині"
LONG_EVIDENCE = "Белгородскую область атаковали ракеты. " * 12  # > 254 UTF-8 bytes


def _events() -> list[Event]:
    """A handful of events: Cyrillic text, a missing date, nasty evidence, a long sentence."""
    return [
        Event(
            place="Києві", place_name="Київ", place_id="ua-kyiv", lat=50.4501, lon=30.5234,
            admin1="Київ", country="UA", geo_precision="town", strike_type="drone",
            target_type="power_plant", status="hit", attacker="russia", event_date="2024-03-15",
            date_precision="day", doc_ids=["doc-1", "doc-2"],
            sources=["https://example.org/news/1", "feed.jsonl"],
            evidence=[EVIDENCE_NASTY, EVIDENCE_PIPE], confidence=0.85, event_id="ev-0001",
        ),
        Event(
            place="Туапсе", place_name="Туапсе", place_id="ru-tuapse", lat=44.1046, lon=39.0773,
            admin1="Краснодарский край", country="RU", geo_precision="facility",
            strike_type="drone", target_type="refinery", status="claimed", attacker="ukraine",
            event_date=None, date_precision="unknown", doc_ids=["doc-3"],
            sources=["feed.jsonl"], evidence=["НПЗ в Туапсе загорелся после атаки"],
            confidence=0.6, event_id="ev-0002",
        ),
        Event(
            place="Белгород", place_name="Бєлгород", place_id="ru-belgorod", lat=50.5997, lon=36.5983,
            admin1="Белгородская область", country="RU", geo_precision="town",
            strike_type="missile", target_type="residential", status="intercepted",
            attacker="ukraine", event_date="2024-01-02", date_precision="week",
            doc_ids=["doc-4"], sources=[], evidence=[LONG_EVIDENCE], confidence=0.4,
            event_id="ev-0003",
        ),
    ]


def _mentions() -> list[Mention]:
    """One place that was read but is not a strike."""
    return [Mention(place="Москві", place_name="Москва", place_id="ru-moscow", lat=55.7558, lon=37.6173,
                    country="RU", reason="no_strike_verb", doc_id="doc-1",
                    source="https://example.org/news/1", sentence="Заява з Москви.")]


@pytest.fixture
def events() -> list[Event]:
    """The test events."""
    return _events()


def _by_id(frame: pd.DataFrame, column: str = "event_id") -> dict[str, pd.Series]:
    """Index a read-back frame's rows by event id."""
    return {row[column]: row for _, row in frame.iterrows()}


# --------------------------------------------------------------------------- every format


@pytest.mark.parametrize("ext", sorted(FORMATS))
def test_every_format_reads_back_through_gdal(tmp_path: Path, events: list[Event], ext: str) -> None:
    path = write_layers(events, tmp_path / f"strikes{ext}", mentions=_mentions())
    assert path == tmp_path / f"strikes{ext}"
    read_opts = {".gpkg": {"layer": "strikes"}}.get(ext, {})  # CSV: types from its .csvt
    info = pyogrio.read_info(path, **read_opts)
    frame = pyogrio.read_dataframe(path, **read_opts)
    assert len(frame) == len(events)
    assert info["crs"] == "EPSG:4326"  # CSV: from its .prj
    rows = _by_id(frame)
    assert set(rows) == {e.event_id for e in events}
    kyiv = rows["ev-0001"]
    assert kyiv["place"] == "Києві"
    assert kyiv["place_name"] == "Київ"
    assert rows["ev-0003"]["place_name"] == "Бєлгород"
    assert rows["ev-0002"]["admin1"] == "Краснодарский край"
    assert "ТЕЦ-5" in str(kyiv["evidence"] if ext != ".geojson" else kyiv["evidence"][0])
    assert kyiv.geometry.x == pytest.approx(30.5234)
    assert kyiv.geometry.y == pytest.approx(50.4501)
    types = dict(zip(info["fields"], info["ogr_types"], strict=True))
    assert types["confidence"] == ("OFTString" if ext == ".kmz" else "OFTReal")  # KMZ: untyped <Data>
    assert float(kyiv["confidence"]) == pytest.approx(0.85)
    if ext in (".kml", ".kmz"):  # KML keeps every property as text; an undated event has none
        assert kyiv["event_date"] == "2024-03-15"
        assert rows["ev-0002"]["event_date"] is None or pd.isna(rows["ev-0002"]["event_date"])
    else:
        assert types["event_date"] in {"OFTDate", "OFTDateTime"}
        assert pd.Timestamp(kyiv["event_date"]) == pd.Timestamp("2024-03-15")
        assert pd.Timestamp(rows["ev-0003"]["event_date"]) == pd.Timestamp("2024-01-02")
        assert pd.isna(rows["ev-0002"]["event_date"])
    assert {str(row["origin"]) for row in rows.values()} == {"text"}
    # no temporary files left beside the output
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_unsupported_extension(tmp_path: Path, events: list[Event]) -> None:
    with pytest.raises(ValueError) as info:
        write_layers(events, tmp_path / "strikes.xyz")
    assert str(info.value) == (
        "unsupported output format '.xyz': use one of .csv, .fgb, .geojson, .gpkg, .kml, .kmz, .shp"
    )
    assert list(tmp_path.iterdir()) == []


def test_extension_is_case_insensitive(tmp_path: Path, events: list[Event]) -> None:
    path = write_layers(events, tmp_path / "STRIKES.GPKG")
    assert pyogrio.read_info(path, layer="strikes")["features"] == len(events)


@pytest.mark.parametrize("ext", sorted(FORMATS))
def test_no_events_still_writes_a_readable_file(tmp_path: Path, ext: str) -> None:
    path = write_layers([], tmp_path / f"empty{ext}")
    assert len(pyogrio.read_dataframe(path, **({"layer": "strikes"} if ext == ".gpkg" else {}))) == 0


# --------------------------------------------------------------------------- GeoDataFrame


def test_events_to_geodataframe(events: list[Event]) -> None:
    gdf = events_to_geodataframe(events)
    assert list(gdf.columns) == [*EVENT_PROPERTIES, "origin", "geometry"]
    assert list(gdf["origin"]) == ["text", "text", "text"]
    assert gdf.crs.to_epsg() == 4326
    assert gdf["event_date"].dtype.kind == "M"
    assert gdf["event_date"][0] == pd.Timestamp("2024-03-15")
    assert pd.isna(gdf["event_date"][1])
    assert gdf["confidence"].dtype == np.float64
    assert gdf["doc_ids"][0] == "doc-1;doc-2"
    assert gdf["evidence"][0] == f"{EVIDENCE_NASTY} | {EVIDENCE_PIPE}"
    assert gdf["source"][0] == "https://example.org/news/1"
    assert (gdf.geometry.x[0], gdf.geometry.y[0]) == (30.5234, 50.4501)


@pytest.mark.parametrize("bad", [
    {"lat": float("nan")}, {"lon": 200.0}, {"event_date": "15.03.2024"}, {"confidence": float("inf")},
])
def test_invalid_event_is_rejected(events: list[Event], bad: dict) -> None:
    with pytest.raises(ValueError, match="ev-0001"):
        events_to_geodataframe([replace(events[0], **bad)])


# --------------------------------------------------------------------------- GeoJSON


def test_geojson_is_rfc7946(tmp_path: Path, events: list[Event]) -> None:
    path = write_geojson(events, tmp_path / "strikes.geojson", mentions=_mentions())
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection"
    assert "crs" not in data
    assert data["geomap"] == {"schema_version": 1}
    assert len(data["features"]) == len(events)  # mentions are not in this file
    first = data["features"][0]
    assert first["id"] == "ev-0001"
    assert first["geometry"] == {"type": "Point", "coordinates": [30.5234, 50.4501]}  # lon, lat
    assert list(first["properties"])[: len(EVENT_PROPERTIES)] == list(EVENT_PROPERTIES)
    assert first["properties"]["origin"] == "text"
    assert first["properties"]["doc_ids"] == ["doc-1", "doc-2"]
    assert first["properties"]["evidence"] == [EVIDENCE_NASTY, EVIDENCE_PIPE]
    assert data["features"][1]["properties"]["event_date"] is None
    assert "Києві" in path.read_text(encoding="utf-8")  # not \u-escaped


def test_geojson_through_gdal_keeps_lists_and_dates(tmp_path: Path, events: list[Event]) -> None:
    path = write_geojson(events, tmp_path / "strikes.geojson")
    info = pyogrio.read_info(path)
    assert info["driver"] == "GeoJSON"
    types = dict(zip(info["fields"], info["ogr_types"], strict=True))
    assert types["doc_ids"] == "OFTStringList"
    assert types["evidence"] == "OFTStringList"
    assert types["event_date"] == "OFTDate"
    rows = _by_id(pyogrio.read_dataframe(path))
    assert list(rows["ev-0001"]["evidence"]) == [EVIDENCE_NASTY, EVIDENCE_PIPE]
    assert pd.isna(rows["ev-0002"]["event_date"])


def test_read_events_round_trips(tmp_path: Path, events: list[Event]) -> None:
    assert read_events(write_geojson(events, tmp_path / "strikes.geojson")) == events


def test_geojson_keeps_acled_origin(tmp_path: Path, events: list[Event]) -> None:
    mixed = [*events, replace(events[0], event_id="ev-acled", place_id="acled:UKR1", origin="acled")]
    path = write_geojson(mixed, tmp_path / "strikes.geojson")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert [f["properties"]["origin"] for f in data["features"]] == ["text", "text", "text", "acled"]
    assert read_events(path) == mixed


def test_read_events_of_no_events(tmp_path: Path) -> None:
    assert read_events(write_geojson([], tmp_path / "strikes.geojson")) == []


@pytest.mark.parametrize(("content", "reason"), [
    ("not json at all", "invalid JSON"),
    ('{"type": "Feature", "geometry": null, "properties": {}}', "not a FeatureCollection"),
    ('{"type": "FeatureCollection", "features": {}}', "'features' is not a list"),
    ('{"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": '
     '{"type": "Point", "coordinates": [30, 50]}, "properties": {"name": "x"}}]}', "lacks geomap properties"),
    ('{"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": '
     '{"type": "LineString", "coordinates": [[30, 50], [31, 51]]}, "properties": {}}]}', "no Point"),
    ('{"type": "FeatureCollection", "geomap": {"schema_version": 99}, "features": []}', "newer"),
])
def test_read_events_rejects_other_files(tmp_path: Path, content: str, reason: str) -> None:
    path = tmp_path / "other.geojson"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ValueError, match=reason) as info:
        read_events(path)
    assert "\n" not in str(info.value)
    assert str(path) in str(info.value)


# --------------------------------------------------------------------------- GeoPackage


def test_gpkg_field_types_and_mentions(tmp_path: Path, events: list[Event]) -> None:
    path = write_gpkg(events, tmp_path / "strikes.gpkg", mentions=_mentions())
    assert [(name, kind) for name, kind in pyogrio.list_layers(path)] == [
        ("strikes", "Point"), ("mentions", "Point"), ("facilities", "Point"),
        ("regions", "MultiPolygon"), ("layer_styles", None),
    ]
    info = pyogrio.read_info(path, layer="strikes")
    assert list(info["fields"]) == list(GIS_PROPERTIES)
    types = dict(zip(info["fields"], info["ogr_types"], strict=True))
    assert types["event_date"] == "OFTDate"
    assert types["confidence"] == "OFTReal"
    assert types["doc_ids"] == "OFTString"
    dtypes = dict(zip(info["fields"], info["dtypes"], strict=True))
    assert dtypes["event_date"] == "datetime64[D]"
    assert info["geometry_type"] == "Point"
    rows = _by_id(pyogrio.read_dataframe(path, layer="strikes"))
    assert rows["ev-0001"]["event_date"] == pd.Timestamp("2024-03-15")
    assert pd.isna(rows["ev-0002"]["event_date"])
    assert rows["ev-0001"]["doc_ids"] == "doc-1;doc-2"
    assert rows["ev-0001"]["evidence"] == f"{EVIDENCE_NASTY} | {EVIDENCE_PIPE}"
    mentions = pyogrio.read_dataframe(path, layer="mentions")
    assert list(mentions["reason"]) == ["no_strike_verb"]
    assert list(mentions["place_name"]) == ["Москва"]
    assert pyogrio.read_info(path, layer="mentions")["crs"] == "EPSG:4326"


def _acled_event(base: Event, **changes: object) -> Event:
    """An event as read from an ACLED export."""
    fields: dict[str, object] = {"event_id": "ev-acled-1", "place_id": "acled:UKR1", "origin": "acled",
                                 "doc_ids": ["UKR1"], "sources": ["Sample Wire"]}
    fields.update(changes)
    return replace(base, **fields)


def test_gpkg_acled_events_get_their_own_layer(tmp_path: Path, events: list[Event]) -> None:
    acled = [_acled_event(events[0]), _acled_event(events[2], event_id="ev-acled-2", place_id="acled:RUS2")]
    path = write_gpkg([*events, *acled], tmp_path / "strikes.gpkg")
    layers = [name for name, _ in pyogrio.list_layers(path)]
    assert layers == ["strikes", "acled", "facilities", "regions", "layer_styles"]
    strikes = pyogrio.read_dataframe(path, layer="strikes")
    assert sorted(strikes["event_id"]) == ["ev-0001", "ev-0002", "ev-0003"]
    info = pyogrio.read_info(path, layer="acled")
    assert info["crs"] == "EPSG:4326"
    assert list(info["fields"]) == list(GIS_PROPERTIES)
    types = dict(zip(info["fields"], info["ogr_types"], strict=True))
    assert types["event_date"] == "OFTDate" and types["confidence"] == "OFTReal"
    rows = _by_id(pyogrio.read_dataframe(path, layer="acled"))
    assert set(rows) == {"ev-acled-1", "ev-acled-2"}
    assert rows["ev-acled-1"]["origin"] == "acled"
    assert rows["ev-acled-1"]["place"] == "Києві"
    assert rows["ev-acled-2"]["event_date"] == pd.Timestamp("2024-01-02")


def test_gpkg_facilities_layer(tmp_path: Path, events: list[Event]) -> None:
    depot = "facility:ru-tuapse-refinery"
    again = [
        replace(events[1], place_id=depot),  # no date
        replace(events[1], place_id=depot, event_id="ev-0004", event_date="2024-05-01", status="hit",
                strike_type="missile"),
        replace(events[1], place_id=depot, event_id="ev-0005", event_date="2024-02-10", status="hit"),
    ]
    path = write_gpkg([events[0], *again, _acled_event(events[0])], tmp_path / "strikes.gpkg")
    info = pyogrio.read_info(path, layer="facilities")
    assert info["crs"] == "EPSG:4326" and info["geometry_type"] == "Point"
    assert list(info["fields"]) == list(FACILITY_FIELDS)
    types = dict(zip(info["fields"], info["ogr_types"], strict=True))
    assert types["strikes"] == types["hits"] == "OFTInteger64"
    assert types["first_date"] == types["last_date"] == "OFTDate"
    assert types["event_ids"] == "OFTString"
    frame = pyogrio.read_dataframe(path, layer="facilities")
    assert len(frame) == 1  # each facility once; the town and the ACLED event are no facilities
    row = frame.iloc[0]
    assert row["place_id"] == depot
    assert row["place_name"] == "Туапсе"
    assert (row["strikes"], row["hits"], row["intercepted"]) == (3, 2, 0)
    assert row["strike_types"] == "drone;missile"
    assert row["first_date"] == pd.Timestamp("2024-02-10")
    assert row["last_date"] == pd.Timestamp("2024-05-01")
    assert row["target_type"] == "refinery"
    assert row.geometry.x == pytest.approx(39.0773)


def test_gpkg_regions_layer(tmp_path: Path, events: list[Event]) -> None:
    kharkiv = replace(events[0], event_id="ev-kh", place="Kharkiv", place_name="Kharkiv",
                      admin1="Kharkiv Oblast",
                      lat=49.99, lon=36.23, event_date="2024-04-01")
    # ACLED spells admin1 without "Oblast"
    acled_kharkiv = _acled_event(kharkiv, admin1="Kharkiv", event_date="2024-04-03")
    nowhere = replace(events[0], event_id="ev-sea", admin1="", lat=0.0, lon=0.0)
    path = write_gpkg([*events, kharkiv, acled_kharkiv, nowhere], tmp_path / "strikes.gpkg")
    info = pyogrio.read_info(path, layer="regions")
    assert info["crs"] == "EPSG:4326" and info["geometry_type"] == "MultiPolygon"
    assert list(info["fields"]) == list(REGION_FIELDS)
    types = dict(zip(info["fields"], info["ogr_types"], strict=True))
    assert types["total"] == "OFTInteger64" and types["first_date"] == "OFTDate"
    frame = pyogrio.read_dataframe(path, layer="regions")
    assert len(frame) > 100 and frame["region_id"].str.startswith("iso3166-2:").all()
    rows = {row["name"]: row for _, row in frame.iterrows()}
    kh = rows["Kharkiv Oblast"]
    assert (kh["strikes"], kh["acled"], kh["total"]) == (1, 1, 2)
    assert kh["first_date"] == pd.Timestamp("2024-04-01") and kh["last_date"] == pd.Timestamp("2024-04-03")
    assert kh["iso"] == "UA-63" and kh["country"] == "UA"
    # Cyrillic admin1 names do not match a polygon name: the point decides
    assert rows["Krasnodar Krai"]["strikes"] == 1
    belgorod = rows["Belgorod Oblast"]
    assert (belgorod["strikes"], belgorod["intercepted"], belgorod["hits"]) == (1, 1, 0)
    assert frame["strikes"].sum() == 4  # Kyiv, Tuapse, Belgorod, Kharkiv; the point at sea is in none
    assert pd.isna(rows["Altai Krai"]["first_date"])


def test_gpkg_layer_styles_for_every_layer(tmp_path: Path, events: list[Event]) -> None:
    path = write_gpkg([*events, _acled_event(events[0])], tmp_path / "strikes.gpkg", mentions=_mentions())
    spatial = [name for name, kind in pyogrio.list_layers(path) if kind is not None]
    assert spatial == ["strikes", "acled", "mentions", "facilities", "regions"]
    with sqlite3.connect(path) as connection:
        columns = [row[1] for row in connection.execute("PRAGMA table_info(layer_styles)")]
        assert columns == ["id", "f_table_catalog", "f_table_schema", "f_table_name", "f_geometry_column",
                           "styleName", "styleQML", "styleSLD", "useAsDefault", "description", "owner",
                           "ui", "update_time"]
        styles = connection.execute(
            "SELECT f_table_name, f_geometry_column, styleQML, useAsDefault, update_time FROM layer_styles"
        ).fetchall()
        contents = connection.execute(
            "SELECT data_type FROM gpkg_contents WHERE table_name = 'layer_styles'").fetchall()
    assert contents == [("attributes",)]
    assert [row[0] for row in styles] == spatial
    assert all(row[1] == "geom" and row[3] == 1 and row[4] for row in styles)
    # GDAL reads the table too, as a non-spatial layer QGIS can open
    table = pyogrio.read_dataframe(path, layer="layer_styles", read_geometry=False)
    assert list(table["f_table_name"]) == spatial
    assert pyogrio.read_info(path, layer="layer_styles")["geometry_type"] is None
    qml = {name: ET.fromstring(text.split("\n", 1)[1]) for name, _, text, _, _ in styles}
    assert qml["strikes"].find("renderer-v2").get("type") == "RuleRenderer"
    assert qml["acled"].find("renderer-v2").get("type") == "RuleRenderer"
    assert qml["facilities"].find("renderer-v2").get("type") == "categorizedSymbol"
    assert qml["regions"].find("renderer-v2").get("type") == "graduatedSymbol"
    assert qml["regions"].find("renderer-v2").get("attr") == "total"
    assert qml["mentions"].find("renderer-v2").get("type") == "singleSymbol"


def _hex_of(rgba: str) -> str:
    """``r,g,b,a`` -> ``#RRGGBB``."""
    r, g, b = (int(v) for v in rgba.split(",")[:3])
    return f"#{r:02X}{g:02X}{b:02X}"


def test_strikes_style_uses_the_map_colours_and_shapes() -> None:
    root = ET.fromstring(layer_qml("strikes").split("\n", 1)[1])
    renderer = root.find("renderer-v2")
    top = renderer.find("rules").findall("rule")
    assert [rule.get("label") for rule in top] == ["drone", "missile", "airstrike", "artillery", "glide bomb",
                                                  "sabotage", "unknown"]
    assert top[0].get("filter") == "\"strike_type\" = 'drone'"
    symbols = {s.get("name"): s for s in renderer.find("symbols").findall("symbol")}
    for strike_type, rule in zip(STRIKE_TYPES, top, strict=True):
        leaves = rule.findall("rule")
        assert len(leaves) == 7  # one per target group
        for leaf in leaves:
            layer = symbols[leaf.get("symbol")].find("layer")
            props = {p.get("k"): p.get("v") for p in layer.findall("prop")}
            assert _hex_of(props["color"]) == STRIKE_COLOURS[strike_type]
    oil = top[0].findall("rule")[0]
    assert oil.get("filter") == "\"target_type\" IN ('refinery', 'oil_depot', 'pumping_station')"
    layer = symbols[oil.get("symbol")].find("layer")
    assert {p.get("k"): p.get("v") for p in layer.findall("prop")}["name"] == "circle"
    civilian = symbols[top[0].findall("rule")[5].get("symbol")].find("layer")
    assert {p.get("k"): p.get("v") for p in civilian.findall("prop")}["name"] == "star"
    # the status changes fill and outline as on the map: data-defined on "status"
    defined = {o.get("name") for o in layer.find("data_defined_properties").iter("Option")}
    assert {"fillColor", "outlineColor", "outlineWidth", "outlineStyle"} <= defined
    expressions = [o.get("value") for o in layer.find("data_defined_properties").iter("Option")
                   if o.get("name") == "expression"]
    # the searched CASE form, which QGIS parses (``CASE "status" WHEN ...`` it does not)
    assert any("WHEN \"status\" = 'intercepted' THEN '255,255,255," in e for e in expressions)
    assert not any('CASE "status"' in e for e in expressions)


def test_strikes_style_lists_only_what_the_layer_holds() -> None:
    present = combinations([("drone", "refinery", "hit"), ("drone", "refinery", "intercepted"),
                            ("missile", "residential", "claimed")])
    root = ET.fromstring(layer_qml("strikes", content=LayerContent(combinations=present)).split("\n", 1)[1])
    renderer = root.find("renderer-v2")
    top = renderer.find("rules").findall("rule")
    assert [rule.get("label") for rule in top] == ["drone", "missile"]
    assert [leaf.get("label") for leaf in top[0].findall("rule")] == ["oil · hit",
                                                                     "oil · intercepted / shot down"]
    hit, intercepted = top[0].findall("rule")
    assert hit.get("filter") == ("\"target_type\" IN ('refinery', 'oil_depot', 'pumping_station') "
                                 "AND \"status\" = 'hit'")
    symbols = {s.get("name"): s for s in renderer.find("symbols").findall("symbol")}
    props = [{p.get("k"): p.get("v") for p in symbols[r.get("symbol")].find("layer").findall("prop")}
             for r in (hit, intercepted)]
    assert props[0]["color"] != props[1]["color"]  # solid vs white fill
    assert props[1]["color"].startswith("255,255,255,")
    assert all(p["size_unit"] == "MM" and p["outline_width_unit"] == "MM" for p in props)
    claimed = symbols[top[1].find("rule").get("symbol")].find("layer")
    assert {p.get("k"): p.get("v") for p in claimed.findall("prop")}["outline_style"] == "dash"


def test_sld_copy_has_a_rule_per_legend_entry_with_ogc_filters() -> None:
    present = combinations([("drone", "refinery", "hit"), ("drone", "refinery", "intercepted"),
                            ("unknown", None, "unknown")])
    root = ET.fromstring(layer_sld("strikes", LayerContent(combinations=present)).split("\n", 1)[1])
    se, ogc = "{http://www.opengis.net/se}", "{http://www.opengis.net/ogc}"
    rules = root.iter(f"{se}Rule")
    names = [rule.find(f"{se}Name").text for rule in rules]
    assert names == ["drone · oil · hit", "drone · oil · intercepted / shot down",
                     "unknown · unknown · unknown"]
    first = next(root.iter(f"{se}Rule"))
    literals = [lit.text for lit in first.iter(f"{ogc}Literal")]
    assert "drone" in literals and "hit" in literals and "refinery" in literals
    fills = [p.text for p in root.iter(f"{se}SvgParameter") if p.get("name") == "fill"]
    assert fills[:2] == [STRIKE_COLOURS["drone"], "#ffffff"]  # solid hit, hollow interception
    # the unknown strike type also takes nulls
    assert any(True for _ in list(root.iter(f"{se}Rule"))[2].iter(f"{ogc}PropertyIsNull"))


def test_acled_style_rings_its_symbols() -> None:
    root = ET.fromstring(layer_qml("acled").split("\n", 1)[1])
    first = root.find("renderer-v2").find("symbols").find("symbol")
    layers = first.findall("layer")
    assert len(layers) == 2  # the symbol and its ring
    ring = {p.get("k"): p.get("v") for p in layers[1].findall("prop")}
    assert ring["name"] == "circle" and ring["color"].endswith(",0")


def test_gpkg_overwrites_existing_file(tmp_path: Path, events: list[Event]) -> None:
    path = write_gpkg(events, tmp_path / "strikes.gpkg", mentions=_mentions())
    write_gpkg(events[:1], path)
    assert [name for name, _ in pyogrio.list_layers(path)] == ["strikes", "facilities", "regions",
                                                                "layer_styles"]
    assert pyogrio.read_info(path, layer="strikes")["features"] == 1


# --------------------------------------------------------------------------- Shapefile


def test_shapefile_field_mapping_cpg_prj(tmp_path: Path, events: list[Event]) -> None:
    path = write_layers(events, tmp_path / "strikes.shp")
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "strikes.cpg", "strikes.dbf", "strikes.prj", "strikes.shp", "strikes.shx", "strikes.text.csv",
    ]
    assert (tmp_path / "strikes.cpg").read_text().strip().upper() in {"UTF-8", "UTF8"}
    info = pyogrio.read_info(path)
    assert info["encoding"] == "UTF-8"
    assert list(info["fields"]) == [SHAPEFILE_FIELDS[key] for key in GIS_PROPERTIES]
    assert all(len(name) <= 10 for name in SHAPEFILE_FIELDS.values())
    assert SHAPEFILE_FIELDS["geo_precision"] == "geo_prec"
    assert SHAPEFILE_FIELDS["strike_type"] == "strike_typ"
    types = dict(zip(info["fields"], info["ogr_types"], strict=True))
    assert types["event_date"] == "OFTDate"
    assert types["confidence"] == "OFTReal"
    rows = _by_id(pyogrio.read_dataframe(path))
    assert rows["ev-0001"]["strike_typ"] == "drone"
    assert rows["ev-0002"]["geo_prec"] == "facility"
    assert pd.isna(rows["ev-0002"]["event_date"])
    assert rows["ev-0003"]["event_date"] == pd.Timestamp("2024-01-02")
    long = rows["ev-0003"]["evidence"]  # dBASE text holds 254 bytes: cut on a character boundary
    assert len(long.encode("utf-8")) <= 254
    assert long.endswith("…")
    assert LONG_EVIDENCE.startswith(long[:-1])


def test_shapefile_replaces_previous_and_stale_index(tmp_path: Path, events: list[Event]) -> None:
    write_layers(events, tmp_path / "strikes.shp")
    (tmp_path / "strikes.qix").write_bytes(b"stale")
    path = write_layers(events[:2], tmp_path / "strikes.shp")
    assert not (tmp_path / "strikes.qix").exists()
    assert pyogrio.read_info(path)["features"] == 2


# --------------------------------------------------------------------------- FlatGeobuf


def test_flatgeobuf_dates_come_back_as_datetimes(tmp_path: Path, events: list[Event]) -> None:
    path = write_layers(events, tmp_path / "strikes.fgb")
    info = pyogrio.read_info(path)
    assert info["driver"] == "FlatGeobuf"
    types = dict(zip(info["fields"], info["ogr_types"], strict=True))
    assert types["event_date"] == "OFTDateTime"  # FlatGeobuf has no date-only type
    rows = _by_id(pyogrio.read_dataframe(path))
    assert rows["ev-0001"]["event_date"] == pd.Timestamp("2024-03-15")
    assert pd.isna(rows["ev-0002"]["event_date"])


# --------------------------------------------------------------------------- CSV


def test_csv_columns_and_types(tmp_path: Path, events: list[Event]) -> None:
    path = write_csv(events, tmp_path / "strikes.csv")
    raw = path.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == list(CSV_COLUMNS)
    assert rows[0]["evidence"] == f"{EVIDENCE_NASTY} | {EVIDENCE_PIPE}"
    assert rows[0]["wkt"] == "POINT (30.5234 50.4501)"
    assert (rows[0]["lat"], rows[0]["lon"]) == ("50.4501", "30.5234")
    assert rows[1]["event_date"] == ""
    info = pyogrio.read_info(path, AUTODETECT_TYPE="YES")
    types = dict(zip(info["fields"], info["ogr_types"], strict=True))
    assert types["confidence"] == "OFTReal"
    assert types["lat"] == types["lon"] == "OFTReal"
    assert types["event_date"] == "OFTDate"


# --------------------------------------------------------------------------- KML


def test_kml_names_descriptions_and_styles(tmp_path: Path, events: list[Event]) -> None:
    path = write_layers(events, tmp_path / "strikes.kml")
    ns = {"k": "http://www.opengis.net/kml/2.2"}
    root = ET.parse(path).getroot()  # well-formed XML
    assert root.tag == "{http://www.opengis.net/kml/2.2}kml"
    style_ids = {s.get("id") for s in root.iterfind(".//k:Style", ns)}
    placemarks = root.findall(".//k:Placemark", ns)
    assert len(placemarks) == len(events)
    for placemark, event in zip(placemarks, events, strict=True):
        assert placemark.findtext("k:styleUrl", namespaces=ns) == f"#strike_{event.strike_type}"
        assert f"strike_{event.strike_type}" in style_ids
    assert placemarks[0].findtext("k:Point/k:coordinates", namespaces=ns) == "30.5234,50.4501"
    # Symbols need nothing from the network: colours on the viewer's own placemark, no icon URL.
    for style in root.iterfind(".//k:Style", ns):
        assert style.find("k:IconStyle/k:color", ns) is not None
        assert style.find("k:IconStyle/k:Icon", ns) is None
    assert not [e for e in root.iter() if e.tag.endswith("href")]

    frame = pyogrio.read_dataframe(path)
    names = [c for c in frame.columns if c.lower() == "name"]
    assert names
    rows = _by_id(frame)
    assert rows["ev-0001"][names[0]] == "Києві"
    description = rows["ev-0001"]["description"]
    assert "ТЕЦ-5" in description
    assert "&lt;script&gt;" in description and "<script>" not in description  # no markup injection
    assert "&quot;ТЕЦ-5&quot;" in description
    assert rows["ev-0001"]["evidence"] == f"{EVIDENCE_NASTY} | {EVIDENCE_PIPE}"


# --------------------------------------------------------------------------- atomic writes


@pytest.mark.parametrize("ext", sorted(FORMATS))
def test_failed_write_leaves_previous_file_untouched(tmp_path: Path, events: list[Event], ext: str) -> None:
    target = tmp_path / f"strikes{ext}"
    write_layers(events, target)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    broken = [*events, replace(events[0], event_id="ev-bad", lat=float("nan"))]
    with pytest.raises(ValueError, match="ev-bad"):
        write_layers(broken, target)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


@pytest.mark.parametrize("ext", sorted(FORMATS))
def test_failed_write_leaves_no_file(tmp_path: Path, events: list[Event], ext: str) -> None:
    broken = [*events, replace(events[1], event_id="ev-bad", event_date="yesterday")]
    with pytest.raises(ValueError, match="ev-bad"):
        write_layers(broken, tmp_path / f"strikes{ext}")
    assert list(tmp_path.iterdir()) == []


def test_gpkg_failing_after_first_layer_leaves_nothing(tmp_path: Path, events: list[Event]) -> None:
    bad_mention = replace(_mentions()[0], lat=math.inf)
    with pytest.raises(ValueError, match="mention"):
        write_gpkg(events, tmp_path / "strikes.gpkg", mentions=[bad_mention])
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0,
                    reason="root can write into read-only folders")
@pytest.mark.parametrize("ext", sorted(FORMATS))
def test_read_only_folder(tmp_path: Path, events: list[Event], ext: str) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        with pytest.raises(OSError):
            write_layers(events, folder / f"strikes{ext}")
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o755)


def test_shapefile_keeps_the_full_text_in_its_sidecar(tmp_path: Path, events: list[Event]) -> None:
    write_layers(events, tmp_path / "strikes.shp")
    frame = pyogrio.read_dataframe(tmp_path / "strikes.shp")
    cut = {row["event_id"]: row for row in frame.to_dict("records")}
    with (tmp_path / "strikes.text.csv").open(encoding="utf-8", newline="") as handle:
        full = {row["event_id"]: row for row in csv.DictReader(handle)}
    assert set(full) == set(cut) == {e.event_id for e in events}
    long = [e for e in events if len(" | ".join(e.evidence).encode()) > 254]
    assert long, "the fixture has an event whose evidence dBASE must cut"
    for event in long:
        assert cut[event.event_id]["evidence"].endswith("…")
        assert full[event.event_id]["evidence"] == " | ".join(event.evidence)


def test_csv_sidecars_give_gdal_the_types_and_the_crs(tmp_path: Path, events: list[Event]) -> None:
    path = write_csv(events, tmp_path / "strikes.csv")
    assert (tmp_path / "strikes.csvt").read_text().count(",") == len(CSV_COLUMNS) - 1
    assert "WGS_1984" in (tmp_path / "strikes.prj").read_text()
    info = pyogrio.read_info(path)
    types = dict(zip(info["fields"], info["ogr_types"], strict=True))
    assert (types["event_date"], types["confidence"], types["lat"]) == ("OFTDate", "OFTReal", "OFTReal")
    assert info["crs"] == "EPSG:4326" and info["geometry_type"] in {"Point", "Unknown"}
    # without sidecars (as a run stages them itself) only the CSV is written
    write_csv(events, tmp_path / "bare" / "strikes.csv", sidecars=False)
    assert [p.name for p in (tmp_path / "bare").iterdir()] == ["strikes.csv"]


def test_kmz_carries_the_map_symbols_as_icons(tmp_path: Path, events: list[Event]) -> None:
    import zipfile

    path = write_layers(events, tmp_path / "strikes.kmz")
    with zipfile.ZipFile(path) as kmz:
        names = kmz.namelist()
        assert names[0] == "doc.kml"
        icons = [n for n in names if n.startswith("files/") and n.endswith(".png")]
        assert all(kmz.read(n).startswith(b"\x89PNG") for n in icons)
        root = ET.fromstring(kmz.read("doc.kml"))
    ns = {"k": "http://www.opengis.net/kml/2.2"}
    hrefs = {h.text for h in root.iterfind(".//k:Style/k:IconStyle/k:Icon/k:href", ns)}
    assert hrefs == set(icons)  # every icon used, every style's icon inside the archive
    assert not any(h.startswith("http") for h in hrefs)
    styles = [p.find("k:styleUrl", ns).text for p in root.iterfind(".//k:Placemark", ns)]
    assert "#icon_drone_energy_hit" in styles and "#icon_drone_oil_claimed" in styles
