/* A table wider than its column scrolls sideways inside it. Mark such a table (.scrolls): its row
   names then cast a shadow over the columns sliding under them, and the hint below it shows — the
   scrollbar itself is hidden on phones and Macs. Again when the window or a <details> changes. */
(function () {
  'use strict';
  function mark() {
    Array.prototype.forEach.call(document.querySelectorAll('.table-scroll'), function (box) {
      box.classList.toggle('scrolls', box.scrollWidth > box.clientWidth + 1);
    });
  }
  mark();
  window.addEventListener('resize', mark);
  document.addEventListener('toggle', mark, true);  /* a <details> opened: its table has a size now */
})();
