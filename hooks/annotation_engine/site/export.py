"""The glossary as data: `glossary.json` beside the site's pages, and schema.org JSON-LD on its pages.

Both say what the pages show, from the same parts: the sanitised definition HTML and its plain
text (the index's line), each entry's address by the site generator's URL function, and the
counts of "Terms on this page". Nothing in them depends on when the site was built, so two
builds of one tree give the same bytes.

The generator publishes two files at the site's root: DATA, the text `glossary_json` gives, and
SCHEMA, the file SCHEMA_FILE (the JSON Schema of DATA), which DATA names in its `$schema`.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin

from ..model import Discussion, Source, Term
from ..refs import resolve, resolve_ref
from ..read.schemas import FOLDER

DATA = "glossary.json"
SCHEMA = "glossary.schema.json"
SCHEMA_FILE = FOLDER / "glossary.schema.json"
VERSION = 1  # raised when a field changes meaning or goes: a consumer can refuse what it does not know


Url = Callable[[str], str]
"""The generator's URL function: a page's source path → its URL from one place (the site's root, or a page)."""


@dataclass(frozen=True)
class Entry:
    """A term as the glossary shows it: `definition` is its sanitised HTML with `site:` references,
    `summary` the same as one line of plain text, `ref` the reference of its entry."""

    term: Term
    definition: str
    summary: str
    ref: str


def _source(source: Source) -> dict[str, Any]:
    """A source with the fields its term file gives, and no empty ones."""
    found: dict[str, Any] = {"title": source.title, "url": source.url, "authors": source.authors, "year": source.year}
    return {key: value for key, value in found.items() if value}


def _mentions(
    term_id: str, discussions: Iterable[Discussion], uses: Mapping[str, Mapping[str, int]], url: Url
) -> list[dict[str, Any]]:
    """The discussions that use the term, in the site's order, with how often each does."""
    return [
        {"page": d.src_uri, "url": url(d.src_uri), "title": d.title, "count": uses[d.src_uri][term_id]}
        for d in discussions
        if uses.get(d.src_uri, {}).get(term_id)
    ]


def glossary_data(
    entries: Iterable[Entry],
    index: str,
    discussions: Iterable[Discussion],
    uses: Mapping[str, Mapping[str, int]],
    url: Url,
) -> dict[str, Any]:
    """What DATA holds: every term, by id, with the discussions that use it (`uses`: a
    discussion's source path → the uses of each term there); `index` is the glossary's index page."""
    url = functools.cache(url)  # each discussion is asked for once per term that it uses
    shown, listed = list(discussions), sorted(entries, key=lambda e: e.term.id)
    known = {e.term.id for e in listed}
    terms = [
        {
            "id": e.term.id,
            "name": e.term.name,
            "aliases": list(e.term.aliases),
            "definition": e.summary,
            "definition_html": resolve(e.definition, url),
            "url": resolve_ref(e.ref, url),
            "former_ids": list(e.term.renamed_from),
            "sources": [_source(s) for s in e.term.sources],
            "see_also": [t for t in e.term.see_also if t in known],  # as the entry: a wrong id is reported
            "mentions": _mentions(e.term.id, shown, uses, url),
        }
        for e in listed
    ]
    return {"$schema": SCHEMA, "version": VERSION, "glossary": url(index), "terms": terms}


def glossary_json(data: Mapping[str, Any]) -> str:
    """Compact: with an indent, json.dumps leaves its C encoder for Python's, three times slower
    on a large glossary; any JSON viewer lays it out."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


def defined_terms(entries: Iterable[Entry], index: str, url: Url, base: str) -> dict[str, Any]:
    """schema.org's account of a glossary page: the glossary as a DefinedTermSet, with a
    DefinedTerm for each of `entries`, the terms this page defines. `url` gives URLs from this
    page, made absolute from `base`, the page's own absolute URL (empty: they stay relative,
    which JSON-LD reads from the page's address)."""
    glossary = urljoin(base, url(index))
    return {
        "@context": "https://schema.org",
        "@type": "DefinedTermSet",
        "@id": glossary,
        "name": "Glossary",
        "url": glossary,
        "hasDefinedTerm": [_defined_term(e, glossary, urljoin(base, resolve_ref(e.ref, url))) for e in entries],
    }


def _defined_term(entry: Entry, glossary: str, address: str) -> dict[str, Any]:
    term = entry.term
    aliases = {"alternateName": list(term.aliases)} if term.aliases else {}
    return {
        "@type": "DefinedTerm",
        "@id": address,
        "termCode": term.id,
        "name": term.name,
        **aliases,
        "description": entry.summary,
        "url": address,
        "inDefinedTermSet": glossary,
    }


_SCRIPT_ESCAPES = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def json_ld(data: Mapping[str, Any]) -> str:
    """`data` in a `<script type="application/ld+json">`. Inside a script element only `</script`
    ends it, and `<!--` changes how that is found: with every `<`, `>` and `&` a JSON escape, no
    text from a term file can end the element or open markup (the same JSON, to a JSON reader)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_SCRIPT_ESCAPES)
    return f'<script type="application/ld+json">{text}</script>'
