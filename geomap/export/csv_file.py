"""CSV of the events: one row an event, the point as lat, lon and WKT."""


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

