"""A thread as the forum it was posted on records it: the one shape every format is read into.

Each format is a module here with `NAME` (how it is named, `FORMAT=`), `SITE` (how a page names
where the thread comes from), `claims(data)` (whether parsed JSON is in its shape) and
`read(data)` (the `Thread`). `read_thread` tries them in turn. Adding a forum is adding a module to
`FORMATS`. The importer (tools/import_discussion.py) writes a draft from a `Thread`; the build
reads the saved source again to prove every comment's words against it (page/fidelity.py).

A format never guesses: what its data does not hold (a date, an address) stays empty.

A thread imported again once it has grown (`make import` for an existing discussion) keeps each
earlier answer beside the newest (`earlier_answers`): a comment deleted on the forum since stays
on the page as it was quoted, proven against the answer that still held its words.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from . import discourse, forummagnum, hackernews
from .body import Part, Quoted, paragraphs
from .thread import Thread, UnreadableError

__all__ = [
    "FORMATS",
    "Part",
    "Post",
    "Thread",
    "UnreadableError",
    "earlier_answers",
    "format_names",
    "next_earlier",
    "paragraphs_by_post",
    "paragraphs_kept",
    "parse",
    "read_thread",
    "saved_answers",
    "thread_parts",
]

FORMATS = [forummagnum, discourse, hackernews]


def format_names() -> list[str]:
    return [module.NAME for module in FORMATS]


def parse(text: str) -> Any | None:
    """JSON data, or None if `text` is not JSON (a plain scrape). Text that opens as JSON (after a
    byte-order mark, if any) but is not is refused: it is a forum's answer that was cut or edited."""
    text = text.removeprefix("\ufeff")
    if not text.lstrip().startswith(("{", "[")):
        return None
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise UnreadableError(
            f"this JSON is broken at line {error.lineno}, column {error.colno} ({error.msg}).",
            "save the forum's answer again, whole and unchanged.",
        ) from None
    except RecursionError:
        raise UnreadableError(
            "this JSON nests deeper than Python's reader goes (a chain of hundreds of replies).",
            "save the thread in parts (each from a comment well down the chain) and import each.",
        ) from None


def read_thread(data: Any, name: str = "", address: str = "") -> Thread:
    """The thread in parsed JSON `data`, in the format `name` (one of `format_names()`) or in the
    first format that claims it; `address`, the thread's own address if the data came from it,
    gives what the data leaves out (a Discourse post's address)."""
    chosen = [module for module in FORMATS if module.claims(data) and name in ("", module.NAME)]
    if name and name not in format_names():
        raise UnreadableError(f"no format is named '{name}'.", f"name one of {', '.join(format_names())}.")
    if not chosen and name:
        raise UnreadableError(
            f"this JSON is not in the format {name}.",
            "give the forum's answer unchanged, or leave FORMAT out to find the format from the file.",
        )
    if not chosen:
        raise UnreadableError(
            "this JSON is in no format the importer reads.",
            f"give the JSON a forum's API answers ({', '.join(format_names())}), unchanged.",
        )
    thread: Thread = chosen[0].read(data, address)
    ids = Counter(post.id for post in thread.posts)
    repeated = sorted(i for i, count in ids.items() if count > 1)
    if repeated:
        raise UnreadableError(
            f"the id {repeated[0]} is given to two comments.", "give the forum's answer unchanged: its ids are unique."
        )
    if not thread.comments and thread.opening is None:
        raise UnreadableError("the data holds no comments.", "give the answer for a thread that has comments.")
    return thread


def paragraphs_by_post(thread: Thread) -> dict[str, list[str]]:
    """Each post's words as a reader reads them, quotes included, by its id: what the build proves
    each comment of the page against."""
    return {
        post_id: [text for part in parts for text in paragraphs(part.html if isinstance(part, Quoted) else part)]
        for post_id, parts in thread_parts(thread).items()
    }


def thread_parts(thread: Thread) -> dict[str, list[Part]]:
    """Each post's words as its format reads them, by its id: safe HTML, and quotes of other posts."""
    module = next(module for module in FORMATS if thread.format == module.NAME)
    parts: dict[str, list[Part]] = module.parts(thread)
    return parts


def paragraphs_kept(threads: Sequence[Thread]) -> dict[str, list[str]]:
    """Each post's words by its id across the answers saved for one thread, newest first: the
    newest answer's words where it has any; where it has none (the post deleted on the forum since,
    or gone from its data), those of the newest earlier answer that has them. Words changed on the
    forum are the newest answer's, so a page that still shows the old ones fails until the
    maintainer takes the new (`make import … ACCEPT=`)."""
    kept: dict[str, list[str]] = {}
    for thread in threads:
        for post_id, words in paragraphs_by_post(thread).items():
            if not kept.get(post_id):
                kept[post_id] = words
    return kept


_EARLIER = re.compile(r"\.earlier-([1-9][0-9]*)\.json")


def saved_answers(saved: Path, data: Any) -> list[Thread]:
    """The thread as saved at `saved` (`data`, its parsed JSON), then as each earlier answer kept
    beside it has it: newest first, what the build proves comments against and a refresh reads."""
    threads = [read_thread(data)]
    for earlier in earlier_answers(saved):
        try:
            threads.append(read_thread(parse(earlier.read_text(encoding="utf-8"))))
        except (UnicodeDecodeError, UnreadableError) as problem:
            why = problem.message if isinstance(problem, UnreadableError) else "it is not UTF-8 text."
            raise UnreadableError(
                f"the earlier answer kept beside it, {earlier.name}, cannot be read: {why}",
                "restore that file from the repository's history: make import saved it unchanged.",
            ) from None
    return threads


def earlier_answers(saved: Path) -> list[Path]:
    """The earlier answers kept beside a saved answer (`<name>.earlier-<n>.json`), newest first."""
    return [path for _, path in _numbered(saved)]


def next_earlier(saved: Path) -> Path:
    """Where the answer saved now goes when a newer one replaces it: after every earlier one."""
    kept = _numbered(saved)
    return saved.with_name(f"{saved.stem}.earlier-{kept[0][0] + 1 if kept else 1}.json")


def _numbered(saved: Path) -> list[tuple[int, Path]]:
    found = []
    for path in saved.parent.glob(f"{saved.stem}.earlier-*.json"):
        number = _EARLIER.fullmatch(path.name.removeprefix(saved.stem))
        if number is not None:
            found.append((int(number.group(1)), path))
    return sorted(found, reverse=True)
