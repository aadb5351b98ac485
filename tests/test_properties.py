"""Property-based tests of the linker: for generated documents and term sets, linking keeps the
visible text exactly, gives well-formed HTML, never nests a link in a link, and is idempotent."""

import re
import xml.etree.ElementTree as etree

import markdown
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotation_engine.link import Linking, PageContext, TermLinker, TermLinkExtension
from annotation_engine.match import Matcher
from annotation_engine.model import Source, Term

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
SOURCE = (Source("t", "https://example.org"),)


def terms(forms: list[str], exact: bool | None) -> list[Term]:
    return [Term(f"t{i}", form, "d", SOURCE, f"t{i}.yml", case_sensitive=exact) for i, form in enumerate(forms)]


def render(text: str, linking: Linking | None) -> str:
    extensions = [TermLinkExtension(linking)] if linking else []
    return markdown.Markdown(extensions=extensions).convert(text)


def visible(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


def linking_for(forms: list[str], exact: bool | None) -> Linking:
    linking = Linking(Matcher(terms(forms, exact)), lambda term_id: f"site:glossary/{term_id}.md")
    linking.page = PageContext("discussions/p.md")
    return linking


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
    linking = linking_for(forms, None)
    md = markdown.Markdown()
    root = etree.fromstring(f"<div>{render(text, None)}</div>")
    processor = TermLinker(md, linking)
    processor.run(root)
    once = etree.tostring(root, encoding="unicode")
    processor.run(root)
    assert etree.tostring(root, encoding="unicode") == once
