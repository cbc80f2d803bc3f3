/* storyline: citation popups and sentence targets. Vanilla JS, no network. */
(function () {
  "use strict";

  function closeAll(except) {
    document.querySelectorAll(".cite.open").forEach(function (el) {
      if (el !== except) { el.classList.remove("open"); }
    });
  }

  document.addEventListener("click", function (event) {
    var ref = event.target.closest ? event.target.closest(".cite-ref") : null;
    if (ref) {
      var cite = ref.parentElement;
      if (!cite.classList.contains("open")) {
        event.preventDefault();
        closeAll(cite);
        cite.classList.add("open");
        return;
      }
      return; /* second click follows the link */
    }
    if (!(event.target.closest && event.target.closest(".cite-pop"))) { closeAll(null); }
  });

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { closeAll(null); }
  });

  /* A target inside a closed <details> (the report's article texts): open it first. */
  function revealTarget() {
    var id;
    try { id = decodeURIComponent(window.location.hash.slice(1)); } catch (err) { return; }
    var el = id ? document.getElementById(id) : null;
    var box = el && el.closest ? el.closest("details") : null;
    if (box && !box.open) {
      box.open = true;
      el.scrollIntoView({ block: "center" });
    }
  }

  /* #s-START may point inside a sentence: mark the sentence that contains it. */
  function markTarget() {
    revealTarget();
    var match = /^#s-(\d+)$/.exec(window.location.hash);
    if (!match) { return; }
    var offset = parseInt(match[1], 10);
    var found = document.getElementById("s-" + offset);
    if (!found) {
      document.querySelectorAll(".sent[data-start]").forEach(function (el) {
        var start = parseInt(el.getAttribute("data-start"), 10);
        var end = parseInt(el.getAttribute("data-end"), 10);
        if (!found && start <= offset && offset < end) { found = el; }
      });
    }
    document.querySelectorAll(".sent.target").forEach(function (el) { el.classList.remove("target"); });
    if (found) {
      found.classList.add("target");
      found.scrollIntoView({ block: "center" });
    }
  }
  /* Narrow screens: the sidebar menu starts closed and closes again after a choice. */
  var narrow = window.matchMedia ? window.matchMedia("(max-width: 800px)") : null;
  function fitMenus() {
    document.querySelectorAll("details.menu").forEach(function (menu) {
      menu.open = !(narrow && narrow.matches);
    });
  }
  if (narrow) {
    fitMenus();
    if (narrow.addEventListener) { narrow.addEventListener("change", fitMenus); }
    document.addEventListener("click", function (event) {
      var link = event.target.closest ? event.target.closest("details.menu a") : null;
      if (link && narrow.matches) { link.closest("details.menu").open = false; }
    });
  }

  window.addEventListener("hashchange", markTarget);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", markTarget);
  } else {
    markTarget();
  }
})();
