#!/usr/bin/env python3
"""Build ``regions.geojson``: real oblast boundaries for Ukraine, approximate ones for Russia and Belarus.

Run after ``build_gazetteer.py`` (which writes the approximate Voronoi polygons of
every RU/UA/BY region to ``regions.geojson``)::

    python gazetteer/build_regions.py --ukraine PATH/ukraine-geo-data/geodata

Inputs:

* ``--ukraine``: the ``geodata`` folder of the GitHub repository
  `darmat1/ukraine-geo-data <https://github.com/darmat1/ukraine-geo-data>`_
  (OpenStreetMap administrative boundaries, ODbL): ``Ukraine.geojson`` (the 25
  oblasts and Crimea at admin level 4, each with its ``iso3166-2`` tag),
  ``kyyiv.geojson`` (the ten districts of Kyiv city) and
  ``avtonomna_respublika_krym.geojson`` (Crimea's raions). OSM draws Kyiv city
  inside Kyiv Oblast and Sevastopol inside Crimea; the build cuts them out:
  Kyiv city is the union of its districts, Sevastopol the part of Crimea that
  none of its raions covers (pieces under 0.001 square degrees dropped).
* ``regions.geojson`` as written by ``build_gazetteer.py``: the Russian and
  Belarusian regions (``approximate: true``; Voronoi cells of GeoNames places,
  no licensed polygon source for them was at hand: see ``README.md``).

What is done:

1. Russian and Belarusian polygons lose whatever overlaps Ukraine's real
   ones, and any overlap left between two of them goes to the first in ISO
   order, so no two regions overlap.
2. Chukotka, which crosses the antimeridian, is made one piece east of it
   (longitudes up to about 190°), so the layer's extent is the theatre, not the
   globe; ``geomap.plugins.regions`` also tries ``lon + 360`` for points there.
3. All polygons are simplified together as one coverage
   (``shapely.coverage_simplify``), so neighbours keep one shared edge; what
   overlap is left (the approximate polygons never shared vertices exactly) is
   resolved by cutting the plane along every boundary into faces and giving
   each face to one region (real polygons first), each sliver no region covers
   to the approximate neighbour that shares most of its edge. So no two
   regions overlap and none leaves a gap inside the area they cover (gaps
   along coasts and outer borders are outside it).

Each feature keeps ``region_id``, ``iso``, ``name``, ``country`` and
``approximate`` (false for Ukraine), and carries ``source`` and
``simplified: true`` (drawn as it is, without simplifying again). Output is
deterministic.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry import mapping, shape

HERE = Path(__file__).resolve().parent

#: Coverage simplification tolerance in degrees (about 2 km): compact, still recognisable.
TOLERANCE = 0.02
#: Decimals kept in coordinates (about 100 m).
DECIMALS = 3
#: Sevastopol's centre, to pick its piece out of "Crimea minus its raions".
SEVASTOPOL = shapely.Point(33.52, 44.6)
OSM_SOURCE = "OpenStreetMap (ODbL), via github.com/darmat1/ukraine-geo-data"
APPROX_SOURCE = "approximate: Voronoi cells of GeoNames places (CC BY 4.0)"


def _features(path: Path) -> list[dict[str, Any]]:
    return json.loads(path.read_text(encoding="utf-8"))["features"]


def _valid(geom: Any) -> Any:
    """Polygonal part of a geometry, made valid."""
    geom = shapely.make_valid(geom)
    parts = [p for p in shapely.get_parts(geom) if p.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(parts) if parts else shapely.Polygon()


def ukraine_polygons(folder: Path) -> dict[str, Any]:
    """ISO 3166-2 code -> polygon for Ukraine's 27 first-level units, from the OSM extracts."""
    polygons = {f["properties"]["iso3166-2"]: _valid(shape(f["geometry"]))
                for f in _features(folder / "Ukraine.geojson") if f["properties"].get("iso3166-2")}
    kyiv = _valid(shapely.union_all([shape(f["geometry"]) for f in _features(folder / "kyyiv.geojson")]))
    raions = _valid(shapely.union_all([shape(f["geometry"])
                                       for f in _features(folder / "avtonomna_respublika_krym.geojson")]))
    rest = shapely.get_parts(polygons["UA-43"].difference(raions))
    sevastopol = shapely.union_all([p for p in rest if p.area > 0.001 and p.distance(SEVASTOPOL) < 0.3])
    if sevastopol.is_empty or not sevastopol.contains(SEVASTOPOL):
        raise SystemExit("could not cut Sevastopol out of Crimea")
    polygons["UA-30"] = kyiv
    polygons["UA-32"] = _valid(polygons["UA-32"].difference(kyiv))
    polygons["UA-40"] = sevastopol
    polygons["UA-43"] = _valid(polygons["UA-43"].difference(sevastopol))
    return polygons


def _east_of_antimeridian(geom: Any) -> Any:
    """A polygon split at ±180° made one piece: its western-hemisphere parts moved by +360°."""
    parts = shapely.get_parts(geom)
    if not any(p.bounds[0] < -170 for p in parts) or not any(p.bounds[2] > 170 for p in parts):
        return geom
    moved = [shapely.transform(p, lambda xy: xy + [360.0, 0.0]) if p.bounds[2] <= 0 else p for p in parts]
    return _valid(shapely.union_all(moved))


def _rounded(coords: Any) -> Any:
    if coords and isinstance(coords[0], (int, float)):
        return [round(float(c), DECIMALS) for c in coords[:2]]
    return [_rounded(c) for c in coords]


def build(ukraine: Path, approx_path: Path) -> list[dict[str, Any]]:
    """Return the region features (RFC 7946 geometry, properties as described above)."""
    ua = ukraine_polygons(ukraine)
    approx = sorted(_features(approx_path), key=lambda f: f["properties"]["iso"])
    props: list[dict[str, Any]] = []
    geoms: list[Any] = []
    for feature in approx:
        p = feature["properties"]
        if p["country"] == "UA":
            if p["iso"] not in ua:
                raise SystemExit(f"no OSM polygon for {p['iso']} ({p['name']})")
            geom, exact = ua[p["iso"]], True
        else:
            geom, exact = _east_of_antimeridian(_valid(shape(feature["geometry"]))), False
        props.append({"region_id": p["region_id"], "iso": p["iso"], "name": p["name"],
                      "country": p["country"], "approximate": not exact,
                      "source": OSM_SOURCE if exact else APPROX_SOURCE, "simplified": True})
        geoms.append(geom)
    # 1. no overlaps: real polygons win over approximate ones, then ISO order
    taken = shapely.union_all([g for g, p in zip(geoms, props, strict=True) if not p["approximate"]])
    for i, p in enumerate(props):
        if p["approximate"]:
            geoms[i] = _valid(geoms[i].difference(taken))
            taken = taken.union(geoms[i])
    # 3. one coverage, simplified together
    simple = list(shapely.coverage_simplify(geoms, TOLERANCE))
    # The approximate polygons never shared vertices with their neighbours exactly, so the
    # simplified set can still overlap a little or leave slivers. Cut the plane along every
    # boundary (noded linework, polygonized into faces) and give each face to one region: the
    # first that covers it (real polygons first, then ISO order), or for a face no region covers
    # (a sliver between two of them) the approximate neighbour that shares most of its edge.
    # Regions are then unions of whole faces, so neighbours share their edges exactly.
    grid = 10 ** -DECIMALS
    simple = [_valid(shapely.set_precision(g, grid)) for g in simple]
    linework = shapely.union_all([g.boundary for g in simple if not g.is_empty])
    faces = list(shapely.get_parts(shapely.polygonize(shapely.get_parts(linework))))
    rank = {i: (props[i]["approximate"], props[i]["iso"]) for i in range(len(props))}
    tree = shapely.STRtree(simple)
    owned: dict[int, list[Any]] = {i: [] for i in range(len(props))}
    for face in faces:
        inside = face.representative_point()
        owners = [int(i) for i in tree.query(inside, predicate="within")]
        if owners:
            owned[min(owners, key=rank.__getitem__)].append(face)
            continue
        if face.area > 0.05:
            continue  # a real opening (a lake, a sea), not a sliver
        shares = [(shapely.length(shapely.intersection(face.boundary, simple[i].boundary)), i)
                  for i in (int(k) for k in tree.query(face, predicate="dwithin", distance=grid))
                  if props[i]["approximate"]]
        if shares:
            owned[max(shares)[1]].append(face)
    simple = [_valid(shapely.union_all(owned[i])) for i in range(len(props))]
    features = []
    for p, geom in zip(props, simple, strict=True):
        if geom.is_empty:
            print(f"note: region {p['iso']} vanished", file=sys.stderr)
            continue
        geom = shapely.geometry.polygon.orient(geom, 1.0) if geom.geom_type == "Polygon" else \
            shapely.MultiPolygon([shapely.geometry.polygon.orient(g, 1.0) for g in geom.geoms])
        drawn = mapping(geom)
        features.append({"type": "Feature", "properties": p,
                         "geometry": {"type": drawn["type"], "coordinates": _rounded(drawn["coordinates"])}})
    return features


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ukraine", type=Path, required=True,
                        help="the geodata folder of darmat1/ukraine-geo-data")
    parser.add_argument("--approx", type=Path, default=HERE / "regions.geojson",
                        help="approximate polygons as build_gazetteer.py writes them")
    parser.add_argument("--out", type=Path, default=HERE / "regions.geojson")
    args = parser.parse_args(argv)
    features = build(args.ukraine, args.approx)
    text = json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False,
                      separators=(",", ":"))
    args.out.write_text(text.replace('{"type":"Feature",', '\n{"type":"Feature",') + "\n", encoding="utf-8")
    exact = sum(not f["properties"]["approximate"] for f in features)
    print(f"regions.geojson  {len(features)} features ({exact} from OSM), {args.out.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
