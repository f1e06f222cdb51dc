"""Settings in one place: where the gazetteer data lives, and output defaults."""

from __future__ import annotations

import os
from datetime import date
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

#: The dates geomap accepts, as publication dates (``published``, ``--date``) and as dates read
#: in the text. Anything outside is a typo or a placeholder ("9999-12-31"), not news of this war,
#: and near Python's own date limits arithmetic on it (a day later, a month's end) would overflow:
#: a record carrying such a date loses the date (with a warning), and ``--date`` refuses it.
MIN_DATE = date(1900, 1, 1)
MAX_DATE = date(2100, 12, 31)


def date_in_range(day: date) -> bool:
    """Whether ``day`` lies within :data:`MIN_DATE` .. :data:`MAX_DATE`."""
    return MIN_DATE <= day <= MAX_DATE
