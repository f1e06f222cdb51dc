"""Shared by every export format: the field tables, the checks an event passes, the GDAL helpers."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import shapely

from geomap.model import (
    EVENT_PROPERTIES,
    Event,
    Mention,
)
from geomap.plugins import symbols

if TYPE_CHECKING:
    import geopandas

# geopandas (with pandas) and pyogrio are imported by the writers that use them: ``geomap extract``
# writes GeoJSON without them, and their import cost a run about 70 MB of peak memory and half a
# second of start-up (docs/scale.md).

#: Output formats ``geomap export`` accepts: file extension -> what is written.
FORMATS: dict[str, str] = {
    ".geojson": "GeoJSON (RFC 7946, lists kept as JSON arrays; read back by read_events)",
    ".gpkg": "GeoPackage (GDAL GPKG; layers strikes, acled, mentions, facilities, regions; QGIS styles)",
    ".shp": "ESRI Shapefile (GDAL; UTF-8 .cpg, .prj; field names cut to 10 characters)",
    ".kml": "KML 2.2 for Google Earth (one style per strike type)",
    ".kmz": "KMZ for Google Earth (the map's symbols as icons inside, shown offline)",
    ".fgb": "FlatGeobuf (GDAL; with spatial index)",
    ".csv": "CSV (UTF-8, header row; lat, lon and wkt columns; .csvt and .prj sidecars)",
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
    import geopandas
    import pandas as pd

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
    dataset_options: dict[str, str] | None = None,
    rename: dict[str, str] | None = None,
) -> None:
    """Write an events GeoDataFrame as one point layer through GDAL.

    ``rename`` maps column names to the field names written (Shapefile).
    """
    from pyogrio.raw import write as _ogr_write

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
        dataset_options=dataset_options,
    )


def _write_mentions_layer(path: Path, mentions: Sequence[Mention], *, driver: str) -> None:
    """Add a ``mentions`` point layer (one per mention, with its ``reason``) to a GDAL dataset."""
    from pyogrio.raw import write as _ogr_write

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

