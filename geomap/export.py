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
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import geopandas
import numpy as np
import pandas as pd
import shapely
from pyogrio.raw import write as _ogr_write

from geomap.atomic import atomic_path
from geomap.model import EVENT_PROPERTIES, STRIKE_TYPES, Event, Mention

#: Output formats ``geomap export`` accepts: file extension -> what is written.
FORMATS: dict[str, str] = {
    ".geojson": "GeoJSON (RFC 7946, lists kept as JSON arrays; read back by read_events)",
    ".gpkg": "GeoPackage (GDAL GPKG; layer 'strikes', plus 'mentions' when given)",
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
}

#: Name of the events layer in GeoPackage and KML outputs.
STRIKES_LAYER = "strikes"
#: Name of the mentions layer in GeoPackage outputs.
MENTIONS_LAYER = "mentions"

_CRS = "EPSG:4326"
_MENTION_FIELDS: tuple[str, ...] = (
    "place", "place_name", "place_id", "country", "reason", "doc_id", "source", "sentence",
)
#: dBASE character fields hold at most 254 bytes.
_DBF_MAX_BYTES = 254
_KML_NS = "http://www.opengis.net/kml/2.2"
_KML_ICON = "https://maps.google.com/mapfiles/kml/shapes/placemark_circle.png"
#: Marker colour (RGB hex) per strike type in KML.
_STRIKE_COLORS: dict[str, str] = {
    "drone": "ff7f0e",
    "missile": "d62728",
    "airstrike": "9467bd",
    "artillery": "8c564b",
    "glide_bomb": "e377c2",
    "sabotage": "17becf",
    "unknown": "7f7f7f",
}
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
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise ValueError(f"{label}: event_date is not an ISO date (YYYY-MM-DD): {value!r}") from None


def _check_all(events: Sequence[Event]) -> None:
    """Check every event with :func:`_check_event`."""
    for index, event in enumerate(events):
        _check_event(index, event)


# --------------------------------------------------------------------------- tables


def _joined(values: Sequence[str], separator: str) -> str:
    """Join a list property into one text value."""
    return separator.join(str(v) for v in values)


def _property_row(event: Event) -> dict[str, Any]:
    """Return one event's properties in ``EVENT_PROPERTIES`` order, lists joined as text."""
    row: dict[str, Any] = {key: getattr(event, key) for key in EVENT_PROPERTIES}
    for key, value in row.items():
        if key not in ("event_date", "confidence"):
            row[key] = "" if value is None else str(value)
    row["doc_ids"] = _joined(event.doc_ids, DOC_ID_SEPARATOR)
    row["evidence"] = _joined(event.evidence, EVIDENCE_SEPARATOR)
    row["confidence"] = float(event.confidence)
    return row


def events_to_geodataframe(events: Sequence[Event]) -> geopandas.GeoDataFrame:
    """Return the events as a point GeoDataFrame in EPSG:4326.

    Columns are ``model.EVENT_PROPERTIES`` in order, then ``geometry``
    (``Point(lon, lat)``). ``doc_ids`` are joined with ``;`` and ``evidence``
    sentences with `` | `` (text, as every GIS format needs); ``event_date``
    is a ``datetime64[s]`` column at midnight (``NaT`` where the date is
    unknown); ``confidence`` is ``float64``; the other columns are text.

    Raises ``ValueError`` for an event with bad coordinates, an ``event_date``
    that is not ``YYYY-MM-DD``, or a confidence that is not a finite number.
    """
    _check_all(events)
    rows = [_property_row(event) for event in events]
    frame = pd.DataFrame(rows, columns=list(EVENT_PROPERTIES))
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
    """Return an event's GeoJSON Feature; ``id`` is the event_id, left out when empty."""
    feature = event.to_feature()
    if not feature.get("id"):
        feature.pop("id", None)
    return feature


def write_geojson(events: Sequence[Event], path: str | os.PathLike[str], *,
                  mentions: Sequence[Mention] = ()) -> Path:
    """Write the events as an RFC 7946 GeoJSON FeatureCollection and return ``path``.

    Coordinates are lon/lat (WGS84, no ``crs`` member); each Feature comes from
    :meth:`Event.to_feature` (properties in ``EVENT_PROPERTIES`` order plus
    ``sources``; ``doc_ids``, ``evidence`` and ``sources`` stay JSON lists) with
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
               mentions: Sequence[Mention] = ()) -> Path:
    """Write the events as a GeoPackage and return ``path``.

    Layer ``strikes`` holds one point per event (EPSG:4326) with the
    ``EVENT_PROPERTIES`` fields: ``event_date`` DATE (null when unknown),
    ``confidence`` REAL, the rest TEXT (``doc_ids`` joined with ``;``,
    ``evidence`` with `` | ``). When ``mentions`` are given, layer ``mentions``
    holds them, with the ``reason`` each is not a strike. An existing file is
    replaced as a whole, atomically.
    """
    target = Path(path)
    with atomic_path(target) as tmp:
        gdf = events_to_geodataframe(events)
        _write_ogr(tmp, gdf, driver="GPKG", layer=STRIKES_LAYER)
        if mentions:
            _write_mentions_layer(tmp, mentions, driver="GPKG")
    return target


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
        icon = _sub(icon_style, "Icon")
        _sub(icon, "href", _KML_ICON)
        label_style = _sub(style, "LabelStyle")
        _sub(label_style, "scale", "0.8")
        # show only the escaped description, never raw ExtendedData, in the balloon
        _sub(_sub(style, "BalloonStyle"), "text", "$[description]")
    schema = _sub(document, "Schema", name=STRIKES_LAYER, id=STRIKES_LAYER)
    for key in EVENT_PROPERTIES:
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
        for key in EVENT_PROPERTIES:
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


#: CSV columns: every event property, then the point as lat, lon and WKT.
CSV_COLUMNS: tuple[str, ...] = (*EVENT_PROPERTIES, "lat", "lon", "wkt")


def write_csv(events: Sequence[Event], path: str | os.PathLike[str]) -> Path:
    """Write one CSV row per event (UTF-8, no BOM, header row) and return ``path``.

    Columns are :data:`CSV_COLUMNS`: the ``EVENT_PROPERTIES`` (``doc_ids``
    joined with ``;``, ``evidence`` with `` | ``, ``event_date`` ISO or empty)
    then ``lat``, ``lon`` and ``wkt`` (``POINT (lon lat)``), which QGIS's
    delimited-text loader and GDAL's CSV driver both pick up as geometry.
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
            writer.writerow([*(row[key] for key in EVENT_PROPERTIES), lat, lon, f"POINT ({lon} {lat})"])
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

