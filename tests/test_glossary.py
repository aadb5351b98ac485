import markdown
import pytest

from annotation_engine.markdown_text import escape_markdown
from annotation_engine.marks import fill, marker
from annotation_engine.model import Occurrence, Source
from annotation_engine.page.text import html_text
from annotation_engine.site.glossary import Glossary, discussions_html, mentions_html, more_html
from factories import discussion, term

pytestmark = pytest.mark.unit

AWKWARD = ["a * b _c_ [d](e) <f> & `g` | h # 1. - + ! {i}", "Goodhart’s law", "C++ (a|b)*", "\\\\ back"]


@pytest.mark.parametrize("text", AWKWARD)
def test_an_escaped_name_shows_exactly_what_was_written(text):
    html = markdown.markdown(escape_markdown(text))
    assert html_text(html) == text
    assert "<em>" not in html and "<a" not in html and "<code>" not in html


@pytest.mark.parametrize(
    "url", ["https://e.org/a)b", 'https://e.org/?q="x"', "https://e.org/a_(b", "https://e.org/a b"]
)
def test_source_urls_and_titles_are_shown_as_written(url):
    tt = term("tt", "T", sources=(Source("Title *x*", url),))
    html = more_html(tt, Glossary("glossary", {"tt": tt}), "", "")
    assert 'href="' + url.replace('"', "&quot;") + '"' in html
    assert ">Title *x*</a>" in html


def test_home_list_keeps_the_given_order_and_links_by_reference():
    html = discussions_html([discussion("b", "Beta"), discussion("a", "Alpha", description="d & e")], {})
    assert html == (
        '<ul class="discussion-list"><li><a href="site:discussions/b.md">Beta</a></li>'
        '<li><a href="site:discussions/a.md">Alpha</a>: d &amp; e</li></ul>'
    )


def test_a_discussion_without_a_description_is_described_by_its_first_paragraph():
    first = {"discussions/b.md": "First <paragraph> of b.", "discussions/a.md": "Not shown: a has a description."}
    html = discussions_html([discussion("b", "Beta"), discussion("a", "Alpha", description="Its own.")], first)
    assert "Beta</a>: First &lt;paragraph&gt; of b.</li>" in html
    assert "Alpha</a>: Its own.</li>" in html and "Not shown" not in html
    assert discussions_html([], {}) == "<p>No discussions yet.</p>"


def test_letter_pages_give_each_term_a_heading_with_its_id_and_markers_for_the_rest():
    terms = {t.id: t for t in (term("elk", "ELK"), term("ten-x", "10x more time"), term("debate", "debate"))}
    glossary = Glossary("glossary", terms)
    pages = glossary.markdown({t: "One line." for t in terms})
    assert sorted(pages) == ["glossary/d.md", "glossary/e.md", "glossary/index.md", "glossary/other.md"]
    assert "## ELK {#elk}" in pages["glossary/e.md"] and marker("entry", "elk") in pages["glossary/e.md"]
    assert glossary.entry_ref("ten-x") == "site:glossary/other.md#ten-x"
    assert sorted(glossary.redirects()) == ["glossary/debate.md", "glossary/elk.md", "glossary/ten-x.md"]
    assert "glossary-former-id" not in "".join(pages.values()) and "glossary-moved" not in "".join(pages.values())


def test_fill_replaces_only_the_markers_it_has_handlers_for():
    html = f"<p>a</p>{marker('entry', 'elk')}{marker('index')}"
    assert fill(html, {"entry": lambda arg: f"<b>{arg}</b>"}) == f"<p>a</p><b>elk</b>{marker('index')}"


# Renamed terms: every former id keeps its addresses.

RENAMED = {
    t.id: t
    for t in (
        term("eliciting-latent-knowledge", "ELK", renamed_from=("elk", "e")),
        term("debate", "debate", renamed_from=("ai-debate",)),
        term("alignment", "alignment"),
    )
}


def test_redirects_lead_every_id_and_former_id_to_its_term_but_never_replace_a_letter_page():
    assert Glossary("glossary", RENAMED).redirects() == {
        "glossary/eliciting-latent-knowledge.md": "eliciting-latent-knowledge",
        "glossary/elk.md": "eliciting-latent-knowledge",
        "glossary/debate.md": "debate",
        "glossary/ai-debate.md": "debate",
        "glossary/alignment.md": "alignment",
    }  # no glossary/e.md: that is the page of E, which holds the entry


def test_a_former_id_whose_letter_has_no_entry_left_keeps_a_page_that_leads_to_the_entry():
    terms = {"debate": term("debate", "debate", renamed_from=("x", "interp"))}
    glossary = Glossary("glossary", terms)
    assert glossary.redirects() == {"glossary/debate.md": "debate", "glossary/interp.md": "debate"}
    pages = glossary.markdown({"debate": "One line."})
    assert '<p id="x" class="glossary-moved">' in pages["glossary/x.md"]
    assert '<p id="interp" class="glossary-moved">' in pages["glossary/i.md"]
    assert 'href="site:glossary/d.md#debate"' in pages["glossary/i.md"]
    assert "glossary/i.md" not in glossary.labels  # not a letter of the A–Z: it lists no entry


def test_a_renamed_entry_keeps_its_former_ids_as_targets_before_its_heading():
    page = Glossary("glossary", RENAMED).markdown({t: "One line." for t in RENAMED})["glossary/e.md"]
    targets = '<div id="elk" class="glossary-former-id"></div>\n\n<div id="e" class="glossary-former-id"></div>\n\n'
    assert targets + "## ELK {#eliciting-latent-knowledge}\n" in page
    assert "glossary-moved" not in page  # the old ids were on this page already


def test_a_former_id_on_another_letter_page_links_there_to_the_entry():
    pages = Glossary("glossary", RENAMED).markdown({t: "One line." for t in RENAMED})
    moved = (
        '<p id="ai-debate" class="glossary-moved">The entry “ai-debate” is now '
        '<a href="site:glossary/d.md#debate">debate</a>.</p>\n'
    )
    assert moved in pages["glossary/a.md"]
    assert pages["glossary/a.md"].index("## alignment {#alignment}") < pages["glossary/a.md"].index(moved)
    assert '<div id="ai-debate" class="glossary-former-id"></div>\n\n## debate {#debate}' in pages["glossary/d.md"]
    assert "glossary-moved" not in pages["glossary/d.md"]


# "Mentioned in": each discussion that uses the term, in the site's order.


def occurrence(page: str, number: int, section: str = "") -> Occurrence:
    context = f"Before ELK after {number}."
    return Occurrence("elk", f"discussions/{page}.md", number, section, context, 7, 10)


def test_mentions_are_grouped_by_discussion_in_the_order_given():
    found = [occurrence("a", 1, "Comment 1"), occurrence("b", 1), occurrence("a", 2, "Comment <2>")]
    html = mentions_html(found, [discussion("b", "Beta"), discussion("a", "Alpha")], {})
    assert html == (
        '<div class="term-mentions">'
        '<p><strong><a href="site:discussions/b.md">Beta</a></strong></p><ul>'
        '<li><a href="site:discussions/b.md#mention-elk-1">Occurrence</a>: '
        "<q>Before <mark>ELK</mark> after 1.</q></li></ul>"
        '<p><strong><a href="site:discussions/a.md">Alpha</a></strong></p><ul>'
        '<li><a href="site:discussions/a.md#mention-elk-1">Comment 1</a>: <q>Before <mark>ELK</mark> after 1.</q></li>'
        '<li><a href="site:discussions/a.md#mention-elk-2">Comment &lt;2&gt;</a>: '
        "<q>Before <mark>ELK</mark> after 2.</q></li></ul></div>"
    )


def test_a_discussion_s_use_of_the_term_shows_under_it_even_without_occurrences():
    uses = {"discussions/a.md": "<p>How a uses it.</p>", "discussions/c.md": "<p>How c uses it.</p>"}
    html = mentions_html(
        [occurrence("a", 1)], [discussion("a", "Alpha"), discussion("b", "B"), discussion("c", "C")], uses
    )
    alpha = '<p><strong><a href="site:discussions/a.md">Alpha</a></strong></p>'
    assert alpha + '<div class="term-use"><p>How a uses it.</p></div><ul><li>' in html
    assert (
        '<p><strong><a href="site:discussions/c.md">C</a></strong></p>'
        '<div class="term-use"><p>How c uses it.</p></div><ul></ul>'
    ) in html
    assert "discussions/b.md" not in html  # neither uses nor says how it uses the term


def test_a_term_no_discussion_uses_says_so():
    assert mentions_html([], [discussion("a", "Alpha")], {}) == (
        '<div class="term-mentions"><p>No discussion on this site uses this term yet.</p></div>'
    )
