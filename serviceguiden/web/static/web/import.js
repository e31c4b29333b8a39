// Follows a spreadsheet import that runs in the background: asks the server every two seconds
// how far it is and reloads the page once the step is done or failed. Without JavaScript the
// page's "Uppdatera" link does the same.
(function () {
  var box = document.getElementById("import-progress");
  if (!box) return;
  function poll() {
    fetch(box.dataset.url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        if (data.state !== "queued" && data.state !== "running") { window.location.reload(); }
        else if (data.state !== box.dataset.state) { window.location.reload(); }
        else { window.setTimeout(poll, 2000); }
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  window.setTimeout(poll, 2000);
})();
