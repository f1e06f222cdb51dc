#!/usr/bin/env python3
"""Build ``front.tsv``: a coarse, dated front (contact lines and the Russian border) for namesakes.

A coded note such as "Russian forces shelled near Mykhailivka, Kherson oblast" leaves
namesakes inside the oblast that nothing in the text tells apart. Shelling, mortars and
ground fighting fall near the line of contact or the border with Russia, so the namesake
near that line is the likelier one (``geomap.gazetteer.front``). No openly licensed, dated
contact-line data set was found for this (DeepStateMap's own terms are not an open licence
and its GitHub mirrors start in 2024 with none stated), so the line is written here by hand,
coarsely, as the towns it ran through:

* ``front_towns.tsv`` (hand-written): for each period (``from``-``to``, both days
  included) the towns the contact line ran through or beside, in order along the line, each
  with its oblast and a rough point written from memory. These are facts of public record
  (the Minsk line of contact of February 2015 to February 2022; the front after the Russian
  withdrawal from the north in April 2022; after the Kharkiv counter-offensive of
  September 2022; after the Russian withdrawal from the right bank of the Dnipro in November
  2022; after the fall of Avdiivka in February 2024), not any data set's coordinates. The
  March 2022 fronts north of Kyiv, Chernihiv and Sumy are not drawn.
* Each town is taken from the gazetteer (GeoNames, CC BY 4.0): the place of that name in
  that oblast nearest the rough point, within ``SNAP_KM``; the build fails on a town it
  cannot find, so a typo never moves the line.
* ``border``: the land border with Russia of the oblasts Ukraine held along it (Chernihiv and
  Sumy from the Russian withdrawal of early April 2022, Kharkiv from the counter-offensive of
  September 2022: shelled across it day after day since; Luhansk's and Donetsk's border lies
  behind the Russian lines), the edges that those oblast polygons of
  ``regions.geojson`` (OpenStreetMap, ODbL) share with the Russian ones, thinned to a point
  every ``BORDER_STEP_KM`` or so.

The line is good to a few kilometres where a town stands on it and to a few tens between
towns: enough to tell a namesake on the front from one 80 km behind it, not to draw a map.

Columns of ``front.tsv``: ``line  from  to  seq  name  place_id  lat  lon``.

Run: ``python gazetteer/build_front.py`` (reads the committed gazetteer files only).
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from shapely.geometry import shape  # noqa: E402
from shapely.ops import linemerge, unary_union  # noqa: E402

from geomap.gazetteer import Gazetteer, distance_km  # noqa: E402

#: Farthest (km) a town's gazetteer point may lie from the rough point written for it.
SNAP_KM = 20.0
#: About how far apart (km) the points of the border line are kept.
BORDER_STEP_KM = 5.0
#: The oblasts whose border with Russia is front, and from which day: Chernihiv and Sumy once the
#: Russian forces had left them (early April 2022), Kharkiv once the counter-offensive of
#: September 2022 had reached the border.
BORDER_FROM = {"UA-74": "2022-04-05", "UA-59": "2022-04-05", "UA-63": "2022-09-06"}
BORDER_TO = "2099-12-31"
#: Oblast and Russian region edges closer than this (degrees) are one border.
_SHARED_DEG = 0.01


def town_rows(gazetteer: Gazetteer, source: Path) -> list[list[str]]:
    """The rows of the hand-written lines, each town at its gazetteer point."""
    rows: list[list[str]] = []
    seq: dict[str, int] = {}
    with open(source, encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            lat, lon = float(row["lat"]), float(row["lon"])
            towns = [c.place for c in gazetteer.candidates(row["name"])
                     if c.place.kind == "town" and c.place.admin1 == row["admin1"]]
            near = sorted(towns, key=lambda p: distance_km(p.lat, p.lon, lat, lon))
            if not near or distance_km(near[0].lat, near[0].lon, lat, lon) > SNAP_KM:
                raise SystemExit(f"{source}: {row['name']} ({row['admin1']}) not found within "
                                 f"{SNAP_KM:.0f} km of {lat}, {lon}")
            place = near[0]
            n = seq[row["line"]] = seq.get(row["line"], -1) + 1
            rows.append([row["line"], row["from"], row["to"], str(n), row["name"], place.id,
                         f"{place.lat:.5f}", f"{place.lon:.5f}"])
    return rows


def border_rows(regions: Path) -> list[list[str]]:
    """The land border with Russia of the oblasts of :data:`BORDER_FROM`, as lines of points."""
    with open(regions, encoding="utf-8") as fh:
        features = json.load(fh)["features"]
    russia = unary_union([shape(f["geometry"]) for f in features if f["properties"]["country"] == "RU"])
    shared = russia.buffer(_SHARED_DEG)
    rows: list[list[str]] = []
    for feature in features:
        iso = feature["properties"]["iso"]
        if iso not in BORDER_FROM:
            continue
        edges = shape(feature["geometry"]).boundary.intersection(shared)
        merged = linemerge(edges) if edges.geom_type != "LineString" else edges
        lines = [g for g in getattr(merged, "geoms", [merged]) if g.length >= 0.05]  # no slivers
        for i, line in enumerate(sorted(lines, key=lambda g: -g.length)):
            points = list(line.coords)
            kept = [points[0]]
            for lon, lat in points[1:-1]:
                if distance_km(kept[-1][1], kept[-1][0], lat, lon) >= BORDER_STEP_KM:
                    kept.append((lon, lat))
            kept.append(points[-1])
            for n, (lon, lat) in enumerate(kept):
                rows.append([f"border-{iso}-{i}", BORDER_FROM[iso], BORDER_TO, str(n), "", "",
                             f"{lat:.5f}", f"{lon:.5f}"])
    return rows


def front_rows(gazetteer: Gazetteer, folder: Path = HERE) -> list[list[str]]:
    """Every row of ``front.tsv`` (without the header), from the files of ``folder``."""
    return town_rows(gazetteer, folder / "front_towns.tsv") + border_rows(folder / "regions.geojson")


def main() -> None:
    rows = front_rows(Gazetteer(HERE, cache=False))
    out = HERE / "front.tsv"
    tmp = out.with_suffix(".tmp")
    with open(tmp, "w", encoding="utf-8", newline="") as fh:
        fh.write("line\tfrom\tto\tseq\tname\tplace_id\tlat\tlon\n")
        for row in rows:
            fh.write("\t".join(row) + "\n")
    tmp.replace(out)
    print(f"{out}: {len(rows)} points, {len({r[0] for r in rows})} lines")


if __name__ == "__main__":
    main()
