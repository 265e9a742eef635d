/* The report's few interactions, in plain JavaScript, attached with addEventListener
   (the page's Content-Security-Policy forbids inline event-handler attributes):
   - filter the event table by actor and by type;
   - "show in timeline" on a pattern or a learning question: ring its events in the
     timeline chart and mark its rows in the table;
   - links to an event open the table, clear the filters and mark the row;
   - clicking a point in the timeline jumps to its row;
   - printing opens the folded parts marked data-print="open" and fits the charts to the page;
   - the reader chooses whether the table of all events is printed (as the last appendix). */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("report-data").textContent);
  var table = document.getElementById("event-table");
  var rows = table ? table.tBodies[0].rows : [];
  /* the table row of timeline row n (a summarised table lists only some events) */
  function row(n) { return document.getElementById("ev-" + n); }
  var box = document.getElementById("event-table-box");
  var actorFilter = document.getElementById("filter-actor");
  var typeFilter = document.getElementById("filter-type");
  var status = document.getElementById("filter-status");
  var bar = document.getElementById("highlight-bar");
  var barText = document.getElementById("highlight-text");
  var barBack = document.getElementById("highlight-back");
  var chart = document.getElementById("timeline-chart");
  var marked = [];
  var pressed = null;

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, name) { return name in values ? values[name] : all; });
  }

  function applyFilters() {
    var actor = actorFilter.value, type = typeFilter.value, shown = 0;
    for (var i = 0; i < rows.length; i++) {
      var tr = rows[i];
      var ok = (!actor || (" " + tr.getAttribute("data-participants") + " ").indexOf(" " + actor + " ") >= 0) &&
               (!type || tr.getAttribute("data-type") === type);
      tr.hidden = !ok;
      if (ok) { shown++; }
    }
    status.textContent = fill(status.getAttribute("data-template"), {shown: shown, total: rows.length});
  }

  function clearFilters() {
    if (actorFilter.value || typeFilter.value) {
      actorFilter.value = "";
      typeFilter.value = "";
      applyFilters();
    }
  }

  function traceIndex(uid) {
    if (!chart || !chart.data) { return -1; }
    for (var i = 0; i < chart.data.length; i++) { if (chart.data[i].uid === uid) { return i; } }
    return -1;
  }

  function drawSelection(points) {
    var index = traceIndex("selected");
    if (index < 0 || !window.Plotly) { return; }
    var others = [];
    for (var i = 0; i < chart.data.length; i++) { if (i !== index) { others.push(i); } }
    window.Plotly.restyle(chart, {opacity: points.length ? 0.35 : 1}, others);
    window.Plotly.restyle(chart, {x: [points.map(function (p) { return p[0]; })],
                                  y: [points.map(function (p) { return p[1]; })]}, [index]);
  }

  function markRows(list) {
    marked.forEach(function (n) { row(n).classList.remove("is-marked"); });
    marked = list.filter(row);
    marked.forEach(function (n) { row(n).classList.add("is-marked"); });
  }

  function clearHighlight() {
    markRows([]);
    drawSelection([]);
    if (pressed) { pressed.setAttribute("aria-pressed", "false"); pressed = null; }
    bar.hidden = true;
  }

  function highlight(item, button, label, back) {
    clearHighlight();
    clearFilters();
    markRows(item.rows);
    drawSelection(item.points);
    if (button.hasAttribute("aria-pressed")) { button.setAttribute("aria-pressed", "true"); pressed = button; }
    barText.textContent = fill(bar.getAttribute("data-template"), {label: label, count: item.rows.length});
    barBack.setAttribute("href", "#" + back);
    bar.hidden = false;
    bar.scrollIntoView({block: "start"});
  }

  document.querySelectorAll(".show-flag").forEach(function (button) {
    button.addEventListener("click", function () {
      highlight(data.flags[Number(button.getAttribute("data-flag"))], button, button.getAttribute("data-label"),
                button.closest("article").id);
    });
  });

  document.querySelectorAll(".show-question").forEach(function (button) {
    button.addEventListener("click", function () {
      highlight(data.questions[Number(button.getAttribute("data-question"))], button, button.getAttribute("data-label"),
                button.closest("li").id);
    });
  });

  function goToRow(n) {
    var target = row(n);
    if (!target) { return null; }
    if (box) { box.open = true; }
    clearFilters();
    target.classList.add("is-target");
    window.setTimeout(function () { target.classList.remove("is-target"); }, 4000);
    return target;
  }

  document.querySelectorAll("a.event-link").forEach(function (link) {
    link.addEventListener("click", function () { goToRow(Number(link.getAttribute("data-row"))); });
  });

  if (chart && chart.on) {
    chart.on("plotly_click", function (event) {
      var point = event.points && event.points[0];
      if (point && typeof point.customdata === "number") {
        var target = goToRow(point.customdata);
        if (target) { target.scrollIntoView({block: "center"}); }
      }
    });
  }

  if (actorFilter) {
    actorFilter.addEventListener("change", applyFilters);
    typeFilter.addEventListener("change", applyFilters);
    document.getElementById("filter-clear").addEventListener("click", clearFilters);
    applyFilters();
  }
  document.getElementById("highlight-clear").addEventListener("click", clearHighlight);

  /* Printing: open the folded parts marked data-print="open", and draw the charts at the width of
     an A4 page (plotly keeps its screen width otherwise and the page would cut it off). */
  var PRINT_WIDTH = 700, PRINT_HEIGHT = 640;
  var opened = [];
  var printing = false;
  function plots() { return Array.prototype.slice.call(document.querySelectorAll(".js-plotly-plot")); }
  function labelled(plot) {  /* traces with a label beside each marker (the network chart) */
    return plot.data.map(function (t, i) { return /text/.test(t.mode || "") ? i : -1; })
      .filter(function (i) { return i >= 0; });
  }
  function beforePrint() {
    if (printing) { return; }
    printing = true;
    document.querySelectorAll("details[data-print='open']:not([open])").forEach(function (d) {
      d.open = true;
      opened.push(d);
    });
    plots().forEach(function (plot) {
      var traces = labelled(plot);
      var height = plot._fullLayout.height;  /* layout.height is gone after an earlier print */
      plot.setAttribute("data-screen-height", height);
      var most = (plot.layout.meta || {}).print_height || PRINT_HEIGHT;  /* a chart may ask for less */
      window.Plotly.relayout(plot, {autosize: false, width: PRINT_WIDTH, height: Math.min(height, most)});
      var spare = plot._fullLayout._size.h - plot._fullLayout.yaxis._length;
      if (plot.layout.yaxis.scaleanchor && spare > 20) {  /* a drawing kept in proportion: no empty band above and below */
        window.Plotly.relayout(plot, {height: plot.layout.height - spare});
      }
      if (traces.length) {  /* the drawing shrank to the page: its labels shrink with it, so they keep the room
                               they were placed in (meta.label_px_per_unit: the scale the places were chosen for) */
        var axis = plot._fullLayout.xaxis, reference = (plot.layout.meta || {}).label_px_per_unit;
        var drawn = axis._length / Math.abs(axis.range[1] - axis.range[0]);
        var size = plot.data[traces[0]].textfont.size, scale = reference ? Math.min(1, drawn / reference) : 1;
        plot.setAttribute("data-screen-font", size);
        window.Plotly.restyle(plot, {"textfont.size": Math.max(8, Math.floor(size * scale))}, traces);
      }
    });
  }
  function afterPrint() {
    if (!printing) { return; }
    printing = false;
    opened.forEach(function (d) { d.open = false; });
    opened = [];
    plots().forEach(function (plot) {
      var height = Number(plot.getAttribute("data-screen-height"));
      if (plot.hasAttribute("data-screen-font")) {
        window.Plotly.restyle(plot, {"textfont.size": Number(plot.getAttribute("data-screen-font"))}, labelled(plot));
      }
      window.Plotly.relayout(plot, {width: null, height: height, autosize: true}).then(function () {
        window.Plotly.Plots.resize(plot);
      });
    });
  }
  var printTable = document.getElementById("print-table");
  function choosePrintTable() {
    document.documentElement.classList.toggle("without-event-table", !printTable.checked);
  }
  printTable.addEventListener("change", choosePrintTable);
  choosePrintTable();
  document.getElementById("print-report").addEventListener("click", function () { window.print(); });

  window.addEventListener("beforeprint", beforePrint);
  window.addEventListener("afterprint", afterPrint);
  if (window.matchMedia) {
    window.matchMedia("print").addEventListener("change", function (query) {
      if (query.matches) { beforePrint(); } else { afterPrint(); }
    });
  }
}());
