// Progressive enhancement of the phone page; everything works without it.
// 1. A new question (or the close of this one) shows without reloading by hand: every few
//    seconds ask the room which round is open and reload when it is another one.
// 2. Dot voting: say how many dots are left while choosing.
(function () {
  "use strict";
  var main = document.querySelector("main");
  if (!main) { return; }
  var shown = main.getAttribute("data-round") || "";
  var stateUrl = main.getAttribute("data-state");

  function poll() {
    fetch(stateUrl, { cache: "no-store", credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (state) {
        if (state && state.round !== shown) { window.location.replace(window.location.pathname); }
      })
      .catch(function () {})
      .then(function () { window.setTimeout(poll, 3000); });
  }
  if (stateUrl) { window.setTimeout(poll, 3000); }

  var left = document.querySelector(".left[data-budget]");
  if (left) {
    var budget = parseInt(left.getAttribute("data-budget"), 10);
    var template = left.getAttribute("data-template");
    var over = left.getAttribute("data-over");
    var count = function () {
      var used = 0;
      document.querySelectorAll("input.dots, .dots input:checked").forEach(function (input) {
        used += parseInt(input.value, 10) || 0;
      });
      left.textContent = used > budget ? over.replace("{over}", String(used - budget)) : template.replace("{left}", String(budget - used));
      left.classList.toggle("over", used > budget);
    };
    document.addEventListener("change", count);
    document.addEventListener("input", count);
    count();
  }
})();
