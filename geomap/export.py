"""Write strike events as GIS layers: GeoJSON, GeoPackage, Shapefile, KML, FlatGeobuf, CSV.

The GeoJSON written by :func:`write_geojson` is the canonical output: an
RFC 7946 FeatureCollection whose ``doc_ids``, ``evidence`` and ``sources``
properties stay JSON lists, and which :func:`read_events` reads back into
equal :class:`~geomap.model.Event` records. Every other format is a GIS view of
the same events (one point per event, EPSG:4326) with the lists joined into
text: ``doc_ids`` with ``;`` and ``evidence`` with `` | ``.

GeoPackage, Shapefile and FlatGeobuf go through GDAL (``pyogrio.raw.write``,
so that ``event_date`` can be written as a true DATE field); KML is built with
:mod:`xml.etree.ElementTree` so that each strike type gets its own shared
style; GeoJSON and CSV are written with the standard library.

Every GIS format also carries ``origin`` (``text``: read from the news by
geomap; ``acled``: a row of an ACLED export). A GeoPackage holds the layers
``strikes`` (text events), ``acled`` (ACLED events, when there are any),
``mentions`` (when given), ``facilities`` (each struck facility once, with its
strike count and first/last date) and ``regions`` (strike counts on the
gazetteer's approximate region polygons), and QGIS styles for each of them in
the ``layer_styles`` table QGIS reads, drawn with the map's own symbols
(:mod:`geomap.plugins.symbols`). ACLED-compatible CSV is written by
:func:`geomap.acled.write_acled_csv`. ``docs/schema.md`` documents every field.

Every file goes through :func:`geomap.atomic.atomic_path`: a failed write never
leaves a half-written file under the target name, and an existing target is
left as it was.
"""

from __future__ import annotations

import contextlib
import csv
import html
import json
import math
import os
import re
import shutil
import sqlite3
import tempfile
import uuid
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import geopandas
import numpy as np
import pandas as pd
import shapely
from pyogrio.raw import write as _ogr_write

from geomap.acled import write_acled_csv as write_acled_csv  # re-exported
from geomap.atomic import atomic_path
from geomap.csvcell import safe_cell
from geomap.model import (
    EVENT_PROPERTIES,
    STATUSES,
    STRIKE_TYPES,
    TARGET_GROUPS,
    TARGET_TYPES,
    Event,
    Mention,
    target_group,
)
from geomap.plugins import symbols
from geomap.plugins.regions import RegionIndex, load_regions

#: Output formats ``geomap export`` accepts: file extension -> what is written.
FORMATS: dict[str, str] = {
    ".geojson": "GeoJSON (RFC 7946, lists kept as JSON arrays; read back by read_events)",
    ".gpkg": "GeoPackage (GDAL GPKG; layers strikes, acled, mentions, facilities, regions; QGIS styles)",
    ".shp": "ESRI Shapefile (GDAL; UTF-8 .cpg, .prj; field names cut to 10 characters)",
    ".kml": "KML 2.2 for Google Earth (one style per strike type)",
    ".fgb": "FlatGeobuf (GDAL; with spatial index)",
    ".csv": "CSV (UTF-8, header row; lat, lon and wkt columns)",
}

#: Version of the GeoJSON layout, written as the foreign member ``"geomap"``.
SCHEMA_VERSION = 1

#: Separator joining ``doc_ids`` in the text-only formats.
DOC_ID_SEPARATOR = ";"
#: Separator joining ``evidence`` sentences in the text-only formats.
EVIDENCE_SEPARATOR = " | "

#: The fields of every GIS format other than GeoJSON: the GeoJSON properties, then ``origin``.
GIS_PROPERTIES: tuple[str, ...] = (*EVENT_PROPERTIES, "origin")

#: Shapefile (dBASE) field names are at most ten characters: property -> field name.
SHAPEFILE_FIELDS: dict[str, str] = {
    "event_id": "event_id",
    "place": "place",
    "place_name": "place_name",
    "place_id": "place_id",
    "admin1": "admin1",
    "country": "country",
    "geo_precision": "geo_prec",
    "strike_type": "strike_typ",
    "target_type": "target_typ",
    "status": "status",
    "attacker": "attacker",
    "event_date": "event_date",
    "date_precision": "date_prec",
    "source": "source",
    "doc_ids": "doc_ids",
    "evidence": "evidence",
    "confidence": "confidence",
    "language": "language",
    "origin": "origin",
}

#: Name of the events layer in GeoPackage and KML outputs.
STRIKES_LAYER = "strikes"
#: Name of the mentions layer in GeoPackage outputs.
MENTIONS_LAYER = "mentions"
#: Name of the GeoPackage layer of events read from ACLED exports (``origin == "acled"``).
ACLED_LAYER = "acled"
#: Name of the GeoPackage layer with one point per struck facility.
FACILITIES_LAYER = "facilities"
#: Name of the GeoPackage layer with strike counts per region polygon.
REGIONS_LAYER = "regions"
#: Name of the table of QGIS layer styles in a GeoPackage (the name QGIS looks for).
STYLES_TABLE = "layer_styles"

_CRS = "EPSG:4326"
_MENTION_FIELDS: tuple[str, ...] = (
    "place", "place_name", "place_id", "country", "reason", "doc_id", "source", "sentence",
)
#: dBASE character fields hold at most 254 bytes.
_DBF_MAX_BYTES = 254
_KML_NS = "http://www.opengis.net/kml/2.2"
#: Marker colour (RGB hex) per strike type in KML: the map's own (Okabe–Ito) colours.
_STRIKE_COLORS: dict[str, str] = {k: v.lstrip("#").lower() for k, v in symbols.STRIKE_COLOURS.items()}
#: Characters XML 1.0 does not allow (everything else is kept).
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


# --------------------------------------------------------------------------- checks


def _event_label(index: int, event: Event) -> str:
    """Return how an event is named in error messages: its id, else its position."""
    return f"event {event.event_id!r}" if event.event_id else f"event #{index}"


def _check_event(index: int, event: Event) -> None:
    """Raise ``ValueError`` if an event cannot be written faithfully.

    Coordinates must be finite WGS84 degrees, ``event_date`` ``None`` or an ISO
    ``YYYY-MM-DD`` date, ``confidence`` a finite number.
    """
    label = _event_label(index, event)
    try:
        lat, lon = float(event.lat), float(event.lon)
    except (TypeError, ValueError):
        raise ValueError(f"{label}: coordinates are not numbers: {event.lat!r}, {event.lon!r}") from None
    if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180):
        raise ValueError(f"{label}: coordinates out of range: lat={event.lat!r}, lon={event.lon!r}")
    _parse_date(label, event.event_date)
    try:
        confidence = float(event.confidence)
    except (TypeError, ValueError):
        raise ValueError(f"{label}: confidence is not a number: {event.confidence!r}") from None
    if not math.isfinite(confidence):
        raise ValueError(f"{label}: confidence is not finite: {event.confidence!r}")


def _parse_date(label: str, value: str | None) -> date | None:
    """Parse an ``event_date`` (ISO ``YYYY-MM-DD`` or ``None``); raise ``ValueError`` otherwise."""
    if value is None or value == "":
        return None
    try:
        if not _ISO_DAY.fullmatch(value):  # newer Pythons also take "20250321" or "2025-W12-1"
            raise ValueError(value)
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise ValueError(f"{label}: event_date is not an ISO date (YYYY-MM-DD): {value!r}") from None


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _check_all(events: Sequence[Event]) -> None:
    """Check every event with :func:`_check_event`."""
    for index, event in enumerate(events):
        _check_event(index, event)


# --------------------------------------------------------------------------- tables


def _joined(values: Sequence[str], separator: str) -> str:
    """Join a list property into one text value."""
    return separator.join(str(v) for v in values)


def _property_row(event: Event) -> dict[str, Any]:
    """Return one event's properties in ``GIS_PROPERTIES`` order, lists joined as text."""
    row: dict[str, Any] = {key: getattr(event, key) for key in GIS_PROPERTIES}
    for key, value in row.items():
        if key not in ("event_date", "confidence"):
            row[key] = "" if value is None else str(value)
    row["doc_ids"] = _joined(event.doc_ids, DOC_ID_SEPARATOR)
    row["evidence"] = _joined(event.evidence, EVIDENCE_SEPARATOR)
    row["confidence"] = float(event.confidence)
    return row


def events_to_geodataframe(events: Sequence[Event]) -> geopandas.GeoDataFrame:
    """Return the events as a point GeoDataFrame in EPSG:4326.

    Columns are :data:`GIS_PROPERTIES` (``model.EVENT_PROPERTIES`` then
    ``origin``) in order, then ``geometry`` (``Point(lon, lat)``). ``doc_ids``
    are joined with ``;`` and ``evidence`` sentences with `` | `` (text, as
    every GIS format needs); ``event_date``
    is a ``datetime64[s]`` column at midnight (``NaT`` where the date is
    unknown); ``confidence`` is ``float64``; the other columns are text.

    Raises ``ValueError`` for an event with bad coordinates, an ``event_date``
    that is not ``YYYY-MM-DD``, or a confidence that is not a finite number.
    """
    _check_all(events)
    rows = [_property_row(event) for event in events]
    frame = pd.DataFrame(rows, columns=list(GIS_PROPERTIES))
    days = np.array([e.event_date or "NaT" for e in events], dtype="datetime64[D]")
    frame["event_date"] = pd.Series(days.astype("datetime64[s]"), index=frame.index)
    frame["confidence"] = frame["confidence"].astype("float64")
    geometry = geopandas.points_from_xy(
        [float(e.lon) for e in events], [float(e.lat) for e in events], crs=_CRS
    )
    return geopandas.GeoDataFrame(frame, geometry=geometry, crs=_CRS)


def _ogr_fields(gdf: geopandas.GeoDataFrame) -> tuple[list[str], list[np.ndarray]]:
    """Return field names and arrays for ``pyogrio.raw.write`` from an events GeoDataFrame.

    ``event_date`` becomes ``datetime64[D]``, which GDAL writes as a DATE field
    (pandas cannot hold day-unit datetimes, hence the low-level writer).
    """
    names: list[str] = []
    arrays: list[np.ndarray] = []
    for name in gdf.columns:
        if name == gdf.geometry.name:
            continue
        column = gdf[name]
        if name == "event_date":
            values = column.to_numpy().astype("datetime64[D]")
        elif name == "confidence":
            values = column.to_numpy(dtype="float64")
        else:
            values = np.array([str(v) for v in column], dtype=object)
        names.append(str(name))
        arrays.append(values)
    return names, arrays


def _write_ogr(
    path: Path,
    gdf: geopandas.GeoDataFrame,
    *,
    driver: str,
    layer: str,
    layer_options: dict[str, str] | None = None,
    rename: dict[str, str] | None = None,
) -> None:
    """Write an events GeoDataFrame as one point layer through GDAL.

    ``rename`` maps column names to the field names written (Shapefile).
    """
    names, arrays = _ogr_fields(gdf)
    if rename:
        names = [rename.get(name, name) for name in names]
    _ogr_write(
        str(path),
        geometry=shapely.to_wkb(np.asarray(gdf.geometry.values)),
        field_data=arrays,
        fields=names,
        layer=layer,
        driver=driver,
        geometry_type="Point",
        crs=_CRS,
        layer_options=layer_options,
    )


def _write_mentions_layer(path: Path, mentions: Sequence[Mention], *, driver: str) -> None:
    """Add a ``mentions`` point layer (one per mention, with its ``reason``) to a GDAL dataset."""
    points = []
    for index, mention in enumerate(mentions):
        lat, lon = float(mention.lat), float(mention.lon)
        if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180):
            raise ValueError(f"mention #{index} ({mention.place!r}): coordinates out of range: "
                             f"lat={mention.lat!r}, lon={mention.lon!r}")
        points.append(shapely.Point(lon, lat))
    arrays = [np.array([str(getattr(m, name)) for m in mentions], dtype=object) for name in _MENTION_FIELDS]
    _ogr_write(
        str(path),
        geometry=shapely.to_wkb(np.array(points, dtype=object)),
        field_data=arrays,
        fields=list(_MENTION_FIELDS),
        layer=MENTIONS_LAYER,
        driver=driver,
        geometry_type="Point",
        crs=_CRS,
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


# --------------------------------------------------------------------------- GDAL formats


def write_gpkg(events: Sequence[Event], path: str | os.PathLike[str], *,
               mentions: Sequence[Mention] = (),
               regions: str | os.PathLike[str] | None = None) -> Path:
    """Write the events as a GeoPackage (EPSG:4326) and return ``path``.

    Layers (see ``docs/schema.md`` for every field):

    ``strikes``
        One point per event read from text (``origin != "acled"``) with the
        :data:`GIS_PROPERTIES` fields: ``event_date`` DATE (null when
        unknown), ``confidence`` REAL, the rest TEXT (``doc_ids`` joined with
        ``;``, ``evidence`` with `` | ``). Always written, even empty.
    ``acled``
        The events of ACLED exports (``origin == "acled"``), same fields;
        only when there are some.
    ``mentions``
        The mentions, with the ``reason`` each is not a strike; only when given.
    ``facilities``
        Each struck facility once (events whose ``place_id`` starts with
        ``facility:``, grouped by place_id): counts as INTEGER, ``first_date``
        and ``last_date`` as DATE.
    ``regions``
        The gazetteer's approximate region polygons (``regions``, default
        ``gazetteer/regions.geojson``) with the number of events in each.

    Then a ``layer_styles`` table (non-spatial, registered in
    ``gpkg_contents`` as ``attributes``) with a default QGIS style (QML) for
    every layer, so QGIS draws the map's symbols when the file is opened. An
    existing file is replaced as a whole, atomically.
    """
    target = Path(path)
    text_events = [e for e in events if e.origin != "acled"]
    acled_events = [e for e in events if e.origin == "acled"]
    _check_all(events)
    with atomic_path(target) as tmp:
        _write_ogr(tmp, events_to_geodataframe(text_events), driver="GPKG", layer=STRIKES_LAYER)
        layers = [STRIKES_LAYER]
        if acled_events:
            _write_ogr(tmp, events_to_geodataframe(acled_events), driver="GPKG", layer=ACLED_LAYER)
            layers.append(ACLED_LAYER)
        if mentions:
            _write_mentions_layer(tmp, mentions, driver="GPKG")
            layers.append(MENTIONS_LAYER)
        _write_table_layer(tmp, FACILITIES_LAYER, *_facilities_table(text_events), geometry_type="Point")
        layers.append(FACILITIES_LAYER)
        region_table = _regions_table(events, load_regions(Path(regions)) if regions else load_regions())
        _write_table_layer(tmp, REGIONS_LAYER, *region_table, geometry_type="MultiPolygon")
        layers.append(REGIONS_LAYER)
        _write_layer_styles(tmp, layers, max_region_total=int(max(region_table[0]["total"], default=0)))
    return target


# --------------------------------------------------------------------------- GeoPackage: summary layers

_Columns = dict[str, np.ndarray]


def _dates(values: Sequence[str | None]) -> np.ndarray:
    """ISO dates (or None) as a ``datetime64[D]`` array, which GDAL writes as DATE."""
    return np.array([v or "NaT" for v in values], dtype="datetime64[D]")


def _texts(values: Sequence[Any]) -> np.ndarray:
    """Values as an object array of text."""
    return np.array(["" if v is None else str(v) for v in values], dtype=object)


def _counts(values: Sequence[int]) -> np.ndarray:
    """Counts as an ``int64`` array, which GDAL writes as INTEGER."""
    return np.array(list(values), dtype="int64")


def _write_table_layer(path: Path, layer: str, columns: _Columns, geometries: list[Any], *,
                       geometry_type: str) -> None:
    """Add one layer of ``geometries`` with the typed ``columns`` to a GeoPackage."""
    _ogr_write(
        str(path),
        geometry=shapely.to_wkb(np.array(geometries, dtype=object)) if geometries else np.array([], object),
        field_data=list(columns.values()),
        fields=list(columns),
        layer=layer,
        driver="GPKG",
        geometry_type=geometry_type,
        crs=_CRS,
    )


def _ordered_types(values: Sequence[str]) -> str:
    """Distinct strike types in vocabulary order, joined with ``;``."""
    present = set(values)
    known = [v for v in STRIKE_TYPES if v in present]
    return DOC_ID_SEPARATOR.join(known + sorted(present - set(STRIKE_TYPES)))


#: Fields of the ``facilities`` layer, in order.
FACILITY_FIELDS: tuple[str, ...] = (
    "place_id", "place_name", "admin1", "country", "target_type", "strikes", "hits",
    "intercepted", "strike_types", "first_date", "last_date", "event_ids",
)


def _facilities_table(events: Sequence[Event]) -> tuple[_Columns, list[Any]]:
    """One row per facility struck (``place_id`` ``facility:...``): counts, strike types, first/last date."""
    groups: dict[str, list[Event]] = {}
    for event in events:
        if event.place_id.startswith("facility:"):
            groups.setdefault(event.place_id, []).append(event)
    rows: list[dict[str, Any]] = []
    points = []
    for place_id in sorted(groups):
        group = groups[place_id]
        first = group[0]
        dated = sorted(e.event_date for e in group if e.event_date)
        rows.append({
            "place_id": place_id,
            "place_name": first.place_name,
            "admin1": first.admin1,
            "country": first.country,
            "target_type": Counter(e.target_type for e in group).most_common(1)[0][0],
            "strikes": len(group),
            "hits": sum(e.status == "hit" for e in group),
            "intercepted": sum(e.status == "intercepted" for e in group),
            "strike_types": _ordered_types([e.strike_type for e in group]),
            "first_date": dated[0] if dated else None,
            "last_date": dated[-1] if dated else None,
            "event_ids": DOC_ID_SEPARATOR.join(e.event_id for e in group),
        })
        points.append(shapely.Point(float(first.lon), float(first.lat)))
    columns: _Columns = {}
    for name in FACILITY_FIELDS:
        values = [row[name] for row in rows]
        if name in ("strikes", "hits", "intercepted"):
            columns[name] = _counts(values)
        elif name in ("first_date", "last_date"):
            columns[name] = _dates(values)
        else:
            columns[name] = _texts(values)
    return columns, points


#: Fields of the ``regions`` layer, in order.
REGION_FIELDS: tuple[str, ...] = (
    "region_id", "iso", "name", "country", "strikes", "hits", "intercepted", "acled", "total",
    "first_date", "last_date",
)
def _regions_table(events: Sequence[Event], regions: RegionIndex | None) -> tuple[_Columns, list[Any]]:
    """Every region polygon with the number of events in it (text events and ACLED events apart).

    Events are given their region by the same :class:`~geomap.plugins.regions.RegionIndex`
    the map uses (by place id, then ``admin1`` name, then point in polygon), so the
    GeoPackage's counts and the map's agree.
    """
    if regions is None:
        regions = RegionIndex([])
    stats = [{"strikes": 0, "hits": 0, "intercepted": 0, "acled": 0, "dates": []} for _ in regions.ids]
    located = [e for e in events if e.geo_precision != "country"]
    for event, where in zip(located, regions.locate_all(located), strict=True):
        if where < 0:
            continue
        counts = stats[where]
        if event.origin == "acled":
            counts["acled"] += 1
        else:
            counts["strikes"] += 1
            counts["hits"] += event.status == "hit"
            counts["intercepted"] += event.status == "intercepted"
        if event.event_date:
            counts["dates"].append(event.event_date)
    columns: _Columns = {}
    for key in ("region_id", "iso", "name", "country"):
        columns[key] = _texts([str(props.get(key) or "") for props in regions.props])
    for key in ("strikes", "hits", "intercepted", "acled"):
        columns[key] = _counts([counts[key] for counts in stats])
    columns["total"] = columns["strikes"] + columns["acled"]
    columns["first_date"] = _dates([min(c["dates"]) if c["dates"] else None for c in stats])
    columns["last_date"] = _dates([max(c["dates"]) if c["dates"] else None for c in stats])
    geometries = [g if g.geom_type == "MultiPolygon" else shapely.MultiPolygon([g]) for g in regions.geoms]
    return columns, geometries


# --------------------------------------------------------------------------- GeoPackage: QGIS styles

#: The ``layer_styles`` table as QGIS creates it in a GeoPackage (QGIS reads the default style from it).
_LAYER_STYLES_DDL = """
CREATE TABLE "layer_styles" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "f_table_catalog" TEXT(256),
    "f_table_schema" TEXT(256),
    "f_table_name" TEXT(256),
    "f_geometry_column" TEXT(256),
    "styleName" TEXT(30),
    "styleQML" TEXT,
    "styleSLD" TEXT,
    "useAsDefault" BOOLEAN,
    "description" TEXT,
    "owner" TEXT(30),
    "ui" TEXT(30),
    "update_time" DATETIME DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
)
"""

_STYLE_DESCRIPTIONS: dict[str, str] = {
    STRIKES_LAYER: "geomap: colour by strike type, shape by target group, fill by status (as the HTML map)",
    ACLED_LAYER: "geomap: ACLED events, the strike symbols smaller and ringed (as the HTML map)",
    MENTIONS_LAYER: "geomap: places read but not struck",
    FACILITIES_LAYER: "geomap: struck facilities, shape by target group, size by number of strikes",
    REGIONS_LAYER: "geomap: events per region (strikes read from text plus ACLED events)",
}


def _write_layer_styles(path: Path, layers: Sequence[str], *, max_region_total: int = 0) -> None:
    """Add QGIS's ``layer_styles`` table to a GeoPackage GDAL has written, one default style per layer.

    The table is registered in ``gpkg_contents`` as an ``attributes`` table
    (as GDAL and QGIS do), so GDAL lists it as a non-spatial layer.
    """
    connection = sqlite3.connect(path)
    try:
        with connection:
            geometry_columns = dict(connection.execute(
                "SELECT table_name, column_name FROM gpkg_geometry_columns").fetchall())
            connection.execute(_LAYER_STYLES_DDL)
            rows = [
                ("", "", layer, geometry_columns.get(layer, "geom"), layer,
                 layer_qml(layer, max_region_total=max_region_total), "", 1,
                 _STYLE_DESCRIPTIONS.get(layer, ""), "geomap", None)
                for layer in layers
            ]
            connection.executemany(
                'INSERT INTO "layer_styles" (f_table_catalog, f_table_schema, f_table_name, '
                "f_geometry_column, styleName, styleQML, styleSLD, useAsDefault, description, owner, ui) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
            connection.execute(
                "INSERT INTO gpkg_contents (table_name, data_type, identifier, description, last_change) "
                "VALUES (?, 'attributes', ?, 'QGIS layer styles', strftime('%Y-%m-%dT%H:%M:%fZ','now'))",
                (STYLES_TABLE, STYLES_TABLE))
            has_counts = connection.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'gpkg_ogr_contents'").fetchone()
            if has_counts:
                connection.execute("INSERT INTO gpkg_ogr_contents (table_name, feature_count) VALUES (?, ?)",
                                   (STYLES_TABLE, len(rows)))
    finally:
        connection.close()


def _rgba(colour: str, alpha: float = 1.0) -> str:
    """``#rrggbb`` (and an opacity 0–1) as QGIS's ``r,g,b,a`` colour text."""
    value = colour.lstrip("#")
    r, g, b = (int(value[i:i + 2], 16) for i in (0, 2, 4))
    return f"{r},{g},{b},{round(255 * alpha)}"


def _option_map(parent: ET.Element, values: dict[str, str], name: str | None = None) -> ET.Element:
    """Append QGIS's ``<Option type="Map">`` of string options."""
    attrib = {"type": "Map"} if name is None else {"name": name, "type": "Map"}
    element = ET.SubElement(parent, "Option", attrib)
    for key, value in values.items():
        ET.SubElement(element, "Option", {"name": key, "type": "QString", "value": value})
    return element


def _data_defined(parent: ET.Element, expressions: dict[str, str]) -> None:
    """Append a ``<data_defined_properties>`` collection: property name -> expression."""
    holder = ET.SubElement(ET.SubElement(parent, "data_defined_properties"), "Option", {"type": "Map"})
    ET.SubElement(holder, "Option", {"name": "name", "type": "QString", "value": ""})
    properties = ET.SubElement(holder, "Option", {"name": "properties", "type": "Map"})
    for key, expression in expressions.items():
        prop = ET.SubElement(properties, "Option", {"name": key, "type": "Map"})
        ET.SubElement(prop, "Option", {"name": "active", "type": "bool", "value": "true"})
        ET.SubElement(prop, "Option", {"name": "expression", "type": "QString", "value": expression})
        ET.SubElement(prop, "Option", {"name": "type", "type": "int", "value": "3"})
    ET.SubElement(holder, "Option", {"name": "type", "type": "QString", "value": "collection"})


def _symbol_layer(symbol: ET.Element, cls: str, props: dict[str, str],
                  expressions: dict[str, str] | None = None) -> None:
    """Append one symbol layer, its properties both as ``<Option>`` map (QGIS ≥ 3.16) and ``<prop>``."""
    layer = ET.SubElement(symbol, "layer", {"class": cls, "enabled": "1", "locked": "0", "pass": "0"})
    _option_map(layer, props)
    for key, value in props.items():
        ET.SubElement(layer, "prop", {"k": key, "v": value})
    _data_defined(layer, expressions or {})


def _symbol(parent: ET.Element, name: str, kind: str) -> ET.Element:
    """Append an empty ``<symbol>`` of ``kind`` (marker, fill) named ``name``."""
    symbol = ET.SubElement(parent, "symbol", {"type": kind, "name": name, "alpha": "1",
                                              "clip_to_extent": "1", "force_rhr": "0"})
    _data_defined(symbol, {})
    return symbol


_NO_SCALE = "3x:0,0,0,0,0,0"


def _marker_props(shape: str, size: float, fill: str, stroke: str, width: float,
                  stroke_style: str = "solid") -> dict[str, str]:
    """SimpleMarker properties; geomap's ``triangle_down`` is QGIS's triangle turned 180°."""
    return {
        "angle": "180" if shape == "triangle_down" else "0",
        "color": fill, "horizontal_anchor_point": "1", "joinstyle": "round",
        "name": "triangle" if shape == "triangle_down" else shape,
        "offset": "0,0", "offset_map_unit_scale": _NO_SCALE, "offset_unit": "Pixel",
        "outline_color": stroke, "outline_style": stroke_style, "outline_width": f"{width:g}",
        "outline_width_map_unit_scale": _NO_SCALE, "outline_width_unit": "Pixel",
        "scale_method": "diameter", "size": f"{size:g}", "size_map_unit_scale": _NO_SCALE,
        "size_unit": "Pixel", "vertical_anchor_point": "1",
    }


def _case(field: str, values: dict[str, str], default: str) -> str:
    """A QGIS ``CASE`` expression mapping a field's values to literal strings."""
    whens = " ".join(f"WHEN '{key}' THEN '{value}'" for key, value in values.items())
    return f'CASE "{field}" {whens} ELSE \'{default}\' END'


def _strike_symbol(parent: ET.Element, name: str, strike_type: str, group: str, origin: str) -> None:
    """The map's marker for one strike type and target group; fill and outline follow ``status``."""
    sym = symbols
    colour = sym.colour_of(strike_type)
    look = sym.origin_style(origin) if hasattr(sym, "origin_style") else {"scale": 1.0, "ring": False}
    size = 2 * sym.RADIUS * float(look.get("scale", 1.0))
    styles = {status: sym.status_style(status, colour) for status in STATUSES}
    fills = {s: _rgba(st["fillColor"], st["fillOpacity"]) for s, st in styles.items()}
    strokes = {s: _rgba(st["color"], st["opacity"]) for s, st in styles.items()}
    widths = {s: f"{st['weight']:g}" for s, st in styles.items()}
    dashes = {s: ("dash" if st["dashArray"] else "solid") for s, st in styles.items()}
    hit = styles["hit"]
    symbol = _symbol(parent, name, "marker")
    _symbol_layer(symbol, "SimpleMarker",
                  _marker_props(sym.shape_of(group), size, fills["hit"], strokes["hit"], hit["weight"]),
                  {"fillColor": _case("status", fills, fills["unknown"]),
                   "outlineColor": _case("status", strokes, strokes["unknown"]),
                   "outlineWidth": _case("status", widths, widths["unknown"]),
                   "outlineStyle": _case("status", dashes, dashes["unknown"])})
    if look.get("ring"):
        ring = size * float(getattr(sym, "RING", 1.6))
        _symbol_layer(symbol, "SimpleMarker", _marker_props("circle", ring, "0,0,0,0", "0,0,0,255", 1))


def _in_list(field: str, values: Sequence[str]) -> str:
    """A QGIS expression: ``field`` is one of ``values``."""
    return f'"{field}" IN (' + ", ".join(f"'{v}'" for v in values) + ")"


def _rule_key(*parts: str) -> str:
    """A stable rule key in QGIS's ``{uuid}`` form."""
    return "{" + str(uuid.uuid5(uuid.NAMESPACE_URL, "geomap:" + ":".join(parts))) + "}"


def _strikes_renderer(qgis: ET.Element, origin: str) -> None:
    """Rule-based renderer: a rule per strike type (colour), inside it a rule per target group (shape)."""
    sym = symbols
    renderer = ET.SubElement(qgis, "renderer-v2", {"type": "RuleRenderer", "forceraster": "0",
                                                   "symbollevels": "0", "enableorderby": "0",
                                                   "referencescale": "-1"})
    rules = ET.SubElement(renderer, "rules", {"key": _rule_key(origin, "root")})
    symbols_el = ET.Element("symbols")
    known_types = [t for t in STRIKE_TYPES if t != "unknown"]
    known_targets = [t for t in TARGET_TYPES if t != "unknown"]
    count = 0
    for strike_type in STRIKE_TYPES:
        if strike_type == "unknown":
            type_filter = f'"strike_type" IS NULL OR NOT ({_in_list("strike_type", known_types)})'
        else:
            type_filter = f"\"strike_type\" = '{strike_type}'"
        parent = ET.SubElement(rules, "rule", {"key": _rule_key(origin, strike_type),
                                               "label": sym.label(strike_type), "filter": type_filter})
        for group, members in TARGET_GROUPS.items():
            if group == "unknown":
                group_filter = f'"target_type" IS NULL OR NOT ({_in_list("target_type", known_targets)})'
            else:
                group_filter = _in_list("target_type", members)
            ET.SubElement(parent, "rule", {"key": _rule_key(origin, strike_type, group),
                                           "label": f"{sym.label(strike_type)} · {group}",
                                           "filter": group_filter, "symbol": str(count)})
            _strike_symbol(symbols_el, str(count), strike_type, group, origin)
            count += 1
    renderer.append(symbols_el)


def _categorized_renderer(qgis: ET.Element, field: str) -> tuple[ET.Element, ET.Element, ET.Element]:
    """An empty categorized renderer on ``field``: returns (renderer, categories, symbols)."""
    renderer = ET.SubElement(qgis, "renderer-v2", {"type": "categorizedSymbol", "attr": field,
                                                   "forceraster": "0", "symbollevels": "0",
                                                   "enableorderby": "0", "referencescale": "-1"})
    return renderer, ET.SubElement(renderer, "categories"), ET.SubElement(renderer, "symbols")


def _facilities_renderer(qgis: ET.Element) -> None:
    """Categorized by target type (shape by target group), size by the number of strikes."""
    sym = symbols
    _, categories, symbols_el = _categorized_renderer(qgis, "target_type")
    size_expression = f'{2 * sym.RADIUS} + 4 * sqrt(coalesce("strikes", 1))'
    for index, target_type in enumerate(TARGET_TYPES):
        ET.SubElement(categories, "category", {"value": target_type, "label": sym.label(target_type),
                                               "symbol": str(index), "render": "true"})
        symbol = _symbol(symbols_el, str(index), "marker")
        _symbol_layer(symbol, "SimpleMarker",
                      _marker_props(sym.shape_of(target_group(target_type)), 2 * sym.RADIUS,
                                    "51,51,51,230", "255,255,255,255", 1),
                      {"size": size_expression})


def _mentions_renderer(qgis: ET.Element) -> None:
    """A single small hollow grey circle."""
    renderer = ET.SubElement(qgis, "renderer-v2", {"type": "singleSymbol", "forceraster": "0",
                                                   "symbollevels": "0", "enableorderby": "0",
                                                   "referencescale": "-1"})
    symbol = _symbol(ET.SubElement(renderer, "symbols"), "0", "marker")
    _symbol_layer(symbol, "SimpleMarker",
                  _marker_props("circle", 8, "255,255,255,160", "110,110,110,255", 1))


#: Classes of the regions layer: (lower, upper, label, fill colour or None for no fill),
#: shaded with the map's region ramp.
_REGION_CLASSES: tuple[tuple[int, int | None, str, str | None], ...] = (
    (0, 0, "0", None),
    (0, 2, "1–2", symbols.REGION_RAMP[1]),
    (2, 5, "3–5", symbols.REGION_RAMP[2]),
    (5, 10, "6–10", symbols.REGION_RAMP[3]),
    (10, None, "11 or more", symbols.REGION_RAMP[4]),
)

def _regions_renderer(qgis: ET.Element, max_total: int) -> None:
    """Graduated fill on ``total`` (events per region), fixed classes, no fill for none."""
    renderer = ET.SubElement(qgis, "renderer-v2", {"type": "graduatedSymbol", "attr": "total",
                                                   "graduatedMethod": "GraduatedColor",
                                                   "forceraster": "0", "symbollevels": "0",
                                                   "enableorderby": "0", "referencescale": "-1"})
    ranges = ET.SubElement(renderer, "ranges")
    symbols_el = ET.SubElement(renderer, "symbols")
    for index, (lower, upper, label, fill) in enumerate(_REGION_CLASSES):
        top = upper if upper is not None else max(max_total, lower + 1)
        ET.SubElement(ranges, "range", {"lower": f"{lower:.6f}", "upper": f"{top:.6f}",
                                        "label": label, "symbol": str(index), "render": "true"})
        symbol = _symbol(symbols_el, str(index), "fill")
        _symbol_layer(symbol, "SimpleFill", {
            "border_width_map_unit_scale": _NO_SCALE,
            "color": _rgba(fill, 0.7) if fill else "0,0,0,0", "joinstyle": "bevel",
            "offset": "0,0", "offset_map_unit_scale": _NO_SCALE, "offset_unit": "MM",
            "outline_color": "110,110,110,255", "outline_style": "solid", "outline_width": "0.2",
            "outline_width_unit": "MM", "style": "solid" if fill else "no",
        })
    ET.SubElement(renderer, "mode", {"name": "manual"})
    ET.SubElement(renderer, "labelformat", {"format": "%1 - %2", "decimalplaces": "0",
                                            "trimtrailingzeroes": "1"})


#: QGIS's geometry type code per layer (0 point, 2 polygon) and the field shown as its name.
_LAYER_GEOMETRY: dict[str, tuple[str, str]] = {
    STRIKES_LAYER: ("0", "place_name"), ACLED_LAYER: ("0", "place_name"),
    MENTIONS_LAYER: ("0", "place_name"), FACILITIES_LAYER: ("0", "place_name"),
    REGIONS_LAYER: ("2", "name"),
}


def layer_qml(layer: str, *, max_region_total: int = 0) -> str:
    """Return the QGIS style (QML) of a geomap GeoPackage layer, drawn with the map's symbols.

    ``strikes`` and ``acled``: a rule-based renderer with a rule per strike
    type (the Okabe–Ito colours of :mod:`geomap.plugins.symbols`) holding a
    rule per target group (the map's shapes), fill and outline following
    ``status`` as on the map; ACLED symbols are smaller and ringed.
    ``facilities``: categorized by target type, size growing with ``strikes``.
    ``regions``: graduated on ``total``. ``mentions``: a hollow grey circle.
    """
    qgis = ET.Element("qgis", {"version": "3.22.0", "styleCategories": "Symbology|Labeling|Fields|MapTips"})
    if layer in (STRIKES_LAYER, ACLED_LAYER):
        _strikes_renderer(qgis, "acled" if layer == ACLED_LAYER else "text")
    elif layer == FACILITIES_LAYER:
        _facilities_renderer(qgis)
    elif layer == REGIONS_LAYER:
        _regions_renderer(qgis, max_region_total)
    elif layer == MENTIONS_LAYER:
        _mentions_renderer(qgis)
    else:
        raise ValueError(f"no style for layer {layer!r}")
    geometry_type, display = _LAYER_GEOMETRY[layer]
    ET.SubElement(qgis, "previewExpression").text = f'"{display}"'
    ET.SubElement(qgis, "layerGeometryType").text = geometry_type
    ET.indent(qgis, space=" ")
    doctype = "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n"
    return doctype + ET.tostring(qgis, encoding="unicode")


def write_flatgeobuf(events: Sequence[Event], path: str | os.PathLike[str], *,
                     mentions: Sequence[Mention] = ()) -> Path:
    """Write the events as FlatGeobuf (layer ``strikes``, spatial index) and return ``path``.

    FlatGeobuf has no date type: GDAL stores ``event_date`` as a DateTime at
    midnight. The spatial index orders features along a Hilbert curve, so
    they do not come back in input order. ``mentions`` are not written.
    """
    target = Path(path)
    with atomic_path(target) as tmp:
        gdf = events_to_geodataframe(events)
        _write_ogr(tmp, gdf, driver="FlatGeobuf", layer=STRIKES_LAYER,
                   layer_options={"SPATIAL_INDEX": "YES"})
    return target


def _truncate_utf8(text: str, limit: int) -> str:
    """Cut ``text`` to at most ``limit`` UTF-8 bytes on a character boundary, marking a cut with '…'."""
    if len(text.encode("utf-8")) <= limit:
        return text
    room = limit - len("…".encode())
    cut = text.encode("utf-8")[:room].decode("utf-8", errors="ignore")
    return cut + "…"


_SHAPEFILE_SIDECARS = (".shp", ".shx", ".dbf", ".prj", ".cpg")
_SHAPEFILE_STALE = (".qix", ".sbn", ".sbx")


def write_shapefile(events: Sequence[Event], path: str | os.PathLike[str], *,
                    mentions: Sequence[Mention] = ()) -> Path:
    """Write the events as an ESRI Shapefile and return the ``.shp`` path.

    Field names follow :data:`SHAPEFILE_FIELDS` (dBASE allows ten characters);
    ``event_date`` is a dBASE date, ``confidence`` a number. Text is UTF-8,
    declared in a ``.cpg``; the ``.prj`` holds EPSG:4326. dBASE text fields
    hold at most 254 bytes, so longer values (usually ``evidence``) are cut,
    ending in "…". The files are written in a temporary folder beside the
    target and each is then moved onto its final name through
    :func:`atomic_path`; stale spatial indexes (``.qix``, ``.sbn``, ``.sbx``) of
    a replaced shapefile are removed. ``mentions`` are not written.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    gdf = events_to_geodataframe(events)
    for column in gdf.columns:
        if column not in (gdf.geometry.name, "event_date", "confidence"):
            gdf[column] = [_truncate_utf8(str(v), _DBF_MAX_BYTES) for v in gdf[column]]
    workdir = Path(tempfile.mkdtemp(prefix=f".{target.stem}.", dir=target.parent))
    try:
        inner = workdir / target.name
        _write_ogr(inner, gdf, driver="ESRI Shapefile", layer=target.stem,
                   layer_options={"ENCODING": "UTF-8", "SPATIAL_INDEX": "NO"}, rename=SHAPEFILE_FIELDS)
        written = sorted(p for p in workdir.iterdir() if p.stem == target.stem)
        with contextlib.ExitStack() as stack:
            for part in written:
                tmp = stack.enter_context(atomic_path(target.parent / part.name))
                os.replace(part, tmp)
        for suffix in _SHAPEFILE_STALE:
            for stale in (target.with_suffix(suffix), target.with_suffix(suffix.upper())):
                stale.unlink(missing_ok=True)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return target


# --------------------------------------------------------------------------- KML


def _xml_text(value: Any) -> str:
    """Return ``value`` as text XML 1.0 can hold (control characters dropped)."""
    return _XML_INVALID.sub("", str(value))


def _kml_color(rgb: str) -> str:
    """Convert ``rrggbb`` to KML's opaque ``aabbggrr``."""
    return "ff" + rgb[4:6] + rgb[2:4] + rgb[0:2]


def _kml_description(event: Event) -> str:
    """Return the balloon HTML for an event; all event text is HTML-escaped (no markup injection)."""
    esc = html.escape
    when = event.event_date or "date unknown"
    lines = [
        f"<b>{esc(event.strike_type)}</b> strike on {esc(event.target_type)} ({esc(event.status)})",
        f"{esc(when)} · {esc(event.place_name)}"
        + (f", {esc(event.admin1)}" if event.admin1 and event.admin1 != event.place_name else "")
        + (f", {esc(event.country)}" if event.country else ""),
        f"attacker: {esc(event.attacker)} · confidence: {float(event.confidence):.2f}",
    ]
    body = "<br/>".join(lines)
    if event.evidence:
        body += "".join(f"<p>“{esc(sentence)}”</p>" for sentence in event.evidence)
    if event.source:
        if re.match(r"https?://", event.source):
            body += f'<p>source: <a href="{esc(event.source)}">{esc(event.source)}</a></p>'
        else:
            body += f"<p>source: {esc(event.source)}</p>"
    return body


def _sub(parent: ET.Element, tag: str, text: Any = None, **attrib: str) -> ET.Element:
    """Append a child element (with optional text) and return it."""
    element = ET.SubElement(parent, tag, attrib)
    if text is not None:
        element.text = _xml_text(text)
    return element


def _kml_tree(events: Sequence[Event], name: str) -> ET.ElementTree:
    """Build the KML document: a style per strike type, a schema, one Placemark per event."""
    root = ET.Element("kml", {"xmlns": _KML_NS})
    document = _sub(root, "Document", id="root_doc")
    _sub(document, "name", name)
    for strike_type in STRIKE_TYPES:
        style = _sub(document, "Style", id=f"strike_{strike_type}")
        icon_style = _sub(style, "IconStyle")
        _sub(icon_style, "color", _kml_color(_STRIKE_COLORS.get(strike_type, _STRIKE_COLORS["unknown"])))
        _sub(icon_style, "scale", "1.1")
        # No <Icon href>: the viewer's own placemark, tinted by the colour above, so the
        # file shows its symbols offline (an icon URL would be fetched when it is opened).
        label_style = _sub(style, "LabelStyle")
        _sub(label_style, "scale", "0.8")
        # show only the escaped description, never raw ExtendedData, in the balloon
        _sub(_sub(style, "BalloonStyle"), "text", "$[description]")
    schema = _sub(document, "Schema", name=STRIKES_LAYER, id=STRIKES_LAYER)
    for key in GIS_PROPERTIES:
        _sub(schema, "SimpleField", name=key, type="double" if key == "confidence" else "string")
    folder = _sub(document, "Folder")
    _sub(folder, "name", STRIKES_LAYER)
    for index, event in enumerate(events):
        _check_event(index, event)
        row = _property_row(event)
        row["event_date"] = event.event_date or ""
        row["confidence"] = repr(round(float(event.confidence), 3))
        placemark = _sub(folder, "Placemark")
        _sub(placemark, "name", event.place)
        _sub(placemark, "description", _kml_description(event))
        if event.event_date:
            _sub(_sub(placemark, "TimeStamp"), "when", event.event_date)
        style_key = event.strike_type if event.strike_type in STRIKE_TYPES else "unknown"
        _sub(placemark, "styleUrl", f"#strike_{style_key}")
        data = _sub(_sub(placemark, "ExtendedData"), "SchemaData", schemaUrl=f"#{STRIKES_LAYER}")
        for key in GIS_PROPERTIES:
            _sub(data, "SimpleData", row[key], name=key)
        point = _sub(placemark, "Point")
        _sub(point, "coordinates", f"{round(float(event.lon), 6)},{round(float(event.lat), 6)}")
    ET.indent(root, space=" ")
    return ET.ElementTree(root)


def write_kml(events: Sequence[Event], path: str | os.PathLike[str], *,
              mentions: Sequence[Mention] = ()) -> Path:
    """Write the events as KML 2.2 (for Google Earth and GDAL's KML/LIBKML drivers); return ``path``.

    One folder ``strikes`` holds a Placemark per event: name = ``place``, an
    HTML description with the strike, date and evidence sentences (all text
    HTML-escaped, so evidence cannot inject markup), a ``TimeStamp`` when the
    date is known (Google Earth's time slider), a shared style per strike type
    (coloured circle, balloon showing the description only) and every property
    as ``ExtendedData``. ``mentions`` are not written.
    """
    target = Path(path)
    with atomic_path(target) as tmp:
        tree = _kml_tree(events, target.stem)
        tree.write(tmp, encoding="UTF-8", xml_declaration=True)
    return target


# --------------------------------------------------------------------------- CSV


#: CSV columns: every GIS property (``origin`` last), then the point as lat, lon and WKT.
CSV_COLUMNS: tuple[str, ...] = (*GIS_PROPERTIES, "lat", "lon", "wkt")


def write_csv(events: Sequence[Event], path: str | os.PathLike[str]) -> Path:
    """Write one CSV row per event (UTF-8, no BOM, header row) and return ``path``.

    Columns are :data:`CSV_COLUMNS`: the ``GIS_PROPERTIES`` (``doc_ids``
    joined with ``;``, ``evidence`` with `` | ``, ``event_date`` ISO or empty)
    then ``lat``, ``lon`` and ``wkt`` (``POINT (lon lat)``), which QGIS's
    delimited-text loader and GDAL's CSV driver both pick up as geometry.
    Text cells are made spreadsheet-safe (:func:`geomap.csvcell.safe_cell`: a
    leading ``'`` before ``= + - @``, tab or CR; at most 32,767 characters).
    """
    target = Path(path)
    with atomic_path(target) as tmp, tmp.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(CSV_COLUMNS)
        for index, event in enumerate(events):
            _check_event(index, event)
            row = _property_row(event)
            row["event_date"] = event.event_date or ""
            row["confidence"] = round(float(event.confidence), 3)
            lat, lon = round(float(event.lat), 6), round(float(event.lon), 6)
            # Article text, ids and URLs come from outside: never let a spreadsheet run them.
            writer.writerow([safe_cell(value) for value in
                             (*(row[key] for key in GIS_PROPERTIES), lat, lon, f"POINT ({lon} {lat})")])
    return target


# --------------------------------------------------------------------------- dispatch


def _csv_writer(events: Sequence[Event], path: str | os.PathLike[str], *,
                mentions: Sequence[Mention] = ()) -> Path:
    """:func:`write_csv` with the common writer signature (mentions are not written)."""
    return write_csv(events, path)


_Writer = Callable[..., Path]
_WRITERS: dict[str, _Writer] = {
    ".geojson": write_geojson,
    ".gpkg": write_gpkg,
    ".shp": write_shapefile,
    ".kml": write_kml,
    ".fgb": write_flatgeobuf,
    ".csv": _csv_writer,
}


def output_format(path: str | os.PathLike[str]) -> str:
    """Return ``path``'s lower-case extension if it is in :data:`FORMATS`; raise ``ValueError`` otherwise."""
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise ValueError(f"unsupported output format '{suffix}': use one of {', '.join(sorted(FORMATS))}")
    return suffix


def write_layers(events: Sequence[Event], path: str | os.PathLike[str], *,
                 mentions: Sequence[Mention] = ()) -> Path:
    """Write the events in the format named by ``path``'s extension (see :data:`FORMATS`); return the path.

    ``.geojson``, ``.gpkg``, ``.shp``, ``.kml``, ``.fgb`` and ``.csv`` are
    accepted (case-insensitively). ``mentions`` are written only to GeoPackage
    (layer ``mentions``); the other formats hold strikes only. Raises
    ``ValueError("unsupported output format '.xyz': use one of ...")`` for any
    other extension, and ``ValueError`` for an event that cannot be written;
    the target is never left half-written.
    """
    writer = _WRITERS[output_format(path)]
    return writer(events, path, mentions=mentions)

