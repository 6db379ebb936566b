// Open the answer a link points at (/faq/#question-slug), and keep the address in step
// with the answer a reader opens so it can be shared. The page works without this.
(function () {
  function openFromHash() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (target && target.tagName === "DETAILS") {
      target.open = true;
      target.scrollIntoView();
    }
  }
  window.addEventListener("hashchange", openFromHash);
  openFromHash();
})();
