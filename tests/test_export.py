"""The glossary as data, in the core: glossary.json's content and each glossary page's JSON-LD."""

import json
import re
from collections import Counter

import pytest
from jsonschema import Draft202012Validator

from annotation_engine.model import Source
from annotation_engine.read.schemas import load
from annotation_engine.refs import ref
from annotation_engine.site.export import Entry, defined_terms, glossary_data, glossary_json, json_ld
from factories import discussion, term

pytestmark = pytest.mark.unit

SCHEMA = load("glossary")
ELK = Entry(
    term("elk", "ELK", "eliciting latent knowledge", see_also=("debate", "gone"), renamed_from=("e-l-k",)),
    '<p>See <a href="site:glossary/d.md#debate">debate</a>.</p>',
    "See debate.",
    ref("glossary/e.md", "elk"),
)
DEBATE = Entry(
    term(
        "debate",
        "debate",
        sources=(Source("AI safety via debate", "https://arxiv.org/abs/1805.00899", "Irving", 2018),),
    ),
    "<p>Two models argue.</p>",
    "Two models argue.",
    ref("glossary/d.md", "debate"),
)
NEW, OLD = discussion("new", "New", "2030-01-01"), discussion("old", "Old", "2020-01-01")
USES = {NEW.src_uri: Counter({"elk": 2}), OLD.src_uri: Counter({"elk": 1, "debate": 3})}


def from_root(src_uri: str) -> str:
    """URLs as MkDocs gives them from the site's root, with directory URLs."""
    page = src_uri.removesuffix(".md")
    return page.removesuffix("index") if page.endswith("/index") else page + "/"


def exported() -> dict:
    return glossary_data([ELK, DEBATE], "glossary/index.md", [NEW, OLD], USES, from_root)


def test_every_term_is_listed_by_id_with_what_its_entry_shows():
    data = exported()
    assert data["$schema"] == "glossary.schema.json" and data["version"] == 1
    assert data["glossary"] == "glossary/"
    assert [t["id"] for t in data["terms"]] == ["debate", "elk"]
    elk = data["terms"][1]
    assert elk == {
        "id": "elk",
        "name": "ELK",
        "aliases": ["eliciting latent knowledge"],
        "definition": "See debate.",
        "definition_html": '<p>See <a href="glossary/d/#debate">debate</a>.</p>',
        "url": "glossary/e/#elk",
        "former_ids": ["e-l-k"],
        "sources": [{"title": "t", "url": "https://example.org"}],
        "see_also": ["debate"],  # "gone" names no term: the entry does not show it either
        "mentions": [
            {"page": "discussions/new.md", "url": "discussions/new/", "title": "New", "count": 2},
            {"page": "discussions/old.md", "url": "discussions/old/", "title": "Old", "count": 1},
        ],
    }
    assert data["terms"][0]["sources"] == [
        {"title": "AI safety via debate", "url": "https://arxiv.org/abs/1805.00899", "authors": "Irving", "year": 2018}
    ]


def test_mentions_follow_the_order_of_discussions_given_and_skip_those_that_never_use_the_term():
    data = glossary_data([DEBATE], "glossary/index.md", [OLD, NEW], USES, from_root)
    assert [(m["title"], m["count"]) for m in data["terms"][0]["mentions"]] == [("Old", 3)]
    again = glossary_data([ELK], "glossary/index.md", [OLD, NEW], USES, from_root)
    assert [m["title"] for m in again["terms"][0]["mentions"]] == ["Old", "New"]


def test_the_export_passes_its_schema_and_the_schema_is_valid():
    Draft202012Validator.check_schema(SCHEMA)
    assert list(Draft202012Validator(SCHEMA).iter_errors(exported())) == []
    empty = glossary_data([], "glossary/index.md", [], {}, from_root)
    assert list(Draft202012Validator(SCHEMA).iter_errors(empty)) == []


def test_the_file_is_the_same_bytes_for_the_same_glossary_whatever_order_the_terms_come_in():
    reordered = glossary_data([DEBATE, ELK], "glossary/index.md", [NEW, OLD], USES, from_root)
    assert glossary_json(reordered) == glossary_json(exported())
    assert glossary_json(exported()).endswith("}\n") and json.loads(glossary_json(exported())) == exported()


def from_letter_e(src_uri: str) -> str:
    """URLs from the page glossary/e/."""
    return "../../" + from_root(src_uri)


def test_a_page_s_terms_are_defined_terms_of_the_glossary_with_absolute_urls():
    data = defined_terms([ELK], "glossary/index.md", from_letter_e, "https://example.org/site/glossary/e/")
    glossary = "https://example.org/site/glossary/"
    assert {k: data[k] for k in ("@context", "@type", "url", "name")} == {
        "@context": "https://schema.org",
        "@type": "DefinedTermSet",
        "url": glossary,
        "name": "Glossary",
    }
    assert data["hasDefinedTerm"] == [
        {
            "@type": "DefinedTerm",
            "@id": "https://example.org/site/glossary/e/#elk",
            "termCode": "elk",
            "name": "ELK",
            "alternateName": ["eliciting latent knowledge"],
            "description": "See debate.",
            "url": "https://example.org/site/glossary/e/#elk",
            "inDefinedTermSet": glossary,
        }
    ]
    assert "alternateName" not in defined_terms([DEBATE], "glossary/index.md", from_letter_e, "")["hasDefinedTerm"][0]


def test_without_the_site_s_address_the_urls_stay_relative_to_the_page():
    data = defined_terms([ELK], "glossary/index.md", from_letter_e, "")
    assert data["url"] == "../../glossary/" and data["hasDefinedTerm"][0]["url"] == "../../glossary/e/#elk"


@pytest.mark.parametrize(
    "text", ["</script><script>window.pwned = 1</script>", "</SCRIPT >", "<!--<script>", "a & b > c"]
)
def test_no_text_can_end_the_script_element_or_open_markup_in_it(text):
    script = json_ld({"description": text, "name": text})
    body = script.removeprefix('<script type="application/ld+json">').removesuffix("</script>")
    assert not re.search("[<>&]", body)
    assert json.loads(body) == {"description": text, "name": text}
