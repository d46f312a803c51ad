// Coaching comments on a call's page: "Comment" on a turn or a finding picks that moment in the
// form below; typing @ in a comment offers the people who can see the call (type-ahead).
(function () {
  var select = document.getElementById("comment-moment");
  var body = document.getElementById("comment-body");
  document.querySelectorAll("button.comment-on").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function (event) {
      event.stopPropagation();  // not also the finding card's own click
      if (!select || !body) { return; }
      select.value = button.dataset.moment;
      body.focus();
      body.scrollIntoView({ block: "center", behavior: "smooth" });
    });
  });

  var counter = 0;
  document.querySelectorAll("textarea[data-mentions]").forEach(function (area) {
    var people = [];
    try { people = JSON.parse(area.dataset.mentions || "[]"); } catch (e) { people = []; }
    if (!people.length) { return; }
    counter += 1;
    var list = document.createElement("ul");
    list.id = "mentions-" + counter;
    list.className = "mention-list";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "People to mention");
    list.hidden = true;
    area.insertAdjacentElement("afterend", list);
    // A textarea keeps its textbox role (ARIA allows it no other): it owns the list and points
    // at the option in hand; the list itself is announced as it opens.
    area.setAttribute("aria-autocomplete", "list");
    area.setAttribute("aria-controls", list.id);
    var shown = [], active = -1, start = -1;

    function close() {
      list.hidden = true; shown = []; active = -1; start = -1;
      area.removeAttribute("aria-activedescendant");
    }
    function mark() {
      Array.prototype.forEach.call(list.children, function (item, i) {
        item.setAttribute("aria-selected", i === active ? "true" : "false");
      });
      if (active >= 0) { area.setAttribute("aria-activedescendant", list.children[active].id); }
    }
    function pick(person) {
      var before = area.value.slice(0, start), after = area.value.slice(area.selectionStart);
      var text = "@" + person.username + " ";
      area.value = before + text + after;
      var caret = before.length + text.length;
      area.setSelectionRange(caret, caret);
      close();
      area.focus();
    }
    function update() {
      var upto = area.value.slice(0, area.selectionStart);
      var found = /(^|[^\w@])@([\w.\-]*)$/.exec(upto);
      if (!found) { close(); return; }
      var typed = found[2].toLowerCase();
      start = upto.length - found[2].length - 1;
      shown = people.filter(function (p) {
        var words = [p.username.toLowerCase()].concat(p.name.toLowerCase().split(/\s+/));
        return words.some(function (w) { return w.indexOf(typed) === 0; });
      }).slice(0, 8);
      if (!shown.length) { close(); return; }
      list.textContent = "";
      shown.forEach(function (p, i) {
        var item = document.createElement("li");
        item.id = list.id + "-" + i;
        item.setAttribute("role", "option");
        item.textContent = p.name + " (@" + p.username + ")";
        item.addEventListener("mousedown", function (event) { event.preventDefault(); pick(p); });
        list.appendChild(item);
      });
      active = 0;
      list.hidden = false;
      mark();
    }
    area.addEventListener("input", update);
    area.addEventListener("blur", close);
    area.addEventListener("keydown", function (event) {
      if (list.hidden) { return; }
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        active = (active + (event.key === "ArrowDown" ? 1 : shown.length - 1)) % shown.length;
        mark();
      } else if (event.key === "Enter" || event.key === "Tab") {
        event.preventDefault();
        pick(shown[active]);
      } else if (event.key === "Escape") {
        event.preventDefault();
        close();
      }
    });
  });
})();
