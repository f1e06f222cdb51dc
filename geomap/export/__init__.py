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

import os
from collections.abc import Callable, Sequence
from pathlib import Path

from geomap.acled import write_acled_csv as write_acled_csv  # re-exported
from geomap.export.common import (
    ACLED_LAYER,
    DOC_ID_SEPARATOR,
    EVIDENCE_SEPARATOR,
    FACILITIES_LAYER,
    FORMATS,
    GIS_PROPERTIES,
    MENTIONS_LAYER,
    REGIONS_LAYER,
    SCHEMA_VERSION,
    SHAPEFILE_FIELDS,
    STRIKES_LAYER,
    STYLES_TABLE,
    events_to_geodataframe,
)
from geomap.export.csv_file import CSV_COLUMNS, CSV_TYPES, write_csv, write_csvt, write_prj
from geomap.export.flatgeobuf import write_flatgeobuf
from geomap.export.geojson import read_events, write_geojson
from geomap.export.gpkg import FACILITY_FIELDS, REGION_FIELDS, write_gpkg
from geomap.export.kml import write_kml, write_kmz
from geomap.export.shapefile import write_shapefile
from geomap.export.sld import layer_sld
from geomap.export.styles import layer_qml
from geomap.model import Event, Mention

__all__ = [
    "ACLED_LAYER", "CSV_COLUMNS", "DOC_ID_SEPARATOR", "EVIDENCE_SEPARATOR", "FACILITIES_LAYER",
    "FACILITY_FIELDS", "FORMATS", "GIS_PROPERTIES", "MENTIONS_LAYER", "REGIONS_LAYER", "REGION_FIELDS",
    "SCHEMA_VERSION", "SHAPEFILE_FIELDS", "STRIKES_LAYER", "STYLES_TABLE", "events_to_geodataframe",
    "layer_qml", "layer_sld", "output_format", "read_events", "write_acled_csv", "write_csv",
    "write_flatgeobuf", "write_kmz", "write_csvt", "write_prj", "CSV_TYPES",
    "write_geojson", "write_gpkg", "write_kml", "write_layers", "write_shapefile",
]

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
    ".kmz": write_kmz,
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

