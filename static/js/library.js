// 个人业绩库: zoom for attachment images and 全选. No inline handlers (CSP).
// (data-confirm is static/js/confirm.js, loaded on every page: asking here too asked twice.)
(function () {
  "use strict";
  var STEPS = 5; // zoom-0 (fit) … zoom-4 (largest); the sizes live in site.css

  function setZoom(image, level) {
    for (var i = 0; i < STEPS; i++) image.classList.remove("zoom-" + i);
    image.classList.add("zoom-" + level);
    image.dataset.zoom = String(level);
  }

  document.querySelectorAll("[data-viewer]").forEach(function (viewer) {
    var image = viewer.querySelector("img");
    if (!image) return;
    viewer.querySelectorAll("[data-zoom]").forEach(function (button) {
      button.addEventListener("click", function () {
        var level = Number(image.dataset.zoom || 0);
        var action = button.dataset.zoom;
        if (action === "in") level = Math.min(STEPS - 1, level + 1);
        else if (action === "out") level = Math.max(0, level - 1);
        else level = 0;
        setZoom(image, level);
      });
    });
    image.addEventListener("click", function () {
      var level = Number(image.dataset.zoom || 0);
      setZoom(image, level === 0 ? 2 : 0);
    });
  });

  // 全选: the header box ticks every enabled box of its form; it follows them when ticked one by one.
  // The boxes are named "entries" unless the scope names them (data-select-scope="binding").
  document.querySelectorAll("[data-select-scope]").forEach(function (scope) {
    var all = scope.querySelector("[data-select-all]");
    if (!all) return;
    var name = scope.getAttribute("data-select-scope") || "entries";
    function boxes() {
      return Array.prototype.filter.call(
        scope.querySelectorAll('input[type=checkbox][name="' + name + '"]'),
        function (box) { return !box.disabled; }
      );
    }
    function sync() {
      var list = boxes();
      var ticked = list.filter(function (box) { return box.checked; }).length;
      all.checked = list.length > 0 && ticked === list.length;
      all.indeterminate = ticked > 0 && ticked < list.length;
      all.disabled = list.length === 0;
    }
    all.addEventListener("change", function () {
      boxes().forEach(function (box) { box.checked = all.checked; });
      sync();
    });
    scope.addEventListener("change", function (event) {
      if (event.target !== all && event.target.name === name) sync();
    });
    sync();
  });
})();
