// A small network view of an actor's relations: the actor in the middle,
// each related actor around it, one labelled line per relation.
(function () {
  "use strict";
  var NS = "http://www.w3.org/2000/svg";
  var COLOR = { at_war_with: "#b3261e", allied_with: "#2e7d32", member_of: "#1565c0", leads: "#6a1b9a", employs: "#ef6c00", supports: "#00838f", splinter_of: "#795548" };
  function node(name, attrs, text) {
    var el = document.createElementNS(NS, name);
    Object.keys(attrs).forEach(function (k) { el.setAttribute(k, attrs[k]); });
    if (text !== undefined) { el.textContent = text; }
    return el;
  }
  document.addEventListener("DOMContentLoaded", function () {
    var el = document.getElementById("network");
    if (!el) { return; }
    fetch(el.dataset.source).then(function (r) { return r.json(); }).then(function (actor) {
      var others = [];
      actor.relations.forEach(function (r) {
        var other = (r.subject === actor.name || r.subject === actor.id) ? r.object : r.subject;
        if (others.indexOf(other) < 0) { others.push(other); }
      });
      var size = 360, c = size / 2, radius = 130;
      var svg = node("svg", { width: size + 200, height: size, role: "img" });
      others.forEach(function (other, i) {
        var a = (2 * Math.PI * i) / Math.max(1, others.length);
        var x = c + 100 + radius * Math.cos(a), y = c + radius * Math.sin(a);
        var rel = actor.relations.filter(function (r) { return r.subject === other || r.object === other; })[0];
        svg.appendChild(node("line", { x1: c + 100, y1: c, x2: x, y2: y, stroke: COLOR[rel.predicate] || "#777", "stroke-width": 2, "stroke-dasharray": rel.hedged ? "4 3" : "" }));
        svg.appendChild(node("text", { x: (c + 100 + x) / 2, y: (c + y) / 2 - 3, "font-size": "10", "text-anchor": "middle", fill: COLOR[rel.predicate] || "#777" }, rel.predicate.replace(/_/g, " ")));
        svg.appendChild(node("circle", { cx: x, cy: y, r: 6, fill: "#24323f" }));
        svg.appendChild(node("text", { x: x, y: y + 18, "font-size": "11", "text-anchor": "middle" }, other));
      });
      svg.appendChild(node("circle", { cx: c + 100, cy: c, r: 9, fill: "#b3261e" }));
      svg.appendChild(node("text", { x: c + 100, y: c - 14, "font-size": "12", "font-weight": "bold", "text-anchor": "middle" }, actor.name));
      el.appendChild(svg);
      el.dataset.nodes = String(others.length);
    });
  });
})();
