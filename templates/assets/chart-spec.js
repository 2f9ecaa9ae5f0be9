/* One chart's Vega-Lite spec: its kind's spec (chart-kinds.js) + the figure's data payload.
   Shared by the chart worker (chart-worker.js), which draws the charts off the page's main thread,
   and by charts.js, which draws them on the page when there is no worker and when a reader
   points at a chart (tooltips need a live view). Runs in a window and in a worker: `self` is both.
   The payload's keys and the parts of a spec set here are a contract with tiltaksdata/site/charts.py,
   written down in that module's docstring: change both sides together. */
(function () {
  'use strict';
  self.TILTAK_CHART_LOCALE = {
    number: {decimal: ',', thousands: '\u00a0', grouping: [3], currency: ['', '\u00a0kr'], minus: '\u2212'},
    time: {
      dateTime: '%A %e. %B %Y kl. %X', date: '%d.%m.%Y', time: '%H:%M:%S', periods: ['', ''],
      days: ['søndag', 'mandag', 'tirsdag', 'onsdag', 'torsdag', 'fredag', 'lørdag'],
      shortDays: ['søn.', 'man.', 'tir.', 'ons.', 'tor.', 'fre.', 'lør.'],
      months: ['januar', 'februar', 'mars', 'april', 'mai', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'desember'],
      shortMonths: ['jan.', 'feb.', 'mars', 'apr.', 'mai', 'juni', 'juli', 'aug.', 'sep.', 'okt.', 'nov.', 'des.']
    }
  };
  var FONT = '12px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

  /* Text width in the axis font, on the canvas Vega measures with too (in the worker,
     chart-worker.js makes document.createElement('canvas') give an OffscreenCanvas). */
  var context = null;
  function width(text) {
    context = context || document.createElement('canvas').getContext('2d');
    context.font = FONT;
    return context.measureText(text).width;
  }

  /* Bar names → lines of at most `limit` px (measured in the axis font); a word longer than that
     keeps its own line, and the axis is widened to it rather than cutting it. */
  function wrapLabels(values, limit) {
    var most = 1, widest = 0;
    var out = values.map(function (datum) {
      var lines = [], line = '';
      String(datum.c).split(' ').forEach(function (word) {
        var longer = line ? line + ' ' + word : word;
        if (line && width(longer) > limit) { lines.push(line); line = word; } else { line = longer; }
      });
      lines.push(line);
      lines.forEach(function (l) { widest = Math.max(widest, width(l)); });
      most = Math.max(most, lines.length);
      var copy = Object.assign({}, datum);
      copy.c = lines.join('\n');
      return copy;
    });
    return {values: out, lines: most, widest: widest};
  }

  /* payload: the figure's data-chart, parsed; size: the figure's width in px. A live view (live
     true) stays as wide as its container and follows the window by itself; a drawing (live false)
     is made at `size`, and charts.js draws it anew when the figure's width changes. */
  self.TILTAK_CHART_SPEC = function (payload, size, live) {
    var kinds = self.TILTAK_CHART_KINDS;
    if (!kinds[payload.kind]) { throw new Error('unknown chart kind ' + payload.kind); }
    var spec = JSON.parse(JSON.stringify(kinds[payload.kind]));
    spec.datasets = {values: payload.values, breaks: payload.breaks || []};
    var available = size || 560;
    if (payload.kind === 'map') {
      /* The boundaries come from assets/maps/<structure>-<level>.js. */
      var topology = (self.TILTAK_MAPS || {})[payload.map];
      if (!topology) { throw new Error('map ' + payload.map + ' not loaded'); }
      spec.data = {values: topology, format: {type: 'topojson', feature: Object.keys(topology.objects)[0]}};
      if (payload.other) { spec.transform[0]['default'] = payload.other; }
      spec.encoding.color.scale = {domain: payload.legend.map(function (c) { return c[0]; }),
                                   range: payload.legend.map(function (c) { return c[1]; })};
      /* Norway is tall: a map at most 560 px wide, a quarter taller than wide. */
      spec.width = Math.min(available, 560);
      spec.height = Math.round(spec.width * 1.25);
    } else if (!live) {
      /* What width "container" does, at a width known now: the whole chart, axes included, fits. */
      spec.width = size;
      spec.autosize = {type: 'fit-x', contains: 'padding'};
    }
    if (payload.colours) {
      /* Each line's colour, chosen in charts.py (series_colours) so a series keeps it across charts. */
      var scale = {domain: payload.colours.map(function (c) { return c[0]; }),
                   range: payload.colours.map(function (c) { return c[1]; })};
      spec.layer.forEach(function (layer) {
        if (layer.encoding && layer.encoding.color && layer.encoding.color.field === 's') { layer.encoding.color.scale = scale; }
      });
    }
    if (payload.kind === 'bars') {
      /* On a phone the category labels may take at most ~40 % of the width, leaving room for bars.
         A longer name wraps onto more lines (never cut with «…»): each category's name is split at
         spaces into lines that fit, joined by \n, which the axis's labelExpr splits again. The
         tooltip shows the whole name on one line. */
      var limit = Math.max(90, Math.min(240, Math.round(available * 0.4)));
      var wrapped = wrapLabels(payload.values, limit);
      spec.datasets.values = wrapped.values;
      spec.height = {step: Math.max(22, 15 * wrapped.lines + 6)};
      spec.layer.forEach(function (layer) {
        if (layer.encoding && layer.encoding.y && layer.encoding.y.axis) {
          layer.encoding.y.axis.labelLimit = Math.ceil(wrapped.widest) + 2;
          layer.encoding.y.axis.labelExpr = "split(datum.value, '\\n')";
          layer.encoding.y.axis.labelLineHeight = 14;
        }
      });
    }
    return spec;
  };
})();
