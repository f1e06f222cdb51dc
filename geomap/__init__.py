"""geomap: strikes read from news text, geocoded offline, mapped and exported as GIS layers.

The data flows one way, one module per step:
:mod:`~geomap.read` -> :mod:`~geomap.extract` (with :mod:`~geomap.gazetteer`,
:mod:`~geomap.matcher` and :mod:`~geomap.lexicon`) -> :mod:`~geomap.merge`
-> :mod:`~geomap.mapping` / :mod:`~geomap.export`; :mod:`~geomap.pipeline`
runs the whole job and :mod:`~geomap.cli` is the command line.

The names below are imported on first use, so ``import geomap`` stays cheap
and the command line loads folium and geopandas only when it draws or exports.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_EXPORTS = {
    "Event": "model", "Mention": "model", "Document": "model",
    "Gazetteer": "gazetteer",
    "extract_events": "pipeline", "extract_text": "pipeline", "run": "pipeline",
    "read_events": "export", "write_layers": "export",
    "write_map": "mapping",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'geomap' has no attribute {name!r}")
    return getattr(importlib.import_module(f".{module}", __name__), name)
