"""Offline page plumbing: raw inline HTML elements and the inlined Leaflet assets.

folium links its JavaScript and CSS from CDNs; a geomap page links nothing.
:class:`InlineAssets` puts Leaflet and geomap's own script and styles (which
include geomap's own marker clustering) into the page's ``<head>`` as inline
``<script>`` and ``<style>`` elements; :class:`RawHTML` adds any other pre-built markup
without passing it through Jinja (so ``{{`` inside minified JavaScript or
article text is never taken as a template).
"""

from __future__ import annotations

import functools
from importlib import resources

from branca.element import Element

from geomap import assets


class RawHTML(Element):
    """An element that renders exactly the given markup, untouched by the template engine."""

    def __init__(self, markup: str, name: str = "RawHTML") -> None:
        super().__init__()
        self._name = name
        self.markup = markup

    def render(self, **kwargs: object) -> str:
        """Return the markup as given."""
        return self.markup


#: geomap's own scripts, in the order they run: the app, then the parts that extend it.
SCRIPTS = ("geomap.js", "places.js", "timeline.js", "density.js", "share.js")


@functools.cache
def geomap_js() -> str:
    """Return geomap's own map scripts (``plugins/static/*.js``, see :data:`SCRIPTS`), joined."""
    folder = resources.files("geomap.plugins").joinpath("static")
    return "\n".join(folder.joinpath(name).read_text(encoding="utf-8") for name in SCRIPTS)


@functools.cache
def geomap_css() -> str:
    """Return geomap's own map styles (``plugins/static/geomap.css``)."""
    return resources.files("geomap.plugins").joinpath("static/geomap.css").read_text(encoding="utf-8")


class InlineAssets(RawHTML):
    """Leaflet and geomap's script/styles, inlined for the ``<head>``.

    Leaflet.markercluster is not inlined: geomap clusters with its own grid
    (``geomap.js``), which draws 100,000 events in a fraction of the time.
    """

    def __init__(self) -> None:
        parts = [
            f"<style>{assets.leaflet_css()}</style>",
            f"<style>{geomap_css()}</style>",
            f"<script>{assets.leaflet_js()}</script>",
            f"<script>{geomap_js()}</script>",
        ]
        super().__init__("\n".join(parts), name="InlineAssets")
