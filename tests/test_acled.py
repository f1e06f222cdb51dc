"""ACLED CSV both ways: geomap events out as ACLED rows, ACLED exports in as events, end to end."""

from __future__ import annotations

import csv
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pyogrio
import pytest

from geomap.acled import (
    ACLED_COLUMNS,
    ACTORS,
    acled_admin1,
    acled_row,
    is_acled_csv,
    read_acled,
    write_acled_csv,
)
from geomap.model import Event, ReadProblem
from geomap.pipeline import extract_events
from geomap.read import iter_documents

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "tests" / "data" / "acled_sample.csv"


def _event(**changes: object) -> Event:
    """A dated geomap event, changed as given."""
    fields: dict[str, object] = {
        "place": "Туапсе", "place_name": "Tuapse oil refinery", "place_id": "facility:tuapse-refinery",
        "lat": 44.1046, "lon": 39.0773, "admin1": "Krasnodar Krai", "country": "RU",
        "geo_precision": "facility", "strike_type": "drone", "target_type": "refinery", "status": "hit",
        "attacker": "ukraine", "event_date": "2025-03-23", "date_precision": "day",
        "doc_ids": ["a.txt"], "sources": ["https://example.org/a"],
        "evidence": ["Ukrainian drones set the Tuapse oil refinery on fire, the governor said."],
        "confidence": 0.7, "event_id": "ev-000000000001",
    }
    fields.update(changes)
    return Event(**fields)  # type: ignore[arg-type]


def _events() -> list[Event]:
    """One event of every strike type, a hit or an interception each, in RU, UA and BY."""
    return [
        _event(),
        _event(event_id="ev-000000000002", place="Харків", place_name="Kharkiv", place_id="geonames:706483",
               lat=49.9935, lon=36.2304, admin1="Kharkiv Oblast", country="UA", geo_precision="town",
               strike_type="missile", target_type="residential", attacker="russia", event_date="2025-03-24",
               evidence=["A Russian ballistic missile hit an apartment block in Kharkiv."]),
        _event(event_id="ev-000000000003", place="Belgorod region", place_name="Belgorod Oblast",
               place_id="iso3166-2:RU-BEL", lat=50.7, lon=37.4, admin1="Belgorod Oblast",
               geo_precision="region", status="intercepted", target_type="unknown", date_precision="week",
               evidence=["Air defences shot down 14 Ukrainian drones over the Belgorod region."]),
        _event(event_id="ev-000000000004", place="Zaporizhzhia", place_name="Zaporizhzhia",
               place_id="geonames:687700", lat=47.8388, lon=35.1396, admin1="Zaporizhzhia Oblast",
               country="UA", geo_precision="town", strike_type="glide_bomb", target_type="factory",
               attacker="russia", event_date="2025-03-01", date_precision="month",
               evidence=["Russian glide bombs struck an industrial plant in Zaporizhzhia."]),
        _event(event_id="ev-000000000005", place="Nikopol", place_name="Nikopol", place_id="geonames:700051",
               lat=47.5712, lon=34.3964, admin1="Dnipropetrovsk Oblast", country="UA",
               geo_precision="district", strike_type="artillery", target_type="residential",
               attacker="russia", evidence=["Artillery shelling damaged houses in Nikopol."]),
        _event(event_id="ev-000000000006", place="Osipovichi", place_name="Asipovichy",
               place_id="geonames:625324", lat=53.3, lon=28.64, admin1="Mogilev Region", country="BY",
               geo_precision="town", strike_type="sabotage", target_type="railway", attacker="unknown",
               evidence=["Partisans set a relay cabinet on the railway on fire near Asipovichy."]),
        _event(event_id="ev-000000000007", place="Engels", place_name="Engels-2 air base",
               place_id="facility:engels-2", lat=51.48, lon=46.2, admin1="Saratov Oblast", country="RU",
               strike_type="airstrike", target_type="airfield", attacker="russia",
               evidence=["Warplanes took off from the Engels air base for the air strike."]),
    ]


# --------------------------------------------------------------------------- writing


def _written(tmp_path: Path, events: list[Event]) -> list[dict[str, str]]:
    path = write_acled_csv(events, tmp_path / "acled.csv")
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        assert tuple(reader.fieldnames or ()) == ACLED_COLUMNS
        return list(reader)


def test_written_rows_follow_the_acled_mapping(tmp_path: Path) -> None:
    rows = {row["event_id_cnty"]: row for row in _written(tmp_path, _events())}
    drone = rows["ev-000000000001"]
    assert drone["event_date"] == "2025-03-23" and drone["year"] == "2025"
    assert (drone["disorder_type"], drone["event_type"], drone["sub_event_type"]) == (
        "Political violence", "Explosions/Remote violence", "Air/drone strike")
    assert drone["actor1"] == "Military Forces of Ukraine (2019-)"
    assert (drone["country"], drone["admin1"], drone["location"]) == ("Russia", "Krasnodar",
                                                                      "Tuapse oil refinery")
    assert (drone["latitude"], drone["longitude"]) == ("44.1046", "39.0773")
    assert (drone["geo_precision"], drone["time_precision"], drone["fatalities"]) == ("1", "1", "0")
    assert drone["notes"] == "Ukrainian drones set the Tuapse oil refinery on fire, the governor said."
    assert drone["source"] == "example.org"  # the outlet, never a local path
    # ACLED's other columns, in its conventions: state forces are inter 1, iso is numeric
    assert (drone["inter1"], drone["actor2"], drone["inter2"], drone["interaction"]) == ("1", "", "", "10")
    assert (drone["iso"], drone["region"], drone["source_scale"]) == ("643", "Europe", "Other")
    assert "geomap status=hit" in drone["tags"] and "fatalities=not reported" in drone["tags"]
    assert drone["timestamp"].isdigit() and int(drone["timestamp"]) > 1_700_000_000
    assert rows["ev-000000000007"]["admin1"] == "Saratov"
    missile = rows["ev-000000000002"]
    assert missile["sub_event_type"] == "Shelling/artillery/missile attack"
    assert missile["actor1"] == ACTORS["russia"] == "Military Forces of Russia (2000-)"
    assert missile["country"] == "Ukraine"
    assert (missile["actor2"], missile["inter2"]) == ("Civilians (Ukraine)", "7")
    assert missile["interaction"] == "17"
    assert missile["civilian_targeting"] == "Civilian targeting"
    assert (missile["iso"], missile["admin1"]) == ("804", "Kharkiv")
    engels = rows["ev-000000000007"]
    assert (engels["actor2"], engels["inter2"], engels["interaction"]) == (ACTORS["ukraine"], "1", "11")
    intercepted = rows["ev-000000000003"]
    assert (intercepted["disorder_type"], intercepted["event_type"], intercepted["sub_event_type"]) == (
        "Strategic developments", "Strategic developments", "Disrupted weapons use")
    assert (intercepted["geo_precision"], intercepted["time_precision"]) == ("3", "2")
    assert rows["ev-000000000004"]["sub_event_type"] == "Air/drone strike"  # glide bomb
    assert rows["ev-000000000004"]["time_precision"] == "3"
    assert rows["ev-000000000005"]["sub_event_type"] == "Shelling/artillery/missile attack"
    assert rows["ev-000000000005"]["geo_precision"] == "2"
    sabotage = rows["ev-000000000006"]
    assert sabotage["sub_event_type"] == "Remote explosive/landmine/IED"
    assert sabotage["country"] == "Belarus"
    assert sabotage["actor1"] == "Unidentified Armed Group (Belarus)"
    assert rows["ev-000000000007"]["sub_event_type"] == "Air/drone strike"


def test_undated_events_have_no_acled_row_and_are_counted_in_one_warning(tmp_path: Path) -> None:
    assert acled_row(_event(event_date=None)) is None
    warnings: list[str] = []
    path = write_acled_csv([_event(event_date=None), _event(event_id="ev-dated"),
                            _event(event_id="ev-undated-2", event_date=None)], tmp_path / "acled.csv",
                           warn=warnings.append)
    with path.open(encoding="utf-8", newline="") as handle:
        assert [row["event_id_cnty"] for row in csv.DictReader(handle)] == ["ev-dated"]
    assert len(warnings) == 1 and "2 events without a date left out" in warnings[0]


def test_fatalities_are_read_from_the_evidence(tmp_path: Path) -> None:
    rows = {row["event_id_cnty"]: row for row in _written(tmp_path, [
        _event(event_id="ev-dead", evidence=["A Russian drone hit a house, killing two people.",
                                             "Two people were killed, the governor said."]),
        _event(event_id="ev-none", evidence=["Debris fell on a yard; no one was killed."]),
        _event(event_id="ev-silent"),
    ])}
    assert rows["ev-dead"]["fatalities"] == "2"
    assert rows["ev-none"]["fatalities"] == "0" and "not reported" not in rows["ev-none"]["tags"]
    assert rows["ev-silent"]["fatalities"] == "0" and "fatalities=not reported" in rows["ev-silent"]["tags"]


def test_source_names_outlets_or_documents_never_paths(tmp_path: Path) -> None:
    rows = {row["event_id_cnty"]: row for row in _written(tmp_path, [
        _event(event_id="ev-urls", sources=["https://www.kyivindependent.com/a", "https://pravda.com.ua/b",
                                            "/home/user/feeds/x.jsonl"]),
        _event(event_id="ev-local", sources=["/home/user/news/2025-03-23-tuapse.txt"],
               doc_ids=["2025-03-23-tuapse.txt"]),
    ])}
    assert rows["ev-urls"]["source"] == "kyivindependent.com; pravda.com.ua"
    assert rows["ev-local"]["source"] == "2025-03-23-tuapse.txt"
    assert "/" not in rows["ev-local"]["source"]


def test_bad_date_fails_and_leaves_no_file(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="ev-bad"):
        write_acled_csv([_event(event_id="ev-bad", event_date="yesterday")], tmp_path / "acled.csv")
    assert list(tmp_path.iterdir()) == []


# --------------------------------------------------------------------------- round trip


def test_written_csv_reads_back_into_the_same_events(tmp_path: Path) -> None:
    events = _events()
    path = write_acled_csv(events, tmp_path / "acled.csv")
    assert is_acled_csv(path)
    back = list(read_acled(path))
    assert all(isinstance(item, Event) for item in back), back
    assert len(back) == len(events)
    for before, after in zip(events, back, strict=True):
        assert isinstance(after, Event)
        assert after.origin == "acled"
        assert after.place == after.place_name == before.place_name
        assert after.place_id == f"acled:{before.event_id}"
        assert after.doc_ids == [before.event_id]
        assert (after.lat, after.lon) == (pytest.approx(before.lat), pytest.approx(before.lon))
        assert (after.event_date, after.date_precision) == (before.event_date, before.date_precision)
        assert (after.strike_type, after.target_type) == (before.strike_type, before.target_type)
        assert (after.status, after.attacker) == (before.status, before.attacker)
        # the region comes back in ACLED's spelling ("Krasnodar"), which geomap's regions still match
        assert (after.country, after.admin1) == (before.country, acled_admin1(before.admin1))
        assert after.evidence == before.evidence
        assert after.sources == ["example.org"]
    # ACLED's precision codes are coarser: facility comes back as town
    assert [e.geo_precision for e in back if isinstance(e, Event)] == [
        "town", "town", "region", "town", "district", "town", "town"]


def test_claimed_and_unknown_statuses_come_back_from_the_tags(tmp_path: Path) -> None:
    path = write_acled_csv([_event(status="claimed"), _event(event_id="ev-2", status="unknown")],
                           tmp_path / "acled.csv")
    assert [e.status for e in read_acled(path) if isinstance(e, Event)] == ["claimed", "unknown"]
    # an ACLED row of its own (no geomap tag) is a hit
    text = path.read_text(encoding="utf-8").replace("geomap status=claimed", "")
    path.write_text(text, encoding="utf-8")
    assert [e.status for e in read_acled(path) if isinstance(e, Event)][0] == "hit"


def test_cyrillic_survives_the_round_trip(tmp_path: Path) -> None:
    event = _event(place_name="Туапсинский НПЗ", admin1="Краснодарский край",
                   evidence=["Беспилотники атаковали НПЗ в Туапсе."])
    [back] = list(read_acled(write_acled_csv([event], tmp_path / "acled.csv")))
    assert isinstance(back, Event)
    assert (back.place, back.admin1, back.evidence) == (
        "Туапсинский НПЗ", "Краснодарский край", ["Беспилотники атаковали НПЗ в Туапсе."])
    assert (back.strike_type, back.target_type) == ("drone", "refinery")


# --------------------------------------------------------------------------- the hand-written sample


def test_sample_maps_to_events() -> None:
    items = list(read_acled(SAMPLE))
    events = {e.doc_ids[0]: e for e in items if isinstance(e, Event)}
    problems = [p for p in items if isinstance(p, ReadProblem)]
    assert [str(p) for p in problems] == [f"{SAMPLE}: 1 row not strikes (Battles: 1); skipped"]
    assert all(p.warning for p in problems)
    expected = {
        # id: (place, country, admin1, strike_type, target_type, status, attacker, date, date_precision)
        "UKR90001": ("Kharkiv", "UA", "Kharkiv", "drone", "residential", "hit", "russia",
                     "2025-03-04", "day"),
        "RUS90002": ("Bryansk", "RU", "Bryansk", "drone", "oil_depot", "hit", "ukraine", "2025-03-06", "day"),
        "UKR90003": ("Odesa", "UA", "Odesa", "missile", "port", "hit", "russia", "2025-03-07", "day"),
        "UKR90004": ("Nikopol", "UA", "Dnipropetrovsk", "artillery", "residential", "hit", "russia",
                     "2025-03-12", "week"),
        "UKR90005": ("Zaporizhzhia", "UA", "Zaporizhia", "glide_bomb", "factory", "hit", "russia",
                     "2025-03-14", "day"),
        "RUS90006": ("Belgorod", "RU", "Belgorod", "drone", "unknown", "intercepted", "ukraine",
                     "2025-03-16", "day"),
        "RUS90007": ("Lgov", "RU", "Kursk", "sabotage", "railway", "hit", "unknown", "2025-03-18", "day"),
    }
    got = {
        key: (e.place, e.country, e.admin1, e.strike_type, e.target_type, e.status, e.attacker,
              e.event_date, e.date_precision)
        for key, e in events.items()
    }
    assert got == expected
    belgorod = events["RUS90006"]
    assert belgorod.geo_precision == "region"
    assert belgorod.place_id == "acled:RUS90006"
    assert belgorod.sources == ["Sample Wire"]
    assert belgorod.evidence[0].startswith("Russian air defence reported")
    assert all(e.origin == "acled" and e.event_id.startswith("ev-") for e in events.values())
    assert len({e.event_id for e in events.values()}) == len(events)


def test_sample_is_recognised_by_its_header(tmp_path: Path) -> None:
    assert is_acled_csv(SAMPLE)
    other = tmp_path / "other.csv"
    other.write_text("id,name,lat,lon\n1,Kyiv,50.45,30.52\n", encoding="utf-8")
    assert not is_acled_csv(other)
    assert not is_acled_csv(tmp_path / "missing.csv")
    shuffled = tmp_path / "shuffled.csv"  # column order and case do not matter; a BOM is dropped
    shuffled.write_text("\ufeffLONGITUDE,Latitude,sub_event_type,event_type,event_date\n", encoding="utf-8")
    assert is_acled_csv(shuffled)


def test_acled_dates_in_day_month_year_form(tmp_path: Path) -> None:
    path = tmp_path / "old.csv"
    path.write_text(
        "event_date,event_type,sub_event_type,actor1,country,location,latitude,longitude,notes\n"
        "14 March 2024,Explosions/Remote violence,Air/drone strike,Military Forces of Russia (2000-),"
        "Ukraine,Sumy,50.9077,34.7981,Drones hit a substation.\n", encoding="utf-8")
    [event] = list(read_acled(path))
    assert isinstance(event, Event)
    assert (event.event_date, event.date_precision) == ("2024-03-14", "day")
    assert (event.strike_type, event.target_type, event.geo_precision) == ("drone", "substation", "town")
    assert event.place_id == "acled:old.csv:2" and event.doc_ids == ["old.csv:2"]


def test_bad_rows_are_problems_with_their_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(
        "event_id_cnty,event_date,event_type,sub_event_type,latitude,longitude,notes\n"
        "A1,someday,Explosions/Remote violence,Air/drone strike,50,30,Drones.\n"
        "A2,2024-03-01,Explosions/Remote violence,Air/drone strike,north,30,Drones.\n"
        "A3,2024-03-01,Explosions/Remote violence,Air/drone strike,95,30,Drones.\n"
        "A4,2024-03-01,Explosions/Remote violence,Air/drone strike,50,30,Drones.\n", encoding="utf-8")
    items = list(read_acled(path))
    problems = [p for p in items if isinstance(p, ReadProblem)]
    assert [p.line for p in problems] == [2, 3, 4]
    assert "someday" in problems[0].reason
    assert [e.doc_ids for e in items if isinstance(e, Event)] == [["A4"]]


# --------------------------------------------------------------------------- reading inputs


def test_iter_documents_yields_acled_events() -> None:
    items = list(iter_documents([str(SAMPLE)]))
    assert sum(isinstance(i, Event) for i in items) == 7
    assert sum(isinstance(i, ReadProblem) and i.warning for i in items) == 1


def test_explicit_csv_without_acled_header_is_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "table.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    [problem] = list(iter_documents([str(path)]))
    assert isinstance(problem, ReadProblem) and not problem.warning
    assert "CSV without ACLED's header" in problem.reason


def test_csv_in_a_folder_without_acled_header_is_skipped_with_a_warning(tmp_path: Path) -> None:
    (tmp_path / "table.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    (tmp_path / "article.txt").write_text("Drones hit a depot.", encoding="utf-8")
    items = list(iter_documents([str(tmp_path)]))
    [problem] = [i for i in items if isinstance(i, ReadProblem)]
    assert problem.warning and "skipped" in problem.reason


def test_pipeline_keeps_every_acled_row_and_never_merges_it(tmp_path: Path) -> None:
    twice = tmp_path / "twice.csv"
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    first_row = lines[1]
    twin = first_row.replace("UKR90001", "UKR90099")  # the same strike coded twice stays two rows
    twice.write_text("\n".join([lines[0], first_row, twin]) + "\n", encoding="utf-8")
    article = tmp_path / "2025-03-05_kharkiv.txt"
    article.write_text("Russian drones struck a residential building in Kharkiv overnight, "
                       "the regional governor said.", encoding="utf-8")
    result = extract_events([str(twice), str(article)])
    acled = [e for e in result.events if e.origin == "acled"]
    text = [e for e in result.events if e.origin == "text"]
    assert sorted(e.doc_ids[0] for e in acled) == ["UKR90001", "UKR90099"]
    assert text and all(e.doc_ids == ["2025-03-05_kharkiv.txt"] for e in text)
    assert result.documents == 1


# --------------------------------------------------------------------------- command line


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "geomap.cli", *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=300)


def test_run_on_the_sample_end_to_end(tmp_path: Path) -> None:
    out = tmp_path / "out"
    proc = _cli("run", str(SAMPLE), "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    assert "1 row not strikes" in proc.stderr  # the battle row, as a warning
    layers = {name for name, _ in pyogrio.list_layers(out / "strikes.gpkg")}
    assert {"strikes", "acled", "facilities", "regions", "layer_styles"} <= layers
    acled = pyogrio.read_dataframe(out / "strikes.gpkg", layer="acled")
    assert len(acled) == 7 and set(acled["origin"]) == {"acled"}
    assert acled["event_date"].dtype.kind == "M"
    assert len(pyogrio.read_dataframe(out / "strikes.gpkg", layer="strikes")) == 0
    with sqlite3.connect(out / "strikes.gpkg") as connection:
        styled = {row[0] for row in connection.execute("SELECT f_table_name FROM layer_styles")}
    assert "acled" in styled
    data = json.loads((out / "strikes.geojson").read_text(encoding="utf-8"))
    assert len(data["features"]) == 7
    assert {f["properties"]["origin"] for f in data["features"]} == {"acled"}
    regions = pyogrio.read_dataframe(out / "strikes.gpkg", layer="regions")
    assert regions["acled"].sum() == 7


def test_export_acled_from_the_cli(tmp_path: Path) -> None:
    from geomap.export import write_geojson

    events = _events() + [_event(event_id="ev-undated", event_date=None)]
    source = write_geojson(events, tmp_path / "strikes.geojson")
    target = tmp_path / "strikes.csv"
    proc = _cli("export", str(source), "-o", str(target), "--acled")
    assert proc.returncode == 0, proc.stderr
    warnings = [line for line in proc.stderr.splitlines() if "warning" in line]
    assert len(warnings) == 1 and "1 event without a date left out" in warnings[0]
    frame = pd.read_csv(target)
    assert list(frame.columns) == list(ACLED_COLUMNS)
    assert len(frame) == len(events) - 1
    back = [e for e in read_acled(target) if isinstance(e, Event)]
    assert [e.strike_type for e in back] == [e.strike_type for e in events[:-1]]
    proc = _cli("export", str(source), "-o", str(tmp_path / "strikes.gpkg"), "--acled")
    assert proc.returncode == 2 and "must end in .csv" in proc.stderr


def test_an_export_given_twice_counts_each_acled_event_once(tmp_path):
    from geomap.pipeline import extract_events

    sample = Path(__file__).parent / "data" / "acled_sample.csv"
    once = extract_events([str(sample)])
    twice = extract_events([str(sample), str(sample)])
    assert len(once.events) == len(twice.events) > 0
    ids = [e.event_id for e in twice.events]
    assert len(ids) == len(set(ids))


def test_a_run_exported_to_acled_runs_back_to_the_same_events(tmp_path: Path) -> None:
    """examples/ -> run -> export --acled -> run: the same strikes, place, day, type, target, status."""
    first = tmp_path / "first"
    assert _cli("run", str(ROOT / "examples"), "-o", str(first), "--date", "2025-03-23").returncode == 0
    acled_csv = tmp_path / "acled.csv"
    proc = _cli("export", str(first / "strikes.geojson"), "-o", str(acled_csv), "--acled")
    assert proc.returncode == 0, proc.stderr
    with acled_csv.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        assert tuple(reader.fieldnames or ()) == ACLED_COLUMNS and len(ACLED_COLUMNS) == 31
        rows = list(reader)
    assert rows and not any(row["source"].startswith(("/", ".")) for row in rows)
    second = tmp_path / "second"
    assert _cli("run", str(acled_csv), "-o", str(second)).returncode == 0
    before = [f["properties"] for f in json.loads((first / "strikes.geojson").read_text("utf-8"))["features"]]
    after = [f["properties"] for f in json.loads((second / "strikes.geojson").read_text("utf-8"))["features"]]

    def key(props: dict) -> tuple:
        return (props["place_name"], props["event_date"], props["strike_type"], props["status"],
                props["attacker"], props["country"])

    dated = sorted(key(p) for p in before if p["event_date"])
    assert sorted(key(p) for p in after) == dated
