"""Open a geomap GeoPackage in real headless QGIS and report what QGIS makes of it, as JSON.

Run with the system Python that has Debian's ``python3-qgis`` (the project's
venv does not see the ``qgis`` module), as ``tests/test_qgis.py`` does::

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 tests/qgis_check.py FILE.gpkg OUTDIR [PAIR_JSON]

For every layer with a stored style it reports: whether the layer is valid,
the renderer type, whether the style in ``layer_styles`` was applied (the
renderer is not QGIS's default single symbol), the legend labels, every
expression of the style (rule filters and data-defined properties) with its
parser error if any, the messages QGIS logged, and the share of non-background
pixels in a PNG of the layer drawn alone (written to OUTDIR). ``PAIR_JSON``
names features to draw one at a time at the same extent, e.g. a hit and an
intercepted strike of the same type and target, so the caller can compare the
pictures.
"""

from __future__ import annotations

import json
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from qgis.core import (  # noqa: E402  (the environment above must be set first)
    Qgis,
    QgsApplication,
    QgsExpression,
    QgsMapRendererSequentialJob,
    QgsMapSettings,
    QgsProperty,
    QgsRectangle,
    QgsRenderContext,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QSize  # noqa: E402
from qgis.PyQt.QtGui import QColor  # noqa: E402

LAYERS = ("strikes", "acled", "mentions", "facilities", "regions")


def _expressions(layer: QgsVectorLayer) -> list[str]:
    """Every expression the layer's renderer uses: rule filters and data-defined symbol properties."""
    found: list[str] = []
    renderer = layer.renderer()
    if renderer.type() == "RuleRenderer":
        for rule in renderer.rootRule().descendants():
            if rule.filterExpression():
                found.append(rule.filterExpression())
    context = QgsRenderContext()
    for symbol in renderer.symbols(context):
        for index in range(symbol.symbolLayerCount()):
            props = symbol.symbolLayer(index).dataDefinedProperties()
            for key in props.propertyKeys():
                prop = props.property(key)
                if prop.propertyType() == QgsProperty.ExpressionBasedProperty:
                    found.append(prop.expressionString())
    return found


def _render(layer: QgsVectorLayer, path: str, extent: QgsRectangle | None = None) -> float:
    """Draw the layer alone on white to a PNG; return the share of pixels that are not white."""
    settings = QgsMapSettings()
    settings.setLayers([layer])
    settings.setBackgroundColor(QColor(255, 255, 255))
    settings.setOutputSize(QSize(300, 300))
    settings.setOutputDpi(96)
    settings.setDestinationCrs(layer.crs())
    settings.setExtent(extent if extent is not None else layer.extent().buffered(0.5))
    job = QgsMapRendererSequentialJob(settings)
    job.start()
    job.waitForFinished()
    image = job.renderedImage()
    image.save(path, "PNG")
    white = QColor(255, 255, 255).rgb()
    drawn = sum(image.pixel(x, y) != white for x in range(0, image.width(), 2)
                for y in range(0, image.height(), 2))
    return drawn / ((image.width() // 2) * (image.height() // 2))


def main(argv: list[str]) -> int:
    gpkg, outdir = argv[1], argv[2]
    pairs = json.loads(open(argv[3], encoding="utf-8").read()) if len(argv) > 3 else []
    app = QgsApplication([], False)
    app.initQgis()
    messages: list[str] = []
    QgsApplication.messageLog().messageReceived.connect(
        lambda message, tag, level: messages.append(f"{tag}: {message}"))
    report: dict[str, object] = {"qgis": Qgis.QGIS_VERSION}
    layers: dict[str, dict[str, object]] = {}
    for name in LAYERS:
        layer = QgsVectorLayer(f"{gpkg}|layername={name}", name, "ogr")
        if not layer.isValid() and name in ("acled", "mentions"):
            continue  # written only when there are some
        before = len(messages)
        renderer = layer.renderer() if layer.isValid() else None
        expressions = _expressions(layer) if renderer else []
        errors = []
        for text in expressions:
            expression = QgsExpression(text)
            if expression.hasParserError():
                errors.append(f"{text}: {expression.parserErrorString()}")
        png = os.path.join(outdir, f"{name}.png")
        layers[name] = {
            "valid": layer.isValid(),
            "features": layer.featureCount() if layer.isValid() else 0,
            "renderer": renderer.type() if renderer else None,
            "legend": [item.label() for item in renderer.legendSymbolItems()] if renderer else [],
            "expressions": len(expressions),
            "parser_errors": errors,
            "drawn": _render(layer, png) if renderer and layer.featureCount() else 0.0,
            "png": png,
            "messages": messages[before:],
        }
        extent = layer.extent() if layer.isValid() else None
        if extent is not None:
            layers[name]["extent"] = [extent.xMinimum(), extent.yMinimum(), extent.xMaximum(),
                                      extent.yMaximum()]
    report["layers"] = layers
    drawn_pairs = []
    for index, pair in enumerate(pairs):
        layer = QgsVectorLayer(f"{gpkg}|layername={pair['layer']}", pair["layer"], "ogr")
        x, y = pair["lon"], pair["lat"]
        extent = QgsRectangle(x - 0.05, y - 0.05, x + 0.05, y + 0.05)
        pictures = []
        for event_id in pair["event_ids"]:
            layer.setSubsetString(f"\"event_id\" = '{event_id}'")
            path = os.path.join(outdir, f"pair{index}-{event_id}.png")
            share = _render(layer, path, extent)
            pictures.append({"event_id": event_id, "png": path, "drawn": share})
        drawn_pairs.append(pictures)
    report["pairs"] = drawn_pairs
    report["messages"] = messages
    print(json.dumps(report), flush=True)
    # QGIS 3.22 can crash while tearing down Qt objects Python still holds at exit; the report is
    # complete, so leave without the teardown.
    os._exit(0)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
