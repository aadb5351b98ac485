import re
import xml.etree.ElementTree as etree

import markdown
import pytest

from annotation_engine.model import Term
from annotation_engine.page.link import Linking
from annotation_engine.page.match import Matcher
from annotation_engine.page.page_pass import AnnotationExtension
from annotation_engine.page.state import Converting, PageContext, PageState
from factories import PAGE, term

pytestmark = pytest.mark.unit


def entry(term_id: str) -> str:
    return f"site:glossary/{term_id}.md"


TERMS = [term("elk", "ELK"), term("debate", "debate")]


TALK = PageContext(PAGE)


def render(text: str, page: PageContext | None = TALK, terms: list[Term] = TERMS) -> tuple[str, Linking]:
    linking = Linking(Matcher(terms), entry)
    extension = AnnotationExtension(Converting(PageState(PAGE, page)), linking=linking)
    md = markdown.Markdown(extensions=["attr_list", "md_in_html", extension])
    return md.convert(text), linking


def visible(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


def test_occurrences_become_links_with_their_own_ids():
    html, _ = render("ELK and debate, then ELK again.")
    assert html == (
        '<p><a class="term" data-term="elk" href="site:glossary/elk.md" id="mention-elk-1">ELK</a> and '
        '<a class="term" data-term="debate" href="site:glossary/debate.md" id="mention-debate-1">debate</a>, then '
        '<span class="term" data-term="elk" id="mention-elk-2">ELK</span> again.</p>'  # linked once per section
    )


@pytest.mark.parametrize(
    "source",
    [
        "`ELK` in code",
        "    ELK in a code block",
        "## ELK in a heading",
        "[ELK in a link](https://example.org)",
        "<div>ELK in raw HTML</div>",
        "<!-- ELK in a comment -->",
        '<div class="no-annotate" markdown>\n\nELK opted out\n\n</div>',
        "<script>var ELK = 1;</script>",
    ],
)
def test_places_that_are_never_linked(source):
    html, linking = render(source)
    assert 'class="term"' not in html
    assert linking.occurrences == []


def test_text_around_inline_elements_is_linked_and_unchanged():
    source = "Before *ELK* between `code` ELK after **debate** end"
    html, _ = render(source)
    assert html.count('class="term"') == 3
    assert visible(html) == visible(render(source, page=None)[0])


def test_mentions_carry_section_and_snippet():
    text = "## Comment 6\n\n" + "words " * 20 + "relates to ELK? I can see " + "more " * 20
    _, linking = render(text)
    [mention] = linking.occurrences
    assert (mention.term_id, mention.anchor, mention.section) == ("elk", "mention-elk-1", "Comment 6")
    assert mention.before.startswith("…") and mention.before.endswith("relates to ")
    assert mention.text == "ELK"
    assert mention.after.startswith("? I can see") and mention.after.endswith("…")


def test_entry_pages_do_not_link_to_themselves_or_record_mentions():
    html, linking = render("ELK is related to debate.", PageContext("glossary/elk.md", False, "elk"))
    assert html.count('class="term"') == 1 and 'href="site:glossary/debate.md"' in html
    assert linking.occurrences == []


def test_pages_outside_the_engine_are_left_alone():
    html, _ = render("ELK", page=None)
    assert html == "<p>ELK</p>"


def test_output_is_well_formed_and_links_never_nest():
    html, _ = render("A [link to ELK](x.md) and ELK *in ELK* emphasis.")
    root = etree.fromstring(f"<root>{html}</root>")
    assert all(not link.findall(".//a") for link in root.iter("a"))


def test_snippets_and_sections_show_text_not_placeholders():
    _, linking = render("## Comment 1 &middot; A \\#2\n\nSee <em>this</em> and ELK &mdash; 5 \\* 3 now.")
    [found] = linking.occurrences
    assert found.section == "Comment 1 · A #2"
    assert (found.before, found.after) == ("See this and ", " — 5 * 3 now.")


def test_occurrence_ids_never_reuse_an_id_on_the_page():
    html, linking = render("## Heading {#mention-elk-1}\n\nELK here.")
    assert html.count('id="mention-elk-1"') == 1
    assert [m.anchor for m in linking.occurrences] == ["mention-elk-2"]


def test_snippets_cut_at_any_whitespace_or_hard():
    _, linking = render("x" * 100 + "\nbefore ELK after\n" + "y" * 100)
    [found] = linking.occurrences
    assert (found.before, found.after) == ("…before ", " after…")
    _, linking = render("x" * 100 + "-ELK-" + "y" * 100)  # no whitespace at all: a hard cut
    [found] = linking.occurrences
    assert (found.before, found.after) == ("…" + "x" * 69 + "-", "-" + "y" * 69 + "…")


def test_text_outside_any_block_still_gets_context():
    _, linking = render('<div markdown="span">Only ELK here</div>')
    [found] = linking.occurrences
    assert (found.before, found.text, found.after) == ("Only ", "ELK", " here")


SECTIONS = "ELK and ELK.\n\n## Comment 2\n\nELK, debate, ELK.\n\n### A subsection\n\nELK.\n"


def uses(html: str, term_id: str) -> list[str]:
    """Each use of a term in order: 'link' or 'text' (a span that keeps its id)."""
    found = re.findall(rf'<(a|span) class="term" data-term="{term_id}"[^>]* id="(mention-{term_id}-\d+)"', html)
    return [("link" if tag == "a" else "text") + ":" + anchor.rsplit("-", 1)[1] for tag, anchor in found]


def test_a_term_is_linked_at_its_first_use_in_each_section():
    html, linking = render(SECTIONS, PageContext(PAGE, scope="first-use-per-section"))
    assert uses(html, "elk") == ["link:1", "text:2", "link:3", "text:4", "text:5"]
    assert uses(html, "debate") == ["link:1"]
    assert '<span class="term" data-term="elk" id="mention-elk-2">ELK</span>' in html  # no href: plain text
    assert [o.anchor for o in linking.occurrences if o.term_id == "elk"] == [f"mention-elk-{n}" for n in range(1, 6)]
    assert linking.used[PAGE] == {"elk": 5, "debate": 1}
    assert list(linking.used[PAGE]) == ["elk", "debate"]  # order of first use


def test_a_page_can_link_each_term_once_or_every_time():
    once, _ = render(SECTIONS, PageContext(PAGE, scope="first-use-per-page"))
    assert uses(once, "elk") == ["link:1", "text:2", "text:3", "text:4", "text:5"]
    every, _ = render(SECTIONS, PageContext(PAGE, scope="every-use"))
    assert uses(every, "elk") == [f"link:{n}" for n in range(1, 6)]


def test_a_term_can_ask_to_be_linked_at_every_use():
    linking = Linking(Matcher(TERMS), entry, every_use=frozenset({"elk"}))
    page = Converting(PageState(PAGE, PageContext(PAGE, scope="first-use-per-section")))
    html = markdown.Markdown(extensions=[AnnotationExtension(page, linking=linking)]).convert(
        "ELK, debate, ELK, debate."
    )
    assert uses(html, "elk") == ["link:1", "link:2"]
    assert uses(html, "debate") == ["link:1", "text:2"]


def test_excluded_terms_are_plain_text_and_a_shorter_term_inside_one_is_linked():
    terms = [*TERMS, term("goodhart", "goodhart"), term("goodhart-robustness", "Goodhart robustness")]
    text = "ELK, debate and Goodhart robustness."
    html, linking = render(text, PageContext(PAGE, excluded=frozenset({"elk", "goodhart-robustness"})), terms)
    assert [(o.term_id, o.text) for o in linking.occurrences] == [("debate", "debate"), ("goodhart", "Goodhart")]
    assert 'data-term="elk"' not in html and 'data-term="goodhart-robustness"' not in html
    assert visible(html) == visible(render(text, None)[0])
    _, everywhere = render(text, PageContext(PAGE), terms)
    assert [o.term_id for o in everywhere.occurrences] == ["elk", "debate", "goodhart-robustness"]


def test_each_page_s_first_top_level_paragraph_is_kept_as_text():
    _, linking = render("# Title\n\n- a list\n\nFirst *one* &mdash; with ELK.\n\nSecond.\n")
    assert linking.first_paragraphs == {PAGE: "First one — with ELK."}
    _, nested = render('# Title\n\n<div markdown="1">\n\nInside.\n\n</div>\n\nOutside.\n')
    assert nested.first_paragraphs == {PAGE: "Outside."}  # a paragraph at the top level, not inside a block


def test_a_page_with_no_paragraph_or_that_is_not_recorded_keeps_none():
    assert render("# Only a heading\n")[1].first_paragraphs == {}
    assert render("Text.", PageContext("render:elk", record=False))[1].first_paragraphs == {}
    assert render("Text.", None)[1].first_paragraphs == {}
