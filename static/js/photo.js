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
    var maxBytes = parseInt(form.getAttribute("data-max-bytes"), 10);
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
      if (cropper) {
        cropper.destroy();
        cropper = null;
      }
      if (objectUrl) {
        URL.revokeObjectURL(objectUrl);
      }
      image.hidden = true;
      hint.hidden = false;
      // Each refusal is said at once; the server checks all of this again.
      if (["image/jpeg", "image/png"].indexOf(file.type) === -1) {
        refuse(file, "只能上传 JPG 或 PNG 格式的图片");
        return;
      }
      // The original's size: the cropped picture sent on 提交 is always small.
      if (file.size > maxBytes) {
        refuse(file, "照片不能超过 " + Math.round(maxBytes / 1048576) + " MB（所选文件 " +
          (file.size / 1048576).toFixed(1) + " MB）");
        return;
      }
      objectUrl = URL.createObjectURL(file);
      // Decode it first: a file that only claims to be a picture would show a broken preview.
      var probe = new Image();
      probe.onerror = function () {
        refuse(file, "无法识别为图片，请选择 JPG 或 PNG 格式的照片");
      };
      probe.onload = function () { edit(); };
      probe.src = objectUrl;
    });

    function refuse(file, message) {
      nameLabel.textContent = file.name + "：" + message;
      nameLabel.setAttribute("role", "alert");
      input.value = "";
      tools.forEach(function (button) { button.disabled = true; });
    }

    function edit() {
      nameLabel.removeAttribute("role");
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
    }

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
    // Said once everything above listens: a file chosen before this would be taken unchecked.
    form.setAttribute("data-photo-ready", "");
  });
})();
