// 上传照片: choose a file, zoom and rotate it in Cropper.js at the two-inch proportions (35 x 49 mm),
// preview on the right, and submit the cropped picture. The server re-encodes whatever arrives.
(function () {
  "use strict";

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.querySelector("[data-photo-form]");
    if (!form || typeof window.Cropper === "undefined") {
      return;  // without the script the plain file upload still works; the server crops to 5:7
    }
    var width = parseInt(form.getAttribute("data-width"), 10);
    var height = parseInt(form.getAttribute("data-height"), 10);
    var input = form.querySelector("input[type=file]");
    var image = form.querySelector("[data-photo-source]");
    var hint = form.querySelector("[data-photo-hint]");
    var nameLabel = form.querySelector("[data-photo-name]");
    var tools = form.querySelectorAll("[data-photo-action]");
    var cropper = null;
    var objectUrl = null;
    var submitting = false;

    input.addEventListener("change", function () {
      var file = input.files && input.files[0];
      if (!file) {
        return;
      }
      nameLabel.textContent = file.name;
      if (["image/jpeg", "image/png"].indexOf(file.type) === -1) {
        // Not a picture the browser can show: say so now (the server refuses it anyway).
        nameLabel.textContent = file.name + "：只能上传 JPG 或 PNG 格式的图片";
        input.value = "";
        return;
      }
      if (cropper) {
        cropper.destroy();
      }
      if (objectUrl) {
        URL.revokeObjectURL(objectUrl);
      }
      objectUrl = URL.createObjectURL(file);
      image.src = objectUrl;
      image.hidden = false;
      hint.hidden = true;
      cropper = new window.Cropper(image, {
        aspectRatio: width / height,
        viewMode: 1,
        dragMode: "move",
        autoCropArea: 1,
        checkOrientation: false,  // it would fetch the blob: URL, which the CSP (connect-src) refuses
        preview: form.querySelector("[data-photo-preview]"),
        // The tools work only once the picture is laid out; earlier calls would skew the crop box.
        ready: function () {
          tools.forEach(function (button) { button.disabled = false; });
        },
      });
      tools.forEach(function (button) { button.disabled = true; });
    });

    tools.forEach(function (button) {
      button.addEventListener("click", function () {
        if (!cropper) {
          return;
        }
        var action = button.getAttribute("data-photo-action");
        if (action === "zoom-in") { cropper.zoom(0.1); }
        if (action === "zoom-out") { cropper.zoom(-0.1); }
        if (action === "rotate-left") { cropper.rotate(-90); }
        if (action === "rotate-right") { cropper.rotate(90); }
      });
    });

    form.addEventListener("submit", function (event) {
      if (!cropper || submitting) {
        if (submitting) { event.preventDefault(); }
        return;  // nothing chosen: let the server say so
      }
      event.preventDefault();
      var canvas = cropper.getCroppedCanvas({ width: width, height: height, fillColor: "#fff" });
      if (!canvas) {
        form.submit();
        return;
      }
      submitting = true;
      form.querySelector("[data-photo-submit]").disabled = true;
      canvas.toBlob(function (blob) {
        var transfer = new DataTransfer();
        transfer.items.add(new File([blob], "photo.jpg", { type: "image/jpeg" }));
        input.files = transfer.files;
        form.submit();
      }, "image/jpeg", 0.92);
    });
  });
})();
