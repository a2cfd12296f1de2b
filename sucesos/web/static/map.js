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
  function start() {
    var el = document.getElementById("map");
    if (!el || !window.L) { return; }
    var map = L.map(el, { worldCopyJump: true, maxZoom: 14 }).setView([23.6, -102.5], 4);
    if (el.dataset.tiles) {
      L.tileLayer(el.dataset.tiles, { maxZoom: 18, attribution: "map tiles: see server settings" }).addTo(map);
    } else {
      fetch("/static/vendor/countries-50m.json").then(function (r) { return r.json(); }).then(function (topo) {
        var land = topojson.feature(topo, topo.objects.countries);
        L.geoJSON(land, { interactive: false, style: { color: "#8a9aa9", weight: 1, fillColor: "#f4f1ea", fillOpacity: 1 } }).addTo(map).bringToBack();
      });
    }
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
        }
      });
      group.addLayer(layer);
      group.addTo(map);
      // No animation: the markers stand still once data-markers says they are
      // drawn, so a click (a user's or a test's) lands where a marker is.
      if (data.features.length) { map.fitBounds(layer.getBounds().pad(0.5), { maxZoom: 8, animate: false }); }
      el.dataset.markers = String(data.features.length);
    });
  }
  document.addEventListener("DOMContentLoaded", start);
})();
