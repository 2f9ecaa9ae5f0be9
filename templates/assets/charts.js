/* Draws every chart of a page: the kind's Vega-Lite spec (chart-kinds.js) + the figure's data.
   CSP-safe: Vega parses expressions to an AST and runs them with its interpreter, no eval.
   The payload's keys and the parts of a spec set here are a contract with tiltaksdata/site/charts.py,
   written down in that module's docstring: change both sides together. */
(function () {
  'use strict';
  var kinds = window.TILTAK_CHART_KINDS;
  var numberLocale = {decimal: ',', thousands: '\u00a0', grouping: [3], currency: ['', '\u00a0kr'], minus: '\u2212'};
  var timeLocale = {
    dateTime: '%A %e. %B %Y kl. %X', date: '%d.%m.%Y', time: '%H:%M:%S', periods: ['', ''],
    days: ['søndag', 'mandag', 'tirsdag', 'onsdag', 'torsdag', 'fredag', 'lørdag'],
    shortDays: ['søn.', 'man.', 'tir.', 'ons.', 'tor.', 'fre.', 'lør.'],
    months: ['januar', 'februar', 'mars', 'april', 'mai', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'desember'],
    shortMonths: ['jan.', 'feb.', 'mars', 'apr.', 'mai', 'juni', 'juli', 'aug.', 'sep.', 'okt.', 'nov.', 'des.']
  };
  var options = {
    renderer: 'svg', actions: false, ast: true, expr: vega.expressionInterpreter,
    formatLocale: numberLocale, timeFormatLocale: timeLocale, defaultStyle: false,
    tooltip: {disableDefaultStyle: true}, logLevel: vega.Error
  };
  var figures = Array.prototype.slice.call(document.querySelectorAll('[data-chart]'));
  function drawOnce(element) {
    if (element.getAttribute('data-drawn')) { return; }
    element.setAttribute('data-drawn', '1');
    try {
      draw(element);
    } catch (error) {  /* one bad chart must not keep the others from being drawn */
      element.classList.add('chart-failed');
      console.error('chart', error);
    }
  }
  /* Every chart, now (before printing; tests call it to check them all). */
  function drawAll() { figures.forEach(drawOnce); }
  window.TILTAK_DRAW_ALL = drawAll;
  window.addEventListener('beforeprint', drawAll);
  /* A chart is drawn when it comes near the screen: a long page does not keep a phone busy on load
     with charts nobody has scrolled to yet. */
  if ('IntersectionObserver' in window) {
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (entry.isIntersecting) { observer.unobserve(entry.target); drawOnce(entry.target); }
      });
    }, {rootMargin: '400px 0px'});
    figures.forEach(function (element) { observer.observe(element); });
  } else {
    drawAll();
  }
  /* Bar names → lines of at most `limit` px (measured in the axis font); a word longer than that
     keeps its own line, and the axis is widened to it rather than cutting it. */
  var measure = null;
  function wrapLabels(values, limit) {
    measure = measure || document.createElement('canvas').getContext('2d');
    measure.font = '12px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
    var width = function (text) { return measure.measureText(text).width; };
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
  function draw(element) {
    var payload = JSON.parse(element.getAttribute('data-chart'));
    if (!kinds[payload.kind]) { throw new Error('unknown chart kind ' + payload.kind); }
    var spec = JSON.parse(JSON.stringify(kinds[payload.kind]));
    spec.datasets = {values: payload.values, breaks: payload.breaks || []};
    if (payload.kind === 'map') {
      /* The boundaries come from assets/maps/<structure>-<level>.js, loaded by the page. */
      var topology = (window.TILTAK_MAPS || {})[payload.map];
      if (!topology) { element.classList.add('chart-failed'); console.error('map', payload.map, 'not loaded'); return; }
      spec.data = {values: topology, format: {type: 'topojson', feature: Object.keys(topology.objects)[0]}};
      if (payload.other) { spec.transform[0]['default'] = payload.other; }
      spec.encoding.color.scale = {domain: payload.legend.map(function (c) { return c[0]; }),
                                   range: payload.legend.map(function (c) { return c[1]; })};
      /* Norway is tall: a map at most 560 px wide, a quarter taller than wide. */
      spec.width = Math.min(element.clientWidth || 560, 560);
      spec.height = Math.round(spec.width * 1.25);
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
      var limit = Math.max(90, Math.min(240, Math.round(element.clientWidth * 0.4)));
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
    /* vega-embed gives the element it draws into role="graphics-document" and a generic label; draw
       into a child so the figure keeps its role="img" and the label written from the data. */
    var canvas = document.createElement('div');
    canvas.className = 'chart-canvas';
    element.appendChild(canvas);
    vegaEmbed(canvas, spec, options).then(function (result) {
      element.classList.add('chart-ready');
      var svg = element.querySelector('svg');
      if (svg) { svg.setAttribute('aria-hidden', 'true'); svg.setAttribute('focusable', 'false'); }
      return result;
    }).catch(function (error) {
      element.classList.add('chart-failed');
      console.error('chart', payload.kind, error);
    });
  }
})();
