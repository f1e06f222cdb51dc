"""Reading the gazetteer's GeoJSON layers (country outlines, region polygons) for the map."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

log = logging.getLogger("geomap.mapping")


def file_stamp(path: Path) -> tuple[str, int, int] | None:
    """``(path, mtime, size)``: the key a file's parsed contents are cached under; None if it is missing.

    A changed file gets a new key, so a cache keyed by it never serves stale contents.
    """
    try:
        stat = path.stat()
    except OSError:
        return None
    return str(path), stat.st_mtime_ns, stat.st_size


def read_features(path: str, what: str) -> list[dict[str, Any]] | None:
    """The features of the FeatureCollection at ``path``, or None when it cannot be used.

    A missing or broken file is not an error for the map: the layer is left
    out and a warning naming ``what`` (e.g. "country outlines") is logged.
    """
    try:
        with open(path, encoding="utf-8") as fh:
            raw = json.load(fh)
    except (OSError, ValueError) as exc:
        log.warning("%s not drawn: cannot read %s: %s", what, path, exc)
        return None
    features = raw.get("features") if isinstance(raw, dict) else None
    if not isinstance(features, list):
        log.warning("%s not drawn: %s is not a FeatureCollection", what, path)
        return None
    return features
