/* Draws every chart of a page, keeping the page's main thread free while it loads.
   A chart is drawn when it comes near the screen, by the chart worker (chart-worker.js: Vega runs
   there and sends back the SVG). When a reader points at or taps a chart, Vega is loaded here
   and the drawing becomes a live view with tooltips. Where a worker cannot run (a page opened from
   disk, an old browser) or fails, the charts are drawn live here from the start.
   CSP-safe: Vega parses expressions to an AST and runs them with its interpreter, no eval.
   Each figure's data-drawn says how far it got: pending, drawing (the worker's SVG), waking (the
   live view on its way) or live. */
(function () {
  'use strict';
  var assets = document.currentScript.src.replace(/[^\/]*$/, '');
  var figures = Array.prototype.slice.call(document.querySelectorAll('[data-chart]'));

  function ready(element, canvas, how) {
    var svg = canvas.querySelector('svg');
    /* The figure keeps its role="img" and the label written from the data; the SVG is decoration. */
    if (svg) { svg.setAttribute('aria-hidden', 'true'); svg.setAttribute('focusable', 'false'); }
    element.setAttribute('data-drawn', how);
    element.classList.add('chart-ready');
  }
  function failed(element, error) {
    console.error('chart', error);
    if (element.getAttribute('data-drawn') === 'waking') {  /* the live view failed: the drawing stays */
      var next = element.querySelector('.chart-next');
      if (next) { element.removeChild(next); }
      element.setAttribute('data-drawn', 'drawing');
      return;
    }
    element.classList.add('chart-failed');
  }

  /* ---- drawn live on the page: Vega, its interpreter, Vega-Lite and vega-embed loaded on demand ---- */
  var live = null;
  function loadScript(path) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement('script');
      script.src = assets + path;
      script.onload = resolve;
      script.onerror = function () { reject(new Error('could not load ' + path)); };
      document.head.appendChild(script);
    });
  }
  function loadLive(payload) {
    live = live || ['vendor/vega.min.js', 'vendor/vega-interpreter.js', 'vendor/vega-lite.min.js',
                    'vendor/vega-embed.min.js', 'chart-kinds.js', 'chart-spec.js'].reduce(function (done, path) {
      return done.then(function () { return loadScript(path); });
    }, Promise.resolve());
    if (!payload.map || (self.TILTAK_MAPS || {})[payload.map]) { return live; }
    return live.then(function () { return loadScript('maps/' + payload.map + '.js'); });
  }
  function drawLive(element) {
    var payload = JSON.parse(element.getAttribute('data-chart'));
    return loadLive(payload).then(function () {
      var spec = self.TILTAK_CHART_SPEC(payload, element.clientWidth, true);
      /* A drawing already shown stays until the live view is ready in its place (.chart-next lies over it). */
      var previous = element.querySelector('.chart-canvas');
      var canvas = document.createElement('div');
      canvas.className = previous ? 'chart-canvas chart-next' : 'chart-canvas';
      element.appendChild(canvas);
      var locale = self.TILTAK_CHART_LOCALE;
      return vegaEmbed(canvas, spec, {
        renderer: 'svg', actions: false, ast: true, expr: vega.expressionInterpreter,
        formatLocale: locale.number, timeFormatLocale: locale.time, defaultStyle: false,
        tooltip: {disableDefaultStyle: true}, logLevel: vega.Error
      }).then(function () {
        if (previous) { element.removeChild(previous); canvas.className = 'chart-canvas'; }
        ready(element, canvas, 'live');
      });
    }).catch(function (error) { failed(element, error); });
  }

  /* ---- drawn by the worker ---- */
  var worker = null, jobs = {}, nextJob = 0;
  function startWorker() {
    if (worker !== null) { return worker; }
    worker = false;
    if (typeof Worker === 'undefined' || typeof OffscreenCanvas === 'undefined') { return worker; }
    try {
      worker = new Worker(assets + 'chart-worker.js');  /* throws on file:// in some browsers */
    } catch (error) {
      return worker;
    }
    worker.onmessage = function (event) {
      var job = jobs[event.data.id];
      delete jobs[event.data.id];
      if (!job) { return; }
      if (event.data.error !== undefined) {
        console.warn('chart worker:', event.data.error, '- drawing on the page instead');
        drawLive(job.element);
        return;
      }
      if (job.element.getAttribute('data-drawn') === 'live') { return; }
      var canvas = job.element.querySelector('.chart-canvas');
      if (!canvas) {
        canvas = document.createElement('div');
        canvas.className = 'chart-canvas';
        job.element.appendChild(canvas);
      }
      canvas.innerHTML = event.data.svg;
      job.element.setAttribute('data-width', String(job.width));
      ready(job.element, canvas, 'drawing');
    };
    /* The worker could not start (a page opened from disk) or broke: draw what it had on the page. */
    worker.onerror = function (event) {
      event.preventDefault();
      console.warn('chart worker:', event.message || 'could not start', '- drawing on the page instead');
      var orphans = Object.keys(jobs).map(function (id) { return jobs[id].element; });
      jobs = {};
      worker.terminate();
      worker = false;
      orphans.forEach(drawLive);
    };
    return worker;
  }
  function drawInWorker(element) {
    var id = ++nextJob, width = element.clientWidth || 560;  /* 0: not laid out (printing a hidden part) */
    jobs[id] = {element: element, width: width};
    worker.postMessage({id: id, payload: element.getAttribute('data-chart'), width: width});
  }

  function drawOnce(element) {
    if (element.getAttribute('data-drawn')) { return; }
    element.setAttribute('data-drawn', 'pending');
    try {
      if (startWorker()) { drawInWorker(element); } else { drawLive(element); }
    } catch (error) {  /* one bad chart must not keep the others from being drawn */
      failed(element, error);
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
  /* A reader who points at a drawing (mouse, pen) or taps it gets the live chart, with its tooltips.
     A finger that only passes over a chart while scrolling does not: loading Vega then would make
     the scrolling stutter on a slow phone. */
  function wake(event) {
    if (event.type === 'pointerenter' && event.pointerType === 'touch') { return; }
    var element = event.currentTarget;
    if (element.getAttribute('data-drawn') !== 'drawing') { return; }
    element.setAttribute('data-drawn', 'waking');
    drawLive(element);
  }
  figures.forEach(function (element) {
    element.addEventListener('pointerenter', wake);
    element.addEventListener('click', wake);
  });
  /* A drawing has a fixed width: drawn anew when its figure's width changes (a phone turned, a
     scrollbar come or gone). A worker implies a ResizeObserver: both are in every browser since 2023. */
  var resizing = null;
  function redrawResized() {
    figures.forEach(function (element) {
      var drawnAt = Number(element.getAttribute('data-width'));
      if (element.getAttribute('data-drawn') === 'drawing' && worker && Math.abs(element.clientWidth - drawnAt) > 1) {
        drawInWorker(element);
      }
    });
  }
  if ('ResizeObserver' in window) {
    var watcher = new ResizeObserver(function () { clearTimeout(resizing); resizing = setTimeout(redrawResized, 250); });
    figures.forEach(function (element) { watcher.observe(element); });
  }
})();
