// Self-check enhancements; every page works without them.
// - "Print this page" buttons (hidden until this runs) open the browser's print dialog.
// - Ticking "None of these" unticks the other boxes of its question, and the other way round,
//   so the server's "not both" message is rarely needed.
(function () {
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });

  document.querySelectorAll("input[data-exclusive]").forEach(function (none) {
    var others = Array.prototype.filter.call(
      document.querySelectorAll('input[type="checkbox"][name="' + none.name + '"]'),
      function (box) { return box !== none; }
    );
    none.addEventListener("change", function () {
      if (none.checked) others.forEach(function (box) { box.checked = false; });
    });
    others.forEach(function (box) {
      box.addEventListener("change", function () { if (box.checked) none.checked = false; });
    });
  });

  // After a failed submit, move focus to the list of problems so it is read out first.
  var summary = document.querySelector(".selfcheck-error-summary");
  if (summary) summary.focus();
})();
