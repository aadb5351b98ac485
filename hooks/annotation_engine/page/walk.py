"""A converted page's structure as the engine reads it, stated once for linking terms (link.py),
anchoring notes (anchor.py) and reading comments (comments.py).

- Some elements hold no words of the text: code blocks, scripts, headings, a details box's
  summary, anything marked `no-annotate`, and the labels the engine writes (a comment's title and
  reply line, a quote's source, an edit's title, the notes). Nothing is linked, quoted or read
  inside them.
- Some hold words that are never made a link (links, inline code, abbreviations); a note's quote
  may run across them.
- Blocks (paragraphs, list items, quotes, boxes) bound an occurrence's context and a quote.
- A section is one comment of a discussion (`article.comment`), or else what a top-level heading
  starts: a term is linked at its first use in each, and a note stands at its end.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

HEADINGS = frozenset(["h1", "h2", "h3", "h4", "h5", "h6"])
NO_WORDS = frozenset(["pre", "script", "style", "textarea", "svg", "math", "summary", *HEADINGS])
NO_LINKS = frozenset(["a", "code", "kbd", "samp", "button", "abbr"])
NO_ANNOTATE = "no-annotate"
SITE_LABELS = frozenset(
    [
        NO_ANNOTATE,
        "admonition-title",
        "comment__title",
        "comment-meta",
        "comment-status",
        "quote-source",
        "section-notes",
        "sidenote",
    ]
)
PARAGRAPHS = frozenset(["p", "li", "dd", "dt", "td", "th", "figcaption", "caption"])  # blocks that hold words
BLOCKS = PARAGRAPHS | {"blockquote", "div", "ul", "ol", "dl", "table", "details", "article"}

COMMENT = "comment"  # the class of a comment's article
TOP_SECTION_HEADINGS = frozenset(["h1", "h2"])


def classes(element: etree.Element) -> set[str]:
    return set(element.get("class", "").split())


def holds_no_words(element: etree.Element) -> bool:
    """Nothing inside is linked, quoted or read as the text's words."""
    return element.tag in NO_WORDS or not SITE_LABELS.isdisjoint(classes(element))


def is_comment(element: etree.Element) -> bool:
    return element.tag == "article" and COMMENT in classes(element)


def starts_section(element: etree.Element) -> bool:
    """A comment, or a top-level heading outside comments."""
    return is_comment(element) or element.tag in TOP_SECTION_HEADINGS


Segment = tuple[etree.Element, etree.Element | None]  # (holder, None): holder.text; (holder, child): child.tail
Parents = dict[etree.Element, etree.Element]  # an element that holds words → its parent


def segments(root: etree.Element) -> tuple[list[Segment], Parents]:
    """The page's words in reading order, as the texts and tails that hold them, and the parent of
    every element they are in: one walk, made once for all of a page's notes (anchor.py)."""
    found: list[Segment] = []
    parents: Parents = {}

    def walk(element: etree.Element) -> None:
        found.append((element, None))
        for child in element:
            if not holds_no_words(child):
                parents[child] = element
                walk(child)
            found.append((element, child))

    walk(root)
    return found, parents


def segment_text(segment: Segment) -> str:
    holder, child = segment
    return (holder.text if child is None else child.tail) or ""
