// Clicking a highlighted phrase shows its coaching card; clicking a card shows its words.
(function () {
  function activate(index) {
    document.querySelectorAll(".active").forEach(function (el) { el.classList.remove("active"); });
    var card = document.getElementById("finding-" + index);
    document.querySelectorAll('mark[data-finding="' + index + '"]').forEach(function (m) { m.classList.add("active"); });
    if (card) { card.classList.add("active"); card.scrollIntoView({ block: "nearest", behavior: "smooth" }); }
  }
  document.querySelectorAll("mark.finding").forEach(function (mark) {
    mark.addEventListener("click", function () { activate(mark.dataset.finding); });
    mark.addEventListener("keydown", function (e) { if (e.key === "Enter") { activate(mark.dataset.finding); } });
  });
  document.querySelectorAll(".card[id^='finding-']").forEach(function (card) {
    card.addEventListener("click", function () {
      var index = card.id.slice("finding-".length);
      activate(index);
      var mark = document.querySelector('mark[data-finding="' + index + '"]');
      if (mark) { mark.scrollIntoView({ block: "nearest", behavior: "smooth" }); }
    });
  });
})();
