"""One ACLED row as a geomap event: its date, precision codes, attacker, strike type and target, and
what geomap's own exports keep in ``tags``.
"""

from __future__ import annotations

import hashlib
import math
import re
from datetime import datetime

from geomap.csvcell import unquote_cell
from geomap.model import STATUSES, STRIKE_TYPES, TARGET_TYPES, Event

from .notes import _target_in, _weapons_in
from .places import country_code
from .schema import (
    _ANY_WEAPON,
    _DISRUPTED,
    _EXPLOSIONS,
    _GEO_PRECISION_BACK,
    _SUB_EVENT_WEAPONS,
    _TIME_PRECISION_BACK,
    ACLED_CONFIDENCE,
    NOTES_SEPARATOR,
)

_TAG_STATUS = re.compile(r"\bgeomap status=(\w+)")
_TAG_TARGET = re.compile(r"\btarget=(\w+)")
_TAG_TYPE = re.compile(r"\btype=(\w+)")
_DATE_FORMATS: tuple[str, ...] = ("%Y-%m-%d", "%d %B %Y", "%d %b %Y", "%d-%B-%Y", "%d-%b-%Y")
_RUSSIA = re.compile(r"\b(?:forces of russia|russian)\b", re.IGNORECASE)
_UKRAINE = re.compile(r"\b(?:forces of ukraine|ukrainian)\b", re.IGNORECASE)


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
