"""The GitHub workflows are valid and run what .ci/run and the README run."""

import re

import pytest
import yaml

from conftest import ROOT

pytestmark = pytest.mark.unit

WORKFLOWS = ROOT / ".github" / "workflows"


def load(name: str) -> dict:
    workflow = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    workflow["on"] = workflow.pop(True, workflow.get("on"))  # YAML 1.1 reads a bare `on` as true
    return workflow


def steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job["steps"]]


def test_every_action_is_pinned_to_a_commit_with_its_version_beside_it():
    """A tag can be moved to other code; a commit cannot. The comment says which release it is."""
    for path in WORKFLOWS.glob("*.yml"):
        uses = [line.strip().removeprefix("- ") for line in path.read_text(encoding="utf-8").splitlines()]
        uses = [line for line in uses if line.startswith("uses:")]
        assert len(uses) == sum("uses" in step for step in steps(load(path.name))) > 0
        for line in uses:
            assert re.fullmatch(r"uses: [\w.-]+/[\w.-]+@[0-9a-f]{40}  # v\d+\.\d+\.\d+", line), (path.name, line)


def test_each_job_has_only_the_permissions_it_names_and_checkouts_keep_no_credentials():
    for path in WORKFLOWS.glob("*.yml"):
        workflow = load(path.name)
        assert workflow["permissions"] == {}, path.name
        for name, job in workflow["jobs"].items():
            assert "permissions" in job, (path.name, name)
            for step in job["steps"]:
                if step.get("uses", "").startswith("actions/checkout@"):
                    assert step["with"]["persist-credentials"] is False, (path.name, name)


def test_pull_requests_run_the_same_command_as_ci_and_the_readme():
    workflow = load("ci.yml")
    assert "pull_request" in workflow["on"]
    assert [s["run"] for s in steps(workflow) if "run" in s] == ["make check", "bash .ci/run"]
    assert "make test" in (ROOT / ".ci" / "run").read_text()
    assert "make test    # every test" in (ROOT / "README.md").read_text()
    setup = next(s for s in steps(workflow) if s.get("uses", "").startswith("actions/setup-python"))
    assert setup["with"]["cache"] == "pip"


def test_pages_deploys_main_with_the_strict_build():
    workflow = load("pages.yml")
    assert workflow["on"]["push"]["branches"] == ["main"]
    build = next(s for s in steps(workflow) if s.get("run") == "make build")
    assert "SITE_URL" in build["env"]
    assert "mkdocs build --strict" in (ROOT / "Makefile").read_text()
    assert any(s.get("uses", "").startswith("actions/deploy-pages") for s in steps(workflow))


def test_the_pull_request_template_asks_for_sources():
    template = (ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    assert "## Sources" in template and "primary source" in template
