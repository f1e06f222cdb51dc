/* geomap map: place names on the offline base, and search over the whole gazetteer.
 *
 * Part of geomap (MIT); extends geomap.App (geomap.js). The names come from the page's
 * "places" block (geomap/plugins/places.py): regions, towns and villages of the theatre
 * countries, in order of priority, each with the zoom from which it is labelled, plus the
 * country names of the outlines. On every view change the names in view are placed
 * greedily, most important first, each where it overlaps no name already placed and no
 * control (search box, panel, timeline): so names never collide and never hide under the
 * controls. Search finds any spelling the gazetteer knows (Харків, Kharkov, Kharkiv,
 * Харків), centres on the place and lists the events shown near it.
 */
(function (global) {
  'use strict';
  var L = global.L, geomap = global.geomap, App = geomap.App, el = geomap.el;

  var FONT = '12px system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif';
  var BIG_FONT = '600 13px system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif';
  var LINE = 15;              // label box height, px
  var PAD = 3;                // room kept free around a label, px
  var MAX_LABELS = 350;       // labels drawn at most in one view
  var COUNTRY_ZOOMS = [3, 7]; // countries are named from/to these zooms
  var REGION_MAX_ZOOM = 7;    // region names give way to towns from zoom 8 on
  var NEAR_KM = { 0: 150, 1: 25, 2: 40 };  // events listed near a region, town, district
  var KIND = ['region', 'town', 'district'];

  /** The key of a name as the gazetteer writes it: NFC, lower case, every non-letter a space. */
  function key(text) {
    var s = String(text || '');
    if (s.normalize) { s = s.normalize('NFC'); }
    return s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  }

  function unaccented(k) {
    return k.normalize ? k.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').normalize('NFC') : k;
  }

  var measure = null;
  function textWidth(text, font) {
    if (!measure) { measure = document.createElement('canvas').getContext('2d'); }
    measure.font = font;
    return Math.ceil(measure.measureText(text).width);
  }

  /** A set of screen boxes, hashed on a grid, that says whether a new box overlaps one. */
  function Boxes() { this.cells = new Map(); }
  Boxes.CELL = 64;
  Boxes.prototype._each = function (b, fn) {
    var c = Boxes.CELL;
    for (var x = Math.floor(b[0] / c); x <= Math.floor(b[2] / c); x++) {
      for (var y = Math.floor(b[1] / c); y <= Math.floor(b[3] / c); y++) {
        if (fn(x * 65536 + y) === false) { return false; }
      }
    }
    return true;
  };
  Boxes.prototype.free = function (b) {
    var cells = this.cells;
    return this._each(b, function (k) {
      var list = cells.get(k);
      if (!list) { return true; }
      for (var i = 0; i < list.length; i++) {
        var o = list[i];
        if (b[0] < o[2] && o[0] < b[2] && b[1] < o[3] && o[1] < b[3]) { return false; }
      }
      return true;
    });
  };
  Boxes.prototype.add = function (b) {
    var cells = this.cells;
    this._each(b, function (k) {
      var list = cells.get(k);
      if (!list) { cells.set(k, list = []); }
      list.push(b);
    });
  };

  // ---------------------------------------------------------------- labels
  App.prototype._placeLabels = function () {
    var map = this.map, self = this;
    var pane = map.createPane('gmPlaceNames');
    pane.style.zIndex = 380;          // above land and regions, under the strikes
    pane.style.pointerEvents = 'none';
    this.labelPane = pane;
    this._countryNames = [];
    ((this.outlines && this.outlines.features) || []).forEach(function (f) {
      var p = f.properties || {};
      if (p.name && p.label) { self._countryNames.push({ name: p.name, lat: p.label[0], lon: p.label[1], theatre: !!p.theatre }); }
    });
    var redraw = function () { self.drawLabels(); };
    map.on('moveend zoomend resize baselayerchange', redraw);
    map.on('zoomstart', function () { pane.style.display = 'none'; });
    // drawn once every part (the timeline too) has put its controls on the map
    setTimeout(redraw, 0);
  };

  /** Place the names in view, most important first, none overlapping another or a control. */
  App.prototype.drawLabels = function () {
    var map = this.map, pane = this.labelPane, P = this.places, z = map.getZoom();
    if (!pane) { return; }
    while (pane.firstChild) { pane.removeChild(pane.firstChild); }
    pane.style.display = '';
    if (this.offlineBase && !map.hasLayer(this.offlineBase)) { return; }
    var size = map.getSize(), taken = new Boxes(), placed = 0;
    var box = map.getContainer().getBoundingClientRect();
    var controls = map.getContainer().querySelectorAll('.leaflet-control');
    for (var c = 0; c < controls.length; c++) {
      var r = controls[c].getBoundingClientRect();
      if (r.width && r.height) {
        taken.add([r.left - box.left - PAD, r.top - box.top - PAD, r.right - box.left + PAD, r.bottom - box.top + PAD]);
      }
    }
    var bounds = map.getBounds().pad(0.05);
    function put(name, lat, lon, cls, font, dot, minZoom) {
      if (!bounds.contains([lat, lon])) { return false; }
      var pt = map.latLngToContainerPoint([lat, lon]), w = textWidth(name, font), b = null;
      if (dot) {
        // a dot on the place, the name to its right, or else to its left
        var right = [pt.x - 3, pt.y - LINE / 2, pt.x + 6 + w, pt.y + LINE / 2];
        var left = [pt.x - 6 - w, pt.y - LINE / 2, pt.x + 3, pt.y + LINE / 2];
        if (inside(right) && taken.free(pad(right))) { b = right; cls += ' gm-pl-r'; }
        else if (inside(left) && taken.free(pad(left))) { b = left; cls += ' gm-pl-l'; }
      } else {
        // centred on the point, or else just above or below it
        for (var dy = 0; dy <= LINE && !b; dy += LINE) {
          for (var sgn = -1; sgn <= 1 && !b; sgn += 2) {
            var mid = [pt.x - w / 2, pt.y - LINE / 2 + sgn * dy, pt.x + w / 2, pt.y + LINE / 2 + sgn * dy];
            if (inside(mid) && taken.free(pad(mid))) { b = mid; }
          }
        }
      }
      if (!b) { return false; }
      taken.add(pad(b));
      var lp = map.containerPointToLayerPoint([b[0], b[1]]);
      var node = el('div', 'gm-pl ' + cls, name);
      node.style.transform = 'translate(' + Math.round(lp.x) + 'px,' + Math.round(lp.y) + 'px)';
      node.style.width = (b[2] - b[0]) + 'px';
      node.setAttribute('data-z', String(minZoom));
      pane.appendChild(node);
      placed++;
      return true;
    }
    function pad(b) { return [b[0] - PAD, b[1] - PAD, b[2] + PAD, b[3] + PAD]; }
    function inside(b) { return b[0] >= 0 && b[1] >= 0 && b[2] <= size.x && b[3] <= size.y; }
    if (z >= COUNTRY_ZOOMS[0] && z <= COUNTRY_ZOOMS[1]) {
      this._countryNames.forEach(function (cn) {
        put(cn.name, cn.lat, cn.lon, cn.theatre ? 'gm-pl-country gm-theatre' : 'gm-pl-country', BIG_FONT, false,
          COUNTRY_ZOOMS[0]);
      });
    }
    if (!P) { return; }
    var S = P.strings;
    for (var i = 0; i < P.n && placed < MAX_LABELS; i++) {
      if (P.z[i] > z) { continue; }
      var region = P.kind[i] === 0;
      if (region && z > REGION_MAX_ZOOM) { continue; }
      put(S[P.name[i]], P.lat[i], P.lon[i], region ? 'gm-pl-region' : (P.z[i] <= 6 ? 'gm-pl-city' : 'gm-pl-town'),
        FONT, !region, P.z[i]);
    }
  };

  /** Names drawn now with their screen boxes (for tests and the curious). */
  App.prototype.labelBoxes = function () {
    var out = [], nodes = this.labelPane ? this.labelPane.children : [];
    for (var i = 0; i < nodes.length; i++) {
      var r = nodes[i].getBoundingClientRect();
      out.push({ name: nodes[i].textContent, cls: nodes[i].className, z: +nodes[i].getAttribute('data-z'),
        box: [r.left, r.top, r.right, r.bottom] });
    }
    return out;
  };

  // ---------------------------------------------------------------- search
  /** Map of search key -> place indices (priority order), built on the first search. */
  App.prototype._gazetteerIndex = function () {
    if (this._gIndex) { return this._gIndex; }
    var P = this.places, index = new Map();
    function add(k, i) {
      if (!k) { return; }
      var list = index.get(k);
      if (!list) { index.set(k, list = []); }
      if (list[list.length - 1] !== i) { list.push(i); }
    }
    if (P) {
      for (var i = 0; i < P.n; i++) {
        var own = key(P.strings[P.name[i]]);
        add(own, i);
        add(unaccented(own), i);
        var ks = P.keys[i] ? P.keys[i].split('|') : [];
        for (var j = 0; j < ks.length; j++) { add(ks[j], i); add(unaccented(ks[j]), i); }
      }
    }
    this._gIndex = index;
    return index;
  };

  /** Indices of the gazetteer places a query means, best first ([] if none). */
  App.prototype.findPlaces = function (text) {
    var index = this._gazetteerIndex(), k = key(text);
    if (!k) { return []; }
    var tries = [k, unaccented(k), k.replace(/ /g, '')];
    // a case form the page does not hold (рязанью): drop the last letters, then prefixes
    for (var cut = 1; cut <= 2 && k.length - cut >= 4; cut++) { tries.push(k.slice(0, -cut)); }
    for (var t = 0; t < tries.length; t++) {
      var hit = index.get(tries[t]);
      if (hit) { return this._ranked(hit); }
    }
    var stem = unaccented(k.length > 5 ? k.slice(0, -2) : k), best = null;
    if (stem.length < 3) { return []; }
    index.forEach(function (list, name) {
      if (name.lastIndexOf(stem, 0) === 0 && (best === null || list[0] < best[0])) { best = list; }
    });
    return best ? this._ranked(best) : [];
  };

  /** Places a name may mean, best first: towns (largest first), then regions, then districts.
   * A town's name is often a key of its oblast too; a reader who types it means the town. */
  App.prototype._ranked = function (list) {
    var P = this.places, order = [1, 0, 2];
    return list.slice().sort(function (a, b) {
      return order.indexOf(P.kind[a]) - order.indexOf(P.kind[b]) || a - b;
    });
  };

  var eventSearch = App.prototype.search;
  /** Search: a place named by the events themselves first, else any place of the gazetteer. */
  App.prototype.search = function (text) {
    var q = geomap.norm(text);
    if (!q) { return ''; }
    var idx = this._placeIndex();
    if (idx.map[q]) { return eventSearch.call(this, text); }  // named by an event or a mention
    var found = this.findPlaces(text);
    if (found.length) { return this.showPlace(found[0]); }
    return eventSearch.call(this, text);
  };

  /** Shown events within km of (lat, lon), nearest first: [[index, km], ...]. */
  App.prototype.eventsNear = function (lat, lon, km) {
    var E = this.events, out = [], D = Math.PI / 180, cos = Math.cos(lat * D);
    for (var k = 0; k < this.visible.length; k++) {
      var i = this.visible[k];
      var dy = (E.lat[i] - lat) * 111.2, dx = (E.lon[i] - lon) * 111.2 * cos;
      var d = Math.sqrt(dx * dx + dy * dy);
      if (d <= km) { out.push([i, d]); }
    }
    return out.sort(function (a, b) { return a[1] - b[1] || a[0] - b[0]; });
  };

  /** Centre on gazetteer place i and open a popup listing the shown events near it. */
  App.prototype.showPlace = function (i) {
    var P = this.places, S = P.strings, self = this, E = this.events, V = E.vocab;
    var kind = P.kind[i], lat = P.lat[i], lon = P.lon[i], name = S[P.name[i]];
    var zoom = kind === 0 ? 7 : kind === 2 ? 9 : P.pop[i] >= 100000 ? 10 : 12;
    this.map.setView([lat, lon], zoom, { animate: false });
    var km = NEAR_KM[kind], near = this.eventsNear(lat, lon, km);
    var root = el('div', 'gm-popup gm-popup-place');
    root.appendChild(el('div', 'gm-popup-title', name));
    var sub = [KIND[kind]];
    if (S[P.admin1[i]] && kind !== 0) { sub.push(S[P.admin1[i]]); }
    if (P.pop[i]) { sub.push('population ' + P.pop[i].toLocaleString('en')); }
    root.appendChild(el('div', 'gm-popup-sub', sub.join(' · ')));
    root.appendChild(el('div', 'gm-popup-h', near.length ? near.length + (near.length === 1 ? ' event' : ' events') +
      ' shown within ' + km + ' km' : 'No event shown within ' + km + ' km'));
    var ul = el('ul', 'gm-near');
    near.slice(0, 30).forEach(function (x) {
      var j = x[0], li = el('li'), a = el('a', 'gm-near-ev', (E.date[j] >= 0 ? E.strings[E.date[j]] : 'undated') +
        ' · ' + (E.strings[E.place[j]] || E.strings[E.place_name[j]] || '?'));
      a.href = '#';
      a.setAttribute('data-event', String(j));
      a.addEventListener('click', function (ev) { L.DomEvent.stop(ev); setTimeout(function () { self.openEvent(j); }, 0); });
      var dot = el('span', 'gm-dot');
      dot.style.background = self.colourOf(V.strike_type[E.strike_type[j]]);
      li.appendChild(dot);
      li.appendChild(a);
      li.appendChild(document.createTextNode(' ' + self.label(V.strike_type[E.strike_type[j]]) + ', ' +
        Math.round(x[1]) + ' km'));
      ul.appendChild(li);
    });
    if (near.length > 30) { ul.appendChild(el('li', 'gm-none', '… and ' + (near.length - 30) + ' more')); }
    root.appendChild(ul);
    this.popup.setLatLng([lat, lon]).setContent(root).openOn(this.map);
    return name + ': ' + (near.length ? near.length + ' event' + (near.length === 1 ? '' : 's') + ' within ' + km + ' km'
      : 'no event near');
  };

  geomap.placeKey = key;
  geomap.Boxes = Boxes;
  geomap.parts.push(function () { this._placeLabels(); });
}(window));
