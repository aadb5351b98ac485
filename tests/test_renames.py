"""A renamed term keeps its old addresses: the engine redirects them and its pages hold their targets."""

from pathlib import Path

import pytest

from annotation_engine import Engine, Problem
from annotation_engine.engine import Pages
from factories import PAGE, term_yaml, write_annotations

pytestmark = pytest.mark.unit

NEW = "eliciting-latent-knowledge"
TERMS = {
    f"terms/{NEW}.yml": term_yaml("ELK", "renamed_from: [elk, arc-report]\n"),
    "terms/debate.yml": term_yaml("debate", f"see_also: [{NEW}]\n"),
    "terms/alignment.yml": term_yaml("alignment"),
}
TALK = "# Talk\n\nELK and debate.\n"


def engine_for(tmp_path: Path, *pages: str) -> tuple[Engine, Pages, list[Problem]]:
    """An engine over TERMS for a site of PAGE and `pages`; its pages stage; the problems."""
    problems: list[Problem] = []
    engine = Engine(write_annotations(tmp_path, TERMS), problems.append)
    sources = {PAGE: lambda: TALK} | {page: lambda: "# Mine\n" for page in pages}
    return engine, engine.pages(sources), problems


def test_every_former_id_s_address_redirects_to_the_entry(tmp_path):
    engine, pages, problems = engine_for(tmp_path)
    assert problems == []
    assert engine.catalog.renamed == {"elk": NEW, "arc-report": NEW}
    assert pages.redirects == {
        f"glossary/{NEW}.md": NEW,
        "glossary/elk.md": NEW,
        "glossary/arc-report.md": NEW,
        "glossary/debate.md": "debate",
        "glossary/alignment.md": "alignment",
    }
    page = engine.redirect_html(pages.redirects["glossary/elk.md"], lambda src: "../" + src.removesuffix(".md") + "/")
    assert f'<meta http-equiv="refresh" content="0; url=../glossary/e/#{NEW}">' in page


def test_the_letter_pages_hold_the_former_ids_as_targets_and_moved_links(tmp_path):
    _, site, _ = engine_for(tmp_path)
    pages = site.generated
    targets = (
        '<div id="elk" class="glossary-former-id"></div>\n\n<div id="arc-report" class="glossary-former-id"></div>'
    )
    assert f"{targets}\n\n## ELK {{#{NEW}}}" in pages["glossary/e.md"]
    assert (
        f'<p id="arc-report" class="glossary-moved">The entry “arc-report” is now <a href="site:glossary/e.md#{NEW}">'
    ) in pages["glossary/a.md"]  # its old fragment, on the page of its first letter


def test_a_page_of_the_site_at_a_former_address_is_reported_and_left_as_it_is(tmp_path):
    _, site, problems = engine_for(tmp_path, "glossary/elk.md")
    assert [str(p) for p in problems] == [
        "docs/glossary/elk.md: this path is generated from the annotations. "
        "Fix: move the file, or set extra.annotations.glossary to another folder."
    ]
    assert "glossary/elk.md" not in site.redirects and "glossary/elk.md" not in site.generated
    assert "glossary/arc-report.md" in site.redirects
