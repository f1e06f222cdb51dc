"""Compact, columnar encoding of events and mentions for embedding in the page.

A GeoJSON Feature per event repeats every key and every place, source and
date string for each of possibly 100,000 events. Here each field is a column
(a JSON array) and each text is written once, in a shared string table, and
referred to by its index; vocabulary fields are small integers into their
vocabulary list. The page decodes nothing up front: it reads the columns
directly when filtering and builds a popup's text only when it opens.

Layout of an events payload (``n`` events)::

    {"n": n, "strings": [...],
     "vocab": {"strike_type": [...], "group": [...], "target_type": [...],
               "status": [...], "attacker": [...], "date_precision": [...],
               "geo_precision": [...], "origin": [...]},
     "lat": [...], "lon": [...],                   # degrees, 5 decimals
     "strike_type": [...], "group": [...], ...     # index into vocab[field]
     "id": [...], "place": [...], "place_name": [...], "place_id": [...],
     "admin1": [...], "country": [...], "date": [...],   # index into strings (-1: none)
     "region": [...],                              # index into region_ids (-1: none)
     "region_ids": [...],                          # region_id of each region used
     "day": [...],                                 # index into strings: YYYY-MM-DD key (-1)
     "confidence": [...],                          # per mille (0..1000)
     "evidence": [[...], ...], "sources": [[...], ...]}   # lists of string indices
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from geomap.model import (
    ATTACKERS,
    DATE_PRECISIONS,
    GEO_PRECISIONS,
    STATUSES,
    STRIKE_TYPES,
    TARGET_GROUPS,
    TARGET_TYPES,
    Event,
    Mention,
    target_group,
)
from geomap.plugins.symbols import ORIGINS, ordered

if TYPE_CHECKING:
    from geomap.plugins.regions import RegionIndex

_DAY = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


class _Strings:
    """A string table: each distinct text gets one index."""

    def __init__(self) -> None:
        self.items: list[str] = []
        self._index: dict[str, int] = {}

    def add(self, text: object) -> int:
        """Return the index of ``text`` (None gives -1), adding it if new."""
        if text is None:
            return -1
        key = str(text)
        idx = self._index.get(key)
        if idx is None:
            idx = self._index[key] = len(self.items)
            self.items.append(key)
        return idx


def day_key(date: str | None) -> str | None:
    """Return the ``YYYY-MM-DD`` a date string sorts and filters by (first day of a month/year)."""
    if not date:
        return None
    m = _DAY.match(str(date).strip())
    if not m:
        return None
    year, month, day = m.group(1), m.group(2) or "01", m.group(3) or "01"
    return f"{year}-{month}-{day}"


def _finite(ev: Event | Mention) -> bool:
    try:
        lat, lon = float(ev.lat), float(ev.lon)
    except (TypeError, ValueError):
        return False
    return math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180


def _vocab(values: list[str], vocabulary: tuple[str, ...]) -> tuple[list[str], list[int]]:
    vocab = ordered(set(values), vocabulary)
    index = {v: i for i, v in enumerate(vocab)}
    return vocab, [index[v] for v in values]


def encode_events(events: Sequence[Event], regions: RegionIndex | None = None) -> dict[str, Any]:
    """Return the columnar payload of ``events`` (events without valid coordinates are left out).

    With ``regions``, each event's region (see :mod:`geomap.plugins.regions`) is
    given in ``region`` as an index into ``region_ids``, which lists only the
    regions that hold an event, in order of first appearance.
    """
    kept = [ev for ev in events if _finite(ev)]
    strings = _Strings()
    cols: dict[str, Any] = {"n": len(kept)}
    fields = {
        "strike_type": ([str(ev.strike_type or "unknown") for ev in kept], STRIKE_TYPES),
        "group": ([target_group(str(ev.target_type)) for ev in kept], tuple(TARGET_GROUPS)),
        "target_type": ([str(ev.target_type or "unknown") for ev in kept], TARGET_TYPES),
        "status": ([str(ev.status or "unknown") for ev in kept], STATUSES),
        "attacker": ([str(ev.attacker or "unknown") for ev in kept], ATTACKERS),
        "date_precision": ([str(ev.date_precision or "unknown") for ev in kept], DATE_PRECISIONS),
        "geo_precision": ([str(ev.geo_precision or "") for ev in kept], GEO_PRECISIONS),
        "origin": ([str(getattr(ev, "origin", "") or "text").lower() for ev in kept], ORIGINS),
    }
    vocab: dict[str, list[str]] = {}
    for name, (values, vocabulary) in fields.items():
        vocab[name], cols[name] = _vocab(values, vocabulary)
    cols["vocab"] = vocab
    cols["lat"] = [round(float(ev.lat), 5) for ev in kept]
    cols["lon"] = [round(float(ev.lon), 5) for ev in kept]
    cols["id"] = [strings.add(ev.event_id or "") for ev in kept]
    for name in ("place", "place_name", "place_id", "admin1", "country"):
        cols[name] = [strings.add(getattr(ev, name) or "") for ev in kept]
    cols["date"] = [strings.add(ev.event_date) if ev.event_date else -1 for ev in kept]
    cols["day"] = [strings.add(day_key(ev.event_date)) for ev in kept]
    cols["confidence"] = [_per_mille(ev.confidence) for ev in kept]
    cols["evidence"] = [[strings.add(s) for s in (ev.evidence or [])] for ev in kept]
    cols["sources"] = [[strings.add(s) for s in (ev.sources or [])] for ev in kept]
    used: dict[int, int] = {}
    region_col: list[int] = []
    for k in (regions.locate_all(kept) if regions is not None else [-1] * len(kept)):
        region_col.append(-1 if k < 0 else used.setdefault(k, len(used)))
    cols["region"] = region_col
    cols["region_ids"] = [regions.ids[k] for k in used] if regions is not None else []
    cols["strings"] = strings.items
    return cols


def region_features(events_data: dict[str, Any], regions: RegionIndex) -> dict[str, Any]:
    """Return the drawn regions of an events payload: feature ``k`` is ``region_ids[k]``."""
    index = {rid: k for k, rid in enumerate(regions.ids)}
    return {"type": "FeatureCollection",
            "features": [regions.feature(index[rid]) for rid in events_data.get("region_ids", [])]}


def encode_mentions(mentions: Sequence[Mention]) -> dict[str, Any]:
    """Return the columnar payload of ``mentions`` (same string-table scheme as events)."""
    kept = [m for m in mentions if _finite(m)]
    strings = _Strings()
    cols: dict[str, Any] = {"n": len(kept)}
    cols["lat"] = [round(float(m.lat), 5) for m in kept]
    cols["lon"] = [round(float(m.lon), 5) for m in kept]
    for name in ("place", "place_name", "country", "reason", "doc_id", "source", "sentence"):
        cols[name] = [strings.add(getattr(m, name) or "") for m in kept]
    cols["strings"] = strings.items
    return cols


def _per_mille(value: object) -> int:
    try:
        v = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return -1
    if not math.isfinite(v):
        return -1
    return max(0, min(1000, round(v * 1000)))


def script_json(data: Any) -> str:
    """Serialise ``data`` as compact JSON that is safe inside an inline ``<script>``.

    ``<``, ``>`` and ``&`` are written as ``\\u003c`` etc., so article text such as
    ``</script><script>...`` can never close the element or open a new one;
    U+2028/U+2029 are escaped for older JavaScript parsers.
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))
