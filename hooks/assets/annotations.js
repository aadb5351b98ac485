// What a reader's browser does with annotations. Links to an exact occurrence land on it; and
// popovers (previews) open from three kinds of link, each a trigger (TRIGGERS): a term (a.term)
// shows its glossary entry; a comment's link to another (a.comment-ref), that comment's label and
// first lines; a glossary entry's "Mentioned in" link, the sentence it points to, fetched from this
// site once per page. Without this script each is a plain link, and clicking it (or Enter) still
// follows it. Pointer: opens after an intent delay, stays while the pointer is over the trigger or
// the popover, closes shortly after it leaves both. Keyboard: focus opens after the same delay,
// Tab moves on into the popover, Escape closes the top one and returns focus to its trigger.
// Touch: a tap opens instead of navigating, a second tap follows the link, a tap elsewhere
// closes. Triggers inside a popover open child popovers (a stack). Pin keeps a popover where it
// is until Close or Escape, whatever else the reader does.
// A term's later uses in a comment are plain text (span.term) unless the reader setting
// (reader.js) links them; with <html data-terms="off"> no term popover opens, on any page.
// WCAG 2.2 SC 1.4.13: dismissible, hoverable, persistent.
(() => {
  "use strict";
  const OPEN_DELAY = 400, CLOSE_DELAY = 300, SCROLL_QUIET = 200, MARGIN = 8, GAP = 6, WIDTH = 560;
  // Built as "#comment-2", a comment's link is made absolute by Material's instant navigation.
  const TERM = "a.term[data-term][href]", COMMENT = "a.comment-ref[href*='#comment-']", POPOVER = ".glossary-popover";
  const MENTION = ".term-mentions li > a[href*='#mention-']";
  const topLayer = typeof HTMLElement.prototype.showPopover === "function"; // else: fixed position

  const { made, button } = annotations;

  function tidy(copy) { // a copy of the page's text: no id twice, no notes, ¶ or popovers
    copy.querySelectorAll(`.note-ref, .sidenote, .headerlink, ${POPOVER}`).forEach((node) => node.remove());
    copy.querySelectorAll(".note-anchor").forEach((mark) => mark.replaceWith(...mark.childNodes));
    for (const node of [copy, ...copy.querySelectorAll("*")]) {
      ["id", "aria-controls", "aria-expanded"].forEach((name) => node.removeAttribute(name));
    }
    return copy;
  }

  const textOf = (heading) => tidy(heading.cloneNode(true)).textContent.trim();
  const goTo = (term, text) => { // the popover's last line: the trigger's own link
    const go = made("a", "", text);
    go.href = term.href;
    return made("p", "glossary-popover__more", go);
  };

  // The paragraph (or list item) around an occurrence, as text, the occurrence marked; a long one
  // is cut to the occurrence's sentence.
  function sentence(found) {
    const block = (found.closest("p, li") || found.parentElement).cloneNode(true), AT = "\u2063";
    block.querySelector(`#${CSS.escape(found.id)}`).replaceWith(AT);
    tidy(block).querySelectorAll("ul, ol").forEach((list) => list.remove()); // a list item's own text
    let [before, after] = block.textContent.replace(/\s+/g, " ").trim().split(AT);
    if (before.length + after.length > 400) {
      const start = before.split(/(?<=[.?!][”’")]*) /).pop(), end = after.match(/^.*?[.?!][”’")]*(?= |$)/);
      if (start !== before) before = `…${start}`;
      if (end && end[0] !== after) after = `${end[0]}…`;
    }
    return made("p", "glossary-popover__passage", before, made("mark", "", found.textContent), after);
  }

  // The page's popovers are a file beside it (popovers.py), named by the empty section that stands
  // for them: fetched once the page has loaded and been painted (nothing the reader sees first
  // waits on it, and a reader who points later finds it there), the section then replaced with the
  // file's, and each of the page's parts that wait there (the terms list's items, each note's
  // words after its opening and its sources line) put in place of its empty twin. `loading` is
  // the promise of that while it lasts.
  let loading = null;
  const loaded = new Promise((done) => {
    if (document.readyState === "complete") done();
    else window.addEventListener("load", done, { once: true });
  });
  const painted = new Promise((done) => { // a paint entry, not a timer: a paused tab paints later
    if (!PerformanceObserver.supportedEntryTypes?.includes("paint")) return done();
    new PerformanceObserver((_, observer) => { observer.disconnect(); done(); }).observe({ type: "paint", buffered: true });
  });
  const shown = Promise.all([loaded, painted]);
  const stored = (id) => { // a copy of the term's popover in the store, if it is there yet
    const body = document.querySelector(`#glossary-popovers [data-popover="${CSS.escape(id)}"]`);
    return body && [...body.cloneNode(true).childNodes];
  };
  function loadStore() {
    const empty = document.querySelector("section#glossary-popovers[data-src]");
    if (!empty) return;
    const url = new URL(empty.dataset.src, location.href);
    loading = shown.then(() => fetch(url)).then((response) => response.ok ? response.text() : Promise.reject(response))
      .then((text) => { // parsed as a document of its own: nothing in it runs (scripting is off there)
        const store = new DOMParser().parseFromString(text, "text/html").querySelector("section#glossary-popovers");
        if (!store || !empty.isConnected) return;
        for (const part of store.querySelectorAll(":scope > [data-part]")) { // each in place of its empty twin
          const twin = document.querySelector(`[data-part="${CSS.escape(part.dataset.part)}"]`);
          if (twin) twin.replaceWith(part);
          else part.remove();
        }
        empty.replaceWith(store);
        document.dispatchEvent(new Event("popovers-loaded")); // reader.js makes the terms list one Tab stop
      })
      .catch(() => { /* each term stays a plain link to its entry */ })
      .finally(() => { loading = null; });
  }

  // What each kind of trigger's popover shows: [its accessible name, its nodes, and nodes still to
  // come (a promise; the last node, "Loading…", stands for them)], or nothing to open.
  const pages = new Map(); // a discussion's address -> its parsed page, promised
  const TRIGGERS = [
    { selector: TERM, content: termPopover },
    { selector: COMMENT, content: commentPopover },
    { selector: MENTION, content: mentionPopover },
  ];
  const TRIGGER = TRIGGERS.map(({ selector }) => selector).join(", ");
  const contentOf = (term) => TRIGGERS.find(({ selector }) => term.matches(selector)).content(term);

  function termPopover(term) { // its glossary entry, from the page's popovers file
    const name = `${term.textContent}: glossary`, found = () => stored(term.dataset.term);
    if (found() || !loading) return found() && [name, found()];
    return [name, [made("p", "", "Loading…")], loading.then(() => found() || [goTo(term, "Go to its entry")])];
  }

  function commentPopover(term) { // its label, the first paragraph or two of its own words, a way there
    const heading = document.getElementById(annotations.fragment(term.hash));
    const comment = heading && heading.closest("article.comment");
    if (!comment) return null;
    const title = textOf(heading), blocks = [];
    const own = ":scope > :is(p, ul, ol, blockquote:not(.comment-quote))"; // the header and quotes are not its words
    for (const block of comment.querySelectorAll(own)) {
      if (blocks.length > 1 || (blocks[0] && blocks[0].textContent.length > 200)) break;
      blocks.push(block);
    }
    return [title, [made("p", "glossary-popover__name", title), ...blocks.map((block) => tidy(block.cloneNode(true))),
      goTo(term, `Go to ${title.split(" · ")[0].toLowerCase()}`)]];
  }

  function mentionPopover(term) { // the sentence of a mention on another page, fetched once per page
    const url = term.href.split("#")[0], name = term.textContent, id = annotations.fragment(term.hash);
    if (new URL(url).origin !== location.origin) return null;
    if (!pages.has(url)) {
      pages.set(url, fetch(url).then((response) => response.ok ? response.text() : Promise.reject(response))
        .then((html) => new DOMParser().parseFromString(html, "text/html"))
        .catch((error) => { pages.delete(url); throw error; })); // the next preview tries again
    }
    const passage = pages.get(url).then((page) => [sentence(page.getElementById(id))]).catch(() => []);
    return [`${name}: mention`, [made("p", "glossary-popover__name", name), made("p", "", "Loading…")],
      passage.then((nodes) => [...nodes, goTo(term, "Go to the mention")])];
  }

  const triggerOf = (node) => { // the trigger `node` is in; with Terms off, a term is none
    const found = node instanceof Element && node.closest(TRIGGER);
    return found && !(found.matches(TERM) && document.documentElement.dataset.terms === "off") ? found : null;
  };
  const inPopover = (node) => node instanceof Element && node.closest(POPOVER) !== null;

  function place(term, pop) { // beside its trigger, on the side with room, inside the viewport
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

  // The popovers' state, in one object, and its transitions, each a method named for what it does.
  const popovers = {
    stack: [], // open, a child after its parent: {term (its trigger), pop, pin, shut, pinned, touch}
    pending: null, // the trigger waiting out the intent delay
    openTimer: 0,
    closeTimer: 0,
    serial: 0, // of the popovers made: each its own id
    lastScroll: 0, // when the page last scrolled: a trigger scrolled under the pointer is no intent
    touched: false, // the last press was a finger or a pen
    quietFocus: null, // focus came back to this trigger as its popover closed: that must not reopen it
    dismissed: null, // Escaped while the pointer stays on it: it opens again only once the pointer leaves

    levelOf(term) {
      return this.stack.findIndex((level) => level.term === term);
    },

    intend(term) { // open after the intent delay, unless the pointer moves on first
      if (term === this.pending) return;
      clearTimeout(this.openTimer);
      this.pending = term;
      this.openTimer = setTimeout(() => { this.pending = null; this.open(term, false); }, OPEN_DELAY);
    },

    cancel() { // the pending trigger opens nothing
      clearTimeout(this.openTimer);
      this.pending = null;
    },

    open(term, touch) {
      this.cancel();
      if (!term.isConnected) return; // the page changed under a pending timer
      const existing = this.levelOf(term);
      if (existing >= 0) return this.closeAbove(existing);
      let parent = this.stack.length - 1;
      while (parent >= 0 && !this.stack[parent].pop.contains(term)) parent--;
      this.closeAbove(parent);
      const found = contentOf(term);
      if (!found) return;
      const [name, nodes, more] = found, pop = made("div", "glossary-popover md-typeset");
      pop.id = `glossary-popover-${++this.serial}`;
      pop.setAttribute("role", "dialog");
      pop.setAttribute("aria-label", name);
      const level = { term, pop, pinned: false, touch };
      level.pin = button("Pin", () => this.pin(level));
      level.shut = button("Close", () => this.close(level));
      this.show(level);
      const bar = made("div", "glossary-popover__bar", level.pin, level.shut);
      if (term.matches(TERM)) bar.append(button("I know this", () => this.know(level)));
      pop.append(bar, ...nodes);
      if (more) more.then((came) => { // the fetched page came: its passage replaces "Loading…"
        nodes[nodes.length - 1].replaceWith(...came);
        if (this.stack.includes(level)) place(term, pop);
      });
      term.after(pop); // right after the term: Tab moves from the term into its popover
      if (topLayer) {
        pop.popover = "manual"; // the top layer escapes any ancestor's overflow clipping
        pop.showPopover();
      }
      term.setAttribute("aria-expanded", "true");
      term.setAttribute("aria-controls", pop.id);
      place(term, pop);
      this.stack.push(level);
    },

    know({ term }) { // the reader knows the term: plain text on every discussion (reader.js), focus kept here
      const ids = annotations.known(), name = term.textContent;
      ids.add(term.dataset.term);
      annotations.setKnown(ids, `${name} is marked as known: plain text on every page. Take it back under “Terms on this page”.`);
      term.focus(); // where the reader was: reader.js keeps a known term focusable by script
      if (document.activeElement !== term) document.querySelector("article .terms-on-page summary")?.focus(); // listed apart now
    },

    pin(level) { // pinned, it stays where it is until closed by name; pressed again, it is not
      level.pinned = !level.pinned;
      this.show(level);
    },

    show(level) { // the buttons say what the level now is
      level.pin.setAttribute("aria-pressed", String(level.pinned));
      level.shut.hidden = !level.pinned && !level.touch;
    },

    remove(index) {
      const [{ term, pop }] = this.stack.splice(index, 1);
      if (topLayer && pop.matches(":popover-open")) pop.hidePopover();
      pop.remove();
      term.setAttribute("aria-expanded", "false");
      term.removeAttribute("aria-controls");
    },

    closeAll() {
      while (this.stack.length) this.remove(this.stack.length - 1);
    },

    closeAbove(index) { // all above `index` but the pinned and those holding one
      const stack = this.stack;
      for (let i = stack.length - 1; i > index; i--) {
        if (!stack.some((level) => level.pinned && stack[i].pop.contains(level.pop))) this.remove(i);
      }
    },

    close(level) { // and the popovers inside it, pinned or not
      const focusWasInside = level.pop.contains(document.activeElement) || level.term === document.activeElement;
      for (let i = this.stack.length - 1; i >= 0; i--) if (level.pop.contains(this.stack[i].pop)) this.remove(i);
      if (level.term.matches(":hover")) this.dismissed = level.term;
      if (focusWasInside && document.activeElement !== level.term) {
        this.quietFocus = level.term; // focus comes back to the term: that must not reopen it
        level.term.focus();
      }
    },

    prune() { // close each popover that nothing holds open any more
      const focus = document.querySelector(":focus-visible"); // a click's focus holds nothing open
      const active = ({ term, pop, pinned, touch }) =>
        pinned || touch || term.matches(":hover") || pop.matches(":hover") || term === focus || pop.contains(focus);
      let index = this.stack.length - 1;
      while (index >= 0 && !active(this.stack[index])) index--;
      this.closeAbove(index);
    },

    pruneSoon(delay, first = () => {}) { // after `delay`, unless pointed at again first
      clearTimeout(this.closeTimer);
      this.closeTimer = setTimeout(() => { first(); this.prune(); }, delay);
    },

    keepOpen() {
      clearTimeout(this.closeTimer);
    },

    follow() { // the page scrolled or resized: each popover stays by its trigger, a pinned one put
      this.stack.forEach(({ term, pop, pinned }) => pinned || place(term, pop));
    },

    restart() { // a new page (Material's instant navigation swaps it without reloading)
      this.cancel();
      this.closeAll();
      markTriggers();
    },
  };

  // This script owns aria-expanded: each trigger says its popover is closed, and a term the Terms
  // setting unlinked (reader.js, which owns href) says nothing.
  function markTriggers() {
    document.querySelectorAll("a.term[aria-expanded]").forEach((term) => term.removeAttribute("aria-expanded"));
    document.querySelectorAll(TRIGGER).forEach((term) => term.setAttribute("aria-expanded", "false"));
  }

  // What the reader does, and the transition each calls for.
  // pointermove, not pointerover: content scrolling under a still pointer is not intent.
  document.addEventListener("pointermove", (event) => {
    if (event.pointerType === "touch") return;
    const term = triggerOf(event.target);
    if (term || inPopover(event.target)) popovers.keepOpen();
    const quiet = Date.now() - popovers.lastScroll > SCROLL_QUIET;
    if (term && term !== popovers.dismissed && popovers.levelOf(term) < 0 && quiet) popovers.intend(term);
  });

  document.addEventListener("pointerout", (event) => {
    if (event.pointerType === "touch") return;
    const term = triggerOf(event.target);
    if (term && !term.contains(event.relatedTarget)) {
      popovers.cancel();
      if (term === popovers.dismissed) popovers.dismissed = null;
    }
    if (term || inPopover(event.target)) popovers.pruneSoon(CLOSE_DELAY);
  });

  document.addEventListener("focusin", (event) => {
    const term = triggerOf(event.target);
    if (term && term === popovers.quietFocus) popovers.quietFocus = null;
    else if (term && term.matches(":focus-visible") && popovers.levelOf(term) < 0) popovers.intend(term);
  });

  document.addEventListener("focusout", () => popovers.pruneSoon(0, () => {
    const pending = popovers.pending;
    if (pending && !pending.matches(":hover") && pending !== document.activeElement) popovers.cancel();
  }));

  document.addEventListener("keydown", (event) => {
    const stack = popovers.stack;
    if (event.key === "Escape" && stack.length) popovers.close(stack[stack.length - 1]);
  });

  document.addEventListener("pointerdown", (event) => {
    popovers.touched = event.pointerType === "touch" || event.pointerType === "pen";
    if (!triggerOf(event.target) && !inPopover(event.target)) popovers.closeAbove(-1);
  });

  // Capture phase: a tap must be caught before Material's instant navigation sees the click.
  window.addEventListener("click", (event) => {
    const term = triggerOf(event.target);
    if (!term || !popovers.touched || popovers.levelOf(term) >= 0) return; // a second tap follows the link
    event.preventDefault();
    event.stopPropagation();
    popovers.open(term, true);
  }, true);

  window.addEventListener("scroll", (event) => {
    if (inPopover(event.target)) return; // scrolling inside a popover moves nothing else
    popovers.lastScroll = Date.now();
    if (popovers.pending !== document.activeElement) popovers.cancel(); // Tab scrolls a focused term into view: keep it
    popovers.follow();
  }, { capture: true, passive: true });

  window.addEventListener("resize", () => popovers.stack.forEach(({ term, pop }) => place(term, pop)));
  window.addEventListener("hashchange", () => popovers.closeAbove(-1)); // a link followed on the page

  // A "Mentioned in" link must land on its occurrence. Material's instant navigation scrolls to
  // the #fragment itself, but under load it can swap the page and skip the scroll. A renamed
  // term's old #id on another page links to its entry.
  function revealTarget() {
    const target = document.getElementById(annotations.fragment());
    if (!target) return;
    if (target.matches(".glossary-moved")) return location.replace(target.querySelector("a").href);
    const rect = target.getBoundingClientRect();
    if (rect.bottom < 0 || rect.top > window.innerHeight) target.scrollIntoView({ block: "center" });
  }

  function start() {
    loadStore();
    popovers.restart();
    setTimeout(revealTarget, 100);
  }
  if (window.document$) window.document$.subscribe(start);
  else start();
  document.addEventListener("terms-change", () => popovers.restart()); // reader.js: the Terms setting changed
  document.addEventListener("sidenotes-placed", revealTarget); // sidenotes.js: a note landed on has moved
})();
