"""One geomap event as one ACLED row (:func:`acled_row`), with its ``source`` (:func:`outlets`)."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from geomap.casualties import fatalities as stated_fatalities
from geomap.model import Event

from .places import ACLED_REGIONS, _iso_numeric, acled_admin1, country_name
from .schema import (
    _CIVILIAN_TARGETS,
    _DISRUPTED,
    _EXPLOSIONS,
    _MILITARY_TARGETS,
    _POLITICAL_VIOLENCE,
    _STRATEGIC,
    ACTORS,
    GEO_PRECISION_CODES,
    INTER_CIVILIANS,
    INTER_MILITIA,
    INTER_STATE,
    NOTES_SEPARATOR,
    SUB_EVENT_TYPES,
    TIME_PRECISION_CODES,
)


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
