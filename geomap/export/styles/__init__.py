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

The package, one concern a module: :mod:`~geomap.export.styles.description` (rules, conditions,
markers and fills), :mod:`~geomap.export.styles.layers` (each layer's rules) and
:mod:`~geomap.export.styles.qml` (the rules as QML).
"""

from __future__ import annotations

from .description import MM_PER_PX, Condition, Fill, Marker, Rule
from .layers import (
    FACILITY_FILL,
    REGION_CLASSES,
    LayerContent,
    combinations,
    facility_rules,
    layer_rules,
    mention_rules,
    region_rules,
    strike_rules,
)
from .qml import layer_qml, status_case

__all__ = [
    "MM_PER_PX", "Condition", "Marker", "Fill", "Rule", "combinations", "strike_rules", "FACILITY_FILL",
    "facility_rules", "REGION_CLASSES", "region_rules", "mention_rules", "LayerContent", "layer_rules",
    "status_case", "layer_qml",
]
