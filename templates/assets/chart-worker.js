/* Draws charts off the page's main thread: a figure's payload and width in, its SVG out.
   Loading Vega (~0.5 MB of script) and drawing a chart keep a phone's main thread busy for most
   of a second; here that happens in a worker while the page stays responsive, and the page only
   inserts the finished SVG (charts.js). The SVG is the one Vega draws on a page (view.toSVG), with
   the same text measurement, so a chart looks the same drawn here or live.
   Message in: {id, payload (the data-chart JSON text), width}. Out: {id, svg} or {id, error}. */
'use strict';
/* Vega measures text on a canvas it gets from document.createElement('canvas'); a worker has no
   document but has OffscreenCanvas with the same measureText. Without it, Vega would guess text
   widths (0.8 × font size per letter) and lay out labels differently from a live chart.
   chart-spec.js measures the bar names it wraps on the same canvas. */
self.document = {
  createElement: function (tag) { return tag === 'canvas' ? new OffscreenCanvas(1, 1) : null; }
};
importScripts('vendor/vega.min.js', 'vendor/vega-interpreter.js', 'vendor/vega-lite.min.js', 'chart-kinds.js', 'chart-spec.js');
vega.formatLocale(self.TILTAK_CHART_LOCALE.number);
vega.timeFormatLocale(self.TILTAK_CHART_LOCALE.time);

var mapsLoaded = {};
function loadMap(key) {
  /* assets/maps/<key>.js sets self.TILTAK_MAPS[key]; a key is [a-z0-9-]+ (charts.py, maps.py). */
  if (!/^[a-z0-9-]+$/.test(key)) { throw new Error('bad map key ' + key); }
  if (!mapsLoaded[key]) { importScripts('maps/' + key + '.js'); mapsLoaded[key] = true; }
}

function draw(job) {
  var payload = JSON.parse(job.payload);
  if (payload.map) { loadMap(payload.map); }
  var spec = self.TILTAK_CHART_SPEC(payload, job.width, false);
  var runtime = vega.parse(vegaLite.compile(spec).spec, null, {ast: true});
  var view = new vega.View(runtime, {renderer: 'none', expr: vega.expressionInterpreter, logLevel: vega.Error});
  return view.runAsync()
    .then(function () { return view.toSVG(); })
    .then(function (svg) { view.finalize(); return svg; });
}

self.onmessage = function (event) {
  var job = event.data;
  Promise.resolve(job).then(draw).then(
    function (svg) { self.postMessage({id: job.id, svg: svg}); },
    function (error) { self.postMessage({id: job.id, error: String((error && error.stack) || error)}); }
  );
};
