"""Contributor Markdown becomes HTML here: rendered, then cleaned by nh3 (the Ammonia sanitizer),
keeping only the tags, attributes and URL schemes that a definition or a note needs.

A pull request can be hostile: a script tag, an event handler, a `javascript:` or `data:` URL,
an SVG or an iframe in any field must never reach a reader's browser. Everything the engine
renders from an annotation file goes through `clean`.
"""

from __future__ import annotations

import nh3

TAGS = frozenset("a abbr b blockquote br cite code em i li mark ol p q s small span strong sub sup ul".split())
ATTRIBUTES = {"a": {"href", "title", "class", "data-term"}, "abbr": {"title"}, "span": {"class"}}
URL_SCHEMES = frozenset({"http", "https", "mailto"})


def clean(html: str) -> str:
    """HTML that can hold text, emphasis, lists and links, and nothing that runs."""
    return nh3.clean(html, tags=set(TAGS), attributes={k: set(v) for k, v in ATTRIBUTES.items()},
                     url_schemes=set(URL_SCHEMES), link_rel=None, strip_comments=True)
