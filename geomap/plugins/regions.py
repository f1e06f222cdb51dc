"""Region boundaries from the gazetteer's ``regions.geojson``, and which event is in which.

``regions.geojson`` is a FeatureCollection of the first-level regions of the
theatre countries (properties ``region_id``, ``iso``, ``name``, ``country``,
``approximate``, ``source``, ``simplified``): Ukraine's from OpenStreetMap,
Russia's and Belarus's approximate (derived from GeoNames places), built by
``gazetteer/build_regions.py`` as one coverage without overlaps or gaps.

An event is given to a region, first match wins:

1. its ``place_id`` is the region itself (``iso3166-2:UA-63``);
2. its ``admin1`` names the region (the gazetteer writes region names exactly
   as ``regions.geojson`` does; other spellings, e.g. ACLED's "Kharkiv" for
   "Kharkiv Oblast", match once generic words such as "oblast" are dropped,
   and an ISO code such as ``UA-63`` matches too);
3. its point lies inside a region polygon (point-in-polygon with shapely);
4. its point lies within :data:`NEAR_DEG` of a region polygon (the polygons
   are approximate, so a coastal or border town may fall just outside).

Otherwise the event is in no region (it is still drawn, just not counted on
the region layer). A missing or unreadable file gives no regions, never an error.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from geomap import settings
from geomap.model import Event
from geomap.plugins.geojson_file import file_stamp, read_features

#: Simplification tolerance in degrees for the drawn polygons (about 1 km).
TOLERANCE = 0.01
#: Decimals kept in drawn coordinates.
DECIMALS = 3
#: How far (degrees) outside every polygon a point may lie and still be given the nearest region.
NEAR_DEG = 0.15

_GENERIC = re.compile(
    r"\b(oblast|oblast'|krai|kray|region|republic|of|the|autonomous|okrug|city|"
    r"область|край|республика|республіка|місто|город)\b")


def regions_path() -> Path:
    """Return where the region polygons are looked for."""
    return settings.gazetteer_dir() / "regions.geojson"


def _fold(text: str) -> str:
    """Lower-case, accent-free, generic-word-free form of a region name, for matching."""
    s = unicodedata.normalize("NFKD", str(text).casefold().replace("ё", "е"))
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = re.sub(r"[’'ʼ`\".,()]", "", s)
    s = _GENERIC.sub(" ", s.replace("-", " "))
    return " ".join(s.split())


class RegionIndex:
    """Region polygons with a name index and a spatial index, to give events their region.

    Parameters
    ----------
    features:
        GeoJSON features with ``region_id``, ``iso``, ``name`` and ``country`` properties.
    """

    def __init__(self, features: Sequence[dict[str, Any]]) -> None:
        from shapely import STRtree
        from shapely.geometry import shape

        self.ids: list[str] = []
        self.props: list[dict[str, Any]] = []
        self.geoms: list[Any] = []
        for feature in features:
            if not isinstance(feature, dict) or not feature.get("geometry"):
                continue
            props = feature.get("properties") or {}
            rid = str(props.get("region_id") or props.get("iso") or "")
            try:
                geom = shape(feature["geometry"])
            except (ValueError, TypeError, AttributeError, KeyError):
                continue
            if not rid or geom.is_empty or geom.geom_type not in ("Polygon", "MultiPolygon"):
                continue
            if not geom.is_valid:
                geom = geom.buffer(0)
            self.ids.append(rid)
            self.props.append(props)
            self.geoms.append(geom)
        self.tree = STRtree(self.geoms)
        self._by_id = {rid: k for k, rid in enumerate(self.ids)}
        names: dict[str, list[int]] = {}
        for k, props in enumerate(self.props):
            for key in {str(props.get("name") or ""), str(props.get("iso") or "")}:
                if key:
                    names.setdefault(key, []).append(k)
            folded = _fold(props.get("name") or "")
            if folded:
                names.setdefault("~" + f"{props.get('country', '')}|{folded}", []).append(k)
                names.setdefault("~|" + folded, []).append(k)
        self._names = {key: ks[0] for key, ks in names.items() if len(set(ks)) == 1}

    def __len__(self) -> int:
        return len(self.ids)

    def by_name(self, admin1: str, country: str = "") -> int:
        """Return the index of the region ``admin1`` names (exactly, or folded), or -1."""
        if not admin1:
            return -1
        k = self._names.get(admin1)
        if k is None:
            folded = _fold(admin1)
            k = self._names.get(f"~{country}|{folded}") if country else None
            if k is None:
                k = self._names.get("~|" + folded)
        return -1 if k is None else k

    def locate_all(self, events: Sequence[Event]) -> list[int]:
        """Return each event's region index (-1 for none), by the rules of the module docstring."""
        out = [-1] * len(events)
        if not self.ids:
            return out
        todo = []
        for i, ev in enumerate(events):
            k = self._by_id.get(str(ev.place_id or ""), -1)
            if k < 0:
                k = self.by_name(str(ev.admin1 or ""), str(ev.country or ""))
            if k >= 0:
                out[i] = k
            else:
                todo.append(i)
        if todo:
            import shapely

            points = shapely.points([(float(events[i].lon), float(events[i].lat)) for i in todo])
            # A region across the antimeridian (Chukotka) is stored east of it, at lon > 180.
            east = shapely.points([(float(events[i].lon) + 360.0, float(events[i].lat)) for i in todo])
            for candidates in (points, east):
                pts_idx, geom_idx = self.tree.query(candidates, predicate="within")
                for p, g in zip(pts_idx.tolist(), geom_idx.tolist(), strict=True):
                    i = todo[p]
                    if out[i] < 0:
                        out[i] = g
            rest = [p for p, i in enumerate(todo) if out[i] < 0]
            if rest:
                near_pts, near_geoms = self.tree.query_nearest(points[rest], max_distance=NEAR_DEG)
                for p, g in zip(near_pts.tolist(), near_geoms.tolist(), strict=True):
                    i = todo[rest[p]]
                    if out[i] < 0:
                        out[i] = g
        return out

    def feature(self, k: int) -> dict[str, Any]:
        """Return region ``k`` as a small, simplified GeoJSON feature for drawing.

        Properties: ``region_id``, ``iso``, ``name``, ``country``, ``approximate``
        and ``label`` ([lat, lon] of a point inside it, where its count is shown).
        """
        from shapely.geometry import mapping

        geom = self.geoms[k]
        props = self.props[k]
        # Polygons the build already simplified as one coverage are drawn as they are: simplifying
        # each again on its own would open gaps and overlaps between neighbours.
        simple = geom if props.get("simplified") else geom.simplify(TOLERANCE, preserve_topology=True)
        if simple.is_empty:
            simple = geom
        point = geom.representative_point()
        drawn = mapping(simple)
        return {
            "type": "Feature",
            "properties": {
                "region_id": self.ids[k],
                "iso": str(props.get("iso") or ""),
                "name": str(props.get("name") or ""),
                "country": str(props.get("country") or ""),
                "approximate": bool(props.get("approximate", True)),
                "label": [round(point.y, 3), round(point.x, 3)],
            },
            "geometry": {"type": drawn["type"], "coordinates": _round(drawn["coordinates"])},
        }


def _round(coords: Any) -> Any:
    if coords and isinstance(coords[0], (int, float)):
        return [round(float(c), DECIMALS) for c in coords[:2]]
    return [_round(c) for c in coords]


def load_regions(path: Path | None = None) -> RegionIndex | None:
    """Return the :class:`RegionIndex` of ``regions.geojson`` (cached), or None if it is unusable."""
    stamp = file_stamp(regions_path() if path is None else Path(path))
    return _load_cached(*stamp) if stamp else None


@functools.lru_cache(maxsize=4)
def _load_cached(path: str, _mtime: int, _size: int) -> RegionIndex | None:
    features = read_features(path, "region layer")
    if features is None:
        return None
    index = RegionIndex(features)
    return index if len(index) else None


__all__ = ["NEAR_DEG", "RegionIndex", "load_regions", "regions_path"]
