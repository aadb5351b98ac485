"""The one set of factories for the tests: terms, notes, sources and discussions as objects, terms
and notes as YAML files (and written into an annotations folder), and the parsers wrapped so a
test can read what they report."""

from __future__ import annotations

import datetime
import xml.etree.ElementTree as etree
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from annotation_engine.model import Discussion, Note, Problem, Source, Term
from annotation_engine.read.load import parse_yaml
from annotation_engine.read.validate import parse_note, parse_term

SOURCE = Source("t", "https://example.org")

TERM_ELK = """\
term: ELK
aliases: [eliciting latent knowledge]
definition: Getting a model to report what it knows. See [the report](https://example.org/report).
sources:
  - title: Eliciting Latent Knowledge
    url: https://example.org/elk
see_also: [debate]
"""
TERM_DEBATE = """\
term: debate
definition: Two models argue and a human judges; related to ELK.
sources:
  - title: AI safety via debate
    url: https://arxiv.org/abs/1805.00899
    authors: Irving, Christiano, Amodei
    year: 2018
"""

PAGE = "discussions/talk.md"  # the discussion the unit tests' notes and uses are about


def term(term_id: str, name: str | None = None, *aliases: str, **fields: Any) -> Term:
    """A valid term; `fields` are Term's other fields (definition, details, see_also, used_in, …)."""
    fields.setdefault("definition", "d")
    fields.setdefault("sources", (SOURCE,))
    fields.setdefault("path", f"annotations/terms/{term_id}.yml")
    return Term(term_id, name or term_id, aliases=aliases, **fields)


def note(note_id: str = "n", quote: str = "10x more time", **fields: Any) -> Note:
    """A valid note on PAGE; `fields` are Note's other fields."""
    defaults: dict[str, Any] = {"page": PAGE, "kind": "context", "title": "Title", "body": "Body."}
    defaults["path"] = f"annotations/notes/{note_id}.yml"
    defaults["lines"] = {"quote": 2}
    return Note(note_id, quote=quote, **(defaults | fields))


def discussion(name: str, title: str | None = None, date: str | None = None, **fields: Any) -> Discussion:
    """The discussion docs/discussions/`name`.md; `date` as YYYY-MM-DD; `fields` are Discussion's other fields."""
    day = datetime.date.fromisoformat(date) if date else None
    return Discussion(f"discussions/{name}.md", f"docs/discussions/{name}.md", title or name, date=day, **fields)


def term_yaml(name: str = "ELK", extra: str = "") -> str:
    """A valid term file's text; `extra` is more YAML lines, before the definition."""
    return f"term: {name}\n{extra}definition: d\nsources:\n  - title: t\n    url: https://example.org\n"


def note_yaml(quote: str = "q", page: str = PAGE, extra: str = "") -> str:
    """A valid note file's text; `extra` is more YAML lines."""
    return f"page: {page}\nquote: {quote}\nkind: context\ntitle: T\nbody: B\n{extra}"


def parsed_yaml(data: bytes | str, path: str = "x.yml") -> tuple[Any, list[Problem]]:
    """`load.parse_yaml` on `data`: the mapping or None, and the problems it reported."""
    problems: list[Problem] = []
    return parse_yaml(path, data, problems.append), problems


def parsed_term(data: bytes | str, term_id: str = "elk") -> tuple[Term | None, list[Problem]]:
    """A term file's text parsed and validated as the build does: the term or None, and the problems."""
    problems: list[Problem] = []
    path = f"annotations/terms/{term_id}.yml"
    doc = parse_yaml(path, data.encode() if isinstance(data, str) else data, problems.append)
    return (parse_term(term_id, path, doc, problems.append) if doc is not None else None), problems


def parsed_note(data: bytes | str, note_id: str = "n") -> tuple[Note | None, list[Problem]]:
    """A note file's text parsed and validated as the build does: the note or None, and the problems."""
    problems: list[Problem] = []
    path = f"annotations/notes/{note_id}.yml"
    doc = parse_yaml(path, data.encode() if isinstance(data, str) else data, problems.append)
    return (parse_note(note_id, path, doc, problems.append) if doc is not None else None), problems


def write_annotations(root: Path, files: Mapping[str, str]) -> Path:
    """Write `files` (a path inside the annotations folder, e.g. 'terms/elk.yml' → its text) under
    root/annotations, and return that folder."""
    folder = root / "annotations"
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return folder


def note_body(text: str = "Body.") -> etree.Element:
    """A rendered note body, as Renderer.note_body gives it: a span.sidenote__body."""
    body = etree.Element("span", {"class": "sidenote__body"})
    etree.SubElement(body, "span").text = text
    return body
