/* geomap map application: strike markers, filters, legend, counts, search, and the
 * ACLED, facility, region and mentions layers.
 *
 * Part of geomap (MIT). Runs on the inlined Leaflet and Leaflet.markercluster;
 * makes no network request. All article text is put into the page with
 * textContent, never as HTML.
 *
 * Entry point: geomap.init(map, config) -> app (also kept as window.geomapApp).
 */
(function (global) {
  'use strict';
  var L = global.L;
  var geomap = global.geomap = global.geomap || {};
  /** Functions run (with this = the app) when the app is made, after the first drawing. */
  geomap.parts = geomap.parts || [];
  /** Functions run (with this = the app) after every change of filters or date window. */
  geomap.onFilter = geomap.onFilter || [];

  // ---------------------------------------------------------------- shapes
  // Unit vertices (multiples of the radius) of each non-circle shape; set by init.
  var VERTICES = {};
  var RING = 1.6;               // ring radius around ACLED symbols, times their radius; set by init
  var CLUSTER_UNTIL_ZOOM = 13;  // markers are clustered below this zoom
  var CELL = 60;                // cluster grid cell, in screen pixels
  var MAX_LISTED = 50;          // events listed in one popup at most

  /** A CircleMarker drawn as the shape named in options.shape (ringed if options.ring). */
  var ShapeMarker = L.CircleMarker.extend({
    options: { shape: 'circle', ring: false },
    _updatePath: function () { this._renderer._updateGmShape(this); },
    // the shapes reach a little beyond the radius, and the ring well beyond it: the canvas
    // must redraw (and cull) by what is drawn, not by the radius alone
    _updateBounds: function () {
      var r = this._radius * (this.options.ring ? RING + 0.15 : 1.3) + this._clickTolerance();
      var p = [r, r];
      this._pxBounds = new L.Bounds(this._point.subtract(p), this._point.add(p));
    }
  });

  L.Canvas.include({
    _updateGmShape: function (layer) {
      var pts = VERTICES[layer.options.shape];
      if (!this._drawing || layer._empty()) { return; }
      var p = layer._point, r = layer._radius, ctx = this._ctx;
      if (!pts) {
        this._updateCircle(layer);
      } else {
        ctx.beginPath();
        for (var k = 0; k < pts.length; k++) {
          var x = p.x + pts[k][0] * r, y = p.y + pts[k][1] * r;
          if (k) { ctx.lineTo(x, y); } else { ctx.moveTo(x, y); }
        }
        ctx.closePath();
        this._fillStroke(ctx, layer);
      }
      if (layer.options.ring) {
        ctx.beginPath();
        if (ctx.setLineDash) { ctx.setLineDash([]); }
        ctx.arc(p.x, p.y, r * RING, 0, Math.PI * 2, false);
        ctx.globalAlpha = 1;
        ctx.lineWidth = 1;
        ctx.strokeStyle = '#000';
        ctx.stroke();
      }
    }
  });

  L.SVG.include({
    _updateGmShape: function (layer) {
      var pts = VERTICES[layer.options.shape];
      if (!pts) { return this._updateCircle(layer); }
      var p = layer._point, r = layer._radius, d = '';
      for (var k = 0; k < pts.length; k++) {
        d += (k ? 'L' : 'M') + (p.x + pts[k][0] * r) + ' ' + (p.y + pts[k][1] * r);
      }
      this._setPath(layer, layer._empty() ? 'M0 0' : d + 'z');
    }
  });

  // ---------------------------------------------------------------- helpers
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }

  /** Read a data block: plain JSON, or gzip+base64 JSON (unpacked with DecompressionStream). */
  function readBlock(id) {
    var node = id ? document.getElementById(id) : null;
    if (!node) { return Promise.resolve(null); }
    if (node.type === 'application/json') {
      try { return Promise.resolve(JSON.parse(node.textContent)); } catch (err) { return Promise.reject(err); }
    }
    if (typeof DecompressionStream === 'undefined') {
      return Promise.reject(new Error('This map is too large for this browser: it needs a current ' +
        'Chrome, Edge, Firefox (113+) or Safari (16.4+).'));
    }
    var bin = atob(node.textContent.trim()), bytes = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) { bytes[i] = bin.charCodeAt(i); }
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
    return new Response(stream).text().then(JSON.parse);
  }

  var SAFE_URL = /^https?:\/\/[^\s]+$/i;

  function norm(text) {
    var s = String(text || '').toLowerCase().replace(/ё/g, 'е');
    if (s.normalize) { s = s.normalize('NFKD').replace(/[\u0300-\u036f]/g, ''); }
    return s.replace(/[’'ʼ`"]/g, '').replace(/[-‐‑–—_.,]+/g, ' ').replace(/\s+/g, ' ').trim();
  }

  // ---------------------------------------------------------------- app
  function App(map, cfg, data) {
    this.map = map;
    this.cfg = cfg;
    this.style = cfg.style;
    this.labels = cfg.labels || {};
    this.events = data.events || { n: 0, strings: [], vocab: {} };
    this.mentions = data.mentions;
    this.outlines = data.outlines;
    this.regions = data.regions;
    this.places = data.places || null;   // set later (see geomap.init)
    VERTICES = this.style.vertices || {};
    RING = this.style.ring || RING;
    this.popup = L.popup({ maxWidth: 440, minWidth: 240, maxHeight: 380, className: 'gm-popup-wrap' });
    this.on = {};        // field -> array of booleans, by vocabulary index
    this.dateFrom = '';
    this.dateTo = '';
    this.undated = true;
    this.visible = [];   // indices of events passing the filters
    this._pending = false;

    this._panes();
    this._baseLayers();
    this._markers();
    this._facilityLayer();
    this._regionLayer();
    this._mentionLayer();
    this._layerControl();
    this._panel();
    this._search();
    L.control.scale({ position: 'bottomleft', imperial: false }).addTo(map);
    this._fit();
    this.applyFilters();
    // the parts in the other scripts (place names, timeline, share), in the order they load
    for (var h = 0; h < geomap.parts.length; h++) { geomap.parts[h].call(this); }
  }

  App.prototype.label = function (value) {
    var v = String(value);
    return Object.prototype.hasOwnProperty.call(this.labels, v) ? this.labels[v] : v.replace(/_/g, ' ');
  };

  App.prototype._panes = function () {
    var m = this.map;
    m.createPane('gmLand').style.zIndex = 250;
    m.createPane('gmRegions').style.zIndex = 300;
    var lab = m.createPane('gmLabels');
    lab.style.zIndex = 260;
    lab.style.pointerEvents = 'none';
    m.createPane('gmMentions').style.zIndex = 390;
    m.createPane('gmStrikes').style.zIndex = 400;
    // counts and facility badges are DOM markers above the strikes' canvas, so they take clicks
    m.createPane('gmRegionLabels').style.zIndex = 450;
    m.createPane('gmFacilities').style.zIndex = 460;
  };

  App.prototype._baseLayers = function () {
    var map = this.map, base = {}, first = null;
    if (this.outlines && this.outlines.features && this.outlines.features.length) {
      var land = L.geoJSON(this.outlines, {
        pane: 'gmLand',
        interactive: false,
        renderer: L.svg({ pane: 'gmLand', padding: 0.5 }),
        style: function (f) {
          var t = f.properties && f.properties.theatre;
          return {
            color: t ? '#8c8c8c' : '#b5b5b5', weight: t ? 1.2 : 0.8, opacity: 1,
            fillColor: t ? '#d6d6d6' : '#ececec', fillOpacity: 1
          };
        }
      });
      var group = L.layerGroup([land]);
      base['Country outlines (offline)'] = group;
      first = group;
      this.land = land;
    } else {
      first = base['Blank (offline)'] = L.layerGroup();
    }
    (this.cfg.tiles || []).forEach(function (t) {
      base[t.name + ' (online)'] = L.tileLayer(t.url, {
        attribution: t.attribution || '', subdomains: t.subdomains || 'abc', maxZoom: 18,
        maxNativeZoom: t.maxZoom || 18
      });
    });
    map.addLayer(first);
    this.base = base;
    this.offlineBase = first;
  };

  App.prototype.colourOf = function (strike) {
    return this.style.colours[strike] || this.style.fallbackColour;
  };

  App.prototype.shapeOf = function (group) {
    return this.style.shapes[group] || this.style.fallbackShape;
  };

  App.prototype.markerOptions = function (strike, group, status, origin) {
    var colour = this.colourOf(strike);
    var look = (this.style.origins || {})[origin] || { scale: 1, ring: false };
    var st = this.style.status[status] || this.style.status.unknown;
    var o = {};
    for (var k in st) { if (Object.prototype.hasOwnProperty.call(st, k)) { o[k] = st[k]; } }
    if (o.color === 'COLOUR') { o.color = colour; }
    if (o.fillColor === 'COLOUR') { o.fillColor = colour; }
    o.radius = this.style.radius * look.scale;
    o.ring = !!look.ring;
    o.shape = this.shapeOf(group);
    o.renderer = this.renderer;
    o.pane = 'gmStrikes';
    o.bubblingMouseEvents = true;
    return o;
  };

  // ---------------------------------------------------------------- markers and clusters
  // Clustering is geomap's own: on every view change (and filter change) the events that
  // pass the filters and lie in or near the view are binned into a CELL-pixel grid at the
  // current zoom; a cell with one event draws its marker (on one canvas), a cell with more
  // a cluster ring at their centroid. One pass over typed arrays: about 10 ms for 100,000
  // events, where Leaflet.markercluster needed seconds to build its per-zoom trees. Markers
  // are created only when first drawn. From CLUSTER_UNTIL_ZOOM on, every event is drawn;
  // events at one spot are then listed in one popup (see _eventsAt).

  App.prototype._markers = function () {
    var E = this.events, n = E.n || 0, self = this;
    this.renderer = L.canvas({ pane: 'gmStrikes', padding: 0.5, tolerance: 3 });
    this.map.createPane('gmClusters').style.zIndex = 430;
    // Web Mercator of each event, in world units (0..1): pixel = unit * 256 * 2^zoom
    var X = this.mx = new Float64Array(n), Y = this.my = new Float64Array(n), D = Math.PI / 180;
    for (var i = 0; i < n; i++) {
      var s = Math.max(-0.9999, Math.min(0.9999, Math.sin(E.lat[i] * D)));
      X[i] = (E.lon[i] + 180) / 360;
      Y[i] = 0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI);
    }
    this.markers = new Array(n);   // ShapeMarker of event i, made when first drawn
    this._optCache = {};
    this._shown = new Map();       // event index -> its marker, drawn now
    this.clusters = [];            // [{ids, marker}] drawn now
    // this.target holds what is drawn now: event markers and cluster markers
    this.target = L.featureGroup();
    this.target.on('click', function (e) {
      var layer = e.layer;
      if (layer && layer._gm !== undefined) {
        self.openEvents(self._eventsAt(layer.getLatLng(), layer._gm), layer.getLatLng());
      } else if (layer && layer._gmCluster) {
        self.openCluster(layer._gmCluster, layer.getLatLng());
      }
    });
    this.map.addLayer(this.target);
    this.map.on('moveend', function () { self._redraw(); });
  };

  /** The marker of event i (made on first use). */
  App.prototype.marker = function (i) {
    var m = this.markers[i];
    if (m) { return m; }
    var E = this.events, V = E.vocab;
    var key = E.strike_type[i] + '|' + E.group[i] + '|' + E.status[i] + '|' + E.origin[i];
    var opts = this._optCache[key];
    if (!opts) {
      opts = this._optCache[key] = this.markerOptions(V.strike_type[E.strike_type[i]], V.group[E.group[i]],
        V.status[E.status[i]], V.origin[E.origin[i]]);
    }
    m = this.markers[i] = new ShapeMarker([E.lat[i], E.lon[i]], opts);
    m._gm = i;
    return m;
  };

  /** Draw the events passing the filters that lie in or near the view: markers and clusters. */
  App.prototype._redraw = function () {
    var map = this.map, z = map.getZoom(), scale = 256 * Math.pow(2, z), self = this;
    var size = map.getSize(), pb = map.getPixelBounds();
    var x0 = pb.min.x - size.x / 2, x1 = pb.max.x + size.x / 2;
    var y0 = pb.min.y - size.y / 2, y1 = pb.max.y + size.y / 2;
    var vis = this.visible, X = this.mx, Y = this.my, k, i;
    var grid = this.cfg.cluster && z < CLUSTER_UNTIL_ZOOM;
    var singles = [], cells = new Map();
    for (k = 0; k < vis.length; k++) {
      i = vis[k];
      var px = X[i] * scale, py = Y[i] * scale;
      if (px < x0 || px > x1 || py < y0 || py > y1) { continue; }
      if (!grid) { singles.push(i); continue; }
      var cx = Math.floor(px / CELL), cy = Math.floor(py / CELL), key = cx * 4194304 + cy;
      var c = cells.get(key);
      if (c === undefined) { cells.set(key, c = { ids: [], sx: 0, sy: 0, cx: cx, cy: cy, gone: false }); }
      c.ids.push(i);
      c.sx += px;
      c.sy += py;
    }
    // a grid splits close neighbours that straddle a cell border: biggest first, each cell
    // takes in the neighbouring cells whose centre of mass is within CELL of its own
    var order = Array.from(cells.values()).sort(function (a, b) { return b.ids.length - a.ids.length; });
    var groups = [], near = CELL * CELL;
    for (k = 0; k < order.length; k++) {
      var g = order[k];
      if (g.gone) { continue; }
      for (var dx = -1; dx <= 1; dx++) {
        for (var dy = -1; dy <= 1; dy++) {
          var o = (dx || dy) ? cells.get((g.cx + dx) * 4194304 + g.cy + dy) : undefined;
          if (!o || o.gone) { continue; }
          var ex = g.sx / g.ids.length - o.sx / o.ids.length, ey = g.sy / g.ids.length - o.sy / o.ids.length;
          if (ex * ex + ey * ey > near) { continue; }
          Array.prototype.push.apply(g.ids, o.ids);
          g.sx += o.sx;
          g.sy += o.sy;
          o.gone = true;
        }
      }
      if (g.ids.length === 1) { singles.push(g.ids[0]); } else { groups.push(g); }
    }
    // markers: remove those no longer wanted, add the new ones
    var want = new Set(singles), shown = this._shown, target = this.target;
    shown.forEach(function (m, idx) {
      if (!want.has(idx)) { target.removeLayer(m); shown.delete(idx); }
    });
    for (k = 0; k < singles.length; k++) {
      i = singles[k];
      if (!shown.has(i)) { var m = this.marker(i); shown.set(i, m); target.addLayer(m); }
    }
    // clusters: rebuilt each time (a few hundred DOM icons at most)
    this.clusters.forEach(function (c) { target.removeLayer(c.marker); });
    this.clusters = groups.map(function (c) {
      var n = c.ids.length;
      var marker = L.marker(map.unproject([c.sx / n, c.sy / n], z), {
        pane: 'gmClusters', keyboard: false, icon: self._clusterIcon(c.ids),
        title: n + ' events: click to zoom in'
      });
      marker._gmCluster = c.ids;
      target.addLayer(marker);
      return { ids: c.ids, marker: marker };
    });
  };

  /** A cluster clicked: zoom to its events, or list them if they are all at one spot. */
  App.prototype.openCluster = function (ids, latlng) {
    var E = this.events, s = 90, w = 180, no = -90, e = -180;
    for (var k = 0; k < ids.length; k++) {
      var i = ids[k];
      if (E.lat[i] < s) { s = E.lat[i]; }
      if (E.lat[i] > no) { no = E.lat[i]; }
      if (E.lon[i] < w) { w = E.lon[i]; }
      if (E.lon[i] > e) { e = E.lon[i]; }
    }
    var bounds = L.latLngBounds([s, w], [no, e]);
    if (bounds.getNorthEast().distanceTo(bounds.getSouthWest()) < 50) {
      this.openEvents(ids, latlng);
      return;
    }
    var z = Math.min(this.map.getBoundsZoom(bounds, false, L.point(60, 60)), CLUSTER_UNTIL_ZOOM);
    if (z <= this.map.getZoom()) { z = Math.min(this.map.getZoom() + 2, CLUSTER_UNTIL_ZOOM); }
    // a small cluster: zoom until its closest two events are a cell apart, so that they
    // separate (else a "2" ring would be drawn again after the zoom)
    if (ids.length <= 12) { z = Math.max(z, Math.min(this._separationZoom(ids), CLUSTER_UNTIL_ZOOM)); }
    this.map.setView(bounds.getCenter(), z);
  };

  /** The zoom from which the closest two of these events lie more than a cluster cell apart. */
  App.prototype._separationZoom = function (ids) {
    var X = this.mx, Y = this.my, best = Infinity;
    for (var a = 0; a < ids.length; a++) {
      for (var b = a + 1; b < ids.length; b++) {
        var dx = X[ids[a]] - X[ids[b]], dy = Y[ids[a]] - Y[ids[b]], d = Math.sqrt(dx * dx + dy * dy);
        if (d < best) { best = d; }
      }
    }
    if (!(best > 0) || !isFinite(best)) { return CLUSTER_UNTIL_ZOOM; }
    return Math.ceil(Math.log(CELL * 1.5 / (best * 256)) / Math.LN2);
  };

  App.prototype._clusterIcon = function (ids) {
    var E = this.events, V = E.vocab, counts = {}, n = ids.length, acled = 0;
    for (var i = 0; i < n; i++) {
      var st = E.strike_type[ids[i]];
      counts[st] = (counts[st] || 0) + 1;
    }
    var stops = [], acc = 0;
    for (var j = 0; j < V.strike_type.length; j++) {
      if (!counts[j]) { continue; }
      var a = acc / n * 360, b = (acc + counts[j]) / n * 360;
      stops.push(this.colourOf(V.strike_type[j]) + ' ' + a.toFixed(1) + 'deg ' + b.toFixed(1) + 'deg');
      acc += counts[j];
    }
    var size = n < 10 ? 30 : n < 100 ? 36 : n < 1000 ? 42 : 48;
    var ring = el('div', 'gm-cl-ring');
    ring.style.background = stops.length ? 'conic-gradient(' + stops.join(',') + ')' : '#888';
    ring.appendChild(el('span', 'gm-cl-n', n));
    return L.divIcon({ html: ring, className: 'gm-cluster', iconSize: L.point(size, size) });
  };

  App.prototype._mentionLayer = function () {
    var M = this.mentions, self = this;
    if (!M || !M.n) { this.mentionLayer = null; return; }
    var layer = this.mentionLayer = L.featureGroup();
    var filled = false;
    var renderer = L.canvas({ pane: 'gmMentions', padding: 0.5, tolerance: 2 });
    layer.on('add', function () {
      if (filled) { return; }
      filled = true;
      var opts = {
        renderer: renderer, pane: 'gmMentions', radius: 4, color: '#4d4d4d', weight: 1,
        opacity: 0.8, fillColor: '#ffffff', fillOpacity: 0.85
      };
      for (var i = 0; i < M.n; i++) {
        var m = L.circleMarker([M.lat[i], M.lon[i]], opts);
        m._gmMention = i;
        layer.addLayer(m);
      }
    });
    layer.on('click', function (e) {
      if (e.layer && e.layer._gmMention !== undefined) {
        self.popup.setLatLng(e.layer.getLatLng()).setContent(self.mentionPopup(e.layer._gmMention))
          .openOn(self.map);
      }
    });
  };

  // ---------------------------------------------------------------- facilities
  /** Events at a facility (place_id "facility:...") grouped by place_id: one badge per facility. */
  App.prototype._facilityLayer = function () {
    var E = this.events, S = E.strings, n = E.n || 0, slot = {}, list = [], self = this;
    var of = new Int32Array(n);
    for (var i = 0; i < n; i++) {
      var pid = E.place_id ? S[E.place_id[i]] : '';
      if (pid && pid.lastIndexOf('facility:', 0) === 0) {
        var k = slot[pid];
        if (k === undefined) { k = slot[pid] = list.length; list.push({ id: pid, first: i }); }
        of[i] = k;
      } else { of[i] = -1; }
    }
    this.facilityOf = of;
    this.facilities = list;
    this.facilityEvents = [];
    if (!list.length) { this.facilityLayer = null; return; }
    this.facilityLayer = L.layerGroup();
    this.facilityLayer.on('add', function () { self._drawFacilities(); });
  };

  /** Redraw the facility badges from the events passing the filters (when the layer is on). */
  App.prototype._drawFacilities = function () {
    var layer = this.facilityLayer, self = this;
    if (!layer) { return; }
    var per = this.facilities.map(function () { return []; }), E = this.events, S = E.strings;
    for (var k = 0; k < this.visible.length; k++) {
      var f = this.facilityOf[this.visible[k]];
      if (f >= 0) { per[f].push(this.visible[k]); }
    }
    var byDay = function (a, b) {
      var da = E.day[a] < 0 ? '~' : S[E.day[a]], db = E.day[b] < 0 ? '~' : S[E.day[b]];
      return da < db ? -1 : da > db ? 1 : a - b;
    };
    per.forEach(function (ids) { ids.sort(byDay); });
    this.facilityEvents = per;
    if (!this.map.hasLayer(layer)) { return; }
    layer.clearLayers();
    per.forEach(function (ids, f) {
      if (!ids.length) { return; }
      var first = self.facilities[f].first, name = self.facilityName(f);
      var badge = el('div', 'gm-fac-badge', ids.length);
      var w = 18 + 7 * String(ids.length).length;
      var m = L.marker([E.lat[first], E.lon[first]], {
        pane: 'gmFacilities', keyboard: false, riseOnHover: true,
        title: name + ': struck ' + ids.length + (ids.length === 1 ? ' time' : ' times'),
        // up and to the right of the point, so the strike symbol under it stays visible
        icon: L.divIcon({ className: 'gm-fac', html: badge, iconSize: L.point(w, 20), iconAnchor: [-5, 25] })
      });
      m._gmFacility = f;
      m.on('click', function () { self.openFacility(f); });
      layer.addLayer(m);
    });
  };

  App.prototype.facilityName = function (f) {
    var E = this.events, S = E.strings, i = this.facilities[f].first;
    return S[E.place_name[i]] || S[E.place[i]] || this.facilities[f].id;
  };

  /** Open the popup of facility f: how often and when it was struck (events passing the filters). */
  App.prototype.openFacility = function (f) {
    var E = this.events, S = E.strings, V = E.vocab, ids = this.facilityEvents[f] || [], self = this;
    var first = this.facilities[f].first;
    var root = el('div', 'gm-popup gm-popup-facility');
    root.appendChild(el('div', 'gm-popup-title', this.facilityName(f)));
    var sub = [this.facilities[f].id];
    if (S[E.admin1[first]]) { sub.push(S[E.admin1[first]]); }
    if (S[E.country[first]]) { sub.push(S[E.country[first]]); }
    root.appendChild(el('div', 'gm-popup-sub', sub.join(' · ')));
    var dated = ids.filter(function (i) { return E.day[i] >= 0; });
    var t = el('table', 'gm-popup-table');
    row(t, 'Struck', ids.length + (ids.length === 1 ? ' time' : ' times') + ' (events shown)');
    row(t, 'First', dated.length ? S[E.date[dated[0]]] : '—');
    row(t, 'Last', dated.length ? S[E.date[dated[dated.length - 1]]] : '—');
    root.appendChild(t);
    root.appendChild(el('div', 'gm-popup-h', 'Dates (' + ids.length + ')'));
    var ul = el('ul', 'gm-fac-dates');
    ids.slice(0, 200).forEach(function (i) {
      var li = el('li'), a = el('a', 'gm-fac-date', E.date[i] >= 0 ? S[E.date[i]] : 'undated');
      a.href = '#';
      a.setAttribute('data-event', String(i));
      a.addEventListener('click', function (ev) {
        // stop the click here: it would reach the map, from a link no longer in the popup,
        // and the map would take it for a click on itself and close the new popup
        L.DomEvent.stop(ev);
        setTimeout(function () { self.openEvent(i); }, 0);
      });
      li.appendChild(a);
      var dot = el('span', 'gm-dot');
      dot.style.background = self.colourOf(V.strike_type[E.strike_type[i]]);
      li.appendChild(document.createTextNode(' '));
      li.appendChild(dot);
      var what = self.label(V.strike_type[E.strike_type[i]]) + ', ' + self.label(V.status[E.status[i]]);
      if (V.origin[E.origin[i]] !== 'text') { what += ' (' + self.label(V.origin[E.origin[i]]) + ')'; }
      li.appendChild(document.createTextNode(what));
      ul.appendChild(li);
    });
    if (ids.length > 200) { ul.appendChild(el('li', 'gm-none', '… and ' + (ids.length - 200) + ' more')); }
    root.appendChild(ul);
    this.popup.setLatLng([E.lat[first], E.lon[first]]).setContent(root).openOn(this.map);
    return ids.length;
  };

  // ---------------------------------------------------------------- regions
  /** Strike counts per region, drawn on the approximate region polygons (off by default). */
  App.prototype._regionLayer = function () {
    var R = this.regions, self = this;
    this.regionCounts = [];
    if (!R || !R.features || !R.features.length) { this.regionLayer = null; return; }
    R.features.forEach(function (f, k) { f.properties._k = k; self.regionCounts.push(0); });
    this.regionShapes = L.geoJSON(R, {
      pane: 'gmRegions', interactive: false,
      renderer: L.svg({ pane: 'gmRegions', padding: 0.5 }),
      style: function (f) { return self._regionStyle(f.properties._k); }
    });
    this.regionLabels = L.layerGroup();
    this.regionLayer = L.layerGroup([this.regionShapes, this.regionLabels]);
    this.regionLayer.on('add', function () { self._drawRegions(); });
    this.map.on('moveend', function () { if (self.map.hasLayer(self.regionLayer)) { self._drawRegions(); } });
  };

  App.prototype._regionStyle = function (k) {
    var c = this.regionCounts[k] || 0, ramp = this.style.regionRamp || ['#9e9ac8'];
    if (!c) { return { color: '#6a51a3', weight: 1, opacity: 0.5, dashArray: '4 3', fill: false }; }
    var cls = Math.floor(Math.log(c + 1) / Math.log((this.regionMax || 1) + 1) * ramp.length);
    return { color: '#54278f', weight: 1, opacity: 0.8, dashArray: '4 3', fill: true,
             fillColor: ramp[Math.max(0, Math.min(ramp.length - 1, cls))], fillOpacity: 0.55 };
  };

  /** Recount the events passing the filters per region; redraw if the layer is on. */
  App.prototype._drawRegions = function () {
    if (!this.regionLayer) { return; }
    var E = this.events, counts = this.regionCounts.map(function () { return 0; }), max = 0, self = this;
    for (var k = 0; k < this.visible.length; k++) {
      var r = E.region[this.visible[k]];
      if (r >= 0) { counts[r]++; }
    }
    for (var j = 0; j < counts.length; j++) { if (counts[j] > max) { max = counts[j]; } }
    this.regionCounts = counts;
    this.regionMax = max;
    if (!this.map.hasLayer(this.regionLayer)) { return; }
    this.regionShapes.eachLayer(function (l) { l.setStyle(self._regionStyle(l.feature.properties._k)); });
    this.regionLabels.clearLayers();
    var spots = this._regionSpots(counts);
    this.regions.features.forEach(function (f, r) {
      var c = counts[r], p = f.properties;
      if (!c || !p.label) { return; }
      var m = L.marker(spots[r] || p.label, {
        pane: 'gmRegionLabels', keyboard: false,
        title: p.name + ': ' + c + (c === 1 ? ' strike' : ' strikes') + ' (approximate boundary)',
        icon: L.divIcon({ className: 'gm-reg', html: el('span', 'gm-reg-n', c), iconSize: null })
      });
      m.on('click', function () { self.openRegion(r); });
      self.regionLabels.addLayer(m);
    });
  };

  /** Where each region's count goes: at its label point, or the nearest spot (up to 80 px off)
   * where it covers no cluster ring, facility badge, marker or other count. */
  App.prototype._regionSpots = function (counts) {
    var map = this.map, spots = {}, Boxes = geomap.Boxes, taken, k;
    if (!Boxes) { return spots; }
    taken = new Boxes();
    this.clusters.forEach(function (c) {
      if (!map.hasLayer(c.marker)) { return; }
      var p = map.latLngToContainerPoint(c.marker.getLatLng()), h = (c.marker.options.icon.options.iconSize || {}).x || 36;
      taken.add([p.x - h / 2, p.y - h / 2, p.x + h / 2, p.y + h / 2]);
    });
    this._shown.forEach(function (m) {
      var p = map.latLngToContainerPoint(m.getLatLng()), r = (m.options.radius || 8) * 1.6;
      taken.add([p.x - r, p.y - r, p.x + r, p.y + r]);
    });
    if (this.facilityLayer && map.hasLayer(this.facilityLayer)) {
      this.facilityLayer.eachLayer(function (m) {
        var p = map.latLngToContainerPoint(m.getLatLng()), w = m.options.icon.options.iconSize.x;
        taken.add([p.x + 5, p.y - 25, p.x + 5 + w, p.y - 5]);
      });
    }
    var order = [];
    for (k = 0; k < counts.length; k++) { if (counts[k]) { order.push(k); } }
    order.sort(function (a, b) { return counts[b] - counts[a] || a - b; });
    var self = this;
    order.forEach(function (r) {
      var p = self.regions.features[r].properties;
      if (!p.label) { return; }
      var at = map.latLngToContainerPoint(p.label), w = 14 + 7 * String(counts[r]).length, h = 18;
      var tries = [[0, 0]];
      for (var d = 20; d <= 80; d += 20) {
        for (var a = 0; a < 8; a++) { tries.push([d * Math.cos(a * Math.PI / 4), d * Math.sin(a * Math.PI / 4)]); }
      }
      for (var t = 0; t < tries.length; t++) {
        var x = at.x + tries[t][0], y = at.y + tries[t][1], box = [x - w / 2 - 2, y - h / 2 - 2, x + w / 2 + 2, y + h / 2 + 2];
        if (taken.free(box)) {
          taken.add(box);
          if (t) { spots[r] = map.containerPointToLatLng([x, y]); }
          return;
        }
      }
    });
    return spots;
  };

  /** Open the popup of region r: its count of shown events, by strike type, status and origin. */
  App.prototype.openRegion = function (r) {
    var E = this.events, S = E.strings, V = E.vocab, p = this.regions.features[r].properties;
    var by = { strike_type: {}, status: {}, origin: {} }, n = 0, lo = null, hi = null, self = this;
    for (var k = 0; k < this.visible.length; k++) {
      var i = this.visible[k];
      if (E.region[i] !== r) { continue; }
      n++;
      for (var f in by) { if (Object.prototype.hasOwnProperty.call(by, f)) { by[f][E[f][i]] = (by[f][E[f][i]] || 0) + 1; } }
      if (E.day[i] >= 0) {
        var d = S[E.day[i]];
        if (lo === null || d < lo) { lo = d; }
        if (hi === null || d > hi) { hi = d; }
      }
    }
    var root = el('div', 'gm-popup gm-popup-region');
    root.appendChild(el('div', 'gm-popup-title', p.name));
    root.appendChild(el('div', 'gm-popup-sub', [p.iso, p.country].filter(Boolean).join(' · ')));
    root.appendChild(el('div', 'gm-popup-note', 'Approximate boundary'));
    var t = el('table', 'gm-popup-table');
    row(t, 'Strikes', n + ' (events shown)');
    row(t, 'Dates', lo === null ? '—' : lo === hi ? lo : lo + ' – ' + hi);
    [['strike_type', 'By type'], ['status', 'By status'], ['origin', 'By origin']].forEach(function (x) {
      var parts = [];
      (V[x[0]] || []).forEach(function (v, j) { if (by[x[0]][j]) { parts.push(self.label(v) + ' ' + by[x[0]][j]); } });
      if (parts.length) { row(t, x[1], parts.join(', ')); }
    });
    root.appendChild(t);
    this.popup.setLatLng(p.label).setContent(root).openOn(this.map);
    return n;
  };

  App.prototype._layerControl = function () {
    var self = this, E = this.events, V = E.vocab || {}, overlays = {}, per = {};
    for (var i = 0; i < (E.n || 0); i++) { per[E.origin[i]] = (per[E.origin[i]] || 0) + 1; }
    // one overlay per origin ("read from text", "coded by ACLED"): switching it off filters
    // those events out (they share one cluster group), and it mirrors the panel's checkbox
    this.originLayers = {};
    this._syncing = true;
    (V.origin || []).forEach(function (o, k) {
      var ph = self.originLayers[o] = L.layerGroup();
      var name = 'Strikes ' + self.label(o);
      overlays[name + ' (' + (per[k] || 0) + ')'] = ph;
      self.map.addLayer(ph);
      ph.on('add remove', function (ev) {
        if (!self._syncing) { self.setFilter('origin', o, ev.type === 'add'); }
      });
    });
    this._syncing = false;
    if (this.facilityLayer) { overlays['Struck facilities (times struck)'] = this.facilityLayer; }
    if (this.regionLayer) { overlays['Strikes per region (approximate)'] = this.regionLayer; }
    if (this.mentionLayer) { overlays['Mentions (places read, not strikes)'] = this.mentionLayer; }
    this.overlays = overlays;
    this.layers = L.control.layers(this.base, overlays, { position: 'topright', collapsed: true })
      .addTo(this.map);
  };

  // ---------------------------------------------------------------- filters
  App.prototype._panel = function () {
    var self = this, E = this.events, V = E.vocab || {};
    var node = document.getElementById(this.cfg.panelId);
    if (!node) { return; }
    ['strike_type', 'group', 'status', 'origin'].forEach(function (field) {
      self.on[field] = (V[field] || []).map(function () { return true; });
    });
    var Panel = L.Control.extend({
      options: { position: 'topright' },
      onAdd: function () {
        node.style.display = '';
        L.DomEvent.disableClickPropagation(node);
        L.DomEvent.disableScrollPropagation(node);
        return node;
      }
    });
    this.panel = new Panel().addTo(this.map);
    node.addEventListener('change', function (ev) {
      var t = ev.target;
      if (t.hasAttribute('data-filter')) {
        var field = t.getAttribute('data-filter');
        var idx = (V[field] || []).indexOf(t.getAttribute('data-value'));
        if (idx >= 0) { self.on[field][idx] = t.checked; }
      } else if (t.hasAttribute('data-layer')) {
        var layer = self._namedLayer(t.getAttribute('data-layer'));
        if (layer && t.checked) { self.map.addLayer(layer); } else if (layer) { self.map.removeLayer(layer); }
        return;
      } else if (t.hasAttribute('data-date')) {
        if (t.getAttribute('data-date') === 'from') { self.dateFrom = t.value; }
        else if (t.getAttribute('data-date') === 'to') { self.dateTo = t.value; }
        else { self.undated = t.checked; }
      } else { return; }
      self.scheduleFilter();
    });
    node.addEventListener('click', function (ev) {
      var t = ev.target, field = t.getAttribute && t.getAttribute('data-all');
      if (!field) { return; }
      ev.preventDefault();
      var value = t.getAttribute('data-set') === 'on';
      var boxes = node.querySelectorAll('input[data-filter="' + field + '"]');
      for (var i = 0; i < boxes.length; i++) { boxes[i].checked = value; }
      self.on[field] = self.on[field].map(function () { return value; });
      self.scheduleFilter();
    });
    ['facilities', 'regions', 'mentions'].forEach(function (name) {
      var layer = self._namedLayer(name), box = node.querySelector('input[data-layer="' + name + '"]');
      if (!box) { return; }
      if (!layer) { box.disabled = true; return; }
      box.checked = self.map.hasLayer(layer);
      layer.on('add remove', function (ev) { box.checked = ev.type === 'add'; });
    });
    var from = node.querySelector('input[data-date="from"]');
    var to = node.querySelector('input[data-date="to"]');
    if (from) { this.dateFrom = from.value; }
    if (to) { this.dateTo = to.value; }
    this.panelNode = node;
    var counts = this.countsNode = node.querySelector('.gm-counts');
    if (counts) {
      var Counts = L.Control.extend({
        options: { position: 'bottomleft' },
        onAdd: function () { L.DomEvent.disableClickPropagation(counts); return counts; }
      });
      this.countsControl = new Counts().addTo(this.map);
    }
  };

  /** The overlay called name: facilities, regions or mentions (null if there is none). */
  App.prototype._namedLayer = function (name) {
    return { facilities: this.facilityLayer, regions: this.regionLayer, mentions: this.mentionLayer,
      density: this.densityLayer }[name] || null;
  };

  App.prototype.scheduleFilter = function () {
    var self = this;
    if (this._pending) { return; }
    this._pending = true;
    setTimeout(function () { self._pending = false; self.applyFilters(); }, 0);
  };

  /** Set a filter from code: field in strike_type|group|status|origin, value, on. */
  App.prototype.setFilter = function (field, value, on) {
    var idx = (this.events.vocab[field] || []).indexOf(value);
    if (idx < 0) { return false; }
    this.on[field][idx] = !!on;
    var box = document.querySelector('input[data-filter="' + field + '"][data-value="' + value + '"]');
    if (box) { box.checked = !!on; }
    this.applyFilters();
    return true;
  };

  App.prototype.passes = function (i) {
    var E = this.events, on = this.on;
    if (on.strike_type && !on.strike_type[E.strike_type[i]]) { return false; }
    if (on.group && !on.group[E.group[i]]) { return false; }
    if (on.status && !on.status[E.status[i]]) { return false; }
    if (on.origin && !on.origin[E.origin[i]]) { return false; }
    var d = E.day[i];
    if (d < 0) { return this.undated; }
    var day = E.strings[d];
    if (this.dateFrom && day < this.dateFrom) { return false; }
    if (this.dateTo && day > this.dateTo) { return false; }
    return true;
  };

  App.prototype.applyFilters = function () {
    var n = this.events.n || 0, vis = [];
    for (var i = 0; i < n; i++) {
      if (this.passes(i)) { vis.push(i); }
    }
    this.visible = vis;
    this._redraw();
    this._syncOrigins();
    this._counts();
    this._drawFacilities();
    this._drawRegions();
    for (var h = 0; h < geomap.onFilter.length; h++) { geomap.onFilter[h].call(this); }
  };

  /** Show each origin's overlay in the layer control as on exactly when its filter is on. */
  App.prototype._syncOrigins = function () {
    var V = this.events.vocab || {}, on = this.on.origin || [];
    this._syncing = true;
    for (var k = 0; k < (V.origin || []).length; k++) {
      var ph = this.originLayers && this.originLayers[V.origin[k]];
      if (!ph) { continue; }
      var want = on[k] !== false;
      if (want && !this.map.hasLayer(ph)) { this.map.addLayer(ph); }
      if (!want && this.map.hasLayer(ph)) { this.map.removeLayer(ph); }
    }
    this._syncing = false;
  };

  App.prototype._counts = function () {
    var node = this.countsNode;
    if (!node) { return; }
    var E = this.events, V = E.vocab, by = {}, byOrigin = {}, lo = null, hi = null, undated = 0;
    for (var k = 0; k < this.visible.length; k++) {
      var i = this.visible[k];
      by[E.strike_type[i]] = (by[E.strike_type[i]] || 0) + 1;
      byOrigin[E.origin[i]] = (byOrigin[E.origin[i]] || 0) + 1;
      var d = E.day[i];
      if (d < 0) { undated++; continue; }
      var day = E.strings[d];
      if (lo === null || day < lo) { lo = day; }
      if (hi === null || day > hi) { hi = day; }
    }
    while (node.firstChild) { node.removeChild(node.firstChild); }
    node.appendChild(el('div', 'gm-counts-total',
      'Showing ' + this.visible.length + ' of ' + (E.n || 0) + ' events'));
    var range = lo === null ? 'no dated events' : (lo === hi ? lo : lo + ' – ' + hi);
    if (undated) { range += ' (+' + undated + ' undated)'; }
    node.appendChild(el('div', 'gm-counts-range', 'Dates: ' + range));
    if ((V.origin || []).length > 1 || (V.origin || [])[0] === 'acled') {
      var origins = el('div', 'gm-counts-origin');
      for (var o = 0; o < V.origin.length; o++) {
        var part = el('span', 'gm-count', this.label(V.origin[o]) + ' ');
        part.appendChild(el('b', 'gm-num', byOrigin[o] || 0));
        part.setAttribute('data-count-origin', V.origin[o]);
        origins.appendChild(part);
      }
      node.appendChild(origins);
    }
    var list = el('div', 'gm-counts-list');
    for (var s = 0; s < (V.strike_type || []).length; s++) {
      if (!by[s]) { continue; }
      var item = el('span', 'gm-count');
      var dot = el('span', 'gm-dot');
      dot.style.background = this.colourOf(V.strike_type[s]);
      item.appendChild(dot);
      item.appendChild(document.createTextNode(this.label(V.strike_type[s]) + ' '));
      item.appendChild(el('b', 'gm-num', by[s]));
      item.setAttribute('data-count', V.strike_type[s]);
      list.appendChild(item);
    }
    node.appendChild(list);
  };

  // ---------------------------------------------------------------- popups
  App.prototype.openEvent = function (i, latlng) {
    this.openEvents([i], latlng);
  };

  /** Indices of the shown events drawn within a few pixels of latlng (first: first). */
  App.prototype._eventsAt = function (latlng, first) {
    var map = this.map, E = this.events, p = map.latLngToLayerPoint(latlng), out = [first];
    var tol = Math.max(2, this.style.radius / 2);
    for (var k = 0; k < this.visible.length; k++) {
      var i = this.visible[k];
      if (i === first) { continue; }
      if (Math.abs(E.lat[i] - latlng.lat) > 1 || Math.abs(E.lon[i] - latlng.lng) > 1) { continue; }
      if (map.latLngToLayerPoint([E.lat[i], E.lon[i]]).distanceTo(p) <= tol) { out.push(i); }
    }
    return out;
  };

  /** Open one popup listing the given events (at most MAX_LISTED, then a note). */
  App.prototype.openEvents = function (list, latlng) {
    var E = this.events, root;
    if (list.length === 1) {
      root = this.eventPopup(list[0]);
    } else {
      root = el('div', 'gm-popup-multi');
      root.appendChild(el('div', 'gm-popup-count', list.length + ' events here'));
      for (var k = 0; k < list.length && k < MAX_LISTED; k++) { root.appendChild(this.eventPopup(list[k])); }
      if (list.length > MAX_LISTED) {
        root.appendChild(el('div', 'gm-popup-note', '… and ' + (list.length - MAX_LISTED) +
          ' more: narrow the filters or the date window to see them.'));
      }
    }
    this.popup.setLatLng(latlng || [E.lat[list[0]], E.lon[list[0]]]).setContent(root).openOn(this.map);
  };

  function row(table, name, value, swatch) {
    var tr = el('tr'), td = el('td');
    tr.appendChild(el('th', null, name));
    if (swatch) { td.appendChild(swatch); }
    td.appendChild(document.createTextNode(value));
    tr.appendChild(td);
    table.appendChild(tr);
  }

  function sourceItem(src) {
    var li = el('li');
    if (SAFE_URL.test(src)) {
      var a = el('a', null, src);
      a.href = src;
      a.target = '_blank';
      a.rel = 'noopener noreferrer';
      li.appendChild(a);
    } else {
      li.appendChild(el('span', 'gm-path', src));
    }
    return li;
  }

  App.prototype.eventPopup = function (i) {
    var E = this.events, S = E.strings, V = E.vocab;
    var root = el('div', 'gm-popup');
    var place = S[E.place[i]] || '', pname = S[E.place_name[i]] || '';
    root.appendChild(el('div', 'gm-popup-title', place || pname || '(unnamed place)'));
    var sub = [];
    if (pname && pname !== place) { sub.push(pname); }
    if (S[E.admin1[i]]) { sub.push(S[E.admin1[i]]); }
    if (S[E.country[i]]) { sub.push(S[E.country[i]]); }
    if (sub.length) { root.appendChild(el('div', 'gm-popup-sub', sub.join(' · '))); }
    var t = el('table', 'gm-popup-table');
    var strike = V.strike_type[E.strike_type[i]];
    var dot = el('span', 'gm-dot');
    dot.style.background = this.colourOf(strike);
    row(t, 'Strike type', this.label(strike), dot);
    row(t, 'Target', this.label(V.target_type[E.target_type[i]]) + ' (' + this.label(V.group[E.group[i]]) + ')');
    row(t, 'Status', this.label(V.status[E.status[i]]));
    row(t, 'Attacker', this.label(V.attacker[E.attacker[i]]));
    var date = E.date[i] >= 0 ? S[E.date[i]] : 'unknown';
    row(t, 'Date', date + ' (precision: ' + this.label(V.date_precision[E.date_precision[i]]) + ')');
    row(t, 'Confidence', E.confidence[i] < 0 ? '—' : (E.confidence[i] / 1000).toFixed(2));
    var gp = V.geo_precision[E.geo_precision[i]];
    if (gp) { row(t, 'Located to', this.label(gp)); }
    var f = this.facilityOf ? this.facilityOf[i] : -1;
    if (f >= 0) {
      var times = (this.facilityEvents[f] || []).length;
      row(t, 'Facility', this.facilityName(f) + ' — struck ' + times + (times === 1 ? ' time' : ' times') +
        ' in the events shown');
    }
    row(t, 'Origin', this.label(V.origin[E.origin[i]]));
    root.appendChild(t);
    var ev = E.evidence[i] || [];
    root.appendChild(el('div', 'gm-popup-h', ev.length === 1 ? 'Evidence' : 'Evidence (' + ev.length + ')'));
    var ul = el('ul', 'gm-evidence');
    ev.forEach(function (k) { ul.appendChild(el('li', null, S[k])); });
    if (!ev.length) { ul.appendChild(el('li', 'gm-none', 'none recorded')); }
    root.appendChild(ul);
    var src = E.sources[i] || [];
    root.appendChild(el('div', 'gm-popup-h', src.length === 1 ? 'Source' : 'Sources (' + src.length + ')'));
    var ol = el('ul', 'gm-sources');
    src.forEach(function (k) { ol.appendChild(sourceItem(S[k])); });
    if (!src.length) { ol.appendChild(el('li', 'gm-none', 'none recorded')); }
    root.appendChild(ol);
    if (S[E.id[i]]) { root.appendChild(el('div', 'gm-popup-id', 'event ' + S[E.id[i]])); }
    return root;
  };

  App.prototype.mentionPopup = function (i) {
    var M = this.mentions, S = M.strings;
    var root = el('div', 'gm-popup');
    var place = S[M.place[i]] || '', pname = S[M.place_name[i]] || '';
    root.appendChild(el('div', 'gm-popup-title', place || pname));
    var sub = [];
    if (pname && pname !== place) { sub.push(pname); }
    if (S[M.country[i]]) { sub.push(S[M.country[i]]); }
    if (sub.length) { root.appendChild(el('div', 'gm-popup-sub', sub.join(' · '))); }
    root.appendChild(el('div', 'gm-popup-note', 'Mentioned, not mapped as a strike'));
    var t = el('table', 'gm-popup-table');
    row(t, 'Reason', this.label(S[M.reason[i]] || 'unknown'));
    if (S[M.doc_id[i]]) { row(t, 'Document', S[M.doc_id[i]]); }
    root.appendChild(t);
    root.appendChild(el('div', 'gm-popup-h', 'Sentence'));
    var ul = el('ul', 'gm-evidence');
    ul.appendChild(el('li', null, S[M.sentence[i]]));
    root.appendChild(ul);
    if (S[M.source[i]]) {
      root.appendChild(el('div', 'gm-popup-h', 'Source'));
      var ol = el('ul', 'gm-sources');
      ol.appendChild(sourceItem(S[M.source[i]]));
      root.appendChild(ol);
    }
    return root;
  };

  // ---------------------------------------------------------------- search
  App.prototype._search = function () {
    var self = this;
    var Search = L.Control.extend({
      options: { position: 'topleft' },
      onAdd: function () {
        var box = el('form', 'gm-search leaflet-bar');
        box.setAttribute('role', 'search');
        var input = el('input');
        input.type = 'search';
        input.placeholder = 'Find place…';
        input.setAttribute('aria-label', 'Find a place (Latin or Cyrillic)');
        input.setAttribute('list', 'gm-places');
        var list = el('datalist');
        list.id = 'gm-places';
        var msg = el('div', 'gm-search-msg');
        box.appendChild(input);
        box.appendChild(list);
        box.appendChild(msg);
        input.addEventListener('focus', function () { self._fillPlaces(list); });
        box.addEventListener('submit', function (ev) {
          ev.preventDefault();
          msg.textContent = self.search(input.value);
        });
        input.addEventListener('change', function () {
          if (input.value) { msg.textContent = self.search(input.value); }
        });
        L.DomEvent.disableClickPropagation(box);
        L.DomEvent.disableScrollPropagation(box);
        self.searchInput = input;
        return box;
      }
    });
    new Search().addTo(this.map);
  };

  App.prototype._placeIndex = function () {
    if (this._index) { return this._index; }
    var index = {}, names = [];
    function add(key, kind, i, label) {
      var k = norm(key);
      if (!k) { return; }
      if (!index[k]) { index[k] = { label: label || key, events: [], mentions: [] }; names.push(k); }
      index[k][kind].push(i);
    }
    var E = this.events, i;
    for (i = 0; i < (E.n || 0); i++) {
      add(E.strings[E.place[i]], 'events', i);
      if (E.place_name[i] !== E.place[i]) { add(E.strings[E.place_name[i]], 'events', i); }
    }
    var M = this.mentions;
    if (M) {
      for (i = 0; i < M.n; i++) {
        add(M.strings[M.place[i]], 'mentions', i);
        if (M.place_name[i] !== M.place[i]) { add(M.strings[M.place_name[i]], 'mentions', i); }
      }
    }
    this._index = { map: index, names: names };
    return this._index;
  };

  App.prototype._fillPlaces = function (list) {
    if (list.childNodes.length) { return; }
    var idx = this._placeIndex(), seen = {}, count = 0;
    for (var i = 0; i < idx.names.length && count < 20000; i++) {
      var label = idx.map[idx.names[i]].label;
      if (seen[label]) { continue; }
      seen[label] = true;
      var opt = el('option');
      opt.value = label;
      list.appendChild(opt);
      count++;
    }
  };

  /** Centre the map on the place best matching text; return a short message. */
  App.prototype.search = function (text) {
    var q = norm(text);
    if (!q) { return ''; }
    var idx = this._placeIndex(), hit = idx.map[q], i;
    if (!hit) {
      for (i = 0; i < idx.names.length && !hit; i++) {
        if (idx.names[i].indexOf(q) === 0) { hit = idx.map[idx.names[i]]; }
      }
      for (i = 0; i < idx.names.length && !hit; i++) {
        if (idx.names[i].indexOf(q) >= 0) { hit = idx.map[idx.names[i]]; }
      }
    }
    if (!hit) { return 'No place matches “' + text + '”'; }
    var pts = [], E = this.events, M = this.mentions;
    hit.events.forEach(function (k) { pts.push([E.lat[k], E.lon[k]]); });
    if (!pts.length) { hit.mentions.forEach(function (k) { pts.push([M.lat[k], M.lon[k]]); }); }
    var bounds = L.latLngBounds(pts);
    if (bounds.getNorthEast().distanceTo(bounds.getSouthWest()) < 2000) {
      this.map.setView(bounds.getCenter(), Math.max(this.map.getZoom(), 10));
    } else {
      this.map.fitBounds(bounds, { padding: [40, 40], maxZoom: 10 });
    }
    if (hit.events.length) {
      this.openEvent(hit.events[0]);
      return hit.label + ': ' + hit.events.length + ' event' + (hit.events.length === 1 ? '' : 's');
    }
    if (this.mentionLayer && !this.map.hasLayer(this.mentionLayer)) { this.map.addLayer(this.mentionLayer); }
    this.popup.setLatLng(pts[0]).setContent(this.mentionPopup(hit.mentions[0])).openOn(this.map);
    return hit.label + ': mentioned only';
  };

  // ---------------------------------------------------------------- view
  App.prototype._fit = function () {
    var E = this.events, n = E.n || 0;
    if (!n) { return; }
    var s = 90, w = 180, no = -90, e = -180;
    for (var i = 0; i < n; i++) {
      if (E.lat[i] < s) { s = E.lat[i]; }
      if (E.lat[i] > no) { no = E.lat[i]; }
      if (E.lon[i] < w) { w = E.lon[i]; }
      if (E.lon[i] > e) { e = E.lon[i]; }
    }
    var right = this.panelNode && this.map.getSize().x > 700 ? this.panelNode.offsetWidth + 30 : 30;
    // room for the timeline (timeline.js) under the map, when there are dated events to show in it
    var dated = false;
    for (var d = 0; d < n && !dated; d++) { dated = E.day[d] >= 0; }
    this.map.fitBounds([[s, w], [no, e]], {
      paddingTopLeft: [60, 50], paddingBottomRight: [right, dated ? 120 : 30], maxZoom: 9, animate: false
    });
  };

  /** Numbers for tests and the curious: total, passing filters, drawn now. */
  App.prototype.stats = function () {
    var drawn = 0, clusters = 0, inClusters = 0, r = this.renderer, map = this.map;
    for (var k in r._layers) {
      if (Object.prototype.hasOwnProperty.call(r._layers, k) && r._layers[k]._gm !== undefined) { drawn++; }
    }
    this.clusters.forEach(function (c) {
      if (map.hasLayer(c.marker)) { clusters++; inClusters += c.ids.length; }
    });
    return {
      total: this.events.n || 0, visible: this.visible.length,
      drawn: drawn, clusters: clusters, inClusters: inClusters
    };
  };

  /** Sorted indices of the events drawn now: as markers, or inside a drawn cluster. */
  App.prototype.drawnIndices = function () {
    var out = [], r = this.renderer, k, map = this.map;
    for (k in r._layers) {
      if (Object.prototype.hasOwnProperty.call(r._layers, k) && r._layers[k]._gm !== undefined) {
        out.push(r._layers[k]._gm);
      }
    }
    this.clusters.forEach(function (c) {
      if (map.hasLayer(c.marker)) { Array.prototype.push.apply(out, c.ids); }
    });
    return out.sort(function (a, b) { return a - b; });
  };

  geomap.App = App;
  geomap.ShapeMarker = ShapeMarker;
  geomap.el = el;
  geomap.norm = norm;
  geomap.row = row;
  /** Draw everything on map; returns a Promise of the app (also set as window.geomapApp). */
  geomap.init = function (map, cfg) {
    return Promise.all([readBlock(cfg.eventsId), readBlock(cfg.mentionsId), readBlock(cfg.outlinesId),
      readBlock(cfg.regionsId)])
      .then(function (d) {
        var app = new App(map, cfg, { events: d[0], mentions: d[1], outlines: d[2], regions: d[3] });
        global.geomapApp = app;
        // the gazetteer's names (a megabyte packed) are unpacked after the events are drawn
        app.placesReady = readBlock(cfg.placesId).then(function (places) {
          app.places = places;
          app._gIndex = null;
          if (app.drawLabels) { app.drawLabels(); }
          return places;
        });
        return app;
      })
      .catch(function (err) {
        var box = el('div', 'gm-fatal', 'The map could not be drawn: ' + (err && err.message || err));
        map.getContainer().appendChild(box);
        global.geomapError = String(err && err.message || err);
        throw err;
      });
  };
}(window));
