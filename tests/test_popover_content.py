import re
from functools import partial

import pytest
from markdown.serializers import to_xhtml_string

from annotation_engine.model import Source
from annotation_engine.page.discussion_parts import terms_on_page
from annotation_engine.page.match import Matcher
from annotation_engine.page.render import MarkdownConfig, Renderer, source_link
from annotation_engine.page.text import html_text
from annotation_engine.refs import Resolver, SharedPieces, resolve
from annotation_engine.sentences import preview
from annotation_engine.site.popovers import Popovers
from factories import PAGE, term

pytestmark = pytest.mark.unit

AWKWARD = (Source("Paper <b>", "https://example.org/?a=1&b=2", "A & B", 2020),)  # to be escaped
TERMS = {
    t.id: t
    for t in (
        term(
            "elk",
            "ELK",
            definition="Getting a model to report what it knows, unlike *debate*.",
            sources=AWKWARD,
            see_also=("rlct",),
        ),
        term("debate", "debate", definition="Two models argue; ELK is related.", sources=AWKWARD),
        term("rlct", "RLCT", definition="A complexity measure."),
        term("unused", "unused term", definition="Never reached."),
        term("sae", "SAE", definition="A sparse autoencoder."),
    )
}
OTHER_PAGE = "discussions/other.md"
USES = {("rlct", PAGE): "In this talk, RLCTs are estimated; see SAE."}  # (term, discussion) → its use there


def entry(term_id: str) -> str:
    return f"site:glossary/{term_id}.md"


def popovers(uses: dict[tuple[str, str], str] = USES, previews: dict[tuple[str, str], str] | None = None) -> Popovers:
    renderer = Renderer(MarkdownConfig(), Matcher(TERMS.values()), entry)
    definitions = {t.id: renderer.definition(t.definition, t.id, frozenset()) for t in TERMS.values()}
    rendered = {key: renderer.definition(text, key[0], frozenset()) for key, text in uses.items()}
    shortened = {key: renderer.definition(text, key[0], frozenset()) for key, text in (previews or {}).items()}
    return Popovers(TERMS, definitions, entry, rendered, shortened)


def store(
    term_ids: list[str],
    directory_urls: bool = True,
    printable: bool = True,
    page: str = OTHER_PAGE,
    uses: dict[tuple[str, str], str] = USES,
) -> str:
    """The page's store of popovers as a page two folders deep sees it, links resolved."""
    html = popovers(uses).store(term_ids, page, printable)
    if directory_urls:
        return resolve(html, lambda src: "../../" + src.removesuffix(".md") + "/")
    return resolve(html, lambda src: "./" + src.removesuffix(".md") + ".html")


def popover(html: str, term_id: str) -> str:
    """One popover's content in a store."""
    found = re.search(
        rf'<div data-popover="{term_id}"(?: data-nested)?>(.*?)</div>(?=<div data-popover|</section>)', html
    )
    assert found, f"no popover for {term_id}"
    return found.group(1)


def stored(html: str) -> list[tuple[str, str]]:
    return re.findall(r'data-popover="([^"]+)"( data-nested)?', html)


def test_the_store_holds_the_terms_used_in_order_then_every_term_reachable_from_them():
    html = store(["rlct", "elk"])
    assert stored(html) == [("rlct", ""), ("elk", ""), ("debate", " data-nested")]
    assert "site:" not in html


def test_the_store_is_hidden_and_prints_as_the_terms_used_on_a_discussion():
    printed = store(["elk"])
    assert printed.startswith('<section id="glossary-popovers" class="terms-used" hidden>')
    assert '<h2 class="terms-used__title">Terms used on this page</h2>' in printed
    assert 'data-print="no"' in store(["elk"], printable=False)


def test_terms_on_the_page_are_listed_in_order_of_first_use_with_their_counts():
    heading, items = to_xhtml_string(terms_on_page(2)), popovers().terms_list({"rlct": 1, "elk": 3})
    assert heading.endswith('<summary>Terms on this page (2)</summary><ol data-part="terms"></ol></details></nav>')
    html = resolve(items, lambda src: "../../" + src.removesuffix(".md") + "/")
    found = re.findall(
        r'<li><a class="term" data-term="(\w+)" href="([^"]+)">([^<]+)</a> <span[^>]*>([^<]+)</span>', html
    )
    assert found == [("rlct", "../../glossary/rlct/", "RLCT", "1 use"), ("elk", "../../glossary/elk/", "ELK", "3 uses")]
    assert popovers().terms_list({}) == ""


def test_links_are_relative_to_the_page_and_terms_inside_are_term_links():
    html = store(["elk"])
    assert '<a class="term" data-term="debate" href="../../glossary/debate/">debate</a>' in html
    assert 'See also: <a class="term" data-term="rlct" href="../../glossary/rlct/">RLCT</a>' in html
    assert '<a href="../../glossary/elk/">Full entry' in html
    assert html.count(" id=") == 1  # the store's own: popovers are copied into the page, ids would repeat


def test_a_term_never_links_to_itself_and_text_is_escaped():
    html = store(["debate"], directory_urls=False)
    body = html.split('data-popover="elk"')[0]
    assert 'data-term="debate"' not in body.split('data-popover="debate"')[1]
    assert 'href="./glossary/elk.html"' in html
    assert "Paper &lt;b&gt;</a> (2020)" in html and "?a=1&amp;b=2" in html  # its authors are on the entry
    assert source_link(AWKWARD[0]).endswith("Paper &lt;b&gt;</a> (A &amp; B, 2020)")


def test_no_terms_no_store():
    assert store([]) == ""
    assert store(["not-a-term"]) == ""


def test_a_definition_links_each_term_once():
    renderer = Renderer(MarkdownConfig(), Matcher(TERMS.values()), entry)
    html, linked = renderer.definition("Unlike ELK, and ELK again.", "debate", frozenset())
    assert html.count('<a class="term" data-term="elk"') == 1
    assert '<span class="term">ELK</span>' in html and linked == {"elk"}  # later: plain text


def test_a_definition_does_not_link_the_terms_it_is_told_to_leave_out():
    renderer = Renderer(MarkdownConfig(), Matcher(TERMS.values()), entry)
    html, linked = renderer.definition("ELK and debate.", "rlct", frozenset({"elk"}))
    assert linked == {"debate"}
    assert 'data-term="elk"' not in html and "<p>ELK and " in html


# How a discussion uses a term: in its popover on that discussion only.


def test_a_use_shows_in_the_popover_on_its_discussion_after_the_definition():
    body = popover(store(["rlct"], page=PAGE), "rlct")
    assert body.index("glossary-popover__definition") < body.index("glossary-popover__use")
    assert body.index("glossary-popover__use") < body.index("glossary-popover__source")
    assert (
        '<div class="glossary-popover__use"><p class="glossary-popover__use-label">In this discussion</p>'
        "<p>In this talk, RLCTs are estimated; see "
    ) in body


def test_a_use_is_not_shown_on_other_pages():
    html = store(["rlct"])
    assert "glossary-popover__use" not in html and "In this discussion" not in html
    assert stored(html) == [("rlct", "")]


def test_the_terms_a_use_links_get_nested_popovers_on_its_discussion_only():
    here = store(["rlct"], page=PAGE)
    assert '<a class="term" data-term="sae" href="../../glossary/sae/">SAE</a>' in popover(here, "rlct")
    assert stored(here) == [("rlct", ""), ("sae", " data-nested")]
    assert 'data-term="rlct"' not in popover(here, "rlct")  # the use does not link its own term either
    assert stored(store(["rlct"])) == [("rlct", "")]


def test_a_term_reached_from_another_shows_its_use_on_that_discussion_too():
    here = store(["elk"], page=PAGE)  # ELK's see_also leads to RLCT
    assert ("rlct", " data-nested") in stored(here)
    assert "In this discussion" in popover(here, "rlct") and "In this discussion" not in popover(here, "elk")


def test_the_terms_linked_by_a_nested_popover_s_use_get_popovers_too():
    # rlct's use links SAE; SAE's popover shows its own use there, which links debate: it must open too
    uses = {**USES, ("sae", PAGE): "Here SAEs are trained to find debate tactics."}
    here = store(["rlct"], page=PAGE, uses=uses)
    assert 'data-term="debate"' in popover(here, "sae")
    assert ("debate", " data-nested") in stored(here)


def test_a_popover_shared_by_pages_reads_on_each_as_if_resolved_there_alone():
    """Resolved once for pages that reach its targets by the same URLs; anew where one differs."""
    shared, made = SharedPieces(), popovers()
    urls = {
        "discussions/a.md": lambda src: "../../" + src.removesuffix(".md") + "/",
        "discussions/b.md": lambda src: "../../" + src.removesuffix(".md") + "/",
        "glossary/elk.md": lambda src: "./" if src == "glossary/elk.md" else "../" + src[9:].removesuffix(".md") + "/",
        "index.md": lambda src: src.removesuffix(".md") + "/",
    }
    for page, url in [*urls.items(), *urls.items()]:
        alone = resolve(made.store(["elk", "rlct"], page, True), url)
        together = made.store(["elk", "rlct"], page, True, each=partial(shared.resolve, page=Resolver(url)))
        assert together == alone and "site:" not in together


def test_a_long_use_shows_its_first_sentences_and_the_way_to_the_rest():
    long_use = {("rlct", PAGE): "RLCTs are estimated here. Then the talk goes on about SAE for a long while."}
    shown = popovers(long_use, previews={("rlct", PAGE): "RLCTs are estimated here."}).store(["rlct"], PAGE, True)
    assert "RLCTs are estimated here." in shown and "goes on about" not in shown
    assert ">Full entry, with the rest of this</a>" in shown
    assert 'data-popover="sae"' not in shown  # only what the popover shows leads to nested popovers
    whole = popovers(long_use).store(["rlct"], PAGE, True)
    assert "goes on about" in whole and ">Full entry: sources and every mention</a>" in whole


def shown_preview(markdown: str, enough: int) -> str | None:
    """The text a popover shows of a use written as `markdown`: its opening, rendered."""
    shown = preview(rendered(markdown), enough)
    return None if shown is None else html_text(shown[0])


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("They build tools (see [Irving et al. 2018](https://x.org)) for this. Then more.", "…for this."),
        ("Tools, e.g. debate, help here. More text.", "Tools, e.g. debate, help here."),
        ("*As a slogan. Not* a claim. More.", "As a slogan. Not a claim."),
        ("_As a slogan. Not_ a claim. More.", "As a slogan. Not a claim."),
        ("“Quoted. Still” ends. Next.", "“Quoted. Still” ends."),
        ('He said "a quote. Still" ends. Next.', 'He said "a quote. Still" ends.'),
        ('He said "it ends here." Next one.', 'He said "it ends here."'),
        ("a) A point (long. Still) ends. Next.", "a) A point (long. Still) ends."),
        ("Read it, e.g. Chapter Three. Then more.", "Read it, e.g. Chapter Three."),
        ("The U.S. Army did. Then more.", "The U.S. Army did."),
        ("See Fig.\u00a03 here. Then more.", "See Fig.\u00a03 here."),
        ("Long enough. élan follows. Then more.", "Long enough. élan follows."),
        ("Short.\n\nA second paragraph. Then more.", "Short."),
        ("A & B agree. Then more.", "A & B agree."),
    ],
)
def test_a_preview_ends_at_a_sentence_never_inside_a_link_quote_or_emphasis(text, first):
    shown = shown_preview(text, 5)
    assert shown is not None and shown.endswith(first.removeprefix("…"))
    assert html_text(rendered(text)).startswith(shown)


def rendered(markdown: str) -> str:
    renderer = Renderer(MarkdownConfig(), Matcher(TERMS.values()), entry)
    return renderer.definition(markdown, "unused", frozenset())[0]


def test_the_preview_counts_the_characters_a_reader_sees_not_the_markup():
    """A link's address is not shown, so it does not count towards the opening's length."""
    text = "See [this](https://example.org/a/very/long/address/that/is/not/shown). Then more words here. A last."
    assert shown_preview(text, 20) == "See this. Then more words here."


def test_a_preview_keeps_the_terms_it_shows_and_only_those():
    shown = preview(rendered("The RLCT is estimated. Then SAE comes up."), 5)
    assert shown is not None and shown[1] == {"rlct"}


@pytest.mark.parametrize(
    "text",
    [
        "# A heading\n\nA paragraph long enough to cut. A second sentence.\n\nMore.",
        "<div>Raw block text here.</div>\n\nA paragraph long enough to cut. Two.\n\nMore.",
        "| a | b |\n|---|---|\n| 1 | 2 |\n\nA paragraph long enough to cut. Two.",
    ],
)
def test_a_use_that_opens_with_what_the_sanitiser_leaves_as_bare_text_is_shown_whole(text):
    """A heading, a raw block or a table is no paragraph to cut: nh3 keeps its words as bare text."""
    config = MarkdownConfig(["tables", "toc", "md_in_html"], {"toc": {"permalink": True}})
    renderer = Renderer(config, Matcher(TERMS.values()), entry)
    assert preview(renderer.definition(text, "unused", frozenset())[0], 5) is None


def test_a_use_of_one_short_paragraph_has_no_preview():
    assert shown_preview("Short.", 5) is None and shown_preview("Short. Then.", 50) is None
