"""The strike layer: events as compact data, drawn by geomap.js, with a filter/legend panel.

One :class:`StrikeLayer` added to a :class:`folium.Map` puts into the page:

- the events (and mentions, country outlines and the approximate polygons of
  the regions that hold an event) once, as JSON data blocks
  (``<script type="application/json">``, escaped so article text can never end
  the block), in the compact columnar form of :mod:`geomap.plugins.payload`;
  a big block is gzip-compressed and base64-encoded (see :data:`COMPRESS_OVER`);
- the inlined Leaflet and geomap assets (see
  :class:`geomap.plugins.offline.InlineAssets`);
- a panel that is at once the legend and the layer control: one checkbox per
  strike type (colour), target group (shape), status (fill) and origin (text
  or ACLED: size and ring), each with the exact symbol the map draws, a from/to
  date window, switches for the facility, region and mentions layers, and a
  counts summary;
- the call ``geomap.init(map, config)`` that draws everything.

An event is shown when its strike type AND target group AND status AND origin
are checked and its date is inside the window (undated events: own checkbox).
The facility layer (each struck facility once, with how often and when) and
the region layer (strike counts per region) count only the events shown.
"""

from __future__ import annotations

import base64
import gzip
import html
import logging
import warnings
from collections import Counter
from collections.abc import Sequence
from typing import Any

from branca.element import MacroElement
from jinja2 import Template

from geomap.model import TARGET_GROUPS, Event, Mention
from geomap.plugins import payload as _payload
from geomap.plugins import symbols
from geomap.plugins.offline import InlineAssets, RawHTML
from geomap.plugins.regions import RegionIndex

log = logging.getLogger(__name__)

#: Data blocks longer than this (characters of JSON) are stored gzip-compressed and
#: base64-encoded, and unpacked in the page with ``DecompressionStream`` (Chrome 80+,
#: Firefox 113+, Safari 16.4+). Article text makes up most of a big map; compressed it
#: takes about a fifth of the room, which keeps 100,000 events well under 20 MB.
COMPRESS_OVER = 2_000_000
#: The ``type`` of a compressed data block.
GZIP_TYPE = "application/x-geomap+gzip+base64"

#: Neutral colour of the shape and status swatches (they show shape/fill, not type).
NEUTRAL = "#8a8a8a"

#: Where the density layer's legend says how many events its darkest hexagon holds.
_DENSITY_NOTE = '<small class="gm-den-note" data-density-note></small>'

#: Legend swatch of each overlay, drawn as the map draws it (see geomap.css).
_LAYER_SWATCH = {
    "facilities": '<span class="gm-sw-fac">3</span>',
    "regions": '<span class="gm-sw-reg"></span>',
    "mentions": '<span class="gm-sw-men"></span>',
    "density": '<span class="gm-sw-den"></span>',
}


class StrikeLayer(MacroElement):
    """Strike events (and optional mentions and country outlines) drawn by geomap's script.

    Parameters
    ----------
    events:
        The events to draw; events without finite coordinates are left out.
    mentions:
        Places read but not mapped as strikes; drawn as a hidden-by-default overlay.
    outlines:
        A FeatureCollection from :func:`geomap.plugins.outlines.load_outlines`, or None.
    regions:
        The region polygons (:func:`geomap.plugins.regions.load_regions`), or None for
        no region layer. Only the regions that hold an event are put into the page.
    tiles:
        Online tile layers offered as extra base layers: dicts with ``name``,
        ``url``, ``attribution`` and ``maxZoom``. Never shown unless chosen.
    cluster:
        Cluster nearby markers into rings below zoom 13 (geomap's own grid clustering);
        else every marker is drawn, on one canvas.
    title:
        The heading of the panel.
    places:
        The gazetteer's place names (:func:`geomap.plugins.places.load_places`) for the
        base map's labels and the search, or None for neither.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        geomap.init({{ this._parent.get_name() }}, {{ this.config_json }});
        {% endmacro %}
        """
    )

    def __init__(
        self,
        events: Sequence[Event],
        *,
        mentions: Sequence[Mention] = (),
        outlines: dict[str, Any] | None = None,
        regions: RegionIndex | None = None,
        tiles: Sequence[dict[str, Any]] = (),
        cluster: bool = True,
        title: str = "geomap — strikes",
            places: dict[str, Any] | None = None,
    ) -> None:
        super().__init__()
        self._name = "StrikeLayer"
        self.events_data = _payload.encode_events(events, regions)
        self.regions_data = (_payload.region_features(self.events_data, regions)
                             if regions is not None and self.events_data["region_ids"] else None)
        self.mentions_data = _payload.encode_mentions(mentions) if mentions else None
        self.outlines = outlines if outlines and outlines.get("features") else None
        self.places = places if places and places.get("n") else None
        self.tiles = [dict(t) for t in tiles]
        self.cluster = bool(cluster)
        self.title = title

    # ids are derived from the element's unique name so two layers never clash
    def _dom_id(self, what: str) -> str:
        return f"{self.get_name()}_{what}"

    @property
    def config_json(self) -> str:
        """The configuration passed to ``geomap.init`` (script-safe JSON)."""
        cfg = {
            "eventsId": self._dom_id("events"),
            "mentionsId": self._dom_id("mentions") if self.mentions_data else None,
            "outlinesId": self._dom_id("outlines") if self.outlines else None,
            "regionsId": self._dom_id("regions") if self.regions_data else None,
            "placesId": self._dom_id("places") if self.places else None,
            "uncertainty": symbols.UNCERTAINTY_M,
            "panelId": self._dom_id("panel"),
            "cluster": self.cluster,
            "tiles": self.tiles,
            "style": symbols.style_config(),
            "labels": symbols.LABELS,
        }
        return _payload.script_json(cfg)

    def render(self, **kwargs: Any) -> None:
        """Add the assets, data blocks and panel to the figure, then the init script."""
        figure = self.get_root()
        figure.header.add_child(InlineAssets(), name="geomap_assets")
        blocks = [self._data_block("events", self.events_data)]
        if self.mentions_data:
            blocks.append(self._data_block("mentions", self.mentions_data))
        if self.outlines:
            blocks.append(self._data_block("outlines", self.outlines))
        if self.regions_data:
            blocks.append(self._data_block("regions", self.regions_data))
        if self.places:
            # always packed: the names of a whole gazetteer take a fifth of the room gzipped
            blocks.append(self._data_block("places", self.places, always_pack=True))
        blocks.append(self.panel_html())
        name = self._dom_id("html")
        figure.html.add_child(RawHTML("\n".join(blocks), name=name), name=name)
        super().render(**kwargs)

    def _data_block(self, what: str, data: Any, always_pack: bool = False) -> str:
        text = _payload.script_json(data)
        if always_pack or len(text) > COMPRESS_OVER:
            packed = base64.b64encode(gzip.compress(text.encode("utf-8"), compresslevel=6, mtime=0))
            return (f'<script type="{GZIP_TYPE}" id="{self._dom_id(what)}">'
                    f"{packed.decode('ascii')}</script>")
        return f'<script type="application/json" id="{self._dom_id(what)}">{text}</script>'


    def panel_html(self) -> str:
        """Return the filter/legend/counts panel (static HTML; geomap.js wires it up)."""
        data = self.events_data
        vocab = data["vocab"]
        parts = [f'<div id="{self._dom_id("panel")}" class="gm-panel" style="display:none">',
                 f"<h1>{html.escape(self.title)}</h1>",
                 '<details open><summary>Filters &amp; legend</summary>']
        counts = {f: Counter(data[f]) for f in ("strike_type", "group", "status", "origin")}

        def section(field: str, heading: str, swatch: Any, hint: Any = None) -> None:
            values = vocab[field]
            if not values:
                return
            parts.append(f'<div class="gm-section" data-section="{field}">'
                         f'<div class="gm-section-h"><span>{heading}</span><small>'
                         f'<a data-all="{field}" data-set="on">all</a>'
                         f'<a data-all="{field}" data-set="off">none</a></small></div>')
            for i, value in enumerate(values):
                v = html.escape(value, quote=True)
                tip = f' title="{html.escape(hint(value), quote=True)}"' if hint else ""
                parts.append(
                    f'<label class="gm-row" data-legend="{field}" data-value="{v}"{tip}>'
                    f'<input type="checkbox" checked data-filter="{field}" data-value="{v}">'
                    f"{swatch(value)}<span class=\"gm-lab\">{html.escape(symbols.label(value))}</span>"
                    f'<span class="gm-n">{counts[field][i]}</span></label>')
            parts.append("</div>")

        section("strike_type", "Strike type <small>(colour)</small>",
                lambda v: symbols.swatch_svg("circle", "hit", symbols.colour_of(v)))
        section("group", "Target <small>(shape)</small>",
                lambda g: symbols.swatch_svg(symbols.shape_of(g), "hit", NEUTRAL),
                lambda g: ", ".join(symbols.label(t) for t in TARGET_GROUPS.get(g, (g,))))
        section("status", "Status <small>(fill)</small>",
                lambda s: symbols.swatch_svg("circle", s, "#555555"))
        if vocab["origin"] and vocab["origin"] != ["text"]:
            section("origin", "Origin <small>(size, ring)</small>",
                    lambda o: symbols.swatch_svg("circle", "hit", NEUTRAL, size=20, origin=o),
                    lambda o: ("events coded by ACLED, imported from its data export" if o == "acled"
                               else "events geomap read from the articles" if o == "text" else o))
        parts.append(self._date_section())
        parts.append("</details>")
        parts.append(self._layers_section())
        parts.append('<div class="gm-counts leaflet-control" aria-live="polite"></div>')
        parts.append("</div>")
        return "".join(parts)

    def _layers_section(self) -> str:
        """Switches for the extra overlays (also in the layer control); all off at first."""
        data = self.events_data
        sid = self.events_data["strings"]
        facilities = len({sid[p] for p in data["place_id"] if p >= 0 and sid[p].startswith("facility:")})
        rows = []
        if facilities:
            rows.append(("facilities", "Struck facilities",
                         f"{facilities}: each once, with how often and when it was struck"))
        if self.regions_data:
            rows.append(("regions", "Strikes per region",
                         "counts on approximate region boundaries"))
        if self.mentions_data:
            rows.append(("mentions", "Mentions", "places read, not strikes"))
        if data["n"]:
            rows.append(("density", "Density", "events shown per hexagon, darker = more"))
        out = ['<div class="gm-section gm-layers" data-section="layers"><div class="gm-section-h">'
               "<span>Layers</span></div>"]
        for name, heading, hint in rows:
            out.append(f'<label class="gm-row" title="{html.escape(hint, quote=True)}">'
                       f'<input type="checkbox" data-layer="{name}">{_LAYER_SWATCH[name]}'
                       f'<span class="gm-lab">{html.escape(heading)} <small>({html.escape(hint)})</small>'
                       + (_DENSITY_NOTE if name == "density" else "") + "</span></label>")
        # what the base and a selected event draw, so that every mark on the map has its entry
        if self.places:
            out.append('<div class="gm-row gm-legend-only" data-legend="places">'
                       '<span class="gm-sw-place"></span><span class="gm-lab">Place names '
                       "<small>(gazetteer: regions, then towns, villages as you zoom in)</small>"
                       "</span></div>")
        out.append('<div class="gm-row gm-legend-only" data-legend="uncertainty">'
                   '<span class="gm-sw-unc"></span><span class="gm-lab">Selected event: how far it may be '
                   "from its point <small>(facility 1 km … region 120 km)</small></span></div>")
        out.append("</div>")
        return "".join(out)

    def _date_section(self) -> str:
        data = self.events_data
        days = sorted({data["strings"][d] for d in data["day"] if d >= 0})
        undated = sum(1 for d in data["day"] if d < 0)
        if not days and not undated:
            return ""
        out = ['<div class="gm-section" data-section="date"><div class="gm-section-h">'
               "<span>Date window</span></div>"]
        if days:
            lo, hi = html.escape(days[0]), html.escape(days[-1])
            out.append('<div class="gm-dates">'
                       f'<label for="{self._dom_id("from")}">from</label>'
                       f'<input type="date" id="{self._dom_id("from")}" data-date="from" '
                       f'min="{lo}" max="{hi}" value="{lo}">'
                       f'<label for="{self._dom_id("to")}">to</label>'
                       f'<input type="date" id="{self._dom_id("to")}" data-date="to" '
                       f'min="{lo}" max="{hi}" value="{hi}"></div>')
        if undated:
            out.append('<label class="gm-row"><input type="checkbox" checked data-date="undated">'
                       f'<span class="gm-lab">include undated</span><span class="gm-n">{undated}</span>'
                       "</label>")
        out.append("</div>")
        return "".join(out)


def tile_layers(name: str | None) -> list[dict[str, Any]]:
    """Return the online tile layer(s) for an xyzservices provider name (or a URL template).

    ``None`` or ``""`` gives none. An unknown provider name raises ``ValueError``.
    """
    if not name:
        return []
    if "{z}" in name and "{x}" in name:
        return [{"name": "Tiles", "url": name, "attribution": "", "maxZoom": 18}]
    import xyzservices

    provider = xyzservices.providers.query_name(name)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        url = provider.build_url(fill_subdomain=False)
    for warning in caught:  # e.g. "CartoDB tiles now require an API key": worth a log line
        log.warning("tiles %s: %s", name, warning.message)
    return [{
        "name": str(provider.get("name", name)),
        "url": url,
        "subdomains": str(provider.get("subdomains", "abc")),
        "attribution": str(provider.get("html_attribution") or provider.get("attribution") or ""),
        "maxZoom": int(provider.get("max_zoom", 18)),
    }]


__all__ = ["COMPRESS_OVER", "GZIP_TYPE", "NEUTRAL", "StrikeLayer", "tile_layers"]
