"""A scraped comment thread (plain text) as a draft discussion page, for `make import`
(tools/import_discussion.py, which copies the scrape to `sources/<NAME>.txt`).

The draft is the thread once, merged from the scrape's repeated copies
(`annotation_engine.read.scrape`), in the comment markup, with a front matter naming the source and
an About box saying what was guessed; `import_summary` is what it merged and what the maintainer
must decide.

What the draft guesses, and why (the About box and the report say it too):

- One comment per paragraph: the scrape marks no boundaries, and joining paragraphs is easier
  than finding where a guessed comment should have been split.
- A paragraph that repeats an earlier one is a quote of it, if it is the same paragraph or a part
  of one at least `QUOTE_WORDS` words long. A quote belongs in a comment with words of its own
  (nobody posts only a quote), so it opens the comment of the next paragraph that is no quote:
  people quote, then answer. Quotes at the very end join the comment before them. A quote names
  the comment where its words first appear; a repeat of its own comment's words (possible only
  at the very end) stays plain text.
- Authors are "commenter A", "commenter B", …: one neutral label per comment, never a name.
- No reply links, no dates: the scrape has neither.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from annotation_engine.markdown_text import escape_markdown
from annotation_engine.read import comments
from annotation_engine.read.scrape import Paragraph, provenance

SOURCES = Path("sources")
DISCUSSIONS = Path("docs") / "discussions"
BASIS = "quoted for commentary; copyright stays with the authors"
QUOTE_WORDS = 6  # a shorter paragraph found inside an earlier one is more likely chance than a quote


# -- The draft's plan: comments, quotes, what each copy held ------------------------------------


@dataclass(frozen=True)
class Block:
    paragraph: Paragraph
    repeats: int | None = None  # the number of the comment whose words it repeats
    quote: bool = False  # shown as a quote of that comment


@dataclass(frozen=True)
class Comment:
    number: int
    blocks: tuple[Block, ...]

    @property
    def id(self) -> str:
        return f"comment-{self.number}"

    @property
    def label(self) -> str:
        return f"commenter {letters(self.number)}"


@dataclass(frozen=True)
class Plan:
    copies: list[list[Paragraph]]
    held: list[tuple[Paragraph, tuple[int, ...]]]  # the thread once, each with the copies that hold it
    comments: list[Comment]

    @property
    def lost(self) -> list[tuple[Paragraph, tuple[int, ...]]]:
        """The paragraphs some copy lost, with the copies that kept them."""
        return [(paragraph, held) for paragraph, held in self.held if len(held) < len(self.copies)]

    def repeats(self, quote: bool) -> list[tuple[Comment, Block]]:
        """The repeats shown as quotes, or those left as plain text."""
        return [(c, b) for c in self.comments for b in c.blocks if b.repeats and b.quote == quote]


def letters(number: int) -> str:
    """1 → A, 26 → Z, 27 → AA: a label for every comment, however many."""
    label = ""
    while number:
        number, rest = divmod(number - 1, 26)
        label = chr(ord("A") + rest) + label
    return label


def repeated(thread: list[Paragraph]) -> dict[int, int]:
    """For each paragraph that repeats an earlier one, the index of the one it repeats: the
    earliest that holds its words, which is never a repeat itself."""
    found: dict[int, int] = {}
    for index, paragraph in enumerate(thread):
        long_enough = len(paragraph.text.split()) >= QUOTE_WORDS
        for earlier in range(index):
            if paragraph.text == thread[earlier].text or (long_enough and paragraph.text in thread[earlier].text):
                found[index] = earlier
                break
    return found


def plan(copies: list[list[Paragraph]]) -> Plan:
    """The draft's comments: one per paragraph, each repeat opening the next one's comment."""
    held = provenance(copies)
    thread = [paragraph for paragraph, _ in held]
    repeats = repeated(thread)
    groups: list[list[int]] = []
    pending: list[int] = []
    for index in range(len(thread)):
        pending.append(index)
        if index not in repeats:
            groups.append(pending)
            pending = []
    if pending:  # repeats at the very end: the last comment's (the first paragraph is never one)
        groups[-1] += pending
    number = {index: n for n, group in enumerate(groups, 1) for index in group}
    comments = []
    for n, group in enumerate(groups, 1):
        blocks = []
        for index in group:
            of = number[repeats[index]] if index in repeats else None
            blocks.append(Block(thread[index], of, quote=of is not None and of != n))
        comments.append(Comment(n, tuple(blocks)))
    return Plan(copies, held, comments)


# -- What the draft and the report say ---------------------------------------------------------


def numbered(one: str, many: str, numbers: list[int]) -> str:
    """'line 12', 'lines 12 and 14', 'copies 1, 2 and 3'."""
    shown = [str(n) for n in numbers]
    if len(shown) == 1:
        return f"{one} {shown[0]}"
    return f"{many} {', '.join(shown[:-1])} and {shown[-1]}"


def first_words(text: str, count: int = 8) -> str:
    words = text.split()
    return " ".join(words[:count]) + ("…" if len(words) > count else "")


def kept_by(held: tuple[int, ...]) -> str:
    return "only in " + numbered("copy", "copies", [index + 1 for index in held])


def span(copy: list[Paragraph]) -> str:
    return f"{copy[0].line}–{copy[-1].line}" if len(copy) > 1 else str(copy[0].line)


def copy_lines(copies: list[list[Paragraph]]) -> str:
    """'lines 1–17 and 18–33'."""
    spans = [span(copy) for copy in copies]
    listed = spans[0] if len(spans) == 1 else f"{', '.join(spans[:-1])} and {spans[-1]}"
    return f"{'line' if spans == [str(copies[0][0].line)] else 'lines'} {listed}"


TIMES = {1: "once", 2: "twice"}


def about(slug: str, plan: Plan) -> str:
    """The About box: what the draft guessed, outside every comment and never annotated."""
    copies = len(plan.copies)
    paragraphs = len(plan.held)
    if copies == 1:
        merged = f"The scrape holds the thread once ({copy_lines(plan.copies)}): nothing to merge."
    else:
        merged = (
            f"The scrape holds the thread {TIMES.get(copies, f'{copies} times')} ({copy_lines(plan.copies)}). "
            f"The copies were aligned and merged into {paragraphs} paragraphs, every one once and in order."
        )
    by_copies: dict[tuple[int, ...], list[int]] = {}
    for paragraph, held in plan.lost:
        by_copies.setdefault(held, []).append(paragraph.line)
    if copies == 1:
        lost = ""
    elif by_copies:
        parts = [f"{numbered('line', 'lines', lines)} {kept_by(held)}" for held, lines in by_copies.items()]
        first = next(iter(by_copies.values()))
        listed = f"{parts[0].replace(' only', ' is only' if len(first) == 1 else ' are only', 1)}"
        listed = "; ".join([listed[0].upper() + listed[1:], *parts[1:]])
        lost = f"- *What a copy lost.* {listed}: each is kept at its place among the rest."
    else:
        lost = "- *What a copy lost.* Nothing: every copy holds every paragraph."
    quotes = plan.repeats(quote=True)
    if quotes:
        listed = "; ".join(f"line {b.paragraph.line} quotes comment {b.repeats}" for _, b in quotes)
        quoted = (
            "- *Quotes.* The scrape marks none. A paragraph that repeats the words of an earlier one is shown "
            "as a quote of the comment they first appear in, at the start of the comment of the paragraph "
            f"after it: {listed}. These are guesses from repeated words."
        )
    else:
        quoted = "- *Quotes.* The scrape marks none, and no paragraph repeats an earlier one: none is shown."
    last = letters(len(plan.comments))
    labels = "“commenter A”" if last == "A" else f"“commenter A” to “commenter {last}”"
    items = [
        f"This page is a draft that `make import` made from the scrape `sources/{slug}.txt`. The comments "
        f"are their authors’ words, {BASIS}. Everything around the words is a guess, listed here, for "
        "the maintainer to check and replace.",
        f"- *Copies.* {merged}",
        lost,
        "- *Comments.* The scrape does not mark where one comment ends and the next begins: each paragraph "
        "is a comment of its own here, except that a quote opens the comment of the paragraph after it.",
        f"- *Authors.* The scrape names no one: {labels} are neutral labels, one per comment, not people.",
        "- *Replies.* The scrape has no reply links: no comment here says which one it answers.",
        quoted,
    ]
    body = "\n\n".join(f"    {item}" for item in items if item)
    return f'??? info no-annotate "About this draft"\n\n{body}'


def draft(slug: str, plan: Plan) -> str:
    """The page: front matter, heading, About box, then the comments in the comment markup."""
    title = f"TODO: a title for {slug}"
    parts = [
        f'---\ntitle: "{title}"\nsource: {SOURCES.as_posix()}/{slug}.txt\nbasis: "{BASIS}"\n---',
        f"# {title}",
        about(slug, plan),
    ]
    written = [
        comments.Written(comment.label, comment.id, tuple(_part(block) for block in comment.blocks))
        for comment in plan.comments
    ]
    return "\n\n".join([*parts, comments.write(written)]) + "\n"


def _part(block: Block) -> comments.Part:
    words = escape_markdown(block.paragraph.text)
    return comments.Quote(f"comment-{block.repeats}", words) if block.quote else words


def import_summary(source: str, slug: str, plan: Plan) -> str:
    """What was merged and guessed, and what the maintainer must decide."""
    page = (DISCUSSIONS / f"{slug}.md").as_posix()
    lines = [
        f"{source} → {SOURCES.as_posix()}/{slug}.txt (unchanged) and {page} (a draft)",
        f"copies of the thread found: {len(plan.copies)} ({copy_lines(plan.copies)})",
        f"paragraphs merged: {len(plan.held)}, into {len(plan.comments)} comments (one per paragraph; a quote opens "
        "the comment of the paragraph after it)",
    ]
    if len(plan.copies) > 1:
        lines.append(f"paragraphs only some copies kept: {len(plan.lost)}")
        lines += [f"  line {p.line}, {kept_by(held)}: {first_words(p.text)}" for p, held in plan.lost]
    quotes = plan.repeats(quote=True)
    lines.append(f"repeats kept as quotes: {len(quotes)}")
    lines += [
        f"  line {b.paragraph.line}, in comment {c.number}, quotes comment {b.repeats}: {first_words(b.paragraph.text)}"
        for c, b in quotes
    ]
    plain = plan.repeats(quote=False)
    if plain:
        lines.append(f"repeats left as plain text (they repeat their own comment): {len(plain)}")
        lines += [
            f"  line {b.paragraph.line}, in comment {c.number}: {first_words(b.paragraph.text)}" for c, b in plain
        ]
    lines += [
        f"to do in {page}:",
        f'  - title: replace "TODO: a title for {slug}" in the front matter and the # heading',
        "  - comment boundaries: each paragraph is a comment of its own; join those one comment holds "
        "(move a paragraph between `/// comment` blocks; renumber the ids if you like)",
        "  - authors: “commenter A”, “commenter B”, … are neutral labels; give comments by one person the "
        "same label, or a name, only where the source says so",
        "  - replies: add `reply_to: comment-N` to each comment that answers another",
        "  - quotes: check each quote above (`//// quote | comment-N`), and mark any the import missed",
        f'  - basis: the front matter says "{BASIS}"; change it, and the About box, if the source '
        "gives another (a licence, a permission)",
        "  - About box: rewrite “About this draft” to tell readers what you reconstructed",
        "  - dates and permalinks: add `date:` and `url:` to a comment where the source gives them",
        "then `make check` checks the page against its source",
    ]
    return "\n".join(lines)
