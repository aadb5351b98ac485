"""A problem as a GitHub Actions workflow command: a pull request shows it on the line it names.

GitHub reads a line `::error file=PATH,line=N,title=T::MESSAGE` that a step prints as an
annotation on that line of the pull request's diff. Values are escaped as GitHub's own toolkit
escapes them (`@actions/core`, `command.ts`): `%`, CR and LF everywhere, `:` and `,` in properties too.
"""

from __future__ import annotations

import posixpath

from .model import Problem

TITLE = "mkdocs build --strict"  # the check that found it, and the command that shows it again


def workflow_command(problem: Problem, folder: str = "") -> str:
    """`::error file=…,line=…,title=…::what is wrong. Fix: …`. `folder` is where the paths problems
    name start from (the folder of mkdocs.yml), relative to the repository's root: '' at the root."""
    path = posixpath.normpath(posixpath.join(folder, problem.path)) if folder else problem.path
    properties = [f"file={_property(path)}"]
    if problem.line:
        properties.append(f"line={problem.line}")
    properties.append(f"title={_property(TITLE)}")
    return f"::error {','.join(properties)}::{_data(f'{problem.message} Fix: {problem.fix}')}"


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")
