// 个人业绩库: zoom for attachment images and confirmation before deleting. No inline handlers (CSP).
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

  document.querySelectorAll("form[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm(form.dataset.confirm)) event.preventDefault();
    });
  });
})();
