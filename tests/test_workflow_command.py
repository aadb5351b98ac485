"""Problems as GitHub workflow commands (annotation_engine/workflow.py)."""

import pytest

from annotation_engine import Problem
from annotation_engine.workflow import workflow_command

pytestmark = pytest.mark.unit


def test_a_problem_with_a_line_names_its_file_and_line():
    problem = Problem("annotations/terms/elk.yml", "'definition' is missing.", "add a one-sentence definition.", 4)
    assert workflow_command(problem) == (
        "::error file=annotations/terms/elk.yml,line=4,title=mkdocs build --strict::"
        "'definition' is missing. Fix: add a one-sentence definition."
    )


def test_a_problem_without_a_line_names_the_file_only():
    command = workflow_command(Problem("docs/discussions/a.md", "no source.", "add one."))
    assert command.startswith("::error file=docs/discussions/a.md,title=")


def test_paths_start_from_the_repositorys_root():
    command = workflow_command(Problem("annotations/notes/x.yml", "m.", "f."), "site")
    assert command.startswith("::error file=site/annotations/notes/x.yml,")


def test_values_are_escaped_as_githubs_toolkit_does():
    problem = Problem("odd, name:1.yml", "100% wrong\nacross lines.", "mend it.", 2)
    assert workflow_command(problem) == (
        "::error file=odd%2C name%3A1.yml,line=2,title=mkdocs build --strict::"
        "100%25 wrong%0Aacross lines. Fix: mend it."
    )
