// The main navigation: on a phone a "Menu" button shows and hides the groups; everywhere,
// opening one group closes the others, and Escape or a click elsewhere closes it. Without
// this script every group still opens and closes by itself (they are <details>).
(function () {
  "use strict";
  var nav = document.getElementById("site-nav");
  if (!nav) { return; }
  var toggle = document.querySelector(".menu-toggle");
  var groups = Array.prototype.slice.call(nav.querySelectorAll("details"));
  document.documentElement.classList.add("js");
  if (toggle) {
    toggle.hidden = false;
    toggle.addEventListener("click", function () {
      var open = toggle.getAttribute("aria-expanded") !== "true";
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      nav.classList.toggle("open", open);
    });
  }
  groups.forEach(function (group) {
    group.addEventListener("toggle", function () {
      if (!group.open) { return; }
      groups.forEach(function (other) { if (other !== group) { other.open = false; } });
    });
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") { return; }
    groups.forEach(function (group) {
      if (group.open) {
        group.open = false;
        group.querySelector("summary").focus();
      }
    });
  });
  document.addEventListener("click", function (event) {
    if (nav.contains(event.target)) { return; }
    groups.forEach(function (group) { group.open = false; });
  });
}());
