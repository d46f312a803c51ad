// The pipeline board: dragging a card onto another stage opens the deal's move form with that
// stage chosen, where the user says what the move rests on. The form works without this script
// (each card's "Move…" link), so keyboard and mouse users record the same thing.
(function () {
  var board = document.getElementById("board");
  if (board) {
    var dragged = null;
    board.querySelectorAll("li.deal[draggable=true]").forEach(function (card) {
      card.addEventListener("dragstart", function (e) {
        dragged = card;
        card.classList.add("dragging");
        e.dataTransfer.effectAllowed = "move";
        e.dataTransfer.setData("text/plain", card.dataset.deal);
      });
      card.addEventListener("dragend", function () {
        card.classList.remove("dragging");
        board.querySelectorAll(".stage.over").forEach(function (s) { s.classList.remove("over"); });
        dragged = null;
      });
    });
    board.querySelectorAll("section.stage").forEach(function (column) {
      column.addEventListener("dragover", function (e) {
        if (dragged && dragged.dataset.stage !== column.dataset.stage) {
          e.preventDefault();
          e.dataTransfer.dropEffect = "move";
          column.classList.add("over");
        }
      });
      column.addEventListener("dragleave", function (e) {
        if (!column.contains(e.relatedTarget)) { column.classList.remove("over"); }
      });
      column.addEventListener("drop", function (e) {
        e.preventDefault();
        column.classList.remove("over");
        var deal = e.dataTransfer.getData("text/plain") || (dragged && dragged.dataset.deal);
        if (!deal || !/^\d+$/.test(deal) || (dragged && dragged.dataset.stage === column.dataset.stage)) { return; }
        window.location.assign("/deals/" + deal + "?stage=" + encodeURIComponent(column.dataset.stage) + "&back=pipeline#move");
      });
    });
  }
  // On the deal's page, arriving at the move form (from the board) puts the cursor where the
  // evidence is asked for.
  // Done once the page has loaded: the browser's own jump to #move comes first and would take
  // the focus back to the page.
  var form = document.querySelector("form.move-form");
  if (form && window.location.hash === "#move") {
    window.addEventListener("load", function () {
      window.setTimeout(function () {
        var stage = form.querySelector("select[name=stage]");
        var target = stage && stage.value ? form.querySelector("textarea[name=note]") : stage;
        if (target) { target.focus(); }
      }, 0);
    });
  }
})();
