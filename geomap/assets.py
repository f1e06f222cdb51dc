"""Inlined web assets: Leaflet, read from the XStatic-Leaflet package.

The map must open on a machine with no network at all, so nothing is linked:
every script and stylesheet is returned here as text for inlining into the
page. The texts are read from the installed PyPI package ``XStatic-Leaflet``
when first asked for, then cached; no third-party file is copied into this
repository. (Marker clustering is geomap's own, in ``plugins/static/geomap.js``:
Leaflet.markercluster is no longer needed.)

Each text is made safe to put inside a ``<script>`` or ``<style>`` element
(no ``</script`` / ``</style`` inside), loses its ``sourceMappingURL`` comment
(a browser's developer tools would otherwise try to fetch the map file), and
-- for Leaflet's CSS -- has the images it references inlined as ``data:`` URIs.
"""

from __future__ import annotations

import base64
import functools
import re
from pathlib import Path

__all__ = ["leaflet_css", "leaflet_js", "leaflet_version"]

_SOURCE_MAP = re.compile(r"^[ \t]*(//|/\*)[#@] sourceMappingURL=.*$", re.MULTILINE)
_CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""")
_MIME = {".png": "image/png", ".svg": "image/svg+xml", ".gif": "image/gif"}


def _leaflet_dir() -> Path:
    import xstatic.pkg.leaflet as pkg

    return Path(pkg.BASE_DIR)


def _clean(text: str, closing_tag: str) -> str:
    """Drop source-map comments and make ``text`` safe inside ``<closing_tag>``."""
    text = _SOURCE_MAP.sub("", text)
    # "</script" would end the inline element early; "<\/script" means the same in JS
    # strings and regexes, and in CSS it can only appear in comments or strings.
    pattern = re.compile(re.escape("</" + closing_tag), re.IGNORECASE)
    return pattern.sub("<\\\\/" + closing_tag, text)


def _inline_css_urls(css: str, base: Path) -> str:
    """Replace ``url(relative/file.png)`` with a ``data:`` URI of that file.

    ``data:``, ``#fragment`` (IE's ``#default#VML``) and absolute URLs are left
    as they are; a relative file that does not exist is replaced by an empty
    ``url()``-free ``none`` so that nothing is ever requested.
    """

    def repl(match: re.Match[str]) -> str:
        ref = match.group(2).strip()
        if ref.startswith(("data:", "#")):
            return match.group(0)
        path = (base / ref).resolve()
        mime = _MIME.get(path.suffix.lower())
        if mime is None or not path.is_file():
            return "none"
        payload = base64.b64encode(path.read_bytes()).decode("ascii")
        return f'url("data:{mime};base64,{payload}")'

    return _CSS_URL.sub(repl, css)


@functools.cache
def leaflet_js() -> str:
    """Return Leaflet's minified JavaScript (``leaflet.js``), ready to inline."""
    return _clean((_leaflet_dir() / "leaflet.js").read_text(encoding="utf-8"), "script")


@functools.cache
def leaflet_css() -> str:
    """Return Leaflet's stylesheet with its images (layers, marker icons) inlined."""
    base = _leaflet_dir()
    css = (base / "leaflet.css").read_text(encoding="utf-8")
    return _clean(_inline_css_urls(css, base), "style")


def leaflet_version() -> str:
    """Return the version of the Leaflet that is inlined (from XStatic-Leaflet)."""
    import xstatic.pkg.leaflet as pkg

    return str(pkg.VERSION)
