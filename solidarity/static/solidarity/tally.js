// Live tally: refresh the headline every minute from the campaign's tally.json (same origin).
(function () {
  "use strict";
  var box = document.querySelector("[data-tally-url]");
  if (!box || !window.fetch) return;
  var headline = box.querySelector("[data-tally-headline]");
  var last = null;
  function refresh() {
    fetch(box.getAttribute("data-tally-url"), {credentials: "omit"})
      .then(function (r) { return r.json(); })
      .then(function (t) {
        var key = t.actions + "/" + t.cities + "/" + t.countries;
        if (last !== null && key !== last) { window.location.reload(); }
        last = key;
      })
      .catch(function () {});
  }
  refresh();
  setInterval(refresh, 60000);
})();
