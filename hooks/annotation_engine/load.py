"""Read one annotation file: strict UTF-8, safe YAML, line numbers kept, duplicate keys refused."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .model import Problem, ProblemError


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


def _refuse_aliases(path: str, root: yaml.Node) -> None:
    """An alias makes the composer reuse a node: any node met twice is one (anchor's line given)."""
    seen: set[int] = set()
    todo = [root]
    while todo:
        node = todo.pop()
        if id(node) in seen:
            raise ProblemError(
                Problem(
                    path,
                    "YAML anchors and aliases (&name, *name) are not allowed in annotation files.",
                    "write the value out in full each time.",
                    node.start_mark.line + 1,
                )
            )
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            todo.extend(child for pair in reversed(node.value) for child in reversed(pair))
        elif isinstance(node, yaml.SequenceNode):
            todo.extend(reversed(node.value))


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> LineDict:
    result = LineDict(node.start_mark.line + 1)
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        if not isinstance(key, str):
            raise ProblemError(
                Problem(
                    loader.path,
                    f"the key {key!r} is not text.",
                    "use a field name such as 'term' or 'definition'.",
                    line,
                )
            )
        if key in result:
            raise ProblemError(
                Problem(
                    loader.path,
                    f"the key '{key}' appears twice (first on line {result.lines[key]}).",
                    "keep one of the two and delete the other.",
                    line,
                )
            )
        result[key] = loader.construct_object(value_node, deep=True)
        result.lines[key] = line
    return result


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _decode(path: str, data: bytes) -> str:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ProblemError(
            Problem(
                path,
                f"the file is not valid UTF-8 (byte {error.start}).",
                "save the file as UTF-8 in your editor.",
                line,
            )
        ) from None
    return text.removeprefix("\ufeff")


def _syntax_problem(path: str, error: yaml.YAMLError, text: str) -> Problem:
    if isinstance(error, yaml.reader.ReaderError):
        line = text[: error.position].count("\n") + 1
        return Problem(
            path,
            f"the file contains the control character #x{error.character:04x}, which YAML does not allow.",
            "delete it (it often comes from text pasted out of a PDF).",
            line,
        )
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    reason = getattr(error, "problem", None) or getattr(error, "context", None) or "the YAML is malformed"
    return Problem(
        path,
        f"YAML syntax error: {reason}.",
        "check the indentation and quoting on that line; text containing ': ' or starting with a symbol needs quotes.",
        mark.line + 1 if mark else None,
    )


def parse_yaml(path: str, data: bytes) -> LineDict:
    """Parse one file's bytes into a mapping, or raise ProblemError naming the file and line."""
    text = _decode(path, data)
    loader = None
    try:
        loader = _Loader(text)
        loader.path = path
        root = loader.get_single_node()
        if root is not None:
            _refuse_aliases(path, root)
        document = loader.construct_document(root) if root is not None else None
    except yaml.YAMLError as error:
        raise ProblemError(_syntax_problem(path, error, text)) from None
    except RecursionError:
        raise ProblemError(
            Problem(
                path,
                "the YAML is nested too deeply to read.",
                "flatten the structure: an annotation needs only a few levels.",
            )
        ) from None
    finally:
        if loader is not None:
            loader.dispose()
    if document is None:
        raise ProblemError(Problem(path, "the file is empty.", "write the annotation's fields, or delete the file."))
    if not isinstance(document, LineDict):
        raise ProblemError(
            Problem(
                path,
                f"the file holds a {type(document).__name__}, not a mapping of fields.",
                "start the file with fields such as 'term: ...' at the left margin.",
                1,
            )
        )
    return document


MAX_BYTES = 1 << 20  # an annotation is a few kilobytes; a larger file is a mistake or an attack


def read_yaml(path: Path, display: str) -> LineDict:
    """Read and parse a file; `display` is the path shown to contributors."""
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise ProblemError(
            Problem(
                display,
                f"the file is {size / (1 << 20):.1f} MB; an annotation is a few KB.",
                "keep one term or note per file, without pasted documents.",
            )
        )
    return parse_yaml(display, path.read_bytes())
