"""The glossary: an A–Z index, and one page per letter holding a section per term.

Why a page per letter and not per term: a page through Material's theme costs about 6 ms of CPU
whatever it holds, so 2,000 terms as 2,000 pages cost 12.7 ms a term, and MkDocs keeps every page
in memory until the build ends (docs/about/performance.md). A section's heading id is the term's one
address (`glossary/e/#elk`); the old per-term address (`glossary/elk/`) redirects there.

A page's Markdown holds only what the site generator must know: its title, one heading per term
(so the table of contents, search and link validation know each address) and markers. `fill`
replaces the markers: the other names and the definition before the search plugin reads the page
(a term is found by its names and definition, and the index every reader downloads stays small);
the details, sources, related terms and "Mentioned in" list once every page has been parsed,
after search (mention snippets belong to the discussions).
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
import xml.etree.ElementTree as etree
from collections import defaultdict
from typing import Any
from collections.abc import Callable, Iterable, Mapping

from .export import DATA, SCHEMA
from ..markdown_text import escape_markdown
from ..marks import marker
from ..model import Discussion, Occurrence, Term
from ..refs import ref, resolve_ref
from ..page.render import source_link, term_link

OTHER = "other"  # the page for names that start with a digit, a symbol or a non-Latin letter


def letter_of(name: str) -> str:
    """The slug of the letter page a name is listed on: 'a' to 'z', or OTHER."""
    first = unicodedata.normalize("NFKD", next((c for c in name if c.isalnum()), " "))[0]  # é → e
    return first.lower() if first.isascii() and first.isalpha() else OTHER


def _front_matter(title: str, description: str) -> str:
    return (
        f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\n"
        f"description: {json.dumps(description, ensure_ascii=False)}\n---\n\n"
    )


def _label(slug: str) -> str:
    return slug.upper() if slug != OTHER else "Other"


class Glossary:
    """Where each term lives, and the glossary's pages: Markdown skeletons and the HTML that fills them."""

    def __init__(self, folder: str, terms: Mapping[str, Term]) -> None:
        self.folder = folder
        self.terms = terms
        self.index = f"{folder}/index.md"
        by_letter: dict[str, list[Term]] = defaultdict(list)
        for term in sorted(terms.values(), key=lambda t: t.name.casefold()):
            by_letter[letter_of(term.name)].append(term)
        self.moved: dict[str, list[tuple[str, Term]]] = defaultdict(list)
        """A letter page → the former ids whose entry was likely there and is now on another page
        (the letter of an id is taken to be that of the name it was made from)."""
        for term in sorted(terms.values(), key=lambda t: t.name.casefold()):
            for old in term.renamed_from:
                if letter_of(old) != letter_of(term.name):
                    self.moved[letter_of(old)].append((old, term))
        for slug in self.moved:
            by_letter.setdefault(slug, [])  # a former id's page with no entry left: its old addresses still land
        self.letter_pages = {f"{folder}/{slug}.md": terms for slug, terms in sorted(by_letter.items())}
        """Source path of each letter page → its terms, A to Z."""
        self.labels = {f"{folder}/{slug}.md": _label(slug) for slug, listed in sorted(by_letter.items()) if listed}
        self._refs = {t.id: ref(f"{folder}/{letter_of(t.name)}.md", t.id) for t in terms.values()}

    def entry_ref(self, term_id: str) -> str:
        """The one address of a term's entry, as a reference."""
        return self._refs[term_id]

    def redirects(self) -> dict[str, str]:
        """The per-term source paths of earlier versions, for every id a term has or had → the id of
        the term whose entry is now on a letter page. A one-letter id's old address is its letter's
        page, which holds the entry (or, for a former id, a link to it)."""
        ids = {old: term.id for term in self.terms.values() for old in (term.id, *term.renamed_from)}
        return {
            f"{self.folder}/{old}.md": new
            for old, new in ids.items()
            if f"{self.folder}/{old}.md" not in self.letter_pages
        }

    def _former_ids(self, term: Term) -> str:
        """Targets for a renamed term's old fragments (`#<old id>`) on its entry's page."""
        return "".join(f'<div id="{old}" class="glossary-former-id"></div>\n\n' for old in term.renamed_from)

    def _moved_here(self, slug: str) -> str:
        """On a letter page, the old addresses of entries now on another page (`#<id>`): each holds a
        link to the entry, which the page's script follows."""
        return "".join(
            f'<p id="{old}" class="glossary-moved">The entry “{html.escape(old)}” is now '
            f'<a href="{self.entry_ref(term.id)}">{html.escape(term.name)}</a>.</p>\n'
            for old, term in self.moved.get(slug, ())
        )

    def redirect_html(self, term_id: str, url: Callable[[str], str]) -> str:
        """A page at an entry's old address (glossary/<id>/) that sends the reader to its section;
        `url` is the generator's URL function from that page."""
        name, reference = html.escape(self.terms[term_id].name), html.escape(resolve_ref(self.entry_ref(term_id), url))
        return (
            f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{name}</title>'
            f'<meta name="robots" content="noindex"><link rel="canonical" href="{reference}">'
            f'<meta http-equiv="refresh" content="0; url={reference}"></head><body><p>The entry '
            f'<a href="{reference}">{name}</a> is now in the glossary’s A–Z pages.</p></body></html>\n'
        )

    def markdown(self, summaries: Mapping[str, str]) -> dict[str, str]:
        """Source path → Markdown of the index and of every letter page."""
        pages = {
            self.index: _front_matter(
                "Glossary", "The glossary: every annotated term, from A to Z, with definitions and sources."
            )
            + "# Glossary\n\nEvery term annotated on this site, A to Z. Each entry gives a short definition, "
            "its sources, related terms, and every place a discussion uses it.\n\n"
            f"The glossary is also available as data: [{DATA}]({ref(DATA)}) ([JSON Schema]({ref(SCHEMA)})).\n\n"
            + marker("index")
            + "\n"
        }
        for src_uri, terms in self.letter_pages.items():
            slug = src_uri.removeprefix(f"{self.folder}/").removesuffix(".md")
            label = _label(slug)
            names = ", ".join(t.name for t in terms)
            description = (
                f"Glossary entries under {label}: {names}."
                if len(terms) > 1
                else summaries[terms[0].id]
                if terms
                else f"No entry is listed under {label} now: these entries moved."
            )
            parts = [_front_matter(f"Glossary: {label}", description), f"# Glossary: {label}\n", marker("letters")]
            for term in terms:
                parts += [
                    self._former_ids(term) + f"## {escape_markdown(term.name)} {{#{term.id}}}\n",
                    marker("entry", term.id),
                    marker("more", term.id),
                ]
            pages[src_uri] = "\n\n".join([*parts, self._moved_here(slug)]) + "\n"
        return pages

    def letters_html(self, current: str) -> str:
        """Links to every letter page; the current one marked."""
        links = []
        for src_uri, label in self.labels.items():
            mark = ' aria-current="page"' if src_uri == current else ""
            links.append(f'<a href="{ref(src_uri)}"{mark}>{label}</a>')
        return f'<nav class="glossary-letters" aria-label="Glossary, A to Z">{" ".join(links)}</nav>'

    def index_html(self, summaries: Mapping[str, str]) -> str:
        """The A–Z index: every term with its definition as one line of plain text."""
        sections = [self.letters_html(self.index)]
        for src_uri, label in self.labels.items():
            terms = self.letter_pages[src_uri]
            items = "".join(
                f'<li><a href="{self.entry_ref(t.id)}">{html.escape(t.name)}</a>: {html.escape(summaries[t.id])}</li>'
                for t in terms
            )
            sections.append(f'<h2><a href="{ref(src_uri)}">{label}</a></h2><ul>{items}</ul>')
        return f'<div class="glossary-index">{"".join(sections)}</div>'


def entry_html(term: Term, definition: str) -> str:
    """What search finds of an entry, besides its name: its other names and its definition."""
    aliases = (
        f'<p class="term-aliases">Also written: {html.escape(", ".join(term.aliases))}</p>' if term.aliases else ""
    )
    return f'{aliases}<div class="term-definition">{definition}</div>'


def more_html(term: Term, glossary: Glossary, details: str, mentions: str, edit_url: str | None = None) -> str:
    """The rest of an entry: details, sources, related terms, where the discussions use it, and
    where to correct it (`edit_url`: the term's file in the site's repository, if it has one)."""
    sources = "".join(f"<li>{source_link(source)}</li>" for source in term.sources)
    parts = [f'<div class="term-details">{details}</div>'] if details else []
    parts.append(f'<h3>Sources</h3><ul class="term-sources">{sources}</ul>')
    related = [glossary.terms[t] for t in term.see_also if t in glossary.terms]
    if related:
        items = "".join(f"<li>{term_link(t, glossary.entry_ref(t.id))}</li>" for t in related)
        parts.append(f'<h3>See also</h3><ul class="term-see-also">{items}</ul>')
    parts.append(f"<h3>Mentioned in</h3>{mentions}")
    if edit_url:
        parts.append(
            f'<p class="term-edit"><a href="{html.escape(edit_url)}">Edit this term</a>: '
            "its file in the repository, to correct it or add a source.</p>"
        )
    return "".join(parts)


def mentions_html(occurrences: Iterable[Occurrence], discussions: Iterable[Discussion], uses: Mapping[str, str]) -> str:
    """Every occurrence of one term, grouped by discussion in the site's order of discussions,
    each linked to its exact place; under each discussion, how it uses the term (`uses`: a
    discussion's path → HTML), if the term says."""
    by_page: dict[str, list[Occurrence]] = defaultdict(list)
    for occurrence in occurrences:
        by_page[occurrence.page].append(occurrence)
    blocks = []
    for discussion in discussions:
        page = discussion.src_uri
        if page not in by_page and page not in uses:
            continue
        use = f'<div class="term-use">{uses[page]}</div>' if page in uses else ""
        items = "".join(
            f'<li><a href="{ref(page, o.anchor)}">{html.escape(o.section or "Occurrence")}</a>: '
            f"<q>{html.escape(o.before)}<mark>{html.escape(o.text)}</mark>{html.escape(o.after)}</q></li>"
            for o in by_page.get(page, ())
        )
        title = html.escape(discussion.title)
        blocks.append(f'<p><strong><a href="{ref(page)}">{title}</a></strong></p>{use}<ul>{items}</ul>')
    if not blocks:
        return '<div class="term-mentions"><p>No discussion on this site uses this term yet.</p></div>'
    return f'<div class="term-mentions">{"".join(blocks)}</div>'


SUMMARY_WORDS = 40


def _shortened(text: str) -> str:
    """A paragraph as a description: its first SUMMARY_WORDS words."""
    words = text.split()
    return " ".join(words[:SUMMARY_WORDS]) + ("…" if len(words) > SUMMARY_WORDS else "")


def discussions_html(discussions: Iterable[Discussion], first_paragraphs: Mapping[str, str]) -> str:
    """The home page's list of discussions, in the site's order; a discussion without a
    description is described by its first paragraph."""
    items = []
    for page in discussions:
        description = page.description or _shortened(first_paragraphs.get(page.src_uri, ""))
        item = f'<li><a href="{ref(page.src_uri)}">{html.escape(page.title)}</a>'
        items.append(item + (f": {html.escape(description)}" if description else "") + "</li>")
    return f'<ul class="discussion-list">{"".join(items)}</ul>' if items else "<p>No discussions yet.</p>"
