// Map of events on an offline base map (Natural Earth outlines shipped with
// the package; online tiles only when the server was started with a tile
// URL). Event properties are untrusted text: set with textContent, never HTML.
(function () {
  "use strict";
  function popupFor(props) {
    var box = document.createElement("div");
    var title = document.createElement("a");
    title.href = "/events/" + encodeURIComponent(props.id);
    title.textContent = (props.sub_event_type || props.event_type || "event") + " · " + (props.event_date || "undated");
    box.appendChild(title);
    var where = document.createElement("div");
    var precision = { 1: "town", 2: "near a town / part of a region", 3: "region only" }[props.geo_precision] || "precision unknown";
    where.textContent = [props.location, props.admin1, props.country].filter(Boolean).join(", ") + " (" + precision + ")";
    box.appendChild(where);
    // Who, the toll and the sources come from the event itself, fetched when
    // the popup opens: the map's points stay light for thousands of events.
    var detail = document.createElement("div");
    detail.className = "popup-detail";
    detail.textContent = "…";
    box.appendChild(detail);
    var evidence = document.createElement("a");
    evidence.href = "/events/" + encodeURIComponent(props.id);
    evidence.className = "popup-evidence";
    evidence.textContent = "evidence and sources";
    box.appendChild(evidence);
    return box;
  }
  function fillDetail(box, id) {
    var detail = box.querySelector(".popup-detail");
    if (!detail || detail.dataset.filled) { return; }
    fetch("/events/" + encodeURIComponent(id) + ".json").then(function (r) { return r.json(); }).then(function (data) {
      var ev = data.event || data;
      var lines = [];
      var who = [ev.actor1, ev.actor2].filter(Boolean).join(" — ");
      lines.push(who ? "Actors: " + who : "Actors: not named");
      lines.push(ev.fatalities === null || ev.fatalities === undefined ? "Toll: not stated" : "Killed: " + ev.fatalities +
        (ev.fatalities_range && ev.fatalities_range[0] !== ev.fatalities_range[1] ? " (reports say " + ev.fatalities_range.join("–") + ")" : ""));
      if (ev.n_sources) { lines.push("Sources: " + ev.independent_sources + " independent of " + ev.n_sources); }
      detail.textContent = "";
      lines.forEach(function (line) { var d = document.createElement("div"); d.textContent = line; detail.appendChild(d); });
      detail.dataset.filled = "1";
    }).catch(function () { detail.textContent = "details unavailable"; });
  }
  // Events per state, five classes from light to dark (ColorBrewer Reds).
  var SHADES = ["#fee5d9", "#fcae91", "#fb6a4a", "#de2d26", "#a50f15"];
  function shadeFor(count, max) {
    if (!count) { return null; }
    return SHADES[Math.min(SHADES.length - 1, Math.floor((count / (max + 1)) * SHADES.length))];
  }
  function countByState(states) {
    var counts = {};
    states.forEach(function (s) { if (s.country === "Mexico" || !s.country) { counts[s.admin1] = (counts[s.admin1] || 0) + s.events; } });
    return counts;
  }
  // Mexico's states (Natural Earth admin-1, shipped: vendor/mx-states.json):
  // outlines always, names from zoom 5, a choropleth of the events on the
  // map when the "Events per state" box is ticked (counts from /states.json:
  // every matching event, on the map's points or not).
  function addStates(map, el, topo, states) {
    var shapes = topojson.feature(topo, topo.objects.states);
    var counts = countByState(states);
    var total = Object.keys(counts).reduce(function (s, k) { return s + counts[k]; }, 0);
    var max = Math.max.apply(null, Object.keys(counts).map(function (k) { return counts[k]; }).concat([0]));
    var layer = L.geoJSON(shapes, {
      pane: "states", interactive: false,
      style: function (f) {
        return { className: "state", color: "#6b7785", weight: 0.8, fill: true, fillColor: "#000", fillOpacity: 0 };
      }
    }).addTo(map);
    var labels = L.layerGroup();
    shapes.features.forEach(function (f) {
      var p = f.properties;
      if (!p.label || !p.name) { return; }
      var text = document.createElement("span");
      text.textContent = p.name;
      labels.addLayer(L.marker([p.label[1], p.label[0]], { interactive: false, keyboard: false, pane: "labels",
        icon: L.divIcon({ className: "state-label", html: text, iconSize: null }) }));
    });
    labels.addTo(map);
    var legend = L.control({ position: "bottomright" });
    legend.onAdd = function () {
      var box = L.DomUtil.create("div", "choropleth-control");
      var label = document.createElement("label");
      var box_ = document.createElement("input");
      box_.type = "checkbox";
      box_.name = "choropleth";
      label.appendChild(box_);
      label.appendChild(document.createTextNode(" Events per state"));
      box.appendChild(label);
      var key = document.createElement("div");
      key.className = "choropleth-key";
      key.hidden = true;
      var step = (max + 1) / SHADES.length;
      SHADES.forEach(function (shade, i) {
        var lo = Math.max(1, Math.ceil(i * step)), hi = Math.ceil((i + 1) * step) - 1;
        if (hi < lo) { return; }
        var row = document.createElement("div");
        var swatch = document.createElement("span");
        swatch.className = "swatch swatch-" + i;
        row.appendChild(swatch);
        row.appendChild(document.createTextNode(lo === hi ? " " + lo : " " + lo + "–" + hi));
        key.appendChild(row);
      });
      var note = document.createElement("div");
      note.textContent = "events per state (" + total + " in Mexico's states)";
      key.appendChild(note);
      box.appendChild(key);
      L.DomEvent.disableClickPropagation(box);
      function apply() {
        var on = box_.checked;
        layer.eachLayer(function (shape) {
          var p = shape.feature.properties, n = counts[p.admin1] || 0, shade = on ? shadeFor(n, max) : null;
          shape.setStyle(shade ? { fillColor: shade, fillOpacity: 0.6 } : { fillColor: "#000", fillOpacity: 0 });
          var node = shape.getElement && shape.getElement();
          if (node) { node.setAttribute("data-events", String(on ? n : "")); }
        });
        key.hidden = !on;
        el.dataset.choropleth = on ? "on" : "off";
      }
      // the choice holds while the analyst filters (the page reloads): kept for the tab's session
      box_.addEventListener("change", function () {
        try { window.sessionStorage.setItem("sucesos.choropleth", box_.checked ? "on" : "off"); } catch (e) { /* storage refused: the box still works */ }
        apply();
      });
      box.apply = apply;
      box.toggle = box_;
      return box;
    };
    legend.addTo(map);
    layer.eachLayer(function (shape) {
      var node = shape.getElement && shape.getElement();
      if (node && shape.feature.properties.admin1) { node.setAttribute("data-admin1", shape.feature.properties.admin1); }
    });
    el.dataset.choropleth = "off";
    var kept = null;
    try { kept = window.sessionStorage.getItem("sucesos.choropleth"); } catch (e) { kept = null; }
    if (kept === "on") { var control = legend.getContainer(); control.toggle.checked = true; control.apply(); }
    el.dataset.states = String(shapes.features.filter(function (f) { return f.properties.admin1; }).length);
  }
  // Mexico's state capitals (named from zoom 6) and other large cities (from
  // 7), from the shipped gazetteer (vendor/mx-cities.json, GeoNames).
  function addCities(map, cities) {
    var layer = L.layerGroup();
    cities.forEach(function (c) {
      var text = document.createElement("span");
      text.textContent = c.name;
      layer.addLayer(L.marker([c.lat, c.lon], { interactive: false, keyboard: false, pane: "labels",
        icon: L.divIcon({ className: "city-label" + (c.capital ? " capital" : ""), html: text, iconSize: null }) }));
    });
    layer.addTo(map);
  }
  // Names follow the zoom: states from 5, capitals from 6, other cities from 7, the events' places from 8.
  function labelZooms(map, el) {
    function apply() {
      var z = map.getZoom();
      el.classList.toggle("zoom-states", z >= 5);
      el.classList.toggle("zoom-capitals", z >= 6);
      el.classList.toggle("zoom-cities", z >= 7);
      el.classList.toggle("zoom-places", z >= 8);
      el.dataset.zoom = String(z);
    }
    map.on("zoomend", apply);
    apply();
  }
  function start() {
    var el = document.getElementById("map");
    if (!el || !window.L) { return; }
    var map = L.map(el, { worldCopyJump: true, maxZoom: 14 }).setView([23.6, -102.5], 4);
    map.createPane("base").style.zIndex = 250;
    map.createPane("states").style.zIndex = 350;
    map.createPane("labels").style.zIndex = 380; // under the event markers (overlay pane, 400)
    map.getPane("states").style.pointerEvents = "none";
    map.getPane("labels").style.pointerEvents = "none";
    labelZooms(map, el);
    if (el.dataset.tiles) {
      L.tileLayer(el.dataset.tiles, { maxZoom: 18, attribution: "map tiles: see server settings" }).addTo(map);
    } else {
      fetch("/static/vendor/countries-50m.json").then(function (r) { return r.json(); }).then(function (topo) {
        var land = topojson.feature(topo, topo.objects.countries);
        L.geoJSON(land, { pane: "base", interactive: false, style: { color: "#8a9aa9", weight: 1, fillColor: "#f4f1ea", fillOpacity: 1 } }).addTo(map);
      });
    }
    fetch("/static/vendor/mx-cities.json").then(function (r) { return r.json(); }).then(function (d) { addCities(map, d.cities); });
    var states = Promise.all([
      fetch("/static/vendor/mx-states.json").then(function (r) { return r.json(); }),
      fetch(el.dataset.counts).then(function (r) { return r.json(); })
    ]);
    fetch(el.dataset.geojson).then(function (r) { return r.json(); }).then(function (data) {
      var group = L.markerClusterGroup ? L.markerClusterGroup({ maxClusterRadius: 30 }) : L.layerGroup();
      var layer = L.geoJSON(data, {
        pointToLayer: function (feature, latlng) {
          var precision = feature.properties.geo_precision || 1;
          return L.circleMarker(latlng, { radius: 5 + 6 * (precision - 1), color: "#b3261e", weight: 2, fillOpacity: precision === 1 ? 0.8 : 0.12 });
        },
        onEachFeature: function (feature, marker) {
          var box = popupFor(feature.properties);
          marker.bindPopup(box);
          marker.on("popupopen", function () { fillDetail(box, feature.properties.id); });
          if (feature.properties.location) {
            var name = document.createElement("span");
            name.textContent = feature.properties.location;
            marker.bindTooltip(name, { permanent: true, direction: "right", className: "place-label", interactive: false });
          }
        }
      });
      group.addLayer(layer);
      group.addTo(map);
      // No animation: the markers stand still once data-markers says they are
      // drawn, so a click (a user's or a test's) lands where a marker is.
      if (data.features.length) { map.fitBounds(layer.getBounds().pad(0.5), { maxZoom: 8, animate: false }); }
      el.dataset.markers = String(data.features.length);
      states.then(function (got) { addStates(map, el, got[0], got[1].states); })
        .catch(function () { el.dataset.states = "0"; });
    });
  }
  document.addEventListener("DOMContentLoaded", start);
})();
