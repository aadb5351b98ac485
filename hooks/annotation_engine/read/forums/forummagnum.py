"""ForumMagnum's GraphQL answers: LessWrong, the Alignment Forum, the EA Forum.

A comment is an object with ForumMagnum's field names (its `CommentsList` fragment, in
packages/lesswrong/lib/collections/comments/fragments.ts of its public repository; the fields in
comments/newSchema.ts): `_id`,
`parentCommentId`, `postedAt`, `lastEditedAt`, `user.displayName`, `contents.html`, `deleted`,
`retracted`, `pageUrl`. The comments may be anywhere the answer holds them: `data.comments.results`
(a `comments` query), a bare list, or beside their post (`data.post.result`, or `post` and
`comments` in one object). The post, when the answer holds it, opens the thread.
"""

from __future__ import annotations

import datetime
from typing import Any
from urllib.parse import urlsplit

from .body import Part, clean
from .thread import DELETED, RETRACTED, Post, Thread, field, id_of, in_thread_order, objects, text_of

NAME = "forummagnum"
SITES = {"www.lesswrong.com": "LessWrong", "www.alignmentforum.org": "the Alignment Forum"}
SITES |= {"forum.effectivealtruism.org": "the EA Forum", "lesswrong.com": "LessWrong"}


def _comments(data: Any) -> list[dict[str, Any]]:
    for found in (
        field(data, "data", "comments", "results"),
        field(data, "comments", "results"),
        field(data, "comments"),
        field(data, "data", "post", "result", "comments"),
        data,
    ):
        listed = objects(found)
        if listed and all("_id" in comment for comment in listed):
            return listed
    return []


def _post(data: Any) -> dict[str, Any] | None:
    for found in (field(data, "data", "post", "result"), field(data, "post", "result"), field(data, "post")):
        if isinstance(found, dict) and "_id" in found:
            return found
    return None


def claims(data: Any) -> bool:
    comments = _comments(data)
    return bool(comments) and all("postedAt" in c or "parentCommentId" in c for c in comments)


def site_of(url: str) -> str:
    """The forum's name, from an address on it ("" if it is none of the three)."""
    return SITES.get(urlsplit(url).netloc.lower(), "")


EDITED_AFTER = datetime.timedelta(minutes=1)  # ForumMagnum stamps every new comment's lastEditedAt too


def _edited(item: dict[str, Any]) -> str:
    """When the comment was last edited, if well after it was posted: ForumMagnum sets
    `lastEditedAt` a few milliseconds after `postedAt` when a comment is created."""
    edited, posted = text_of(item.get("lastEditedAt")), text_of(item.get("postedAt"))
    try:
        later = datetime.datetime.fromisoformat(edited) - datetime.datetime.fromisoformat(posted)
    except ValueError:
        return ""
    return edited if later > EDITED_AFTER else ""


def _as_post(item: dict[str, Any], parent: str) -> Post:
    state = DELETED if item.get("deleted") is True else RETRACTED if item.get("retracted") is True else ""
    return Post(
        id=id_of(item.get("_id")),
        parent=parent,
        author=text_of(field(item, "user", "displayName")),
        posted=text_of(item.get("postedAt")),
        html="" if state == DELETED else text_of(field(item, "contents", "html")),
        url=text_of(item.get("pageUrl")),
        edited=_edited(item),
        state=state,
    )


def read(data: Any, address: str = "") -> Thread:
    """The thread; its data gives every address, so `address` adds nothing."""
    post = _post(data)
    opening = _as_post(post, "") if post else None
    comments = [_as_post(item, id_of(item.get("parentCommentId"))) for item in _comments(data)]
    url = opening.url if opening else next((c.url.split("?")[0] for c in comments if c.url), "")
    title = text_of(post.get("title")) if post else ""
    return Thread(NAME, site_of(url) or "a ForumMagnum forum", title, url, opening, in_thread_order(comments))


def parts(thread: Thread) -> dict[str, list[Part]]:
    """Each post's words, by its id: its HTML, made safe (a quote here is a block quote, which
    names no post)."""
    return {post.id: [clean(post.html)] if post.html.strip() else [] for post in thread.posts}
