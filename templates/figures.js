/* Draws every plotly figure of the page from its JSON block (retro/html.py figure_html).
   The figures' data are never scripts: the page's Content-Security-Policy runs only the
   scripts retro ships, this one among them. */
(function () {
  "use strict";
  if (!window.Plotly) { return; }
  document.querySelectorAll("script.retro-figure").forEach(function (block) {
    var target = document.getElementById(block.getAttribute("data-for"));
    var figure = JSON.parse(block.textContent);
    if (target) { window.Plotly.newPlot(target, figure.data, figure.layout, figure.config); }
  });
})();
