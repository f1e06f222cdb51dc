"""CSV of the events: one row an event, the point as lat, lon and WKT, with ``.csvt`` and ``.prj`` sidecars.

The ``.csvt`` sidecar (one line of quoted column types, as GDAL's CSV driver
and QGIS's delimited-text reader read it) makes ``event_date`` a Date,
``confidence``, ``lat`` and ``lon`` Reals and ``wkt`` the geometry; the ``.prj``
says the coordinates are WGS 84 (EPSG:4326), so neither client has to guess.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Sequence
from pathlib import Path

from geomap.atomic import atomic_path
from geomap.csvcell import safe_cell
from geomap.export.common import GIS_PROPERTIES, _check_event, _property_row
from geomap.model import (
    Event,
)

# --------------------------------------------------------------------------- CSV


#: CSV columns: every GIS property (``origin`` last), then the point as lat, lon and WKT.
CSV_COLUMNS: tuple[str, ...] = (*GIS_PROPERTIES, "lat", "lon", "wkt")

#: The ``.csvt`` type of each CSV column (GDAL's names; the rest are String).
CSV_TYPES: dict[str, str] = {"event_date": "Date", "confidence": "Real", "lat": "Real", "lon": "Real",
                             "wkt": "WKT"}

#: WGS 84 as the WKT 1 that ``.prj`` files hold, with its EPSG code, so GDAL and QGIS know it as 4326.
WGS84_PRJ = ('GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,'
             'AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,'
             'AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],'
             'AUTHORITY["EPSG","4326"]]')


def write_csvt(path: str | os.PathLike[str]) -> Path:
    """Write the ``.csvt`` sidecar of :data:`CSV_COLUMNS` (one line of quoted GDAL types)."""
    target = Path(path)
    line = ",".join(f'"{CSV_TYPES.get(column, "String")}"' for column in CSV_COLUMNS)
    with atomic_path(target) as tmp:
        tmp.write_text(line + "\n", encoding="ascii")
    return target


def write_prj(path: str | os.PathLike[str]) -> Path:
    """Write a ``.prj`` sidecar saying WGS 84 (EPSG:4326)."""
    target = Path(path)
    with atomic_path(target) as tmp:
        tmp.write_text(WGS84_PRJ, encoding="ascii")
    return target


def write_csv(events: Sequence[Event], path: str | os.PathLike[str], *, sidecars: bool = True) -> Path:
    """Write one CSV row per event (UTF-8, no BOM, header row) and return ``path``.

    Columns are :data:`CSV_COLUMNS`: the ``GIS_PROPERTIES`` (``doc_ids``
    joined with ``;``, ``evidence`` with `` | ``, ``event_date`` ISO or empty)
    then ``lat``, ``lon`` and ``wkt`` (``POINT (lon lat)``), which QGIS's
    delimited-text loader and GDAL's CSV driver both pick up as geometry.
    With ``sidecars`` (the default) the ``.csvt`` and ``.prj`` beside it are
    written too (:func:`write_csvt`, :func:`write_prj`).
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
    if sidecars:
        write_csvt(target.with_suffix(".csvt"))
        write_prj(target.with_suffix(".prj"))
    return target

