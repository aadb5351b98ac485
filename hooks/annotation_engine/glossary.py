"""Write the glossary as Markdown: an A–Z index, one page per term, and each term's mentions.

The pages are ordinary Markdown, so the site generator validates every link in them. Parts that
must not be term-linked (sources, snippets, the index) sit in `no-annotate` blocks, which need
Python-Markdown's `md_in_html` extension.
"""

from __future__ import annotations

import html
import json
import posixpath
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from .fields import Source
from .link import NO_ANNOTATE
from .mentions import Mention, html_text
from .terms import Term

_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!])")
_URL_ESCAPES = {c: f"%{ord(c):02X}" for c in ' "<>()\\`'}


@dataclass(frozen=True)
class Discussion:
    """A page listed on the home page: its source path, title and one-line description."""

    src_uri: str
    title: str
    description: str = ""


def md_text(text: str) -> str:
    """Escape text so that Markdown shows it exactly as written."""
    return _MARKDOWN_SPECIALS.sub(r"\\\1", html.escape(text, quote=False))


def html_line(fragment: str) -> str:
    """An HTML fragment as one line of plain text (for page descriptions and the index)."""
    return " ".join(html_text(fragment).split())


def md_url(url: str) -> str:
    """A URL safe inside Markdown's `(...)`: characters that end or split the target are encoded."""
    return "".join(_URL_ESCAPES.get(c, c) for c in url)


def _unlinked(body: str, css: str) -> str:
    return f'<div class="{NO_ANNOTATE} {css}" markdown>\n\n{body}\n\n</div>'


def _front_matter(description: str) -> str:
    return f"---\ndescription: {json.dumps(description, ensure_ascii=False)}\n---\n\n"


def _source_line(source: Source) -> str:
    credit = ", ".join(filter(None, [md_text(source.authors), str(source.year or "")]))
    link = f"[{md_text(source.title)}]({md_url(source.url)})"
    return f"- {link}" + (f" ({credit})" if credit else "")


def entry_markdown(term: Term, terms: dict[str, Term], definition: str, details: str) -> str:
    """The entry page of one term, without its mentions (they are known only after the pages).
    `definition` and `details` are the term's own Markdown, already rendered and sanitised."""
    parts = [_front_matter(html_line(definition)), f"# {md_text(term.name)}\n"]
    if term.aliases:
        parts.append(_unlinked("Also written: " + ", ".join(md_text(a) for a in term.aliases), "term-aliases"))
    parts.append(f'<div class="term-definition">\n{definition}\n</div>')
    if details:
        parts.append(f'<div class="term-details">\n{details}\n</div>')
    parts.append("## Sources\n\n" + _unlinked("\n".join(map(_source_line, term.sources)), "term-sources"))
    if term.see_also:
        links = "\n".join(f"- [{md_text(terms[t].name)}]({t}.md)" for t in term.see_also if t in terms)
        parts.append("## See also\n\n" + _unlinked(links, "term-see-also"))
    return "\n\n".join(parts) + "\n"


def _mention_line(mention: Mention, href: str) -> str:
    label = mention.section or "Occurrence"
    quote = f"{md_text(mention.before)}<mark>{md_text(mention.text)}</mark>{md_text(mention.after)}"
    return f"- [{md_text(label)}]({href}#{mention.anchor}): <q>{quote}</q>"


def mentions_markdown(mentions: Iterable[Mention], titles: dict[str, str], from_src: str) -> str:
    """The "Mentioned in" section of one entry: every occurrence, grouped by page, linked exactly."""
    by_page: dict[str, list[Mention]] = defaultdict(list)
    for mention in mentions:
        by_page[mention.page].append(mention)
    if not by_page:
        return "## Mentioned in\n\n" + _unlinked("No discussion on this site uses this term yet.", "term-mentions") + "\n"
    blocks = []
    for page in sorted(by_page, key=lambda p: titles.get(p, p).casefold()):
        href = posixpath.relpath(page, posixpath.dirname(from_src) or ".")
        lines = [f"**[{md_text(titles.get(page, page))}]({href})**", ""]
        lines += [_mention_line(m, href) for m in by_page[page]]
        blocks.append("\n".join(lines))
    return "## Mentioned in\n\n" + _unlinked("\n\n".join(blocks), "term-mentions") + "\n"


def _letter(name: str) -> str:
    first = next((c for c in name if c.isalnum()), "#")
    return first.upper() if first.isalpha() else "#"


def index_markdown(terms: Iterable[Term], summaries: dict[str, str]) -> str:
    """The A–Z index of every term, each with its definition as one line of plain text."""
    by_letter: dict[str, list[Term]] = defaultdict(list)
    for term in sorted(terms, key=lambda t: t.name.casefold()):
        by_letter[_letter(term.name)].append(term)
    sections = []
    for letter in sorted(by_letter):
        items = [f"- [{md_text(t.name)}]({t.id}.md): {md_text(summaries[t.id])}" for t in by_letter[letter]]
        sections.append(f"## {letter}\n\n" + "\n".join(items))
    intro = ("# Glossary\n\nEvery term annotated on this site, A to Z. Each entry gives a short "
             "definition, its sources, related terms, and every place a discussion uses it.\n")
    description = "The glossary: every annotated term, from A to Z, with definitions and sources."
    return _front_matter(description) + intro + "\n" + _unlinked("\n\n".join(sections), "glossary-index") + "\n"


def discussions_markdown(discussions: Iterable[Discussion], from_src: str) -> str:
    """The home page's list of discussions, as Markdown links the generator validates."""
    folder = posixpath.dirname(from_src) or "."
    items = []
    for item in sorted(discussions, key=lambda d: d.title.casefold()):
        line = f"- [{md_text(item.title)}]({posixpath.relpath(item.src_uri, folder)})"
        items.append(line + (f": {md_text(item.description)}" if item.description else ""))
    return "\n".join(items) if items else "No discussions yet."
