"""``geomap --version`` prints the installed package's version and exits 0."""

from __future__ import annotations

import subprocess
import sys
from importlib.metadata import version

import geomap


def test_version_flag():
    out = subprocess.run([sys.executable, "-m", "geomap.cli", "--version"], capture_output=True,
                         text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == f"geomap {geomap.__version__}"
    assert geomap.__version__ == version("geomap")
