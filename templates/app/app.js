/* retro app: a workbook dropped on the page is sent with its form; anything sent shows its
   progress; a file over the limit is stopped before it is sent; a regional export reports its
   progress; a written workbook downloads by itself.  Attached with addEventListener (the page's
   Content-Security-Policy allows only this script, by its hash). */
(function () {
  "use strict";

  function showBusy(form) {
    var busy = form.querySelector(".busy");
    if (busy) { busy.hidden = false; }
    form.querySelectorAll("button[type='submit']").forEach(function (b) { b.setAttribute("aria-disabled", "true"); });
  }

  function tooLarge(form) {
    var max = parseInt(form.getAttribute("data-max-bytes") || "0", 10);
    if (!max) { return false; }
    var total = 0;
    form.querySelectorAll("input[type='file']").forEach(function (input) {
      Array.prototype.forEach.call(input.files || [], function (f) { total += f.size; });
    });
    if (total <= max) { return false; }
    var alert = form.querySelector(".form-alert");
    if (alert) { alert.textContent = form.getAttribute("data-too-large"); alert.hidden = false; }
    return true;
  }

  function send(form) {
    if (tooLarge(form)) { return; }
    if (form.requestSubmit) { form.requestSubmit(); } else { form.submit(); }
  }

  document.querySelectorAll("form[data-busy]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (form.getAttribute("data-sending") === "1" || tooLarge(form)) { event.preventDefault(); return; }
      form.setAttribute("data-sending", "1");
      showBusy(form);
    });
    var drop = form.querySelector("[data-drop]");
    if (!drop) { return; }
    var input = drop.querySelector("input[type='file']");
    input.addEventListener("change", function () { if (input.files && input.files.length) { send(form); } });
    ["dragenter", "dragover"].forEach(function (name) {
      drop.addEventListener(name, function (event) { event.preventDefault(); drop.classList.add("is-over"); });
    });
    ["dragleave", "dragend"].forEach(function (name) {
      drop.addEventListener(name, function () { drop.classList.remove("is-over"); });
    });
    drop.addEventListener("drop", function (event) {
      event.preventDefault();
      drop.classList.remove("is-over");
      if (!event.dataTransfer || !event.dataTransfer.files.length) { return; }
      input.files = event.dataTransfer.files;
      send(form);
    });
  });

  /* Files dropped next to a drop zone would make the browser open them: not on these pages. */
  ["dragover", "drop"].forEach(function (name) {
    window.addEventListener(name, function (event) {
      if (!event.target.closest || !event.target.closest("[data-drop]")) { event.preventDefault(); }
    });
  });

  var frame = document.getElementById("report-frame");
  if (frame) {
    frame.addEventListener("load", function () {
      var busy = document.getElementById("report-busy");
      if (busy) { busy.hidden = true; }
    });
  }

  var auto = document.querySelector("[data-auto-download]");
  if (auto) {
    auto.click();
    /* a reload of this page does not download it again */
    window.history.replaceState(null, "", window.location.pathname + "#bewaard");
  }

  var progress = document.querySelector("[data-poll]");
  if (progress) {
    var bar = progress.querySelector("progress"), text = progress.querySelector("span");
    var poll = function () {
      fetch(progress.getAttribute("data-poll"), {credentials: "same-origin", cache: "no-store"})
        .then(function (r) { return r.json(); })
        .then(function (state) {
          if (state.finished) { window.location.reload(); return; }
          bar.max = Math.max(state.total, 1);
          bar.value = state.done;
          text.textContent = state.text;
          window.setTimeout(poll, 400);
        })
        .catch(function () { window.setTimeout(poll, 1500); });
    };
    window.setTimeout(poll, 300);
  }
})();
