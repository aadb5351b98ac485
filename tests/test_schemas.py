"""The JSON Schemas and the build's own validation agree, on the real files and on broken ones."""

from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from annotation_engine.load import parse_yaml
from annotation_engine.schemas import FOLDER, NOTE, TERM
from annotation_engine.validate import parse_note, parse_term
from conftest import ROOT

REGISTRY = Registry().with_resources([(s["$id"], Resource.from_contents(s)) for s in (TERM, NOTE)])
VALIDATORS = {
    "terms": Draft202012Validator(TERM, registry=REGISTRY),
    "notes": Draft202012Validator(NOTE, registry=REGISTRY),
}
PARSERS = {"terms": parse_term, "notes": parse_note}
FILES = sorted((ROOT / "annotations").glob("*/*.yml"))


def test_the_schemas_are_valid_json_schema():
    for schema in (TERM, NOTE):
        Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_annotation_file_names_and_passes_its_schema(path: Path):
    first = path.read_text(encoding="utf-8").splitlines()[0]
    schema = FOLDER / ("term" if path.parent.name == "terms" else "note")
    assert first == f"# yaml-language-server: $schema=../../hooks/annotation_engine/schemas/{schema.name}.schema.json"
    assert (path.parent / first.split("=", 1)[1]).resolve() == (FOLDER / f"{schema.name}.schema.json").resolve()
    errors = list(VALIDATORS[path.parent.name].iter_errors(yaml.safe_load(path.read_text(encoding="utf-8"))))
    assert errors == []


TERM_TEXT = "term: ELK\ndefinition: d\nsources:\n  - title: t\n    url: https://example.org\n"
NOTE_TEXT = "page: discussions/a.md\nquote: q\nkind: context\ntitle: T\nbody: B\n"
CASES = [
    ("terms", TERM_TEXT, True),
    (
        "terms",
        TERM_TEXT + "aliases: [a, b]\nsee_also: x\nmatch: {case_sensitive: true, plurals: false}\ndetails: more\n",
        True,
    ),
    ("terms", TERM_TEXT + "defintion: typo\n", False),
    ("terms", TERM_TEXT.replace("term: ELK\n", ""), False),
    ("terms", TERM_TEXT.replace("definition: d", "definition: ''"), False),
    ("terms", TERM_TEXT.replace("term: ELK", "term: [ELK]"), False),
    ("terms", TERM_TEXT + "aliases: ['  ']\n", False),
    ("terms", TERM_TEXT + "match: {case_sensitive: maybe}\n", False),
    ("terms", TERM_TEXT + "match: {plural: false}\n", False),
    ("terms", TERM_TEXT.replace("https://example.org", "ftp://example.org"), False),
    ("terms", TERM_TEXT.replace("https://example.org", "https://"), False),
    ("terms", TERM_TEXT + "    year: soon\n", False),
    ("terms", TERM_TEXT + "    publisher: x\n", False),
    ("terms", "term: ELK\ndefinition: d\nsources: []\n", False),
    ("terms", TERM_TEXT.replace("term: ELK", 'term: "ELK\\nfoo"'), False),
    ("notes", NOTE_TEXT, True),
    ("notes", NOTE_TEXT + "prefix: 'We '\nsuffix: ' now'\nsources:\n  - title: t\n    url: https://e.org\n", True),
    ("notes", NOTE_TEXT.replace("kind: context", "kind: gossip"), False),
    ("notes", NOTE_TEXT.replace("page: discussions/a.md", "page: discussions/a"), False),
    ("notes", NOTE_TEXT.replace("body: B\n", ""), False),
    ("notes", NOTE_TEXT + "anchor: x\n", False),
    ("notes", NOTE_TEXT + "sources: []\n", False),
]


@pytest.mark.parametrize("kind, text, valid", CASES)
def test_schema_and_build_validation_agree(kind, text, valid):
    by_schema = not list(VALIDATORS[kind].iter_errors(yaml.safe_load(text)))
    item, problems = PARSERS[kind]("x", f"annotations/{kind}/x.yml", parse_yaml("x.yml", text.encode()))
    assert (by_schema, item is not None) == (valid, valid), problems
