// Small progressive enhancements; every page works without this file.
(function () {
  "use strict";
  function openMenuOnWideScreens() {
    var toggle = document.querySelector(".menu-toggle");
    if (toggle && window.matchMedia("(min-width: 1280px)").matches) {
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

  // Drafts kept on this device ("tm-keep:u<user id>:<object>", see
  // portfolio.js) never outlive a logout and are never shown to someone
  // else on a shared computer: logging out removes them all, and a page
  // opened by another user removes the ones that are not theirs.
  var DRAFTS = "tm-keep:";
  function removeDrafts(keep) {
    try {
      for (var i = window.localStorage.length - 1; i >= 0; i--) {
        var key = window.localStorage.key(i);
        if (key && key.indexOf(DRAFTS) === 0 && !(keep && key.indexOf(keep) === 0)) {
          window.localStorage.removeItem(key);
        }
      }
    } catch (e) { /* storage disabled: nothing kept either */ }
  }
  document.addEventListener("submit", function (event) {
    if (event.target.matches && event.target.matches("form[data-logout]") && !event.defaultPrevented) {
      removeDrafts(null);
    }
  });
  document.addEventListener("DOMContentLoaded", function () {
    var user = document.body.getAttribute("data-user");
    if (user) { removeDrafts(DRAFTS + "u" + user + ":"); }
  });
})();
