"""What a command imports: ``geomap extract`` writes GeoJSON without geopandas, pandas or pyogrio,
whose import would cost each run some 70 MB of peak memory and a third of a second of start-up
(docs/scale.md)."""

from __future__ import annotations

import json
import subprocess
import sys

_HEAVY = ("geopandas", "pandas", "pyogrio", "folium")


def _imported_by(args: list[str]) -> set[str]:
    code = ("import sys; from geomap.cli import main; code = main(sys.argv[1:]); "
            f"print([m for m in {_HEAVY!r} if m in sys.modules]); sys.exit(code)")
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=True)
    return set(json.loads(out.stdout.strip().splitlines()[-1].replace("'", '"')))


def test_extract_writes_geojson_without_the_gis_libraries(tmp_path):
    text = tmp_path / "2024-05-01-report.txt"
    text.write_text("Russian drones struck Kharkiv overnight, damaging a school.", encoding="utf-8")
    assert _imported_by(["extract", str(text), "-o", str(tmp_path / "events.geojson")]) == set()
    assert json.loads((tmp_path / "events.geojson").read_text(encoding="utf-8"))["features"]


def test_export_to_a_geopackage_still_loads_them(tmp_path):
    text = tmp_path / "2024-05-01-report.txt"
    text.write_text("Russian drones struck Kharkiv overnight, damaging a school.", encoding="utf-8")
    events = tmp_path / "events.geojson"
    _imported_by(["extract", str(text), "-o", str(events)])
    assert {"geopandas", "pyogrio"} <= _imported_by(["export", str(events), "-o", str(tmp_path / "e.gpkg")])


def test_reading_text_does_not_load_the_acled_or_spill_packages(tmp_path):
    """The ACLED reader is imported where a CSV is read, the merge on disk where a run spills, the
    process pool where workers start: not at the start of every run."""
    text = tmp_path / "2024-05-01-report.txt"
    text.write_text("Russian drones struck Kharkiv overnight, damaging a school.", encoding="utf-8")
    code = ("import sys; from geomap.pipeline import extract_events; "
            "result = extract_events([sys.argv[1]]); "
            "print(len(result.events), sorted(m for m in sys.modules if m.startswith(('geomap.acled', "
            "'geomap.merge.spill.', 'concurrent.futures.process'))))")
    out = subprocess.run([sys.executable, "-c", code, str(text)], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "1 []"


def test_the_cycle_collector_is_paused_while_a_run_reads_and_on_again_after(tmp_path, monkeypatch):
    import gc

    from geomap import pipeline

    text = tmp_path / "2024-05-01-report.txt"
    text.write_text("Russian drones struck Kharkiv overnight, damaging a school.", encoding="utf-8")
    seen: list[bool] = []
    add = pipeline.Collector.add

    def spying_add(self, *args, **kwargs):
        seen.append(gc.isenabled())
        return add(self, *args, **kwargs)

    monkeypatch.setattr(pipeline.Collector, "add", spying_add)
    assert gc.isenabled()
    result = pipeline.extract_events([str(text)])
    assert result.events and seen == [False]
    assert gc.isenabled()


def test_numpy_is_loaded_only_when_a_front_distance_is_worked_out(tmp_path):
    """geomap.gazetteer.front imports numpy where it works out a distance: a run whose places need
    none does not pay its import (some 240 M instructions of start-up, docs/scale.md); a distance
    worked out loads it and gives the same figure as the one point alone."""
    text = tmp_path / "2024-05-01-report.txt"
    text.write_text("Russian drones struck Kharkiv overnight, damaging a school.", encoding="utf-8")
    code = ("import sys; from geomap.pipeline import extract_events; "
            "result = extract_events([sys.argv[1]]); before = 'numpy' in sys.modules; "
            "import datetime as dt; from geomap.gazetteer import front; "
            "d = dt.date(2024, 5, 1); km = front.fronts_km([(49.99, 36.23, d)]); "
            "print(len(result.events), before, km == [front.front_km(49.99, 36.23, d)])")
    # (Twice: building the gazetteer's cache, which a first run of the session may do, imports numpy.)
    for _ in range(2):
        out = subprocess.run([sys.executable, "-c", code, str(text)], capture_output=True, text=True,
                             check=True)
    assert out.stdout.strip().splitlines()[-1] == "1 False True"
