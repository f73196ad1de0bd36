// The event's time in the reader's own time zone, under the time where it happens. Without JavaScript the page
// already gives that time and UTC; this only adds a line, in the page's language, when the zones differ.
(function () {
  "use strict";
  var viewerZone;
  try {
    viewerZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch (error) {
    return;
  }
  var language = document.documentElement.lang || undefined;
  document.querySelectorAll("[data-viewer-time]").forEach(function (element) {
    if (!viewerZone || viewerZone === element.dataset.zone) {
      return;
    }
    var format = new Intl.DateTimeFormat(language, { dateStyle: "medium", timeStyle: "short", timeZone: viewerZone });
    var start = new Date(element.dataset.start);
    var text = format.format(start);
    if (element.dataset.end) {
      var end = new Date(element.dataset.end);
      text = format.formatRange ? format.formatRange(start, end) : text + " – " + format.format(end);
    }
    element.textContent = element.dataset.label + ": " + text + " (" + viewerZone + ")";
    element.hidden = false;
  });
})();
