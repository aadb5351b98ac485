// The reader's Terms setting: a link on the "first" use in each comment (as built), on "every"
// use, or "off": plain text, no popover. And the terms the reader knows: each is plain text on
// every discussion, as if the setting were off for it alone; "Terms on this page" lists them
// apart, each with a way to take it back, and "Forget all". Both are kept in this browser only.
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
    const known = annotations.known();
    for (const term of terms) {
      const href = known.has(term.dataset.term) ? null : { first: built.get(term), every: first[term.dataset.term] }[choice];
      term.removeAttribute("tabindex");
      if (href) term.setAttribute("href", href);
      else term.removeAttribute("href");
      if (!href && known.has(term.dataset.term)) term.tabIndex = -1; // focus may stay on a term just marked known
    }
    document.getElementById("annotations-known")?.remove(); // the head's first-paint style: done here now
    document.dispatchEvent(new Event("terms-change")); // annotations.js: popovers and aria-expanded follow
  }

  // The terms list is one Tab stop, as a toolbar is: the arrow keys, Home and End move along the
  // terms shown (a known term is listed apart).
  const shownLinks = (list) => [...list.querySelectorAll(":scope > li:not([hidden]) > a")];
  function rove(list) {
    list.addEventListener("keydown", (event) => {
      const links = shownLinks(list), last = links.length - 1;
      const at = links.indexOf(event.target), step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };
      const to = { Home: 0, End: last }[event.key] ?? at + step[event.key];
      if (at < 0 || !(to >= 0 && to <= last) || event.altKey || event.ctrlKey || event.metaKey) return;
      event.preventDefault(); // no scrolling
      links[at].tabIndex = -1;
      links[to].tabIndex = 0;
      links[to].focus();
    });
  }

  // The known terms of this page, apart from the list: each with "Take back", then "Forget all".
  function showKnown(list) {
    const known = annotations.known(), names = [];
    for (const item of list.children) {
      const term = item.querySelector("a.term");
      item.hidden = Boolean(term && known.has(term.dataset.term));
      if (item.hidden) names.push([term.dataset.term, term.textContent]);
    }
    shownLinks(list).forEach((a, i) => { a.tabIndex = i ? -1 : 0; });
    const { made, button } = annotations;
    let box = list.parentElement.querySelector(".terms-known");
    if (!box) {
      box = made("div", "terms-known");
      list.after(box);
    }
    box.hidden = !known.size;
    if (!known.size) return box.replaceChildren();
    const takeBack = (id, name) => () => {
      const ids = annotations.known();
      ids.delete(id);
      annotations.setKnown(ids, `${name} is a term again, with its link and popover.`);
      const back = list.querySelector(`a.term[data-term="${CSS.escape(id)}"]`);
      if (back) { // the list's one Tab stop is the term taken back
        shownLinks(list).forEach((a) => { a.tabIndex = a === back ? 0 : -1; });
        back.focus();
      }
    };
    const items = names.map(([id, name]) =>
      made("li", "", `${name} `, button("Take back", takeBack(id, name), `Take back ${name}: show it as a term again`)));
    box.replaceChildren(
      made("p", "terms-known__title", `Terms you know (${names.length} here), shown as plain text:`),
      made("ul", "", ...items),
      button("Forget all", () => {
        annotations.setKnown(new Set(), "No term is marked as known: every term is a term again.");
        shownLinks(list)[0]?.focus();
      }, "Forget all known terms"),
    );
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
    if (list) {
      rove(list);
      showKnown(list);
    }
  });
  document.addEventListener("known-change", () => { // annotations.js or the list marked or took back a term
    apply(stored());
    const list = document.querySelector("article .terms-on-page ol");
    if (list) showKnown(list);
  });
  start(); // now, before Material's first page event: no flash of links
  if (window.document$) window.document$.subscribe(start);
})();
