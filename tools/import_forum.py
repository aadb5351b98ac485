"""A thread from a forum's own data as a draft discussion page, for `make import`
(tools/import_discussion.py, which saves the data unchanged as `sources/<NAME>.json`).

Nothing is guessed: each comment is the forum's, once, in thread order, with the name its author
posted under, its date, its address and the comment it answers, as the data gives them. A post's
HTML is made safe (`forums.body.clean`: nothing that runs or loads), its quotes of other posts
become the markup's quotes, and the rest becomes Markdown with markdownify, every character that
Markdown would read as syntax escaped by the project's one escaper, so the page shows the
forum's words unchanged. An image becomes a link to it: a page loads nothing from other hosts.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from markdownify import MarkdownConverter

from annotation_engine.markdown_text import escape_markdown
from annotation_engine.read import comments
from annotation_engine.read.forums import thread_parts
from annotation_engine.read.forums.body import Quoted, clean, image_text, paragraphs
from annotation_engine.read.forums.thread import DELETED, HIDDEN, RETRACTED, Post, Thread
from annotation_engine.read.validate import valid_url
from import_scrape import BASIS, SOURCES, first_words

NO_NAME = "unnamed"  # a deleted comment's author, or one whose account is gone: the forum gives no name


class _Markdown(MarkdownConverter):
    """Safe HTML as Markdown that renders as the same words."""

    def escape(self, text: str, parent_tags: Any) -> str:
        escaped = "\n".join(escape_markdown(line) for line in text.split("\n"))
        in_cell = not {"td", "th"}.isdisjoint(parent_tags)
        return escaped.replace("|", "\\|") if in_cell else escaped  # a cell's | would end it

    def convert_li(self, el: Any, text: str, parent_tags: Any) -> str:
        """A list item whose marker is four wide, so that what it holds (a nested list, a second
        paragraph) is indented as Python-Markdown reads it (four spaces; markdownify's own two
        would flatten it)."""
        text = (text or "").strip()
        if not text:
            return "\n"
        parent = el.parent
        if parent is not None and parent.name == "ol":
            start = str(parent.get("start") or "1")
            bullet = f"{(int(start) if start.isdigit() else 1) + len(el.find_previous_siblings('li'))}."
        else:
            bullet = "-"
        marker = bullet.ljust(3) + " "
        lines = text.split("\n")
        return (
            marker + lines[0] + "".join("\n" + (" " * len(marker) + line if line else "") for line in lines[1:]) + "\n"
        )

    def convert_img(self, el: Any, text: str, parent_tags: Any) -> str:
        """An image as a link to it, or only its description where it has no address (`clean`
        drops an address relative to the forum) or is inside a link already (a link in a link
        would not be one)."""
        src, shown = el.get("src") or "", escape_markdown(image_text(el.get("alt") or "", el.get("src") or ""))
        return f"[{shown}](<{src}>)" if src and shown and "a" not in parent_tags else shown

    def convert_pre(self, el: Any, text: str, parent_tags: Any) -> str:
        """A code block fenced with more backticks than any run in it, so that a line of ``` in
        the code does not end the block (markdownify's fence is always three)."""
        # markdownify documents convert_<tag> for subclasses; its type stubs do not list convert_pre
        converted: str = super().convert_pre(el, text, parent_tags)  # type: ignore[misc]
        runs = [len(run) for run in re.findall(r"`{3,}", text)]
        if not runs:
            return converted
        fence = "`" * (max(runs) + 1)
        before, _, rest = converted.partition("```")
        code, _, after = rest.rpartition("```")
        return before + fence + code + fence + after


def markdown(html: str) -> str:
    """Safe HTML (`forums.body.clean`'s) as Markdown."""
    converter = _Markdown(
        heading_style="atx",
        bullets="-",
        escape_asterisks=False,
        escape_underscores=False,
        sup_symbol="<sup>",  # as HTML: the site's Markdown has no syntax for them
        sub_symbol="<sub>",
    )
    converted: str = converter.convert(html)
    return converted.strip("\n")


@dataclass(frozen=True)
class Imported:
    """The draft's comments, and what the import has to tell the maintainer."""

    written: list[comments.Written]
    orphans: list[Post]  # replies to a comment the data does not hold


def plan(thread: Thread, ids: Mapping[str, str] | None = None) -> Imported:
    """Every post of the thread as the markup's comment, with the page's id `ids` gives it (by
    default `comment-<n>`, in thread order)."""
    ids = ids or {post.id: f"comment-{n}" for n, post in enumerate(thread.posts, 1)}
    bodies = thread_parts(thread)
    written, orphans = [], []
    done: set[str] = set()  # a reply names a comment above it: in a loop of replies, the first answers none
    for post in thread.posts:
        if post.parent and post.parent not in ids:
            orphans.append(post)
        parts: list[comments.Part] = []
        for part in bodies[post.id]:
            if isinstance(part, Quoted) and (quoted := markdown(part.html)):  # an empty quote quotes nothing
                parts.append(comments.Quote(ids[part.post], quoted))
            elif isinstance(part, str) and (words := markdown(part)):
                parts.append(words)
        written.append(
            _writable(
                post,
                comments.Written(
                    author=" ".join(post.author.split()) or NO_NAME,
                    id=ids[post.id],
                    parts=tuple(parts),
                    reply_to=ids[post.parent] if post.parent in done else "",
                    date=post.posted,
                    url=post.url if valid_url(post.url) else "",
                    edited=post.edited,
                    status=post.state,
                    source_id=post.id,
                ),
            )
        )
        done.add(post.id)
    return Imported(written, orphans)


def _writable(post: Post, comment: comments.Written) -> comments.Written:
    """The comment, once the markup is known to hold it; else the problem names it."""
    try:
        comments.write([comment])
    except comments.UnwritableError as problem:
        raise comments.UnwritableError(f"the comment {post.id} by {post.author or NO_NAME}: {problem}") from None
    return comment


def draft(slug: str, thread: Thread, imported: Imported) -> str:
    """The page: front matter, heading, About box, then the comments in the comment markup."""
    title = thread.title.strip() or f"TODO: a title for {slug}"
    front = [f"title: {json.dumps(html.escape(title, quote=False), ensure_ascii=False)}"]  # the theme shows it as HTML
    if valid_url(thread.url):
        front.append(f"source_url: {thread.url}")
    front += [f"source: {SOURCES.as_posix()}/{slug}.json", f'basis: "{BASIS}"']
    parts = ["---\n" + "\n".join(front) + "\n---", f"# {escape_markdown(title)}", about(slug, thread, imported)]
    return "\n\n".join([*parts, comments.write(imported.written)]) + "\n"


def about(slug: str, thread: Thread, imported: Imported) -> str:
    """The About box: where the thread comes from, and that nothing was reconstructed."""
    count = len(thread.comments)
    where = f"{thread.site} ({escape_markdown(thread.url)})" if valid_url(thread.url) else thread.site
    opening = "the post that opens the thread and " if thread.opening else ""
    items = [
        f"This page quotes {opening}{count} comment{'s' if count != 1 else ''} from {where}, as the forum's "
        f"own data gives them (saved unchanged as `sources/{slug}.json`): each comment once, in thread order, "
        "under the name its author posted with, with its date, its address there and the comment it answers. "
        "Nothing was reconstructed. Every build checks each comment's words against that data.",
        f"The comments are their authors' words, {BASIS}.",
    ]
    if valid_url(thread.link) and not {"<", ">"} & set(thread.link):  # an autolink: nothing in it ends it early
        items.insert(1, f"The thread is about <{thread.link}>.")
    return '??? info no-annotate "About this discussion"\n\n' + "\n\n".join(f"    {item}" for item in items)


def import_summary(source: str, slug: str, thread: Thread, imported: Imported) -> str:
    page = f"docs/discussions/{slug}.md"
    states = [post.state for post in thread.posts]
    lines = [
        f"{source} → {SOURCES.as_posix()}/{slug}.json (unchanged) and {page} (a draft)",
        f"format: {thread.format} ({thread.site})",
        f"comments: {len(imported.written)}"
        + (" (the first is the post that opens the thread)" if thread.opening else ""),
        f"deleted: {states.count(DELETED)}, hidden after flags: {states.count(HIDDEN)} (kept in place, with no "
        f"words); retracted: {states.count(RETRACTED)}",
    ]
    lines += [f"  left out: post {post_id}, {why}" for post_id, why in thread.left_out]
    for post in imported.orphans:
        lines.append(
            f"  comment {post.id} by {post.author or NO_NAME} answers {post.parent}, which this data does not "
            f"hold: shown as answering none (“{first_words(' '.join(paragraphs(clean(post.html)))) or 'no words'}”)"
        )
    lines += [
        f"to do in {page}:",
        *([f'  - title: replace "TODO: a title for {slug}"'] if not thread.title.strip() else []),
        f'  - basis: the front matter says "{BASIS}"; confirm it for this forum (licences differ: the import '
        "does not decide), and change it and the About box if the forum gives another",
        "then `make check` checks every comment against the saved data",
    ]
    return "\n".join(lines)
