/* Client-side search over every page (assets/search-index.js); no external service. */
(function () {
  'use strict';
  var index = window.TILTAK_SEARCH || [];
  var root = document.documentElement.getAttribute('data-root') || '';
  var input = document.getElementById('sok');
  var list = document.getElementById('sok-treff');
  var kinds = {forside: 'forside', tiltak: 'tiltak', tiltaksgruppe: 'tiltaksgruppe', fylke: 'fylke', kommune: 'kommune', kilde: 'kilde', data: 'data', side: 'side'};
  function fold(text) {
    return text.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '')
      .replace(/æ/g, 'ae').replace(/ø/g, 'o').replace(/å/g, 'a');
  }
  var folded = index.map(function (entry) { return fold(entry[0]); });
  function search(query) {
    var q = fold(query.trim());
    if (!q) { return []; }
    var hits = [];
    for (var i = 0; i < index.length; i++) {
      var at = folded[i].indexOf(q);
      if (at >= 0) { hits.push([at === 0 ? 0 : (folded[i].indexOf(' ' + q) >= 0 ? 1 : 2), folded[i].length, i]); }
    }
    hits.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; });
    return hits.slice(0, 12).map(function (hit) { return index[hit[2]]; });
  }
  function show(query) {
    var hits = search(query);
    list.textContent = '';
    hits.forEach(function (entry) {
      var item = document.createElement('li');
      var link = document.createElement('a');
      link.href = root + entry[2];
      link.textContent = entry[0];
      var kind = document.createElement('span');
      kind.className = 'muted';
      kind.textContent = ' ' + (kinds[entry[1]] || entry[1]);
      item.appendChild(link);
      item.appendChild(kind);
      list.appendChild(item);
    });
    if (query.trim() && !hits.length) {
      var none = document.createElement('li');
      none.textContent = 'Ingen treff';
      list.appendChild(none);
    }
    list.hidden = !query.trim();
  }
  if (input && list) {
    input.addEventListener('input', function () { show(input.value); });
    input.addEventListener('keydown', function (event) {
      if (event.key === 'Escape') { input.value = ''; show(''); }
    });
  }
  /* On the search page, the list of all pages filters by ?q= */
  var all = document.getElementById('alle-sider');
  if (all) {
    var q = new URLSearchParams(window.location.search).get('q') || '';
    if (input) { input.value = q; }
    var fq = fold(q);
    Array.prototype.forEach.call(all.children, function (item) {
      item.hidden = !!fq && fold(item.getAttribute('data-title')).indexOf(fq) < 0;
    });
  }
})();
