/* Client-side search over every page (assets/search-index.js); no external service. */
(function () {
  'use strict';
  var index = window.TILTAK_SEARCH || [];
  var root = document.documentElement.getAttribute('data-root') || '';
  var input = document.getElementById('sok');
  var list = document.getElementById('sok-treff');
  function fold(text) {
    return text.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '')
      .replace(/æ/g, 'ae').replace(/ø/g, 'o').replace(/å/g, 'a');
  }
  /* Each page is found by its title and its other names (Sami names, codes, abbreviations). */
  var names = index.map(function (entry) {
    return [entry[0]].concat(entry[3] ? entry[3].split(' | ') : []).map(fold);
  });
  /* Measures and groups first where a match is equally good: "AMO" is a measure before it is Åmot. */
  var kindRank = {tiltak: 0, tiltaksgruppe: 0, forside: 1, fylke: 2, kommune: 2, kilde: 3, data: 3, side: 3};
  function quality(name, q) {
    if (name === q) { return 0; }
    if (name.indexOf(q) === 0) { return 1; }
    if (name.indexOf(' ' + q) >= 0 || name.indexOf('-' + q) >= 0 || name.indexOf('(' + q) >= 0) { return 2; }
    return name.indexOf(q) >= 0 ? 3 : 9;
  }
  function search(query) {
    var q = fold(query.trim());
    if (!q) { return []; }
    var hits = [];
    for (var i = 0; i < index.length; i++) {
      var best = 9;
      for (var j = 0; j < names[i].length; j++) { best = Math.min(best, quality(names[i][j], q)); }
      if (best < 9) {
        var kind = kindRank[index[i][1]] === undefined ? 3 : kindRank[index[i][1]];
        hits.push([best, kind, names[i][0].length, i]);
      }
    }
    hits.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1] || a[2] - b[2]; });
    return hits.slice(0, 12).map(function (hit) { return index[hit[3]]; });
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
      kind.textContent = ' ' + entry[1];  // the page's kind, already in Norwegian
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
