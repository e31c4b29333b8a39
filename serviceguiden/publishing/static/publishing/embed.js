/*
 * Serviceguiden <sg-kontakt>: a contact box from the city's registry, on any page.
 *
 *   <script src="https://…/embed.js" defer></script>
 *   <sg-kontakt topic="bygglov"><a href="https://…/embed/topics/bygglov/frame">Kontakt</a></sg-kontakt>
 *
 * Attributes: topic="<slug>" or function="<slug>"; lang="sv|en"; channel="<channel key>";
 * refresh="<seconds>" (default 300; 0 = never) — how often to check for a change (a cheap
 * 304 when nothing changed). Without JavaScript, or if the registry cannot be reached, the
 * element's own content (a plain link) is what readers get. No build step, no dependencies.
 */
(function () {
  "use strict";
  if (!window.customElements || window.customElements.get("sg-kontakt")) {
    return;
  }
  var script = document.currentScript;
  var BASE = script ? (script.getAttribute("data-base") || new URL(script.src).origin) : "";
  var SLUG = /^[-a-zA-Z0-9_]{1,100}$/;
  var UNSAFE = "script, style, iframe, object, embed, link, meta, base, form";

  function clean(html) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    doc.body.querySelectorAll(UNSAFE).forEach(function (node) { node.remove(); });
    doc.body.querySelectorAll("*").forEach(function (node) {
      Array.prototype.slice.call(node.attributes).forEach(function (attribute) {
        var value = attribute.value.trim().toLowerCase();
        if (attribute.name.indexOf("on") === 0 || value.indexOf("javascript:") === 0) {
          node.removeAttribute(attribute.name);
        }
      });
    });
    return Array.prototype.slice.call(doc.body.childNodes);
  }

  class SgKontakt extends HTMLElement {
    static get observedAttributes() {
      return ["topic", "function", "lang"];
    }

    connectedCallback() {
      this.load();
      var seconds = parseFloat(this.getAttribute("refresh") || "300");
      if (seconds > 0) {
        this.timer = window.setInterval(this.load.bind(this), Math.max(seconds, 1) * 1000);
      }
      this.onVisible = function () {
        if (document.visibilityState === "visible") { this.load(); }
      }.bind(this);
      document.addEventListener("visibilitychange", this.onVisible);
    }

    disconnectedCallback() {
      window.clearInterval(this.timer);
      document.removeEventListener("visibilitychange", this.onVisible);
    }

    attributeChangedCallback(name, before, after) {
      if (this.isConnected && before !== null && before !== after) {
        this.load();
      }
    }

    url() {
      var kind = this.hasAttribute("function") ? "functions" : "topics";
      var slug = this.getAttribute(kind === "topics" ? "topic" : "function") || "";
      if (!SLUG.test(slug)) {
        return null;
      }
      var params = new URLSearchParams();
      params.set("lang", this.getAttribute("lang") === "en" ? "en" : "sv");
      params.set("page", window.location.origin + window.location.pathname);
      if (this.getAttribute("channel")) {
        params.set("channel", this.getAttribute("channel"));
      }
      return BASE + "/embed/" + kind + "/" + encodeURIComponent(slug) + "?" + params.toString();
    }

    load() {
      var url = this.url();
      var element = this;
      if (!url) {
        this.setAttribute("data-sg-state", "invalid");
        return Promise.resolve();
      }
      // no-cache: the browser revalidates with If-None-Match; unchanged boxes cost a 304.
      return window.fetch(url, { cache: "no-cache", credentials: "omit" })
        .then(function (response) {
          if (!response.ok && response.status !== 404) {
            throw new Error("HTTP " + response.status);
          }
          return response.text();
        })
        .then(function (html) {
          if (html !== element.shown) {
            element.shown = html;
            element.replaceChildren.apply(element, clean(html));
            element.dispatchEvent(new CustomEvent("sg-kontakt-updated", { bubbles: true }));
          }
          element.setAttribute("data-sg-state", "ready");
        })
        .catch(function () {
          element.setAttribute("data-sg-state", "offline");  // keep what is shown
        });
    }
  }

  window.customElements.define("sg-kontakt", SgKontakt);
})();
