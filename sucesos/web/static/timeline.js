// Events per day, week or month (the server picks by the range shown:
// /timeline.json's granularity, periods and bins) as SVG bars stacked by event
// type, on a continuous axis: periods without events are shown empty, so a gap
// in the record reads as a gap. Events dated less precisely than the period
// are drawn paler. Click a period, or drag across periods, to set the
// since/until filters of the page (map, list and summary follow).
(function () {
  "use strict";
  var NS = "http://www.w3.org/2000/svg";
  // One colour per ACLED event type (colour-blind-safe Okabe–Ito palette).
  var COLOUR = {
    "Battles": "#d55e00", "Explosions/Remote violence": "#cc79a7", "Violence against civilians": "#8b1a1a",
    "Protests": "#0072b2", "Riots": "#e69f00", "Strategic developments": "#009e73"
  };
  var MAX_SLOT = 28, MIN_SLOT = 3, LEFT = 40, HEIGHT = 140;
  var UNIT = { day: "day", week: "week", month: "month" };
  function node(name, attrs) {
    var el = document.createElementNS(NS, name);
    Object.keys(attrs).forEach(function (k) { el.setAttribute(k, attrs[k]); });
    return el;
  }
  function select(first, last) {
    var params = new URLSearchParams(window.location.search);
    params.set("since", first.start);
    params.set("until", last.end);
    params.delete("offset");
    window.location.search = params.toString();
  }
  function tickText(period, granularity) {
    // months as YY-MM; days and weeks (their Monday) as MM-DD
    return granularity === "month" ? period.start.slice(2, 7) : period.start.slice(5);
  }
  function periodName(period, granularity) {
    if (granularity === "month") { return period.start.slice(0, 7); }
    if (granularity === "week") { return "week of " + period.start; }
    return period.start;
  }
  function draw(el, d) {
    var granularity = d.granularity || "month";
    var periods = d.periods || [];
    var unit = document.getElementById("timeline-unit");
    if (unit) { unit.textContent = UNIT[granularity] || "month"; }
    el.dataset.granularity = granularity;
    var byStart = {};
    (d.bins || []).forEach(function (b) { (byStart[b.start] = byStart[b.start] || []).push(b); });
    var present = Object.keys(byStart);
    if (!periods.length) {
      el.textContent = "No dated events to show on a timeline.";
      el.dataset.bars = "0";
      el.dataset.periods = "0";
      return;
    }
    var totals = periods.map(function (p) { return (byStart[p.start] || []).reduce(function (s, b) { return s + b.events; }, 0); });
    var max = Math.max.apply(null, totals.concat([1]));
    var room = Math.max(300, (el.clientWidth || 900) - LEFT - 12);
    var slot = Math.max(MIN_SLOT, Math.min(MAX_SLOT, Math.floor(room / periods.length)));
    var bar = Math.max(1, Math.round(slot * 0.72));
    var width = LEFT + periods.length * slot + 8;
    var svg = node("svg", { width: width, height: HEIGHT + 30, role: "img",
      "aria-label": "Events per " + granularity + "; click or drag to filter by date" });
    // y-axis: a line, 0, half and the maximum, so bar heights read as counts
    svg.appendChild(node("line", { x1: LEFT - 2, x2: LEFT - 2, y1: 6, y2: HEIGHT, stroke: "#999", "class": "y-axis" }));
    [0, Math.round(max / 2), max].filter(function (v, i, a) { return a.indexOf(v) === i; }).forEach(function (v) {
      var y = HEIGHT - (v / max) * (HEIGHT - 10);
      svg.appendChild(node("line", { x1: LEFT - 5, x2: width, y1: y, y2: y, stroke: "#ddd", "class": "grid" }));
      var t = node("text", { x: LEFT - 7, y: y + 3, "text-anchor": "end", "font-size": "9", "class": "y-tick" });
      t.textContent = String(v);
      svg.appendChild(t);
    });
    var axisName = node("text", { x: 9, y: HEIGHT / 2, "font-size": "9", "text-anchor": "middle", "class": "y-name", transform: "rotate(-90 9 " + HEIGHT / 2 + ")" });
    axisName.textContent = "events";
    svg.appendChild(axisName);
    var every = Math.max(1, Math.ceil(34 / slot));
    var dragFrom = null;
    periods.forEach(function (period, i) {
      var x = LEFT + i * slot;
      var y = HEIGHT;
      (byStart[period.start] || []).sort(function (a, b) { return String(a.event_type).localeCompare(String(b.event_type)); }).forEach(function (b) {
        var h = Math.max(2, (b.events / max) * (HEIGHT - 10));
        y -= h;
        var colour = COLOUR[b.event_type] || "#999";
        var precise = b.events - (b.imprecise || 0);
        // the precisely dated part solid, the part dated only to a coarser period pale, on top
        var hPrecise = h * precise / b.events;
        var parts = [[y + h - hPrecise, hPrecise, "bar"], [y, h - hPrecise, "bar imprecise"]];
        parts.forEach(function (part) {
          if (part[1] <= 0) { return; }
          var rect = node("rect", { x: x + (slot - bar) / 2, y: part[0], width: bar, height: part[1], fill: colour,
            "fill-opacity": part[2] === "bar" ? "1" : "0.4", "class": part[2], "data-type": b.event_type || "" });
          var title = node("title", {});
          title.textContent = periodName(period, granularity) + ": " + b.events + " " + (b.event_type || "event(s) of unknown type") +
            (b.imprecise ? " (" + b.imprecise + " dated only to a longer period)" : "");
          rect.appendChild(title);
          svg.appendChild(rect);
        });
      });
      // a full-height slot per period takes the clicks (an empty one too)
      var hit = node("rect", { x: x, y: 0, width: slot, height: HEIGHT, fill: "transparent", "class": "slot",
        "data-start": period.start, "data-end": period.end });
      if (granularity === "month") { hit.setAttribute("data-month", period.start.slice(0, 7)); }
      var tip = node("title", {});
      tip.textContent = periodName(period, granularity) + ": " + totals[i] + " event(s) — click to show this " + granularity + ", drag to choose a range";
      hit.appendChild(tip);
      hit.addEventListener("mousedown", function (ev) { dragFrom = i; ev.preventDefault(); });
      hit.addEventListener("mouseup", function () {
        if (dragFrom === null) { return; }
        var a = Math.min(dragFrom, i), b = Math.max(dragFrom, i);
        dragFrom = null;
        select(periods[a], periods[b]);
      });
      svg.appendChild(hit);
      if (i % every === 0) {
        var label = node("text", { x: x + slot / 2, y: HEIGHT + 14, "text-anchor": "middle", "font-size": "9", "class": "x-tick" });
        label.textContent = tickText(period, granularity);
        svg.appendChild(label);
      }
    });
    // the year under the first period and where it changes (days and weeks)
    if (granularity !== "month") {
      var year = null;
      periods.forEach(function (period, i) {
        if (period.start.slice(0, 4) === year) { return; }
        year = period.start.slice(0, 4);
        var t = node("text", { x: LEFT + i * slot, y: HEIGHT + 26, "font-size": "9", "class": "x-year" });
        t.textContent = year;
        svg.appendChild(t);
      });
    }
    el.appendChild(svg);
    el.dataset.bars = String(present.length);
    el.dataset.periods = String(periods.length);
    if (granularity === "month") { el.dataset.months = String(periods.length); }
  }
  document.addEventListener("DOMContentLoaded", function () {
    var el = document.getElementById("timeline");
    if (!el) { return; }
    fetch(el.dataset.source).then(function (r) { return r.json(); }).then(function (d) { draw(el, d); });
  });
})();
