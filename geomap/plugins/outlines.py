"""Offline base map: country outlines from the gazetteer's ``countries.geojson``.

The file (a FeatureCollection with properties ``name`` and ``iso_a2``) is read,
simplified and rounded to keep the page small, and handed to the page as plain
data; the page draws it as light grey land, the theatre countries (see
:data:`geomap.settings.THEATRE_COUNTRIES`) a little stronger. A missing or
unreadable file gives no outlines, never an error.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from geomap import settings
from geomap.plugins.geojson_file import file_stamp, read_features

#: Simplification tolerance in degrees (about 2 km): plenty for a country outline.
TOLERANCE = 0.02
#: Decimals kept in outline coordinates.
DECIMALS = 3
#: Polygon parts smaller than this (square degrees) after simplifying are dropped.
MIN_AREA = 0.002


def countries_path() -> Path:
    """Return where the country outlines are looked for."""
    return settings.gazetteer_dir() / "countries.geojson"


def load_outlines(path: Path | None = None) -> dict[str, Any] | None:
    """Return the simplified outlines as a GeoJSON FeatureCollection, or None.

    Each feature keeps only ``name``, ``iso_a2`` and ``theatre`` (True for the
    theatre countries) plus ``label`` ([lat, lon] of a point inside its
    largest part, for the country's name label).
    """
    stamp = file_stamp(countries_path() if path is None else Path(path))
    return _load_cached(*stamp) if stamp else None


@functools.lru_cache(maxsize=4)
def _load_cached(path: str, _mtime: int, _size: int) -> dict[str, Any] | None:
    features = read_features(path, "country outlines")
    if features is None:
        return None
    out = []
    for feature in features:
        simplified = _simplify_feature(feature)
        if simplified is not None:
            out.append(simplified)
    return {"type": "FeatureCollection", "features": out}


def _simplify_feature(feature: Any) -> dict[str, Any] | None:
    from shapely.geometry import mapping, shape

    if not isinstance(feature, dict) or not feature.get("geometry"):
        return None
    props = feature.get("properties") or {}
    try:
        geom = shape(feature["geometry"])
    except (ValueError, TypeError, AttributeError, KeyError):
        return None
    if geom.is_empty or geom.geom_type not in ("Polygon", "MultiPolygon"):
        return None
    geom = geom.simplify(TOLERANCE, preserve_topology=True)
    parts = [p for p in getattr(geom, "geoms", [geom]) if p.area >= MIN_AREA]
    if not parts:
        return None
    largest = max(parts, key=lambda p: p.area)
    point = largest.representative_point()
    iso = str(props.get("iso_a2") or "").upper()
    geometry = mapping(parts[0] if len(parts) == 1 else type(geom)(parts))
    return {
        "type": "Feature",
        "properties": {
            "name": str(props.get("name") or ""),
            "iso_a2": iso,
            "theatre": iso in settings.THEATRE_COUNTRIES,
            "label": [round(point.y, 2), round(point.x, 2)],
        },
        "geometry": {"type": geometry["type"], "coordinates": _round(geometry["coordinates"])},
    }


def _round(coords: Any) -> Any:
    """Round nested coordinates to :data:`DECIMALS`, dropping repeated points."""
    if coords and isinstance(coords[0], (int, float)):
        return [round(float(c), DECIMALS) for c in coords[:2]]
    rounded = [_round(c) for c in coords]
    if rounded and isinstance(rounded[0], list) and rounded[0] and isinstance(rounded[0][0], float):
        deduped = [rounded[0]]
        for pt in rounded[1:]:
            if pt != deduped[-1]:
                deduped.append(pt)
        return deduped
    return rounded
