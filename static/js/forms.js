// Character counters under text fields with a maxlength (templates/_field.html). A browser cuts
// pasted text at maxlength without a word; here the limit is lifted once the counter is live, so
// the whole text stays in the box, the counter turns red and says how much is over, and the server
// refuses the form with the error next to the field.
(function () {
  "use strict";
  function setUp(counter) {
    var input = document.getElementById(counter.getAttribute("data-char-count"));
    var used = counter.querySelector("[data-char-count-used]");
    var limit = parseInt(counter.getAttribute("data-limit"), 10);
    if (!input || !used || !limit) {
      return;
    }
    input.removeAttribute("maxlength");
    var over = document.createElement("span");
    over.className = "char-count__over";
    counter.appendChild(over);
    function update() {
      var length = Array.from(input.value).length;
      used.textContent = String(length);
      var excess = length - limit;
      counter.classList.toggle("char-count--over", excess > 0);
      over.textContent = excess > 0 ? "，已超出 " + excess + " 字，请删减" : "";
    }
    input.addEventListener("input", update);
    update();
  }
  function setUpAll(root) {
    root.querySelectorAll("[data-char-count]").forEach(setUp);
  }
  document.addEventListener("DOMContentLoaded", function () { setUpAll(document); });
  // Fields that htmx swaps in (dialogs, sections) get their counters too.
  document.addEventListener("htmx:afterSwap", function (event) { setUpAll(event.target); });
})();
