// The assignment picker of the project form: a search box that hides the
// groups (an original with its adapted copies) that do not match every word.
// Without JavaScript the whole list shows; ticked assignments always show.
(function () {
  "use strict";
  function setup(picker) {
    var tools = picker.querySelector("[data-picker-tools]");
    var input = picker.querySelector("[data-picker-search]");
    var count = picker.querySelector("[data-picker-count]");
    var groups = Array.prototype.slice.call(picker.querySelectorAll("[data-picker-group]"));
    if (!tools || !input) return;
    tools.hidden = false;
    function update() {
      var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      groups.forEach(function (group) {
        var text = group.getAttribute("data-search") || "";
        var ticked = group.querySelector("input:checked") !== null;
        var match = ticked || words.every(function (w) { return text.indexOf(w) !== -1; });
        group.hidden = !match;
        if (match) shown += 1;
      });
      count.textContent = words.length
        ? count.getAttribute("data-template").replace("{shown}", shown).replace("{total}", groups.length)
        : "";
    }
    input.addEventListener("input", update);
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") event.preventDefault();  // searching never submits the form
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-picker]").forEach(setup);
  });
})();
