// The reader's setting for glossary terms on discussion pages: "first" use in each comment is a
// link (as built), "every" use is, or "off": terms read as plain text and open no popover.
// Without this script terms are as built and no setting is shown.
(() => {
  "use strict";
  const KEY = "annotations.terms", CHOICES = { first: "first use", every: "every use", off: "off" };
  const WIDE = window.matchMedia("(min-width: 76.25em)");
  const built = new WeakMap(); // each term's href as built, null for none

  function stored() {
    try {
      const choice = localStorage.getItem(KEY);
      return choice in CHOICES ? choice : "first";
    } catch {
      return "first"; // storage blocked
    }
  }

  function apply(choice) {
    document.documentElement.dataset.terms = choice;
    const terms = [...document.querySelectorAll("article a.term[id^='mention-']")];
    const first = {};
    for (const term of terms) {
      if (!built.has(term)) built.set(term, term.getAttribute("href"));
      first[term.dataset.term] ||= built.get(term);
    }
    for (const term of terms) {
      const href = { first: built.get(term), every: first[term.dataset.term], off: null }[choice];
      if (href) term.setAttribute("href", href);
      else ["href", "aria-expanded"].forEach((name) => term.removeAttribute(name)); // not a link now
    }
  }

  function choose(choice) {
    try { localStorage.setItem(KEY, choice); } catch { /* kept for this page only */ }
    apply(choice);
  }

  function control(choice) {
    const set = document.createElement("fieldset");
    set.className = "terms-setting";
    set.innerHTML = "<legend>Terms</legend>" + Object.entries(CHOICES).map(([value, label]) =>
      `<label><input type="radio" name="terms-setting" value="${value}"> ${label}</label>`).join("");
    set.querySelector(`[value="${choice}"]`).checked = true;
    set.addEventListener("change", (event) => choose(event.target.value));
    return set;
  }

  // Runs on each page Material's instant navigation shows, and once more at load: it must be cheap.
  function start() {
    const choice = stored();
    apply(choice);
    const nav = document.querySelector("article .terms-on-page");
    if (!nav || nav.querySelector(".terms-setting")) return;
    nav.prepend(control(choice));
    nav.querySelector("details").open = WIDE.matches; // wide screens have room for the list
  }
  start(); // now, before Material's first page event: the stored setting shows without a flash
  if (window.document$) window.document$.subscribe(start);
})();
