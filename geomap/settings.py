"""Settings in one place: where the gazetteer data lives, and output defaults."""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def gazetteer_dir() -> Path:
    """Return the folder holding the gazetteer's data files.

    ``GEOMAP_GAZETTEER_DIR`` wins; then the copy installed inside the package
    (``geomap/_gazetteer``, put there by the wheel build); then the source
    tree's ``gazetteer/`` beside the package.
    """
    env = os.environ.get("GEOMAP_GAZETTEER_DIR")
    if env:
        return Path(env)
    installed = _PACKAGE_DIR / "_gazetteer"
    if installed.is_dir():
        return installed
    return _PACKAGE_DIR.parent / "gazetteer"


#: Countries where strikes of this war are expected (ISO 3166-1 alpha-2).
THEATRE_COUNTRIES: frozenset[str] = frozenset({"RU", "UA", "BY"})

DEFAULT_OUTDIR = Path("outputs")
DEFAULT_NAME = "strikes"
