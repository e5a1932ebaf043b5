// 职称申报: 打印 on 申报一览表, Escape closes a server-rendered dialog. No inline handlers (CSP).
(function () {
  "use strict";
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () {
      document.querySelectorAll(".app-item details").forEach(function (d) { d.open = true; });
      window.print();
    });
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var close = document.querySelector(".app-overlay .dialog__close");
    if (close) window.location.href = close.href;
  });
  var first = document.querySelector(".app-overlay input:not([type=hidden]), .app-overlay select");
  if (first) first.focus();
})();
