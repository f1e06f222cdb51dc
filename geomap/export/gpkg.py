"""GeoPackage: the event layers, the summary layers (facilities, regions) and the ``layer_styles`` table."""


import os
import sqlite3
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import shapely

from geomap.atomic import atomic_path
from geomap.export.common import (
    _CRS,
    ACLED_LAYER,
    DOC_ID_SEPARATOR,
    FACILITIES_LAYER,
    MENTIONS_LAYER,
    REGIONS_LAYER,
    STRIKES_LAYER,
    STYLES_TABLE,
    _check_all,
    _write_mentions_layer,
    _write_ogr,
    events_to_geodataframe,
)
from geomap.export.sld import layer_sld
from geomap.export.styles import LayerContent, combinations, layer_qml
from geomap.model import (
    STRIKE_TYPES,
    Event,
    Mention,
)
from geomap.plugins.regions import RegionIndex, load_regions

#: The GeoPackage version written (``VERSION`` creation option of GDAL's GPKG driver).
GPKG_VERSION = "1.2"



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
        # GeoPackage 1.2: what the GDAL (3.6) and QGIS (3.22) of Debian 12 read without a warning;
        # newer GDALs write 1.4 by default, which GDAL 3.6 says it "may only partially support".
        _write_ogr(tmp, events_to_geodataframe(text_events), driver="GPKG", layer=STRIKES_LAYER,
                   dataset_options={"VERSION": GPKG_VERSION})
        layers = [STRIKES_LAYER]
        if acled_events:
            _write_ogr(tmp, events_to_geodataframe(acled_events), driver="GPKG", layer=ACLED_LAYER)
            layers.append(ACLED_LAYER)
        if mentions:
            _write_mentions_layer(tmp, mentions, driver="GPKG")
            layers.append(MENTIONS_LAYER)
        facilities = _facilities_table(text_events)
        _write_table_layer(tmp, FACILITIES_LAYER, *facilities, geometry_type="Point")
        layers.append(FACILITIES_LAYER)
        region_table = _regions_table(events, load_regions(Path(regions)) if regions else load_regions())
        _write_table_layer(tmp, REGIONS_LAYER, *region_table, geometry_type="MultiPolygon")
        layers.append(REGIONS_LAYER)
        contents = {
            STRIKES_LAYER: LayerContent(combinations=_combinations(text_events)),
            ACLED_LAYER: LayerContent(combinations=_combinations(acled_events)),
            FACILITIES_LAYER: LayerContent(target_types=set(facilities[0]["target_type"])),
            REGIONS_LAYER: LayerContent(max_total=int(max(region_table[0]["total"], default=0))),
        }
        _write_layer_styles(tmp, layers, contents)
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
    from pyogrio.raw import write as _ogr_write  # (imported when written: see export.common)

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
    "first_date", "last_date", "approximate", "source",
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
    # 1 where the polygon is a rough sketch (no licensed boundary source), 0 for real boundaries
    columns["approximate"] = _counts([int(bool(props.get("approximate", True))) for props in regions.props])
    columns["source"] = _texts([str(props.get("source") or "") for props in regions.props])
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


def _combinations(events: Sequence[Event]) -> set[tuple[str, str, str]]:
    """The (strike type, target group, status) combinations of some events."""
    return combinations((e.strike_type, e.target_type, e.status) for e in events)


def _write_layer_styles(path: Path, layers: Sequence[str], contents: dict[str, LayerContent]) -> None:
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
                 layer_qml(layer, content=contents.get(layer)), layer_sld(layer, contents.get(layer)), 1,
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

