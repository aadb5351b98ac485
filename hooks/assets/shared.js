// What the other scripts share, each defined once. The wide-screen media query and the Terms
// setting's storage key are the build's (SETTINGS in hooks/mkdocs_adapter/site.py), written in
// where this file names them; the stylesheets' `@media screen and (--annotations-wide)` is the
// same query, and the page's head reads the same key before the first paint.
const annotations = Object.freeze({
  wide: matchMedia("(--annotations-wide)"),
  termsKey: "--annotations-terms-key",
  fragment: (hash = location.hash) => { // an address's #fragment, decoded
    try { return decodeURIComponent(hash.slice(1)); } catch { return hash.slice(1); }
  },
});
