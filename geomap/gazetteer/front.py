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
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from .. import settings

if TYPE_CHECKING:
    import numpy as np

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
    return fronts_km([(lat, lon, day)], data_dir)[0]


#: (lat, lon, lines drawn, folder) -> the distance (km) from the point to the nearest of the lines.
#: A run asks again and again about the same villages on days of the same lines; emptied when it
#: grows past _KNOWN_MAX (the answers never change).
_KNOWN: dict[tuple[float, float, tuple[int, ...], Path], float] = {}
_KNOWN_MAX = 1 << 18
#: Points worked out in one array: a few hundred segments each, a few MB at most.
_BATCH = 2048


def fronts_km(points: Iterable[tuple[float, float, dt.date]], data_dir: Path | None = None
              ) -> list[float | None]:
    """:func:`front_km` of each ``(lat, lon, day)``.

    Settling thousands of guesses asks about tens of thousands of villages and days, on far
    fewer sets of lines: each point is worked out once for the lines of its day, and those not
    known yet in one numpy call for all the points of the same lines. Each distance comes from
    the same operations, in the same order, as for a point alone (:func:`_front_km_alone`), so
    it is the very same float.
    """
    # The folder is keyed by the variable that may move it, and looked for only on a miss.
    where = data_dir or os.environ.get("GEOMAP_GAZETTEER_DIR")
    folder = where if isinstance(where, Path) else _folder(where)
    points = list(points)
    found: list[float | None] = []
    todo: dict[tuple[int, ...], dict[tuple[float, float], float]] = {}  # lines -> point -> km (to work out)
    lines: dict[dt.date, tuple[int, ...]] = {}  # (a call's points share few days)
    for lat, lon, day in points:
        drawn = lines.get(day)
        if drawn is None:
            drawn = lines[day] = _drawn(day, folder)
        km = _KNOWN.get((lat, lon, drawn, folder)) if drawn else None
        if km is None and drawn:
            todo.setdefault(drawn, {})[(lat, lon)] = math.nan
        found.append(km)
    if not todo:
        return found
    # numpy here, not at the top: a run whose points are all known (or that has none) never needs
    # it, and importing it costs some 300 M instructions of start-up (docs/scale.md).
    import numpy as np

    for drawn, spots in todo.items():
        lat1, lon1, lat2, lon2 = _segments(drawn, folder)
        listed = list(spots)
        for start in range(0, len(listed), _BATCH):
            chunk = listed[start:start + _BATCH]
            lat = np.array([p[0] for p in chunk])[:, None]
            lon = np.array([p[1] for p in chunk])[:, None]
            # A plane tangent at each point (km east, km north) is exact enough over a few hundred
            # km; the distance from the point (the origin) to each segment. math.cos, as for one
            # point (numpy's cosine may differ from it in the last bit).
            kx = np.array([111.32 * math.cos(math.radians(p[0])) for p in chunk])[:, None]
            ax, ay = (lon1 - lon) * kx, (lat1 - lat) * 110.57
            dx, dy = (lon2 - lon) * kx - ax, (lat2 - lat) * 110.57 - ay
            length2 = dx * dx + dy * dy
            # A segment of no length has dx = dy = 0: t is 0 there, and the floor avoids 0 / 0.
            t = np.minimum(np.maximum(-(ax * dx + ay * dy) / np.maximum(length2, 1e-12), 0.0), 1.0)
            spots.update(zip(chunk, np.hypot(ax + t * dx, ay + t * dy).min(axis=1).tolist(), strict=True))
    if len(_KNOWN) + sum(map(len, todo.values())) > _KNOWN_MAX:
        _KNOWN.clear()
    for drawn, spots in todo.items():
        _KNOWN.update(((lat, lon, drawn, folder), km) for (lat, lon), km in spots.items())
    for i, (lat, lon, day) in enumerate(points):
        if found[i] is None and (drawn := lines[day]):
            found[i] = todo[drawn][(lat, lon)]
    return found


def lines_drawn(day: dt.date, data_dir: Path | None = None) -> tuple[int, ...]:
    """Which lines were drawn for ``day`` (none: an empty tuple). The distances of a day are those
    of its lines: a caller may keep what it worked out from them by this key."""
    where = data_dir or os.environ.get("GEOMAP_GAZETTEER_DIR")
    return _drawn(day, where if isinstance(where, Path) else _folder(where))


def _front_km_alone(lat: float, lon: float, day: dt.date, data_dir: Path) -> float | None:
    """:func:`front_km` for one point, worked out alone (the tests compare it with :func:`fronts_km`)."""
    segments = _active(day, data_dir)
    if segments is None:
        return None
    import numpy as np  # (see fronts_km)

    lat1, lon1, lat2, lon2 = segments
    kx = 111.32 * math.cos(math.radians(lat))
    ax, ay = (lon1 - lon) * kx, (lat1 - lat) * 110.57
    dx, dy = (lon2 - lon) * kx - ax, (lat2 - lat) * 110.57 - ay
    length2 = dx * dx + dy * dy
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
    drawn = _drawn(day, data_dir)
    return _segments(drawn, data_dir) if drawn else None


@lru_cache(maxsize=4096)
def _drawn(day: dt.date, data_dir: Path) -> tuple[int, ...]:
    """The lines (indexes into :func:`_lines`) drawn for ``day``."""
    return tuple(i for i, (start, end, _) in enumerate(_lines(data_dir)) if start <= day <= end)


@lru_cache(maxsize=64)
def _segments(drawn: tuple[int, ...], data_dir: Path) -> tuple[np.ndarray, ...]:
    """The segments of lines ``drawn`` (indexes into :func:`_lines`) as four arrays; a lone point
    is a segment of no length."""
    import numpy as np  # (see fronts_km)

    out: list[tuple[float, float, float, float]] = []
    lines = _lines(data_dir)
    for i in drawn:
        points = lines[i][2]
        pairs = zip(points, points[1:], strict=False) if len(points) > 1 else [(points[0], points[0])]
        out += [(a[0], a[1], b[0], b[1]) for a, b in pairs]
    return tuple(np.array(column) for column in zip(*out, strict=True))
