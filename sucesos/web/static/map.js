// Map of events on an offline base map (Natural Earth outlines shipped with
// the package). Event properties are untrusted text: they are set with
// textContent, never as HTML.
(function () {
  "use strict";
  function popupFor(props) {
    var box = document.createElement("div");
    var title = document.createElement("a");
    title.href = "/events/" + encodeURIComponent(props.id);
    title.textContent = (props.sub_event_type || props.event_type || "event") + " · " + (props.event_date || "undated");
    box.appendChild(title);
    var where = document.createElement("div");
    where.textContent = [props.location, props.admin1, props.country].filter(Boolean).join(", ");
    box.appendChild(where);
    return box;
  }
  function start() {
    var el = document.getElementById("map");
    if (!el || !window.L) { return; }
    var map = L.map(el, { worldCopyJump: true }).setView([23.6, -102.5], 4);
    fetch("/static/vendor/countries-50m.json").then(function (r) { return r.json(); }).then(function (topo) {
      var land = topojson.feature(topo, topo.objects.countries);
      L.geoJSON(land, { style: { color: "#8a9aa9", weight: 1, fillColor: "#f4f1ea", fillOpacity: 1 } }).addTo(map).bringToBack();
    });
    fetch(el.dataset.geojson).then(function (r) { return r.json(); }).then(function (data) {
      var layer = L.geoJSON(data, {
        pointToLayer: function (feature, latlng) {
          var precision = feature.properties.geo_precision || 1;
          return L.circleMarker(latlng, { radius: 4 + 5 * (precision - 1), color: "#b3261e", weight: 2, fillOpacity: precision === 1 ? 0.8 : 0.15 });
        },
        onEachFeature: function (feature, marker) {
          marker.bindPopup(popupFor(feature.properties));
          marker.options.eventId = feature.properties.id;
        }
      }).addTo(map);
      el.dataset.markers = String(data.features.length);
      if (data.features.length) { map.fitBounds(layer.getBounds().pad(0.5), { maxZoom: 8 }); }
    });
  }
  document.addEventListener("DOMContentLoaded", start);
})();
