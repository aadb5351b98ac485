"""One build's worth of annotation work, for any Python-Markdown site generator to drive, in three
stages, each an object that the one before makes: what a stage needs has been done when it exists.

Mark while parsing, resolve once at the end (the pattern of mkdocs-autorefs):

1. `Engine(...)`: the annotations are loaded and validated, and every definition and note is
   rendered once. `markdown_extensions()` gives the one extension (its pass over each page) the
   generator adds to its own Markdown configuration.
2. `engine.pages(sources)` once the site's pages are known: `Pages` has read every discussion's
   front matter and the sources they quote, checked what the annotations say of pages, and holds
   the glossary's Markdown (`generated`). Then, for every page, in any order: `begin_page()`
   before its Markdown is converted, `end_page()` on the converted HTML. Converting a discussion
   records its term occurrences; `end_page` fills in what search should find (glossary
   definitions) and marks where the parts that depend on the whole site go.
3. `pages.every_page_parsed(titles)`: `Whole` knows the one order of discussions and every
   occurrence; `finish_page()` on each page's HTML, after search has read it, puts in the parts
   that depend on the whole site: "Mentioned in" lists, the list of discussions, the popovers.
   Links in everything the engine writes are `site:` references (refs.py); `finish_page` turns
   them into URLs with the generator's URL function, in the same pass.

Nothing depends on the order in which pages are converted or finished.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from markdown.extensions import Extension

from .marks import fill, marker
from .model import Discussion, Note, Occurrence, Problem, Report, Term
from .page.anchor import Anchoring
from .page.candidates import Candidate, JargonCounter
from .page.comments import Said
from .page.fidelity import Fidelity
from .page.link import Linking
from .page.match import Matcher
from .page.page_pass import AnnotationExtension
from .page.render import MarkdownConfig, Renderer, clean, note_sources
from .page.state import Converting, PageContext, PageState
from .page.text import html_line
from .parts import hold_back, part, sources_part
from .read import forums
from .read.catalog import load_catalog
from .read.comments import END, Opening, PageComments, scan
from .read.discussions import ordered, read_discussion, titled
from .read.scrape import Paragraph, merge, read_scrape, split_copies
from .read.validate import did_you_mean
from .refs import Resolver, SharedPieces
from .sentences import preview
from .site.export import Entry, defined_terms, glossary_data, glossary_json, json_ld
from .site.glossary import Glossary, discussions_html, entry_html, mentions_html, more_html
from .site.popovers import Popovers, placeholder

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")  # what MkDocs reads as pages
Uses = dict[tuple[str, str], tuple[str, set[str]]]  # (term, discussion) → how it is used there, as HTML
USE_PREVIEW = 100  # characters of a discussion's use of a term that its popover shows, at least (whole sentences)
NOTE_OPENING = 160  # characters of a note that its page holds, at least (whole sentences): three lines in the margin


class Engine:
    """Stage 1: the annotations, loaded, checked and rendered, before any page is read."""

    def __init__(
        self,
        annotations: Path,
        report: Report,
        markdown: MarkdownConfig | None = None,
        glossary_dir: str = "glossary",
        discussions_dir: str = "discussions",
        *,
        root: Path | None = None,
        docs_shown: str = "docs",
        edit_url: Callable[[str], str] | None = None,
    ) -> None:
        self.report = report
        self.root = root or annotations.parent  # the project's folder: sources are named from it
        self.docs_shown = docs_shown  # how problems name the docs folder (MkDocs' docs_dir)
        self.edit_url = edit_url  # an annotation file's path → where to edit it, if the site has a repository
        self.markdown = markdown or MarkdownConfig()
        self.catalog = load_catalog(annotations, report)
        self.glossary = Glossary(glossary_dir.strip("/"), self.catalog.terms)
        self.letter_pages = self.glossary.letter_pages
        self.discussions_dir = discussions_dir.strip("/")
        terms = self.catalog.terms.values()
        self.scoped = frozenset(t.id for t in terms if t.only_in)  # linked only on the discussions they name
        matcher = Matcher(terms)
        self.renderer = Renderer(self.markdown, matcher, self.glossary.entry_ref)
        self.definitions = {t.id: self.renderer.definition(t.definition, t.id, self.scoped) for t in terms}
        self.details = {t.id: self.renderer.definition(t.details, t.id, self.scoped) for t in terms if t.details}
        self.summaries = {term_id: html_line(html) for term_id, (html, _) in self.definitions.items()}
        self.entries = {t.id: self._entry(t) for t in terms}  # what glossary.json and the JSON-LD say
        self.linking = Linking(
            matcher,
            self.glossary.entry_ref,
            jargon=JargonCounter(terms),
            every_use=frozenset(t.id for t in terms if t.every_use),
        )
        self.notes, bodies, held_back = self._notes()
        self.anchoring = Anchoring(bodies, report)
        self.note_parts = {  # page → what its popovers file holds of its notes
            page: "".join(held_back[note.id] for note in notes) for page, notes in self.notes.items()
        }
        self.converting = Converting()  # the page the extension's pass is on
        self.checks: dict[str, Callable[[PageComments, list[Said], list[Opening]], None]] = {}  # a discussion's

    def _notes(self) -> tuple[dict[str, list[Note]], dict[str, etree.Element], dict[str, str]]:
        """The notes to place, by page (those whose body could be rendered), the body each page
        holds, and what of each note waits in the page's popovers file: its paragraphs after the
        opening (parts.hold_back), then its sources line."""
        by_page: dict[str, list[Note]] = defaultdict(list)
        bodies, held_back = {}, {}
        for note in self.catalog.notes.values():
            body = self.renderer.note_body(note, self.report)
            if body is None:
                continue
            held_back[note.id] = hold_back(body, note.id, NOTE_OPENING)
            if note.sources:
                line = ' class="sidenote__para sidenote__sources"'
                held_back[note.id] += part("span", sources_part(note.id), note_sources(note.sources), line)
            bodies[note.id] = body
            by_page[note.page].append(note)
        return dict(by_page), bodies, held_back

    def _entry(self, term: Term) -> Entry:
        return Entry(term, self.definitions[term.id][0], self.summaries[term.id], self.glossary.entry_ref(term.id))

    def page_path(self, src_uri: str) -> str:
        """A page's file as problems name it."""
        return f"{self.docs_shown}/{src_uri}"

    def is_discussion(self, src_uri: str) -> bool:
        """Every Markdown file in the discussions folder is a discussion."""
        return src_uri.startswith(self.discussions_dir + "/") and src_uri.endswith(MARKDOWN_SUFFIXES)

    def excluded(self, src_uri: str) -> frozenset[str]:
        """The terms not linked on a page: those limited to other discussions."""
        return frozenset(t for t in self.scoped if not self.catalog.terms[t].linked_on(src_uri))

    def markdown_extensions(self) -> list[Extension]:
        read = self._read_comments
        return [
            AnnotationExtension(self.converting, read_comments=read, linking=self.linking, anchoring=self.anchoring)
        ]

    def _read_comments(self, src_uri: str, comments: PageComments, said: list[Said], strays: list[Opening]) -> None:
        self.checks[src_uri](comments, said, strays)

    def redirect_html(self, term_id: str, url: Callable[[str], str]) -> str:
        """The page at an entry's old address, which sends the reader to the entry (`url`: the
        generator's URL function from that address)."""
        return self.glossary.redirect_html(term_id, url)

    def pages(self, sources: Mapping[str, Callable[[], str]]) -> Pages:
        """Stage 2, once the site's pages are known (`sources`: each page's source path → what
        reads its Markdown)."""
        return Pages(self, sources)


Source = list[Paragraph] | dict[str, list[str]]  # a scrape's paragraphs, or each comment's by its source id


def _read_source(path: Path) -> Source:
    """A saved source: a scrape, or a forum's answer with the earlier answers kept beside it."""
    text = path.read_text(encoding="utf-8")
    data = forums.parse(text)
    if data is None:
        return merge(split_copies(read_scrape(text)))
    return forums.paragraphs_kept(forums.saved_answers(path, data))


class Pages:
    """Stage 2: every discussion's front matter and source read, what the annotations say of pages
    checked, the glossary's pages made; then each page converted, in any order."""

    def __init__(self, engine: Engine, sources: Mapping[str, Callable[[], str]]) -> None:
        self.engine, self.report = engine, engine.report
        self.unreadable: set[str] = set()  # pages whose encoding is reported
        self.read = sources
        found = [
            read_discussion(src, engine.page_path(src), text, self.report)
            for src in sources
            if engine.is_discussion(src) and (text := self.text(src)) is not None
        ]
        self.discussions = {d.src_uri: d for d in found}  # ordered once their titles are known
        read: dict[Path, Source] = {}  # each source file once, though several discussions quote it
        self.sources = {d.src_uri: source for d in found if (source := self._source(d, read)) is not None}
        taken = set(sources)
        pages, redirects = engine.glossary.markdown(engine.summaries), engine.glossary.redirects()
        for src_uri in sorted(taken & {*pages, *redirects}):
            self.report(
                Problem(
                    engine.page_path(src_uri),
                    "this path is generated from the annotations.",
                    "move the file, or set extra.annotations.glossary to another folder.",
                )
            )
        self.redirects = {src: term_id for src, term_id in redirects.items() if src not in taken}  # see `redirect_html`
        self.generated = {src: markdown for src, markdown in pages.items() if src not in taken}  # the glossary's
        self._check_notes(taken | set(pages))
        self.uses, self.use_previews = self._uses()
        for discussion in found:
            engine.checks[discussion.src_uri] = partial(self._check_comments, discussion)

    def text(self, src_uri: str) -> str | None:
        """A page's Markdown; None once its encoding is reported, or if it is no page. A
        discussion's is read here for its front matter, and again only to give a problem in its
        comments or notes its line: kept, every discussion's text would stay in memory all build long."""
        if src_uri in self.unreadable or src_uri not in self.read:
            return None
        try:
            return self.read[src_uri]()
        except UnicodeDecodeError as error:
            self.unreadable.add(src_uri)
            self.report(
                Problem(
                    self.engine.page_path(src_uri),
                    f"the file is not valid UTF-8 (byte {error.start}).",
                    "save the file as UTF-8 in your editor.",
                )
            )
            return None

    def _source(self, discussion: Discussion, read: dict[Path, Source]) -> Source | None:
        """What a discussion quotes: a scrape's paragraphs, its repeated copies merged, or a forum's
        data as each comment's paragraphs by id (read/forums). None if it names no source, or if
        the file cannot be read (reported)."""
        if not discussion.source:
            return None
        root = self.engine.root
        path = (root / discussion.source).resolve()
        fix = "give the path of the file make import saved, from the project's folder, e.g. 'sources/<name>.json'."
        if not path.is_relative_to(root.resolve() / "sources") or not path.is_file():
            problem = f"'source' names {discussion.source}, which is not a file under sources/."
        else:
            try:
                if path not in read:
                    read[path] = _read_source(path)
                return read[path]
            except UnicodeDecodeError:
                problem = f"the source {discussion.source} is not UTF-8 text."
            except forums.UnreadableError as unreadable:
                problem = f"the source {discussion.source} cannot be read as a forum's data: {unreadable.message}"
                fix = unreadable.fix
        self.report(Problem(discussion.path, problem, fix, discussion.lines.get("source")))
        return None

    def discussion_order(self) -> list[str]:
        """The discussions' source paths, in the order the generator listed the pages (`Whole`'s
        is the site's one order, once titles are known)."""
        return list(self.discussions)

    def _check_notes(self, src_uris: Iterable[str]) -> None:
        """Notes for pages that do not exist: reported, never silently dropped."""
        pages = sorted(src_uris)
        for note in self.engine.catalog.notes.values():
            if note.page not in pages:
                self.report(
                    Problem(
                        note.path,
                        f"'page' names {note.page}, which is not a page of the site.{did_you_mean(note.page, pages)}",
                        f"give the page's path inside {self.engine.docs_shown}/.",
                        note.lines.get("page"),
                    )
                )

    def _uses(self) -> tuple[Uses, Uses]:
        """How each term is used on the discussions its `used_in` names, rendered: whole (for its
        entry), and, where that is longer, its first sentence or two (for its popovers, which show
        all they hold without scrolling); `used_in` and `only_in` naming no discussion are reported."""
        engine, known = self.engine, list(self.discussions)
        uses: Uses = {}
        previews: Uses = {}
        for term in engine.catalog.terms.values():
            named = [(page, "only_in", term.lines.get("only_in")) for page in term.only_in]
            named += [(page, "used_in", term.lines.get(f"used_in/{page}")) for page in term.used_in]
            for page, key, line in named:
                if page not in self.discussions:
                    self.report(
                        Problem(
                            term.path,
                            f"'{key}' names {page}, which is not a discussion.{did_you_mean(page, known)}",
                            f"give a discussion's path inside {engine.docs_shown}/, as in a note's 'page'.",
                            line,
                        )
                    )
            for page, text in term.used_in.items():
                if page in self.discussions:
                    excluded = engine.excluded(page)
                    uses[term.id, page] = engine.renderer.definition(text, term.id, excluded)
                    shown = preview(uses[term.id, page][0], USE_PREVIEW)
                    if shown is not None:
                        previews[term.id, page] = (clean(shown[0]), shown[1])
        return uses, previews

    def _check_comments(
        self, discussion: Discussion, comments: PageComments, said: list[Said], strays: list[Opening]
    ) -> None:
        """A discussion's comments as converted: checked against its source, and its quotes; a
        block the converter put inside other markup is reported."""
        for opening in strays:
            if opening.kind != END:
                self.report(
                    Problem(
                        discussion.path,
                        f"this '{opening.kind}' block is inside other markup (an HTML element or block, or a list), "
                        f"so it cannot be shown as a {opening.kind}.",
                        "start its first and last lines at the left margin, outside any HTML or list.",
                        opening.line,
                    )
                )
        src_uri = discussion.src_uri
        fidelity = Fidelity(discussion.path, partial(self.text, src_uri), discussion.source, self.report)
        fidelity.quotes(said)
        source = self.sources.get(src_uri)
        if isinstance(source, list):
            fidelity.against(said, source)
        elif source is not None:
            fidelity.against_comments(said, comments.comments, source)

    def begin_page(self, src_uri: str, markdown: str = "") -> str:
        """Before a page's Markdown (without its front matter) is converted: a discussion's
        comments are read from it, its terms are linked and their occurrences kept. Returns the
        Markdown to convert (a discussion's without its comments' markup: see PageComments)."""
        engine, discussion = self.engine, self.discussions.get(src_uri)
        notes = tuple(engine.notes.get(src_uri, ()))
        source = partial(self.text, src_uri)
        if discussion is None:
            engine.converting.begin(PageState(src_uri, notes=notes, source=source))
            return markdown
        comments = scan(discussion.path, markdown, discussion.body_line, self.report)
        link = PageContext(src_uri, scope=discussion.link_terms, excluded=engine.excluded(src_uri))
        engine.converting.begin(PageState(src_uri, link, comments, discussion, notes, source))
        return comments.markdown

    def end_page(self, src_uri: str, html: str) -> str:
        """After conversion, before search reads the page: glossary entries get their definitions,
        and a marker says where the page's popovers go (at the end). (Where a discussion's list of
        terms goes was marked in its tree: discussion_parts.py.)"""
        engine = self.engine
        engine.converting.end()
        html = fill(
            html, {"entry": lambda term_id: entry_html(engine.catalog.terms[term_id], engine.definitions[term_id][0])}
        )
        return html + marker("popovers")

    def every_page_parsed(self, titles: Mapping[str, str]) -> Whole:
        """Stage 3, once every page has been parsed (`titles`: each discussion's title, as the
        generator gave it)."""
        return Whole(self, titles)


class Whole:
    """Stage 3: every page parsed. What depends on the whole site is produced, in the one order
    of discussions, as each page is written."""

    def __init__(self, pages: Pages, titles: Mapping[str, str]) -> None:
        engine = pages.engine
        self.engine, self.pages, self.report = engine, pages, engine.report
        self.uses, self.redirects = pages.uses, pages.redirects
        linking = engine.linking
        for discussion in pages.discussions.values():
            said_title = "title" in discussion.lines  # a title of the wrong kind is reported already
            if not discussion.title and not said_title and discussion.src_uri not in linking.headed:
                self.report(
                    Problem(
                        discussion.path,
                        "the discussion has no title.",
                        "add 'title: ...' to its front matter, or start the page with a heading '# ...'.",
                        1,
                    )
                )
        found = (titled(d, titles.get(src, d.title or src)) for src, d in pages.discussions.items())
        self.discussions = {d.src_uri: d for d in ordered(found)}
        self._check_uses()
        by_term: dict[str, list[Occurrence]] = defaultdict(list)
        for occurrence in sorted(linking.occurrences, key=lambda o: o.page):  # stable: text order kept
            by_term[occurrence.term_id].append(occurrence)
        self.occurrences = dict(by_term)
        self.popovers = Popovers(
            engine.catalog.terms, engine.definitions, engine.glossary.entry_ref, self.uses, pages.use_previews
        )
        self.shared_pieces = SharedPieces()  # the popovers, resolved once for all pages that reach the glossary alike

    def _check_uses(self) -> None:
        """A use is said of a discussion where the term is linked: else nobody sees it there."""
        used = {(o.term_id, o.page) for o in self.engine.linking.occurrences}
        for term_id, page in self.uses:
            if (term_id, page) in used:
                continue
            term = self.engine.catalog.terms[term_id]
            reason = "the term is not linked there (see 'only_in')" if not term.linked_on(page) else "it never uses it"
            self.report(
                Problem(
                    term.path,
                    f"'used_in' says how {page} uses the term, but {reason}.",
                    "say it of a discussion that uses the term, or remove the paragraph.",
                    term.lines.get(f"used_in/{page}"),
                )
            )

    def discussion_order(self) -> list[str]:
        """The discussions' source paths in the site's one order (discussions.ordered), which the
        navigation, the home page and "Mentioned in" share."""
        return list(self.discussions)

    def glossary_export(self, url: Callable[[str], str]) -> str:
        """The text of glossary.json (export.DATA): `url` is the generator's URL function from the
        site's root (a page's source path → its URL)."""
        engine = self.engine
        data = glossary_data(
            engine.entries.values(), engine.glossary.index, self.discussions.values(), engine.linking.used, url
        )
        return glossary_json(data)

    def head(self, src_uri: str, url: Callable[[str], str], base: str = "") -> str:
        """What a page's head adds: a glossary page's JSON-LD, which describes its terms, with URLs
        made by `url` (the generator's, from this page) and absolute from `base`, the page's own
        absolute URL, if the site has one; for any other page, nothing."""
        glossary = self.engine.glossary
        defined = [] if src_uri == glossary.index else self.engine.letter_pages.get(src_uri)
        if defined is None:
            return ""
        entries = [self.engine.entries[t.id] for t in defined]
        return json_ld(defined_terms(entries, glossary.index, url, base))

    def finish_page(self, src_uri: str, output: str, url: Callable[[str], str], *, store_url: str) -> FinishedPage:
        """The page as written (`output`, which holds the HTML `end_page` returned): the parts that
        depend on all pages, and the popovers it can open, with every reference made a URL by `url`
        (the generator's: a page's source path → its URL from this page). The popovers go to a
        file of their own beside the page, at `store_url` from it (popovers.py says why). Nothing
        of this goes to search or stays in memory."""
        engine, glossary = self.engine, self.engine.glossary
        resolve = Resolver(url)
        discussion = engine.is_discussion(src_uri)
        listed: Mapping[str, int] = engine.linking.used.get(src_uri, {}) if discussion else {}
        items = self.popovers.terms_list(listed)
        parts = items + engine.note_parts.get(src_uri, "")
        each = partial(self.shared_pieces.resolve, page=resolve)
        store = self.popovers.store(self._linked_from(src_uri), src_uri, discussion, resolve(parts), each)
        first_paragraphs = engine.linking.first_paragraphs
        handlers = {
            "more": self._more,
            "index": lambda _: glossary.index_html(engine.summaries),
            "letters": lambda _: glossary.letters_html(src_uri),
            "discussions": lambda _: discussions_html(self.discussions.values(), first_paragraphs),
            "popovers": lambda _: placeholder(store_url) if store else "",
        }
        return FinishedPage(fill(output, handlers, each=resolve), store)  # one copy: a letter page can be megabytes

    def _more(self, term_id: str) -> str:
        engine = self.engine
        details = engine.details.get(term_id, ("", set()))[0]
        term = engine.catalog.terms[term_id]
        uses = {page: self.uses[term_id, page][0] for page in term.used_in if (term_id, page) in self.uses}
        mentions = mentions_html(self.occurrences.get(term_id, ()), self.discussions.values(), uses)
        edit = engine.edit_url(term.path) if engine.edit_url else None
        return more_html(term, engine.glossary, details, mentions, edit)

    def _linked_from(self, src_uri: str) -> list[str]:
        """The terms a page links to, where a reader may open their popovers: on a discussion in
        order of first use, on a glossary page in alphabetical order of id."""
        engine = self.engine
        terms = engine.letter_pages.get(src_uri)
        if terms is None:
            return list(engine.linking.used.get(src_uri, ()))
        linked: set[str] = set()
        for term in terms:
            linked |= engine.definitions[term.id][1] | engine.details.get(term.id, ("", set()))[1] | set(term.see_also)
            for page in term.used_in:  # each use, under its discussion in "Mentioned in"
                linked |= self.uses.get((term.id, page), ("", set()))[1]
        return sorted(linked & engine.catalog.terms.keys())  # a see_also id may name no term (reported)

    def candidates(self) -> list[Candidate]:
        """Candidate jargon in the discussions that no term covers."""
        jargon = self.engine.linking.jargon
        return jargon.candidates() if jargon else []


@dataclass(frozen=True)
class FinishedPage:
    html: str
    popovers: str  # the file the page's script loads its popovers from; empty if it opens none
