"""Hacker News: an item of the Algolia search API (`https://hn.algolia.com/api/v1/items/<id>`).

The story and its comments are one tree: each item has `id`, `created_at`, `type`, `author`,
`text` (HTML), `parent_id`, `story_id` and its replies in `children`. The story opens the thread
(its `title`, `url`, `text`). Hacker News has no quote markup: a quote is a paragraph that starts
with `>`, which stays as written. A deleted comment keeps its place with no author and no text.
"""

from __future__ import annotations

from typing import Any

from .body import Part, clean
from .thread import DELETED, Post, Thread, id_of, in_thread_order, objects, text_of

NAME = "hackernews"
ITEM = "https://news.ycombinator.com/item?id="


def claims(data: Any) -> bool:
    return isinstance(data, dict) and "children" in data and "created_at" in data and "author" in data


def _post(item: dict[str, Any], parent: str) -> Post:
    deleted = item.get("author") is None and item.get("text") is None
    return Post(
        id=id_of(item.get("id")),
        parent=parent,
        author=text_of(item.get("author")),
        posted=text_of(item.get("created_at")),
        html=text_of(item.get("text")),
        url=ITEM + id_of(item.get("id")),
        state=DELETED if deleted else "",
    )


def read(data: Any, address: str = "") -> Thread:
    """A story opens the thread, and its replies answer no comment; an item that is a comment is
    the thread's first comment. Every item's address is known, so `address` adds nothing."""
    story = data.get("type") == "story"
    opening = _post(data, "") if story else None
    comments = [] if story else [_post(data, "")]
    stack = [(child, "" if story else id_of(data.get("id"))) for child in objects(data.get("children"))]
    while stack:  # not recursive: a thread may be hundreds of replies deep
        item, parent = stack.pop()
        post = _post(item, parent)
        comments.append(post)
        stack += [(child, post.id) for child in objects(item.get("children"))]
    title = text_of(data.get("title")) if story else ""
    link = text_of(data.get("url")) if story else ""
    story_id = id_of(data.get("id"))
    return Thread(NAME, "Hacker News", title, ITEM + story_id, opening, in_thread_order(comments), story_id, link)


def parts(thread: Thread) -> dict[str, list[Part]]:
    """Each post's words, by its id: its HTML, made safe (a quote here is a block quote, which
    names no post)."""
    return {post.id: [clean(post.html)] if post.html.strip() else [] for post in thread.posts}
