// The reader's Terms setting: a link on the "first" use in each comment (as built), on "every"
// use, or "off": plain text, no popover.
(() => {
  "use strict";
  const KEY = annotations.termsKey, CHOICES = ["first", "every", "off"];
  const built = new WeakMap(); // each term link's href as built: null on a later use

  function stored() {
    let choice = document.documentElement.dataset.terms; // this visit's choice, if storage is blocked
    try { choice = localStorage.getItem(KEY) || choice; } catch { /* blocked */ }
    return CHOICES.includes(choice) ? choice : "first";
  }

  function link(span) { // a later use is built as a span.term: "every" needs an <a>
    const term = document.createElement("a");
    for (const { name, value } of span.attributes) term.setAttribute(name, value);
    term.append(...span.childNodes);
    span.replaceWith(term);
  }

  function apply(choice) {
    document.documentElement.dataset.terms = choice;
    if (choice === "every") document.querySelectorAll("article span.term[id^='mention-']").forEach(link);
    const terms = [...document.querySelectorAll("article a.term[id^='mention-']")], first = {};
    for (const term of terms) {
      if (!built.has(term)) built.set(term, term.getAttribute("href"));
      first[term.dataset.term] ||= built.get(term);
    }
    for (const term of terms) {
      const href = { first: built.get(term), every: first[term.dataset.term] }[choice];
      if (href) term.setAttribute("href", href);
      else term.removeAttribute("href");
    }
    document.dispatchEvent(new Event("terms-change")); // annotations.js: popovers and aria-expanded follow
  }

  // The terms list is one Tab stop, as a toolbar is: the arrow keys, Home and End move along it.
  function rove(list) {
    const links = [...list.querySelectorAll(":scope > li > a")], last = links.length - 1;
    links.forEach((a, i) => { a.tabIndex = i ? -1 : 0; });
    list.addEventListener("keydown", (event) => {
      const at = links.indexOf(event.target), step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };
      const to = { Home: 0, End: last }[event.key] ?? at + step[event.key];
      if (at < 0 || !(to >= 0 && to <= last) || event.altKey || event.ctrlKey || event.metaKey) return;
      event.preventDefault(); // no scrolling
      links[at].tabIndex = -1;
      links[to].tabIndex = 0;
      links[to].focus();
    });
  }

  // Each page is set up once: Material's first page event repeats the page this set up as it ran,
  // and instant navigation brings a new article.
  const started = new WeakSet();
  function start() {
    const page = document.querySelector("article");
    if (!page || started.has(page)) return;
    started.add(page);
    const choice = stored(), nav = page.querySelector(".terms-on-page");
    apply(choice);
    if (!nav) return; // the setting is in the page as built (popovers.py)
    nav.querySelector(`.terms-setting input[value="${choice}"]`).checked = true;
    nav.addEventListener("change", ({ target }) => {
      try { localStorage.setItem(KEY, target.value); } catch { /* this page only */ }
      apply(target.value);
    });
    nav.querySelector("details").open = annotations.wide.matches;
  }
  // The list's items come with the page's popovers (annotations.js), after this has run.
  document.addEventListener("popovers-loaded", () => {
    const list = document.querySelector("article .terms-on-page ol");
    if (list) rove(list);
  });
  start(); // now, before Material's first page event: no flash of links
  if (window.document$) window.document$.subscribe(start);
})();
