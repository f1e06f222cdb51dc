"""The issue's closing check, end to end in a real browser: a folder of good and bad inputs.

`geomap run` on it exits 1 naming each bad input, writes every good strike, and the map it
writes opens with no network and runs none of the markup the articles carry.
"""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]


def test_map_of_a_folder_with_bad_inputs_runs_no_article_markup(browser_page, tmp_path):
    folder = tmp_path / "mixed"
    shutil.copytree(ROOT / "tests" / "data" / "bad_inputs", folder)
    shutil.copy(ROOT / "examples" / "2025-03-21_saratov_refinery_fire.txt", folder / "saratov.txt")
    command = [sys.executable, "-m", "geomap.cli", "run", str(folder), "-o", str(tmp_path / "out")]
    proc = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    page = browser_page.page
    browser_page.open_file(tmp_path / "out" / "strikes.html")
    page.wait_for_function("window.geomapApp !== undefined", timeout=30_000)
    shown = page.evaluate("geomapApp.drawnIndices().length")
    assert shown >= 2  # the Saratov refinery and the Novozybkov depot, at least
    # Open the popup of the event read from the article that carries markup.
    index = page.evaluate(
        """() => { const E = window.geomapApp.events;
                   for (let i = 0; i < E.lat.length; i++) {
                     if (Math.abs(E.lat[i] - 52.54) < 0.2 && Math.abs(E.lon[i] - 31.94) < 0.2) return i; }
                   return -1; }""")
    assert index >= 0
    from test_map_browser import _click_event

    _click_event(page, index)
    popup = page.locator(".leaflet-popup-content")
    assert "onerror" in popup.inner_text()  # the article's markup is shown as text
    assert popup.locator("img, script").count() == 0
    page.wait_for_timeout(300)
    assert page.evaluate("window.__pwned") is None
    browser_page.assert_clean()
