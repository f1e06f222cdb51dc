/* geomap map: share and take away. The view, filters, date window, overlays and open event
 * are kept in the URL fragment (so a copied link, a bookmark or a reload restores them, with
 * no network), and the events shown can be downloaded as GeoJSON or CSV made in the page.
 *
 * Part of geomap (MIT); extends geomap.App (geomap.js).
 *
 * Fragment: #v=ZOOM/LAT/LON&off=FIELD:VALUE,VALUE;FIELD:VALUE&from=DAY&to=DAY&undated=0
 *           &layers=NAME,NAME&event=EVENT_ID   (each part only when it differs from the default)
 */
(function (global) {
  'use strict';
  var L = global.L, geomap = global.geomap, App = geomap.App, el = geomap.el;
  var FIELDS = ['strike_type', 'group', 'status', 'origin'];
  var LAYERS = ['facilities', 'regions', 'mentions', 'density'];

  // ---------------------------------------------------------------- the fragment
  /** The state of the page as a URL fragment (without '#'). */
  App.prototype.stateFragment = function () {
    var V = this.events.vocab || {}, self = this, parts = [], map = this.map, c = map.getCenter();
    parts.push('v=' + map.getZoom() + '/' + c.lat.toFixed(4) + '/' + c.lng.toFixed(4));
    var off = [];
    FIELDS.forEach(function (f) {
      var vals = (V[f] || []).filter(function (v, k) { return self.on[f] && self.on[f][k] === false; });
      if (vals.length) { off.push(f + ':' + vals.map(encodeURIComponent).join(',')); }
    });
    if (off.length) { parts.push('off=' + off.join(';')); }
    var from = this._bound('from'), to = this._bound('to');
    if (this.dateFrom && this.dateFrom !== from) { parts.push('from=' + this.dateFrom); }
    if (this.dateTo && this.dateTo !== to) { parts.push('to=' + this.dateTo); }
    if (!this.undated) { parts.push('undated=0'); }
    var on = LAYERS.filter(function (name) {
      var layer = self._namedLayer(name);
      return layer && map.hasLayer(layer);
    });
    if (on.length) { parts.push('layers=' + on.join(',')); }
    if (this.selected !== null && this.selected !== undefined) {
      parts.push('event=' + encodeURIComponent(this.events.strings[this.events.id[this.selected]]));
    }
    return parts.join('&');
  };

  /** The first or last day the panel's date boxes allow ('' if none). */
  App.prototype._bound = function (which) {
    var box = this.panelNode && this.panelNode.querySelector('input[data-date="' + which + '"]');
    return box ? box.getAttribute(which === 'from' ? 'min' : 'max') || '' : '';
  };

  /** Write the state into the address bar (replacing, so Back still leaves the map). */
  App.prototype.saveState = function () {
    if (this._restoring) { return; }
    var frag = '#' + this.stateFragment();
    if (global.location.hash === frag) { return; }
    try {
      global.history.replaceState(null, '', frag);
    } catch (err) {
      global.location.replace(frag);
    }
  };

  App.prototype._scheduleSave = function () {
    var self = this;
    clearTimeout(this._saveTimer);
    this._saveTimer = setTimeout(function () { self.saveState(); }, 150);
  };

  /** Restore the state a fragment describes; unknown or broken parts are ignored. */
  App.prototype.restoreState = function (fragment) {
    var text = String(fragment || '').replace(/^#/, '');
    if (!text) { return false; }
    var V = this.events.vocab || {}, self = this, q = {};
    text.split('&').forEach(function (kv) {
      var k = kv.indexOf('=');
      if (k > 0) { q[kv.slice(0, k)] = kv.slice(k + 1); }
    });
    this._restoring = true;
    try {
      FIELDS.forEach(function (f) { self.on[f] = (V[f] || []).map(function () { return true; }); });
      (q.off || '').split(';').forEach(function (part) {
        var k = part.indexOf(':'), f = part.slice(0, k);
        if (k < 0 || FIELDS.indexOf(f) < 0) { return; }
        part.slice(k + 1).split(',').forEach(function (v) {
          var idx = (V[f] || []).indexOf(safeDecode(v));
          if (idx >= 0) { self.on[f][idx] = false; }
        });
      });
      var boxes = this.panelNode ? this.panelNode.querySelectorAll('input[data-filter]') : [];
      for (var b = 0; b < boxes.length; b++) {
        var f = boxes[b].getAttribute('data-filter'), idx = (V[f] || []).indexOf(boxes[b].getAttribute('data-value'));
        if (idx >= 0) { boxes[b].checked = self.on[f][idx]; }
      }
      var day = /^\d{4}-\d{2}-\d{2}$/;
      this.dateFrom = day.test(q.from || '') ? q.from : this._bound('from');
      this.dateTo = day.test(q.to || '') ? q.to : this._bound('to');
      this.undated = q.undated !== '0';
      this._syncDateBoxes();
      var layers = (q.layers || '').split(',');
      LAYERS.forEach(function (name) {
        var layer = self._namedLayer(name);
        if (!layer) { return; }
        var want = layers.indexOf(name) >= 0;
        if (want && !self.map.hasLayer(layer)) { self.map.addLayer(layer); }
        if (!want && self.map.hasLayer(layer)) { self.map.removeLayer(layer); }
      });
      this.applyFilters();
      var v = /^(\d{1,2})\/(-?\d+(?:\.\d+)?)\/(-?\d+(?:\.\d+)?)$/.exec(q.v || '');
      if (v) { this.map.setView([+v[2], +v[3]], +v[1], { animate: false }); }
      if (q.event) {
        var id = safeDecode(q.event), E = this.events;
        for (var i = 0; i < (E.n || 0); i++) {
          if (E.strings[E.id[i]] === id) { this.openEvent(i); break; }
        }
      }
    } finally {
      this._restoring = false;
    }
    return true;
  };

  function safeDecode(v) {
    try { return decodeURIComponent(v); } catch (err) { return v; }
  }

  App.prototype._syncDateBoxes = function () {
    var node = this.panelNode;
    if (!node) { return; }
    var f = node.querySelector('input[data-date="from"]'), t = node.querySelector('input[data-date="to"]');
    var u = node.querySelector('input[data-date="undated"]');
    if (f) { f.value = this.dateFrom; }
    if (t) { t.value = this.dateTo; }
    if (u) { u.checked = this.undated; }
  };

  // ---------------------------------------------------------------- downloads
  var PROPS = ['event_id', 'place', 'place_name', 'place_id', 'admin1', 'country', 'geo_precision', 'strike_type',
    'target_type', 'status', 'attacker', 'event_date', 'date_precision', 'source', 'sources', 'evidence',
    'confidence', 'origin'];

  /** The properties of event i, as in geomap's GeoJSON (doc_ids are not in the page). */
  App.prototype.eventProperties = function (i) {
    var E = this.events, S = E.strings, V = E.vocab;
    var sources = (E.sources[i] || []).map(function (k) { return S[k]; });
    return {
      event_id: S[E.id[i]], place: S[E.place[i]], place_name: S[E.place_name[i]], place_id: S[E.place_id[i]],
      admin1: S[E.admin1[i]], country: S[E.country[i]], geo_precision: V.geo_precision[E.geo_precision[i]] || null,
      strike_type: V.strike_type[E.strike_type[i]], target_type: V.target_type[E.target_type[i]],
      status: V.status[E.status[i]], attacker: V.attacker[E.attacker[i]],
      event_date: E.date[i] >= 0 ? S[E.date[i]] : null, date_precision: V.date_precision[E.date_precision[i]],
      source: sources.length ? sources[0] : null, sources: sources,
      evidence: (E.evidence[i] || []).map(function (k) { return S[k]; }),
      confidence: E.confidence[i] < 0 ? null : E.confidence[i] / 1000, origin: V.origin[E.origin[i]]
    };
  };

  /** The events shown now as a GeoJSON FeatureCollection (text). */
  App.prototype.shownGeoJSON = function () {
    var E = this.events, self = this;
    var features = this.visible.map(function (i) {
      var p = self.eventProperties(i);
      return { type: 'Feature', id: p.event_id, geometry: { type: 'Point', coordinates: [E.lon[i], E.lat[i]] },
        properties: p };
    });
    return JSON.stringify({ type: 'FeatureCollection', features: features });
  };

  function csvCell(v) {
    if (v === null || v === undefined) { return ''; }
    if (typeof v === 'number') { return String(v); }
    var s = Array.isArray(v) ? v.join(' | ') : String(v);
    // spreadsheet-safe, as geomap's own CSV: a formula-like start gets a leading quote
    if (/^[=+\-@\t\r]/.test(s)) { s = "'" + s; }
    return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }

  /** The events shown now as CSV (text): lon, lat, then the GeoJSON properties. */
  App.prototype.shownCSV = function () {
    var E = this.events, self = this, lines = [['lon', 'lat'].concat(PROPS).join(',')];
    this.visible.forEach(function (i) {
      var p = self.eventProperties(i);
      lines.push([E.lon[i], E.lat[i]].concat(PROPS.map(function (k) { return p[k]; })).map(csvCell).join(','));
    });
    return lines.join('\r\n') + '\r\n';
  };

  function save(text, type, name) {
    var url = URL.createObjectURL(new Blob([text], { type: type }));
    var a = el('a');
    a.href = url;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    document.body.removeChild(a);
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }

  App.prototype._takeAway = function () {
    var self = this, node = this.panelNode;
    if (!node) { return; }
    var sec = el('div', 'gm-section gm-take');
    sec.setAttribute('data-section', 'take');
    var h = el('div', 'gm-section-h');
    h.appendChild(el('span', null, 'Share & take away'));
    sec.appendChild(h);
    var row = el('div', 'gm-take-row');
    function button(text, title, fn) {
      var b = el('button', 'gm-take-btn', text);
      b.type = 'button';
      b.title = title;
      b.addEventListener('click', function (ev) { ev.preventDefault(); fn(b); });
      row.appendChild(b);
      return b;
    }
    button('GeoJSON', 'download the events shown as GeoJSON', function () {
      save(self.shownGeoJSON(), 'application/geo+json', 'strikes-shown.geojson');
    }).setAttribute('data-download', 'geojson');
    button('CSV', 'download the events shown as CSV', function () {
      save(self.shownCSV(), 'text/csv', 'strikes-shown.csv');
    }).setAttribute('data-download', 'csv');
    button('Link', 'copy a link to this view (filters, dates, open event)', function (b) {
      self.saveState();
      var done = function () { b.textContent = 'Copied'; setTimeout(function () { b.textContent = 'Link'; }, 1500); };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(global.location.href).then(done, function () { b.textContent = 'See address bar'; });
      } else { b.textContent = 'See address bar'; }
    });
    button('Print', 'print the map with its legend and title', function () { global.print(); });
    sec.appendChild(row);
    var counts = node.querySelector('.gm-counts');
    node.insertBefore(sec, counts && counts.parentNode === node ? counts : null);
  };

  var openEvents = App.prototype.openEvents;
  /** Opening one event selects it (for the link and its uncertainty circle). */
  App.prototype.openEvents = function (list, latlng) {
    openEvents.call(this, list, latlng);
    this.select(list.length === 1 ? list[0] : null);
  };

  /** Select event i (null: none): draw how far it may be from its point, and keep it in the link. */
  App.prototype.select = function (i) {
    this.selected = i;
    if (this.uncertainty) { this.map.removeLayer(this.uncertainty); this.uncertainty = null; }
    if (i !== null && i !== undefined) {
      var E = this.events, gp = E.vocab.geo_precision[E.geo_precision[i]] || 'town';
      var metres = (this.cfg.uncertainty || {})[gp] || 5000;
      this.uncertainty = L.circle([E.lat[i], E.lon[i]], {
        radius: metres, pane: 'gmRegions', interactive: false, className: 'gm-uncertainty',
        color: '#0b5cad', weight: 1.5, dashArray: '5 4', fillColor: '#0b5cad', fillOpacity: 0.08
      }).addTo(this.map);
      this.uncertainty._gmPrecision = gp;
    }
    if (this._stateReady) { this._scheduleSave(); }
  };

  geomap.parts.push(function () {
    var self = this;
    this._takeAway();
    this.restoreState(global.location.hash);
    this._stateReady = true;
    this.map.on('moveend overlayadd overlayremove', function () { self._scheduleSave(); });
    this.map.on('popupclose', function (ev) { if (ev.popup === self.popup) { self.select(null); } });
    global.addEventListener('hashchange', function () {
      if (global.location.hash !== '#' + self.stateFragment()) { self.restoreState(global.location.hash); }
    });
    this.saveState();
  });
  geomap.onFilter.push(function () { if (this._stateReady) { this._scheduleSave(); } });
}(window));
