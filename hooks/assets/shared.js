// What the other scripts share, each defined once. The wide-screen media query and the storage
// keys of the Terms setting and of the known terms are the build's (SETTINGS in
// hooks/mkdocs_adapter/site.py), written in where this file names them; the stylesheets'
// `@media screen and (--annotations-wide)` is the same query, and the page's head reads the same
// keys before the first paint.
let knownHere = null; // the known terms, where the browser refuses storage: for this page only
const annotations = Object.freeze({
  wide: matchMedia("(--annotations-wide)"),
  termsKey: "--annotations-terms-key",
  made(tag, className, ...children) { // an element, with its class and what it holds
    const node = document.createElement(tag);
    if (className) node.className = className;
    node.append(...children);
    return node;
  },
  button(label, onclick, name = "") { // a button that does `onclick`; `name`, if given, is what it says to a screen reader
    const pressed = annotations.made("button", "", label);
    pressed.type = "button";
    pressed.onclick = onclick;
    if (name) pressed.setAttribute("aria-label", name);
    return pressed;
  },
  known() { // the ids of the terms the reader marked as known, kept in this browser only
    if (knownHere) return new Set(knownHere);
    try {
      const ids = JSON.parse(localStorage.getItem("--annotations-known-key") || "[]");
      return new Set(Array.isArray(ids) ? ids.map(String) : []);
    } catch { return new Set(); }
  },
  setKnown(ids, message) { // stored, said to screen readers, and followed by every script ("known-change")
    try {
      localStorage.setItem("--annotations-known-key", JSON.stringify([...ids]));
    } catch {
      knownHere = new Set(ids); // storage refused: this page remembers
    }
    document.dispatchEvent(new Event("known-change"));
    let status = document.getElementById("annotations-status");
    if (!status) {
      status = annotations.made("div", "annotations-status");
      status.id = "annotations-status";
      status.setAttribute("role", "status");
      document.body.append(status);
    }
    status.textContent = message;
  },
  fragment: (hash = location.hash) => { // an address's #fragment, decoded
    try { return decodeURIComponent(hash.slice(1)); } catch { return hash.slice(1); }
  },
});
