// Nothing typed is lost: forms marked data-keep="<key>" keep a copy of what
// is typed on this device until the server has it (a validation error, an
// expired session or a lost connection does not cost the student their text).
// The copy is kept under the logged-in user and the object
// ("tm-keep:u<user id>:<key>"); core's app.js removes every copy at logout
// and the copies of anyone else when another user opens a page.
(function () {
  "use strict";
  var PREFIX = "tm-keep:";

  function userPrefix() {
    var user = document.body && document.body.getAttribute("data-user");
    return user ? PREFIX + "u" + user + ":" : null;
  }

  function serialize(form) {
    var data = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.name === "csrfmiddlewaretoken" || el.type === "submit" || el.type === "hidden") {
        return;
      }
      if (el.type === "checkbox" || el.type === "radio") {
        if (!data[el.name]) { data[el.name] = []; }
        if (el.checked) { data[el.name].push(el.value); }
      } else {
        data[el.name] = el.value;
      }
    });
    return data;
  }

  function restore(form, data) {
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || !Object.prototype.hasOwnProperty.call(data, el.name)) { return; }
      var value = data[el.name];
      if (el.type === "checkbox" || el.type === "radio") {
        el.checked = Array.isArray(value) && value.indexOf(el.value) !== -1;
      } else if (el.type !== "hidden" && el.type !== "submit") {
        el.value = value;
      }
    });
  }

  function read(key) {
    try { return JSON.parse(window.localStorage.getItem(key) || "null"); } catch (e) { return null; }
  }

  function setup(form) {
    var mine = userPrefix();
    if (!mine) { return; }
    var key = mine + form.getAttribute("data-keep");
    var stored = read(key);
    if (stored && stored.v && JSON.stringify(stored.v) !== JSON.stringify(serialize(form))) {
      var savedAt = parseInt(form.getAttribute("data-saved-at") || "0", 10);
      if (stored.t > savedAt) {
        restore(form, stored.v);
        var notice = document.getElementById(form.getAttribute("data-keep-notice") || "");
        if (notice) { notice.hidden = false; }
      }
    }
    var save = function () {
      try {
        window.localStorage.setItem(key, JSON.stringify({ t: Date.now(), v: serialize(form) }));
      } catch (e) { /* storage full or disabled: the server draft still works */ }
    };
    form.addEventListener("input", save);
    form.addEventListener("change", save);
  }

  function showStatusError(target, message) {
    if (!target) { return; }
    target.textContent = message;
    target.classList.add("is-error");
  }

  document.addEventListener("DOMContentLoaded", function () {
    var mine = userPrefix();
    document.querySelectorAll("[data-keep-clear]").forEach(function (el) {
      if (!mine) { return; }
      var key = mine + el.getAttribute("data-keep-clear");
      try {
        // The key itself and its parts ("reflection-7" clears "reflection-7:vooraf" too).
        for (var i = window.localStorage.length - 1; i >= 0; i--) {
          var k = window.localStorage.key(i);
          if (k === key || (k && k.indexOf(key + ":") === 0)) { window.localStorage.removeItem(k); }
        }
      } catch (e) { /* ignore */ }
    });
    document.querySelectorAll("form[data-keep]").forEach(setup);
    // Once the form is submitted, a late autosave of the same text would only
    // bring back a draft of what was just saved: cancel it.
    document.addEventListener("submit", function (event) {
      if (event.target.matches("form[data-keep]")) { event.target.setAttribute("data-submitting", ""); }
    });
    window.addEventListener("pageshow", function () {  // back to this page (bfcache): autosave again
      document.querySelectorAll("form[data-submitting]").forEach(function (f) { f.removeAttribute("data-submitting"); });
    });
    document.body.addEventListener("htmx:beforeRequest", function (event) {
      var form = event.detail.elt;
      if (form && form.hasAttribute && form.hasAttribute("data-submitting")) { event.preventDefault(); }
    });
    document.body.addEventListener("htmx:responseError", function (event) {
      var target = document.getElementById("autosave-status");
      var status = event.detail.xhr.status;
      if (target && status === 401) {
        // In the page's language (the server no longer knows who asks, nor their language).
        showStatusError(target, target.getAttribute("data-expired-text"));
      } else if (target && status === 422 && event.detail.xhr.responseText) {
        showStatusError(target, event.detail.xhr.responseText);
      } else if (target) {
        showStatusError(target, target.getAttribute("data-error-text"));
      }
    });
    document.body.addEventListener("htmx:sendError", function () {
      var target = document.getElementById("autosave-status");
      if (target) { showStatusError(target, target.getAttribute("data-offline-text")); }
    });
  });
})();
