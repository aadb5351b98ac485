from pathlib import Path

import pytest

from annotation_engine.model import Problem
from annotation_engine.read.catalog import Catalog, load_catalog
from factories import term_yaml, write_annotations

pytestmark = pytest.mark.unit


def load(root: Path) -> tuple[Catalog, list[Problem]]:
    problems: list[Problem] = []
    return load_catalog(root, problems.append), problems


def messages(root: Path) -> list[str]:
    return [str(p) for p in load(root)[1]]


def test_valid_terms_load_by_file_name(tmp_path):
    catalog, problems = load(
        write_annotations(tmp_path, {"terms/elk.yml": term_yaml("ELK"), "terms/rlct.yaml": term_yaml("RLCT")})
    )
    assert problems == []
    assert sorted(catalog.terms) == ["elk", "rlct"]
    assert catalog.renamed == {}


def test_same_name_in_two_files_keeps_the_first_and_says_so(tmp_path):
    root = write_annotations(tmp_path, {"terms/a.yml": term_yaml("ELK"), "terms/b.yml": term_yaml("elk")})
    catalog, problems = load(root)
    assert list(catalog.terms) == ["a"]
    assert [str(p) for p in problems] == [  # the very same word: no plural is to blame
        "annotations/terms/b.yml:1: 'elk' would also match 'ELK' (annotations/terms/a.yml), as its name, "
        "an alias or their plural. Fix: remove it from one of the two files: a word can link to only one entry."
    ]


def test_a_clash_that_comes_from_an_added_plural_says_how_to_switch_plurals_off(tmp_path):
    root = write_annotations(tmp_path, {"terms/a.yml": term_yaml("model"), "terms/b.yml": term_yaml("models")})
    assert messages(root) == [
        "annotations/terms/b.yml:1: 'models' would also match 'model' (annotations/terms/a.yml), as its name, "
        "an alias or their plural. Fix: remove it from one of the two files (or set 'match: {plurals: false}' "
        "in one): a word can link to only one entry."
    ]


def test_a_clash_between_two_plurals_also_says_how_to_switch_them_off(tmp_path):
    root = write_annotations(tmp_path, {"terms/a.yml": term_yaml("box"), "terms/b.yml": term_yaml("boxe")})
    [found] = messages(root)  # both add 'boxes'
    assert "would also match 'box'" in found and "(or set 'match: {plurals: false}' in one)" in found


def test_alias_that_is_another_terms_name(tmp_path):
    root = write_annotations(
        tmp_path, {"terms/a.yml": term_yaml("debate"), "terms/b.yml": term_yaml("ELK", "aliases: [Debate]\n")}
    )
    [found] = messages(root)
    assert found.startswith("annotations/terms/b.yml:2: 'Debate' would also match 'debate'")
    assert "plurals" not in found


def test_clashes_count_apostrophes_and_plurals(tmp_path):
    root = write_annotations(
        tmp_path,
        {
            "terms/a.yml": term_yaml("Goodhart's law"),
            "terms/b.yml": term_yaml("X", "aliases: [Goodhart’s law]\n"),
            "terms/c.yml": term_yaml("model"),
            "terms/d.yml": term_yaml("models"),
        },
    )
    found = messages(root)
    assert any(m.startswith("annotations/terms/b.yml:2: 'Goodhart’s law' would also match") for m in found)
    assert any(m.startswith("annotations/terms/d.yml:1: 'models' would also match 'model'") for m in found)


def test_index_is_a_reserved_id(tmp_path):
    root = write_annotations(tmp_path, {"terms/index.yml": term_yaml("Index")})
    assert "the file name 'index' cannot be a term id" in messages(root)[0]


def test_unknown_see_also_suggests_a_term(tmp_path):
    root = write_annotations(
        tmp_path, {"terms/debate.yml": term_yaml("debate"), "terms/elk.yml": term_yaml("ELK", "see_also: [debat]\n")}
    )
    assert messages(root) == [
        "annotations/terms/elk.yml:2: see_also names 'debat', which is not a term id. Did you mean 'debate'? "
        "Fix: use the file name (without .yml) of another term in annotations/terms/."
    ]


@pytest.mark.parametrize("target", ["elk", "latent-knowledge"], ids=["name", "alias"])
def test_a_see_also_written_as_a_terms_name_or_alias_suggests_its_id(tmp_path, target):
    root = write_annotations(
        tmp_path,
        {
            "terms/eliciting-latent-knowledge.yml": term_yaml("ELK", "aliases: [latent knowledge]\n"),
            "terms/debate.yml": term_yaml("debate", f"see_also: [{target}]\n"),
        },
    )
    assert messages(root) == [
        f"annotations/terms/debate.yml:2: see_also names '{target}', which is not a term id. "
        "Did you mean 'eliciting-latent-knowledge'? "
        "Fix: use the file name (without .yml) of another term in annotations/terms/."
    ]


def test_see_also_to_itself(tmp_path):
    root = write_annotations(tmp_path, {"terms/elk.yml": term_yaml("ELK", "see_also: [elk]\n")})
    assert "which is this term itself" in messages(root)[0]


def test_stray_files_are_reported_not_skipped(tmp_path):
    root = write_annotations(
        tmp_path, {"terms/elk.yml": term_yaml("ELK"), "terms/notes.txt": "hello", "elk.yml": "term: x"}
    )
    found = messages(root)
    assert any(m.startswith("annotations/terms/notes.txt: this file is not YAML") for m in found)
    assert any(m.startswith("annotations/elk.yml: this file is not in a folder the engine reads") for m in found)


def test_missing_folder_is_a_problem(tmp_path):
    assert messages(tmp_path / "annotations") == [
        "annotations: there is no folder annotations/terms/. Fix: create it and add one YAML file per term."
    ]


def test_one_broken_file_does_not_stop_the_others(tmp_path):
    root = write_annotations(tmp_path, {"terms/a.yml": "term: [", "terms/elk.yml": term_yaml("ELK")})
    catalog, problems = load(root)
    assert list(catalog.terms) == ["elk"]
    assert problems[0].path == "annotations/terms/a.yml"


# Renamed terms: a former id keeps leading to the entry, so ids stay unique across current and former ones.


def test_former_ids_lead_to_the_term_now(tmp_path):
    root = write_annotations(
        tmp_path,
        {
            "terms/eliciting-latent-knowledge.yml": term_yaml("ELK", "renamed_from: [elk, latent-knowledge]\n"),
            "terms/debate.yml": term_yaml("debate"),
        },
    )
    catalog, problems = load(root)
    assert problems == []
    assert catalog.renamed == {"elk": "eliciting-latent-knowledge", "latent-knowledge": "eliciting-latent-knowledge"}


def test_a_former_id_that_is_another_terms_id_is_an_error(tmp_path):
    root = write_annotations(
        tmp_path,
        {"terms/a.yml": term_yaml("ELK", "renamed_from: [debate]\n"), "terms/debate.yml": term_yaml("debate")},
    )
    catalog, problems = load(root)
    assert [str(p) for p in problems] == [
        "annotations/terms/a.yml:2: 'renamed_from' names 'debate', which is already the id of "
        "annotations/terms/debate.yml. Fix: ids stay unique across current and former ids: "
        "remove it from one of the files."
    ]
    assert catalog.renamed == {}  # 'debate' still leads to debate
    assert sorted(catalog.terms) == ["a", "debate"]


def test_a_former_id_of_two_terms_is_an_error_in_the_second(tmp_path):
    root = write_annotations(
        tmp_path,
        {
            "terms/a.yml": term_yaml("ELK", "renamed_from: [old]\n"),
            "terms/b.yml": term_yaml("debate", "renamed_from: [older, old]\n"),
        },
    )
    catalog, problems = load(root)
    assert [str(p) for p in problems] == [
        "annotations/terms/b.yml:2: 'renamed_from' names 'old', which is already a former id of 'a'. "
        "Fix: ids stay unique across current and former ids: remove it from one of the files."
    ]
    assert catalog.renamed == {"old": "a", "older": "b"}


def test_a_see_also_naming_a_former_id_says_what_it_was_renamed_to(tmp_path):
    root = write_annotations(
        tmp_path,
        {
            "terms/eliciting-latent-knowledge.yml": term_yaml("ELK", "renamed_from: [elk]\n"),
            "terms/debate.yml": term_yaml("debate", "see_also: [elk]\n"),
        },
    )
    assert messages(root) == [
        "annotations/terms/debate.yml:2: see_also names 'elk', which was renamed to 'eliciting-latent-knowledge'. "
        "Fix: write 'eliciting-latent-knowledge' instead."
    ]
