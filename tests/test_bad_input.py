"""A catalogue of broken and hostile inputs, each built in-process as `mkdocs build` does.

Every case must fail `mkdocs build --strict` with a message naming the file (and the line where
there is one) and what to do, and leave the rest of the site building without --strict. A few
run through the real command too, which must print no traceback.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from annotate_cli import main as check
from annotation_engine.site.glossary import letter_of
from conftest import ROOT, build_site, write_site
from factories import TERM_DEBATE, TERM_ELK

pytestmark = pytest.mark.build  # whole-site builds

DOCS = {
    "index.md": "# Home\n",
    "discussions/one.md": "# One\n\nELK and debate. We need about 10x more time, about 10x more time.\n",
}
OK = "term: {name}\ndefinition: d\nsources:\n  - title: t\n    url: {url}\n"
NOTE = "page: discussions/one.md\nquote: {quote}\nkind: {kind}\ntitle: T\nbody: {body}\n"
BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
    for i in range(9)
)

# name: (files under annotations/, expected message). A None path holds raw bytes.
CASES = {
    "YAML syntax": ({"terms/x.yml": "term: X\ndefinition: [unclosed\n"}, "terms/x.yml:3: YAML syntax error"),
    "bad indentation": ({"terms/x.yml": "term: X\n  definition: d\n"}, "terms/x.yml:2: YAML syntax error"),
    "tab indentation": ({"terms/x.yml": "term: X\nsources:\n\t- title: t\n"}, "terms/x.yml:3: YAML syntax error"),
    "list at top level": ({"terms/x.yml": "- term\n- x\n"}, "terms/x.yml:1: the file holds a list, not a mapping"),
    "scalar at top level": ({"terms/x.yml": "just words\n"}, "terms/x.yml:1: the file holds a str"),
    "empty file": ({"terms/x.yml": ""}, "terms/x.yml: the file is empty."),
    "only a comment": ({"terms/x.yml": "# nothing\n"}, "terms/x.yml: the file is empty."),
    "term is a list": (
        {"terms/x.yml": OK.format(name="[X]", url="https://e.org")},
        "terms/x.yml:1: 'term' must be non-empty text, not a list",
    ),
    "definition is a number": (
        {"terms/x.yml": OK.format(name="X", url="https://e.org").replace("d\n", "42\n", 1)},
        "terms/x.yml:2: 'definition' must be non-empty text, not a number",
    ),
    "sources not a list": (
        {"terms/x.yml": "term: X\ndefinition: d\nsources: a book\n"},
        "terms/x.yml:3: 'sources' needs at least one source",
    ),
    "source without url": (
        {"terms/x.yml": "term: X\ndefinition: d\nsources:\n  - title: t\n"},
        "terms/x.yml:4: the required field 'url' is missing",
    ),
    "year as text": (
        {"terms/x.yml": OK.format(name="X", url="https://e.org") + "    year: soon\n"},
        "terms/x.yml:6: 'year' must be a number",
    ),
    "match not a mapping": (
        {"terms/x.yml": OK.format(name="X", url="https://e.org") + "match: yes\n"},
        "terms/x.yml:6: 'match' must be a mapping",
    ),
    "case rule not a boolean": (
        {"terms/x.yml": OK.format(name="X", url="https://e.org") + "match: {case_sensitive: 2}\n"},
        "'case_sensitive' must be true or false",
    ),
    "missing term": (
        {"terms/x.yml": "definition: d\nsources:\n  - {title: t, url: 'https://e.org'}\n"},
        "terms/x.yml:1: the required field 'term' is missing",
    ),
    "missing definition": (
        {"terms/x.yml": "term: X\nsources:\n  - {title: t, url: 'https://e.org'}\n"},
        "the required field 'definition' is missing",
    ),
    "missing sources": (
        {"terms/x.yml": "term: X\ndefinition: d\n"},
        "terms/x.yml:1: 'sources' needs at least one source",
    ),
    "unknown key": (
        {"terms/x.yml": OK.format(name="X", url="https://e.org") + "alias: [Y]\n"},
        "terms/x.yml:6: unknown field 'alias' in a term. Did you mean 'aliases'?",
    ),
    "unknown source key": (
        {"terms/x.yml": OK.format(name="X", url="https://e.org") + "    publisher: P\n"},
        "terms/x.yml:6: unknown field 'publisher' in a source.",
    ),
    "duplicate keys": (
        {"terms/x.yml": OK.format(name="X", url="https://e.org") + "term: Y\n"},
        "terms/x.yml:6: the key 'term' appears twice (first on line 1).",
    ),
    "same term twice": (
        {"terms/x.yml": OK.format(name="elk", url="https://e.org")},
        "terms/x.yml:1: 'elk' would also match 'ELK'",
    ),
    "alias is another term": (
        {"terms/x.yml": OK.format(name="X", url="https://e.org") + "aliases: [Debate]\n"},
        "terms/x.yml:6: 'Debate' would also match 'debate'",
    ),
    "empty alias": (
        {"terms/x.yml": OK.format(name="X", url="https://e.org") + "aliases: ['']\n"},
        "terms/x.yml:6: 'aliases' must be a list of non-empty text items.",
    ),
    "whitespace alias": (
        {"terms/x.yml": OK.format(name="X", url="https://e.org") + "aliases: ['   ']\n"},
        "terms/x.yml:6: 'aliases' must be a list of non-empty text items.",
    ),
    "unknown see-also": (
        {"terms/x.yml": OK.format(name="X", url="https://e.org") + "see_also: [elks]\n"},
        "terms/x.yml:6: see_also names 'elks', which is not a term id. Did you mean 'elk'?",
    ),
    "see-also itself": (
        {"terms/x.yml": OK.format(name="X", url="https://e.org") + "see_also: [x]\n"},
        "see_also names 'x', which is this term itself",
    ),
    "ftp URL": ({"terms/x.yml": OK.format(name="X", url="ftp://e.org/a")}, "terms/x.yml:5: the source URL"),
    "URL without host": ({"terms/x.yml": OK.format(name="X", url="https://")}, "is not an http(s) address"),
    "javascript URL": ({"terms/x.yml": OK.format(name="X", url="'javascript:alert(1)'")}, "is not an http(s) address"),
    "broken IPv6 URL": ({"terms/x.yml": OK.format(name="X", url="'https://[x'")}, "is not an http(s) address"),
    "relative link in a definition": (
        {"terms/x.yml": OK.format(name="X", url="https://e.org").replace("definition: d", "definition: see [y](y.md)")},
        "terms/x.yml:2: the definition links to 'y.md'",
    ),
    "invisible character": (
        {"terms/x.yml": OK.format(name='"E\u200bLK2"', url="https://e.org")},
        "terms/x.yml:1: 'term' contains the invisible character U+200B.",
    ),
    "file name not a slug": (
        {"terms/My Term.yml": OK.format(name="X", url="https://e.org")},
        "terms/My Term.yml: the file name 'My Term' cannot be a term id.",
    ),
    "reserved id": ({"terms/index.yml": OK.format(name="X", url="https://e.org")}, "the file name 'index' cannot be"),
    "not YAML": ({"terms/x.txt": "term: X"}, "terms/x.txt: this file is not YAML"),
    "unknown folder": ({"drafts/x.yml": "term: X"}, "drafts/x.yml: this file is not in a folder the engine reads."),
    "quote matches nothing": (
        {"notes/n.yml": NOTE.format(quote="20x more time", kind="context", body="B")},
        "notes/n.yml:2: the quote matches nothing on discussions/one.md.",
    ),
    "quote matches twice": (
        {"notes/n.yml": NOTE.format(quote="about 10x more time", kind="context", body="B")},
        "notes/n.yml:2: the quote matches 2 places on discussions/one.md.",
    ),
    "note on a missing page": (
        {
            "notes/n.yml": NOTE.format(quote="ELK", kind="context", body="B").replace(
                "discussions/one.md", "discussions/two.md"
            )
        },
        "notes/n.yml:1: 'page' names discussions/two.md",
    ),
    "unknown note kind": (
        {"notes/n.yml": NOTE.format(quote="ELK", kind="gossip", body="B")},
        "notes/n.yml:3: 'kind' is 'gossip'",
    ),
    "list in a note body": (
        {"notes/n.yml": NOTE.format(quote="ELK", kind="context", body="'- a'")},
        "notes/n.yml:5: the body uses <li>, <ul>",
    ),
    "alias bomb": ({"terms/x.yml": BOMB}, "terms/x.yml:1: YAML anchors and aliases"),
    "deep nesting": ({"terms/x.yml": "a: " + "[" * 3000 + "]" * 3000 + "\n"}, "terms/x.yml"),
    "unclosed quote": (
        {"terms/x.yml": 'term: X\ndefinition: "never closed\nsources:\n  - title: t\n    url: https://e.org\n'},
        "terms/x.yml:2: YAML syntax error: the quote opened on this line is never closed",
    ),
    "bare key": ({"terms/x.yml": "term:\ndefinition: d\n"}, "terms/x.yml:1: 'term' is empty."),
    "used_in not a mapping": (
        {"terms/x.yml": OK.format(name="X", url="https://e.org") + "used_in: the thread\n"},
        "terms/x.yml:6: 'used_in' must be a mapping from a discussion's path to a paragraph.",
    ),
    "used_in names no discussion": (
        {"terms/x.yml": OK.format(name="X", url="https://e.org") + "used_in:\n  discussions/onee.md: Here.\n"},
        "terms/x.yml:7: 'used_in' names discussions/onee.md, which is not a discussion. "
        "Did you mean 'discussions/one.md'?",
    ),
    "used_in on a page that is no discussion": (
        {"terms/x.yml": OK.format(name="X", url="https://e.org") + "used_in:\n  index.md: Here.\n"},
        "terms/x.yml:7: 'used_in' names index.md, which is not a discussion.",
    ),
    "used_in empty text": (
        {"terms/x.yml": OK.format(name="X", url="https://e.org") + "used_in:\n  discussions/one.md:\n"},
        "terms/x.yml:7: 'discussions/one.md' is empty.",
    ),
    "used_in where the term is never used": (
        {"terms/x.yml": OK.format(name="Zorblat", url="https://e.org") + "used_in:\n  discussions/one.md: Here.\n"},
        "terms/x.yml:7: 'used_in' says how discussions/one.md uses the term, but it never uses it.",
    ),
    "used_in where the term is not linked": (
        {
            "terms/x.yml": OK.format(name="more time", url="https://e.org")
            + "only_in: [discussions/two.md]\nused_in:\n  discussions/one.md: Here.\n",
            "../docs/discussions/two.md": "# Two\n",
        },
        "'used_in' says how discussions/one.md uses the term, but the term is not linked there (see 'only_in').",
    ),
    "only_in names no discussion": (
        {"terms/x.yml": OK.format(name="X", url="https://e.org") + "only_in: [discussions/two.md]\n"},
        "terms/x.yml:6: 'only_in' names discussions/two.md, which is not a discussion. "
        "Did you mean 'discussions/one.md'?",
    ),
    "only_in not a page": (
        {"terms/x.yml": OK.format(name="X", url="https://e.org") + "only_in: [one]\n"},
        "terms/x.yml:6: 'only_in' names 'one', which is not a Markdown page.",
    ),
    "renamed_from another term's id": (
        {"terms/x.yml": OK.format(name="X", url="https://e.org") + "renamed_from: [elk]\n"},
        "terms/x.yml:6: 'renamed_from' names 'elk', which is already the id of annotations/terms/elk.yml.",
    ),
    "renamed_from not an id": (
        {"terms/x.yml": OK.format(name="X", url="https://e.org") + "renamed_from: [Old Name]\n"},
        "terms/x.yml:6: 'renamed_from' names 'Old Name', which cannot be a term id.",
    ),
    "renamed_from twice": (
        {
            "terms/x.yml": OK.format(name="X", url="https://e.org") + "renamed_from: [old]\n",
            "terms/y.yml": OK.format(name="Y", url="https://e.org") + "renamed_from: [old]\n",
        },
        "terms/y.yml:6: 'renamed_from' names 'old', which is already a former id of 'x'.",
    ),
    "see_also a former id": (
        {
            "terms/x.yml": OK.format(name="X", url="https://e.org") + "renamed_from: [old-x]\n",
            "terms/y.yml": OK.format(name="Y", url="https://e.org") + "see_also: [old-x]\n",
        },
        "terms/y.yml:6: see_also names 'old-x', which was renamed to 'x'. Fix: write 'x' instead.",
    ),
    "see_also a renamed file's name": (
        {
            "terms/y.yml": OK.format(name="Y", url="https://e.org") + "see_also: [zorblat]\n",
            "terms/zorblat-theory.yml": OK.format(name="Zorblat", url="https://e.org"),
        },
        "terms/y.yml:6: see_also names 'zorblat', which is not a term id. Did you mean 'zorblat-theory'?",
    ),
    "exact duplicate alias": (
        {"terms/x.yml": OK.format(name="X", url="https://e.org") + "aliases: [ELK]\n"},
        "terms/x.yml:6: 'ELK' would also match 'ELK' (annotations/terms/elk.yml), as its name, an alias or their "
        "plural. Fix: remove it from one of the two files: a word can link to only one entry.",
    ),
}
# name: (the discussion page discussions/one.md, expected message): its front matter is checked too.
PAGE_CASES = {
    "unknown front matter key": (
        "---\ntitel: One\n---\n\nELK and debate.\n",
        "docs/discussions/one.md:2: unknown field 'titel' in a discussion's front matter. Did you mean 'title'?",
    ),
    "title is a list": (
        "---\ntitle: [One]\n---\n\nELK and debate.\n",
        "docs/discussions/one.md:2: 'title' must be non-empty text, not a list.",
    ),
    "no title at all": ("ELK and debate.\n", "docs/discussions/one.md:1: the discussion has no title."),
    "a heading below the top": (
        "ELK and debate.\n\n# A late heading\n",
        "docs/discussions/one.md:1: the discussion has no title.",
    ),
    "empty front matter": ("---\n---\n\n# One\n\nELK and debate.\n", "docs/discussions/one.md:1: empty front matter"),
    "front matter closed by a rule below": (
        "---\ntitle: One\n\n# One\n\nELK and debate.\n\n---\n\nMore.\n",
        "docs/discussions/one.md:1: the front matter that opens on line 1 is never closed. Fix: add a line '---' "
        "after the front matter's last key (line 2)",
    ),
    "date that is no date": (
        "---\ntitle: One\ndate: soon\n---\n\nELK and debate.\n",
        "docs/discussions/one.md:3: 'date' is 'soon', which is not a date.",
    ),
    "impossible date": (
        "---\ntitle: One\ndate: '2024-02-30'\n---\n\nELK and debate.\n",
        "docs/discussions/one.md:3: 'date' is '2024-02-30', which is not a date.",
    ),
    "link_terms unknown": (
        "---\ntitle: One\nlink_terms: sometimes\n---\n\nELK and debate.\n",
        "docs/discussions/one.md:3: 'link_terms' is 'sometimes'.",
    ),
    "source_url not http": (
        "---\ntitle: One\nsource_url: ftp://e.org/x\n---\n\nELK and debate.\n",
        "docs/discussions/one.md:3: 'source_url' is 'ftp://e.org/x', which is not an http(s) address.",
    ),
    "invalid front matter": (
        "---\ntitle: One\ndescription: a: b\n---\n\nELK and debate.\n",
        "docs/discussions/one.md:3: YAML syntax error",
    ),
    "front matter a list": (
        "---\n- One\n---\n\n# One\n\nELK and debate.\n",
        "docs/discussions/one.md:2: the front matter holds a list, not a mapping of fields.",
    ),
    "a quote inside an HTML element": (
        "# One\n\n/// comment | A\n    id: a\n\nELK and debate.\n\n///\n\n/// comment | B\n    id: b\n\n"
        '<div markdown="1">\n\n//// quote | a\nELK and debate.\n////\n\n</div>\n\n///\n',
        "docs/discussions/one.md:15: this 'quote' block is inside other markup",
    ),
    "a quote inside a raw HTML block": (
        "# One\n\n/// comment | A\n    id: a\n\nELK and debate.\n\n///\n\n/// comment | B\n    id: b\n\n"
        "<div>\n//// quote | a\nELK and debate.\n////\n</div>\n\n///\n",
        "docs/discussions/one.md:14: this 'quote' block is inside other markup",
    ),
    "unclosed front matter": (
        "---\ntitle: One\ndescription: d\n\n# One\n\nELK and debate.\n",
        "docs/discussions/one.md:1: the front matter that opens on line 1 is never closed. Fix: add a line '---' "
        "after the front matter's last key (line 3)",
    ),
}
RAW = {
    "invalid UTF-8": (b"term: X\ndefinition: caf\xe9\n", "terms/x.yml:2: the file is not valid UTF-8"),
    "control character": (b"term: X\ndefinition: a\x0cb\n", "terms/x.yml:2: the file contains the control character"),
    "10 MB file": (b"term: X\ndefinition: " + b"a" * (10 << 20) + b"\n", "terms/x.yml: the file is 10.0 MB"),
}


def mkdocs_strict(site: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "--strict"],
        cwd=site,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def make_site(tmp_path: Path, files: dict[str, str | bytes]) -> Path:
    config = write_site(tmp_path, DOCS, {"elk.yml": TERM_ELK, "debate.yml": TERM_DEBATE})
    for name, content in files.items():
        path = tmp_path / "annotations" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return config


def case_files(case: str) -> tuple[dict[str, str | bytes], str]:
    """The files a case writes (under annotations/; `../docs/…` for a page), and the message it must produce."""
    if case in PAGE_CASES:
        return {"../docs/discussions/one.md": PAGE_CASES[case][0]}, PAGE_CASES[case][1]
    files, expected = ({"terms/x.yml": RAW[case][0]}, RAW[case][1]) if case in RAW else CASES[case]
    return files, f"annotations/{expected}" if expected.startswith(("terms/", "notes/", "drafts/")) else expected


@pytest.mark.parametrize("case", ["YAML syntax", "note on a missing page", "10 MB file"])
def test_the_real_command_fails_with_the_message_and_no_traceback(tmp_path, case):
    files, expected = case_files(case)
    make_site(tmp_path, files)
    strict = mkdocs_strict(tmp_path)
    assert strict.returncode != 0
    assert expected in strict.stderr and "Fix: " in strict.stderr
    assert "Traceback" not in strict.stderr


@pytest.mark.parametrize("case", [*CASES, *RAW, *PAGE_CASES])
def test_each_broken_input_fails_strict_clearly_and_the_rest_still_builds(tmp_path, case):
    """MkDocs writes every page before --strict turns the warnings into a failure, so one strict
    build shows both: the failure with its message, and the rest of the site built around it."""
    files, expected = case_files(case)
    config = make_site(tmp_path, files)

    strict = build_site(config, tmp_path / "site")
    assert not strict.ok
    assert "in strict mode!" in strict.log  # failed for its warnings, not stopped by an error
    assert expected in strict.log and "Fix: " in strict.log
    page = (tmp_path / "site" / "discussions" / "one" / "index.html").read_text(encoding="utf-8")
    assert 'data-term="elk"' in page and 'data-term="debate"' in page


@pytest.mark.parametrize("case", ["YAML syntax", "note on a missing page", *list(PAGE_CASES)[:1]])
def test_make_check_fails_wherever_the_build_does(tmp_path, case, capsys):
    """`make check` is the strict build (tools/annotate_cli.py builds with --strict into a temporary
    folder): a YAML file, a note and a page, each with its message and exit status 1."""
    files, expected = case_files(case)
    config = make_site(tmp_path, files)
    assert check(["check", "-f", str(config)]) == 1
    problems = capsys.readouterr().err
    assert expected in problems and "Fix: " in problems
    assert "Traceback" not in problems


@pytest.mark.parametrize("github_actions", [True, False], ids=["under GitHub Actions", "elsewhere"])
def test_under_github_actions_each_problem_is_also_a_workflow_command_on_its_line(tmp_path, github_actions):
    """GitHub shows `::error file=…,line=…` on that line of the pull request's diff; paths are from the
    repository's root ($GITHUB_WORKSPACE), here the folder above the site's."""
    config = make_site(tmp_path / "site", {"terms/x.yml": "term: X\ndefinition: [unclosed\n"})
    env = {key: value for key, value in os.environ.items() if not key.startswith("GITHUB_")}
    if github_actions:
        env |= {"GITHUB_ACTIONS": "true", "GITHUB_WORKSPACE": str(tmp_path)}
    check = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "annotate_cli.py"), "check", "-f", str(config)],
        capture_output=True,
        text=True,
        env={**env, "NO_MKDOCS_2_WARNING": "1"},
        timeout=120,
    )
    assert check.returncode == 1
    assert "site/annotations/terms/x.yml" not in check.stderr  # the usual message is unchanged
    assert "annotations/terms/x.yml:3: YAML syntax error" in check.stderr
    commands = [line for line in check.stdout.splitlines() if line.startswith("::")]
    if not github_actions:
        assert commands == []
        return
    assert len(commands) == 1
    assert commands[0].startswith(
        "::error file=site/annotations/terms/x.yml,line=3,title=mkdocs build --strict::YAML syntax error"
    )
    assert " Fix: " in commands[0]


def test_the_catalogue_is_at_least_thirty_inputs():
    assert len(CASES) + len(RAW) >= 30


ACCEPTED = {
    "byte-order mark": "\ufeff" + OK.format(name="Zorblat", url="https://e.org"),
    "CRLF line endings": OK.format(name="Zorblat", url="https://e.org").replace("\n", "\r\n"),
    "tabs inside text": OK.format(name="Zorblat", url="https://e.org").replace("definition: d", "definition: a\tb"),
    "regex characters": OK.format(name="'C++'", url="https://e.org") + "aliases: ['(a|b)*', '.*']\n",
    "accents": OK.format(name="naïve émigré", url="https://e.org"),
    "right-to-left": OK.format(name="عربى", url="https://e.org"),
    "emoji": OK.format(name="'🙂 face'", url="https://e.org"),
}
MENTIONS = {
    "byte-order mark": "Zorblat",
    "CRLF line endings": "Zorblat",
    "tabs inside text": "Zorblat",
    "regex characters": "C++",
    "accents": "naïve émigré",
    "right-to-left": "عربى",
    "emoji": "🙂 face",
}


@pytest.mark.parametrize("case", ACCEPTED)
def test_unusual_but_valid_input_builds_and_links(tmp_path, case):
    docs = {**DOCS, "discussions/two.md": f"# Two\n\nHere: {MENTIONS[case]}, and (a|b)* and .* too.\n"}
    config = write_site(tmp_path, docs, {"elk.yml": TERM_ELK, "debate.yml": TERM_DEBATE})
    (tmp_path / "annotations" / "terms" / "x.yml").write_text(ACCEPTED[case], encoding="utf-8", newline="")
    built = build_site(config, tmp_path / "site")
    assert built.ok, built.log
    page = built.html("discussions/two")
    letter = letter_of(MENTIONS[case])
    assert f'data-term="x" href="../../glossary/{letter}/#x" id="mention-x-1">{MENTIONS[case]}</a>' in page
    if case == "regex characters":
        uses = page.count('data-term="x" href') + page.count('data-term="x" id')
        assert uses == 3 + 1  # and its line in the list of terms


def test_terms_in_code_pre_links_headings_comments_attributes_and_scripts_stay_plain(tmp_path):
    text = (
        "# ELK heading\n\n`ELK` and\n\n    ELK in pre\n\n[ELK](https://e.org) "
        '<!-- ELK --> <span title="ELK">x</span>\n\n<script>var ELK;</script>\n\nOnly this ELK links.\n'
    )
    config = write_site(
        tmp_path, {"index.md": "# Home\n", "discussions/one.md": text}, {"elk.yml": TERM_ELK, "debate.yml": TERM_DEBATE}
    )
    built = build_site(config, tmp_path / "site")
    assert built.ok, built.log
    page = (tmp_path / "site" / "discussions" / "one" / "index.html").read_text(encoding="utf-8")
    article = page.split("<article", 1)[1].split("</article>", 1)[0].split('<section id="glossary-popovers"', 1)[0]
    assert article.count('id="mention-elk-') == 1
    assert 'title="ELK"' in article and "var ELK;" in article and "<!-- ELK -->" in article
