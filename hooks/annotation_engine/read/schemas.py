"""The JSON Schemas of the annotation files and of a discussion's front matter: the one list of
fields, kinds and required keys.

Editors use them (each YAML file names its schema in a `# yaml-language-server: $schema=` line);
the Python validators take their field names from them, so the two cannot disagree on what a
file may hold. The validators add what a schema cannot say well: line numbers, "did you mean",
and what to do.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

FOLDER = Path(__file__).parent.parent / "schemas"  # beside the packages: every annotation file names it by path


def load(name: str) -> dict[str, Any]:
    schema: dict[str, Any] = json.loads((FOLDER / f"{name}.schema.json").read_text(encoding="utf-8"))
    return schema


TERM = load("term")
NOTE = load("note")
DISCUSSION = load("discussion")


def keys(schema: dict[str, Any]) -> tuple[str, ...]:
    return tuple(schema["properties"])


TERM_KEYS = keys(TERM)
SOURCE_KEYS = keys(TERM["$defs"]["source"])
MATCH_KEYS = keys(TERM["properties"]["match"])
NOTE_KEYS = keys(NOTE)
NOTE_KINDS = tuple(NOTE["properties"]["kind"]["enum"])
DISCUSSION_KEYS = keys(DISCUSSION)
LINK_SCOPES: tuple[str, ...] = tuple(DISCUSSION["properties"]["link_terms"]["enum"])
