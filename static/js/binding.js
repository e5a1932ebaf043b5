// 选择单位: the search dialog, 是否自由职业者, and which parts of the first-login form show.
(function () {
  "use strict";

  function radioValue(form, name) {
    var checked = form.querySelector("input[name=" + name + "]:checked");
    return checked ? checked.value : "";
  }

  function toggleSections(form) {
    var hasUnit = form.querySelector("[data-show-when-has-unit]");
    if (hasUnit) {
      hasUnit.hidden = radioValue(form, "has_unit") !== "yes";
    }
    var sync = form.querySelector("[data-show-when-sync]");
    if (sync) {
      sync.hidden = radioValue(form, "sync_unit") === "no";
    }
  }

  function setUnit(picker, id, name) {
    picker.querySelector("input[name=unit]").value = id;
    picker.querySelector("input[name=unit_label]").value = name;
    picker.querySelector("[data-unit-label]").textContent = name || "尚未选择";
  }

  function search(picker) {
    var input = picker.querySelector("input[name=q]");
    if (window.htmx && input) {
      window.htmx.trigger(input, "unit-search");
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-unit-picker]").forEach(function (picker) {
      var dialog = picker.querySelector("[data-unit-dialog]");
      var form = picker.closest("form");
      picker.querySelector("[data-open-unit-dialog]").addEventListener("click", function () {
        dialog.showModal();
        picker.querySelector("input[name=q]").focus();
        search(picker);
      });
      picker.querySelector("[data-close-unit-dialog]").addEventListener("click", function () {
        dialog.close();
      });
      picker.querySelector("[data-unit-search-button]").addEventListener("click", function () {
        search(picker);
      });
      picker.querySelector("input[name=q]").addEventListener("keydown", function (event) {
        if (event.key === "Enter") {  // search, do not submit the surrounding form
          event.preventDefault();
          search(picker);
        }
      });
      dialog.addEventListener("click", function (event) {
        var button = event.target.closest("[data-choose-unit]");
        if (button) {
          setUnit(picker, button.getAttribute("data-choose-unit"), button.getAttribute("data-unit-name"));
          dialog.close();
        }
      });
      picker.querySelectorAll("input[name=is_freelancer]").forEach(function (radio) {
        radio.addEventListener("change", function () {
          setUnit(picker, "", "");
        });
      });
      if (form) {
        // The search box lives inside the form; its text is not part of the request.
        form.addEventListener("submit", function () {
          picker.querySelector("input[name=q]").disabled = true;
        });
      }
    });
    document.querySelectorAll("form").forEach(function (form) {
      if (form.querySelector("[data-show-when-has-unit]")) {
        form.addEventListener("change", function () { toggleSections(form); });
        toggleSections(form);
      }
    });
  });
})();
