// Events per month as stacked SVG bars, shaded by time precision.
(function () {
  "use strict";
  var NS = "http://www.w3.org/2000/svg";
  var SHADE = { 1: "#7a1d17", 2: "#c2554d", 3: "#efb2ac" };
  function node(name, attrs) {
    var el = document.createElementNS(NS, name);
    Object.keys(attrs).forEach(function (k) { el.setAttribute(k, attrs[k]); });
    return el;
  }
  function draw(el, months) {
    var byMonth = {};
    months.forEach(function (m) { (byMonth[m.month] = byMonth[m.month] || []).push(m); });
    var keys = Object.keys(byMonth).sort();
    var totals = keys.map(function (k) { return byMonth[k].reduce(function (s, m) { return s + m.events; }, 0); });
    var max = Math.max.apply(null, totals.concat([1]));
    var width = Math.max(300, keys.length * 28), height = 140;
    var svg = node("svg", { width: width, height: height + 30, role: "img" });
    keys.forEach(function (key, i) {
      var y = height;
      byMonth[key].sort(function (a, b) { return a.time_precision - b.time_precision; }).forEach(function (m) {
        var h = Math.max(2, (m.events / max) * (height - 10));
        y -= h;
        var rect = node("rect", { x: i * 28 + 4, y: y, width: 20, height: h, fill: SHADE[m.time_precision] || "#999", "class": "bar" });
        var title = node("title", {});
        title.textContent = key + ": " + m.events + " event(s), precision " + m.time_precision;
        rect.appendChild(title);
        svg.appendChild(rect);
      });
      var label = node("text", { x: i * 28 + 14, y: height + 14, "text-anchor": "middle", "font-size": "9" });
      label.textContent = key.slice(2);
      svg.appendChild(label);
    });
    el.appendChild(svg);
    el.dataset.bars = String(keys.length);
  }
  document.addEventListener("DOMContentLoaded", function () {
    var el = document.getElementById("timeline");
    if (!el) { return; }
    fetch(el.dataset.source).then(function (r) { return r.json(); }).then(function (d) { draw(el, d.months); });
  });
})();
