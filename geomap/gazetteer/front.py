"""How far a place lay from the front on a given day: a prior for namesakes nothing else decides.

The front is ``front.tsv`` (built by ``gazetteer/build_front.py``): the contact line of each
period as the towns it ran through, and from 24 February 2022 on the border with Russia of the
oblasts Ukraine held along it. It is coarse (a few kilometres at its towns, tens between
them) and meant only to tell a namesake on the front from one far behind it.
"""

from __future__ import annotations

import csv
import datetime as dt
import math
from functools import lru_cache
from pathlib import Path

from .. import settings

#: The file of the dated front, in the gazetteer folder.
FRONT_FILE = "front.tsv"

_Line = tuple[dt.date, dt.date, tuple[tuple[float, float], ...]]


@lru_cache(maxsize=4)
def _lines(data_dir: Path) -> tuple[_Line, ...]:
    path = data_dir / FRONT_FILE
    if not path.exists():
        return ()
    points: dict[str, list[tuple[int, float, float]]] = {}
    spans: dict[str, tuple[dt.date, dt.date]] = {}
    with open(path, encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            points.setdefault(row["line"], []).append((int(row["seq"]), float(row["lat"]), float(row["lon"])))
            spans[row["line"]] = (dt.date.fromisoformat(row["from"]), dt.date.fromisoformat(row["to"]))
    return tuple((*spans[name], tuple((lat, lon) for _, lat, lon in sorted(pts)))
                 for name, pts in points.items())


def front_km(lat: float, lon: float, day: dt.date | None, data_dir: Path | None = None) -> float | None:
    """The distance (km) from a point to the nearest front line of ``day``; None when the day is
    unknown or no line was drawn for it."""
    if day is None:
        return None
    lines = [pts for start, end, pts in _lines(data_dir or settings.gazetteer_dir()) if start <= day <= end]
    if not lines:
        return None
    return min(_to_polyline_km(lat, lon, pts) for pts in lines)


def _to_polyline_km(lat: float, lon: float, points: tuple[tuple[float, float], ...]) -> float:
    # A plane tangent at the point (km east, km north) is exact enough over a few hundred km.
    kx = 111.32 * math.cos(math.radians(lat))
    xy = [((plon - lon) * kx, (plat - lat) * 110.57) for plat, plon in points]
    if len(xy) == 1:
        return math.hypot(*xy[0])
    return min(_to_segment(a, b) for a, b in zip(xy, xy[1:], strict=False))


def _to_segment(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Distance from the origin to the segment a-b."""
    (ax, ay), (bx, by) = a, b
    dx, dy = bx - ax, by - ay
    length2 = dx * dx + dy * dy
    t = 0.0 if length2 == 0 else max(0.0, min(1.0, -(ax * dx + ay * dy) / length2))
    return math.hypot(ax + t * dx, ay + t * dy)
