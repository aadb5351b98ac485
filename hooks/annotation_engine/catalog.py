"""Load every annotation file under one folder and check the files against each other."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .load import LineDict, read_yaml
from .match import form_key, forms_of
from .model import Note, Problem, ProblemError, Report, Term
from .validate import did_you_mean, parse_note, parse_term

YAML_SUFFIXES = (".yml", ".yaml")
FOLDERS = ("terms", "notes")


@dataclass
class Catalog:
    """Every valid term and note, by id; every problem found on the way goes to `report`."""

    report: Report
    terms: dict[str, Term] = field(default_factory=dict)
    notes: dict[str, Note] = field(default_factory=dict)


def _display(path: Path, root: Path) -> str:
    return (root.name / path.relative_to(root)).as_posix()


def _stray_files(root: Path, report: Report) -> None:
    """Files the engine would otherwise ignore: every one is reported, never silently skipped."""
    for path in sorted(p for p in root.rglob("*") if p.is_file() and not p.name.startswith(".")):
        shown = _display(path, root)
        if path.parent not in [root / folder for folder in FOLDERS]:
            report(
                Problem(
                    shown,
                    "this file is not in a folder the engine reads.",
                    f"move term files into {root.name}/terms/ and note files into {root.name}/notes/.",
                )
            )
        elif path.suffix not in YAML_SUFFIXES:
            report(
                Problem(
                    shown,
                    "this file is not YAML, so it would never reach the site.",
                    "rename it to end in .yml, or move it out of the annotations folder.",
                )
            )


Parser = Callable[[str, str, LineDict], tuple[Any, list[Problem]]]


def _read(root: Path, folder: str, parse: Parser, into: dict[str, Any], report: Report) -> None:
    """Parse every YAML file in root/folder into `into`, by file name; collect what is wrong."""
    for path in sorted((root / folder).glob("*")):
        if path.suffix not in YAML_SUFFIXES or not path.is_file():
            continue
        shown = _display(path, root)
        try:
            item, found = parse(path.stem, shown, read_yaml(path, shown))
        except ProblemError as error:
            item, found = None, [error.problem]
        for problem in found:
            report(problem)
        if item is None:
            continue
        if path.stem in into:
            report(
                Problem(
                    shown,
                    f"another file already has the id '{path.stem}' ({into[path.stem].path}).",
                    "keep one of the two files.",
                )
            )
            continue
        into[path.stem] = item


def _claim_forms(catalog: Catalog) -> None:
    """A form may belong to one term only, compared as the matcher sees it (case, apostrophes,
    spacing and generated plurals folded together); later files lose."""
    owner: dict[str, Term] = {}
    for term in list(catalog.terms.values()):
        keys = {form_key(f.text): f.text for f in forms_of(term)}
        clash = next((k for k in keys if k in owner), None)
        if clash is None:
            owner.update(dict.fromkeys(keys, term))
            continue
        first, written = owner[clash], keys[clash]
        catalog.report(
            Problem(
                term.path,
                f"'{written}' would also match '{first.name}' ({first.path}), as its name, an alias or their plural.",
                "remove it from one of the two files (or set 'match: {plurals: false}'): "
                "a word can link to only one entry.",
                term.lines.get("aliases" if written in term.aliases else "term"),
            )
        )
        del catalog.terms[term.id]


def _check_see_also(catalog: Catalog) -> None:
    ids = sorted(catalog.terms)
    for term in catalog.terms.values():
        for target in term.see_also:
            if target not in catalog.terms or target == term.id:
                itself = target == term.id
                reason = "is this term itself." if itself else f"is not a term id.{did_you_mean(target, ids)}"
                catalog.report(
                    Problem(
                        term.path,
                        f"see_also names '{target}', which {reason}",
                        "use the file name (without .yml) of another term in annotations/terms/.",
                        term.lines.get("see_also"),
                    )
                )


def load_catalog(root: Path, report: Report) -> Catalog:
    """Read `root`/terms/*.yml and `root`/notes/*.yml. A missing terms folder is a problem,
    not an empty glossary; the notes folder is optional."""
    catalog = Catalog(report)
    if not (root / "terms").is_dir():
        report(
            Problem(root.name, f"there is no folder {root.name}/terms/.", "create it and add one YAML file per term.")
        )
        return catalog
    _stray_files(root, report)
    _read(root, "terms", parse_term, catalog.terms, report)
    _read(root, "notes", parse_note, catalog.notes, report)
    _claim_forms(catalog)
    _check_see_also(catalog)
    return catalog
