"""The JSON Schemas and the build's own validation agree, on the real files and on broken ones."""

import datetime
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from annotation_engine.model import Problem
from annotation_engine.read.discussions import read_discussion
from annotation_engine.read.schemas import DISCUSSION, FOLDER, NOTE, TERM
from conftest import ROOT
from factories import PAGE, note_yaml, parsed_note, parsed_term, term_yaml

pytestmark = pytest.mark.unit

SCHEMAS = (TERM, NOTE, DISCUSSION)
REGISTRY = Registry().with_resources([(s["$id"], Resource.from_contents(s)) for s in SCHEMAS])
VALIDATORS = {
    "terms": Draft202012Validator(TERM, registry=REGISTRY),
    "notes": Draft202012Validator(NOTE, registry=REGISTRY),
    "discussions": Draft202012Validator(DISCUSSION, registry=REGISTRY),
}
FILES = sorted((ROOT / "annotations").glob("*/*.yml"))
PAGES = sorted((ROOT / "docs" / "discussions").glob("*.md"))


def as_json(data: Any) -> Any:
    """YAML as JSON Schema sees it: a date, which YAML reads as a datetime.date, is its text."""
    if isinstance(data, dict):
        return {key: as_json(value) for key, value in data.items()}
    if isinstance(data, list):
        return [as_json(value) for value in data]
    return str(data) if isinstance(data, datetime.date) else data


def schema_errors(kind: str, text: str) -> list[str]:
    return [error.message for error in VALIDATORS[kind].iter_errors(as_json(yaml.safe_load(text) or {}))]


def page_with(front_matter: str) -> str:
    """A discussion page with this front matter, and a heading to take its title from."""
    return f"---\n{front_matter}---\n\n# Heading\n\nText.\n"


def build_problems(kind: str, text: str) -> list[Problem]:
    """What the build reports on the file (for a discussion, on its front matter)."""
    if kind == "discussions":
        problems: list[Problem] = []
        read_discussion(PAGE, f"docs/{PAGE}", page_with(text), problems.append)
        return problems
    item, problems = parsed_term(text, "x") if kind == "terms" else parsed_note(text, "x")
    assert (item is None) == bool(problems)
    return problems


def test_the_schemas_are_valid_json_schema():
    for schema in SCHEMAS:
        Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_annotation_file_names_and_passes_its_schema(path: Path):
    first = path.read_text(encoding="utf-8").splitlines()[0]
    schema = FOLDER / ("term" if path.parent.name == "terms" else "note")
    assert first == f"# yaml-language-server: $schema=../../hooks/annotation_engine/schemas/{schema.name}.schema.json"
    assert (path.parent / first.split("=", 1)[1]).resolve() == (FOLDER / f"{schema.name}.schema.json").resolve()
    errors = list(VALIDATORS[path.parent.name].iter_errors(yaml.safe_load(path.read_text(encoding="utf-8"))))
    assert errors == []


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.stem)
def test_every_discussion_s_front_matter_passes_its_schema_and_the_build(path: Path):
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n")
    front_matter = text[4 : text.index("\n---\n", 3) + 1]
    assert schema_errors("discussions", front_matter) == []
    problems: list[Problem] = []
    read_discussion(f"discussions/{path.name}", f"docs/discussions/{path.name}", text, problems.append)
    assert problems == []


TERM_TEXT = term_yaml()
NOTE_TEXT = note_yaml(page="discussions/a.md")


CASES = [
    ("terms", TERM_TEXT, True),
    (
        "terms",
        TERM_TEXT + "aliases: [a, b]\nsee_also: x\nmatch: {case_sensitive: true, plurals: false}\ndetails: more\n",
        True,
    ),
    ("terms", TERM_TEXT + "defintion: typo\n", False),
    ("terms", TERM_TEXT.replace("term: ELK\n", ""), False),
    ("terms", TERM_TEXT.replace("term: ELK", "term:"), False),
    ("terms", TERM_TEXT.replace("definition: d", "definition: ''"), False),
    ("terms", TERM_TEXT.replace("term: ELK", "term: [ELK]"), False),
    ("terms", TERM_TEXT + "aliases: ['  ']\n", False),
    ("terms", TERM_TEXT + "match: {case_sensitive: maybe}\n", False),
    ("terms", TERM_TEXT + "match: {plural: false}\n", False),
    ("terms", TERM_TEXT + "match: {every_use: true}\n", True),
    ("terms", TERM_TEXT.replace("https://example.org", "ftp://example.org"), False),
    ("terms", TERM_TEXT.replace("https://example.org", "https://"), False),
    ("terms", TERM_TEXT + "    year: soon\n", False),
    ("terms", TERM_TEXT + "    publisher: x\n", False),
    ("terms", "term: ELK\ndefinition: d\nsources: []\n", False),
    ("terms", TERM_TEXT.replace("term: ELK", 'term: "ELK\\nfoo"'), False),
    # used_in, only_in, renamed_from
    ("terms", TERM_TEXT + "used_in:\n  discussions/a.md: How it is used.\n  discussions/b.md: |\n    More.\n", True),
    pytest.param(
        "terms",
        TERM_TEXT + "used_in: {}\n",
        False,
    ),
    ("terms", TERM_TEXT + "used_in: [discussions/a.md]\n", False),
    ("terms", TERM_TEXT + "used_in:\n  discussions/a: text\n", False),
    ("terms", TERM_TEXT + "used_in:\n  discussions/a.md: ' '\n", False),
    ("terms", TERM_TEXT + "used_in:\n  discussions/a.md: [text]\n", False),
    ("terms", TERM_TEXT + "used_in:\n  discussions/a.md:\n", False),
    ("terms", TERM_TEXT + "only_in: discussions/a.md\n", True),
    ("terms", TERM_TEXT + "only_in: [discussions/a.md, discussions/b.md]\n", True),
    ("terms", TERM_TEXT + "only_in: [discussions/a]\n", False),
    ("terms", TERM_TEXT + "only_in: [3]\n", False),
    pytest.param("terms", TERM_TEXT + "only_in: []\n", False),
    ("terms", TERM_TEXT + "renamed_from: old-elk\n", True),
    ("terms", TERM_TEXT + "renamed_from: [old-elk, elk2]\n", True),
    ("terms", TERM_TEXT + "renamed_from: [Old_ELK]\n", False),
    ("terms", TERM_TEXT + "renamed_from: [old elk]\n", False),
    ("terms", TERM_TEXT + "renamed_from: {old: x}\n", False),
    ("notes", NOTE_TEXT, True),
    ("notes", NOTE_TEXT + "prefix: 'We '\nsuffix: ' now'\nsources:\n  - title: t\n    url: https://e.org\n", True),
    ("notes", NOTE_TEXT.replace("kind: context", "kind: gossip"), False),
    ("notes", NOTE_TEXT.replace("page: discussions/a.md", "page: discussions/a"), False),
    ("notes", NOTE_TEXT.replace("body: B\n", ""), False),
    ("notes", NOTE_TEXT + "anchor: x\n", False),
    ("notes", NOTE_TEXT + "sources: []\n", False),
    # a discussion's front matter (the page has a heading, so a title is never missing)
    (
        "discussions",
        "title: T\ndescription: One line.\ndate: 2024-01-05\nlink_terms: every-use\nsource_url: https://e.org/t\n",
        True,
    ),
    ("discussions", "date: '2024-01-05'\n", True),
    ("discussions", "link_terms: first-use-per-page\n", True),
    ("discussions", "titel: T\n", False),
    ("discussions", "title: [a]\n", False),
    ("discussions", "title: ''\n", False),
    ("discussions", "description: 3\n", False),
    ("discussions", "date: soon\n", False),
    ("discussions", "date: 2024\n", False),
    ("discussions", "link_terms: sometimes\n", False),
    ("discussions", "link_terms: [every-use]\n", False),
    ("discussions", "source_url: ftp://x\n", False),
    ("discussions", "source_url: https://\n", False),
    pytest.param("discussions", 'title: "A\\nB"\n', False),
    pytest.param("discussions", "date: 2024-01-05T10:00:00\n", False),
    pytest.param("discussions", "date: '20240105'\n", False),
]


@pytest.mark.parametrize("kind, text, valid", CASES)
def test_schema_and_build_validation_agree(kind, text, valid):
    by_schema, problems = schema_errors(kind, text), build_problems(kind, text)
    assert (not by_schema, not problems) == (valid, valid), (by_schema, problems)
