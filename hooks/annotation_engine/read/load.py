"""Read one YAML mapping (an annotation file, or a page's front matter): strict UTF-8, safe YAML,
line numbers kept, duplicate keys and aliases refused. What is wrong goes to the `Report`."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from ..model import Problem, Report


class _RefusedError(Exception):
    """Abandons the file being read, deep inside PyYAML's constructor; `parse_yaml` reports it."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


class LineDict(dict[str, Any]):
    """A YAML mapping that remembers the line of the mapping and of each key (1-based)."""

    def __init__(self, line: int) -> None:
        super().__init__()
        self.line = line
        self.lines: dict[str, int] = {}

    def line_of(self, key: str) -> int:
        return self.lines.get(key, self.line)


_SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml, where built in


class _Loader(_SafeLoader):  # type: ignore[valid-type,misc]  # a base chosen at import time
    """PyYAML's safe loader; `parse_yaml` also refuses aliases, which let one file repeat content."""

    path = ""
    first_line = 1  # of the YAML in its file: front matter starts on a page's second line


def _refuse_aliases(path: str, root: yaml.Node, first_line: int) -> None:
    """An alias makes the composer reuse a node: any node met twice is one (anchor's line given)."""
    seen: set[int] = set()
    todo = [root]
    while todo:
        node = todo.pop()
        if id(node) in seen:
            raise _RefusedError(
                Problem(
                    path,
                    "YAML anchors and aliases (&name, *name) are not allowed here.",
                    "write the value out in full each time.",
                    node.start_mark.line + first_line,
                )
            )
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            todo.extend(child for pair in reversed(node.value) for child in reversed(pair))
        elif isinstance(node, yaml.SequenceNode):
            todo.extend(reversed(node.value))


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> LineDict:
    result = LineDict(node.start_mark.line + loader.first_line)
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + loader.first_line
        if not isinstance(key, str):
            raise _RefusedError(
                Problem(
                    loader.path,
                    f"the key {key!r} is not text.",
                    "use a field name such as 'term' or 'definition'.",
                    line,
                )
            )
        if key in result:
            raise _RefusedError(
                Problem(
                    loader.path,
                    f"the key '{key}' appears twice (first on line {result.lines[key]}).",
                    "keep one of the two and delete the other.",
                    line,
                )
            )
        result[key] = _construct(loader, value_node)
        result.lines[key] = line
    return result


def _construct(loader: _Loader, node: yaml.Node) -> Any:
    """A value, or a problem at its line: PyYAML raises plain errors for values it cannot build,
    such as `date: 2024-02-30` or `!!int abc`."""
    try:
        return loader.construct_object(node, deep=True)
    except (ValueError, TypeError, AttributeError) as error:
        written = node.value if isinstance(node, yaml.ScalarNode) else node.tag
        raise _RefusedError(
            Problem(
                loader.path,
                f"the value '{written}' cannot be read ({error}).",
                "write a value YAML can read: quote text, and give dates as real days (YYYY-MM-DD).",
                node.start_mark.line + loader.first_line,
            )
        ) from None


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _decode(path: str, data: bytes) -> str:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise _RefusedError(
            Problem(
                path,
                f"the file is not valid UTF-8 (byte {error.start}).",
                "save the file as UTF-8 in your editor.",
                line,
            )
        ) from None
    return text.removeprefix("\ufeff")


def _syntax_problem(path: str, error: yaml.YAMLError, text: str, first_line: int) -> Problem:
    if isinstance(error, yaml.reader.ReaderError):
        line = text[: error.position].count("\n") + first_line
        return Problem(
            path,
            f"the file contains the control character #x{error.character:04x}, which YAML does not allow.",
            "delete it (it often comes from text pasted out of a PDF).",
            line,
        )
    problem_mark, context_mark = getattr(error, "problem_mark", None), getattr(error, "context_mark", None)
    reason = getattr(error, "problem", None) or getattr(error, "context", None) or "the YAML is malformed"
    context = getattr(error, "context", None) or ""
    unclosed = "quoted scalar" in context and "end of stream" in str(reason)
    if context_mark and unclosed:  # the error is where the quote opened, not at the file's end
        return Problem(
            path,
            f"YAML syntax error: the quote opened on this line is never closed ({reason}).",
            "close the quote on this line, or write the text without quotes.",
            context_mark.line + first_line,
        )
    mark = problem_mark or context_mark
    fix = "check the indentation and quoting on that line; text containing ': ' or starting with a symbol needs quotes."
    if "escape" in str(reason):
        fix = "inside double quotes a backslash starts an escape: write \\\\ for one, or use single quotes."
    return Problem(
        path,
        f"YAML syntax error: {reason}.",
        fix,
        mark.line + first_line if mark else None,
    )


FIRST_KEY = {"file": "term", "front matter": "title"}


def _mapping(path: str, text: str, first_line: int, what: str) -> LineDict | None:
    """The mapping in `text`, None if it is empty; raises _RefusedError for anything else."""
    loader = None
    try:
        loader = _Loader(text)
        loader.path, loader.first_line = path, first_line
        root = loader.get_single_node()
        if root is not None:
            _refuse_aliases(path, root, first_line)
        document = loader.construct_document(root) if root is not None else None
    except yaml.YAMLError as error:
        raise _RefusedError(_syntax_problem(path, error, text, first_line)) from None
    except (ValueError, TypeError, AttributeError) as error:  # a value at the top level that cannot be built
        raise _RefusedError(
            Problem(path, f"the YAML cannot be read ({error}).", "write fields such as 'key: value'.", first_line)
        ) from None
    except RecursionError:
        raise _RefusedError(
            Problem(path, "the YAML is nested too deeply to read.", "flatten the structure: a few levels are enough.")
        ) from None
    finally:
        if loader is not None:
            loader.dispose()
    if document is not None and not isinstance(document, LineDict):
        raise _RefusedError(
            Problem(
                path,
                f"the {what} holds a {type(document).__name__}, not a mapping of fields.",
                f"start the {what} with fields such as '{FIRST_KEY[what]}: ...' at the left margin.",
                first_line,
            )
        )
    return document


def parse_yaml(path: str, data: bytes | str, report: Report, first_line: int = 1) -> LineDict | None:
    """Parse a file's bytes (or text starting at `first_line` of its file) into a mapping, or
    report what is wrong, naming the file and line, and return None. Empty YAML is an empty
    mapping only when `data` is text (a page's front matter may be empty; a file may not)."""
    try:
        text = _decode(path, data) if isinstance(data, bytes) else data
        document = _mapping(path, text, first_line, "file" if isinstance(data, bytes) else "front matter")
        if document is None and isinstance(data, bytes):
            empty = Problem(path, "the file is empty.", "write the annotation's fields, or delete the file.")
            raise _RefusedError(empty)
    except _RefusedError as refused:
        report(refused.problem)
        return None
    return document if document is not None else LineDict(first_line)


FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
"""A page's front matter, found as MkDocs finds it (its own pattern); group 1 is the YAML."""

MAX_BYTES = 1 << 20  # an annotation is a few kilobytes; a larger file is a mistake or an attack


def read_yaml(path: Path, display: str, report: Report) -> LineDict | None:
    """Read and parse a file; `display` is the path shown to contributors."""
    size = path.stat().st_size
    if size > MAX_BYTES:
        report(
            Problem(
                display,
                f"the file is {size / (1 << 20):.1f} MB; an annotation is a few KB.",
                "keep one term or note per file, without pasted documents.",
            )
        )
        return None
    return parse_yaml(display, path.read_bytes(), report)
