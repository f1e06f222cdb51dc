"""The map's symbol vocabulary: colour by strike type, shape by target group, fill by status.

This module is the single source of truth for how an event looks. The same
tables are sent to the page's JavaScript (which draws the markers on a canvas)
and used here to draw the legend's SVG swatches, so legend and map cannot
drift apart.

Colours are the Okabe–Ito palette (safe for the common colour-vision
deficiencies); shapes are regular polygons given as unit vertices, drawn the
same way by canvas and SVG.
"""

from __future__ import annotations

import html
import math
from typing import Any

from geomap.model import STATUSES

#: Okabe–Ito colours by strike type; anything unlisted is drawn in ``FALLBACK_COLOUR``.
STRIKE_COLOURS: dict[str, str] = {
    "drone": "#D55E00",       # vermillion
    "missile": "#0072B2",     # blue
    "airstrike": "#CC79A7",   # reddish purple
    "artillery": "#009E73",   # bluish green
    "glide_bomb": "#56B4E9",  # sky blue
    "sabotage": "#E69F00",    # orange
    "unknown": "#6E6E6E",     # grey
}
FALLBACK_COLOUR = "#6E6E6E"

#: Marker shape by target group (see :data:`geomap.model.TARGET_GROUPS`).
GROUP_SHAPES: dict[str, str] = {
    "oil": "circle",
    "energy": "triangle",
    "industry": "square",
    "military": "diamond",
    "transport": "triangle_down",
    "civilian": "star",
    "unknown": "pentagon",
}
FALLBACK_SHAPE = "pentagon"

#: Human labels for the vocabularies (a value with no label is shown with "_" as space).
LABELS: dict[str, str] = {
    "glide_bomb": "glide bomb",
    "oil_depot": "oil depot",
    "pumping_station": "pumping station",
    "gas_facility": "gas facility",
    "power_plant": "power plant",
    "energy_other": "energy (other)",
    "civilian_other": "civilian (other)",
    "hit": "hit",
    "intercepted": "intercepted / shot down",
    "claimed": "claimed (unconfirmed)",
    "unknown": "unknown",
    "text": "read from text",
    "acled": "coded by ACLED",
}

#: Marker radius in CSS pixels.
RADIUS = 8

#: Where an event comes from: read from text by geomap, or coded by ACLED (imported).
ORIGINS: tuple[str, ...] = ("text", "acled")
#: How each origin changes the symbol: ``scale`` of the radius, and ``ring`` -- a thin
#: black circle drawn around the symbol (ACLED events are smaller and ringed, so
#: they stay distinct from text-extracted events whatever their colour, shape or fill).
ORIGIN_STYLES: dict[str, dict[str, Any]] = {
    "text": {"scale": 1.0, "ring": False},
    "acled": {"scale": 0.7, "ring": True},
}
#: Radius of the ring around an ACLED symbol, as a multiple of its (scaled) radius.
RING = 1.6

#: How far (metres) an event may be from its point, by how precisely it was located
#: (``geo_precision``): a facility to within its grounds, a town or village to within its
#: built-up area, a district or region to within its extent (typical raion and oblast
#: radii), a country to within a large part of it. The map draws this circle around a
#: selected event.
UNCERTAINTY_M = {"facility": 1_000, "town": 5_000, "district": 25_000, "region": 120_000,
                 "country": 400_000}

#: Fill of the region layer, few to many strikes (ColorBrewer "Purples", sequential and
#: colour-blind safe; purple is kept clear of the strike colours drawn on top).
REGION_RAMP: tuple[str, ...] = ("#efedf5", "#cbc9e2", "#9e9ac8", "#756bb1", "#54278f")


def label(value: str) -> str:
    """Return the display label of a vocabulary value."""
    return LABELS.get(value, value.replace("_", " "))


def _regular(n: int, rotate_deg: float, scale: float = 1.0) -> list[list[float]]:
    """Vertices of a regular n-gon of circumradius ``scale``, y pointing down (screen)."""
    out = []
    for k in range(n):
        a = math.radians(rotate_deg + 360.0 * k / n)
        out.append([round(scale * math.cos(a), 4), round(scale * math.sin(a), 4)])
    return out


def _star(points: int = 5, inner: float = 0.5) -> list[list[float]]:
    out = []
    for k in range(points * 2):
        r = 1.15 if k % 2 == 0 else 1.15 * inner
        a = math.radians(-90 + 180.0 * k / points)
        out.append([round(r * math.cos(a), 4), round(r * math.sin(a), 4)])
    return out


#: Unit vertices (multiples of the radius) of each non-circle shape, screen y down.
SHAPE_VERTICES: dict[str, list[list[float]]] = {
    "square": [[-0.85, -0.85], [0.85, -0.85], [0.85, 0.85], [-0.85, 0.85]],
    "triangle": _regular(3, -90, 1.2),
    "triangle_down": _regular(3, 90, 1.2),
    "diamond": [[0.0, -1.2], [1.05, 0.0], [0.0, 1.2], [-1.05, 0.0]],
    "pentagon": _regular(5, -90, 1.05),
    "star": _star(),
}


def status_style(status: str, colour: str) -> dict[str, Any]:
    """Return Leaflet path options for a marker of ``colour`` with ``status``.

    hit: solid fill; intercepted: hollow (white fill, coloured outline);
    claimed: light fill, dashed coloured outline; unknown: pale fill and outline.
    """
    if status == "hit":
        return {"color": "#1a1a1a", "weight": 1, "opacity": 0.9, "fillColor": colour,
                "fillOpacity": 0.95, "dashArray": None}
    if status == "intercepted":
        return {"color": colour, "weight": 2, "opacity": 1.0, "fillColor": "#ffffff",
                "fillOpacity": 0.9, "dashArray": None}
    if status == "claimed":
        return {"color": colour, "weight": 2, "opacity": 1.0, "fillColor": colour,
                "fillOpacity": 0.25, "dashArray": "3 2"}
    return {"color": colour, "weight": 1, "opacity": 0.7, "fillColor": colour,
            "fillOpacity": 0.35, "dashArray": None}


def ordered(values: set[str] | list[str], vocabulary: tuple[str, ...]) -> list[str]:
    """Return ``values`` in vocabulary order, unknown extras sorted after them."""
    present = set(values)
    known = [v for v in vocabulary if v in present]
    return known + sorted(present - set(vocabulary))


def style_config() -> dict[str, Any]:
    """Return the symbol tables the page's JavaScript draws with."""
    return {
        "colours": dict(STRIKE_COLOURS),
        "fallbackColour": FALLBACK_COLOUR,
        "shapes": dict(GROUP_SHAPES),
        "fallbackShape": FALLBACK_SHAPE,
        "vertices": SHAPE_VERTICES,
        "status": {s: status_style(s, "COLOUR") for s in STATUSES},
        "radius": RADIUS,
        "origins": {o: dict(v) for o, v in ORIGIN_STYLES.items()},
        "ring": RING,
        "regionRamp": list(REGION_RAMP),
    }


def origin_style(origin: str) -> dict[str, Any]:
    """Return how an origin draws its symbols (``scale``, ``ring``); unknown origins as text."""
    return ORIGIN_STYLES.get(origin, ORIGIN_STYLES["text"])


def swatch_svg(shape: str, status: str, colour: str, size: int = 18, origin: str = "text") -> str:
    """Return an inline SVG of one marker symbol, drawn exactly as the canvas draws it."""
    style = status_style(status, colour)
    c = size / 2.0
    look = origin_style(origin)
    r = RADIUS * look["scale"]
    attrs = (
        f'fill="{html.escape(style["fillColor"])}" fill-opacity="{style["fillOpacity"]}" '
        f'stroke="{html.escape(style["color"])}" stroke-opacity="{style["opacity"]}" '
        f'stroke-width="{style["weight"]}" stroke-linejoin="round"'
    )
    if style["dashArray"]:
        attrs += f' stroke-dasharray="{style["dashArray"]}"'
    if shape == "circle" or shape not in SHAPE_VERTICES:
        body = f'<circle cx="{c}" cy="{c}" r="{r}" {attrs}/>'
    else:
        pts = " ".join(f"{c + x * r:.2f},{c + y * r:.2f}" for x, y in SHAPE_VERTICES[shape])
        body = f'<polygon points="{pts}" {attrs}/>'
    if look["ring"]:
        body += (f'<circle cx="{c}" cy="{c}" r="{r * RING:.2f}" fill="none" stroke="#000000" '
                 'stroke-width="1"/>')
    return (f'<svg class="gm-swatch" width="{size}" height="{size}" viewBox="0 0 {size} {size}" '
            f'aria-hidden="true">{body}</svg>')


def colour_of(strike_type: str) -> str:
    """Return the colour of a strike type."""
    return STRIKE_COLOURS.get(strike_type, FALLBACK_COLOUR)


def shape_of(group: str) -> str:
    """Return the shape of a target group."""
    return GROUP_SHAPES.get(group, FALLBACK_SHAPE)


__all__ = [
    "FALLBACK_COLOUR", "GROUP_SHAPES", "LABELS", "ORIGINS", "ORIGIN_STYLES", "RADIUS", "REGION_RAMP", "RING",
    "SHAPE_VERTICES", "STRIKE_COLOURS", "colour_of", "label", "ordered", "origin_style", "shape_of",
    "status_style", "style_config", "swatch_svg",
]
