"""FlatGeobuf, through GDAL, with a spatial index."""


import os
from collections.abc import Sequence
from pathlib import Path

from geomap.atomic import atomic_path
from geomap.export.common import STRIKES_LAYER, _write_ogr, events_to_geodataframe
from geomap.model import (
    Event,
    Mention,
)


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

