"""Property-based tests of the linker: for generated documents and term sets, linking keeps the
visible text exactly, gives well-formed HTML, never nests a link in a link, and is idempotent."""

import re
import xml.etree.ElementTree as etree

import markdown
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotation_engine.model import Term
from annotation_engine.page.link import Linking, TermLinker
from annotation_engine.page.match import Matcher
from annotation_engine.page.page_pass import AnnotationExtension
from annotation_engine.page.state import Converting, PageContext, PageState
from factories import term

pytestmark = pytest.mark.unit

WORDS = [
    "ELK",
    "elk",
    "debate",
    "debates",
    "RLCT",
    "RLCTs",
    "C++",
    "(a|b)*",
    "naïve",
    "émigré",
    "عربى",
    "🙂",
    "zero\u200bwidth",
    "goodhart’s",
    "Goodhart's",
    "scalable",
    "oversight",
    "model",
    "models",
]
PIECES = st.one_of(
    st.sampled_from(WORDS),
    st.sampled_from(WORDS).map(lambda w: f"*{w}*"),
    st.sampled_from(WORDS).map(lambda w: f"`{w}`"),
    st.sampled_from(WORDS).map(lambda w: f"[{w}](https://example.org)"),
    st.sampled_from([".", ",", "—", "\n", "\n\n", "\n\n# ", "\n\n- ", "!"]),
)
DOCUMENTS = st.lists(PIECES, min_size=1, max_size=40).map(" ".join)
FORMS = st.lists(
    st.sampled_from([*WORDS, "scalable oversight", "model organisms", "debate club"]),
    min_size=1,
    max_size=6,
    unique=True,
)


def terms(forms: list[str], exact: bool | None) -> list[Term]:
    return [term(f"t{i}", form, case_sensitive=exact) for i, form in enumerate(forms)]


def render(text: str, linked: tuple[Linking, PageContext] | None) -> str:
    if linked is None:
        return markdown.Markdown().convert(text)
    linking, page = linked
    extension = AnnotationExtension(Converting(PageState(page.src_uri, page)), linking=linking)
    return markdown.Markdown(extensions=[extension]).convert(text)


def visible(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


def linking_for(
    forms: list[str], exact: bool | None, excluded: frozenset[str] = frozenset()
) -> tuple[Linking, PageContext]:
    linking = Linking(Matcher(terms(forms, exact)), lambda term_id: f"site:glossary/{term_id}.md")
    return linking, PageContext("discussions/p.md", excluded=excluded)


SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(DOCUMENTS, FORMS, st.sampled_from([None, True, False]))
def test_linking_keeps_the_text_and_the_html_well_formed(text, forms, exact):
    plain, linked = render(text, None), render(text, linking_for(forms, exact))
    assert visible(linked) == visible(plain)
    root = etree.fromstring(f"<root>{linked}</root>")
    assert all(not link.findall(".//a") for link in root.iter("a"))
    ids = [a.get("id") for a in root.iter("a") if a.get("id")]
    assert len(ids) == len(set(ids))


@SETTINGS
@given(DOCUMENTS, FORMS)
def test_linking_twice_changes_nothing(text, forms):
    linking, page = linking_for(forms, None)
    md = markdown.Markdown()
    root = etree.fromstring(f"<div>{render(text, None)}</div>")
    processor = TermLinker(md, linking)
    processor.run(root, PageState(page.src_uri, page))
    once = etree.tostring(root, encoding="unicode")
    processor.run(root, PageState(page.src_uri, page))
    assert etree.tostring(root, encoding="unicode") == once


@SETTINGS
@given(DOCUMENTS, FORMS, st.sets(st.integers(0, 5)))
def test_excluded_terms_are_never_linked_and_the_text_stays(text, forms, left_out):
    excluded = frozenset(f"t{i}" for i in left_out)
    linked_with = linking_for(forms, None, excluded)
    linking = linked_with[0]
    linked = render(text, linked_with)
    assert visible(linked) == visible(render(text, None))
    assert not excluded & {o.term_id for o in linking.occurrences}
    assert not excluded & set(re.findall(r'data-term="([^"]+)"', linked))


@SETTINGS
@given(DOCUMENTS, FORMS, st.sets(st.integers(0, 5)), st.sampled_from([None, True, False]))
def test_excluding_terms_finds_what_a_matcher_without_them_finds(text, forms, left_out, exact):
    every = terms(forms, exact)
    excluded = frozenset(f"t{i}" for i in left_out)
    without = Matcher([t for t in every if t.id not in excluded])
    assert Matcher(every).find(text, excluded) == without.find(text)
