// The interactive map: Leaflet over Natural Earth country shapes, every file from our own origin.
// Without JavaScript (or if anything here fails) the server-drawn map stays in place, so this only enhances.
// Country shapes are shaded by number of actions; cities are markers at their centroid, clustered when
// dense, each cluster showing the sum of its cities' actions. Popups are built as DOM nodes, never HTML
// strings, because report text comes from the public.
(function () {
  "use strict";
  var figure = document.querySelector("[data-map-url]");
  var optionsNode = document.getElementById("map-options");
  if (!figure || !optionsNode || !window.fetch || !window.L || !window.topojson) return;
  var options = JSON.parse(optionsNode.textContent);
  var language = figure.getAttribute("data-language") || "en";
  var listUrl = figure.getAttribute("data-list-url");
  var cityUrl = figure.getAttribute("data-city-url");
  var live = figure.querySelector(".map-live");
  var drawn = figure.querySelector(".map-drawn");
  var steps = [1, 3, 10, 30, 100];

  var regionNames = null;
  try { regionNames = new Intl.DisplayNames([language], {type: "region"}); } catch (e) { regionNames = null; }
  var dates = new Intl.DateTimeFormat(language, {day: "numeric", month: "long", year: "numeric", timeZone: "UTC"});
  var numbers = new Intl.NumberFormat(language);

  var pluralRules = null;
  try { pluralRules = new Intl.PluralRules(language); } catch (e) { pluralRules = null; }

  function plural(forms, n) {
    var category = pluralRules ? pluralRules.select(n) : (n === 1 ? "one" : "other");
    return (forms[category] || forms.other).replace("%(n)s", numbers.format(n));
  }

  function countryName(code, fallback) {
    try { return (regionNames && regionNames.of(code)) || fallback; } catch (e) { return fallback; }
  }

  function shade(count) {
    if (!count) return 0;
    var level = 1;
    for (var i = 0; i < steps.length; i++) { if (count >= steps[i]) level = i + 1; }
    return level;
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function action(item) {
    var li = el("li");
    var head = el("p", "meta");
    var when = el("time", null, dates.format(new Date(item.date + "T00:00:00Z")));
    when.setAttribute("datetime", item.date);
    head.appendChild(when);
    head.appendChild(document.createTextNode(" · " + (options.labels[item.action] || item.action)));
    if (item.participants) head.appendChild(document.createTextNode(" · " + plural(options.people, item.participants)));
    li.appendChild(head);
    if (item.text) li.appendChild(el("p", null, item.text));
    return li;
  }

  function popup(props, marker) {
    var box = el("div", "map-popup");
    box.appendChild(el("h3", null, props.city + ", " + countryName(props.country, props.country)));
    box.appendChild(el("p", "meta", plural(options.actions, props.actions)));
    var list = el("ul");
    box.appendChild(list);
    // the city's newest actions arrive when the popup opens (one small cached request per city)
    fetch(cityUrl.replace("/0.json", "/" + props.id + ".json"), {credentials: "omit"})
      .then(function (r) { return r.json(); })
      .then(function (latest) {
        latest.forEach(function (item) { list.appendChild(action(item)); });
        if (marker.isPopupOpen()) marker.getPopup().update();  // resize and keep it inside the map
      })
      .catch(function () {});
    var link = el("a", null, options.more);
    link.href = listUrl + "?country=" + encodeURIComponent(props.country) + "&city=" + encodeURIComponent(props.city);
    box.appendChild(link);
    return box;
  }

  function countIcon(count, className) {
    var size = count < 10 ? 28 : count < 100 ? 34 : 42;
    return L.divIcon({
      className: className,
      html: el("span", null, numbers.format(count)),
      iconSize: [size, size],
    });
  }

  function draw(data, world) {
    drawn.hidden = true;
    live.hidden = false;
    var map = L.map(live, {worldCopyJump: true, minZoom: 1, maxZoom: 12, zoomSnap: 0.5, scrollWheelZoom: false});
    map.attributionControl.setPrefix("Leaflet");
    if (options.tiles) {
      L.tileLayer(options.tiles, {attribution: options.tileAttribution || "", maxZoom: 18}).addTo(map);
    }
    var byNumeric = {};
    data.countries.forEach(function (c) { if (c.numeric) byNumeric[c.numeric] = c; });
    var shapes = topojson.feature(world, world.objects.countries);
    // Antarctica's outline runs along the map's edge in this projection; nobody holds a picket there
    shapes.features = shapes.features.filter(function (f) { return f.id !== "010"; });
    L.geoJSON(shapes, {
      attribution: "Natural Earth",
      style: function (feature) {
        var entry = byNumeric[feature.id];
        return {className: "country shade-" + shade(entry ? entry.actions : 0), weight: 0.6, fillOpacity: 1};
      },
      onEachFeature: function (feature, layer) {
        var entry = byNumeric[feature.id];
        if (entry) {
          var label = countryName(entry.code, entry.name) + ": " + numbers.format(entry.actions);
          layer.bindTooltip(el("span", null, label), {sticky: true});  // a node: Leaflet sets strings as HTML
        }
      },
    }).addTo(map);

    var clusters = L.markerClusterGroup({
      showCoverageOnHover: false,
      maxClusterRadius: 45,
      iconCreateFunction: function (cluster) {
        var sum = 0;
        cluster.getAllChildMarkers().forEach(function (m) { sum += m.options.actions; });
        return countIcon(sum, "map-count map-cluster");
      },
    });
    var bounds = [];
    data.features.forEach(function (feature) {
      var lon = feature.geometry.coordinates[0], lat = feature.geometry.coordinates[1];
      var marker = L.marker([lat, lon], {
        icon: countIcon(feature.properties.actions, "map-count map-city"),
        actions: feature.properties.actions,
        title: feature.properties.city,
        alt: feature.properties.city,
        keyboard: true,
      });
      var content = null;  // built on the first opening only: update() asks for the content again
      marker.bindPopup(function () {
        if (!content) content = popup(feature.properties, marker);
        return content;
      }, {maxWidth: 320});
      clusters.addLayer(marker);
      bounds.push([lat, lon]);
    });
    map.addLayer(clusters);
    if (bounds.length > 1) {
      map.fitBounds(bounds, {padding: [30, 30], maxZoom: 5});
    } else if (bounds.length === 1) {
      map.setView(bounds[0], 4);
    } else {
      map.setView([35, 15], 1.5);
    }
    figure.setAttribute("data-map-ready", "1");
  }

  Promise.all([
    fetch(figure.getAttribute("data-map-url"), {credentials: "omit"}).then(function (r) { return r.json(); }),
    fetch(options.shapes, {credentials: "omit"}).then(function (r) { return r.json(); }),
  ]).then(function (results) { draw(results[0], results[1]); })
    .catch(function () { drawn.hidden = false; live.hidden = true; });
})();
