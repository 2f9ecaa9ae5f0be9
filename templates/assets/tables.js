/* A table wider than its column scrolls sideways inside it. Mark such a table (.scrolls): its row
   names then cast a shadow over the columns sliding under them, and the hint below it shows — the
   scrollbar itself is hidden on phones and Macs. A ResizeObserver tells when a table's box gets or
   changes its size (first drawn, scrolled into view, the window resized, a <details> opened), after
   the browser has laid it out: asking every table for its width at load would make the browser lay
   out the whole page at once, tables far below the screen included. */
(function () {
  'use strict';
  var boxes = document.querySelectorAll('.table-scroll');
  function mark(box) { box.classList.toggle('scrolls', box.scrollWidth > box.clientWidth + 1); }
  if ('ResizeObserver' in window) {
    /* The box and its table: either may change size without the other (a narrower window; a wider table). */
    var observer = new ResizeObserver(function (entries) {
      entries.forEach(function (entry) { mark(entry.target.closest('.table-scroll')); });
    });
    Array.prototype.forEach.call(boxes, function (box) {
      observer.observe(box);
      if (box.firstElementChild) { observer.observe(box.firstElementChild); }
    });
  } else {
    var markAll = function () { Array.prototype.forEach.call(boxes, mark); };
    markAll();
    window.addEventListener('resize', markAll);
    document.addEventListener('toggle', markAll, true);
  }
})();
