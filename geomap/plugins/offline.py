"""Offline page plumbing: raw inline HTML elements and the inlined Leaflet assets.

folium links its JavaScript and CSS from CDNs; a geomap page links nothing.
:class:`InlineAssets` puts Leaflet, Leaflet.markercluster and geomap's own
script and styles into the page's ``<head>`` as inline ``<script>`` and
``<style>`` elements; :class:`RawHTML` adds any other pre-built markup
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


@functools.cache
def geomap_js() -> str:
    """Return geomap's own map script (``plugins/static/geomap.js``)."""
    return resources.files("geomap.plugins").joinpath("static/geomap.js").read_text(encoding="utf-8")


@functools.cache
def geomap_css() -> str:
    """Return geomap's own map styles (``plugins/static/geomap.css``)."""
    return resources.files("geomap.plugins").joinpath("static/geomap.css").read_text(encoding="utf-8")


class InlineAssets(RawHTML):
    """Leaflet, Leaflet.markercluster and geomap's script/styles, inlined for the ``<head>``."""

    def __init__(self, cluster: bool = True) -> None:
        parts = [
            f"<style>{assets.leaflet_css()}</style>",
            f"<style>{assets.markercluster_css()}</style>" if cluster else "",
            f"<style>{geomap_css()}</style>",
            f"<script>{assets.leaflet_js()}</script>",
            f"<script>{assets.markercluster_js()}</script>" if cluster else "",
            f"<script>{geomap_js()}</script>",
        ]
        super().__init__("\n".join(p for p in parts if p), name="InlineAssets")
