// Lightbox for photo galleries. Without JavaScript every thumbnail is a plain link to the full picture.
// With it, a modal <dialog> shows the picture and its caption: arrow keys (or the buttons) move between
// photos, Escape or the close button closes, and focus goes back to the thumbnail that opened it. The
// dialog is modal, so keyboard focus stays inside while it is open.
(function () {
  "use strict";
  var gallery = document.querySelector("[data-lightbox]");
  if (!gallery || typeof HTMLDialogElement === "undefined") return;
  var links = Array.prototype.slice.call(gallery.querySelectorAll("a[data-caption]"));
  if (!links.length) return;
  var words = JSON.parse(document.getElementById("lightbox-words").textContent);
  var current = 0;
  var opener = null;

  function button(label, className, text) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "lightbox-button " + className;
    b.setAttribute("aria-label", label);
    b.textContent = text;
    return b;
  }

  var dialog = document.createElement("dialog");
  dialog.className = "lightbox";
  dialog.setAttribute("aria-label", words.title);
  var figure = document.createElement("figure");
  var image = document.createElement("img");
  var caption = document.createElement("figcaption");
  var position = document.createElement("p");
  position.className = "lightbox-position";
  position.setAttribute("aria-live", "polite");
  var source = document.createElement("a");
  source.textContent = words.report;
  var close = button(words.close, "lightbox-close", "×");
  var previous = button(words.previous, "lightbox-previous", "‹");
  var next = button(words.next, "lightbox-next", "›");
  figure.appendChild(image);
  figure.appendChild(caption);
  dialog.appendChild(close);
  dialog.appendChild(previous);
  dialog.appendChild(figure);
  dialog.appendChild(next);
  dialog.appendChild(position);
  dialog.appendChild(source);
  document.body.appendChild(dialog);

  function show(index) {
    current = (index + links.length) % links.length;
    var link = links[current];
    var thumb = link.querySelector("img");
    image.src = link.href;
    image.alt = thumb ? thumb.alt : "";
    caption.textContent = link.getAttribute("data-caption");
    position.textContent = words.position.replace("%(n)s", current + 1).replace("%(total)s", links.length);
    source.href = link.getAttribute("data-report");
    previous.hidden = next.hidden = links.length < 2;
  }

  links.forEach(function (link, index) {
    link.addEventListener("click", function (event) {
      if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
      event.preventDefault();
      opener = link;
      show(index);
      dialog.showModal();
      close.focus();
    });
  });
  close.addEventListener("click", function () { dialog.close(); });
  previous.addEventListener("click", function () { show(current - 1); });
  next.addEventListener("click", function () { show(current + 1); });
  dialog.addEventListener("keydown", function (event) {
    if (event.key === "ArrowRight") { event.preventDefault(); show(current + 1); }
    else if (event.key === "ArrowLeft") { event.preventDefault(); show(current - 1); }
  });
  dialog.addEventListener("click", function (event) { if (event.target === dialog) dialog.close(); });
  dialog.addEventListener("close", function () {
    image.removeAttribute("src");
    if (opener) opener.focus();
  });
})();
