"""GeoJSON out and back: the canonical RFC 7946 output and :func:`read_events`, its inverse."""


import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from geomap.atomic import atomic_path
from geomap.export.common import SCHEMA_VERSION, _check_event
from geomap.model import (
    Event,
    Mention,
)

# --------------------------------------------------------------------------- GeoJSON


def _feature(event: Event) -> dict[str, Any]:
    """Return an event's GeoJSON Feature; ``id`` is the event_id, left out when empty.

    The properties end with ``origin`` (``text`` or ``acled``), after ``sources``.
    """
    feature = event.to_feature()
    feature["properties"]["origin"] = event.origin
    if not feature.get("id"):
        feature.pop("id", None)
    return feature


def write_geojson(events: Sequence[Event], path: str | os.PathLike[str], *,
                  mentions: Sequence[Mention] = ()) -> Path:
    """Write the events as an RFC 7946 GeoJSON FeatureCollection and return ``path``.

    Coordinates are lon/lat (WGS84, no ``crs`` member); each Feature comes from
    :meth:`Event.to_feature` (properties in ``EVENT_PROPERTIES`` order plus
    ``sources`` and ``origin``; ``doc_ids``, ``evidence`` and ``sources`` stay JSON lists) with
    the event_id as its ``id``. The collection carries the foreign member
    ``"geomap": {"schema_version": 1}``. Text is UTF-8, not ASCII-escaped; one
    Feature per line.

    ``mentions`` is accepted so every writer has the same signature, but is not
    written: this file holds strikes only (scripts and :func:`read_events`
    consume it). Raises ``ValueError`` for an event that cannot be written; the
    target is then left as it was.
    """
    target = Path(path)
    with atomic_path(target) as tmp, tmp.open("w", encoding="utf-8", newline="\n") as out:
        out.write('{"type": "FeatureCollection", ')
        out.write(f'"geomap": {json.dumps({"schema_version": SCHEMA_VERSION})}, "features": [')
        for index, event in enumerate(events):
            _check_event(index, event)
            text = json.dumps(_feature(event), ensure_ascii=False, allow_nan=False)
            out.write(("\n" if index == 0 else ",\n") + text)
        out.write("\n]}\n")
    return target


def _not_geomap(path: Path, reason: str) -> ValueError:
    """Return the one-line error for a file that is not a geomap GeoJSON."""
    return ValueError(f"{path}: not a geomap GeoJSON: {reason}")


def read_events(path: str | os.PathLike[str]) -> list[Event]:
    """Read a GeoJSON written by :func:`write_geojson` back into events.

    The inverse of :func:`write_geojson`: every field round-trips (coordinates
    to the 6 decimals and confidence to the 3 decimals the file keeps). Raises
    ``ValueError`` with a one-line message when the file is not valid JSON, not
    a FeatureCollection of point Features with geomap properties, or was
    written by a newer schema version; ``OSError`` if it cannot be read.
    """
    source = Path(path)
    try:
        data = json.loads(source.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise _not_geomap(source, f"not UTF-8 text ({exc.reason})") from None
    except json.JSONDecodeError as exc:
        reason = f"invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}"
        raise _not_geomap(source, reason) from None
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise _not_geomap(source, "top level is not a FeatureCollection")
    meta = data.get("geomap")
    if meta is not None:
        version = meta.get("schema_version") if isinstance(meta, dict) else None
        if not isinstance(version, int) or version < 1:
            raise _not_geomap(source, f"bad 'geomap' member: {meta!r}")
        if version > SCHEMA_VERSION:
            raise _not_geomap(source, f"schema_version {version} is newer than this geomap "
                                      f"understands ({SCHEMA_VERSION})")
    features = data.get("features")
    if not isinstance(features, list):
        raise _not_geomap(source, "'features' is not a list")
    events = []
    for index, feature in enumerate(features):
        events.append(_event_from_feature(source, index, feature))
    return events


def _event_from_feature(path: Path, index: int, feature: Any) -> Event:
    """Rebuild one event from a Feature of a geomap GeoJSON, or raise a one-line ``ValueError``."""
    where = f"feature #{index}"
    if not isinstance(feature, dict) or feature.get("type") != "Feature":
        raise _not_geomap(path, f"{where} is not a Feature")
    geometry = feature.get("geometry")
    coordinates = geometry.get("coordinates") if isinstance(geometry, dict) else None
    if (not isinstance(geometry, dict) or geometry.get("type") != "Point"
            or not isinstance(coordinates, list) or len(coordinates) < 2
            or not all(isinstance(c, int | float) and not isinstance(c, bool) for c in coordinates[:2])):
        raise _not_geomap(path, f"{where} has no Point geometry")
    props = feature.get("properties")
    if not isinstance(props, dict):
        raise _not_geomap(path, f"{where} has no properties")
    missing = [key for key in ("place", "place_name", "place_id") if not isinstance(props.get(key), str)]
    if missing:
        raise _not_geomap(path, f"{where} lacks geomap properties: {', '.join(missing)}")
    for key in ("doc_ids", "evidence", "sources"):
        value = props.get(key)
        if value is not None and not isinstance(value, list | str):
            raise _not_geomap(path, f"{where}: '{key}' is neither a list nor text")
    try:
        return Event.from_feature(feature)
    except (TypeError, ValueError, KeyError) as exc:
        raise _not_geomap(path, f"{where}: {exc}") from None

