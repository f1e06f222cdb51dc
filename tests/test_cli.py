"""The command line end to end, as a user meets it: real files in, real files out."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pyogrio
import pytest

from geomap.cli import main

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
BAD = ROOT / "tests" / "data" / "bad_inputs"


def run_cli(*args: str) -> subprocess.CompletedProcess:
    """The installed entry point in a separate process, so exit codes and stderr are real."""
    return subprocess.run([sys.executable, "-m", "geomap.cli", *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=300)


@pytest.fixture(scope="module")
def examples_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("run")
    proc = run_cli("run", str(EXAMPLES), "-o", str(out))
    return proc, out


def test_run_on_examples_writes_every_output(examples_run):
    proc, out = examples_run
    assert proc.returncode == 0, proc.stderr
    for ext in ("geojson", "gpkg", "html", "csv"):
        assert (out / f"strikes.{ext}").stat().st_size > 0
    assert "Traceback" not in proc.stderr


def test_geojson_is_rfc7946_with_the_contract_properties(examples_run):
    _, out = examples_run
    data = json.loads((out / "strikes.geojson").read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection" and "crs" not in data
    assert len(data["features"]) >= 10
    for feature in data["features"]:
        lon, lat = feature["geometry"]["coordinates"]
        assert 20 < lon < 60 and 40 < lat < 70  # lon/lat order, inside the theatre
        props = feature["properties"]
        for key in ("event_id", "place", "place_name", "place_id", "admin1", "country", "geo_precision",
                    "strike_type", "target_type", "status", "attacker", "event_date", "date_precision",
                    "source", "doc_ids", "evidence", "confidence"):
            assert key in props
        assert isinstance(props["doc_ids"], list) and isinstance(props["evidence"], list)


def test_second_report_in_the_corpus_merges_with_the_article(examples_run):
    _, out = examples_run
    data = json.loads((out / "strikes.geojson").read_text(encoding="utf-8"))
    multi = [f for f in data["features"] if len(f["properties"]["doc_ids"]) > 1]
    assert multi, "the corpus repeats a strike told in a .txt example; it must be one event"


def test_same_inputs_give_the_same_ids(examples_run, tmp_path):
    _, out = examples_run
    proc = run_cli("extract", str(EXAMPLES), "-o", str(tmp_path / "again.geojson"))
    assert proc.returncode == 0, proc.stderr
    first = [f["id"] for f in json.loads((out / "strikes.geojson").read_text())["features"]]
    second = [f["id"] for f in json.loads((tmp_path / "again.geojson").read_text())["features"]]
    assert first == second


def test_gpkg_has_strikes_and_mentions_layers(examples_run):
    _, out = examples_run
    layers = {name for name, _ in pyogrio.list_layers(out / "strikes.gpkg")}
    assert {"strikes", "mentions"} <= layers


@pytest.mark.parametrize("ext", [".gpkg", ".shp", ".kml", ".fgb", ".csv", ".geojson"])
def test_export_writes_every_format_gdal_reads_back(examples_run, tmp_path, ext):
    _, out = examples_run
    n = len(json.loads((out / "strikes.geojson").read_text())["features"])
    target = tmp_path / f"layer{ext}"
    proc = run_cli("export", str(out / "strikes.geojson"), "-o", str(target))
    assert proc.returncode == 0, proc.stderr
    layer = "strikes" if ext == ".gpkg" else None
    assert len(pyogrio.read_dataframe(target, layer=layer)) == n


def test_map_command_writes_html(examples_run, tmp_path):
    _, out = examples_run
    target = tmp_path / "m.html"
    proc = run_cli("map", str(out / "strikes.geojson"), "-o", str(target), "--title", "Test map")
    assert proc.returncode == 0, proc.stderr
    assert "Test map" in target.read_text(encoding="utf-8")


def test_bad_inputs_are_named_once_each_and_good_strikes_still_written(tmp_path):
    folder = tmp_path / "mixed"
    shutil.copytree(BAD, folder)
    shutil.copy(EXAMPLES / "2025-03-21_saratov_refinery_fire.txt", folder / "good_example.txt")
    proc = run_cli("run", str(folder), "-o", str(tmp_path / "out"))
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    lines = [line for line in proc.stderr.splitlines() if "cannot read" in line]
    for name in ("empty.txt", "binary.txt", "broken.jsonl"):
        assert any(name in line for line in lines), (name, proc.stderr)
    # A stray byte is not a reason to lose the file: read, with one warning naming the offset.
    stray = [line for line in proc.stderr.splitlines() if "bad_utf8.txt" in line]
    assert len(stray) == 1 and "warning" in stray[0] and "offset 27" in stray[0], proc.stderr
    assert sum("empty.txt" in line for line in lines) == 1
    assert all(":" in line.split("cannot read ", 1)[1] for line in lines)  # names input, then reason
    data = json.loads((tmp_path / "out" / "strikes.geojson").read_text(encoding="utf-8"))
    places = {f["properties"]["place_name"] for f in data["features"]}
    assert any("Saratov" in p for p in places)
    assert any("onerror" in s for f in data["features"] for s in f["properties"]["evidence"])


def test_usage_errors_exit_2_without_traceback():
    proc = run_cli("run")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    proc = run_cli("run", "examples", "--date", "21/03/2025")
    assert proc.returncode == 2 and "YYYY-MM-DD" in proc.stderr


def test_unreadable_events_file_is_one_line(tmp_path):
    bad = tmp_path / "not.geojson"
    bad.write_text("{ nope", encoding="utf-8")
    proc = run_cli("map", str(bad), "-o", str(tmp_path / "x.html"))
    assert proc.returncode == 1
    assert len(proc.stderr.strip().splitlines()) == 1 and "not.geojson" in proc.stderr


def test_unsupported_export_format(examples_run, tmp_path):
    _, out = examples_run
    proc = run_cli("export", str(out / "strikes.geojson"), "-o", str(tmp_path / "x.xyz"))
    assert proc.returncode == 1 and ".xyz" in proc.stderr and "Traceback" not in proc.stderr


def test_geocode_json(capsys):
    assert main(["geocode", "Pokrovsk", "--json"]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert answer["country"] == "UA" and answer["id"].startswith("geonames:")
    assert answer["rejected"], "the alternatives it passed over are listed"


def test_stdin_input(tmp_path):
    text = "Russian drones hit a warehouse in Lviv overnight, the mayor said."
    args = ["extract", "-", "-o", str(tmp_path / "s.geojson"), "--date", "2025-04-01"]
    proc = subprocess.run([sys.executable, "-m", "geomap.cli", *args], input=text, capture_output=True,
                          text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 0, proc.stderr
    feature = json.loads((tmp_path / "s.geojson").read_text())["features"][0]
    assert feature["properties"]["place"] == "Lviv"
    assert feature["properties"]["event_date"] == "2025-03-31"


def test_a_run_where_nothing_could_be_dated_says_so_once(tmp_path, capsys):
    article = tmp_path / "a.txt"
    article.write_text("Russian drones hit Odesa overnight, the governor said.\n", encoding="utf-8")
    assert main(["extract", str(article), "-o", str(tmp_path / "e.geojson")]) == 0
    err = capsys.readouterr().err
    assert err.count("--date") == 1 and "no event could be dated" in err
    assert main(["extract", str(article), "-o", str(tmp_path / "e.geojson"), "--date", "2025-03-05"]) == 0
    assert "no event could be dated" not in capsys.readouterr().err
