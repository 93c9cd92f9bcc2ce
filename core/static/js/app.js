// Small progressive enhancements; every page works without this file.
(function () {
  "use strict";
  function openMenuOnWideScreens() {
    var toggle = document.querySelector(".menu-toggle");
    if (toggle && window.matchMedia("(min-width: 1200px)").matches) {
      toggle.open = true;
    }
  }
  // Ask before destructive actions: <form data-confirm="Weet je het zeker?">
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var question = form.getAttribute && form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      event.preventDefault();
    }
  }, true);
  document.addEventListener("DOMContentLoaded", openMenuOnWideScreens);
})();
