// Serviceguiden editor: live validation while typing, copy buttons, focus on the error
// summary or the preview.
// Small vanilla JS; every page works without it (validation then runs on submit).
(function () {
  "use strict";
  var DELAY = 350;

  function kindFor(input) {
    // A channel's value is checked as its kind, a field may name its kind (a mailbox),
    // anything else is free text.
    if (input.getAttribute("data-check-kind")) return input.getAttribute("data-check-kind");
    var match = input.name.match(/^(channels-\d+)-value$/);
    if (!match) return "text";
    var select = document.getElementsByName(match[1] + "-kind")[0];
    return select ? select.value : "text";
  }

  function show(region, problems) {
    region.textContent = "";
    problems.forEach(function (p) {
      var box = document.createElement("div");
      box.className = "problem " + p.severity;
      var rule = document.createElement("span");
      rule.className = "rule";
      rule.textContent = p.rule;
      box.appendChild(rule);
      box.appendChild(document.createTextNode(" " + p.message + (p.fix ? " " + p.fix : "")));
      region.appendChild(box);
    });
  }

  function watch(form) {
    var url = form.getAttribute("data-check-url");
    var organisation = form.getAttribute("data-organisation");
    if (!url || !organisation) return;
    form.querySelectorAll(".live").forEach(function (region) {
      var input = document.getElementById(region.id.replace(/-live$/, ""));
      if (!input) return;
      var timer = null;
      var last = null;
      function check() {
        var kind = kindFor(input);
        var query = "?organisation=" + encodeURIComponent(organisation) + "&kind=" +
          encodeURIComponent(kind) + "&value=" + encodeURIComponent(input.value);
        if (query === last) return;
        last = query;
        fetch(url + query, { credentials: "same-origin", headers: { Accept: "application/json" } })
          .then(function (r) { return r.ok ? r.json() : { problems: [] }; })
          .then(function (data) {
            show(region, data.problems || []);
            var blocking = (data.problems || []).some(function (p) { return p.severity === "error"; });
            input.setAttribute("aria-invalid", blocking ? "true" : "false");
          })
          .catch(function () { /* the server checks again on submit */ });
      }
      function later() { clearTimeout(timer); timer = setTimeout(check, DELAY); }
      input.addEventListener("input", later);
      var match = input.name.match(/^(channels-\d+)-value$/);
      var select = match && document.getElementsByName(match[1] + "-kind")[0];
      if (select) select.addEventListener("change", later);
    });
  }

  function copyButtons() {
    var status = document.getElementById("copy-status");
    document.querySelectorAll("button.copy").forEach(function (button) {
      if (!navigator.clipboard) return;
      button.hidden = false;
      button.addEventListener("click", function () {
        var source = document.getElementById(button.getAttribute("data-copy"));
        navigator.clipboard.writeText(source.value).then(function () {
          if (status) status.textContent = button.getAttribute("data-done") || "✓ " + source.labels[0].textContent;
        });
      });
    });
  }

  function errorSummary(summary) {
    // The GOV.UK pattern: focus on the summary; a link in it focuses its field and shows
    // the field's label above it (closed hours are opened first).
    summary.focus();
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      if (!link) return;
      var target = document.getElementById(link.getAttribute("href").slice(1));
      if (!target) return;
      event.preventDefault();
      var details = target.closest("details");
      if (details) details.open = true;
      var label = document.querySelector("label[for='" + target.id + "']");
      (label || target).scrollIntoView();
      target.focus({ preventScroll: true });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form[data-check-url]").forEach(watch);
    copyButtons();
    var summary = document.getElementById("error-summary");
    var preview = document.getElementById("preview");
    if (summary) errorSummary(summary);
    else if (preview) preview.focus();
  });
})();
