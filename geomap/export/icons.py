"""The map's strike symbols as small PNG icons, drawn here (standard library only), for KMZ files.

Each icon is the HTML map's marker for one strike type, target group and
status (:mod:`geomap.plugins.symbols`): the shape of the group, the colour of
the strike type, fill and outline of the status (a dashed outline is drawn as
a dotted one). Pixels are sampled 4 × 4 per pixel, so edges are smooth.
"""

from __future__ import annotations

import math
import struct
import zlib

from geomap.plugins import symbols

#: Icon size in pixels (Google Earth scales icons of 32 px to its placemark size).
SIZE = 32
_SUB = 4  # samples per pixel side


def _rgb(colour: str) -> tuple[int, int, int]:
    value = colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def _inside_polygon(x: float, y: float, vertices: list[list[float]]) -> bool:
    inside = False
    j = len(vertices) - 1
    for i, (xi, yi) in enumerate(vertices):
        xj, yj = vertices[j]
        if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


def _edge_distance(x: float, y: float, vertices: list[list[float]]) -> float:
    best = math.inf
    for i, (ax, ay) in enumerate(vertices):
        bx, by = vertices[(i + 1) % len(vertices)]
        dx, dy = bx - ax, by - ay
        t = max(0.0, min(1.0, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy or 1.0)))
        best = min(best, math.hypot(x - ax - t * dx, y - ay - t * dy))
    return best


def _png(pixels: list[list[tuple[int, int, int, int]]]) -> bytes:
    """Encode rows of RGBA pixels as a PNG."""
    raw = b"".join(b"\x00" + bytes(v for pixel in row for v in pixel) for row in pixels)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", len(pixels[0]), len(pixels), 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + \
        chunk(b"IEND", b"")


def strike_icon(strike_type: str, group: str, status: str) -> bytes:
    """The PNG icon of a strike: the map's marker of that strike type, target group and status."""
    colour = symbols.colour_of(strike_type)
    style = symbols.status_style(status, colour)
    fill, fill_alpha = _rgb(style["fillColor"]), float(style["fillOpacity"])
    stroke, stroke_alpha = _rgb(style["color"]), float(style["opacity"])
    shape = symbols.shape_of(group)
    radius = SIZE / 2 - 3.0
    width = max(1.2, 1.2 * float(style["weight"]))
    dashed = bool(style["dashArray"])
    vertices = [[SIZE / 2 + vx * radius, SIZE / 2 + vy * radius]
                for vx, vy in symbols.SHAPE_VERTICES.get(shape, [])]
    rows = []
    for py in range(SIZE):
        row = []
        for px in range(SIZE):
            acc = [0.0, 0.0, 0.0, 0.0]
            for sy in range(_SUB):
                for sx in range(_SUB):
                    x, y = px + (sx + 0.5) / _SUB, py + (sy + 0.5) / _SUB
                    if vertices:
                        inside = _inside_polygon(x, y, vertices)
                        edge = _edge_distance(x, y, vertices)
                    else:
                        dist = math.hypot(x - SIZE / 2, y - SIZE / 2)
                        inside, edge = dist <= radius, abs(dist - radius)
                    angle = math.atan2(y - SIZE / 2, x - SIZE / 2)
                    on_dash = not dashed or int((angle + math.pi) / (2 * math.pi) * 16) % 2 == 0
                    if edge <= width / 2 and on_dash:
                        colour_here, alpha = stroke, stroke_alpha
                    elif inside:
                        colour_here, alpha = fill, fill_alpha
                    else:
                        continue
                    for k in range(3):
                        acc[k] += colour_here[k] * alpha
                    acc[3] += alpha
            n = _SUB * _SUB
            alpha = acc[3] / n
            if alpha <= 0:
                row.append((0, 0, 0, 0))
            else:
                row.append((*(round(acc[k] / acc[3]) for k in range(3)), round(255 * alpha)))  # type: ignore[misc]
        rows.append(row)
    return _png(rows)


__all__ = ["SIZE", "strike_icon"]
