"""The GeoPackage in real headless QGIS (Debian's qgis + python3-qgis), and GDAL's own validator.

QGIS's Python bindings live in the system Python (``/usr/bin/python3``), which
the project's venv does not see, so each check runs ``tests/qgis_check.py``
there as a subprocess and reads its JSON report. These tests are skipped only
when QGIS is not installed; ``scripts/install-and-test.sh`` installs it, so
they run in CI.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from geomap.export import write_gpkg
from geomap.model import Event

ROOT = Path(__file__).resolve().parents[1]
SYSTEM_PYTHON = os.environ.get("GEOMAP_QGIS_PYTHON", "/usr/bin/python3")
CHECK = ROOT / "tests" / "qgis_check.py"
VALIDATE_GPKG = Path("/usr/lib/python3/dist-packages/osgeo_utils/samples/validate_gpkg.py")


def _has_qgis() -> bool:
    if not Path(SYSTEM_PYTHON).exists():
        return False
    probe = subprocess.run([SYSTEM_PYTHON, "-c", "import qgis.core"], capture_output=True,
                           env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}, timeout=120)
    return probe.returncode == 0


needs_qgis = pytest.mark.skipif(
    not _has_qgis(),
    reason=f"QGIS is not installed ({SYSTEM_PYTHON} cannot import qgis.core): "
           "apt-get install qgis python3-qgis")


def _qgis_report(gpkg: Path, outdir: Path, pairs: list[dict] | None = None) -> dict:
    args = [SYSTEM_PYTHON, str(CHECK), str(gpkg), str(outdir)]
    if pairs is not None:
        spec = outdir / "pairs.json"
        spec.write_text(json.dumps(pairs), encoding="utf-8")
        args.append(str(spec))
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_RUNTIME_DIR": str(outdir)}
    env.pop("PYTHONPATH", None)
    proc = subprocess.run(args, capture_output=True, text=True, env=env, timeout=300, cwd=outdir)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def run_gpkg(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The GeoPackage of ``geomap run examples/``."""
    out = tmp_path_factory.mktemp("run")
    proc = subprocess.run([sys.executable, "-m", "geomap.cli", "run", str(ROOT / "examples"), "-o", str(out)],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    return out / "strikes.gpkg"


@needs_qgis
def test_every_layer_of_a_run_opens_styled_in_qgis(run_gpkg: Path, tmp_path: Path) -> None:
    report = _qgis_report(run_gpkg, tmp_path)
    assert report["qgis"].startswith("3.")
    layers = report["layers"]
    assert {"strikes", "mentions", "facilities", "regions"} <= set(layers)
    expected = {"strikes": "RuleRenderer", "acled": "RuleRenderer", "mentions": "singleSymbol",
                "facilities": "categorizedSymbol", "regions": "graduatedSymbol"}
    for name, layer in layers.items():
        assert layer["valid"], name
        assert layer["renderer"] == expected[name], (name, layer["renderer"])  # the stored style, applied
        assert layer["parser_errors"] == [], (name, layer["parser_errors"])
        assert not [m for m in layer["messages"] if "rror" in m], (name, layer["messages"])
        assert layer["drawn"] > 0.001, f"{name}: the PNG is (nearly) empty"
        assert Path(layer["png"]).stat().st_size > 500
    strikes = layers["strikes"]
    assert strikes["expressions"] > 0
    # status is in the legend, and the legend holds no combination the layer lacks
    legend = strikes["legend"]
    assert any(label.endswith("· hit") for label in legend)
    assert any("intercepted" in label for label in legend)
    leaves = [label for label in legend if "·" in label]
    assert len(leaves) <= strikes["features"]
    # regions: a real extent, not the whole globe (Chukotka across the antimeridian)
    west, south, east, north = layers["regions"]["extent"]
    assert east - west < 180, layers["regions"]["extent"]


def _pair_events() -> list[Event]:
    """A hit and an intercepted drone strike on the same refinery, and a claimed one, at one point."""
    base = {"place": "Tuapse", "place_name": "Tuapse", "place_id": "facility:tuapse-refinery",
            "lat": 44.1, "lon": 39.07, "admin1": "Krasnodar Krai", "country": "RU",
            "geo_precision": "facility", "strike_type": "drone", "target_type": "refinery",
            "attacker": "ukraine", "event_date": "2024-05-17", "date_precision": "day",
            "doc_ids": ["d1"], "sources": ["https://example.org/a"], "evidence": ["A sentence."],
            "confidence": 0.8}
    return [Event(**base, status=status, event_id=f"ev-{status}")
            for status in ("hit", "intercepted", "claimed")]


@needs_qgis
def test_hit_intercepted_and_claimed_draw_differently(tmp_path: Path) -> None:
    gpkg = write_gpkg(_pair_events(), tmp_path / "pair.gpkg")
    report = _qgis_report(gpkg, tmp_path, [{"layer": "strikes", "lon": 39.07, "lat": 44.1,
                                            "event_ids": ["ev-hit", "ev-intercepted", "ev-claimed"]}])
    assert report["layers"]["strikes"]["parser_errors"] == []
    legend = report["layers"]["strikes"]["legend"]
    assert legend == ["drone", "oil · hit", "oil · intercepted / shot down", "oil · claimed (unconfirmed)"]
    pictures = report["pairs"][0]
    assert all(p["drawn"] > 0.001 for p in pictures), pictures
    images = [Path(p["png"]).read_bytes() for p in pictures]
    assert len(set(images)) == 3, "hit, intercepted and claimed strikes render the same"
    # the hollow intercepted symbol covers fewer non-white pixels than the solid hit
    hit, intercepted = pictures[0]["drawn"], pictures[1]["drawn"]
    assert hit != intercepted


@needs_qgis
def test_empty_strikes_layer_style_parses(tmp_path: Path) -> None:
    """With no text events the strikes style draws status by data-defined CASE expressions: they parse."""
    acled = [Event(**{**e.__dict__, "origin": "acled"}) for e in _pair_events()]
    gpkg = write_gpkg(acled, tmp_path / "acled-only.gpkg")
    report = _qgis_report(gpkg, tmp_path)
    strikes, acled_layer = report["layers"]["strikes"], report["layers"]["acled"]
    assert strikes["valid"] and strikes["features"] == 0
    assert strikes["expressions"] > 7 * 7  # rule filters plus the data-defined status expressions
    assert strikes["parser_errors"] == []
    assert acled_layer["parser_errors"] == [] and acled_layer["drawn"] > 0.001


@pytest.mark.skipif(not VALIDATE_GPKG.exists() or shutil.which("ogrinfo") is None,
                    reason="GDAL's validate_gpkg.py / ogrinfo missing: apt-get install gdal-bin python3-gdal")
def test_gdal_validates_and_reads_without_warnings(run_gpkg: Path) -> None:
    proc = subprocess.run([SYSTEM_PYTHON, str(VALIDATE_GPKG), str(run_gpkg)], capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.strip() == "" and proc.stderr.strip() == "", proc.stdout + proc.stderr
    info = subprocess.run(["ogrinfo", "-ro", "-al", "-so", str(run_gpkg)], capture_output=True, text=True,
                          timeout=300)
    assert info.returncode == 0
    assert "Warning" not in info.stderr and "ERROR" not in info.stderr, info.stderr


@pytest.mark.skipif(shutil.which("ogrinfo") is None, reason="ogrinfo missing: apt-get install gdal-bin")
@pytest.mark.parametrize("ext", [".gpkg", ".shp", ".kml", ".kmz", ".fgb", ".csv", ".geojson"])
def test_debian_gdal_opens_every_format_without_warnings(run_gpkg: Path, tmp_path: Path, ext: str) -> None:
    """The system GDAL (3.6 on Debian 12), not the one inside pyogrio's wheel, reads each format cleanly."""
    from geomap.export import read_events, write_layers

    events = read_events(run_gpkg.with_suffix(".geojson"))
    path = write_layers(events, tmp_path / f"strikes{ext}")
    info = subprocess.run(["ogrinfo", "-ro", "-al", "-so", str(path)], capture_output=True, text=True,
                          timeout=300)
    assert info.returncode == 0, info.stderr
    assert "Warning" not in info.stderr and "ERROR" not in info.stderr, info.stderr
    assert f"Feature Count: {len(events)}" in info.stdout
    if ext in (".gpkg", ".csv", ".shp", ".fgb"):
        assert "WGS 84" in info.stdout or "WGS_1984" in info.stdout
