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
import os
from functools import lru_cache
from pathlib import Path

import numpy as np

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
    # The folder is keyed by the variable that may move it, and looked for only on a miss.
    return _front_km(lat, lon, day, data_dir or os.environ.get("GEOMAP_GAZETTEER_DIR"))


@lru_cache(maxsize=1 << 16)
def _front_km(lat: float, lon: float, day: dt.date, where: Path | str | None) -> float | None:
    # Memoised: a run asks again and again about the same villages on the same days.
    data_dir = where if isinstance(where, Path) else _folder(where)
    segments = _active(day, data_dir)
    if segments is None:
        return None
    lat1, lon1, lat2, lon2 = segments
    # A plane tangent at the point (km east, km north) is exact enough over a few hundred km;
    # the distance from the point (the origin) to each segment, all at once.
    kx = 111.32 * math.cos(math.radians(lat))
    ax, ay = (lon1 - lon) * kx, (lat1 - lat) * 110.57
    dx, dy = (lon2 - lon) * kx - ax, (lat2 - lat) * 110.57 - ay
    length2 = dx * dx + dy * dy
    # A segment of no length has dx = dy = 0: t is 0 there, and the floor avoids 0 / 0.
    t = np.minimum(np.maximum(-(ax * dx + ay * dy) / np.maximum(length2, 1e-12), 0.0), 1.0)
    return float(np.hypot(ax + t * dx, ay + t * dy).min())


@lru_cache(maxsize=8)
def _folder(variable: str | None) -> Path:
    """The gazetteer folder while GEOMAP_GAZETTEER_DIR holds ``variable`` (found once: a run asks
    on every miss of :func:`_front_km`, tens of thousands of times on a large corpus)."""
    return settings.gazetteer_dir()


def _active(day: dt.date, data_dir: Path) -> tuple[np.ndarray, ...] | None:
    """The segments of the lines drawn for ``day`` as arrays lat1, lon1, lat2, lon2, or None when
    no line was drawn for it."""
    lines = _lines(data_dir)
    drawn = tuple(i for i, (start, end, _) in enumerate(lines) if start <= day <= end)
    return _segments(drawn, data_dir) if drawn else None


@lru_cache(maxsize=64)
def _segments(drawn: tuple[int, ...], data_dir: Path) -> tuple[np.ndarray, ...]:
    """The segments of lines ``drawn`` (indexes into :func:`_lines`) as four arrays; a lone point
    is a segment of no length."""
    out: list[tuple[float, float, float, float]] = []
    lines = _lines(data_dir)
    for i in drawn:
        points = lines[i][2]
        pairs = zip(points, points[1:], strict=False) if len(points) > 1 else [(points[0], points[0])]
        out += [(a[0], a[1], b[0], b[1]) for a, b in pairs]
    return tuple(np.array(column) for column in zip(*out, strict=True))
