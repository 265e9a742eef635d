/* The session view: one agenda item per screen, for the projector.
   - open with the "Session view" button, the S key, or an address ending in #sessie-N (a reload
     stays on that screen); the links "screen N" of the agenda open it at that item;
   - arrow keys, Page Up/Down, space, Home and End move between the screens; Escape returns to the
     report where it was;
   - the current screen is in the address (#sessie-N), written with history.replaceState so the
     back button is not filled with screens. */
(function () {
  "use strict";
  var view = document.getElementById("session-view");
  if (!view) { return; }
  var slides = Array.prototype.slice.call(view.querySelectorAll(".slide"));
  var position = document.getElementById("session-position");
  var current = 0;
  var returnTo = 0;
  var PATTERN = /^#sessie-(\d+)$/;

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, name) { return name in values ? values[name] : all; });
  }

  function isOpen() { return !view.hidden; }

  function show(index) {
    current = Math.max(0, Math.min(slides.length - 1, index));
    slides.forEach(function (slide, i) { slide.hidden = i !== current; });
    position.textContent = fill(position.getAttribute("data-template"), {n: current + 1, total: slides.length});
    document.getElementById("session-previous").disabled = current === 0;
    document.getElementById("session-next").disabled = current === slides.length - 1;
    var hash = "#" + slides[current].id;
    if (window.location.hash !== hash) { window.history.replaceState(null, "", hash); }
    slides[current].scrollTop = 0;
    slides[current].querySelector(".slide-title").focus({preventScroll: true});
  }

  function open(index) {
    if (!slides.length) { return; }
    if (!isOpen()) {
      returnTo = window.scrollY;
      document.documentElement.classList.add("in-session");
      view.hidden = false;
    }
    show(index);
  }

  function close() {
    if (!isOpen()) { return; }
    view.hidden = true;
    document.documentElement.classList.remove("in-session");
    window.history.replaceState(null, "", window.location.pathname + window.location.search);
    if (window.Plotly) {  /* charts drawn while the report was hidden need their real size */
      document.querySelectorAll(".js-plotly-plot").forEach(function (plot) { window.Plotly.Plots.resize(plot); });
    }
    window.scrollTo(0, returnTo);
    document.getElementById("session-open").focus({preventScroll: true});
  }

  function fromAddress() {
    var match = PATTERN.exec(window.location.hash);
    if (match) { open(Number(match[1]) - 1); }
  }

  function typing(target) {
    return target && /^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName);
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) { return; }
    if (!isOpen()) {
      if ((event.key === "s" || event.key === "S") && !typing(event.target)) {
        event.preventDefault();
        open(current);
      }
      return;
    }
    var moves = {ArrowRight: 1, ArrowDown: 1, PageDown: 1, " ": 1, ArrowLeft: -1, ArrowUp: -1, PageUp: -1};
    if (event.key in moves) {
      if (event.target.tagName === "BUTTON" && event.key === " ") { return; }
      event.preventDefault();
      show(current + moves[event.key]);
    } else if (event.key === "Home") {
      event.preventDefault();
      show(0);
    } else if (event.key === "End") {
      event.preventDefault();
      show(slides.length - 1);
    } else if (event.key === "Escape") {
      event.preventDefault();
      close();
    }
  });

  document.getElementById("session-open").addEventListener("click", function () { open(current); });
  document.getElementById("session-previous").addEventListener("click", function () { show(current - 1); });
  document.getElementById("session-next").addEventListener("click", function () { show(current + 1); });
  document.getElementById("session-close").addEventListener("click", close);
  window.addEventListener("hashchange", fromAddress);
  fromAddress();
}());
