"""Discourse: a topic's JSON (`/t/<id>.json`).

The posts are `post_stream.posts`, each with `id`, `post_number`, `username`, `name`,
`created_at`, `updated_at`, `cooked` (its HTML), `reply_to_post_number`, `version` (above 1 once
edited), `deleted_at`, `user_deleted`, `hidden` (hidden after flags: its words are not shown
here, whatever the data holds) and `post_url` (an address from the forum's root). The first
post opens the topic. A post's `post_type` says what it is: 1 a post, 2 a moderator's post, 3 a
small action (an event such as closing the topic, which the forum shows as a line, not a post),
4 a whisper (seen only by the forum's staff, in data saved by one of them). Small actions and
whispers are left out of the thread, and the importer names each. A quote is
`<aside class="quote" data-post="N" data-topic="T">` around a `<blockquote>`: the importer makes
it a quote of post N (its `number`) when T is this topic.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any
from urllib.parse import urlsplit

from .body import Part, clean, split_quotes
from .thread import DELETED, HIDDEN, Post, Thread, UnreadableError, field, id_of, in_thread_order, objects, text_of

NAME = "discourse"
PRINT_LIMIT = 1000  # the most posts `/t/<id>.json?print=true` sends
LEFT_OUT = {  # a `post_type` that is no post of the thread → why it is left out
    3: "a small action (an event of the forum, such as closing the topic), not a post",
    4: "a whisper, seen only by the forum's staff: not to be published",
}


def _posts(data: Any) -> list[dict[str, Any]]:
    return objects(field(data, "post_stream", "posts"))


def claims(data: Any) -> bool:
    posts = _posts(data)
    return bool(posts) and all("post_number" in post and "cooked" in post for post in posts)


def _author(post: dict[str, Any]) -> str:
    """The name the forum shows first: the full name where there is one, else the username."""
    return text_of(post.get("name")).strip() or text_of(post.get("username"))


def read(data: Any, address: str = "") -> Thread:
    """The topic; with its `address` (`<forum>/t/<slug>/<id>`), each post's own address too, which
    the topic's JSON does not give whole."""
    posts = _posts(data)
    listed = {id_of(post.get("id")) for post in posts}
    raw = field(data, "post_stream", "stream")
    stream = [id_of(post_id) for post_id in raw] if isinstance(raw, list) else []
    if any(post_id not in listed for post_id in stream):
        fix = "save it from /t/<id>.json?print=true, or import the topic's address, so that it holds them all."
        if len(stream) > PRINT_LIMIT:
            fix = (
                f"none yet: Discourse sends at most {PRINT_LIMIT:,} posts of a topic in one answer, and make import "
                "reads one answer. Import a shorter topic."
            )
        raise UnreadableError(
            f"the topic's JSON holds {len(posts)} of its {len(stream)} posts (Discourse sends 20 at a time).", fix
        )
    root = _forum_root(address)
    left_out = tuple(
        (id_of(post.get("id")), LEFT_OUT[kind]) for post in posts if (kind := post.get("post_type")) in LEFT_OUT
    )
    posts = [post for post in posts if post.get("post_type") not in LEFT_OUT]
    by_number = {id_of(post.get("post_number")): id_of(post.get("id")) for post in posts}
    made = []
    for post in posts:
        deleted = bool(post.get("deleted_at")) or post.get("user_deleted") is True
        hidden = not deleted and post.get("hidden") is True
        version = post.get("version")
        made.append(
            Post(
                id=id_of(post.get("id")),
                parent=_parent(by_number, id_of(post.get("reply_to_post_number"))),
                author=_author(post),
                posted=text_of(post.get("created_at")),
                html="" if deleted or hidden else text_of(post.get("cooked")),
                url=_address(root, data, post),
                number=id_of(post.get("post_number")),
                edited=text_of(post.get("updated_at")) if isinstance(version, int) and version > 1 else "",
                state=DELETED if deleted else HIDDEN if hidden else "",
            )
        )
    first = next((post for post in made if post.number == "1"), None)
    rest = [post for post in made if post is not first]
    # A reply to the first post answers the topic: in the thread, it answers no comment.
    replies = [replace(post, parent="") if first and post.parent == first.id else post for post in rest]
    title = text_of(data.get("title")) or text_of(data.get("fancy_title"))
    url = f"{root}/t/{text_of(data.get('slug'))}/{id_of(data.get('id'))}" if root else ""
    topic = id_of(data.get("id"))
    return Thread(NAME, "a Discourse forum", title, url, first, in_thread_order(replies), topic, left_out=left_out)


def _parent(by_number: dict[str, str], number: str) -> str:
    """The id of the post a post answers; for one the data does not hold (deleted for good, or a
    whisper left out), `#<its number>`, which the importer reports as outside this copy."""
    return by_number.get(number, f"#{number}") if number else ""


def _forum_root(address: str) -> str:
    """`https://forum.example` of a topic's address, or "" without one."""
    parts = urlsplit(address)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme in ("http", "https") and parts.netloc else ""


def _address(root: str, topic: dict[str, Any], post: dict[str, Any]) -> str:
    """A post's address (`<forum>/t/<slug>/<topic id>/<post number>`), where the forum's root is known."""
    if not root:
        return ""
    return f"{root}/t/{text_of(topic.get('slug'))}/{id_of(topic.get('id'))}/{id_of(post.get('post_number'))}"


def parts(thread: Thread) -> dict[str, list[Part]]:
    """Each post's words, by its id, made safe, with each `aside.quote` of a post of this topic
    taken out as a quote of that post (its `data-post` is the quoted post's number)."""
    by_number = {post.number: post.id for post in thread.posts}

    def quote_of(tag: str, attributes: dict[str, str]) -> str | None:
        """The post of this topic a quote quotes; a quote of another topic's post stays as written."""
        if tag != "aside" or "quote" not in attributes.get("class", "").split():
            return None
        if attributes.get("data-topic", thread.id) != thread.id:
            return None
        return by_number.get(attributes.get("data-post", ""))

    return {post.id: split_quotes(clean(post.html), quote_of) if post.html.strip() else [] for post in thread.posts}
