// Sidenotes on wide screens: each note beside its reference number, shortened to a few lines
// with a button to show the rest, and pushed down just enough never to overlap the one above.
// The notes sit at the end of their comment (anchor.py). Without this script they float in the
// margin there, in full (CSS); on narrow screens CSS alone shows a note when its number is followed.
(() => {
  "use strict";
  const WIDE = annotations.wide, GAP = 12;
  const article = () => document.querySelector("article.md-content__inner");

  function layout() {
    const root = article();
    if (!root) return;
    const notes = [...root.querySelectorAll(".sidenote")];
    const on = WIDE.matches && notes.length > 0;
    root.classList.toggle("sidenotes-placed", on);
    root.style.minHeight = "";
    if (!on) notes.forEach((note) => { note.style.top = ""; });
    else place(root, notes);
    if (landing) document.dispatchEvent(new Event("sidenotes-placed")); // annotations.js reveals the target
  }

  // A link to a note lands before the notes are placed, where the note was, and they are placed
  // again as the page fills in (fonts; from the popovers file, each note's words after its opening
  // and its sources line). Each time, until the reader moves on, the page is told, so that the
  // link's target is brought into view where it stands.
  let landing = false;
  for (const type of ["wheel", "touchmove", "keydown", "pointerdown"]) {
    window.addEventListener(type, () => { landing = false; }, { passive: true, capture: true });
  }

  function place(root, notes) {
    const origin = root.getBoundingClientRect().top;
    let next = 0;
    for (const note of notes) {
      const ref = document.getElementById(`note-ref-${note.id.slice("note-".length)}`);
      const top = Math.max(ref ? ref.getBoundingClientRect().top - origin : next, next);
      const parent = note.offsetParent || root; // the article, unless a box in between is positioned
      const shift = parent.getBoundingClientRect().top - origin;
      note.style.top = `${Math.round(top - shift)}px`;
      next = top + note.offsetHeight + GAP;
    }
    if (next > root.offsetHeight) root.style.minHeight = `${Math.ceil(next)}px`;
  }

  function toggle(note, open) {
    note.classList.toggle("is-open", open);
    const button = note.querySelector(".sidenote__toggle"); // only on wide screens
    if (button) {
      button.setAttribute("aria-expanded", String(open));
      button.textContent = open ? "Show less" : "Show the whole note";
    }
    soon();
  }

  function addToggles(root) {
    for (const note of root.querySelectorAll(".sidenote:not(:has(.sidenote__toggle))")) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "sidenote__toggle";
      note.querySelector(".sidenote__body").after(button);
      button.addEventListener("click", () => toggle(note, !note.classList.contains("is-open")));
      toggle(note, targeted(note));
    }
  }

  let frame = 0;
  const soon = () => { cancelAnimationFrame(frame); frame = requestAnimationFrame(layout); };
  const resized = new ResizeObserver(soon);
  WIDE.addEventListener("change", () => {
    const root = article();
    if (root && WIDE.matches) addToggles(root);
    soon();
  });
  window.addEventListener("resize", soon);
  const targeted = (note) => annotations.fragment() === note.id;
  // Following a note's number opens the note; its back arrow closes it. CSS does the same with
  // :target, but Material's instant navigation may move to #note-… without making it the target.
  document.addEventListener("click", (event) => {
    const link = event.target instanceof Element && event.target.closest(".note-ref a, .sidenote__back");
    const id = link && link.getAttribute("href").split("#")[1];
    const note = id && document.getElementById(link.matches(".sidenote__back") ? id.replace(/^note-ref-/, "note-") : id);
    if (note && note.classList.contains("sidenote")) toggle(note, !link.matches(".sidenote__back"));
  });
  window.addEventListener("hashchange", () => {
    const root = article();
    const note = root && [...root.querySelectorAll(".sidenote")].find(targeted);
    if (note && !note.classList.contains("is-open")) toggle(note, true);
    landing = Boolean(note);
    soon();
  });
  document.fonts?.ready.then(soon);
  document.addEventListener("popovers-loaded", soon); // notes grow by their rest, whatever else moves

  function start() {
    resized.disconnect();
    const root = article();
    if (!root) return;
    if (WIDE.matches) addToggles(root); // a narrow screen shows a note whole: no button to make
    resized.observe(root);
    landing = true;
    soon();
  }
  if (window.document$) window.document$.subscribe(start);
  else start();
})();
