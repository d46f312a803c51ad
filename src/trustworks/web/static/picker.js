// Type-ahead pickers (the ARIA 1.2 combobox with a listbox): the text box shows an account,
// person, call or deal in words; the hidden input beside it carries the id the form sends.
// Choices come from /api/v1/choices/<kind>, which answers only with what the user may see.
(function () {
  "use strict";

  function setUp(box) {
    var input = box.querySelector("input[role=combobox]");
    var picked = box.querySelector("input[data-picked]");
    var list = box.querySelector("[role=listbox]");
    var status = document.createElement("span");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    box.appendChild(status);
    var options = [];
    var active = -1;
    var timer = null;
    var asked = 0;

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(index) {
      options.forEach(function (item, i) {
        item.setAttribute("aria-selected", i === index ? "true" : "false");
      });
      active = index;
      if (index >= 0) {
        input.setAttribute("aria-activedescendant", options[index].id);
        options[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function choose(index) {
      var item = options[index];
      if (!item) { return; }
      input.value = item.getAttribute("data-label");
      picked.value = item.getAttribute("data-id");
      close();
      status.textContent = input.value + " chosen";
    }

    function accountOf() {
      // People, calls and deals are narrowed to the account chosen above, when there is one.
      if (box.getAttribute("data-picker") === "account") { return ""; }
      var account = input.form && input.form.querySelector("input[data-picked][name=account]");
      return account && account.value ? account.value : "";
    }

    function show(found) {
      list.setAttribute("aria-busy", "false");
      list.textContent = "";
      options = found.map(function (choice, i) {
        var item = document.createElement("li");
        item.id = list.id + "-" + i;
        item.setAttribute("role", "option");
        item.setAttribute("aria-selected", "false");
        item.setAttribute("data-id", String(choice.id));
        item.setAttribute("data-label", choice.label);
        item.textContent = choice.label;
        if (choice.hint) {
          var hint = document.createElement("span");
          hint.className = "hint";
          hint.textContent = " · " + choice.hint;
          item.appendChild(hint);
        }
        item.addEventListener("mousedown", function (event) {
          event.preventDefault();  // keep the focus in the text box
          choose(i);
        });
        list.appendChild(item);
        return item;
      });
      list.hidden = options.length === 0;
      input.setAttribute("aria-expanded", options.length ? "true" : "false");
      active = -1;
      status.textContent = options.length
        ? options.length + (options.length === 1 ? " choice" : " choices") + ": use the arrow keys"
        : "nothing found";
    }

    function ask() {
      var url = input.getAttribute("data-source") + "?q=" + encodeURIComponent(input.value);
      var account = accountOf();
      if (account) { url += "&account=" + encodeURIComponent(account); }
      var mine = ++asked;
      list.setAttribute("aria-busy", "true");
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (answer) { return answer.ok ? answer.json() : []; })
        .then(function (found) { if (mine === asked) { show(found); } })
        .catch(function () { if (mine === asked) { show([]); } });
    }

    input.addEventListener("input", function () {
      picked.value = "";  // words typed and not chosen yet: the server reads them as a name
      clearTimeout(timer);
      timer = setTimeout(ask, 120);
    });
    input.addEventListener("focus", function () { if (!input.value) { ask(); } });
    input.addEventListener("blur", function () { setTimeout(close, 100); });
    input.addEventListener("keydown", function (event) {
      var open = !list.hidden;
      if (event.key === "ArrowDown") {
        event.preventDefault();
        if (!open) { ask(); return; }
        highlight(Math.min(active + 1, options.length - 1));
      } else if (event.key === "ArrowUp") {
        event.preventDefault();
        if (open) { highlight(Math.max(active - 1, 0)); }
      } else if (event.key === "Enter") {
        if (open && active >= 0) {
          event.preventDefault();
          choose(active);
        }
      } else if (event.key === "Escape") {
        if (open) {
          event.preventDefault();
          event.stopPropagation();
          close();
        }
      }
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll(".picker"), setUp);
}());
