from pathlib import Path

from annotation_engine.catalog import Catalog, load_catalog
from annotation_engine.model import Problem

TERM = "term: {name}\n{extra}definition: d\nsources:\n  - title: t\n    url: https://example.org\n"


def write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / "annotations" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root / "annotations"


def load(root: Path) -> tuple[Catalog, list[Problem]]:
    problems: list[Problem] = []
    return load_catalog(root, problems.append), problems


def messages(root: Path) -> list[str]:
    return [str(p) for p in load(root)[1]]


def test_valid_terms_load_by_file_name(tmp_path):
    catalog, problems = load(
        write(
            tmp_path,
            {"terms/elk.yml": TERM.format(name="ELK", extra=""), "terms/rlct.yaml": TERM.format(name="RLCT", extra="")},
        )
    )
    assert problems == []
    assert sorted(catalog.terms) == ["elk", "rlct"]


def test_same_name_in_two_files_keeps_the_first_and_says_so(tmp_path):
    root = write(
        tmp_path, {"terms/a.yml": TERM.format(name="ELK", extra=""), "terms/b.yml": TERM.format(name="elk", extra="")}
    )
    catalog, problems = load(root)
    assert list(catalog.terms) == ["a"]
    assert [str(p) for p in problems] == [
        "annotations/terms/b.yml:1: 'elk' would also match 'ELK' (annotations/terms/a.yml), as its name, "
        "an alias or their plural. Fix: remove it from one of the two files (or set 'match: {plurals: false}'): "
        "a word can link to only one entry."
    ]


def test_alias_that_is_another_terms_name(tmp_path):
    root = write(
        tmp_path,
        {
            "terms/a.yml": TERM.format(name="debate", extra=""),
            "terms/b.yml": TERM.format(name="ELK", extra="aliases: [Debate]\n"),
        },
    )
    assert any("annotations/terms/b.yml:2: 'Debate' would also match 'debate'" in m for m in messages(root))


def test_clashes_count_apostrophes_and_plurals(tmp_path):
    root = write(
        tmp_path,
        {
            "terms/a.yml": TERM.format(name="Goodhart's law", extra=""),
            "terms/b.yml": TERM.format(name="X", extra="aliases: [Goodhart’s law]\n"),
            "terms/c.yml": TERM.format(name="model", extra=""),
            "terms/d.yml": TERM.format(name="models", extra=""),
        },
    )
    found = messages(root)
    assert any(m.startswith("annotations/terms/b.yml:2: 'Goodhart’s law' would also match") for m in found)
    assert any(m.startswith("annotations/terms/d.yml:1: 'models' would also match 'model'") for m in found)


def test_index_is_a_reserved_id(tmp_path):
    root = write(tmp_path, {"terms/index.yml": TERM.format(name="Index", extra="")})
    assert "the file name 'index' cannot be a term id" in messages(root)[0]


def test_unknown_see_also_suggests_a_term(tmp_path):
    root = write(
        tmp_path,
        {
            "terms/debate.yml": TERM.format(name="debate", extra=""),
            "terms/elk.yml": TERM.format(name="ELK", extra="see_also: [debat]\n"),
        },
    )
    assert messages(root) == [
        "annotations/terms/elk.yml:2: see_also names 'debat', which is not a term id. Did you mean 'debate'? "
        "Fix: use the file name (without .yml) of another term in annotations/terms/."
    ]


def test_see_also_to_itself(tmp_path):
    root = write(tmp_path, {"terms/elk.yml": TERM.format(name="ELK", extra="see_also: [elk]\n")})
    assert "which is this term itself" in messages(root)[0]


def test_stray_files_are_reported_not_skipped(tmp_path):
    root = write(
        tmp_path, {"terms/elk.yml": TERM.format(name="ELK", extra=""), "terms/notes.txt": "hello", "elk.yml": "term: x"}
    )
    found = messages(root)
    assert any(m.startswith("annotations/terms/notes.txt: this file is not YAML") for m in found)
    assert any(m.startswith("annotations/elk.yml: this file is not in a folder the engine reads") for m in found)


def test_missing_folder_is_a_problem(tmp_path):
    assert messages(tmp_path / "annotations") == [
        "annotations: there is no folder annotations/terms/. Fix: create it and add one YAML file per term."
    ]


def test_one_broken_file_does_not_stop_the_others(tmp_path):
    root = write(tmp_path, {"terms/a.yml": "term: [", "terms/elk.yml": TERM.format(name="ELK", extra="")})
    catalog, problems = load(root)
    assert list(catalog.terms) == ["elk"]
    assert problems[0].path == "annotations/terms/a.yml"
