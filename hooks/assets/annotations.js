// What a reader's browser does with annotations. Links to an exact occurrence land on it; and
// glossary popovers for term links (a.term). Without this script a term is a plain link to its
// entry, and clicking it (or Enter) still follows the link. Pointer: opens after an intent delay,
// stays while the pointer is over the term or the popover, closes shortly after it leaves both.
// Keyboard: focus opens after the same delay, Tab moves on into the popover, Escape closes the
// top popover and returns focus to its term. Touch: a tap opens instead of navigating, a second
// tap follows the link, a tap elsewhere closes. Terms inside a popover open child popovers (a
// stack). Pin keeps a popover where it is until Close or Escape, whatever else the reader does.
// A term's later uses in a comment are plain text (span.term) unless the reader setting
// (reader.js) links them; with <html data-terms="off"> no popover opens, on any page.
// WCAG 2.2 SC 1.4.13: dismissible, hoverable, persistent.
(() => {
  "use strict";
  const OPEN_DELAY = 400, CLOSE_DELAY = 300, SCROLL_QUIET = 200, MARGIN = 8, GAP = 6, WIDTH = 420;
  const TERM = "a.term[data-term][href]", POPOVER = ".glossary-popover";
  // Open popovers, a child after its parent: {term, pop, pin, shut, pinned, touch}. A pinned one,
  // and any that holds it, stays until closed by name; the others close as the reader moves on.
  const stack = [];
  let openTimer = 0, closeTimer = 0, lastScroll = 0, serial = 0, touched = false;
  let pending = null, quietFocus = null, dismissed = null; // dismissed: Escaped under a still pointer

  const termOf = (node) =>
    node instanceof Element && document.documentElement.dataset.terms !== "off" ? node.closest(TERM) : null;
  const inPopover = (node) => node instanceof Element && node.closest(POPOVER) !== null;
  const levelOf = (term) => stack.findIndex((level) => level.term === term);
  const fragment = () => {
    try { return decodeURIComponent(location.hash.slice(1)); } catch { return location.hash.slice(1); }
  };
  const topLayer = typeof HTMLElement.prototype.showPopover === "function"; // else: fixed position

  function content(id) {
    const store = document.getElementById("glossary-popovers");
    const body = store && store.querySelector(`[data-popover="${CSS.escape(id)}"]`);
    return body ? body.cloneNode(true) : null;
  }

  function remove(index) {
    const [{ term, pop }] = stack.splice(index, 1);
    if (topLayer && pop.matches(":popover-open")) pop.hidePopover();
    pop.remove();
    term.setAttribute("aria-expanded", "false");
    term.removeAttribute("aria-controls");
  }

  const closeAll = () => { while (stack.length) remove(stack.length - 1); };

  function closeAbove(index) { // all above `index` but the pinned and those holding one
    for (let i = stack.length - 1; i > index; i--) {
      if (!stack.some((level) => level.pinned && stack[i].pop.contains(level.pop))) remove(i);
    }
  }

  function close(level) { // and the popovers inside it, pinned or not
    const focusWasInside = level.pop.contains(document.activeElement) || level.term === document.activeElement;
    for (let i = stack.length - 1; i >= 0; i--) if (level.pop.contains(stack[i].pop)) remove(i);
    if (level.term.matches(":hover")) dismissed = level.term;
    if (focusWasInside && document.activeElement !== level.term) {
      quietFocus = level.term; // focus comes back to the term: that must not reopen it
      level.term.focus();
    }
  }

  function button(label, onclick) {
    const made = document.createElement("button");
    made.type = "button";
    made.textContent = label;
    made.onclick = onclick;
    return made;
  }

  function show(level) { // the buttons say what the level now is
    level.pin.setAttribute("aria-pressed", String(level.pinned));
    level.shut.hidden = !level.pinned && !level.touch;
  }

  function place(term, pop) {
    const rect = term.getBoundingClientRect(), scrolled = pop.scrollTop;
    const width = document.documentElement.clientWidth, height = window.innerHeight;
    pop.style.width = `${Math.min(WIDTH, width - 2 * MARGIN)}px`;
    pop.style.maxHeight = ""; // measure the whole popover, then fit it to the side chosen
    const below = height - rect.bottom - GAP - MARGIN, above = rect.top - GAP - MARGIN;
    const down = pop.offsetHeight <= below || below >= above;
    pop.style.maxHeight = `${Math.max(down ? below : above, 120)}px`;
    const top = down ? rect.bottom + GAP : rect.top - GAP - pop.offsetHeight;
    const left = Math.min(Math.max(rect.left, MARGIN), width - MARGIN - pop.offsetWidth);
    pop.style.top = `${Math.round(top)}px`;
    pop.style.left = `${Math.round(left)}px`;
    pop.dataset.side = down ? "below" : "above";
    pop.scrollTop = scrolled;
  }

  function open(term, touch) {
    cancel();
    if (!term.isConnected) return; // the page changed under a pending timer
    const existing = levelOf(term);
    if (existing >= 0) return closeAbove(existing);
    let parent = stack.length - 1;
    while (parent >= 0 && !stack[parent].pop.contains(term)) parent--;
    closeAbove(parent);
    const body = content(term.dataset.term);
    if (!body) return;
    const pop = document.createElement("div");
    pop.className = "glossary-popover md-typeset";
    pop.id = `glossary-popover-${++serial}`;
    pop.setAttribute("role", "dialog");
    pop.setAttribute("aria-label", `${term.textContent}: glossary`);
    const level = { term, pop, pinned: false, touch };
    level.pin = button("Pin", () => {
      level.pinned = !level.pinned;
      show(level);
    });
    level.shut = button("Close", () => close(level));
    const bar = document.createElement("div");
    bar.className = "glossary-popover__bar";
    bar.append(level.pin, level.shut);
    show(level);
    pop.append(bar, ...body.childNodes);
    term.after(pop); // right after the term: Tab moves from the term into its popover
    if (topLayer) {
      pop.popover = "manual"; // the top layer escapes any ancestor's overflow clipping
      pop.showPopover();
    }
    term.setAttribute("aria-expanded", "true");
    term.setAttribute("aria-controls", pop.id);
    place(term, pop);
    stack.push(level);
  }

  function active({ term, pop, pinned, touch }) {
    const focus = document.querySelector(":focus-visible"); // a click's focus holds nothing open
    return pinned || touch || term.matches(":hover") || pop.matches(":hover") || term === focus || pop.contains(focus);
  }

  function prune() {
    let index = stack.length - 1;
    while (index >= 0 && !active(stack[index])) index--;
    closeAbove(index);
  }

  function later(fn, delay) {
    clearTimeout(closeTimer);
    closeTimer = setTimeout(fn, delay);
  }

  function intend(term) { // open after the intent delay, unless the pointer moves on first
    if (term === pending) return;
    clearTimeout(openTimer);
    pending = term;
    openTimer = setTimeout(() => { pending = null; open(term, false); }, OPEN_DELAY);
  }

  function cancel() {
    clearTimeout(openTimer);
    pending = null;
  }

  // pointermove, not pointerover: content scrolling under a still pointer is not intent.
  document.addEventListener("pointermove", (event) => {
    if (event.pointerType === "touch") return;
    const term = termOf(event.target);
    if (term || inPopover(event.target)) clearTimeout(closeTimer);
    if (term && term !== dismissed && levelOf(term) < 0 && Date.now() - lastScroll > SCROLL_QUIET) intend(term);
  });

  document.addEventListener("pointerout", (event) => {
    if (event.pointerType === "touch") return;
    const term = termOf(event.target);
    if (term && !term.contains(event.relatedTarget)) {
      cancel();
      if (term === dismissed) dismissed = null;
    }
    if (term || inPopover(event.target)) later(prune, CLOSE_DELAY);
  });

  document.addEventListener("focusin", (event) => {
    const term = termOf(event.target);
    if (term && term === quietFocus) quietFocus = null;
    else if (term && term.matches(":focus-visible") && levelOf(term) < 0) intend(term);
  });

  document.addEventListener("focusout", () => later(() => {
    if (pending && !pending.matches(":hover") && pending !== document.activeElement) cancel();
    prune();
  }, 0));

  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && stack.length) close(stack[stack.length - 1]);
  });

  document.addEventListener("pointerdown", (event) => {
    touched = event.pointerType === "touch" || event.pointerType === "pen";
    if (!termOf(event.target) && !inPopover(event.target)) closeAbove(-1);
  });

  // Capture phase: a tap must be caught before Material's instant navigation sees the click.
  window.addEventListener("click", (event) => {
    const term = termOf(event.target);
    if (!term || !touched || levelOf(term) >= 0) return; // a second tap follows the link
    event.preventDefault();
    event.stopPropagation();
    open(term, true);
  }, true);

  window.addEventListener("scroll", (event) => {
    if (inPopover(event.target)) return; // scrolling inside a popover moves nothing else
    lastScroll = Date.now();
    if (pending !== document.activeElement) cancel(); // Tab scrolls a focused term into view: keep it
    stack.forEach(({ term, pop, pinned }) => pinned || place(term, pop)); // a pinned one stays put
  }, { capture: true, passive: true });

  window.addEventListener("resize", () => stack.forEach(({ term, pop }) => place(term, pop)));

  // A "Mentioned in" link must land on its occurrence. Material's instant navigation scrolls to
  // the #fragment itself, but under load it can swap the page and skip the scroll. A renamed
  // term's old #id on another page links to its entry.
  function revealTarget() {
    const target = document.getElementById(fragment());
    if (!target) return;
    if (target.matches(".glossary-moved")) return location.replace(target.querySelector("a").href);
    const rect = target.getBoundingClientRect();
    if (rect.bottom < 0 || rect.top > window.innerHeight) target.scrollIntoView({ block: "center" });
  }

  // Material's instant navigation swaps the page without reloading: start each page afresh.
  function start() {
    cancel();
    closeAll();
    document.querySelectorAll(TERM).forEach((term) => term.setAttribute("aria-expanded", "false"));
    setTimeout(revealTarget, 100);
  }
  if (window.document$) window.document$.subscribe(start);
  else start();
  document.addEventListener("terms-change", closeAll); // reader.js: the Terms setting changed
})();
