"""The GeoPackage layers' styles, drawn with the HTML map's symbols: one description, two languages.

:func:`layer_rules` describes how a layer is drawn as a list of :class:`Rule`
(a label for the legend, a condition on fields, the marker or fill to draw);
:func:`layer_qml` writes it as a QGIS style (QML) and
:func:`geomap.export.sld.layer_sld` as an OGC SLD 1.1 / SE 1.1 document, so
QGIS, GeoServer and any SLD reader show the same thing.

What QGIS shows (checked in headless QGIS 3.22, ``tests/test_qgis.py``):

* ``strikes``, ``acled``: a rule-based renderer, one parent rule per strike
  type (colour, Okabe–Ito as on the map) holding one rule per target group and
  status that **the layer holds** (shape = target group, fill = status: hit
  solid, intercepted white with a coloured outline, claimed pale with a dashed
  outline, unknown pale). So strike type, target group and status are all in
  the legend, and the legend lists only what is in the file. An empty layer
  gets one rule per strike type and target group with the status drawn by
  data-defined properties (``CASE WHEN "status" = 'hit' THEN … END``).
  ACLED symbols are 0.7 × the size with a thin black ring, as on the map.
* ``facilities``: the map's dark facility badge (a rounded square for each
  target group's shape, dark grey, white outline) growing with ``strikes``,
  labelled with the number of strikes; one category per target type present.
* ``regions``: graduated on ``total`` with the map's purple ramp and dashed
  outline; classes above the largest total are left out.
* ``mentions``: the map's small hollow grey circle.

Sizes are in millimetres: the map's CSS pixels at 96 dpi (a 16 px marker is
4.2 mm), so a print layout at 300 dpi draws them as large as the screen does.
"""

from __future__ import annotations

import uuid
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from geomap.export.common import ACLED_LAYER, FACILITIES_LAYER, MENTIONS_LAYER, REGIONS_LAYER, STRIKES_LAYER
from geomap.model import STATUSES, STRIKE_TYPES, TARGET_GROUPS, TARGET_TYPES, target_group
from geomap.plugins import symbols

#: Millimetres per CSS pixel (96 per inch): the map's sizes in the units a print layout keeps.
MM_PER_PX = 25.4 / 96

#: geomap's shape -> (QGIS SimpleMarker name, rotation in degrees).
_QGIS_SHAPES: dict[str, tuple[str, float]] = {
    "circle": ("circle", 0.0), "triangle": ("triangle", 0.0), "triangle_down": ("triangle", 180.0),
    "square": ("square", 0.0), "diamond": ("diamond", 0.0), "star": ("star", 0.0),
    "pentagon": ("pentagon", 0.0),
}


@dataclass(frozen=True)
class Condition:
    """``field`` is one of ``values``; with ``other`` set, it is none of ``values`` (or null)."""

    field: str
    values: tuple[str, ...]
    other: bool = False

    def qgis(self) -> str:
        """The condition as a QGIS expression."""
        listed = ", ".join(f"'{v}'" for v in self.values)
        if self.other:
            return f'("{self.field}" IS NULL OR "{self.field}" NOT IN ({listed}))'
        if len(self.values) == 1:
            return f"\"{self.field}\" = '{self.values[0]}'"
        return f'"{self.field}" IN ({listed})'


@dataclass(frozen=True)
class Marker:
    """One point symbol layer: shape, size and stroke in millimetres, colours ``#rrggbb`` with opacity."""

    shape: str
    size: float
    fill: str
    fill_opacity: float
    stroke: str
    stroke_opacity: float
    width: float
    dashed: bool = False
    status_defined: bool = False  # fill and outline follow "status" (data-defined), for an empty layer


@dataclass(frozen=True)
class Fill:
    """A polygon fill (``fill`` None for none) with a dashed outline, as the map's region layer."""

    fill: str | None
    fill_opacity: float
    stroke: str
    stroke_opacity: float
    width: float
    dashed: bool = True


@dataclass
class Rule:
    """A legend entry: a label, the conditions a feature meets, what is drawn, and nested rules."""

    label: str
    conditions: tuple[Condition, ...] = ()
    symbol: tuple[Marker, ...] | Fill | None = None
    children: list[Rule] = field(default_factory=list)
    lower: float | None = None  # graduated classes: lower < total <= upper
    upper: float | None = None


# --------------------------------------------------------------------------- what each layer holds


def _strike_key(strike_type: str | None) -> str:
    return strike_type if strike_type in STRIKE_TYPES else "unknown"


def _status_key(status: str | None) -> str:
    return status if status in STATUSES else "unknown"


def combinations(rows: Iterable[tuple[str | None, str | None, str | None]]) -> set[tuple[str, str, str]]:
    """The (strike type, target group, status) combinations of ``(strike_type, target_type, status)`` rows."""
    return {(_strike_key(s), target_group(t or "unknown"), _status_key(st)) for s, t, st in rows}


def _type_condition(strike_type: str) -> Condition:
    if strike_type == "unknown":
        return Condition("strike_type", tuple(t for t in STRIKE_TYPES if t != "unknown"), other=True)
    return Condition("strike_type", (strike_type,))


def _group_condition(group: str) -> Condition:
    if group == "unknown":
        known = tuple(t for g, members in TARGET_GROUPS.items() if g != "unknown" for t in members)
        return Condition("target_type", known, other=True)
    return Condition("target_type", TARGET_GROUPS[group])


def _status_condition(status: str) -> Condition:
    if status == "unknown":
        return Condition("status", tuple(s for s in STATUSES if s != "unknown"), other=True)
    return Condition("status", (status,))


def _strike_markers(strike_type: str, group: str, status: str | None, origin: str) -> tuple[Marker, ...]:
    """The map's marker of a strike (status None: drawn from the feature's status), ringed for ACLED."""
    colour = symbols.colour_of(strike_type)
    look = symbols.origin_style(origin)
    size = 2 * symbols.RADIUS * float(look["scale"]) * MM_PER_PX
    style = symbols.status_style(status or "hit", colour)
    marker = Marker(symbols.shape_of(group), round(size, 2), style["fillColor"], style["fillOpacity"],
                    style["color"], style["opacity"], round(style["weight"] * MM_PER_PX, 2),
                    dashed=bool(style["dashArray"]), status_defined=status is None)
    if not look["ring"]:
        return (marker,)
    ring = Marker("circle", round(size * symbols.RING, 2), "#000000", 0.0, "#000000", 1.0,
                  round(MM_PER_PX, 2))
    return (marker, ring)


def strike_rules(present: set[tuple[str, str, str]], origin: str = "text") -> list[Rule]:
    """Rules of a strikes or ACLED layer holding the ``present`` (strike type, group, status) combinations."""
    rules = []
    for strike_type in STRIKE_TYPES:
        parent = Rule(symbols.label(strike_type), (_type_condition(strike_type),))
        if present:
            for group in TARGET_GROUPS:
                for status in STATUSES:
                    if (strike_type, group, status) in present:
                        parent.children.append(Rule(
                            f"{group} · {symbols.label(status)}",
                            (_group_condition(group), _status_condition(status)),
                            _strike_markers(strike_type, group, status, origin)))
        else:
            parent.children = [Rule(group, (_group_condition(group),),
                                    _strike_markers(strike_type, group, None, origin))
                               for group in TARGET_GROUPS]
        if parent.children:
            rules.append(parent)
    return rules


#: The map's facility badge: dark grey, white outline.
FACILITY_FILL = "#2b2b2b"


def facility_rules(target_types: Iterable[str]) -> list[Rule]:
    """One rule per target type present (shape = its group), the map's dark badge."""
    present = set(target_types)
    size = round(2 * symbols.RADIUS * MM_PER_PX, 2)
    return [Rule(symbols.label(t), (Condition("target_type", (t,)),),
                 (Marker(symbols.shape_of(target_group(t)), size, FACILITY_FILL, 1.0, "#ffffff", 1.0,
                         round(2 * MM_PER_PX, 2)),))
            for t in TARGET_TYPES if t in present]


#: Classes of the regions layer: (lower, upper, label, ramp index or None for no fill).
REGION_CLASSES: tuple[tuple[int, int | None, str, int | None], ...] = (
    (0, 0, "0", None), (0, 2, "1–2", 1), (2, 5, "3–5", 2), (5, 10, "6–10", 3), (10, None, "11 or more", 4),
)


def region_rules(max_total: int) -> list[Rule]:
    """Graduated classes on ``total`` up to the largest total there is, the map's ramp and dashed outline."""
    rules = []
    for index, (lower, upper, label, ramp) in enumerate(REGION_CLASSES):
        if index and lower >= max_total:
            break  # no region has that many: keep the legend to the classes there can be
        top = upper if upper is not None else max(max_total, lower + 1)
        if ramp is None:
            fill = Fill(None, 0.0, "#6a51a3", 0.5, round(MM_PER_PX, 2))
        else:
            fill = Fill(symbols.REGION_RAMP[ramp], 0.55, "#54278f", 0.8, round(MM_PER_PX, 2))
        rules.append(Rule(label, (), fill, lower=float(lower), upper=float(top)))
    return rules


def mention_rules() -> list[Rule]:
    """The map's mention: a small hollow grey circle (radius 4 px)."""
    return [Rule("place read, not struck", (),
                 (Marker("circle", round(8 * MM_PER_PX, 2), "#ffffff", 0.85, "#4d4d4d", 0.8,
                         round(MM_PER_PX, 2)),))]


@dataclass
class LayerContent:
    """What a layer holds, so that its legend lists only that."""

    combinations: set[tuple[str, str, str]] = field(default_factory=set)
    target_types: set[str] = field(default_factory=set)
    max_total: int = 0


def layer_rules(layer: str, content: LayerContent | None = None) -> list[Rule]:
    """The rules a geomap GeoPackage layer is drawn with (see the module docstring)."""
    content = content or LayerContent()
    if layer == STRIKES_LAYER:
        return strike_rules(content.combinations, "text")
    if layer == ACLED_LAYER:
        return strike_rules(content.combinations, "acled")
    if layer == FACILITIES_LAYER:
        return facility_rules(content.target_types or TARGET_TYPES)
    if layer == REGIONS_LAYER:
        return region_rules(content.max_total)
    if layer == MENTIONS_LAYER:
        return mention_rules()
    raise ValueError(f"no style for layer {layer!r}")


# --------------------------------------------------------------------------- QML

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
