"""ESRI Shapefile, through GDAL: ten-character field names, 254-byte text."""


import contextlib
import csv
import os
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path

from geomap.atomic import atomic_path
from geomap.csvcell import safe_cell
from geomap.export.common import _DBF_MAX_BYTES, SHAPEFILE_FIELDS, _write_ogr, events_to_geodataframe
from geomap.model import (
    Event,
    Mention,
)


def _truncate_utf8(text: str, limit: int) -> str:
    """Cut ``text`` to at most ``limit`` UTF-8 bytes on a character boundary, marking a cut with '…'."""
    if len(text.encode("utf-8")) <= limit:
        return text
    room = limit - len("…".encode())
    cut = text.encode("utf-8")[:room].decode("utf-8", errors="ignore")
    return cut + "…"


_SHAPEFILE_SIDECARS = (".shp", ".shx", ".dbf", ".prj", ".cpg")
#: The sidecar holding every event's text fields uncut (dBASE cuts them at 254 bytes).
TEXT_SIDECAR_SUFFIX = ".text.csv"
#: Its columns: the id to join on, then the text fields a dBASE field may cut.
TEXT_SIDECAR_FIELDS: tuple[str, ...] = ("event_id", "place", "place_name", "admin1", "source", "doc_ids",
                                        "evidence")
_SHAPEFILE_STALE = (".qix", ".sbn", ".sbx")


def write_shapefile(events: Sequence[Event], path: str | os.PathLike[str], *,
                    mentions: Sequence[Mention] = ()) -> Path:
    """Write the events as an ESRI Shapefile and return the ``.shp`` path.

    Field names follow :data:`SHAPEFILE_FIELDS` (dBASE allows ten characters);
    ``event_date`` is a dBASE date, ``confidence`` a number. Text is UTF-8,
    declared in a ``.cpg``; the ``.prj`` holds EPSG:4326. dBASE text fields
    hold at most 254 bytes, so longer values (usually ``evidence``) are cut,
    ending in "…"; the full text of every event stays in the sidecar
    ``<name>.text.csv`` (``event_id`` and each text field uncut, UTF-8; join
    it on ``event_id``) and in the GeoJSON and GeoPackage. The files are
    written in a temporary folder beside the target and each is then moved onto its final name through
    :func:`atomic_path`; stale spatial indexes (``.qix``, ``.sbn``, ``.sbx``) of
    a replaced shapefile are removed. ``mentions`` are not written.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    gdf = events_to_geodataframe(events)
    full_text = {column: [str(v) for v in gdf[column]] for column in TEXT_SIDECAR_FIELDS}
    for column in gdf.columns:
        if column not in (gdf.geometry.name, "event_date", "confidence"):
            gdf[column] = [_truncate_utf8(str(v), _DBF_MAX_BYTES) for v in gdf[column]]
    workdir = Path(tempfile.mkdtemp(prefix=f".{target.stem}.", dir=target.parent))
    try:
        inner = workdir / target.name
        _write_ogr(inner, gdf, driver="ESRI Shapefile", layer=target.stem,
                   layer_options={"ENCODING": "UTF-8", "SPATIAL_INDEX": "NO"}, rename=SHAPEFILE_FIELDS)
        with (workdir / f"{target.stem}{TEXT_SIDECAR_SUFFIX}").open("w", encoding="utf-8", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(TEXT_SIDECAR_FIELDS)
            for row in zip(*(full_text[c] for c in TEXT_SIDECAR_FIELDS), strict=True):
                writer.writerow([safe_cell(value) for value in row])
        written = sorted(p for p in workdir.iterdir() if p.name.split(".")[0] == target.stem)
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

