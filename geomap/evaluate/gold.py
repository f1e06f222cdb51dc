"""Gold annotations: the files an evaluation is scored against, read and checked."""

from __future__ import annotations

import datetime as dt
import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from ..model import ATTACKERS, GEO_PRECISIONS, STATUSES, STRIKE_TYPES, TARGET_TYPES

#: Allowed distance (km) between a prediction and a gold event, by the gold event's precision.
RADIUS_KM: dict[str, float] = {
    "facility": 25.0,
    "town": 25.0,
    "district": 50.0,
    "region": 200.0,
    "country": 500.0,
}
#: A false positive this close (km) to a gold mention counts as a mentioned place that was mapped.
MENTION_RADIUS_KM = 25.0
#: The attributes whose accuracy is measured on matched pairs (event_date is measured apart).
ATTRIBUTES: tuple[str, ...] = ("strike_type", "target_type", "status", "attacker")
#: The vocabulary each gold attribute must come from.
_VOCABULARIES: dict[str, tuple[str, ...]] = {
    "strike_type": STRIKE_TYPES,
    "target_type": TARGET_TYPES,
    "status": STATUSES,
    "attacker": ATTACKERS,
}
#: Text files looked for beside a gold JSON (or in the texts folder), in this order.
TEXT_SUFFIXES: tuple[str, ...] = (".txt", ".html", ".htm")
_EARTH_RADIUS_KM = 6371.0088


class GoldError(ValueError):
    """A gold file that cannot be used; the message says why (without the file name)."""


class _Located(Protocol):
    lat: float
    lon: float


@dataclass(frozen=True)
class GoldEvent:
    """One annotated strike. An attribute left out of the annotation is ``None`` (not scored)."""

    place: str
    lat: float
    lon: float
    precision: str
    strike_type: str | None = None
    target_type: str | None = None
    status: str | None = None
    attacker: str | None = None
    event_date: str | None = None

    @property
    def radius_km(self) -> float:
        """How far (km) a prediction may lie from this event and still match it."""
        return RADIUS_KM[self.precision]


@dataclass(frozen=True)
class GoldMention:
    """A place the article names that is not a strike (it should not be mapped)."""

    place: str
    lat: float
    lon: float


@dataclass
class Gold:
    """The annotation of one article, read from its gold JSON file."""

    path: Path
    published: str | None
    events: list[GoldEvent] = field(default_factory=list)
    mentions: list[GoldMention] = field(default_factory=list)
    notes: str = ""
    #: The kind of reporting (``wire_ru_strikes``, ``tally``, ``official_post``…; "" when not given).
    genre: str = ""
    #: Where the article was paraphrased from (a URL), when the gold says.
    source: str = ""

    @property
    def name(self) -> str:
        """The article's name: the gold file's stem (``NNN_slug``)."""
        return self.path.stem


def load_gold(path: str | Path) -> Gold:
    """Read and check one gold JSON file.

    Raises :class:`GoldError` naming the first problem found (not JSON, a
    missing or mistyped field, a coordinate out of range, a value outside the
    schema's vocabularies, a date that is not YYYY-MM-DD), and ``OSError``
    when the file cannot be read.
    """
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise GoldError(f"not UTF-8 ({exc.reason} at byte {exc.start})") from None
    except json.JSONDecodeError as exc:
        raise GoldError(f"not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from None
    if not isinstance(data, dict):
        raise GoldError("the top level is not a JSON object")
    published = _date_field(data, "published", "")
    events_raw = data.get("events", [])
    mentions_raw = data.get("mentions", [])
    if not isinstance(events_raw, list):
        raise GoldError("'events' is not a list")
    if not isinstance(mentions_raw, list):
        raise GoldError("'mentions' is not a list")
    notes = data.get("notes") or ""
    if not isinstance(notes, str):
        notes = json.dumps(notes, ensure_ascii=False)
    events = [_gold_event(item, f"events[{i}]") for i, item in enumerate(events_raw)]
    mentions = [_gold_mention(item, f"mentions[{i}]") for i, item in enumerate(mentions_raw)]
    genre, source = (_text_field(data, name) for name in ("genre", "source"))
    return Gold(path=path, published=published, events=events, mentions=mentions, notes=notes,
                genre=genre, source=source)


def _text_field(item: dict[str, Any], name: str) -> str:
    value = item.get(name) or ""
    if not isinstance(value, str):
        raise GoldError(f"{name} is not a string")
    return value


def _gold_event(item: object, where: str) -> GoldEvent:
    if not isinstance(item, dict):
        raise GoldError(f"{where} is not an object")
    place, lat, lon = _place_fields(item, where)
    precision = item.get("precision")
    if precision not in GEO_PRECISIONS:
        raise GoldError(f"{where}.precision is {precision!r}; expected one of {', '.join(GEO_PRECISIONS)}")
    attrs: dict[str, str | None] = {}
    for name, vocabulary in _VOCABULARIES.items():
        value = item.get(name)
        if value is not None and value not in vocabulary:
            raise GoldError(f"{where}.{name} is {value!r}; expected one of {', '.join(vocabulary)}")
        attrs[name] = value
    event_date = _date_field(item, "event_date", f"{where}.")
    return GoldEvent(place=place, lat=lat, lon=lon, precision=precision, event_date=event_date, **attrs)


def _gold_mention(item: object, where: str) -> GoldMention:
    if not isinstance(item, dict):
        raise GoldError(f"{where} is not an object")
    place, lat, lon = _place_fields(item, where)
    return GoldMention(place=place, lat=lat, lon=lon)


def _place_fields(item: dict[str, Any], where: str) -> tuple[str, float, float]:
    place = item.get("place")
    if not isinstance(place, str) or not place.strip():
        raise GoldError(f"{where}.place is missing or not a string")
    coords = []
    for name, limit in (("lat", 90.0), ("lon", 180.0)):
        value = item.get(name)
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise GoldError(f"{where}.{name} is missing or not a number")
        if not math.isfinite(value) or abs(value) > limit:
            raise GoldError(f"{where}.{name} {value} is out of range")
        coords.append(float(value))
    return place, coords[0], coords[1]


def _date_field(item: dict[str, Any], name: str, prefix: str) -> str | None:
    value = item.get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        raise GoldError(f"{prefix}{name} is not a string or null")
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise GoldError(f"{prefix}{name} {value!r} is not a date in the form YYYY-MM-DD") from None


