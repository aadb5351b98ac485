"""`make import` for a discussion that already exists: the grown thread's new comments put in
their place in the page, and nothing else of the page touched.

The page keeps its front matter, its About box, its own edits and every comment as it stands; its
annotations are in their own files. Each comment of the newest answer that the page does not
show (by its `source_id`) is written as `make import` writes a draft's, with the next free
`comment-<n>` id, right after the comment that comes before it in thread order, so a new reply
lands under what it answers, after the replies already there.

Never a silent overwrite. A comment whose words changed on the forum keeps the page's words; the
summary lists it, and the build fails on it (it proves each comment against the newest answer)
until the maintainer takes the new words with `ACCEPT=<its id>` or `ACCEPT=all`. A comment deleted
on the forum stays as it was quoted: the answer saved before is kept beside the newest
(`forums.next_earlier`), and the build proves the comment against it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import import_forum
from annotation_engine.model import Problem, RefusedInputError
from annotation_engine.read import comments, forums
from annotation_engine.read.discussions import front_matter
from annotation_engine.read.forums.body import clean, paragraphs
from annotation_engine.read.forums.thread import DELETED, Post, Thread
from import_scrape import first_words

ALL = "all"  # ACCEPT=all: take the new words of every comment that changed


class RefreshError(RefusedInputError):
    """What stops a refresh."""


@dataclass(frozen=True)
class Refreshed:
    """The page with the thread's new comments in place, and what the maintainer is told."""

    page: str
    added: list[Post]
    changed: list[Post]  # words changed on the forum: the page keeps its own until accepted
    unsure: list[Post]  # written otherwise than make import writes any answer kept (edited here?): the build says
    accepted: list[Post]  # words changed on the forum, taken
    gone: list[Post]  # deleted on the forum (or gone from its data) since: kept as quoted
    orphans: list[Post]


@dataclass(frozen=True)
class _Block:
    """Where a comment's block is in the page: its first and last line (0-based, inclusive)."""

    comment: comments.Comment
    first: int
    last: int


def _blocks(path: str, text: str) -> tuple[list[_Block], dict[str, comments.Written]]:
    """The page's comments, in page order, with the lines of their blocks, and as the markup's
    data by id; a page whose markup has a problem is refused (the build names it the same way)."""
    problems: list[Problem] = []
    meta, body = front_matter(path, text, problems.append)
    first_line = text[: len(text) - len(body)].count("\n") + 1
    page = comments.scan(path, body, first_line, problems.append)
    if meta is None or problems:
        problem = problems[0]
        where = f"{problem.path}:{problem.line}" if problem.line else problem.path
        raise RefreshError(f"{where}: {problem.message}", f"{problem.fix} Then import again.")
    blocks, current, inner = [], None, 0
    for opening in page.openings:
        if opening.kind == comments.COMMENT:
            current, inner = opening, 0
        elif opening.kind != comments.END:
            inner += 1
        elif inner:
            inner -= 1
        elif current is not None and current.comment is not None:
            blocks.append(_Block(current.comment, current.line - 1, opening.line - 1))
            current = None
    return blocks, {comment.id: comment for comment in comments.written(page)}


def _answer_shown(
    kept: Sequence[Thread], ids: dict[str, str], parts: dict[str, tuple[comments.Part, ...]]
) -> dict[str, list[str]]:
    """For each comment (by source id) whose `parts` the page shows, the words of the newest kept
    answer from which make import writes just those parts: the words the page quotes. A comment
    whose parts no answer writes (edited by hand on the page) is left out."""
    shows: dict[str, list[str]] = {}
    for answer in kept if parts else ():  # each answer planned whole: only when a comment differs
        numbered = {post.id: f"comment-{n}" for n, post in enumerate(answer.posts, 1)} | ids
        words = forums.paragraphs_by_post(answer)
        for post, comment in zip(answer.posts, import_forum.plan(answer, numbered).written, strict=True):
            if post.id in parts and post.id not in shows and comment.parts == parts[post.id]:
                shows[post.id] = words[post.id]
    return shows


def _same_thread(newest: Thread, saved: Thread) -> None:
    """An answer for the thread the page was imported from, and no older than the one saved."""
    if (newest.format, newest.id or newest.url) != (saved.format, saved.id or saved.url):
        raise RefreshError(
            f"this answer is for another thread ({newest.format} {newest.id or newest.url or 'with no id'}) than the "
            f"one saved ({saved.format} {saved.id or saved.url or 'with no id'}).",
            "give the answer for the page's own thread, or import this one under another NAME.",
        )
    latest = max((post.posted for post in newest.posts if post.posted), default="")
    saved_latest = max((post.posted for post in saved.posts if post.posted), default="")
    if latest < saved_latest:
        raise RefreshError(
            f"this answer is older than the one saved: its newest post is from {latest or 'no date'}, the saved "
            f"answer's from {saved_latest}.",
            "ask the forum again (give the thread's address as SOURCE), or give the newer answer.",
        )


def refresh(path: str, text: str, newest: Thread, kept: Sequence[Thread], accept: Sequence[str]) -> Refreshed:
    """The page `text` (its file `path`) with the comments of `newest` it lacks; `kept`: the
    answers it was imported from, newest first; `accept`: source ids (or `ALL`) whose new words
    replace the page's."""
    _same_thread(newest, kept[0])
    blocks, on_page = _blocks(path, text)
    shown = {block.comment.source_id: block for block in blocks if block.comment.source_id}
    ids = {source_id: block.comment.id for source_id, block in shown.items()}
    taken = {block.comment.id for block in blocks}
    number = len(taken)
    for post in newest.posts:
        if post.id not in ids:
            number += 1
            while f"comment-{number}" in taken:
                number += 1
            ids[post.id] = f"comment-{number}"
    imported = import_forum.plan(newest, ids)
    written = {post.id: comment for post, comment in zip(newest.posts, imported.written, strict=True)}
    parents = _parents_shown(newest, kept, shown)  # new replies to a comment only the page still shows
    for post_id, parent in parents.items():
        written[post_id] = dataclasses.replace(written[post_id], reply_to=ids[parent])
    now = forums.paragraphs_by_post(newest)
    differ = [  # the page's comments that make import would now write otherwise
        post
        for post in newest.posts
        if post.id in shown and now[post.id] and on_page[ids[post.id]].parts != written[post.id].parts
    ]
    unknown = sorted(set(accept) - {ALL} - {p.id for p in differ})
    if unknown:
        raise RefreshError(
            f"ACCEPT names {', '.join(unknown)}, which {'is' if len(unknown) == 1 else 'are'} no comment of the page "
            "whose words differ from the forum's newest.",
            "name the ids the summary lists under 'changed', or ACCEPT=all.",
        )
    accepted = [p for p in differ if ALL in accept or p.id in accept]
    shows = _answer_shown(kept, ids, {p.id: on_page[ids[p.id]].parts for p in differ})
    changed = [p for p in differ if p not in accepted and p.id in shows and now[p.id] != shows[p.id]]
    unsure = [p for p in differ if p not in accepted and p.id not in shows]
    posts = {post.id: post for post in newest.posts}
    gone = [
        posts.get(source_id) or Post(source_id, "", block.comment.author, "", "")
        for source_id, block in shown.items()
        if block.comment.status != DELETED and not now.get(source_id)
    ]
    lines = text.split("\n")
    edits: list[tuple[int, int, list[str]]] = []  # (first line, how many lines it replaces, the new lines)
    for post in accepted:
        block = shown[post.id]
        comment = dataclasses.replace(written[post.id], reply_to=block.comment.reply_to)
        edits.append((block.first, block.last - block.first + 1, comments.write([comment]).split("\n")))
    added = [post for post in newest.posts if post.id not in shown]
    for at, group in _places(text, newest.posts, shown, blocks, added, parents=parents).items():
        new = comments.write(written[post.id] for post in group).split("\n")
        before_first = bool(blocks) and at == blocks[0].first
        edits.append((at, 0, [*new, ""] if before_first else ["", *new]))
    for at, count, new in sorted(edits, key=lambda edit: (edit[0], edit[1]), reverse=True):
        lines[at : at + count] = new  # from the end up, so the lines above keep their numbers
    return Refreshed(
        "\n".join(lines),
        added,
        changed,
        unsure,
        accepted,
        gone,
        [p for p in imported.orphans if p in added and p.id not in parents],
    )


def _parents_shown(newest: Thread, kept: Sequence[Thread], shown: dict[str, _Block]) -> dict[str, str]:
    """New posts whose parent the newest answer lacks but the page shows (deleted on the forum
    since, say): each post's id → its parent's source id. A Discourse reply names its parent by
    number (`#<n>`, forums/discourse.py): the answers kept say which post had it."""
    in_newest = {post.id for post in newest.posts}
    by_number = {f"#{post.number}": post.id for answer in kept for post in answer.posts if post.number}
    found = {}
    for post in newest.posts:
        parent = by_number.get(post.parent, post.parent)
        if post.id not in shown and parent and parent not in in_newest and parent in shown:
            found[post.id] = parent
    return found


def _places(
    text: str,
    posts: Sequence[Post],
    shown: dict[str, _Block],
    blocks: list[_Block],
    added: list[Post],
    *,
    parents: dict[str, str],
) -> dict[int, list[Post]]:
    """Where each group of new comments goes: after the comment before them in thread order and
    the replies the page shows under it (such as one deleted on the forum since, which the newest
    answer no longer holds); a reply to such a comment, under it; new comments before every shown
    one go before the page's first (on a page that shows none, after its last line)."""
    after = _after_replies(blocks)
    places: dict[int, list[Post]] = {}
    under: dict[int, list[Post]] = {}  # replies to a comment only the page shows: first, right under it
    new = {post.id for post in added}
    before: _Block | None = None  # the shown comment last met in thread order
    for post in posts:
        if post.id in shown:
            before = shown[post.id]
        elif post.id in parents:  # under the comment it answers, which only the page still shows
            under.setdefault(after(shown[parents[post.id]]), []).append(post)
        elif post.id in new:
            at = after(before) if before else blocks[0].first if blocks else len(text.rstrip("\n").split("\n"))
            places.setdefault(at, []).append(post)
    return {at: under.get(at, []) + places.get(at, []) for at in sorted({*under, *places})}


def _after_replies(blocks: list[_Block]) -> Callable[[_Block], int]:
    """For a block, the line after it and the blocks that follow it on the page and answer it,
    directly or not (worked out once per block asked about: a page may hold thousands)."""
    answers = {b.comment.id: b.comment.reply_to for b in blocks}
    position = {id(b): n for n, b in enumerate(blocks)}
    found: dict[int, int] = {}

    def after(block: _Block) -> int:
        if id(block) not in found:
            last = block
            for following in blocks[position[id(block)] + 1 :]:
                above = following.comment.reply_to
                while above and above != block.comment.id:
                    above = answers.get(above, "")
                if not above:
                    break
                last = following
            found[id(block)] = last.last + 1
        return found[id(block)]

    return after


def summary(source: str, page: str, refreshed: Refreshed, saved: str, earlier: str) -> str:
    """What the refresh did, and what is left for the maintainer."""

    def line(post: Post) -> str:
        words = first_words(" ".join(paragraphs(clean(post.html)))) or "no words"
        return f"  {post.id} by {post.author or import_forum.NO_NAME}: “{words}”"

    name = page.rsplit("/", 1)[-1].removesuffix(".md")
    if earlier:
        lines = [f"{source} → {saved} (the newest answer); the one before kept as {earlier}"]
    else:
        lines = [f"{source}: the answer {saved} already holds, so it is kept as it is"]
    lines.append(f"{page}: {len(refreshed.added)} new comment{'s' if len(refreshed.added) != 1 else ''} put in place")
    lines += [line(post) for post in refreshed.added]
    if refreshed.added:
        lines.append("  the About box is the page's own text: if it counts the comments, update its count")
    for post in refreshed.orphans:
        lines.append(f"  {post.id} answers {post.parent}, which this data does not hold: shown as answering none")
    if refreshed.accepted:
        lines.append("new words taken (ACCEPT):")
        lines += [line(post) for post in refreshed.accepted]
    if refreshed.changed:
        lines.append(
            "changed on the forum, so the build fails on them until their new words are taken "
            f"(make import SOURCE={saved} NAME={name} ACCEPT=<id>, or ACCEPT=all):"
        )
        lines += [line(post) for post in refreshed.changed]
    if refreshed.unsure:
        lines.append(
            "written otherwise on the page than make import writes them now (edited by hand, or imported by an "
            "earlier version): the build says whether their words differ from the forum's (then ACCEPT=<id>):"
        )
        lines += [line(post) for post in refreshed.unsure]
    if refreshed.gone:
        lines.append(
            "deleted or hidden on the forum since: kept on the page as quoted, proven against the answer kept before:"
        )
        lines += [f"  {post.id} by {post.author or import_forum.NO_NAME}" for post in refreshed.gone]
    lines.append("the page's front matter, About box, other comments and annotations are untouched")
    return "\n".join(lines)
