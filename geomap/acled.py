"""ACLED CSV both ways: strike events out as an ACLED-compatible CSV, ACLED exports in as events.

ACLED (the Armed Conflict Location & Event Data project) publishes political
violence events as CSV, one row an event, with the columns ``event_id_cnty``,
``event_date``, ``time_precision``, ``disorder_type``, ``event_type``,
``sub_event_type``, ``actor1``, ``country``, ``admin1``, ``location``,
``latitude``, ``longitude``, ``geo_precision``, ``source``, ``notes``,
``fatalities`` and more. This module

- writes geomap's events in that layout (:func:`write_acled_csv`), so they can
  sit beside ACLED data in the same analysis, and
- reads an ACLED export back into :class:`~geomap.model.Event` records with
  ``origin="acled"`` (:func:`read_acled`), so ``geomap run`` can map them
  beside the strikes it read in the news.

The mapping both ways is documented in ``docs/schema.md`` ("ACLED CSV") and
held in the tables below. ACLED's own vocabulary has no target type and no
weapon finer than its sub-event types, so the reader takes the weapon and the
target from keywords in ``notes`` (the cue words of :mod:`geomap.lexicon`).
"""

from __future__ import annotations

import csv
import hashlib
import math
import os
import re
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from geomap import settings
from geomap.atomic import atomic_path
from geomap.casualties import fatalities as stated_fatalities
from geomap.csvcell import safe_cell, unquote_cell
from geomap.lang import cues as cyrillic_cues
from geomap.lang import has_cyrillic
from geomap.lexicon import TARGETS, WEAPONS
from geomap.model import STATUSES, STRIKE_TYPES, TARGET_TYPES, Event, ReadProblem

__all__ = [
    "ACLED_COLUMNS", "REQUIRED_COLUMNS", "ACTORS", "SUB_EVENT_TYPES", "GEO_PRECISION_CODES",
    "TIME_PRECISION_CODES", "ACLED_CONFIDENCE", "NOTES_SEPARATOR",
    "acled_row", "write_acled_csv", "is_acled_csv", "read_acled", "acled_admin1", "outlets",
]

#: Columns :func:`write_acled_csv` writes: all 31 of ACLED's export, in ACLED's order.
ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
)

#: ACLED's numeric actor types (``inter1``, ``inter2``): state forces, political militias, civilians.
INTER_STATE, INTER_MILITIA, INTER_CIVILIANS = 1, 3, 7

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

#: Target types whose strikes ACLED codes as violence against civilians (``actor2`` civilians).
_CIVILIAN_TARGETS = frozenset({"residential", "civilian_other"})
#: Target types that are the other side's armed forces (``actor2`` its military).
_MILITARY_TARGETS = frozenset({"military", "airfield"})

#: Header names that mark a CSV as an ACLED export (all must be present, any order, any case).
REQUIRED_COLUMNS: frozenset[str] = frozenset(
    {"event_date", "event_type", "sub_event_type", "latitude", "longitude"}
)

#: ``attacker`` -> ACLED ``actor1``.
ACTORS: dict[str, str] = {
    "russia": "Military Forces of Russia (2000-)",
    "ukraine": "Military Forces of Ukraine (2019-)",
}

_EXPLOSIONS = "Explosions/Remote violence"
_STRATEGIC = "Strategic developments"
_POLITICAL_VIOLENCE = "Political violence"
_AIR_DRONE = "Air/drone strike"
_SHELLING = "Shelling/artillery/missile attack"
_IED = "Remote explosive/landmine/IED"
_DISRUPTED = "Disrupted weapons use"

#: ``strike_type`` -> ACLED ``sub_event_type`` (event type "Explosions/Remote violence").
SUB_EVENT_TYPES: dict[str, str] = {
    "drone": _AIR_DRONE,
    "airstrike": _AIR_DRONE,
    "glide_bomb": _AIR_DRONE,
    "missile": _SHELLING,
    "artillery": _SHELLING,
    "sabotage": _IED,
    "unknown": _AIR_DRONE,
}

#: ``geo_precision`` -> ACLED ``geo_precision`` (1 exact place, 2 near it / district, 3 region).
GEO_PRECISION_CODES: dict[str, int] = {
    "facility": 1, "town": 1, "district": 2, "region": 3, "country": 3,
}
_GEO_PRECISION_BACK: dict[int, str] = {1: "town", 2: "district", 3: "region"}

#: ``date_precision`` -> ACLED ``time_precision`` (1 day, 2 week, 3 month or vaguer).
TIME_PRECISION_CODES: dict[str, int] = {"day": 1, "week": 2, "month": 3, "unknown": 3}
_TIME_PRECISION_BACK: dict[int, str] = {1: "day", 2: "week", 3: "month"}

#: Confidence given to an event read from ACLED (a curated data set, not a reading of raw text).
ACLED_CONFIDENCE = 0.8

#: ``evidence`` sentences are joined into ``notes`` with this, and split on it when read.
NOTES_SEPARATOR = " | "

#: Which weapons each ACLED sub-event type can stand for, in the order notes keywords are tried,
#: and what it means when the notes name none of them.
_SUB_EVENT_WEAPONS: dict[str, tuple[tuple[str, ...], str]] = {
    _AIR_DRONE: (("glide_bomb", "drone", "missile", "airstrike"), "unknown"),
    _SHELLING: (("missile", "artillery"), "artillery"),
    _IED: (("sabotage",), "sabotage"),
    "Grenade": (("drone",), "unknown"),
    _DISRUPTED: (("glide_bomb", "drone", "missile", "airstrike", "artillery"), "unknown"),
}
_ANY_WEAPON: tuple[str, ...] = ("glide_bomb", "drone", "missile", "airstrike", "artillery", "sabotage")

_TAG_STATUS = re.compile(r"\bgeomap status=(\w+)")
_TAG_TARGET = re.compile(r"\btarget=(\w+)")
_TAG_TYPE = re.compile(r"\btype=(\w+)")
_DATE_FORMATS: tuple[str, ...] = ("%Y-%m-%d", "%d %B %Y", "%d %b %Y", "%d-%B-%Y", "%d-%b-%Y")
_RUSSIA = re.compile(r"\b(?:forces of russia|russian)\b", re.IGNORECASE)
_UKRAINE = re.compile(r"\b(?:forces of ukraine|ukrainian)\b", re.IGNORECASE)


# --------------------------------------------------------------------------- shared helpers


def _phrase_pattern(table: dict[str, tuple[str, ...]]) -> tuple[re.Pattern[str], dict[str, str]]:
    """One regex for every phrase of a lexicon table (longest first, whole words) and phrase -> value."""
    value_of: dict[str, str] = {}
    for value, phrases in table.items():
        for phrase in phrases:
            value_of.setdefault(phrase.casefold(), value)
    alternatives = sorted(value_of, key=len, reverse=True)
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(p) for p in alternatives) + r")(?!\w)")
    return pattern, value_of


_WEAPON_RE, _WEAPON_OF = _phrase_pattern(WEAPONS)
_TARGET_RE, _TARGET_OF = _phrase_pattern(TARGETS)


_Pattern = tuple[re.Pattern[str], dict[str, str]]


@lru_cache(maxsize=1)
def _cyrillic_patterns() -> tuple[_Pattern, _Pattern]:
    """The weapon and target patterns with the Russian and Ukrainian words, every form; built for the
    first notes written in Cyrillic (thousands of forms: English notes never wait for them)."""
    def both(table: dict[str, tuple[str, ...]], name: str) -> dict[str, tuple[str, ...]]:
        cyrillic = cyrillic_cues.table(name)
        return {value: (*table.get(value, ()), *cyrillic.get(value, ())) for value in {*table, *cyrillic}}

    return _phrase_pattern(both(WEAPONS, "weapon")), _phrase_pattern(both(TARGETS, "target"))
_EXTRA_WEAPONS: dict[str, tuple[str, ...]] = {
    # words ACLED notes use that the news lexicon does not carry
    "artillery": ("shelled", "howitzer", "howitzers", "rocket artillery", "uragan", "smerch", "tornado-s"),
    "missile": ("kh-59", "kh-31", "kh-555", "tochka-u", "p-800 oniks", "oniks"),
    "airstrike": ("aircraft", "aviation", "helicopter", "helicopters", "fighter jet", "fighter jets"),
    "sabotage": ("ied", "improvised explosive device", "landmine", "mine"),
}
_EXTRA_RE, _EXTRA_OF = _phrase_pattern(_EXTRA_WEAPONS)


def _weapons_in(text: str) -> list[str]:
    """The strike types named in ``text`` (lexicon weapon words), in order of first appearance."""
    folded = text.casefold()
    found: list[tuple[int, str]] = []
    weapons = _cyrillic_patterns()[0] if has_cyrillic(text) else (_WEAPON_RE, _WEAPON_OF)
    for pattern, value_of in (weapons, (_EXTRA_RE, _EXTRA_OF)):
        found.extend((m.start(), value_of[m.group(0)]) for m in pattern.finditer(folded))
    seen: list[str] = []
    for _, value in sorted(found):
        if value not in seen:
            seen.append(value)
    return seen


def _target_in(text: str) -> str:
    """The first target type named in ``text`` (lexicon target words, longest match), else ``unknown``."""
    pattern, value_of = _cyrillic_patterns()[1] if has_cyrillic(text) else (_TARGET_RE, _TARGET_OF)
    match = pattern.search(text.casefold())
    return value_of[match.group(0)] if match else "unknown"


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


# --------------------------------------------------------------------------- writing


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


def outlets(event: Event) -> str:
    """ACLED's ``source``: the outlets the event was read in (host names of its URLs, ``; ``-joined).

    A report read from a local file without a URL is named by its document id
    (the JSONL ``id`` or the file name), never by a local path.
    """
    names: list[str] = []
    for source in event.sources or [event.source]:
        text = str(source or "").strip()
        if re.match(r"https?://", text, re.IGNORECASE):
            host = (urlsplit(text).hostname or "").removeprefix("www.")
            if host and host not in names:
                names.append(host)
    if names:
        return "; ".join(names)
    ids = [Path(str(d)).name for d in event.doc_ids if str(d).strip()]
    if ids:
        return "; ".join(dict.fromkeys(ids))
    return Path(str(event.source)).name if event.source else ""


def _iso_numeric(iso2: str) -> int | str:
    if iso2 in ISO_NUMERIC:
        return ISO_NUMERIC[iso2]
    try:
        import pycountry

        country = pycountry.countries.get(alpha_2=iso2)
    except (ImportError, KeyError, LookupError):
        return ""
    return int(country.numeric) if country else ""


def _actor2(event: Event, country: str) -> tuple[str, int | str, str]:
    """``actor2``, ``inter2`` and ``civilian_targeting`` from what was struck (ACLED's conventions)."""
    if event.target_type in _CIVILIAN_TARGETS:
        return f"Civilians ({country})" if country else "Civilians", INTER_CIVILIANS, "Civilian targeting"
    if event.target_type in _MILITARY_TARGETS:
        other = {"russia": "ukraine", "ukraine": "russia"}.get(event.attacker)
        if other:
            return ACTORS[other], INTER_STATE, ""
    return "", "", ""


_Row = dict[str, str | int | float]


def acled_row(event: Event, *, timestamp: int | None = None,
              admin_lookup: Callable[[str], tuple[str, str]] | None = None) -> _Row | None:
    """Return one event as an ACLED row (a dict over :data:`ACLED_COLUMNS`), or None without a date.

    ACLED has no row without a date, so an event whose ``event_date`` is
    unknown has no ACLED form. ``admin_lookup`` gives a place id's raion and
    hromada (``admin2``, ``admin3``) when known. See ``docs/schema.md`` for the mapping.
    """
    if not event.event_date:
        return None
    day = date.fromisoformat(event.event_date)
    if event.status == "intercepted":
        disorder, event_type, sub_event_type = _STRATEGIC, _STRATEGIC, _DISRUPTED
    else:
        disorder, event_type = _POLITICAL_VIOLENCE, _EXPLOSIONS
        sub_event_type = SUB_EVENT_TYPES.get(event.strike_type, SUB_EVENT_TYPES["unknown"])
    country = country_name(event.country)
    actor = ACTORS.get(event.attacker) or f"Unidentified Armed Group ({country or 'unknown'})"
    inter1 = INTER_STATE if event.attacker in ACTORS else INTER_MILITIA
    actor2, inter2, civilian = _actor2(event, country) if event.status != "intercepted" else ("", "", "")
    interaction = int(f"{min(inter1, inter2)}{max(inter1, inter2)}") if inter2 != "" else inter1 * 10
    admin2, admin3 = admin_lookup(event.place_id) if admin_lookup else ("", "")
    dead = stated_fatalities(event.evidence)
    tags = [f"geomap status={event.status}", f"type={event.strike_type}", f"target={event.target_type}",
            f"confidence={float(event.confidence):.2f}"]
    if dead is None:
        tags.append("fatalities=not reported")
    return {
        "event_id_cnty": event.event_id,
        "event_date": day.isoformat(),
        "year": day.year,
        "time_precision": TIME_PRECISION_CODES.get(event.date_precision, 3),
        "disorder_type": disorder,
        "event_type": event_type,
        "sub_event_type": sub_event_type,
        "actor1": actor,
        "assoc_actor_1": "",
        "inter1": inter1,
        "actor2": actor2,
        "assoc_actor_2": "",
        "inter2": inter2,
        "interaction": interaction,
        "civilian_targeting": civilian,
        "iso": _iso_numeric(event.country),
        "region": ACLED_REGIONS.get(event.country, ""),
        "country": country,
        "admin1": acled_admin1(event.admin1),
        "admin2": admin2,
        "admin3": admin3,
        "location": event.place_name or event.place,
        "latitude": round(float(event.lat), 6),
        "longitude": round(float(event.lon), 6),
        "geo_precision": GEO_PRECISION_CODES.get(event.geo_precision, 3),
        "source": outlets(event),
        "source_scale": "Other",
        "notes": NOTES_SEPARATOR.join(event.evidence),
        "fatalities": dead or 0,
        "tags": "; ".join(tags),
        "timestamp": int(time.time()) if timestamp is None else timestamp,
    }


def _gazetteer_admin(place_id: str) -> tuple[str, str]:
    """A place's raion and hromada from the gazetteer, when it is already loaded (never loads it)."""
    from geomap import gazetteer

    loaded = gazetteer._DEFAULT  # noqa: SLF001 -- only use a gazetteer someone already paid to load
    place = loaded.get(place_id) if loaded is not None and place_id else None
    return (place.admin2, place.admin3) if place is not None else ("", "")


def write_acled_csv(events: Sequence[Event], path: str | os.PathLike[str], *,
                    warn: Callable[[str], None] | None = None,
                    admin_lookup: Callable[[str], tuple[str, str]] | None = None) -> Path:
    """Write the events as an ACLED-compatible CSV (UTF-8, header row) and return ``path``.

    Columns are :data:`ACLED_COLUMNS`, ACLED's 31 in ACLED's order; dates are
    ISO ``YYYY-MM-DD`` as in current ACLED exports; ``fatalities`` is the
    number of dead the evidence states (0 when it states none; ``tags`` then
    says "fatalities=not reported"). Events without a date are left out (ACLED
    has no undated rows) and counted in one message to ``warn`` (e.g. the
    CLI's warning line). ``admin_lookup`` (place id -> raion, hromada) fills
    ``admin2``/``admin3``; by default the gazetteer is asked when it is already
    loaded. The file is written atomically. Text cells are made
    spreadsheet-safe (:func:`geomap.csvcell.safe_cell`).
    """
    target = Path(path)
    stamp = int(time.time())
    lookup = admin_lookup or _gazetteer_admin
    undated = 0
    with atomic_path(target) as tmp, tmp.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=list(ACLED_COLUMNS))
        writer.writeheader()
        for index, event in enumerate(events):
            try:
                row = acled_row(event, timestamp=stamp, admin_lookup=lookup)
            except (TypeError, ValueError) as exc:
                label = f"event {event.event_id!r}" if event.event_id else f"event #{index}"
                raise ValueError(f"{label}: cannot be written as an ACLED row "
                                 f"(event_date {event.event_date!r}, lat {event.lat!r}, "
                                 f"lon {event.lon!r}): {exc}") from None
            if row is None:
                undated += 1
                continue
            if not (math.isfinite(float(row["latitude"])) and math.isfinite(float(row["longitude"]))):
                raise ValueError(f"event {event.event_id!r}: coordinates are not finite")
            # Evidence, sources and ids come from outside: never let a spreadsheet run them.
            writer.writerow({key: safe_cell(value) for key, value in row.items()})
    if undated and warn is not None:
        warn(f"{target}: {undated} event{'s' if undated != 1 else ''} without a date left out "
             "(ACLED has no undated rows)")
    return target


# --------------------------------------------------------------------------- reading


def _header(path: str | os.PathLike[str]) -> list[str] | None:
    """The folded column names of a CSV's first line, or None if it cannot be read as UTF-8 text."""
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            first = handle.readline(1 << 20)
    except (OSError, UnicodeDecodeError):
        return None
    if not first.strip():
        return None
    row = next(csv.reader([first]), [])
    return [name.strip().casefold() for name in row]


def is_acled_csv(path: str | os.PathLike[str]) -> bool:
    """True if ``path`` is a CSV whose header has ACLED's columns (:data:`REQUIRED_COLUMNS`)."""
    header = _header(path)
    return header is not None and REQUIRED_COLUMNS <= set(header)


def _parse_date(value: str) -> str | None:
    """An ACLED ``event_date`` (``2024-03-15``, ``15 March 2024``, ``15-March-2024``) as ISO, else None."""
    text = value.strip()
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    return None


def _code(value: str | None) -> int | None:
    """A 1/2/3 precision code from a cell (``"1"``, ``"1.0"``), else None."""
    try:
        number = float((value or "").strip())
    except ValueError:
        return None
    return int(number) if number in (1.0, 2.0, 3.0) else None


def _attacker(actor1: str) -> str:
    """``russia``, ``ukraine`` or ``unknown`` from an ACLED actor name."""
    russia, ukraine = bool(_RUSSIA.search(actor1)), bool(_UKRAINE.search(actor1))
    if russia and not ukraine:
        return "russia"
    if ukraine and not russia:
        return "ukraine"
    return "unknown"


def _strike_type(sub_event_type: str, notes: str) -> str:
    """The strike type an ACLED sub-event type and the notes' weapon words stand for."""
    allowed, default = _SUB_EVENT_WEAPONS.get(sub_event_type, (_ANY_WEAPON, "unknown"))
    named = _weapons_in(notes)
    for weapon in allowed:  # the sub-event type's own order of preference
        if weapon in named:
            return weapon
    return default


def _event_id(basis: str) -> str:
    """A stable ``ev-`` id (12 hex) for an ACLED row."""
    return "ev-" + hashlib.sha1(f"acled|{basis}".encode()).hexdigest()[:12]


def _row_event(row: dict[str, str], path: str, name: str, line: int) -> Event | str | None:
    """Turn one ACLED row into an Event, a reason it cannot be read (str), or None (not a strike)."""
    # Our own exports quote text that a spreadsheet would run; read it back as it was.
    row = {key: unquote_cell(value) if isinstance(value, str) else value for key, value in row.items()}
    event_type = row.get("event_type", "").strip()
    sub_event_type = row.get("sub_event_type", "").strip()
    if event_type != _EXPLOSIONS and sub_event_type != _DISRUPTED:
        return None
    raw_date = row.get("event_date", "")
    event_date = _parse_date(raw_date)
    if event_date is None:
        return f"event_date {raw_date.strip()!r} is not a date (YYYY-MM-DD or '15 March 2024')"
    try:
        lat, lon = float(row.get("latitude", "")), float(row.get("longitude", ""))
    except ValueError:
        return f"latitude/longitude are not numbers: {row.get('latitude')!r}, {row.get('longitude')!r}"
    if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180):
        return f"coordinates out of range: latitude={lat!r}, longitude={lon!r}"
    notes = row.get("notes", "").strip()
    evidence = [part.strip() for part in notes.split(NOTES_SEPARATOR) if part.strip()]
    ident = row.get("event_id_cnty", "").strip()
    location = row.get("location", "").strip()
    place_id = f"acled:{ident}" if ident else f"acled:{name}:{line}"
    source = row.get("source", "").strip()
    time_code = _code(row.get("time_precision"))
    geo_code = _code(row.get("geo_precision"))
    status = "intercepted" if sub_event_type == _DISRUPTED else "hit"
    target_type = _target_in(notes)
    # geomap's own exports keep what ACLED has no column for in ``tags``: read it back.
    tags = row.get("tags", "")
    tagged = _TAG_STATUS.search(tags)
    if tagged and tagged.group(1) in STATUSES and tagged.group(1) != "intercepted" and status == "hit":
        status = tagged.group(1)  # claimed or unknown, which ACLED writes as a strike
    tagged = _TAG_TARGET.search(tags)
    if tagged and tagged.group(1) in TARGET_TYPES:
        target_type = tagged.group(1)
    strike_type = _strike_type(sub_event_type, notes)
    tagged = _TAG_TYPE.search(tags)
    if tagged and tagged.group(1) in STRIKE_TYPES:
        strike_type = tagged.group(1)
    return Event(
        place=location,
        place_name=location,
        place_id=place_id,
        lat=lat,
        lon=lon,
        admin1=row.get("admin1", "").strip(),
        country=country_code(row.get("country", "")),
        geo_precision=_GEO_PRECISION_BACK.get(geo_code or 1, "town"),
        strike_type=strike_type,
        target_type=target_type,
        status=status,
        attacker=_attacker(row.get("actor1", "")),
        event_date=event_date,
        date_precision=_TIME_PRECISION_BACK.get(time_code or 1, "day"),
        doc_ids=[ident or f"{name}:{line}"],
        sources=[source or path],
        evidence=evidence,
        confidence=ACLED_CONFIDENCE,
        event_id=_event_id(ident or f"{name}:{line}"),
        origin="acled",
    )


def read_acled(path: str | os.PathLike[str], *, name: str | None = None) -> Iterator[Event | ReadProblem]:
    """Stream an ACLED CSV export: one Event (``origin="acled"``) per strike row, ReadProblems for the rest.

    Rows of event type "Explosions/Remote violence" and of sub-event type
    "Disrupted weapons use" become events (see ``docs/schema.md`` for the
    mapping); other rows (battles, protests, ...) are not strikes and are
    counted in one warning at the end. A row with a bad date or coordinates
    is a ReadProblem naming its line; a file without ACLED's header is one
    ReadProblem. The file is read row by row, so memory stays flat. ``name``
    (default: the file name) stands in for ``event_id_cnty`` when a row has
    none (``<name>:<line>``).
    """
    given = os.fspath(path)
    name = name or Path(given).name
    if not is_acled_csv(given):
        yield ReadProblem(given, "CSV without ACLED's header (event_date, event_type, sub_event_type, "
                                 "latitude, longitude)")
        return
    skipped: Counter[str] = Counter()
    try:
        with open(given, encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle)
            header = [column.strip().casefold() for column in next(reader)]
            line = reader.line_num
            for cells in reader:
                start, line = line + 1, reader.line_num
                if not any(cell.strip() for cell in cells):
                    continue
                row = dict(zip(header, cells, strict=False))
                result = _row_event(row, given, name, start)
                if result is None:
                    skipped[row.get("event_type", "").strip() or "(no event type)"] += 1
                elif isinstance(result, str):
                    yield ReadProblem(given, result, start)
                else:
                    yield result
    except UnicodeDecodeError as exc:
        yield ReadProblem(given, f"not valid UTF-8 ({exc.reason})")
    except (OSError, csv.Error) as exc:
        yield ReadProblem(given, f"cannot read: {exc}")
    if skipped:
        detail = ", ".join(f"{kind}: {count}" for kind, count in sorted(skipped.items()))
        total = sum(skipped.values())
        yield ReadProblem(given, f"{total} row{'s' if total != 1 else ''} not strikes ({detail}); skipped",
                          warning=True)
