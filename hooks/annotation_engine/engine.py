"""One build's worth of annotation work, for any Python-Markdown site generator to drive.

Mark while parsing, resolve once at the end (the pattern of mkdocs-autorefs):

1. `Engine(...)` loads and validates the annotations and renders every definition and note once.
   `markdown_extensions()` gives the one extension (its pass over each page) the generator adds to its own Markdown
   configuration. `generated_pages()`, once the site's pages are known, reads every discussion's
   front matter, checks what the annotations say of pages, and gives the glossary's Markdown;
   `discussion_order()` is then the one order of discussions (navigation, home page, entries).
2. For every page, in any order: `begin_page()` before its Markdown is converted, `end_page()` on
   the converted HTML. Converting a discussion records its term occurrences; `end_page` fills in
   what search should find (glossary definitions).
3. Once every page is parsed: `collect()`; then `finish_page()` on
   each page's HTML, after search has read it, puts the term links back and adds what depends on
   the whole site: "Mentioned in" lists, the list of discussions, the popovers. Links in
   everything the engine writes are `site:` references (refs.py); `finish_page` turns them into
   URLs with the generator's URL function, in the same pass.

Nothing depends on the order in which pages are converted or finished.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import partial
from html import escape
from pathlib import Path

from markdown.extensions import Extension

from .model import Discussion, Note, Occurrence, Problem, Report, Term
from .page.anchor import Anchoring
from .page.candidates import Candidate, JargonCounter
from .page.collect import html_line
from .page.comments import CommentReading, Said
from .page.fidelity import Fidelity
from .page.link import Linking, PageContext
from .page.match import Matcher
from .page.page_pass import AnnotationExtension
from .page.render import MarkdownConfig, Renderer, note_sources
from .read.catalog import load_catalog
from .read.comments import PageComments, scan
from .read.discussions import ordered, read_discussion, titled
from .read.scrape import Paragraph, merge, read_scrape, split_copies
from .read.validate import did_you_mean
from .site.export import Entry, defined_terms, glossary_data, glossary_json, json_ld
from .site.glossary import Glossary, discussions_html, entry_html, fill, marker, mentions_html, more_html
from .site.parts import part, sources_part
from .site.popovers import Popovers, placeholder
from .site.refs import Resolver, SharedPieces

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")  # what MkDocs reads as pages


class Engine:
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
        self.anchoring = Anchoring(*self._notes(), report=report)
        self.note_sources = {  # page → the sources of each of its notes, as HTML: its popovers file holds them
            page: {note.id: note_sources(note.sources) for note in notes if note.sources}
            for page, notes in self.anchoring.notes.items()
        }
        self.uses: dict[tuple[str, str], tuple[str, set[str]]] = {}  # (term, discussion) → its use there, as HTML
        self.popovers = Popovers(self.catalog.terms, self.definitions, self.glossary.entry_ref, self.uses)
        self.letter_pages = self.glossary.letter_pages
        self.redirects: dict[str, str] = {}  # an entry's old source path → its term id (see `redirect_html`)
        self.discussions: dict[str, Discussion] = {}  # in the site's order of discussions
        self.sources: dict[str, list[Paragraph]] = {}  # a discussion → the paragraphs of the source it quotes
        self._merged: dict[Path, list[Paragraph]] = {}  # a source file → its paragraphs, its copies merged
        self.comments = PageComments()  # of the page being converted
        self.reading = CommentReading(self._read_comments, lambda: self.comments)
        self.occurrences: dict[str, list[Occurrence]] = {}
        self.shared_pieces = SharedPieces()  # the popovers, resolved once for all pages that reach the glossary alike

    def _notes(self) -> tuple[dict[str, list[Note]], dict[str, str]]:
        """The notes to place, by page, and their bodies: those whose body could be rendered."""
        by_page: dict[str, list[Note]] = defaultdict(list)
        bodies = {}
        for note in self.catalog.notes.values():
            body = self.renderer.note_body(note, self.report)
            if body is not None:
                bodies[note.id] = body
                by_page[note.page].append(note)
        return dict(by_page), bodies

    def _entry(self, term: Term) -> Entry:
        return Entry(term, self.definitions[term.id][0], self.summaries[term.id], self.glossary.entry_ref(term.id))

    def page_path(self, src_uri: str) -> str:
        """A page's file as problems name it."""
        return f"{self.docs_shown}/{src_uri}"

    # 1. Before any page

    def markdown_extensions(self) -> list[Extension]:
        return [
            AnnotationExtension(reading=self.reading, linking=self.linking, anchoring=self.anchoring),
        ]

    def generated_pages(self, sources: Mapping[str, Callable[[], str]]) -> dict[str, str]:
        """The site's pages are known (`sources`: each page's source path → what reads its
        Markdown). Reads every discussion's front matter, checks what the annotations say of pages,
        and returns source path → Markdown of the glossary's index and letter pages. A page of the
        site at one of those paths, or at an entry's old address, is reported and left as it is."""
        found = [
            read_discussion(src, self.page_path(src), text, self.report)
            for src, read in sources.items()
            if self.is_discussion(src) and (text := self._text(src, read)) is not None
        ]
        self.discussions = {d.src_uri: d for d in found}  # ordered once their titles are known
        self.anchoring.source = lambda src_uri: self._text(src_uri, sources[src_uri]) if src_uri in sources else None
        self.sources = {d.src_uri: paragraphs for d in found if (paragraphs := self._source(d)) is not None}
        taken = set(sources)
        pages, self.redirects = self.glossary.markdown(self.summaries), self.glossary.redirects()
        for src_uri in sorted(taken & {*pages, *self.redirects}):
            self.report(
                Problem(
                    self.page_path(src_uri),
                    "this path is generated from the annotations.",
                    "move the file, or set extra.annotations.glossary to another folder.",
                )
            )
        self.redirects = {src: term_id for src, term_id in self.redirects.items() if src not in taken}
        self._check_notes(taken | set(pages))
        self._check_discussion_keys()
        return {src: markdown for src, markdown in pages.items() if src not in taken}

    def _text(self, src_uri: str, read: Callable[[], str]) -> str | None:
        """A page's Markdown, or None once its encoding is reported."""
        try:
            return read()
        except UnicodeDecodeError as error:
            self.report(
                Problem(
                    self.page_path(src_uri),
                    f"the file is not valid UTF-8 (byte {error.start}).",
                    "save the file as UTF-8 in your editor.",
                )
            )
            return None

    def _source(self, discussion: Discussion) -> list[Paragraph] | None:
        """The paragraphs of the source a discussion quotes, its repeated copies merged; None if it
        names none, or if the file cannot be read (reported)."""
        if not discussion.source:
            return None
        path = (self.root / discussion.source).resolve()
        problem = None
        if not path.is_relative_to(self.root.resolve() / "sources") or not path.is_file():
            problem = f"'source' names {discussion.source}, which is not a file under sources/."
        else:
            try:
                if path not in self._merged:  # discussions that quote one source merge it once
                    self._merged[path] = merge(split_copies(read_scrape(path.read_text(encoding="utf-8"))))
                return self._merged[path]
            except UnicodeDecodeError:
                problem = f"the source {discussion.source} is not UTF-8 text."
        fix = "give the path of the raw text from the project's folder, e.g. 'sources/<name>.txt'."
        self.report(Problem(discussion.path, problem, fix, discussion.lines.get("source")))
        return None

    def discussion_order(self) -> list[str]:
        """The discussions' source paths: once `collect` has run, in the site's one order
        (discussions.ordered), which the navigation, the home page and "Mentioned in" share."""
        return list(self.discussions)

    def redirect_html(self, term_id: str) -> str:
        """The page at an entry's old address, which sends the reader to the entry."""
        return self.glossary.redirect_html(term_id)

    def _check_notes(self, src_uris: Iterable[str]) -> None:
        """Notes for pages that do not exist: reported, never silently dropped."""
        pages = sorted(src_uris)
        for note in self.catalog.notes.values():
            if note.page not in pages:
                self.report(
                    Problem(
                        note.path,
                        f"'page' names {note.page}, which is not a page of the site.{did_you_mean(note.page, pages)}",
                        f"give the page's path inside {self.docs_shown}/.",
                        note.lines.get("page"),
                    )
                )

    def _check_discussion_keys(self) -> None:
        """`used_in` and `only_in` name discussions; each use is rendered for its discussion's popovers."""
        known = list(self.discussions)
        for term in self.catalog.terms.values():
            named = [(page, "only_in", term.lines.get("only_in")) for page in term.only_in]
            named += [(page, "used_in", term.lines.get(f"used_in/{page}")) for page in term.used_in]
            for page, key, line in named:
                if page not in self.discussions:
                    self.report(
                        Problem(
                            term.path,
                            f"'{key}' names {page}, which is not a discussion.{did_you_mean(page, known)}",
                            f"give a discussion's path inside {self.docs_shown}/, as in a note's 'page'.",
                            line,
                        )
                    )
            for page, text in term.used_in.items():
                if page in self.discussions:
                    self.uses[term.id, page] = self.renderer.definition(text, term.id, self._excluded(page))

    def _read_comments(self, src_uri: str, said: list[Said]) -> None:
        """A discussion's comments as converted: checked against its source, and its quotes."""
        discussion = self.discussions[src_uri]
        fidelity = Fidelity(
            discussion.path,
            lambda: self.anchoring.source(src_uri) if self.anchoring.source else None,
            discussion.source,
            self.report,
        )
        fidelity.quotes(said)
        if src_uri in self.sources:
            fidelity.against(said, self.sources[src_uri])

    def _check_uses(self) -> None:
        """A use is said of a discussion where the term is linked: else nobody sees it there."""
        used = {(o.term_id, o.page) for o in self.linking.occurrences}
        for term_id, page in self.uses:
            if (term_id, page) in used:
                continue
            term = self.catalog.terms[term_id]
            reason = "the term is not linked there (see 'only_in')" if not term.linked_on(page) else "it never uses it"
            self.report(
                Problem(
                    term.path,
                    f"'used_in' says how {page} uses the term, but {reason}.",
                    "say it of a discussion that uses the term, or remove the paragraph.",
                    term.lines.get(f"used_in/{page}"),
                )
            )

    def is_discussion(self, src_uri: str) -> bool:
        """Every Markdown file in the discussions folder is a discussion."""
        return src_uri.startswith(self.discussions_dir + "/") and src_uri.endswith(MARKDOWN_SUFFIXES)

    def _excluded(self, src_uri: str) -> frozenset[str]:
        """The terms not linked on a page: those limited to other discussions."""
        return frozenset(t for t in self.scoped if not self.catalog.terms[t].linked_on(src_uri))

    # 2. Each page, in any order

    def begin_page(self, src_uri: str, markdown: str = "") -> str:
        """Before a page's Markdown (without its front matter) is converted: a discussion's
        comments are read from it, its terms are linked and their occurrences kept. Returns the
        Markdown to convert (a discussion's without its comments' options: see PageComments)."""
        discussion = self.discussions.get(src_uri)
        self.comments = (
            scan(discussion.path, markdown, discussion.body_line, self.report) if discussion else PageComments()
        )
        self.reading.page = src_uri if discussion else None
        self.linking.page = (
            PageContext(src_uri, scope=discussion.link_terms, excluded=self._excluded(src_uri)) if discussion else None
        )
        self.anchoring.page = src_uri
        return self.comments.markdown if discussion else markdown

    def end_page(self, src_uri: str, html: str) -> str:
        """After conversion, before search reads the page: glossary entries get their definitions;
        markers say where a discussion's list of terms goes (before its first comment) and where
        the page's popovers go (at the end)."""
        self.linking.page = None
        self.anchoring.page = None
        html = fill(
            html, {"entry": lambda term_id: entry_html(self.catalog.terms[term_id], self.definitions[term_id][0])}
        )
        if not self.is_discussion(src_uri):
            return html + marker("popovers")
        discussion = self.discussions.get(src_uri)
        if discussion and discussion.basis:
            html = _after_title(html, basis_html(discussion))
        return _before_first_section(html, marker("terms")) + marker("popovers")

    # 3. Once every page is parsed

    def collect(self, titles: Mapping[str, str]) -> None:
        """Every page has been parsed (`titles`: each discussion's title, as the generator gave
        it): what depends on the whole site can now be produced, in the one order of discussions."""
        for discussion in self.discussions.values():
            said_title = "title" in discussion.lines  # a title of the wrong kind is reported already
            if not discussion.title and not said_title and discussion.src_uri not in self.linking.headed:
                self.report(
                    Problem(
                        discussion.path,
                        "the discussion has no title.",
                        "add 'title: ...' to its front matter, or start the page with a heading '# ...'.",
                        1,
                    )
                )
        found = (titled(d, titles.get(src, d.title or src)) for src, d in self.discussions.items())
        self.discussions = {d.src_uri: d for d in ordered(found)}
        self._check_uses()
        by_term: dict[str, list[Occurrence]] = defaultdict(list)
        for occurrence in sorted(self.linking.occurrences, key=lambda o: o.page):  # stable: text order kept
            by_term[occurrence.term_id].append(occurrence)
        self.occurrences = dict(by_term)

    def glossary_export(self, url: Callable[[str], str]) -> str:
        """The text of glossary.json (export.DATA), once `collect` has run: `url` is the
        generator's URL function from the site's root (a page's source path → its URL)."""
        discussions, uses = self.discussions.values(), self.linking.used
        return glossary_json(glossary_data(self.entries.values(), self.glossary.index, discussions, uses, url))

    def finish_page(
        self, src_uri: str, output: str, url: Callable[[str], str], *, store_url: str, base: str = ""
    ) -> FinishedPage:
        """The page as written (`output`, which holds the HTML `end_page` returned), once every
        page is parsed: the parts that depend on all pages, and the
        popovers it can open, with every reference made a URL by `url` (the generator's: a page's
        source path → its URL from this page). The popovers go to a file of their own beside the
        page, at `store_url` from it (popovers.py says why). A glossary page's head gets its JSON-LD,
        with URLs made absolute from `base`, the page's own absolute URL, if the site has one.
        Nothing of this goes to search or stays in memory."""
        defined = [] if src_uri == self.glossary.index else self.letter_pages.get(src_uri)
        if defined is not None:  # before `fill`: the page is small until its entries are filled in
            entries = [self.entries[t.id] for t in defined]
            output = _in_head(output, json_ld(defined_terms(entries, self.glossary.index, url, base)))
        resolve = Resolver(url)
        listed: Mapping[str, int] = self.linking.used.get(src_uri, {}) if self.is_discussion(src_uri) else {}
        terms_list, items = self.popovers.terms_list(listed)
        sources = self.note_sources.get(src_uri, {}).items()
        line = ' class="sidenote__para sidenote__sources"'
        parts = items + "".join(part("span", sources_part(note), html, line) for note, html in sources)
        each = partial(self.shared_pieces.resolve, page=resolve)
        store = self.popovers.store(
            self._linked_from(src_uri), src_uri, self.is_discussion(src_uri), resolve(parts), each
        )
        handlers = {
            "more": self._more,
            "index": lambda _: self.glossary.index_html(self.summaries),
            "letters": lambda _: self.glossary.letters_html(src_uri),
            "discussions": lambda _: discussions_html(self.discussions.values(), self.linking.first_paragraphs),
            "terms": lambda _: terms_list,
            "popovers": lambda _: placeholder(store_url) if store else "",
        }
        return FinishedPage(fill(output, handlers, each=resolve), store)  # one copy: a letter page can be megabytes

    def _more(self, term_id: str) -> str:
        details = self.details.get(term_id, ("", set()))[0]
        term = self.catalog.terms[term_id]
        uses = {page: self.uses[term_id, page][0] for page in term.used_in if (term_id, page) in self.uses}
        mentions = mentions_html(self.occurrences.get(term_id, ()), self.discussions.values(), uses)
        return more_html(term, self.glossary, details, mentions, self.edit_url(term.path) if self.edit_url else None)

    def _linked_from(self, src_uri: str) -> list[str]:
        """The terms a page links to, where a reader may open their popovers: on a discussion in
        order of first use, on a glossary page in alphabetical order of id."""
        terms = self.letter_pages.get(src_uri)
        if terms is None:
            return list(self.linking.used.get(src_uri, ()))
        linked: set[str] = set()
        for term in terms:
            linked |= self.definitions[term.id][1] | self.details.get(term.id, ("", set()))[1] | set(term.see_also)
            for page in term.used_in:  # each use, under its discussion in "Mentioned in"
                linked |= self.uses.get((term.id, page), ("", set()))[1]
        return sorted(linked & self.catalog.terms.keys())  # a see_also id may name no term (reported)

    def candidates(self) -> list[Candidate]:
        """Candidate jargon in the discussions that no term covers."""
        return self.linking.jargon.candidates() if self.linking.jargon else []


@dataclass(frozen=True)
class FinishedPage:
    html: str
    popovers: str  # the file the page's script loads its popovers from; empty if it opens none


def _before_first_section(html: str, part: str) -> str:
    """`part` before the page's first comment, or its first `<h2>`; with neither, after its title."""
    found = [at for at in (html.find('<article class="comment"'), html.find("<h2")) if at >= 0]
    if not found:
        return _after_title(html, part)
    return html[: min(found)] + part + html[min(found) :]


def _in_head(html: str, part: str) -> str:
    """`part` at the end of the page's head; at the end of a page that has none."""
    at = html.find("</head>")
    return html + part if at < 0 else html[:at] + part + html[at:]


def _after_title(html: str, part: str) -> str:
    title_end = html.find("</h1>")
    at = title_end + len("</h1>") if title_end >= 0 else 0
    return html[:at] + part + html[at:]


def basis_html(discussion: Discussion) -> str:
    """The line under a quoted discussion's title: where its words come from, and on what basis
    the site quotes them."""
    where = escape(discussion.source_url)
    source = f'<a href="{where}">their source</a>' if where else "their source"
    basis = escape(discussion.basis)
    return f'<p class="discussion-basis">The comments are quoted unchanged from {source}; {basis}.</p>'
