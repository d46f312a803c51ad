// The live meter: send turns over the WebSocket, show scores and findings as they arrive.
// Everything received is put on the page as text, never as markup.
(function () {
  var socket = null;
  var status = document.getElementById("live-status");
  var components = ["trust", "credibility", "reliability", "intimacy", "self_orientation"];

  function item(listId, text, css) {
    var li = document.createElement("li");
    li.textContent = text;
    if (css) { li.className = css; }
    document.getElementById(listId).appendChild(li);
    return li;
  }

  function connect(sellers) {
    if (socket) { socket.close(); }
    var scheme = location.protocol === "https:" ? "wss://" : "ws://";
    socket = new WebSocket(scheme + location.host + "/live/ws");
    socket.addEventListener("open", function () {
      socket.send(JSON.stringify({ type: "start", seller: sellers }));
    });
    socket.addEventListener("close", function () { status.textContent = "disconnected"; });
    socket.addEventListener("message", function (event) {
      var message = JSON.parse(event.data);
      if (message.type === "started") { status.textContent = "live: seller " + message.seller.join(", "); return; }
      if (message.type === "error") { status.textContent = "error: " + message.message; return; }
      if (message.type !== "update") { return; }
      components.forEach(function (name) {
        document.getElementById("meter-" + name).textContent = message.trust[name].toFixed(name === "trust" ? 2 : 1);
      });
      message.findings.forEach(function (f) {
        var li = item("live-findings", (f.polarity > 0 ? "+ " : "− ") + f.signal.replace(/_/g, " ") + ": “" + f.evidence + "”", f.polarity > 0 ? "pos" : "neg");
        if (f.polarity < 0 && f.rewrite) {
          var say = document.createElement("div");
          say.className = "rewrite";
          say.textContent = "Say instead: " + f.rewrite;
          li.appendChild(say);
        }
      });
    });
  }

  document.getElementById("live-start").addEventListener("submit", function (e) {
    e.preventDefault();
    var sellers = document.getElementById("live-seller").value.split(",").map(function (s) { return s.trim(); }).filter(Boolean);
    connect(sellers);
  });
  document.getElementById("live-turn").addEventListener("submit", function (e) {
    e.preventDefault();
    if (!socket || socket.readyState !== WebSocket.OPEN) { status.textContent = "press Start first"; return; }
    var speaker = document.getElementById("turn-speaker").value.trim();
    var text = document.getElementById("turn-text");
    socket.send(JSON.stringify({ type: "turn", speaker: speaker, text: text.value }));
    item("live-turns", speaker + ": " + text.value);
    text.value = "";
    text.focus();
  });
})();
