// The waiting-room kiosk: a shared touch screen that strangers use one after another.
// Every page works without this file (a <noscript> refresh starts the screen over); with it:
// - after data-idle-seconds without a touch, a dialog counts down data-countdown-seconds
//   (WCAG 2.2.1 asks for at least 20) with one "I'm still here" button; then the screen goes
//   to data-reset-url, which forgets the session, with location.replace so Back has nothing
//   of the last person's to return to;
// - links inside the kiosk also navigate with location.replace, so reading never piles up
//   pages in the browser's history for the next person to find;
// - long-press menus ("open in new tab", "search the web for…") are switched off;
// - "Print this page" buttons appear only when the kiosk has a printer (data-printing="on").
// Starting over is the one thing that must always happen: the timer starts before anything
// else is set up, each other part is set up on its own so one failure cannot stop the rest,
// and a dialog that cannot be shown means the screen starts over without asking.
(function () {
  "use strict";

  var body = document.body;
  var idleMs = seconds(body.getAttribute("data-idle-seconds"), 90) * 1000;
  var countdownSeconds = seconds(body.getAttribute("data-countdown-seconds"), 20);
  var resetUrl = body.getAttribute("data-reset-url") || "/kiosk/reset/";
  var silent = body.getAttribute("data-idle-mode") === "silent";
  // By a data- attribute, which content can never carry (the sanitiser removes them all), so an
  // element in an article (a heading "Idle dialog" has the id idle-dialog) is never taken for it.
  var dialog = document.querySelector("dialog[data-idle-dialog]");
  var counter = dialog && dialog.querySelector("[data-countdown]");
  var idleTimer = null;
  var countdownTimer = null;

  function safely(setUp) {
    try {
      setUp();
    } catch (error) {
      if (window.console) window.console.error("kiosk.js:", error);
    }
  }

  function seconds(value, fallback) {
    var number = parseInt(value, 10);
    return number > 0 ? number : fallback;
  }

  function startOver() {
    window.location.replace(resetUrl);
  }

  function countingDown() {
    return countdownTimer !== null;
  }

  function watch() {
    window.clearTimeout(idleTimer);
    // A page with nothing of anyone's on it (the home page) starts over without asking.
    var wait = silent ? idleMs + countdownSeconds * 1000 : idleMs;
    idleTimer = window.setTimeout(silent || !dialog ? startOver : warn, wait);
  }

  function show(count) {
    try {
      if (counter) counter.textContent = count;
    } catch (error) {
      // The number is a courtesy; the countdown goes on without it.
    }
  }

  function warn() {
    // Count against the clock, not the number of ticks: timers can be late, the deadline not.
    var deadline = Date.now() + countdownSeconds * 1000;
    try {
      show(countdownSeconds);
      dialog.showModal();
    } catch (error) {
      startOver();
      return;
    }
    countdownTimer = window.setInterval(function () {
      var left = Math.max(0, Math.ceil((deadline - Date.now()) / 1000));
      show(left);
      if (left === 0) {
        window.clearInterval(countdownTimer);
        startOver();
      }
    }, 250);
  }

  function stillHere() {
    window.clearInterval(countdownTimer);
    countdownTimer = null;
    watch();
    if (dialog.open) dialog.close();
  }

  watch();

  ["pointerdown", "touchstart", "keydown", "wheel", "scroll", "input"].forEach(function (type) {
    window.addEventListener(
      type,
      function () {
        // While the dialog is up only its button counts: a stray touch is not an answer.
        if (!countingDown()) watch();
      },
      { capture: true, passive: true }
    );
  });

  safely(function () {
    if (!dialog) return;
    // Escape closes a modal dialog; pressing a key shows someone is there.
    dialog.addEventListener("cancel", function (event) {
      event.preventDefault();
      stillHere();
    });
    dialog.querySelector("[data-still-here]").addEventListener("click", stillHere);
  });

  safely(function () {
    document.addEventListener("click", function (event) {
      var link = event.target.closest ? event.target.closest("a[href]") : null;
      if (!link || event.defaultPrevented || link.origin !== window.location.origin) return;
      event.preventDefault();
      window.location.replace(link.href);
    });

    document.addEventListener("contextmenu", function (event) {
      event.preventDefault();
    });

    // A page brought back from the back/forward cache may show the last person's answers.
    window.addEventListener("pageshow", function (event) {
      if (event.persisted) startOver();
    });
  });

  safely(function () {
    var printing = body.getAttribute("data-printing") === "on";
    document.querySelectorAll("[data-kiosk-print], [data-print]").forEach(function (button) {
      if (!printing) {
        button.remove();
        return;
      }
      if (button.hasAttribute("data-kiosk-print")) {
        button.hidden = false;
        button.addEventListener("click", function () { window.print(); });
      }
    });
  });
})();
