/* The markdown editor in the admin: say why an image upload was refused.
   markdownx reports a refused upload as a "markdownx.fileUploadError" event carrying the
   server's JSON, and then types "Invalid response" into the text; show the server's sentence
   beside the editor instead, and take that stray text back out. */
(function () {
  "use strict";
  var STRAY = "Invalid response";

  function messageBox(container) {
    var box = container.parentNode.querySelector(".editor-message");
    if (!box) {
      box = document.createElement("p");
      box.className = "editor-message";
      box.setAttribute("role", "alert");
      container.parentNode.insertBefore(box, container.nextSibling);
    }
    return box;
  }

  document.addEventListener("DOMContentLoaded", function () {
    var editors = document.querySelectorAll(".markdownx");
    Array.prototype.forEach.call(editors, function (container) {
      var textarea = container.querySelector("textarea");
      container.addEventListener("markdownx.fileUploadError", function (event) {
        var response = event.detail && event.detail[0];
        var text = (response && response.error) || "The image could not be uploaded.";
        messageBox(container).textContent = text;
        window.setTimeout(function () {
          var at = textarea.value.indexOf(STRAY);
          if (at !== -1) {
            textarea.value = textarea.value.slice(0, at) + textarea.value.slice(at + STRAY.length);
          }
        }, 0);
      });
      container.addEventListener("markdownx.fileUploadEnd", function () {
        messageBox(container).textContent = "";
      });
    });
  });
})();
