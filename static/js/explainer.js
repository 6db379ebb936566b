// "Understand your B12 result": enhancements only; every page works without them.
// - "Print this page" buttons (hidden until this runs) open the browser's print dialog. On
//   the kiosk, kiosk.js has already removed them unless the screen has a printer.
// - After a refused answer, focus moves to the list of problems so it is read out first.
(function () {
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });

  var summary = document.querySelector(".selfcheck-error-summary");
  if (summary) summary.focus();
})();
