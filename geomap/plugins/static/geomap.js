/* geomap map application: strike markers, filters, legend, counts, search, mentions.
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

  // ---------------------------------------------------------------- shapes
  // Unit vertices (multiples of the radius) of each non-circle shape; set by init.
  var VERTICES = {};
  var CLUSTER_UNTIL_ZOOM = 13;  // markers are clustered below this zoom
  var MAX_LISTED = 50;          // events listed in one popup at most

  /** A CircleMarker drawn as the shape named in options.shape. */
  var ShapeMarker = L.CircleMarker.extend({
    options: { shape: 'circle' },
    _updatePath: function () { this._renderer._updateGmShape(this); }
  });

  L.Canvas.include({
    _updateGmShape: function (layer) {
      var pts = VERTICES[layer.options.shape];
      if (!pts) { return this._updateCircle(layer); }
      if (!this._drawing || layer._empty()) { return; }
      var p = layer._point, r = layer._radius, ctx = this._ctx;
      ctx.beginPath();
      for (var k = 0; k < pts.length; k++) {
        var x = p.x + pts[k][0] * r, y = p.y + pts[k][1] * r;
        if (k) { ctx.lineTo(x, y); } else { ctx.moveTo(x, y); }
      }
      ctx.closePath();
      this._fillStroke(ctx, layer);
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
    VERTICES = this.style.vertices || {};
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
    this._mentionLayer();
    this._layerControl();
    this._panel();
    this._search();
    L.control.scale({ position: 'bottomleft', imperial: false }).addTo(map);
    this._fit();
    this.applyFilters();
  }

  App.prototype.label = function (value) {
    var v = String(value);
    return Object.prototype.hasOwnProperty.call(this.labels, v) ? this.labels[v] : v.replace(/_/g, ' ');
  };

  App.prototype._panes = function () {
    var m = this.map;
    m.createPane('gmLand').style.zIndex = 250;
    var lab = m.createPane('gmLabels');
    lab.style.zIndex = 260;
    lab.style.pointerEvents = 'none';
    m.createPane('gmMentions').style.zIndex = 390;
    m.createPane('gmStrikes').style.zIndex = 400;
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
      var labels = L.layerGroup();
      this.outlines.features.forEach(function (f) {
        var p = f.properties || {};
        if (!p.name || !p.label) { return; }
        var span = el('span', p.theatre ? 'gm-country gm-theatre' : 'gm-country', p.name);
        labels.addLayer(L.marker(p.label, {
          pane: 'gmLabels', interactive: false, keyboard: false,
          icon: L.divIcon({ className: 'gm-country-label', html: span, iconSize: null })
        }));
      });
      var group = L.layerGroup([land]);
      var showLabels = function () {
        var z = map.getZoom();
        if (map.hasLayer(group) && z >= 3 && z <= 8) {
          if (!map.hasLayer(labels)) { map.addLayer(labels); }
        } else if (map.hasLayer(labels)) { map.removeLayer(labels); }
      };
      group.on('add remove', function () { setTimeout(showLabels, 0); });
      map.on('zoomend', showLabels);
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
  };

  App.prototype.colourOf = function (strike) {
    return this.style.colours[strike] || this.style.fallbackColour;
  };

  App.prototype.shapeOf = function (group) {
    return this.style.shapes[group] || this.style.fallbackShape;
  };

  App.prototype.markerOptions = function (strike, group, status) {
    var colour = this.colourOf(strike);
    var st = this.style.status[status] || this.style.status.unknown;
    var o = {};
    for (var k in st) { if (Object.prototype.hasOwnProperty.call(st, k)) { o[k] = st[k]; } }
    if (o.color === 'COLOUR') { o.color = colour; }
    if (o.fillColor === 'COLOUR') { o.fillColor = colour; }
    o.radius = this.style.radius;
    o.shape = this.shapeOf(group);
    o.renderer = this.renderer;
    o.pane = 'gmStrikes';
    o.bubblingMouseEvents = true;
    return o;
  };

  App.prototype._markers = function () {
    var E = this.events, V = E.vocab || {}, self = this, n = E.n || 0;
    this.renderer = L.canvas({ pane: 'gmStrikes', padding: 0.5, tolerance: 3 });
    var optCache = {};
    var markers = new Array(n);
    for (var i = 0; i < n; i++) {
      var key = E.strike_type[i] + '|' + E.group[i] + '|' + E.status[i];
      var opts = optCache[key];
      if (!opts) {
        opts = optCache[key] = this.markerOptions(
          V.strike_type[E.strike_type[i]], V.group[E.group[i]], V.status[E.status[i]]);
      }
      var m = new ShapeMarker([E.lat[i], E.lon[i]], opts);
      m._gm = i;
      markers[i] = m;
    }
    this.markers = markers;
    // this.target is the "Strikes" overlay; with clustering it holds one cluster group,
    // rebuilt from scratch on every filter change (faster and more robust than
    // clearLayers/addLayers on a cluster group that is on the map).
    this.target = L.featureGroup();
    this.inner = null;
    this.target.on('click', function (e) {
      if (e.layer && e.layer._gm !== undefined) {
        var here = self._eventsAt(e.layer.getLatLng(), e.layer._gm);
        self.openEvents(here, e.layer.getLatLng());
      }
    });
    this.map.addLayer(this.target);
  };

  App.prototype._newCluster = function () {
    var self = this;
    // Clustering stops at town level (zoom 13): that keeps clustering 100,000 events under
    // a second (markercluster builds one grid per zoom level). Events at one spot are then
    // all listed in one popup (see _eventsAt) rather than spiderfied.
    return L.markerClusterGroup({
      chunkedLoading: false,
      animate: false,
      animateAddingMarkers: false,
      showCoverageOnHover: false,
      spiderfyOnMaxZoom: false,
      disableClusteringAtZoom: CLUSTER_UNTIL_ZOOM,
      removeOutsideVisibleBounds: true,
      maxClusterRadius: 45,
      iconCreateFunction: function (c) { return self._clusterIcon(c); }
    });
  };

  App.prototype._clusterIcon = function (cluster) {
    var kids = cluster.getAllChildMarkers(), E = this.events, V = E.vocab, counts = {}, n = kids.length;
    for (var i = 0; i < n; i++) {
      var s = E.strike_type[kids[i]._gm];
      counts[s] = (counts[s] || 0) + 1;
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

  App.prototype._layerControl = function () {
    var overlays = { 'Strikes': this.target };
    if (this.mentionLayer) { overlays['Mentions (places read, not strikes)'] = this.mentionLayer; }
    this.layers = L.control.layers(this.base, overlays, { position: 'topright', collapsed: true })
      .addTo(this.map);
  };

  // ---------------------------------------------------------------- filters
  App.prototype._panel = function () {
    var self = this, E = this.events, V = E.vocab || {};
    var node = document.getElementById(this.cfg.panelId);
    if (!node) { return; }
    ['strike_type', 'group', 'status'].forEach(function (field) {
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

  App.prototype.scheduleFilter = function () {
    var self = this;
    if (this._pending) { return; }
    this._pending = true;
    setTimeout(function () { self._pending = false; self.applyFilters(); }, 0);
  };

  /** Set a filter from code: field in strike_type|group|status, value, on. */
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
    var d = E.day[i];
    if (d < 0) { return this.undated; }
    var day = E.strings[d];
    if (this.dateFrom && day < this.dateFrom) { return false; }
    if (this.dateTo && day > this.dateTo) { return false; }
    return true;
  };

  App.prototype.applyFilters = function () {
    var n = this.events.n || 0, vis = [], layers = [];
    for (var i = 0; i < n; i++) {
      if (this.passes(i)) { vis.push(i); layers.push(this.markers[i]); }
    }
    this.visible = vis;
    if (this.cfg.cluster) {
      var group = this._newCluster();
      if (this.inner) { this.target.removeLayer(this.inner); }
      this.inner = group;
      this.target.addLayer(group);
      // markercluster clusters far faster when the group is already on the map
      group.addLayers(layers);
    } else {
      this.target.clearLayers();
      for (var j = 0; j < layers.length; j++) { this.target.addLayer(layers[j]); }
    }
    this._counts();
  };

  App.prototype._counts = function () {
    var node = this.countsNode;
    if (!node) { return; }
    var E = this.events, V = E.vocab, by = {}, lo = null, hi = null, undated = 0;
    for (var k = 0; k < this.visible.length; k++) {
      var i = this.visible[k];
      by[E.strike_type[i]] = (by[E.strike_type[i]] || 0) + 1;
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
    this.map.fitBounds([[s, w], [no, e]], {
      paddingTopLeft: [60, 50], paddingBottomRight: [right, 30], maxZoom: 9, animate: false
    });
  };

  /** Numbers for tests and the curious: total, passing filters, drawn now. */
  App.prototype.stats = function () {
    var drawn = 0, clusters = 0, inClusters = 0, r = this.renderer;
    for (var k in r._layers) {
      if (Object.prototype.hasOwnProperty.call(r._layers, k) && r._layers[k]._gm !== undefined) { drawn++; }
    }
    var icons = document.querySelectorAll('.gm-cluster .gm-cl-n');
    for (var j = 0; j < icons.length; j++) { clusters++; inClusters += parseInt(icons[j].textContent, 10); }
    return {
      total: this.events.n || 0, visible: this.visible.length,
      drawn: drawn, clusters: clusters, inClusters: inClusters
    };
  };

  /** Sorted indices of the events drawn now: as markers, or inside a drawn cluster. */
  App.prototype.drawnIndices = function () {
    var out = [], r = this.renderer, k;
    for (k in r._layers) {
      if (Object.prototype.hasOwnProperty.call(r._layers, k) && r._layers[k]._gm !== undefined) {
        out.push(r._layers[k]._gm);
      }
    }
    var fg = this.inner && this.inner._featureGroup;
    if (fg && this.map.hasLayer(this.target)) {
      fg.eachLayer(function (c) {
        if (c instanceof L.MarkerCluster) {
          c.getAllChildMarkers().forEach(function (m) { out.push(m._gm); });
        }
      });
    }
    return out.sort(function (a, b) { return a - b; });
  };

  geomap.App = App;
  geomap.ShapeMarker = ShapeMarker;
  /** Draw everything on map; returns a Promise of the app (also set as window.geomapApp). */
  geomap.init = function (map, cfg) {
    return Promise.all([readBlock(cfg.eventsId), readBlock(cfg.mentionsId), readBlock(cfg.outlinesId)])
      .then(function (d) {
        var app = new App(map, cfg, { events: d[0], mentions: d[1], outlines: d[2] });
        global.geomapApp = app;
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
