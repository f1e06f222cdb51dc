"""The rules of a layer written as a QGIS style (QML, :func:`layer_qml`): rule-based, categorised,
graduated or single-symbol renderers, with data-defined status and labels where the map has them.
"""

from __future__ import annotations

import uuid
import xml.etree.ElementTree as ET
from collections.abc import Sequence

from geomap.export.common import ACLED_LAYER, FACILITIES_LAYER, MENTIONS_LAYER, REGIONS_LAYER, STRIKES_LAYER
from geomap.model import STATUSES
from geomap.plugins import symbols

from .description import MM_PER_PX, Fill, Marker, Rule
from .layers import LayerContent, layer_rules

#: geomap's shape -> (QGIS SimpleMarker name, rotation in degrees).
_QGIS_SHAPES: dict[str, tuple[str, float]] = {
    "circle": ("circle", 0.0), "triangle": ("triangle", 0.0), "triangle_down": ("triangle", 180.0),
    "square": ("square", 0.0), "diamond": ("diamond", 0.0), "star": ("star", 0.0),
    "pentagon": ("pentagon", 0.0),
}


_NO_SCALE = "3x:0,0,0,0,0,0"


def _rgba(colour: str, alpha: float = 1.0) -> str:
    """``#rrggbb`` (and an opacity 0–1) as QGIS's ``r,g,b,a`` colour text."""
    value = colour.lstrip("#")
    r, g, b = (int(value[i:i + 2], 16) for i in (0, 2, 4))
    return f"{r},{g},{b},{round(255 * alpha)}"


def _data_defined(parent: ET.Element, expressions: dict[str, str]) -> None:
    """Append a ``<data_defined_properties>`` collection: property name -> expression."""
    holder = ET.SubElement(ET.SubElement(parent, "data_defined_properties"), "Option", {"type": "Map"})
    ET.SubElement(holder, "Option", {"name": "name", "type": "QString", "value": ""})
    properties = ET.SubElement(holder, "Option", {"name": "properties", "type": "Map"})
    for key, expression in expressions.items():
        prop = ET.SubElement(properties, "Option", {"name": key, "type": "Map"})
        ET.SubElement(prop, "Option", {"name": "active", "type": "bool", "value": "true"})
        ET.SubElement(prop, "Option", {"name": "expression", "type": "QString", "value": expression})
        ET.SubElement(prop, "Option", {"name": "type", "type": "int", "value": "3"})
    ET.SubElement(holder, "Option", {"name": "type", "type": "QString", "value": "collection"})


def _symbol_layer(symbol: ET.Element, cls: str, props: dict[str, str],
                  expressions: dict[str, str] | None = None) -> ET.Element:
    """Append one symbol layer, its properties both as ``<Option>`` map (QGIS ≥ 3.16) and ``<prop>``."""
    layer = ET.SubElement(symbol, "layer", {"class": cls, "enabled": "1", "locked": "0", "pass": "0"})
    options = ET.SubElement(layer, "Option", {"type": "Map"})
    for key, value in props.items():
        ET.SubElement(options, "Option", {"name": key, "type": "QString", "value": value})
    for key, value in props.items():
        ET.SubElement(layer, "prop", {"k": key, "v": value})
    _data_defined(layer, expressions or {})
    return layer


def _symbol(parent: ET.Element, name: str, kind: str) -> ET.Element:
    """Append an empty ``<symbol>`` of ``kind`` (marker, fill) named ``name``."""
    symbol = ET.SubElement(parent, "symbol", {"type": kind, "name": name, "alpha": "1",
                                              "clip_to_extent": "1", "force_rhr": "0"})
    _data_defined(symbol, {})
    return symbol


def status_case(values: dict[str, str], default: str) -> str:
    """A QGIS expression giving a literal per ``status`` value (the searched CASE form QGIS parses)."""
    whens = " ".join(f"WHEN \"status\" = '{key}' THEN '{value}'" for key, value in values.items())
    return f"CASE {whens} ELSE '{default}' END"


def _status_expressions(strike_type: str) -> dict[str, str]:
    """Data-defined fill, outline, width and dash of a strike marker from its feature's ``status``."""
    colour = symbols.colour_of(strike_type)
    styles = {status: symbols.status_style(status, colour) for status in STATUSES}
    fills = {s: _rgba(st["fillColor"], st["fillOpacity"]) for s, st in styles.items()}
    strokes = {s: _rgba(st["color"], st["opacity"]) for s, st in styles.items()}
    widths = {s: f"{st['weight'] * MM_PER_PX:.2f}" for s, st in styles.items()}
    dashes = {s: ("dash" if st["dashArray"] else "solid") for s, st in styles.items()}
    return {"fillColor": status_case(fills, fills["unknown"]),
            "outlineColor": status_case(strokes, strokes["unknown"]),
            "outlineWidth": status_case(widths, widths["unknown"]),
            "outlineStyle": status_case(dashes, dashes["unknown"])}


def _marker_layer(symbol: ET.Element, marker: Marker, strike_type: str = "unknown",
                  size_expression: str | None = None) -> None:
    """Append a SimpleMarker layer for ``marker`` (sizes in millimetres)."""
    name, angle = _QGIS_SHAPES.get(marker.shape, ("pentagon", 0.0))
    props = {
        "angle": f"{angle:g}", "color": _rgba(marker.fill, marker.fill_opacity),
        "horizontal_anchor_point": "1", "joinstyle": "round", "name": name,
        "offset": "0,0", "offset_map_unit_scale": _NO_SCALE, "offset_unit": "MM",
        "outline_color": _rgba(marker.stroke, marker.stroke_opacity),
        "outline_style": "dash" if marker.dashed else "solid", "outline_width": f"{marker.width:g}",
        "outline_width_map_unit_scale": _NO_SCALE, "outline_width_unit": "MM",
        "scale_method": "diameter", "size": f"{marker.size:g}", "size_map_unit_scale": _NO_SCALE,
        "size_unit": "MM", "vertical_anchor_point": "1",
    }
    expressions = _status_expressions(strike_type) if marker.status_defined else {}
    if size_expression:
        expressions["size"] = size_expression
    _symbol_layer(symbol, "SimpleMarker", props, expressions)


def _fill_layer(symbol: ET.Element, fill: Fill) -> None:
    """Append a SimpleFill layer for ``fill``."""
    _symbol_layer(symbol, "SimpleFill", {
        "border_width_map_unit_scale": _NO_SCALE,
        "color": _rgba(fill.fill, fill.fill_opacity) if fill.fill else "0,0,0,0", "joinstyle": "bevel",
        "offset": "0,0", "offset_map_unit_scale": _NO_SCALE, "offset_unit": "MM",
        "outline_color": _rgba(fill.stroke, fill.stroke_opacity),
        "outline_style": "dash" if fill.dashed else "solid", "outline_width": f"{fill.width:g}",
        "outline_width_unit": "MM", "style": "solid" if fill.fill else "no",
    })


def _rule_key(*parts: str) -> str:
    """A stable rule key in QGIS's ``{uuid}`` form."""
    return "{" + str(uuid.uuid5(uuid.NAMESPACE_URL, "geomap:" + ":".join(parts))) + "}"


def _renderer(qgis: ET.Element, kind: str, **attrib: str) -> ET.Element:
    return ET.SubElement(qgis, "renderer-v2", {"type": kind, **attrib, "forceraster": "0",
                                               "symbollevels": "0", "enableorderby": "0",
                                               "referencescale": "-1"})


def _rule_renderer(qgis: ET.Element, layer: str, rules: Sequence[Rule]) -> None:
    """QGIS's rule-based renderer of ``rules`` (two levels: strike type, then group and status)."""
    renderer = _renderer(qgis, "RuleRenderer")
    root = ET.SubElement(renderer, "rules", {"key": _rule_key(layer, "root")})
    symbols_el = ET.Element("symbols")
    count = 0

    def add(parent: ET.Element, rule: Rule, path: tuple[str, ...], strike_type: str) -> None:
        nonlocal count
        attrib = {"key": _rule_key(layer, *path), "label": rule.label}
        if rule.conditions:
            attrib["filter"] = " AND ".join(c.qgis() for c in rule.conditions)
        if isinstance(rule.symbol, tuple):
            attrib["symbol"] = str(count)
            symbol = _symbol(symbols_el, str(count), "marker")
            for marker in rule.symbol:
                _marker_layer(symbol, marker, strike_type)
            count += 1
        element = ET.SubElement(parent, "rule", attrib)
        for child in rule.children:
            add(element, child, (*path, child.label), strike_type)

    for rule, strike_type in zip(rules, [r.conditions[0].values[0] if not r.conditions[0].other else "unknown"
                                         for r in rules], strict=True):
        add(root, rule, (rule.label,), strike_type)
    renderer.append(symbols_el)


def _facilities_renderer(qgis: ET.Element, rules: Sequence[Rule]) -> None:
    """Categorized by target type, the badge growing with ``strikes``, labelled with the number."""
    renderer = _renderer(qgis, "categorizedSymbol", attr="target_type")
    categories = ET.SubElement(renderer, "categories")
    symbols_el = ET.SubElement(renderer, "symbols")
    size = 2 * symbols.RADIUS * MM_PER_PX
    size_expression = f"{size:.2f} + {MM_PER_PX * 2:.2f} * sqrt(coalesce(\"strikes\", 1) - 1)"
    for index, rule in enumerate(rules):
        ET.SubElement(categories, "category", {"value": rule.conditions[0].values[0], "label": rule.label,
                                               "symbol": str(index), "render": "true"})
        symbol = _symbol(symbols_el, str(index), "marker")
        assert isinstance(rule.symbol, tuple)
        _marker_layer(symbol, rule.symbol[0], size_expression=size_expression)
    _count_labels(qgis, "strikes")


def _count_labels(qgis: ET.Element, field_name: str) -> None:
    """Simple labels: the ``field_name`` value in white bold on the symbol (the map's badge number)."""
    qgis.set("labelsEnabled", "1")
    labeling = ET.SubElement(qgis, "labeling", {"type": "simple"})
    settings = ET.SubElement(labeling, "settings", {"calloutType": "simple"})
    style = ET.SubElement(settings, "text-style", {
        "fieldName": field_name, "isExpression": "0", "fontSize": "7", "fontSizeUnit": "Point",
        "fontWeight": "75", "textColor": "255,255,255,255", "textOpacity": "1",
        "namedStyle": "Bold", "fontFamily": "Sans Serif", "multilineHeight": "1", "blendMode": "0",
        "previewBkgrdColor": "255,255,255,255", "allowHtml": "0", "capitalization": "0",
    })
    ET.SubElement(style, "text-buffer", {"bufferDraw": "0", "bufferSize": "0.5", "bufferSizeUnits": "MM",
                                         "bufferColor": "43,43,43,255", "bufferOpacity": "1"})
    ET.SubElement(settings, "text-format", {"wrapChar": "", "multilineAlign": "1", "plussign": "0",
                                            "decimals": "0", "formatNumbers": "0"})
    ET.SubElement(settings, "placement", {"placement": "1", "quadOffset": "4", "offsetType": "0",
                                          "xOffset": "0", "yOffset": "0", "offsetUnits": "MM",
                                          "dist": "0", "distUnits": "MM", "priority": "5"})
    ET.SubElement(settings, "rendering", {"obstacle": "0", "drawLabels": "1", "scaleVisibility": "0",
                                          "displayAll": "1", "upsidedownLabels": "0", "zIndex": "1"})


def _regions_renderer(qgis: ET.Element, rules: Sequence[Rule]) -> None:
    """Graduated fill on ``total`` (events per region)."""
    renderer = _renderer(qgis, "graduatedSymbol", attr="total", graduatedMethod="GraduatedColor")
    ranges = ET.SubElement(renderer, "ranges")
    symbols_el = ET.SubElement(renderer, "symbols")
    for index, rule in enumerate(rules):
        ET.SubElement(ranges, "range", {"lower": f"{rule.lower:.6f}", "upper": f"{rule.upper:.6f}",
                                        "label": rule.label, "symbol": str(index), "render": "true"})
        symbol = _symbol(symbols_el, str(index), "fill")
        assert isinstance(rule.symbol, Fill)
        _fill_layer(symbol, rule.symbol)
    ET.SubElement(renderer, "mode", {"name": "manual"})
    ET.SubElement(renderer, "labelformat", {"format": "%1 - %2", "decimalplaces": "0",
                                            "trimtrailingzeroes": "1"})


def _single_renderer(qgis: ET.Element, rules: Sequence[Rule]) -> None:
    renderer = _renderer(qgis, "singleSymbol")
    symbol = _symbol(ET.SubElement(renderer, "symbols"), "0", "marker")
    assert isinstance(rules[0].symbol, tuple)
    _marker_layer(symbol, rules[0].symbol[0])


#: QGIS's geometry type code per layer (0 point, 2 polygon) and the field shown as its name.
_LAYER_GEOMETRY: dict[str, tuple[str, str]] = {
    STRIKES_LAYER: ("0", "place_name"), ACLED_LAYER: ("0", "place_name"),
    MENTIONS_LAYER: ("0", "place_name"), FACILITIES_LAYER: ("0", "place_name"),
    REGIONS_LAYER: ("2", "name"),
}


def layer_qml(layer: str, *, max_region_total: int = 0, content: LayerContent | None = None) -> str:
    """Return the QGIS style (QML) of a geomap GeoPackage layer, drawn with the map's symbols.

    ``content`` says what the layer holds (its legend lists only that); without
    it a strikes or ACLED style has a rule per strike type and target group
    with the status drawn by data-defined properties, and the facilities style
    a category per target type.
    """
    content = content or LayerContent(max_total=max_region_total)
    if max_region_total and not content.max_total:
        content.max_total = max_region_total
    rules = layer_rules(layer, content)
    qgis = ET.Element("qgis", {"version": "3.22.0", "styleCategories": "Symbology|Labeling|Fields|MapTips",
                               "labelsEnabled": "0"})
    if layer in (STRIKES_LAYER, ACLED_LAYER):
        _rule_renderer(qgis, layer, rules)
    elif layer == FACILITIES_LAYER:
        _facilities_renderer(qgis, rules)
    elif layer == REGIONS_LAYER:
        _regions_renderer(qgis, rules)
    else:
        _single_renderer(qgis, rules)
    geometry_type, display = _LAYER_GEOMETRY[layer]
    ET.SubElement(qgis, "previewExpression").text = f'"{display}"'
    ET.SubElement(qgis, "layerGeometryType").text = geometry_type
    ET.indent(qgis, space=" ")
    doctype = "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n"
    return doctype + ET.tostring(qgis, encoding="unicode")
