// Follows a running scan: asks the server for its counts every two seconds and updates the
// progress bar and the status line (a polite live region); reloads once the scan is done.
(function () {
  var box = document.getElementById("progress");
  if (!box || box.dataset.active !== "1") return;
  var bar = document.getElementById("run-bar");
  function field(name) { return box.querySelector('[data-field="' + name + '"]'); }
  function poll() {
    fetch(box.dataset.url, { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        bar.max = Math.max(1, data.total);
        bar.value = data.done;
        ["done", "total", "skipped", "failed"].forEach(function (name) {
          field(name).textContent = data[name];
        });
        if (data.state === "done" || data.state === "failed") { window.location.reload(); }
        else { window.setTimeout(poll, 2000); }
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  window.setTimeout(poll, 2000);
})();
