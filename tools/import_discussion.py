"""`make import SOURCE=… NAME=<slug> [FORMAT=…]`: a thread becomes a draft discussion page.

Usage: python tools/import_discussion.py SOURCE NAME [FORMAT]   (from the project's root)

SOURCE is a forum's own data for the thread (the JSON its API answers: ForumMagnum's GraphQL,
a Discourse topic, a Hacker News item; see annotation_engine/read/forums/) or a plain-text
scrape. The format is found from the file, or named by FORMAT (`forummagnum`, `discourse`,
`hackernews`, `scrape`). The data is saved unchanged as `sources/<NAME>.json` (a scrape as
`sources/<NAME>.txt`) and the draft written to `docs/discussions/<NAME>.md` (import_forum.py,
import_scrape.py); then it prints what it did and what the maintainer must decide.

For a discussion imported before from a forum's data, it refreshes the page instead
(refresh_forum.py): the new comments are put in place, the newest answer is saved, and the one
before is kept beside it. ACCEPT (a comma-separated list of the forum's comment ids, or `all`)
takes the new words of comments edited on the forum. Otherwise it never overwrites a file: every
problem is one line, `path: what is wrong. Fix: what to do`, and exit status 1.
"""

from __future__ import annotations

import io
import os
import re
import sys
import tempfile
from pathlib import Path

import forum_api
import import_forum
import import_scrape
import refresh_forum
from annotation_engine.model import RefusedInputError
from annotation_engine.read import comments, forums
from annotation_engine.read.scrape import read_scrape, split_copies

SOURCES, DISCUSSIONS = import_scrape.SOURCES, import_scrape.DISCUSSIONS
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
SCRAPE = "scrape"
USAGE = "make import SOURCE=path/to/thread.json NAME=a-slug [ACCEPT=id,…|all] (a forum's data, or a scrape as .txt)"


class RefusedError(Exception):
    """A problem with what was asked: its one line, `path: what is wrong. Fix: what to do`."""


def arguments(argv: list[str]) -> tuple[str, str, str, list[str]]:
    """SOURCE, NAME, FORMAT ("" when not given) and what ACCEPT names (comma-separated)."""
    if len(argv) > 4:
        raise RefusedError(f"make import: {len(argv)} arguments, not 2 to 4. Fix: {USAGE}")
    source, slug, format_name, accept = [*argv, "", "", "", ""][:4]
    names = [*forums.format_names(), SCRAPE]
    if format_name and format_name not in names:
        raise RefusedError(
            f"make import: FORMAT is '{format_name}', which is no format. Fix: name one of {', '.join(names)}"
        )
    missing = [name for name, given in (("SOURCE", source), ("NAME", slug)) if not given]
    if missing:
        raise RefusedError(f"make import: {' and '.join(missing)} not given. Fix: {USAGE}")
    if not SLUG.fullmatch(slug) or slug == "index":
        suggestion = "-".join(re.findall(r"[a-z0-9]+", slug.lower())) or "a-slug"
        if suggestion == "index":
            suggestion = "index-thread"
        why = "is the folder's own page" if slug == "index" else "must be lower-case letters, digits and hyphens"
        raise RefusedError(
            f"{DISCUSSIONS.as_posix()}/{slug}.md: NAME {why} (it is the page's file and address). "
            f"Fix: make import SOURCE={source} NAME={suggestion}"
        )
    return source, slug, format_name, [name.strip() for name in accept.split(",") if name.strip()]


def read_source(source: str) -> tuple[bytes, str]:
    path = Path(source)
    fix = "Fix: give SOURCE the path of the thread's file (a forum's JSON, or a scrape), from the project's root"
    if not path.exists():
        raise RefusedError(f"{source}: no such file. {fix}")
    if not path.is_file():
        raise RefusedError(f"{source}: is not a file. {fix}")
    try:
        data = path.read_bytes()
    except OSError as error:
        raise RefusedError(f"{source}: cannot be read ({error.strerror}). {fix}") from None
    return data, decoded(source, data)


def decoded(source: str, data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise RefusedError(
            f"{source}: is not UTF-8 text (byte 0x{data[error.start]:02x} on line {line}). Fix: save it as "
            "UTF-8 (for example `iconv -f windows-1252 -t utf-8`), then import again"
        ) from None


def targets(source: str, slug: str, suffix: str) -> tuple[Path, Path]:
    scrape, page = SOURCES / f"{slug}{suffix}", DISCUSSIONS / f"{slug}.md"
    for folder in (SOURCES, DISCUSSIONS):
        if not folder.is_dir():
            raise RefusedError(
                f"{folder.as_posix()}: no such folder here. Fix: run make import from the project's root, "
                "where mkdocs.yml is"
            )
    if scrape.exists() and scrape.resolve() == Path(source).resolve():
        raise RefusedError(
            f"{scrape.as_posix()}: is SOURCE itself, where make import would copy it. Fix: move it out of "
            f"{SOURCES.as_posix()}/ (mv {scrape.as_posix()} {slug}{suffix}), "
            f"then make import SOURCE={slug}{suffix} NAME={slug}"
        )
    for path in (scrape, page):
        if path.exists():
            raise RefusedError(
                f"{path.as_posix()}: already exists, and make import never overwrites. Fix: choose another "
                f"NAME; or, to import {slug} again, delete {scrape.as_posix()} and {page.as_posix()} first "
                "(the page's edits go with it)"
            )
    return scrape, page


def write(files: list[tuple[Path, bytes]]) -> None:
    """Create each file, never replacing one; on a failure, none of them is left."""
    written: list[Path] = []
    for path, data in files:
        try:
            with path.open("xb") as out:
                written.append(path)
                out.write(data)
        except OSError as error:
            for done in written:
                done.unlink(missing_ok=True)
            raise RefusedError(
                f"{path.as_posix()}: cannot be written ({error.strerror}). Fix: check the folder and its permissions"
            ) from None


def main(argv: list[str]) -> int:
    for stream in (sys.stdout, sys.stderr):  # a path or a paragraph the terminal cannot show is no traceback
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")
    try:
        source, slug, format_name, accept = arguments(argv)
        if accept and not (DISCUSSIONS / f"{slug}.md").exists():
            raise RefusedError(
                f"{DISCUSSIONS.as_posix()}/{slug}.md: no such discussion, so ACCEPT has nothing to take new words "
                "into. Fix: import it first, without ACCEPT"
            )
        if forum_api.is_address(source):
            data, format_name = asked(source, format_name)
            text = decoded(source, data)
            if json_of(source, text) is None:
                raise RefusedError(f"{source}: the forum's API did not answer with JSON. Fix: save the JSON by hand")
        else:
            data, text = read_source(source)
        parsed = json_of(source, text) if format_name != SCRAPE else None
        if parsed is None and format_name not in ("", SCRAPE):
            raise RefusedError(
                f"{source}: is not JSON, so not in the format {format_name}. Fix: give the forum's answer unchanged"
            )
        if parsed is None:
            summary = from_scrape(source, slug, data, text)
        else:
            address = source if forum_api.is_address(source) else ""
            thread = thread_of(source, parsed, format_name, address)
            if (DISCUSSIONS / f"{slug}.md").exists():
                summary = refreshed(source, slug, data, thread, accept)
            else:
                summary = from_forum(source, slug, data, thread)
    except RefusedError as problem:
        print(problem, file=sys.stderr)
        return 1
    print(summary)
    return 0


def from_scrape(source: str, slug: str, data: bytes, text: str) -> str:
    copies = split_copies(read_scrape(text))
    if not copies:
        raise RefusedError(f"{source}: holds no text. Fix: give SOURCE a scrape, one paragraph per line")
    scrape, page = targets(source, slug, ".txt")
    drafted = import_scrape.plan(copies)
    write([(scrape, data), (page, import_scrape.draft(slug, drafted).encode("utf-8"))])
    return import_scrape.import_summary(source, slug, drafted)


def json_of(source: str, text: str) -> object | None:
    """The JSON in `text`, or None for a scrape."""
    try:
        return forums.parse(text)
    except forums.UnreadableError as problem:
        raise RefusedError(f"{source}: {problem.message} Fix: {problem.fix}") from None


def asked(address: str, format_name: str) -> tuple[bytes, str]:
    """The forum's answer for the thread at `address`, and its format."""
    try:
        request = forum_api.request_for(address)
        return forum_api.fetch(request, address), format_name or request.format
    except forum_api.FetchError as problem:
        raise RefusedError(f"{problem.message} Fix: {problem.fix}") from None


def thread_of(source: str, parsed: object, format_name: str, address: str = "") -> forums.Thread:
    try:
        return forums.read_thread(parsed, format_name, address)
    except forums.UnreadableError as problem:
        raise RefusedError(f"{source}: {problem.message} Fix: {problem.fix}") from None


def saved_threads(saved: Path, data: bytes) -> list[forums.Thread]:
    """The thread as the answers saved for a discussion have it (`data`: the newest's), newest first."""
    source = saved.as_posix()
    try:
        return forums.saved_answers(saved, json_of(source, decoded(source, data)))
    except forums.UnreadableError as problem:
        raise RefusedError(f"{source}: {problem.message} Fix: {problem.fix}") from None


def from_forum(source: str, slug: str, data: bytes, thread: forums.Thread) -> str:
    saved, page = targets(source, slug, ".json")
    try:
        imported = import_forum.plan(thread)
        drafted = import_forum.draft(slug, thread, imported)
    except comments.UnwritableError as problem:
        raise RefusedError(
            f"{source}: {problem}, so the markup cannot hold it. Fix: report it with the comment's id; "
            "to import the rest, save the JSON without that comment"
        ) from None
    write([(saved, data), (page, drafted.encode("utf-8"))])
    return import_forum.import_summary(source, slug, thread, imported)


def refreshed(source: str, slug: str, data: bytes, thread: forums.Thread, accept: list[str]) -> str:
    """The discussion `slug`, imported before from a forum's data, with the thread's new comments."""
    page, saved = DISCUSSIONS / f"{slug}.md", SOURCES / f"{slug}.json"
    if not saved.is_file():
        raise RefusedError(
            f"{page.as_posix()}: already exists, and was not imported from a forum's data (there is no "
            f"{saved.as_posix()}), so make import cannot refresh it. Fix: choose another NAME"
        )
    before = saved.read_bytes()
    kept = saved_threads(saved, before)
    written = decoded(page.as_posix(), page.read_bytes())
    ending = "\r\n" if "\r\n" in written else "\n"  # the page's own line endings are kept
    text = written.replace("\r\n", "\n")
    try:
        done = refresh_forum.refresh(page.as_posix(), text, thread, kept, accept)
    except RefusedInputError as problem:
        raise RefusedError(f"{problem.message} Fix: {problem.fix}") from None
    except comments.UnwritableError as problem:
        raise RefusedError(
            f"{source}: {problem}, so the markup cannot hold it. Fix: report it with the comment's id"
        ) from None
    earlier = forums.next_earlier(saved) if before != data else None
    if earlier is not None:
        write([(earlier, before)])
        replace(saved, data)
    if done.page != text:
        replace(page, done.page.replace("\n", ending).encode("utf-8"))
    return refresh_forum.summary(
        source, page.as_posix(), done, saved.as_posix(), earlier.as_posix() if earlier is not None else ""
    )


def replace(path: Path, data: bytes) -> None:
    """Put `data` in `path` at once: written beside it, then renamed over it."""
    new: Path | None = None
    try:
        handle, name = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        new = Path(name)
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        new.replace(path)
    except OSError as error:
        if new is not None:
            new.unlink(missing_ok=True)
        raise RefusedError(
            f"{path.as_posix()}: cannot be written ({error.strerror}). Fix: check the folder and its permissions"
        ) from None


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
