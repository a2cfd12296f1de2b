// Events per month as stacked SVG bars, shaded by time precision, on a
// continuous axis: months without events are shown empty, so a gap in the
// record reads as a gap. Click a month, or drag across months, to set the
// since/until filters of the page (map, list and summary follow).
(function () {
  "use strict";
  var NS = "http://www.w3.org/2000/svg";
  var SHADE = { 1: "#7a1d17", 2: "#c2554d", 3: "#efb2ac" };
  var PRECISION = { 1: "day known", 2: "week known", 3: "month known" };
  var SLOT = 28, LEFT = 34, HEIGHT = 140;
  function node(name, attrs) {
    var el = document.createElementNS(NS, name);
    Object.keys(attrs).forEach(function (k) { el.setAttribute(k, attrs[k]); });
    return el;
  }
  function monthsBetween(first, last) {
    var out = [], y = +first.slice(0, 4), m = +first.slice(5, 7);
    var endY = +last.slice(0, 4), endM = +last.slice(5, 7);
    while (y < endY || (y === endY && m <= endM)) {
      out.push(y + "-" + (m < 10 ? "0" : "") + m);
      m += 1;
      if (m > 12) { m = 1; y += 1; }
      if (out.length > 1200) { break; } // a century of months is the most an axis can say anything about
    }
    return out;
  }
  function lastDay(month) {
    var d = new Date(Date.UTC(+month.slice(0, 4), +month.slice(5, 7), 0));
    return month + "-" + (d.getUTCDate() < 10 ? "0" : "") + d.getUTCDate();
  }
  function select(first, last) {
    var params = new URLSearchParams(window.location.search);
    params.set("since", first + "-01");
    params.set("until", lastDay(last));
    params.delete("offset");
    window.location.search = params.toString();
  }
  function draw(el, months) {
    var byMonth = {};
    months.forEach(function (m) { if (m.month) { (byMonth[m.month] = byMonth[m.month] || []).push(m); } });
    var present = Object.keys(byMonth).sort();
    if (!present.length) {
      el.textContent = "No dated events to show on a timeline.";
      el.dataset.bars = "0";
      return;
    }
    var keys = monthsBetween(present[0], present[present.length - 1]);
    var totals = keys.map(function (k) { return (byMonth[k] || []).reduce(function (s, m) { return s + m.events; }, 0); });
    var max = Math.max.apply(null, totals.concat([1]));
    var width = LEFT + Math.max(300, keys.length * SLOT);
    var svg = node("svg", { width: width, height: HEIGHT + 30, role: "img", "aria-label": "Events per month; click or drag to filter by date" });
    // y-axis: 0, half and the maximum, so bar heights can be read as counts
    [0, Math.round(max / 2), max].filter(function (v, i, a) { return a.indexOf(v) === i; }).forEach(function (v) {
      var y = HEIGHT - (v / max) * (HEIGHT - 10);
      svg.appendChild(node("line", { x1: LEFT - 4, x2: width, y1: y, y2: y, stroke: "#ddd", "class": "grid" }));
      var t = node("text", { x: LEFT - 6, y: y + 3, "text-anchor": "end", "font-size": "9", "class": "y-tick" });
      t.textContent = String(v);
      svg.appendChild(t);
    });
    var every = Math.max(1, Math.ceil(keys.length / 24));
    var dragFrom = null;
    keys.forEach(function (key, i) {
      var x = LEFT + i * SLOT;
      var y = HEIGHT;
      (byMonth[key] || []).sort(function (a, b) { return a.time_precision - b.time_precision; }).forEach(function (m) {
        var h = Math.max(2, (m.events / max) * (HEIGHT - 10));
        y -= h;
        var rect = node("rect", { x: x + 4, y: y, width: 20, height: h, fill: SHADE[m.time_precision] || "#999", "class": "bar" });
        var title = node("title", {});
        title.textContent = key + ": " + m.events + " event(s), " + (PRECISION[m.time_precision] || "precision unknown");
        rect.appendChild(title);
        svg.appendChild(rect);
      });
      // a full-height slot per month takes the clicks (an empty month too)
      var slot = node("rect", { x: x, y: 0, width: SLOT, height: HEIGHT, fill: "transparent", "class": "slot", "data-month": key });
      var tip = node("title", {});
      tip.textContent = key + ": " + totals[i] + " event(s) — click to show this month, drag to choose a range";
      slot.appendChild(tip);
      slot.addEventListener("mousedown", function (ev) { dragFrom = key; ev.preventDefault(); });
      slot.addEventListener("mouseup", function () {
        if (dragFrom === null) { return; }
        var a = dragFrom < key ? dragFrom : key, b = dragFrom < key ? key : dragFrom;
        dragFrom = null;
        select(a, b);
      });
      svg.appendChild(slot);
      if (i % every === 0) {
        var label = node("text", { x: x + SLOT / 2, y: HEIGHT + 14, "text-anchor": "middle", "font-size": "9", "class": "x-tick" });
        label.textContent = key.slice(2);
        svg.appendChild(label);
      }
    });
    el.appendChild(svg);
    el.dataset.bars = String(present.length);
    el.dataset.months = String(keys.length);
  }
  document.addEventListener("DOMContentLoaded", function () {
    var el = document.getElementById("timeline");
    if (!el) { return; }
    fetch(el.dataset.source).then(function (r) { return r.json(); }).then(function (d) { draw(el, d.months); });
  });
})();
