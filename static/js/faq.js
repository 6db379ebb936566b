// Open the answer a link points at (/faq/#question-slug), and keep the address in step
// with the answer a reader opens so it can be shared. The page works without this.
// Only a question's own <details> is looked for: a heading inside an answer can have the
// same id, and it comes first in the page for any question further down.
(function () {
  function openFromHash() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    if (!id) return;
    var questions = document.querySelectorAll("details[id]");
    for (var i = 0; i < questions.length; i++) {
      if (questions[i].id === id) {
        questions[i].open = true;
        questions[i].scrollIntoView();
        return;
      }
    }
  }
  window.addEventListener("hashchange", openFromHash);
  openFromHash();
})();
