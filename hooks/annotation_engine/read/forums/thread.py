"""The shape every format is read into: a thread's posts, as the forum records them, and the
helpers the formats share to read their JSON without trusting it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ...model import RefusedInputError

DELETED, RETRACTED, HIDDEN = "deleted", "retracted", "hidden"


@dataclass(frozen=True)
class Post:
    """One comment, or the post that opens the thread."""

    id: str  # the forum's own id, as text
    parent: str  # the id of the post it answers ("" for none, or for the opening post)
    author: str  # the name the forum shows ("" if the forum shows none, as for a deleted comment)
    posted: str  # when, ISO 8601 as the forum gives it ("" if it gives none)
    html: str  # the words, as the forum serves them (sanitised before anything shows them)
    url: str = ""  # where it was posted
    number: str = ""  # the number the forum shows it under, where quotes name posts by it (Discourse)
    edited: str = ""  # when it was last edited, if the forum says it was
    state: str = ""  # DELETED, RETRACTED, HIDDEN, or ""


@dataclass(frozen=True)
class Thread:
    """A thread: its title and address, the post that opens it (if the data holds it), and its
    comments in thread order: each after what it answers, answers to one post by date."""

    format: str
    site: str
    title: str
    url: str
    opening: Post | None
    comments: tuple[Post, ...]
    id: str = ""  # the thread's own id on the forum, where quotes name it (a Discourse topic's)
    link: str = ""  # the address the thread is about, for a link post (a Hacker News story's `url`)
    left_out: tuple[tuple[str, str], ...] = ()  # posts of the data that are not the thread's: (id, why)

    @property
    def posts(self) -> tuple[Post, ...]:
        """The opening post, if any, then the comments."""
        return (*([self.opening] if self.opening else []), *self.comments)


class UnreadableError(RefusedInputError):
    """Data no format reads, or that the one it is in cannot use."""


def in_thread_order(posts: Iterable[Post]) -> tuple[Post, ...]:
    """`posts` in thread order: each after what it answers, answers to one post by date. A post
    whose parent is not among them, or that is in a loop of replies, is placed as if it answered
    none (the importer reports the first kind)."""
    listed = sorted(posts, key=_by_date)
    known = {post.id for post in listed}
    children: dict[str, list[Post]] = {}
    for post in listed:
        if post.parent in known and post.parent != post.id:
            children.setdefault(post.parent, []).append(post)
    roots = [post for post in listed if post.parent not in known or post.parent == post.id]
    ordered: list[Post] = []
    placed: set[int] = set()  # by identity: the ids are checked for repeats only after this
    for top in [*roots, *listed]:  # then whatever a loop of replies kept from every root
        stack = [top]
        while stack:  # not recursive: a thread may be hundreds of replies deep
            post = stack.pop()
            if id(post) not in placed:
                placed.add(id(post))
                ordered.append(post)
                stack += reversed(children.get(post.id, []))
    return tuple(ordered)


def _by_date(post: Post) -> tuple[bool, str, str]:
    """Earliest first; a post the data gives no date (a deleted one, on some forums) after those
    it does, rather than before every other answer to the same post."""
    return (not post.posted, post.posted, post.id)


def text_of(value: Any) -> str:
    """A field that should be text: its text, or "" for null or anything else."""
    return value if isinstance(value, str) else ""


def id_of(value: Any) -> str:
    """An id, which forums give as text or as a number."""
    if isinstance(value, bool):
        return ""
    return str(value) if isinstance(value, (str, int)) else ""


def field(data: Any, *path: str) -> Any:
    """`data[path[0]][path[1]]…`, or None where a step is missing."""
    for key in path:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data


def objects(value: Any) -> list[dict[str, Any]]:
    """The objects of a list (anything else in it is not a post)."""
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []
