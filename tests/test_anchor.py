import re
import xml.etree.ElementTree as etree

import markdown
import pytest
from markdown.serializers import to_xhtml_string

from annotation_engine.model import Note, Problem
from annotation_engine.page.anchor import Anchoring
from annotation_engine.page.link import Linking
from annotation_engine.page.match import Matcher
from annotation_engine.page.page_pass import AnnotationExtension
from annotation_engine.page.render import MarkdownConfig, Renderer
from annotation_engine.page.state import Converting, PageContext, PageState
from annotation_engine.parts import hold_back
from factories import PAGE, note, note_body, parsed_note, term

pytestmark = pytest.mark.unit

TEXT = """\
## Comment 1

We need about 10x more time. We need about 10x more time,
said nobody.

## Comment 2

Black-box calculation of RLCTs is not interp.
"""


class Anchored(Anchoring):
    """Anchoring that keeps the problems it reports, for the tests to read."""

    def __init__(self, notes: list[Note]) -> None:
        self.problems: list[Problem] = []
        super().__init__({n.id: note_body() for n in notes}, self.problems.append)
        self.notes = tuple(notes)


def render(text: str, *notes: Note) -> tuple[str, Anchored]:
    terms = [term("rlct", "RLCT")]
    linking = Linking(Matcher(terms), lambda term_id: f"site:glossary/{term_id}.md")
    anchoring = Anchored(list(notes))
    converting = Converting(PageState(PAGE, PageContext(PAGE), notes=anchoring.notes))
    extension = AnnotationExtension(converting, linking=linking, anchoring=anchoring)
    md = markdown.Markdown(extensions=["admonition", extension])
    return md.convert(text), anchoring


def render_body(note: Note) -> tuple[str, list[Problem]]:
    """The body's HTML as a page holds it inside its `span.sidenote__body`."""
    problems: list[Problem] = []
    body = Renderer(MarkdownConfig(), Matcher([]), str).note_body(note, problems.append)
    if body is None:
        return "", problems
    inner = to_xhtml_string(body).removeprefix('<span class="sidenote__body">').removesuffix("</span>")
    return inner, problems


def test_a_quote_found_twice_is_a_problem_naming_file_and_line():
    _, anchoring = render(TEXT, note())
    assert [str(p) for p in anchoring.problems] == [
        f"annotations/notes/n.yml:2: the quote matches 2 places on {PAGE}. "
        "Fix: add a 'prefix' (the words just before) or a 'suffix' (just after) to pick one."
    ]


def test_a_quote_found_nowhere_is_a_problem():
    _, anchoring = render(TEXT, note(quote="20x more time"))
    assert "the quote matches nothing" in str(anchoring.problems[0])


@pytest.mark.parametrize("fields", [{"suffix": ","}, {"prefix": "time. We need about"}, {"suffix": " ,\n said"}])
def test_prefix_or_suffix_picks_one(fields):
    html, anchoring = render(TEXT, note(**fields))
    assert anchoring.problems == []
    assert html.count('class="note-anchor"') == 1
    assert (
        '10x more time</mark><sup class="note-ref" data-search-exclude="" id="note-ref-n">'
        '<a aria-label="Note 1: Title" href="#note-n">1</a></sup>,\nsaid nobody' in html
    )
    assert "10x more time.</mark>" not in html
    assert html.index('<span class="sidenote') > html.index("said nobody")  # at the paragraph's end


def test_a_quote_may_span_inline_elements_and_term_links_without_nesting_links():
    html, anchoring = render(TEXT, note(quote="Black-box calculation of RLCTs is"))
    assert anchoring.problems == []
    assert (
        '<a class="term" data-term="rlct" href="site:glossary/rlct.md" id="mention-rlct-1">'
        '<mark class="note-anchor" data-note="n">RLCTs</mark></a>'
        '<mark class="note-anchor" data-note="n"> is</mark><sup'
    ) in html
    assert html.count('class="note-anchor"') == 3  # before, inside and after the term link


def test_quotes_match_across_line_breaks():
    html, anchoring = render(TEXT, note(quote="more time, said nobody"))
    assert anchoring.problems == [] and 'id="note-n"' in html


def test_notes_are_numbered_in_page_order_and_link_both_ways():
    html, _ = render(TEXT, note("late", quote="interp"), note("early", quote="said nobody"))
    numbers = re.findall(r'<sup class="note-ref"[^>]* id="note-ref-([a-z]+)"><a [^>]*>(\d+)</a>', html)
    assert numbers == [("early", "1"), ("late", "2")]
    assert 'href="#note-early"' in html and 'id="note-early"' in html
    assert 'href="#note-ref-early"' in html and 'id="note-ref-early"' in html


def test_overlapping_notes_are_refused():
    _, anchoring = render(TEXT, note("a", quote="calculation of RLCTs"), note("b", quote="RLCTs is not"))
    assert "overlaps the quote of note 'a'" in str(anchoring.problems[0])


def test_headings_are_not_anchors():
    _, anchoring = render(TEXT, note(quote="Comment 2"))
    assert "matches nothing" in str(anchoring.problems[0])


def parse(data: bytes):
    return parsed_note(data)


GOOD = b"page: discussions/talk.md\nquote: q\nkind: context\ntitle: T\nbody: B\n"


def test_a_valid_note_file():
    found, problems = parse(GOOD + b"prefix: 'We need '\n")
    assert problems == [] and found.prefix == "We need "


@pytest.mark.parametrize(
    "change, message",
    [
        (b"kind: context", "'kind' is 'gossip'"),
        (b"page: discussions/talk.md", "is not a Markdown page"),
        (b"quote: q\n", "the required field 'quote' is missing"),
        (b"body: B", "which is not a full http(s) address"),
    ],
)
def test_bad_note_files(change, message):
    replacement = {
        b"kind: context": b"kind: gossip",
        b"page: discussions/talk.md": b"page: talk",
        b"quote: q\n": b"",
        b"body: B": b"body: '[x](../y.md)'",
    }[change]
    found, problems = parse(GOOD.replace(change, replacement))
    assert found is None and any(message in str(p) for p in problems)


def test_note_bodies_hold_paragraphs_only():
    html, problems = render_body(note())
    assert problems == [] and html.startswith('<span class="sidenote__para">Body.</span>')
    listed = Note("n", "annotations/notes/n.yml", PAGE, "q", "context", "T", "- a\n- b", lines={"body": 5})
    html, problems = render_body(listed)
    assert [str(p) for p in problems] == [
        "annotations/notes/n.yml:5: the body uses <li>, <ul>, which a sidenote cannot hold. "
        "Fix: write the body as paragraphs of text (links, emphasis and code are fine)."
    ]


def test_a_quote_across_two_list_items_is_refused():
    _, anchoring = render("- first item\n- second item\n", note(quote="item second"))
    assert "runs across two paragraphs" in str(anchoring.problems[0])


def test_a_quote_ending_in_emphasis_inside_a_link_puts_the_note_outside_the_link():
    html, anchoring = render("See [*the alpha paper*](https://example.org) now.", note(quote="See the alpha"))
    assert anchoring.problems == []
    root = etree.fromstring(f"<root>{html.replace('&nbsp;', ' ')}</root>")
    assert all(not link.findall(".//a") for link in root.iter("a"))
    assert html.index("</a>") < html.index('<sup class="note-ref"')


def test_admonition_titles_are_not_anchors():
    md = '!!! note "About ten"\n\n    Body about ten.\n'
    anchoring_text = render(md, note(quote="About ten"))[1]
    assert "matches nothing" in str(anchoring_text.problems[0])


def test_note_bodies_stay_balanced_and_link_only_to_http():
    stray = Note("n", "annotations/notes/n.yml", PAGE, "q", "context", "T", "Intro </span></span> *after*")
    html, problems = render_body(stray)
    assert problems == []
    assert html == '<span class="sidenote__para">Intro  <em>after</em></span>'
    bad = Note(
        "n",
        "annotations/notes/n.yml",
        PAGE,
        "q",
        "context",
        "T",
        'See <a href="javascript:alert(1)">x</a>',
        lines={"body": 6},
    )
    html, problems = render_body(bad)
    assert html == "" and "links to 'javascript:alert(1)'" in str(problems[0])


def test_a_sections_notes_are_gathered_at_its_end_never_inside_a_sentence():
    html, _ = render(
        TEXT,
        note("a", "about 10x more time,", prefix="time. We need "),
        note("b", "nobody"),
        note("c", "interp"),
    )
    first, second = html.split("<h2")[1:]
    assert first.index('id="note-a"') > first.index(".</p>")  # after the paragraph, not inside it
    assert first.rstrip().endswith("</div>") and first.count('class="section-notes"') == 1
    assert first.index('id="note-a"') < first.index('id="note-b"')
    assert '<div class="section-notes"><span aria-label="Note 3" class="sidenote' in second
    assert "↩ Back to the text" in second


def _split(markdown_text: str, enough: int = 20) -> tuple[str, str]:
    """A note's body as the page holds it (inside its span.sidenote__body) and the rest as its
    popovers file does."""
    problems: list[Problem] = []
    body = Renderer(MarkdownConfig(), Matcher([]), str).note_body(note(body=markdown_text), problems.append)
    assert body is not None and problems == []
    held = hold_back(body, "n", enough)
    return to_xhtml_string(body).removeprefix('<span class="sidenote__body">').removesuffix("</span>"), held


TWIN = '<span data-part="rest-n"> …</span>'


@pytest.mark.parametrize(
    "body, page, held",
    [
        ("One short note.", '<span class="sidenote__para">One short note.</span>', ""),
        (
            "First sentence, long enough. Second.",
            f'<span class="sidenote__para">First sentence, long enough.{TWIN}</span>',
            '<span data-part="rest-n"> Second.</span>',
        ),
        (  # a sentence end inside an inline element is not one: the cut comes after the element
            "Short. See <q>a quote. Then</q> more. Last.",
            f'<span class="sidenote__para">Short. See <q>a quote. Then</q> more.{TWIN}</span>',
            '<span data-part="rest-n"> Last.</span>',
        ),
        (  # a straight quotation is not cut; an "&" counts as one character
            'Tom &amp; Jerry said "a long. Then" it. Last.',
            f'<span class="sidenote__para">Tom &amp; Jerry said "a long. Then" it.{TWIN}</span>',
            '<span data-part="rest-n"> Last.</span>',
        ),
        ("<p></p>\n\nA sentence long enough. Next.", None, ""),  # nothing to open with: the page holds it all
        (  # the next sentence may start with an element
            "A sentence long enough. *Emphasis* starts the next.",
            f'<span class="sidenote__para">A sentence long enough.{TWIN}</span>',
            '<span data-part="rest-n"> <em>Emphasis</em> starts the next.</span>',
        ),
        (  # a first paragraph with no such end stays whole; the later ones wait
            "Short. Then *the rest of it*.\n\nLater, &amp; <em>so</em>.\n\nLast.",
            f'<span class="sidenote__para">Short. Then <em>the rest of it</em>.{TWIN}</span>\n',
            '<span data-part="rest-n"><span class="sidenote__para">Later, &amp; <em>so</em>.</span>\n'
            '<span class="sidenote__para">Last.</span></span>',
        ),
        (  # what the Markdown holds but does not show (a comment, a link's address) stays out of the way
            "<!-- a reminder -->\n\nA first sentence [cites][p]. Then a line  \nbreak.\n\n[p]: https://example.org",
            f'\n\n<span class="sidenote__para">A first sentence <a href="https://example.org">cites</a>.{TWIN}</span>',
            '<span data-part="rest-n"> Then a line<br>\nbreak.</span>',
        ),
    ],
)
def test_a_notes_opening_is_whole_sentences_and_the_rest_is_moved_as_it_was(body, page, held):
    shown, rest = _split(body)
    assert rest == held and (page is None or shown == page)


def test_a_notes_opening_counts_the_characters_a_reader_sees():
    """Text is held escaped for the serializer: "&amp;" is one character on the screen."""
    shown, _ = _split("Tom &amp; Jerry. Next one. Last.", enough=14)
    assert shown == f'<span class="sidenote__para">Tom &amp; Jerry. Next one.{TWIN}</span>'
