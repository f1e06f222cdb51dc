/* geomap map: the timeline, a time slider over a histogram of events per day.
 *
 * Part of geomap (MIT); extends geomap.App (geomap.js). Under the map: one bar per day
 * (stacked and coloured by strike type) of the events that pass the other filters, and over
 * it the date window, which can be dragged (its body moves it, its edges resize it, a drag on
 * the bars draws a new one), stepped a day or a week at a time, or played at a chosen speed.
 * The window is the panel's date window: moving one moves the other, and the map, the counts,
 * the facility and region layers all follow. Undated events keep their own checkbox.
 */
(function (global) {
  'use strict';
  var L = global.L, geomap = global.geomap, App = geomap.App, el = geomap.el;
  var DAY_MS = 86400000;
  var SPEEDS = [['0.5×', 1600], ['1×', 800], ['2×', 400], ['4×', 200], ['8×', 100]];

  function dayOf(text) {
    var m = /^(\d{4})-(\d{2})-(\d{2})/.exec(text || '');
    return m ? Math.round(Date.UTC(+m[1], +m[2] - 1, +m[3]) / DAY_MS) : null;
  }
  function isoOf(day) { return new Date(day * DAY_MS).toISOString().slice(0, 10); }

  function Timeline(app) {
    var E = app.events, n = E.n || 0, lo = Infinity, hi = -Infinity;
    this.app = app;
    this.dayNum = new Int32Array(n);
    for (var i = 0; i < n; i++) {
      var d = E.day[i] >= 0 ? dayOf(E.strings[E.day[i]]) : null;
      this.dayNum[i] = d === null ? -1 : d;
      if (d !== null) { if (d < lo) { lo = d; } if (d > hi) { hi = d; } }
    }
    this.d0 = lo;
    this.d1 = hi;
    this.stepDays = 1;
    this.delay = 800;
    this.timer = null;
    this._sig = null;
    this._build();
    this.refresh();
  }

  Timeline.prototype._build = function () {
    var self = this, app = this.app, map = app.map;
    var box = this.node = el('div', 'gm-timeline leaflet-control');
    var bar = el('div', 'gm-tl-bar');
    function button(text, title, fn) {
      var b = el('button', 'gm-tl-btn', text);
      b.type = 'button';
      b.title = title;
      b.setAttribute('aria-label', title);
      b.addEventListener('click', function (ev) { ev.preventDefault(); fn(); });
      bar.appendChild(b);
      return b;
    }
    button('«', 'step back', function () { self.pause(); self.step(-1); });
    this.playButton = button('▶', 'play', function () { if (self.timer) { self.pause(); } else { self.play(); } });
    button('»', 'step forward', function () { self.pause(); self.step(1); });
    var unit = this.unitSelect = el('select', 'gm-tl-unit');
    unit.setAttribute('aria-label', 'step');
    [['1', 'day by day'], ['7', 'week by week']].forEach(function (o) {
      var opt = el('option', null, o[1]);
      opt.value = o[0];
      unit.appendChild(opt);
    });
    unit.addEventListener('change', function () { self.stepDays = +unit.value; });
    bar.appendChild(unit);
    var speed = this.speedSelect = el('select', 'gm-tl-speed');
    speed.setAttribute('aria-label', 'speed');
    SPEEDS.forEach(function (s) {
      var opt = el('option', null, s[0]);
      opt.value = String(s[1]);
      if (s[1] === self.delay) { opt.selected = true; }
      speed.appendChild(opt);
    });
    speed.addEventListener('change', function () {
      self.delay = +speed.value;
      if (self.timer) { self.pause(); self.play(); }
    });
    bar.appendChild(speed);
    button('all', 'the whole period', function () { self.pause(); self.setWindow(self.d0, self.d1); });
    this.label = el('span', 'gm-tl-label');
    bar.appendChild(this.label);
    box.appendChild(bar);
    var plot = this.plot = el('div', 'gm-tl-plot');
    this.canvas = el('canvas', 'gm-tl-hist');
    plot.appendChild(this.canvas);
    var win = this.win = el('div', 'gm-tl-win');
    win.appendChild(el('div', 'gm-tl-h gm-tl-h0'));
    win.appendChild(el('div', 'gm-tl-h gm-tl-h1'));
    plot.appendChild(win);
    box.appendChild(plot);
    var axis = this.axis = el('div', 'gm-tl-axis');
    axis.appendChild(el('span', null, isoOf(this.d0)));
    axis.appendChild(el('span', null, isoOf(this.d1)));
    box.appendChild(axis);
    L.DomEvent.disableClickPropagation(box);
    L.DomEvent.disableScrollPropagation(box);
    map.getContainer().appendChild(box);
    this._drag();
    map.on('resize', function () { self.drawHistogram(); self.drawWindow(); });
  };

  /** Day under a horizontal position of the plot (clamped to the period). */
  Timeline.prototype._dayAt = function (clientX) {
    var r = this.plot.getBoundingClientRect(), span = this.d1 - this.d0 + 1;
    var f = Math.max(0, Math.min(0.999999, (clientX - r.left) / r.width));
    return this.d0 + Math.floor(f * span);
  };

  Timeline.prototype._drag = function () {
    var self = this, mode = null, start = 0, a0 = 0, b0 = 0;
    this.plot.addEventListener('pointerdown', function (ev) {
      var t = ev.target, w = self.window();
      start = self._dayAt(ev.clientX);
      a0 = w[0];
      b0 = w[1];
      mode = t.classList.contains('gm-tl-h0') ? 'a' : t.classList.contains('gm-tl-h1') ? 'b'
        : t === self.win && (a0 > self.d0 || b0 < self.d1) ? 'move' : 'new';  // whole period: draw anew
      self.pause();
      if (mode === 'new') { self.setWindow(start, start); }
      if (self.plot.setPointerCapture) { self.plot.setPointerCapture(ev.pointerId); }
      ev.preventDefault();
    });
    this.plot.addEventListener('pointermove', function (ev) {
      if (!mode) { return; }
      var d = self._dayAt(ev.clientX), dd = d - start;
      if (mode === 'move') {
        dd = Math.max(self.d0 - a0, Math.min(self.d1 - b0, dd));
        self.setWindow(a0 + dd, b0 + dd);
      } else if (mode === 'a') { self.setWindow(Math.min(d, b0), b0); }
      else if (mode === 'b') { self.setWindow(a0, Math.max(d, a0)); }
      else { self.setWindow(Math.min(start, d), Math.max(start, d)); }
    });
    var end = function () { mode = null; };
    this.plot.addEventListener('pointerup', end);
    this.plot.addEventListener('pointercancel', end);
  };

  /** The date window as day numbers [from, to] (the whole period where a bound is open). */
  Timeline.prototype.window = function () {
    var a = dayOf(this.app.dateFrom), b = dayOf(this.app.dateTo);
    return [a === null ? this.d0 : Math.max(this.d0, a), b === null ? this.d1 : Math.min(this.d1, b)];
  };

  /** Set the date window to days [a, b] (clamped), in the panel too, and redraw everything. */
  Timeline.prototype.setWindow = function (a, b) {
    a = Math.max(this.d0, Math.min(this.d1, Math.round(a)));
    b = Math.max(a, Math.min(this.d1, Math.round(b)));
    var app = this.app, panel = app.panelNode;
    app.dateFrom = isoOf(a);
    app.dateTo = isoOf(b);
    if (panel) {
      var f = panel.querySelector('input[data-date="from"]'), t = panel.querySelector('input[data-date="to"]');
      if (f) { f.value = app.dateFrom; }
      if (t) { t.value = app.dateTo; }
    }
    app.applyFilters();
  };

  /** Move the window by n steps (keeping its length); false when it cannot move further. */
  Timeline.prototype.step = function (n) {
    var w = this.window(), len = w[1] - w[0], by = n * this.stepDays;
    if (len >= this.d1 - this.d0) {           // the whole period: start from its first step
      len = this.stepDays === 1 ? 6 : 27;
      w = n > 0 ? [this.d0 - by, this.d0 - by + len] : [this.d1 - len - by, this.d1 - by];
    }
    var a = w[0] + by;
    if (a + len > this.d1) { a = this.d1 - len; }
    if (a < this.d0) { a = this.d0; }
    if (a === w[0]) { return false; }
    this.setWindow(a, a + len);
    return true;
  };

  Timeline.prototype.play = function () {
    var self = this;
    if (this.timer) { return; }
    var w = this.window();
    if (w[1] >= this.d1 && w[0] > this.d0) { this.setWindow(this.d0, this.d0 + (w[1] - w[0])); }
    else { this.step(1); }
    this.playButton.textContent = '⏸';
    this.playButton.title = 'pause';
    this.timer = setInterval(function () { if (!self.step(1)) { self.pause(); } }, this.delay);
  };

  Timeline.prototype.pause = function () {
    if (this.timer) { clearInterval(this.timer); }
    this.timer = null;
    this.playButton.textContent = '▶';
    this.playButton.title = 'play';
  };

  /** Whether event i passes every filter but the date window. */
  Timeline.prototype._passesAttributes = function (i) {
    var E = this.app.events, on = this.app.on;
    return !((on.strike_type && !on.strike_type[E.strike_type[i]]) || (on.group && !on.group[E.group[i]]) ||
      (on.status && !on.status[E.status[i]]) || (on.origin && !on.origin[E.origin[i]]));
  };

  /** After a change of filters: recount the bars if the other filters changed, move the window. */
  Timeline.prototype.refresh = function () {
    var app = this.app, sig = JSON.stringify(app.on);
    if (sig !== this._sig) {
      this._sig = sig;
      var E = app.events, types = (E.vocab.strike_type || []).length, span = this.d1 - this.d0 + 1;
      var hist = this.hist = [];
      for (var s = 0; s < types; s++) { hist.push(new Int32Array(span)); }
      for (var i = 0; i < (E.n || 0); i++) {
        if (this.dayNum[i] >= 0 && this._passesAttributes(i)) { hist[E.strike_type[i]][this.dayNum[i] - this.d0]++; }
      }
      this.drawHistogram();
    }
    this.drawWindow();
  };

  /** Events of the histogram's bars between days a and b (both included). */
  Timeline.prototype.histogramCount = function (a, b) {
    var n = 0;
    for (var s = 0; s < this.hist.length; s++) {
      for (var d = Math.max(a, this.d0); d <= Math.min(b, this.d1); d++) { n += this.hist[s][d - this.d0]; }
    }
    return n;
  };

  Timeline.prototype.drawHistogram = function () {
    var c = this.canvas, ratio = global.devicePixelRatio || 1, w = this.plot.clientWidth, h = this.plot.clientHeight;
    if (!w || !h) { return; }
    c.width = Math.round(w * ratio);
    c.height = Math.round(h * ratio);
    c.style.width = w + 'px';
    c.style.height = h + 'px';
    var ctx = c.getContext('2d'), span = this.d1 - this.d0 + 1, cols = Math.min(span, c.width);
    var V = this.app.events.vocab.strike_type || [], per = [], max = 0, x, s, d;
    for (x = 0; x < cols; x++) {
      var col = [], tot = 0, from = Math.floor(x * span / cols), to = Math.floor((x + 1) * span / cols);
      for (s = 0; s < this.hist.length; s++) {
        var n = 0;
        for (d = from; d < to; d++) { n += this.hist[s][d]; }
        col.push(n);
        tot += n;
      }
      per.push(col);
      if (tot > max) { max = tot; }
    }
    ctx.clearRect(0, 0, c.width, c.height);
    var bw = c.width / cols;
    for (x = 0; x < cols; x++) {
      var y = c.height;
      for (s = 0; s < per[x].length; s++) {
        if (!per[x][s]) { continue; }
        var bh = per[x][s] / (max || 1) * (c.height - 2);
        ctx.fillStyle = this.app.colourOf(V[s]);
        ctx.fillRect(x * bw, y - bh, Math.max(1, bw - (bw > 3 ? 1 : 0)), bh);
        y -= bh;
      }
    }
  };

  Timeline.prototype.drawWindow = function () {
    var w = this.window(), span = this.d1 - this.d0 + 1;
    this.win.style.left = ((w[0] - this.d0) / span * 100) + '%';
    this.win.style.width = ((w[1] - w[0] + 1) / span * 100) + '%';
    var days = w[1] - w[0] + 1;
    this.label.textContent = isoOf(w[0]) + ' – ' + isoOf(w[1]) + ' (' + days + (days === 1 ? ' day' : ' days') +
      ', ' + this.histogramCount(w[0], w[1]) + ' dated events)';
  };

  App.prototype._timeline = function () {
    var E = this.events, dated = 0;
    for (var i = 0; i < (E.n || 0); i++) { if (E.day[i] >= 0) { dated++; } }
    if (!dated) { this.timeline = null; return; }
    this.timeline = new Timeline(this);
    this.map.getContainer().classList.add('gm-has-timeline');
  };

  geomap.Timeline = Timeline;
  geomap.dayOf = dayOf;
  geomap.isoOf = isoOf;
  geomap.parts.push(function () { this._timeline(); });
  geomap.onFilter.push(function () { if (this.timeline) { this.timeline.refresh(); } });
}(window));
