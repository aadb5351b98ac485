"""Load every annotation file under one folder and check the files against each other."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..forms import form_key, forms_of
from ..model import Note, Problem, Report, Term
from .load import LineDict, read_yaml
from .validate import did_you_mean, parse_note, parse_term

YAML_SUFFIXES = (".yml", ".yaml")
FOLDERS = ("terms", "notes")


@dataclass
class Catalog:
    """Every valid term and note, by id; every problem found on the way goes to `report`."""

    report: Report
    terms: dict[str, Term] = field(default_factory=dict)
    notes: dict[str, Note] = field(default_factory=dict)
    renamed: dict[str, str] = field(default_factory=dict)  # a former id → the term's id now


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


Parser = Callable[[str, str, LineDict, Report], Any]


def _read(root: Path, folder: str, parse: Parser, into: dict[str, Any], report: Report) -> None:
    """Parse every YAML file in root/folder into `into`, by file name; collect what is wrong."""
    for path in sorted((root / folder).glob("*")):
        if path.suffix not in YAML_SUFFIXES or not path.is_file():
            continue
        shown = _display(path, root)
        doc = read_yaml(path, shown, report)
        item = parse(path.stem, shown, doc, report) if doc is not None else None
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
    owner: dict[str, tuple[Term, str]] = {}  # a form's key → its term, and the form as written
    for term in list(catalog.terms.values()):
        keys = {form_key(f.text): f.text for f in forms_of(term)}
        clash = next((k for k in keys if k in owner), None)
        if clash is None:
            owner.update({key: (term, text) for key, text in keys.items()})
            continue
        (first, theirs), written = owner[clash], keys[clash]
        plural = written not in term.forms or theirs not in first.forms  # the clash comes from an added plural
        catalog.report(
            Problem(
                term.path,
                f"'{written}' would also match '{first.name}' ({first.path}), as its name, an alias or their plural.",
                "remove it from one of the two files"
                + (" (or set 'match: {plurals: false}' in one)" if plural else "")
                + ": a word can link to only one entry.",
                term.lines.get("aliases" if written in term.aliases else "term"),
            )
        )
        del catalog.terms[term.id]


def _check_renames(catalog: Catalog) -> dict[str, str]:
    """Former ids → the current id; a former id may not be any term's id, current or former."""
    renamed: dict[str, str] = {}
    for term in list(catalog.terms.values()):
        for old in term.renamed_from:
            holder = renamed.get(old) or (old if old in catalog.terms else None)
            if holder is None:
                renamed[old] = term.id
                continue
            catalog.report(
                Problem(
                    term.path,
                    f"'renamed_from' names '{old}', which is already "
                    + (f"the id of {catalog.terms[old].path}." if holder == old else f"a former id of '{holder}'."),
                    "ids stay unique across current and former ids: remove it from one of the files.",
                    term.lines.get("renamed_from"),
                )
            )
    return renamed


def _check_see_also(catalog: Catalog) -> None:
    ids = sorted(catalog.terms)
    names = {form_key(f): t.id for t in catalog.terms.values() for f in t.forms}
    for term in catalog.terms.values():
        for target in term.see_also:
            if target in catalog.terms and target != term.id:
                continue
            if target == term.id:
                reason, fix = "is this term itself.", "remove it, or name another term's id."
            elif target in catalog.renamed:
                new = catalog.renamed[target]
                reason, fix = f"was renamed to '{new}'.", f"write '{new}' instead."
            else:
                by_name = names.get(form_key(target.replace("-", " ")))
                hint = f" Did you mean '{by_name}'?" if by_name and by_name != term.id else did_you_mean(target, ids)
                reason = f"is not a term id.{hint}"
                fix = "use the file name (without .yml) of another term in annotations/terms/."
            catalog.report(
                Problem(term.path, f"see_also names '{target}', which {reason}", fix, term.lines.get("see_also"))
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
    catalog.renamed = _check_renames(catalog)
    _check_see_also(catalog)
    return catalog
