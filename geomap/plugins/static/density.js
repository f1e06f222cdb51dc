/* geomap map: the density layer, hexagons of the events shown for the big picture.
 *
 * Part of geomap (MIT); extends geomap.App (geomap.js). The events that pass the filters and
 * the date window are binned into screen hexagons (RADIUS pixels) at the current zoom, and each
 * hexagon is shaded by its count on a log scale (a sequential ramp, light to dark). It is
 * redrawn on every view change and after every filter change, so it follows the timeline too.
 */
(function (global) {
  'use strict';
  var L = global.L, geomap = global.geomap, App = geomap.App;
  var RADIUS = 14;
  var RAMP = ['#fee8c8', '#fdbb84', '#fc8d59', '#e34a33', '#b30000'];

  var DensityLayer = L.Layer.extend({
    initialize: function (app) { this.app = app; this.cells = []; this.max = 0; },
    onAdd: function (map) {
      var pane = map.getPane('gmDensity') || map.createPane('gmDensity');
      pane.style.zIndex = 350;        // over the base and regions, under the strikes
      pane.style.pointerEvents = 'none';
      this.canvas = L.DomUtil.create('canvas', 'gm-density', pane);
      map.on('moveend zoomend resize', this.redraw, this);
      map.on('zoomstart', this._hide, this);
      this.redraw();
    },
    onRemove: function (map) {
      map.off('moveend zoomend resize', this.redraw, this);
      map.off('zoomstart', this._hide, this);
      L.DomUtil.remove(this.canvas);
      this.canvas = null;
      this.cells = [];
    },
    _hide: function () { if (this.canvas) { this.canvas.style.display = 'none'; } },

    /** Bin the events shown into hexagons and draw them. */
    redraw: function () {
      var map = this._map, canvas = this.canvas, app = this.app;
      if (!map || !canvas) { return; }
      var size = map.getSize(), ratio = global.devicePixelRatio || 1, z = map.getZoom();
      canvas.style.display = '';
      canvas.width = Math.round(size.x * ratio);
      canvas.height = Math.round(size.y * ratio);
      canvas.style.width = size.x + 'px';
      canvas.style.height = size.y + 'px';
      L.DomUtil.setPosition(canvas, map.containerPointToLayerPoint([0, 0]));
      var scale = 256 * Math.pow(2, z), origin = map.getPixelBounds().min;
      var w = Math.sqrt(3) * RADIUS, h = 1.5 * RADIUS, bins = new Map(), vis = app.visible;
      for (var k = 0; k < vis.length; k++) {
        var i = vis[k], x = app.mx[i] * scale - origin.x, y = app.my[i] * scale - origin.y;
        if (x < -RADIUS || y < -RADIUS || x > size.x + RADIUS || y > size.y + RADIUS) { continue; }
        // pointy-top hexagons: the nearest of the two candidate row centres
        var row = Math.round(y / h), col = Math.round(x / w - (row & 1) / 2);
        var best = null, bd = Infinity;
        for (var dr = -1; dr <= 1; dr++) {
          var r = row + dr;
          for (var dc = -1; dc <= 1; dc++) {
            var c = col + dc, cx = (c + (r & 1) / 2) * w, cy = r * h, d = (cx - x) * (cx - x) + (cy - y) * (cy - y);
            if (d < bd) { bd = d; best = r * 100000 + c; }
          }
        }
        bins.set(best, (bins.get(best) || 0) + 1);
      }
      var cells = [], max = 0;
      bins.forEach(function (n, key) {
        var r = Math.round(key / 100000), c = key - r * 100000;
        cells.push({ x: (c + (r & 1) / 2) * w, y: r * h, n: n });
        if (n > max) { max = n; }
      });
      this.cells = cells;
      this.max = max;
      var ctx = canvas.getContext('2d');
      ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
      ctx.clearRect(0, 0, size.x, size.y);
      ctx.globalAlpha = 0.75;
      ctx.strokeStyle = 'rgba(255,255,255,0.8)';
      ctx.lineWidth = 0.5;
      cells.forEach(function (cell) {
        var step = max > 1 ? Math.log(cell.n) / Math.log(max) : 1;
        ctx.fillStyle = RAMP[Math.min(RAMP.length - 1, Math.floor(step * (RAMP.length - 1) + 0.5))];
        ctx.beginPath();
        for (var v = 0; v < 6; v++) {
          var a = Math.PI / 180 * (60 * v - 30), px = cell.x + RADIUS * Math.cos(a), py = cell.y + RADIUS * Math.sin(a);
          if (v) { ctx.lineTo(px, py); } else { ctx.moveTo(px, py); }
        }
        ctx.closePath();
        ctx.fill();
        ctx.stroke();
      });
      if (app.densityNote) { app.densityNote.textContent = max ? '1 – ' + max + ' per hexagon' : 'none in view'; }
    }
  });

  App.prototype._densityLayer = function () {
    if (!(this.events.n > 0)) { this.densityLayer = null; return; }
    var layer = this.densityLayer = new DensityLayer(this);
    if (this.layers) { this.layers.addOverlay(layer, 'Density (events shown per hexagon)'); }
    var box = this.panelNode && this.panelNode.querySelector('input[data-layer="density"]');
    if (box) {
      box.disabled = false;
      box.checked = false;
      layer.on('add remove', function (ev) { box.checked = ev.type === 'add'; });
    }
    this.densityNote = this.panelNode && this.panelNode.querySelector('[data-density-note]');
  };

  geomap.DensityLayer = DensityLayer;
  geomap.densityRamp = RAMP;
  // before share.js restores a link's layers, which may name this one
  geomap.parts.unshift(function () { this._densityLayer(); });
  geomap.onFilter.push(function () {
    if (this.densityLayer && this.map.hasLayer(this.densityLayer)) { this.densityLayer.redraw(); }
  });
}(window));
