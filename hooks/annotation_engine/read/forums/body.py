"""A post's HTML as the forum serves it: made safe, split into its own words and its quotes, and
read as the paragraphs a reader sees.

The importer turns each part into Markdown (tools/import_discussion.py); the build reads the same
parts of the saved source as paragraphs of text, and proves the page's comments against them
(page/fidelity.py). Both start from `clean`, so what a hostile post hides in a script or a style
is neither shown nor expected.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from html.parser import HTMLParser
from urllib.parse import quote

import nh3

# Struck-through text keeps its words without the line: the site's Markdown has no strikethrough.
TAGS = {"a", "b", "blockquote", "br", "code", "em", "hr", "i", "img"}
TAGS |= {"li", "ol", "p", "pre", "strong", "sub", "sup", "ul", "aside", "div"}
TABLES = {"table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td"}  # MkDocs always enables `tables`
TAGS |= TABLES
CELLS = {"td", "th", "caption"}
ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt"},
    "aside": {"class", "data-post", "data-topic"},
    "div": {"class"},
}
BLOCKS = {"p", "li", "blockquote", "div", "aside", "ul", "ol", "pre", "hr", *TABLES}  # a table's cell is a paragraph
# Blocks that have no tag here: each becomes a `div` (a term of a definition list, a paragraph in
# bold, as a heading does), so that its words stay apart from the next block's.
AS_DIV = {"address", "article", "dd", "details", "dialog", "dl", "figcaption", "figure", "footer", "header"}
AS_DIV |= {"main", "nav", "section", "summary", "center"}
VOID = {"br", "img", "hr"}  # elements without an end


def clean(html: str) -> str:
    """The post with nothing that runs or loads: no script, style, event handler or frame; links
    only to http(s) and mail addresses, and none relative to the forum (they would lead nowhere
    here: the words stay, the address goes); script and style contents dropped, not shown as text.
    Equations and headings are first made plain (`_Readable`)."""
    return _CLEANER.clean(_readable(html))


def _addresses(tag: str, attribute: str, value: str) -> str | None:
    """An address kept only whole and absolute, with every character that could end it in Markdown
    or HTML (spaces, brackets, quotes, angle brackets) percent-encoded."""
    if attribute not in ("href", "src"):
        return value
    return quote(value, safe=ADDRESS_SAFE) if absolute(value) else None


ADDRESS_SAFE = "/:?#@!$&'*+,;=%~-._"  # what stays as written in an address; the rest is percent-encoded


# Made once, as its options are converted on every `nh3.clean` call: a forum thread has thousands of posts.
_CLEANER = nh3.Cleaner(
    tags=TAGS,
    attributes={tag: set(names) for tag, names in ATTRIBUTES.items()},
    url_schemes={"http", "https", "mailto"},
    attribute_filter=_addresses,
    link_rel=None,
    strip_comments=True,
)


def absolute(url: str) -> bool:
    """An address that works from any page: a forum's own relative ones (`/uploads/…`) would not."""
    return url.startswith(("https://", "http://", "mailto:"))


def image_text(alt: str, src: str) -> str:
    """What stands for an image, which the page shows as a link to it: its description, or its
    address (`clean` has dropped one relative to the forum, such as an avatar's)."""
    return alt.strip() or src


@dataclass(frozen=True)
class Quoted:
    """Words a post quotes from another post of the thread (its id there), as HTML."""

    post: str
    html: str


Part = str | Quoted  # a run of the post's own words (HTML), or a quote


class _Paragraphs(HTMLParser):
    """Text by paragraph, as the page's check reads a comment: a run of text between two block
    boundaries is a paragraph (a code block too: the draft fences it, and the page reads it)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.run: list[str] = []  # the text of the paragraph being read
        self.cells = 0  # table cells open: a cell is one paragraph, whatever blocks it holds (Markdown's are one line)

    def flush(self) -> None:
        text = " ".join("".join(self.run).split())
        if text:
            self.found.append(text)
        self.run = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag in CELLS:
            self.flush()
            self.cells += 1
        elif tag in BLOCKS and self.cells:
            self.run.append(" ")
        elif tag in BLOCKS:
            self.flush()
        elif tag == "br":
            self.run.append(" ")
        elif tag == "img":
            self.run.append(image_text(values.get("alt", ""), values.get("src", "")))

    def handle_endtag(self, tag: str) -> None:
        if tag in CELLS:
            self.cells = max(self.cells - 1, 0)
            self.flush()
        elif tag in BLOCKS and self.cells:
            self.run.append(" ")
        elif tag in BLOCKS:
            self.flush()

    def handle_data(self, data: str) -> None:
        self.run.append(data)


def paragraphs(html: str) -> list[str]:
    """The paragraphs of safe HTML a reader reads, each with runs of whitespace as one space."""
    parser = _Paragraphs()
    parser.feed(html)
    parser.close()
    parser.flush()
    return parser.found


def _start_tag(tag: str, attributes: dict[str, str]) -> str:
    """An element's start tag, written again from what the parser read."""
    return f"<{tag}" + "".join(f' {name}="{escape(value)}"' for name, value in attributes.items()) + ">"


class _Split(HTMLParser):
    """Safe HTML written again event by event, with each quote (an element `quote_of` names the
    quoted post of) taken out as a `Quoted` of the words in its `blockquote`: the rest of the
    quote's element is the forum's label of it (who is quoted), not words."""

    def __init__(self, quote_of: Callable[[str, dict[str, str]], str | None]) -> None:
        super().__init__(convert_charrefs=True)
        self.quote_of = quote_of
        self.parts: list[Part] = []
        self.own: list[str] = []  # the post's own words since the last quote
        self.quoting: str | None = None  # the post the quote being read quotes
        self.words: list[str] = []  # that quote's words
        self.depth = 0  # elements open inside the quote's element
        self.inside = False  # in its blockquote

    def _write(self, text: str) -> None:
        if self.quoting is None:
            self.own.append(text)
        elif self.inside:
            self.words.append(text)

    def own_part(self) -> None:
        if "".join(self.own).strip():
            self.parts.append("".join(self.own))
        self.own = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        quoted = self.quote_of(tag, values) if self.quoting is None and tag not in VOID else None
        if quoted is not None:
            self.own_part()
            self.quoting, self.words, self.depth = quoted, [], 1
            return
        if self.quoting is not None and tag not in VOID:
            self.depth += 1
            if tag == "blockquote" and self.depth == 2:
                self.inside = True
                return
        self._write(_start_tag(tag, values))

    def handle_endtag(self, tag: str) -> None:
        if self.quoting is not None and tag not in VOID:
            self.depth -= 1
            if self.depth == 0:
                self.parts.append(Quoted(self.quoting, "".join(self.words)))
                self.quoting, self.inside = None, False
                return
            if tag == "blockquote" and self.depth == 1:
                self.inside = False
                return
        self._write(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        self._write(escape(data, quote=False))


def split_quotes(html: str, quote_of: Callable[[str, dict[str, str]], str | None]) -> list[Part]:
    """Safe HTML as its parts: runs of its own words, and the quotes `quote_of` recognises (an
    element, by tag and attributes → the id of the post it quotes, or None)."""
    parser = _Split(quote_of)
    parser.feed(html)
    parser.close()
    parser.own_part()
    return parser.parts


HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


class _Readable(HTMLParser):
    """A post's HTML written again event by event, with what would lose its words made plain:
    - each equation ForumMagnum rendered (`<mjx-container aria-label="TeX">`, glyphs drawn by CSS
      and no text) becomes its TeX in `<code>`;
    - each heading becomes a paragraph in bold: on the page a heading would be a section of the
      discussion, out of its comment, and in the contents beside it; so does a definition's term;
    - each block the site's Markdown has no form for (a definition, a details box, a figure)
      becomes a `div`, so that its words stay apart from the next block's;
    - each link preview the forum made (Discourse's `<aside class="onebox" data-onebox-src>`, the
      linked page's title and summary) becomes the link its author wrote: the rest is not theirs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.inside = 0  # elements open inside an equation or a link preview

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if self.inside:
            self.inside += tag not in VOID
        elif tag == "mjx-container" and values.get("aria-label", "").strip():
            self.out.append(f"<code>{escape(values['aria-label'].strip(), quote=False)}</code>")
            self.inside = 1
        elif tag == "aside" and "onebox" in values.get("class", "").split() and values.get("data-onebox-src"):
            address = escape(values["data-onebox-src"])
            self.out.append(f'<p><a href="{address}">{address}</a></p>')
            self.inside = 1
        elif tag in HEADINGS or tag == "dt":
            self.out.append("<p><strong>")
        elif tag in AS_DIV:
            self.out.append("<div>")
        else:
            self.out.append(_start_tag(tag, values))

    def handle_endtag(self, tag: str) -> None:
        if self.inside:
            self.inside -= tag not in VOID
        else:
            end = "</strong></p>" if tag in HEADINGS or tag == "dt" else "</div>" if tag in AS_DIV else f"</{tag}>"
            self.out.append(end)

    def handle_data(self, data: str) -> None:
        if not self.inside:
            self.out.append(escape(data, quote=False))


def _readable(html: str) -> str:
    parser = _Readable()
    parser.feed(html)
    parser.close()
    return "".join(parser.out)
