"""The HTML strike map: one self-contained file that works with no network at all.

The page inlines Leaflet (from the XStatic-Leaflet PyPI package, see
:mod:`geomap.assets`) and geomap's own script; it links no script, stylesheet,
font or image, and draws its base map from the offline country outlines of the
gazetteer (``countries.geojson``). Online tile layers can be offered as extra
base layers; they are never shown unless chosen, and stay blank offline.

Events are embedded once, as compact columnar data (not one folium object per
event), and drawn by the script on a canvas, clustered by default (geomap's own
grid clustering, fast enough for 100,000 events). Symbols: colour = strike
type, shape = target group, fill = status; events coded by ACLED
(``origin == "acled"``) are smaller and ringed. The panel that is the legend is
also the filter (strike type AND target group AND status AND origin AND date
window), with a counts summary. Overlays, off at first: struck facilities (each
facility once, with how often and when it was struck), strikes per region (on
the approximate polygons of ``regions.geojson``), and mentions; the first two
count only the events that pass the filters. Clicking a marker opens a popup
with all the event's fields, every evidence sentence and every source; all
article text is inserted as text, never as HTML.

Public API: :func:`build_map`, :func:`render_html`, :func:`write_map`.
"""

from __future__ import annotations

import html
import os
from collections import OrderedDict
from collections.abc import Sequence
from pathlib import Path

import folium
from branca.element import Element

from geomap.atomic import write_text_atomic
from geomap.model import Event, Mention
from geomap.plugins.outlines import load_outlines
from geomap.plugins.places import load_places, with_region_points
from geomap.plugins.regions import load_regions
from geomap.plugins.strikes import StrikeLayer, tile_layers

__all__ = ["MAX_ZOOM", "MIN_ZOOM", "build_map", "render_html", "write_map"]

#: Deepest zoom of the map. It must be set: with ``tiles=None`` folium leaves the map
#: without a maxZoom.
MAX_ZOOM = 18
#: Shallowest zoom of the map.
MIN_ZOOM = 2
#: Where the map looks when there are no events to fit (centre of Ukraine).
DEFAULT_CENTRE = (48.5, 32.0)
DEFAULT_ZOOM = 5


def build_map(
    events: Sequence[Event],
    *,
    mentions: Sequence[Mention] = (),
    title: str = "geomap — strikes",
    tiles: str | None = None,
    cluster: bool = True,
) -> folium.Map:
    """Build the strike map as a :class:`folium.Map` that needs no network.

    Parameters
    ----------
    events:
        The strike events to draw. Events whose coordinates are not finite
        latitude/longitude are left out.
    mentions:
        Places read in the documents but not mapped as strikes; offered as a
        "Mentions" overlay, hidden until switched on in the layer control.
    title:
        The page title and the heading of the filter/legend panel.
    tiles:
        An optional xyzservices provider name (e.g. ``"OpenStreetMap.Mapnik"``)
        or ``{z}/{x}/{y}`` URL template offered as an extra, online-only base
        layer. The default base is the offline country outlines (or a blank
        base if ``countries.geojson`` is missing). The region layer is drawn
        from ``regions.geojson`` (none if it is missing).
    cluster:
        Cluster nearby markers below zoom 13. Without clustering every marker
        in view is drawn, on one canvas.

    Returns
    -------
    folium.Map
        A map whose page (``m.get_root().render()``) is self-contained. folium's
        default CDN links are removed from it; add no folium plugin that
        brings its own (most do).

    Raises
    ------
    ValueError
        If ``tiles`` names no known xyzservices provider.
    """
    online = tile_layers(tiles)
    m = folium.Map(
        location=list(DEFAULT_CENTRE),
        zoom_start=DEFAULT_ZOOM,
        tiles=None,
        control_scale=False,
        prefer_canvas=True,
    )
    # folium.Map passes min_zoom/max_zoom only to a tile layer; the map itself needs them.
    m.options["max_zoom"] = MAX_ZOOM
    m.options["min_zoom"] = MIN_ZOOM
    m.options["world_copy_jump"] = False
    # No CDN: everything the page needs is inlined by StrikeLayer (instance attributes,
    # so folium's class-level defaults stay untouched for other code).
    m.default_js = []
    m.default_css = []
    root = m.get_root()
    root.title = html.escape(title)
    regions = load_regions()
    StrikeLayer(
        list(events),
        mentions=list(mentions),
        outlines=load_outlines(),
        regions=regions,
        tiles=online,
        cluster=cluster,
        title=title,
        places=with_region_points(load_places(), regions),
    ).add_to(m)
    return m


def render_html(
    events: Sequence[Event],
    *,
    mentions: Sequence[Mention] = (),
    title: str = "geomap — strikes",
    tiles: str | None = None,
    cluster: bool = True,
) -> str:
    """Return the map's full, self-contained HTML page as a string.

    Takes the same arguments as :func:`build_map`.
    """
    m = build_map(events, mentions=mentions, title=title, tiles=tiles, cluster=cluster)
    root = m.get_root()
    _number_elements(root)
    page = root.render()
    return page.replace("<html>", '<html lang="en">', 1)


def _number_elements(root: Element) -> None:
    """Give every element of the page an id from its place in the tree.

    folium draws random ids (``map_5f3c...``), so two renderings of the same
    events would differ; numbered ids make the same input give the same file.
    """
    counter = 0

    def visit(element: Element) -> None:
        nonlocal counter
        renamed: OrderedDict[str, Element] = OrderedDict()
        for key, child in element._children.items():
            named_by_id = key == child.get_name()  # else a chosen key ("header"), kept as it is
            counter += 1
            child._id = f"{counter:08x}"
            renamed[child.get_name() if named_by_id else key] = child
        element._children = renamed
        for child in renamed.values():
            visit(child)

    root._id = f"{counter:08x}"
    visit(root)


def write_map(
    events: Sequence[Event],
    path: str | os.PathLike[str],
    *,
    mentions: Sequence[Mention] = (),
    title: str = "geomap — strikes",
    tiles: str | None = None,
    cluster: bool = True,
) -> Path:
    """Write the map's HTML page to ``path`` atomically and return the path.

    Takes the same keyword arguments as :func:`build_map`. The folder is
    created if needed; an interrupted write leaves any earlier file intact.
    """
    target = Path(path)
    write_text_atomic(target, render_html(events, mentions=mentions, title=title, tiles=tiles,
                                          cluster=cluster))
    return target
