"""The layers' styles as OGC SLD 1.1 / Symbology Encoding 1.1, for GeoServer and other SLD readers.

Written from the same rules as the QGIS styles (:mod:`geomap.export.styles`)
and stored beside them in ``layer_styles.styleSLD``. SE knows fewer marker
shapes and no millimetres, so:

* sizes are in SE's standard pixels of 0.28 mm (a 4.2 mm marker is 15 px);
* shapes are SE's well-known marks: circle, square, triangle, star; geomap's
  diamond is a square turned 45°, its downward triangle a triangle turned 180°
  and its pentagon (target unknown) an ``x`` (SE has no pentagon);
* a dashed outline is ``stroke-dasharray``; the facility badge does not grow
  with the number of strikes (a fixed size) and carries no label.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence

from geomap.export.styles import Condition, Fill, LayerContent, Marker, Rule, layer_rules

_SLD = "http://www.opengis.net/sld"
_SE = "http://www.opengis.net/se"
_OGC = "http://www.opengis.net/ogc"
_XLINK = "http://www.w3.org/1999/xlink"
_XSI = "http://www.w3.org/2001/XMLSchema-instance"

#: Millimetres per SE "standardized rendering pixel".
MM_PER_SE_PIXEL = 0.28

#: geomap shape -> (SE well-known mark, rotation in degrees).
SE_MARKS: dict[str, tuple[str, float]] = {
    "circle": ("circle", 0.0), "square": ("square", 0.0), "triangle": ("triangle", 0.0),
    "triangle_down": ("triangle", 180.0), "diamond": ("square", 45.0), "star": ("star", 0.0),
    "pentagon": ("x", 0.0),
}


def _px(mm: float) -> str:
    return f"{mm / MM_PER_SE_PIXEL:.1f}"


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrib: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrib)
    if text is not None:
        element.text = text
    return element


def _equal(parent: ET.Element, field: str, value: str) -> None:
    equal = _sub(parent, f"{{{_OGC}}}PropertyIsEqualTo")
    _sub(equal, f"{{{_OGC}}}PropertyName", field)
    _sub(equal, f"{{{_OGC}}}Literal", value)


def _one_of(parent: ET.Element, condition: Condition) -> None:
    """``field`` equal to one of the values (an ``Or`` when there are several)."""
    if len(condition.values) == 1:
        _equal(parent, condition.field, condition.values[0])
        return
    either = _sub(parent, f"{{{_OGC}}}Or")
    for value in condition.values:
        _equal(either, condition.field, value)


def _condition(parent: ET.Element, condition: Condition) -> None:
    if not condition.other:
        _one_of(parent, condition)
        return
    either = _sub(parent, f"{{{_OGC}}}Or")
    null = _sub(either, f"{{{_OGC}}}PropertyIsNull")
    _sub(null, f"{{{_OGC}}}PropertyName", condition.field)
    _one_of(_sub(either, f"{{{_OGC}}}Not"), Condition(condition.field, condition.values))


def _filter(rule: ET.Element, conditions: Sequence[Condition], lower: float | None = None,
            upper: float | None = None, first_class: bool = False) -> None:
    parts: list[tuple[str, object]] = [("c", c) for c in conditions]
    if lower is not None and upper is not None:
        parts.append(("range", (lower, upper, first_class)))
    if not parts:
        return
    holder = _sub(rule, f"{{{_OGC}}}Filter")
    if len(parts) > 1:
        holder = _sub(holder, f"{{{_OGC}}}And")
    for kind, value in parts:
        if kind == "c":
            assert isinstance(value, Condition)
            _condition(holder, value)
        else:
            low, high, first = value  # type: ignore[misc]
            both = _sub(holder, f"{{{_OGC}}}And")
            above = _sub(both, f"{{{_OGC}}}PropertyIsGreaterThanOrEqualTo" if first
                         else f"{{{_OGC}}}PropertyIsGreaterThan")
            _sub(above, f"{{{_OGC}}}PropertyName", "total")
            _sub(above, f"{{{_OGC}}}Literal", f"{low:g}")
            below = _sub(both, f"{{{_OGC}}}PropertyIsLessThanOrEqualTo")
            _sub(below, f"{{{_OGC}}}PropertyName", "total")
            _sub(below, f"{{{_OGC}}}Literal", f"{high:g}")


def _param(parent: ET.Element, tag: str, name: str, value: str) -> None:
    _sub(parent, f"{{{_SE}}}{tag}", value, name=name)


def _stroke(parent: ET.Element, colour: str, opacity: float, width: float, dashed: bool) -> None:
    stroke = _sub(parent, f"{{{_SE}}}Stroke")
    _param(stroke, "SvgParameter", "stroke", colour)
    _param(stroke, "SvgParameter", "stroke-opacity", f"{opacity:g}")
    _param(stroke, "SvgParameter", "stroke-width", _px(width))
    if dashed:
        _param(stroke, "SvgParameter", "stroke-dasharray", "4 2")


def _point(rule: ET.Element, marker: Marker) -> None:
    symbolizer = _sub(rule, f"{{{_SE}}}PointSymbolizer")
    graphic = _sub(symbolizer, f"{{{_SE}}}Graphic")
    mark_name, rotation = SE_MARKS.get(marker.shape, ("x", 0.0))
    mark = _sub(graphic, f"{{{_SE}}}Mark")
    _sub(mark, f"{{{_SE}}}WellKnownName", mark_name)
    fill = _sub(mark, f"{{{_SE}}}Fill")
    _param(fill, "SvgParameter", "fill", marker.fill)
    _param(fill, "SvgParameter", "fill-opacity", f"{marker.fill_opacity:g}")
    _stroke(mark, marker.stroke, marker.stroke_opacity, marker.width, marker.dashed)
    _sub(graphic, f"{{{_SE}}}Size", _px(marker.size))
    if rotation:
        _sub(graphic, f"{{{_SE}}}Rotation", f"{rotation:g}")


def _polygon(rule: ET.Element, fill: Fill) -> None:
    symbolizer = _sub(rule, f"{{{_SE}}}PolygonSymbolizer")
    if fill.fill:
        element = _sub(symbolizer, f"{{{_SE}}}Fill")
        _param(element, "SvgParameter", "fill", fill.fill)
        _param(element, "SvgParameter", "fill-opacity", f"{fill.fill_opacity:g}")
    _stroke(symbolizer, fill.stroke, fill.stroke_opacity, fill.width, fill.dashed)


def _flatten(rules: Sequence[Rule], prefix: str = "",
             conditions: tuple[Condition, ...] = ()) -> list[tuple[str, tuple[Condition, ...], Rule]]:
    """Leaf rules with their full label and every condition on the way down."""
    out = []
    for rule in rules:
        label = f"{prefix} · {rule.label}" if prefix else rule.label
        here = conditions + rule.conditions
        if rule.children:
            out.extend(_flatten(rule.children, label, here))
        if rule.symbol is not None:
            out.append((label, here, rule))
    return out


def layer_sld(layer: str, content: LayerContent | None = None) -> str:
    """Return the SLD 1.1 document of a geomap GeoPackage layer (the same rules as its QGIS style)."""
    for prefix, uri in (("sld", _SLD), ("se", _SE), ("ogc", _OGC), ("xlink", _XLINK), ("xsi", _XSI)):
        ET.register_namespace(prefix, uri)
    root = ET.Element(f"{{{_SLD}}}StyledLayerDescriptor", {
        "version": "1.1.0",
        f"{{{_XSI}}}schemaLocation": "http://www.opengis.net/sld "
                                     "http://schemas.opengis.net/sld/1.1.0/StyledLayerDescriptor.xsd",
    })
    named = _sub(root, f"{{{_SLD}}}NamedLayer")
    _sub(named, f"{{{_SE}}}Name", layer)
    style = _sub(named, f"{{{_SLD}}}UserStyle")
    _sub(style, f"{{{_SE}}}Name", layer)
    feature_style = _sub(style, f"{{{_SE}}}FeatureTypeStyle")
    for index, (label, conditions, rule) in enumerate(_flatten(layer_rules(layer, content))):
        element = _sub(feature_style, f"{{{_SE}}}Rule")
        _sub(element, f"{{{_SE}}}Name", label)
        _sub(_sub(element, f"{{{_SE}}}Description"), f"{{{_SE}}}Title", label)
        _filter(element, conditions, rule.lower, rule.upper, first_class=index == 0)
        if isinstance(rule.symbol, Fill):
            _polygon(element, rule.symbol)
        elif rule.symbol is not None:
            for marker in rule.symbol:
                _point(element, marker)
    ET.indent(root, space=" ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode")
