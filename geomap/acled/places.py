"""Countries and regions as ACLED names them: country names and codes, ISO numeric codes, ACLED's
regions and its ``admin1`` spellings.
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache

from geomap import settings

#: ISO 3166-1 numeric codes of the theatre and its neighbours (ACLED's ``iso``); others via pycountry.
ISO_NUMERIC: dict[str, int] = {
    "UA": 804, "RU": 643, "BY": 112, "PL": 616, "LT": 440, "LV": 428, "EE": 233, "FI": 246, "NO": 578,
    "MD": 498, "RO": 642, "BG": 100, "SK": 703, "HU": 348, "GE": 268, "AZ": 31, "AM": 51, "TR": 792,
    "KZ": 398,
}

#: ACLED's region of a country (Russia, Ukraine and Belarus are in ACLED's "Europe").
ACLED_REGIONS: dict[str, str] = {
    **dict.fromkeys(("UA", "RU", "BY", "PL", "LT", "LV", "EE", "FI", "NO", "MD", "RO", "BG", "SK", "HU"),
                    "Europe"),
    **dict.fromkeys(("GE", "AZ", "AM", "KZ"), "Caucasus and Central Asia"),
    "TR": "Middle East",
}


@lru_cache(maxsize=1)
def _countries() -> tuple[dict[str, str], dict[str, str]]:
    """``(ISO alpha-2 -> name, folded name or alias -> ISO alpha-2)`` from the gazetteer's countries.tsv."""
    names: dict[str, str] = {}
    codes: dict[str, str] = {}
    path = settings.gazetteer_dir() / "countries.tsv"
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle, delimiter="\t"):
                iso, name = row["iso"].strip(), row["name"].strip()
                names[iso] = name
                for alias in [name, *(row.get("aliases") or "").split("|")]:
                    if alias.strip():
                        codes.setdefault(alias.strip().casefold(), iso)
    except OSError:
        pass
    names.update({"RU": "Russia", "UA": "Ukraine", "BY": "Belarus"})
    codes.update({"russia": "RU", "ukraine": "UA", "belarus": "BY"})
    return names, codes


def country_name(iso: str) -> str:
    """ACLED's country name for an ISO 3166-1 alpha-2 code (``UA`` -> ``Ukraine``); the code if unknown."""
    return _countries()[0].get(iso.upper(), iso) if iso else ""


def country_code(name: str) -> str:
    """The ISO 3166-1 alpha-2 code of an ACLED country name (``Ukraine`` -> ``UA``); empty if unknown."""
    return _countries()[1].get(name.strip().casefold(), "") if name else ""


_ADMIN1_WORDS = re.compile(r"\s+(?:Oblast|Krai|Kray|Region|Autonomous Okrug|Autonomous Oblast)$"
                           r"|^Republic of\s+|\s+Republic$")
#: geomap region names whose ACLED spelling is not the name without its kind.
_ACLED_ADMIN1: dict[str, str] = {
    "Kyiv": "Kyiv City", "Autonomous Republic of Crimea": "Crimea", "Sevastopol": "Sevastopol",
    "Moscow": "Moscow City", "Saint Petersburg": "Saint Petersburg City",
    "Moscow Oblast": "Moscow Oblast", "Leningrad Oblast": "Leningrad Oblast", "Minsk": "Minsk City",
    "Minsk Region": "Minsk",
}


def acled_admin1(name: str) -> str:
    """A region name as ACLED writes ``admin1``: "Saratov Oblast" -> "Saratov", "Kyiv" -> "Kyiv City"."""
    name = (name or "").strip()
    if name in _ACLED_ADMIN1:
        return _ACLED_ADMIN1[name]
    return _ADMIN1_WORDS.sub("", name).strip() or name


def _iso_numeric(iso2: str) -> int | str:
    if iso2 in ISO_NUMERIC:
        return ISO_NUMERIC[iso2]
    try:
        import pycountry

        country = pycountry.countries.get(alpha_2=iso2)
    except (ImportError, KeyError, LookupError):
        return ""
    return int(country.numeric) if country else ""
