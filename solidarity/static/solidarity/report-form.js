// Report form enhancement: show which city the typed place resolves to while typing, and let a supporter who
// has seen it send in one step. Without JavaScript the server shows the same confirmation after the first press.
(function () {
  "use strict";
  var form = document.querySelector("[data-report-form]");
  if (!form) return;
  var input = form.querySelector("[data-lookup]");
  var found = form.querySelector("[data-place-found]");
  var confirmed = form.querySelector("[data-confirmed-place]");
  var timer = null;
  var label = found.getAttribute("data-found-label") + " ";
  var missing = found.getAttribute("data-missing-label");

  function lookup() {
    var q = input.value.trim();
    if (q.length < 2) { found.textContent = ""; confirmed.value = ""; return; }
    fetch(input.getAttribute("data-lookup") + "?q=" + encodeURIComponent(q), {credentials: "omit"})
      .then(function (r) { return r.json(); })
      .then(function (data) {
        if (input.value.trim() !== q) return;
        if (data.found) { found.textContent = label + data.label; confirmed.value = String(data.geonameid); }
        else { found.textContent = missing; confirmed.value = ""; }
      })
      .catch(function () { confirmed.value = ""; });
  }
  input.addEventListener("input", function () {
    confirmed.value = "";
    clearTimeout(timer);
    timer = setTimeout(lookup, 250);
  });
  if (input.value && !confirmed.value) lookup();
})();
